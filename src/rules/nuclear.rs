//! Step 6 of §1: the nuclear-destination policy (§2.9), for non-US jurisdictions (for US exporters the
//! Entity List entries govern, see `parties`). Facts: `data/nuclear/programme.toml`, groups
//! `NPT_NON_PARTIES`, `NSG`.

use super::facts::Facts;
use super::Out;
use crate::catalog::{self, in_group};
use crate::verdict::Subject;
use serde_json::json;

pub(crate) fn run(f: &Facts, out: &mut Out) {
    if f.regime == "US" {
        return;
    }
    let nuc = catalog::nuclear();
    let mut programme = false;
    for (role, e) in f.programme_matches() {
        programme = true;
        out.fire(
            "NUC.PROGRAM_ENTITY",
            None,
            Subject::party(&[role]),
            format!(
                "{} belongs to {}, a state nuclear programme that runs unsafeguarded nuclear activities outside the NPT. Even for a safeguarded facility, suppliers do not authorise transfers that could contribute to it (NSG Part 2 basic principle, non-proliferation principle): do not ship; consult the authority.",
                e.name,
                e.programme.as_deref().unwrap_or("a nuclear programme")
            ),
            json!({"entity": e.id, "name": e.name, "country": e.country, "facility_safeguarded": e.facility_safeguarded}),
            &nuc.citations,
        );
    }
    if f.nuclear_end_use.is_empty() {
        return;
    }
    let Some(dest) = f.dest.as_deref() else { return };
    if !programme && nuc.programme_countries.iter().any(|c| c == dest) {
        programme = true;
        out.fire(
            "NUC.PROGRAM_ENTITY",
            None,
            Subject::Destination,
            format!(
                "Nuclear end use ({}) in {}: every nuclear facility there belongs to the state programme, which runs unsafeguarded nuclear activities outside the NPT. Do not ship; consult the authority.",
                f.nuclear_end_use.join("; "),
                catalog::country_name(dest).unwrap_or(dest)
            ),
            json!({"country": dest, "nuclear_end_use": f.nuclear_end_use}),
            &nuc.citations,
        );
    }
    if programme {
        return;
    }
    if in_group("NPT_NON_PARTIES", dest) {
        let safeguarded: Vec<&str> =
            f.nuclear_matches.iter().filter(|(_, e)| e.class == "safeguarded").map(|(_, e)| e.name.as_str()).collect();
        out.fire(
            "NUC.NONNPT_SAFEGUARDED",
            None,
            Subject::Destination,
            format!(
                "Nuclear end use ({}) in {}, a state outside the NPT. {} Confirm the facility is on the IAEA-safeguarded list and obtain end-use assurances before shipping.",
                f.nuclear_end_use.join("; "),
                catalog::country_name(dest).unwrap_or(dest),
                if safeguarded.is_empty() { "The facility was not identified as safeguarded.".to_string() } else { format!("{} is under IAEA safeguards.", safeguarded.join(", ")) }
            ),
            json!({"country": dest, "safeguarded_facilities": safeguarded}),
            &[],
        );
    } else if in_group("NSG", dest) {
        out.fire(
            "NUC.NPT_COMPLIANT_INFO",
            None,
            Subject::Destination,
            format!("Nuclear end use in {}, an NPT state and NSG participant with IAEA safeguards: no nuclear-policy objection.", catalog::country_name(dest).unwrap_or(dest)),
            json!({"country": dest}),
            &[],
        );
    }
}
