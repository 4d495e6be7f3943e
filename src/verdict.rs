//! The answer: a [`Report`] of [`Finding`]s, each with a rule ID from the catalogue
//! (domain-rules §0.3), a verdict, plain-words detail, citations and evidence.
//!
//! **Invariant:** the report's verdict is *computed* from its findings (the maximum,
//! §0.2), never stored separately, so it cannot disagree with them.

use serde::{Deserialize, Serialize};

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
            Verdict::Stop => "Do not ship. The transaction is prohibited or will be refused: consult or notify the authority.",
            Verdict::LicenceRequired => "Do not ship yet: apply for an export licence (or use the authorisation named below) first.",
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
    /// What it is about: `item 1`, `party end_user`, `destination`, `shipment`.
    pub subject: String,
    pub title: String,
    /// Plain words for an exporter.
    pub detail: String,
    /// Legal basis, at least one.
    pub citations: Vec<String>,
    /// Machine-readable evidence: list entry, matched name, score, country-chart cell, …
    #[serde(default)]
    pub evidence: serde_json::Value,
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
            subject: "shipment".into(),
            title: String::new(),
            detail: String::new(),
            citations: vec!["c".into()],
            evidence: serde_json::Value::Null,
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
        let r = Report { findings: vec![finding(Verdict::Review)], obligations: vec![], lists: vec![], rules_as_of: "2026-07-23".into() };
        let text = serde_json::to_string(&r).unwrap();
        assert!(text.starts_with("{\"verdict\":\"REVIEW\",\"findings\":"), "{text}");
        let back: Report = serde_json::from_str(&text).unwrap();
        assert_eq!(back, r);
    }

    #[test]
    fn verdict_serialises_screaming_snake() {
        assert_eq!(serde_json::to_string(&Verdict::LicenceRequired).unwrap(), "\"LICENCE_REQUIRED\"");
    }
}
