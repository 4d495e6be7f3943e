//! The answer: a [`Report`] of [`Finding`]s, each with a rule ID from the catalogue, a verdict, plain-words detail, citations and evidence.
//!
//! **Invariant:** the report's verdict is *computed* from its findings (the maximum,
//! §0.2), never stored separately, so it cannot disagree with them.

use crate::screening::Decision;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// `STOP > LICENCE_REQUIRED > REVIEW > CLEAR` (declaration order is the precedence).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Verdict {
    Clear,
    Review,
    LicenceRequired,
    Stop,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Clear => "CLEAR",
            Verdict::Review => "REVIEW",
            Verdict::LicenceRequired => "LICENCE_REQUIRED",
            Verdict::Stop => "STOP",
        }
    }
    /// One sentence of what to do next, for the badge.
    pub fn next_step(self) -> &'static str {
        match self {
            Verdict::Stop => {
                "Do not ship. The transaction is prohibited or will be refused: consult or notify the authority."
            }
            Verdict::LicenceRequired => {
                "Do not ship yet: apply for an export licence (or use the authorisation named below) first."
            }
            Verdict::Review => "Hold the shipment until a compliance officer has resolved the points below.",
            Verdict::Clear => "No licence requirement found. Keep the records and meet the obligations listed.",
        }
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One fired rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Rule ID from the catalogue, e.g. `EU.LIST.ANNEX_I`.
    pub rule: String,
    pub verdict: Verdict,
    /// What it is about. Serialised as `item 1`, `party end_user`, `destination`, `shipment`.
    pub subject: Subject,
    pub title: String,
    /// Plain words for an exporter.
    pub detail: String,
    /// Legal basis, at least one.
    pub citations: Vec<String>,
    /// Machine-readable evidence: a list hit, or the rule's own facts (country-chart cell, …).
    #[serde(default)]
    pub evidence: Evidence,
}

impl Finding {
    /// The list hit behind a restricted-party finding.
    pub fn list_hit(&self) -> Option<&ListHit> {
        match &self.evidence {
            Evidence::ListHit(h) => Some(h),
            Evidence::Facts(_) => None,
        }
    }
}

/// The role a party plays in the shipment (the input model: `exporter`, `parties.*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartyRole {
    Exporter,
    Purchaser,
    Consignee,
    /// `parties.intermediate_consignees[i]`, 0-based.
    IntermediateConsignee(usize),
    EndUser,
    Payer,
    FreightForwarder,
}

impl PartyRole {
    /// The role's label as in the shipment JSON (`end_user`, `intermediate_consignees[0]`).
    pub fn label(self) -> String {
        match self {
            PartyRole::Exporter => "exporter".into(),
            PartyRole::Purchaser => "purchaser".into(),
            PartyRole::Consignee => "consignee".into(),
            PartyRole::IntermediateConsignee(i) => format!("intermediate_consignees[{i}]"),
            PartyRole::EndUser => "end_user".into(),
            PartyRole::Payer => "payer".into(),
            PartyRole::FreightForwarder => "freight_forwarder".into(),
        }
    }

    /// Reads a label written by [`PartyRole::label`].
    pub fn parse(label: &str) -> Option<PartyRole> {
        Some(match label.trim() {
            "exporter" => PartyRole::Exporter,
            "purchaser" => PartyRole::Purchaser,
            "consignee" => PartyRole::Consignee,
            "end_user" => PartyRole::EndUser,
            "payer" => PartyRole::Payer,
            "freight_forwarder" => PartyRole::FreightForwarder,
            other => {
                let i = other.strip_prefix("intermediate_consignees[")?.strip_suffix(']')?;
                PartyRole::IntermediateConsignee(i.parse().ok()?)
            }
        })
    }
}

