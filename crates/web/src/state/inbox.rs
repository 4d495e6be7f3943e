//! Re-screening on list change, and the inbox "New since your last screening".
//!
//! Whenever the lists in use may have changed (the app started, an import, a removal, new
//! counterparties), the page asks a worker which lists it screens with
//! ([`crate::protocol::FromWorker::ListsInUse`]). Every saved screening and counterparty last
//! screened against other lists (compared by [`list_sig`]: ids, data dates, entry counts and
//! content hashes) is re-screened in the workers, and each hit that was not there before and
//! that no decision covers becomes an inbox item: which screening or counterparty, which list
//! entry, the list's data date, when it was found. Every run is logged ([`Run`]), so nothing
//! is re-screened without a record; dismissing an item records a note and a date.
//!
//! Saved under `localStorage["catchall.inbox.v1"]`. Pure: the page holds the handles.

use super::book::Counterparty;
use super::decisions::{FalsePositive, HitRef, PartyHit};
use super::store::Record;
use crate::protocol::{FoundHit, RescreenInput, RescreenItem, RescreenResult};
use catchall::screening::ListMeta;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::rc::Rc;

pub const INBOX_KEY: &str = "catchall.inbox.v1";
pub const INBOX_VERSION: u32 = 1;
/// At most this many runs are kept in the log (the oldest go first).
pub const MAX_RUNS: usize = 200;

/// One list as a re-screen compares it: what identifies the version screened against.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListVersion {
    pub id: String,
    pub date: String,
    pub entries: usize,
    #[serde(default)]
    pub hash: String,
}

impl ListVersion {
    pub fn of(m: &ListMeta) -> ListVersion {
        ListVersion { id: m.id.clone(), date: m.date.clone(), entries: m.entries, hash: m.hash.clone() }
    }
}

fn sig_of(mut v: Vec<ListVersion>) -> String {
    v.sort_by(|a, b| a.id.cmp(&b.id));
    let text: Vec<String> = v.iter().map(|l| format!("{}|{}|{}|{}", l.id, l.date, l.entries, l.hash)).collect();
    let parts: Vec<&[u8]> = text.iter().map(|t| t.as_bytes()).collect();
    catchall::lists::content_hash(&parts)
}

/// The signature of a set of lists: equal exactly when every list has the same id, data
/// date, entry count and content hash.
pub fn list_sig(lists: &[ListMeta]) -> String {
    sig_of(lists.iter().map(ListVersion::of).collect())
}

/// The signature of the lists a saved report was screened against.
pub fn report_sig(r: &Record) -> String {
    sig_of(
        r.report
            .lists
            .iter()
            .map(|l| ListVersion { id: l.id.clone(), date: l.date.clone(), entries: l.entries, hash: l.hash.clone() })
            .collect(),
    )
}

/// How the lists changed, one phrase per list: `us_sdn 2026-08-20 → 2026-12-01 (19249 → 19301
/// entries)`, `+ us_isn (144 entries, 2023-11)`, `− us_isn`.
pub fn describe_change(old: &[ListVersion], new: &[ListVersion]) -> Vec<String> {
    let mut out = Vec::new();
    for n in new {
        match old.iter().find(|o| o.id == n.id) {
            None => out.push(format!("+ {} ({} entries, data of {})", n.id, n.entries, n.date)),
            Some(o) if o != n => {
                let mut s = format!("{} changed: data of {} → {}", n.id, o.date, n.date);
                if o.entries != n.entries {
                    s.push_str(&format!(", {} → {} entries", o.entries, n.entries));
                }
                out.push(s);
            }
            Some(_) => {}
        }
    }
    for o in old {
        if !new.iter().any(|n| n.id == o.id) {
            out.push(format!("− {} (removed)", o.id));
        }
    }
    out
}

/// What is re-screened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    Screening,
    Counterparty,
}

/// A hit as the inbox compares it: the party, the list and the entry.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct HitKey {
    party: String,
    list: String,
    entry_id: String,
}

fn norm(s: &str) -> String {
    s.split_whitespace().map(|w| w.to_lowercase()).collect::<Vec<_>>().join(" ")
}

fn key(party: &str, list: &str, entry_id: &str) -> HitKey {
    HitKey { party: norm(party), list: list.to_string(), entry_id: entry_id.to_string() }
}

/// One item to re-screen and what it hit before.
#[derive(Clone, Debug, PartialEq)]
pub struct Baseline {
    /// `s:<record id>` or `c:<counterparty id>`.
    pub key: String,
    pub kind: SubjectKind,
    pub subject_id: String,
    pub title: String,
    pub input: RescreenInput,
    /// The hits of the last screening; `None` when it was never screened (a new
    /// counterparty: its first hits are shown in the book, not as "new since").
    old: Option<Vec<HitKey>>,
    /// Decisions that take a hit out (the party's own, or the history's).
    pub decisions: Vec<FalsePositive>,
    pub verdict_before: Option<String>,
}

