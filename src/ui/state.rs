//! The web app's session state and its pure reducer: the form draft, the current report,
//! the saved screenings (history) and the user's false-positive decisions.
//!
//! **Invariant:** nothing here touches the browser. Storage, clocks and engine calls happen
//! in the Yew callbacks and effects (`ui::app`), which feed their results in as
//! [`Action`]s; [`Session::apply`] only computes the next state. That keeps this module
//! compiling natively, so `cargo test` covers it (it depends on engine types only).
//!
//! Saved data (`localStorage["catchall.v1"]`) is one JSON object
//! `{ "v": 1, "screenings": [Record…], "decisions": [FalsePositive…] }`. It is read record by
//! record: a corrupt or foreign record is skipped and kept aside (never deleted), the rest
//! load. See [`load_store`].

use crate::model::{Classification, Item, Party, Shipment};
use crate::verdict::{Finding, Report, Verdict};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// The storage key and the record version written by this build.
pub const STORE_KEY: &str = "catchall.v1";
/// Where unreadable records are kept, so recovery never destroys data.
pub const QUARANTINE_KEY: &str = "catchall.v1.unreadable";
pub const RECORD_VERSION: u32 = 1;

// ---------------------------------------------------------------------------------------
// The form draft: what the user typed, as text, so half-typed values survive.

/// A party as typed in the form.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PartyDraft {
    pub name: String,
    pub address: String,
    /// ISO-2, ISO-3, an English name, or the picker's `PK — Pakistan`.
    pub country: String,
    /// Open vocabulary (`trading_company`, `nuclear_facility`, …); empty = not given.
    pub kind: String,
}

impl PartyDraft {
    fn is_empty(&self) -> bool {
        self.name.trim().is_empty()
            && self.address.trim().is_empty()
            && self.country.trim().is_empty()
            && self.kind.trim().is_empty()
    }
    fn from_party(p: &Party) -> Self {
        PartyDraft {
            name: p.name.clone(),
            address: p.address.clone(),
            country: p.country.clone(),
            kind: p.kind.clone().unwrap_or_default(),
        }
    }
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("name".into(), json!(self.name.trim()));
        m.insert("address".into(), json!(self.address.trim()));
        m.insert("country".into(), json!(country_code(&self.country)));
        if !self.kind.trim().is_empty() {
            m.insert("type".into(), json!(self.kind.trim()));
        }
        Value::Object(m)
    }
}

/// The picker shows `PK — Pakistan`; the engine wants the code before the dash.
pub fn country_code(typed: &str) -> String {
    typed.split(" — ").next().unwrap_or("").trim().to_string()
}

/// How the user classified an item.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClassChoice {
    /// "I don't know yet."
    #[default]
    Unknown,
    NotListed,
    Listed,
}

impl ClassChoice {
    pub fn as_str(self) -> &'static str {
        match self {
            ClassChoice::Unknown => "unknown",
            ClassChoice::NotListed => "not_listed",
            ClassChoice::Listed => "listed",
        }
    }
    pub fn parse(s: &str) -> ClassChoice {
        match s {
            "not_listed" => ClassChoice::NotListed,
            "listed" => ClassChoice::Listed,
            _ => ClassChoice::Unknown,
        }
    }
}

/// An item as typed in the form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemDraft {
    pub description: String,
    pub hs_code: String,
    pub class: ClassChoice,
    pub scheme: String,
    pub code: String,
    pub qty: String,
    pub value: String,
    pub currency: String,
    pub origin_country: String,
    /// Technical parameters, one `key = value` per line.
    pub parameters: String,
}

impl Default for ItemDraft {
    fn default() -> Self {
        ItemDraft {
            description: String::new(),
            hs_code: String::new(),
            class: ClassChoice::Unknown,
            scheme: "EU".into(),
            code: String::new(),
            qty: String::new(),
            value: String::new(),
            currency: String::new(),
            origin_country: String::new(),
            parameters: String::new(),
        }
    }
}

fn num_text(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// A typed number: blank → absent; a number → number; anything else is passed on as text
/// so the engine's validation names the field (`items[0].qty`).
fn num_json(s: &str) -> Option<Value> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    match t.replace(',', "").parse::<f64>() {
        Ok(x) if x.is_finite() => Some(json!(x)),
        _ => Some(json!(t)),
    }
}

impl ItemDraft {
    fn from_item(it: &Item) -> Self {
        let (class, scheme, code) = match &it.classification {
            None => (ClassChoice::Unknown, "EU".to_string(), String::new()),
            Some(Classification::NotListed(_)) => (ClassChoice::NotListed, "EU".into(), String::new()),
            Some(Classification::Listed { scheme, code }) => (ClassChoice::Listed, scheme.clone(), code.clone()),
        };
        let parameters = it
            .parameters
            .iter()
            .map(|(k, v)| match v {
                Value::String(s) => format!("{k} = {s}"),
                other => format!("{k} = {other}"),
            })
            .collect::<Vec<_>>()
            .join("\n");
        ItemDraft {
            description: it.description.clone(),
            hs_code: it.hs_code.clone().unwrap_or_default(),
            class,
            scheme,
            code,
            qty: num_text(it.qty),
            value: num_text(it.value),
            currency: it.currency.clone().unwrap_or_default(),
            origin_country: it.origin_country.clone().unwrap_or_default(),
            parameters,
        }
    }
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("description".into(), json!(self.description.trim()));
        if !self.hs_code.trim().is_empty() {
            m.insert("hs_code".into(), json!(self.hs_code.trim()));
        }
        match self.class {
            ClassChoice::Unknown => {}
            ClassChoice::NotListed => {
                m.insert("classification".into(), json!("not_listed"));
            }
            ClassChoice::Listed => {
                m.insert("classification".into(), json!({"scheme": self.scheme.trim(), "code": self.code.trim()}));
            }
        }
        let mut params = Map::new();
        for line in self.parameters.lines() {
            if let Some((k, v)) = line.split_once('=') {
                let (k, v) = (k.trim(), v.trim());
                if k.is_empty() {
                    continue;
                }
                let val = match v.parse::<f64>() {
                    Ok(x) if x.is_finite() => json!(x),
                    _ => match v {
                        "true" => json!(true),
                        "false" => json!(false),
                        _ => json!(v),
                    },
                };
                params.insert(k.to_string(), val);
            }
        }
        if !params.is_empty() {
            m.insert("parameters".into(), Value::Object(params));
        }
        for (k, v) in [("qty", &self.qty), ("value", &self.value)] {
            if let Some(j) = num_json(v) {
                m.insert(k.into(), j);
            }
        }
        if !self.currency.trim().is_empty() {
            m.insert("currency".into(), json!(self.currency.trim()));
        }
        if !self.origin_country.trim().is_empty() {
            m.insert("origin_country".into(), json!(country_code(&self.origin_country)));
        }
        Value::Object(m)
    }
}

/// The catch-all knowledge questions, in the order the form asks them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Knowledge {
    InformedByAuthority,
    AwareWmdUse,
    AwareMilitaryEndUse,
    AwareCyberRepressionUse,
    GroundsForSuspicion,
}

