//! The rules engine: shipment → findings.
//!
//! Rules run in a fixed order (docs/RULES.md), one module per family:
//!
//! 1. [`facts`] normalises the shipment (destination, party countries, item codes, end-use class,
//!    nuclear-programme matches, restricted-party hits) and [`classification`] turns the classifier's
//!    doubts into CLASS.* findings;
//! 2. [`sanctions`]: destination embargoes and sanctions (S1), EU Russia annexes, Art. 12g, CHP to hubs;
//! 3. [`parties`]: restricted-party hits mapped through `data/rules/lists.toml` (S2);
//! 4. [`listctl`]: list control (EU Annex I + UGEAs, US CCL × Country Chart, UK / RU / JP lists) and the
//!    EU activities (intra-EU, brokering, technical assistance, transit);
//! 5. [`catchall`] (EU / UK / RU / JP catch-alls) and [`enduse_us`] (15 CFR Part 744);
//! 6. [`nuclear`]: the nuclear-destination policy NUC.* (§2.9);
//! 7. [`redflags`]: RF01–RF25, ticked or derived from the structure → KYC.RED_FLAGS;
//! 8. the verdict is the maximum over findings ([`Report::verdict`]).
//!
//! Every finding takes its title and citations from `data/rules/catalogue.toml`; legal facts (countries,
//! groups, lists, thresholds) come from `data/`, never from code branches.

mod catchall;
mod classification;
mod cwc;
mod denials;
mod enduse_us;
mod facts;
mod jp;
mod listctl;
mod nuclear;
mod parties;
mod reach;
mod redflags;
mod sanctions;
pub(crate) mod text;

use crate::model::Shipment;
use crate::screening::Context;
use crate::verdict::{Evidence, Finding, ListUsed, Obligation, Report, Subject, Verdict};
use serde_json::Value;
use std::collections::BTreeMap;

/// Screens a shipment. Never fails: odd input was rejected by `model::parse_shipment`.
pub fn screen(shipment: &Shipment, ctx: &Context<'_>) -> Report {
    let facts = facts::Facts::new(shipment, ctx);
    let mut out = Out::default();
    classification::run(&facts, &mut out);
    sanctions::run(&facts, &mut out);
    parties::run(&facts, &mut out);
    listctl::run(&facts, &mut out);
    reach::run(&facts, &mut out);
    cwc::run(&facts, &mut out);
    denials::run(&facts, &mut out);
    catchall::run(&facts, &mut out);
    enduse_us::run(&facts, &mut out);
    nuclear::run(&facts, &mut out);
    redflags::run(&facts, &mut out);
    consistent(&mut out);
    for o in crate::catalog::standing_obligations(facts.regime) {
        out.oblige(&o.rule, o.text.clone(), o.citations.clone());
    }
    Report {
        findings: out.findings,
        obligations: out.obligations,
        lists: ctx
            .parties
            .lists()
            .into_iter()
            .map(|m| ListUsed { id: m.id, name: m.name, date: m.date, entries: m.entries, hash: m.hash })
            .collect(),
        rules_as_of: crate::catalog::rules_as_of().to_string(),
    }
}

/// Does a finding about `subject` speak about the item `item` (an item subject, or the whole shipment)?
pub fn covers_item(subject: &Subject, item: &Subject) -> bool {
    subject == item || !matches!(subject, Subject::Item(_))
}

