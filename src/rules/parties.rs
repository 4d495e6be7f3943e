//! Step 3 of §1: restricted-party hits → the rule the exporter's jurisdiction attaches to the list
//! (`data/rules/lists.toml`). Another jurisdiction's list → INFO.FOREIGN_LIST_HIT (REVIEW, RF25).
//! A possible (unconfirmed) match → PARTY.POSSIBLE_MATCH (REVIEW, RF01). For US exporters, parties that
//! belong to a nuclear programme covered by an Entity List entry (data/nuclear/programme.toml) fire US.EL
//! even when the matcher's list has no entry for that facility's own name (e.g. a PAEC power plant).

use super::facts::Facts;
use super::Out;
use crate::catalog;
use crate::screening::Decision;
use crate::verdict::{ListHit, Subject, Verdict};
use serde_json::json;
use std::collections::BTreeSet;

/// The Entity List verdict from the entry's review policy: "denial" → STOP, else LICENCE_REQUIRED; an entry
/// limited to items "other than EAR99" does not reach a shipment of EAR99 items only (CLEAR).
fn el_verdict(f: &Facts, requirement: &str, policy: &str) -> (Verdict, String) {
    let req = requirement.to_ascii_lowercase();
    if req.contains("other than ear99") && f.items.iter().all(|i| i.eccn().is_none()) {
        return (
            Verdict::Clear,
            "The entry's licence requirement covers only items other than EAR99, and every item here is EAR99.".into(),
        );
    }
    if policy.to_ascii_lowercase().contains("denial") {
        (
            Verdict::Stop,
            format!("Licence requirement: {requirement}. Review policy: {policy} — an application will be refused."),
        )
    } else {
        (Verdict::LicenceRequired, format!("Licence requirement: {requirement}. Review policy: {policy}. No licence exceptions are available (744.11, 744.16)."))
    }
}

