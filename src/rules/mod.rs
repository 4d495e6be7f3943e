//! The rules engine: shipment → findings (issue 3). Rules run in the order of
//! domain-rules §1; the verdict is the maximum over findings.

use crate::model::Shipment;
use crate::screening::Context;
use crate::verdict::Report;

/// Screens a shipment. Never fails: odd input was rejected by `model::parse_shipment`.
pub fn screen(shipment: &Shipment, ctx: &Context<'_>) -> Report {
    // Skeleton (issue 2): the rule table arrives with issue 3.
    let _ = shipment;
    Report {
        findings: Vec::new(),
        obligations: Vec::new(),
        lists: ctx
            .parties
            .lists()
            .into_iter()
            .map(|m| crate::verdict::ListUsed { id: m.id, name: m.name, date: m.date, entries: m.entries })
            .collect(),
        rules_as_of: String::from("2026-07-23"),
    }
}
