//! Step 5 of §1 (US): the end-use and end-user controls of 15 CFR Part 744 ("catch-alls").
//! Facts: groups `US_744_SUPP3`, `US_D4`, `US_A3`, `US_744_21_A1/A2`, `US_744_22`; Supp. 2 items in `data/us/ccl.toml`.
//! "Knowledge" includes "reason to know" (772.1); a generic suspicion without a 744.x end use is a red flag.
//! For a non-US exporter the rules run when an item is subject to the EAR (see `reach`).

use super::facts::Facts;
use super::text::under;
use super::Out;
use crate::catalog::{self, in_group};
use crate::verdict::{Subject, Verdict};
use serde_json::json;

pub(crate) fn run(f: &Facts, out: &mut Out) {
    // Part 744 binds every exporter of items subject to the EAR: a US exporter, or a non-US exporter whose
    // items are of US origin or above the de minimis level.
    if f.regime != "US" && f.ear_items().is_empty() {
        return;
    }
    let dd = &f.s.due_diligence;
    let vocab = catalog::vocabulary();
    let cat = f.s.end_use_category.as_deref().unwrap_or("");
    let is = |l: &[String]| l.iter().any(|x| x == cat);
    let dests: Vec<&String> = f.party_countries.iter().collect();
    let any_in = |g: &str| dests.iter().any(|c| in_group(g, c));
    let missile = is(&vocab.missile_end_uses);
    let cbw = is(&vocab.cbw_end_uses);
    let ev = json!({"end_use_category": cat, "destination": f.dest});

    // 744.2 nuclear end uses, outside Supp. 3 countries.
    if !f.dest.as_deref().is_some_and(|d| in_group("US_744_SUPP3", d)) {
        let mut why: Vec<(Verdict, String)> = Vec::new();
        if dd.aware_wmd_use && !missile && !cbw {
            why.push((
                Verdict::Stop,
                "you know the items are for a nuclear explosive or weapons activity (744.2(a)(1); policy S3)".into(),
            ));
        }
        if is(&vocab.nuclear_fuel_cycle_end_uses) {
            why.push((Verdict::LicenceRequired, "the end use is a nuclear fuel-cycle activity — reprocessing, enrichment, heavy water or plutonium fuel (744.2(a)(3))".into()));
        }
        for (role, e) in f.nuclear_matches.iter().filter(|(_, e)| !e.facility_safeguarded) {
            why.push((
                Verdict::LicenceRequired,
                format!(
                    "{role} is {} , which runs unsafeguarded nuclear activities (744.2(a)(2); reason to know)",
                    e.name
                ),
            ));
        }
        if dd.informed_by_authority && !missile && !cbw {
            why.push((Verdict::LicenceRequired, "BIS informed you of a nuclear end-use risk (744.2(b))".into()));
        }
        if let Some(v) = why.iter().map(|w| w.0).max() {
            out.fire(
                "US.EU_744_2",
                Some(v),
                Subject::Shipment,
                format!(
                    "A licence is required for any item subject to the EAR: {}.",
                    why.iter().map(|w| w.1.as_str()).collect::<Vec<_>>().join("; ")
                ),
                ev.clone(),
                &[],
            );
        }
    }
    // 744.3 rocket systems / UAVs.
    if missile && (any_in("US_D4") || dd.aware_wmd_use) {
        let v = if dd.aware_wmd_use { Verdict::Stop } else { Verdict::LicenceRequired };
        out.fire(
            "US.EU_744_3",
            Some(v),
            Subject::Shipment,
            if dd.aware_wmd_use {
                "The items are for rocket systems or UAVs to deliver weapons of mass destruction (744.3(a)(2)): licence required, policy S3 — do not ship.".to_string()
            } else {
                format!("End use `{cat}` in a Country Group D:4 country: rocket systems / UAVs of 300 km range or of unknown range need a licence for any item (744.3(a)(1), (a)(3)).")
            },
            ev.clone(),
            &[],
        );
    }
    // 744.4 chemical and biological weapons.
    if cbw && (dd.aware_wmd_use || dd.informed_by_authority || dd.grounds_for_suspicion) {
        let v = if dd.aware_wmd_use { Verdict::Stop } else { Verdict::LicenceRequired };
        out.fire(
            "US.EU_744_4",
            Some(v),
            Subject::Shipment,
            format!("End use `{cat}` and {}: any item used for chemical or biological weapons, in or by any country, needs a licence (744.4).", if dd.aware_wmd_use { "you know of a CBW use" } else { "you were informed or have reason to know of a CBW use" }),
            ev.clone(),
            &[],
        );
    }
    // 744.21 military end use / end user.
    if !f.military_end_use.is_empty() {
        let supp2 = &catalog::ccl().supp2_744;
        let supp2_items: Vec<String> = f
            .items
            .iter()
            .filter(|i| i.eccn().is_some_and(|e| supp2.iter().any(|p| under(e, p))))
            .map(|i| i.subject.to_string())
            .collect();
        let a2: Vec<&&String> = dests.iter().filter(|c| in_group("US_744_21_A2", c)).collect();
        let a1: Vec<&&String> = dests.iter().filter(|c| in_group("US_744_21_A1", c)).collect();
        if !a2.is_empty() || (!a1.is_empty() && !supp2_items.is_empty()) {
            out.fire(
                "US.EU_744_21",
                None,
                Subject::Shipment,
                format!(
                    "Military end use or end user ({}) in {}: {} need a licence, reviewed with a presumption of denial.",
                    f.military_end_use.join("; "),
                    a2.iter().chain(a1.iter()).map(|c| c.as_str()).collect::<Vec<_>>().join(", "),
                    if !a2.is_empty() { "all items subject to the EAR (744.21(a)(2))".to_string() } else { format!("Supp. No. 2 items ({}) (744.21(a)(1))", supp2_items.join(", ")) }
                ),
                json!({"countries": a2.iter().chain(a1.iter()).collect::<Vec<_>>(), "supp2_items": supp2_items}),
                &[],
            );
        }
    }
    // 744.22 military-intelligence end use / end user.
    if !f.intelligence_end_use.is_empty() {
        let c: Vec<&&String> = dests.iter().filter(|c| in_group("US_744_22", c)).collect();
        if !c.is_empty() {
            out.fire(
                "US.EU_744_22",
                None,
                Subject::Shipment,
                format!("Military-intelligence end use or end user ({}) in {}: licence for any item, presumption of denial (744.22).", f.intelligence_end_use.join("; "), c.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")),
                json!({"countries": c}),
                &[],
            );
        }
    }
    if dd.grounds_for_suspicion && !out.fired("US.EU_744_2") && !out.fired("US.EU_744_3") && !out.fired("US.EU_744_4") {
        out.flag(
            "GROUNDS",
            "grounds for suspicion declared without a specific Part 744 end use: inquire (Supp. 3 to Part 732)",
        );
    }
}
