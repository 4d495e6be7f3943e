//! OFAC: the legacy headerless CSV set (`sdn.csv` + `add.csv` + `alt.csv` + `sdn_comments.csv`,
//! and the non-SDN `cons_*.csv` in the same layout), and the SDN names JSON / CSV.
//!
//! Legacy quirks: no header, `-0-` (with a trailing space) for null, a DOS end-of-file byte
//! (0x1A) at the end, and semi-structured remarks ("DOB 09 Feb 1951; POB Gaza, Egypt;
//! nationality Iran; Passport …; a.k.a. 'ABU-'UMAR'.") parsed by [`parse_remarks`].

use super::{csv_issue, csv_record, rec_line, SourceFile};
use crate::lists::country::push_country;
use crate::lists::text::{clean, date_from_name, decode_text, push_unique};
use crate::lists::{content_hash, ImportError, ImportIssue, Imported, List};
use crate::screening::{EntityKind, Entry, ListMeta};
use std::collections::HashMap;

/// The files of one OFAC legacy set; only `main` is required.
#[derive(Clone, Copy, Debug, Default)]
pub struct LegacySet<'a> {
    pub main: Option<SourceFile<'a>>,
    pub add: Option<SourceFile<'a>>,
    pub alt: Option<SourceFile<'a>>,
    pub comments: Option<SourceFile<'a>>,
}

fn null(s: &str) -> &str {
    let t = s.trim();
    if t == "-0-" {
        ""
    } else {
        t
    }
}

/// OFAC's `sdnType` (legacy CSV and XML alike): a blank type is an entity.
pub(super) fn kind_of(t: &str) -> EntityKind {
    match t.trim().to_ascii_lowercase().as_str() {
        "individual" => EntityKind::Person,
        "vessel" => EntityKind::Vessel,
        "aircraft" => EntityKind::Aircraft,
        _ => EntityKind::Organization,
    }
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// "09 Feb 1951" → "1951-02-09"; "Feb 1951" → "1951-02"; "1951" → "1951"; ranges and
/// "circa" forms are kept as written.
pub fn ofac_date(s: &str) -> String {
    let parts: Vec<&str> = s.split_whitespace().collect();
    let month = |m: &str| MONTHS.iter().position(|x| m.to_ascii_lowercase().starts_with(x)).map(|i| i + 1);
    let year = |y: &str| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [d, m, y] if year(y) && d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit()) => match month(m) {
            Some(mi) => format!("{y}-{mi:02}-{d:0>2}"),
            None => s.trim().to_string(),
        },
        [m, y] if year(y) => match month(m) {
            Some(mi) => format!("{y}-{mi:02}"),
            None => s.trim().to_string(),
        },
        _ => s.trim().to_string(),
    }
}

/// What the remarks field says beyond free text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Remarks {
    pub weak_aliases: Vec<String>,
    pub dates_of_birth: Vec<String>,
    /// Raw nationality / citizenship names.
    pub nationalities: Vec<String>,
    pub places_of_birth: Vec<String>,
    /// "Passport 92/664 (Egypt)", "National ID No. …", "SSN …".
    pub ids: Vec<String>,
    pub linked_to: Vec<String>,
    /// Everything else, in order.
    pub other: Vec<String>,
}

const ID_PREFIXES: &[&str] = &[
    "passport",
    "national id",
    "cedula",
    "ssn",
    "nit #",
    "tax id",
    "registration id",
    "identification number",
    "d.n.i.",
    "rfc",
    "curp",
    "c.u.i.t.",
    "ruc",
    "vessel registration",
    "imo",
    "mmsi",
    "aircraft",
    "swift/bic",
    "email address",
    "website",
    "phone",
    "digital currency address",
    "business registration",
    "residency number",
    "driver's license",
    "personal id",
    "birth certificate",
    "citizen's card",
    "legal entity number",
    "uk company",
    "company number",
    "kenyan id",
    "trade license",
    "public registration",
    "registration number",
    "organization established",
    "folio mercantil",
    "matricula mercantil",
    "electoral registry",
    "stateless person",
    "refugee id",
];