/// No contradictory findings: a "no licence required" conclusion is about the
/// whole transaction, so it is not reported beside a finding that requires a licence or stops the same item.
/// It moves into the evidence of the strongest such finding ("the Country Chart alone would not require a
/// licence; this rule does"), and its obligations go with it.
fn consistent(out: &mut Out) {
    let says_no = |r: &str| crate::catalog::rule(r).is_some_and(|d| d.says_no_licence);
    let mut i = 0;
    while i < out.findings.len() {
        let f = &out.findings[i];
        if !says_no(&f.rule) || !matches!(f.subject, Subject::Item(_)) {
            i += 1;
            continue;
        }
        let strongest = out
            .findings
            .iter()
            .enumerate()
            .filter(|(j, g)| *j != i && g.verdict >= Verdict::LicenceRequired && covers_item(&g.subject, &f.subject))
            .max_by_key(|(_, g)| g.verdict)
            .map(|(j, _)| j);
        let Some(j) = strongest else {
            i += 1;
            continue;
        };
        let folded = out.findings.remove(i);
        let j = if j > i { j - 1 } else { j };
        let note = serde_json::json!({"rule": folded.rule, "subject": folded.subject.to_string(), "detail": folded.detail,
                                      "note": format!("On its own basis ({}) no licence would be needed; {} requires one or stops the export.", folded.title, out.findings[j].rule)});
        match &mut out.findings[j].evidence {
            Evidence::ListHit(h) => h.superseded.push(note),
            Evidence::Facts(Value::Object(m)) => match m.get_mut("superseded") {
                Some(Value::Array(a)) => a.push(note),
                _ => {
                    m.insert("superseded".into(), Value::Array(vec![note]));
                }
            },
            Evidence::Facts(other) => {
                let old = std::mem::take(other);
                *other = serde_json::json!({"facts": old, "superseded": [note]});
            }
        }
        if !out.findings.iter().any(|g| g.rule == folded.rule) {
            out.obligations.retain(|o| o.rule != folded.rule);
        }
    }
}

/// What the rules have produced so far.
#[derive(Debug, Default)]
pub(crate) struct Out {
    pub findings: Vec<Finding>,
    pub obligations: Vec<Obligation>,
    /// Red flags raised so far: code (`RF14`, or `GROUNDS`) → reasons.
    pub flags: BTreeMap<String, Vec<String>>,
}

impl Out {
    /// Fires `rule` with the catalogue's title, default verdict (unless `verdict` overrides it) and
    /// citations, plus `extra` citations specific to this finding.
    pub fn fire(
        &mut self,
        rule: &str,
        verdict: Option<Verdict>,
        subject: Subject,
        detail: impl Into<String>,
        evidence: impl Into<Evidence>,
        extra: &[String],
    ) {
        let def = crate::catalog::rule(rule);
        debug_assert!(def.is_some(), "rule {rule} is not in data/rules/catalogue.toml");
        let mut citations: Vec<String> = def.map(|d| d.citations.clone()).unwrap_or_default();
        for c in extra {
            if !citations.contains(c) {
                citations.push(c.clone());
            }
        }
        if citations.is_empty() {
            // Unreachable for catalogued rules (tests/data_valid.rs checks every rule has one).
            citations.push(format!("No legal basis is recorded for {rule}: report this as a defect."));
        }
        let mut detail: String = detail.into();
        if def.is_some_and(|d| d.uncertain) && !detail.contains("uncertain") {
            detail.push_str(" (The legal basis of this rule is marked uncertain in the rule data: confirm it against the current text.)");
        }
        self.findings.push(Finding {
            rule: rule.to_string(),
            verdict: verdict.or(def.map(|d| d.effect)).unwrap_or(Verdict::Review),
            subject,
            title: def.map(|d| d.title.clone()).unwrap_or_else(|| rule.to_string()),
            detail,
            citations,
            evidence: evidence.into(),
        });
    }

    /// Raises a red flag (reported by [`redflags`] as KYC.RED_FLAGS).
    pub fn flag(&mut self, code: &str, reason: impl Into<String>) {
        let reason = reason.into();
        let v = self.flags.entry(code.to_string()).or_default();
        if !v.contains(&reason) {
            v.push(reason);
        }
    }

    pub fn oblige(&mut self, rule: &str, text: String, citations: Vec<String>) {
        if !self.obligations.iter().any(|o| o.rule == rule && o.text == text) {
            self.obligations.push(Obligation { rule: rule.to_string(), text, citations });
        }
    }

    pub fn fired(&self, rule: &str) -> bool {
        self.findings.iter().any(|f| f.rule == rule)
    }
}
