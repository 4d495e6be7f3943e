//! Control-list classification search: from an exporter's own words to the Annex I entry.
//!
//! * [`Annex1`] is the full EU dual-use Annex I (Reg (EU) 2021/821, consolidated
//!   02021R0821-20251115) down to sub-paragraph level, loaded from the compact index
//!   `data/control/annex1.json` ([`Annex1::from_bytes`]; [`bundled`] embeds it natively,
//!   the web app fetches it as an asset to keep the wasm small).
//! * [`search`] ranks entries for a free-text description, with the reviewed exporter
//!   vocabulary of `data/control/synonyms.toml` and unit-aware parameter matching.
//! * `impl ControlList for Annex1` ([`crate::screening::ControlList`]) looks codes up and
//!   raises `CLASS.SUSPECTED_LISTED` / `CLASS.PARAMETERS_MISSING` from the parameter rules of
//!   `data/control/parameter_rules.toml`.
//!
//! Pure engine code: no I/O, no panics on any input.

mod params;
mod search;
pub mod text;

pub use params::{ParamRule, ParamSpec};
pub use search::{search, Candidate};

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use text::Quantity;

/// Provenance of the loaded index (shown with every classification result).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Annex1Meta {
    pub title: String,
    pub corpus_version: String,
    pub valid_from: String,
    pub source_url: String,
    pub attribution: String,
    #[serde(default)]
    pub parsed_by: String,
    #[serde(default)]
    pub source_sha256: String,
    #[serde(default)]
    pub ccl_keywords: String,
    pub entries: usize,
}

/// What kind of provision a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProvisionKind {
    /// Control text (what is listed).
    Control,
    /// "Note:" (often an exclusion).
    Note,
    /// "N.B." (cross reference).
    NotaBene,
    /// "Technical Note".
    TechnicalNote,
    /// "Not used".
    NotUsed,
}

impl ProvisionKind {
    fn from_u8(k: u8) -> ProvisionKind {
        match k {
            0 => ProvisionKind::Control,
            1 => ProvisionKind::Note,
            2 => ProvisionKind::NotaBene,
            3 => ProvisionKind::TechnicalNote,
            _ => ProvisionKind::NotUsed,
        }
    }
}

/// One provision line of Annex I, e.g. `3B001.f.1.b.1 …`.
#[derive(Clone, Debug)]
pub struct Provision {
    /// Index into [`Annex1::entries`].
    pub entry: usize,
    /// Full dotted code, e.g. `3B001.f.1.b.1` (the entry code for entry-level lines).
    pub code: String,
    pub kind: ProvisionKind,
    pub text: String,
    /// The closest control-text line above this one in the hierarchy.
    pub parent: Option<usize>,
    /// Quantities with units found in the text, with their comparison words.
    pub quantities: Vec<Quantity>,
}

/// One Annex I entry (e.g. `3A225`).
#[derive(Clone, Debug)]
pub struct Entry {
    pub code: String,
    /// 0–9.
    pub category: u8,
    /// A–E: systems / test & production equipment / materials / software / technology.
    pub group: char,
    /// `NSG-TRIGGER`, `WA`, `MTCR`, `NSG`, `AG`, `CWC` or `EU`.
    pub regime: &'static str,
    /// First line of the entry, without the code.
    pub title: String,
    /// US ECCN with the same number, when the BIS CCL index names it.
    pub eccn: Option<String>,
    /// Range of this entry's lines in [`Annex1::provisions`].
    pub provisions: std::ops::Range<usize>,
    /// BIS CCL keyword-index descriptions attached to this entry: (provision index, text).
    pub ccl_keywords: Vec<(usize, String)>,
}

/// A defined term of the Annex ("Definitions of terms used in this Annex").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Definition {
    pub term: String,
    /// Categories in which the definition applies, e.g. `2 3 6 7`.
    pub categories: String,
    pub text: String,
}

/// The loaded Annex I index with its search structures.
#[derive(Debug)]
pub struct Annex1 {
    pub meta: Annex1Meta,
    pub entries: Vec<Entry>,
    pub provisions: Vec<Provision>,
    pub definitions: Vec<Definition>,
    /// Normalised code (lower case, no dots) → provision index (first control line).
    by_code: HashMap<String, usize>,
    pub(crate) synonyms: search::Synonyms,
    /// Built on the first search, not on load ([`Annex1::search_index`]).
    index: std::sync::OnceLock<search::Index>,
    pub(crate) rules: Vec<ParamRule>,
}

/// Why an index could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError(pub String);

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Annex I index: {}", self.0)
    }
}

impl std::error::Error for LoadError {}