impl fmt::Display for PartyRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// What a finding is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    /// The shipment as a whole (`shipment`).
    Shipment,
    /// The destination country (`destination`).
    Destination,
    /// Every screened party at once (`parties`).
    Parties,
    /// The exporter itself: its ownership, its licences (`exporter`).
    Exporter,
    /// The lists screened against: their age, their coverage (`lists`).
    Lists,
    /// One prior licence denial the user entered, numbered from 0 as in the JSON
    /// (`due_diligence.prior_denials[0]`).
    PriorDenial(usize),
    /// One item, numbered from 1 as the user sees it (`item 1`).
    Item(usize),
    /// One party, in every role it plays (`party purchaser, consignee`). Never empty.
    Party(Vec<PartyRole>),
}

impl Subject {
    /// A party subject from role labels; labels that are no role are left out, and no role at
    /// all falls back to the shipment.
    pub fn party<S: AsRef<str>>(roles: &[S]) -> Subject {
        let roles: Vec<PartyRole> = roles.iter().filter_map(|r| PartyRole::parse(r.as_ref())).collect();
        debug_assert!(!roles.is_empty(), "a party subject needs a role");
        if roles.is_empty() {
            Subject::Shipment
        } else {
            Subject::Party(roles)
        }
    }

    /// The party's first role, for a party subject.
    pub fn first_role(&self) -> Option<PartyRole> {
        match self {
            Subject::Party(r) => r.first().copied(),
            _ => None,
        }
    }

    /// Reads the form written by `Display` (saved reports, the JSON contract).
    pub fn parse(text: &str) -> Option<Subject> {
        let t = text.trim();
        Some(match t {
            "shipment" => Subject::Shipment,
            "destination" => Subject::Destination,
            "parties" => Subject::Parties,
            "exporter" => Subject::Exporter,
            "lists" => Subject::Lists,
            _ => {
                if let Some(i) = t.strip_prefix("due_diligence.prior_denials[").and_then(|r| r.strip_suffix(']')) {
                    Subject::PriorDenial(i.parse().ok()?)
                } else if let Some(n) = t.strip_prefix("item ") {
                    Subject::Item(n.trim().parse().ok().filter(|n| *n > 0)?)
                } else {
                    let roles = t.strip_prefix("party ")?;
                    let roles: Option<Vec<PartyRole>> = roles.split(',').map(PartyRole::parse).collect();
                    Subject::Party(roles.filter(|r| !r.is_empty())?)
                }
            }
        })
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Shipment => f.write_str("shipment"),
            Subject::Destination => f.write_str("destination"),
            Subject::Parties => f.write_str("parties"),
            Subject::Exporter => f.write_str("exporter"),
            Subject::Lists => f.write_str("lists"),
            Subject::PriorDenial(i) => write!(f, "due_diligence.prior_denials[{i}]"),
            Subject::Item(n) => write!(f, "item {n}"),
            Subject::Party(roles) => {
                f.write_str("party ")?;
                for (i, r) in roles.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(&r.label())?;
                }
                Ok(())
            }
        }
    }
}

impl Serialize for Subject {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Subject {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Subject::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("unknown finding subject `{text}`")))
    }
}

/// The evidence of a restricted-party finding: which list entry, and how the name matched.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListHit {
    /// List id (`us_entity_list`).
    pub list: String,
    pub entry_id: String,
    /// The entry's primary name.
    pub listed_name: String,
    /// The name or alias that matched.
    pub matched_name: String,
    pub score: f64,
    pub decision: Decision,
    /// The entry's list-specific facts (licence requirement, Federal Register citation, …).
    #[serde(default)]
    pub fields: Option<BTreeMap<String, String>>,
    #[serde(default)]
    pub programs: Option<Vec<String>>,
    /// "No licence needed" findings this one overrides for the same item (they are folded in
    /// here rather than reported beside it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub superseded: Vec<serde_json::Value>,
}

