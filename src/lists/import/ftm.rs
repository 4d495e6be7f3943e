//! FollowTheMoney entities as JSON lines (the OpenSanctions export format): one entity per
//! line `{id, caption, schema, properties: {name: [...], alias: [...], ...}}`. Party schemas
//! (Person, Organization, Company, LegalEntity, PublicBody, Vessel, Airplane) become entries;
//! relation and detail schemas (Sanction, Address, Ownership, …) are skipped silently.

use crate::lists::country::push_country;
use crate::lists::text::{clean, date_from_name, line_of, push_unique};
use crate::lists::{content_hash, ImportError, ImportIssue, Imported, List};
use crate::screening::{EntityKind, Entry, ListMeta};
use serde_json::Value;

fn props<'a>(p: &'a Value, k: &str) -> impl Iterator<Item = &'a str> + 'a {
    p.get(k).and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str)
}

/// Imports FtM JSON lines.
pub fn import(file: &str, data: &[u8]) -> Result<Imported, ImportError> {
    let text = std::str::from_utf8(data)
        .map_err(|e| ImportError::new(file, line_of(data, e.valid_up_to()), format!("not UTF-8: {e}")))?;
    let mut entries = Vec::new();
    let mut issues = Vec::new();
    let mut datasets: Vec<String> = Vec::new();
    let mut last_seen = String::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                issues.push(ImportIssue { file: file.into(), line: line_no, reason: format!("invalid JSON: {e}") });
                continue;
            }
        };
        let kind = match v.get("schema").and_then(Value::as_str).unwrap_or("") {
            "Person" => EntityKind::Person,
            "Organization" | "Company" | "LegalEntity" | "PublicBody" => EntityKind::Organization,
            "Vessel" => EntityKind::Vessel,
            "Airplane" => EntityKind::Aircraft,
            _ => continue,
        };
        let Some(p) = v.get("properties") else {
            issues.push(ImportIssue { file: file.into(), line: line_no, reason: "entity without properties".into() });
            continue;
        };
        let id = v.get("id").and_then(Value::as_str).unwrap_or("").to_string();
        let caption = v.get("caption").and_then(Value::as_str).map(clean).unwrap_or_default();
        let names: Vec<String> = props(p, "name").map(clean).filter(|s| !s.is_empty()).collect();
        let name = if caption.is_empty() { names.first().cloned().unwrap_or_default() } else { caption };
        if id.is_empty() || name.is_empty() {
            issues.push(ImportIssue { file: file.into(), line: line_no, reason: "entity without id or name".into() });
            continue;
        }
        let mut e = Entry { id, kind, name, ..Entry::default() };
        for n in names.iter().map(String::as_str).chain(props(p, "alias")).chain(props(p, "previousName")) {
            if n != e.name {
                push_unique(&mut e.aliases, n);
            }
        }
        for n in props(p, "weakAlias") {
            push_unique(&mut e.weak_aliases, n);
        }
        for c in props(p, "nationality")
            .chain(props(p, "country"))
            .chain(props(p, "jurisdiction"))
            .chain(props(p, "citizenship"))
        {
            push_country(&mut e.countries, c);
        }
        for a in props(p, "address") {
            push_unique(&mut e.addresses, a);
        }
        for d in props(p, "birthDate") {
            push_unique(&mut e.dates_of_birth, d);
        }
        for t in props(p, "program").chain(props(p, "programId")) {
            push_unique(&mut e.programs, t);
        }
        let topics: Vec<&str> = props(p, "topics").collect();
        if !topics.is_empty() {
            e.fields.insert("topics".into(), topics.join("; "));
        }
        for d in v.get("datasets").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
            push_unique(&mut datasets, d);
        }
        if let Some(ls) = v.get("last_seen").and_then(Value::as_str).and_then(|s| s.get(..10)) {
            if ls > last_seen.as_str() {
                last_seen = ls.to_string();
            }
        }
        entries.push(e);
    }
    if entries.is_empty() && issues.is_empty() {
        return Err(ImportError::new(file, 1, "no FollowTheMoney party entities (Person, Organization, …) found"));
    }
    let date = if last_seen.is_empty() { date_from_name(file) } else { last_seen };
    Ok(Imported {
        list: List {
            meta: ListMeta {
                id: "ftm".into(),
                name: format!(
                    "FollowTheMoney entities ({})",
                    if datasets.is_empty() { "unknown datasets".into() } else { datasets.join(", ") }
                ),
                publisher: "OpenSanctions (FollowTheMoney export)".into(),
                url: "https://www.opensanctions.org/".into(),
                date,
                entries: entries.len(),
                hash: content_hash(&[data]),
                licence: "OpenSanctions data: CC BY-NC 4.0 unless a commercial licence is held".into(),
                legal_basis: String::new(),
            },
            entries,
        },
        issues,
    })
}
