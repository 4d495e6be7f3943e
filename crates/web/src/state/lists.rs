//! The list manager's state: bundled and imported lists, import
//! results, removal, staleness. Pure and engine-only, so `cargo test` covers it natively; the
//! Yew page (`ui::lists_page`), the import worker and the browser storage are thin layers
//! over it. In the browser the parsing happens in the worker, which hands back the parsed
//! lists for [`ListsState::accept`]; [`ListsState::import_files`] does both steps natively.

use catchall::lists::import::{import, SourceFile};
use catchall::lists::{ImportError, ImportIssue, Imported, List};
use catchall::screening::ListMeta;

/// A list whose data date is older than this many days (versus today) gets a warning.
pub const STALE_DAYS: i64 = 30;

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (proleptic Gregorian), `None` if malformed.
/// A month alone (`YYYY-MM`, as some lists give) counts from its first day, so its age is
/// never understated.
pub fn day_number(date: &str) -> Option<i64> {
    let date = date.trim();
    let date = if date.len() == 7 { format!("{date}-01") } else { date.get(..10)?.to_string() };
    let mut it = date.split('-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: i64 = it.next()?.parse().ok()?;
    let d: i64 = it.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// How old a list's data is on `today`, in days; `None` when either date is unreadable.
pub fn age_days(data_date: &str, today: &str) -> Option<i64> {
    Some(day_number(today)? - day_number(data_date)?)
}

/// The warning to show for a list's data date, if any.
pub fn staleness_warning(data_date: &str, today: &str) -> Option<String> {
    match age_days(data_date, today) {
        None => Some(format!("data date {data_date:?} is unknown: check the list is current")),
        Some(d) if d > STALE_DAYS => {
            Some(format!("data is {d} days old (more than {STALE_DAYS}): import a current copy"))
        }
        Some(d) if d < 0 => {
            Some(format!("data date {data_date} is in the future: check the file and the computer's clock"))
        }
        Some(_) => None,
    }
}

/// The lists the app knows: bundled (metadata only; their entries live in the loaded
/// index) and imported (kept whole, so the index can be rebuilt and they can be persisted).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListsState {
    pub bundled: Vec<ListMeta>,
    pub imported: Vec<List>,
    /// The last import that failed outright; previously loaded lists are untouched.
    pub last_error: Option<ImportError>,
    /// Records skipped by the last successful import (the rest was kept).
    pub last_issues: Vec<ImportIssue>,
    /// Saved lists that could not be read back (storage key, reason). They stay in storage
    /// untouched until the user removes them.
    pub unreadable: Vec<(String, String)>,
}

impl ListsState {
    /// Imports a set of files (several at once for the OFAC and UK multi-file sets). On
    /// success the new lists replace imported lists with the same id (a newer copy) and their
    /// ids are returned; on failure nothing changes except `last_error`.
    pub fn import_files(&mut self, files: &[SourceFile<'_>]) -> Result<Vec<String>, ImportError> {
        match import(files) {
            Err(e) => {
                self.fail(e.clone());
                Err(e)
            }
            Ok(got) => Ok(self.accept(got)),
        }
    }

    /// Takes parsed lists (from the import worker): each replaces an imported list with the
    /// same id. Returns their ids.
    pub fn accept(&mut self, got: Vec<Imported>) -> Vec<String> {
        self.last_error = None;
        self.last_issues.clear();
        let mut ids = Vec::new();
        let mut lists = Vec::new();
        for imp in got {
            self.last_issues.extend(imp.issues);
            ids.push(imp.list.meta.id.clone());
            lists.push(imp.list);
        }
        self.imported = catchall::lists::with_imports(std::mem::take(&mut self.imported), lists);
        ids
    }

    /// Records an import that failed; the loaded lists stay as they were.
    pub fn fail(&mut self, e: ImportError) {
        self.last_error = Some(e);
    }

    /// Removes an imported list; bundled lists cannot be removed. Whether it was there.
    pub fn remove(&mut self, id: &str) -> bool {
        let n = self.imported.len();
        self.imported.retain(|l| l.meta.id != id);
        self.imported.len() != n
    }

    /// Every list for display: imported copies shadow bundled lists with the same id.
    pub fn rows(&self) -> Vec<(&ListMeta, bool)> {
        let mut out: Vec<(&ListMeta, bool)> = self
            .bundled
            .iter()
            .filter(|b| !self.imported.iter().any(|l| l.meta.id == b.id))
            .map(|m| (m, false))
            .collect();
        out.extend(self.imported.iter().map(|l| (&l.meta, true)));
        out
    }
}

/// The lists a screening uses: the bundled ones overlaid with the imported ones
/// (`catchall::lists::with_imports`). Takes the bundled lists by value: a copy would double the
/// memory peak of the index build.
pub fn combined(bundled: Vec<List>, imported: &[List]) -> Vec<List> {
    catchall::lists::with_imports(bundled, imported.iter().cloned())
}

/// Where an import is.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum ImportPhase {
    #[default]
    Idle,
    /// Reading the chosen files (names).
    Reading(Vec<String>),
    /// The worker is parsing them.
    Parsing(Vec<String>),
    /// Rebuilding the screening index with the new lists, then saving them.
    Indexing,
    /// Finished: what happened, in a sentence.
    Done(String),
    /// Nothing changed: why.
    Failed(String),
    /// The import would empty a list or leave it with fewer than half its entries: it waits
    /// for the user to replace the list anyway ([`ListsAction::ConfirmShrink`]) or keep it.
    Confirm(String),
}

impl ImportPhase {
    pub fn busy(&self) -> bool {
        matches!(self, ImportPhase::Reading(_) | ImportPhase::Parsing(_) | ImportPhase::Indexing)
    }
}

/// The list screen: the lists, the saved copies (bundle text), the import in progress, and
/// the storage work to do. [`ListsUi::generation`] changes whenever the imported lists do,
/// which is when the page rebuilds its index, tells the worker and writes storage.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListsUi {
    pub state: std::rc::Rc<ListsState>,
    /// The imported lists as saved (`lists::bundle` text), for storage and the worker.
    pub saved: std::rc::Rc<Vec<crate::protocol::SavedList>>,
    pub phase: ImportPhase,
    pub generation: u64,
    /// Lists to write to / delete from storage after the next rebuild.
    pub to_save: Vec<String>,
    pub to_delete: Vec<String>,
    /// Storage problems (saving failed, storage unavailable, cleared): shown on the page.
    pub storage_note: Option<String>,
    /// Whether saved lists have been read back yet.
    pub restored: bool,
    /// How long the worker took to parse the last import, in ms.
    pub parse_ms: f64,
    /// A parsed import held back until the user confirms it ([`ImportPhase::Confirm`]).
    pub pending: Option<std::rc::Rc<ListsAction>>,
    /// What the last import changed against the copies it replaced (from the worker), and
    /// lists it could not compare. Cleared when the next import starts or a list is removed.
    pub diff: Option<std::rc::Rc<(Vec<catchall::lists::diff::ListDiff>, Vec<String>)>>,
}

