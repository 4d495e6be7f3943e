//! List importers on the real files and on small malformed fixtures.
//!
//! The real files are read from `data/sources/lists/` (copies kept in the repository, large ones
//! gzipped as `<name>.gz`, each with its `.source.txt`), so the tests pass in a clone alone; the
//! malformed ones from `tests/fixtures/lists/`.

use catchall::lists::import::{detect, import, Format, SourceFile};
use catchall::lists::{Imported, List};
use catchall::screening::{EntityKind, Entry};
use std::path::PathBuf;

fn sources_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/sources/lists")
}

/// A real list file from `data/sources/lists`: the file itself, or its gzipped copy.
fn shared(name: &str) -> Vec<u8> {
    let p = sources_dir().join(name);
    if p.exists() {
        return std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    }
    let gz = sources_dir().join(format!("{name}.gz"));
    let f = std::fs::File::open(&gz).unwrap_or_else(|e| panic!("{} (nor {}): {e}", p.display(), gz.display()));
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(f), &mut out)
        .unwrap_or_else(|e| panic!("{}: {e}", gz.display()));
    out
}

fn fixture(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lists").join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn import_named(files: &[(&str, &[u8])]) -> Vec<Imported> {
    let sf: Vec<SourceFile> = files.iter().map(|(n, d)| SourceFile { name: n, data: d }).collect();
    import(&sf).unwrap_or_else(|e| panic!("import failed: {e}"))
}

fn list<'a>(all: &'a [Imported], id: &str) -> &'a List {
    &all.iter().find(|i| i.list.meta.id == id).unwrap_or_else(|| panic!("no list {id}")).list
}

fn entry<'a>(l: &'a List, name: &str) -> &'a Entry {
    l.entries.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("{}: no entry named {name:?}", l.meta.id))
}

#[test]
fn formats_are_detected_from_content() {
    let cases = [
        ("ofac_sdn_names_2026-08-20.json", Some(Format::OfacNamesJson)),
        ("ofac_sdn_names_2026-08-20.csv", Some(Format::OfacNamesCsv)),
        ("ofac_sdn_2021-07.csv", Some(Format::OfacMain)),
        ("ofac_add_2021-07.csv", Some(Format::OfacAdd)),
        ("ofac_alt_2021-07.csv", Some(Format::OfacAlt)),
        ("ofac_sdn_comments_2021-07.csv", Some(Format::OfacComments)),
        ("ofac_cons_prim_2025-12.csv", Some(Format::OfacMain)),
        ("ecfr_15cfr744_entity_list_uvl_meu_2026-07.xml", Some(Format::EcfrXml)),
        ("bis_entity_uvl_meu_from_ecfr_2026-07.csv", Some(Format::EcfrCsv)),
        ("bis_dpl_2023-11.txt", Some(Format::Dpl)),
        ("un_sc_consolidated_2026-02-27.xml", Some(Format::UnXml)),
        ("multi_restricted_parties_kaist_2026-08-18.json", Some(Format::MultiJson)),
        ("us_csl_2023-11_partial.csv", Some(Format::CslCsv)),
        ("uk_sanctions_list_2026-04-29_names.csv", Some(Format::UkNames)),
        ("uk_sanctions_list_2026-04-29_subjects.csv", Some(Format::UkSubjects)),
        ("opensanctions_ftm_sample_zala_cluster.jsonl", Some(Format::FtmJsonl)),
        ("state_isn_nonproliferation_2016-12.csv", None),
        ("multi_eu_fsf_un_ofaccons_names_derived_2026-01-28.json", Some(Format::EuFsfDerivedJson)),
        ("eu_fsf_xml_1_1_sample_2026-08-05.xml", Some(Format::EuFsfXml)),
        ("uk_sanctions_list_xml_sample_2026-09-07.xml", Some(Format::UkXml)),
        ("ofac_cons_nonsdn_sdnxml_2026-01-08.xml", Some(Format::OfacSdnXml)),
        ("ofac_sdn_advanced_xml_sample_2026-09-09.xml", Some(Format::OfacAdvancedXml)),
        ("uk_ofsi_conlist_2025-04-14.xlsx", Some(Format::OfsiConListXlsx)),
        ("eu_fsf_xml_1_1_schema_2017-10-12.xsd", None),
    ];
    for (f, want) in cases {
        assert_eq!(detect(f, &shared(f)), want, "{f}");
    }
}

#[test]
fn ofac_sdn_names_json_2026() {
    let data = shared("ofac_sdn_names_2026-08-20.json");
    let all = import_named(&[("ofac_sdn_names_2026-08-20.json", &data)]);
    let sdn = list(&all, "us_sdn");
    assert_eq!(sdn.meta.entries, 19_249);
    assert_eq!(sdn.entries.len(), 19_249);
    assert_eq!(sdn.meta.date, "2026-08-20");
    assert!(sdn.meta.hash.starts_with("fnv1a64:"));
    let persons = sdn.entries.iter().filter(|e| e.kind == EntityKind::Person).count();
    let vessels = sdn.entries.iter().filter(|e| e.kind == EntityKind::Vessel).count();
    assert_eq!((persons, vessels), (7_502, 1_534));
    let aliases: usize = sdn.entries.iter().map(|e| e.aliases.len()).sum();
    assert!((20_000..=20_194).contains(&aliases), "{aliases} aliases");
    let z = entry(sdn, "AL ZAWAHIRI, Dr. Ayman");
    assert_eq!(z.id, "2676");
    assert!(z.aliases.iter().any(|a| a == "AL-ZAWAHIRI, Ayman"), "{:?}", z.aliases);
    assert_eq!(z.programs, vec!["SDGT"]);
}

