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
mod enduse_us;
mod facts;
mod listctl;
mod nuclear;
mod parties;
mod redflags;
mod sanctions;
pub(crate) mod text;

use crate::model::Shipment;
use crate::screening::Context;
use crate::verdict::{Evidence, Finding, ListUsed, Obligation, Report, Subject, Verdict};
use std::collections::BTreeMap;

/// Screens a shipment. Never fails: odd input was rejected by `model::parse_shipment`.
pub fn screen(shipment: &Shipment, ctx: &Context<'_>) -> Report {
    let facts = facts::Facts::new(shipment, ctx);
    let mut out = Out::default();
    classification::run(&facts, &mut out);
    sanctions::run(&facts, &mut out);
    parties::run(&facts, &mut out);
    listctl::run(&facts, &mut out);
    catchall::run(&facts, &mut out);
    enduse_us::run(&facts, &mut out);
    nuclear::run(&facts, &mut out);
    redflags::run(&facts, &mut out);
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
        self.findings.push(Finding {
            rule: rule.to_string(),
            verdict: verdict.or(def.map(|d| d.effect)).unwrap_or(Verdict::Review),
            subject,
            title: def.map(|d| d.title.clone()).unwrap_or_else(|| rule.to_string()),
            detail: detail.into(),
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
