//! The form draft: what the user typed, as text, so half-typed values survive, and its
//! translation to the engine's own [`Shipment`] (built field by field from the model types,
//! so a model field without a form input is a compile error in [`Draft::build`] or a failing
//! test in `state::tests`), which the engine's parser then validates.
//!
//! The choices the form offers (jurisdictions, activities, end-use categories, party types,
//! red flags) are legal vocabulary and come from the engine's data (`catchall::catalog`).

use catchall::model::{
    Activity, Classification, DueDiligence, InputError, Item, Jurisdiction, LicenceHeld, ListSnapshot, NotListed,
    Parties, Party, PriorDenial, Shipment, TemporaryExport,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeSet;

/// `yes` / `no` / blank (not said), the text of an `Option<bool>` select.
fn tri_text(v: Option<bool>) -> String {
    match v {
        Some(true) => "yes".into(),
        Some(false) => "no".into(),
        None => String::new(),
    }
}

fn tri(s: &str) -> Option<bool> {
    match s.trim() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

fn opt_text(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

/// Blank → absent; anything else is kept as typed (trimmed) for the engine to judge.
fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// One value per line (names may hold commas).
fn lines_text(v: &[String]) -> String {
    v.join("\n")
}

fn lines(s: &str) -> Vec<String> {
    s.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// Codes and countries: separated by commas or new lines.
fn codes_text(v: &[String]) -> String {
    v.join(", ")
}

fn codes(s: &str) -> Vec<String> {
    s.split([',', '\n']).map(country_code).filter(|c| !c.is_empty()).collect()
}

fn num_text(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// A typed number: blank → `Ok(None)`; `1,250.5` → 1250.5; anything else → `Err(text)`.
fn num(s: &str) -> Result<Option<f64>, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.replace(',', "").parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(Some(x)),
        _ => Err(t.to_string()),
    }
}

fn whole(s: &str) -> Result<Option<u32>, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<u32>().map(Some).map_err(|_| t.to_string())
}

/// The picker shows `PK — Pakistan`; the engine wants the code before the dash.
pub fn country_code(typed: &str) -> String {
    typed.split(" — ").next().unwrap_or("").trim().to_string()
}

/// A licence the exporter holds, as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LicenceDraft {
    pub authority: String,
    pub kind: String,
    /// Rows or entries, comma-separated.
    pub rows: String,
    /// Destinations, comma-separated.
    pub destinations: String,
}

impl LicenceDraft {
    fn from_model(l: &LicenceHeld) -> Self {
        LicenceDraft {
            authority: l.authority.clone(),
            kind: l.kind.clone(),
            rows: codes_text(&l.rows),
            destinations: codes_text(&l.destinations),
        }
    }
    fn build(&self) -> LicenceHeld {
        LicenceHeld {
            authority: self.authority.trim().to_string(),
            kind: self.kind.trim().to_string(),
            rows: codes(&self.rows),
            destinations: codes(&self.destinations),
        }
    }
    fn slot(&mut self, f: LicenceField) -> &mut String {
        match f {
            LicenceField::Authority => &mut self.authority,
            LicenceField::Kind => &mut self.kind,
            LicenceField::Rows => &mut self.rows,
            LicenceField::Destinations => &mut self.destinations,
        }
    }
    fn slot_ref(&self, f: LicenceField) -> &String {
        match f {
            LicenceField::Authority => &self.authority,
            LicenceField::Kind => &self.kind,
            LicenceField::Rows => &self.rows,
            LicenceField::Destinations => &self.destinations,
        }
    }
}

/// A party as typed in the form.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PartyDraft {
    pub name: String,
    /// Other names, one per line.
    pub aliases: String,
    /// Dates of birth (persons), one per line; `#[serde(default)]`: drafts saved before.
    #[serde(default)]
    pub dates_of_birth: String,
    /// Passport, ID, registration or IMO numbers, one per line.
    #[serde(default)]
    pub identifiers: String,
    pub address: String,
    /// ISO-2, ISO-3, an English name, or the picker's `PK — Pakistan`.
    pub country: String,
    /// Open vocabulary (`trading_company`, `nuclear_facility`, …); empty = not given.
    pub kind: String,
    /// `yes` / `no` / blank.
    pub us_owned_or_controlled: String,
    pub licences_held: Vec<LicenceDraft>,
}

