//! Two open tabs never lose each other's writes: read-merge-write of saved collections.
//!
//! Every saved collection (screenings, decisions, set-aside records, counterparties, inbox
//! items) is a set of records with an id. Beside the records, storage keeps [`Stamps`]: when
//! each record was last added or changed, and when each deleted id was deleted (a tombstone).
//! A tab never writes its copy over storage: under a Web Lock it re-reads what is stored,
//! [`join`]s it with its own copy and writes the result. So
//!
//! * a record another tab added is kept (absence never means deletion; only a tombstone does);
//! * a record another tab deleted is not brought back by this tab's stale copy (its tombstone
//!   is newer than the copy's last change);
//! * of two edits of one record, the later wins; an edit made after a deletion brings the
//!   record back, a deletion made after an edit removes it.
//!
//! A tab learns what it changed by comparing its records with the copy it last read or wrote
//! (its *base*): [`stamp`] gives new and changed records the time `now` and deleted ones a
//! tombstone. When storage changes under it (its own write came back merged, or another tab
//! wrote: the `storage` event), it takes the stored copy and keeps only its own unsaved
//! changes on top ([`rebase`]).
//!
//! [`join`] is commutative, associative and idempotent, and its output order is canonical, so
//! tabs converge and two tabs that agree write byte-identical text (no ping-pong of writes).
//!
//! Stored shape: the stamps are an optional `sync` field next to the records (`v` stays 1).
//! Data written before this field existed has no stamps: its records count as changed at
//! time 0, which is exactly how they behave (any later change or deletion wins). Builds from
//! before read the field-less records as always and ignore `sync`.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Milliseconds since 1970 (`Date.now()`).
pub type Ms = u64;

/// At most this many tombstones are kept (the newest). An older one only matters if a tab
/// that still holds the deleted record, unchanged since before, writes after it was dropped.
pub const MAX_TOMBSTONES: usize = 2000;

/// When records were last changed, and which were deleted when.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamps {
    /// Record id → when it was last added or changed. Missing: 0 (data from before stamps).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub changed: BTreeMap<String, Ms>,
    /// Deleted record id → when.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub deleted: BTreeMap<String, Ms>,
}

impl Stamps {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.deleted.is_empty()
    }
    fn changed_at(&self, id: &str) -> Ms {
        self.changed.get(id).copied().unwrap_or(0)
    }
}

/// A saved collection: its records and their stamps.
#[derive(Clone, Debug, PartialEq)]
pub struct Coll<T> {
    pub items: Vec<T>,
    pub stamps: Stamps,
}

impl<T> Default for Coll<T> {
    fn default() -> Self {
        Coll { items: Vec::new(), stamps: Stamps::default() }
    }
}

/// How a collection's records are identified and ordered.
pub trait Keyed: Clone + PartialEq + Serialize {
    /// The record's id: equal ids are the same record in two copies.
    fn key(&self) -> String;
    /// The canonical order of the saved list (ties are broken by id).
    fn order(&self, other: &Self) -> Ordering {
        let _ = other;
        Ordering::Equal
    }
}

impl Keyed for serde_json::Value {
    /// A set-aside record is identified by its content.
    fn key(&self) -> String {
        catchall::lists::content_hash(&[self.to_string().as_bytes()])
    }
}

fn by_key<T: Keyed>(items: &[T]) -> BTreeMap<String, &T> {
    let mut m = BTreeMap::new();
    for it in items {
        m.entry(it.key()).or_insert(it);
    }
    m
}

fn canonical<T: Keyed>(mut items: Vec<T>) -> Vec<T> {
    items.sort_by(|a, b| a.order(b).then_with(|| a.key().cmp(&b.key())));
    items
}

/// This tab's changes since `base` (what it last read or wrote), stamped `now`: records that
/// are new or differ from the base get `changed = now`; records of the base that are gone get
/// a tombstone. Records equal to the base keep their stamps.
pub fn stamp<T: Keyed>(base: &Coll<T>, local: &[T], now: Ms) -> Coll<T> {
    let old = by_key(&base.items);
    let new = by_key(local);
    let mut stamps = base.stamps.clone();
    for (k, it) in &new {
        if old.get(k) != Some(it) {
            stamps.changed.insert(k.clone(), now);
            stamps.deleted.remove(k);
        }
    }
    for k in old.keys() {
        if !new.contains_key(k) {
            stamps.changed.remove(k);
            stamps.deleted.insert(k.clone(), now);
        }
    }
    Coll { items: canonical(local.to_vec()), stamps }
}