/// One list's change in a line: `+37 entries, −4, 12 changed`; a list new to the app:
/// `new list, 144 entries`.
pub fn diff_summary(d: &catchall::lists::diff::ListDiff) -> String {
    if d.old_entries == 0 && d.removed.is_empty() && d.changed.is_empty() {
        return format!("new list, {} entries", d.added.len());
    }
    if d.is_empty() {
        return "no entry changed".into();
    }
    format!("+{} entries, −{}, {} changed", d.added.len(), d.removed.len(), d.changed.len())
}

/// What changes the list screen.
#[derive(Clone, Debug, PartialEq)]
pub enum ListsAction {
    /// Saved lists read back at start ([`Restored::decode`]).
    Restored(Restored),
    /// Another tab imported or removed lists: what storage holds now. Taken as this tab's
    /// imported lists (nothing is written back), unless this tab has its own change under way
    /// (its write comes next and the other tab then takes it).
    OtherTab(Restored),
    /// The bundled lists' metadata, once loaded.
    Bundled(Vec<ListMeta>),
    Phase(ImportPhase),
    /// The worker parsed the files.
    Parsed {
        lists: Vec<crate::protocol::SavedList>,
        issues: Vec<ImportIssue>,
        ms: f64,
    },
    /// Replace the lists of the import held back by [`ImportPhase::Confirm`] anyway.
    ConfirmShrink,
    /// Keep the loaded lists: the held-back import is dropped.
    KeepLoaded,
    /// The worker could not read a file; nothing changes.
    ImportFailed(ImportError),
    /// The worker failed or died while an import ran; nothing changes.
    WorkerFailed(String),
    Remove(String),
    /// Remove an unreadable saved entry (by storage key).
    Forget(String),
    /// Storage was written (errors, if any).
    Persisted(Vec<String>),
    /// Something to tell about storage (e.g. it was cleared and the lists saved again).
    Note(String),
    /// The worker's comparison of the imported lists with the copies they replace.
    Diff {
        diffs: Vec<catchall::lists::diff::ListDiff>,
        problems: Vec<String>,
    },
}

