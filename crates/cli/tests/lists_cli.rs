//! `catchall lists` end to end: the bundled table, imports with skipped records, fatal errors.

use std::process::Command;

fn catchall(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_catchall"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("runs catchall");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn lists_shows_the_bundled_lists() {
    let (code, out, _) = catchall(&["lists"]);
    assert_eq!(code, 0);
    for id in catchall::lists::bundle::BUNDLED_IDS {
        assert!(out.contains(id), "{id} missing:\n{out}");
    }
    assert!(out.contains("2026-08-20") && out.contains("Office of Foreign Assets Control"), "{out}");
    let (code, json, _) = catchall(&["--format", "json", "lists"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(catchall::lists::bundle::BUNDLED_IDS.len()));
}

#[test]
fn import_reports_skipped_records_with_file_and_line() {
    // A three-entry SDN file would shrink the bundled list: accepted here to read its report.
    let (code, out, _) = catchall(&[
        "lists",
        "import",
        "--allow-shrink",
        "tests/fixtures/lists/sdn_bad_line.csv",
        "tests/fixtures/lists/alt_orphan.csv",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("entries:   3"), "{out}");
    assert!(out.contains("tests/fixtures/lists/sdn_bad_line.csv:2: expected 12 fields"), "{out}");
    assert!(out.contains("tests/fixtures/lists/alt_orphan.csv:2: alias for unknown entity number 99999"), "{out}");
}

#[test]
fn a_file_that_cannot_be_imported_exits_2() {
    let (code, _, err) = catchall(&["lists", "import", "tests/fixtures/lists/un_truncated.xml"]);
    assert_eq!(code, 2);
    assert!(err.contains("un_truncated.xml:") && err.contains("truncated XML"), "{err}");
    let (code, _, err) = catchall(&["lists", "import", "tests/fixtures/lists/no_such_file.csv"]);
    assert_eq!(code, 2);
    assert!(err.contains("no_such_file.csv"), "{err}");
}

/// A list file over `lists::import::MAX_LIST_BYTES` is refused by its size on disk, before it is
/// read (a sparse file: it takes no disk space), with the file, its size and the limit named.
#[test]
fn a_list_file_over_the_size_limit_exits_2_with_the_limit() {
    let path = std::env::temp_dir().join(format!("catchall-oversized-{}.csv", std::process::id()));
    let f = std::fs::File::create(&path).expect("temp file");
    f.set_len(catchall::lists::import::MAX_LIST_BYTES as u64 + 1).expect("sparse file");
    drop(f);
    let p = path.to_string_lossy().to_string();
    let (code, _, err) = catchall(&["lists", "import", &p]);
    let (code2, _, err2) = catchall(&["screen", "--list", &p, "data/examples/chashma_2021.json"]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&p) && err.contains("209715201 bytes") && err.contains("209715200 bytes (200 MiB)"), "{err}");
    assert_eq!(code2, 2, "{err2}");
    assert!(err2.contains("209715201 bytes"), "{err2}");
}

/// Gzipped source copies from `data/sources/lists/`, unpacked under their own names (the importer
/// takes the list date from the file name) into a directory of this test process and test (`tag`:
/// tests run in parallel and must not write the same file). The directory goes with the guard.
fn unpacked<const N: usize>(tag: &str, names: [&str; N]) -> (RemoveOnDrop, [String; N]) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/sources/lists");
    let dir = std::env::temp_dir().join(format!("catchall-lists-diff-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let paths = names.map(|name| {
        let gz = std::path::Path::new(root).join(format!("{name}.gz"));
        let f = std::fs::File::open(&gz).unwrap_or_else(|e| panic!("{}: {e}", gz.display()));
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(f), &mut data).expect("gunzip");
        let p = dir.join(name);
        std::fs::write(&p, data).expect("write unpacked copy");
        p.to_string_lossy().into_owned()
    });
    (RemoveOnDrop(dir), paths)
}