/// Joins two copies of a collection. Per id: of two versions the later changed wins (equal
/// times: the larger JSON text, so the choice does not depend on the argument order); the
/// record is gone when a tombstone is as new as or newer than its last change. Tombstones are
/// kept (the newest per id, at most [`MAX_TOMBSTONES`]) unless the record outlived them.
pub fn join<T: Keyed>(a: &Coll<T>, b: &Coll<T>) -> Coll<T> {
    let (ma, mb) = (by_key(&a.items), by_key(&b.items));
    let keys: BTreeSet<&String> = ma.keys().chain(mb.keys()).collect();
    let mut items = Vec::new();
    let mut stamps = Stamps::default();
    for (k, t) in a.stamps.deleted.iter().chain(b.stamps.deleted.iter()) {
        let e = stamps.deleted.entry(k.clone()).or_insert(*t);
        *e = (*e).max(*t);
    }
    for k in keys {
        let (ta, tb) = (a.stamps.changed_at(k), b.stamps.changed_at(k));
        let (it, t) = match (ma.get(k), mb.get(k)) {
            (Some(x), Some(y)) => match ta.cmp(&tb) {
                Ordering::Greater => (*x, ta),
                Ordering::Less => (*y, tb),
                Ordering::Equal => {
                    let (jx, jy) =
                        (serde_json::to_string(x).unwrap_or_default(), serde_json::to_string(y).unwrap_or_default());
                    (if jx >= jy { *x } else { *y }, ta)
                }
            },
            (Some(x), None) => (*x, ta),
            (None, Some(y)) => (*y, tb),
            (None, None) => continue,
        };
        match stamps.deleted.get(k.as_str()) {
            Some(dead) if *dead >= t => {}
            _ => {
                stamps.deleted.remove(k.as_str());
                if t > 0 {
                    stamps.changed.insert(k.clone(), t);
                }
                items.push(it.clone());
            }
        }
    }
    if stamps.deleted.len() > MAX_TOMBSTONES {
        let mut by_age: Vec<(Ms, String)> = stamps.deleted.iter().map(|(k, t)| (*t, k.clone())).collect();
        by_age.sort_by(|x, y| y.cmp(x));
        stamps.deleted = by_age.into_iter().take(MAX_TOMBSTONES).map(|(t, k)| (k, t)).collect();
    }
    Coll { items: canonical(items), stamps }
}