impl PartyDraft {
    fn is_empty(&self) -> bool {
        *self == PartyDraft::default()
            || (self.name.trim().is_empty()
                && self.aliases.trim().is_empty()
                && self.dates_of_birth.trim().is_empty()
                && self.identifiers.trim().is_empty()
                && self.address.trim().is_empty()
                && self.country.trim().is_empty()
                && self.kind.trim().is_empty()
                && self.us_owned_or_controlled.trim().is_empty()
                && self.licences_held.is_empty())
    }
    fn from_party(p: &Party) -> Self {
        PartyDraft {
            name: p.name.clone(),
            aliases: lines_text(&p.aliases),
            dates_of_birth: lines_text(&p.dates_of_birth),
            identifiers: lines_text(&p.identifiers),
            address: p.address.clone(),
            country: p.country.clone(),
            kind: opt_text(&p.kind),
            us_owned_or_controlled: tri_text(p.us_owned_or_controlled),
            licences_held: p.licences_held.iter().map(LicenceDraft::from_model).collect(),
        }
    }
    fn build(&self) -> Party {
        Party {
            name: self.name.trim().to_string(),
            aliases: lines(&self.aliases),
            dates_of_birth: lines(&self.dates_of_birth),
            identifiers: lines(&self.identifiers),
            address: self.address.trim().to_string(),
            country: country_code(&self.country),
            kind: opt(&self.kind),
            us_owned_or_controlled: tri(&self.us_owned_or_controlled),
            licences_held: self.licences_held.iter().map(LicenceDraft::build).collect(),
        }
    }
    fn slot(&mut self, f: PartyField) -> &mut String {
        match f {
            PartyField::Name => &mut self.name,
            PartyField::Aliases => &mut self.aliases,
            PartyField::DatesOfBirth => &mut self.dates_of_birth,
            PartyField::Identifiers => &mut self.identifiers,
            PartyField::Address => &mut self.address,
            PartyField::Country => &mut self.country,
            PartyField::Kind => &mut self.kind,
            PartyField::UsOwned => &mut self.us_owned_or_controlled,
        }
    }
    fn slot_ref(&self, f: PartyField) -> &String {
        match f {
            PartyField::Name => &self.name,
            PartyField::Aliases => &self.aliases,
            PartyField::DatesOfBirth => &self.dates_of_birth,
            PartyField::Identifiers => &self.identifiers,
            PartyField::Address => &self.address,
            PartyField::Country => &self.country,
            PartyField::Kind => &self.kind,
            PartyField::UsOwned => &self.us_owned_or_controlled,
        }
    }
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
    pub military_list: String,
    /// Comma-separated sanctions goods categories.
    pub sanctions_goods_tags: String,
    pub cwc_schedule: String,
    pub cwc_max_concentration_pct: String,
    pub consumer_retail_pack: String,
    pub us_origin: String,
    pub us_controlled_content_pct: String,
    pub us_content_eccns: String,
    pub us_direct_product_of: String,
    pub eccn_equivalent: String,
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
            military_list: String::new(),
            sanctions_goods_tags: String::new(),
            cwc_schedule: String::new(),
            cwc_max_concentration_pct: String::new(),
            consumer_retail_pack: String::new(),
            us_origin: String::new(),
            us_controlled_content_pct: String::new(),
            us_content_eccns: String::new(),
            us_direct_product_of: String::new(),
            eccn_equivalent: String::new(),
        }
    }
}

/// A parameter value as the user sees it: strings bare, everything else as JSON (`2050`,
/// `2050.0`, `true`), so the number's JSON type survives the round trip.
fn param_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn param_value(t: &str) -> Value {
    match serde_json::from_str::<Value>(t) {
        Ok(v) if !v.is_string() => v,
        _ => Value::String(t.to_string()),
    }
}

