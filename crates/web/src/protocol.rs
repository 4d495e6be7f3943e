//! The messages between the page and its Web Workers (list imports and batch screening).
//! Both directions are JSON text; an import also carries the files' bytes as transferable
//! ArrayBuffers next to the JSON (see `crate::worker`).

use catchall::batch::{BatchError, RowView};
use catchall::lists::{ImportError, ImportIssue};
use catchall::screening::ListMeta;
use serde::{Deserialize, Serialize};

/// Page → worker. Externally tagged JSON (`{"batch": {...}}`): an internally tagged enum
/// would cost serde's buffering code in the app's wasm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToWorker {
    /// The imported lists every screening in the worker must use (bundle text, as saved),
    /// replacing whatever it had. Sent at start and after every import or removal.
    Lists { imported: Vec<SavedList> },
    /// Parse list files (their bytes follow the message, in the same order as `names`).
    Import { names: Vec<String> },
    /// Screen part `part` of `parts` of a batch file (party CSV or shipment JSON lines):
    /// the rows in [`part_range`]. Several workers screen one file side by side.
    Batch { file: String, text: String, part: usize, parts: usize },
    /// Load the lists now, so the first batch does not wait for them.
    Warm,
    /// Stop the running batch after the current slice; results so far are kept.
    Cancel,
    /// The full result of row `index` of the last batch (hits with explanations, report).
    Detail { index: usize },
    /// Which lists screenings use now (answered with [`FromWorker::ListsInUse`]).
    ListsInUse,
    /// Re-screen saved screenings and counterparties (part `part` of `parts` of the items;
    /// the pool splits them). Answered with [`FromWorker::Rescreened`].
    Rescreen { items: Vec<RescreenItem>, part: usize, parts: usize },
}

/// A saved screening (`s:<id>`) or counterparty (`c:<id>`) to re-screen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RescreenItem {
    pub key: String,
    pub input: RescreenInput,
}

/// What a re-screen item screens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RescreenInput {
    Party(catchall::screening::Query),
    Shipment(Box<catchall::model::Shipment>),
}

/// The result of re-screening one item: its party-list hits, and for a shipment the verdict
/// (before the user's decisions, which the page applies).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RescreenResult {
    pub key: String,
    pub hits: Vec<FoundHit>,
    #[serde(default)]
    pub verdict: Option<String>,
}

/// A party-list hit found by a re-screen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FoundHit {
    pub party_name: String,
    #[serde(default)]
    pub country: String,
    pub list: String,
    pub entry_id: String,
    pub listed_name: String,
    #[serde(default)]
    pub matched_name: String,
    pub score: f64,
    /// `match` or `possible`.
    pub decision: String,
}

/// A list as stored in the browser: its bundle text (`lists::bundle` format) under a key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedList {
    pub id: String,
    pub bundle: String,
}

/// Worker → page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FromWorker {
    /// The worker is listening (messages sent before this would be lost).
    Hello,
    /// Parsed lists, as bundle text for the page to decode and save, with skipped records.
    Imported { lists: Vec<SavedList>, issues: Vec<ImportIssue>, ms: f64 },
    /// A list file could not be read at all; nothing changed.
    ImportFailed { error: ImportError },
    /// The batch file was read: how many rows will be screened, and the rows skipped.
    Parsed { total: usize, errors: Vec<BatchError>, lists: Vec<ListMeta> },
    /// Screened rows (in order) and their CSV lines.
    Rows { rows: Vec<RowView>, csv: String },
    /// The batch ended: all rows screened, or cancelled after `done`.
    Finished { done: usize, total: usize, cancelled: bool, ms: f64 },
    /// The answer to [`ToWorker::Detail`]: `{row, result}` as JSON.
    Detail { index: usize, detail: serde_json::Value },
    /// Something went wrong in the worker (bad batch file, no lists, …).
    Failed { message: String },
    /// The lists every screening in the worker uses now (bundled and imported).
    ListsInUse { lists: Vec<ListMeta> },
    /// One part of a [`ToWorker::Rescreen`], screened against `lists`.
    Rescreened { part: usize, results: Vec<RescreenResult>, lists: Vec<ListMeta>, ms: f64 },
    /// A re-screen could not run (the lists could not be loaded, …).
    RescreenFailed { message: String },
    /// Sent right after [`FromWorker::Imported`]: what each imported list changes against
    /// the copy in use it replaces (the imported copy, else the bundled one; a list new to
    /// the app has every entry added). `problems`: lists whose old copy could not be read.
    ImportDiff { diffs: Vec<catchall::lists::diff::ListDiff>, problems: Vec<String> },
}

/// The rows (`start..end` of `total`) that part `part` of `parts` screens: contiguous,
/// in order, covering every row once.
pub fn part_range(total: usize, part: usize, parts: usize) -> std::ops::Range<usize> {
    let parts = parts.max(1);
    let part = part.min(parts - 1);
    (total * part / parts)..(total * (part + 1) / parts)
}
