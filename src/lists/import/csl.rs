//! trade.gov Consolidated Screening List: the 29-column CSV (anchors §4.2) and the JSON
//! (`results[]`). One file holds many source lists; each becomes its own [`List`], keyed
//! like the official imports (`us_sdn`, `us_entity_list`, `us_dpl`, …) so the same rules apply.
//!
//! Alias delimiters differ per source: "; " for Treasury lists, "; and" before the last alias
//! on the Entity List, ", " on ISN; DTC aliases sit in the name as "(a.k.a. …)".

use crate::lists::country::push_country;
use crate::lists::text::{clean, date_from_name, decode_text, max_date, push_unique};
use crate::lists::{content_hash, ImportError, ImportIssue, Imported, List};
use crate::screening::{EntityKind, Entry, ListMeta};
use serde_json::Value;
use std::collections::BTreeMap;

/// The 29 CSV columns in order.
pub const COLUMNS: [&str; 29] = [
    "_id",
    "source",
    "entity_number",
    "type",
    "programs",
    "name",
    "title",
    "addresses",
    "federal_register_notice",
    "start_date",
    "end_date",
    "standard_order",
    "license_requirement",
    "license_policy",
    "call_sign",
    "vessel_type",
    "gross_tonnage",
    "gross_registered_tonnage",
    "vessel_flag",
    "vessel_owner",
    "remarks",
    "source_list_url",
    "alt_names",
    "citizenships",
    "dates_of_birth",
    "nationalities",
    "places_of_birth",
    "source_information_url",
    "ids",
];

/// CSL source name → (list id, display name).
fn source_id(source: &str) -> (&'static str, &'static str) {
    const MAP: &[(&str, &str, &str)] = &[
        ("(SDN)", "us_sdn", "OFAC Specially Designated Nationals and Blocked Persons List"),
        ("(EL)", "us_entity_list", "Entity List"),
        ("(UVL)", "us_uvl", "Unverified List"),
        ("(MEU)", "us_meu", "Military End-User List"),
        ("(DPL)", "us_dpl", "Denied Persons List"),
        ("(ISN)", "us_isn", "Nonproliferation Sanctions (State Department)"),
        ("(DTC)", "us_ddtc_debarred", "ITAR Debarred Parties (State Department)"),
        ("(SSI)", "us_ssi", "Sectoral Sanctions Identifications List"),
        ("(FSE)", "us_fse", "Foreign Sanctions Evaders List"),
        ("(PLC)", "us_plc", "Palestinian Legislative Council List"),
        ("(CAP)", "us_cap", "CAPTA List"),
        ("MBS", "us_mbs", "Non-SDN Menu-Based Sanctions List"),
        ("(CMIC)", "us_cmic", "Non-SDN Chinese Military-Industrial Complex Companies List"),
    ];
    MAP.iter()
        .find(|(k, _, _)| source.contains(k))
        .map(|(_, id, n)| (*id, *n))
        .unwrap_or(("us_csl_other", "Other CSL source"))
}

fn kind_of(t: &str) -> EntityKind {
    match t.trim().to_ascii_lowercase().as_str() {
        "individual" => EntityKind::Person,
        "entity" => EntityKind::Organization,
        "vessel" => EntityKind::Vessel,
        "aircraft" => EntityKind::Aircraft,
        _ => EntityKind::Unknown,
    }
}

/// Splits the alt_names column by the source's delimiter.
fn split_aliases(list_id: &str, s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let parts: Vec<&str> = if list_id == "us_isn" { s.split(", ").collect() } else { s.split(';').collect() };
    for p in parts {
        let p = p.trim();
        let p = p.strip_prefix("and ").unwrap_or(p);
        push_unique(&mut out, p.trim_end_matches('.'));
    }
    out
}

/// One record as named values (CSV row or JSON object), turned into an entry.
struct Rec {
    get: BTreeMap<&'static str, Vec<String>>,
}

impl Rec {
    fn one(&self, k: &str) -> String {
        self.get.get(k).and_then(|v| v.first()).map(|s| clean(s)).unwrap_or_default()
    }
    fn many(&self, k: &str) -> &[String] {
        self.get.get(k).map(Vec::as_slice).unwrap_or(&[])
    }
}

