//! Step 7 of §1: red flags RF01–RF25 (§7), ticked by the user or derived from the shipment's structure,
//! each reported as KYC.RED_FLAGS (REVIEW); for US exporters one US.KYC finding sums them up.
//! Structure-derived flags about the end user's type are not raised for EU-27 / EU001 destinations
//! (group `LOW_RISK_DESTINATIONS`), so an ordinary sale to an ally stays CLEAR.

use super::facts::{Facts, PartyFacts};
use super::text::{any_pattern, hs_under};
use super::Out;
use crate::catalog::{self, in_group};
use crate::verdict::Subject;
use serde_json::json;

fn norm(s: &str) -> String {
    super::text::tokens(s).join(" ")
}

pub(crate) fn run(f: &Facts, out: &mut Out) {
    derive(f, out);
    for rf in &f.s.due_diligence.red_flags {
        out.flag(rf, "ticked by you");
    }
    let flags = std::mem::take(&mut out.flags);
    for (code, reasons) in &flags {
        let (title, text) = match catalog::red_flag(code) {
            Some(d) => (format!("{code}: {}", d.text), d.text.clone()),
            None => ("Grounds for suspicion".to_string(), "You declared grounds for suspicion".to_string()),
        };
        out.fire(
            "KYC.RED_FLAGS",
            None,
            Subject::Shipment,
            format!("{title}. Why: {}. Inquire and resolve it (do not self-blind) before shipping; if it cannot be resolved, refrain or ask the authority.", reasons.iter().map(|r| r.trim_end_matches('.')).collect::<Vec<_>>().join("; ")),
            json!({"flag": code, "text": text, "reasons": reasons}),
            &[],
        );
    }
    if f.regime == "US" && !flags.is_empty() {
        out.fire(
            "US.KYC",
            None,
            Subject::Shipment,
            format!(
                "{} red flag(s) ({}). Under BIS 'Know Your Customer' guidance you must inquire, not self-blind; unresolved red flags can amount to 'knowledge' (772.1).",
                flags.len(),
                flags.keys().cloned().collect::<Vec<_>>().join(", ")
            ),
            json!({"flags": flags.keys().collect::<Vec<_>>()}),
            &[],
        );
    }
    out.flags = flags;
}

fn derive(f: &Facts, out: &mut Out) {
    rf19(f, out);
    let vocab = catalog::vocabulary();
    let low_risk = f.dest.as_deref().is_some_and(|d| in_group("LOW_RISK_DESTINATIONS", d));
    let kind = |role: &str| f.party(role).and_then(|p| p.party.kind.as_deref()).unwrap_or("").to_ascii_lowercase();
    let eu_country = f.party("end_user").map(|p| p.party.country.clone()).unwrap_or_default();

    // RF14: end user missing.
    if f.party("end_user").is_none_or(|p| p.party.name.trim().is_empty()) {
        out.flag("RF14", "no end user given");
    }
    // RF10: consignee is a freight forwarder (expected, and no diversion indicator, when the goods stay the
    // exporter's own property on a temporary export such as a fair).
    if let Some(c) = f.party("consignee").filter(|_| !f.own_temporary_export) {
        if vocab.forwarder_party_types.contains(&kind("consignee"))
            || any_pattern(&c.words, &vocab.forwarder_name_words)
        {
            out.flag("RF10", format!("consignee `{}` is a freight forwarder / logistics company", c.party.name));
        }
    }
    // RF05: payer is a third party in a third country.
    if let Some(payer) = f.party("payer") {
        let purchaser = f.party("purchaser");
        let same_name = purchaser.is_some_and(|p| norm(&p.party.name) == norm(&payer.party.name));
        let pc = &payer.party.country;
        let known = [purchaser.map(|p| p.party.country.clone()).unwrap_or_default(), eu_country.clone()];
        if !same_name && !pc.is_empty() && !known.contains(pc) {
            out.flag(
                "RF05",
                format!(
                    "payer `{}` in {pc} is neither the purchaser nor in the purchaser's or end user's country",
                    payer.party.name
                ),
            );
        }
    }
    // RF11: intermediate consignee in a third country.
    for p in f.parties.iter().filter(|p| p.role.starts_with("intermediate")) {
        let c = &p.party.country;
        if !c.is_empty() && *c != f.home && *c != eu_country && !in_group("LOW_RISK_DESTINATIONS", c) {
            out.flag(
                "RF11",
                format!(
                    "{} `{}` in {c} is neither in the exporter's nor in the end user's country",
                    p.role, p.party.name
                ),
            );
        }
    }
    rf16(f, out);
    // RF23: no end-user statement for a listed item.
    if f.s.due_diligence.end_user_statement == Some(false) && f.any_listed() {
        out.flag("RF23", "no end-user statement obtained for a listed item");
    }
    if low_risk {
        return;
    }
    // RF15: trading company buying sensitive goods.
    let sensitive = f.any_listed()
        || !f.nuclear_end_use.is_empty()
        || !f.security_end_use.is_empty()
        || !f.military_end_use.is_empty();
    for role in ["purchaser", "consignee"] {
        if sensitive && vocab.trading_party_types.contains(&kind(role)) {
            if let Some(p) = f.party(role) {
                out.flag("RF15", format!("{role} `{}` is a trading company buying sensitive goods", p.party.name));
            }
        }
    }
    // RF20: nuclear-facility end user (not for NPT-compliant NSG destinations).
    if !f.nuclear_end_use.is_empty() && !f.dest.as_deref().is_some_and(|d| in_group("NSG", d)) {
        for why in &f.nuclear_end_use {
            out.flag("RF20", why.clone());
        }
    }
}

