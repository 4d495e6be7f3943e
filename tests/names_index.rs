//! The indexed matcher as the rules engine sees it (`PartyScreener`): hits explain themselves,
//! country mismatch downgrades to Possible, weak aliases are exact-only and Possible, list filter.

use catchall::lists::List;
use catchall::names::Index;
use catchall::screening::{Decision, EntityKind, Entry, ListMeta, PartyScreener, Query};

fn entry(id: &str, kind: EntityKind, name: &str, aliases: &[&str], weak: &[&str], countries: &[&str]) -> Entry {
    Entry {
        id: id.into(),
        kind,
        name: name.into(),
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        weak_aliases: weak.iter().map(|s| s.to_string()).collect(),
        countries: countries.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

fn index() -> Index {
    use EntityKind::*;
    let el = List {
        meta: ListMeta {
            id: "us_entity_list".into(),
            name: "Entity List".into(),
            date: "2026-07-23".into(),
            entries: 3,
            ..Default::default()
        },
        entries: vec![
            entry(
                "el-1",
                Organization,
                "Hassan Scientific Corporation",
                &["Hasan Scientific Corporation"],
                &[],
                &["PK"],
            ),
            entry("el-2", Organization, "Mayrow General Trading", &[], &[], &["AE"]),
            entry("el-3", Organization, "11420 Corp.", &[], &[], &[]),
        ],
    };
    let sdn = List {
        meta: ListMeta {
            id: "us_sdn".into(),
            name: "SDN".into(),
            date: "2026-08-20".into(),
            entries: 3,
            ..Default::default()
        },
        entries: vec![
            entry("1", Person, "BIN LADIN, Usama", &["BIN LADEN, Osama"], &["The Sheikh"], &["SA"]),
            entry("2", Person, "NASRALLAH, Hassan", &[], &[], &["LB"]),
            entry("3", Vessel, "GRACE 1", &["ADRIAN DARYA 1"], &[], &[]),
        ],
    };
    Index::build(vec![el, sdn])
}

fn q(name: &str, kind: EntityKind, country: Option<&str>) -> Query {
    Query { name: name.into(), kind, country: country.map(String::from) }
}

#[test]
fn screening_table() {
    use Decision::*;
    use EntityKind::*;
    let ix = index();
    // (query, kind, country, expected best (list, entry, decision) or None)
    type Case<'a> = (&'a str, EntityKind, Option<&'a str>, Option<(&'a str, &'a str, Decision)>);
    let cases: &[Case] = &[
        ("Hassan Scientific Corporation", Organization, Some("PK"), Some(("us_entity_list", "el-1", Match))),
        ("Hasan Scientific Corp", Unknown, None, Some(("us_entity_list", "el-1", Match))),
        ("Hassan Scientific Corporation", Organization, Some("DE"), Some(("us_entity_list", "el-1", Possible))),
        ("Hassan Trading", Organization, None, None),
        ("Mayrowitz General Trading", Organization, None, None),
        ("Osama bin Laden", Person, None, Some(("us_sdn", "1", Match))),
        ("The Sheikh", Unknown, None, Some(("us_sdn", "1", Possible))),
        ("Sheikh Ahmed", Unknown, None, None),
        ("Hassan Nasrallah", Person, Some("LB"), Some(("us_sdn", "2", Match))),
        ("Hassan Ali", Person, None, None),
        ("Corp", Organization, None, None),
        ("11420 Corporation", Organization, None, Some(("us_entity_list", "el-3", Match))),
        ("Adrian Darya 1", Vessel, None, Some(("us_sdn", "3", Match))),
        ("Grace 2", Vessel, None, None),
    ];
    for (name, kind, country, want) in cases {
        let hits = ix.screen(&q(name, *kind, *country));
        match want {
            None => assert!(
                hits.is_empty(),
                "{name}: expected no hit, got {:?}",
                hits.first().map(|h| (&h.entry_id, h.score, h.decision))
            ),
            Some((list, id, dec)) => {
                let h = hits.first().unwrap_or_else(|| panic!("{name}: no hit"));
                assert_eq!(
                    (h.list.as_str(), h.entry_id.as_str(), h.decision),
                    (*list, *id, *dec),
                    "{name}: {}",
                    h.explanation
                );
            }
        }
    }
}

#[test]
fn hits_explain_themselves_and_entries_are_reachable() {
    let ix = index();
    let hits = ix.screen(&q("Hasan Scientific Corporation", EntityKind::Organization, Some("PK")));
    let h = &hits[0];
    assert_eq!(h.matched_name, "Hasan Scientific Corporation");
    assert_eq!(h.name, "Hassan Scientific Corporation");
    let ex = &h.explanation;
    assert_eq!(ex["list_date"], "2026-07-23");
    assert_eq!(ex["matched_as"], "alias");
    assert!(ex["aligned"].as_array().is_some_and(|a| a.len() == 3), "{ex}");
    assert_eq!(ex["score_parts"]["country"]["agrees"], true);
    let e = ix.entry(&h.list, &h.entry_id).expect("entry behind the hit");
    assert_eq!(e.countries, vec!["PK".to_string()]);
    assert_eq!(ix.lists().len(), 2);
    assert!(ix.entry("us_sdn", "nope").is_none());
}

#[test]
fn list_filter() {
    let ix = index();
    let query = q("Hassan Scientific Corporation", EntityKind::Organization, None);
    assert!(ix.screen_lists(&query, &["us_sdn".to_string()]).is_empty());
    assert_eq!(ix.screen_lists(&query, &["us_entity_list".to_string()]).len(), 1);
}
