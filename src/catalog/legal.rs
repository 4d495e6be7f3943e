//! The legal facts the rules consult, parsed once from the embedded `data/` files.
//!
//! Source data (each file carries `as_of`, `source` and citations; checked by `tests/data_valid.rs`):
//! `data/regimes/groups.toml`, `data/eu/*.toml`, `data/us/*.toml`, `data/sanctions/*.toml`,
//! `data/nuclear/programme.toml`, `data/rules/*.toml`.
//!
//! INVARIANT: the files are embedded at compile time and validated by `tests/data_valid.rs`; a parse failure
//! here is a build defect, never user input, so `expect` names the file.

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use crate::verdict::Verdict;

fn parse<T: for<'de> Deserialize<'de>>(name: &str, json: &str) -> T {
    match serde_json::from_str(json) {
        Ok(v) => v,
        // INVARIANT: embedded data is validated by tests/data_valid.rs.
        Err(e) => panic!("data/{name}.toml does not match its schema: {e}"),
    }
}

// ---- groups ------------------------------------------------------------------------------------

#[derive(Clone, Debug, Deserialize)]
pub struct Group {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub citations: Vec<String>,
    #[serde(default)]
    pub uncertain: bool,
    pub members: Vec<String>,
}

#[derive(Deserialize)]
struct GroupsFile {
    group: Vec<Group>,
}

struct Groups {
    list: Vec<Group>,
    sets: HashMap<String, BTreeSet<String>>,
}

fn groups() -> &'static Groups {
    static G: OnceLock<Groups> = OnceLock::new();
    G.get_or_init(|| {
        let f: GroupsFile = parse("regimes/groups", crate::embedded!("regimes/groups"));
        let sets = f.group.iter().map(|g| (g.id.clone(), g.members.iter().cloned().collect())).collect();
        Groups { list: f.group, sets }
    })
}

/// Is `iso2` a member of group `id` (e.g. `NSG`, `US_D2`, `DE_LAENDERLISTE_K`)? Unknown groups have no members.
pub fn in_group(id: &str, iso2: &str) -> bool {
    groups().sets.get(id).is_some_and(|s| s.contains(iso2))
}

/// A group by id.
pub fn group(id: &str) -> Option<&'static Group> {
    groups().list.iter().find(|g| g.id == id)
}

/// Every group.
pub fn all_groups() -> &'static [Group] {
    &groups().list
}

// ---- rule catalogue ------------------------------------------------------------------------------

/// The report's sections, in display order. Every catalogued rule names its own (`group`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportGroup {
    Parties,
    Items,
    Destination,
    EndUse,
    RedFlags,
    Other,
}

impl ReportGroup {
    pub const ALL: [ReportGroup; 6] = [
        ReportGroup::Parties,
        ReportGroup::Items,
        ReportGroup::Destination,
        ReportGroup::EndUse,
        ReportGroup::RedFlags,
        ReportGroup::Other,
    ];
    /// The section heading.
    pub fn title(self) -> &'static str {
        match self {
            ReportGroup::Parties => "Parties",
            ReportGroup::Items => "Items",
            ReportGroup::Destination => "Destination",
            ReportGroup::EndUse => "End use",
            ReportGroup::RedFlags => "Red flags",
            ReportGroup::Other => "Other",
        }
    }
    /// A stable id for anchors and tests (`end-use`).
    pub fn id(self) -> &'static str {
        match self {
            ReportGroup::Parties => "parties",
            ReportGroup::Items => "items",
            ReportGroup::Destination => "destination",
            ReportGroup::EndUse => "end-use",
            ReportGroup::RedFlags => "red-flags",
            ReportGroup::Other => "other",
        }
    }
    /// The group of a rule ID; a rule not in the catalogue (e.g. from a report saved by a newer
    /// version) goes to `Other`.
    pub fn of_rule(rule: &str) -> ReportGroup {
        crate::catalog::rule(rule).map(|r| r.group).unwrap_or(ReportGroup::Other)
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct RuleDef {
    pub id: String,
    pub effect: Verdict,
    pub title: String,
    /// Where the report shows the rule's findings.
    pub group: ReportGroup,
    pub citations: Vec<String>,
    #[serde(default)]
    pub extension: bool,
    #[serde(default)]
    pub uncertain: bool,
    /// The finding concludes that no licence is needed for its subject.
    #[serde(default)]
    pub says_no_licence: bool,
}

#[derive(Deserialize)]
struct CatalogueFile {
    rules_as_of: String,
    rule: Vec<RuleDef>,
}

fn catalogue_file() -> &'static CatalogueFile {
    static C: OnceLock<CatalogueFile> = OnceLock::new();
    C.get_or_init(|| parse("rules/catalogue", crate::embedded!("rules/catalogue")))
}

