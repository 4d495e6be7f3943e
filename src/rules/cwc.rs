//! Scheduled chemicals to States not party to the Chemical Weapons Convention (CWC Verification Annex Parts VII and VIII).
//! The Convention binds every exporter jurisdiction modelled here, so the rule is the same under each.
//! Facts: `data/regimes/cwc.toml`, groups `CWC_NON_PARTIES`, `CWC_STATUS_UNCLEAR`.

use super::facts::Facts;
use super::Out;
use crate::catalog::{self, in_group};
use serde_json::json;

pub(crate) fn run(f: &Facts, out: &mut Out) {
    let mut dests: Vec<&String> =
        f.party("end_user").map(|p| &p.party.country).filter(|c| !c.is_empty()).into_iter().collect();
    dests.extend(f.dest.iter());
    dests.extend(f.reexport.iter());
    dests.sort();
    dests.dedup();
    let non_party: Vec<&String> = dests.iter().copied().filter(|c| in_group("CWC_NON_PARTIES", c)).collect();
    let unclear: Vec<&String> = dests.iter().copied().filter(|c| in_group("CWC_STATUS_UNCLEAR", c)).collect();
    let names = |cs: &[&String]| {
        cs.iter().map(|c| format!("{} ({c})", catalog::country_name(c).unwrap_or(c))).collect::<Vec<_>>().join(", ")
    };
    for it in &f.items {
        let Some(sched) = it.item.cwc_schedule.as_deref() else { continue };
        let Some(def) = catalog::cwc_schedule(sched) else { continue };
        let ev = |countries: &[&String]| {
            json!({"schedule": sched, "countries": countries, "concentration_pct": it.item.cwc_max_concentration_pct,
                   "consumer_retail_pack": it.item.consumer_retail_pack})
        };
        if !non_party.is_empty() {
            let retail = it.item.consumer_retail_pack == Some(true) && def.mixture_exempt_max_pct.is_some();
            let mixture =
                def.mixture_exempt_max_pct.zip(it.item.cwc_max_concentration_pct).is_some_and(|(max, pct)| pct <= max);
            if retail || mixture {
                continue;
            }
            out.fire(
                &def.rule,
                None,
                it.subject.clone(),
                if sched.starts_with('3') {
                    format!("{} contains a Schedule {sched} chemical and goes to {}, not a State Party to the CWC: an end-use certificate from the recipient's government is required before export.", it.subject, names(&non_party))
                } else {
                    format!(
                        "{} contains a Schedule {sched} chemical{} and goes to {}, not a State Party to the CWC: such chemicals may be transferred only to States Parties. Do not ship.",
                        it.subject,
                        it.item.cwc_max_concentration_pct.map(|p| format!(" at {p} %")).unwrap_or_default(),
                        names(&non_party)
                    )
                },
                ev(&non_party),
                &[],
            );
        } else if !unclear.is_empty() {
            out.fire(
                "CWC.STATUS_UNCLEAR",
                None,
                it.subject.clone(),
                format!("{} contains a Schedule {sched} chemical and goes to {}, which is neither a State Party nor a listed non-party; national practice varies (uncertain). Ask the authority how transfers there are treated.", it.subject, names(&unclear)),
                ev(&unclear),
                &[],
            );
        }
    }
}
