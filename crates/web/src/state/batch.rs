//! The Batch screen's state: the run, its progress and the results table. Pure, so
//! `cargo test` covers it natively; the Yew page (`views::batch`) is a thin layer over it and
//! the messages it reacts to are the worker protocol (`crate::protocol`).
//!
//! Results arrive in chunks while the worker runs. They are kept as a list of shared chunks
//! so that each new chunk costs O(chunk), not a copy of everything received so far.

use crate::protocol::FromWorker;
use catchall::batch::{BatchError, Outcome, RowView, Summary};
use catchall::screening::ListMeta;
use std::rc::Rc;

/// Rows per page of the results table.
pub const PAGE_ROWS: usize = 100;

// ---------------------------------------------------------------------------------------
// The results table.

/// Which column the table is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    Line,
    Name,
    Country,
    Outcome,
    Score,
}

impl SortKey {
    pub const ALL: [SortKey; 5] = [SortKey::Line, SortKey::Name, SortKey::Country, SortKey::Outcome, SortKey::Score];
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Line => "Line",
            SortKey::Name => "Name",
            SortKey::Country => "Country",
            SortKey::Outcome => "Outcome",
            SortKey::Score => "Best score",
        }
    }
}

/// Which rows to show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Show {
    #[default]
    All,
    /// Rows needing attention: any hit, any verdict but CLEAR.
    Flagged,
    /// One outcome.
    Outcome(Outcome),
}

/// How the table is sorted, filtered and paged.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub sort: SortKey,
    pub descending: bool,
    pub show: Show,
    /// Case-insensitive text that the name, country, best hit or a list id must contain.
    pub text: String,
    /// Zero-based page.
    pub page: usize,
}

impl Table {
    fn keeps(&self, r: &RowView, needle: &str) -> bool {
        let shown = match self.show {
            Show::All => true,
            Show::Flagged => r.flagged(),
            Show::Outcome(o) => r.outcome == o,
        };
        shown
            && (needle.is_empty()
                || r.label.to_lowercase().contains(needle)
                || r.country.to_lowercase().contains(needle)
                || r.best.to_lowercase().contains(needle)
                || r.lists.iter().any(|l| l.to_lowercase().contains(needle)))
    }

    /// The rows matching the filter, sorted: `(rows on this page, rows matching, pages)`.
    /// The page is clamped to the last page.
    pub fn view<'a>(&self, rows: impl Iterator<Item = &'a RowView>) -> (Vec<&'a RowView>, usize, usize) {
        let needle = self.text.trim().to_lowercase();
        let mut kept: Vec<&RowView> = rows.filter(|r| self.keeps(r, &needle)).collect();
        match self.sort {
            SortKey::Line => kept.sort_by_key(|r| r.index),
            SortKey::Name => {
                kept.sort_by(|a, b| a.label.to_lowercase().cmp(&b.label.to_lowercase()).then(a.index.cmp(&b.index)))
            }
            SortKey::Country => kept.sort_by(|a, b| a.country.cmp(&b.country).then(a.index.cmp(&b.index))),
            // Most urgent first unless reversed; ties keep file order.
            SortKey::Outcome => kept.sort_by(|a, b| b.severity().cmp(&a.severity()).then(a.index.cmp(&b.index))),
            SortKey::Score => kept.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.index.cmp(&b.index))),
        }
        if self.descending {
            kept.reverse();
        }
        let matching = kept.len();
        let pages = matching.div_ceil(PAGE_ROWS).max(1);
        let page = self.page.min(pages - 1);
        let start = page * PAGE_ROWS;
        let rows = kept.into_iter().skip(start).take(PAGE_ROWS).collect();
        (rows, matching, pages)
    }

    /// Clicking a column header: sort by it, or reverse when it is already the sort key.
    pub fn sort_by(&mut self, key: SortKey) {
        if self.sort == key {
            self.descending = !self.descending;
        } else {
            self.sort = key;
            self.descending = false;
        }
        self.page = 0;
    }
}

// ---------------------------------------------------------------------------------------
// The run.

/// Where the batch is.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Run {
    #[default]
    Idle,
    /// Sent to the worker; it is loading lists or reading the file.
    Starting,
    Running {
        done: usize,
        total: usize,
    },
    Finished {
        done: usize,
        total: usize,
        cancelled: bool,
        ms: f64,
    },
    /// The batch could not run (bad file, worker failure); results so far are kept.
    Failed(String),
}

impl Run {
    pub fn busy(&self) -> bool {
        matches!(self, Run::Starting | Run::Running { .. })
    }
}

