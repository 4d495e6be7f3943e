//! The saved-record store and its versioned format.
//!
//! Saved data (`localStorage["catchall.v1"]`) is one JSON object
//! `{ "v": 1, "screenings": [Record…], "decisions": [FalsePositive…] }`. It is read record by
//! record: a corrupt or foreign record is skipped and kept aside (never deleted), the rest
//! load. See [`load_store`].

use super::decisions::{Decided, FalsePositive};
use super::sync::{join, stamp, Coll, Keyed, Ms, Stamps};
use catchall::model::Shipment;
use catchall::verdict::{Report, Verdict};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::rc::Rc;

/// The storage key and the record version written by this build.
pub const STORE_KEY: &str = "catchall.v1";
/// Where unreadable records are kept, so recovery never destroys data.
pub const QUARANTINE_KEY: &str = "catchall.v1.unreadable";
pub const RECORD_VERSION: u32 = 1;
/// The largest history file an import reads. Saved data lives in `localStorage` (about 5 MB
/// per origin), so a bigger file cannot be a history export and would only stall the page.
pub const MAX_IMPORT_BYTES: usize = 8 * 1024 * 1024;

/// The message for an import over [`MAX_IMPORT_BYTES`]; nothing is changed.
pub fn import_too_big(bytes: usize) -> String {
    format!(
        "Not imported: the file is {:.1} MB; a history export is at most {} MB. Nothing was changed.",
        bytes as f64 / 1_048_576.0,
        MAX_IMPORT_BYTES / 1_048_576
    )
}

/// One saved screening.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub v: u32,
    pub id: String,
    /// ISO date-time of the screening.
    pub at: String,
    pub shipment: Shipment,
    pub report: Report,
    #[serde(default)]
    pub decided: Vec<Decided>,
}

impl Record {
    pub fn verdict(&self) -> Verdict {
        self.report.verdict()
    }
    /// A short label: the end user (or consignee) and destination, else the first item.
    pub fn title(&self) -> String {
        let p = &self.shipment.parties;
        let who = p.end_user.as_ref().or(p.consignee.as_ref()).or(p.purchaser.as_ref());
        match who {
            Some(w) if !w.name.is_empty() => {
                if w.country.is_empty() {
                    w.name.clone()
                } else {
                    format!("{} ({})", w.name, w.country)
                }
            }
            _ => self.shipment.items.first().map(|i| i.description.clone()).unwrap_or_else(|| "Untitled".into()),
        }
    }
}

/// What storage held, read leniently.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    pub screenings: Vec<Record>,
    pub decisions: Vec<FalsePositive>,
    /// Records that could not be read, kept verbatim (never thrown away).
    pub unreadable: Vec<Value>,
    /// When records were changed and deleted (`sync`; empty in data from before it).
    pub sync: StoreStamps,
}

/// The stamps saved beside the records (the stored object's `sync`, see [`super::sync`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreStamps {
    #[serde(default, skip_serializing_if = "Stamps::is_empty")]
    pub screenings: Stamps,
    #[serde(default, skip_serializing_if = "Stamps::is_empty")]
    pub decisions: Stamps,
    /// The set-aside records (kept under [`QUARANTINE_KEY`]), by content.
    #[serde(default, skip_serializing_if = "Stamps::is_empty")]
    pub set_aside: Stamps,
}

impl StoreStamps {
    pub fn is_empty(&self) -> bool {
        self.screenings.is_empty() && self.decisions.is_empty() && self.set_aside.is_empty()
    }
}

impl Keyed for Rc<Record> {
    fn key(&self) -> String {
        self.id.clone()
    }
    /// Newest first, as History shows them.
    fn order(&self, other: &Self) -> std::cmp::Ordering {
        other.at.cmp(&self.at)
    }
}

/// What this tab last read from or wrote to storage: the base its own changes are found
/// against (see [`super::sync`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Synced {
    pub screenings: Coll<Rc<Record>>,
    pub decisions: Coll<FalsePositive>,
    pub set_aside: Coll<Value>,
}

impl Synced {
    /// What storage holds: the text under [`STORE_KEY`] and under [`QUARANTINE_KEY`]. Records
    /// of the store that cannot be read join the set-aside ones (kept, never dropped).
    pub fn read(store: &str, set_aside: &str) -> Synced {
        let l = load_store(store);
        let mut aside = read_set_aside(set_aside);
        add_set_aside(&mut aside, l.unreadable);
        Synced {
            screenings: Coll { items: l.screenings.into_iter().map(Rc::new).collect(), stamps: l.sync.screenings },
            decisions: Coll { items: l.decisions, stamps: l.sync.decisions },
            set_aside: Coll { items: aside, stamps: l.sync.set_aside },
        }
    }

