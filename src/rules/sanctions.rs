//! Step 2 of §1: sanctions and embargoes by destination (S1), the EU Russia goods annexes, the
//! "no-Russia" clause (Art. 12g) and Common High Priority items to diversion hubs.
//! Facts: `data/sanctions/destinations.toml`, `data/sanctions/eu_russia_annexes.toml`, `data/regimes/groups.toml`.

use super::facts::{Facts, ItemFacts};
use super::text::hs_under;
use super::Out;
use crate::catalog::{self, in_group, Criteria, Measure};
use crate::model::Activity;
use crate::verdict::{Subject, Verdict};
use serde_json::json;

pub(crate) fn run(f: &Facts, out: &mut Out) {
    let services = matches!(f.s.activity, Activity::Brokering | Activity::TechnicalAssistance);
    let countries = f.sanction_countries();
    // Items a measure on (jurisdiction, country) has caught, for `residual` measures.
    let mut caught: Vec<(String, String)> = Vec::new();
    for m in catalog::measures(f.regime) {
        let hit_countries: Vec<&String> = match &m.group {
            Some(g) => countries.iter().copied().filter(|c| in_group(g, c)).collect(),
            None => countries.iter().copied().filter(|c| **c == m.country).collect(),
        };
        for c in hit_countries {
            measure(f, out, m, c, services, &mut caught);
        }
    }
    if f.regime == "EU" {
        eu_russia(f, out);
    }
    chp(f, out);
}

/// Does `it` meet any of the measure's criteria?
fn meets(f: &Facts, it: &ItemFacts, c: &Criteria) -> Option<String> {
    let item = it.item;
    if c.listed && it.listed.is_some() {
        return Some("it carries a control-list classification".into());
    }
    if let Some(r) = it.row().filter(|r| c.regime_rows.iter().any(|x| x == r)) {
        return Some(format!(
            "its classification is a {} item",
            catalog::jp_table_1().rows.get(r).map(String::as_str).unwrap_or(r)
        ));
    }
    if c.military_list && it.military() {
        return Some("it is on the military list".into());
    }
    if let Some(ch) = c.hs_chapters.iter().find(|ch| it.hs.starts_with(ch.as_str())) {
        return Some(format!("HS {} is in chapter {ch}", it.hs));
    }
    if let Some(t) = item.sanctions_goods_tags.iter().find(|t| c.tags.iter().any(|x| x == "*" || x == *t)) {
        return Some(format!("it is tagged `{t}`"));
    }
    if c.military_end_user && !f.military_end_use.is_empty() {
        return Some(format!("the end user is military ({})", f.military_end_use.join("; ")));
    }
    None
}