/// Machine-readable evidence behind a finding. Serialised as the bare object (no tag): a list
/// hit is recognised by its fields. (Hand-written serde: a derived untagged enum would bring
/// serde's buffering code into the web app.)
#[derive(Clone, Debug, PartialEq)]
pub enum Evidence {
    ListHit(ListHit),
    /// The rule's own facts (country-chart cell, knowledge, items, …); `null` when none.
    Facts(serde_json::Value),
}

impl Default for Evidence {
    fn default() -> Self {
        Evidence::Facts(serde_json::Value::Null)
    }
}

impl Serialize for Evidence {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Evidence::ListHit(h) => h.serialize(s),
            Evidence::Facts(v) => v.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Evidence {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Evidence::from_json(serde_json::Value::deserialize(d)?))
    }
}

impl Evidence {
    /// A list hit if the object has a list hit's fields, the rule's own facts otherwise.
    pub fn from_json(v: serde_json::Value) -> Evidence {
        let hit_like =
            ["list", "entry_id", "listed_name", "matched_name", "score", "decision"].iter().all(|k| v.get(k).is_some());
        if hit_like {
            if let Ok(h) = serde_json::from_value::<ListHit>(v.clone()) {
                return Evidence::ListHit(h);
            }
        }
        Evidence::Facts(v)
    }
}

impl From<serde_json::Value> for Evidence {
    fn from(v: serde_json::Value) -> Self {
        Evidence::Facts(v)
    }
}

impl From<ListHit> for Evidence {
    fn from(h: ListHit) -> Self {
        Evidence::ListHit(h)
    }
}

impl Evidence {
    /// The evidence as plain JSON (for display).
    pub fn to_value(&self) -> serde_json::Value {
        match self {
            Evidence::Facts(v) => v.clone(),
            Evidence::ListHit(h) => serde_json::to_value(h).unwrap_or(serde_json::Value::Null),
        }
    }
    /// No evidence to show.
    pub fn is_empty(&self) -> bool {
        match self {
            Evidence::Facts(v) => v.is_null() || v.as_object().is_some_and(|o| o.is_empty()),
            Evidence::ListHit(_) => false,
        }
    }
}

/// An obligation that applies even when the verdict allows shipping.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Obligation {
    pub rule: String,
    pub text: String,
    pub citations: Vec<String>,
}

/// Provenance of a list used in the screening.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListUsed {
    pub id: String,
    pub name: String,
    pub date: String,
    pub entries: usize,
    /// Content hash of the file(s) the list was read from: with the date, the exact version
    /// screened against (an imported copy and the bundled one differ here). Empty in reports
    /// saved before it was recorded.
    #[serde(default)]
    pub hash: String,
}

/// The screening result. Serialises as the JSON wire form with `verdict` first (computed, see
/// [`Report::verdict`]); deserialising ignores `verdict` and recomputes it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub obligations: Vec<Obligation>,
    pub lists: Vec<ListUsed>,
    pub rules_as_of: String,
}

impl Report {
    /// The maximum over findings; CLEAR when nothing fired.
    pub fn verdict(&self) -> Verdict {
        self.findings.iter().map(|f| f.verdict).max().unwrap_or(Verdict::Clear)
    }

    /// The JSON wire form (`catchall screen --format json`) as a value. Note that a
    /// `serde_json::Value` object sorts its keys; serialise the `Report` itself (e.g.
    /// `serde_json::to_string(&report)`) to keep `verdict` first.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

/// The wire form: `verdict` first, then the findings that explain it.
#[derive(Serialize)]
struct ReportWire<'a> {
    verdict: Verdict,
    findings: &'a [Finding],
    obligations: &'a [Obligation],
    lists: &'a [ListUsed],
    rules_as_of: &'a str,
}