impl Knowledge {
    pub const ALL: [Knowledge; 5] = [
        Knowledge::InformedByAuthority,
        Knowledge::AwareWmdUse,
        Knowledge::AwareMilitaryEndUse,
        Knowledge::AwareCyberRepressionUse,
        Knowledge::GroundsForSuspicion,
    ];
    /// The JSON key (`due_diligence.<key>`), also the form field id.
    pub fn key(self) -> &'static str {
        match self {
            Knowledge::InformedByAuthority => "informed_by_authority",
            Knowledge::AwareWmdUse => "aware_wmd_use",
            Knowledge::AwareMilitaryEndUse => "aware_military_end_use",
            Knowledge::AwareCyberRepressionUse => "aware_cyber_repression_use",
            Knowledge::GroundsForSuspicion => "grounds_for_suspicion",
        }
    }
    /// The question in plain words.
    pub fn question(self) -> &'static str {
        match self {
            Knowledge::InformedByAuthority => "Has an export-control authority told you these items are or may be intended for weapons of mass destruction, a military end use or an embargoed destination?",
            Knowledge::AwareWmdUse => "Do you know the items are intended, in whole or in part, for chemical, biological or nuclear weapons or missiles that can carry them?",
            Knowledge::AwareMilitaryEndUse => "Do you know the items are intended for a military end use (for example in a country under an arms embargo)?",
            Knowledge::AwareCyberRepressionUse => "Do you know the items are intended for internal repression or serious human-rights violations (for example cyber-surveillance)?",
            Knowledge::GroundsForSuspicion => "Do you have grounds for suspecting any of the above, even without certainty?",
        }
    }
}

/// The red-flag checklist, RF01…RF25 (domain-rules §7), in plain words.
pub const RED_FLAGS: [(&str, &str); 25] = [
    ("RF01", "A party's name or address looks like a restricted party's, but you could not confirm it is them"),
    ("RF02", "The customer is reluctant to tell you the end use or the end user"),
    ("RF03", "The item's capabilities do not fit the buyer's line of business"),
    ("RF04", "The item does not fit the technical level of the destination"),
    ("RF05", "Unusual payment: cash, prepayment by a third party, or a payer in a third country"),
    ("RF06", "The customer has little or no business background, or was set up recently"),
    ("RF07", "The customer seems unfamiliar with what the product does"),
    ("RF08", "The customer declines installation, training, maintenance or warranty"),
    ("RF09", "Delivery dates are vague, or the destination is out of the way"),
    ("RF10", "A freight forwarder or logistics company is named as consignee or final destination"),
    ("RF11", "The shipping route is abnormal, e.g. via a third country unrelated to the end user"),
    ("RF12", "Packaging or labelling is inconsistent, or you are asked to remove markings"),
    ("RF13", "The customer is evasive about whether the goods stay in the country or are re-exported"),
    ("RF14", "The end user was not disclosed, or was disclosed late or changed after the quote"),
    ("RF15", "A trading company is buying technically specific, sensitive goods"),
    ("RF16", "The goods go to a known diversion hub, or there is a Russia-related story"),
    ("RF17", "Weapons-typical specifications were requested (e.g. UF6 compatibility, maraging steel tubes)"),
    ("RF18", "The quantity does not fit the stated use, or orders suddenly spike"),
    ("RF19", "The end user is military, security or intelligence"),
    ("RF20", "The end user is a nuclear facility"),
    ("RF21", "Phone, e-mail domain or website point to a sanctioned country"),
    ("RF22", "Who owns the customer is unknown, or listed parties own 50 % or more"),
    ("RF23", "The end-use statement is generic or unsigned, or the end user refused to sign one"),
    ("RF24", "The customer asks whether a licence can be avoided, or splits orders below thresholds"),
    ("RF25", "A party is on another country's restricted list"),
];

/// Jurisdictions offered by the form (value, label).
pub const JURISDICTIONS: [(&str, &str); 5] = [
    ("EU:DE", "EU — Germany (EU:DE)"),
    ("US", "United States (EAR)"),
    ("GB", "United Kingdom"),
    ("RU", "Russia"),
    ("JP", "Japan"),
];

/// Activities (value, label).
pub const ACTIVITIES: [(&str, &str); 6] = [
    ("export", "Export"),
    ("intra_eu_transfer", "Transfer within the EU"),
    ("brokering", "Brokering"),
    ("technical_assistance", "Technical assistance"),
    ("transit", "Transit"),
    ("temporary_export", "Temporary export"),
];

/// End-use categories (domain-rules §0.1), value and plain label.
pub const END_USE_CATEGORIES: [(&str, &str); 14] = [
    ("civil_industrial", "Civil industrial"),
    ("civil_nuclear_power", "Civil nuclear power"),
    ("nuclear_fuel_cycle", "Nuclear fuel cycle"),
    ("nuclear_research", "Nuclear research"),
    ("military", "Military"),
    ("police_security", "Police or security"),
    ("intelligence", "Intelligence"),
    ("space_launch", "Space launch"),
    ("uav", "Drones (UAV)"),
    ("chemical_production", "Chemical production"),
    ("biological_lab", "Biological laboratory"),
    ("telecom_operator", "Telecom operator"),
    ("research_university", "Research or university"),
    ("unknown", "Unknown"),
];

/// Party types offered (value, label); the vocabulary is open.
pub const PARTY_TYPES: [(&str, &str); 12] = [
    ("manufacturer", "Manufacturer"),
    ("trading_company", "Trading company"),
    ("freight_forwarder", "Freight forwarder"),
    ("government", "Government"),
    ("military", "Military"),
    ("police", "Police"),
    ("intelligence", "Intelligence"),
    ("nuclear_facility", "Nuclear facility"),
    ("university", "University"),
    ("bank", "Bank"),
    ("hospital", "Hospital"),
    ("other", "Other"),
];

/// A party slot in the form. The label and the JSON path both come from here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    Exporter,
    Purchaser,
    Consignee,
    Intermediate(usize),
    EndUser,
    Payer,
    Forwarder,
}

impl Role {
    /// The single-party roles, in form order (intermediate consignees come after consignee).
    pub const SINGLES: [Role; 5] = [Role::Purchaser, Role::Consignee, Role::EndUser, Role::Payer, Role::Forwarder];

    /// JSON path prefix: `exporter`, `parties.end_user`, `parties.intermediate_consignees[1]`.
    pub fn path(self) -> String {
        match self {
            Role::Exporter => "exporter".into(),
            Role::Purchaser => "parties.purchaser".into(),
            Role::Consignee => "parties.consignee".into(),
            Role::Intermediate(i) => format!("parties.intermediate_consignees[{i}]"),
            Role::EndUser => "parties.end_user".into(),
            Role::Payer => "parties.payer".into(),
            Role::Forwarder => "parties.freight_forwarder".into(),
        }
    }
    pub fn label(self) -> String {
        match self {
            Role::Exporter => "Exporter (you)".into(),
            Role::Purchaser => "Purchaser".into(),
            Role::Consignee => "Consignee".into(),
            Role::Intermediate(i) => format!("Intermediate consignee {}", i + 1),
            Role::EndUser => "End user".into(),
            Role::Payer => "Payer".into(),
            Role::Forwarder => "Freight forwarder".into(),
        }
    }
    /// The role name the engine uses in finding subjects (`party end_user`).
    pub fn engine_name(self) -> String {
        match self {
            Role::Exporter => "exporter".into(),
            Role::Purchaser => "purchaser".into(),
            Role::Consignee => "consignee".into(),
            Role::Intermediate(i) => format!("intermediate_consignees[{i}]"),
            Role::EndUser => "end_user".into(),
            Role::Payer => "payer".into(),
            Role::Forwarder => "freight_forwarder".into(),
        }
    }
}