#[test]
fn bis_entity_list_uvl_meu_from_ecfr_xml() {
    let data = shared("ecfr_15cfr744_entity_list_uvl_meu_2026-07.xml");
    let all = import_named(&[("ecfr_15cfr744_entity_list_uvl_meu_2026-07.xml", &data)]);
    let el = list(&all, "us_entity_list");
    // 3,415 table rows; cells holding several subordinate institutions become several entries.
    assert!((3_415..=3_480).contains(&el.entries.len()), "{} EL entries", el.entries.len());
    assert_eq!(list(&all, "us_uvl").entries.len(), 186);
    let meu = list(&all, "us_meu");
    assert!((60..=90).contains(&meu.entries.len()), "{} MEU entries", meu.entries.len());

    let h = entry(el, "Hassan Scientific Corporation");
    assert_eq!(h.aliases, vec!["Hasan Scientific Corporation"]);
    assert_eq!(h.countries, vec!["PK"]);
    assert_eq!(h.addresses, vec!["50 Akbari Road, New Anarkali, Lahore, Pakistan"]);
    assert_eq!(h.fields["federal_register"], "86 FR 29193, 6/1/21.");
    assert_eq!(h.fields["license_requirement"], "All Items Subject to the EAR");
    assert_eq!(h.fields["license_policy"], "See § 744.2(d) of the EAR");

    let c = entry(el, "Chengdu Haiguang Microelectronics Technology");
    assert_eq!(c.aliases, vec!["HMC", "Chengdu Haiguang Wei Dianzi Jishu"]);
    assert_eq!(c.countries, vec!["CN"]);

    // A subordinate institution named inside its parent's cell is its own entry.
    let env = entry(el, "Envoltek");
    assert!(env.fields["parent"].contains("(CETC 13)"), "{:?}", env.fields);
    assert_eq!(env.aliases, vec!["Hebei Envoltek Electronics"]);

    // Rows continuing the row above inherit its licence columns and name it as parent.
    let r = entry(el, "203rd Research Institute");
    assert_eq!(r.fields["parent"], "China Aerospace Science and Industry Corporation Second Academy");
    assert_eq!(r.fields["federal_register"], "83 FR 37427, 8/1/18.");
    assert_eq!(
        r.aliases,
        vec!["Beijing Radio Measurement and Testing Institute", "Beijing Institute of Radio Metrology and Measurement"]
    );

    // PAEC's cell lists four subordinate entities: they stay apart from the addresses, and no address
    // fragment or subordinate category lands among the aliases.
    let paec = entry(el, "Pakistan Atomic Energy Commission (PAEC)");
    let subs = &paec.fields["subordinates"];
    assert!(
        subs.contains("Nuclear reactors (including power plants)")
            && subs.contains("(PINSTECH)")
            && subs.contains("(NILOP)"),
        "{subs}"
    );
    assert!(paec.addresses.iter().all(|a| !a.contains("reactors") && !a.contains('—')), "{:?}", paec.addresses);
    assert!(
        paec.aliases.iter().all(|a| !a.contains("P.O. Box") && !a.contains("following") && !a.contains("reactors")),
        "{:?}",
        paec.aliases
    );
    assert!(paec.aliases.iter().any(|a| a == "National Development Complex (NDC)"), "{:?}", paec.aliases);

    // No entry name swallowed an alias list or an address block.
    let bad: Vec<&str> = el
        .entries
        .iter()
        .map(|e| e.name.as_str())
        .filter(|n| n.contains("a.k.a") || n.starts_with('—') || n.contains("following") || n.is_empty())
        .collect();
    assert!(bad.len() <= 3, "names with unsplit text: {bad:?}");
    // Every EL entry carries its Federal Register citation.
    let no_fr = el.entries.iter().filter(|e| !e.fields.contains_key("federal_register")).count();
    assert!(no_fr <= 5, "{no_fr} EL entries without FR citation");
}

#[test]
fn ecfr_csv_agrees_with_the_xml() {
    let x = shared("ecfr_15cfr744_entity_list_uvl_meu_2026-07.xml");
    let c = shared("bis_entity_uvl_meu_from_ecfr_2026-07.csv");
    let from_xml = import_named(&[("ecfr.xml", &x)]);
    let from_csv = import_named(&[("ecfr.csv", &c)]);
    let (a, b) = (list(&from_xml, "us_entity_list"), list(&from_csv, "us_entity_list"));
    let names_b: std::collections::HashSet<&str> = b.entries.iter().map(|e| e.name.as_str()).collect();
    let missing = a.entries.iter().filter(|e| !names_b.contains(e.name.as_str())).count();
    assert!(missing * 100 <= a.entries.len(), "{missing} XML names not found from the CSV");
    assert_eq!(entry(b, "Hassan Scientific Corporation").fields["federal_register"], "86 FR 29193, 6/1/21.");
}

#[test]
fn meti_end_user_list_from_the_multi_list_json() {
    let data = shared("multi_restricted_parties_kaist_2026-08-18.json");
    let all = import_named(&[("multi_restricted_parties_kaist_2026-08-18.json", &data)]);
    assert_eq!(all.len(), 1, "only the METI list is taken from the compilation");
    let eul = list(&all, "jp_meti_eul");
    assert_eq!(eul.entries.len(), 835);
    assert_eq!(eul.meta.date, "2026-08-18");
    let c = entry(eul, "Chashma Nuclear Power Plant (CHASNUPP)");
    assert_eq!(c.fields["concern"], "N");
    assert_eq!(c.countries, vec!["PK"]);
    let no_country = eul.entries.iter().filter(|e| e.countries.is_empty()).count();
    assert_eq!(no_country, 0, "every METI country resolves to ISO-2");
}

#[test]
fn un_security_council_xml() {
    let data = shared("un_sc_consolidated_2026-02-27.xml");
    let all = import_named(&[("un_sc_consolidated_2026-02-27.xml", &data)]);
    let un = list(&all, "un_sc");
    assert_eq!(un.meta.date, "2026-02-27");
    let persons = un.entries.iter().filter(|e| e.kind == EntityKind::Person).count();
    assert_eq!((persons, un.entries.len() - persons), (730, 273));
    let badege = entry(un, "ERIC BADEGE");
    assert_eq!(badege.id, "CDi.001");
    assert_eq!(badege.dates_of_birth, vec!["1971"]);
    assert!(badege.countries.contains(&"CD".to_string()), "{:?}", badege.countries);
    let weak: usize = un.entries.iter().map(|e| e.weak_aliases.len()).sum();
    assert!(weak >= 500, "low-quality aliases kept as weak: {weak}");
    let with_dob = un.entries.iter().filter(|e| e.dates_of_birth.iter().any(|d| d.len() == 10)).count();
    assert!(with_dob > 300, "{with_dob} persons with a full date of birth");
}