#[derive(Deserialize)]
struct RawIndex {
    meta: Annex1Meta,
    entries: Vec<RawEntry>,
    #[serde(default)]
    defs: Vec<(String, String, String)>,
}

#[derive(Deserialize)]
struct RawEntry {
    c: String,
    p: Vec<(String, u8, String)>,
    #[serde(default)]
    u: Option<String>,
    #[serde(default)]
    k: Vec<(String, String)>,
}

/// The regime an Annex I code comes from: Category 0 is the NSG trigger
/// list; otherwise the first of the three digits: 0 WA, 1 MTCR, 2 NSG, 3 AG, 4 CWC, 5 EU.
pub fn regime_of(code: &str) -> Option<&'static str> {
    let b = code.as_bytes();
    if b.len() < 5 || !b[0].is_ascii_digit() || !b[1].is_ascii_alphabetic() || !b[2].is_ascii_digit() {
        return None;
    }
    if b[0] == b'0' {
        return Some("NSG-TRIGGER");
    }
    Some(match b[2] {
        b'0' => "WA",
        b'1' => "MTCR",
        b'2' => "NSG",
        b'3' => "AG",
        b'4' => "CWC",
        b'5' => "EU",
        _ => return None,
    })
}

/// Human name of a regime key.
pub fn regime_name(key: &str) -> &'static str {
    match key {
        "NSG-TRIGGER" => "Nuclear Suppliers Group trigger list (Part 1)",
        "WA" => "Wassenaar Arrangement",
        "MTCR" => "Missile Technology Control Regime",
        "NSG" => "Nuclear Suppliers Group dual-use (Part 2)",
        "AG" => "Australia Group",
        "CWC" => "Chemical Weapons Convention",
        "EU" => "EU-autonomous control (Delegated Reg. 2025/2003)",
        _ => "unknown regime",
    }
}

/// Normalises a code for lookup: trims, drops an `EU`/`Annex I` prefix, spaces and dots,
/// lower-cases. `"3A001.A.1"`, `"3a001a1"` and `"3A001.a.1."` all give `3a001a1`.
pub fn normalise_code(code: &str) -> String {
    let t = code.trim();
    let t = t.strip_prefix("EU").or_else(|| t.strip_prefix("eu")).unwrap_or(t);
    t.chars().filter(|c| c.is_ascii_alphanumeric()).take(24).collect::<String>().to_ascii_lowercase()
}

impl Annex1 {
    /// Loads the compact index (`data/control/annex1.json`). The synonym and parameter-rule
    /// files are embedded in the engine.
    pub fn from_bytes(bytes: &[u8]) -> Result<Annex1, LoadError> {
        let raw: RawIndex = serde_json::from_slice(bytes).map_err(|e| LoadError(e.to_string()))?;
        Annex1::build(raw)
    }

    fn build(raw: RawIndex) -> Result<Annex1, LoadError> {
        let mut entries = Vec::with_capacity(raw.entries.len());
        let mut provisions: Vec<Provision> = Vec::new();
        let mut by_code = HashMap::new();
        for (ei, re) in raw.entries.into_iter().enumerate() {
            let regime = regime_of(&re.c).ok_or_else(|| LoadError(format!("entry {ei}: bad code {:?}", re.c)))?;
            let b = re.c.as_bytes();
            let category = b[0] - b'0';
            let group = (b[1] as char).to_ascii_uppercase();
            let start = provisions.len();
            // Parent = nearest earlier control line whose path is a proper prefix.
            let mut title = String::new();
            let mut path_to_prov: HashMap<String, usize> = HashMap::new();
            for (suffix, kind, text) in re.p {
                let code = if suffix.is_empty() { re.c.clone() } else { format!("{}.{}", re.c, suffix) };
                let kind = ProvisionKind::from_u8(kind);
                let idx = provisions.len();
                let parent = if kind == ProvisionKind::Control {
                    let mut p = suffix.as_str();
                    let mut found = None;
                    while let Some(pos) = p.rfind('.') {
                        p = &p[..pos];
                        if let Some(&i) = path_to_prov.get(p) {
                            found = Some(i);
                            break;
                        }
                    }
                    if found.is_none() && !suffix.is_empty() {
                        found = path_to_prov.get("").copied();
                    }
                    found
                } else {
                    // Notes hang on the control line of the same path.
                    path_to_prov.get(suffix.as_str()).copied()
                };
                if kind == ProvisionKind::Control || kind == ProvisionKind::NotUsed {
                    path_to_prov.entry(suffix.clone()).or_insert(idx);
                    by_code.entry(normalise_code(&code)).or_insert(idx);
                }
                if suffix.is_empty() && kind == ProvisionKind::Control && title.is_empty() {
                    title = text.clone();
                }
                let quantities = text::quantities(&text, 4000);
                provisions.push(Provision { entry: ei, code, kind, text, parent, quantities });
            }
            if start == provisions.len() {
                return Err(LoadError(format!("entry {}: no provisions", re.c)));
            }
            by_code.entry(normalise_code(&re.c)).or_insert(start);
            let ccl_keywords =
                re.k.into_iter()
                    .map(|(suffix, kw)| (path_to_prov.get(suffix.as_str()).copied().unwrap_or(start), kw))
                    .collect();
            entries.push(Entry {
                code: re.c,
                category,
                group,
                regime,
                title,
                eccn: re.u,
                provisions: start..provisions.len(),
                ccl_keywords,
            });
        }
        let definitions = raw
            .defs
            .into_iter()
            .map(|(term, categories, text)| Definition {
                term,
                categories,
                text: text.trim_start_matches([',', ' ']).to_string(),
            })
            .collect();
        let rules = params::bundled_rules().map_err(LoadError)?;
        let mut a = Annex1 {
            meta: raw.meta,
            entries,
            provisions,
            definitions,
            by_code,
            synonyms: search::Synonyms::default(),
            index: std::sync::OnceLock::new(),
            rules,
        };
        a.synonyms = search::Synonyms::resolve(&a).map_err(LoadError)?;
        Ok(a)
    }

