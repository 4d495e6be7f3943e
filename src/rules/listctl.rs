//! Step 4 of §1: list control and general authorisations, per jurisdiction, plus the EU activities
//! (intra-EU transfer, brokering, technical assistance, transit).
//! Facts: `data/eu/ugea.toml`, `data/eu/annex_iv.toml`, `data/eu/cyber.toml`, `data/us/ccl.toml`,
//! `data/us/country_chart.toml`.

use super::facts::{Facts, ItemFacts};
use super::text::under;
use super::Out;
use crate::catalog::{self, in_group, Gea};
use crate::model::Activity;
use crate::verdict::{Subject, Verdict};
use serde_json::json;

pub(crate) fn run(f: &Facts, out: &mut Out) {
    match f.regime {
        "EU" => eu(f, out),
        "US" => us_items(f, out, &f.items.iter().collect::<Vec<_>>()),
        "GB" => national(f, out, "UK.LIST", "the UK Strategic Export Control Lists (retained Annex I)"),
        "RU" => {
            national(f, out, "RU.LIST", "a Russian control list (the lists implement the same regime entries)");
            eaeu(f, out);
        }
        "JP" => japan(f, out),
        _ => {}
    }
}

/// Does the exporter know or has been told of a 4(1) use (WMD, or military use in an embargoed destination)?
pub(crate) fn eu_knowledge(f: &Facts) -> Option<String> {
    let dd = &f.s.due_diligence;
    if dd.informed_by_authority {
        return Some("you were informed by the authority".into());
    }
    if let Some(d) = super::denials::informed(f) {
        return Some(format!("{} informed you that a licence is required", d.authority));
    }
    if dd.aware_wmd_use {
        return Some("you are aware of a WMD use".into());
    }
    if let Some((role, e)) = f.programme_matches().next() {
        return Some(format!(
            "{role} belongs to {} ({})",
            e.programme.as_deref().unwrap_or("a nuclear programme"),
            e.name
        ));
    }
    // A military customer alone is not a military end use (Art. 2(19)): the end use must be declared or known.
    let vocab = catalog::vocabulary();
    let declared_military =
        f.s.end_use_category.as_deref().is_some_and(|c| vocab.military_end_uses.iter().any(|m| m == c))
            || dd.aware_military_end_use;
    if declared_military && f.party_countries.iter().any(|c| catalog::eu_arms_embargo(c).is_some_and(|e| e.art_4_1_b)) {
        return Some("a military end use in an arms-embargoed destination".into());
    }
    None
}

fn eu(f: &Facts, out: &mut Out) {
    let listed: Vec<(&ItemFacts, &str)> = f.items.iter().filter_map(|i| i.annex_code().map(|c| (i, c))).collect();
    let dest_in_eu = f.dest.as_deref().is_some_and(|d| in_group("EU27", d));
    match f.s.activity {
        Activity::IntraEuTransfer => {
            intra(f, out, &listed);
            return;
        }
        Activity::Brokering | Activity::TechnicalAssistance | Activity::Transit => {
            activities(f, out, &listed);
            return;
        }
        Activity::Export | Activity::TemporaryExport => {}
    }
    if dest_in_eu {
        // An "export" to another Member State is an intra-EU transfer.
        intra(f, out, &listed);
        return;
    }
    let gea_data = catalog::ugeas();
    for (it, code) in listed {
        let what = f.describe_code(code);
        let mut blocked: Vec<serde_json::Value> = Vec::new();
        let mut covered: Option<&Gea> = None;
        if let Some(dest) = f.dest.as_deref() {
            for g in &gea_data.gea {
                match gea_applies(f, g, code, dest, &gea_data.section_i) {
                    Ok(true) => {
                        covered = Some(g);
                        break;
                    }
                    Ok(false) => {}
                    Err((reason, why)) => blocked.push(json!({"gea": g.id, "reason": reason, "why": why})),
                }
            }
        }
        if let Some(g) = covered {
            out.fire(
                &format!("EU.GEA.{}", g.id),
                None,
                it.subject.clone(),
                format!("{what} is listed in Annex I, but Union General Export Authorisation {} ({}) covers its export to {}. Meet the UGEA's conditions and obligations.", g.id, g.title, f.dest_label()),
                json!({"code": code, "gea": g.id, "destination": f.dest}),
                &g.citations,
            );
            for o in &gea_data.obligations {
                out.oblige(&format!("EU.GEA.{}", g.id), o.clone(), gea_data.obligation_citations.clone());
            }
        } else {
            out.fire(
                "EU.LIST.ANNEX_I",
                None,
                it.subject.clone(),
                format!("{what} is listed in Annex I: exporting it to {} needs an individual or global authorisation from your national authority.", f.dest_label()),
                json!({"code": code, "scheme": it.listed.as_ref().map(|l| &l.0), "destination": f.dest}),
                &[format!("Regulation (EU) 2021/821, Annex I ({code})")],
            );
            if !blocked.is_empty() {
                let text: Vec<String> = blocked
                    .iter()
                    .map(|b| format!("{}: {}", b["gea"].as_str().unwrap_or(""), b["why"].as_str().unwrap_or("")))
                    .collect();
                out.fire(
                    "EU.GEA.NOT_APPLICABLE",
                    None,
                    it.subject.clone(),
                    format!("A Union General Export Authorisation would cover this destination but cannot be used: {}.", text.join("; ")),
                    json!({"code": code, "blocked": blocked, "reasons": blocked.iter().map(|b| b["reason"].clone()).collect::<Vec<_>>()}),
                    &[],
                );
            }
        }
        if catalog::cyber().listed_codes.iter().any(|p| under(code, p)) {
            out.fire(
                "EU.CYBER.HR_RISK",
                None,
                it.subject.clone(),
                format!("{what} is a cyber-surveillance item: the authority will weigh the risk of internal repression and serious human-rights violations by the end user before granting a licence."),
                json!({"code": code}),
                &[],
            );
        }
    }
}

