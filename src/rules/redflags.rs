//! Step 7 of §1: red flags RF01–RF25 (§7), ticked by the user or derived from the shipment's structure,
//! each reported as KYC.RED_FLAGS (REVIEW); for US exporters one US.KYC finding sums them up.
//! Structure-derived flags about the end user's type are not raised for EU-27 / EU001 destinations
//! (group `LOW_RISK_DESTINATIONS`), so an ordinary sale to an ally stays CLEAR.

use super::facts::Facts;
use super::text::any_pattern;
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
    let vocab = catalog::vocabulary();
    let low_risk = f.dest.as_deref().is_some_and(|d| in_group("LOW_RISK_DESTINATIONS", d));
    let kind = |role: &str| f.party(role).and_then(|p| p.party.kind.as_deref()).unwrap_or("").to_ascii_lowercase();
    let eu_country = f.party("end_user").map(|p| p.party.country.clone()).unwrap_or_default();

    // RF14: end user missing.
    if f.party("end_user").is_none_or(|p| p.party.name.trim().is_empty()) {
        out.flag("RF14", "no end user given");
    }
    // RF10: consignee is a freight forwarder.
    if let Some(c) = f.party("consignee") {
        if vocab.forwarder_party_types.contains(&kind("consignee")) || any_pattern(&c.words, &vocab.forwarder_name_words) {
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
            out.flag("RF05", format!("payer `{}` in {pc} is neither the purchaser nor in the purchaser's or end user's country", payer.party.name));
        }
    }
    // RF11: intermediate consignee in a third country.
    for p in f.parties.iter().filter(|p| p.role.starts_with("intermediate")) {
        let c = &p.party.country;
        if !c.is_empty() && *c != f.home && *c != eu_country && !in_group("LOW_RISK_DESTINATIONS", c) {
            out.flag("RF11", format!("{} `{}` in {c} is neither in the exporter's nor in the end user's country", p.role, p.party.name));
        }
    }
    // RF16: a party in a diversion hub, in another country than the end user.
    for p in f.parties.iter().filter(|p| matches!(p.role.as_str(), "purchaser" | "consignee") || p.role.starts_with("intermediate")) {
        let c = &p.party.country;
        if !c.is_empty() && in_group("DIVERSION_HUBS", c) && *c != eu_country {
            out.flag("RF16", format!("{} `{}` is in {c}, a diversion hub, while the end user is {}", p.role, p.party.name, if eu_country.is_empty() { "undisclosed".to_string() } else { format!("in {eu_country}") }));
        }
    }
    // RF23: no end-user statement for a listed item.
    if f.s.due_diligence.end_user_statement == Some(false) && f.any_listed() {
        out.flag("RF23", "no end-user statement obtained for a listed item");
    }
    if low_risk {
        return;
    }
    // RF15: trading company buying sensitive goods.
    let sensitive = f.any_listed() || !f.nuclear_end_use.is_empty() || !f.security_end_use.is_empty() || !f.military_end_use.is_empty();
    for role in ["purchaser", "consignee"] {
        if sensitive && vocab.trading_party_types.contains(&kind(role)) {
            if let Some(p) = f.party(role) {
                out.flag("RF15", format!("{role} `{}` is a trading company buying sensitive goods", p.party.name));
            }
        }
    }
    // RF19: military / security / intelligence end user.
    for why in f.security_end_use.iter().chain(f.military_end_use.iter()) {
        out.flag("RF19", why.clone());
    }
    // RF20: nuclear-facility end user (not for NPT-compliant NSG destinations).
    if !f.nuclear_end_use.is_empty() && !f.dest.as_deref().is_some_and(|d| in_group("NSG", d)) {
        for why in &f.nuclear_end_use {
            out.flag("RF20", why.clone());
        }
    }
}