/// What to re-screen: every saved screening and counterparty whose last screening used other
/// lists than `current` (or all of them when `force`).
pub fn plan(
    history: &[Rc<Record>],
    decisions: &[FalsePositive],
    book: &[Counterparty],
    inbox: &Inbox,
    current: &str,
    force: bool,
) -> Vec<Baseline> {
    let mut out = Vec::new();
    for r in history {
        let k = format!("s:{}", r.id);
        let last = inbox.rechecked.get(&k).cloned().unwrap_or_else(|| report_sig(r));
        if !force && last == current {
            continue;
        }
        let mut old: Vec<HitKey> = Vec::new();
        for f in r.report.findings.iter().chain(r.decided.iter().map(|d| &d.finding)) {
            if let Some(h) = super::decisions::party_hit(f, &r.shipment) {
                old.push(key(&h.party_name, &h.list, &h.entry_id));
            }
        }
        out.push(Baseline {
            key: k,
            kind: SubjectKind::Screening,
            subject_id: r.id.clone(),
            title: r.title(),
            input: RescreenInput::Shipment(Box::new(r.shipment.clone())),
            old: Some(old),
            decisions: decisions.to_vec(),
            // The engine's verdict before the user's decisions, comparable with a re-screen's.
            verdict_before: Some(
                r.report
                    .findings
                    .iter()
                    .chain(r.decided.iter().map(|d| &d.finding))
                    .map(|f| f.verdict)
                    .max()
                    .unwrap_or(catchall::verdict::Verdict::Clear)
                    .as_str()
                    .to_string(),
            ),
        });
    }
    for c in book {
        let last = c.last.as_ref().map(|l| l.lists.as_str());
        if !force && last == Some(current) {
            continue;
        }
        let old = c.last.as_ref().map(|l| l.hits.iter().map(|h| key(&c.name, &h.list, &h.entry_id)).collect());
        out.push(Baseline {
            key: format!("c:{}", c.id),
            kind: SubjectKind::Counterparty,
            subject_id: c.id.clone(),
            title: if c.role.is_empty() { c.name.clone() } else { format!("{} ({})", c.name, c.role) },
            input: RescreenInput::Party(c.query()),
            old,
            decisions: c.decisions.clone(),
            verdict_before: None,
        });
    }
    out
}

/// The worker messages' items for a plan.
pub fn items(plan: &[Baseline]) -> Vec<RescreenItem> {
    plan.iter().map(|b| RescreenItem { key: b.key.clone(), input: b.input.clone() }).collect()
}

/// The user's dismissal of an inbox item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dismissal {
    pub note: String,
    /// `YYYY-MM-DD`.
    pub date: String,
}

/// A hit that was not there at the last screening.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InboxItem {
    pub id: String,
    pub kind: SubjectKind,
    /// The record id or counterparty id.
    pub subject_id: String,
    pub title: String,
    pub party_name: String,
    #[serde(default)]
    pub country: String,
    #[serde(flatten)]
    pub hit: HitRef,
    /// The data date of the list version the hit first appeared in ("added when").
    pub list_date: String,
    /// ISO date-time of the re-screen that found it.
    pub found_at: String,
    /// Saved screenings: the verdict when saved and now.
    #[serde(default)]
    pub verdict_before: Option<String>,
    #[serde(default)]
    pub verdict_now: Option<String>,
    #[serde(default)]
    pub dismissed: Option<Dismissal>,
}

/// One re-screening run, for the log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Run {
    /// ISO date-time it finished.
    pub at: String,
    /// Why it ran (what changed in the lists, or the user asked).
    pub reason: Vec<String>,
    /// The lists screened against.
    pub lists: String,
    pub screenings: usize,
    pub counterparties: usize,
    /// Counterparties screened for the first time (their hits are in the book).
    #[serde(default)]
    pub first: usize,
    pub new_items: usize,
    /// Saved screenings whose verdict is now different.
    #[serde(default)]
    pub verdict_changed: usize,
    pub ms: f64,
}

/// The saved inbox.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Inbox {
    pub items: Vec<InboxItem>,
    pub runs: Vec<Run>,
    /// The lists each item was last re-screened against (`s:<id>` / `c:<id>` → signature).
    #[serde(default)]
    pub rechecked: BTreeMap<String, String>,
    /// The lists of the last check, to say what changed next time.
    #[serde(default)]
    pub last_lists: Vec<ListVersion>,
}

impl Inbox {
    pub fn open(&self) -> impl Iterator<Item = &InboxItem> {
        self.items.iter().filter(|i| i.dismissed.is_none())
    }
}