    /// The search structures over every provision, built on first use (a screening never
    /// needs them: see [`search::Index`]); call it once beforehand to take that cost early.
    pub fn prepare_search(&self) {
        let _ = self.search_index();
    }

    pub(crate) fn search_index(&self) -> &search::Index {
        self.index.get_or_init(|| search::Index::build(self))
    }

    /// The provision for a code (any case, with or without dots), if it exists.
    pub fn provision(&self, code: &str) -> Option<&Provision> {
        self.by_code.get(&normalise_code(code)).and_then(|&i| self.provisions.get(i))
    }

    /// The entry a provision belongs to.
    pub fn entry_of(&self, p: &Provision) -> &Entry {
        &self.entries[p.entry]
    }

    /// The entry for a base code like `3A225`.
    pub fn entry(&self, code: &str) -> Option<&Entry> {
        self.provision(code).map(|p| self.entry_of(p))
    }

    /// Info for a code: the exact sub-paragraph when it exists, else the longest existing
    /// ancestor (prefix lookup).
    pub fn info(&self, code: &str) -> Option<crate::screening::ControlEntryInfo> {
        let mut n = normalise_code(code);
        loop {
            if let Some(&i) = self.by_code.get(&n) {
                let p = &self.provisions[i];
                let e = self.entry_of(p);
                return Some(crate::screening::ControlEntryInfo {
                    code: p.code.clone(),
                    title: e.title.clone(),
                    text: p.text.clone(),
                    regime: e.regime.to_string(),
                    category: e.category,
                });
            }
            if n.len() <= 5 {
                return None;
            }
            // Drop the last path element (a run of digits or one letter).
            let last_digit = n.ends_with(|c: char| c.is_ascii_digit());
            while n.len() > 5 && n.ends_with(|c: char| c.is_ascii_digit()) == last_digit {
                n.pop();
                if !last_digit {
                    break;
                }
            }
        }
    }

    /// The control-text lines from the entry down to this provision (context for display).
    pub fn ancestry(&self, idx: usize) -> Vec<usize> {
        let mut out = vec![idx];
        let mut cur = self.provisions.get(idx).and_then(|p| p.parent);
        let mut guard = 0;
        while let Some(i) = cur {
            out.push(i);
            cur = self.provisions.get(i).and_then(|p| p.parent);
            guard += 1;
            if guard > 16 {
                break;
            }
        }
        out.reverse();
        out
    }
}

/// The compact Annex I index, embedded in native builds (the web app fetches the same file
/// as `data/control/annex1.json` and calls [`Annex1::from_bytes`]).
#[cfg(not(target_arch = "wasm32"))]
pub const BUNDLED_INDEX: &[u8] = include_bytes!("../../data/control/annex1.json");

/// The bundled Annex I, loaded once.
#[cfg(not(target_arch = "wasm32"))]
pub fn bundled() -> &'static Annex1 {
    use std::sync::OnceLock;
    static A: OnceLock<Annex1> = OnceLock::new();
    A.get_or_init(|| match Annex1::from_bytes(BUNDLED_INDEX) {
        Ok(a) => a,
        // The bundled file is checked by tests/classify.rs; a broken one is a build defect.
        Err(e) => panic!("bundled {e}"),
    })
}