/// The rule with this id, if catalogued.
pub fn rule(id: &str) -> Option<&'static RuleDef> {
    catalogue_file().rule.iter().find(|r| r.id == id)
}

/// Every catalogued rule.
pub fn rules() -> &'static [RuleDef] {
    &catalogue_file().rule
}

/// The date of the rules data.
pub fn rules_as_of() -> &'static str {
    &catalogue_file().rules_as_of
}

// ---- list bindings -------------------------------------------------------------------------------

#[derive(Clone, Debug, Deserialize)]
pub struct ListBinding {
    pub key: String,
    pub name: String,
    pub binds: Vec<String>,
    pub rule: String,
    #[serde(default)]
    pub rule_by_jurisdiction: BTreeMap<String, String>,
    #[serde(default)]
    pub verdict_from: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// An obligation a binding hit adds (e.g. the UVL statement).
    #[serde(default)]
    pub obligation: Option<String>,
    #[serde(default)]
    pub obligation_citations: Vec<String>,
    /// Legal basis of the binding, added to the finding's citations.
    #[serde(default)]
    pub citations: Vec<String>,
    /// Jurisdictions where a listing binds only once it is on their own list (regime → that list's key).
    #[serde(default)]
    pub transposed_by: BTreeMap<String, String>,
    /// The rule a hit fires in a `transposed_by` jurisdiction when the party is not on the domestic list.
    #[serde(default)]
    pub transposition_rule: Option<String>,
    /// Listings a binding jurisdiction does not recognise (by programme).
    #[serde(default)]
    pub not_recognised: Vec<NotRecognised>,
    /// Entries that bind only until a date in one of their fields (denial orders).
    #[serde(default)]
    pub expiry: Option<Expiry>,
    /// The rule a stale snapshot of this list fires, and after how many days.
    #[serde(default)]
    pub stale: Option<Stale>,
}

/// An entry field holding the date an entry stops binding, and the rule a hit fires after it.
#[derive(Clone, Debug, Deserialize)]
pub struct Expiry {
    pub field: String,
    pub rule: String,
}

/// A list older than `after_days` at the screening date fires `rule`.
#[derive(Clone, Debug, Deserialize)]
pub struct Stale {
    pub after_days: i64,
    pub rule: String,
}

/// Listings of a programme that a jurisdiction does not recognise as binding.
#[derive(Clone, Debug, Deserialize)]
pub struct NotRecognised {
    pub jurisdiction: String,
    pub programs: Vec<String>,
    pub rule: String,
    pub note: String,
    #[serde(default)]
    pub uncertain: bool,
}

impl ListBinding {
    /// The rule this list fires for an exporter in `regime` (`EU`, `US`, …), if it binds there.
    pub fn binding_rule(&self, regime: &str) -> Option<&str> {
        if !self.binds.iter().any(|b| b == regime) {
            return None;
        }
        Some(self.rule_by_jurisdiction.get(regime).map(String::as_str).unwrap_or(&self.rule))
    }
}

#[derive(Deserialize)]
struct ListsFile {
    list: Vec<ListBinding>,
}

fn lists_file() -> &'static ListsFile {
    static L: OnceLock<ListsFile> = OnceLock::new();
    L.get_or_init(|| parse("rules/lists", crate::embedded!("rules/lists")))
}

/// The binding of a list key, if known.
pub fn list_binding(key: &str) -> Option<&'static ListBinding> {
    lists_file().list.iter().find(|l| l.key == key)
}

/// Every list binding.
pub fn list_bindings() -> &'static [ListBinding] {
    &lists_file().list
}

// ---- red flags -----------------------------------------------------------------------------------