/// Which text of a party.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartyField {
    Name,
    Address,
    Country,
    Kind,
}

impl PartyField {
    pub fn key(self) -> &'static str {
        match self {
            PartyField::Name => "name",
            PartyField::Address => "address",
            PartyField::Country => "country",
            PartyField::Kind => "type",
        }
    }
}

/// Which text of an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemField {
    Description,
    HsCode,
    Class,
    Scheme,
    Code,
    Qty,
    Value,
    Currency,
    Origin,
    Parameters,
}

impl ItemField {
    /// The JSON key under `items[i]` (the error path the engine reports).
    pub fn key(self) -> &'static str {
        match self {
            ItemField::Description => "description",
            ItemField::HsCode => "hs_code",
            ItemField::Class => "classification",
            ItemField::Scheme => "classification.scheme",
            ItemField::Code => "classification.code",
            ItemField::Qty => "qty",
            ItemField::Value => "value",
            ItemField::Currency => "currency",
            ItemField::Origin => "origin_country",
            ItemField::Parameters => "parameters",
        }
    }
}

/// A text field of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Jurisdiction,
    Activity,
    StatedEndUse,
    EndUseCategory,
    /// `yes` / `no` / `` (not said).
    EndUserStatement,
    Party(Role, PartyField),
    Item(usize, ItemField),
}

impl Field {
    /// The JSON path the engine uses in `InputError.field`; also the DOM id suffix.
    pub fn path(self) -> String {
        match self {
            Field::Jurisdiction => "jurisdiction".into(),
            Field::Activity => "activity".into(),
            Field::StatedEndUse => "stated_end_use".into(),
            Field::EndUseCategory => "end_use_category".into(),
            Field::EndUserStatement => "due_diligence.end_user_statement".into(),
            Field::Party(r, f) => format!("{}.{}", r.path(), f.key()),
            Field::Item(i, f) => format!("items[{i}].{}", f.key()),
        }
    }
}

/// The whole form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub jurisdiction: String,
    pub activity: String,
    pub exporter: PartyDraft,
    pub purchaser: PartyDraft,
    pub consignee: PartyDraft,
    pub intermediates: Vec<PartyDraft>,
    pub end_user: PartyDraft,
    pub payer: PartyDraft,
    pub forwarder: PartyDraft,
    pub items: Vec<ItemDraft>,
    pub stated_end_use: String,
    pub end_use_category: String,
    pub knowledge: BTreeSet<Knowledge>,
    /// `yes`, `no` or empty (not said).
    pub end_user_statement: String,
    pub red_flags: BTreeSet<String>,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            jurisdiction: "EU:DE".into(),
            activity: "export".into(),
            exporter: PartyDraft::default(),
            purchaser: PartyDraft::default(),
            consignee: PartyDraft::default(),
            intermediates: Vec::new(),
            end_user: PartyDraft::default(),
            payer: PartyDraft::default(),
            forwarder: PartyDraft::default(),
            items: vec![ItemDraft::default()],
            stated_end_use: String::new(),
            end_use_category: String::new(),
            knowledge: BTreeSet::new(),
            end_user_statement: String::new(),
            red_flags: BTreeSet::new(),
        }
    }
}

impl Draft {
    /// The draft of a parsed shipment (the example, a reopened screening).
    pub fn from_shipment(s: &Shipment) -> Draft {
        let p = &s.parties;
        let d = |o: &Option<Party>| o.as_ref().map(PartyDraft::from_party).unwrap_or_default();
        let dd = &s.due_diligence;
        let mut knowledge = BTreeSet::new();
        for (k, on) in [
            (Knowledge::InformedByAuthority, dd.informed_by_authority),
            (Knowledge::AwareWmdUse, dd.aware_wmd_use),
            (Knowledge::AwareMilitaryEndUse, dd.aware_military_end_use),
            (Knowledge::AwareCyberRepressionUse, dd.aware_cyber_repression_use),
            (Knowledge::GroundsForSuspicion, dd.grounds_for_suspicion),
        ] {
            if on {
                knowledge.insert(k);
            }
        }
        Draft {
            jurisdiction: String::from(s.jurisdiction.clone()),
            activity: serde_json::to_value(s.activity)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_else(|| "export".into()),
            exporter: PartyDraft::from_party(&s.exporter),
            purchaser: d(&p.purchaser),
            consignee: d(&p.consignee),
            intermediates: p.intermediate_consignees.iter().map(PartyDraft::from_party).collect(),
            end_user: d(&p.end_user),
            payer: d(&p.payer),
            forwarder: d(&p.freight_forwarder),
            items: if s.items.is_empty() { vec![ItemDraft::default()] } else { s.items.iter().map(ItemDraft::from_item).collect() },
            stated_end_use: s.stated_end_use.clone(),
            end_use_category: s.end_use_category.clone().unwrap_or_default(),
            knowledge,
            end_user_statement: match dd.end_user_statement {
                Some(true) => "yes".into(),
                Some(false) => "no".into(),
                None => String::new(),
            },
            red_flags: dd.red_flags.iter().cloned().collect(),
        }
    }

    pub fn party(&self, role: Role) -> Option<&PartyDraft> {
        match role {
            Role::Exporter => Some(&self.exporter),
            Role::Purchaser => Some(&self.purchaser),
            Role::Consignee => Some(&self.consignee),
            Role::Intermediate(i) => self.intermediates.get(i),
            Role::EndUser => Some(&self.end_user),
            Role::Payer => Some(&self.payer),
            Role::Forwarder => Some(&self.forwarder),
        }
    }

    fn party_mut(&mut self, role: Role) -> Option<&mut PartyDraft> {
        match role {
            Role::Exporter => Some(&mut self.exporter),
            Role::Purchaser => Some(&mut self.purchaser),
            Role::Consignee => Some(&mut self.consignee),
            Role::Intermediate(i) => self.intermediates.get_mut(i),
            Role::EndUser => Some(&mut self.end_user),
            Role::Payer => Some(&mut self.payer),
            Role::Forwarder => Some(&mut self.forwarder),
        }
    }

