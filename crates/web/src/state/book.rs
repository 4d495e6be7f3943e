//! The counterparty book: parties the user screens often (customers, consignees,
//! forwarders), kept in this browser with their own false-positive decisions and the result
//! of their last screening. Added from a report, from a batch, by hand or from a CSV file;
//! exported as CSV. Pure: the page (`views::book`) and storage are thin layers over it.
//!
//! Saved under `localStorage["catchall.book.v1"]` as `{ "v": 1, "parties": [Counterparty…],
//! "unreadable": [...] }`, read leniently like the history (`super::store`): a party that
//! cannot be read is kept verbatim under `unreadable` and written back, never dropped.

use super::decisions::{FalsePositive, HitRef, PartyHit};
use super::sync::{join, rebase, stamp, Coll, Keyed, Ms, Stamps};
use catchall::screening::{EntityKind, Query};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::rc::Rc;

/// The storage key of the book.
pub const BOOK_KEY: &str = "catchall.book.v1";
pub const BOOK_VERSION: u32 = 1;
/// The header of the CSV the book exports (and the columns its import reads; only `name`
/// is required).
pub const BOOK_CSV_HEADER: &str = "name,country,kind,role,note,added";
/// The largest CSV the book imports (the book lives in localStorage, about 5 MB).
pub const MAX_BOOK_CSV_BYTES: usize = 4 * 1024 * 1024;

/// One saved counterparty.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Counterparty {
    pub id: String,
    pub name: String,
    /// ISO 3166-1 alpha-2, upper case; empty when unknown.
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub kind: EntityKind,
    /// What the party is to the user: customer, consignee, forwarder, … (free text).
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub note: String,
    /// `YYYY-MM-DD` the party was added.
    #[serde(default)]
    pub added: String,
    /// The user decided these hits are not this party.
    #[serde(default)]
    pub decisions: Vec<FalsePositive>,
    /// The last screening of this party, if any.
    #[serde(default)]
    pub last: Option<LastScreen>,
}

/// The result of a counterparty's last screening.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LastScreen {
    /// ISO date-time.
    pub at: String,
    /// The lists it was screened against ([`super::inbox::list_sig`]).
    pub lists: String,
    pub hits: Vec<HitRef>,
}

fn norm(s: &str) -> String {
    s.split_whitespace().map(|w| w.to_lowercase()).collect::<Vec<_>>().join(" ")
}

impl Counterparty {
    /// A new party (trimmed; country upper-cased).
    pub fn new(id: String, name: &str, country: &str, kind: EntityKind, role: &str, added: &str) -> Counterparty {
        Counterparty {
            id,
            name: name.trim().to_string(),
            country: country.trim().to_ascii_uppercase(),
            kind,
            role: role.trim().to_string(),
            note: String::new(),
            added: added.to_string(),
            decisions: Vec::new(),
            last: None,
        }
    }

    /// What the matcher screens.
    pub fn query(&self) -> Query {
        Query {
            name: self.name.clone(),
            country: (!self.country.is_empty()).then(|| self.country.clone()),
            kind: self.kind,
            dates_of_birth: Vec::new(),
            identifiers: Vec::new(),
        }
    }

    /// The same party as another (name compared case- and space-insensitively, and country).
    pub fn same_party(&self, name: &str, country: &str) -> bool {
        norm(&self.name) == norm(name) && self.country.eq_ignore_ascii_case(country.trim())
    }

    /// The decision covering a hit, if the user made one.
    pub fn decision_for(&self, h: &HitRef) -> Option<&FalsePositive> {
        let ph = PartyHit::of(&self.name, &self.country, h);
        self.decisions.iter().find(|d| d.covers(&ph))
    }

    /// The last screening's hits no decision covers.
    pub fn open_hits(&self) -> Vec<&HitRef> {
        self.last.iter().flat_map(|l| l.hits.iter()).filter(|h| self.decision_for(h).is_none()).collect()
    }
}

impl Keyed for Counterparty {
    fn key(&self) -> String {
        self.id.clone()
    }
    /// In the order they were added (ids are `c<ms>-<n>`).
    fn order(&self, other: &Self) -> std::cmp::Ordering {
        let num = |id: &str| -> (u64, u64) {
            let mut it = id.trim_start_matches('c').split('-').map(|n| n.parse().unwrap_or(u64::MAX));
            (it.next().unwrap_or(u64::MAX), it.next().unwrap_or(u64::MAX))
        };
        self.added.cmp(&other.added).then_with(|| num(&self.id).cmp(&num(&other.id)))
    }
}