#[derive(Clone, Debug, Deserialize)]
pub struct RedFlag {
    pub code: String,
    pub text: String,
    /// The checklist question in plain words (the form).
    pub label: String,
    #[serde(default)]
    pub derived: Option<String>,
}

#[derive(Deserialize)]
struct FlagsFile {
    flag: Vec<RedFlag>,
    rf19: Rf19,
    rf17: Vec<Rf17Family>,
    rf16: Rf16,
}

/// RF19 calibration: which groups are each jurisdiction's arms embargoes, which end users count as repression.
#[derive(Clone, Debug, Deserialize)]
pub struct Rf19 {
    pub arms_embargo_groups: BTreeMap<String, Vec<String>>,
    pub repression_types: Vec<String>,
    pub repression_end_uses: Vec<String>,
}

/// One RF17 specification family.
#[derive(Clone, Debug, Deserialize)]
pub struct Rf17Family {
    pub family: String,
    pub tokens: Vec<Vec<String>>,
    #[serde(default)]
    pub min_hz: Option<f64>,
    pub plausible: Vec<String>,
    #[serde(default)]
    pub concern_groups: Vec<String>,
    #[serde(default)]
    pub programme: bool,
    #[serde(default)]
    pub eul_concern: Option<String>,
}

/// RF16 calibration.
#[derive(Clone, Debug, Deserialize)]
pub struct Rf16 {
    pub intermediary_types: Vec<String>,
    pub reexport_escalation: Vec<String>,
}

fn flags_file() -> &'static FlagsFile {
    static F: OnceLock<FlagsFile> = OnceLock::new();
    F.get_or_init(|| parse("rules/red_flags", crate::embedded!("rules/red_flags")))
}

/// Every red flag, RF01…RF25, in order.
pub fn red_flags() -> &'static [RedFlag] {
    &flags_file().flag
}

/// A red flag by code (`RF14`).
pub fn red_flag(code: &str) -> Option<&'static RedFlag> {
    red_flags().iter().find(|f| f.code == code)
}

pub fn rf19() -> &'static Rf19 {
    &flags_file().rf19
}

pub fn rf17_families() -> &'static [Rf17Family] {
    &flags_file().rf17
}

pub fn rf16() -> &'static Rf16 {
    &flags_file().rf16
}

// ---- vocabulary ----------------------------------------------------------------------------------

#[derive(Clone, Debug, Deserialize)]
pub struct Vocabulary {
    pub nuclear_end_uses: Vec<String>,
    pub nuclear_fuel_cycle_end_uses: Vec<String>,
    pub missile_end_uses: Vec<String>,
    pub cbw_end_uses: Vec<String>,
    pub military_end_uses: Vec<String>,
    pub security_end_uses: Vec<String>,
    pub intelligence_end_uses: Vec<String>,
    pub military_party_types: Vec<String>,
    pub security_party_types: Vec<String>,
    pub intelligence_party_types: Vec<String>,
    pub nuclear_party_types: Vec<String>,
    pub trading_party_types: Vec<String>,
    pub forwarder_party_types: Vec<String>,
    pub nuclear_name_words: Vec<Vec<String>>,
    pub nuclear_name_exclusions: Vec<Vec<String>>,
    pub forwarder_name_words: Vec<Vec<String>>,
    pub wmd_spec_words: Vec<Vec<String>>,
    /// The form's choices (value and plain label).
    pub jurisdiction: Vec<Choice>,
    pub activity: Vec<Choice>,
    pub end_use_category: Vec<Choice>,
    pub party_type: Vec<Choice>,
}

/// One value of an input vocabulary with its plain label.
#[derive(Clone, Debug, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

pub fn vocabulary() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| parse("rules/vocabulary", crate::embedded!("rules/vocabulary")))
}

// ---- catch-all knowledge mapping ---------------------------------------------------------------

#[derive(Clone, Debug, Deserialize)]
pub struct CatchAll {
    pub code: String,
    pub rule: String,
    pub informed: String,
    pub aware_wmd: String,
    pub derived: String,
    pub grounds: String,
    pub informed_words: String,
    pub aware_words: String,
    pub derived_words: String,
    pub grounds_words: String,
}

