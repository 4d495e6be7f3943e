//! The session reducer, the form draft, decisions and the saved-record store, as tables of cases.

use super::*;
use catchall::model::{InputError, Shipment};
use catchall::verdict::{Evidence, Finding, Report, Subject, Verdict};
use serde_json::{json, Value};

const CHASHMA: &str = include_str!("../../../../data/examples/chashma_2021.json");

fn chashma() -> Shipment {
    catchall::parse_shipment(CHASHMA).unwrap()
}

fn finding(rule: &str, subject: &str, v: Verdict, evidence: Value) -> Finding {
    Finding {
        rule: rule.into(),
        verdict: v,
        subject: Subject::parse(subject).expect("a subject the engine writes"),
        title: String::new(),
        detail: String::new(),
        citations: vec!["cite".into()],
        evidence: serde_json::from_value(evidence).expect("evidence"),
    }
}

fn report(findings: Vec<Finding>) -> Report {
    Report { findings, obligations: vec![], lists: vec![], rules_as_of: "2026-07-23".into() }
}

fn screened(s: &Session, id: &str, sh: Shipment, r: Report) -> Session {
    s.apply(Action::Screened {
        id: id.into(),
        at: format!("2026-11-30T0{}:00:00Z", id.len()),
        shipment: Box::new(sh),
        report: Box::new(r),
    })
}

fn el_hit() -> Finding {
    finding(
        "US.EL",
        "party purchaser",
        Verdict::LicenceRequired,
        json!({"list": "us_entity_list", "entry_id": "el-123", "listed_name": "HASSAN SCIENTIFIC CORP",
               "matched_name": "HASSAN SCIENTIFIC CORP", "score": 0.97, "decision": "match"}),
    )
}

#[test]
fn draft_round_trips_the_example_through_the_engine_parser() {
    let sh = chashma();
    let d = Draft::from_shipment(&sh);
    let back = d.parse().unwrap();
    assert_eq!(back, sh);
}

#[test]
fn typed_values_reach_the_engine_and_bad_ones_name_their_field() {
    // (edit, expected error field or None)
    let cases: Vec<(Vec<Action>, Option<&str>)> = vec![
        (vec![], None),
        (vec![Action::Set(Field::Party(Role::EndUser, PartyField::Country), "PK — Pakistan".into())], None),
        (vec![Action::Set(Field::Party(Role::EndUser, PartyField::Country), "Pakistan".into())], None),
        (
            vec![Action::Set(Field::Party(Role::EndUser, PartyField::Country), "Atlantis".into())],
            Some("parties.end_user.country"),
        ),
        (vec![Action::Set(Field::Item(0, ItemField::Qty), "six".into())], Some("items[0].qty")),
        (vec![Action::Set(Field::Item(0, ItemField::Qty), "-1".into())], Some("items[0].qty")),
        (vec![Action::Set(Field::Item(0, ItemField::Qty), "1,000".into())], None),
        (vec![Action::Set(Field::Jurisdiction, "EU:US".into())], Some("jurisdiction")),
        (
            vec![
                Action::Set(Field::Item(0, ItemField::Class), "listed".into()),
                Action::Set(Field::Item(0, ItemField::Code), " ".into()),
            ],
            Some("items[0].classification.code"),
        ),
        (
            vec![
                Action::AddIntermediate,
                Action::Set(Field::Party(Role::Intermediate(0), PartyField::Country), "XX".into()),
            ],
            Some("parties.intermediate_consignees[0].country"),
        ),
        (
            vec![Action::AddItem, Action::Set(Field::Item(1, ItemField::Origin), "QQ".into())],
            Some("items[1].origin_country"),
        ),
    ];
    for (edits, want) in cases {
        let mut s = Session::default();
        for a in edits.clone() {
            s = s.apply(a);
        }
        let got = s.draft.parse().err().map(|e| e.field);
        assert_eq!(got.as_deref(), want, "{edits:?}");
        if let Some(field) = want {
            // Every engine error path maps back to a form field the UI can point at.
            let fields = all_fields(&s.draft);
            assert!(fields.iter().any(|f| f.path() == field), "no form field for {field}");
        }
    }
}