/// The saved lists as read back at start, decoded once: the page builds its index from
/// `lists`, the workers get `saved`, and the list screen shows both.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Restored {
    pub lists: Vec<List>,
    /// The same lists as saved text (for the workers and later writes).
    pub saved: Vec<crate::protocol::SavedList>,
    /// Storage keys that could not be read, and why (kept in storage, not deleted).
    pub unreadable: Vec<(String, String)>,
    /// Why storage is not available at all.
    pub unavailable: Option<String>,
}

/// What storage returned: `(key, text or why it could not be read)` per saved list, or why
/// there is no storage at all.
pub type StoredLists = Result<Vec<(String, Result<String, String>)>, String>;

impl Restored {
    /// Decodes what storage returned: `(key, text)` per saved list, or why there is no storage.
    pub fn decode(stored: StoredLists) -> Restored {
        let mut r = Restored::default();
        match stored {
            Err(why) => r.unavailable = Some(why),
            Ok(entries) => {
                for (key, text) in entries {
                    match text.and_then(|t| {
                        catchall::lists::bundle::decode(&key, t.as_bytes()).map(|l| (l, t)).map_err(|e| e.to_string())
                    }) {
                        Ok((list, text)) => {
                            r.saved.push(crate::protocol::SavedList { id: list.meta.id.clone(), bundle: text });
                            r.lists.push(list);
                        }
                        Err(why) => r.unreadable.push((key, why)),
                    }
                }
            }
        }
        r
    }
}

impl ListsUi {
    /// The next state. Pure.
    /// Takes the worker's parsed lists (only while an import waits for them: a cancelled import
    /// stays cancelled even if the worker finished just before it was stopped). An import that
    /// would empty or halve a loaded list waits for confirmation unless `confirmed`.
    fn accept_parsed(self, action: ListsAction, confirmed: bool) -> ListsUi {
        use crate::protocol::SavedList;
        let mut s = self;
        let ListsAction::Parsed { lists, issues, ms } = action else { return s };
        if !matches!(s.phase, ImportPhase::Parsing(_)) {
            return s;
        }
        let mut got = Vec::new();
        for l in &lists {
            match catchall::lists::bundle::decode(&l.id, l.bundle.as_bytes()) {
                Ok(list) => got.push(Imported { list, issues: vec![] }),
                Err(e) => {
                    s.phase = ImportPhase::Failed(format!(
                        "the parsed list {} could not be read back: {e}; nothing changed",
                        l.id
                    ));
                    return s;
                }
            }
        }
        if let Some(first) = got.first_mut() {
            first.issues = issues.clone();
        }
        // A list that would be emptied or halved is only replaced when the user says so
        // (a truncated download must not turn a STOP into a CLEAR).
        let rows = s.state.rows();
        let loaded = |id: &str| rows.iter().find(|(m, _)| m.id == id).map(|(m, _)| *m);
        if let Err(refused) = catchall::lists::check_imports(&got, loaded, confirmed) {
            let why: Vec<String> = refused.iter().map(|r| r.to_string()).collect();
            s.phase = ImportPhase::Confirm(why.join("; "));
            s.pending = Some(std::rc::Rc::new(ListsAction::Parsed { lists, issues, ms }));
            return s;
        }
        let mut st = (*s.state).clone();
        let ids = st.accept(got);
        s.state = std::rc::Rc::new(st);
        let mut saved: Vec<SavedList> = s.saved.iter().filter(|x| !ids.contains(&x.id)).cloned().collect();
        saved.extend(lists);
        s.saved = std::rc::Rc::new(saved);
        s.to_save.extend(ids.iter().cloned());
        s.to_delete.retain(|d| !ids.contains(d));
        s.generation += 1;
        s.phase = ImportPhase::Indexing;
        s.parse_ms = ms;
        s
    }