/// The saved book as stored: the parties with their stamps, and the unreadable records.
pub fn read_book(text: &str) -> (Coll<Counterparty>, Vec<Value>) {
    let (items, unreadable) = load_book(text);
    let stamps = serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|v| v.get("sync").cloned())
        .and_then(|s| serde_json::from_value::<Stamps>(s).ok())
        .unwrap_or_default();
    (Coll { items, stamps }, unreadable)
}

/// The text saved under [`BOOK_KEY`].
pub fn book_text(parties: &Coll<Counterparty>, unreadable: &[Value]) -> String {
    let mut v = json!({ "v": BOOK_VERSION, "app": "catchall", "parties": parties.items, "unreadable": unreadable });
    if !parties.stamps.is_empty() {
        v["sync"] = serde_json::to_value(&parties.stamps).unwrap_or(Value::Null);
    }
    v.to_string()
}

/// Unreadable records of two copies, each once (they are only ever added).
fn union(a: &[Value], b: &[Value]) -> Vec<Value> {
    let mut out = a.to_vec();
    for v in b {
        if !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
}

/// Read-merge-write of the book (see `state::sync`): this tab's parties stamped against
/// `base` at `now`, joined with the text stored now. Returns the stamped copy this tab wrote
/// from, the joined parties and the unreadable records to write.
pub fn merge_for_write(
    base: &Coll<Counterparty>,
    parties: &[Counterparty],
    unreadable: &[Value],
    stored: &str,
    now: Ms,
) -> (Coll<Counterparty>, Coll<Counterparty>, Vec<Value>) {
    let mine = stamp(base, parties, now);
    let (theirs, their_bad) = read_book(stored);
    let joined = join(&theirs, &mine);
    (mine, joined, union(&their_bad, unreadable))
}

/// A party to add (from a report, a batch row, the form or a CSV line).
#[derive(Clone, Debug, PartialEq)]
pub struct NewParty {
    pub name: String,
    pub country: String,
    pub kind: EntityKind,
    pub role: String,
    pub note: String,
}

impl NewParty {
    pub fn new(name: &str, country: &str, role: &str) -> NewParty {
        NewParty {
            name: name.to_string(),
            country: country.to_string(),
            kind: EntityKind::Unknown,
            role: role.to_string(),
            note: String::new(),
        }
    }
}

/// The parties of a screened shipment, with their roles (the exporter is the user: not added).
pub fn parties_of(shipment: &catchall::model::Shipment) -> Vec<NewParty> {
    shipment
        .parties
        .iter()
        .filter(|(_, p)| !p.name.trim().is_empty())
        .map(|(role, p)| NewParty::new(&p.name, &p.country, &role))
        .collect()
}

/// A problem with one line of an imported CSV (the line is skipped, the others are read).
#[derive(Clone, Debug, PartialEq)]
pub struct CsvProblem {
    pub line: usize,
    pub reason: String,
}

impl std::fmt::Display for CsvProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            f.write_str(&self.reason)
        } else {
            write!(f, "line {}: {}", self.line, self.reason)
        }
    }
}

