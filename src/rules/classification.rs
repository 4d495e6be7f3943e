//! Classification doubts (§6): the classifier's concerns about an item → CLASS.SUSPECTED_LISTED /
//! CLASS.PARAMETERS_MISSING. An unclassified item (`classification: null`) is itself a missing parameter.

use super::facts::Facts;
use super::Out;
use crate::screening::ItemConcern;
use crate::verdict::Verdict;
use serde_json::json;

pub(crate) fn run(f: &Facts, out: &mut Out) {
    for it in &f.items {
        let mut missing_fired = false;
        // The user classified the item as listed: the classifier's doubts cannot lower that.
        if it.listed.is_none() {
            for c in f.ctx.controls.concerns(it.item) {
                match c {
                    ItemConcern::SuspectedListed { code, clearly_meets, why } => {
                        let (v, what) = if clearly_meets {
                            (
                                Verdict::LicenceRequired,
                                "Every deciding parameter you gave meets the entry: treat the item as listed",
                            )
                        } else {
                            (
                                Verdict::Review,
                                "Some parameters point to the entry: check the item against it before shipping",
                            )
                        };
                        out.fire(
                            "CLASS.SUSPECTED_LISTED",
                            Some(v),
                            it.subject.clone(),
                            format!(
                                "You said this item is not listed, but its parameters point to {}. {what}. {why}",
                                f.describe_code(&code)
                            ),
                            json!({"code": code, "clearly_meets": clearly_meets, "why": why}),
                            &[],
                        );
                    }
                    ItemConcern::ParametersMissing { code, missing, why } => {
                        missing_fired = true;
                        out.fire(
                            "CLASS.PARAMETERS_MISSING",
                            None,
                            it.subject.clone(),
                            format!(
                                "The description points to {}, but the deciding parameters are missing: {}. {why}",
                                f.describe_code(&code),
                                missing.join(", ")
                            ),
                            json!({"code": code, "missing": missing, "why": why}),
                            &[],
                        );
                    }
                }
            }
        }
        if it.unclassified && !missing_fired {
            out.fire(
                "CLASS.PARAMETERS_MISSING",
                None,
                it.subject.clone(),
                "The item has no classification: give its control-list code, or mark it `not_listed` once you have checked it against the list.",
                json!({"classification": null}),
                &[],
            );
        }
        rf17(f, it, out);
    }
}

/// RF17: a WMD-characteristic specification that the declared classification, end use and end user do not
/// explain (families in `data/rules/red_flags.toml`).
fn rf17(f: &Facts, it: &super::facts::ItemFacts, out: &mut Out) {
    let cat = f.s.end_use_category.as_deref().unwrap_or("");
    let country = f
        .party("end_user")
        .map(|p| p.party.country.as_str())
        .filter(|c| !c.is_empty())
        .or(f.dest.as_deref())
        .unwrap_or("");
    for fam in crate::catalog::rf17_families() {
        let Some(tok) = fam.tokens.iter().find(|p| super::text::has_all(&it.words, p)) else { continue };
        if let Some(min) = fam.min_hz {
            let hz = it.words.iter().any(|w| w == "hz" || w == "khz");
            let kilo = it.words.iter().any(|w| w == "khz");
            let max = it.words.iter().filter_map(|w| w.parse::<f64>().ok()).fold(0.0_f64, f64::max)
                * if kilo { 1000.0 } else { 1.0 };
            if !hz || max < min {
                continue;
            }
        }
        let mut why: Vec<String> = Vec::new();
        if it.listed.is_none() {
            why.push("it is declared not listed".into());
            if !out.findings.iter().any(|x| x.rule == "CLASS.SUSPECTED_LISTED" && x.subject == it.subject) {
                out.fire(
                    "CLASS.SUSPECTED_LISTED",
                    None,
                    it.subject.clone(),
                    format!("{} is declared not listed, but its specification (`{}`) is typical of {} items on the control lists: check the classification against the list before shipping.", it.subject, tok.join(" "), fam.family.to_lowercase()),
                    json!({"family": fam.family, "token": tok}),
                    &[],
                );
            }
        }
        if cat.is_empty() || cat == "unknown" || !fam.plausible.iter().any(|p| p == cat) {
            why.push(if cat.is_empty() || cat == "unknown" {
                "the end use is unknown".to_string()
            } else {
                format!("end use `{cat}` does not need it")
            });
        }
        let mut concern: Vec<String> = fam
            .concern_groups
            .iter()
            .filter(|g| crate::catalog::in_group(g, country))
            .map(|g| format!("{country} is in {g}"))
            .collect();
        if fam.programme {
            concern.extend(f.programme_matches().map(|(role, e)| format!("{role} belongs to {}", e.name)));
        }
        if let Some(code) = &fam.eul_concern {
            concern.extend(
                f.hits
                    .iter()
                    .filter(|h| {
                        h.entry
                            .as_ref()
                            .and_then(|e| e.fields.get("concern"))
                            .is_some_and(|c| c.contains(code.as_str()))
                    })
                    .map(|h| format!("{} is on the METI End User List (concern {code})", h.role)),
            );
        }
        why.extend(concern);
        if !why.is_empty() {
            out.flag(
                "RF17",
                format!(
                    "{} mentions `{}` ({}): {}",
                    it.subject,
                    tok.join(" "),
                    fam.family.to_lowercase(),
                    why.join("; ")
                ),
            );
        }
    }
}
