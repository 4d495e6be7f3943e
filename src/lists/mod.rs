//! Restricted-party and sanctions lists: importers for every official format and the
//! compact bundled form. The list data model (`Entry`, `ListMeta`, `EntityKind`)
//! lives in `crate::screening`.
//!
//! * [`import`] — pure parsers: bytes in, a [`List`] plus the [`ImportIssue`]s of bad records
//!   that were skipped out (one bad record never loses the list); a file that cannot be read
//!   at all is an [`ImportError`] naming file, line and reason. No file I/O here: the CLI and
//!   the web app read the bytes.
//! * [`bundle`] — the compact line format of the bundled default lists in `static/lists/`
//!   (`encode` at build time by `scripts/build-lists`, `decode` at run time, in the browser too).
//! * [`diff`] — what changed between two versions of a set of lists (added, removed, changed
//!   entries), pure.
//! * [`sources`] — each bundled list's official URL and format (`data/sources/lists/fetch.toml`)
//!   and the manifest of a fetch, for `catchall lists fetch` and `scripts/build-site`.
//! * [`bundled`] — the bundled lists decoded, for native use (the wasm app fetches the assets).

pub mod bundle;
pub mod country;
pub mod diff;
pub mod import;
pub mod sources;
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

/// Why an imported list may not replace what is loaded: a file that parses but
/// yields nothing (a header-only SDN file) or far less than the list it replaces would silently
/// turn STOPs into CLEARs. The caller shows it and replaces nothing unless the user confirms
/// (`--allow-shrink` in the CLI, a confirm button in the web app).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReplaceRefusal {
    /// The import yielded no entries at all.
    Empty { id: String, list_name: String },
    /// The import has fewer than half the entries of the loaded list with the same id.
    Shrinks { id: String, new: usize, old: usize, old_date: String },
}

impl std::fmt::Display for ReplaceRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReplaceRefusal::Empty { id, list_name } => write!(
                f,
                "{id}: the import yields no entries{list_name}; nothing was replaced"
            ),
            ReplaceRefusal::Shrinks { id, new, old, old_date } => write!(
                f,
                "{id}: the import has {new} entries, fewer than half of the {old} of the loaded list{}; nothing was replaced",
                if old_date.is_empty() { String::new() } else { format!(" of {old_date}") }
            ),
        }
    }
}

impl std::error::Error for ReplaceRefusal {}

/// Whether `new` may replace `replaced` (the loaded list with the same id, if any): refused when
/// it has no entries, or fewer than half the entries of `replaced`, unless `allow_shrink`.
pub fn check_replacement(new: &List, replaced: Option<&ListMeta>, allow_shrink: bool) -> Result<(), ReplaceRefusal> {
    if allow_shrink {
        return Ok(());
    }
    let n = new.entries.len();
    if n == 0 {
        let list_name = if new.meta.name.is_empty() { String::new() } else { format!(" ({})", new.meta.name) };
        return Err(ReplaceRefusal::Empty { id: new.meta.id.clone(), list_name });
    }
    match replaced {
        Some(old) if n * 2 < old.entries => Err(ReplaceRefusal::Shrinks {
            id: new.meta.id.clone(),
            new: n,
            old: old.entries,
            old_date: old.date.clone(),
        }),
        _ => Ok(()),
    }
}

/// [`check_replacement`] for every list of one import against what is loaded (`loaded` finds
/// the loaded list's metadata by id: an imported copy if there is one, else the bundled one).
/// All or nothing: if any is refused, the caller replaces none of them.
pub fn check_imports<'a>(
    imports: &[Imported],
    loaded: impl Fn(&str) -> Option<&'a ListMeta>,
    allow_shrink: bool,
) -> Result<(), Vec<ReplaceRefusal>> {
    let refused: Vec<ReplaceRefusal> = imports
        .iter()
        .filter_map(|i| check_replacement(&i.list, loaded(&i.list.meta.id), allow_shrink).err())
        .collect();
    if refused.is_empty() {
        Ok(())
    } else {
        Err(refused)
    }
}

/// The one rule for what is screened against: each imported list replaces the list with the
/// same id in `base` (the bundled snapshot, or an earlier import of it); imports with new ids are
/// added. Order: `base` as it was (minus the replaced), then the imports in their order.
pub fn with_imports(mut base: Vec<List>, imports: impl IntoIterator<Item = List>) -> Vec<List> {
    for l in imports {
        base.retain(|b| b.meta.id != l.meta.id);
        base.push(l);
    }
    base
}

#[cfg(test)]
mod replace_tests {
    use super::*;
    use crate::screening::Entry;

    fn list(id: &str, n: usize) -> List {
        List {
            meta: ListMeta {
                id: id.into(),
                name: format!("list {id}"),
                entries: n,
                date: "2026-08-20".into(),
                ..ListMeta::default()
            },
            entries: (0..n).map(|i| Entry { id: i.to_string(), name: format!("N{i}"), ..Entry::default() }).collect(),
        }
    }

    #[test]
    fn empty_and_shrinking_imports_are_refused_unless_allowed() {
        let old = list("us_sdn", 19_249).meta;
        let empty = list("us_sdn", 0);
        let e = check_replacement(&empty, Some(&old), false).unwrap_err();
        assert!(matches!(e, ReplaceRefusal::Empty { .. }), "{e}");
        assert!(e.to_string().starts_with("us_sdn: the import yields no entries"), "{e}");
        assert!(check_replacement(&empty, None, false).is_err(), "an empty new list is refused too");
        let small = list("us_sdn", 9_624);
        let e = check_replacement(&small, Some(&old), false).unwrap_err();
        assert_eq!(
            e,
            ReplaceRefusal::Shrinks { id: "us_sdn".into(), new: 9_624, old: 19_249, old_date: "2026-08-20".into() }
        );
        assert!(e.to_string().contains("9624 entries, fewer than half of the 19249"), "{e}");
        assert!(check_replacement(&list("us_sdn", 9_625), Some(&old), false).is_ok(), "half or more is fine");
        assert!(check_replacement(&small, Some(&old), true).is_ok());
        assert!(check_replacement(&empty, Some(&old), true).is_ok());
        assert!(check_replacement(&list("new_list", 3), None, false).is_ok());
    }

    #[test]
    fn one_refused_list_refuses_the_import() {
        let loaded = [list("us_sdn", 100).meta, list("un_sc", 10).meta];
        let find = |id: &str| loaded.iter().find(|m| m.id == id);
        let imps = vec![
            Imported { list: list("un_sc", 12), issues: vec![] },
            Imported { list: list("us_sdn", 0), issues: vec![] },
        ];
        let r = check_imports(&imps, find, false).unwrap_err();
        assert_eq!(r.len(), 1);
        assert!(check_imports(&imps, find, true).is_ok());
    }

    #[test]
    fn an_import_replaces_the_list_with_its_id() {
        let base = vec![list("us_sdn", 3), list("un_sc", 2)];
        let out = with_imports(base, vec![list("us_sdn", 5), list("eu_fsf", 1)]);
        let ids: Vec<(&str, usize)> = out.iter().map(|l| (l.meta.id.as_str(), l.entries.len())).collect();
        assert_eq!(ids, vec![("un_sc", 2), ("us_sdn", 5), ("eu_fsf", 1)]);
    }
}