/// Storage changed under this tab: take `theirs` (the stored copy) and keep this tab's own
/// changes since `base` on top (records it added or changed stay as it has them, records it
/// deleted stay deleted). They are stamped and written at its next write.
pub fn rebase<T: Keyed>(base: &[T], local: &[T], theirs: &[T]) -> Vec<T> {
    let (mb, ml, mt) = (by_key(base), by_key(local), by_key(theirs));
    let keys: BTreeSet<&String> = mb.keys().chain(ml.keys()).chain(mt.keys()).collect();
    let mut out = Vec::new();
    for k in keys {
        let it = match (mb.get(k), ml.get(k), mt.get(k)) {
            // Changed or added here: ours.
            (b, Some(l), _) if b != Some(l) => Some(*l),
            // Deleted here.
            (Some(_), None, _) => None,
            // Unchanged here: theirs (changed, deleted or added there).
            (_, _, t) => t.copied(),
        };
        if let Some(it) = it {
            out.push(it.clone());
        }
    }
    canonical(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, PartialEq, Serialize)]
    struct R {
        id: &'static str,
        text: &'static str,
    }
    impl Keyed for R {
        fn key(&self) -> String {
            self.id.to_string()
        }
    }
    fn r(id: &'static str, text: &'static str) -> R {
        R { id, text }
    }
    fn ids(c: &[R]) -> Vec<String> {
        c.iter().map(|x| format!("{}={}", x.id, x.text)).collect()
    }

    /// Two tabs read the same stored copy, each changes its own copy at its own time, then
    /// each writes by read-merge-write (tab A first, then tab B): the stored result.
    fn two_tabs(stored: &Coll<R>, a: &[R], ta: Ms, b: &[R], tb: Ms) -> Coll<R> {
        let after_a = join(stored, &stamp(stored, a, ta));
        join(&after_a, &stamp(stored, b, tb))
    }

    #[test]
    fn concurrent_writes_of_two_tabs_cases() {
        let x = r("x", "1");
        let old = Coll { items: vec![x.clone()], stamps: Stamps::default() };
        // (case, tab A's copy and time, tab B's copy and time, what storage ends with)
        type Case = (&'static str, Vec<R>, Ms, Vec<R>, Ms, Vec<&'static str>);
        let cases: Vec<Case> = vec![
            ("add/add", vec![x.clone(), r("a", "1")], 10, vec![x.clone(), r("b", "1")], 11, vec!["a=1", "b=1", "x=1"]),
            (
                "add/add, B writes first in time",
                vec![x.clone(), r("a", "1")],
                11,
                vec![x.clone(), r("b", "1")],
                10,
                vec!["a=1", "b=1", "x=1"],
            ),
            ("add/delete", vec![x.clone(), r("a", "1")], 10, vec![], 11, vec!["a=1"]),
            ("delete/add", vec![], 10, vec![x.clone(), r("b", "1")], 11, vec!["b=1"]),
            ("delete/delete", vec![], 10, vec![], 11, vec![]),
            ("edit then delete: the delete is later", vec![r("x", "2")], 10, vec![], 11, vec![]),
            ("delete then edit: the edit is later", vec![], 10, vec![r("x", "2")], 11, vec!["x=2"]),
            ("edit/edit: the later edit wins", vec![r("x", "late")], 12, vec![r("x", "early")], 11, vec!["x=late"]),
            ("unchanged copy does not undo an edit", vec![r("x", "2")], 10, vec![x.clone()], 11, vec!["x=2"]),
            ("unchanged copy does not undo a delete", vec![], 10, vec![x.clone()], 11, vec![]),
        ];
        for (name, a, ta, b, tb, want) in cases {
            let got = two_tabs(&old, &a, ta, &b, tb);
            assert_eq!(ids(&got.items), want, "{name}");
            // The other write order gives the same result: the join does not depend on who
            // got the lock first.
            let other = join(&join(&old, &stamp(&old, &b, tb)), &stamp(&old, &a, ta));
            assert_eq!(other, got, "{name}: other order");
        }
    }

    #[test]
    fn join_is_a_join() {
        let base = Coll { items: vec![r("x", "1"), r("y", "1")], stamps: Stamps::default() };
        let a = stamp(&base, &[r("x", "2"), r("z", "1")], 5);
        let b = stamp(&base, &[r("x", "3"), r("y", "1"), r("w", "1")], 5);
        let c = stamp(&base, &[], 7);
        assert_eq!(join(&a, &b), join(&b, &a), "commutative (equal times: a fixed choice)");
        assert_eq!(join(&join(&a, &b), &c), join(&a, &join(&b, &c)), "associative");
        let ab = join(&a, &b);
        assert_eq!(join(&ab, &ab), ab, "idempotent");
        assert_eq!(join(&ab, &a), ab, "absorbs what it already holds");
        // c deleted x and y later than any change; z and w it never saw stay.
        assert_eq!(ids(&join(&ab, &c).items), vec!["w=1", "z=1"]);
    }

    #[test]
    fn records_from_before_stamps_merge() {
        // Data saved before stamps existed: no `sync`, every record at time 0.
        let stored = Coll { items: vec![r("x", "1"), r("y", "1")], stamps: Stamps::default() };
        let tab = Coll { items: vec![r("x", "1"), r("y", "1")], stamps: Stamps::default() };
        assert_eq!(join(&stored, &tab), stored);
        // Any change wins over them; deletion too.
        let mine = stamp(&tab, &[r("x", "2")], 1);
        assert_eq!(ids(&join(&stored, &mine).items), vec!["x=2"]);
    }

    #[test]
    fn rebase_keeps_unsaved_changes_and_takes_the_rest() {
        let base = [r("x", "1"), r("y", "1"), r("z", "1")];
        let local = [r("x", "2"), r("y", "1"), r("n", "1")]; // edited x, deleted z, added n
        let theirs = [r("x", "9"), r("z", "1"), r("o", "1")]; // edited x, deleted y, added o
        assert_eq!(ids(&rebase(&base, &local, &theirs)), vec!["n=1", "o=1", "x=2"]);
        // Nothing changed here: exactly theirs.
        assert_eq!(rebase(&base, &base, &theirs), canonical(theirs.to_vec()));
    }

    #[test]
    fn tombstones_are_capped_newest_first() {
        let items: Vec<R> = Vec::new();
        let mut stamps = Stamps::default();
        for i in 0..(MAX_TOMBSTONES as u64 + 10) {
            stamps.deleted.insert(format!("d{i}"), i);
        }
        let j = join(&Coll { items: items.clone(), stamps }, &Coll::default());
        assert_eq!(j.stamps.deleted.len(), MAX_TOMBSTONES);
        assert!(!j.stamps.deleted.contains_key("d0") && j.stamps.deleted.contains_key("d2009"));
    }
}