fn to_entry(r: &Rec, list_id: &str) -> Result<Entry, String> {
    let mut name = r.one("name");
    if name.is_empty() {
        return Err("record without a name".into());
    }
    let mut aliases = Vec::new();
    // DTC: "NAME (a.k.a. OTHER NAME)".
    if let Some(p) = name.to_ascii_lowercase().find("(a.k.a.") {
        let inner = name[p + 7..].trim_end_matches(')').to_string();
        for a in inner.split(';') {
            push_unique(&mut aliases, a.trim());
        }
        name = clean(&name[..p]);
    }
    for a in r.many("alt_names") {
        for x in split_aliases(list_id, a) {
            push_unique(&mut aliases, &x);
        }
    }
    let id = {
        let n = r.one("entity_number");
        if n.is_empty() {
            r.one("_id")
        } else {
            n
        }
    };
    let mut e = Entry { id, kind: kind_of(&r.one("type")), name, aliases, ..Entry::default() };
    for p in r.many("programs") {
        for x in p.split(';') {
            push_unique(&mut e.programs, x);
        }
    }
    for a in r.many("addresses") {
        push_unique(&mut e.addresses, a);
        if let Some(last) = a.rsplit(',').next() {
            push_country(&mut e.countries, last);
        }
    }
    for k in ["nationalities", "citizenships"] {
        for c in r.many(k) {
            push_country(&mut e.countries, c);
        }
    }
    for d in r.many("dates_of_birth") {
        push_unique(&mut e.dates_of_birth, d);
    }
    for (k, f) in [
        ("federal_register_notice", "federal_register"),
        ("start_date", "start_date"),
        ("end_date", "end_date"),
        ("standard_order", "standard_order"),
        ("license_requirement", "license_requirement"),
        ("license_policy", "license_policy"),
        ("title", "title"),
        ("call_sign", "call_sign"),
        ("vessel_type", "vessel_type"),
        ("vessel_flag", "vessel_flag"),
        ("vessel_owner", "vessel_owner"),
        ("remarks", "remarks"),
        ("places_of_birth", "place_of_birth"),
        ("ids", "ids"),
        ("source_list_url", "source_list_url"),
    ] {
        let v = r.many(k).iter().map(|s| clean(s)).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("; ");
        if !v.is_empty() {
            e.fields.insert(f.to_string(), v);
        }
    }
    if e.id.is_empty() {
        return Err(format!("\"{}\": no _id or entity_number", e.name));
    }
    Ok(e)
}