impl Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ReportWire {
            verdict: self.verdict(),
            findings: &self.findings,
            obligations: &self.obligations,
            lists: &self.lists,
            rules_as_of: &self.rules_as_of,
        }
        .serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(v: Verdict) -> Finding {
        Finding {
            rule: "X".into(),
            verdict: v,
            subject: Subject::Shipment,
            title: String::new(),
            detail: String::new(),
            citations: vec!["c".into()],
            evidence: Evidence::default(),
        }
    }

    #[test]
    fn verdict_is_the_maximum_of_findings() {
        let cases: &[(&[Verdict], Verdict)] = &[
            (&[], Verdict::Clear),
            (&[Verdict::Clear], Verdict::Clear),
            (&[Verdict::Review, Verdict::Clear], Verdict::Review),
            (&[Verdict::Review, Verdict::LicenceRequired], Verdict::LicenceRequired),
            (&[Verdict::Stop, Verdict::LicenceRequired, Verdict::Review], Verdict::Stop),
        ];
        for (vs, want) in cases {
            let r = Report {
                findings: vs.iter().map(|v| finding(*v)).collect(),
                obligations: vec![],
                lists: vec![],
                rules_as_of: "2026-07-23".into(),
            };
            assert_eq!(r.verdict(), *want, "{vs:?}");
        }
    }

    #[test]
    fn report_json_puts_verdict_first() {
        let r = Report {
            findings: vec![finding(Verdict::Review)],
            obligations: vec![],
            lists: vec![],
            rules_as_of: "2026-07-23".into(),
        };
        let text = serde_json::to_string(&r).unwrap();
        assert!(text.starts_with("{\"verdict\":\"REVIEW\",\"findings\":"), "{text}");
        let back: Report = serde_json::from_str(&text).unwrap();
        assert_eq!(back, r);
    }

    #[test]
    fn subjects_round_trip_through_their_text() {
        let cases = [
            ("shipment", Subject::Shipment),
            ("destination", Subject::Destination),
            ("parties", Subject::Parties),
            ("item 3", Subject::Item(3)),
            ("party end_user", Subject::Party(vec![PartyRole::EndUser])),
            ("party purchaser, consignee", Subject::Party(vec![PartyRole::Purchaser, PartyRole::Consignee])),
            ("party intermediate_consignees[1]", Subject::Party(vec![PartyRole::IntermediateConsignee(1)])),
            ("party exporter", Subject::Party(vec![PartyRole::Exporter])),
            ("exporter", Subject::Exporter),
            ("lists", Subject::Lists),
            ("due_diligence.prior_denials[2]", Subject::PriorDenial(2)),
        ];
        for (text, subject) in cases {
            assert_eq!(subject.to_string(), text);
            assert_eq!(Subject::parse(text), Some(subject.clone()), "{text}");
            let json = serde_json::to_string(&subject).unwrap();
            assert_eq!(json, format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<Subject>(&json).unwrap(), subject);
        }
        for bad in ["", "item 0", "item x", "party ", "party boss", "items 1", "party end_user,"] {
            assert_eq!(Subject::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn list_hit_evidence_is_recognised_and_serialises_as_before() {
        let text = r#"{"list":"us_entity_list","entry_id":"el-1","listed_name":"A","matched_name":"A Co","score":0.9,"decision":"match","fields":{"federal_register":"86 FR 1"},"programs":null}"#;
        let e: Evidence = serde_json::from_str(text).unwrap();
        let Evidence::ListHit(h) = &e else { panic!("not a list hit: {e:?}") };
        assert_eq!((h.list.as_str(), h.entry_id.as_str(), h.decision), ("us_entity_list", "el-1", Decision::Match));
        assert_eq!(serde_json::to_string(&e).unwrap(), text);
        let facts: Evidence = serde_json::from_str(r#"{"eccn":"EAR99"}"#).unwrap();
        assert!(matches!(facts, Evidence::Facts(_)));
        assert!(Evidence::default().is_empty());
    }

    #[test]
    fn verdict_serialises_screaming_snake() {
        assert_eq!(serde_json::to_string(&Verdict::LicenceRequired).unwrap(), "\"LICENCE_REQUIRED\"");
    }
}
