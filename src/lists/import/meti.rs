//! The Japan METI End User List, as found inside the multi-list JSON compilation
//! (`multi_restricted_parties_kaist_*.json`: an array of records with `name.english`,
//! `aliases`, `countries` (in Korean), `listing_rationale` = the METI "type of concern"
//! codes, `source.list_id`). Only the METI records are imported: the other lists in that
//! file come from their official publishers in their own formats.
//!
//! Only the facts of the official list are kept (English name, aliases, country, concern);
//! the compiler's translations are left out except the native-script name, kept in
//! `fields["name_native"]`.

use crate::lists::country::push_country;
use crate::lists::text::{clean, date_from_name, push_unique};
use crate::lists::{content_hash, ImportError, ImportIssue, Imported, List};
use crate::screening::{EntityKind, Entry, ListMeta};
use serde_json::Value;

/// Imports the METI End User List out of the multi-list JSON.
pub fn import(file: &str, data: &[u8]) -> Result<Vec<Imported>, ImportError> {
    let v: Value =
        serde_json::from_slice(data).map_err(|e| ImportError::new(file, e.line(), format!("invalid JSON: {e}")))?;
    let arr = v.as_array().ok_or_else(|| ImportError::new(file, 1, "expected a JSON array of records"))?;
    let mut entries = Vec::new();
    let mut issues = Vec::new();
    let mut date = String::new();
    for (i, r) in arr.iter().enumerate() {
        let src = r.get("source");
        let list_id = src.and_then(|s| s.get("list_id")).and_then(Value::as_str).unwrap_or("");
        if list_id != "jp-meti-end-user-list" {
            continue;
        }
        let name = r.pointer("/name/english").and_then(Value::as_str).map(clean).unwrap_or_default();
        let row = src.and_then(|s| s.get("source_row")).and_then(Value::as_u64);
        if name.is_empty() {
            issues.push(ImportIssue {
                file: file.into(),
                line: 0,
                reason: format!("record [{i}]: METI entry without an English name"),
            });
            continue;
        }
        let mut e = Entry {
            id: row.map(|n| format!("eul-{n}")).unwrap_or_else(|| format!("eul-i{i}")),
            kind: EntityKind::Organization,
            name,
            ..Entry::default()
        };
        if let Some(a) = r.get("aliases").and_then(Value::as_array) {
            for x in a.iter().filter_map(Value::as_str) {
                push_unique(&mut e.aliases, x);
            }
        }
        if let Some(c) = r.get("countries").and_then(Value::as_array) {
            for x in c.iter().filter_map(Value::as_str) {
                push_country(&mut e.countries, x);
            }
        }
        let concern =
            r.get("listing_rationale").and_then(Value::as_str).map(|s| clean(&s.replace(' ', ""))).unwrap_or_default();
        if !concern.is_empty() {
            e.fields.insert("concern".into(), concern);
        }
        if let Some(n) = r.pointer("/name/native").and_then(Value::as_str).map(clean).filter(|s| !s.is_empty()) {
            e.fields.insert("name_native".into(), n);
        }
        if let Some(rm) = r.get("remarks").and_then(Value::as_str).map(clean).filter(|s| !s.is_empty()) {
            e.fields.insert("remarks".into(), rm);
        }
        if let Some(d) = r.get("ingested_at").and_then(Value::as_str).and_then(|d| d.get(..10)) {
            if d > date.as_str() {
                date = d.to_string();
            }
        }
        entries.push(e);
    }
    if entries.is_empty() && issues.is_empty() {
        return Err(ImportError::new(file, 0, "no Japan METI End User List records in this file"));
    }
    if date.is_empty() {
        date = date_from_name(file);
    }
    Ok(vec![Imported {
        list: List {
            meta: ListMeta {
                id: "jp_meti_eul".into(),
                name: "End User List (Japan METI)".into(),
                publisher: "Ministry of Economy, Trade and Industry (METI), Japan".into(),
                url: "https://www.meti.go.jp/policy/anpo/law05.html#user-list".into(),
                date,
                entries: entries.len(),
                hash: content_hash(&[data]),
                licence: "Source: METI End User List (Japan), used with attribution; compiled via the KAIST CASS restricted-parties-db".into(),
                legal_basis: String::new(),
            },
            entries,
        },
        issues,
    }])
}
