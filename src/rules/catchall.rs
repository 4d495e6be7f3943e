//! Step 5 of §1 (non-US): the general catch-all of each jurisdiction through the knowledge mapping of §0.1
//! (`data/rules/catchall.toml`), and the EU-specific ones: military end use in an arms-embargoed
//! destination (Art. 4(1)(b)), parts of illegally exported military items (4(1)(c)), cyber-surveillance
//! (Art. 5), and the German nuclear catch-all (AWV §9, Länderliste K).

use super::facts::Facts;
use super::Out;
use crate::catalog::{self, in_group};
use crate::model::Activity;
use crate::verdict::{Subject, Verdict};
use serde_json::json;

pub(crate) fn run(f: &Facts, out: &mut Out) {
    if f.regime == "US" {
        return;
    }
    if matches!(f.s.activity, Activity::IntraEuTransfer) || f.dest.as_deref() == Some(f.home.as_str()) {
        return;
    }
    if f.regime == "EU" && f.dest.as_deref().is_some_and(|d| in_group("EU27", d)) {
        return;
    }
    general(f, out);
    if f.regime == "EU" {
        eu_specific(f, out);
    }
}

fn parse_effect(s: &str) -> Option<Verdict> {
    serde_json::from_value(json!(s)).ok()
}

fn general(f: &Facts, out: &mut Out) {
    let Some(ca) = catalog::catch_all(f.regime) else { return };
    let dd = &f.s.due_diligence;
    if f.regime == "JP" && f.dest.as_deref().is_some_and(|d| in_group("JP_GROUP_A", d)) {
        // Group A: the objective (use and user) requirements do not apply; only METI's inform requirement does.
        if f.any_unlisted() && (dd.informed_by_authority || super::denials::informed(f).is_some()) {
            out.fire(
                "JP.CATCHALL.GROUP_A",
                None,
                Subject::Shipment,
                format!("{} is a Group A destination, where the catch-all's objective requirements do not apply, but METI informed you that a licence is required (inform requirement): apply for one.", f.dest_label()),
                json!({"destination": f.dest, "group": "A"}),
                &[],
            );
        }
        return;
    }
    // Listed items already need a licence; the catch-all adds S3 (knowledge of WMD use) to them.
    if !f.any_unlisted() && !dd.aware_wmd_use {
        return;
    }
    // JP: parties already caught by the End User List need no second (user-requirement) finding.
    let eul_roles: Vec<&str> = f
        .hits
        .iter()
        .filter(|h| h.hit.list == "jp_meti_eul")
        .flat_map(|h| h.roles.iter().map(String::as_str))
        .collect();
    let derived = f.programme_matches().find(|(role, _)| !(f.regime == "JP" && eul_roles.contains(&role.as_str())));
    let mut grounds: Vec<(&str, &str, String)> = Vec::new(); // (effect, basis, words)
    if dd.aware_wmd_use {
        grounds.push((&ca.aware_wmd, "aware_wmd_use", ca.aware_words.clone()));
    }
    if dd.informed_by_authority {
        grounds.push((&ca.informed, "informed_by_authority", ca.informed_words.clone()));
    }
    if let Some((role, e)) = derived {
        grounds.push((
            &ca.derived,
            "nuclear_programme_party",
            format!("{} (Party: {role}, {}.)", ca.derived_words, e.name),
        ));
    }
    if dd.grounds_for_suspicion {
        grounds.push((&ca.grounds, "grounds_for_suspicion", ca.grounds_words.clone()));
    }
    let mut fired: Vec<(Verdict, &str, String)> = Vec::new();
    for (effect, basis, words) in grounds {
        match effect {
            "KYC" => out.flag("GROUNDS", format!("grounds for suspicion declared: {words}")),
            "none" => {}
            e => {
                if let Some(v) = parse_effect(e) {
                    fired.push((v, basis, words));
                }
            }
        }
    }
    if let Some(v) = fired.iter().map(|x| x.0).max() {
        let detail = fired.iter().map(|x| x.2.as_str()).collect::<Vec<_>>().join(" ");
        out.fire(
            &ca.rule,
            Some(v),
            Subject::Shipment,
            detail,
            json!({"knowledge": fired.iter().map(|x| x.1).collect::<Vec<_>>(), "destination": f.dest}),
            &[],
        );
    }
}