impl ItemDraft {
    fn from_item(it: &Item) -> Self {
        let (class, scheme, code) = match &it.classification {
            None => (ClassChoice::Unknown, "EU".to_string(), String::new()),
            Some(Classification::NotListed(_)) => (ClassChoice::NotListed, "EU".into(), String::new()),
            Some(Classification::Listed { scheme, code }) => (ClassChoice::Listed, scheme.clone(), code.clone()),
        };
        let parameters =
            it.parameters.iter().map(|(k, v)| format!("{k} = {}", param_text(v))).collect::<Vec<_>>().join("\n");
        ItemDraft {
            description: it.description.clone(),
            hs_code: opt_text(&it.hs_code),
            class,
            scheme,
            code,
            qty: num_text(it.qty),
            value: num_text(it.value),
            currency: opt_text(&it.currency),
            origin_country: opt_text(&it.origin_country),
            parameters,
            military_list: tri_text(it.military_list),
            sanctions_goods_tags: codes_text(&it.sanctions_goods_tags),
            cwc_schedule: opt_text(&it.cwc_schedule),
            cwc_max_concentration_pct: num_text(it.cwc_max_concentration_pct),
            consumer_retail_pack: tri_text(it.consumer_retail_pack),
            us_origin: tri_text(it.us_origin),
            us_controlled_content_pct: num_text(it.us_controlled_content_pct),
            us_content_eccns: codes_text(&it.us_content_eccns),
            us_direct_product_of: codes_text(&it.us_direct_product_of),
            eccn_equivalent: opt_text(&it.eccn_equivalent),
        }
    }
    fn build(&self, i: usize) -> Result<Item, InputError> {
        let number = |f: ItemField, t: &str| {
            num(t).map_err(|bad| {
                InputError::new(
                    Field::Item(i, f).path(),
                    format!("`{bad}` is not a number: type digits, e.g. 40 or 1250.50"),
                )
            })
        };
        let parameters = self
            .parameters
            .lines()
            .filter_map(|line| line.split_once('='))
            .map(|(k, v)| (k.trim(), v.trim()))
            .filter(|(k, _)| !k.is_empty())
            .map(|(k, v)| (k.to_string(), param_value(v)))
            .collect();
        Ok(Item {
            description: self.description.trim().to_string(),
            hs_code: opt(&self.hs_code),
            classification: match self.class {
                ClassChoice::Unknown => None,
                ClassChoice::NotListed => Some(Classification::NotListed(NotListed::NotListed)),
                ClassChoice::Listed => {
                    Some(Classification::Listed { scheme: self.scheme.trim().into(), code: self.code.trim().into() })
                }
            },
            parameters,
            qty: number(ItemField::Qty, &self.qty)?,
            value: number(ItemField::Value, &self.value)?,
            currency: opt(&self.currency),
            origin_country: opt(&country_code(&self.origin_country)),
            military_list: tri(&self.military_list),
            sanctions_goods_tags: codes(&self.sanctions_goods_tags),
            cwc_schedule: opt(&self.cwc_schedule),
            cwc_max_concentration_pct: number(ItemField::CwcMaxPct, &self.cwc_max_concentration_pct)?,
            consumer_retail_pack: tri(&self.consumer_retail_pack),
            us_origin: tri(&self.us_origin),
            us_controlled_content_pct: number(ItemField::UsContentPct, &self.us_controlled_content_pct)?,
            us_content_eccns: codes(&self.us_content_eccns),
            us_direct_product_of: codes(&self.us_direct_product_of),
            eccn_equivalent: opt(&self.eccn_equivalent),
        })
    }
    fn slot(&mut self, f: ItemField) -> Option<&mut String> {
        Some(match f {
            ItemField::Description => &mut self.description,
            ItemField::HsCode => &mut self.hs_code,
            ItemField::Class => return None,
            ItemField::Scheme => &mut self.scheme,
            ItemField::Code => &mut self.code,
            ItemField::Qty => &mut self.qty,
            ItemField::Value => &mut self.value,
            ItemField::Currency => &mut self.currency,
            ItemField::Origin => &mut self.origin_country,
            ItemField::Parameters => &mut self.parameters,
            ItemField::MilitaryList => &mut self.military_list,
            ItemField::SanctionsTags => &mut self.sanctions_goods_tags,
            ItemField::CwcSchedule => &mut self.cwc_schedule,
            ItemField::CwcMaxPct => &mut self.cwc_max_concentration_pct,
            ItemField::RetailPack => &mut self.consumer_retail_pack,
            ItemField::UsOrigin => &mut self.us_origin,
            ItemField::UsContentPct => &mut self.us_controlled_content_pct,
            ItemField::UsContentEccns => &mut self.us_content_eccns,
            ItemField::UsDirectProductOf => &mut self.us_direct_product_of,
            ItemField::EccnEquivalent => &mut self.eccn_equivalent,
        })
    }
    fn slot_ref(&self, f: ItemField) -> Option<&String> {
        Some(match f {
            ItemField::Description => &self.description,
            ItemField::HsCode => &self.hs_code,
            ItemField::Class => return None,
            ItemField::Scheme => &self.scheme,
            ItemField::Code => &self.code,
            ItemField::Qty => &self.qty,
            ItemField::Value => &self.value,
            ItemField::Currency => &self.currency,
            ItemField::Origin => &self.origin_country,
            ItemField::Parameters => &self.parameters,
            ItemField::MilitaryList => &self.military_list,
            ItemField::SanctionsTags => &self.sanctions_goods_tags,
            ItemField::CwcSchedule => &self.cwc_schedule,
            ItemField::CwcMaxPct => &self.cwc_max_concentration_pct,
            ItemField::RetailPack => &self.consumer_retail_pack,
            ItemField::UsOrigin => &self.us_origin,
            ItemField::UsContentPct => &self.us_controlled_content_pct,
            ItemField::UsContentEccns => &self.us_content_eccns,
            ItemField::UsDirectProductOf => &self.us_direct_product_of,
            ItemField::EccnEquivalent => &self.eccn_equivalent,
        })
    }
}

/// A known licence denial, revocation or "informed" letter, as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DenialDraft {
    pub authority: String,
    pub kind: String,
    pub same_items: bool,
    pub same_end_user: bool,
    pub date: String,
    pub ground: String,
    /// `yes` / `no` / blank (not said: treated as in force).
    pub in_force: String,
}

