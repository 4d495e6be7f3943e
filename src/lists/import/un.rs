//! UN Security Council Consolidated List, official XML (`CONSOLIDATED_LIST` with
//! `INDIVIDUALS/INDIVIDUAL` and `ENTITIES/ENTITY`).

use crate::lists::country::push_country;
use crate::lists::text::{clean, date_from_name, push_unique};
use crate::lists::xml::{self, Node};
use crate::lists::{content_hash, ImportError, ImportIssue, Imported, List};
use crate::screening::{EntityKind, Entry, ListMeta};
use std::collections::BTreeMap;

fn record(n: &Node, person: bool) -> Result<Entry, String> {
    let parts: Vec<String> = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"]
        .iter()
        .map(|t| n.child_text(t))
        .filter(|s| !s.is_empty())
        .collect();
    let name = clean(&parts.join(" "));
    if name.is_empty() {
        return Err("record without a name".into());
    }
    let id = {
        let r = n.child_text("REFERENCE_NUMBER");
        if r.is_empty() {
            n.child_text("DATAID")
        } else {
            r
        }
    };
    if id.is_empty() {
        return Err(format!("\"{name}\": no REFERENCE_NUMBER or DATAID"));
    }
    let mut e = Entry {
        id,
        kind: if person { EntityKind::Person } else { EntityKind::Organization },
        name,
        ..Entry::default()
    };
    let prefix = if person { "INDIVIDUAL" } else { "ENTITY" };
    for a in n.all(&format!("{prefix}_ALIAS")) {
        let an = clean(&a.child_text("ALIAS_NAME"));
        if an.is_empty() {
            continue;
        }
        if a.child_text("QUALITY").eq_ignore_ascii_case("low") {
            push_unique(&mut e.weak_aliases, &an);
        } else {
            push_unique(&mut e.aliases, &an);
        }
    }
    let orig = n.child_text("NAME_ORIGINAL_SCRIPT");
    if !orig.is_empty() {
        push_unique(&mut e.aliases, &orig);
    }
    if let Some(nat) = n.child("NATIONALITY") {
        for v in nat.all("VALUE") {
            push_country(&mut e.countries, &v.text());
        }
    }
    for a in n.all(&format!("{prefix}_ADDRESS")) {
        let parts: Vec<String> = ["STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY"]
            .iter()
            .map(|t| clean(&a.child_text(t)))
            .filter(|s| !s.is_empty())
            .collect();
        if !parts.is_empty() {
            push_unique(&mut e.addresses, &parts.join(", "));
        }
        push_country(&mut e.countries, &a.child_text("COUNTRY"));
    }
    for d in n.all("INDIVIDUAL_DATE_OF_BIRTH") {
        let date = d.child_text("DATE");
        let year = d.child_text("YEAR");
        let (from, to) = (d.child_text("FROM_YEAR"), d.child_text("TO_YEAR"));
        let v = if !date.is_empty() {
            date.get(..10).unwrap_or(&date).to_string()
        } else if !year.is_empty() {
            year
        } else if !from.is_empty() {
            format!("{from} to {to}")
        } else {
            d.child_text("NOTE")
        };
        push_unique(&mut e.dates_of_birth, &v);
    }
    let mut f = BTreeMap::new();
    for (k, t) in [("listed_on", "LISTED_ON"), ("remarks", "COMMENTS1"), ("dataid", "DATAID")] {
        let v = clean(&n.child_text(t));
        if !v.is_empty() {
            f.insert(k.to_string(), v);
        }
    }
    let prog = n.child_text("UN_LIST_TYPE");
    if !prog.is_empty() {
        e.programs.push(prog);
    }
    e.fields = f.into();
    Ok(e)
}

/// Imports the UN SC Consolidated List XML.
pub fn import(file: &str, data: &[u8]) -> Result<Imported, ImportError> {
    let root = xml::parse(file, data)?;
    if root.name != "CONSOLIDATED_LIST" {
        return Err(ImportError::new(file, root.line, format!("expected <CONSOLIDATED_LIST>, found <{}>", root.name)));
    }
    let mut entries = Vec::new();
    let mut issues = Vec::new();
    for (group, item, person) in [("INDIVIDUALS", "INDIVIDUAL", true), ("ENTITIES", "ENTITY", false)] {
        if let Some(g) = root.child(group) {
            for n in g.all(item) {
                match record(n, person) {
                    Ok(e) => entries.push(e),
                    Err(reason) => issues.push(ImportIssue { file: file.into(), line: n.line, reason }),
                }
            }
        }
    }
    let date = root
        .attr("dateGenerated")
        .and_then(|d| d.get(..10))
        .map(str::to_string)
        .unwrap_or_else(|| date_from_name(file));
    Ok(Imported {
        list: List {
            meta: ListMeta {
                id: "un_sc".into(),
                name: "UN Security Council Consolidated List".into(),
                publisher: "United Nations Security Council".into(),
                url: "https://scsanctions.un.org/resources/xml/en/consolidated.xml".into(),
                date,
                entries: entries.len(),
                hash: content_hash(&[data]),
                licence: "UN public information; attribution: United Nations Security Council".into(),
                legal_basis: String::new(),
            },
            entries,
        },
        issues,
    })
}