impl super::sync::Keyed for InboxItem {
    /// One item per subject and hit (two tabs' runs can find the same hit).
    fn key(&self) -> String {
        format!("{}|{}|{}|{}", self.subject_id, norm(&self.party_name), self.hit.list, self.hit.entry_id)
    }
    /// Newest first.
    fn order(&self, other: &Self) -> std::cmp::Ordering {
        other.found_at.cmp(&self.found_at)
    }
}

impl super::sync::Keyed for Run {
    fn key(&self) -> String {
        catchall::lists::content_hash(&[serde_json::to_string(self).unwrap_or_default().as_bytes()])
    }
    fn order(&self, other: &Self) -> std::cmp::Ordering {
        other.at.cmp(&self.at)
    }
}

/// This tab's changes to the inbox since `base`, on top of `theirs` (what storage holds):
/// new items and dismissals made here are kept, the rest comes from storage. Items are never
/// deleted, so no tombstones are needed (see `state::sync`).
pub fn rebase_inbox(base: &Inbox, local: &Inbox, theirs: &Inbox) -> Inbox {
    use super::sync::rebase;
    let mut runs = rebase(&base.runs, &local.runs, &theirs.runs);
    runs.truncate(MAX_RUNS);
    let mut rechecked = theirs.rechecked.clone();
    for (k, v) in &local.rechecked {
        if base.rechecked.get(k) != Some(v) {
            rechecked.insert(k.clone(), v.clone());
        }
    }
    Inbox {
        items: rebase(&base.items, &local.items, &theirs.items),
        runs,
        rechecked,
        last_lists: if local.last_lists != base.last_lists {
            local.last_lists.clone()
        } else {
            theirs.last_lists.clone()
        },
    }
}

/// Reads the saved inbox leniently: `None` when the text is not an inbox this build reads.
pub fn read_inbox(text: &str) -> Option<Inbox> {
    if text.trim().is_empty() {
        return Some(Inbox::default());
    }
    let v: Value = serde_json::from_str(text).ok()?;
    if v.get("v").and_then(Value::as_u64) != Some(u64::from(INBOX_VERSION)) {
        return None;
    }
    serde_json::from_value(v).ok()
}

/// A run waiting for the workers' answers.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub plan: Rc<Vec<Baseline>>,
    pub parts: usize,
    pub got: Vec<RescreenResult>,
    pub parts_in: usize,
    pub lists: Vec<ListMeta>,
    pub reason: Vec<String>,
    /// `Date.now()` when it started.
    pub t0: f64,
}

/// The inbox screen's state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InboxUi {
    pub inbox: Rc<Inbox>,
    /// Saved data that could not be read (kept verbatim, written back).
    pub unreadable: Option<Value>,
    pub loaded: bool,
    /// Bumped to ask the page for a check ([`InboxAction::Check`]).
    pub want: u64,
    /// Re-screen everything at the next check, not only what used other lists.
    pub force: bool,
    /// The lists the worker screens with, from its last answer; `plan_gen` is bumped with it.
    pub current: Option<Rc<Vec<ListMeta>>>,
    pub plan_gen: u64,
    pub pending: Option<Rc<Pending>>,
    /// The last finished run's counterparty results, for the book (`done_gen` is bumped).
    pub done: Rc<Vec<(String, Vec<HitRef>)>>,
    pub done_sig: String,
    pub done_at: String,
    pub done_gen: u64,
    /// Something went wrong (the worker failed): said on the inbox screen.
    pub problem: Option<String>,
    /// The inbox as this tab last read or wrote it (see `state::sync`).
    pub synced: Rc<Inbox>,
    /// A check was asked for while a run was going: it runs when this one ends.
    pub queued: bool,
}

/// What changes the inbox.
#[derive(Clone, Debug, PartialEq)]
pub enum InboxAction {
    Loaded(String),
    /// Storage holds `theirs` now: take it, keeping this tab's changes since `base` (`None`:
    /// since it last read or wrote).
    Synced {
        base: Option<Rc<Inbox>>,
        theirs: Rc<Inbox>,
    },
    /// Check whether anything needs re-screening (`force`: re-screen everything).
    Check {
        force: bool,
    },
    /// The worker's lists.
    ListsInUse(Vec<ListMeta>),
    /// The page planned a run and sent it to `parts` workers (`t0`: `Date.now()`).
    Started {
        plan: Rc<Vec<Baseline>>,
        parts: usize,
        t0: f64,
    },
    /// Nothing to re-screen: the lists are those of the last check.
    NothingToDo,
    /// One worker's answer; `at` and `now` come from the clock.
    Part {
        results: Vec<RescreenResult>,
        lists: Vec<ListMeta>,
        at: String,
        now: f64,
    },
    Failed(String),
    Dismiss {
        id: String,
        note: String,
        date: String,
    },
}

/// The text saved under [`INBOX_KEY`].
pub fn inbox_text(inbox: &Inbox, unreadable: Option<&Value>) -> String {
    InboxUi { inbox: Rc::new(inbox.clone()), unreadable: unreadable.cloned(), ..InboxUi::default() }.store().to_string()
}

