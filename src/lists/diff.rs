//! What changed between two versions of a set of lists: per list, the entries added, removed
//! and changed, and for a changed entry which of its fields differ. Pure: the caller imports
//! both versions (`catchall lists diff OLD... -- NEW...` in the CLI).
//!
//! Lists are paired by `meta.id` and entries by `Entry.id` (the publisher's own number, e.g.
//! OFAC's entity number), so a renamed entry is one change, not a removal and an addition.
//! Multi-valued fields (aliases, programmes, …) are compared as sets: a publisher reordering
//! the same aliases is not a change.

use super::List;
use crate::screening::Entry;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// The differences in one list between its old and new version.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListDiff {
    /// The list's id (`meta.id`), e.g. `us_sdn`.
    pub id: String,
    /// Entries in the old version (0 when the list is new).
    pub old_entries: usize,
    /// Entries in the new version (0 when the list was dropped).
    pub new_entries: usize,
    /// Data dates of the two versions (`meta.date`; empty when unknown or absent).
    pub old_date: String,
    pub new_date: String,
    /// Entries only in the new version, in entry-id order.
    pub added: Vec<EntryRef>,
    /// Entries only in the old version, in entry-id order.
    pub removed: Vec<EntryRef>,
    /// Entries in both whose fields differ, in entry-id order.
    pub changed: Vec<EntryChange>,
}

impl ListDiff {
    /// No entry was added, removed or changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// An added or removed entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryRef {
    pub entry_id: String,
    /// The entry's primary name (in the version it is in).
    pub name: String,
}

/// An entry present in both versions with different contents.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryChange {
    pub entry_id: String,
    /// The names of the fields that differ: `name`, `kind`, `aliases`, `weak_aliases`,
    /// `countries`, `addresses`, `programs`, `dates_of_birth` in that order, then the keys of
    /// `Entry.fields` that differ (added, removed or changed, e.g. `license_requirement`), in
    /// key order. `kind` is compared too: a party re-listed as an organisation instead of a
    /// person is matched differently.
    pub fields: Vec<String>,
}

/// The differences between `old` and `new`, one [`ListDiff`] per list id present on either side
/// (a list only in `new` has all its entries added, one only in `old` all removed), in id
/// order. Lists with no differences are included (empty), so the caller can say so. When one
/// side has two lists with the same id, the later one counts, as in [`super::with_imports`];
/// when a list has two entries with the same id, the first one counts.
pub fn diff(old: &[List], new: &[List]) -> Vec<ListDiff> {
    fn by_id(lists: &[List]) -> BTreeMap<&str, &List> {
        lists.iter().map(|l| (l.meta.id.as_str(), l)).collect()
    }
    let (old, new) = (by_id(old), by_id(new));
    let ids: BTreeSet<&str> = old.keys().chain(new.keys()).copied().collect();
    ids.into_iter().map(|id| diff_list(id, old.get(id).copied(), new.get(id).copied())).collect()
}

fn diff_list(id: &str, old: Option<&List>, new: Option<&List>) -> ListDiff {
    fn entries(l: Option<&List>) -> BTreeMap<&str, &Entry> {
        let mut m = BTreeMap::new();
        for e in l.map(|l| l.entries.as_slice()).unwrap_or_default() {
            m.entry(e.id.as_str()).or_insert(e);
        }
        m
    }
    let (o, n) = (entries(old), entries(new));
    let mut d = ListDiff {
        id: id.to_string(),
        old_entries: old.map_or(0, |l| l.entries.len()),
        new_entries: new.map_or(0, |l| l.entries.len()),
        old_date: old.map(|l| l.meta.date.clone()).unwrap_or_default(),
        new_date: new.map(|l| l.meta.date.clone()).unwrap_or_default(),
        ..ListDiff::default()
    };
    for (eid, e) in &n {
        match o.get(eid) {
            None => d.added.push(EntryRef { entry_id: e.id.clone(), name: e.name.clone() }),
            Some(before) => {
                let fields = changed_fields(before, e);
                if !fields.is_empty() {
                    d.changed.push(EntryChange { entry_id: e.id.clone(), fields });
                }
            }
        }
    }
    for (eid, e) in &o {
        if !n.contains_key(eid) {
            d.removed.push(EntryRef { entry_id: e.id.clone(), name: e.name.clone() });
        }
    }
    d.added.sort_by(|a, b| id_order(&a.entry_id, &b.entry_id));
    d.removed.sort_by(|a, b| id_order(&a.entry_id, &b.entry_id));
    d.changed.sort_by(|a, b| id_order(&a.entry_id, &b.entry_id));
    d
}

