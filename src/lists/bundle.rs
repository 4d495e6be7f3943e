//! The compact line format of the bundled lists (`static/lists/<id>.tsv`).
//!
//! ```text
//! catchall-list 1
//! meta<TAB>{ListMeta as JSON}
//! id<TAB>kind<TAB>name<TAB>aliases<TAB>weak_aliases<TAB>countries<TAB>addresses<TAB>programs<TAB>dates_of_birth<TAB>fields
//! …
//! ```
//!
//! One entry per line; `kind` is one letter (P person, O organization, V vessel, A aircraft,
//! U unknown); list columns are joined by `|`; `fields` are `key=value` joined by `|`.
//! Inside values `\` `TAB` `LF` `|` are escaped as `\\` `\t` `\n` `\|`. Plain text keeps
//! it small (gzip does the rest) and decoding is a split per line — no JSON parser in the hot
//! path, so the browser decodes all bundled lists in milliseconds.

use super::{ImportError, List};
use crate::screening::{EntityKind, Entry, ListMeta};

const MAGIC: &str = "catchall-list 1";

fn kind_char(k: EntityKind) -> char {
    match k {
        EntityKind::Person => 'P',
        EntityKind::Organization => 'O',
        EntityKind::Vessel => 'V',
        EntityKind::Aircraft => 'A',
        EntityKind::Unknown => 'U',
    }
}

fn char_kind(c: &str) -> Option<EntityKind> {
    Some(match c {
        "P" => EntityKind::Person,
        "O" => EntityKind::Organization,
        "V" => EntityKind::Vessel,
        "A" => EntityKind::Aircraft,
        "U" => EntityKind::Unknown,
        _ => return None,
    })
}

fn esc(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '|' => out.push_str("\\|"),
            c => out.push(c),
        }
    }
}

fn esc_list(out: &mut String, items: &[String]) {
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        esc(out, s);
    }
}

/// Encodes a list in the bundle format.
pub fn encode(list: &List) -> String {
    let mut out = String::with_capacity(list.entries.len() * 96);
    out.push_str(MAGIC);
    out.push('\n');
    let mut meta = list.meta.clone();
    meta.entries = list.entries.len();
    out.push_str("meta\t");
    // ListMeta is plain strings and a number: serialising cannot fail.
    out.push_str(&serde_json::to_string(&meta).unwrap_or_default());
    out.push('\n');
    for e in &list.entries {
        esc(&mut out, &e.id);
        out.push('\t');
        out.push(kind_char(e.kind));
        out.push('\t');
        esc(&mut out, &e.name);
        for l in [&e.aliases, &e.weak_aliases, &e.countries, &e.addresses, &e.programs, &e.dates_of_birth] {
            out.push('\t');
            esc_list(&mut out, l);
        }
        out.push('\t');
        for (i, (k, v)) in e.fields.iter().enumerate() {
            if i > 0 {
                out.push('|');
            }
            esc(&mut out, k);
            out.push('=');
            esc(&mut out, v);
        }
        out.push('\n');
    }
    out
}