fn all_fields(d: &Draft) -> Vec<Field> {
    let mut v =
        vec![Field::Jurisdiction, Field::Activity, Field::StatedEndUse, Field::EndUseCategory, Field::EndUserStatement];
    let mut roles = vec![Role::Exporter];
    roles.extend(Role::SINGLES);
    roles.extend((0..d.intermediates.len()).map(Role::Intermediate));
    for r in roles {
        for pf in [PartyField::Name, PartyField::Address, PartyField::Country, PartyField::Kind] {
            v.push(Field::Party(r, pf));
        }
    }
    for i in 0..d.items.len() {
        for f in ItemField::ALL {
            v.push(Field::Item(i, f));
        }
    }
    v
}

#[test]
fn numbers_that_are_not_numbers_are_caught_in_plain_words() {
    let cases =
        [("forty", Some("items[0].qty")), ("40", None), ("", None), ("1,250.5", None), ("12 kg", Some("items[0].qty"))];
    for (typed, want) in cases {
        let s = Session::default().apply(Action::Set(Field::Item(0, ItemField::Qty), typed.into()));
        let got = s.draft.check().err();
        assert_eq!(got.as_ref().map(|e| e.field.as_str()), want, "{typed}");
        if let Some(e) = got {
            assert!(e.message.contains("not a number"), "{}", e.message);
        }
    }
}

#[test]
fn editing_the_field_in_error_clears_the_error() {
    let s = Session::default().apply(Action::Invalid(InputError::new("items[0].qty", "bad")));
    assert_eq!(s.error_for(Field::Item(0, ItemField::Qty)), Some("bad"));
    let other = s.apply(Action::Set(Field::StatedEndUse, "x".into()));
    assert!(other.error.is_some(), "editing another field keeps the message");
    let fixed = s.apply(Action::Set(Field::Item(0, ItemField::Qty), "3".into()));
    assert!(fixed.error.is_none());
}

#[test]
fn screening_shows_the_report_and_saves_it_newest_first() {
    let s = Session::default();
    let s = screened(&s, "a", chashma(), report(vec![]));
    let s = screened(&s, "bb", chashma(), report(vec![el_hit()]));
    assert_eq!(s.page, Page::Report);
    assert_eq!(s.history.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["bb", "a"]);
    assert_eq!(s.current.as_ref().unwrap().verdict(), Verdict::LicenceRequired);
}

#[test]
fn a_false_positive_is_honoured_by_later_screenings_of_the_same_party_only() {
    let s = screened(&Session::default(), "a", chashma(), report(vec![el_hit()]));
    let s = s.apply(Action::MarkFalsePositive {
        index: 0,
        note: "different company, checked registry".into(),
        date: "2026-11-30".into(),
    });
    let cur = s.current.clone().unwrap();
    assert_eq!(cur.verdict(), Verdict::Clear, "the decided hit no longer counts");
    assert_eq!(cur.decided.len(), 1);
    assert_eq!(s.decisions[0].party_name, "Hassan Scientific Corporation");

    // Same party, same entry, later screening: decided.
    let again = screened(&s, "b", chashma(), report(vec![el_hit()]));
    let r = again.current.clone().unwrap();
    assert_eq!(r.verdict(), Verdict::Clear);
    assert_eq!(r.decided[0].decision.note, "different company, checked registry");

    // Another party hitting the same entry: not decided.
    let mut other = chashma();
    other.parties.purchaser.as_mut().unwrap().name = "Hassan Trading".into();
    let r = screened(&s, "c", other, report(vec![el_hit()])).current.unwrap();
    assert_eq!(r.verdict(), Verdict::LicenceRequired);
    assert!(r.decided.is_empty());

    // Same party, another list entry: not decided.
    let mut f = el_hit();
    let Evidence::ListHit(h) = &mut f.evidence else { panic!("el_hit is a list hit") };
    h.entry_id = "el-999".into();
    let r = screened(&s, "d", chashma(), report(vec![f])).current.unwrap();
    assert_eq!(r.verdict(), Verdict::LicenceRequired);
}