impl DenialDraft {
    fn from_model(d: &PriorDenial) -> Self {
        DenialDraft {
            authority: d.authority.clone(),
            kind: d.kind.clone(),
            same_items: d.same_items,
            same_end_user: d.same_end_user,
            date: d.date.clone(),
            ground: opt_text(&d.ground),
            in_force: tri_text(d.in_force),
        }
    }
    fn build(&self) -> PriorDenial {
        PriorDenial {
            authority: self.authority.trim().to_string(),
            kind: self.kind.trim().to_string(),
            same_items: self.same_items,
            same_end_user: self.same_end_user,
            date: self.date.trim().to_string(),
            ground: opt(&self.ground),
            in_force: tri(&self.in_force),
        }
    }
    fn slot(&mut self, f: DenialField) -> &mut String {
        match f {
            DenialField::Authority => &mut self.authority,
            DenialField::Kind => &mut self.kind,
            DenialField::Date => &mut self.date,
            DenialField::Ground => &mut self.ground,
            DenialField::InForce => &mut self.in_force,
        }
    }
    fn slot_ref(&self, f: DenialField) -> &String {
        match f {
            DenialField::Authority => &self.authority,
            DenialField::Kind => &self.kind,
            DenialField::Date => &self.date,
            DenialField::Ground => &self.ground,
            DenialField::InForce => &self.in_force,
        }
    }
}

/// The facts of a temporary export, as typed (`yes` / `no` / blank for the questions).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TemporaryDraft {
    pub purpose: String,
    pub reimport_within_days: String,
    pub commercial_transaction: String,
    pub production_use: String,
    pub tech_transfer_with_presentation: String,
    pub return_guaranteed_unmodified: String,
    pub kept_under_exporter_control: String,
    pub stored_only_for_sale: String,
    pub classified_eu_confidential_or_above: String,
    pub beyond_demo_use: String,
}

impl TemporaryDraft {
    fn from_model(t: &TemporaryExport) -> Self {
        TemporaryDraft {
            purpose: t.purpose.clone(),
            reimport_within_days: t.reimport_within_days.map(|d| d.to_string()).unwrap_or_default(),
            commercial_transaction: tri_text(t.commercial_transaction),
            production_use: tri_text(t.production_use),
            tech_transfer_with_presentation: tri_text(t.tech_transfer_with_presentation),
            return_guaranteed_unmodified: tri_text(t.return_guaranteed_unmodified),
            kept_under_exporter_control: tri_text(t.kept_under_exporter_control),
            stored_only_for_sale: tri_text(t.stored_only_for_sale),
            classified_eu_confidential_or_above: tri_text(t.classified_eu_confidential_or_above),
            beyond_demo_use: tri_text(t.beyond_demo_use),
        }
    }
    fn build(&self) -> Result<TemporaryExport, InputError> {
        Ok(TemporaryExport {
            purpose: self.purpose.trim().to_string(),
            reimport_within_days: whole(&self.reimport_within_days).map_err(|bad| {
                InputError::new(
                    Field::Temp(TempField::ReimportDays).path(),
                    format!("`{bad}` is not a whole number of days, e.g. 90"),
                )
            })?,
            commercial_transaction: tri(&self.commercial_transaction),
            production_use: tri(&self.production_use),
            tech_transfer_with_presentation: tri(&self.tech_transfer_with_presentation),
            return_guaranteed_unmodified: tri(&self.return_guaranteed_unmodified),
            kept_under_exporter_control: tri(&self.kept_under_exporter_control),
            stored_only_for_sale: tri(&self.stored_only_for_sale),
            classified_eu_confidential_or_above: tri(&self.classified_eu_confidential_or_above),
            beyond_demo_use: tri(&self.beyond_demo_use),
        })
    }
    fn slot(&mut self, f: TempField) -> &mut String {
        match f {
            TempField::Purpose => &mut self.purpose,
            TempField::ReimportDays => &mut self.reimport_within_days,
            TempField::Commercial => &mut self.commercial_transaction,
            TempField::ProductionUse => &mut self.production_use,
            TempField::TechTransfer => &mut self.tech_transfer_with_presentation,
            TempField::ReturnUnmodified => &mut self.return_guaranteed_unmodified,
            TempField::ExporterControl => &mut self.kept_under_exporter_control,
            TempField::StoredForSale => &mut self.stored_only_for_sale,
            TempField::Classified => &mut self.classified_eu_confidential_or_above,
            TempField::BeyondDemo => &mut self.beyond_demo_use,
        }
    }
    fn slot_ref(&self, f: TempField) -> &String {
        match f {
            TempField::Purpose => &self.purpose,
            TempField::ReimportDays => &self.reimport_within_days,
            TempField::Commercial => &self.commercial_transaction,
            TempField::ProductionUse => &self.production_use,
            TempField::TechTransfer => &self.tech_transfer_with_presentation,
            TempField::ReturnUnmodified => &self.return_guaranteed_unmodified,
            TempField::ExporterControl => &self.kept_under_exporter_control,
            TempField::StoredForSale => &self.stored_only_for_sale,
            TempField::Classified => &self.classified_eu_confidential_or_above,
            TempField::BeyondDemo => &self.beyond_demo_use,
        }
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
    AwareIllegalMilitaryParts,
}

impl Knowledge {
    pub const ALL: [Knowledge; 6] = [
        Knowledge::InformedByAuthority,
        Knowledge::AwareWmdUse,
        Knowledge::AwareMilitaryEndUse,
        Knowledge::AwareCyberRepressionUse,
        Knowledge::GroundsForSuspicion,
        Knowledge::AwareIllegalMilitaryParts,
    ];
    /// The form field id suffix (`due_diligence.<key>` in the model).
    pub fn key(self) -> &'static str {
        match self {
            Knowledge::InformedByAuthority => "informed_by_authority",
            Knowledge::AwareWmdUse => "aware_wmd_use",
            Knowledge::AwareMilitaryEndUse => "aware_military_end_use",
            Knowledge::AwareCyberRepressionUse => "aware_cyber_repression_use",
            Knowledge::GroundsForSuspicion => "grounds_for_suspicion",
            Knowledge::AwareIllegalMilitaryParts => "aware_illegal_military_parts",
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
            Knowledge::AwareIllegalMilitaryParts => "Do you know, or were you told, that the items are parts or components of military items exported illegally from your country?",
        }
    }
    fn of(self, dd: &DueDiligence) -> bool {
        match self {
            Knowledge::InformedByAuthority => dd.informed_by_authority,
            Knowledge::AwareWmdUse => dd.aware_wmd_use,
            Knowledge::AwareMilitaryEndUse => dd.aware_military_end_use,
            Knowledge::AwareCyberRepressionUse => dd.aware_cyber_repression_use,
            Knowledge::GroundsForSuspicion => dd.grounds_for_suspicion,
            Knowledge::AwareIllegalMilitaryParts => dd.aware_illegal_military_parts,
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
    Aliases,
    DatesOfBirth,
    Identifiers,
    Address,
    Country,
    Kind,
    UsOwned,
}

impl PartyField {
    pub const ALL: [PartyField; 8] = [
        PartyField::Name,
        PartyField::Aliases,
        PartyField::DatesOfBirth,
        PartyField::Identifiers,
        PartyField::Address,
        PartyField::Country,
        PartyField::Kind,
        PartyField::UsOwned,
    ];
    pub fn key(self) -> &'static str {
        match self {
            PartyField::Name => "name",
            PartyField::Aliases => "aliases",
            PartyField::DatesOfBirth => "dates_of_birth",
            PartyField::Identifiers => "identifiers",
            PartyField::Address => "address",
            PartyField::Country => "country",
            PartyField::Kind => "type",
            PartyField::UsOwned => "us_owned_or_controlled",
        }
    }
}

/// Which text of a licence held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LicenceField {
    Authority,
    Kind,
    Rows,
    Destinations,
}