impl InboxUi {
    pub fn store(&self) -> Value {
        let mut v = serde_json::to_value(&*self.inbox).unwrap_or(Value::Null);
        if let Some(o) = v.as_object_mut() {
            o.insert("v".into(), json!(INBOX_VERSION));
            if let Some(u) = &self.unreadable {
                o.insert("unreadable".into(), u.clone());
            }
        }
        v
    }

    pub fn running(&self) -> bool {
        self.pending.is_some()
    }

    /// The next state. Pure.
    pub fn apply(&self, action: InboxAction) -> InboxUi {
        let mut s = self.clone();
        match action {
            InboxAction::Loaded(text) => {
                s.loaded = true;
                if text.trim().is_empty() {
                    return s;
                }
                let v: Value = serde_json::from_str(&text).unwrap_or(Value::String(text.clone()));
                let readable = v.get("v").and_then(Value::as_u64) == Some(u64::from(INBOX_VERSION));
                match serde_json::from_value::<Inbox>(v.clone()) {
                    Ok(inbox) if readable => {
                        s.inbox = Rc::new(inbox);
                        s.synced = s.inbox.clone();
                        s.unreadable = v.get("unreadable").cloned();
                    }
                    _ => {
                        s.problem = Some("The saved inbox could not be read; it is kept unchanged in this browser's storage, and a new one started.".into());
                        s.unreadable = Some(v);
                    }
                }
            }
            InboxAction::Synced { base, theirs } => {
                let base = base.unwrap_or_else(|| s.synced.clone());
                s.inbox = Rc::new(rebase_inbox(&base, &s.inbox, &theirs));
                s.synced = theirs;
            }
            InboxAction::Check { force } => {
                s.force |= force;
                if s.pending.is_some() {
                    s.queued = true;
                } else {
                    s.want += 1;
                }
            }
            InboxAction::ListsInUse(lists) => {
                if s.pending.is_none() {
                    s.current = Some(Rc::new(lists));
                    s.plan_gen += 1;
                }
            }
            InboxAction::NothingToDo => {
                if let Some(cur) = &s.current {
                    let mut inbox = (*s.inbox).clone();
                    inbox.last_lists = cur.iter().map(ListVersion::of).collect();
                    s.inbox = Rc::new(inbox);
                }
                s.force = false;
            }
            InboxAction::Started { plan, parts, t0 } => {
                let cur: Vec<ListVersion> =
                    s.current.as_deref().map(|c| c.iter().map(ListVersion::of).collect()).unwrap_or_default();
                let mut reason = describe_change(&s.inbox.last_lists, &cur);
                if s.inbox.last_lists.is_empty() {
                    reason = vec!["first check of the saved screenings and counterparties in this browser".into()];
                }
                if s.force {
                    reason.insert(0, "re-screen asked for".into());
                }
                if reason.is_empty() {
                    reason.push("screened against other lists than those in use now, or never screened".into());
                }
                s.force = false;
                s.problem = None;
                s.pending = Some(Rc::new(Pending {
                    plan,
                    parts: parts.max(1),
                    got: Vec::new(),
                    parts_in: 0,
                    lists: Vec::new(),
                    reason,
                    t0,
                }));
            }
            InboxAction::Part { results, lists, at, now } => {
                let Some(p) = s.pending.take() else { return s };
                let mut p = (*p).clone();
                p.got.extend(results);
                p.parts_in += 1;
                if p.lists.is_empty() {
                    p.lists = lists;
                }
                if p.parts_in < p.parts {
                    s.pending = Some(Rc::new(p));
                    return s;
                }
                s.finish(p, &at, now);
                if std::mem::take(&mut s.queued) {
                    s.want += 1;
                }
            }
            InboxAction::Failed(why) => {
                if s.pending.take().is_some() {
                    s.problem = Some(format!("Re-screening stopped: {why}. Nothing was changed; it runs again at the next start or list change."));
                    s.queued = false;
                }
            }
            InboxAction::Dismiss { id, note, date } => {
                let note = note.trim().to_string();
                if note.is_empty() {
                    return s;
                }
                let mut inbox = (*s.inbox).clone();
                if let Some(i) = inbox.items.iter_mut().find(|i| i.id == id && i.dismissed.is_none()) {
                    i.dismissed = Some(Dismissal { note, date });
                }
                s.inbox = Rc::new(inbox);
            }
        }
        s
    }

