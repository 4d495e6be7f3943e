//! Step 2 of §1: sanctions and embargoes by destination (S1), the EU Russia goods annexes, the
//! "no-Russia" clause (Art. 12g) and Common High Priority items to diversion hubs.
//! Facts: `data/sanctions/destinations.toml`, `data/sanctions/eu_russia_annexes.toml`, `data/regimes/groups.toml`.

use super::facts::Facts;
use super::text::hs_under;
use super::Out;
use crate::catalog::{self, in_group};
use crate::model::Activity;
use crate::verdict::{Subject, Verdict};
use serde_json::json;

pub(crate) fn run(f: &Facts, out: &mut Out) {
    let services = matches!(f.s.activity, Activity::Brokering | Activity::TechnicalAssistance);
    for m in catalog::measures(f.regime) {
        if !f.party_countries.contains(&m.country) {
            continue;
        }
        let country = catalog::country_name(&m.country).unwrap_or(&m.country);
        let listed: Vec<String> = f.items.iter().filter(|i| i.listed.is_some()).map(|i| i.subject.to_string()).collect();
        let ev = |items: &[String]| json!({"country": m.country, "scope": m.scope, "items": items, "uncertain": m.uncertain});
        let rule = if services { m.services_rule.as_deref().unwrap_or(&m.rule) } else { &m.rule };
        match m.scope.as_str() {
            "all_items" => out.fire(
                rule,
                Some(m.verdict),
                Subject::Destination,
                format!("{}: a party is in {country}. {}", m.title, if services { "Services for such items are caught too." } else { "" }).trim_end().to_string(),
                ev(&[]),
                &m.citations,
            ),
            _ => {
                if !listed.is_empty() {
                    out.fire(
                        rule,
                        Some(m.verdict),
                        Subject::Destination,
                        format!("{}. A party is in {country} and {} carries a control-list classification.", m.title, listed.join(", ")),
                        ev(&listed),
                        &m.citations,
                    );
                }
                let unlisted: Vec<String> = f.items.iter().filter(|i| i.listed.is_none()).map(|i| i.subject.to_string()).collect();
                if let (Some(v), false) = (m.unlisted_verdict, unlisted.is_empty()) {
                    out.fire(
                        m.unlisted_rule.as_deref().unwrap_or(&m.rule),
                        Some(v),
                        Subject::Destination,
                        format!(
                            "A party is in {country}: {} is not on a control list, but the sanctions on {country} reach further than the control lists. Check the item against the regime before shipping.",
                            unlisted.join(", ")
                        ),
                        ev(&unlisted),
                        &m.citations,
                    );
                }
            }
        }
    }
    if f.regime == "EU" {
        eu_russia(f, out);
    }
    chp(f, out);
}

/// Reg 833/2014 Art. 2a (Annex VII incl. CHP) and Art. 3k (Annex XXIII) for unlisted items to Russia.
fn eu_russia(f: &Facts, out: &mut Out) {
    if !f.party_countries.contains("RU") {
        return;
    }
    let a = catalog::russia_annexes();
    for it in f.items.iter().filter(|i| i.listed.is_none()) {
        if let Some(p) = hs_under(&it.hs, &a.chp_hs).or_else(|| hs_under(&it.hs, &a.annex_vii_hs)) {
            out.fire(
                "EU.SANC.RU.ART2A",
                None,
                it.subject.clone(),
                format!("HS {} falls under Annex VII (heading {p}): goods that could contribute to Russia's military and technological enhancement may not go to Russia.", it.hs),
                json!({"hs": it.hs, "annex": "VII", "prefix": p}),
                &[],
            );
        } else if let Some(p) = hs_under(&it.hs, &a.annex_xxiii_hs) {
            out.fire(
                "EU.SANC.RU.ART3K",
                None,
                it.subject.clone(),
                format!("HS {} falls under Annex XXIII (chapter/heading {p}): industrial goods may not go to Russia.", it.hs),
                json!({"hs": it.hs, "annex": "XXIII", "prefix": p}),
                &[],
            );
        } else if it.hs.is_empty() {
            out.fire(
                "EU.SANC.RU.ART3K",
                Some(Verdict::Review),
                it.subject.clone(),
                "No HS code given: Annexes VII and XXIII list goods by CN code, so the engine cannot rule out a prohibition. Give the HS/CN code.",
                json!({"hs": null}),
                &[],
            );
        }
    }
}

/// Common High Priority items: Art. 12g clause to non-partner third countries; REVIEW to diversion hubs.
fn chp(f: &Facts, out: &mut Out) {
    let a = catalog::russia_annexes();
    for it in &f.items {
        let Some(code) = hs_under(&it.hs, &a.chp_hs) else { continue };
        if f.regime != "RU" {
            let hubs: Vec<&String> = f.party_countries.iter().filter(|c| in_group("DIVERSION_HUBS", c)).collect();
            if !hubs.is_empty() && !f.party_countries.contains("RU") {
                out.fire(
                    "DEST.DIVERSION_HUB_CHP",
                    None,
                    it.subject.clone(),
                    format!(
                        "HS {} is a Common High Priority item (battlefield goods found in Russian weapons) going through {}, a known diversion hub. Confirm the end user and obtain a no-re-export-to-Russia commitment.",
                        it.hs,
                        hubs.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                    json!({"hs": it.hs, "chp_code": code, "hubs": hubs}),
                    &[],
                );
                for h in &hubs {
                    out.flag("RF16", format!("CHP item {} via diversion hub {h}", it.subject));
                }
            }
        }
        if f.regime == "EU" {
            let third: Vec<&String> = f
                .party_countries
                .iter()
                .filter(|c| !in_group("EU27", c) && !in_group("EU_ANNEX_VIII_PARTNERS", c) && *c != "RU" && *c != "BY")
                .collect();
            if third.is_empty() {
                continue;
            }
            let missing = f.s.due_diligence.no_russia_clause == Some(false);
            out.fire(
                "EU.SANC.RU.ART12G",
                Some(if missing { Verdict::Review } else { Verdict::Clear }),
                it.subject.clone(),
                if missing {
                    "The contract has no 'no-Russia' clause: Art. 12g requires one for Common High Priority items sold to a third country. Add it before shipping.".to_string()
                } else {
                    "Common High Priority item sold to a third country: the contract must prohibit re-export to Russia and for use in Russia, with adequate remedies.".to_string()
                },
                json!({"hs": it.hs, "countries": third, "clause_in_contract": f.s.due_diligence.no_russia_clause}),
                &[],
            );
            out.oblige(
                "EU.SANC.RU.ART12G",
                "Include the 'no-Russia' clause (contractual prohibition of re-export to Russia and for use in Russia, with adequate remedies) in the sales contract.".into(),
                vec!["Council Regulation (EU) No 833/2014, Art. 12g".into()],
            );
        }
    }
}