#[test]
fn bis_denied_persons_list() {
    let data = shared("bis_dpl_2023-11.txt");
    let all = import_named(&[("bis_dpl_2023-11.txt", &data)]);
    let dpl = list(&all, "us_dpl");
    assert_eq!(dpl.entries.len(), 665);
    assert!(dpl.meta.date.starts_with("2023-11"), "{}", dpl.meta.date);
    let v = entry(dpl, "AARON ABRAHAM VILLA");
    assert_eq!(v.fields["effective_date"], "2022-08-24");
    assert_eq!(v.fields["federal_register"], "87 F.R. 52741 8/29/2022");
}

#[test]
fn ofac_legacy_set_joins_aliases_addresses_and_remarks() {
    let (s, a, l, c) = (
        shared("ofac_sdn_2021-07.csv"),
        shared("ofac_add_2021-07.csv"),
        shared("ofac_alt_2021-07.csv"),
        shared("ofac_sdn_comments_2021-07.csv"),
    );
    let all = import_named(&[
        ("ofac_sdn_2021-07.csv", &s),
        ("ofac_add_2021-07.csv", &a),
        ("ofac_alt_2021-07.csv", &l),
        ("ofac_sdn_comments_2021-07.csv", &c),
    ]);
    assert_eq!(all.len(), 1);
    let sdn = list(&all, "us_sdn");
    assert_eq!(sdn.entries.len(), 8_976);
    assert_eq!(sdn.meta.date, "2021-07");
    let cuba = entry(sdn, "AEROCARIBBEAN AIRLINES");
    assert_eq!(cuba.aliases, vec!["AERO-CARIBBEAN"]);
    assert_eq!(cuba.countries, vec!["CU"]);
    assert_eq!(cuba.addresses, vec!["Havana, Cuba"]);
    let m = entry(sdn, "ABU MARZOOK, Mousa Mohammed");
    assert_eq!(m.kind, EntityKind::Person);
    assert_eq!(m.dates_of_birth, vec!["1951-02-09"]);
    assert_eq!(m.weak_aliases, vec!["ABU-'UMAR"]);
    assert!(m.fields["ids"].contains("Passport 92/664"), "{:?}", m.fields);
    let with_dob = sdn.entries.iter().filter(|e| !e.dates_of_birth.is_empty()).count();
    assert!(with_dob > 3_000, "{with_dob}");
    let all_issues: usize = all.iter().map(|i| i.issues.len()).sum();
    assert!(all_issues < 20, "{:?}", all[0].issues.iter().take(5).collect::<Vec<_>>());
}

#[test]
fn ofac_non_sdn_consolidated_set() {
    let (p, a, l, c) = (
        shared("ofac_cons_prim_2025-12.csv"),
        shared("ofac_cons_add_2025-12.csv"),
        shared("ofac_cons_alt_2025-12.csv"),
        shared("ofac_cons_comments_2025-12.csv"),
    );
    let all = import_named(&[
        ("ofac_cons_prim_2025-12.csv", &p),
        ("ofac_cons_add_2025-12.csv", &a),
        ("ofac_cons_alt_2025-12.csv", &l),
        ("ofac_cons_comments_2025-12.csv", &c),
    ]);
    let cons = list(&all, "us_nonsdn");
    assert_eq!(cons.entries.len(), 442);
    assert!(cons.entries.iter().filter(|e| !e.aliases.is_empty()).count() > 100);
}

#[test]
fn a_bad_ofac_record_is_reported_and_the_rest_kept() {
    let s = fixture("sdn_bad_line.csv");
    let l = fixture("alt_orphan.csv");
    let all = import_named(&[("sdn.csv", &s), ("alt.csv", &l)]);
    let imp = &all[0];
    assert_eq!(imp.list.entries.len(), 3, "the short record is skipped, the others kept");
    let lines: Vec<(String, usize)> = imp.issues.iter().map(|i| (i.file.clone(), i.line)).collect();
    assert_eq!(lines, vec![("sdn.csv".to_string(), 2), ("alt.csv".to_string(), 2)]);
    assert!(imp.issues[0].reason.contains("12 fields"), "{}", imp.issues[0]);
    assert_eq!(imp.issues[0].to_string(), format!("sdn.csv:2: {}", imp.issues[0].reason));
    assert_eq!(entry(&imp.list, "BANCO NACIONAL DE CUBA").weak_aliases, vec!["BNC"]);
    assert_eq!(entry(&imp.list, "AEROCARIBBEAN AIRLINES").aliases, vec!["AERO-CARIBBEAN"]);
}

#[test]
fn a_dpl_record_without_a_name_is_reported() {
    let d = fixture("dpl_missing_name.txt");
    let all = import_named(&[("dpl.txt", &d)]);
    let names: Vec<&str> = all[0].list.entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, vec!["JOHN DOE", "ACME TRADING"]);
    assert_eq!(all[0].issues.len(), 1);
    assert_eq!(all[0].issues[0].line, 3);
}

#[test]
fn truncated_xml_is_a_clear_error() {
    let d = fixture("un_truncated.xml");
    let err = import(&[SourceFile { name: "un_truncated.xml", data: &d }]).expect_err("must fail");
    assert_eq!(err.file, "un_truncated.xml");
    assert!(err.line > 1, "{err}");
    assert!(err.to_string().contains("truncated"), "{err}");
}

#[test]
fn unknown_files_and_orphan_parts_are_errors() {
    let err = import(&[SourceFile { name: "notes.txt", data: b"hello world" }]).expect_err("unknown");
    assert!(err.to_string().contains("unknown list format"), "{err}");
    let l = fixture("alt_orphan.csv");
    let err = import(&[SourceFile { name: "alt.csv", data: &l }]).expect_err("alt without sdn");
    assert!(err.to_string().contains("main file"), "{err}");
}

