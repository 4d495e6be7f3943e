//! Hostile and huge inputs (issue 8): each gives a result or a clear error — no panic, no hang.
//! Sizes are the issue's limits where they fit a debug test run; larger runs are in docs/HARDENING.md.

use catchall::batch::parse_parties_csv;
use catchall::lists::import::{check_size, import, SourceFile, MAX_LIST_BYTES};
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
        let hits = ix.screen(&Query {
            name: name.clone(),
            country: None,
            kind: EntityKind::Organization,
            ..Default::default()
        });
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
        assert!(
            msg.contains("recursion limit")
                || msg.contains("bytes")
                || msg.contains("name")
                || msg.contains("invalid type"),
            "depth {depth}: {msg}"
        );
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

/// One byte over `MAX_LIST_BYTES` is refused before any parsing, with a message naming the file,
/// its size and the limit. The bytes start with a valid OFAC names CSV header, so the error can
/// only come from the size check (a parse would read the header and fail differently or
/// succeed); `vec![0; n]` is a lazily zeroed allocation, so this costs no real memory or time.
#[test]
fn a_list_file_over_the_limit_is_refused_before_parsing() {
    let mut data = vec![0u8; MAX_LIST_BYTES + 1];
    let header = b"uid,name,type,programs,alternate_names\n1,\"X TRADING\",entity,SDGT,\n";
    data[..header.len()].copy_from_slice(header);
    let t = std::time::Instant::now();
    let e = import(&[SourceFile { name: "huge_sdn_names.csv", data: &data }]).expect_err("over the limit");
    let took = t.elapsed();
    let msg = e.to_string();
    assert!(msg.starts_with("huge_sdn_names.csv: "), "{msg}");
    assert!(
        msg.contains("209715201 bytes") && msg.contains("limit") && msg.contains("209715200 bytes (200 MiB)"),
        "{msg}"
    );
    assert!(took < std::time::Duration::from_secs(2), "the size check took {took:?}: was the file parsed?");
    // Refused even when a small valid file comes first: sizes are checked before anything is parsed.
    let small = synthetic_names_csv(1);
    let e = import(&[SourceFile { name: "ok.csv", data: &small }, SourceFile { name: "huge.csv", data: &data }])
        .expect_err("one file over the limit");
    assert!(e.to_string().starts_with("huge.csv: "), "{e}");
    // The boundary: exactly the limit passes the check.
    assert!(check_size("x", MAX_LIST_BYTES as u64).is_ok());
    assert!(check_size("x", MAX_LIST_BYTES as u64 + 1).is_err());
    assert!(check_size("x", 5 * 1024 * 1024 * 1024).unwrap_err().to_string().contains("5120.0 MiB"));
}

/// Syllables for synthetic names (a tiny xorshift picks them, so the file is the same every run).
const SYLLABLES: &[&str] = &[
    "al", "ba", "chen", "da", "el", "far", "gul", "han", "ib", "jun", "ka", "li", "mo", "nur", "ov", "pak", "qa", "ra",
    "sha", "tan", "us", "vel", "wei", "xi", "ya", "zar", "kov", "ten", "dar", "min",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn word(&mut self) -> String {
        let n = 2 + (self.next() % 2) as usize;
        let mut w: String = (0..n).map(|_| SYLLABLES[(self.next() % SYLLABLES.len() as u64) as usize]).collect();
        w[..1].make_ascii_uppercase();
        w
    }
}