/// Unescapes one value (fast path: no backslash).
fn unesc(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some(o) => out.push(o),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits a column on unescaped `|` and unescapes each part.
fn split_list(s: &str) -> Vec<String> {
    if s.is_empty() {
        return Vec::new();
    }
    if !s.contains('\\') {
        return s.split('|').map(str::to_string).collect();
    }
    let mut out = Vec::new();
    let (mut start, mut escaped) = (0, false);
    for (i, b) in s.bytes().enumerate() {
        if escaped {
            escaped = false;
        } else if b == b'\\' {
            escaped = true;
        } else if b == b'|' {
            out.push(unesc(&s[start..i]));
            start = i + 1;
        }
    }
    out.push(unesc(&s[start..]));
    out
}

/// The room to reserve for a list's entries: what the header says, but never more than the
/// text can hold (an entry line has 10 columns, so at least 11 bytes). A corrupted or hostile
/// header ("entries": 11111003, found by fuzzing) must not make the decoder ask for gigabytes:
/// in the browser that is a dead page.
fn entry_capacity(header_says: usize, text_len: usize) -> usize {
    header_says.min(text_len / 11)
}

/// Decodes a bundled list; `file` names it in errors.
pub fn decode(file: &str, data: &[u8]) -> Result<List, ImportError> {
    let text = std::str::from_utf8(data).map_err(|_| ImportError::new(file, 0, "bundled list is not UTF-8"))?;
    let mut lines = text.split('\n');
    if lines.next().map(str::trim_end) != Some(MAGIC) {
        return Err(ImportError::new(file, 1, format!("not a bundled list (expected \"{MAGIC}\")")));
    }
    let meta_line = lines.next().unwrap_or("");
    let meta_json = meta_line.strip_prefix("meta\t").ok_or_else(|| ImportError::new(file, 2, "missing meta line"))?;
    let meta: ListMeta =
        serde_json::from_str(meta_json).map_err(|e| ImportError::new(file, 2, format!("bad meta: {e}")))?;
    let mut entries = Vec::with_capacity(entry_capacity(meta.entries, text.len()));
    for (i, line) in lines.enumerate() {
        if line.is_empty() {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() != 10 {
            return Err(ImportError::new(file, i + 3, format!("expected 10 columns, found {}", c.len())));
        }
        let kind =
            char_kind(c[1]).ok_or_else(|| ImportError::new(file, i + 3, format!("unknown kind \"{}\"", c[1])))?;
        let mut fields = crate::screening::Fields::new();
        for kv in split_list(c[9]) {
            if let Some((k, v)) = kv.split_once('=') {
                fields.insert(k.to_string(), v.to_string());
            }
        }
        fields.shrink_to_fit();
        entries.push(Entry {
            id: unesc(c[0]),
            kind,
            name: unesc(c[2]),
            aliases: split_list(c[3]),
            weak_aliases: split_list(c[4]),
            countries: split_list(c[5]),
            addresses: split_list(c[6]),
            programs: split_list(c[7]),
            dates_of_birth: split_list(c[8]),
            fields,
        });
    }
    if entries.len() != meta.entries {
        return Err(ImportError::new(
            file,
            0,
            format!("bundled list truncated: meta says {} entries, found {}", meta.entries, entries.len()),
        ));
    }
    Ok(List { meta, entries })
}

/// Entry fields that are not shipped in the bundle: long free text and third-party additions
/// (the METI compiler's native-script names).
pub const DROP_FIELDS: &[&str] = &["remarks", "name_native", "dataid", "country_heading"];

/// Prepares an imported list for the bundle: drops [`DROP_FIELDS`].
pub fn for_shipping(mut list: List) -> List {
    for e in &mut list.entries {
        e.fields.retain(|k, _| !DROP_FIELDS.contains(&k.as_str()));
    }
    list
}

/// The ids of the bundled lists, in display order (file `static/lists/<id>.tsv`).
pub const BUNDLED_IDS: &[&str] = &[
    "us_sdn",
    "us_entity_list",
    "us_uvl",
    "us_meu",
    "us_dpl",
    "un_sc",
    "jp_meti_eul",
    "eu_fsf",
    "uk_sanctions",
    "us_nonsdn",
];

#[cfg(not(target_arch = "wasm32"))]
pub(crate) const BUNDLED: &[(&str, &[u8])] = &[
    ("static/lists/us_sdn.tsv", include_bytes!("../../static/lists/us_sdn.tsv")),
    ("static/lists/us_entity_list.tsv", include_bytes!("../../static/lists/us_entity_list.tsv")),
    ("static/lists/us_uvl.tsv", include_bytes!("../../static/lists/us_uvl.tsv")),
    ("static/lists/us_meu.tsv", include_bytes!("../../static/lists/us_meu.tsv")),
    ("static/lists/us_dpl.tsv", include_bytes!("../../static/lists/us_dpl.tsv")),
    ("static/lists/un_sc.tsv", include_bytes!("../../static/lists/un_sc.tsv")),
    ("static/lists/jp_meti_eul.tsv", include_bytes!("../../static/lists/jp_meti_eul.tsv")),
    ("static/lists/eu_fsf.tsv", include_bytes!("../../static/lists/eu_fsf.tsv")),
    ("static/lists/uk_sanctions.tsv", include_bytes!("../../static/lists/uk_sanctions.tsv")),
    ("static/lists/us_nonsdn.tsv", include_bytes!("../../static/lists/us_nonsdn.tsv")),
];

#[cfg(not(target_arch = "wasm32"))]
pub(crate) const INDEX: &str = include_str!("../../static/lists/index.json");

/// The bundled default lists: (source file(s) under `data/sources/lists` — each may be stored
/// gzipped as `<name>.gz`, with its provenance in `<name>.source.txt` —, list ids taken from them,
/// source note for the manifest, data date when the file itself does not carry a full
/// `YYYY-MM-DD` one — taken from the file's `.source.txt`). Used by `scripts/build-lists` and by
/// the test that checks the committed assets are up to date. All files of one row are imported
/// together (joined where they belong together).
/// One bundled list's row in [`SOURCES`]: source files, list ids, source note, data date.
pub type SourceRow = (&'static [&'static str], &'static [&'static str], &'static str, Option<&'static str>);