#[test]
fn bundled_lists_decode_and_match_their_manifest() {
    let lists = catchall::lists::bundled().expect("bundled lists decode");
    let ids: Vec<&str> = lists.iter().map(|l| l.meta.id.as_str()).collect();
    assert_eq!(ids, catchall::lists::bundle::BUNDLED_IDS);
    let index: serde_json::Value = serde_json::from_str(catchall::lists::bundled_index()).expect("index.json");
    for l in &lists {
        assert!(l.entries.len() > 50, "{} has {} entries", l.meta.id, l.entries.len());
        assert!(!l.meta.date.is_empty() && !l.meta.publisher.is_empty() && !l.meta.licence.is_empty(), "{:?}", l.meta);
        let m =
            index["lists"].as_array().and_then(|a| a.iter().find(|m| m["id"] == l.meta.id.as_str())).expect("in index");
        assert_eq!(m["entries"].as_u64(), Some(l.entries.len() as u64), "{}", l.meta.id);
    }
    let total: usize = lists.iter().map(|l| l.entries.iter().map(|e| 1 + e.aliases.len()).sum::<usize>()).sum();
    assert!(total >= 40_000, "{total} names bundled");
    let el = &lists[1];
    let h = entry(el, "Hassan Scientific Corporation");
    assert_eq!(h.fields["federal_register"], "86 FR 29193, 6/1/21.");
    assert!(!h.fields.contains_key("country_heading"));
    let eul = &lists[6];
    assert_eq!(entry(eul, "Chashma Nuclear Power Plant (CHASNUPP)").fields["concern"], "N");
    // The SDN bundle carries the legacy files' facts: addresses, countries, dates of birth.
    let sdn = &lists[0];
    assert_eq!(entry(sdn, "AEROCARIBBEAN AIRLINES").countries, vec!["CU"]);
    assert_eq!(entry(sdn, "ABU MARZOOK, Mousa Mohammed").dates_of_birth, vec!["1951-02-09"]);
    let eu = lists.iter().find(|l| l.meta.id == "eu_fsf").expect("eu_fsf bundled");
    assert!(eu.meta.licence.contains("European Commission") && eu.meta.licence.contains("derivative"));
    let uk = lists.iter().find(|l| l.meta.id == "uk_sanctions").expect("uk_sanctions bundled");
    assert!(uk.meta.licence.contains("Open Government Licence"));
    assert!(eul.entries.iter().all(|e| !e.fields.contains_key("name_native")), "compiler's additions not shipped");
}

#[test]
fn csl_csv_with_a_duplicated_header_row() {
    let data = shared("us_csl_2023-11_partial.csv");
    let all = import_named(&[("us_csl_2023-11_partial.csv", &data)]);
    let count = |id: &str| list(&all, id).entries.len();
    // 1,738 SDN rows, one of them cut short (8 fields): reported, not kept.
    assert_eq!(count("us_sdn"), 1_737);
    assert_eq!(count("us_entity_list"), 919);
    assert_eq!(count("us_dpl"), 577);
    assert_eq!(count("us_uvl"), 186);
    assert_eq!(count("us_isn"), 144);
    let issues: Vec<String> = all.iter().flat_map(|i| &i.issues).map(|i| i.to_string()).collect();
    assert!(issues.iter().any(|i| i.starts_with("us_csl_2023-11_partial.csv:2: repeated header row")), "{issues:?}");
    assert!(issues.iter().any(|i| i.contains("expected 29 fields, found 8")), "{issues:?}");
    // EL aliases keep "; and" before the last one in the CSV: split cleanly.
    let el = list(&all, "us_entity_list");
    assert!(el.entries.iter().flat_map(|e| &e.aliases).all(|a| !a.starts_with("and ") && !a.is_empty()));
    let f =
        el.entries.iter().find(|e| e.aliases.iter().any(|a| a == "Engineer Idris")).expect("Fazel Rahim Farid aliases");
    assert_eq!(f.aliases, vec!["Fazel Rahim Farid", "Farid", "Engineer Idris"]);
    let with_fr = el.entries.iter().filter(|e| e.fields.contains_key("federal_register")).count();
    assert!(with_fr * 100 >= el.entries.len() * 95, "{with_fr} of {} EL rows carry an FR citation", el.entries.len());
}

#[test]
fn uk_sanctions_list_relational_csvs() {
    let files = ["subjects", "names", "dobs", "countries", "identifiers"].map(|k| {
        let n = format!("uk_sanctions_list_2026-04-29_{k}.csv");
        let d = shared(&n);
        (n, d)
    });
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, d)| (n.as_str(), d.as_slice())).collect();
    let all = import_named(&refs);
    let uk = list(&all, "uk_sanctions");
    assert!((6_000..=6_051).contains(&uk.entries.len()), "{}", uk.entries.len());
    assert_eq!(uk.meta.date, "2026-04-29");
    let persons = uk.entries.iter().filter(|e| e.kind == EntityKind::Person).count();
    let ships = uk.entries.iter().filter(|e| e.kind == EntityKind::Vessel).count();
    assert!((3_800..=3_883).contains(&persons) && (600..=632).contains(&ships), "{persons} persons, {ships} ships");
    let a = uk.entries.iter().find(|e| e.id == "AFG0001").expect("AFG0001");
    assert_eq!(a.name, "HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE");
    assert!(a.aliases.iter().any(|x| x == "Haji Alim Hawala"), "{:?}", a.aliases);
    let weak: usize = uk.entries.iter().map(|e| e.weak_aliases.len()).sum();
    assert!(weak >= 590, "low-quality a.k.a.s are weak: {weak}");
    // The dobs file covers 1,043 subjects.
    let with_dob = uk.entries.iter().filter(|e| !e.dates_of_birth.is_empty()).count();
    assert!((1_000..=1_043).contains(&with_dob), "{with_dob}");
}

#[test]
fn followthemoney_json_lines() {
    let data = shared("opensanctions_ftm_sample_zala_cluster.jsonl");
    let all = import_named(&[("opensanctions_ftm_sample_zala_cluster.jsonl", &data)]);
    let ftm = list(&all, "ftm");
    // 11 companies + 6 persons; sanctions, addresses, ownerships … are not parties.
    let persons = ftm.entries.iter().filter(|e| e.kind == EntityKind::Person).count();
    assert_eq!((ftm.entries.len(), persons), (17, 6));
    assert!(ftm.meta.licence.contains("CC BY-NC"));
    let zala = ftm
        .entries
        .iter()
        .find(|e| e.aliases.iter().any(|a| a.to_lowercase().contains("zala aero")))
        .expect("Zala Aero");
    assert_eq!(zala.kind, EntityKind::Organization);
    let mut bad = data.clone();
    bad.extend_from_slice(b"{not json\n");
    let all = import_named(&[("bad.jsonl", &bad)]);
    assert_eq!(all[0].issues.len(), 1);
    assert_eq!(all[0].issues[0].line, data.iter().filter(|&&b| b == b'\n').count() + 1);
    assert_eq!(all[0].list.entries.len(), 17);
}