impl LicenceField {
    pub const ALL: [LicenceField; 4] =
        [LicenceField::Authority, LicenceField::Kind, LicenceField::Rows, LicenceField::Destinations];
    pub fn key(self) -> &'static str {
        match self {
            LicenceField::Authority => "authority",
            LicenceField::Kind => "type",
            LicenceField::Rows => "rows",
            LicenceField::Destinations => "destinations",
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
    MilitaryList,
    SanctionsTags,
    CwcSchedule,
    CwcMaxPct,
    RetailPack,
    UsOrigin,
    UsContentPct,
    UsContentEccns,
    UsDirectProductOf,
    EccnEquivalent,
}

impl ItemField {
    pub const ALL: [ItemField; 20] = [
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
        ItemField::MilitaryList,
        ItemField::SanctionsTags,
        ItemField::CwcSchedule,
        ItemField::CwcMaxPct,
        ItemField::RetailPack,
        ItemField::UsOrigin,
        ItemField::UsContentPct,
        ItemField::UsContentEccns,
        ItemField::UsDirectProductOf,
        ItemField::EccnEquivalent,
    ];
    /// The model's name under `items[i]` (the error path the engine reports).
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
            ItemField::MilitaryList => "military_list",
            ItemField::SanctionsTags => "sanctions_goods_tags",
            ItemField::CwcSchedule => "cwc_schedule",
            ItemField::CwcMaxPct => "cwc_max_concentration_pct",
            ItemField::RetailPack => "consumer_retail_pack",
            ItemField::UsOrigin => "us_origin",
            ItemField::UsContentPct => "us_controlled_content_pct",
            ItemField::UsContentEccns => "us_content_eccns",
            ItemField::UsDirectProductOf => "us_direct_product_of",
            ItemField::EccnEquivalent => "eccn_equivalent",
        }
    }
}

/// Which text of a prior denial (the two yes/no facts are checkboxes: [`Action::SetDenialFlag`]).
///
/// [`Action::SetDenialFlag`]: super::Action::SetDenialFlag
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DenialField {
    Authority,
    Kind,
    Date,
    Ground,
    InForce,
}

