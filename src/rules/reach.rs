//! US law over a non-US exporter (15 CFR 734.3, 734.4, 734.9; 31 CFR 515.329, 560.215): a foreign-made item is subject to the EAR when
//! it is of US origin, when its US-origin controlled content exceeds the de minimis level (15 CFR 734.4), or
//! when it is a foreign direct product of US technology caught by § 734.9; and OFAC's Iran and Cuba programmes
//! reach foreign entities owned or controlled by US persons. The EU Blocking Statute forbids an EU exporter to
//! comply with those OFAC programmes without authorisation. Facts: groups `US_E1`, `US_E2`, `US_D1`,
//! `US_746_8`, `US_OFAC_SUBSIDIARY_REACH`; `fdp_e1_inputs` in `data/us/ccl.toml`.

use super::facts::{Facts, ItemFacts};
use super::text::{is_control_code, norm_code, under};
use super::Out;
use crate::catalog::{self, in_group};
use crate::screening::Decision;
use crate::verdict::{Subject, Verdict};
use serde_json::json;

/// Is `eccn` a software (D) or technology (E) ECCN?
fn is_d_or_e(eccn: &str) -> bool {
    let c = norm_code(eccn);
    is_control_code(&c) && matches!(c.as_bytes()[1], b'D' | b'E')
}

pub(crate) fn run(f: &Facts, out: &mut Out) {
    if f.regime == "US" {
        return;
    }
    let threshold = f.deminimis_pct();
    let mut subject_to_ear: Vec<&ItemFacts> = Vec::new();
    for it in &f.items {
        let item = it.item;
        if item.us_origin == Some(true) {
            out.fire(
                "US.ORIGIN",
                None,
                it.subject.clone(),
                format!("{} is of US origin: the EAR follow it wherever it goes, so its re-export is screened under US law below as well.", it.subject),
                json!({"us_origin": true}),
                &[],
            );
            subject_to_ear.push(it);
        } else if let Some(why) = f.deminimis_zero(it) {
            out.fire(
                "US.DEMINIMIS",
                None,
                it.subject.clone(),
                format!("{} incorporates US content for which there is no de minimis level ({why}): the foreign-made item is subject to the EAR whatever the share, so it is screened under US law below as well.", it.subject),
                json!({"us_content_eccns": item.us_content_eccns, "threshold_pct": 0, "why": why}),
                &[],
            );
            subject_to_ear.push(it);
        } else if let Some(pct) = item.us_controlled_content_pct {
            if pct > threshold {
                out.fire(
                    "US.DEMINIMIS",
                    None,
                    it.subject.clone(),
                    format!("{} has {pct} % US-origin controlled content, above the {threshold} % de minimis level for this destination: the foreign-made item is subject to the EAR, so it is screened under US law below as well.", it.subject),
                    json!({"us_controlled_content_pct": pct, "threshold_pct": threshold, "us_content_eccns": item.us_content_eccns}),
                    &[],
                );
                subject_to_ear.push(it);
            }
        } else if !item.us_content_eccns.is_empty() {
            out.fire(
                "US.DEMINIMIS.UNKNOWN",
                None,
                it.subject.clone(),
                format!(
                    "{} incorporates US-origin content ({}), but its US controlled-content percentage is not given: calculate it (Supp. No. 2 to Part 734). Above {threshold} % the item is subject to the EAR.",
                    it.subject,
                    item.us_content_eccns.join(", "),
                ),
                json!({"us_content_eccns": item.us_content_eccns}),
                &[],
            );
        }
        if !item.us_direct_product_of.is_empty() && fdp(f, it, out) {
            subject_to_ear.push(it);
        }
    }
    if !subject_to_ear.is_empty() {
        super::listctl::us_items(f, out, &subject_to_ear);
    }
    ofac(f, out);
}