    /// All parts are in: new hits become items, the run is logged, counterparty results go to
    /// the book.
    fn finish(&mut self, p: Pending, at: &str, now: f64) {
        let sig = list_sig(&p.lists);
        let dates: BTreeMap<&str, &str> = p.lists.iter().map(|l| (l.id.as_str(), l.date.as_str())).collect();
        let by_key: BTreeMap<&str, &RescreenResult> = p.got.iter().map(|r| (r.key.as_str(), r)).collect();
        let mut inbox = (*self.inbox).clone();
        let mut run = Run {
            at: at.to_string(),
            reason: p.reason.clone(),
            lists: sig.clone(),
            screenings: 0,
            counterparties: 0,
            first: 0,
            new_items: 0,
            verdict_changed: 0,
            ms: now - p.t0,
        };
        let mut book = Vec::new();
        // Ids from the clock: two tabs' runs do not make the same id for different hits.
        let stamp = now.max(0.0) as u64;
        // Hits already in the inbox, per subject (so a hit is reported once, dismissed or not).
        let mut known: std::collections::BTreeSet<(String, HitKey)> = inbox
            .items
            .iter()
            .map(|i| (i.subject_id.clone(), key(&i.party_name, &i.hit.list, &i.hit.entry_id)))
            .collect();
        for b in p.plan.iter() {
            let Some(r) = by_key.get(b.key.as_str()) else { continue };
            match b.kind {
                SubjectKind::Screening => run.screenings += 1,
                SubjectKind::Counterparty => {
                    run.counterparties += 1;
                    book.push((b.subject_id.clone(), r.hits.iter().map(|h| h.hit.clone()).collect()));
                }
            }
            if b.verdict_before.is_some() && r.verdict.is_some() && b.verdict_before != r.verdict {
                run.verdict_changed += 1;
            }
            inbox.rechecked.insert(b.key.clone(), sig.clone());
            let Some(old) = &b.old else {
                run.first += 1;
                continue;
            };
            for h in &r.hits {
                let k = key(&h.party_name, &h.hit.list, &h.hit.entry_id);
                let ph = PartyHit::of(&h.party_name, &h.country, &h.hit);
                let seen = old.contains(&k) || b.decisions.iter().any(|d| d.covers(&ph));
                if seen || !known.insert((b.subject_id.clone(), k)) {
                    continue;
                }
                run.new_items += 1;
                inbox.items.insert(
                    0,
                    InboxItem {
                        id: format!("i{}-{}", stamp, run.new_items),
                        kind: b.kind,
                        subject_id: b.subject_id.clone(),
                        title: b.title.clone(),
                        party_name: h.party_name.clone(),
                        country: h.country.clone(),
                        hit: h.hit.clone(),
                        list_date: dates.get(h.hit.list.as_str()).map(|d| d.to_string()).unwrap_or_default(),
                        found_at: at.to_string(),
                        verdict_before: b.verdict_before.clone(),
                        verdict_now: r.verdict.clone(),
                        dismissed: None,
                    },
                );
            }
        }
        // Items whose subject is gone stay (they are a record); rechecked keys of deleted
        // subjects are dropped when they were not in this plan and are not in any item.
        inbox.last_lists = p.lists.iter().map(ListVersion::of).collect();
        inbox.runs.insert(0, run);
        inbox.runs.truncate(MAX_RUNS);
        self.inbox = Rc::new(inbox);
        self.done = Rc::new(book);
        self.done_sig = sig;
        self.done_at = at.to_string();
        self.done_gen += 1;
    }
}

/// Screens re-screen items with an engine context (the worker calls this; pure engine code,
/// so it is tested natively too).
pub fn screen_items(items: &[RescreenItem], ctx: &catchall::screening::Context<'_>) -> Vec<RescreenResult> {
    items
        .iter()
        .map(|it| match &it.input {
            RescreenInput::Party(q) => RescreenResult {
                key: it.key.clone(),
                verdict: None,
                hits: ctx
                    .parties
                    .screen(q)
                    .into_iter()
                    .map(|h| FoundHit {
                        party_name: q.name.clone(),
                        country: q.country.clone().unwrap_or_default(),
                        hit: HitRef {
                            list: h.list,
                            entry_id: h.entry_id,
                            listed_name: h.name,
                            matched_name: h.matched_name,
                            score: h.score,
                            decision: decision_word(h.decision),
                        },
                    })
                    .collect(),
            },
            RescreenInput::Shipment(s) => {
                let report = catchall::rules::screen(s, ctx);
                let hits = report
                    .findings
                    .iter()
                    .filter_map(|f| {
                        let ph = super::decisions::party_hit(f, s)?;
                        let lh = f.list_hit()?;
                        Some(FoundHit {
                            party_name: ph.party_name,
                            country: ph.country,
                            hit: HitRef {
                                list: ph.list,
                                entry_id: ph.entry_id,
                                listed_name: ph.listed_name,
                                matched_name: lh.matched_name.clone(),
                                score: lh.score,
                                decision: decision_word(lh.decision),
                            },
                        })
                    })
                    .collect();
                RescreenResult { key: it.key.clone(), verdict: Some(report.verdict().as_str().to_string()), hits }
            }
        })
        .collect()
}

