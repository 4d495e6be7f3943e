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
                            (Verdict::LicenceRequired, "Every deciding parameter you gave meets the entry: treat the item as listed")
                        } else {
                            (Verdict::Review, "Some parameters point to the entry: check the item against it before shipping")
                        };
                        out.fire(
                            "CLASS.SUSPECTED_LISTED",
                            Some(v),
                            it.subject.clone(),
                            format!("You said this item is not listed, but its parameters point to {}. {what}. {why}", f.describe_code(&code)),
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
        // "UF6" and other WMD-characteristic specifications (RF17).
        let vocab = crate::catalog::vocabulary();
        if let Some(p) = vocab.wmd_spec_words.iter().find(|p| super::text::has_all(&it.words, p)) {
            out.flag("RF17", format!("{} mentions `{}`", it.subject, p.join(" ")));
        }
    }
}