/// The foreign-direct-product rules for one item; true when the item is a direct product subject to the EAR.
fn fdp(f: &Facts, it: &ItemFacts, out: &mut Out) -> bool {
    let item = it.item;
    let inputs: Vec<&String> = item.us_direct_product_of.iter().filter(|e| is_d_or_e(e)).collect();
    let ev = json!({"us_direct_product_of": item.us_direct_product_of, "eccn_equivalent": item.eccn_equivalent});
    let e1_inputs = &catalog::ccl().fdp_e1_inputs;
    let el_hit = |marker: &str| {
        f.hits.iter().find(|h| {
            h.hit.list == "us_entity_list"
                && h.hit.decision != Decision::Possible
                && h.entry
                    .as_ref()
                    .and_then(|e| e.fields.get("license_requirement"))
                    .is_some_and(|r| r.contains(marker))
        })
    };
    // (e)(1): Entity List footnote 1 parties.
    if item.us_direct_product_of.iter().any(|e| e1_inputs.iter().any(|p| under(e, p))) {
        if let Some(h) = el_hit("734.9(e)") {
            out.fire(
                "US.FDP.EL_FN1",
                None,
                it.subject.clone(),
                format!("{} is a direct product of US-origin technology or software of § 734.9(e)(1) and `{}` is an Entity List footnote 1 party: the item is subject to the EAR and needs a BIS licence, reviewed with a presumption of denial. Do not ship.", it.subject, h.party_name),
                ev,
                &[],
            );
            return true;
        }
    }
    if inputs.is_empty() {
        return false;
    }
    // (g): Russian or Belarusian military end users (footnote 3).
    if let Some(h) = el_hit("734.9(g)") {
        out.fire(
            "US.FDP.RU_BY_FN3",
            None,
            it.subject.clone(),
            format!("{} is a direct product of US technology or software and `{}` is an Entity List footnote 3 party (Russian or Belarusian military end user): licence required, policy of denial.", it.subject, h.party_name),
            ev,
            &[],
        );
        return true;
    }
    let dests = f.sanction_countries();
    let equivalent = item.eccn_equivalent.as_deref().map(norm_code).filter(|c| is_control_code(c));
    // (f): Russia and Belarus.
    if let (Some(eq), Some(c)) = (&equivalent, dests.iter().find(|c| in_group("US_746_8", c))) {
        out.fire(
            "US.FDP.RU_BY",
            None,
            it.subject.clone(),
            format!("{} ({eq} equivalent) is a direct product of US technology or software and goes to {c}: it is subject to the EAR under § 734.9(f) and needs a licence under a policy of denial.", it.subject),
            ev,
            &[],
        );
        return true;
    }
    // (j): Iran, Category 3-9 items.
    if let (Some(eq), true) = (&equivalent, dests.iter().any(|c| *c == "IR")) {
        if (b'3'..=b'9').contains(&eq.as_bytes()[0]) {
            out.fire(
                "US.FDP.IR",
                None,
                it.subject.clone(),
                format!("{} ({eq} equivalent, Category 3-9) is a direct product of US technology or software and goes to Iran: subject to the EAR under § 734.9(j); licence required, policy of denial.", it.subject),
                ev,
                &[],
            );
            return true;
        }
    }
    // (b) national security and the others: both prongs can be judged only with the item's own classification.
    match &equivalent {
        None => {
            out.fire(
                "US.FDP.OTHER",
                Some(Verdict::Review),
                it.subject.clone(),
                format!("{} is a direct product of US technology or software, but its own ECCN-equivalent classification is not given: the foreign-direct-product rules (§ 734.9) cannot be ruled out. Classify the item.", it.subject),
                ev,
                &[],
            );
            false
        }
        Some(eq)
            if eq.as_bytes()[2] != b'9'
                && dests.iter().any(|c| in_group("US_D1", c) || in_group("US_E1", c) || in_group("US_E2", c)) =>
        {
            out.fire(
                "US.FDP.OTHER",
                None,
                it.subject.clone(),
                format!("{} ({eq} equivalent) is a direct product of US technology or software going to a Country Group D:1, E:1 or E:2 destination: the national-security foreign-direct-product rule (§ 734.9(b)) makes it subject to the EAR if the technology and the item are controlled for national security (uncertain: confirm both). A licence is required.", it.subject),
                ev,
                &[],
            );
            true
        }
        _ => false,
    }
}

/// OFAC programmes over US-owned or -controlled foreign entities, and the EU Blocking Statute.
fn ofac(f: &Facts, out: &mut Out) {
    if f.s.exporter.us_owned_or_controlled != Some(true) {
        return;
    }
    let hit: Vec<&String> =
        f.sanction_countries().into_iter().filter(|c| in_group("US_OFAC_SUBSIDIARY_REACH", c)).collect();
    if hit.is_empty() {
        return;
    }
    let names: Vec<String> = hit.iter().map(|c| format!("{} ({c})", catalog::country_name(c).unwrap_or(c))).collect();
    out.fire(
        "US.OFAC.FOREIGN_SUBSIDIARY",
        None,
        Subject::Exporter,
        format!("You are owned or controlled by US persons and a party is in {}: OFAC's regulations reach you as if you were a US person (Iran: 31 CFR 560.215; Cuba: 31 CFR 515.329(d)). The transaction is prohibited unless exempt or authorised by a general or specific licence.", names.join(", ")),
        json!({"countries": hit, "us_owned_or_controlled": true}),
        &[],
    );
    if f.regime == "EU" {
        out.fire(
            "EU.BLOCKING_STATUTE",
            None,
            Subject::Exporter,
            "The US Iran and Cuba sanctions are listed in the EU Blocking Statute: as an EU company you may not comply with them unless the Commission authorises it (Art. 5), and you must inform the Commission within 30 days when your economic or financial interests are affected by them (Art. 2). Seek the authorisation before refusing the deal on US grounds. This note does not change the verdict.",
            json!({"regulation": "2271/96"}),
            &[],
        );
    }
}
