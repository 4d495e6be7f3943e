//! Evidence packs in the app (the engine's `catchall::evidence`, the format `catchall verify`
//! reads): export one saved screening as a sealed pack, and check a pack against the lists
//! this browser has loaded. Pure: the page does the re-screening through `runtime`.

use super::decisions::apply_decisions;
use super::store::Record;
use catchall::evidence::{Pack, PackList, Verdict, FORMAT};
use catchall::screening::ListMeta;
use catchall::verdict::Report;

/// A pack for a saved screening. `fresh` is the engine's report for the record's shipment with
/// the lists loaded now: the pack is written only when it is the saved report (the same report
/// once the record's decisions are applied), so the pack states what the screening gave.
pub fn pack_for(record: &Record, fresh: &Report, today: &str) -> Result<Pack, String> {
    let decisions: Vec<_> = record.decided.iter().map(|d| d.decision.clone()).collect();
    let (after, _) = apply_decisions(fresh.clone(), &record.shipment, &decisions);
    if after != record.report {
        let diffs = catchall::evidence::compare_reports(
            &catchall::evidence::report_json(&record.report),
            &catchall::evidence::report_json(&after),
        );
        return Err(format!(
            "No evidence pack written: screening this shipment now gives another report than the saved one ({}). \
             A pack records the screening as the engine gives it; screen the shipment again to record the current one.",
            diffs.join("; ")
        ));
    }
    let shipment = serde_json::to_value(&record.shipment).map_err(|e| format!("the shipment: {e}"))?;
    let decided = serde_json::to_value(&record.decided).map_err(|e| format!("the decisions: {e}"))?;
    Ok(Pack::new(shipment, fresh, decided, today))
}

/// What a pack check can do with the lists loaded.
#[derive(Clone, Debug, PartialEq)]
pub enum Check {
    /// Every recorded list version is loaded, and no other list: re-screen the shipment.
    Rescreen(Box<Pack>, Box<catchall::model::Shipment>),
    /// The pack was altered: no re-screening (its content is not vouched for).
    Altered(Box<Pack>),
    /// A recorded list version is not loaded here (id of date, hash).
    Missing(Box<Pack>, Vec<PackList>),
    /// This browser screens with lists the pack did not use, so its report would differ.
    Extra(Vec<String>),
}

/// Reads a pack and decides how to check it against `loaded` (the lists screenings use now).
pub fn check(text: &str, loaded: &[ListMeta]) -> Result<Check, String> {
    let pack: Pack = serde_json::from_str(text).map_err(|e| format!("not an evidence pack: {e}"))?;
    if pack.format != FORMAT {
        return Err(format!("format {:?}: this app reads {FORMAT:?}", pack.format));
    }
    if pack.computed_hash() != pack.hash {
        return Ok(Check::Altered(Box::new(pack)));
    }
    let missing: Vec<PackList> =
        pack.lists.iter().filter(|l| !loaded.iter().any(|m| m.id == l.id && m.hash == l.hash)).cloned().collect();
    if !missing.is_empty() {
        return Ok(Check::Missing(Box::new(pack), missing));
    }
    let extra: Vec<String> =
        loaded.iter().filter(|m| !pack.lists.iter().any(|l| l.id == m.id)).map(|m| m.id.clone()).collect();
    if !extra.is_empty() {
        return Ok(Check::Extra(extra));
    }
    let shipment = catchall::model::parse_shipment(&pack.shipment.to_string())
        .map_err(|e| format!("the recorded shipment: {}: {}", e.field, e.message))?;
    Ok(Check::Rescreen(Box::new(pack), Box::new(shipment)))
}