    /// The current text of a field (for controlled inputs).
    pub fn get(&self, f: Field) -> String {
        match f {
            Field::Jurisdiction => self.jurisdiction.clone(),
            Field::Activity => self.activity.clone(),
            Field::StatedEndUse => self.stated_end_use.clone(),
            Field::EndUseCategory => self.end_use_category.clone(),
            Field::EndUserStatement => self.end_user_statement.clone(),
            Field::Party(r, pf) => self
                .party(r)
                .map(|p| match pf {
                    PartyField::Name => p.name.clone(),
                    PartyField::Address => p.address.clone(),
                    PartyField::Country => p.country.clone(),
                    PartyField::Kind => p.kind.clone(),
                })
                .unwrap_or_default(),
            Field::Item(i, itf) => self
                .items
                .get(i)
                .map(|it| match itf {
                    ItemField::Description => it.description.clone(),
                    ItemField::HsCode => it.hs_code.clone(),
                    ItemField::Class => it.class.as_str().to_string(),
                    ItemField::Scheme => it.scheme.clone(),
                    ItemField::Code => it.code.clone(),
                    ItemField::Qty => it.qty.clone(),
                    ItemField::Value => it.value.clone(),
                    ItemField::Currency => it.currency.clone(),
                    ItemField::Origin => it.origin_country.clone(),
                    ItemField::Parameters => it.parameters.clone(),
                })
                .unwrap_or_default(),
        }
    }

    fn set(&mut self, f: Field, v: String) {
        match f {
            Field::Jurisdiction => self.jurisdiction = v,
            Field::Activity => self.activity = v,
            Field::StatedEndUse => self.stated_end_use = v,
            Field::EndUseCategory => self.end_use_category = v,
            Field::EndUserStatement => self.end_user_statement = v,
            Field::Party(r, pf) => {
                if let Some(p) = self.party_mut(r) {
                    match pf {
                        PartyField::Name => p.name = v,
                        PartyField::Address => p.address = v,
                        PartyField::Country => p.country = v,
                        PartyField::Kind => p.kind = v,
                    }
                }
            }
            Field::Item(i, itf) => {
                if let Some(it) = self.items.get_mut(i) {
                    match itf {
                        ItemField::Description => it.description = v,
                        ItemField::HsCode => it.hs_code = v,
                        ItemField::Class => it.class = ClassChoice::parse(&v),
                        ItemField::Scheme => it.scheme = v,
                        ItemField::Code => it.code = v,
                        ItemField::Qty => it.qty = v,
                        ItemField::Value => it.value = v,
                        ItemField::Currency => it.currency = v,
                        ItemField::Origin => it.origin_country = v,
                        ItemField::Parameters => it.parameters = v,
                    }
                }
            }
        }
    }

    /// Checks what the form alone can say in plainer words than the JSON parser: numbers
    /// that are not numbers. Everything else is the engine's validation (`parse_shipment`).
    pub fn check(&self) -> Result<(), crate::model::InputError> {
        for (i, it) in self.items.iter().enumerate() {
            for (f, v) in [(ItemField::Qty, &it.qty), (ItemField::Value, &it.value)] {
                if let Some(Value::String(t)) = num_json(v) {
                    return Err(crate::model::InputError::new(
                        Field::Item(i, f).path(),
                        format!("`{t}` is not a number: type digits, e.g. 40 or 1250.50"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The shipment JSON the engine parses (`catchall::parse_shipment`), which also does
    /// all validation: its `InputError.field` is a [`Field::path`].
    pub fn to_shipment_json(&self) -> Value {
        let mut parties = Map::new();
        for (key, p) in [
            ("purchaser", &self.purchaser),
            ("consignee", &self.consignee),
            ("end_user", &self.end_user),
            ("payer", &self.payer),
            ("freight_forwarder", &self.forwarder),
        ] {
            if !p.is_empty() {
                parties.insert(key.into(), p.to_json());
            }
        }
        // Keep blank intermediate rows so error paths keep their index.
        if !self.intermediates.is_empty() {
            parties.insert(
                "intermediate_consignees".into(),
                Value::Array(self.intermediates.iter().map(PartyDraft::to_json).collect()),
            );
        }
        let items: Vec<Value> = self.items.iter().map(ItemDraft::to_json).collect();
        let mut dd = Map::new();
        for k in Knowledge::ALL {
            dd.insert(k.key().into(), json!(self.knowledge.contains(&k)));
        }
        match self.end_user_statement.as_str() {
            "yes" => {
                dd.insert("end_user_statement".into(), json!(true));
            }
            "no" => {
                dd.insert("end_user_statement".into(), json!(false));
            }
            _ => {}
        }
        dd.insert("red_flags".into(), json!(self.red_flags.iter().collect::<Vec<_>>()));
        let mut m = Map::new();
        m.insert("jurisdiction".into(), json!(self.jurisdiction.trim()));
        m.insert("activity".into(), json!(self.activity));
        m.insert("exporter".into(), self.exporter.to_json());
        m.insert("items".into(), Value::Array(items));
        m.insert("parties".into(), Value::Object(parties));
        m.insert("stated_end_use".into(), json!(self.stated_end_use.trim()));
        if !self.end_use_category.trim().is_empty() {
            m.insert("end_use_category".into(), json!(self.end_use_category.trim()));
        }
        m.insert("due_diligence".into(), Value::Object(dd));
        Value::Object(m)
    }
}

// ---------------------------------------------------------------------------------------
// False-positive decisions and saved screenings.

/// The user decided a party hit is not the listed party.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FalsePositive {
    /// The party's name as screened (compared case- and space-insensitively).
    pub party_name: String,
    /// The party's country (ISO-2), empty if not given.
    #[serde(default)]
    pub country: String,
    pub list: String,
    pub entry_id: String,
    /// The listed name it was confused with (for display).
    #[serde(default)]
    pub listed_name: String,
    pub note: String,
    /// `YYYY-MM-DD`.
    pub date: String,
}

impl FalsePositive {
    fn covers(&self, hit: &PartyHit) -> bool {
        norm(&self.party_name) == norm(&hit.party_name)
            && self.country.eq_ignore_ascii_case(&hit.country)
            && self.list == hit.list
            && self.entry_id == hit.entry_id
    }
}

fn norm(s: &str) -> String {
    s.split_whitespace().map(|w| w.to_lowercase()).collect::<Vec<_>>().join(" ")
}

/// What identifies a party-list hit in a finding: the screened party and the list entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartyHit {
    pub party_name: String,
    pub country: String,
    pub list: String,
    pub entry_id: String,
    pub listed_name: String,
}

fn str_at<'a>(v: &'a Value, keys: &[&str]) -> Option<&'a str> {
    let mut cur = v;
    for k in keys {
        cur = cur.get(*k)?;
    }
    cur.as_str()
}

/// Reads a party hit out of a finding: subject `party <role>[, <role>…]` (one party in
/// several roles is one finding) and evidence carrying the matcher's hit (`list`,
/// `entry_id`, `listed_name` or `name`), at the top level or under `hit`. The party itself
/// is looked up in the shipment by its first role.
pub fn party_hit(f: &Finding, shipment: &Shipment) -> Option<PartyHit> {
    let roles = f.subject.strip_prefix("party ")?;
    let role = roles.split(',').next().unwrap_or("").trim();
    let ev = &f.evidence;
    let src = if ev.get("hit").is_some_and(Value::is_object) { &ev["hit"] } else { ev };
    let list = str_at(src, &["list"])?.to_string();
    let entry_id = str_at(src, &["entry_id"])?.to_string();
    let listed_name = str_at(src, &["listed_name"]).or(str_at(src, &["name"])).unwrap_or("").to_string();
    let party = if role == "exporter" {
        Some(&shipment.exporter)
    } else {
        shipment.parties.iter().find(|(r, _)| r == role).map(|(_, p)| p)
    };
    let (party_name, country) = match party {
        Some(p) => (p.name.clone(), p.country.clone()),
        None => (str_at(ev, &["query", "name"]).or(str_at(ev, &["party"]))?.to_string(), String::new()),
    };
    Some(PartyHit { party_name, country, list, entry_id, listed_name })
}

/// A finding the user's decision took out of the verdict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decided {
    pub finding: Finding,
    pub decision: FalsePositive,
}

/// Applies false-positive decisions: a party-list finding covered by a decision moves from
/// `report.findings` to the returned list, so the (computed) verdict no longer counts it
/// while the report still shows it as decided.
pub fn apply_decisions(mut report: Report, shipment: &Shipment, decisions: &[FalsePositive]) -> (Report, Vec<Decided>) {
    let mut decided = Vec::new();
    let mut kept = Vec::new();
    for f in report.findings {
        let d = party_hit(&f, shipment).and_then(|h| decisions.iter().find(|d| d.covers(&h)));
        match d {
            Some(d) => decided.push(Decided { finding: f, decision: d.clone() }),
            None => kept.push(f),
        }
    }
    report.findings = kept;
    (report, decided)
}

/// One saved screening.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub v: u32,
    pub id: String,
    /// ISO date-time of the screening.
    pub at: String,
    pub shipment: Shipment,
    pub report: Report,
    #[serde(default)]
    pub decided: Vec<Decided>,
}

impl Record {
    pub fn verdict(&self) -> Verdict {
        self.report.verdict()
    }
    /// A short label: the end user (or consignee) and destination, else the first item.
    pub fn title(&self) -> String {
        let p = &self.shipment.parties;
        let who = p.end_user.as_ref().or(p.consignee.as_ref()).or(p.purchaser.as_ref());
        match who {
            Some(w) if !w.name.is_empty() => {
                if w.country.is_empty() {
                    w.name.clone()
                } else {
                    format!("{} ({})", w.name, w.country)
                }
            }
            _ => self.shipment.items.first().map(|i| i.description.clone()).unwrap_or_else(|| "Untitled".into()),
        }
    }
}

/// What storage held, read leniently.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    pub screenings: Vec<Record>,
    pub decisions: Vec<FalsePositive>,
    /// Records that could not be read, kept verbatim (never thrown away).
    pub unreadable: Vec<Value>,
}