/// The names of the fields that differ between two versions of one entry.
pub fn changed_fields(a: &Entry, b: &Entry) -> Vec<String> {
    fn set(v: &[String]) -> BTreeSet<&str> {
        v.iter().map(String::as_str).collect()
    }
    let mut out: Vec<String> = Vec::new();
    let mut check = |name: &str, differs: bool| {
        if differs {
            out.push(name.to_string());
        }
    };
    check("name", a.name != b.name);
    check("kind", a.kind != b.kind);
    check("aliases", set(&a.aliases) != set(&b.aliases));
    check("weak_aliases", set(&a.weak_aliases) != set(&b.weak_aliases));
    check("countries", set(&a.countries) != set(&b.countries));
    check("addresses", set(&a.addresses) != set(&b.addresses));
    check("programs", set(&a.programs) != set(&b.programs));
    check("dates_of_birth", set(&a.dates_of_birth) != set(&b.dates_of_birth));
    let keys: BTreeSet<&String> = a.fields.keys().chain(b.fields.keys()).collect();
    for k in keys {
        if a.fields.get(k) != b.fields.get(k) {
            out.push(k.clone());
        }
    }
    out
}

/// Entry ids in the order a reader expects: all-digit ids (OFAC entity numbers) by value, so
/// `9647` comes before `17013`; others as strings, after the numbers.
fn id_order(a: &str, b: &str) -> Ordering {
    let num = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    match (num(a), num(b)) {
        (true, true) => {
            let (a, b) = (a.trim_start_matches('0'), b.trim_start_matches('0'));
            a.len().cmp(&b.len()).then_with(|| a.cmp(b))
        }
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => a.cmp(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screening::{EntityKind, ListMeta};

    fn entry(id: &str, name: &str) -> Entry {
        Entry { id: id.into(), kind: EntityKind::Organization, name: name.into(), ..Entry::default() }
    }

    fn list(id: &str, date: &str, entries: Vec<Entry>) -> List {
        List {
            meta: ListMeta { id: id.into(), date: date.into(), entries: entries.len(), ..ListMeta::default() },
            entries,
        }
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    /// One entry edited in one way, and the field names the diff must report.
    #[test]
    fn changed_fields_table() {
        type Edit = fn(&mut Entry);
        let cases: &[(&str, Edit, &[&str])] = &[
            ("identical", |_| {}, &[]),
            ("renamed", |e| e.name = "ACME TRADING LLC".into(), &["name"]),
            ("person now", |e| e.kind = EntityKind::Person, &["kind"]),
            ("alias added", |e| e.aliases.push("ACME FZE".into()), &["aliases"]),
            ("aliases reordered", |e| e.aliases.reverse(), &[]),
            ("weak alias", |e| e.weak_aliases = strings(&["ACMI"]), &["weak_aliases"]),
            ("country", |e| e.countries = strings(&["AE"]), &["countries"]),
            ("address", |e| e.addresses = strings(&["Dubai"]), &["addresses"]),
            ("programme added", |e| e.programs.push("IRAN-EO13846".into()), &["programs"]),
            ("date of birth", |e| e.dates_of_birth = strings(&["1970"]), &["dates_of_birth"]),
            (
                "licence requirement",
                |e| {
                    e.fields.insert("license_requirement".into(), "All items subject to the EAR".into());
                },
                &["license_requirement"],
            ),
            (
                "field removed",
                |e| {
                    e.fields.remove("remarks");
                },
                &["remarks"],
            ),
            (
                "several, in fixed order",
                |e| {
                    e.programs.clear();
                    e.name = "ACME 2".into();
                    e.fields.insert("remarks".into(), "changed".into());
                    e.fields.insert("federal_register".into(), "89 FR 1".into());
                },
                &["name", "programs", "federal_register", "remarks"],
            ),
        ];
        let mut base = entry("100", "ACME TRADING");
        base.aliases = strings(&["ACME", "ACME CO"]);
        base.programs = strings(&["SDGT"]);
        base.fields.insert("remarks".into(), "Linked To: X.".into());
        for (what, edit, want) in cases {
            let mut e = base.clone();
            edit(&mut e);
            assert_eq!(changed_fields(&base, &e), strings(want), "{what}");
            let d = diff(&[list("l", "", vec![base.clone()])], &[list("l", "", vec![e])]);
            let got: Vec<Vec<String>> = d[0].changed.iter().map(|c| c.fields.clone()).collect();
            let want: Vec<Vec<String>> = if want.is_empty() { vec![] } else { vec![strings(want)] };
            assert_eq!(got, want, "{what}");
        }
    }

    /// Whole lists: pairing by list id and entry id, ordering, lists on one side only.
    #[test]
    fn list_pairing_table() {
        let a = || entry("9647", "A");
        let b = || entry("17013", "B");
        let c = || entry("200", "C");
        let renamed_c = || entry("200", "C RENAMED");
        // (case, old, new, per list: (id, added, removed, changed) as entry ids)
        type Want = (&'static str, Vec<&'static str>, Vec<&'static str>, Vec<&'static str>);
        type Case = (&'static str, Vec<List>, Vec<List>, Vec<Want>);
        // The same, owned, as the diff gives it.
        type Got = (String, Vec<String>, Vec<String>, Vec<String>);
        let cases: Vec<Case> = vec![
            (
                "identical",
                vec![list("x", "1", vec![a(), b()])],
                vec![list("x", "2", vec![b(), a()])],
                vec![("x", vec![], vec![], vec![])],
            ),
            (
                "added, removed, changed; numeric id order",
                vec![list("x", "", vec![b(), c()])],
                vec![list("x", "", vec![renamed_c(), a()])],
                vec![("x", vec!["9647"], vec!["17013"], vec!["200"])],
            ),
            (
                "list only on one side; lists in id order",
                vec![list("old_only", "", vec![a()]), list("both", "", vec![c()])],
                vec![list("new_only", "", vec![b()]), list("both", "", vec![c()])],
                vec![
                    ("both", vec![], vec![], vec![]),
                    ("new_only", vec!["17013"], vec![], vec![]),
                    ("old_only", vec![], vec!["9647"], vec![]),
                ],
            ),
            (
                "the later list with an id counts",
                vec![list("x", "", vec![a()])],
                vec![list("x", "", vec![b()]), list("x", "", vec![a()])],
                vec![("x", vec![], vec![], vec![])],
            ),
            ("nothing on either side", vec![], vec![], vec![]),
        ];
        for (what, old, new, want) in cases {
            let d = diff(&old, &new);
            let ids = |v: &[EntryRef]| v.iter().map(|e| e.entry_id.clone()).collect::<Vec<_>>();
            let got: Vec<Got> = d
                .iter()
                .map(|l| {
                    (
                        l.id.clone(),
                        ids(&l.added),
                        ids(&l.removed),
                        l.changed.iter().map(|c| c.entry_id.clone()).collect(),
                    )
                })
                .collect();
            let want: Vec<Got> =
                want.iter().map(|(id, a, r, c)| (id.to_string(), strings(a), strings(r), strings(c))).collect();
            assert_eq!(got, want, "{what}");
            for l in &d {
                assert_eq!(l.is_empty(), l.added.is_empty() && l.removed.is_empty() && l.changed.is_empty());
            }
        }
    }

    #[test]
    fn serialises_to_the_documented_json() {
        let mut renamed = entry("200", "C");
        renamed.fields.insert("license_requirement".into(), "For all items".into());
        let d = diff(
            &[list("us_entity_list", "2026-07-01", vec![entry("200", "C"), entry("1", "GONE")])],
            &[list("us_entity_list", "2026-08-01", vec![renamed, entry("3", "NEW")])],
        );
        let v = serde_json::to_value(serde_json::json!({ "lists": d })).expect("json");
        assert_eq!(
            v,
            serde_json::json!({"lists": [{
                "id": "us_entity_list",
                "old_entries": 2, "new_entries": 2,
                "old_date": "2026-07-01", "new_date": "2026-08-01",
                "added": [{"entry_id": "3", "name": "NEW"}],
                "removed": [{"entry_id": "1", "name": "GONE"}],
                "changed": [{"entry_id": "200", "fields": ["license_requirement"]}],
            }]})
        );
        let back: Vec<ListDiff> = serde_json::from_value(v["lists"].clone()).expect("round trip");
        assert_eq!(back, d);
    }

    #[test]
    fn id_order_puts_numbers_first_by_value() {
        let mut ids = vec!["b", "17013", "a", "9647", "0010", "200"];
        ids.sort_by(|a, b| id_order(a, b));
        assert_eq!(ids, ["0010", "200", "9647", "17013", "a", "b"]);
    }
}
