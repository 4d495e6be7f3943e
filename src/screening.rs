//! The narrow interface between the rules engine and the denied-party matcher.
//!
//! The rules engine (`rules/`) never looks inside the matcher: it asks a
//! [`PartyScreener`] for hits on one party and turns each hit into the rule the
//! exporter's jurisdiction attaches to that list. The matcher
//! (`names/`) implements the trait over its index of loaded lists (`lists/`).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What kind of subject a name belongs to. Scoring differs per kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Organization,
    Vessel,
    Aircraft,
    #[default]
    Unknown,
}

impl EntityKind {
    pub fn parse(s: &str) -> Option<EntityKind> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "person" | "individual" => EntityKind::Person,
            "organization" | "organisation" | "entity" | "company" => EntityKind::Organization,
            "vessel" => EntityKind::Vessel,
            "aircraft" => EntityKind::Aircraft,
            "unknown" | "" => EntityKind::Unknown,
            _ => return None,
        })
    }
}

/// Provenance of one loaded list: shown in every report that used it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListMeta {
    /// Stable key, e.g. `us_sdn`, `us_entity_list`, `us_uvl`, `us_meu`, `us_dpl`, `un_sc`,
    /// `jp_meti_eul`, `eu_fsf`, `uk_sanctions`, `uk_ofsi_conlist`, `us_nonsdn`, `us_isn`, `us_ddtc_debarred`.
    /// Rules are attached to list keys in `data/rules/lists.toml`.
    pub id: String,
    pub name: String,
    pub publisher: String,
    pub url: String,
    /// Data date, `YYYY-MM-DD`.
    pub date: String,
    pub entries: usize,
    /// Content hash of the source file(s) it was imported from.
    #[serde(default)]
    pub hash: String,
    /// Licence / attribution line.
    #[serde(default)]
    pub licence: String,
    /// The legal basis of the list as its publisher states it (e.g. "EU asset freeze: Art. 215
    /// TFEU, Council Regulations per regime"); empty when the importer does not know it. Shown
    /// with a hit; which jurisdiction the list binds is in `data/rules/lists.toml`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub legal_basis: String,
}

/// An entry's list-specific facts, `key → value`, sorted by key.
///
/// A sorted vector rather than a `BTreeMap`: most entries carry one to four facts, and a
/// B-tree's first node holds room for eleven, which made these maps the largest single item of
/// a loaded list set (~15 MB of ~38,000 entries). Serialised as a JSON object, as before.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fields(Vec<(String, String)>);

impl Fields {
    pub fn new() -> Fields {
        Fields::default()
    }
    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }
    pub fn get(&self, key: &str) -> Option<&String> {
        self.find(key).ok().map(|i| &self.0[i].1)
    }
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }
    /// Sets `key` to `value`; returns the value it replaces.
    pub fn insert(&mut self, key: String, value: String) -> Option<String> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }
    /// Sets `key` to `value` unless it is already there.
    pub fn insert_if_absent(&mut self, key: String, value: String) {
        if let Err(i) = self.find(&key) {
            self.0.insert(i, (key, value));
        }
    }
    /// The value of `key`, inserted empty first when absent.
    pub fn value_mut(&mut self, key: &str) -> &mut String {
        let i = match self.find(key) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (key.to_string(), String::new()));
                i
            }
        };
        &mut self.0[i].1
    }
    pub fn remove(&mut self, key: &str) -> Option<String> {
        self.find(key).ok().map(|i| self.0.remove(i).1)
    }
    pub fn retain(&mut self, mut keep: impl FnMut(&String, &mut String) -> bool) {
        self.0.retain_mut(|(k, v)| keep(k, v));
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }
    /// Drops spare capacity (the entry lives as long as the loaded list).
    pub fn shrink_to_fit(&mut self) {
        self.0.shrink_to_fit();
    }
}

/// `fields["key"]`, as on a map: panics when the key is absent (tests and known keys only).
impl std::ops::Index<&str> for Fields {
    type Output = String;
    fn index(&self, key: &str) -> &String {
        self.get(key).unwrap_or_else(|| panic!("no field {key:?}"))
    }
}

impl FromIterator<(String, String)> for Fields {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Fields {
        let mut f = Fields::new();
        for (k, v) in iter {
            f.insert(k, v);
        }
        f
    }
}

impl IntoIterator for Fields {
    type Item = (String, String);
    type IntoIter = std::vec::IntoIter<(String, String)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl From<BTreeMap<String, String>> for Fields {
    fn from(m: BTreeMap<String, String>) -> Fields {
        Fields(m.into_iter().collect())
    }
}

impl From<Fields> for BTreeMap<String, String> {
    fn from(f: Fields) -> BTreeMap<String, String> {
        f.0.into_iter().collect()
    }
}

impl Serialize for Fields {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Fields, D::Error> {
        BTreeMap::<String, String>::deserialize(d).map(Fields::from)
    }
}

/// One list entry (a listed person, organisation, vessel, …).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub kind: EntityKind,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// "Weak" a.k.a.s (OFAC): shown, matched only exactly.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weak_aliases: Vec<String>,
    /// ISO-2 codes from addresses / nationality.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub programs: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates_of_birth: Vec<String>,
    /// List-specific facts the rules need, e.g. `license_requirement`, `license_policy`,
    /// `federal_register` (BIS lists), `concern` (METI: N/M/B/C), `remarks`.
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields,
}