pub(crate) fn run(f: &Facts, out: &mut Out) {
    let mut el_roles = BTreeSet::new();
    for h in &f.hits {
        let field = |k: &str| h.entry.as_ref().and_then(|e| e.fields.get(k)).cloned().unwrap_or_default();
        let subject = Subject::party(&h.roles);
        let evidence = ListHit {
            list: h.hit.list.clone(),
            entry_id: h.hit.entry_id.clone(),
            listed_name: h.hit.name.clone(),
            matched_name: h.hit.matched_name.clone(),
            score: h.hit.score,
            decision: h.hit.decision,
            fields: h.entry.as_ref().map(|e| e.fields.clone().into()),
            programs: h.entry.as_ref().map(|e| e.programs.clone()),
            superseded: Vec::new(),
        };
        let binding = catalog::list_binding(&h.hit.list);
        let list_name = binding.map(|b| b.name.clone()).unwrap_or_else(|| h.hit.list.clone());
        if h.hit.decision == Decision::Possible {
            out.fire(
                "PARTY.POSSIBLE_MATCH",
                None,
                subject,
                format!(
                    "`{}` is similar to `{}` on the {list_name} (score {:.2}), but the match is not confirmed. Confirm or rule out the identity (address, registration number, date of birth) before shipping; if confirmed, that list's rule applies.",
                    h.party_name, h.hit.matched_name, h.hit.score
                ),
                evidence,
                &[],
            );
            out.flag("RF01", format!("{} `{}` resembles `{}` ({})", h.role, h.party_name, h.hit.name, h.hit.list));
            continue;
        }
        // A UN listing in a jurisdiction that binds only once the person is on its own list.
        if let Some((b, domestic)) = binding.and_then(|b| b.transposed_by.get(f.regime).map(|d| (b, d))) {
            let on_domestic = f.hits.iter().any(|o| {
                o.hit.list == *domestic && o.party_name == h.party_name && o.hit.decision != Decision::Possible
            });
            if !on_domestic {
                if let Some(rule) = &b.transposition_rule {
                    out.fire(
                        rule,
                        None,
                        subject,
                        format!(
                            "`{}` is on the {list_name} as `{}`, but {} the list that gives UN listings effect for a {} exporter. The designation binds States, and is usually transposed within days or weeks: treat the party as if it were listed, and check the current {} before shipping.",
                            h.party_name,
                            h.hit.name,
                            if f.ctx.parties.lists().iter().any(|l| l.id == *domestic) { "not on" } else { "the screening could not consult" },
                            f.regime,
                            catalog::list_binding(domestic).map(|d| d.name.as_str()).unwrap_or(domestic.as_str())
                        ),
                        evidence,
                        &b.citations,
                    );
                    out.flag("RF25", format!("{} `{}` on {}", h.role, h.party_name, h.hit.list));
                }
            }
            continue;
        }
        // Listings a binding jurisdiction does not recognise (Russia and the 2025 Iran snapback).
        let programs: Vec<String> = h.entry.as_ref().map(|e| e.programs.clone()).unwrap_or_default();
        if let Some(nr) = binding.and_then(|b| {
            b.not_recognised.iter().find(|n| {
                n.jurisdiction == f.regime
                    && programs.iter().any(|p| n.programs.iter().any(|x| x.eq_ignore_ascii_case(p)))
            })
        }) {
            out.fire(
                &nr.rule,
                None,
                subject,
                format!(
                    "`{}` is on the {list_name} as `{}` under the {} programme. {}",
                    h.party_name,
                    h.hit.name,
                    programs.join(", "),
                    nr.note
                ),
                evidence,
                &[],
            );
            out.flag("RF25", format!("{} `{}` on {} ({})", h.role, h.party_name, h.hit.list, programs.join(", ")));
            continue;
        }
        // A US list binds a non-US exporter for the items that are subject to the EAR (US origin, de minimis).
        let ear_items: Vec<String> = f.ear_items().iter().map(|i| i.subject.to_string()).collect();
        let via_ear = binding.is_some_and(|b| b.binding_rule(f.regime).is_none() && b.binding_rule("US").is_some())
            && !ear_items.is_empty();
        let bound = if via_ear {
            binding.and_then(|b| b.binding_rule("US").map(|r| (b, r)))
        } else {
            binding.and_then(|b| b.binding_rule(f.regime).map(|r| (b, r)))
        };
        match bound {
            Some((b, rule)) => {
                let (verdict, how) = match b.verdict_from.as_deref() {
                    Some("license_policy") => {
                        el_roles.extend(h.roles.iter().cloned());
                        let (v, t) = el_verdict(f, &field("license_requirement"), &field("license_policy"));
                        (Some(v), t)
                    }
                    Some("supp2_items") => {
                        let supp2 = &catalog::ccl().supp2_744;
                        let hit_items: Vec<String> = f
                            .items
                            .iter()
                            .filter(|i| i.eccn().is_some_and(|e| supp2.iter().any(|p| super::text::under(e, p))))
                            .map(|i| i.subject.to_string())
                            .collect();
                        if hit_items.is_empty() {
                            (Some(Verdict::Review), "No item is in Supp. No. 2 to Part 744, so the MEU licence requirement does not bite; the listing is still a red flag.".to_string())
                        } else {
                            (
                                Some(Verdict::Stop),
                                format!(
                                    "{} is in Supp. No. 2 to Part 744: licence required, presumption of denial.",
                                    hit_items.join(", ")
                                ),
                            )
                        }
                    }
                    _ => (None, b.note.clone().unwrap_or_default()),
                };
                if let Some(o) = &b.obligation {
                    out.oblige(rule, o.clone(), b.obligation_citations.clone());
                }
                let fr = field("federal_register");
                let mut extra: Vec<String> = b.citations.clone();
                if !fr.is_empty() {
                    extra.push(fr);
                }
                // A denial order binds only while in force: past its expiry date it is a review, not a stop.
                let expiry = b.expiry.as_ref().map(|x| field(&x.field)).unwrap_or_default();
                let expired = super::text::day_number(&expiry)
                    .zip(super::text::day_number(&f.screening_date))
                    .is_some_and(|(e, s)| e < s);
                if let (true, Some(x)) = (expired, &b.expiry) {
                    out.fire(
                        &x.rule,
                        None,
                        subject,
                        format!(
                            "`{}` is on the {list_name} as `{}`, but the order's expiration date ({expiry}) is before the screening date ({}). Temporary denial orders are routinely renewed: confirm in the Federal Register or the current Denied Persons List that it was not renewed before shipping.",
                            h.party_name, h.hit.name, f.screening_date
                        ),
                        evidence,
                        &extra,
                    );
                    continue;
                }
                let reach = if via_ear {
                    format!(" The list binds you because {} is subject to the EAR.", ear_items.join(", "))
                } else {
                    String::new()
                };
                out.fire(
                    rule,
                    verdict,
                    subject,
                    format!("`{}` is on the {list_name} as `{}`. {how}{reach}", h.party_name, h.hit.name)
                        .trim_end()
                        .to_string(),
                    evidence,
                    &extra,
                );
            }
            None => {
                out.fire(
                    "INFO.FOREIGN_LIST_HIT",
                    None,
                    subject,
                    format!(
                        "`{}` is on the {list_name} as `{}`. That list does not bind a {} exporter, but it is strong intelligence: find out why the party was listed before shipping.",
                        h.party_name, h.hit.name, f.regime
                    ),
                    evidence,
                    &[],
                );
                out.flag("RF25", format!("{} `{}` on {}", h.role, h.party_name, h.hit.list));
            }
        }
    }

    // US: nuclear-programme facilities covered by an Entity List entry through their parent organisation.
    if f.regime == "US" {
        for (role, e) in &f.nuclear_matches {
            let Some(el) = &e.us_entity_list else { continue };
            if el_roles.contains(role) {
                continue;
            }
            let (v, how) = el_verdict(f, &el.license_requirement, &el.license_policy);
            out.fire(
                "US.EL",
                Some(v),
                Subject::party(&[role]),
                format!("{} is covered by the Entity List entry `{}`. {how}", e.name, el.entry),
                json!({"source": "data/nuclear/programme.toml", "entity": e.id, "entry": el.entry,
                       "license_requirement": el.license_requirement, "license_policy": el.license_policy,
                       "federal_register": el.federal_register}),
                std::slice::from_ref(&el.federal_register),
            );
            el_roles.insert(role.clone());
        }
    }

    stale_lists(f, out);
    // Ownership or control by a UK-designated person is caught unlisted (RF22 declared).
    if f.regime == "GB" && f.s.due_diligence.red_flags.iter().any(|r| r == "RF22") {
        out.fire(
            "UK.SANC.OWNERSHIP",
            None,
            Subject::Parties,
            "You declared that a party may be owned (50 % or more) or controlled by listed persons, or that its ownership is unknown: an entity owned or controlled by a designated person is subject to the asset freeze without being listed itself. Establish the ownership and control before shipping.",
            json!({"red_flag": "RF22"}),
            &[],
        );
    }

    // Parties screened without a hit (only when lists are loaded).
    let lists = f.ctx.parties.lists();
    if !lists.is_empty() {
        let clean: Vec<String> = f
            .parties
            .iter()
            .filter(|p| !p.party.name.trim().is_empty() && !f.hits.iter().any(|h| h.roles.contains(&p.role)))
            .map(|p| format!("{} `{}`", p.role, p.party.name))
            .collect();
        if !clean.is_empty() {
            out.fire(
                "PARTY.NO_MATCH",
                Some(Verdict::Clear),
                Subject::Parties,
                format!("No restricted-party match for {} on the {} loaded lists.", clean.join(", "), lists.len()),
                json!({"parties": clean, "lists": lists.iter().map(|l| &l.id).collect::<Vec<_>>()}),
                &[],
            );
        }
    }
}