#[test]
fn only_party_list_hits_can_be_marked() {
    let cases = [
        (finding("EU.CATCHALL.WMD", "shipment", Verdict::Stop, json!({})), false),
        (finding("US.EL", "party purchaser", Verdict::Stop, json!({"note": "no list"})), false),
        (el_hit(), true),
        // One party in two roles.
        (
            finding(
                "US.EL",
                "party purchaser, consignee",
                Verdict::Stop,
                json!({"list": "us_el", "entry_id": "e1", "listed_name": "HASSAN", "matched_name": "HASSAN", "score": 1.0, "decision": "match"}),
            ),
            true,
        ),
        // A list hit on a subject that is no party cannot be marked.
        (
            finding(
                "US.EL",
                "shipment",
                Verdict::Stop,
                json!({"list": "l", "entry_id": "e", "listed_name": "n", "matched_name": "n", "score": 1.0, "decision": "match"}),
            ),
            false,
        ),
    ];
    for (f, markable) in cases {
        let s = screened(&Session::default(), "a", chashma(), report(vec![f.clone()]));
        let s2 = s.apply(Action::MarkFalsePositive { index: 0, note: "n".into(), date: "2026-11-30".into() });
        assert_eq!(!s2.decisions.is_empty(), markable, "{f:?}");
    }
}

#[test]
fn saved_data_round_trips() {
    let s = screened(&Session::default(), "a", chashma(), report(vec![el_hit()]));
    let s = s.apply(Action::MarkFalsePositive { index: 0, note: "n".into(), date: "2026-11-30".into() });
    let text = s.store().to_string();
    let back = Session::default().apply(Action::Loaded { text, merge: false });
    assert_eq!(back.history, s.history);
    assert_eq!(back.decisions, s.decisions);
    assert!(back.unreadable.is_empty() && back.notice.is_none() && back.loaded);
}

#[test]
fn corrupt_and_old_records_are_set_aside_without_losing_the_others() {
    let good = screened(&Session::default(), "a", chashma(), report(vec![])).store();
    let rec = good["screenings"][0].clone();
    let mut old = rec.clone();
    old.as_object_mut().unwrap().remove("v");
    old["id"] = json!("old");
    let mut newer = rec.clone();
    newer["v"] = json!(99);
    newer["id"] = json!("newer");
    let mut bad_shipment = rec.clone();
    bad_shipment["id"] = json!("bad");
    bad_shipment["shipment"]["jurisdiction"] = json!("Mars");
    // (stored text, screenings loaded, entries set aside)
    let cases: Vec<(String, usize, usize)> = vec![
        (String::new(), 0, 0),
        ("{not json".into(), 0, 1),
        ("42".into(), 0, 1),
        (json!({"screenings": [rec.clone(), "garbage", {"id": 1}]}).to_string(), 1, 2),
        (json!({"screenings": [rec.clone(), old.clone()]}).to_string(), 2, 0),
        (json!([rec.clone(), newer.clone(), bad_shipment.clone()]).to_string(), 1, 2),
        (json!({"screenings": [rec.clone()], "decisions": [{"note": 3}]}).to_string(), 1, 1),
    ];
    for (text, n, bad) in cases {
        let s = Session::default().apply(Action::Loaded { text: text.clone(), merge: false });
        assert_eq!((s.history.len(), s.unreadable.len()), (n, bad), "{text}");
        assert_eq!(s.notice.is_some(), bad > 0, "{text}");
    }
}

#[test]
fn import_merges_without_duplicates() {
    let a = screened(&Session::default(), "a", chashma(), report(vec![]));
    let b = screened(&Session::default(), "bb", chashma(), report(vec![el_hit()]));
    let both = screened(&a, "bb", chashma(), report(vec![el_hit()]));
    let merged = a.apply(Action::Loaded { text: both.store().to_string(), merge: true });
    assert_eq!(merged.history.len(), 2);
    assert_eq!(merged.notice.as_deref(), Some("Imported 1 of 2 screenings."));
    let _ = b;
}

#[test]
fn reopen_and_delete() {
    let s = screened(&Session::default(), "a", chashma(), report(vec![]));
    let s = s.apply(Action::ClearForm).apply(Action::Show(Page::History));
    let s = s.apply(Action::Reopen("a".into()));
    assert_eq!(s.page, Page::Report);
    assert_eq!(s.draft, Draft::from_shipment(&chashma()));
    let s = s.apply(Action::Delete("a".into()));
    assert!(s.history.is_empty() && s.current.is_none());
    assert_eq!(s.page, Page::History);
    // Nothing to show: the report tab stays closed.
    assert_eq!(s.apply(Action::Show(Page::Report)).page, Page::History);
}