struct RemoveOnDrop(std::path::PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Two consecutive days of the OFAC SDN list (sdn.csv as published on 2024-05-02 and
/// 2024-05-03). The expected numbers were checked independently of the importer: a Python
/// script read both CSVs with the `csv` module (latin-1), keyed the 12-field rows by ent_num and
/// compared them: 14973 → 14965 rows, none added, 8 removed (the EMPEROR AVIATION LTD entity
/// and seven of its aircraft, 38556–38566), no row with any field changed.
#[test]
fn diff_of_two_consecutive_ofac_days() {
    let (_dir, [old, new]) = unpacked("days", ["ofac_sdn_2024-05-02.csv", "ofac_sdn_2024-05-03.csv"]);
    let (code, json, err) = catchall(&["--format", "json", "lists", "diff", &old, "--", &new]);
    assert_eq!(code, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let lists = v["lists"].as_array().expect("lists");
    assert_eq!(lists.len(), 1, "{json}");
    let l = &lists[0];
    assert_eq!(l["id"], "us_sdn");
    assert_eq!((l["old_entries"].as_u64(), l["new_entries"].as_u64()), (Some(14973), Some(14965)));
    assert_eq!((l["old_date"].as_str(), l["new_date"].as_str()), (Some("2024-05-02"), Some("2024-05-03")));
    assert_eq!(l["added"], serde_json::json!([]));
    assert_eq!(l["changed"], serde_json::json!([]));
    let removed: Vec<(&str, &str)> = l["removed"]
        .as_array()
        .expect("removed")
        .iter()
        .map(|e| (e["entry_id"].as_str().unwrap_or(""), e["name"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(
        removed,
        [
            ("38556", "EMPEROR AVIATION LTD"),
            ("38557", "9H-AMN"),
            ("38558", "9H-ARK"),
            ("38559", "9H-EAA"),
            ("38560", "9H-MAO"),
            ("38563", "9H-SIS"),
            ("38565", "9H-SSK"),
            ("38566", "9H-TIO"),
        ]
    );
    let (code, text, _) = catchall(&["lists", "diff", &old, "--", &new]);
    assert_eq!(code, 1);
    assert!(
        text.starts_with("us_sdn: +0 entries, −8, 0 changed (14973 → 14965 entries, 2024-05-02 → 2024-05-03)\n"),
        "{text}"
    );
    assert!(text.contains("  − 38556 EMPEROR AVIATION LTD\n"), "{text}");
}

/// Nearly three years apart (sdn.csv of 2021-07 and of 2024-05-03): many changes, so the text is
/// capped. The counts were checked with the same Python script as above: 8976 → 14965 rows,
/// 6870 ent_nums added, 881 removed, 745 present in both with some field changed (remarks in
/// most; programmes, vessel flag, one name).
#[test]
fn diff_across_three_years_of_ofac_counts_and_caps() {
    let (_dir, [old, new]) = unpacked("years", ["ofac_sdn_2021-07.csv", "ofac_sdn_2024-05-03.csv"]);
    let (code, json, err) = catchall(&["--format", "json", "lists", "diff", &old, "--", &new]);
    assert_eq!(code, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let l = &v["lists"][0];
    let len = |k: &str| l[k].as_array().map(Vec::len);
    assert_eq!((len("added"), len("removed"), len("changed")), (Some(6870), Some(881), Some(745)), "{err}");
    assert_eq!((l["old_entries"].as_u64(), l["new_entries"].as_u64()), (Some(8976), Some(14965)));
    let (code, text, _) = catchall(&["lists", "diff", &old, "--", &new]);
    assert_eq!(code, 1);
    assert!(text.starts_with("us_sdn: +6870 entries, −881, 745 changed (8976 → 14965 entries"), "{text}");
    assert!(text.contains("… and 6845 more added (--format json lists them all)"), "{text}");
    assert!(text.lines().count() < 90, "{text}");
}

#[test]
fn diff_of_identical_files_exits_0() {
    let (_dir, [f]) = unpacked("same", ["ofac_sdn_2024-05-03.csv"]);
    let (code, text, err) = catchall(&["lists", "diff", &f, "--", &f]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(text, "us_sdn: no differences (14965 → 14965 entries, 2024-05-03 → 2024-05-03)\n");
}

#[test]
fn diff_without_the_separator_is_a_usage_error() {
    let (code, out, err) =
        catchall(&["lists", "diff", "tests/fixtures/lists/sdn_bad_line.csv", "tests/fixtures/lists/sdn_bad_line.csv"]);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("no new files: put `--` between the old files and the new ones"), "{err}");
    let (code, _, err) = catchall(&["lists", "diff", "--", "tests/fixtures/lists/sdn_bad_line.csv"]);
    assert_eq!(code, 2);
    assert!(err.contains("old version's files before `--`"), "{err}");
    let (code, _, err) = catchall(&["lists", "diff", "tests/fixtures/lists/no_such_file.csv", "--", "x.csv"]);
    assert_eq!(code, 2);
    assert!(err.contains("no_such_file.csv"), "{err}");
}
