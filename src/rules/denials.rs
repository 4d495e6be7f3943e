//! Prior licence denials, revocations and "informed" letters the exporter has recorded
//! (`due_diligence.prior_denials`). An authority that denied an essentially
//! identical transaction will deny it again; being informed creates the licence requirement itself; another
//! authority's denial for the same end user makes the exporter aware of the risk (EU Art. 4(2), Art. 16
//! consultation), and any other denial on record is a matter to review.

use super::facts::Facts;
use super::Out;
use crate::model::PriorDenial;
use crate::verdict::{Subject, Verdict};
use serde_json::json;

/// Is `authority` the exporter's own licensing authority (for EU exporters: its own Member State)?
fn own(f: &Facts, authority: &str) -> bool {
    let a = authority.trim().to_ascii_uppercase();
    match f.regime {
        "EU" => a == format!("EU:{}", f.home),
        r => a == r || (r == "GB" && a == "UK"),
    }
}

/// An "informed" letter from the exporter's own authority: all general authorisations and licence exceptions
/// are unavailable, as under the catch-all "informed" ground.
pub(crate) fn informed<'a>(f: &Facts<'a>) -> Option<&'a PriorDenial> {
    f.s.due_diligence.prior_denials.iter().find(|d| d.kind == "informed_requirement" && own(f, &d.authority))
}

pub(crate) fn run(f: &Facts, out: &mut Out) {
    for (i, d) in f.s.due_diligence.prior_denials.iter().enumerate() {
        let subject = Subject::PriorDenial(i);
        let ground = d.ground.as_deref().unwrap_or("unknown");
        let ev = json!({"authority": d.authority, "kind": d.kind, "same_items": d.same_items, "same_end_user": d.same_end_user,
                        "date": d.date, "ground": ground, "in_force": d.in_force});
        let what = match d.kind.as_str() {
            "revocation" => "revoked a licence",
            "informed_requirement" => "informed you that a licence is required",
            _ => "denied a licence",
        };
        let dated = if d.date.is_empty() { String::new() } else { format!(" on {}", d.date) };
        let is_own = own(f, &d.authority);
        if is_own && d.kind != "informed_requirement" && d.same_items && d.same_end_user && d.in_force != Some(false) {
            out.fire(
                "KYC.PRIOR_DENIAL.SAME_AUTHORITY",
                None,
                subject,
                format!("Your own authority ({}) {what}{dated} for the same items to the same end user, and the decision is in force: this is an essentially identical transaction. Do not ship; a new application would need new facts.", d.authority),
                ev,
                &[],
            );
        } else if is_own && d.kind == "informed_requirement" {
            out.fire(
                "KYC.PRIOR_DENIAL.INFORMED",
                None,
                subject,
                format!("Your authority ({}) {what}{dated}: apply for an individual licence. General authorisations and licence exceptions cannot be used.", d.authority),
                ev,
                &[],
            );
        } else if d.same_end_user {
            let serious = matches!(ground, "wmd" | "military");
            out.fire(
                "KYC.PRIOR_DENIAL.SAME_END_USER",
                Some(if serious { Verdict::LicenceRequired } else { Verdict::Review }),
                subject,
                if serious {
                    format!("{} {what}{dated} for this end user on {ground} grounds: you are now aware of the risk, so the catch-all applies and general authorisations are lost. Apply for a licence and disclose the denial.", d.authority)
                } else {
                    format!("{} {what}{dated} for this end user (ground: {ground}): find out why before shipping; an authority will consult the one that denied (EU: Art. 16).", d.authority)
                },
                ev,
                &[],
            );
        } else {
            out.fire(
                "KYC.PRIOR_DENIAL.OTHER",
                None,
                subject,
                format!("{} {what}{dated} ({}; ground: {ground}). Find out whether it concerns an essentially identical transaction; if you apply for an individual licence the authority will consult the one that denied (EU: Art. 16).", d.authority, if d.same_items { "same items, other end user" } else { "other items" }),
                ev,
                &[],
            );
        }
    }
}