#[derive(Deserialize)]
struct CatchAllFile {
    jurisdiction: Vec<CatchAll>,
}

/// The general catch-all of a jurisdiction (`EU`, `GB`, `RU`, `JP`).
pub fn catch_all(regime: &str) -> Option<&'static CatchAll> {
    static C: OnceLock<CatchAllFile> = OnceLock::new();
    C.get_or_init(|| parse("rules/catchall", crate::embedded!("rules/catchall")))
        .jurisdiction
        .iter()
        .find(|c| c.code == regime)
}

// ---- EU ------------------------------------------------------------------------------------------

#[derive(Clone, Debug, Deserialize)]
pub struct ArmsEmbargo {
    pub country: String,
    pub basis: String,
    pub scope: String,
    #[serde(default = "yes")]
    pub art_4_1_b: bool,
    #[serde(default)]
    pub uncertain: bool,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
struct EmbargoFile {
    embargo: Vec<ArmsEmbargo>,
}

/// The EU arms embargo on `iso2`, if any.
pub fn eu_arms_embargo(iso2: &str) -> Option<&'static ArmsEmbargo> {
    static E: OnceLock<EmbargoFile> = OnceLock::new();
    E.get_or_init(|| parse("eu/arms_embargoes", crate::embedded!("eu/arms_embargoes")))
        .embargo
        .iter()
        .find(|e| e.country == iso2)
}

#[derive(Clone, Debug, Deserialize)]
pub struct Gea {
    pub id: String,
    pub title: String,
    pub items: Vec<String>,
    #[serde(default)]
    pub groups: Vec<String>,
    pub destinations: Vec<String>,
    #[serde(default)]
    pub destinations_all_except: Vec<String>,
    pub excluded: Vec<String>,
    #[serde(default)]
    pub requires_activity: Option<String>,
    #[serde(default)]
    pub requires_parameter: Option<String>,
    #[serde(default)]
    pub excludes_end_user_types: Vec<String>,
    #[serde(default)]
    pub excludes_arms_embargoed: bool,
    /// The authorisation is lost when the exporter knows the items go on beyond its destinations
    /// (EU005-EU008 Part 3 re-export clauses).
    #[serde(default)]
    pub excludes_reexport_awareness: bool,
    /// EU004: the purpose the temporary export must have, the re-import deadline and the Part 3 exclusions.
    #[serde(default)]
    pub eu004_purpose: Option<String>,
    #[serde(default)]
    pub eu004_max_reimport_days: Option<u32>,
    #[serde(default)]
    pub eu004_conditions: Vec<GeaCondition>,
    pub citations: Vec<String>,
}

/// A fact of `temporary_export` whose value excludes a general authorisation.
#[derive(Clone, Debug, Deserialize)]
pub struct GeaCondition {
    pub field: String,
    pub excluded_when: bool,
    pub reason: String,
    pub text: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct GeaFile {
    pub section_i: Vec<String>,
    pub obligations: Vec<String>,
    pub obligation_citations: Vec<String>,
    pub gea: Vec<Gea>,
}

pub fn ugeas() -> &'static GeaFile {
    static G: OnceLock<GeaFile> = OnceLock::new();
    G.get_or_init(|| parse("eu/ugea", crate::embedded!("eu/ugea")))
}

#[derive(Clone, Debug, Deserialize)]
pub struct AnnexIv {
    pub part_i: Vec<String>,
    pub part_ii: Vec<String>,
    pub citations: Vec<String>,
}

pub fn annex_iv() -> &'static AnnexIv {
    static A: OnceLock<AnnexIv> = OnceLock::new();
    A.get_or_init(|| parse("eu/annex_iv", crate::embedded!("eu/annex_iv")))
}

#[derive(Clone, Debug, Deserialize)]
pub struct Cyber {
    pub listed_codes: Vec<String>,
    pub keywords: Vec<String>,
}

pub fn cyber() -> &'static Cyber {
    static C: OnceLock<Cyber> = OnceLock::new();
    C.get_or_init(|| parse("eu/cyber", crate::embedded!("eu/cyber")))
}

#[derive(Clone, Debug, Deserialize)]
pub struct AnnexIGrammar {
    pub categories: BTreeMap<String, String>,
    pub groups: BTreeMap<String, String>,
    pub regimes: BTreeMap<String, String>,
}