    pub fn apply(&self, action: ListsAction) -> ListsUi {
        let mut s = self.clone();
        match action {
            ListsAction::Restored(r) => {
                s.restored = true;
                if let Some(why) = r.unavailable {
                    s.storage_note = Some(format!(
                        "Imported lists cannot be kept in this browser: {why}. Imports work for this visit only."
                    ));
                    return s;
                }
                let mut st = (*s.state).clone();
                st.unreadable.extend(r.unreadable);
                st.accept(r.lists.into_iter().map(|list| Imported { list, issues: vec![] }).collect());
                if !st.unreadable.is_empty() {
                    s.storage_note = Some(format!(
                        "{} saved list(s) could not be read and were set aside (not deleted): {}",
                        st.unreadable.len(),
                        st.unreadable.iter().map(|(k, w)| format!("{k}: {w}")).collect::<Vec<_>>().join("; ")
                    ));
                }
                s.state = std::rc::Rc::new(st);
                s.saved = std::rc::Rc::new(r.saved);
            }
            ListsAction::OtherTab(r) => {
                if r.unavailable.is_some() || s.phase.busy() || !s.to_save.is_empty() || !s.to_delete.is_empty() {
                    return s;
                }
                let mut st = (*s.state).clone();
                st.imported = r.lists;
                st.unreadable = r.unreadable;
                s.state = std::rc::Rc::new(st);
                s.saved = std::rc::Rc::new(r.saved);
            }
            ListsAction::Bundled(metas) => {
                let mut st = (*s.state).clone();
                st.bundled = metas;
                s.state = std::rc::Rc::new(st);
            }
            ListsAction::Phase(p) => {
                if matches!(p, ImportPhase::Reading(_)) {
                    s.diff = None;
                }
                s.phase = p;
            }
            ListsAction::Diff { diffs, problems } => {
                // Only for an import still in progress or just accepted (not one that failed,
                // was cancelled or is waiting for confirmation; the confirmation keeps it).
                if !matches!(s.phase, ImportPhase::Failed(_) | ImportPhase::Idle) {
                    s.diff = Some(std::rc::Rc::new((diffs, problems)));
                }
            }
            ListsAction::ConfirmShrink => {
                let Some(pending) = s.pending.take() else { return s };
                if !matches!(s.phase, ImportPhase::Confirm(_)) {
                    return s;
                }
                s.phase = ImportPhase::Parsing(vec![]);
                return s.accept_parsed((*pending).clone(), true);
            }
            ListsAction::KeepLoaded => {
                if s.pending.take().is_some() {
                    s.diff = None;
                    s.phase = ImportPhase::Failed("Not imported: the lists loaded before are still in use.".into());
                }
            }
            parsed @ ListsAction::Parsed { .. } => return s.accept_parsed(parsed, false),
            ListsAction::ImportFailed(e) => {
                let mut st = (*s.state).clone();
                st.fail(e.clone());
                s.state = std::rc::Rc::new(st);
                s.phase =
                    ImportPhase::Failed(format!("{e}. Nothing was changed: the lists loaded before are still in use."));
            }
            ListsAction::WorkerFailed(why) => {
                if s.phase.busy() {
                    s.phase = ImportPhase::Failed(format!(
                        "The import stopped: {why}. Nothing was changed: the lists loaded before are still in use."
                    ));
                }
            }
            ListsAction::Remove(id) => {
                let mut st = (*s.state).clone();
                if st.remove(&id) {
                    s.state = std::rc::Rc::new(st);
                    s.saved = std::rc::Rc::new(s.saved.iter().filter(|x| x.id != id).cloned().collect());
                    s.to_save.retain(|x| x != &id);
                    s.to_delete.push(id.clone());
                    s.generation += 1;
                    s.diff = None;
                    s.phase = ImportPhase::Done(format!("Removed the imported list {id}."));
                }
            }
            ListsAction::Forget(key) => {
                let mut st = (*s.state).clone();
                st.unreadable.retain(|(k, _)| k != &key);
                s.state = std::rc::Rc::new(st);
                if s.state.unreadable.is_empty() {
                    s.storage_note = None;
                }
            }
            ListsAction::Note(n) => s.storage_note = Some(n),
            ListsAction::Persisted(errors) => {
                let written = std::mem::take(&mut s.to_save);
                s.to_delete.clear();
                if !errors.is_empty() {
                    s.storage_note = Some(format!(
                        "Could not save to this browser's storage: {}. The lists are in use for this visit; import them again after a reload.",
                        errors.join("; ")
                    ));
                }
                if s.phase == ImportPhase::Indexing {
                    let st = &s.state;
                    let new: Vec<String> = st
                        .imported
                        .iter()
                        .filter(|l| written.contains(&l.meta.id))
                        .map(|l| format!("{} ({} entries, data of {})", l.meta.id, l.meta.entries, l.meta.date))
                        .collect();
                    let mut msg = format!(
                        "Imported {}: now used by every screening (parsed in {:.2} s).",
                        new.join(", "),
                        s.parse_ms / 1000.0
                    );
                    if !st.last_issues.is_empty() {
                        msg.push_str(&format!(" {} record(s) skipped (see below).", st.last_issues.len()));
                    }
                    s.phase = ImportPhase::Done(msg);
                }
            }
        }
        s
    }
}