/// A name to screen.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Query {
    pub name: String,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub kind: EntityKind,
    /// The party's date(s) of birth ("1970-01-31", "1970"): a different one downgrades a match
    /// to a possible match, the same full date confirms (`names::identity`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates_of_birth: Vec<String>,
    /// The party's identifiers (passport, national ID, registration, IMO numbers): one that the
    /// entry also carries confirms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<String>,
}

/// How sure the matcher is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Below the possible-match band; normally not returned.
    NoMatch,
    /// Similar but not confirmed: a human must check identity (PARTY.POSSIBLE_MATCH / RF01).
    Possible,
    /// The calibrated operating point says this is the listed party.
    Match,
}

/// One hit of a query on a list entry, explaining itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub list: String,
    pub entry_id: String,
    /// The entry's primary name.
    pub name: String,
    /// The name or alias that matched.
    pub matched_name: String,
    pub score: f64,
    pub decision: Decision,
    /// Aligned parts, score parts, qualifiers: free-form for display.
    pub explanation: serde_json::Value,
}

impl Hit {
    /// The hit as the CLI's and the Python package's JSON show it: the fields, plus `match`
    /// (true for a Match) for callers that only want the yes/no.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "score": self.score,
            "match": self.decision == Decision::Match,
            "decision": self.decision,
            "list": self.list,
            "entry_id": self.entry_id,
            "name": self.name,
            "matched_name": self.matched_name,
            "explanation": self.explanation,
        })
    }
}

/// Screens one party against whatever lists are loaded.
pub trait PartyScreener {
    /// Hits at or above the possible-match band, best first.
    fn screen(&self, query: &Query) -> Vec<Hit>;
    /// Provenance of every loaded list.
    fn lists(&self) -> Vec<ListMeta>;
    /// The full entry behind a hit (for licence requirement, review policy, …).
    fn entry(&self, list: &str, entry_id: &str) -> Option<&Entry>;
}

/// A screener with no lists: for tests of rules that do not depend on parties.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoLists;

impl PartyScreener for NoLists {
    fn screen(&self, _: &Query) -> Vec<Hit> {
        Vec::new()
    }
    fn lists(&self) -> Vec<ListMeta> {
        Vec::new()
    }
    fn entry(&self, _: &str, _: &str) -> Option<&Entry> {
        None
    }
}

/// What the classification engine knows about one control-list entry.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ControlEntryInfo {
    /// Normalised code, e.g. `1C010.b` or `3A225`.
    pub code: String,
    pub title: String,
    /// The text of the matching (sub-)paragraph.
    pub text: String,
    /// `NSG-TRIGGER`, `WA`, `MTCR`, `NSG`, `AG`, `CWC`, `EU`.
    pub regime: String,
    /// Annex I category, 0–9.
    pub category: u8,
}

/// A doubt about an item's classification, raised from its description and parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ItemConcern {
    /// The stated parameters meet a listed entry while the user said "not listed"
    /// (CLASS.SUSPECTED_LISTED). `clearly_meets`: every deciding parameter was given and
    /// meets the threshold (treat as listed → LICENCE_REQUIRED), else REVIEW.
    SuspectedListed { code: String, clearly_meets: bool, why: String },
    /// The description points to an entry whose deciding parameter was not given
    /// (CLASS.PARAMETERS_MISSING → REVIEW).
    ParametersMissing { code: String, missing: Vec<String>, why: String },
}

/// The control list as the rules engine sees it (implemented by `classify`).
pub trait ControlList {
    /// Looks up an Annex I code (any case, with or without sub-paragraph dots).
    fn lookup(&self, code: &str) -> Option<ControlEntryInfo>;
    /// Classification doubts about one item.
    fn concerns(&self, item: &crate::model::Item) -> Vec<ItemConcern>;
}

/// No control-list data loaded.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoControls;

impl ControlList for NoControls {
    fn lookup(&self, _: &str) -> Option<ControlEntryInfo> {
        None
    }
    fn concerns(&self, _: &crate::model::Item) -> Vec<ItemConcern> {
        Vec::new()
    }
}

/// Everything a screening consults beyond the embedded rules data.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub parties: &'a dyn PartyScreener,
    pub controls: &'a dyn ControlList,
}

impl std::fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context").finish_non_exhaustive()
    }
}

impl Context<'static> {
    /// No lists and no control-list data.
    pub fn empty() -> Self {
        Context { parties: &NoLists, controls: &NoControls }
    }
}