#[test]
fn compressed_files_are_named_as_such() {
    // Any gzipped file: the copy of a source kept in the repository.
    let gz = std::fs::read(sources_dir().join("un_sc_consolidated_2026-02-27.xml.gz")).expect("gzipped source copy");
    let err = import(&[SourceFile { name: "consolidated.csv.gz", data: &gz }]).expect_err("gzip");
    assert!(err.to_string().contains("gunzip"), "{err}");
}

#[test]
fn csl_json_results() {
    let data = fixture("csl_sample.json");
    assert_eq!(detect("csl_sample.json", &data), Some(Format::CslJson));
    let all = import_named(&[("csl_sample.json", &data)]);
    let el = list(&all, "us_entity_list");
    let h = entry(el, "Hassan Scientific Corporation");
    assert_eq!(h.aliases, vec!["Hasan Scientific Corporation"]);
    assert_eq!(h.countries, vec!["PK"]);
    assert_eq!(h.addresses, vec!["50 Akbari Road, New Anarkali, Lahore, PK"]);
    assert_eq!(h.fields["federal_register"], "86 FR 29193");
    assert_eq!(h.fields["license_policy"], "See § 744.2(d) of the EAR");
    let sdn = list(&all, "us_sdn");
    let m = entry(sdn, "ABU MARZOOK, Mousa Mohammed");
    assert_eq!((m.id.as_str(), m.kind), ("9673", EntityKind::Person));
    assert_eq!(m.dates_of_birth, vec!["1951-02-09"]);
    assert_eq!(m.countries, vec!["EG"]);
    assert_eq!(m.fields["ids"], "Passport, 92/664, EG");
}

/// The committed assets in static/lists are what `scripts/build-lists` makes from the sources
/// today: an importer change without regenerating the bundle fails here.
#[test]
fn bundled_assets_are_up_to_date_with_their_sources() {
    use catchall::lists::bundle;
    for (files, ids, _, date) in bundle::SOURCES {
        let datas: Vec<(&str, Vec<u8>)> = files.iter().map(|f| (*f, shared(f))).collect();
        let refs: Vec<(&str, &[u8])> = datas.iter().map(|(n, d)| (*n, d.as_slice())).collect();
        let all = import_named(&refs);
        for id in *ids {
            let mut shipped = bundle::for_shipping(list(&all, id).clone());
            if let Some(d) = date {
                shipped.meta.date = d.to_string();
            }
            let fresh = bundle::encode(&shipped);
            let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("static/lists/{id}.tsv"));
            let committed = std::fs::read_to_string(&p).expect("asset");
            assert!(fresh == committed, "{id}: static/lists/{id}.tsv is stale — run scripts/build-lists");
        }
    }
}

/// Every importer names file and line for a malformed record or a file it cannot read
/// (docs/HARDENING.md §3): one malformed snippet per format, the line where it is broken, and
/// the `file:line: reason` the user sees. JSON array formats (OFAC names JSON, the METI
/// multi-list JSON) cannot place a bad *record* on a line (the record is found after parsing
/// the whole array); they name it by index instead, checked at the end.
#[test]
fn every_format_names_file_and_line_of_what_is_malformed() {
    let csl_header = catchall::lists::import::csl::COLUMNS.join(",");
    let csl_row = "1,Entity List (EL) - Bureau of Industry and Security,,Entity,,ACME CORP,,,,,,,,,,,,,,,,,,,,,,,";
    let cases: Vec<(&str, &str, Vec<u8>, usize)> = vec![
        ("CSL CSV, short row", "csl.csv", format!("{csl_header}\n{csl_row}\n1,Entity List (EL),x\n").into_bytes(), 3),
        ("CSL JSON, cut", "csl.json", b"{\"results\": [\n{\"name\": \"A\", \"source\": \"x\"},\n{\"name\": ".to_vec(), 3),
        ("OFAC names CSV, short row", "sdn_names.csv", b"uid,name,type,programs,alternate_names\n1,\"ACME\",entity,SDGT,\n2,\"B\"\n".to_vec(), 3),
        ("OFAC names JSON, cut", "sdn.json", b"{\"entries\": [\n{\"uid\": 1, \"name\": \"A\", \"alternateNames\": []},\n{\"uid\": ".to_vec(), 3),
        ("OFAC legacy sdn.csv, short record", "sdn.csv", fixture("sdn_bad_line.csv"), 2),
        ("eCFR XML, cut", "part744.xml", b"<DIV5 N=\"744\" TYPE=\"PART\">\n<HEAD>PART 744</HEAD>\n<DIV9 N=\"4\">\n<P>text".to_vec(), 0),
        ("eCFR CSV, unknown supplement", "part744.csv", b"supplement,country,entity,a,b,c\nSupplement No. 4,CHINA,ACME,,,\nSupplement No. 9,X,Y,,,\n".to_vec(), 3),
        ("DPL, record without a name", "dpl.txt", fixture("dpl_missing_name.txt"), 3),
        ("UN XML, cut", "un.xml", fixture("un_truncated.xml"), 0),
        ("METI multi JSON, cut", "multi.json", b"[\n{\"list_id\": \"x\",\n\"name\": ".to_vec(), 3),
        ("FtM JSONL, bad line", "entities.ftm.json", b"{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A B\"]}}\n{\"id\":\"b\",\"schema\":\"Person\",\"properties\":\n".to_vec(), 2),
        ("FtM JSONL, not UTF-8", "entities.ftm.json", b"{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A B\"]}}\n{\"id\":\"b\xff\"}\n".to_vec(), 2),
        ("UK names CSV, short row", "uk_names.csv", b"name_id,unique_id,name_type,full_name,alias_strength\n1,U1,primary,ACME,\n2,U2\n".to_vec(), 3),
        (
            "EU FSF XML, entity without logicalId",
            "eu.xml",
            b"<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\" generationDate=\"2026-08-05T16:47:04\">\n<sanctionEntity logicalId=\"1\"><subjectType code=\"person\"/><nameAlias wholeName=\"A B\"/></sanctionEntity>\n<sanctionEntity><nameAlias wholeName=\"C\"/></sanctionEntity>\n</export>\n".to_vec(),
            3,
        ),
        ("EU FSF XML, cut", "eu.xml", b"<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\">\n<sanctionEntity logicalId=\"1\">\n<nameAlias wholeName=\"A\"".to_vec(), 0),
        (
            "UK XML, designation without UniqueID",
            "uk.xml",
            b"<Designations>\n<DateGenerated>07/09/2026</DateGenerated>\n<Designation><UniqueID>X1</UniqueID><Names><Name><Name6>A</Name6><NameType>Primary Name</NameType></Name></Names></Designation>\n<Designation><Names/></Designation>\n</Designations>\n".to_vec(),
            4,
        ),
        (
            "OFAC sdn.xml, entry without uid",
            "sdn.xml",
            b"<sdnList>\n<sdnEntry><uid>1</uid><lastName>A</lastName><sdnType>Entity</sdnType></sdnEntry>\n<sdnEntry><lastName>B</lastName></sdnEntry>\n</sdnList>\n".to_vec(),
            3,
        ),
        (
            "OFAC ADVANCED XML, party without profile",
            "sdn_advanced.xml",
            b"<Sanctions xmlns=\"https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML\">\n<DistinctParties>\n<DistinctParty FixedRef=\"2\"></DistinctParty>\n</DistinctParties>\n</Sanctions>\n".to_vec(),
            3,
        ),
    ];
    for (what, name, data, want) in &cases {
        // The line each malformed thing is reported at (0 = "some line > 1": cut XML is reported
        // where the unclosed element opened or where the file ends).
        let got: Vec<(usize, String)> = match import(&[SourceFile { name, data: data.as_slice() }]) {
            Err(e) => vec![(e.line, e.to_string())],
            Ok(lists) => lists.iter().flat_map(|l| l.issues.iter().map(|i| (i.line, i.to_string()))).collect(),
        };
        assert_eq!(got.len(), 1, "{what}: expected one error or issue, got {got:?}");
        let (line, msg) = &got[0];
        if *want == 0 {
            assert!(*line > 1, "{what}: {msg}");
        } else {
            assert_eq!(line, want, "{what}: {msg}");
        }
        assert!(msg.starts_with(&format!("{name}:{line}: ")), "{what}: {msg}");
    }
    // JSON arrays: a bad record is named by its index.
    let d =
        b"{\"entries\": [{\"uid\": 1, \"name\": \"A\", \"alternateNames\": []}, {\"uid\": 2, \"alternateNames\": []}]}";
    let all = import_named(&[("sdn.json", d)]);
    assert!(all[0].issues.iter().any(|i| i.reason.contains("entries[1]")), "{:?}", all[0].issues);
}