/// Reads a counterparty CSV: a header with a `name` column and optionally `country`, `kind`,
/// `role`, `note` (other columns are ignored). Bad lines are reported by line and skipped.
/// `Err` when the file as a whole cannot be read (no header, no `name` column, an open quote).
pub fn parse_csv(text: &str) -> Result<(Vec<NewParty>, Vec<CsvProblem>), CsvProblem> {
    let records =
        catchall::batch::csv_records(text).map_err(|e| CsvProblem { line: e.line, reason: e.reason.clone() })?;
    let mut it = records.into_iter();
    let Some((hline, header)) = it.next() else {
        return Err(CsvProblem {
            line: 0,
            reason: "the file is empty: expected a header line with a `name` column".into(),
        });
    };
    let cols: Vec<String> = header.iter().map(|c| c.trim().to_ascii_lowercase()).collect();
    let col = |n: &str| cols.iter().position(|c| c == n);
    let Some(name_col) = col("name") else {
        return Err(CsvProblem {
            line: hline,
            reason: format!("no `name` column in the header (found: {})", cols.join(", ")),
        });
    };
    let (country, kind, role, note) = (col("country"), col("kind"), col("role"), col("note"));
    let mut parties = Vec::new();
    let mut problems = Vec::new();
    for (line, f) in it {
        let get = |c: Option<usize>| c.and_then(|c| f.get(c)).map(|s| s.trim().to_string()).unwrap_or_default();
        // A value exported with the formula guard comes back without it.
        let unguard = |s: String| match s.strip_prefix('\'') {
            Some(rest) if rest.trim_start().starts_with(['=', '+', '-', '@']) => rest.to_string(),
            _ => s,
        };
        let name = unguard(get(Some(name_col)));
        if name.is_empty() {
            problems.push(CsvProblem { line, reason: "name: empty".into() });
            continue;
        }
        let c = get(country);
        let iso2 = c.len() == 2 && c.chars().all(|ch| ch.is_ascii_alphabetic());
        if !c.is_empty() && !iso2 {
            problems.push(CsvProblem { line, reason: format!("country: {c:?} is not a two-letter ISO code") });
            continue;
        }
        let k = get(kind);
        let Some(kind) = EntityKind::parse(&k) else {
            problems.push(CsvProblem {
                line,
                reason: format!("kind: unknown kind {k:?} (person|organization|vessel|aircraft|unknown)"),
            });
            continue;
        };
        parties.push(NewParty { name, country: c, kind, role: unguard(get(role)), note: unguard(get(note)) });
    }
    Ok((parties, problems))
}