    /// The text to store under [`STORE_KEY`], and under [`QUARANTINE_KEY`] (`None`: remove it,
    /// nothing is set aside).
    pub fn texts(&self) -> (String, Option<String>) {
        let stamps = StoreStamps {
            screenings: self.screenings.stamps.clone(),
            decisions: self.decisions.stamps.clone(),
            set_aside: self.set_aside.stamps.clone(),
        };
        let mut v = store_json(&self.screenings.items, &self.decisions.items);
        if !stamps.is_empty() {
            v["sync"] = serde_json::to_value(&stamps).unwrap_or(Value::Null);
        }
        let aside = (!self.set_aside.items.is_empty()).then(|| Value::Array(self.set_aside.items.clone()).to_string());
        (v.to_string(), aside)
    }
}

/// Read-merge-write of the saved screenings, decisions and set-aside records: this tab's
/// copy (`history`, `decisions`, `set_aside`) is stamped against `base` at `now` and joined
/// with what storage holds now (`stored`: the texts under [`STORE_KEY`] and
/// [`QUARANTINE_KEY`]). Returns what this tab wrote from (the stamped copy, for
/// [`super::Action::Synced`]) and what to write.
pub fn merge_for_write(
    base: &Synced,
    history: &[Rc<Record>],
    decisions: &[FalsePositive],
    set_aside: &[Value],
    stored: (&str, &str),
    now: Ms,
) -> (Synced, Synced) {
    let mine = Synced {
        screenings: stamp(&base.screenings, history, now),
        decisions: stamp(&base.decisions, decisions, now),
        set_aside: stamp(&base.set_aside, set_aside, now),
    };
    let theirs = Synced::read(stored.0, stored.1);
    let joined = Synced {
        screenings: join(&theirs.screenings, &mine.screenings),
        decisions: join(&theirs.decisions, &mine.decisions),
        set_aside: join(&theirs.set_aside, &mine.set_aside),
    };
    (mine, joined)
}

/// Reads saved data. Never fails: a whole-file error keeps the text as one unreadable
/// value; a bad record is set aside while the others load. Accepts a bare array of records
/// (the pre-versioned layout and the export of one screening list).
pub fn load_store(text: &str) -> Loaded {
    let mut out = Loaded::default();
    if text.trim().is_empty() {
        return out;
    }
    let v: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(_) => {
            out.unreadable.push(Value::String(text.to_string()));
            return out;
        }
    };
    let (records, decisions) = match &v {
        Value::Array(a) => (a.clone(), Vec::new()),
        Value::Object(o) => (
            o.get("screenings").and_then(Value::as_array).cloned().unwrap_or_default(),
            o.get("decisions").and_then(Value::as_array).cloned().unwrap_or_default(),
        ),
        _ => {
            out.unreadable.push(v);
            return out;
        }
    };
    for r in records {
        match read_record(&r) {
            Some(rec) => out.screenings.push(rec),
            None => out.unreadable.push(r),
        }
    }
    for d in decisions {
        match serde_json::from_value::<FalsePositive>(d.clone()) {
            Ok(fp) => out.decisions.push(fp),
            Err(_) => out.unreadable.push(d),
        }
    }
    // Stamps that cannot be read are dropped: the records still load (as from before stamps).
    out.sync = v.get("sync").and_then(|s| serde_json::from_value(s.clone()).ok()).unwrap_or_default();
    out
}

fn read_record(r: &Value) -> Option<Record> {
    let mut r = r.clone();
    let obj = r.as_object_mut()?;
    match obj.get("v").and_then(Value::as_u64) {
        // Records from before versioning: same shape, no `v`.
        None => {
            obj.insert("v".into(), json!(RECORD_VERSION));
        }
        Some(v) if v == u64::from(RECORD_VERSION) => {}
        // A newer (or unknown) version: do not guess.
        Some(_) => return None,
    }
    // The shipment goes through the engine's own validation, like a typed one.
    let shipment_text = obj.get("shipment")?.to_string();
    let shipment = catchall::model::parse_shipment(&shipment_text).ok()?;
    obj.insert("shipment".into(), serde_json::to_value(&shipment).ok()?);
    serde_json::from_value(r).ok()
}

/// The set-aside records kept under [`QUARANTINE_KEY`], read leniently: a text that is not a
/// JSON array is itself kept, as one record, so nothing already set aside is lost.
pub fn read_set_aside(text: &str) -> Vec<Value> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(a)) => a,
        Ok(other) => vec![other],
        Err(_) => vec![Value::String(text.to_string())],
    }
}

/// Adds newly set-aside records to those kept before (once each): set-aside records
/// accumulate across sessions until the user deletes them.
pub fn add_set_aside(kept: &mut Vec<Value>, new: impl IntoIterator<Item = Value>) {
    for v in new {
        if !kept.contains(&v) {
            kept.push(v);
        }
    }
}

/// The saved form of the session (what `load_store` reads back).
pub fn store_json(screenings: &[Rc<Record>], decisions: &[FalsePositive]) -> Value {
    json!({
        "v": RECORD_VERSION,
        "app": "catchall",
        "screenings": screenings.iter().map(|r| r.as_ref()).collect::<Vec<_>>(),
        "decisions": decisions,
    })
}

// ---------------------------------------------------------------------------------------
// The session and its reducer.