#[test]
fn eu_fsf_from_the_names_level_derivative() {
    let f = "multi_eu_fsf_un_ofaccons_names_derived_2026-01-28.json";
    let data = shared(f);
    let all = import_named(&[(f, &data)]);
    assert_eq!(all.len(), 1, "only the EU records become a list");
    let eu = list(&all, "eu_fsf");
    assert_eq!(eu.entries.len(), 5_795);
    assert_eq!(eu.meta.date, "2026-01-28");
    assert!(eu.meta.publisher.contains("European Commission"), "{}", eu.meta.publisher);
    assert!(eu.meta.licence.contains("derivative") && eu.meta.licence.contains("lossy"), "{}", eu.meta.licence);
    assert!(eu.meta.legal_basis.contains("asset freeze"));
    let persons = eu.entries.iter().filter(|e| e.kind == EntityKind::Person).count();
    assert_eq!((persons, eu.entries.len() - persons), (4_302, 1_493));
    let s = eu.entries.iter().find(|e| e.id == "13").expect("EU logical id 13");
    assert_eq!(s.name, "Saddam Hussein Al-Tikriti");
    assert_eq!(s.aliases, vec!["Abu Ali", "Abou Ali"]);
    assert_eq!(s.dates_of_birth, vec!["1937-04-28"]);
    assert_eq!(s.fields["also_in"], "UN");
    let aliases: usize = eu.entries.iter().map(|e| e.aliases.len()).sum();
    assert!((23_000..=23_786).contains(&aliases), "{aliases} aliases");
    let with_ids = eu.entries.iter().filter(|e| e.fields.contains_key("ids")).count();
    assert!((1_600..=1_668).contains(&with_ids), "{with_ids} with identifiers");
    // Multilingual aliases survive (Cyrillic, Greek, Arabic…).
    let non_latin = eu
        .entries
        .iter()
        .flat_map(|e| &e.aliases)
        .filter(|a| a.chars().any(|c| ('\u{0370}'..='\u{06FF}').contains(&c)))
        .count();
    assert!(non_latin > 1_000, "{non_latin} non-Latin aliases");
}

#[test]
fn eu_fsf_official_xml_1_1_samples() {
    let a = shared("eu_fsf_xml_1_1_sample_2026-08-05.xml");
    let b = shared("eu_fsf_xml_1_1_sample_b_2026-08-05.xml");
    let all = import_named(&[("eu_fsf_xml_1_1_sample_2026-08-05.xml", &a)]);
    let eu = list(&all, "eu_fsf");
    assert!(all[0].issues.is_empty(), "{:?}", all[0].issues);
    assert_eq!(eu.entries.len(), 17);
    assert_eq!(eu.meta.date, "2026-08-05");
    assert!(!eu.meta.licence.contains("derivative"));
    let s = eu.entries.iter().find(|e| e.id == "13").expect("logicalId 13");
    assert_eq!((s.name.as_str(), s.kind), ("Saddam Hussein Al-Tikriti", EntityKind::Person));
    assert!(s.aliases.iter().any(|x| x == "Abou Ali"), "{:?}", s.aliases);
    assert_eq!(s.countries, vec!["IQ"]);
    assert_eq!(s.dates_of_birth, vec!["1937-04-28"]);
    assert_eq!(s.programs, vec!["IRQ"]);
    assert_eq!(s.fields["eu_reference"], "EU.27.28");
    assert!(s.fields["regulation"].contains("1210/2003"), "{:?}", s.fields);
    assert!(s.fields["place_of_birth"].contains("al-Awja"), "{:?}", s.fields);
    let orgs = eu.entries.iter().filter(|e| e.kind == EntityKind::Organization).count();
    assert_eq!(orgs, 7);
    // Arabic / Persian / Cyrillic name aliases are kept as aliases.
    let arabic = eu
        .entries
        .iter()
        .flat_map(|e| &e.aliases)
        .filter(|a| a.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)))
        .count();
    assert!(arabic >= 4, "{arabic} Arabic-script aliases");
    assert!(
        eu.entries.iter().all(|e| e.name.is_ascii() || e.name.chars().all(|c| (c as u32) < 0x0250)),
        "primary names are Latin"
    );
    // A bare Hijri year is not a date of birth; a year range is kept as a range.
    assert!(eu.entries.iter().all(|e| e.dates_of_birth.iter().all(|d| !d.starts_with("13") && !d.starts_with("14"))));
    assert!(eu.entries.iter().any(|e| e.fields.contains_key("date_of_birth_islamic")));
    assert!(eu.entries.iter().any(|e| e.dates_of_birth.iter().any(|d| d == "1960 to 1979")));
    // Identification numbers with their country; "-" is no number.
    let ids: Vec<&String> = eu.entries.iter().filter_map(|e| e.fields.get("ids")).collect();
    assert!(ids.iter().any(|i| i.contains("F654645 (SA)")), "{ids:?}");
    assert!(ids.iter().all(|i| !i.contains(" - ")), "{ids:?}");
    assert!(eu.entries.iter().any(|e| !e.addresses.is_empty()));
    let all = import_named(&[("eu_fsf_xml_1_1_sample_b_2026-08-05.xml", &b)]);
    assert_eq!(list(&all, "eu_fsf").entries.len(), 5);
}