/// The outcome in words: a class (`ok`, `error`, `warn`), a headline and the details.
pub fn outcome(c: &Check, fresh: Option<&Report>) -> (&'static str, String, Vec<String>) {
    let v = match c {
        Check::Extra(ids) => {
            return (
                "warn",
                "Cannot tell: this browser screens with lists the pack did not use".into(),
                vec![format!(
                    "Also loaded here: {}. Remove those imports to verify here, or use `catchall verify`.",
                    ids.join(", ")
                )],
            )
        }
        Check::Altered(p) => catchall::evidence::verify(p, None, &[], false),
        Check::Missing(p, missing) => catchall::evidence::verify(p, None, missing, false),
        Check::Rescreen(p, _) => catchall::evidence::verify(p, fresh, &[], false),
    };
    match v {
        Verdict::Identical { note } => (
            "ok",
            "Identical: the pack is intact and re-screening gives the recorded report".into(),
            note.into_iter().collect(),
        ),
        Verdict::Differs { why, differences } => ("error", format!("Differs: {}", why.join("; ")), differences),
        Verdict::CannotTell { missing } => (
            "warn",
            "Cannot tell: a recorded list version is not loaded in this browser".into(),
            missing.into_iter().map(|m| format!("not loaded: {m}")).collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Action, Session};
    use catchall::lists::List;
    use catchall::screening::{Context, EntityKind, Entry, PartyScreener};

    const CHASHMA: &str = include_str!("../../../../data/examples/chashma_2021.json");

    fn index(date: &str) -> catchall::names::Index {
        let meta = ListMeta {
            id: "us_sdn".into(),
            date: date.into(),
            entries: 1,
            hash: format!("fnv1a64:{date}"),
            ..ListMeta::default()
        };
        let e = Entry {
            id: "1".into(),
            kind: EntityKind::Organization,
            name: "HASSAN SCIENTIFIC CORPORATION".into(),
            countries: vec!["PK".into()],
            ..Entry::default()
        };
        catchall::names::Index::build(vec![List { meta, entries: vec![e] }])
    }

    fn screen(ix: &catchall::names::Index, s: &catchall::model::Shipment) -> Report {
        catchall::rules::screen(s, &Context { parties: ix, controls: &catchall::screening::NoControls })
    }

    /// Export then check: identical; an edited pack is "altered"; other lists loaded: cannot
    /// tell (missing) or refuses (extra); a record the engine no longer reproduces is not packed.
    #[test]
    fn export_and_verify_cases() {
        let ix = index("2026-08-20");
        let shipment = catchall::parse_shipment(CHASHMA).unwrap();
        let s = Session::default().apply(Action::Screened {
            id: "s1".into(),
            at: "2026-12-06T10:00:00Z".into(),
            shipment: Box::new(shipment.clone()),
            report: Box::new(screen(&ix, &shipment)),
        });
        let rec = s.history[0].clone();
        let pack = pack_for(&rec, &screen(&ix, &shipment), "2026-12-06").expect("a pack");
        let text = serde_json::to_string_pretty(&pack).unwrap();

        let c = check(&text, &ix.lists()).unwrap();
        let fresh = match &c {
            Check::Rescreen(_, sh) => screen(&ix, sh),
            other => panic!("{other:?}"),
        };
        let (class, head, _) = outcome(&c, Some(&fresh));
        assert_eq!((class, head.starts_with("Identical")), ("ok", true), "{head}");

        let altered = text.replacen("2026-12-06", "2026-12-07", 1);
        let c = check(&altered, &ix.lists()).unwrap();
        assert!(matches!(c, Check::Altered(_)));
        let (class, head, lines) = outcome(&c, None);
        assert_eq!(class, "error");
        assert!(head.contains("altered pack") && lines[0].starts_with("hash:"), "{head} {lines:?}");

        let newer = index("2026-12-01");
        let c = check(&text, &newer.lists()).unwrap();
        let (class, head, lines) = outcome(&c, None);
        assert_eq!(class, "warn");
        assert!(head.starts_with("Cannot tell") && lines[0].contains("us_sdn of 2026-08-20"), "{head} {lines:?}");

        let mut more = ix.lists();
        more.push(ListMeta { id: "us_isn".into(), ..ListMeta::default() });
        assert_eq!(check(&text, &more).unwrap(), Check::Extra(vec!["us_isn".into()]));

        assert!(check("{}", &ix.lists()).unwrap_err().contains("not an evidence pack"));

        // The lists changed since the screening: no pack claiming the old report.
        let e = pack_for(&rec, &screen(&newer, &shipment), "2026-12-06").unwrap_err();
        assert!(e.contains("No evidence pack written") && e.contains("us_sdn"), "{e}");
    }
}