fn decision_word(d: catchall::screening::Decision) -> String {
    serde_json::to_value(d).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::book::{BookAction, BookUi, NewParty};
    use crate::state::{Action, Session};
    use catchall::lists::List;
    use catchall::screening::{Context, EntityKind, Entry, PartyScreener};

    const CHASHMA: &str = include_str!("../../../../data/examples/chashma_2021.json");

    fn entry(id: &str, name: &str, country: &str) -> Entry {
        Entry {
            id: id.into(),
            kind: EntityKind::Organization,
            name: name.into(),
            countries: vec![country.into()],
            programs: vec!["SDGT".into()],
            ..Entry::default()
        }
    }

    /// The SDN list in two versions: the second adds Acme Trading LLC (AE).
    fn sdn(date: &str, with_acme: bool) -> catchall::names::Index {
        let mut entries = vec![entry("100", "ROSOBORONEXPORT", "RU")];
        if with_acme {
            entries.push(entry("200", "ACME TRADING LLC", "AE"));
        }
        let meta = ListMeta {
            id: "us_sdn".into(),
            name: "SDN".into(),
            date: date.into(),
            entries: entries.len(),
            hash: format!("fnv1a64:{date}"),
            ..ListMeta::default()
        };
        catchall::names::Index::build(vec![List { meta, entries }])
    }

    fn screen_with(index: &catchall::names::Index, shipment: &catchall::model::Shipment) -> catchall::Report {
        let ctx = Context { parties: index, controls: &catchall::screening::NoControls };
        catchall::rules::screen(shipment, &ctx)
    }

    /// Runs a plan through `screen_items` with `index`, in `parts` parts, as the page and
    /// the workers do.
    fn run(ui: &InboxUi, plan: Vec<Baseline>, index: &catchall::names::Index, parts: usize) -> InboxUi {
        let lists = index.lists();
        let items = items(&plan);
        let mut ui = ui.apply(InboxAction::ListsInUse(lists.clone()));
        ui = ui.apply(InboxAction::Started { plan: Rc::new(plan), parts, t0: 1000.0 });
        for part in 0..parts {
            let r = crate::protocol::part_range(items.len(), part, parts);
            let ctx = Context { parties: index, controls: &catchall::screening::NoControls };
            let results = screen_items(&items[r], &ctx);
            ui = ui.apply(InboxAction::Part {
                results,
                lists: lists.clone(),
                at: "2026-12-06T12:00:00Z".into(),
                now: 1250.0,
            });
        }
        ui
    }

    #[test]
    fn a_list_change_puts_new_hits_in_the_inbox_once_and_logs_the_run() {
        let (v1, v2) = (sdn("2026-08-20", false), sdn("2026-12-01", true));
        // A saved screening whose end user is Acme, screened when Acme was not listed.
        let mut shipment = catchall::parse_shipment(CHASHMA).unwrap();
        if let Some(eu) = shipment.parties.end_user.as_mut() {
            eu.name = "Acme Trading LLC".into();
            eu.country = "AE".into();
        }
        let report = screen_with(&v1, &shipment);
        let before = report.verdict();
        let session = Session::default().apply(Action::Screened {
            id: "s1".into(),
            at: "2026-09-01T10:00:00Z".into(),
            shipment: Box::new(shipment.clone()),
            report: Box::new(report),
        });
        // Two counterparties: Acme (screened before, no hit) and Beta (never screened).
        let book = BookUi::default().apply(BookAction::Add {
            parties: vec![
                NewParty::new("Acme Trading LLC", "AE", "customer"),
                NewParty::new("Beta GmbH", "DE", "consignee"),
            ],
            stamp: 1,
            date: "2026-09-01".into(),
            from: "test".into(),
        });
        let acme = book.parties[0].id.clone();
        let sig1 = list_sig(&v1.lists());
        let book = book.apply(BookAction::Screened {
            at: "2026-09-01T10:00:00Z".into(),
            lists: sig1.clone(),
            results: vec![(acme.clone(), vec![])],
        });

        // Same lists: only the never-screened counterparty is planned.
        let ui = InboxUi::default();
        let p = plan(&session.history, &session.decisions, &book.parties, &ui.inbox, &sig1, false);
        assert_eq!(p.iter().map(|b| b.title.as_str()).collect::<Vec<_>>(), vec!["Beta GmbH (consignee)"]);

        // New lists: everything is re-screened; Acme now hits, in the saved screening and in the book.
        let sig2 = list_sig(&v2.lists());
        assert_ne!(sig1, sig2);
        let p = plan(&session.history, &session.decisions, &book.parties, &ui.inbox, &sig2, false);
        assert_eq!(p.len(), 3);
        let ui = ui.apply(InboxAction::Loaded(String::new()));
        let ui = InboxUi {
            inbox: Rc::new(Inbox { last_lists: v1.lists().iter().map(ListVersion::of).collect(), ..Inbox::default() }),
            ..ui
        };
        let done = run(&ui, p, &v2, 2);
        assert!(done.pending.is_none());
        let items: Vec<(SubjectKind, &str, &str, &str, &str)> = done
            .inbox
            .items
            .iter()
            .map(|i| {
                (i.kind, i.subject_id.as_str(), i.hit.list.as_str(), i.hit.entry_id.as_str(), i.list_date.as_str())
            })
            .collect();
        assert_eq!(items.len(), 2, "{items:?}");
        assert!(items.contains(&(SubjectKind::Screening, "s1", "us_sdn", "200", "2026-12-01")), "{items:?}");
        assert!(
            items.contains(&(SubjectKind::Counterparty, acme.as_str(), "us_sdn", "200", "2026-12-01")),
            "{items:?}"
        );
        let shot = done.inbox.items.iter().find(|i| i.kind == SubjectKind::Screening).unwrap();
        assert_eq!(shot.verdict_before.as_deref(), Some(before.as_str()));
        assert_eq!(shot.hit.listed_name, "ACME TRADING LLC");
        let log = &done.inbox.runs[0];
        assert_eq!((log.screenings, log.counterparties, log.first, log.new_items, log.ms), (1, 2, 1, 2, 250.0));
        assert_eq!(log.reason, vec!["us_sdn changed: data of 2026-08-20 → 2026-12-01, 1 → 2 entries".to_string()]);
        // The book gets every counterparty's hits.
        assert_eq!(done.done.len(), 2);
        let book = book.apply(BookAction::Screened {
            at: done.done_at.clone(),
            lists: done.done_sig.clone(),
            results: (*done.done).clone(),
        });
        assert_eq!(book.parties[0].open_hits().len(), 1);

        // Nothing changed since: nothing is planned. Forced: re-screened, but the same hits
        // are not new again.
        let p = plan(&session.history, &session.decisions, &book.parties, &done.inbox, &sig2, false);
        assert!(p.is_empty(), "{:?}", p.iter().map(|b| &b.key).collect::<Vec<_>>());
        let forced = run(
            &done.apply(InboxAction::Check { force: true }),
            plan(&session.history, &session.decisions, &book.parties, &done.inbox, &sig2, true),
            &v2,
            1,
        );
        assert_eq!(forced.inbox.items.len(), 2);
        assert_eq!(forced.inbox.runs.len(), 2);
        assert_eq!(forced.inbox.runs[0].new_items, 0);
        assert_eq!(forced.inbox.runs[0].reason[0], "re-screen asked for");

        // Dismissing needs a note; it is recorded with the date, and the item leaves the open list.
        let id = forced.inbox.items[0].id.clone();
        assert_eq!(
            forced.apply(InboxAction::Dismiss { id: id.clone(), note: "  ".into(), date: "2026-12-06".into() }),
            forced
        );
        let dismissed = forced.apply(InboxAction::Dismiss {
            id: id.clone(),
            note: "Known: licence on file".into(),
            date: "2026-12-06".into(),
        });
        assert_eq!(dismissed.inbox.open().count(), 1);
        let d = dismissed.inbox.items.iter().find(|i| i.id == id).unwrap().dismissed.clone().unwrap();
        assert_eq!((d.note.as_str(), d.date.as_str()), ("Known: licence on file", "2026-12-06"));

        // Saved and read back whole.
        let back = InboxUi::default().apply(InboxAction::Loaded(dismissed.store().to_string()));
        assert_eq!(back.inbox, dismissed.inbox);
        assert!(back.unreadable.is_none());
    }

    #[test]
    fn decided_hits_are_not_new_and_a_failed_run_changes_nothing() {
        let v2 = sdn("2026-12-01", true);
        let book = BookUi::default().apply(BookAction::Add {
            parties: vec![NewParty::new("Acme Trading LLC", "AE", "customer")],
            stamp: 1,
            date: "2026-09-01".into(),
            from: "test".into(),
        });
        let id = book.parties[0].id.clone();
        let mut book = book.apply(BookAction::Screened {
            at: "a".into(),
            lists: "old".into(),
            results: vec![(
                id.clone(),
                vec![HitRef {
                    list: "us_sdn".into(),
                    entry_id: "999".into(),
                    listed_name: "X".into(),
                    matched_name: String::new(),
                    score: 0.9,
                    decision: "possible".into(),
                }],
            )],
        });
        // The user had decided that entry 200 is not this party (say, from an earlier version).
        let mut parties = (*book.parties).clone();
        parties[0].decisions.push(FalsePositive {
            party_name: "Acme Trading LLC".into(),
            country: "AE".into(),
            list: "us_sdn".into(),
            entry_id: "200".into(),
            listed_name: "ACME TRADING LLC".into(),
            note: "different company".into(),
            date: "2026-09-02".into(),
        });
        book.parties = Rc::new(parties);
        let ui = InboxUi::default();
        let p = plan(&[], &[], &book.parties, &ui.inbox, &list_sig(&v2.lists()), false);
        let done = run(&ui, p.clone(), &v2, 1);
        assert!(done.inbox.items.is_empty(), "a decided hit is not new: {:?}", done.inbox.items);
        assert_eq!(done.inbox.runs.len(), 1, "the run is logged all the same");

        // A check asked for during a run waits for its end, then runs.
        let started = ui.apply(InboxAction::Started { plan: Rc::new(p.clone()), parts: 1, t0: 0.0 });
        let asked = started.apply(InboxAction::Check { force: false });
        assert_eq!((asked.want, asked.queued), (started.want, true));
        let ctx = Context { parties: &v2, controls: &catchall::screening::NoControls };
        let results = screen_items(&items(&p), &ctx);
        let ended = asked.apply(InboxAction::Part { results, lists: v2.lists(), at: "t".into(), now: 1.0 });
        assert_eq!((ended.want, ended.queued), (started.want + 1, false));

        let started = ui.apply(InboxAction::Started { plan: Rc::new(p), parts: 2, t0: 0.0 });
        let failed = started.apply(InboxAction::Failed("worker crashed".into()));
        assert!(failed.pending.is_none() && failed.inbox == ui.inbox);
        assert!(failed.problem.as_deref().is_some_and(|m| m.contains("worker crashed")));
        let junk = InboxUi::default().apply(InboxAction::Loaded("{broken".into()));
        assert!(junk.unreadable.is_some() && junk.problem.is_some());
        assert_eq!(junk.store()["unreadable"], Value::String("{broken".into()), "kept and written back");
    }

    /// Saved records written before the hit fields became one `HitRef` (the fixtures are the
    /// store of the test above, written by the code of that time): they load, and are saved
    /// again byte for byte as they were, the hit fields at the same level as before.
    #[test]
    fn inbox_and_book_saved_before_hitref_are_saved_back_unchanged() {
        let inbox = include_str!("fixtures/inbox_v1.json").trim();
        let ui = InboxUi::default().apply(InboxAction::Loaded(inbox.to_string()));
        assert!(ui.unreadable.is_none() && ui.problem.is_none(), "{:?}", ui.problem);
        assert_eq!(ui.inbox.items.len(), 2);
        let item = &ui.inbox.items[1];
        assert_eq!((item.party_name.as_str(), item.country.as_str()), ("Acme Trading LLC", "AE"));
        assert_eq!((item.hit.list.as_str(), item.hit.entry_id.as_str()), ("us_sdn", "200"));
        assert_eq!((item.hit.score, item.hit.decision.as_str()), (1.0, "match"));
        assert_eq!(ui.store().to_string(), inbox);

        let book = include_str!("fixtures/book_v1.json").trim();
        let ui = BookUi::default().apply(BookAction::Loaded(book.to_string()));
        assert!(ui.unreadable.is_empty());
        let hits = &ui.parties[0].last.as_ref().expect("a last screening").hits;
        assert_eq!(hits.len(), 1);
        assert_eq!(
            (hits[0].listed_name.as_str(), hits[0].matched_name.as_str()),
            ("ACME TRADING LLC", "ACME TRADING LLC")
        );
        assert_eq!(ui.store().to_string(), book);

        // The worker's re-screen hit: the same flat keys on the wire.
        let found: FoundHit = serde_json::from_value(json!({"party_name": "P", "list": "l", "entry_id": "1",
            "listed_name": "L", "score": 1, "decision": "possible"}))
        .expect("a hit without the defaulted fields reads");
        assert_eq!((found.country.as_str(), found.hit.matched_name.as_str(), found.hit.score), ("", "", 1.0));
        let keys: Vec<String> = serde_json::to_value(&found).unwrap().as_object().unwrap().keys().cloned().collect();
        assert_eq!(
            keys,
            ["country", "decision", "entry_id", "list", "listed_name", "matched_name", "party_name", "score"]
        );
    }

    #[test]
    fn describe_change_cases() {
        let v = |id: &str, date: &str, n: usize| ListVersion {
            id: id.into(),
            date: date.into(),
            entries: n,
            hash: String::new(),
        };
        let cases: &[(&[ListVersion], &[ListVersion], &[&str])] = &[
            (&[v("a", "1", 1)], &[v("a", "1", 1)], &[]),
            (&[v("a", "1", 1)], &[v("a", "2", 1)], &["a changed: data of 1 → 2"]),
            (&[], &[v("b", "2", 3)], &["+ b (3 entries, data of 2)"]),
            (&[v("a", "1", 1)], &[], &["− a (removed)"]),
        ];
        for (old, new, want) in cases {
            assert_eq!(&describe_change(old, new), want);
        }
    }
}