/// `Ok(true)`: the UGEA covers the item to `dest`; `Ok(false)`: not its scope (item or destination);
/// `Err(why)`: in scope but a condition excludes it.
fn gea_applies(f: &Facts, g: &Gea, code: &str, dest: &str, section_i: &[String]) -> Result<bool, (String, String)> {
    if !gea_scope(f, g, code, dest, section_i).map_err(|why| ("excluded".to_string(), why))? {
        return Ok(false);
    }
    gea_conditions(f, g)
}

/// The destination-independent conditions of a UGEA in scope: re-export, free zones, EU004 Part 3.
fn gea_conditions(f: &Facts, g: &Gea) -> Result<bool, (String, String)> {
    let in_set = |c: &String| {
        g.destinations.iter().any(|d| d == c)
            || in_group("EU27", c)
            || (!g.destinations_all_except.is_empty() && !g.destinations_all_except.iter().any(|d| d == c))
    };
    let beyond: Vec<&String> = f.reexport.iter().filter(|c| !in_set(c)).collect();
    if !beyond.is_empty() {
        let list = beyond.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ");
        return Err(if g.excludes_reexport_awareness {
            ("reexport_aware".into(), format!("you know the items will be re-exported to {list}, outside {}'s destinations (Part 3 re-export clause)", g.id))
        } else {
            (
                "final_destination_not_covered".into(),
                format!(
                    "the final destination as known at export ({list}) is not one of {}'s destinations (Part 2)",
                    g.id
                ),
            )
        });
    }
    if f.s.customs_free_zone == Some(true) {
        return Err((
            "free_zone".into(),
            format!("the items go to a customs free zone or free warehouse ({} Part 3)", g.id),
        ));
    }
    if let (Some(purpose), Some(te)) = (&g.eu004_purpose, &f.s.temporary_export) {
        if &te.purpose != purpose {
            return Err((
                "eu004_condition_purpose".into(),
                format!("{} covers exhibitions and fairs only, not `{}` (Part 3(3)(f) and 3(6))", g.id, te.purpose),
            ));
        }
        if let (Some(max), Some(days)) = (g.eu004_max_reimport_days, te.reimport_within_days) {
            if days > max {
                return Err((
                    "eu004_condition_reimport".into(),
                    format!("re-import after {days} days exceeds the {max} days of {} Part 3(1)", g.id),
                ));
            }
        }
        let facts = serde_json::to_value(te).unwrap_or_default();
        if let Some(c) =
            g.eu004_conditions.iter().find(|c| facts.get(&c.field).and_then(|v| v.as_bool()) == Some(c.excluded_when))
        {
            return Err((c.reason.clone(), c.text.clone()));
        }
    }
    Ok(true)
}