/// One source list being collected: display name, entries, issues, start dates.
type Slot = (&'static str, Vec<Entry>, Vec<ImportIssue>, Vec<String>);

/// Collects entries per source list and builds the lists.
struct Builder {
    file: String,
    hash: String,
    order: Vec<&'static str>,
    lists: BTreeMap<&'static str, Slot>,
    loose_issues: Vec<ImportIssue>,
}

impl Builder {
    fn new(file: &str, data: &[u8]) -> Self {
        Builder {
            file: file.into(),
            hash: content_hash(&[data]),
            order: Vec::new(),
            lists: BTreeMap::new(),
            loose_issues: Vec::new(),
        }
    }
    fn add(&mut self, source: &str, r: &Rec, line: usize) {
        let (id, name) = source_id(source);
        if !self.lists.contains_key(id) {
            self.order.push(id);
        }
        let slot = self.lists.entry(id).or_insert_with(|| (name, Vec::new(), Vec::new(), Vec::new()));
        match to_entry(r, id) {
            Ok(e) => {
                if let Some(d) = e.fields.get("start_date") {
                    slot.3.push(d.clone());
                }
                slot.1.push(e);
            }
            Err(reason) => slot.2.push(ImportIssue { file: self.file.clone(), line, reason }),
        }
    }
    fn finish(mut self, date_hint: &str) -> Vec<Imported> {
        let mut out = Vec::new();
        for id in self.order.clone() {
            let Some((name, entries, mut issues, dates)) = self.lists.remove(id) else { continue };
            if out.is_empty() {
                issues.splice(0..0, std::mem::take(&mut self.loose_issues));
            }
            let date =
                if date_hint.is_empty() { max_date(dates.iter().map(String::as_str)) } else { date_hint.to_string() };
            out.push(Imported {
                list: List {
                    meta: ListMeta {
                        id: id.into(),
                        name: format!("{name} (via Consolidated Screening List)"),
                        publisher: "U.S. Department of Commerce, International Trade Administration (Consolidated Screening List)".into(),
                        url: "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv".into(),
                        date,
                        entries: entries.len(),
                        hash: self.hash.clone(),
                        licence: "US Government work, public domain (17 U.S.C. 105)".into(),
                        legal_basis: String::new(),
                    },
                    entries,
                },
                issues,
            });
        }
        out
    }
}

/// Imports the 29-column CSL CSV (a repeated header row is skipped and reported).
pub fn import_csv(file: &str, data: &[u8]) -> Result<Vec<Imported>, ImportError> {
    let text = decode_text(data);
    let mut rdr = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut b = Builder::new(file, data);
    let mut header: Option<Vec<String>> = None;
    for rec in rdr.records() {
        let Some((rec, line)) = super::csv_record(file, rec, &mut b.loose_issues) else { continue };
        let Some(h) = &header else {
            let h: Vec<String> = rec.iter().map(|s| s.trim().to_string()).collect();
            if !h.iter().any(|c| c == "name") || !h.iter().any(|c| c == "source") {
                return Err(ImportError::new(file, line, "not a CSL CSV: header lacks \"source\" and \"name\""));
            }
            header = Some(h);
            continue;
        };
        if rec.iter().zip(h.iter()).all(|(a, b)| a.trim() == b) {
            b.loose_issues.push(ImportIssue { file: file.into(), line, reason: "repeated header row skipped".into() });
            continue;
        }
        if rec.len() != h.len() {
            b.loose_issues.push(ImportIssue {
                file: file.into(),
                line,
                reason: format!("expected {} fields, found {}", h.len(), rec.len()),
            });
            continue;
        }
        let mut get: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
        for (col, v) in h.iter().zip(rec.iter()) {
            let Some(&key) = COLUMNS.iter().find(|c| **c == col.as_str()) else { continue };
            let vals: Vec<String> = match key {
                "addresses"
                | "dates_of_birth"
                | "citizenships"
                | "nationalities"
                | "places_of_birth"
                | "ids"
                | "programs"
                | "federal_register_notice" => {
                    v.split("; ").map(str::to_string).filter(|s| !s.trim().is_empty()).collect()
                }
                _ => vec![v.to_string()],
            };
            get.insert(key, vals);
        }
        let source = get.get("source").and_then(|v| v.first()).cloned().unwrap_or_default();
        b.add(&source, &Rec { get }, line);
    }
    if header.is_none() {
        return Err(ImportError::new(file, 1, "empty CSL file"));
    }
    Ok(b.finish(&date_from_name(file)))
}

fn json_strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| match x {
                Value::String(s) => Some(s.clone()),
                Value::Object(o) => {
                    // addresses / ids objects: non-empty values joined with ", ".
                    // In the CSV's order: type, number, country, issue_date, expiration_date.
                    const ORDER: [&str; 5] = ["type", "number", "country", "issue_date", "expiration_date"];
                    let known = ORDER.iter().filter_map(|k| o.get(*k));
                    let others = o.iter().filter(|(k, _)| !ORDER.contains(&k.as_str())).map(|(_, v)| v);
                    let parts: Vec<String> =
                        known.chain(others).filter_map(|v| v.as_str()).map(clean).filter(|s| !s.is_empty()).collect();
                    (!parts.is_empty()).then(|| parts.join(", "))
                }
                _ => None,
            })
            .collect(),
        Some(Value::String(s)) if !s.is_empty() => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// Imports the CSL JSON (`{results: [...]}` or a bare array of results).
pub fn import_json(file: &str, data: &[u8]) -> Result<Vec<Imported>, ImportError> {
    let v: Value =
        serde_json::from_slice(data).map_err(|e| ImportError::new(file, e.line(), format!("invalid JSON: {e}")))?;
    let results = v
        .get("results")
        .and_then(Value::as_array)
        .or_else(|| v.as_array())
        .ok_or_else(|| ImportError::new(file, 1, "no \"results\" array"))?;
    let mut b = Builder::new(file, data);
    for (i, r) in results.iter().enumerate() {
        let mut get: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
        for key in COLUMNS {
            let jk = if key == "_id" { "id" } else { key };
            let vals = json_strings(r.get(jk).or_else(|| r.get(key)));
            if !vals.is_empty() {
                get.insert(key, vals);
            }
        }
        // Addresses: keep the country separately so the last part resolves.
        if let Some(Value::Array(addrs)) = r.get("addresses") {
            let mut a = Vec::new();
            for x in addrs {
                let parts: Vec<String> = ["address", "city", "state", "state_or_province", "postal_code", "country"]
                    .iter()
                    .filter_map(|k| x.get(k).and_then(Value::as_str))
                    .map(clean)
                    .filter(|s| !s.is_empty())
                    .collect();
                if !parts.is_empty() {
                    a.push(parts.join(", "));
                }
            }
            get.insert("addresses", a);
        }
        let source = get.get("source").and_then(|v| v.first()).cloned().unwrap_or_default();
        let _ = i;
        b.add(&source, &Rec { get }, 0);
    }
    Ok(b.finish(&date_from_name(file)))
}
