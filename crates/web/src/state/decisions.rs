//! False-positive decisions: the user decided a party hit is not the listed party. A decision
//! takes the finding out of the verdict while the report still shows it as decided.

use catchall::model::Shipment;
use catchall::verdict::{Finding, PartyRole, Report};
use serde::{Deserialize, Serialize};

/// The user decided a party hit is not the listed party.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FalsePositive {
    /// The party's name as screened (compared case- and space-insensitively).
    pub party_name: String,
    /// The party's country (ISO-2), empty if not given.
    #[serde(default)]
    pub country: String,
    pub list: String,
    pub entry_id: String,
    /// The listed name it was confused with (for display).
    #[serde(default)]
    pub listed_name: String,
    pub note: String,
    /// `YYYY-MM-DD`.
    pub date: String,
}

impl FalsePositive {
    /// Whether this decision covers the hit (same party, country, list and entry).
    pub fn covers(&self, hit: &PartyHit) -> bool {
        norm(&self.party_name) == norm(&hit.party_name)
            && self.country.eq_ignore_ascii_case(&hit.country)
            && self.list == hit.list
            && self.entry_id == hit.entry_id
    }
}

impl super::sync::Keyed for FalsePositive {
    /// One decision per screened party (name and country) and list entry.
    fn key(&self) -> String {
        format!("{}|{}|{}|{}", norm(&self.party_name), self.country.to_ascii_uppercase(), self.list, self.entry_id)
    }
}

fn norm(s: &str) -> String {
    s.split_whitespace().map(|w| w.to_lowercase()).collect::<Vec<_>>().join(" ")
}

/// What identifies a party-list hit in a finding: the screened party and the list entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartyHit {
    pub party_name: String,
    pub country: String,
    pub list: String,
    pub entry_id: String,
    pub listed_name: String,
}

impl PartyHit {
    /// The hit `hit` on the party `party_name` (`country`).
    pub fn of(party_name: &str, country: &str, hit: &HitRef) -> PartyHit {
        PartyHit {
            party_name: party_name.to_string(),
            country: country.to_string(),
            list: hit.list.clone(),
            entry_id: hit.entry_id.clone(),
            listed_name: hit.listed_name.clone(),
        }
    }
}

/// A list entry a screened name hit, as a re-screen finds it and the counterparty book and
/// the inbox save it. Holders embed it with `#[serde(flatten)]`: its fields are saved as the
/// holder's own keys (`crate::state::book::LastScreen`, `crate::state::inbox::InboxItem`),
/// the shape saved records have always had.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HitRef {
    pub list: String,
    pub entry_id: String,
    pub listed_name: String,
    #[serde(default)]
    pub matched_name: String,
    pub score: f64,
    /// `match` or `possible`.
    pub decision: String,
}

/// Reads a party hit out of a finding: a party subject (one party in several roles is one
/// finding) with list-hit evidence. The party itself is looked up in the shipment by its
/// first role.
pub fn party_hit(f: &Finding, shipment: &Shipment) -> Option<PartyHit> {
    let role = f.subject.first_role()?;
    let hit = f.list_hit()?;
    let party = match role {
        PartyRole::Exporter => Some(&shipment.exporter),
        role => {
            let label = role.label();
            shipment.parties.iter().find(|(r, _)| *r == label).map(|(_, p)| p)
        }
    }?;
    Some(PartyHit {
        party_name: party.name.clone(),
        country: party.country.clone(),
        list: hit.list.clone(),
        entry_id: hit.entry_id.clone(),
        listed_name: hit.listed_name.clone(),
    })
}

/// A finding the user's decision took out of the verdict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decided {
    pub finding: Finding,
    pub decision: FalsePositive,
}

/// Applies false-positive decisions: a party-list finding covered by a decision moves from
/// `report.findings` to the returned list, so the (computed) verdict no longer counts it
/// while the report still shows it as decided.
pub fn apply_decisions(mut report: Report, shipment: &Shipment, decisions: &[FalsePositive]) -> (Report, Vec<Decided>) {
    let mut decided = Vec::new();
    let mut kept = Vec::new();
    for f in report.findings {
        let d = party_hit(&f, shipment).and_then(|h| decisions.iter().find(|d| d.covers(&h)));
        match d {
            Some(d) => decided.push(Decided { finding: f, decision: d.clone() }),
            None => kept.push(f),
        }
    }
    report.findings = kept;
    (report, decided)
}