#[test]
fn lists_loading_then_ready_or_failed() {
    let s = Session::default();
    assert_eq!(s.data, DataStatus::Loading);
    let ok = s.apply(Action::DataLoaded(Ok("7 lists".into())));
    assert_eq!(ok.data, DataStatus::Ready("7 lists".into()));
    assert!(ok.notice.is_none());
    let failed = s.apply(Action::DataLoaded(Err("static/lists/index.json: HTTP 404".into())));
    assert!(matches!(failed.data, DataStatus::Failed(_)));
    assert!(failed.notice.as_deref().is_some_and(|n| n.contains("HTTP 404")), "the user is told why");
}

#[test]
fn findings_are_grouped_by_their_rules_catalogue_group() {
    let cases = [
        ("US.EL", "party purchaser", Group::Parties),
        ("EU.LIST.ANNEX_I", "item 1", Group::Items),
        ("US.EMBARGO", "destination", Group::Destination),
        ("RU.CATCHALL.ART20", "shipment", Group::EndUse),
        ("KYC.RED_FLAGS", "shipment", Group::RedFlags),
        ("US.KYC", "shipment", Group::RedFlags),
        ("US.CCL.CHART", "item 1", Group::Destination),
        ("EU.SANC.RU.ART2", "item 1", Group::Destination),
        ("PARTY.POSSIBLE_MATCH", "party end_user", Group::Parties),
        ("NUC.PROGRAM_ENTITY", "party end_user", Group::Parties),
        ("OBL.RECORD_KEEPING", "shipment", Group::Other),
        ("A.RULE.FROM.A.NEWER.VERSION", "shipment", Group::Other),
    ];
    for (rule, subject, want) in cases {
        assert_eq!(group_of(&finding(rule, subject, Verdict::Review, json!({}))), want, "{rule} {subject}");
    }
}

#[test]
fn the_report_leads_with_the_findings_that_set_the_verdict() {
    let f = |rule: &str, v: Verdict| finding(rule, "shipment", v, json!({}));
    // (findings, expected verdict, expected deciding rule ids, expected count of the rest)
    let cases: Vec<(Vec<Finding>, Verdict, Vec<&str>, usize)> = vec![
        (vec![], Verdict::Clear, vec![], 0),
        (vec![f("GEN.INFO", Verdict::Clear)], Verdict::Clear, vec![], 1),
        (
            vec![
                f("A", Verdict::Review),
                f("B", Verdict::Stop),
                f("C", Verdict::LicenceRequired),
                f("D", Verdict::Stop),
            ],
            Verdict::Stop,
            vec!["B", "D"],
            2,
        ),
        (vec![f("A", Verdict::Review), f("C", Verdict::LicenceRequired)], Verdict::LicenceRequired, vec!["C"], 1),
        (vec![f("A", Verdict::Review), f("E", Verdict::Clear)], Verdict::Review, vec!["A"], 1),
    ];
    for (findings, verdict, deciding, rest) in cases {
        let l = layout(&findings);
        assert_eq!(l.verdict, verdict);
        assert_eq!(l.deciding.iter().map(|(_, f)| f.rule.as_str()).collect::<Vec<_>>(), deciding);
        assert_eq!(l.rest.values().map(Vec::len).sum::<usize>(), rest);
        // Indices point back into the report, so decisions made on a card reach the right finding.
        for (i, f) in l.deciding.iter().chain(l.rest.values().flatten()) {
            assert_eq!(&findings[*i], *f);
        }
    }
    assert_eq!(why_heading(Verdict::LicenceRequired), "Why LICENCE REQUIRED");
}

#[test]
fn an_oversized_history_import_is_refused_and_changes_nothing() {
    let s = screened(&Session::default(), "a", chashma(), report(vec![]));
    let other = screened(&Session::default(), "bb", chashma(), report(vec![])).store().to_string();
    // (size of the imported text, imported?)
    let padded = |n: usize| format!("{}{}", other, " ".repeat(n.saturating_sub(other.len())));
    for (text, imported) in
        [(other.clone(), true), (padded(MAX_IMPORT_BYTES), true), (padded(MAX_IMPORT_BYTES + 1), false)]
    {
        let after = s.apply(Action::Loaded { text, merge: true });
        assert_eq!(after.history.len(), if imported { 2 } else { 1 });
        if !imported {
            assert_eq!(after.history, s.history, "the saved screenings are untouched");
            assert!(after.notice.as_deref().is_some_and(|n| n.starts_with("Not imported")), "{:?}", after.notice);
        }
    }
}

