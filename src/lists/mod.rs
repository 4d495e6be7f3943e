//! Restricted-party and sanctions lists: importers for every official format and the
//! compact bundled form (issue 4). The list data model (`Entry`, `ListMeta`, `EntityKind`)
//! lives in `crate::screening`.
//!
//! * [`import`] — pure parsers: bytes in, a [`List`] plus the [`ImportIssue`]s of bad records
//!   that were skipped out (one bad record never loses the list); a file that cannot be read
//!   at all is an [`ImportError`] naming file, line and reason. No file I/O here: the CLI and
//!   the web app read the bytes.
//! * [`bundle`] — the compact line format of the bundled default lists in `static/lists/`
//!   (`encode` at build time by `scripts/build-lists`, `decode` at run time, in the browser too).
//! * [`bundled`] — the bundled lists decoded, for native use (the wasm app fetches the assets).

pub mod bundle;
pub mod country;
pub mod import;
mod text;
pub mod xlsx;
mod xml;

use crate::screening::{Entry, ListMeta};
use serde::{Deserialize, Serialize};

/// One imported list: its provenance and its entries.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct List {
    pub meta: ListMeta,
    pub entries: Vec<Entry>,
}

/// A record that was skipped (or partly read) during an import; the rest of the list is kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportIssue {
    pub file: String,
    /// 1-based line of the record in the source file (0 when the format has no lines).
    pub line: usize,
    pub reason: String,
}

impl std::fmt::Display for ImportIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.reason)
    }
}

/// A file that could not be imported at all (wrong format, truncated XML, …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportError {
    pub file: String,
    /// 1-based line where reading failed (0 when unknown / whole file).
    pub line: usize,
    pub reason: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.file, self.line, self.reason)
        } else {
            write!(f, "{}: {}", self.file, self.reason)
        }
    }
}

impl std::error::Error for ImportError {}

impl ImportError {
    pub(crate) fn new(file: &str, line: usize, reason: impl Into<String>) -> Self {
        ImportError { file: file.to_string(), line, reason: reason.into() }
    }
}

/// The result of importing one list: the list and the records skipped on the way.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Imported {
    pub list: List,
    pub issues: Vec<ImportIssue>,
}

/// 64-bit FNV-1a over several byte strings (each followed by a 0xFF separator), as
/// 16 hex digits prefixed `fnv1a64:`. Not cryptographic: it identifies the exact source
/// bytes a list was built from, so two reports on the same data show the same hash.
pub fn content_hash(parts: &[&[u8]]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in p.iter().chain(std::iter::once(&0xFFu8)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("fnv1a64:{h:016x}")
}

/// The bundled default lists (OFAC SDN, BIS Entity List / UVL / MEU, DPL, UN SC, METI EUL),
/// decoded from `static/lists/` compiled into the binary. Native only: the web app fetches
/// the same assets instead of carrying them inside the wasm module.
#[cfg(not(target_arch = "wasm32"))]
pub fn bundled() -> Result<Vec<List>, ImportError> {
    bundle::BUNDLED.iter().map(|(name, bytes)| bundle::decode(name, bytes)).collect()
}

/// The manifest of the bundled lists (`static/lists/index.json`): provenance of each file.
#[cfg(not(target_arch = "wasm32"))]
pub fn bundled_index() -> &'static str {
    bundle::INDEX
}
