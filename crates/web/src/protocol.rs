//! The messages between the page and its Web Workers (screenings, list imports and batch
//! screening). The party index lives only in the workers: the page sends shipments and names
//! to screen and gets reports and hits back.
//!
//! Both directions are JSON text in an [`Envelope`] carrying the build version ([`BUILD`]);
//! a message from another build is not acted on (the page restarts the worker, see
//! `crate::worker_client`). An import also carries the files' bytes as transferable
//! ArrayBuffers next to the JSON (see `crate::worker`).

use catchall::batch::{BatchError, RowView};
use catchall::lists::{ImportError, ImportIssue};
use catchall::screening::ListMeta;
use serde::{Deserialize, Serialize};

/// The build version: the engine version and a hash of the sources the page and the worker
/// are compiled from (`build.rs`). Both ends of a message must carry the same.
pub const BUILD: &str = concat!(env!("CARGO_PKG_VERSION"), "+", env!("CATCHALL_SOURCE_HASH"));

/// Every message on the wire: `{"v": BUILD, "m": message}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Envelope<T> {
    pub v: String,
    pub m: T,
}

/// A message as wire text, stamped with this build's version.
pub fn encode<T: Serialize>(m: &T) -> Result<String, String> {
    #[derive(Serialize)]
    struct Out<'a, T> {
        v: &'a str,
        m: &'a T,
    }
    serde_json::to_string(&Out { v: BUILD, m }).map_err(|e| format!("could not encode a message: {e}"))
}

/// What came over the wire: the message, or the other end's build when it differs from
/// this one (the message itself is then not read: its format may differ).
#[derive(Debug, PartialEq)]
pub enum Decoded<T> {
    Message(T),
    OtherBuild(String),
    Unreadable(String),
}

pub fn decode<T: serde::de::DeserializeOwned>(text: &str) -> Decoded<T> {
    #[derive(Deserialize)]
    struct Version {
        v: Option<String>,
    }
    match serde_json::from_str::<Version>(text) {
        Ok(Version { v: Some(v) }) if v == BUILD => match serde_json::from_str::<Envelope<T>>(text) {
            Ok(e) => Decoded::Message(e.m),
            Err(e) => Decoded::Unreadable(e.to_string()),
        },
        Ok(Version { v }) => Decoded::OtherBuild(v.unwrap_or_else(|| "(no version)".into())),
        Err(e) => Decoded::Unreadable(e.to_string()),
    }
}

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
    /// Load the lists (if not loaded yet) and answer [`FromWorker::Loaded`] with this `id`.
    Load { id: u64 },
    /// Screen a shipment (validated by the page with `catchall::parse_shipment`) with the
    /// worker's lists and Annex I; answered by [`FromWorker::Screened`].
    Screen { id: u64, shipment: Box<catchall::Shipment> },
    /// Screen one name (`catchall::screening::Query`); answered by [`FromWorker::Matched`].
    Match { id: u64, query: catchall::screening::Query },
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

/// A party-list hit found by a re-screen: the party screened and the entry it hit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FoundHit {
    pub party_name: String,
    #[serde(default)]
    pub country: String,
    #[serde(flatten)]
    pub hit: crate::state::HitRef,
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
    /// What the worker screens with: the answer to [`ToWorker::Load`] (`id`), and sent
    /// unasked (`id: None`) after the index was rebuilt for new imported lists. `bundled`:
    /// the bundled lists' metadata, including lists an imported copy replaces.
    Loaded { id: Option<u64>, data: Result<crate::runtime::DataSummary, String>, bundled: Vec<ListMeta> },
    /// The imported lists could not be used (a saved list does not decode); the index built
    /// before stays in use, unchanged.
    ListsRejected { message: String },
    /// The answer to [`ToWorker::Screen`]: the report, or why there is none.
    Screened { id: u64, report: Result<catchall::Report, String> },
    /// The answer to [`ToWorker::Match`]: the hits as JSON (`screening::Hit`), best first.
    Matched { id: u64, hits: Result<serde_json::Value, String> },
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

impl FromWorker {
    /// The request this message answers, if it is an answer.
    pub fn answers(&self) -> Option<u64> {
        match self {
            FromWorker::Loaded { id, .. } => *id,
            FromWorker::Screened { id, .. } | FromWorker::Matched { id, .. } => Some(*id),
            _ => None,
        }
    }
}

/// The rows (`start..end` of `total`) that part `part` of `parts` screens: contiguous,
/// in order, covering every row once.
pub fn part_range(total: usize, part: usize, parts: usize) -> std::ops::Range<usize> {
    let parts = parts.max(1);
    let part = part.min(parts - 1);
    (total * part / parts)..(total * (part + 1) / parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Messages carry the build; one from another build is recognised as such and not read,
    /// whatever it contains.
    #[test]
    fn messages_carry_the_build_and_other_builds_are_not_read() {
        let m = ToWorker::Match { id: 7, query: catchall::screening::Query { name: "X".into(), ..Default::default() } };
        let text = encode(&m).expect("encodes");
        assert!(text.contains(BUILD), "{text}");
        assert_eq!(decode::<ToWorker>(&text), Decoded::Message(m));
        let other = text.replace(BUILD, "0.0.0+0000000000000000");
        assert_eq!(decode::<ToWorker>(&other), Decoded::OtherBuild("0.0.0+0000000000000000".into()));
        assert_eq!(decode::<ToWorker>(r#"{"match":{"id":1}}"#), Decoded::OtherBuild("(no version)".into()));
        assert!(matches!(decode::<ToWorker>("not json"), Decoded::Unreadable(_)));
        let wrong = format!(r#"{{"v":"{BUILD}","m":{{"no_such_message":1}}}}"#);
        assert!(matches!(decode::<ToWorker>(&wrong), Decoded::Unreadable(_)));
        assert_eq!(FromWorker::Screened { id: 3, report: Err("x".into()) }.answers(), Some(3));
        assert_eq!(FromWorker::Loaded { id: None, data: Err("x".into()), bundled: vec![] }.answers(), None);
        assert_eq!(FromWorker::Hello.answers(), None);
    }
}