/// RF16: a party in a diversion hub, an item worth diverting (CHP, listed or tagged) and an indicator of
/// diversion. Not for goods that stay the exporter's own property on a temporary export.
fn rf16(f: &Facts, out: &mut Out) {
    if f.own_temporary_export {
        return;
    }
    let cal = catalog::rf16();
    let hubs: Vec<&PartyFacts> =
        f.parties.iter().filter(|p| p.role != "payer" && in_group("DIVERSION_HUBS", &p.party.country)).collect();
    if hubs.is_empty() {
        return;
    }
    let chp = &catalog::russia_annexes().chp_hs;
    let worth: Vec<String> = f
        .items
        .iter()
        .filter(|i| i.listed.is_some() || !i.item.sanctions_goods_tags.is_empty() || hs_under(&i.hs, chp).is_some())
        .map(|i| i.subject.to_string())
        .collect();
    if worth.is_empty() {
        return;
    }
    let country = |role: &str| f.party(role).map(|p| p.party.country.clone()).unwrap_or_default();
    let (eu_c, cons_c) = (country("end_user"), country("consignee"));
    let mut ind: Vec<String> = Vec::new();
    if !eu_c.is_empty() && !cons_c.is_empty() && eu_c != cons_c {
        ind.push(format!("the end user is in {eu_c}, the consignee in {cons_c}"));
    }
    // Consignees include intermediate consignees.
    for p in f
        .parties
        .iter()
        .filter(|p| matches!(p.role.as_str(), "consignee" | "purchaser") || p.role.starts_with("intermediate"))
    {
        let k = p.party.kind.as_deref().unwrap_or("").to_ascii_lowercase();
        if cal.intermediary_types.contains(&k) {
            ind.push(format!("{} `{}` is a {k}", p.role, p.party.name));
        }
    }
    if f.party("end_user").is_none_or(|p| p.party.name.trim().is_empty()) {
        ind.push("no end user given".into());
    }
    if let Some(payer) = f.party("payer") {
        let pc = &payer.party.country;
        if !pc.is_empty() && *pc != eu_c && *pc != country("purchaser") {
            ind.push(format!("the payer is in a third country ({pc})"));
        }
    }
    let esc: Vec<&String> = f.reexport.iter().filter(|c| cal.reexport_escalation.contains(c)).collect();
    if !esc.is_empty() {
        ind.push(format!(
            "the goods are known to be going on to {}",
            esc.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
        ));
    }
    if ind.is_empty() {
        return;
    }
    let hub_s: Vec<String> =
        hubs.iter().map(|p| format!("{} `{}` in {}", p.role, p.party.name, p.party.country)).collect();
    out.flag("RF16", format!("{} (a diversion hub), {}, and {}", hub_s.join(", "), worth.join(", "), ind.join("; ")));
}

/// RF19: a military, security or intelligence end user is a red flag only where it matters (arms embargo,
/// listed items, repression); otherwise it is noted as RF19.INFO without effect on the verdict.
fn rf19(f: &Facts, out: &mut Out) {
    let who: Vec<&String> = f.security_end_use.iter().chain(f.military_end_use.iter()).collect();
    if who.is_empty() {
        return;
    }
    if out.fired("US.EU_744_21") || out.fired("US.EU_744_22") {
        return;
    }
    let cal = catalog::rf19();
    let country = f
        .party("end_user")
        .map(|p| p.party.country.clone())
        .filter(|c| !c.is_empty())
        .or_else(|| f.dest.clone())
        .unwrap_or_default();
    let embargoed = match f.regime {
        "EU" => catalog::eu_arms_embargo(&country).is_some(),
        r => cal.arms_embargo_groups.get(r).is_some_and(|gs| gs.iter().any(|g| in_group(g, &country))),
    };
    let listed = f.any_listed() && !in_group("LOW_RISK_DESTINATIONS", &country);
    let cat = f.s.end_use_category.as_deref().unwrap_or("");
    let repression_user = cal.repression_end_uses.iter().any(|c| c == cat)
        || f.parties
            .iter()
            .filter(|p| matches!(p.role.as_str(), "end_user" | "consignee" | "purchaser"))
            .any(|p| p.party.kind.as_deref().is_some_and(|k| cal.repression_types.iter().any(|t| t == k)));
    let repression = repression_user && in_group("INTERNAL_REPRESSION", &country);
    let whys = who.iter().map(|w| w.as_str()).collect::<Vec<_>>().join("; ");
    let reason = if embargoed {
        Some(format!("{whys}, in {country}, under an arms embargo"))
    } else if listed {
        Some(format!("{whys}, and a listed item: the licensing authority will weigh the end user"))
    } else if repression {
        Some(format!("{whys}, in {country}, a country with internal-repression sanctions"))
    } else {
        None
    };
    match reason {
        Some(r) => out.flag("RF19", r),
        None => out.fire(
            "RF19.INFO",
            None,
            Subject::Shipment,
            format!("The end user is military or security ({whys}), but the goods are not listed and {} is under no arms embargo or military end-use rule of your jurisdiction: a military customer is not by itself a red flag. Noted for the file; no effect on the verdict.", if country.is_empty() { "the destination".to_string() } else { catalog::country_name(&country).unwrap_or(&country).to_string() }),
            json!({"end_user": who, "country": country}),
            &[],
        ),
    }
}