/// Parses OFAC remarks: items separated by ';'.
pub fn parse_remarks(remarks: &str) -> Remarks {
    let mut r = Remarks::default();
    for item in split_items(remarks) {
        let item = item.trim().trim_end_matches('.').trim();
        if item.is_empty() {
            continue;
        }
        let low = item.to_ascii_lowercase();
        if low.starts_with("a.k.a.") || low.starts_with("f.k.a.") || low.starts_with("n.k.a.") {
            let v = item[6..].trim().trim_matches(|c| c == '\'' || c == '"' || c == ' ');
            push_unique(&mut r.weak_aliases, v);
        } else if let Some(v) = low.strip_prefix("dob ") {
            let _ = v;
            push_unique(&mut r.dates_of_birth, &ofac_date(&item[4..]));
        } else if low.starts_with("pob ") {
            push_unique(&mut r.places_of_birth, &item[4..]);
        } else if let Some(v) = strip_ci(item, "nationality ").or_else(|| strip_ci(item, "citizen ")) {
            push_unique(&mut r.nationalities, v);
        } else if let Some(v) = strip_ci(item, "linked to:") {
            push_unique(&mut r.linked_to, v);
        } else if ID_PREFIXES.iter().any(|p| low.starts_with(p)) {
            push_unique(&mut r.ids, item);
        } else {
            push_unique(&mut r.other, item);
        }
    }
    r
}

fn strip_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    if s.len() >= prefix.len() && s.is_char_boundary(prefix.len()) && s[..prefix.len()].eq_ignore_ascii_case(prefix) {
        Some(s[prefix.len()..].trim())
    } else {
        None
    }
}

