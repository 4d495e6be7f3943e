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
                _ => Err(format!(
                    "unknown jurisdiction `{s}`: expected EU:<member state>, US, GB, RU or JP"
                )),
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
}