fn eu_specific(f: &Facts, out: &mut Out) {
    let dd = &f.s.due_diligence;
    // Art. 4(1)(b): military end use, arms-embargoed purchasing country or destination. A military customer
    // alone is not a military end use in the sense of Art. 2(19): the end use must be declared military (the
    // items are for incorporation into, or production or maintenance of, military items) or known to be.
    let vocab = catalog::vocabulary();
    let declared_military =
        f.s.end_use_category.as_deref().is_some_and(|c| vocab.military_end_uses.iter().any(|m| m == c))
            || dd.aware_military_end_use;
    if declared_military {
        for c in &f.party_countries {
            let Some(e) = catalog::eu_arms_embargo(c) else { continue };
            let (v, how) = if e.art_4_1_b {
                (Verdict::LicenceRequired, "an authorisation is required (Art. 4(1)(b); aware: notify under 4(2))")
            } else {
                (
                    Verdict::Review,
                    "this embargo is political, outside Art. 4(1)(b) stricto sensu; check national practice",
                )
            };
            out.fire(
                "EU.CATCHALL.MIL_EMBARGO",
                Some(v),
                Subject::Destination,
                format!(
                    "Military end use ({}) and {} is under an arms embargo ({}; scope: {}): {how}.",
                    f.military_end_use.join("; "),
                    catalog::country_name(c).unwrap_or(c),
                    e.basis,
                    e.scope
                ),
                json!({"country": c, "basis": e.basis, "scope": e.scope, "art_4_1_b": e.art_4_1_b, "uncertain": e.uncertain}),
                std::slice::from_ref(&e.basis),
            );
        }
    }
    // Art. 4(1)(c).
    if dd.aware_illegal_military_parts {
        out.fire(
            "EU.CATCHALL.MIL_PARTS",
            None,
            Subject::Shipment,
            "The items are or may be parts or components of military items exported from your Member State without authorisation: an authorisation is required.",
            json!({"aware_illegal_military_parts": true}),
            &[],
        );
    }
    // Art. 5: non-listed cyber-surveillance items.
    let cyber = catalog::cyber();
    for it in f.items.iter().filter(|i| i.listed.is_none()) {
        let text = it.item.description.to_lowercase();
        let kw = cyber.keywords.iter().find(|k| text.contains(k.as_str()));
        let knows = dd.aware_cyber_repression_use || (kw.is_some() && dd.informed_by_authority);
        if knows && (kw.is_some() || dd.aware_cyber_repression_use) {
            out.fire(
                "EU.CATCHALL.CYBER",
                None,
                it.subject.clone(),
                format!(
                    "{} may be a cyber-surveillance item{} and {}: an authorisation is required (Art. 5(1)) — notify the authority (Art. 5(2)).",
                    it.subject,
                    kw.map(|k| format!(" (`{k}`)")).unwrap_or_default(),
                    if dd.aware_cyber_repression_use { "you are aware of a use for internal repression or serious human-rights violations" } else { "the authority informed you of such a use" }
                ),
                json!({"keyword": kw, "aware": dd.aware_cyber_repression_use}),
                &[],
            );
        }
    }
    // DE AWV §9: non-listed goods for a nuclear facility in a Länderliste K country.
    if f.home == "DE" && f.any_unlisted() && !f.nuclear_end_use.is_empty() {
        if let Some(c) = f.dest.as_deref().filter(|d| in_group("DE_LAENDERLISTE_K", d)) {
            out.fire(
                "EU.NATIONAL.DE_AWV9",
                None,
                Subject::Destination,
                format!(
                    "The goods are for the construction or operation of a nuclear facility ({}) in {}, a Länderliste K country: inform BAFA, which decides whether an authorisation is required. Do not ship before BAFA has decided.",
                    f.nuclear_end_use.join("; "),
                    catalog::country_name(c).unwrap_or(c)
                ),
                json!({"country": c, "nuclear_end_use": f.nuclear_end_use}),
                &[],
            );
        }
    }
}