/// Reads saved data. Never fails: a whole-file error keeps the text as one unreadable
/// value; a bad record is set aside while the others load. Accepts a bare array of records
/// (the pre-versioned layout and the export of one screening list).
pub fn load_store(text: &str) -> Loaded {
    let mut out = Loaded::default();
    if text.trim().is_empty() {
        return out;
    }
    let v: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(_) => {
            out.unreadable.push(Value::String(text.to_string()));
            return out;
        }
    };
    let (records, decisions) = match &v {
        Value::Array(a) => (a.clone(), Vec::new()),
        Value::Object(o) => (
            o.get("screenings").and_then(Value::as_array).cloned().unwrap_or_default(),
            o.get("decisions").and_then(Value::as_array).cloned().unwrap_or_default(),
        ),
        _ => {
            out.unreadable.push(v);
            return out;
        }
    };
    for r in records {
        match read_record(&r) {
            Some(rec) => out.screenings.push(rec),
            None => out.unreadable.push(r),
        }
    }
    for d in decisions {
        match serde_json::from_value::<FalsePositive>(d.clone()) {
            Ok(fp) => out.decisions.push(fp),
            Err(_) => out.unreadable.push(d),
        }
    }
    out
}

fn read_record(r: &Value) -> Option<Record> {
    let mut r = r.clone();
    let obj = r.as_object_mut()?;
    match obj.get("v").and_then(Value::as_u64) {
        // Records from before versioning: same shape, no `v`.
        None => {
            obj.insert("v".into(), json!(RECORD_VERSION));
        }
        Some(v) if v == u64::from(RECORD_VERSION) => {}
        // A newer (or unknown) version: do not guess.
        Some(_) => return None,
    }
    // The shipment goes through the engine's own validation, like a typed one.
    let shipment_text = obj.get("shipment")?.to_string();
    let shipment = crate::model::parse_shipment(&shipment_text).ok()?;
    obj.insert("shipment".into(), serde_json::to_value(&shipment).ok()?);
    serde_json::from_value(r).ok()
}

/// The saved form of the session (what `load_store` reads back).
pub fn store_json(screenings: &[Rc<Record>], decisions: &[FalsePositive]) -> Value {
    json!({
        "v": RECORD_VERSION,
        "app": "catchall",
        "screenings": screenings.iter().map(|r| r.as_ref()).collect::<Vec<_>>(),
        "decisions": decisions,
    })
}

// ---------------------------------------------------------------------------------------
// The session and its reducer.

/// Which screen is showing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Page {
    #[default]
    Form,
    Report,
    History,
    /// The restricted-party lists: bundled and imported, import and remove.
    Lists,
    /// Batch screening of a party CSV or shipment JSON-lines file.
    Batch,
}

/// The bundled lists and Annex I, fetched when the app starts.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum DataStatus {
    #[default]
    Loading,
    /// A one-line summary of what is loaded.
    Ready(String),
    /// Why nothing could be loaded; screenings run without lists.
    Failed(String),
}

/// Everything the app shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Session {
    pub page: Page,
    pub draft: Draft,
    /// The validation error of the last attempt, shown next to its field.
    pub error: Option<crate::model::InputError>,
    /// The report on screen.
    pub current: Option<Rc<Record>>,
    /// Saved screenings, newest first.
    pub history: Vec<Rc<Record>>,
    pub decisions: Vec<FalsePositive>,
    /// Unreadable saved records, kept for the user (and written back unchanged).
    pub unreadable: Vec<Value>,
    /// A one-line message for the status area (import results, recovery, …).
    pub notice: Option<String>,
    /// Whether saved data has been read yet (the app does not save before it has).
    pub loaded: bool,
    /// The restricted-party lists and the control list.
    pub data: DataStatus,
}

/// What can happen.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Set(Field, String),
    SetKnowledge(Knowledge, bool),
    SetRedFlag(String, bool),
    AddItem,
    RemoveItem(usize),
    AddIntermediate,
    RemoveIntermediate(usize),
    /// Fill the form (the example case).
    Fill(Box<Shipment>),
    ClearForm,
    /// The form failed validation.
    Invalid(crate::model::InputError),
    /// The engine answered; `id` and `at` come from the clock in the callback.
    Screened { id: String, at: String, shipment: Box<Shipment>, report: Box<Report> },
    /// Mark the current report's party finding `index` (into `findings`) as a false positive.
    MarkFalsePositive { index: usize, note: String, date: String },
    /// Withdraw a decision.
    Undecide(usize),
    Show(Page),
    Reopen(String),
    Delete(String),
    /// Saved data was read (on start) or imported (`merge`).
    Loaded { text: String, merge: bool },
    Notice(Option<String>),
    /// The lists finished loading (summary) or failed (why).
    DataLoaded(Result<String, String>),
}

