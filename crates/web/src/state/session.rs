//! The web app's session state and its pure reducer: which screen shows, the form draft,
//! the current report, the saved screenings (history) and the false-positive decisions.
//!
//! **Invariant:** nothing here touches the browser. Storage, clocks and engine calls happen
//! in the Yew callbacks and effects (`views::app`), which feed their results in as
//! [`Action`]s; [`Session::apply`] only computes the next state. That keeps this module
//! compiling natively, so `cargo test` covers it.

use super::decisions::{apply_decisions, party_hit, FalsePositive};
use super::draft::{DenialDraft, Draft, Field, ItemDraft, Knowledge, LicenceDraft, PartyDraft, Role, TemporaryDraft};
use super::store::{
    add_set_aside, import_too_big, load_store, read_set_aside, store_json, Record, Synced, MAX_IMPORT_BYTES,
    RECORD_VERSION,
};
use super::sync::{rebase, Coll};
use catchall::model::Shipment;
use catchall::verdict::Report;
use serde_json::Value;
use std::rc::Rc;

/// Which screen is showing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Page {
    #[default]
    Form,
    Report,
    History,
    /// The restricted-party lists: bundled and imported, import and remove.
    Lists,
    /// Batch screening of a party CSV or shipment JSON-lines file.
    Batch,
    /// The counterparty book.
    Book,
    /// New hits found by re-screening after a list change.
    Inbox,
}

/// The bundled lists and Annex I, fetched when the app starts.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum DataStatus {
    #[default]
    Loading,
    /// A one-line summary of what is loaded.
    Ready(String),
    /// Why nothing could be loaded; screenings run without lists.
    Failed(String),
}

/// Everything the app shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Session {
    pub page: Page,
    pub draft: Draft,
    /// The validation error of the last attempt, shown next to its field.
    pub error: Option<catchall::model::InputError>,
    /// The report on screen.
    pub current: Option<Rc<Record>>,
    /// Saved screenings, newest first.
    pub history: Vec<Rc<Record>>,
    pub decisions: Vec<FalsePositive>,
    /// Unreadable saved records, kept for the user (and written back unchanged).
    pub unreadable: Vec<Value>,
    /// A one-line message for the status area (import results, recovery, …).
    pub notice: Option<String>,
    /// Whether saved data has been read yet (the app does not save before it has).
    pub loaded: bool,
    /// The restricted-party lists and the control list.
    pub data: DataStatus,
    /// Whether the browser keeps this site's storage under storage pressure.
    pub persisted: Option<bool>,
    /// The saved data as this tab last read or wrote it (see `state::sync`).
    pub synced: Rc<Synced>,
}

/// What can happen.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Set(Field, String),
    SetKnowledge(Knowledge, bool),
    SetRedFlag(String, bool),
    AddItem,
    RemoveItem(usize),
    AddIntermediate,
    RemoveIntermediate(usize),
    AddLicence(Role),
    RemoveLicence(Role, usize),
    AddDenial,
    RemoveDenial(usize),
    /// A prior denial's `same_items` (false) or `same_end_user` (true) box.
    SetDenialFlag {
        index: usize,
        end_user: bool,
        on: bool,
    },
    /// Ask (or stop asking) the temporary-export questions.
    SetTemporary(bool),
    /// Fill the form (the example case).
    Fill(Box<Shipment>),
    ClearForm,
    /// The form failed validation.
    Invalid(catchall::model::InputError),
    /// The engine answered; `id` and `at` come from the clock in the callback.
    Screened {
        id: String,
        at: String,
        shipment: Box<Shipment>,
        report: Box<Report>,
    },
    /// Mark the current report's party finding `index` (into `findings`) as a false positive.
    MarkFalsePositive {
        index: usize,
        note: String,
        date: String,
    },
    /// Withdraw a decision.
    Undecide(usize),
    Show(Page),
    Reopen(String),
    Delete(String),
    /// Saved data was read (on start) or imported (`merge`).
    Loaded {
        text: String,
        merge: bool,
    },
    Notice(Option<String>),
    /// The records set aside by earlier sessions (the text under `QUARANTINE_KEY`), read at start.
    SetAsideLoaded(String),
    /// The user exported the set-aside records and asked to delete them.
    DiscardSetAside,
    /// Storage holds `theirs` now (this tab's read-merge-write, or another tab wrote): take
    /// it, keeping this tab's changes since `base` (`None`: since it last read or wrote).
    Synced {
        base: Option<Rc<Synced>>,
        theirs: Rc<Synced>,
    },
    /// Whether the browser granted persistent storage (`navigator.storage.persist()`);
    /// `None` when the browser cannot say.
    StoragePersisted(Option<bool>),
    /// The lists finished loading (summary) or failed (why).
    DataLoaded(Result<String, String>),
    /// The page's Annex I is loaded: the control-list picker can suggest. Nothing in the session
    /// changes (the form asks `runtime::annex1()`); the dispatch renders the form again.
    PickerReady,
}