#[test]
fn eu_fsf_csv_1_1_written_from_the_published_format() {
    // Not a real file (none was available): see tests/fixtures/lists/README.md.
    let f = "eu_fsf_csv_1_1_from_published_format.csv";
    let data = fixture(f);
    assert_eq!(detect(f, &data), Some(Format::EuFsfCsv));
    let all = import_named(&[(f, &data)]);
    let eu = list(&all, "eu_fsf");
    assert_eq!(eu.meta.date, "2026-08-05");
    assert_eq!(eu.entries.len(), 2);
    let s = &eu.entries[0];
    assert_eq!((s.id.as_str(), s.name.as_str(), s.kind), ("13", "Saddam Hussein Al-Tikriti", EntityKind::Person));
    assert_eq!(s.aliases, vec!["Abu Ali"]);
    assert_eq!(s.dates_of_birth, vec!["1937-04-28"]);
    assert_eq!(s.countries, vec!["IQ"]);
    let p = &eu.entries[1];
    assert_eq!(p.kind, EntityKind::Organization);
    assert_eq!(p.aliases, vec!["АО Пример Машзавод"]);
    assert_eq!(p.countries, vec!["RU"]);
    assert_eq!(p.addresses, vec!["Ulitsa Primernaya 1, Moscow, 101000, RUSSIAN FEDERATION"]);
    assert_eq!(p.fields["ids"], "Registration Number 1027700000000 (RU)");
    let issues: Vec<String> = all[0].issues.iter().map(|i| i.to_string()).collect();
    assert_eq!(issues.len(), 2, "{issues:?}");
    assert!(issues[0].starts_with(&format!("{f}:10: expected 59 fields")), "{issues:?}");
    assert!(issues[1].starts_with(&format!("{f}:11: row without Entity_LogicalId")), "{issues:?}");
}

#[test]
fn uk_sanctions_list_xml_2025_format() {
    let f = "uk_sanctions_list_xml_sample_2026-09-07.xml";
    let data = shared(f);
    let all = import_named(&[(f, &data)]);
    let uk = list(&all, "uk_sanctions");
    assert!(all[0].issues.is_empty(), "{:?}", all[0].issues);
    assert_eq!(uk.meta.date, "2026-09-07");
    let kinds = |k| uk.entries.iter().filter(|e| e.kind == k).count();
    assert_eq!((kinds(EntityKind::Person), kinds(EntityKind::Organization), kinds(EntityKind::Vessel)), (14, 5, 2));
    let a = uk.entries.iter().find(|e| e.id == "AFG0006").expect("AFG0006");
    assert_eq!(a.name, "MOHAMMAD HASSAN AKHUND");
    assert!(a.aliases.iter().any(|x| x == "محمد حسن آخوند"), "non-Latin name kept: {:?}", a.aliases);
    assert!(a.dates_of_birth.contains(&"1945".to_string()), "{:?}", a.dates_of_birth);
    assert_eq!(a.countries, vec!["AF"]);
    assert_eq!(a.addresses, vec!["Kabul, Afghanistan"]);
    assert_eq!(a.fields["un_reference"], "TAi.002");
    assert_eq!(a.fields["ids"], "Passport P04581926", "repeated passports are one");
    assert_eq!(a.programs, vec!["The Afghanistan (Sanctions) (EU Exit) Regulations 2020"]);
    let ship = uk.entries.iter().find(|e| e.id == "DPR0075").expect("DPR0075");
    assert_eq!(ship.kind, EntityKind::Vessel);
    assert!(ship.fields["ids"].contains("IMO9562233"), "{:?}", ship.fields);
    let non_latin = uk.entries.iter().flat_map(|e| &e.aliases).filter(|a| !a.is_ascii()).count();
    assert!(non_latin >= 10, "{non_latin}");
}

#[test]
fn ofsi_conlist_workbook() {
    let f = "uk_ofsi_conlist_2025-04-14.xlsx";
    let data = shared(f);
    let all = import_named(&[(f, &data)]);
    let c = list(&all, "uk_ofsi_conlist");
    assert_eq!(c.meta.date, "2025-04-14");
    assert_eq!(c.entries.len(), 4_688, "one entry per Group ID");
    let names: usize = c.entries.iter().map(|e| 1 + e.aliases.len() + e.weak_aliases.len()).sum();
    assert!(names > 12_000, "{names} names from 18,798 name rows");
    let persons = c.entries.iter().filter(|e| e.kind == EntityKind::Person).count();
    assert!(persons > 2_500, "{persons}");
    assert!(c.entries.iter().all(|e| !e.name.is_empty()));
    let with_dob = c.entries.iter().filter(|e| !e.dates_of_birth.is_empty()).count();
    assert!(with_dob > 2_000, "{with_dob}");
    assert!(c.entries.iter().any(|e| e.aliases.iter().any(|a| !a.is_ascii())), "non-Latin names");
    let issues = &all[0].issues;
    assert!(issues.len() < 20, "{:?}", issues.iter().take(5).collect::<Vec<_>>());
}