/// Splits on ';' outside single-quoted a.k.a. names.
fn split_items(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_quote = false;
    let b = s.as_bytes();
    for i in 0..b.len() {
        match b[i] {
            // A quote opens after "a.k.a. " and closes before ';' / '.' / end.
            b'\'' if !in_quote && i >= 7 && s[..i].to_ascii_lowercase().ends_with(".k.a. ") => in_quote = true,
            b'\'' if in_quote && matches!(b.get(i + 1), None | Some(b';') | Some(b'.')) => in_quote = false,
            b';' if !in_quote => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

fn reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes())
}

/// Imports an OFAC legacy set (SDN when `cons` is false, the non-SDN consolidated list otherwise).
pub fn import_legacy(set: &LegacySet<'_>, cons: bool) -> Result<Imported, ImportError> {
    let main = set.main.ok_or_else(|| {
        let f = set.add.or(set.alt).or(set.comments).map(|f| f.name).unwrap_or("OFAC set");
        ImportError::new(
            f,
            0,
            "an OFAC add/alt/comments file needs its main file (sdn.csv or cons_prim.csv) in the same import",
        )
    })?;
    let mut issues = Vec::new();
    let text = decode_text(main.data);
    let mut entries: Vec<Entry> = Vec::new();
    let mut by_num: HashMap<String, usize> = HashMap::new();
    let mut remarks_raw: Vec<String> = Vec::new();
    for rec in reader(&text).records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                issues.push(csv_issue(main.name, &e));
                continue;
            }
        };
        let line = rec_line(&rec);
        if rec.len() == 1 && rec.get(0).is_some_and(|s| s.trim().is_empty()) {
            continue;
        }
        if rec.len() < 12 {
            issues.push(ImportIssue {
                file: main.name.into(),
                line,
                reason: format!("expected 12 fields (ent_num … remarks), found {}", rec.len()),
            });
            continue;
        }
        let num = null(&rec[0]).to_string();
        let name = clean(null(&rec[1]));
        if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) || name.is_empty() {
            issues.push(ImportIssue { file: main.name.into(), line, reason: "missing entity number or name".into() });
            continue;
        }
        let mut e = Entry { id: num.clone(), kind: kind_of(null(&rec[2])), name, ..Entry::default() };
        for p in null(&rec[3]).split("] [") {
            push_unique(&mut e.programs, p.trim_matches(|c| c == '[' || c == ']' || c == ' '));
        }
        let mut fields = crate::screening::Fields::new();
        for (i, k) in [
            (4, "title"),
            (5, "call_sign"),
            (6, "vessel_type"),
            (7, "tonnage"),
            (8, "grt"),
            (9, "vessel_flag"),
            (10, "vessel_owner"),
        ] {
            let v = clean(null(&rec[i]));
            if !v.is_empty() {
                fields.insert(k.to_string(), v);
            }
        }
        e.fields = fields;
        by_num.insert(num, entries.len());
        remarks_raw.push(null(&rec[11]).to_string());
        entries.push(e);
    }
    if entries.is_empty() {
        return Err(ImportError::new(
            main.name,
            1,
            "no OFAC records found (expected 12-column sdn.csv / cons_prim.csv)",
        ));
    }
    if let Some(f) = set.comments {
        let t = decode_text(f.data);
        for rec in reader(&t).records() {
            match rec {
                Ok(r) if r.len() >= 2 => match by_num.get(null(&r[0])) {
                    Some(&i) => {
                        // The overflow continues the remarks text.
                        remarks_raw[i].push_str(null(&r[1]));
                    }
                    None => issues.push(ImportIssue {
                        file: f.name.into(),
                        line: rec_line(&r),
                        reason: format!("comment for unknown entity number {}", null(&r[0])),
                    }),
                },
                Ok(r) if r.len() == 1 && r[0].trim().is_empty() => {}
                Ok(r) => issues.push(ImportIssue {
                    file: f.name.into(),
                    line: rec_line(&r),
                    reason: "expected 2 fields".into(),
                }),
                Err(e) => issues.push(csv_issue(f.name, &e)),
            }
        }
    }
    for (e, raw) in entries.iter_mut().zip(&remarks_raw) {
        if raw.is_empty() {
            continue;
        }
        let r = parse_remarks(raw);
        e.weak_aliases = r.weak_aliases;
        e.dates_of_birth = r.dates_of_birth;
        for n in &r.nationalities {
            push_country(&mut e.countries, n.split('(').next().unwrap_or(n));
        }
        for (k, v) in [
            ("nationality", &r.nationalities),
            ("place_of_birth", &r.places_of_birth),
            ("ids", &r.ids),
            ("linked_to", &r.linked_to),
        ] {
            if !v.is_empty() {
                e.fields.insert(k.to_string(), v.join("; "));
            }
        }
        e.fields.insert("remarks".into(), clean(raw));
    }
    if let Some(f) = set.alt {
        apply_alt(&mut entries, &by_num, &f, &mut issues);
    }
    if let Some(f) = set.add {
        apply_add(&mut entries, &by_num, &f, &mut issues);
    }
    let mut parts: Vec<&[u8]> = vec![main.data];
    for f in [set.add, set.alt, set.comments].into_iter().flatten() {
        parts.push(f.data);
    }
    let (id, name, url) = if cons {
        (
            "us_nonsdn",
            "OFAC Consolidated (non-SDN) Sanctions List",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_PRIM.CSV",
        )
    } else {
        (
            "us_sdn",
            "OFAC Specially Designated Nationals and Blocked Persons List",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV",
        )
    };
    Ok(Imported {
        list: List {
            meta: ListMeta {
                id: id.into(),
                name: name.into(),
                publisher: "U.S. Department of the Treasury, Office of Foreign Assets Control".into(),
                url: url.into(),
                date: date_from_name(main.name),
                entries: entries.len(),
                hash: content_hash(&parts),
                licence: "US Government work, public domain (17 U.S.C. 105)".into(),
                legal_basis: if cons { super::ofac_xml::NONSDN_LEGAL_BASIS } else { super::ofac_xml::SDN_LEGAL_BASIS }
                    .into(),
            },
            entries,
        },
        issues,
    })
}

