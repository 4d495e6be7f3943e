//! The list manager's state (web app part 2, issue 7): bundled and imported lists, import
//! results, removal, staleness. Pure and engine-only, so `cargo test` covers it natively; the
//! Yew page (`ui::lists_page`), the import worker and the browser storage are thin layers
//! over it. In the browser the parsing happens in the worker, which hands back the parsed
//! lists for [`ListsState::accept`]; [`ListsState::import_files`] does both steps natively.

use crate::lists::import::{import, SourceFile};
use crate::lists::{ImportError, ImportIssue, Imported, List};
use crate::screening::ListMeta;

/// A list whose data date is older than this many days (versus today) gets a warning.
pub const STALE_DAYS: i64 = 30;

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (proleptic Gregorian), `None` if malformed.
pub fn day_number(date: &str) -> Option<i64> {
    let mut it = date.trim().get(..10)?.split('-');
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
        Some(d) if d > STALE_DAYS => Some(format!("data is {d} days old (more than {STALE_DAYS}): import a current copy")),
        Some(d) if d < 0 => Some(format!("data date {data_date} is in the future: check the file and the computer's clock")),
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
        for imp in got {
            self.last_issues.extend(imp.issues);
            let id = imp.list.meta.id.clone();
            self.imported.retain(|l| l.meta.id != id);
            self.imported.push(imp.list);
            ids.push(id);
        }
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
        let mut out: Vec<(&ListMeta, bool)> =
            self.bundled.iter().filter(|b| !self.imported.iter().any(|l| l.meta.id == b.id)).map(|m| (m, false)).collect();
        out.extend(self.imported.iter().map(|l| (&l.meta, true)));
        out
    }
}

/// The lists a screening uses: the bundled ones, with an imported list of the same id
/// replacing the bundled copy, plus every other imported list.
pub fn combined(bundled: &[List], imported: &[List]) -> Vec<List> {
    let mut out: Vec<List> = bundled.iter().filter(|b| !imported.iter().any(|l| l.meta.id == b.meta.id)).cloned().collect();
    out.extend(imported.iter().cloned());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSL: &[u8] = include_bytes!("../../tests/fixtures/lists/csl_sample.json");
    const UN_TRUNCATED: &[u8] = include_bytes!("../../tests/fixtures/lists/un_truncated.xml");

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

    #[test]
    fn imported_lists_shadow_bundled_copies() {
        let meta = |id: &str, date: &str| ListMeta { id: id.into(), date: date.into(), ..Default::default() };
        let bundled = vec![List { meta: meta("us_dpl", "2023-11-30"), entries: vec![] }, List { meta: meta("un_sc", "2026-02-27"), entries: vec![] }];
        let imported = vec![List { meta: meta("us_dpl", "2026-11-01"), entries: vec![] }];
        let c = combined(&bundled, &imported);
        let got: Vec<(&str, &str)> = c.iter().map(|l| (l.meta.id.as_str(), l.meta.date.as_str())).collect();
        assert_eq!(got, vec![("un_sc", "2026-02-27"), ("us_dpl", "2026-11-01")]);

        let st = ListsState { bundled: bundled.iter().map(|l| l.meta.clone()).collect(), imported, ..Default::default() };
        let rows: Vec<(&str, bool)> = st.rows().iter().map(|(m, imp)| (m.id.as_str(), *imp)).collect();
        assert_eq!(rows, vec![("un_sc", false), ("us_dpl", true)]);
    }
}