pub fn annex_i_grammar() -> &'static AnnexIGrammar {
    static A: OnceLock<AnnexIGrammar> = OnceLock::new();
    A.get_or_init(|| parse("eu/annex_i_grammar", crate::embedded!("eu/annex_i_grammar")))
}

#[derive(Clone, Debug, Deserialize)]
pub struct RussiaAnnexes {
    pub chp_hs: Vec<String>,
    pub annex_vii_hs: Vec<String>,
    pub annex_xxiii_hs: Vec<String>,
}

pub fn russia_annexes() -> &'static RussiaAnnexes {
    static R: OnceLock<RussiaAnnexes> = OnceLock::new();
    R.get_or_init(|| parse("sanctions/eu_russia_annexes", crate::embedded!("sanctions/eu_russia_annexes")))
}

// ---- sanctions by destination --------------------------------------------------------------------

#[derive(Clone, Debug, Deserialize)]
pub struct Measure {
    pub jurisdiction: String,
    /// The destination the measure concerns; or `group`, a country group (e.g. an arms-embargo set).
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub group: Option<String>,
    /// For `scope = "criteria"`: which items the prohibition reaches (any criterion suffices).
    #[serde(default)]
    pub criteria: Criteria,
    /// For `scope = "criteria"`: the verdict for the other items, if they are caught at all.
    #[serde(default)]
    pub otherwise_verdict: Option<Verdict>,
    pub rule: String,
    pub scope: String,
    pub verdict: Verdict,
    #[serde(default)]
    pub unlisted_verdict: Option<Verdict>,
    #[serde(default)]
    pub unlisted_rule: Option<String>,
    #[serde(default)]
    pub services_rule: Option<String>,
    pub title: String,
    pub citations: Vec<String>,
    #[serde(default)]
    pub uncertain: bool,
}

#[derive(Deserialize)]
struct MeasuresFile {
    measure: Vec<Measure>,
}

/// Destination measures of exporter jurisdiction `regime`.
pub fn measures(regime: &str) -> impl Iterator<Item = &'static Measure> + '_ {
    static M: OnceLock<MeasuresFile> = OnceLock::new();
    M.get_or_init(|| parse("sanctions/destinations", crate::embedded!("sanctions/destinations")))
        .measure
        .iter()
        .filter(move |m| m.jurisdiction == regime)
}

/// Which items a goods prohibition reaches. An item is caught when any criterion holds.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Criteria {
    /// The item carries a control-list classification.
    #[serde(default)]
    pub listed: bool,
    /// The item's regime row (`1` arms, `2` nuclear, `3` chemical, `3-2` biological, `4` missile), derived
    /// from its code as for Japan's Appended Table 1.
    #[serde(default)]
    pub regime_rows: Vec<String>,
    /// The item is on a national military list.
    #[serde(default)]
    pub military_list: bool,
    /// HS chapters (two digits).
    #[serde(default)]
    pub hs_chapters: Vec<String>,
    /// Sanctions goods tags; `*` means any tag.
    #[serde(default)]
    pub tags: Vec<String>,
    /// The end user is of a military type.
    #[serde(default)]
    pub military_end_user: bool,
}

// ---- US ------------------------------------------------------------------------------------------

#[derive(Clone, Debug, Deserialize)]
pub struct CountryChart {
    pub part746: Vec<String>,
    pub follows: BTreeMap<String, String>,
    pub rows: BTreeMap<String, Vec<String>>,
}

pub fn country_chart() -> &'static CountryChart {
    static C: OnceLock<CountryChart> = OnceLock::new();
    C.get_or_init(|| parse("us/country_chart", crate::embedded!("us/country_chart")))
}