#[test]
fn set_aside_records_accumulate_until_deleted() {
    let good = screened(&Session::default(), "a", chashma(), report(vec![])).store();
    let with_bad = |bad: Value| {
        let mut v = good.clone();
        v["screenings"].as_array_mut().unwrap().push(bad);
        v.to_string()
    };
    let earlier = json!([{"v": 1, "id": "old-bad"}]).to_string();
    // (what storage held under the set-aside key, the store text, expected set-aside ids)
    let cases: Vec<(&str, String, Vec<Value>)> = vec![
        ("", with_bad(json!({"id": "new-bad"})), vec![json!({"id": "new-bad"})]),
        (
            &earlier,
            with_bad(json!({"id": "new-bad"})),
            vec![json!({"v": 1, "id": "old-bad"}), json!({"id": "new-bad"})],
        ),
        (&earlier, good.to_string(), vec![json!({"v": 1, "id": "old-bad"})]),
        // The same bad record seen again is kept once.
        (&earlier, with_bad(json!({"v": 1, "id": "old-bad"})), vec![json!({"v": 1, "id": "old-bad"})]),
        // A set-aside text that is not JSON is itself kept.
        ("not json", good.to_string(), vec![json!("not json")]),
    ];
    for (kept, store, want) in cases {
        let s = Session::default()
            .apply(Action::SetAsideLoaded(kept.to_string()))
            .apply(Action::Loaded { text: store.clone(), merge: false });
        assert_eq!(s.unreadable, want, "{kept} / {store}");
        assert_eq!(s.history.len(), 1, "the readable record loads");
        // A later import with unreadable entries adds to them; nothing is replaced.
        let more = s.apply(Action::Loaded { text: json!([{"id": "imported-bad"}]).to_string(), merge: true });
        assert_eq!(more.unreadable.len(), want.len() + 1);
        assert!(more.unreadable.starts_with(&want));
        // Only the explicit delete removes them.
        let gone = more.apply(Action::DiscardSetAside);
        assert!(gone.unreadable.is_empty());
        assert_eq!(gone.history, more.history);
    }
}

/// localStorage as two tabs share it: the texts under `STORE_KEY` and `QUARANTINE_KEY`.
#[derive(Default)]
struct Disk {
    store: String,
    aside: String,
}

/// One tab's save effect: read-merge-write, then take the merged copy (as `views::app` does).
fn save(tab: &Session, disk: &mut Disk, now: u64) -> Session {
    let (mine, joined) =
        merge_for_write(&tab.synced, &tab.history, &tab.decisions, &tab.unreadable, (&disk.store, &disk.aside), now);
    let (store, aside) = joined.texts();
    disk.store = store;
    disk.aside = aside.unwrap_or_default();
    tab.apply(Action::Synced { base: Some(std::rc::Rc::new(mine)), theirs: std::rc::Rc::new(joined) })
}

/// The `storage` event in the other tab.
fn refresh(tab: &Session, disk: &Disk) -> Session {
    tab.apply(Action::Synced { base: None, theirs: std::rc::Rc::new(Synced::read(&disk.store, &disk.aside)) })
}

fn open_tab(disk: &Disk) -> Session {
    Session::default()
        .apply(Action::SetAsideLoaded(disk.aside.clone()))
        .apply(Action::Loaded { text: disk.store.clone(), merge: false })
}

fn ids(s: &Session) -> Vec<String> {
    let mut v: Vec<String> = s.history.iter().map(|r| r.id.clone()).collect();
    v.sort();
    v
}

