//! Hostile and huge inputs (issue 8): each gives a result or a clear error — no panic, no hang.
//! Sizes are the limits where they fit a debug test run; larger runs are in docs/HARDENING.md.

use catchall::batch::parse_parties_csv;
use catchall::lists::import::{import, SourceFile};
use catchall::names::{compare_names, Index};
use catchall::screening::{EntityKind, PartyScreener, Query};

fn example() -> serde_json::Value {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/data/examples/chashma_2021.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// A 10,000-character name: realistic words repeated, and one unbroken run of letters.
fn long_names() -> Vec<(&'static str, String)> {
    let words = "Hassan Scientific Corporation Nuclear Power ".repeat(300);
    vec![
        ("10,000 chars of words", words.chars().take(10_000).collect()),
        ("10,000 chars, one token", "A".repeat(10_000)),
        ("10,000 chars, accents", "Société Générale ".repeat(600).chars().take(10_000).collect()),
        ("10,000 chars, punctuation", ",.-()&/".repeat(1500).chars().take(10_000).collect()),
    ]
}

#[test]
fn names_of_10000_characters_compare_and_screen() {
    let lists = catchall::lists::bundled().expect("bundled lists");
    let ix = Index::build(lists);
    for (what, name) in long_names() {
        let r = compare_names(&name, "Hassan Scientific Corporation", EntityKind::Organization);
        assert!((0.0..=1.0).contains(&r.score), "{what}: score {}", r.score);
        let r = compare_names(&name, &name, EntityKind::Person);
        assert!((0.0..=1.0).contains(&r.score), "{what}: self score {}", r.score);
        let hits = ix.screen(&Query { name: name.clone(), country: None, kind: EntityKind::Organization });
        assert!(hits.len() < 10_000, "{what}: {} hits", hits.len());
    }
}

#[test]
fn shipment_with_a_10000_character_party_name_parses() {
    let mut doc = example();
    let name = "Hassan Scientific Corporation ".repeat(334);
    doc["parties"]["consignee"]["name"] = name.clone().into();
    match catchall::parse_shipment(&doc.to_string()) {
        Ok(_) => {}
        Err(e) => assert!(e.to_string().contains("name"), "error should name the field: {e}"),
    }
}

#[test]
fn deeply_nested_json_is_a_clear_error_not_a_stack_overflow() {
    for depth in [200usize, 10_000, 1_000_000] {
        // Nested arrays as the whole document, and nested objects inside a real field.
        let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let e = catchall::parse_shipment(&arrays).expect_err("nested arrays are not a shipment");
        assert!(!e.to_string().is_empty());
        let mut doc = example().to_string();
        let nest = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        doc = doc.replacen("\"name\": \"Technocenter Ltd.\"", &format!("\"name\": {nest}"), 1);
        doc = doc.replacen("\"name\":\"Technocenter Ltd.\"", &format!("\"name\":{nest}"), 1);
        let e = catchall::parse_shipment(&doc).expect_err("a nested object is not a name");
        let msg = e.to_string();
        assert!(msg.contains("recursion limit") || msg.contains("bytes") || msg.contains("name") || msg.contains("invalid type"), "depth {depth}: {msg}");
    }
}

#[test]
fn oversized_shipment_is_refused_with_its_size() {
    let big = format!("{{\"pad\": \"{}\"}}", "x".repeat(5 * 1024 * 1024));
    let e = catchall::parse_shipment(&big).expect_err("5 MB shipment");
    assert!(e.to_string().contains("limit"), "{e}");
}

/// 100,000 rows (the documented limit) through the batch reader; one more is refused with a
/// message that says the limit.
#[test]
fn batch_csv_of_100000_rows_is_read_in_full_and_more_is_refused() {
    let mut text = String::from("\u{feff}Kind,Name,Country\n");
    for i in 0..100_000usize {
        match i % 3 {
            0 => text.push_str(&format!("organization,Trading Company {i},PK\n")),
            1 => text.push_str(&format!("person,\"Doe, John {i}\",US\n")),
            _ => text.push_str(&format!("organization,\"Quoted \"\"{i}\"\" Ltd\",\n")),
        }
    }
    let b = parse_parties_csv(&text, EntityKind::Unknown).expect("100,000 rows are within the limit");
    assert_eq!((b.rows.len(), b.errors.len()), (100_000, 0));
    text.push_str("organization,One Too Many,DE\n");
    let e = parse_parties_csv(&text, EntityKind::Unknown).expect_err("100,001 rows");
    assert!(e.to_string().contains("100"), "{e}");
}

#[test]
fn batch_header_without_name_column_is_a_clear_error() {
    for h in ["", "country,kind", "names,country", "nom,pays"] {
        let e = parse_parties_csv(h, EntityKind::Unknown).expect_err(h);
        assert!(e.to_string().contains("name"), "{h:?}: {e}");
    }
}

/// A synthetic OFAC names CSV of about `mb` megabytes, built in memory.
fn synthetic_names_csv(mb: usize) -> Vec<u8> {
    let mut s = String::from("uid,name,type,programs,alternate_names\n");
    let mut i = 0u64;
    while s.len() < mb * 1024 * 1024 {
        i += 1;
        s.push_str(&format!("{i},\"SYNTHETIC TRADING CO {i}, LTD.\",entity,SDGT,SYN {i}; SYNTH {i}\n"));
    }
    s.into_bytes()
}

#[test]
fn a_20_megabyte_list_imports() {
    let data = synthetic_names_csv(20);
    let out = import(&[SourceFile { name: "sdn_names.csv", data: &data }]).expect("synthetic list imports");
    let n: usize = out.iter().map(|l| l.list.entries.len()).sum();
    assert!(n > 200_000, "{n} entries");
}

#[test]
fn truncated_and_garbage_list_files_are_clear_errors() {
    let real = synthetic_names_csv(1);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", vec![]),
        ("binary", (0..=255u8).cycle().take(100_000).collect()),
        ("gzip", vec![0x1f, 0x8b, 8, 0, 0, 0]),
        ("cut mid-record", real[..real.len() / 2 + 7].to_vec()),
        ("XML cut mid-tag", b"<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DA".to_vec()),
        ("JSON cut", b"{\"results\": [{\"name\": \"x\"".to_vec()),
    ];
    for (what, data) in cases {
        match import(&[SourceFile { name: "x.csv", data: &data }]) {
            Ok(lists) => assert!(lists.iter().all(|l| !l.list.meta.id.is_empty()), "{what}"),
            Err(e) => assert!(!e.to_string().is_empty(), "{what}"),
        }
    }
}

#[test]
fn bundle_decode_of_garbage_is_a_clear_error() {
    for data in [&b""[..], b"\xff\xfe", b"not a bundle\n", b"\n\n\n"] {
        let e = catchall::lists::bundle::decode("x.tsv", data).expect_err("garbage");
        assert!(e.to_string().contains("x.tsv"), "{e}");
    }
}
