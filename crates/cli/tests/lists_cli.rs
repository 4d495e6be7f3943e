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