/// The book as CSV ([`BOOK_CSV_HEADER`]), every cell through the engine's formula guard.
pub fn to_csv(parties: &[Counterparty]) -> String {
    use catchall::batch::csv_cell;
    let mut out = String::from(BOOK_CSV_HEADER);
    out.push('\n');
    for p in parties {
        let kind = serde_json::to_value(p.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        let cells = [&p.name, &p.country, &kind, &p.role, &p.note, &p.added].map(|c| csv_cell(c));
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// Reads the saved book. Never fails: a party that cannot be read is kept aside verbatim.
pub fn load_book(text: &str) -> (Vec<Counterparty>, Vec<Value>) {
    let mut parties = Vec::new();
    let mut unreadable = Vec::new();
    if text.trim().is_empty() {
        return (parties, unreadable);
    }
    let v: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(_) => return (parties, vec![Value::String(text.to_string())]),
    };
    let Some(o) = v.as_object() else { return (parties, vec![v]) };
    if o.get("v").and_then(Value::as_u64) != Some(u64::from(BOOK_VERSION)) {
        return (parties, vec![v]);
    }
    for p in o.get("parties").and_then(Value::as_array).cloned().unwrap_or_default() {
        match serde_json::from_value::<Counterparty>(p.clone()) {
            Ok(c) if !c.name.trim().is_empty() => parties.push(c),
            _ => unreadable.push(p),
        }
    }
    unreadable.extend(o.get("unreadable").and_then(Value::as_array).cloned().unwrap_or_default());
    (parties, unreadable)
}

/// The screen's state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BookUi {
    pub parties: Rc<Vec<Counterparty>>,
    /// Saved parties that could not be read, kept and written back unchanged.
    pub unreadable: Rc<Vec<Value>>,
    /// Whether storage has been read (nothing is written before).
    pub loaded: bool,
    /// What the last action did, in a sentence.
    pub notice: Option<String>,
    /// Problems of the last CSV import, by line.
    pub problems: Vec<CsvProblem>,
    /// Changes whenever parties are added (the page then screens the new ones).
    pub added_gen: u64,
    /// A counter for new ids (with the time the caller passes, ids stay unique).
    next: u64,
    /// The parties as this tab last read or wrote them (see `state::sync`).
    pub synced: Rc<Coll<Counterparty>>,
}

/// What changes the book.
#[derive(Clone, Debug, PartialEq)]
pub enum BookAction {
    /// The saved book (text under [`BOOK_KEY`]), read at start.
    Loaded(String),
    /// Storage holds `theirs` (and the unreadable records `unreadable`) now: take it, keeping
    /// this tab's changes since `base` (`None`: since it last read or wrote).
    Synced {
        base: Option<Rc<Coll<Counterparty>>>,
        theirs: Rc<Coll<Counterparty>>,
        unreadable: Vec<Value>,
    },
    /// Add parties; `stamp` (e.g. the time in ms) makes ids unique, `date` is today.
    Add {
        parties: Vec<NewParty>,
        stamp: u64,
        date: String,
        from: String,
    },
    /// Import a CSV file's text.
    ImportCsv {
        text: String,
        stamp: u64,
        date: String,
    },
    Remove(String),
    /// Re-screening results: `(party id, hits)` against the lists `lists`.
    Screened {
        at: String,
        lists: String,
        results: Vec<(String, Vec<HitRef>)>,
    },
    /// The user decided hit `hit` (list, entry id) of party `id` is not this party.
    Decide {
        id: String,
        list: String,
        entry_id: String,
        note: String,
        date: String,
    },
    /// Withdraw decision `index` of party `id`.
    Undecide {
        id: String,
        index: usize,
    },
    Notice(Option<String>),
}

impl BookUi {
    /// The saved form.
    pub fn store(&self) -> Value {
        json!({ "v": BOOK_VERSION, "app": "catchall", "parties": *self.parties, "unreadable": *self.unreadable })
    }

    fn add(&mut self, new: Vec<NewParty>, stamp: u64, date: &str) -> (usize, usize) {
        let mut parties = (*self.parties).clone();
        let (mut added, mut known) = (0, 0);
        for n in new {
            if n.name.trim().is_empty() {
                continue;
            }
            if parties.iter().any(|p| p.same_party(&n.name, &n.country)) {
                known += 1;
                continue;
            }
            self.next += 1;
            let mut c =
                Counterparty::new(format!("c{stamp}-{}", self.next), &n.name, &n.country, n.kind, &n.role, date);
            c.note = n.note.trim().to_string();
            parties.push(c);
            added += 1;
        }
        if added > 0 {
            self.added_gen += 1;
        }
        self.parties = Rc::new(parties);
        (added, known)
    }

    /// The next state. Pure.
    pub fn apply(&self, action: BookAction) -> BookUi {
        let mut s = self.clone();
        match action {
            BookAction::Loaded(text) => {
                let (coll, unreadable) = read_book(&text);
                let parties = coll.items.clone();
                s.synced = Rc::new(coll);
                if !unreadable.is_empty() {
                    s.notice = Some(format!(
                        "{} saved counterparty record(s) could not be read; they are kept unchanged and the others loaded.",
                        unreadable.len()
                    ));
                }
                s.parties = Rc::new(parties);
                s.unreadable = Rc::new(unreadable);
                s.loaded = true;
            }
            BookAction::Add { parties, stamp, date, from } => {
                let n = parties.len();
                let (added, known) = s.add(parties, stamp, &date);
                s.problems.clear();
                s.notice = Some(match (added, known) {
                    (0, 0) => format!("No named party in {from} to add."),
                    (a, 0) => format!("Added {a} of {n} part{} from {from} to the counterparty book.", plural(n)),
                    (a, k) => format!(
                        "Added {a} of {n} part{} from {from} to the counterparty book; {k} already there.",
                        plural(n)
                    ),
                });
            }
            BookAction::ImportCsv { text, .. } if text.len() > MAX_BOOK_CSV_BYTES => {
                s.notice = Some(format!(
                    "Not imported: the file is {:.1} MB; the book imports at most {} MB. Nothing was changed.",
                    text.len() as f64 / 1_048_576.0,
                    MAX_BOOK_CSV_BYTES / 1_048_576
                ));
            }
            BookAction::ImportCsv { text, stamp, date } => match parse_csv(&text) {
                Err(e) => {
                    s.notice = Some(format!("Not imported: {e}. Nothing was changed."));
                    s.problems.clear();
                }
                Ok((parties, problems)) => {
                    let n = parties.len();
                    let (added, known) = s.add(parties, stamp, &date);
                    let mut msg = format!("Imported {added} of {n} parties");
                    if known > 0 {
                        msg.push_str(&format!("; {known} already in the book"));
                    }
                    if !problems.is_empty() {
                        msg.push_str(&format!("; {} line(s) skipped (listed below)", problems.len()));
                    }
                    msg.push('.');
                    s.notice = Some(msg);
                    s.problems = problems;
                }
            },
            BookAction::Remove(id) => {
                let mut parties = (*s.parties).clone();
                if let Some(i) = parties.iter().position(|p| p.id == id) {
                    let p = parties.remove(i);
                    s.notice = Some(format!("Removed {} from the counterparty book.", p.name));
                    s.parties = Rc::new(parties);
                }
            }
            BookAction::Screened { at, lists, results } => {
                let mut parties = (*s.parties).clone();
                let mut by_id: std::collections::HashMap<String, Vec<HitRef>> = results.into_iter().collect();
                for p in parties.iter_mut() {
                    if let Some(hits) = by_id.remove(&p.id) {
                        p.last = Some(LastScreen { at: at.clone(), lists: lists.clone(), hits });
                    }
                }
                s.parties = Rc::new(parties);
            }
            BookAction::Decide { id, list, entry_id, note, date } => {
                let note = note.trim().to_string();
                if note.is_empty() {
                    return s;
                }
                let mut parties = (*s.parties).clone();
                let Some(p) = parties.iter_mut().find(|p| p.id == id) else { return s };
                let Some(h) =
                    p.last.iter().flat_map(|l| l.hits.iter()).find(|h| h.list == list && h.entry_id == entry_id)
                else {
                    return s;
                };
                let fp = FalsePositive {
                    party_name: p.name.clone(),
                    country: p.country.clone(),
                    list,
                    entry_id,
                    listed_name: h.listed_name.clone(),
                    note,
                    date,
                };
                if !p.decisions.iter().any(|d| d.list == fp.list && d.entry_id == fp.entry_id) {
                    p.decisions.push(fp);
                }
                s.parties = Rc::new(parties);
            }
            BookAction::Undecide { id, index } => {
                let mut parties = (*s.parties).clone();
                if let Some(p) = parties.iter_mut().find(|p| p.id == id) {
                    if index < p.decisions.len() {
                        p.decisions.remove(index);
                    }
                }
                s.parties = Rc::new(parties);
            }
            BookAction::Synced { base, theirs, unreadable } => {
                let base = base.unwrap_or_else(|| s.synced.clone());
                s.parties = Rc::new(rebase(&base.items, &s.parties, &theirs.items));
                s.unreadable = Rc::new(union(&s.unreadable, &unreadable));
                s.synced = theirs;
            }
            BookAction::Notice(n) => s.notice = n,
        }
        s
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        "y"
    } else {
        "ies"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(list: &str, entry: &str) -> HitRef {
        HitRef {
            list: list.into(),
            entry_id: entry.into(),
            listed_name: format!("LISTED {entry}"),
            matched_name: String::new(),
            score: 0.95,
            decision: "match".into(),
        }
    }

    fn add(ui: &BookUi, parties: &[(&str, &str, &str)]) -> BookUi {
        ui.apply(BookAction::Add {
            parties: parties.iter().map(|(n, c, r)| NewParty::new(n, c, r)).collect(),
            stamp: 1,
            date: "2026-12-06".into(),
            from: "the report".into(),
        })
    }

    #[test]
    fn adding_parties_skips_those_already_in_the_book() {
        let ui = BookUi { loaded: true, ..BookUi::default() };
        let ui = add(&ui, &[("Acme Trading LLC", "ae", "consignee"), ("Nordic Freight AB", "SE", "freight_forwarder")]);
        assert_eq!(ui.parties.len(), 2);
        assert_eq!(ui.parties[0].country, "AE", "country upper-cased");
        assert_eq!(ui.added_gen, 1);
        // Same name (other case and spacing) and country: already there. Other country: new.
        let again = add(
            &ui,
            &[("ACME  trading llc", "AE", "customer"), ("Acme Trading LLC", "OM", "customer"), ("  ", "", "")],
        );
        assert_eq!(again.parties.len(), 3);
        assert_eq!(
            again.notice.as_deref(),
            Some("Added 1 of 3 parties from the report to the counterparty book; 1 already there.")
        );
        let ids: std::collections::BTreeSet<&str> = again.parties.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids.len(), 3, "ids are unique");
        let none = add(&again, &[("Acme Trading LLC", "AE", "")]);
        assert_eq!((none.parties.len(), none.added_gen), (3, again.added_gen), "nothing new, no re-screen asked");
        let removed = again.apply(BookAction::Remove(again.parties[0].id.clone()));
        assert_eq!(removed.parties.len(), 2);
        assert!(removed.parties.iter().all(|p| p.id != again.parties[0].id));
    }

    #[test]
    fn csv_import_cases() {
        // (csv, parties read, problems by line, whole-file error)
        type Case<'a> = (&'a str, &'a [&'a str], &'a [usize], Option<&'a str>);
        let cases: &[Case] = &[
            ("name,country,role\nAcme,AE,customer\nBeta GmbH,de,consignee\n", &["Acme", "Beta GmbH"], &[], None),
            ("Name;Country\nAcme;AE\n", &[], &[], Some("no `name` column")),
            ("", &[], &[], Some("empty")),
            ("name,country,kind\nAcme,AE,company\n,DE,\nGamma,Germany,\nDelta,DE,robot\n", &["Acme"], &[3, 4, 5], None),
            ("country,name,note\nAE,\"Acme, Trading\",\"says \"\"hi\"\"\"\n", &["Acme, Trading"], &[], None),
            ("name,role\n'=HYPERLINK(x),'-x\n", &["=HYPERLINK(x)"], &[], None),
            ("name\n\"open quote\n", &[], &[], Some("quote")),
        ];
        for (csv, names, lines, err) in cases {
            match (parse_csv(csv), err) {
                (Ok((parties, problems)), None) => {
                    let got: Vec<&str> = parties.iter().map(|p| p.name.as_str()).collect();
                    assert_eq!(&got, names, "{csv:?}");
                    let got: Vec<usize> = problems.iter().map(|p| p.line).collect();
                    assert_eq!(&got, lines, "{csv:?}: {problems:?}");
                }
                (Err(e), Some(want)) => assert!(e.reason.contains(want), "{csv:?}: {e}"),
                (got, want) => panic!("{csv:?}: got {got:?}, wanted error {want:?}"),
            }
        }
        let (p, _) = parse_csv("name,kind,note\nAcme,organization,\"says \"\"hi\"\"\"\n").unwrap();
        assert_eq!((p[0].kind, p[0].note.as_str()), (EntityKind::Organization, "says \"hi\""));
    }

    #[test]
    fn csv_export_guards_formulas_and_reads_back() {
        let ui = BookUi::default().apply(BookAction::ImportCsv {
            text: "name,country,role,note\n\"=cmd|'/C calc'!A0\",AE,customer,\"+1, call first\"\nBeta GmbH,DE,consignee,\n"
                .into(),
            stamp: 7,
            date: "2026-12-06".into(),
        });
        assert_eq!(ui.parties.len(), 2, "{:?}", ui.notice);
        let csv = to_csv(&ui.parties);
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some(BOOK_CSV_HEADER));
        assert_eq!(lines.next(), Some("'=cmd|'/C calc'!A0,AE,unknown,customer,\"'+1, call first\",2026-12-06"));
        assert_eq!(lines.next(), Some("Beta GmbH,DE,unknown,consignee,,2026-12-06"));
        // Read back: the same parties (the guard is taken off again).
        let (back, problems) = parse_csv(&csv).unwrap();
        assert!(problems.is_empty());
        assert_eq!(back[0].name, "=cmd|'/C calc'!A0");
        assert_eq!(back[0].note, "+1, call first");
        // A failed import changes nothing and says why.
        let bad =
            ui.apply(BookAction::ImportCsv { text: "who,where\nx,y\n".into(), stamp: 8, date: "2026-12-06".into() });
        assert_eq!(bad.parties, ui.parties);
        assert!(bad.notice.as_deref().is_some_and(|n| n.contains("Nothing was changed") && n.contains("name")));
    }

    #[test]
    fn decisions_are_per_party_and_survive_a_reload() {
        let ui = add(&BookUi::default(), &[("Acme Trading LLC", "AE", "customer"), ("Beta GmbH", "DE", "consignee")]);
        let (a, b) = (ui.parties[0].id.clone(), ui.parties[1].id.clone());
        let ui = ui.apply(BookAction::Screened {
            at: "2026-12-06T10:00:00Z".into(),
            lists: "sig1".into(),
            results: vec![
                (a.clone(), vec![hit("us_sdn", "1"), hit("us_dpl", "2")]),
                (b.clone(), vec![hit("us_sdn", "1")]),
            ],
        });
        assert_eq!(ui.parties[0].open_hits().len(), 2);
        // A decision needs a note.
        let same = ui.apply(BookAction::Decide {
            id: a.clone(),
            list: "us_sdn".into(),
            entry_id: "1".into(),
            note: " ".into(),
            date: "2026-12-06".into(),
        });
        assert_eq!(same, ui);
        let ui = ui.apply(BookAction::Decide {
            id: a.clone(),
            list: "us_sdn".into(),
            entry_id: "1".into(),
            note: "Other company, register checked".into(),
            date: "2026-12-06".into(),
        });
        assert_eq!(ui.parties[0].open_hits().iter().map(|h| h.entry_id.as_str()).collect::<Vec<_>>(), vec!["2"]);
        assert_eq!(ui.parties[1].open_hits().len(), 1, "the other party's identical hit is not covered");
        // Saved and read back: the same book.
        let text = ui.store().to_string();
        let back = BookUi::default().apply(BookAction::Loaded(text));
        assert_eq!(back.parties, ui.parties);
        // A re-screen keeps the decision and it still covers the hit.
        let again = back.apply(BookAction::Screened {
            at: "x".into(),
            lists: "sig2".into(),
            results: vec![(a.clone(), vec![hit("us_sdn", "1")])],
        });
        assert!(again.parties[0].open_hits().is_empty());
        let withdrawn = again.apply(BookAction::Undecide { id: a, index: 0 });
        assert_eq!(withdrawn.parties[0].open_hits().len(), 1);
    }

    #[test]
    fn unreadable_saved_parties_are_kept() {
        let text = r#"{"v":1,"parties":[{"id":"c1","name":"Acme"},{"id":"c2"},42],"unreadable":["old"]}"#;
        let ui = BookUi::default().apply(BookAction::Loaded(text.into()));
        assert_eq!(ui.parties.len(), 1);
        assert_eq!(ui.unreadable.len(), 3, "{:?}", ui.unreadable);
        let back = BookUi::default().apply(BookAction::Loaded(ui.store().to_string()));
        assert_eq!((back.parties.len(), back.unreadable.len()), (1, 3), "written back, not dropped");
        let junk = BookUi::default().apply(BookAction::Loaded("not json".into()));
        assert_eq!((junk.parties.len(), junk.unreadable.len()), (0, 1));
        let newer = BookUi::default().apply(BookAction::Loaded(r#"{"v":2,"parties":[]}"#.into()));
        assert_eq!(newer.unreadable.len(), 1, "a newer format is kept, not guessed at");
    }

    /// One tab's save: read-merge-write, then take the merged copy (as `views::app` does).
    fn save(tab: &BookUi, disk: &mut String, now: Ms) -> BookUi {
        let (mine, joined, bad) = merge_for_write(&tab.synced, &tab.parties, &tab.unreadable, disk, now);
        *disk = book_text(&joined, &bad);
        tab.apply(BookAction::Synced { base: Some(Rc::new(mine)), theirs: Rc::new(joined), unreadable: bad })
    }

    #[test]
    fn two_tabs_adding_and_removing_counterparties_keep_each_others_changes() {
        // A book saved before stamps, with an unreadable record.
        let mut disk = r#"{"v":1,"parties":[{"id":"c0-1","name":"Acme","country":"AE"},{"id":"c0-2","name":"Beta"}],"unreadable":["old"]}"#.to_string();
        let a = BookUi::default().apply(BookAction::Loaded(disk.clone()));
        let b = BookUi::default().apply(BookAction::Loaded(disk.clone()));
        let names = |u: &BookUi| u.parties.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
        let a = save(&add(&a, &[("Gamma", "DE", "customer")]), &mut disk, 10);
        let b = save(&b.apply(BookAction::Remove("c0-1".into())), &mut disk, 11);
        assert_eq!(names(&b), vec!["Beta", "Gamma"], "B's write kept A's addition");
        // A still shows Acme; its next write (a decision elsewhere) does not bring it back.
        let a = save(&a.apply(BookAction::Remove("c0-2".into())), &mut disk, 12);
        assert_eq!(names(&a), vec!["Gamma"]);
        let b = b.apply(BookAction::Synced { base: None, theirs: Rc::new(read_book(&disk).0), unreadable: vec![] });
        assert_eq!(b.parties, a.parties);
        assert_eq!(a.unreadable.len(), 1, "unreadable records are kept");
    }
}