impl DenialField {
    pub const ALL: [DenialField; 5] =
        [DenialField::Authority, DenialField::Kind, DenialField::Date, DenialField::Ground, DenialField::InForce];
    pub fn key(self) -> &'static str {
        match self {
            DenialField::Authority => "authority",
            DenialField::Kind => "kind",
            DenialField::Date => "date",
            DenialField::Ground => "ground",
            DenialField::InForce => "in_force",
        }
    }
}

/// Which fact of a temporary export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TempField {
    Purpose,
    ReimportDays,
    Commercial,
    ProductionUse,
    TechTransfer,
    ReturnUnmodified,
    ExporterControl,
    StoredForSale,
    Classified,
    BeyondDemo,
}

impl TempField {
    pub const ALL: [TempField; 10] = [
        TempField::Purpose,
        TempField::ReimportDays,
        TempField::Commercial,
        TempField::ProductionUse,
        TempField::TechTransfer,
        TempField::ReturnUnmodified,
        TempField::ExporterControl,
        TempField::StoredForSale,
        TempField::Classified,
        TempField::BeyondDemo,
    ];
    pub fn key(self) -> &'static str {
        match self {
            TempField::Purpose => "purpose",
            TempField::ReimportDays => "reimport_within_days",
            TempField::Commercial => "commercial_transaction",
            TempField::ProductionUse => "production_use",
            TempField::TechTransfer => "tech_transfer_with_presentation",
            TempField::ReturnUnmodified => "return_guaranteed_unmodified",
            TempField::ExporterControl => "kept_under_exporter_control",
            TempField::StoredForSale => "stored_only_for_sale",
            TempField::Classified => "classified_eu_confidential_or_above",
            TempField::BeyondDemo => "beyond_demo_use",
        }
    }
    /// The question in plain words (the select's label).
    pub fn label(self) -> &'static str {
        match self {
            TempField::Purpose => "Purpose",
            TempField::ReimportDays => "Re-imported within (days)",
            TempField::Commercial => "Is there a commercial transaction (sale, lease)?",
            TempField::ProductionUse => "Will the items be used in production?",
            TempField::TechTransfer => "Is technology transferred beyond the presentation?",
            TempField::ReturnUnmodified => "Is return without modification guaranteed?",
            TempField::ExporterControl => "Do the items stay under your control?",
            TempField::StoredForSale => "Are they stored only for sale?",
            TempField::Classified => "Are they classified EU CONFIDENTIAL or above?",
            TempField::BeyondDemo => "Will they be used beyond demonstration?",
        }
    }
}

/// A text field of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Jurisdiction,
    Activity,
    RulesAsOf,
    ScreeningDate,
    StatedEndUse,
    EndUseCategory,
    /// `yes` / `no` / `` (not said).
    EndUserStatement,
    NoRussiaClause,
    KnownReexport,
    CustomsFreeZone,
    /// One `list_id = YYYY-MM-DD` per line.
    ListSnapshots,
    Party(Role, PartyField),
    Licence(Role, usize, LicenceField),
    Item(usize, ItemField),
    Denial(usize, DenialField),
    Temp(TempField),
}

impl Field {
    /// The JSON path the engine uses in `InputError.field`; also the DOM id suffix.
    pub fn path(self) -> String {
        match self {
            Field::Jurisdiction => "jurisdiction".into(),
            Field::Activity => "activity".into(),
            Field::RulesAsOf => "rules_as_of".into(),
            Field::ScreeningDate => "screening_date".into(),
            Field::StatedEndUse => "stated_end_use".into(),
            Field::EndUseCategory => "end_use_category".into(),
            Field::EndUserStatement => "due_diligence.end_user_statement".into(),
            Field::NoRussiaClause => "due_diligence.no_russia_clause".into(),
            Field::KnownReexport => "due_diligence.known_reexport_countries".into(),
            Field::CustomsFreeZone => "customs_free_zone".into(),
            Field::ListSnapshots => "list_snapshots".into(),
            Field::Party(r, f) => format!("{}.{}", r.path(), f.key()),
            Field::Licence(r, j, f) => format!("{}.licences_held[{j}].{}", r.path(), f.key()),
            Field::Item(i, f) => format!("items[{i}].{}", f.key()),
            Field::Denial(j, f) => format!("due_diligence.prior_denials[{j}].{}", f.key()),
            Field::Temp(f) => format!("temporary_export.{}", f.key()),
        }
    }
}

/// The whole form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub rules_as_of: String,
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
    pub no_russia_clause: String,
    /// Ticked red flags in the order they were given (a reopened screening keeps its order).
    pub red_flags: Vec<String>,
    pub prior_denials: Vec<DenialDraft>,
    pub known_reexport_countries: String,
    pub screening_date: String,
    pub list_snapshots: String,
    pub customs_free_zone: String,
    /// `Some` once the user asked for the temporary-export questions (or a reopened screening had them).
    pub temporary_export: Option<TemporaryDraft>,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            rules_as_of: String::new(),
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
            no_russia_clause: String::new(),
            red_flags: Vec::new(),
            prior_denials: Vec::new(),
            known_reexport_countries: String::new(),
            screening_date: String::new(),
            list_snapshots: String::new(),
            customs_free_zone: String::new(),
            temporary_export: None,
        }
    }
}

