//! `catchall lists` end to end: the bundled table, imports with skipped records, fatal errors.

use std::process::Command;

fn catchall(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_catchall"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs catchall");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn lists_shows_the_bundled_lists() {
    let (code, out, _) = catchall(&["lists"]);
    assert_eq!(code, 0);
    for id in ["us_sdn", "us_entity_list", "us_uvl", "us_meu", "us_dpl", "un_sc", "jp_meti_eul"] {
        assert!(out.contains(id), "{id} missing:\n{out}");
    }
    assert!(out.contains("2026-08-20") && out.contains("Office of Foreign Assets Control"), "{out}");
    let (code, json, _) = catchall(&["--format", "json", "lists"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(7));
}

#[test]
fn import_reports_skipped_records_with_file_and_line() {
    let (code, out, _) = catchall(&[
        "lists",
        "import",
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