/// The list id a storage key holds (`imported-lists/us_sdn.tsv` → `us_sdn`).
pub fn id_of_key(key: &str) -> &str {
    let k = key.rsplit('/').next().unwrap_or(key);
    k.strip_suffix(".tsv").unwrap_or(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSL: &[u8] = include_bytes!("../../../../tests/fixtures/lists/csl_sample.json");
    const UN_TRUNCATED: &[u8] = include_bytes!("../../../../tests/fixtures/lists/un_truncated.xml");

    #[test]
    fn staleness_cases() {
        let cases: &[(&str, &str, Option<i64>, bool)] = &[
            ("2026-11-30", "2026-11-30", Some(0), false),
            ("2026-10-31", "2026-11-30", Some(30), false),
            ("2026-10-30", "2026-11-30", Some(31), true),
            ("2023-11-30", "2026-11-30", Some(1096), true),
            ("2024-02-28", "2024-03-01", Some(2), false), // leap year
            ("2027-01-01", "2026-11-30", Some(-32), true),
            ("", "2026-11-30", None, true),
            ("2026-11", "2026-11-30", Some(29), false),
            ("2023-11", "2026-11-30", Some(1125), true),
            ("2023-1", "2026-11-30", None, true),
            ("2026-13-01", "2026-11-30", None, true),
        ];
        for (date, today, age, warn) in cases {
            assert_eq!(age_days(date, today), *age, "{date} → {today}");
            assert_eq!(staleness_warning(date, today).is_some(), *warn, "{date} → {today}");
        }
    }

    #[test]
    fn import_adds_then_a_bad_file_keeps_what_was_loaded() {
        let mut st = ListsState::default();
        let ids = st.import_files(&[SourceFile { name: "csl_sample.json", data: CSL }]).unwrap();
        assert!(!ids.is_empty());
        let before = st.imported.clone();
        assert!(before.iter().all(|l| l.meta.entries > 0), "{:?}", before.iter().map(|l| &l.meta).collect::<Vec<_>>());
        assert!(ids.contains(&"us_entity_list".to_string()), "{ids:?}");

        let e = st.import_files(&[SourceFile { name: "un_truncated.xml", data: UN_TRUNCATED }]).unwrap_err();
        assert_eq!(e.file, "un_truncated.xml");
        assert_eq!(st.imported, before, "a failed import must not touch loaded lists");
        assert_eq!(st.last_error.as_ref(), Some(&e));

        let e = st.import_files(&[SourceFile { name: "notes.txt", data: b"hello" }]).unwrap_err();
        assert!(e.reason.contains("unknown list format"), "{e}");
        assert_eq!(st.imported, before);

        // Re-importing the same list replaces it rather than duplicating it.
        st.import_files(&[SourceFile { name: "csl_sample.json", data: CSL }]).unwrap();
        assert_eq!(st.imported.len(), before.len());
        assert!(st.last_error.is_none());

        let id = ids[0].clone();
        assert!(st.remove(&id));
        assert!(!st.remove(&id));
        assert!(st.imported.iter().all(|l| l.meta.id != id));
    }

    /// An import that would empty or halve a loaded list waits for the user: "Replace anyway"
    /// replaces it, "Keep the loaded list" drops the import; nothing is replaced before that.
    #[test]
    fn an_import_that_shrinks_a_list_waits_for_confirmation() {
        use crate::protocol::SavedList;
        let meta =
            |id: &str, entries: usize| ListMeta { id: id.into(), name: id.into(), entries, ..ListMeta::default() };
        let ui = ListsUi::default().apply(ListsAction::Bundled(vec![meta("us_sdn", 1000)]));
        let mut st = ListsState::default();
        st.import_files(&[SourceFile { name: "csl_sample.json", data: CSL }]).unwrap();
        let small: Vec<SavedList> = st
            .imported
            .iter()
            .filter(|l| l.meta.id == "us_sdn")
            .map(|l| SavedList { id: l.meta.id.clone(), bundle: catchall::lists::bundle::encode(l) })
            .collect();
        assert_eq!(small.len(), 1, "the sample carries one SDN entry");
        let parsed = ListsAction::Parsed { lists: small, issues: vec![], ms: 1.0 };
        let waiting = ui.apply(ListsAction::Phase(ImportPhase::Parsing(vec!["csl_sample.json".into()]))).apply(parsed);
        assert!(
            matches!(&waiting.phase, ImportPhase::Confirm(m) if m.contains("us_sdn") && m.contains("fewer than half")),
            "{:?}",
            waiting.phase
        );
        assert_eq!((waiting.state.imported.len(), waiting.generation), (0, ui.generation), "nothing replaced yet");
        let kept = waiting.apply(ListsAction::KeepLoaded);
        assert_eq!((kept.state.imported.len(), kept.generation, kept.pending.is_none()), (0, ui.generation, true));
        assert!(matches!(kept.phase, ImportPhase::Failed(_)));
        let replaced = waiting.apply(ListsAction::ConfirmShrink);
        assert_eq!((replaced.state.imported.len(), replaced.generation), (1, ui.generation + 1));
        assert_eq!(replaced.phase, ImportPhase::Indexing);
        // A confirmation with nothing waiting changes nothing.
        assert_eq!(kept.apply(ListsAction::ConfirmShrink), kept);
    }

    #[test]
    fn list_screen_restores_imports_fails_and_removes() {
        use crate::protocol::SavedList;
        let mut st = ListsState::default();
        st.import_files(&[SourceFile { name: "csl_sample.json", data: CSL }]).unwrap();
        let good: Vec<SavedList> = st
            .imported
            .iter()
            .map(|l| SavedList { id: l.meta.id.clone(), bundle: catchall::lists::bundle::encode(l) })
            .collect();
        let n = good.len();
        // Start: two good saved lists and a corrupt one; the corrupt one is set aside, not lost.
        let mut entries: Vec<(String, Result<String, String>)> =
            good.iter().map(|g| (format!("imported-lists/{}.tsv", g.id), Ok(g.bundle.clone()))).collect();
        entries.push(("imported-lists/broken.tsv".into(), Ok("catchall-list\tgarbage".into())));
        let ui = ListsUi::default().apply(ListsAction::Restored(Restored::decode(Ok(entries))));
        assert_eq!(ui.state.imported.len(), n);
        assert_eq!(ui.state.unreadable.len(), 1);
        assert!(
            ui.storage_note.as_deref().is_some_and(|m| m.contains("broken.tsv") && m.contains("not deleted")),
            "{:?}",
            ui.storage_note
        );
        assert_eq!(id_of_key("imported-lists/us_sdn.tsv"), "us_sdn");

        // An import that fails changes nothing but the message.
        let e = ImportError { file: "un_truncated.xml".into(), line: 12, reason: "unexpected end".into() };
        let failed = ui
            .apply(ListsAction::Phase(ImportPhase::Parsing(vec!["un_truncated.xml".into()])))
            .apply(ListsAction::ImportFailed(e));
        assert_eq!(failed.state.imported, ui.state.imported);
        assert_eq!(failed.generation, ui.generation);
        assert!(
            matches!(&failed.phase, ImportPhase::Failed(m) if m.contains("un_truncated.xml:12") && m.contains("Nothing was changed"))
        );
        // The worker dying mid-import: the same.
        let lost = ui
            .apply(ListsAction::Phase(ImportPhase::Parsing(vec![])))
            .apply(ListsAction::WorkerFailed("crashed".into()));
        assert_eq!((lost.state.imported.len(), lost.generation), (n, ui.generation));

        // A good import: replaces by id, asks for a rebuild and a save, then reports.
        let one = good[0].clone();
        let parsed = ListsAction::Parsed { lists: vec![one.clone()], issues: vec![], ms: 1.0 };
        // Cancelled (or never started): a late answer from the worker changes nothing.
        let cancelled = ui
            .apply(ListsAction::Phase(ImportPhase::Parsing(vec![])))
            .apply(ListsAction::WorkerFailed("cancelled".into()));
        assert_eq!(cancelled.apply(parsed.clone()).state, cancelled.state);
        let ok = ui.apply(ListsAction::Phase(ImportPhase::Parsing(vec!["sdn.csv".into()]))).apply(parsed);
        assert_eq!((ok.state.imported.len(), ok.saved.len(), ok.generation), (n, n, ui.generation + 1));
        assert_eq!((ok.to_save.clone(), ok.phase.clone()), (vec![one.id.clone()], ImportPhase::Indexing));
        let done = ok.apply(ListsAction::Persisted(vec!["the browser's storage is full".into()]));
        assert!(matches!(&done.phase, ImportPhase::Done(m) if m.contains(&one.id)), "{:?}", done.phase);
        assert!(done
            .storage_note
            .as_deref()
            .is_some_and(|m| m.contains("storage is full") && m.contains("this visit")));
        assert!(done.to_save.is_empty());

        // Remove: gone from the lists and the saved copies, deleted from storage next.
        let removed = done.apply(ListsAction::Remove(one.id.clone()));
        assert_eq!(removed.state.imported.len(), n - 1);
        assert!(removed.saved.iter().all(|s| s.id != one.id));
        assert_eq!(removed.to_delete, vec![one.id.clone()]);
        assert_eq!(removed.generation, done.generation + 1);
        // Unavailable storage says so.
        let none =
            ListsUi::default().apply(ListsAction::Restored(Restored::decode(Err("not a secure context".into()))));
        assert!(none.restored && none.storage_note.as_deref().is_some_and(|m| m.contains("this visit only")));
    }

    /// The worker's diff shows for an import in progress or done, in one line per list, and
    /// goes with the next import, a removal, or a refused import.
    #[test]
    fn an_import_shows_what_it_changed() {
        use catchall::lists::diff::{diff, EntryRef};
        use catchall::screening::Entry;
        let e = |id: &str, name: &str| Entry { id: id.into(), name: name.into(), ..Entry::default() };
        let meta = |date: &str| ListMeta { id: "us_dpl".into(), date: date.into(), ..ListMeta::default() };
        let old = List { meta: meta("2026-01-01"), entries: vec![e("1", "A"), e("2", "B"), e("3", "C")] };
        let new = List { meta: meta("2026-12-01"), entries: vec![e("1", "A"), e("2", "B2"), e("4", "D"), e("5", "E")] };
        let d = diff(std::slice::from_ref(&old), std::slice::from_ref(&new));
        assert_eq!(diff_summary(&d[0]), "+2 entries, −1, 1 changed");
        assert_eq!(d[0].removed, vec![EntryRef { entry_id: "3".into(), name: "C".into() }]);
        let fresh = diff(&[], std::slice::from_ref(&new));
        assert_eq!(diff_summary(&fresh[0]), "new list, 4 entries");
        assert_eq!(diff_summary(&diff(std::slice::from_ref(&new), std::slice::from_ref(&new))[0]), "no entry changed");

        let ui = ListsUi::default().apply(ListsAction::Phase(ImportPhase::Reading(vec!["dpl.txt".into()])));
        let ui = ui.apply(ListsAction::Phase(ImportPhase::Parsing(vec!["dpl.txt".into()])));
        let shown = ui.apply(ListsAction::Diff { diffs: d.clone(), problems: vec![] });
        assert_eq!(shown.diff.as_ref().map(|x| x.0.len()), Some(1));
        assert!(
            shown.apply(ListsAction::Phase(ImportPhase::Reading(vec![]))).diff.is_none(),
            "the next import clears it"
        );
        let failed = ui.apply(ListsAction::Phase(ImportPhase::Failed("x".into())));
        assert!(
            failed.apply(ListsAction::Diff { diffs: d, problems: vec![] }).diff.is_none(),
            "not for a failed import"
        );
    }

    #[test]
    fn imported_lists_shadow_bundled_copies() {
        let meta = |id: &str, date: &str| ListMeta { id: id.into(), date: date.into(), ..Default::default() };
        let bundled = vec![
            List { meta: meta("us_dpl", "2023-11-30"), entries: vec![] },
            List { meta: meta("un_sc", "2026-02-27"), entries: vec![] },
        ];
        let imported = vec![List { meta: meta("us_dpl", "2026-11-01"), entries: vec![] }];
        let c = combined(bundled.clone(), &imported);
        let got: Vec<(&str, &str)> = c.iter().map(|l| (l.meta.id.as_str(), l.meta.date.as_str())).collect();
        assert_eq!(got, vec![("un_sc", "2026-02-27"), ("us_dpl", "2026-11-01")]);

        let st =
            ListsState { bundled: bundled.iter().map(|l| l.meta.clone()).collect(), imported, ..Default::default() };
        let rows: Vec<(&str, bool)> = st.rows().iter().map(|(m, imp)| (m.id.as_str(), *imp)).collect();
        assert_eq!(rows, vec![("un_sc", false), ("us_dpl", true)]);
    }

    #[test]
    fn another_tabs_list_change_is_taken_without_writing_back() {
        use crate::protocol::SavedList;
        let mut st = ListsState::default();
        st.import_files(&[SourceFile { name: "csl_sample.json", data: CSL }]).unwrap();
        let saved: Vec<(String, Result<String, String>)> = st
            .imported
            .iter()
            .map(|l| (format!("imported-lists/{}.tsv", l.meta.id), Ok(catchall::lists::bundle::encode(l))))
            .collect();
        let n = saved.len();
        let ui = ListsUi::default().apply(ListsAction::Restored(Restored::decode(Ok(saved.clone()))));
        // The other tab removed one list: this tab drops it too, and writes nothing (so its
        // "storage lost a list, save it again" check has nothing to bring back).
        let fewer = ui.apply(ListsAction::OtherTab(Restored::decode(Ok(saved[1..].to_vec()))));
        assert_eq!((fewer.state.imported.len(), fewer.saved.len()), (n - 1, n - 1));
        assert_eq!((fewer.generation, fewer.to_save.len(), fewer.to_delete.len()), (ui.generation, 0, 0));
        let ids: Vec<&str> = fewer.saved.iter().map(|s: &SavedList| s.id.as_str()).collect();
        assert!(!ids.contains(&id_of_key(&saved[0].0)));
        // While this tab's own import runs, the other tab's state waits for its write.
        let busy = ui.apply(ListsAction::Phase(ImportPhase::Indexing));
        assert_eq!(busy.apply(ListsAction::OtherTab(Restored::decode(Ok(vec![])))).state, busy.state);
    }
}