fn activity_text(a: Activity) -> String {
    serde_json::to_value(a).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_else(|| "export".into())
}

impl Draft {
    /// The draft of a parsed shipment (the example, a reopened screening).
    pub fn from_shipment(s: &Shipment) -> Draft {
        let p = &s.parties;
        let d = |o: &Option<Party>| o.as_ref().map(PartyDraft::from_party).unwrap_or_default();
        let dd = &s.due_diligence;
        Draft {
            rules_as_of: opt_text(&s.rules_as_of),
            jurisdiction: String::from(s.jurisdiction.clone()),
            activity: activity_text(s.activity),
            exporter: PartyDraft::from_party(&s.exporter),
            purchaser: d(&p.purchaser),
            consignee: d(&p.consignee),
            intermediates: p.intermediate_consignees.iter().map(PartyDraft::from_party).collect(),
            end_user: d(&p.end_user),
            payer: d(&p.payer),
            forwarder: d(&p.freight_forwarder),
            items: s.items.iter().map(ItemDraft::from_item).collect(),
            stated_end_use: s.stated_end_use.clone(),
            end_use_category: opt_text(&s.end_use_category),
            knowledge: Knowledge::ALL.into_iter().filter(|k| k.of(dd)).collect(),
            end_user_statement: tri_text(dd.end_user_statement),
            no_russia_clause: tri_text(dd.no_russia_clause),
            red_flags: dd.red_flags.clone(),
            prior_denials: dd.prior_denials.iter().map(DenialDraft::from_model).collect(),
            known_reexport_countries: codes_text(&dd.known_reexport_countries),
            screening_date: opt_text(&s.screening_date),
            list_snapshots: s
                .list_snapshots
                .iter()
                .map(|l| format!("{} = {}", l.list, l.date))
                .collect::<Vec<_>>()
                .join("\n"),
            customs_free_zone: tri_text(s.customs_free_zone),
            temporary_export: s.temporary_export.as_ref().map(TemporaryDraft::from_model),
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

    pub(crate) fn party_mut(&mut self, role: Role) -> Option<&mut PartyDraft> {
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

    /// The text slot behind a field; `None` for a row that does not exist (or the
    /// classification choice, which is not free text).
    fn slot(&mut self, f: Field) -> Option<&mut String> {
        Some(match f {
            Field::Jurisdiction => &mut self.jurisdiction,
            Field::Activity => &mut self.activity,
            Field::RulesAsOf => &mut self.rules_as_of,
            Field::ScreeningDate => &mut self.screening_date,
            Field::StatedEndUse => &mut self.stated_end_use,
            Field::EndUseCategory => &mut self.end_use_category,
            Field::EndUserStatement => &mut self.end_user_statement,
            Field::NoRussiaClause => &mut self.no_russia_clause,
            Field::KnownReexport => &mut self.known_reexport_countries,
            Field::CustomsFreeZone => &mut self.customs_free_zone,
            Field::ListSnapshots => &mut self.list_snapshots,
            Field::Party(r, pf) => self.party_mut(r)?.slot(pf),
            Field::Licence(r, j, lf) => self.party_mut(r)?.licences_held.get_mut(j)?.slot(lf),
            Field::Item(i, itf) => return self.items.get_mut(i)?.slot(itf),
            Field::Denial(j, df) => self.prior_denials.get_mut(j)?.slot(df),
            Field::Temp(tf) => self.temporary_export.as_mut()?.slot(tf),
        })
    }
    fn slot_ref(&self, f: Field) -> Option<&String> {
        Some(match f {
            Field::Jurisdiction => &self.jurisdiction,
            Field::Activity => &self.activity,
            Field::RulesAsOf => &self.rules_as_of,
            Field::ScreeningDate => &self.screening_date,
            Field::StatedEndUse => &self.stated_end_use,
            Field::EndUseCategory => &self.end_use_category,
            Field::EndUserStatement => &self.end_user_statement,
            Field::NoRussiaClause => &self.no_russia_clause,
            Field::KnownReexport => &self.known_reexport_countries,
            Field::CustomsFreeZone => &self.customs_free_zone,
            Field::ListSnapshots => &self.list_snapshots,
            Field::Party(r, pf) => self.party(r)?.slot_ref(pf),
            Field::Licence(r, j, lf) => self.party(r)?.licences_held.get(j)?.slot_ref(lf),
            Field::Item(i, itf) => return self.items.get(i)?.slot_ref(itf),
            Field::Denial(j, df) => self.prior_denials.get(j)?.slot_ref(df),
            Field::Temp(tf) => self.temporary_export.as_ref()?.slot_ref(tf),
        })
    }

    /// The current text of a field (for controlled inputs).
    pub fn get(&self, f: Field) -> String {
        if let Field::Item(i, ItemField::Class) = f {
            return self.items.get(i).map(|it| it.class.as_str().to_string()).unwrap_or_default();
        }
        self.slot_ref(f).cloned().unwrap_or_default()
    }

    pub(crate) fn set(&mut self, f: Field, v: String) {
        if let Field::Item(i, ItemField::Class) = f {
            if let Some(it) = self.items.get_mut(i) {
                it.class = ClassChoice::parse(&v);
            }
            return;
        }
        if let Some(slot) = self.slot(f) {
            *slot = v;
        }
    }

    /// Checks what the form alone can say in plainer words than the engine's parser:
    /// numbers that are not numbers, an unknown jurisdiction or activity.
    pub fn check(&self) -> Result<(), InputError> {
        self.build().map(|_| ())
    }

    /// The engine's shipment, built from the model's own types (every field listed, so a
    /// new model field is a compile error here until the form carries it). Not yet
    /// validated: [`Draft::parse`] runs the engine's validation.
    pub fn build(&self) -> Result<Shipment, InputError> {
        let jurisdiction = Jurisdiction::try_from(self.jurisdiction.trim().to_string())
            .map_err(|m| InputError::new(Field::Jurisdiction.path(), m))?;
        let activity: Activity = serde_json::from_value(Value::String(self.activity.trim().to_string()))
            .map_err(|e| InputError::new(Field::Activity.path(), e.to_string()))?;
        let single = |p: &PartyDraft| (!p.is_empty()).then(|| p.build());
        let items = self.items.iter().enumerate().map(|(i, it)| it.build(i)).collect::<Result<Vec<_>, _>>()?;
        let list_snapshots = self
            .list_snapshots
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(list, date)| ListSnapshot { list: list.trim().to_string(), date: date.trim().to_string() })
            .filter(|l| !l.list.is_empty())
            .collect();
        Ok(Shipment {
            rules_as_of: opt(&self.rules_as_of),
            jurisdiction,
            activity,
            exporter: self.exporter.build(),
            items,
            parties: Parties {
                purchaser: single(&self.purchaser),
                consignee: single(&self.consignee),
                // Blank rows are kept so error paths keep their index.
                intermediate_consignees: self.intermediates.iter().map(PartyDraft::build).collect(),
                end_user: single(&self.end_user),
                payer: single(&self.payer),
                freight_forwarder: single(&self.forwarder),
            },
            stated_end_use: self.stated_end_use.trim().to_string(),
            end_use_category: opt(&self.end_use_category),
            due_diligence: DueDiligence {
                informed_by_authority: self.knowledge.contains(&Knowledge::InformedByAuthority),
                aware_wmd_use: self.knowledge.contains(&Knowledge::AwareWmdUse),
                aware_military_end_use: self.knowledge.contains(&Knowledge::AwareMilitaryEndUse),
                aware_cyber_repression_use: self.knowledge.contains(&Knowledge::AwareCyberRepressionUse),
                grounds_for_suspicion: self.knowledge.contains(&Knowledge::GroundsForSuspicion),
                end_user_statement: tri(&self.end_user_statement),
                aware_illegal_military_parts: self.knowledge.contains(&Knowledge::AwareIllegalMilitaryParts),
                no_russia_clause: tri(&self.no_russia_clause),
                red_flags: self.red_flags.clone(),
                prior_denials: self.prior_denials.iter().map(DenialDraft::build).collect(),
                known_reexport_countries: codes(&self.known_reexport_countries),
            },
            screening_date: opt(&self.screening_date),
            list_snapshots,
            customs_free_zone: tri(&self.customs_free_zone),
            temporary_export: self.temporary_export.as_ref().map(TemporaryDraft::build).transpose()?,
        })
    }

    /// The validated shipment: [`Draft::build`], then the engine's own parser over its JSON,
    /// so the form and the CLI accept exactly the same shipments. Errors name a [`Field::path`].
    pub fn parse(&self) -> Result<Shipment, InputError> {
        let built = self.build()?;
        let text = serde_json::to_string(&built).map_err(|e| InputError::new("", e.to_string()))?;
        catchall::parse_shipment(&text)
    }
}

/// The form input an engine error path points at: a list typed in one input
/// (`due_diligence.known_reexport_countries[2]`) is reported on that input.
pub fn input_path(path: &str) -> String {
    match path.strip_suffix(']').and_then(|p| p.rsplit_once('[')) {
        Some((head, idx)) if !idx.is_empty() && idx.bytes().all(|b| b.is_ascii_digit()) => {
            let list_inputs = [
                "known_reexport_countries",
                "destinations",
                "rows",
                "red_flags",
                "aliases",
                "dates_of_birth",
                "identifiers",
                "sanctions_goods_tags",
                "us_content_eccns",
                "us_direct_product_of",
                "list_snapshots",
            ];
            if list_inputs.iter().any(|l| head.ends_with(l)) {
                head.to_string()
            } else {
                path.to_string()
            }
        }
        _ => path.to_string(),
    }
}
