//! UK Sanctions List (FCDO) as relational CSVs keyed by `unique_id`: subjects, names,
//! dates of birth, countries, identifiers. Only the names file is required.

use super::SourceFile;
use crate::lists::text::{clean, date_from_name, decode_text, push_unique};
use crate::lists::{content_hash, ImportError, ImportIssue, Imported, List};
use crate::screening::{EntityKind, Entry, ListMeta};
use std::collections::HashMap;

/// The files of one UK set.
#[derive(Clone, Copy, Debug, Default)]
pub struct UkSet<'a> {
    pub subjects: Option<SourceFile<'a>>,
    pub names: Option<SourceFile<'a>>,
    pub dobs: Option<SourceFile<'a>>,
    pub countries: Option<SourceFile<'a>>,
    pub identifiers: Option<SourceFile<'a>>,
}

impl UkSet<'_> {
    pub fn any(&self) -> bool {
        self.subjects.is_some() || self.names.is_some() || self.dobs.is_some() || self.countries.is_some() || self.identifiers.is_some()
    }
}

/// Reads a headed CSV, calling `f(line, column getter)` per record; bad records become issues.
fn each(f: &SourceFile<'_>, issues: &mut Vec<ImportIssue>, mut g: impl FnMut(usize, &dyn Fn(&str) -> String)) {
    let text = decode_text(f.data);
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => {
            issues.push(ImportIssue { file: f.name.into(), line: 1, reason: format!("unreadable header: {e}") });
            return;
        }
    };
    for rec in rdr.records() {
        match rec {
            Ok(r) => {
                let line = super::rec_line(&r);
                if r.len() != headers.len() {
                    issues.push(ImportIssue {
                        file: f.name.into(),
                        line,
                        reason: format!("expected {} fields, found {}", headers.len(), r.len()),
                    });
                    continue;
                }
                let get = |k: &str| headers.iter().position(|h| h == k).and_then(|i| r.get(i)).map(clean).unwrap_or_default();
                g(line, &get);
            }
            Err(e) => issues.push(super::csv_issue(f.name, &e)),
        }
    }
}

/// Imports a UK Sanctions List CSV set.
pub fn import(set: &UkSet<'_>) -> Result<Imported, ImportError> {
    let names = set.names.ok_or_else(|| {
        let f = set.subjects.or(set.dobs).or(set.countries).or(set.identifiers).map(|f| f.name).unwrap_or("UK set");
        ImportError::new(f, 0, "the UK Sanctions List set needs its names file (name_id,unique_id,…) in the same import")
    })?;
    let mut issues = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut missing_primary: Vec<(usize, String)> = Vec::new();
    each(&names, &mut issues, |line, get| {
        let uid = get("unique_id");
        let full = get("full_name");
        if uid.is_empty() || full.is_empty() {
            missing_primary.push((line, "name row without unique_id or full_name".into()));
            return;
        }
        let i = *by_id.entry(uid.clone()).or_insert_with(|| {
            entries.push(Entry { id: uid.clone(), ..Entry::default() });
            entries.len() - 1
        });
        let e = &mut entries[i];
        match (get("name_type").as_str(), get("alias_strength").as_str()) {
            ("primary", _) if e.name.is_empty() => e.name = full,
            (_, "low_quality_aka") => push_unique(&mut e.weak_aliases, &full),
            _ => push_unique(&mut e.aliases, &full),
        }
    });
    for (line, reason) in missing_primary {
        issues.push(ImportIssue { file: names.name.into(), line, reason });
    }
    if let Some(f) = set.subjects {
        each(&f, &mut issues, |_, get| {
            if let Some(&i) = by_id.get(&get("unique_id")) {
                let e = &mut entries[i];
                e.kind = match get("subject_type").as_str() {
                    "individual" => EntityKind::Person,
                    "entity" => EntityKind::Organization,
                    "ship" => EntityKind::Vessel,
                    _ => EntityKind::Unknown,
                };
                for (k, c) in [("un_reference", "un_reference_number"), ("date_designated", "date_designated"), ("last_updated", "last_updated")] {
                    let v = get(c);
                    if !v.is_empty() {
                        e.fields.insert(k.into(), v);
                    }
                }
            }
        });
    }
    if let Some(f) = set.dobs {
        each(&f, &mut issues, |_, get| {
            if let Some(&i) = by_id.get(&get("unique_id")) {
                let (y, m, d) = (get("year"), get("month"), get("day"));
                let v = match get("precision").as_str() {
                    "exact" => format!("{y}-{m:0>2}-{d:0>2}"),
                    "month_year" => format!("{y}-{m:0>2}"),
                    _ => y,
                };
                push_unique(&mut entries[i].dates_of_birth, &v);
            }
        });
    }
    if let Some(f) = set.countries {
        each(&f, &mut issues, |_, get| {
            if let Some(&i) = by_id.get(&get("unique_id")) {
                let iso = get("iso");
                if get("country_type") != "birth" && iso.len() == 2 && !entries[i].countries.contains(&iso) {
                    entries[i].countries.push(iso);
                }
            }
        });
    }
    if let Some(f) = set.identifiers {
        each(&f, &mut issues, |_, get| {
            if let Some(&i) = by_id.get(&get("unique_id")) {
                let v = clean(&format!("{} {}", get("identifier_type"), get("raw_value")));
                let cur = entries[i].fields.entry("ids".into()).or_default();
                if !cur.is_empty() {
                    cur.push_str("; ");
                }
                cur.push_str(&v);
            }
        });
    }
    let before = entries.len();
    entries.retain(|e| !e.name.is_empty());
    if entries.len() < before {
        issues.push(ImportIssue {
            file: names.name.into(),
            line: 0,
            reason: format!("{} subjects without a primary name skipped", before - entries.len()),
        });
    }
    let mut parts: Vec<&[u8]> = Vec::new();
    for f in [set.subjects, set.names, set.dobs, set.countries, set.identifiers].into_iter().flatten() {
        parts.push(f.data);
    }
    Ok(Imported {
        list: List {
            meta: ListMeta {
                id: "gb_sanctions".into(),
                name: "UK Sanctions List".into(),
                publisher: "Foreign, Commonwealth & Development Office (UK)".into(),
                url: "https://www.gov.uk/government/publications/the-uk-sanctions-list".into(),
                date: date_from_name(names.name),
                entries: entries.len(),
                hash: content_hash(&parts),
                licence: "Contains public sector information licensed under the Open Government Licence v3.0".into(),
            },
            entries,
        },
        issues,
    })
}
