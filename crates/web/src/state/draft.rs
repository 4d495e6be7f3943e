//! The form draft: what the user typed, as text, so half-typed values survive, and its
//! translation to the shipment JSON the engine parses (which does all validation).
//!
//! The choices the form offers (jurisdictions, activities, end-use categories, party types,
//! red flags) are legal vocabulary and come from the engine's data (`catchall::catalog`).

use catchall::model::{Classification, Item, Party, Shipment};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

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
            items: if s.items.is_empty() {
                vec![ItemDraft::default()]
            } else {
                s.items.iter().map(ItemDraft::from_item).collect()
            },
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

    pub(crate) fn set(&mut self, f: Field, v: String) {
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
    pub fn check(&self) -> Result<(), catchall::model::InputError> {
        for (i, it) in self.items.iter().enumerate() {
            for (f, v) in [(ItemField::Qty, &it.qty), (ItemField::Value, &it.value)] {
                if let Some(Value::String(t)) = num_json(v) {
                    return Err(catchall::model::InputError::new(
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