/// The batch screen.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BatchState {
    pub file: String,
    pub run: Run,
    /// Results so far, in chunks, in arrival order (each chunk in file order; with several
    /// workers the chunks of different parts interleave).
    pub chunks: Vec<Rc<[RowView]>>,
    /// CSV lines so far (without header), per chunk, keyed by the chunk's first row.
    pub csv: Vec<(usize, Rc<str>)>,
    /// How many workers screen this batch, and how many have finished (with their counts).
    pub parts: usize,
    pub parts_finished: usize,
    pub cancelled: bool,
    pub slowest_ms: f64,
    pub summary: Summary,
    /// Rows of the file that could not be read (skipped).
    pub errors: Vec<BatchError>,
    /// The lists the worker screened against.
    pub lists: Vec<ListMeta>,
    pub table: Table,
    /// The row opened for detail, and its full result once the worker sent it.
    pub detail: Option<(usize, Option<serde_json::Value>)>,
}

/// What changes the batch screen.
#[derive(Clone, Debug, PartialEq)]
pub enum BatchAction {
    /// A file was chosen and sent to `parts` workers.
    Start {
        file: String,
        parts: usize,
    },
    /// A message from the worker.
    Worker(FromWorker),
    /// The worker died (script error, out of memory); results so far are kept.
    WorkerLost(String),
    Table(Table),
    Open(usize),
    CloseDetail,
}

impl BatchState {
    pub fn rows(&self) -> impl Iterator<Item = &RowView> {
        self.chunks.iter().flat_map(|c| c.iter())
    }

    pub fn row(&self, index: usize) -> Option<&RowView> {
        self.rows().find(|r| r.index == index)
    }

    pub fn received(&self) -> usize {
        self.chunks.iter().map(|c| c.len()).sum()
    }

    /// The results as CSV (header and every row received so far), in file order.
    pub fn csv_text(&self) -> String {
        let mut parts: Vec<&(usize, Rc<str>)> = self.csv.iter().collect();
        parts.sort_by_key(|(first, _)| *first);
        let mut out = String::from(catchall::batch::RESULTS_CSV_HEADER);
        for (_, c) in parts {
            out.push_str(c);
        }
        out
    }