/// A FollowTheMoney JSON-lines file (the OpenSanctions export format, the one kind of list file
/// that really comes near 200 MB) of at most `max` bytes: persons and companies with names,
/// aliases, countries, addresses, birth dates, programmes and a notes paragraph, plus the
/// relation entities (Sanction, Address) that the importer skips, in about the proportions and
/// line lengths of a real export (≈ 0.5–1.5 KB per line).
fn synthetic_ftm_jsonl(max: usize) -> Vec<u8> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = Vec::with_capacity(max);
    let countries = ["ir", "ru", "kp", "sy", "cn", "pk", "by", "ve", "ae", "tr"];
    let mut i = 0u64;
    loop {
        i += 1;
        let c = countries[(rng.next() % countries.len() as u64) as usize];
        let line = match i % 5 {
            0 => format!(
                r#"{{"id":"ofac-sanction-{i}","caption":"Sanction","schema":"Sanction","properties":{{"entity":["NK-{}"],"authority":["Office of Foreign Assets Control"],"program":["IRAN-EO13382"],"startDate":["2019-0{}-1{}"]}},"datasets":["us_ofac_sdn"],"first_seen":"2023-01-01T00:00:00","last_seen":"2026-08-20T00:00:00"}}"#,
                i - 1,
                1 + i % 9,
                i % 10
            ),
            1 | 3 => {
                let (g, f, s) = (rng.word(), rng.word(), rng.word());
                format!(
                    r#"{{"id":"NK-{i}","caption":"{g} {f} {s}","schema":"Person","properties":{{"name":["{g} {f} {s}"],"alias":["{s}, {g}","{g} {s}","{} {s}"],"firstName":["{g}"],"lastName":["{s}"],"birthDate":["19{}-0{}-{}"],"nationality":["{c}"],"country":["{c}"],"address":["{} Street {i}, {} City"],"program":["SDGT","IRAN-EO13382"],"topics":["sanction"],"notes":["Listed for providing financial, material or technological support to, or goods or services in support of, designated persons. Associated with {f} {} Trading."]}},"datasets":["us_ofac_sdn","un_sc_sanctions"],"first_seen":"2021-05-0{}T00:00:00","last_seen":"2026-08-20T00:00:00","target":true}}"#,
                    rng.word(),
                    50 + i % 50,
                    1 + i % 9,
                    10 + i % 18,
                    rng.word(),
                    rng.word(),
                    rng.word(),
                    1 + i % 9
                )
            }
            2 => {
                let (a, b) = (rng.word(), rng.word());
                format!(
                    r#"{{"id":"NK-{i}","caption":"{a} {b} Industrial Company","schema":"Company","properties":{{"name":["{a} {b} Industrial Company"],"alias":["{a} {b} Sanayi","{a}-{b} Co. Ltd.","{} {b} Group"],"weakAlias":["{a}CO"],"jurisdiction":["{c}"],"country":["{c}"],"address":["{} Road {i}, {} Industrial Zone"],"registrationNumber":["{}"],"program":["RUSSIA-EO14024"],"topics":["sanction","export.control"]}},"datasets":["us_ofac_sdn","us_bis_entity"],"first_seen":"2022-03-0{}T00:00:00","last_seen":"2026-08-20T00:00:00","target":true}}"#,
                    rng.word(),
                    rng.word(),
                    rng.word(),
                    rng.next() % 100_000_000,
                    1 + i % 9
                )
            }
            _ => format!(
                r#"{{"id":"addr-{i}","caption":"{} Avenue {i}","schema":"Address","properties":{{"full":["{} Avenue {i}, {} {}"],"country":["{c}"]}},"datasets":["us_ofac_sdn"],"first_seen":"2023-01-01T00:00:00","last_seen":"2026-08-20T00:00:00"}}"#,
                rng.word(),
                rng.word(),
                rng.word(),
                rng.word()
            ),
        };
        if out.len() + line.len() + 1 > max {
            return out;
        }
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
    }
}

#[test]
fn synthetic_ftm_file_is_valid_and_imports() {
    let data = synthetic_ftm_jsonl(200_000);
    let out = import(&[SourceFile { name: "entities.ftm.json", data: &data }]).expect("imports");
    assert_eq!(out.len(), 1);
    let l = &out[0];
    assert!(l.issues.is_empty(), "{:?}", &l.issues[..l.issues.len().min(3)]);
    assert!(l.list.entries.len() > 150, "{} entries", l.list.entries.len());
    let p = l.list.entries.iter().find(|e| e.kind == EntityKind::Person).expect("a person");
    assert!(!p.aliases.is_empty() && !p.countries.is_empty() && !p.dates_of_birth.is_empty(), "{p:?}");
}

/// A list file just under the 200 MiB limit imports without a crash. Slow in a debug build
/// (minutes), so ignored by default; measured in release (time and peak RSS) in
/// docs/HARDENING.md §3: `cargo test --release --test limits -- --ignored --nocapture`.
#[test]
#[ignore = "200 MB: slow in debug; run in release, see docs/HARDENING.md §3"]
fn a_200_megabyte_list_imports() {
    let t = std::time::Instant::now();
    let data = synthetic_ftm_jsonl(MAX_LIST_BYTES);
    let generated = t.elapsed();
    let t = std::time::Instant::now();
    let out = import(&[SourceFile { name: "entities.ftm.json", data: &data }]).expect("a 200 MB list imports");
    let imported = t.elapsed();
    let l = &out[0];
    let names: usize = l.list.entries.iter().map(|e| 1 + e.aliases.len()).sum();
    println!(
        "{} bytes generated in {generated:.1?}; imported in {imported:.1?}: {} entries, {names} names, {} issues",
        data.len(),
        l.list.entries.len(),
        l.issues.len()
    );
    if let Ok(s) = std::fs::read_to_string("/proc/self/status") {
        for line in s.lines().filter(|l| l.starts_with("VmHWM") || l.starts_with("VmRSS")) {
            println!("{line}");
        }
    }
    assert!(data.len() > MAX_LIST_BYTES - 4096);
    assert!(l.issues.is_empty(), "{:?}", &l.issues[..l.issues.len().min(3)]);
    assert!(l.list.entries.len() > 200_000, "{} entries", l.list.entries.len());
}

/// The same for a CSV format (the OFAC names CSV, ≈ 2.4 M rows), measured separately.
#[test]
#[ignore = "200 MB: slow in debug; run in release, see docs/HARDENING.md §3"]
fn a_200_megabyte_csv_list_imports() {
    let data = synthetic_names_csv(199);
    let t = std::time::Instant::now();
    let out = import(&[SourceFile { name: "sdn_names.csv", data: &data }]).expect("a 200 MB CSV list imports");
    let imported = t.elapsed();
    let l = &out[0];
    println!(
        "{} bytes imported in {imported:.1?}: {} entries, {} issues",
        data.len(),
        l.list.entries.len(),
        l.issues.len()
    );
    if let Ok(s) = std::fs::read_to_string("/proc/self/status") {
        for line in s.lines().filter(|l| l.starts_with("VmHWM")) {
            println!("{line}");
        }
    }
    assert!(l.issues.is_empty() && l.list.entries.len() > 2_000_000, "{} entries", l.list.entries.len());
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