#[test]
fn two_tabs_never_lose_each_others_writes() {
    // Saved by a build from before stamps (v1, no `sync`), with one unreadable record.
    let old = screened(&Session::default(), "old", chashma(), report(vec![el_hit()]));
    let mut v1 = old.store();
    v1["screenings"].as_array_mut().unwrap().push(json!("garbage"));
    let mut disk = Disk { store: v1.to_string(), aside: String::new() };
    let a = open_tab(&disk);
    let b = open_tab(&disk);
    assert_eq!((ids(&a), a.unreadable.len()), (vec!["old".to_string()], 1), "v1 data loads");

    // Each tab screens a shipment and saves, neither having seen the other's.
    let a = save(&screened(&a, "a1", chashma(), report(vec![])), &mut disk, 10);
    let b = save(&screened(&b, "b1", chashma(), report(vec![])), &mut disk, 11);
    assert_eq!(ids(&b), vec!["a1", "b1", "old"], "B's write kept A's screening");
    // A deletes the old one at 20; B, not refreshed yet, marked a false positive on it at 15
    // (an edit made before the deletion, written after it: it waited for the lock): the
    // deletion stands. (An edit made after a deletion would bring the record back: the later
    // change wins, see `sync::tests`.)
    let a = save(&a.apply(Action::Delete("old".into())), &mut disk, 20);
    let b = b.apply(Action::Reopen("old".into()));
    let b = b.apply(Action::MarkFalsePositive { index: 0, note: "other firm".into(), date: "2026-12-06".into() });
    assert_eq!(b.decisions.len(), 1);
    let b = save(&b, &mut disk, 15);
    assert_eq!(ids(&b), vec!["a1", "b1"], "a stale edit does not bring back a deletion made after it");
    // B's decision (added) survives A's next write from its stale copy; A's refresh sees it.
    let a = save(&a.apply(Action::Delete("b1".into())), &mut disk, 30);
    assert_eq!(ids(&a), vec!["a1"]);
    assert_eq!(a.decisions.len(), 1, "A's write kept B's decision");
    let b = refresh(&b, &disk);
    assert_eq!((ids(&b), b.decisions.len()), (vec!["a1".to_string()], 1));
    // Both deleted the same (delete/delete), then each writes: nothing comes back.
    let a = save(&a.apply(Action::Delete("a1".into())), &mut disk, 40);
    let b = save(&b.apply(Action::Delete("a1".into())), &mut disk, 41);
    assert!(a.history.is_empty() && b.history.is_empty());
    // Set-aside records: A deletes them (after export); B's stale copy does not bring them back.
    assert_eq!((a.unreadable.len(), b.unreadable.len()), (1, 1));
    let a = save(&a.apply(Action::DiscardSetAside), &mut disk, 50);
    let b = save(&b.apply(Action::Undecide(0)), &mut disk, 51);
    assert!(b.unreadable.is_empty() && disk.aside.is_empty(), "{:?}", b.unreadable);
    assert!(b.decisions.is_empty());
    let a = refresh(&a, &disk);
    assert_eq!(a.history, b.history);
    assert_eq!(a.decisions, b.decisions);
    // What is stored reads back as the same (a fresh tab opens to it).
    let c = open_tab(&disk);
    assert_eq!((c.history.len(), c.decisions.len(), c.unreadable.len()), (0, 0, 0));
    // Writing again with nothing changed writes the same text (tabs do not ping-pong).
    let before = disk.store.clone();
    let _ = save(&a, &mut disk, 60);
    assert_eq!(disk.store, before);
}

#[test]
fn stored_data_from_before_sync_stamps_loads_and_is_kept() {
    // (what storage held, screenings that load, set-aside)
    let rec = screened(&Session::default(), "r", chashma(), report(vec![])).store()["screenings"][0].clone();
    let mut bare = rec.clone();
    bare.as_object_mut().unwrap().remove("v");
    let cases: Vec<(Value, usize, usize)> = vec![
        // The versioned layout without `sync` (every build before this one).
        (json!({"v": 1, "screenings": [rec.clone()], "decisions": []}), 1, 0),
        // The pre-versioned layout: a bare array of records without `v`.
        (json!([bare.clone()]), 1, 0),
        // A `sync` that cannot be read: the records still load.
        (json!({"v": 1, "screenings": [rec.clone()], "sync": "junk"}), 1, 0),
    ];
    for (stored, n, bad) in cases {
        let mut disk = Disk { store: stored.to_string(), aside: String::new() };
        let tab = open_tab(&disk);
        assert_eq!((tab.history.len(), tab.unreadable.len()), (n, bad), "{stored}");
        let tab = save(&tab, &mut disk, 5);
        let again = open_tab(&disk);
        assert_eq!(again.history, tab.history, "{stored}: written in the current shape and read back");
        assert_eq!(serde_json::from_str::<Value>(&disk.store).unwrap()["v"], json!(1));
    }
}