/// Is the item and destination in the UGEA's scope (`Ok(true)`), outside it (`Ok(false)`), or in scope but
/// excluded by Section I, the UGEA's own exclusions or knowledge (`Err(why)`)?
fn gea_scope(f: &Facts, g: &Gea, code: &str, dest: &str, section_i: &[String]) -> Result<bool, String> {
    let item_in = g.items.iter().any(|p| p == "*" || under(code, p))
        && (g.groups.is_empty() || g.groups.iter().any(|gr| code.get(1..2) == Some(gr.as_str())));
    let dest_in = if g.destinations_all_except.is_empty() {
        g.destinations.iter().any(|d| d == dest)
    } else {
        !g.destinations_all_except.iter().any(|d| d == dest)
    };
    if !item_in || !dest_in {
        return Ok(false);
    }
    if let Some(p) = section_i.iter().find(|p| under(code, p)) {
        return Err(format!("{code} is excluded from all UGEAs (Annex II Section I: {p})"));
    }
    if let Some(p) = g.excluded.iter().find(|p| under(code, p)) {
        return Err(format!("{code} is excluded from {} ({p})", g.id));
    }
    if let Some(act) = &g.requires_activity {
        let a = serde_json::to_value(f.s.activity).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
        if &a != act {
            return Ok(false);
        }
    }
    if let Some(param) = &g.requires_parameter {
        let set = f.items.iter().any(|i| i.item.parameters.get(param).is_some_and(|v| v.as_bool() == Some(true)));
        if !set {
            return Ok(false);
        }
    }
    if g.excludes_arms_embargoed && f.party_countries.iter().any(|c| catalog::eu_arms_embargo(c).is_some()) {
        return Err(format!("{} does not cover destinations under an arms embargo or EU restrictive measures", g.id));
    }
    if !g.excludes_end_user_types.is_empty() {
        if let Some(p) = f
            .parties
            .iter()
            .find(|p| p.party.kind.as_deref().is_some_and(|k| g.excludes_end_user_types.iter().any(|t| t == k)))
        {
            return Err(format!(
                "{} excludes {} end users ({} `{}`)",
                g.id,
                p.party.kind.as_deref().unwrap_or(""),
                p.role,
                p.party.name
            ));
        }
    }
    if let Some(k) = eu_knowledge(f) {
        return Err(format!("UGEAs cannot be used when {k} (Part 3 conditions (a)-(b))"));
    }
    Ok(true)
}

fn intra(f: &Facts, out: &mut Out, listed: &[(&ItemFacts, &str)]) {
    let a = catalog::annex_iv();
    for (it, code) in listed {
        let part = if a.part_ii.iter().any(|p| under(code, p)) {
            Some("Part II")
        } else if a.part_i.iter().any(|p| under(code, p)) {
            Some("Part I")
        } else {
            None
        };
        if let Some(part) = part {
            out.fire(
                "EU.INTRA.ANNEX_IV",
                None,
                it.subject.clone(),
                format!("{} is in Annex IV ({part}): even a transfer within the Union needs an authorisation. Commercial documents must say the items are subject to control if exported from the Union.", f.describe_code(code)),
                json!({"code": code, "annex_iv_part": part}),
                &a.citations,
            );
        }
    }
}

fn activities(f: &Facts, out: &mut Out, listed: &[(&ItemFacts, &str)]) {
    if listed.is_empty() {
        return;
    }
    let Some(k) = eu_knowledge(f) else { return };
    let items: Vec<String> = listed.iter().map(|(i, _)| i.subject.to_string()).collect();
    let ev = json!({"items": items, "knowledge": k, "destination": f.dest});
    match f.s.activity {
        Activity::Brokering => out.fire(
            "EU.BROKERING",
            None,
            Subject::Shipment,
            format!("You are brokering Annex I items and {k}: the brokering services need an authorisation (Art. 6)."),
            ev,
            &[],
        ),
        Activity::TechnicalAssistance => {
            if f.dest.as_deref().is_some_and(|d| in_group("EU_TA_EXEMPT", d)) {
                return;
            }
            out.fire(
                "EU.TECH_ASSIST",
                None,
                Subject::Shipment,
                format!("You are providing technical assistance for Annex I items and {k}: it needs an authorisation (Art. 8)."),
                ev,
                &[],
            )
        }
        Activity::Transit => out.fire(
            "EU.TRANSIT",
            None,
            Subject::Shipment,
            format!("Non-Union Annex I items in transit and {k}: the Member State of transit may prohibit the transit (Art. 7). Contact the authority."),
            ev,
            &[],
        ),
        _ => {}
    }
}

