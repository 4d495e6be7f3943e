//! The shipment an exporter wants to screen: plain serde data plus
//! validation. Parsing never panics; a bad value gives an [`InputError`] naming the field
//! by its JSON path (`parties.end_user.country`), which the CLI maps to exit code 2 and
//! the web app shows next to the field.
//!
//! Unknown extra fields are ignored; missing optional ones are fine. `Party.type` and
//! `end_use_category` are open vocabularies: unknown values are kept as given.

mod validate;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use validate::{parse_shipment, InputError};

/// Whose export law applies to the exporter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Jurisdiction {
    /// An EU member state, e.g. `EU:DE` (ISO-2 of the member state).
    Eu(String),
    Us,
    Gb,
    Ru,
    Jp,
}

impl Jurisdiction {
    /// The short code used in data files and rule IDs: `EU`, `US`, `GB`, `RU`, `JP`.
    pub fn regime(&self) -> &'static str {
        match self {
            Jurisdiction::Eu(_) => "EU",
            Jurisdiction::Us => "US",
            Jurisdiction::Gb => "GB",
            Jurisdiction::Ru => "RU",
            Jurisdiction::Jp => "JP",
        }
    }
    /// The exporter's own country (ISO-2): the member state for `EU:<MS>`.
    pub fn country(&self) -> &str {
        match self {
            Jurisdiction::Eu(ms) => ms,
            Jurisdiction::Us => "US",
            Jurisdiction::Gb => "GB",
            Jurisdiction::Ru => "RU",
            Jurisdiction::Jp => "JP",
        }
    }
}

impl TryFrom<String> for Jurisdiction {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let up = s.trim().to_ascii_uppercase();
        match up.as_str() {
            "US" => Ok(Jurisdiction::Us),
            "GB" | "UK" => Ok(Jurisdiction::Gb),
            "RU" => Ok(Jurisdiction::Ru),
            "JP" => Ok(Jurisdiction::Jp),
            _ => match up.strip_prefix("EU:") {
                Some(ms) if ms.len() == 2 && ms.bytes().all(|b| b.is_ascii_uppercase()) => {
                    Ok(Jurisdiction::Eu(ms.to_string()))
                }
                _ => Err(format!("unknown jurisdiction `{s}`: expected EU:<member state>, US, GB, RU or JP")),
            },
        }
    }
}

impl From<Jurisdiction> for String {
    fn from(j: Jurisdiction) -> String {
        match j {
            Jurisdiction::Eu(ms) => format!("EU:{ms}"),
            other => other.regime().to_string(),
        }
    }
}

/// What the exporter is doing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    #[default]
    Export,
    IntraEuTransfer,
    Brokering,
    TechnicalAssistance,
    Transit,
    TemporaryExport,
}

/// A person or organisation in the transaction.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Party {
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub address: String,
    /// ISO 3166-1 alpha-2, upper case after validation.
    #[serde(default)]
    pub country: String,
    /// Open vocabulary: manufacturer, trading_company, freight_forwarder, government,
    /// military, police, intelligence, nuclear_facility, university, bank, hospital, …
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Date(s) of birth of a person ("1970-01-31", or a year): screening uses them to confirm
    /// or downgrade a name hit on a list entry that records one.
    #[serde(default, alias = "dob", skip_serializing_if = "Vec::is_empty")]
    pub dates_of_birth: Vec<String>,
    /// Passport, national ID, company registration or IMO numbers: one that a list entry also
    /// records confirms a name hit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<String>,
    /// Owned (≥ 50 %) or controlled by US persons; meaningful on the exporter (OFAC reach over foreign
    /// subsidiaries). `None`: not said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub us_owned_or_controlled: Option<bool>,
    /// Licences the exporter holds (e.g. a Japanese bulk licence); meaningful on the exporter.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub licences_held: Vec<LicenceHeld>,
}

/// A licence the exporter already holds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LicenceHeld {
    /// Issuing authority: `JP`, `GB`, `US`, `RU` or `EU:<member state>`.
    #[serde(default)]
    pub authority: String,
    /// Kind of licence, e.g. `bulk_general`, `bulk_special_general`, `bulk_specified`.
    #[serde(default, rename = "type")]
    pub kind: String,
    /// Control-list rows or entries it covers (JP: Appended Table 1 rows such as `2`, `3-2`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<String>,
    /// Destinations it covers (ISO-2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub destinations: Vec<String>,
}

/// The parties by role.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Parties {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchaser: Option<Party>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consignee: Option<Party>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intermediate_consignees: Vec<Party>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_user: Option<Party>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<Party>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freight_forwarder: Option<Party>,
}

impl Parties {
    /// Every named party with its role label (`purchaser`, `intermediate_consignees[0]`, …),
    /// in a fixed order.
    pub fn iter(&self) -> impl Iterator<Item = (String, &Party)> {
        let singles = [
            ("purchaser", &self.purchaser),
            ("consignee", &self.consignee),
            ("end_user", &self.end_user),
            ("payer", &self.payer),
            ("freight_forwarder", &self.freight_forwarder),
        ];
        let mut out: Vec<(String, &Party)> = Vec::new();
        for (role, p) in singles.iter().take(2) {
            if let Some(p) = p {
                out.push((role.to_string(), p));
            }
        }
        for (i, p) in self.intermediate_consignees.iter().enumerate() {
            out.push((format!("intermediate_consignees[{i}]"), p));
        }
        for (role, p) in singles.iter().skip(2) {
            if let Some(p) = p {
                out.push((role.to_string(), p));
            }
        }
        out.into_iter()
    }
}