impl Session {
    /// The next state. Pure: no storage, no clock, no engine.
    pub fn apply(&self, action: Action) -> Session {
        let mut s = self.clone();
        match action {
            Action::Set(f, v) => {
                s.draft.set(f, v);
                if s.error.as_ref().is_some_and(|e| e.field == f.path()) {
                    s.error = None;
                }
            }
            Action::SetKnowledge(k, on) => {
                if on {
                    s.draft.knowledge.insert(k);
                } else {
                    s.draft.knowledge.remove(&k);
                }
            }
            Action::SetRedFlag(code, on) => {
                if !on {
                    s.draft.red_flags.retain(|c| *c != code);
                } else if !s.draft.red_flags.contains(&code) {
                    s.draft.red_flags.push(code);
                }
            }
            Action::AddItem => s.draft.items.push(ItemDraft::default()),
            Action::RemoveItem(i) => {
                if i < s.draft.items.len() && s.draft.items.len() > 1 {
                    s.draft.items.remove(i);
                    s.error = None;
                }
            }
            Action::AddIntermediate => s.draft.intermediates.push(PartyDraft::default()),
            Action::RemoveIntermediate(i) => {
                if i < s.draft.intermediates.len() {
                    s.draft.intermediates.remove(i);
                    s.error = None;
                }
            }
            Action::AddLicence(r) => {
                if let Some(p) = s.draft.party_mut(r) {
                    p.licences_held.push(LicenceDraft::default());
                }
            }
            Action::RemoveLicence(r, j) => {
                if let Some(p) = s.draft.party_mut(r).filter(|p| j < p.licences_held.len()) {
                    p.licences_held.remove(j);
                    s.error = None;
                }
            }
            Action::AddDenial => s.draft.prior_denials.push(DenialDraft::default()),
            Action::RemoveDenial(j) => {
                if j < s.draft.prior_denials.len() {
                    s.draft.prior_denials.remove(j);
                    s.error = None;
                }
            }
            Action::SetDenialFlag { index, end_user, on } => {
                if let Some(d) = s.draft.prior_denials.get_mut(index) {
                    if end_user {
                        d.same_end_user = on;
                    } else {
                        d.same_items = on;
                    }
                }
            }
            Action::SetTemporary(on) => {
                if !on {
                    s.draft.temporary_export = None;
                } else if s.draft.temporary_export.is_none() {
                    s.draft.temporary_export = Some(TemporaryDraft::default());
                }
            }
            Action::Fill(sh) => {
                s.draft = Draft::from_shipment(&sh);
                s.error = None;
                s.page = Page::Form;
            }
            Action::ClearForm => {
                s.draft = Draft::default();
                s.error = None;
            }
            Action::Invalid(e) => {
                s.error = Some(e);
                s.page = Page::Form;
            }
            Action::Screened { id, at, shipment, report } => {
                let (report, decided) = apply_decisions(*report, &shipment, &s.decisions);
                let rec = Rc::new(Record { v: RECORD_VERSION, id, at, shipment: *shipment, report, decided });
                s.history.retain(|r| r.id != rec.id);
                s.history.insert(0, rec.clone());
                s.current = Some(rec);
                s.error = None;
                s.page = Page::Report;
            }
            Action::MarkFalsePositive { index, note, date } => {
                let Some(cur) = s.current.clone() else { return s };
                let Some(f) = cur.report.findings.get(index) else { return s };
                let Some(hit) = party_hit(f, &cur.shipment) else { return s };
                let fp = FalsePositive {
                    party_name: hit.party_name,
                    country: hit.country,
                    list: hit.list,
                    entry_id: hit.entry_id,
                    listed_name: hit.listed_name,
                    note: note.trim().to_string(),
                    date,
                };
                if !s.decisions.contains(&fp) {
                    s.decisions.push(fp);
                }
                // The report on screen shows the decision at once; the saved copy too.
                let mut rec = (*cur).clone();
                let (report, mut decided) = apply_decisions(rec.report, &rec.shipment, &s.decisions);
                rec.report = report;
                rec.decided.append(&mut decided);
                let rec = Rc::new(rec);
                for h in s.history.iter_mut() {
                    if h.id == rec.id {
                        *h = rec.clone();
                    }
                }
                s.current = Some(rec);
            }
            Action::Undecide(i) => {
                if i < s.decisions.len() {
                    s.decisions.remove(i);
                }
            }
            Action::Show(p) => {
                if p != Page::Report || s.current.is_some() {
                    s.page = p;
                }
            }
            Action::Reopen(id) => {
                if let Some(r) = s.history.iter().find(|r| r.id == id).cloned() {
                    s.draft = Draft::from_shipment(&r.shipment);
                    s.current = Some(r);
                    s.page = Page::Report;
                    s.error = None;
                }
            }
            Action::Delete(id) => {
                s.history.retain(|r| r.id != id);
                if s.current.as_ref().is_some_and(|r| r.id == id) {
                    s.current = None;
                    if s.page == Page::Report {
                        s.page = Page::History;
                    }
                }
            }
            Action::Loaded { text, merge: true } if text.len() > MAX_IMPORT_BYTES => {
                s.notice = Some(import_too_big(text.len()));
            }
            Action::Loaded { text, merge } => {
                let l = load_store(&text);
                let stamps = l.sync.clone();
                let (n, bad) = (l.screenings.len(), l.unreadable.len());
                if !merge {
                    s.history.clear();
                    s.decisions.clear();
                }
                let mut added = 0;
                for r in l.screenings {
                    if !s.history.iter().any(|h| h.id == r.id) {
                        s.history.push(Rc::new(r));
                        added += 1;
                    }
                }
                s.history.sort_by(|a, b| b.at.cmp(&a.at));
                for d in l.decisions {
                    if !s.decisions.contains(&d) {
                        s.decisions.push(d);
                    }
                }
                add_set_aside(&mut s.unreadable, l.unreadable);
                if !merge {
                    // The base this tab's changes are found against. An import is a change.
                    s.synced = Rc::new(Synced {
                        screenings: Coll { items: s.history.clone(), stamps: stamps.screenings },
                        decisions: Coll { items: s.decisions.clone(), stamps: stamps.decisions },
                        set_aside: Coll { items: s.unreadable.clone(), stamps: stamps.set_aside },
                    });
                }
                s.loaded = true;
                s.notice = match (merge, bad) {
                    (true, 0) => Some(format!("Imported {added} of {n} screenings.")),
                    (true, b) => Some(format!(
                        "Imported {added} of {n} screenings; {b} entries could not be read and were skipped."
                    )),
                    (false, 0) => None,
                    (false, b) => {
                        Some(format!("{b} saved entries could not be read; they were set aside and the others loaded."))
                    }
                };
            }
            Action::Notice(n) => s.notice = n,
            Action::SetAsideLoaded(text) => {
                let mut kept = read_set_aside(&text);
                add_set_aside(&mut kept, std::mem::take(&mut s.unreadable));
                s.unreadable = kept;
            }
            Action::DiscardSetAside => {
                let n = s.unreadable.len();
                s.unreadable.clear();
                s.notice = Some(format!("Deleted {n} set-aside record(s)."));
            }
            Action::Synced { base, theirs } => {
                let base = base.unwrap_or_else(|| s.synced.clone());
                s.history = rebase(&base.screenings.items, &s.history, &theirs.screenings.items);
                s.decisions = rebase(&base.decisions.items, &s.decisions, &theirs.decisions.items);
                s.unreadable = rebase(&base.set_aside.items, &s.unreadable, &theirs.set_aside.items);
                s.synced = theirs;
            }
            Action::StoragePersisted(p) => s.persisted = p,
            Action::PickerReady => {}
            Action::DataLoaded(Ok(summary)) => s.data = DataStatus::Ready(summary),
            Action::DataLoaded(Err(why)) => {
                s.notice = Some(format!("The restricted-party lists could not be loaded ({why}). Screenings run without them until the page is reloaded."));
                s.data = DataStatus::Failed(why);
            }
        }
        s
    }

    /// The error message for a field, if the last attempt failed there.
    pub fn error_for(&self, f: Field) -> Option<&str> {
        self.error.as_ref().filter(|e| e.field == f.path()).map(|e| e.message.as_str())
    }

    /// The saved form of the session.
    pub fn store(&self) -> Value {
        store_json(&self.history, &self.decisions)
    }
}