/// Joins a legacy side file (`alt.csv`, `add.csv`) into entries by its first field, OFAC's
/// entity number. A record with at least `fields.len() - 1` fields is handed to `apply` (the
/// trailing remarks column may be missing); a record for an unknown entity number, or a short
/// one, is an issue naming the file, the line and, for short records, the fields expected.
fn join_by_entity_number(
    entries: &mut [Entry],
    by_num: &HashMap<String, usize>,
    f: &SourceFile<'_>,
    issues: &mut Vec<ImportIssue>,
    (what, fields): (&str, &[&str]),
    mut apply: impl FnMut(&mut Entry, &csv::StringRecord),
) {
    let t = decode_text(f.data);
    for rec in reader(&t).records() {
        match rec {
            Ok(r) if r.len() + 1 >= fields.len() => match by_num.get(null(&r[0])) {
                Some(&i) => apply(&mut entries[i], &r),
                None => issues.push(ImportIssue {
                    file: f.name.into(),
                    line: rec_line(&r),
                    reason: format!("{what} for unknown entity number {}", null(&r[0])),
                }),
            },
            Ok(r) if r.len() == 1 && r[0].trim().is_empty() => {}
            Ok(r) => issues.push(ImportIssue {
                file: f.name.into(),
                line: rec_line(&r),
                reason: format!("expected {} fields ({}), found {}", fields.len(), fields.join(", "), r.len()),
            }),
            Err(e) => issues.push(csv_issue(f.name, &e)),
        }
    }
}

/// Joins an `alt.csv` into entries by entity number: each alias is added to its entry.
fn apply_alt(
    entries: &mut [Entry],
    by_num: &HashMap<String, usize>,
    f: &SourceFile<'_>,
    issues: &mut Vec<ImportIssue>,
) {
    let fields: &[&str] = &["ent_num", "alt_num", "type", "name", "remarks"];
    join_by_entity_number(entries, by_num, f, issues, ("alias", fields), |e, r| {
        push_unique(&mut e.aliases, &clean(null(&r[3])));
    });
}

/// Joins an `add.csv` into entries by entity number: address text and its country.
fn apply_add(
    entries: &mut [Entry],
    by_num: &HashMap<String, usize>,
    f: &SourceFile<'_>,
    issues: &mut Vec<ImportIssue>,
) {
    let fields: &[&str] = &["ent_num", "add_num", "address", "city", "country", "remarks"];
    join_by_entity_number(entries, by_num, f, issues, ("address", fields), |e, r| {
        let parts: Vec<String> = [2, 3, 4].iter().map(|&k| clean(null(&r[k]))).filter(|s| !s.is_empty()).collect();
        if !parts.is_empty() {
            push_unique(&mut e.addresses, &parts.join(", "));
        }
        push_country(&mut e.countries, null(&r[4]));
    });
}