impl Session {
    /// The next state. Pure: no storage, no clock, no engine.
    pub fn apply(&self, action: Action) -> Session {
        let mut s = self.clone();
        match action {
            Action::Set(f, v) => {
                s.draft.set(f, v);
                if s.error.as_ref().is_some_and(|e| e.field == f.path()) {
                    s.error = None;
                }
            }
            Action::SetKnowledge(k, on) => {
                if on {
                    s.draft.knowledge.insert(k);
                } else {
                    s.draft.knowledge.remove(&k);
                }
            }
            Action::SetRedFlag(code, on) => {
                if on {
                    s.draft.red_flags.insert(code);
                } else {
                    s.draft.red_flags.remove(&code);
                }
            }
            Action::AddItem => s.draft.items.push(ItemDraft::default()),
            Action::RemoveItem(i) => {
                if i < s.draft.items.len() && s.draft.items.len() > 1 {
                    s.draft.items.remove(i);
                    s.error = None;
                }
            }
            Action::AddIntermediate => s.draft.intermediates.push(PartyDraft::default()),
            Action::RemoveIntermediate(i) => {
                if i < s.draft.intermediates.len() {
                    s.draft.intermediates.remove(i);
                    s.error = None;
                }
            }
            Action::Fill(sh) => {
                s.draft = Draft::from_shipment(&sh);
                s.error = None;
                s.page = Page::Form;
            }
            Action::ClearForm => {
                s.draft = Draft::default();
                s.error = None;
            }
            Action::Invalid(e) => {
                s.error = Some(e);
                s.page = Page::Form;
            }
            Action::Screened { id, at, shipment, report } => {
                let (report, decided) = apply_decisions(*report, &shipment, &s.decisions);
                let rec = Rc::new(Record { v: RECORD_VERSION, id, at, shipment: *shipment, report, decided });
                s.history.retain(|r| r.id != rec.id);
                s.history.insert(0, rec.clone());
                s.current = Some(rec);
                s.error = None;
                s.page = Page::Report;
            }
            Action::MarkFalsePositive { index, note, date } => {
                let Some(cur) = s.current.clone() else { return s };
                let Some(f) = cur.report.findings.get(index) else { return s };
                let Some(hit) = party_hit(f, &cur.shipment) else { return s };
                let fp = FalsePositive {
                    party_name: hit.party_name,
                    country: hit.country,
                    list: hit.list,
                    entry_id: hit.entry_id,
                    listed_name: hit.listed_name,
                    note: note.trim().to_string(),
                    date,
                };
                if !s.decisions.contains(&fp) {
                    s.decisions.push(fp);
                }
                // The report on screen shows the decision at once; the saved copy too.
                let mut rec = (*cur).clone();
                let (report, mut decided) = apply_decisions(rec.report, &rec.shipment, &s.decisions);
                rec.report = report;
                rec.decided.append(&mut decided);
                let rec = Rc::new(rec);
                for h in s.history.iter_mut() {
                    if h.id == rec.id {
                        *h = rec.clone();
                    }
                }
                s.current = Some(rec);
            }
            Action::Undecide(i) => {
                if i < s.decisions.len() {
                    s.decisions.remove(i);
                }
            }
            Action::Show(p) => {
                if p != Page::Report || s.current.is_some() {
                    s.page = p;
                }
            }
            Action::Reopen(id) => {
                if let Some(r) = s.history.iter().find(|r| r.id == id).cloned() {
                    s.draft = Draft::from_shipment(&r.shipment);
                    s.current = Some(r);
                    s.page = Page::Report;
                    s.error = None;
                }
            }
            Action::Delete(id) => {
                s.history.retain(|r| r.id != id);
                if s.current.as_ref().is_some_and(|r| r.id == id) {
                    s.current = None;
                    if s.page == Page::Report {
                        s.page = Page::History;
                    }
                }
            }
            Action::Loaded { text, merge } => {
                let l = load_store(&text);
                let (n, bad) = (l.screenings.len(), l.unreadable.len());
                if !merge {
                    s.history.clear();
                    s.decisions.clear();
                }
                let mut added = 0;
                for r in l.screenings {
                    if !s.history.iter().any(|h| h.id == r.id) {
                        s.history.push(Rc::new(r));
                        added += 1;
                    }
                }
                s.history.sort_by(|a, b| b.at.cmp(&a.at));
                for d in l.decisions {
                    if !s.decisions.contains(&d) {
                        s.decisions.push(d);
                    }
                }
                s.unreadable.extend(l.unreadable);
                s.loaded = true;
                s.notice = match (merge, bad) {
                    (true, 0) => Some(format!("Imported {added} of {n} screenings.")),
                    (true, b) => Some(format!("Imported {added} of {n} screenings; {b} entries could not be read and were skipped.")),
                    (false, 0) => None,
                    (false, b) => Some(format!("{b} saved entries could not be read; they were set aside and the others loaded.")),
                };
            }
            Action::Notice(n) => s.notice = n,
            Action::DataLoaded(Ok(summary)) => s.data = DataStatus::Ready(summary),
            Action::DataLoaded(Err(why)) => {
                s.notice = Some(format!("The restricted-party lists could not be loaded ({why}). Screenings run without them until the page is reloaded."));
                s.data = DataStatus::Failed(why);
            }
        }
        s
    }

    /// The error message for a field, if the last attempt failed there.
    pub fn error_for(&self, f: Field) -> Option<&str> {
        self.error.as_ref().filter(|e| e.field == f.path()).map(|e| e.message.as_str())
    }

    /// The saved form of the session.
    pub fn store(&self) -> Value {
        store_json(&self.history, &self.decisions)
    }
}

/// Groups for the report, in display order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    Parties,
    Items,
    Destination,
    EndUse,
    RedFlags,
    Other,
}

impl Group {
    pub const ALL: [Group; 6] = [Group::Parties, Group::Items, Group::Destination, Group::EndUse, Group::RedFlags, Group::Other];
    pub fn title(self) -> &'static str {
        match self {
            Group::Parties => "Parties",
            Group::Items => "Items",
            Group::Destination => "Destination",
            Group::EndUse => "End use",
            Group::RedFlags => "Red flags",
            Group::Other => "Other",
        }
    }
    pub fn id(self) -> &'static str {
        match self {
            Group::Parties => "parties",
            Group::Items => "items",
            Group::Destination => "destination",
            Group::EndUse => "end-use",
            Group::RedFlags => "red-flags",
            Group::Other => "other",
        }
    }
}

/// Which group a finding belongs to, from its rule ID and subject.
pub fn group_of(f: &Finding) -> Group {
    let rule = f.rule.to_ascii_uppercase();
    let subj = f.subject.to_ascii_lowercase();
    if rule.split('.').any(|p| p == "KYC") || rule.contains(".RF") || rule.starts_with("RF") {
        Group::RedFlags
    } else if subj.starts_with("party") {
        Group::Parties
    } else if rule.contains("CATCHALL") || rule.contains("END_USE") || rule.contains(".EU_74") || subj.contains("end use") || subj.contains("end_use") {
        Group::EndUse
    } else if subj.starts_with("destination") || rule.contains("EMBARGO") || rule.contains(".SANC.") || rule.contains("CHART") {
        Group::Destination
    } else if subj.starts_with("item") {
        Group::Items
    } else {
        Group::Other
    }
}