/// The CCL and the Country Chart for `items`: every item of a US exporter, or the items of a non-US exporter
/// that are subject to the EAR (US origin, de minimis, foreign direct product).
pub(crate) fn us_items(f: &Facts, out: &mut Out, items: &[&ItemFacts]) {
    let chart = catalog::country_chart();
    let ccl = catalog::ccl();
    let dest = f.dest.as_deref();
    if let Some(d) = dest.filter(|d| chart.part746.iter().any(|c| c == d)) {
        // Embargoed rows carry no marks: Part 746 (US.EMBARGO) decides, never "NLR". For a US exporter the
        // destination measures fire it; for a non-US exporter it follows the items subject to the EAR.
        if f.regime != "US" {
            for it in items {
                out.fire(
                    "US.EMBARGO",
                    None,
                    it.subject.clone(),
                    format!("{} is subject to the EAR and goes to {}, under a US embargo (Part 746): a licence is required and generally denied.", it.subject, catalog::country_name(d).unwrap_or(d)),
                    json!({"destination": d}),
                    &[],
                );
            }
        }
        return;
    }
    let row_key =
        dest.map(|d| chart.follows.get(d).map(String::as_str).filter(|_| !chart.rows.contains_key(d)).unwrap_or(d));
    for it in items.iter().copied() {
        let equivalent =
            it.item.eccn_equivalent.as_deref().map(super::text::norm_code).filter(|c| super::text::is_control_code(c));
        let Some(eccn) = it.eccn().or(equivalent.as_deref()) else {
            if it.unclassified {
                continue;
            }
            out.fire(
                "US.CCL.NLR",
                None,
                it.subject.clone(),
                "EAR99 / not on the CCL: no licence on the Country Chart basis (NLR), provided no embargo, end-use or end-user rule below applies.",
                json!({"eccn": "EAR99", "destination": dest}),
                &[],
            );
            continue;
        };
        let explicit = ccl.eccn.iter().filter(|e| under(eccn, &e.code)).max_by_key(|e| e.code.len());
        let band = eccn.get(2..3).unwrap_or("9");
        let (columns, approx, all_dest, note) = match explicit {
            Some(e) => (e.columns.clone(), false, e.all_destinations, e.note.clone()),
            None => (ccl.band.get(band).cloned().unwrap_or_default(), true, false, None),
        };
        let mapped = it.listed.as_ref().is_some_and(|(s, _)| s != "ECCN");
        let row: Vec<String> = row_key.and_then(|k| chart.rows.get(k)).cloned().unwrap_or_default();
        let x: Vec<&String> = columns.iter().filter(|c| row.contains(c)).collect();
        let evidence = json!({"eccn": eccn, "columns": columns, "destination": dest, "chart_row": row_key,
                              "x_in": x, "columns_from_regime_band": approx, "mapped_from_annex_i": mapped});
        let caveat = format!(
            "{}{}",
            if approx {
                " The reasons for control were inferred from the ECCN's regime band; confirm them on the CCL."
            } else {
                ""
            },
            if mapped { " The ECCN was taken from the Annex I code (same regime numbering); confirm it." } else { "" }
        );
        if all_dest {
            out.fire(
                "US.CCL.CHART",
                None,
                it.subject.clone(),
                format!("{eccn} requires a licence to all destinations ({}).{caveat}", columns.join(", ")),
                evidence,
                &[],
            );
        } else if dest.is_none() {
            out.fire(
                "US.CCL.CHART",
                Some(Verdict::Review),
                it.subject.clone(),
                format!("{eccn} is on the CCL ({}), but no destination is given, so the Country Chart cannot be read.{caveat}", columns.join(", ")),
                evidence,
                &[],
            );
        } else if !x.is_empty() {
            out.fire(
                "US.CCL.CHART",
                None,
                it.subject.clone(),
                format!(
                    "{eccn} is controlled for {}; the Country Chart row for {} has an X in {}: a licence is required unless a License Exception (Part 740) applies — each X must be overcome separately. License exceptions are not evaluated here.{caveat}{}",
                    columns.join(", "),
                    f.dest_label(),
                    x.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
                    note.map(|n| format!(" {n}")).unwrap_or_default()
                ),
                evidence,
                &[],
            );
        } else {
            out.fire(
                "US.CCL.NLR",
                None,
                it.subject.clone(),
                format!("{eccn} is controlled for {}, but the Country Chart row for {} has no X in those columns: NLR on the CCL basis.{caveat}", columns.join(", "), f.dest_label()),
                evidence,
                &[],
            );
        }
    }
}