fn measure(
    f: &Facts,
    out: &mut Out,
    m: &Measure,
    country_code: &str,
    services: bool,
    caught: &mut Vec<(String, String)>,
) {
    let country = catalog::country_name(country_code).unwrap_or(country_code);
    let reexport_only = !f.party_countries.contains(country_code);
    let where_ = if reexport_only {
        format!("The goods are known to be going on to {country}")
    } else {
        format!("A party is in {country}")
    };
    let ev = |items: &[String], why: &[String]| json!({"country": country_code, "scope": m.scope, "items": items, "why": why, "uncertain": m.uncertain, "known_reexport": reexport_only});
    let rule = if services { m.services_rule.as_deref().unwrap_or(&m.rule) } else { &m.rule };
    let uncertain = if m.uncertain {
        " (The scope of this measure is marked uncertain in the data: verify it against the current regulation.)"
    } else {
        ""
    };
    let mut mark = |items: &[&ItemFacts]| {
        for it in items {
            caught.push((country_code.to_string(), it.subject.to_string()));
        }
    };
    match m.scope.as_str() {
        "all_items" => {
            mark(&f.items.iter().collect::<Vec<_>>());
            out.fire(
                rule,
                Some(m.verdict),
                Subject::Destination,
                format!(
                    "{}: {where_}. {}{uncertain}",
                    m.title,
                    if services { "Services for such items are caught too." } else { "" }
                )
                .trim_end()
                .to_string(),
                ev(&[], &[]),
                &m.citations,
            )
        }
        "criteria" => {
            let mut hit: Vec<(&ItemFacts, String)> = Vec::new();
            let mut rest: Vec<&ItemFacts> = Vec::new();
            for it in &f.items {
                match meets(f, it, &m.criteria) {
                    Some(why) => hit.push((it, why)),
                    None => rest.push(it),
                }
            }
            if !hit.is_empty() {
                mark(&hit.iter().map(|h| h.0).collect::<Vec<_>>());
                let items: Vec<String> = hit.iter().map(|h| h.0.subject.to_string()).collect();
                let why: Vec<String> = hit.iter().map(|h| format!("{}: {}", h.0.subject, h.1)).collect();
                out.fire(
                    rule,
                    Some(m.verdict),
                    Subject::Destination,
                    format!("{}. {where_}, and {}.{uncertain}", m.title, why.join("; ")),
                    ev(&items, &why),
                    &m.citations,
                );
            }
            if let (Some(v), false) = (m.otherwise_verdict, rest.is_empty()) {
                mark(&rest);
                let items: Vec<String> = rest.iter().map(|i| i.subject.to_string()).collect();
                out.fire(
                    rule,
                    Some(v),
                    Subject::Destination,
                    format!(
                        "{where_}: {} is in none of the prohibited categories as described, but the sanctions on {country} reach further than the control lists. Check the item against the regime before shipping.{uncertain}",
                        items.join(", ")
                    ),
                    ev(&items, &[]),
                    &m.citations,
                );
            }
        }
        "residual" => {
            let rest: Vec<String> = f
                .items
                .iter()
                .filter(|i| !caught.iter().any(|(c, s)| c == country_code && *s == i.subject.to_string()))
                .map(|i| i.subject.to_string())
                .collect();
            if !rest.is_empty() {
                out.fire(
                    rule,
                    Some(m.verdict),
                    Subject::Destination,
                    format!("{where_}: {}. {}.{uncertain}", rest.join(", "), m.title),
                    ev(&rest, &[]),
                    &m.citations,
                );
            }
        }
        _ => {
            let listed: Vec<&ItemFacts> = f.items.iter().filter(|i| i.listed.is_some()).collect();
            let listed_s: Vec<String> = listed.iter().map(|i| i.subject.to_string()).collect();
            if !listed.is_empty() {
                mark(&listed);
                out.fire(
                    rule,
                    Some(m.verdict),
                    Subject::Destination,
                    format!(
                        "{}. {where_}, and {} carries a control-list classification.{uncertain}",
                        m.title,
                        listed_s.join(", ")
                    ),
                    ev(&listed_s, &[]),
                    &m.citations,
                );
            }
            let unlisted: Vec<String> =
                f.items.iter().filter(|i| i.listed.is_none()).map(|i| i.subject.to_string()).collect();
            if let (Some(v), false) = (m.unlisted_verdict, unlisted.is_empty()) {
                out.fire(
                    m.unlisted_rule.as_deref().unwrap_or(&m.rule),
                    Some(v),
                    Subject::Destination,
                    format!(
                        "{where_}: {} is not on a control list, but the sanctions on {country} reach further than the control lists. Check the item against the regime before shipping.{uncertain}",
                        unlisted.join(", ")
                    ),
                    ev(&unlisted, &[]),
                    &m.citations,
                );
            }
        }
    }
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
                format!(
                    "HS {} falls under Annex XXIII (chapter/heading {p}): industrial goods may not go to Russia.",
                    it.hs
                ),
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
            if !hubs.is_empty() && !f.party_countries.contains("RU") && !f.own_temporary_export {
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
            // A temporary export that stays the exporter's property has no contract of sale to carry the clause.
            let missing = f.s.due_diligence.no_russia_clause == Some(false) && !f.own_temporary_export;
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