/// Joins a legacy set into an SDN list read from another format with the same entity numbers
/// (the SDN names JSON / CSV, whose `uid` is OFAC's `ent_num`), so one import can combine the
/// current names file with the legacy files that carry more: `add.csv` adds addresses and their
/// countries, `alt.csv` aliases, and `sdn.csv` (+ `sdn_comments.csv`) the facts of its remarks —
/// dates of birth, nationalities (as countries), places of birth, ID numbers, weak a.k.a.s, vessel
/// details — for the entity numbers both files have. The names file's names, programmes and date
/// stay. Records for entity numbers the list does not have (delisted since, or a different date)
/// are counted in one issue per file, not one per line.
pub fn join_parts(imp: &mut Imported, set: &LegacySet<'_>) -> Result<(), ImportError> {
    let by_num: HashMap<String, usize> = imp.list.entries.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
    let mut hash_parts: Vec<Vec<u8>> = vec![imp.list.meta.hash.as_bytes().to_vec()];
    let summary = |f: &SourceFile<'_>, unknown: &[ImportIssue]| -> Option<ImportIssue> {
        unknown.first().map(|first| ImportIssue {
            file: f.name.into(),
            line: first.line,
            reason: format!(
                "{} records for entity numbers not in the list (first at line {}) skipped",
                unknown.len(),
                first.line
            ),
        })
    };
    if let Some(main) = set.main {
        let legacy =
            import_legacy(&LegacySet { main: Some(main), comments: set.comments, add: None, alt: None }, false)?;
        hash_parts.push(main.data.to_vec());
        if let Some(c) = set.comments {
            hash_parts.push(c.data.to_vec());
        }
        imp.issues.extend(legacy.issues);
        let mut unknown = Vec::new();
        for le in legacy.list.entries {
            let Some(&i) = by_num.get(&le.id) else {
                unknown.push(ImportIssue { file: main.name.into(), line: 0, reason: le.id });
                continue;
            };
            let e = &mut imp.list.entries[i];
            for d in &le.dates_of_birth {
                push_unique(&mut e.dates_of_birth, d);
            }
            for c in le.countries {
                if !e.countries.contains(&c) {
                    e.countries.push(c);
                }
            }
            for w in &le.weak_aliases {
                if w != &e.name && !e.aliases.contains(w) {
                    push_unique(&mut e.weak_aliases, w);
                }
            }
            for (k, v) in le.fields {
                e.fields.insert_if_absent(k, v);
            }
        }
        if !unknown.is_empty() {
            imp.issues.push(ImportIssue {
                file: main.name.into(),
                line: 0,
                reason: format!(
                    "{} entity numbers not in the list (delisted since?) skipped, e.g. {}",
                    unknown.len(),
                    unknown.iter().take(3).map(|u| u.reason.as_str()).collect::<Vec<_>>().join(", ")
                ),
            });
        }
    }
    for (f, is_add) in [(set.alt, false), (set.add, true)] {
        let Some(f) = f else { continue };
        hash_parts.push(f.data.to_vec());
        let mut issues = Vec::new();
        if is_add {
            apply_add(&mut imp.list.entries, &by_num, &f, &mut issues);
        } else {
            apply_alt(&mut imp.list.entries, &by_num, &f, &mut issues);
        }
        let (unknown, other): (Vec<ImportIssue>, Vec<ImportIssue>) =
            issues.into_iter().partition(|i| i.reason.contains("unknown entity number"));
        imp.issues.extend(other);
        imp.issues.extend(summary(&f, &unknown));
    }
    let refs: Vec<&[u8]> = hash_parts.iter().map(Vec::as_slice).collect();
    imp.list.meta.hash = content_hash(&refs);
    Ok(())
}

fn sdn_names_meta(date: String, n: usize, hash: String) -> ListMeta {
    ListMeta {
        id: "us_sdn".into(),
        name: "OFAC Specially Designated Nationals and Blocked Persons List".into(),
        publisher: "U.S. Department of the Treasury, Office of Foreign Assets Control".into(),
        url: "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV".into(),
        date,
        entries: n,
        hash,
        licence: "US Government work, public domain (17 U.S.C. 105)".into(),
        legal_basis: super::ofac_xml::SDN_LEGAL_BASIS.into(),
    }
}