pub const SOURCES: &[SourceRow] = &[
    (
        &["ofac_sdn_names_2026-08-20.json", "ofac_sdn_2024-05-03.csv", "ofac_add_2025-12.csv"],
        &["us_sdn"],
        "OFAC SDN names JSON (kindrat86/ofac-sdn-json, CC0 packaging of OFAC SDN.CSV + ALT.CSV, published 2026-08-20): \
names, aliases, programmes, the list date. Joined by entity number with two legacy OFAC files: sdn.csv of 2024-05-03 \
(its remarks: dates of birth, nationalities as countries, places of birth, ID numbers, weak a.k.a.s, vessel details) \
and add.csv of 2025-12-24 (addresses and their countries). Missing: those facts for entries listed after 2024-05-03 \
(remarks) or 2025-12-24 (addresses), and any change to them since",
        None,
    ),
    (&["ecfr_15cfr744_entity_list_uvl_meu_2026-07.xml"], &["us_entity_list", "us_uvl", "us_meu"], "eCFR XML of 15 CFR Part 744, Supplements No. 4, 6, 7 (fetched 2026-07-23)", Some("2026-07-23")),
    (&["bis_dpl_2023-11.txt"], &["us_dpl"], "BIS Denied Persons List, tab-separated (moov-io/watchman test data, committed 2023-11-30)", Some("2023-11-30")),
    (&["un_sc_consolidated_2026-02-27.xml"], &["un_sc"], "UN SC Consolidated List XML, generated 2026-02-27", None),
    (&["multi_restricted_parties_kaist_2026-08-18.json"], &["jp_meti_eul"], "METI End User List records of the KAIST CASS restricted-parties-db compilation (2026-08-18); only the official list's facts (English name, aliases, country, concern) are kept", None),
    (
        &["multi_eu_fsf_un_ofaccons_names_derived_2026-01-28.json"],
        &["eu_fsf"],
        "EU records of a names-level derivative of the official EU FSF XML 1.1 of 2026-01-28 (haverisenosku/pakote_data, \
generated 2026-01-28T06:31Z). LOSSY: names, multilingual aliases, birth dates, identifiers and the EU logical id only; \
no addresses, citizenship, regulations, remarks (the issuing countries of the identifiers stand in as the \
entries' countries); records with equal names were merged by the deriver (5,795 of ~6,000 \
EU records remain). Facts of the official list, attributed to the European Commission; replace it by importing the \
official XML or CSV",
        None,
    ),
    (
        &[
            "uk_sanctions_list_2026-04-29_subjects.csv",
            "uk_sanctions_list_2026-04-29_names.csv",
            "uk_sanctions_list_2026-04-29_dobs.csv",
            "uk_sanctions_list_2026-04-29_countries.csv",
            "uk_sanctions_list_2026-04-29_identifiers.csv",
        ],
        &["uk_sanctions"],
        "UK Sanctions List (FCDO) of 2026-04-29 as five relational CSVs (covyr/uk-sanctions-list normalisation of the \
official CSV): names and aliases, subject type, dates of birth, countries (address and nationality; birth country \
kept apart), identifiers. Missing: non-Latin names and address text (not in these CSVs; the FCDO XML has them)",
        None,
    ),
    (
        &["ofac_cons_nonsdn_sdnxml_2026-01-08.xml"],
        &["us_nonsdn"],
        "OFAC Consolidated (non-SDN) list, CONSOLIDATED.XML in the sdn.xml schema, published 2026-01-08 (442 records: SSI, NS-MBS, NS-PLC, CMIC, …)",
        None,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lying_entry_count_reserves_no_more_than_the_text_can_hold() {
        assert_eq!(entry_capacity(19_249, 1_573_596), 19_249);
        assert_eq!(entry_capacity(11_111_003, 600), 54);
        assert_eq!(entry_capacity(usize::MAX, 0), 0);
        // The input the fuzzer found (bundle_decode, out-of-memory: malloc of 2.4 GB).
        let found = include_bytes!("../../fuzz/corpus/bundle_decode/regression-oom-entries-11111003");
        let e = decode("found.tsv", found).unwrap_err();
        assert!(e.reason.contains("columns") || e.reason.contains("truncated"), "{e}");
    }

    #[test]
    fn round_trip_with_awkward_characters() {
        let mut e = Entry {
            id: "1".into(),
            kind: EntityKind::Person,
            name: "A|B\tC\\D\nE".into(),
            aliases: vec!["x|y".into(), "z".into()],
            countries: vec!["PK".into()],
            ..Entry::default()
        };
        e.fields.insert("federal_register".into(), "86 FR 29193 | x=y".into());
        let list = List {
            meta: ListMeta { id: "t".into(), ..ListMeta::default() },
            entries: vec![e.clone(), Entry::default()],
        };
        let enc = encode(&list);
        let dec = decode("t", enc.as_bytes()).expect("decodes");
        assert_eq!(dec.entries, list.entries);
        assert_eq!(dec.meta.entries, 2);
        // Truncation is detected.
        let cut = &enc[..enc.len() - 2];
        let cut = &cut[..cut.rfind('\n').unwrap_or(0)];
        assert!(decode("t", cut.as_bytes()).is_err());
    }
}