#[test]
fn ofac_non_sdn_list_in_the_sdn_xml_schema() {
    let f = "ofac_cons_nonsdn_sdnxml_2026-01-08.xml";
    let data = shared(f);
    let all = import_named(&[(f, &data)]);
    let c = list(&all, "us_nonsdn");
    assert!(all[0].issues.is_empty(), "{:?}", all[0].issues);
    assert_eq!(c.meta.date, "2026-01-08");
    let persons = c.entries.iter().filter(|e| e.kind == EntityKind::Person).count();
    assert_eq!((c.entries.len(), persons), (442, 79));
    let akas: usize = c.entries.iter().map(|e| e.aliases.len() + e.weak_aliases.len()).sum();
    assert!((1_100..=1_144).contains(&akas), "{akas}");
    let h = c.entries.iter().find(|e| e.id == "9639").expect("uid 9639");
    assert_eq!(h.name, "HANIYA, Ismail Abdul Salah");
    assert_eq!(h.programs, vec!["NS-PLC"]);
    assert_eq!(h.dates_of_birth, vec!["1962"]);
    let with_country = c.entries.iter().filter(|e| !e.countries.is_empty()).count();
    assert!(with_country > 300, "{with_country}");
    // The same file under a name that does not say "cons" would be read as the SDN list.
    assert_eq!(import_named(&[("sdn.xml", &data)])[0].list.meta.id, "us_sdn");
}

#[test]
fn ofac_sdn_advanced_xml_sample() {
    let f = "ofac_sdn_advanced_xml_sample_2026-09-09.xml";
    let data = shared(f);
    let all = import_named(&[(f, &data)]);
    let sdn = list(&all, "us_sdn");
    assert!(all[0].issues.is_empty(), "{:?}", all[0].issues);
    assert_eq!(sdn.meta.date, "2026-09-09");
    let kinds: Vec<EntityKind> = sdn.entries.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, vec![EntityKind::Organization, EntityKind::Person, EntityKind::Vessel, EntityKind::Aircraft]);
    let z = sdn.entries.iter().find(|e| e.id == "2677").expect("2677");
    assert_eq!(z.name, "Al-Zomor Abboud Abdul Latif Hassan");
    assert!(z.aliases.iter().any(|a| a == "الزمر عبود عبداللطيف حسن"), "{:?}", z.aliases);
    assert!(z.aliases.iter().any(|a| a == "ZUMAR Abbud"), "{:?}", z.aliases);
    assert_eq!(z.dates_of_birth, vec!["1947-04-19"]);
    assert!(z.countries.contains(&"EG".to_string()), "{:?}", z.countries);
    assert!(z.fields["place_of_birth"].contains("Giza"), "{:?}", z.fields);
    assert!(sdn.entries.iter().all(|e| !e.programs.is_empty()), "every party has its programme");
    let cuba = sdn.entries.iter().find(|e| e.id == "36").expect("36");
    assert_eq!(cuba.name, "AEROCARIBBEAN AIRLINES");
    assert_eq!(cuba.countries, vec!["CU"]);
}

#[test]
fn sdn_names_json_joined_with_the_legacy_address_file() {
    let (j, a) = (shared("ofac_sdn_names_2026-08-20.json"), shared("ofac_add_2025-12.csv"));
    let all = import_named(&[("ofac_sdn_names_2026-08-20.json", &j), ("ofac_add_2025-12.csv", &a)]);
    assert_eq!(all.len(), 1, "add.csv joins the SDN list instead of asking for sdn.csv");
    let sdn = list(&all, "us_sdn");
    assert_eq!(sdn.entries.len(), 19_249);
    assert_eq!(sdn.meta.date, "2026-08-20");
    let cuba = entry(sdn, "AEROCARIBBEAN AIRLINES");
    assert_eq!(cuba.countries, vec!["CU"]);
    assert_eq!(cuba.addresses, vec!["Havana, Cuba"]);
    let with_country = sdn.entries.iter().filter(|e| !e.countries.is_empty()).count();
    assert!(with_country > 15_000, "{with_country} of 19,249 with a country");
    // Addresses of entities delisted since 2025-12 are one summary issue, not hundreds.
    assert_eq!(all[0].issues.len(), 1, "{:?}", all[0].issues);
    assert!(all[0].issues[0].reason.contains("entity numbers not in the list"), "{}", all[0].issues[0]);
}

#[test]
fn deeply_nested_xml_is_a_file_line_error_not_a_stack_overflow() {
    let mut x = String::from("<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST>\n");
    for _ in 0..100_000 {
        x.push_str("<a>");
    }
    let err = import(&[SourceFile { name: "deep.xml", data: x.as_bytes() }]).expect_err("too deep");
    assert_eq!(err.line, 3, "{err}");
    assert!(err.to_string().starts_with("deep.xml:3: XML nested deeper than"), "{err}");
}

#[test]
fn sdn_names_joined_with_the_legacy_main_file_gain_its_remarks() {
    let (j, m) = (shared("ofac_sdn_names_2026-08-20.json"), shared("ofac_sdn_2024-05-03.csv"));
    let all = import_named(&[("ofac_sdn_names_2026-08-20.json", &j), ("ofac_sdn_2024-05-03.csv", &m)]);
    assert_eq!(all.len(), 1, "sdn.csv joins the names list instead of making a second us_sdn list");
    let sdn = list(&all, "us_sdn");
    assert_eq!((sdn.entries.len(), sdn.meta.date.as_str()), (19_249, "2026-08-20"));
    let m = entry(sdn, "ABU MARZOOK, Mousa Mohammed");
    assert_eq!(m.dates_of_birth, vec!["1951-02-09"]);
    assert!(m.fields["ids"].contains("Passport 92/664"), "{:?}", m.fields);
    assert_eq!(m.weak_aliases, vec!["ABU-'UMAR"]);
    let with_dob = sdn.entries.iter().filter(|e| !e.dates_of_birth.is_empty()).count();
    assert!(with_dob > 5_500, "{with_dob}");
    // Entity numbers of 2024 that are no longer listed: one summary issue.
    let issues: Vec<String> = all[0].issues.iter().map(|i| i.to_string()).collect();
    assert!(issues.iter().any(|i| i.contains("entity numbers not in the list")), "{issues:?}");
    assert!(issues.len() < 10, "{issues:?}");
}