/// Imports the SDN names JSON (`{published, entries: [{uid, name, type, programs, alternateNames}]}`).
pub fn import_names_json(file: &str, data: &[u8]) -> Result<Imported, ImportError> {
    let v: serde_json::Value =
        serde_json::from_slice(data).map_err(|e| ImportError::new(file, e.line(), format!("invalid JSON: {e}")))?;
    let arr =
        v.get("entries").and_then(|e| e.as_array()).ok_or_else(|| ImportError::new(file, 0, "no \"entries\" array"))?;
    let mut entries = Vec::with_capacity(arr.len());
    let mut issues = Vec::new();
    let strs = |x: Option<&serde_json::Value>| -> Vec<String> {
        x.and_then(|a| a.as_array())
            .map(|a| a.iter().filter_map(|s| s.as_str()).map(clean).filter(|s| !s.is_empty()).collect())
            .unwrap_or_default()
    };
    for (i, r) in arr.iter().enumerate() {
        let uid = match r.get("uid") {
            Some(serde_json::Value::Number(n)) => n.to_string(),
            Some(serde_json::Value::String(s)) => s.trim().to_string(),
            _ => String::new(),
        };
        let name = r.get("name").and_then(|n| n.as_str()).map(clean).unwrap_or_default();
        if uid.is_empty() || name.is_empty() {
            issues.push(ImportIssue {
                file: file.into(),
                line: 0,
                reason: format!("entries[{i}]: missing uid or name"),
            });
            continue;
        }
        let mut e = Entry {
            id: uid,
            kind: kind_of(r.get("type").and_then(|t| t.as_str()).unwrap_or("")),
            name,
            programs: strs(r.get("programs")),
            ..Entry::default()
        };
        for a in strs(r.get("alternateNames")) {
            push_unique(&mut e.aliases, &a);
        }
        entries.push(e);
    }
    let date = v.get("published").and_then(|d| d.as_str()).map(str::to_string).unwrap_or_else(|| date_from_name(file));
    Ok(Imported { list: List { meta: sdn_names_meta(date, entries.len(), content_hash(&[data])), entries }, issues })
}

/// Imports the SDN names CSV (`uid,name,type,programs,alternate_names`, lists joined by "; ").
pub fn import_names_csv(file: &str, data: &[u8]) -> Result<Imported, ImportError> {
    let text = decode_text(data);
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let mut entries = Vec::new();
    let mut issues = Vec::new();
    for rec in rdr.records() {
        let Some((r, line)) = csv_record(file, rec, &mut issues) else { continue };
        if r.len() < 5 {
            issues.push(ImportIssue {
                file: file.into(),
                line,
                reason: format!("expected 5 fields, found {}", r.len()),
            });
            continue;
        }
        let name = clean(&r[1]);
        if r[0].trim().is_empty() || name.is_empty() {
            issues.push(ImportIssue { file: file.into(), line, reason: "missing uid or name".into() });
            continue;
        }
        let mut e = Entry { id: r[0].trim().to_string(), kind: kind_of(&r[2]), name, ..Entry::default() };
        for p in r[3].split(';') {
            push_unique(&mut e.programs, p);
        }
        for a in r[4].split("; ") {
            push_unique(&mut e.aliases, a);
        }
        entries.push(e);
    }
    Ok(Imported {
        list: List { meta: sdn_names_meta(date_from_name(file), entries.len(), content_hash(&[data])), entries },
        issues,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remarks_are_parsed() {
        let r = parse_remarks("DOB 09 Feb 1951; POB Gaza, Egypt; Passport 92/664 (Egypt); nationality Iran; Linked To: FOO S.A.; Political Leader; a.k.a. 'ABU-'UMAR'.");
        assert_eq!(r.dates_of_birth, vec!["1951-02-09"]);
        assert_eq!(r.places_of_birth, vec!["Gaza, Egypt"]);
        assert_eq!(r.ids, vec!["Passport 92/664 (Egypt)"]);
        assert_eq!(r.nationalities, vec!["Iran"]);
        assert_eq!(r.linked_to, vec!["FOO S.A"]);
        assert_eq!(r.weak_aliases, vec!["ABU-'UMAR"]);
        assert_eq!(r.other, vec!["Political Leader"]);
        assert_eq!(ofac_date("1960"), "1960");
        assert_eq!(ofac_date("Mar 1966"), "1966-03");
        assert_eq!(ofac_date("circa 1960"), "circa 1960");
    }
}