/// Japan: rows 1-15 of Appended Table 1 need a METI licence for every destination, Group A included; a
/// bulk licence the exporter holds may cover the row and destination. An EU or ECCN code is mapped to its row.
fn japan(f: &Facts, out: &mut Out) {
    use super::jp::JpRow;
    if f.dest.as_deref() == Some(f.home.as_str()) {
        return;
    }
    let rows = &catalog::jp_table_1().rows;
    for it in &f.items {
        let Some((scheme, code)) = &it.listed else { continue };
        match &it.jp_row {
            Some(JpRow::Row(row)) => {
                let title = rows.get(row).map(String::as_str).unwrap_or("");
                let mapped = scheme != "JP";
                let item_no = if mapped { format!(" (mapped from {scheme} {code}; the item number within the row is to be confirmed)") } else { String::new() };
                let ev = json!({"code": code, "scheme": scheme, "row": row, "mapped": mapped, "destination": f.dest});
                let bulk = f.s.exporter.licences_held.iter().find(|l| {
                    l.authority.eq_ignore_ascii_case("JP")
                        && l.rows.iter().any(|r| r == row)
                        && f.dest.as_ref().is_some_and(|d| l.destinations.iter().any(|x| x == d))
                });
                if let Some(l) = bulk {
                    out.fire(
                        "JP.LIST.BULK_HELD",
                        None,
                        it.subject.clone(),
                        format!("{} is in Appended Table 1 row {row} ({title}){item_no}; your bulk licence (`{}`) covers row {row} to {}. Export under it and meet its conditions and reporting duties.", it.subject, l.kind, f.dest_label()),
                        ev,
                        &[],
                    );
                    out.oblige(
                        "JP.LIST.BULK_HELD",
                        "Meet the bulk licence's conditions: keep the compliance programme, record each export under it and report to METI as the licence requires.".into(),
                        vec!["METI bulk licence rules (包括許可取扱要領)".into()],
                    );
                } else {
                    out.fire(
                        "JP.LIST",
                        None,
                        it.subject.clone(),
                        format!("{} is in Appended Table 1 row {row} ({title}){item_no}: exporting it to {} needs a METI licence (FEFTA Art. 48(1)), whatever the destination, Group A included.", it.subject, f.dest_label()),
                        ev,
                        &[],
                    );
                }
            }
            Some(JpRow::Unmapped) => out.fire(
                "JP.LIST.ROW_UNMAPPED",
                None,
                it.subject.clone(),
                format!("{} is classified {scheme} {code}, an entry with no counterpart in Japan's Appended Table 1 (EU-autonomous or US-unilateral control): classify the item against the Japanese list (Goods Ordinance) before shipping.", it.subject),
                json!({"code": code, "scheme": scheme}),
                &[],
            ),
            None => {}
        }
    }
}

/// Russia: a transfer to a foreign person in another EAEU member state is an export like any other.
fn eaeu(f: &Facts, out: &mut Out) {
    let Some(d) = f.dest.as_deref().filter(|d| *d != f.home && in_group("EAEU", d)) else { return };
    out.fire(
        "RU.EAEU.NO_EXEMPTION",
        None,
        Subject::Destination,
        format!("{} is a member of the Eurasian Economic Union, but export control stays national: the control lists and the catch-all apply to a foreign person there as to any other country, with no customs border to catch errors.", catalog::country_name(d).unwrap_or(d)),
        json!({"destination": d}),
        &[],
    );
}

fn national(f: &Facts, out: &mut Out, rule: &str, list: &str) {
    if f.dest.as_deref() == Some(f.home.as_str()) {
        return;
    }
    for it in &f.items {
        let Some(code) = it.annex_code() else { continue };
        out.fire(
            rule,
            None,
            it.subject.clone(),
            format!(
                "{} is on {list}: exporting it to {} needs a licence (general licences are not evaluated here).",
                f.describe_code(code),
                f.dest_label()
            ),
            json!({"code": code, "destination": f.dest}),
            &[],
        );
    }
}