    /// The next state. Pure.
    pub fn apply(&self, action: BatchAction) -> BatchState {
        let mut s = self.clone();
        match action {
            BatchAction::Start { file, parts } => {
                s = BatchState {
                    file,
                    run: Run::Starting,
                    parts: parts.max(1),
                    table: Table { page: 0, ..self.table.clone() },
                    ..BatchState::default()
                };
            }
            BatchAction::Worker(m) => match m {
                // Every part reads the whole file: the first to say so sets the totals.
                FromWorker::Parsed { total, errors, lists } => {
                    if s.run == Run::Starting {
                        s.errors = errors;
                        s.lists = lists;
                        s.run = Run::Running { done: s.received(), total };
                    }
                }
                FromWorker::Rows { rows, csv } => {
                    for r in &rows {
                        s.summary.add_view(r);
                    }
                    let first = rows.first().map(|r| r.index).unwrap_or(usize::MAX);
                    s.chunks.push(rows.into());
                    s.csv.push((first, csv.into()));
                    let done = s.received();
                    if let Run::Running { total, .. } = s.run {
                        s.run = Run::Running { done, total };
                    }
                }
                FromWorker::Finished { total, cancelled, ms, .. } => {
                    s.parts_finished += 1;
                    s.cancelled |= cancelled;
                    s.slowest_ms = s.slowest_ms.max(ms);
                    if s.parts_finished >= s.parts && !matches!(s.run, Run::Failed(_)) {
                        s.run = Run::Finished { done: s.received(), total, cancelled: s.cancelled, ms: s.slowest_ms };
                    }
                }
                FromWorker::Failed { message } => s.run = Run::Failed(message),
                FromWorker::Detail { index, detail } => {
                    if s.detail.as_ref().is_some_and(|(i, _)| *i == index) {
                        s.detail = Some((index, Some(detail)));
                    }
                }
                FromWorker::Hello
                | FromWorker::Imported { .. }
                | FromWorker::ImportFailed { .. }
                | FromWorker::Loaded { .. }
                | FromWorker::ListsRejected { .. }
                | FromWorker::Screened { .. }
                | FromWorker::Matched { .. }
                | FromWorker::ListsInUse { .. }
                | FromWorker::Rescreened { .. }
                | FromWorker::RescreenFailed { .. }
                | FromWorker::ImportDiff { .. } => {}
            },
            BatchAction::WorkerLost(why) => {
                if s.run.busy() {
                    s.run = Run::Failed(format!(
                        "the screening worker stopped ({why}); the {} rows screened so far are kept",
                        s.received()
                    ));
                }
                if let Some((i, None)) = s.detail {
                    s.detail =
                        Some((i, Some(serde_json::json!({"error": "the worker stopped before it sent this row"}))));
                }
            }
            BatchAction::Table(t) => s.table = t,
            BatchAction::Open(i) => s.detail = Some((i, None)),
            BatchAction::CloseDetail => s.detail = None,
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{part_range, ToWorker};
    use catchall::lists::ImportError;

    fn row(i: usize, name: &str, outcome: &str, score: f64, lists: &[&str]) -> RowView {
        RowView {
            index: i,
            line: i + 2,
            label: name.into(),
            country: if i % 2 == 0 { "PK".into() } else { "DE".into() },
            outcome: Outcome::parse(outcome).expect("an outcome"),
            score,
            best: lists.first().map(|l| format!("{l}: {name}")).unwrap_or_default(),
            lists: lists.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn rows() -> Vec<RowView> {
        vec![
            row(0, "Hassan Scientific Corporation", "MATCH", 1.0, &["us_entity_list", "jp_meti_eul"]),
            row(1, "Siemens AG", "NO_HIT", 0.0, &[]),
            row(2, "Chashma Nuclear Power", "POSSIBLE", 0.78, &["jp_meti_eul"]),
            row(3, "Acme Tools", "NO_HIT", 0.0, &[]),
        ]
    }

    #[test]
    fn table_cases() {
        let data = rows();
        // (table, expected indices on the page, rows matching)
        let cases: Vec<(Table, Vec<usize>, usize)> = vec![
            (Table::default(), vec![0, 1, 2, 3], 4),
            (Table { descending: true, ..Table::default() }, vec![3, 2, 1, 0], 4),
            (Table { sort: SortKey::Name, ..Table::default() }, vec![3, 2, 0, 1], 4),
            (Table { sort: SortKey::Score, ..Table::default() }, vec![0, 2, 1, 3], 4),
            (Table { sort: SortKey::Outcome, ..Table::default() }, vec![0, 2, 1, 3], 4),
            (Table { sort: SortKey::Country, ..Table::default() }, vec![1, 3, 0, 2], 4),
            (Table { show: Show::Flagged, ..Table::default() }, vec![0, 2], 2),
            (Table { show: Show::Outcome(Outcome::Match), ..Table::default() }, vec![0], 1),
            (Table { show: Show::Outcome(Outcome::Verdict(catchall::Verdict::Stop)), ..Table::default() }, vec![], 0),
            (Table { text: "  METI ".into(), ..Table::default() }, vec![0, 2], 2),
            (Table { text: "de".into(), ..Table::default() }, vec![1, 3], 2),
            (Table { text: "nobody".into(), ..Table::default() }, vec![], 0),
        ];
        for (t, want, matching) in cases {
            let (page, n, pages) = t.view(data.iter());
            let got: Vec<usize> = page.iter().map(|r| r.index).collect();
            assert_eq!((got, n, pages), (want.clone(), matching, 1), "{t:?}");
        }
    }

    #[test]
    fn paging_clamps_to_the_last_page() {
        let data: Vec<RowView> = (0..250).map(|i| row(i, &format!("Firm {i}"), "NO_HIT", 0.0, &[])).collect();
        let t = Table { page: 7, ..Table::default() };
        let (page, n, pages) = t.view(data.iter());
        assert_eq!((n, pages), (250, 3));
        assert_eq!(page.len(), 50);
        assert_eq!(page[0].index, 200);
        let mut t = Table { page: 2, ..Table::default() };
        t.sort_by(SortKey::Name);
        assert_eq!((t.sort, t.descending, t.page), (SortKey::Name, false, 0));
        t.sort_by(SortKey::Name);
        assert!(t.descending);
    }

    #[test]
    fn a_run_collects_chunks_summary_and_csv_and_survives_a_lost_worker() {
        let data = rows();
        let mut s = BatchState::default().apply(BatchAction::Start { file: "parties.csv".into(), parts: 1 });
        assert_eq!(s.run, Run::Starting);
        s = s.apply(BatchAction::Worker(FromWorker::Parsed { total: 4, errors: vec![], lists: vec![] }));
        s = s.apply(BatchAction::Worker(FromWorker::Rows { rows: data[..3].to_vec(), csv: "2,a\n3,b\n4,c\n".into() }));
        assert_eq!(s.run, Run::Running { done: 3, total: 4 });
        assert_eq!(s.summary.by_outcome.get(&Outcome::NoHit), Some(&1));
        assert_eq!(s.summary.by_list.get("jp_meti_eul"), Some(&2));
        assert_eq!(s.row(2).map(|r| r.label.as_str()), Some("Chashma Nuclear Power"));
        s = s.apply(BatchAction::Open(2));
        // The worker dies mid-run: the rows so far stay, the run says what happened.
        let lost = s.apply(BatchAction::WorkerLost("out of memory".into()));
        assert!(
            matches!(&lost.run, Run::Failed(m) if m.contains("out of memory") && m.contains("3 rows")),
            "{:?}",
            lost.run
        );
        assert_eq!(lost.received(), 3);
        assert!(lost.detail.as_ref().is_some_and(|(_, d)| d.is_some()));
        // Or it finishes.
        s = s.apply(BatchAction::Worker(FromWorker::Rows { rows: data[3..].to_vec(), csv: "5,d\n".into() }));
        s = s.apply(BatchAction::Worker(FromWorker::Finished { done: 4, total: 4, cancelled: false, ms: 12.0 }));
        assert_eq!(s.csv_text(), format!("{}2,a\n3,b\n4,c\n5,d\n", catchall::batch::RESULTS_CSV_HEADER));
        assert_eq!(s.summary.rows, 4);
        // A detail for a row no longer open is ignored; the open one is filled in.
        s = s.apply(BatchAction::Worker(FromWorker::Detail { index: 1, detail: serde_json::json!({}) }));
        assert_eq!(s.detail, Some((2, None)));
        s = s.apply(BatchAction::Worker(FromWorker::Detail { index: 2, detail: serde_json::json!({"x": 1}) }));
        assert_eq!(s.detail, Some((2, Some(serde_json::json!({"x": 1})))));
        // A new batch starts clean but keeps how the table is sorted.
        s.table.sort = SortKey::Score;
        let t = s.apply(BatchAction::Start { file: "b.csv".into(), parts: 1 });
        assert_eq!((t.received(), t.summary.rows, t.table.sort), (0, 0, SortKey::Score));
    }

    #[test]
    fn two_workers_split_the_rows_and_the_run_ends_when_both_have() {
        // The parts cover every row once, in order.
        for (total, parts) in [(0, 2), (1, 2), (7, 3), (10_000, 4), (5, 1), (3, 8)] {
            let mut next = 0;
            for p in 0..parts {
                let r = part_range(total, p, parts);
                assert_eq!(r.start, next, "{total} rows in {parts} parts");
                next = r.end;
            }
            assert_eq!(next, total);
        }
        let data = rows();
        let mut s = BatchState::default().apply(BatchAction::Start { file: "p.csv".into(), parts: 2 });
        let parsed =
            FromWorker::Parsed { total: 4, errors: vec![BatchError { line: 9, reason: "x".into() }], lists: vec![] };
        s = s.apply(BatchAction::Worker(parsed.clone()));
        // Part 2 starts first, then part 1; the second "parsed" does not double the errors.
        s = s.apply(BatchAction::Worker(FromWorker::Rows { rows: data[2..].to_vec(), csv: "4,c\n5,d\n".into() }));
        s = s.apply(BatchAction::Worker(parsed));
        assert_eq!(s.errors.len(), 1);
        assert_eq!(s.run, Run::Running { done: 2, total: 4 });
        s = s.apply(BatchAction::Worker(FromWorker::Finished { done: 2, total: 4, cancelled: false, ms: 30.0 }));
        assert!(s.run.busy(), "one part is still running");
        s = s.apply(BatchAction::Worker(FromWorker::Rows { rows: data[..2].to_vec(), csv: "2,a\n3,b\n".into() }));
        s = s.apply(BatchAction::Worker(FromWorker::Finished { done: 2, total: 4, cancelled: false, ms: 40.0 }));
        assert_eq!(s.run, Run::Finished { done: 4, total: 4, cancelled: false, ms: 40.0 });
        assert_eq!(
            s.csv_text(),
            format!("{}2,a\n3,b\n4,c\n5,d\n", catchall::batch::RESULTS_CSV_HEADER),
            "CSV in file order"
        );
        let (page, _, _) = Table::default().view(s.rows());
        assert_eq!(page.iter().map(|r| r.index).collect::<Vec<_>>(), vec![0, 1, 2, 3], "table in file order");
    }

    #[test]
    fn messages_round_trip_as_json() {
        let msgs = vec![
            FromWorker::Hello,
            FromWorker::Rows { rows: rows(), csv: "x\n".into() },
            FromWorker::Finished { done: 1, total: 2, cancelled: true, ms: 1.5 },
            FromWorker::ImportFailed { error: ImportError { file: "a.csv".into(), line: 3, reason: "bad".into() } },
        ];
        for m in msgs {
            let text = serde_json::to_string(&m).unwrap();
            assert_eq!(serde_json::from_str::<FromWorker>(&text).unwrap(), m, "{text}");
        }
        let to = ToWorker::Batch { file: "p.csv".into(), text: "name\nAcme\n".into(), part: 0, parts: 2 };
        let text = serde_json::to_string(&to).unwrap();
        assert!(text.starts_with(r#"{"batch":"#), "{text}");
        assert_eq!(serde_json::from_str::<ToWorker>(&text).unwrap(), to);
    }
}