/// Findings grouped for display, keeping each finding's index into `findings`.
pub fn grouped(findings: &[Finding]) -> BTreeMap<Group, Vec<(usize, &Finding)>> {
    let mut m: BTreeMap<Group, Vec<(usize, &Finding)>> = BTreeMap::new();
    for (i, f) in findings.iter().enumerate() {
        m.entry(group_of(f)).or_default().push((i, f));
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::InputError;

    const CHASHMA: &str = include_str!("../../data/examples/chashma_2021.json");

    fn chashma() -> Shipment {
        crate::parse_shipment(CHASHMA).unwrap()
    }

    fn finding(rule: &str, subject: &str, v: Verdict, evidence: Value) -> Finding {
        Finding {
            rule: rule.into(),
            verdict: v,
            subject: subject.into(),
            title: String::new(),
            detail: String::new(),
            citations: vec!["cite".into()],
            evidence,
        }
    }

    fn report(findings: Vec<Finding>) -> Report {
        Report { findings, obligations: vec![], lists: vec![], rules_as_of: "2026-07-23".into() }
    }

    fn screened(s: &Session, id: &str, sh: Shipment, r: Report) -> Session {
        s.apply(Action::Screened { id: id.into(), at: format!("2026-11-30T0{}:00:00Z", id.len()), shipment: Box::new(sh), report: Box::new(r) })
    }

    fn el_hit() -> Finding {
        finding(
            "US.EL",
            "party purchaser",
            Verdict::LicenceRequired,
            json!({"list": "us_entity_list", "entry_id": "el-123", "name": "HASSAN SCIENTIFIC CORP", "score": 0.97}),
        )
    }

    #[test]
    fn draft_round_trips_the_example_through_the_engine_parser() {
        let sh = chashma();
        let d = Draft::from_shipment(&sh);
        let back = crate::parse_shipment(&d.to_shipment_json().to_string()).unwrap();
        assert_eq!(back, sh);
    }

    #[test]
    fn typed_values_reach_the_engine_and_bad_ones_name_their_field() {
        // (edit, expected error field or None)
        let cases: Vec<(Vec<Action>, Option<&str>)> = vec![
            (vec![], None),
            (vec![Action::Set(Field::Party(Role::EndUser, PartyField::Country), "PK — Pakistan".into())], None),
            (vec![Action::Set(Field::Party(Role::EndUser, PartyField::Country), "Pakistan".into())], None),
            (vec![Action::Set(Field::Party(Role::EndUser, PartyField::Country), "Atlantis".into())], Some("parties.end_user.country")),
            (vec![Action::Set(Field::Item(0, ItemField::Qty), "six".into())], Some("items[0].qty")),
            (vec![Action::Set(Field::Item(0, ItemField::Qty), "-1".into())], Some("items[0].qty")),
            (vec![Action::Set(Field::Item(0, ItemField::Qty), "1,000".into())], None),
            (vec![Action::Set(Field::Jurisdiction, "EU:US".into())], Some("jurisdiction")),
            (
                vec![Action::Set(Field::Item(0, ItemField::Class), "listed".into()), Action::Set(Field::Item(0, ItemField::Code), " ".into())],
                Some("items[0].classification.code"),
            ),
            (
                vec![Action::AddIntermediate, Action::Set(Field::Party(Role::Intermediate(0), PartyField::Country), "XX".into())],
                Some("parties.intermediate_consignees[0].country"),
            ),
            (vec![Action::AddItem, Action::Set(Field::Item(1, ItemField::Origin), "QQ".into())], Some("items[1].origin_country")),
        ];
        for (edits, want) in cases {
            let mut s = Session::default();
            for a in edits.clone() {
                s = s.apply(a);
            }
            let got = crate::parse_shipment(&s.draft.to_shipment_json().to_string()).err().map(|e| e.field);
            assert_eq!(got.as_deref(), want, "{edits:?}");
            if let Some(field) = want {
                // Every engine error path maps back to a form field the UI can point at.
                let fields = all_fields(&s.draft);
                assert!(fields.iter().any(|f| f.path() == field), "no form field for {field}");
            }
        }
    }

    fn all_fields(d: &Draft) -> Vec<Field> {
        let mut v = vec![Field::Jurisdiction, Field::Activity, Field::StatedEndUse, Field::EndUseCategory, Field::EndUserStatement];
        let mut roles = vec![Role::Exporter];
        roles.extend(Role::SINGLES);
        roles.extend((0..d.intermediates.len()).map(Role::Intermediate));
        for r in roles {
            for pf in [PartyField::Name, PartyField::Address, PartyField::Country, PartyField::Kind] {
                v.push(Field::Party(r, pf));
            }
        }
        for i in 0..d.items.len() {
            for f in [
                ItemField::Description,
                ItemField::HsCode,
                ItemField::Class,
                ItemField::Scheme,
                ItemField::Code,
                ItemField::Qty,
                ItemField::Value,
                ItemField::Currency,
                ItemField::Origin,
                ItemField::Parameters,
            ] {
                v.push(Field::Item(i, f));
            }
        }
        v
    }

    #[test]
    fn numbers_that_are_not_numbers_are_caught_in_plain_words() {
        let cases = [("forty", Some("items[0].qty")), ("40", None), ("", None), ("1,250.5", None), ("12 kg", Some("items[0].qty"))];
        for (typed, want) in cases {
            let s = Session::default().apply(Action::Set(Field::Item(0, ItemField::Qty), typed.into()));
            let got = s.draft.check().err();
            assert_eq!(got.as_ref().map(|e| e.field.as_str()), want, "{typed}");
            if let Some(e) = got {
                assert!(e.message.contains("not a number"), "{}", e.message);
            }
        }
    }

    #[test]
    fn editing_the_field_in_error_clears_the_error() {
        let s = Session::default().apply(Action::Invalid(InputError::new("items[0].qty", "bad")));
        assert_eq!(s.error_for(Field::Item(0, ItemField::Qty)), Some("bad"));
        let other = s.apply(Action::Set(Field::StatedEndUse, "x".into()));
        assert!(other.error.is_some(), "editing another field keeps the message");
        let fixed = s.apply(Action::Set(Field::Item(0, ItemField::Qty), "3".into()));
        assert!(fixed.error.is_none());
    }

    #[test]
    fn screening_shows_the_report_and_saves_it_newest_first() {
        let s = Session::default();
        let s = screened(&s, "a", chashma(), report(vec![]));
        let s = screened(&s, "bb", chashma(), report(vec![el_hit()]));
        assert_eq!(s.page, Page::Report);
        assert_eq!(s.history.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["bb", "a"]);
        assert_eq!(s.current.as_ref().unwrap().verdict(), Verdict::LicenceRequired);
    }

    #[test]
    fn a_false_positive_is_honoured_by_later_screenings_of_the_same_party_only() {
        let s = screened(&Session::default(), "a", chashma(), report(vec![el_hit()]));
        let s = s.apply(Action::MarkFalsePositive { index: 0, note: "different company, checked registry".into(), date: "2026-11-30".into() });
        let cur = s.current.clone().unwrap();
        assert_eq!(cur.verdict(), Verdict::Clear, "the decided hit no longer counts");
        assert_eq!(cur.decided.len(), 1);
        assert_eq!(s.decisions[0].party_name, "Hassan Scientific Corporation");

        // Same party, same entry, later screening: decided.
        let again = screened(&s, "b", chashma(), report(vec![el_hit()]));
        let r = again.current.clone().unwrap();
        assert_eq!(r.verdict(), Verdict::Clear);
        assert_eq!(r.decided[0].decision.note, "different company, checked registry");

        // Another party hitting the same entry: not decided.
        let mut other = chashma();
        other.parties.purchaser.as_mut().unwrap().name = "Hassan Trading".into();
        let r = screened(&s, "c", other, report(vec![el_hit()])).current.unwrap();
        assert_eq!(r.verdict(), Verdict::LicenceRequired);
        assert!(r.decided.is_empty());

        // Same party, another list entry: not decided.
        let mut f = el_hit();
        f.evidence["entry_id"] = json!("el-999");
        let r = screened(&s, "d", chashma(), report(vec![f])).current.unwrap();
        assert_eq!(r.verdict(), Verdict::LicenceRequired);
    }

    #[test]
    fn only_party_list_hits_can_be_marked() {
        let cases = [
            (finding("EU.CATCHALL.WMD", "shipment", Verdict::Stop, json!({})), false),
            (finding("US.EL", "party purchaser", Verdict::Stop, json!({"note": "no list"})), false),
            (el_hit(), true),
            (finding("US.EL", "party end_user", Verdict::Stop, json!({"hit": {"list": "l", "entry_id": "e", "name": "n"}})), true),
            // The engine's shape: one party in two roles, `listed_name`.
            (
                finding("US.EL", "party purchaser, consignee", Verdict::Stop, json!({"list": "us_el", "entry_id": "e1", "listed_name": "HASSAN"})),
                true,
            ),
        ];
        for (f, markable) in cases {
            let s = screened(&Session::default(), "a", chashma(), report(vec![f.clone()]));
            let s2 = s.apply(Action::MarkFalsePositive { index: 0, note: "n".into(), date: "2026-11-30".into() });
            assert_eq!(!s2.decisions.is_empty(), markable, "{f:?}");
        }
    }

    #[test]
    fn saved_data_round_trips() {
        let s = screened(&Session::default(), "a", chashma(), report(vec![el_hit()]));
        let s = s.apply(Action::MarkFalsePositive { index: 0, note: "n".into(), date: "2026-11-30".into() });
        let text = s.store().to_string();
        let back = Session::default().apply(Action::Loaded { text, merge: false });
        assert_eq!(back.history, s.history);
        assert_eq!(back.decisions, s.decisions);
        assert!(back.unreadable.is_empty() && back.notice.is_none() && back.loaded);
    }

    #[test]
    fn corrupt_and_old_records_are_set_aside_without_losing_the_others() {
        let good = screened(&Session::default(), "a", chashma(), report(vec![])).store();
        let rec = good["screenings"][0].clone();
        let mut old = rec.clone();
        old.as_object_mut().unwrap().remove("v");
        old["id"] = json!("old");
        let mut newer = rec.clone();
        newer["v"] = json!(99);
        newer["id"] = json!("newer");
        let mut bad_shipment = rec.clone();
        bad_shipment["id"] = json!("bad");
        bad_shipment["shipment"]["jurisdiction"] = json!("Mars");
        // (stored text, screenings loaded, entries set aside)
        let cases: Vec<(String, usize, usize)> = vec![
            (String::new(), 0, 0),
            ("{not json".into(), 0, 1),
            ("42".into(), 0, 1),
            (json!({"screenings": [rec.clone(), "garbage", {"id": 1}]}).to_string(), 1, 2),
            (json!({"screenings": [rec.clone(), old.clone()]}).to_string(), 2, 0),
            (json!([rec.clone(), newer.clone(), bad_shipment.clone()]).to_string(), 1, 2),
            (json!({"screenings": [rec.clone()], "decisions": [{"note": 3}]}).to_string(), 1, 1),
        ];
        for (text, n, bad) in cases {
            let s = Session::default().apply(Action::Loaded { text: text.clone(), merge: false });
            assert_eq!((s.history.len(), s.unreadable.len()), (n, bad), "{text}");
            assert_eq!(s.notice.is_some(), bad > 0, "{text}");
        }
    }

    #[test]
    fn import_merges_without_duplicates() {
        let a = screened(&Session::default(), "a", chashma(), report(vec![]));
        let b = screened(&Session::default(), "bb", chashma(), report(vec![el_hit()]));
        let both = screened(&a, "bb", chashma(), report(vec![el_hit()]));
        let merged = a.apply(Action::Loaded { text: both.store().to_string(), merge: true });
        assert_eq!(merged.history.len(), 2);
        assert_eq!(merged.notice.as_deref(), Some("Imported 1 of 2 screenings."));
        let _ = b;
    }

    #[test]
    fn reopen_and_delete() {
        let s = screened(&Session::default(), "a", chashma(), report(vec![]));
        let s = s.apply(Action::ClearForm).apply(Action::Show(Page::History));
        let s = s.apply(Action::Reopen("a".into()));
        assert_eq!(s.page, Page::Report);
        assert_eq!(s.draft, Draft::from_shipment(&chashma()));
        let s = s.apply(Action::Delete("a".into()));
        assert!(s.history.is_empty() && s.current.is_none());
        assert_eq!(s.page, Page::History);
        // Nothing to show: the report tab stays closed.
        assert_eq!(s.apply(Action::Show(Page::Report)).page, Page::History);
    }

    #[test]
    fn lists_loading_then_ready_or_failed() {
        let s = Session::default();
        assert_eq!(s.data, DataStatus::Loading);
        let ok = s.apply(Action::DataLoaded(Ok("7 lists".into())));
        assert_eq!(ok.data, DataStatus::Ready("7 lists".into()));
        assert!(ok.notice.is_none());
        let failed = s.apply(Action::DataLoaded(Err("static/lists/index.json: HTTP 404".into())));
        assert!(matches!(failed.data, DataStatus::Failed(_)));
        assert!(failed.notice.as_deref().is_some_and(|n| n.contains("HTTP 404")), "the user is told why");
    }

    #[test]
    fn findings_are_grouped_by_what_they_are_about() {
        let cases = [
            ("US.EL", "party purchaser", Group::Parties),
            ("EU.LIST.ANNEX_I", "item 1", Group::Items),
            ("US.EMBARGO", "destination", Group::Destination),
            ("RU.CATCHALL.ART20", "shipment", Group::EndUse),
            ("KYC.RED_FLAGS", "shipment", Group::RedFlags),
            ("US.KYC", "shipment", Group::RedFlags),
            ("US.CCL.CHART", "item 1", Group::Destination),
            ("EU.SANC.RU.ART2", "item 1", Group::Destination),
            ("PARTY.POSSIBLE_MATCH", "party end_user", Group::Parties),
            ("NUC.PROGRAM_ENTITY", "shipment", Group::Other),
        ];
        for (rule, subject, want) in cases {
            assert_eq!(group_of(&finding(rule, subject, Verdict::Review, json!({}))), want, "{rule} {subject}");
        }
    }
}