#[derive(Clone, Debug, Deserialize)]
pub struct EccnDef {
    pub code: String,
    pub columns: Vec<String>,
    #[serde(default)]
    pub all_destinations: bool,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Ccl {
    pub band: BTreeMap<String, Vec<String>>,
    pub eccn: Vec<EccnDef>,
    pub supp2_744: Vec<String>,
    /// US-origin technology and software whose direct products are caught by § 734.9(e)(1) (footnote 1).
    #[serde(default)]
    pub fdp_e1_inputs: Vec<String>,
    /// US content that is never de minimis (§ 734.4(a)).
    #[serde(default)]
    pub deminimis_zero: Vec<DeminimisZero>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct DeminimisZero {
    pub why: String,
    #[serde(default)]
    pub munitions_content: bool,
    #[serde(default)]
    pub eccn_prefixes: Vec<String>,
    /// Destinations (country groups) the exclusion is limited to; empty: every destination.
    #[serde(default)]
    pub groups: Vec<String>,
}

pub fn ccl() -> &'static Ccl {
    static C: OnceLock<Ccl> = OnceLock::new();
    C.get_or_init(|| parse("us/ccl", crate::embedded!("us/ccl")))
}

// ---- nuclear programme entities ----------------------------------------------------------------

#[derive(Clone, Debug, Deserialize)]
pub struct UsElEntry {
    pub entry: String,
    pub license_requirement: String,
    pub license_policy: String,
    pub federal_register: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct NuclearEntity {
    pub id: String,
    pub class: String,
    pub name: String,
    pub country: String,
    #[serde(default)]
    pub programme: Option<String>,
    pub patterns: Vec<Vec<String>>,
    pub facility_safeguarded: bool,
    #[serde(default)]
    pub us_entity_list: Option<UsElEntry>,
    #[serde(default)]
    pub uncertain: bool,
}

#[derive(Clone, Debug, Deserialize)]
pub struct NuclearFile {
    pub programme_countries: Vec<String>,
    pub citations: Vec<String>,
    pub entity: Vec<NuclearEntity>,
}

pub fn nuclear() -> &'static NuclearFile {
    static N: OnceLock<NuclearFile> = OnceLock::new();
    N.get_or_init(|| parse("nuclear/programme", crate::embedded!("nuclear/programme")))
}

// ---- standing obligations -------------------------------------------------------------------------

#[derive(Clone, Debug, Deserialize)]
pub struct StandingObligation {
    pub jurisdiction: String,
    pub rule: String,
    pub text: String,
    pub citations: Vec<String>,
}

#[derive(Deserialize)]
struct ObligationsFile {
    obligation: Vec<StandingObligation>,
}

/// Obligations of every export under `regime`.
pub fn standing_obligations(regime: &str) -> impl Iterator<Item = &'static StandingObligation> + '_ {
    static O: OnceLock<ObligationsFile> = OnceLock::new();
    O.get_or_init(|| parse("rules/obligations", crate::embedded!("rules/obligations")))
        .obligation
        .iter()
        .filter(move |o| o.jurisdiction == regime)
}

// ---- Japan ------------------------------------------------------------------------------------------

#[derive(Clone, Debug, Deserialize)]
pub struct JpTable1 {
    pub rows: BTreeMap<String, String>,
    pub ag_bio: Vec<String>,
    pub eccn_row_1_blocks: Vec<String>,
}

/// Japan's Appended Table 1 rows and the code → row mapping facts.
pub fn jp_table_1() -> &'static JpTable1 {
    static J: OnceLock<JpTable1> = OnceLock::new();
    J.get_or_init(|| parse("jp/appended_table_1", crate::embedded!("jp/appended_table_1")))
}

// ---- CWC ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug, Deserialize)]
pub struct CwcSchedule {
    pub schedules: Vec<String>,
    pub rule: String,
    /// Mixtures with at most this % of the scheduled chemical are exempt; `None`: no mixture exemption.
    #[serde(default)]
    pub mixture_exempt_max_pct: Option<f64>,
}

#[derive(Deserialize)]
struct CwcFile {
    schedule: Vec<CwcSchedule>,
}

/// The CWC transfer rule for a schedule (`1`, `2A`, `2A*`, `2B`, `3A`, `3B`).
pub fn cwc_schedule(schedule: &str) -> Option<&'static CwcSchedule> {
    static C: OnceLock<CwcFile> = OnceLock::new();
    C.get_or_init(|| parse("regimes/cwc", crate::embedded!("regimes/cwc")))
        .schedule
        .iter()
        .find(|s| s.schedules.iter().any(|x| x == schedule))
}