/// The user's classification of an item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Classification {
    /// A control-list code in a scheme: `EU` (Annex I), `ECCN`, `UK`, `JP`, `RU`.
    Listed { scheme: String, code: String },
    /// The literal string `"not_listed"`: the user says the item is on no control list.
    NotListed(NotListed),
}

/// Serialises as the string `"not_listed"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotListed {
    #[serde(rename = "not_listed")]
    NotListed,
}

/// One line of goods, software or technology.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Item {
    #[serde(default)]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hs_code: Option<String>,
    /// `None` means "not classified yet" (the user did not say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<Classification>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qty: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin_country: Option<String>,
    /// On a national military list (UK ECO Sch. 2, EU Common Military List, USML, JP row 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub military_list: Option<bool>,
    /// Sanctions goods categories the item falls in: `interception_monitoring`, `internal_repression`,
    /// `aviation_space`, `strategic_concern_IR`, `luxury`, `nuclear_missile_IR`, …
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sanctions_goods_tags: Vec<String>,
    /// CWC schedule of the (highest) scheduled chemical: `1`, `2A`, `2A*`, `2B`, `3A`, `3B`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cwc_schedule: Option<String>,
    /// Highest single scheduled chemical in a mixture, % by weight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cwc_max_concentration_pct: Option<f64>,
    /// Packed for retail sale for personal use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consumer_retail_pack: Option<bool>,
    /// The item itself is of US origin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub us_origin: Option<bool>,
    /// US-origin controlled content, % of value (Supp. 2 to 15 CFR Part 734); `None`: not calculated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub us_controlled_content_pct: Option<f64>,
    /// ECCNs of incorporated US-origin content.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub us_content_eccns: Vec<String>,
    /// ECCNs of US-origin technology or software the item (or the plant making it) is a direct product of.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub us_direct_product_of: Vec<String>,
    /// The foreign item's own ECCN-equivalent classification (product scope of the FDP rules).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eccn_equivalent: Option<String>,
}

/// The catch-all knowledge answers and the ticked red flags.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DueDiligence {
    #[serde(default)]
    pub informed_by_authority: bool,
    #[serde(default)]
    pub aware_wmd_use: bool,
    #[serde(default)]
    pub aware_military_end_use: bool,
    #[serde(default)]
    pub aware_cyber_repression_use: bool,
    #[serde(default)]
    pub grounds_for_suspicion: bool,
    /// `None`: the user did not say whether an end-user statement was obtained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_user_statement: Option<bool>,
    /// The exporter knows / was told the items are parts or components of military items exported
    /// illegally from its Member State (EU Art. 4(1)(c)); defaults to false.
    #[serde(default)]
    pub aware_illegal_military_parts: bool,
    /// Whether the contract carries the EU "no-Russia" clause (Reg 833/2014 Art. 12g). `None`: not said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_russia_clause: Option<bool>,
    /// Ticked red flags, `RF01`…`RF25`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub red_flags: Vec<String>,
    /// Licence denials, revocations and "informed" letters the exporter knows of.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prior_denials: Vec<PriorDenial>,
    /// Final destinations known at export beyond the consignee (ISO-2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub known_reexport_countries: Vec<String>,
}

/// A licence denial, revocation or "informed" requirement for this end user or these items.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PriorDenial {
    /// `EU:<member state>`, `US`, `GB`, `JP`, `RU` or `other:<ISO-2>`.
    #[serde(default)]
    pub authority: String,
    /// `licence_denial`, `informed_requirement` or `revocation`.
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub same_items: bool,
    #[serde(default)]
    pub same_end_user: bool,
    #[serde(default)]
    pub date: String,
    /// `wmd`, `military`, `human_rights`, `sanctions`, `other` or `unknown`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ground: Option<String>,
    /// `None`: not said (treated as in force).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force: Option<bool>,
}

/// Provenance of a list the screening used: its id and data date.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ListSnapshot {
    pub list: String,
    pub date: String,
}

/// A temporary export (exhibition, demonstration, repair): the facts EU004 Part 3 turns on.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TemporaryExport {
    /// `exhibition_fair`, `private_demo`, `repair` or `other`.
    #[serde(default)]
    pub purpose: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reimport_within_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commercial_transaction: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub production_use: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tech_transfer_with_presentation: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_guaranteed_unmodified: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kept_under_exporter_control: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stored_only_for_sale: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classified_eu_confidential_or_above: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beyond_demo_use: Option<bool>,
}

/// The shipment to screen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Shipment {
    /// The date the user wants the rules applied as of (informational; the engine reports
    /// its own `rules_as_of`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules_as_of: Option<String>,
    pub jurisdiction: Jurisdiction,
    #[serde(default)]
    pub activity: Activity,
    #[serde(default)]
    pub exporter: Party,
    #[serde(default)]
    pub items: Vec<Item>,
    #[serde(default)]
    pub parties: Parties,
    #[serde(default)]
    pub stated_end_use: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_use_category: Option<String>,
    #[serde(default)]
    pub due_diligence: DueDiligence,
    /// The date the screening is for (`YYYY-MM-DD`); expiry logic uses it. `None`: the rules date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub screening_date: Option<String>,
    /// Provenance of the lists used (id and data date).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub list_snapshots: Vec<ListSnapshot>,
    /// The consignee is a customs free zone or free warehouse.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customs_free_zone: Option<bool>,
    /// Facts of a temporary export (`activity = temporary_export`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temporary_export: Option<TemporaryExport>,
}