/// A list snapshot older than its binding's `stale.after_days` at the screening date: a provenance warning.
/// The snapshot date comes from `list_snapshots` in the input, else from the loaded list's own date.
fn stale_lists(f: &Facts, out: &mut Out) {
    let loaded = f.ctx.parties.lists();
    for b in catalog::list_bindings() {
        let Some(st) = &b.stale else { continue };
        if b.binding_rule(f.regime).is_none() {
            continue;
        }
        let date =
            f.s.list_snapshots
                .iter()
                .find(|s| s.list == b.key)
                .map(|s| s.date.clone())
                .or_else(|| loaded.iter().find(|l| l.id == b.key).map(|l| l.date.clone()));
        let Some(date) = date else { continue };
        let age = super::text::day_number(&f.screening_date).zip(super::text::day_number(&date)).map(|(s, d)| s - d);
        if let Some(age) = age.filter(|a| *a > st.after_days) {
            out.fire(
                &st.rule,
                None,
                Subject::Lists,
                format!("The {} used is dated {date}, {age} days before the screening date ({}): orders are added, renewed and lifted all the time. Screen again against the current list before shipping.", b.name, f.screening_date),
                json!({"list": b.key, "date": date, "screening_date": f.screening_date, "age_days": age}),
                &[],
            );
        }
    }
}
