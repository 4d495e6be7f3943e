//! `catchall compare` and `catchall match` (single name and streaming `--batch`) end to end,
//! against the bundled lists (static/lists/, built from the official files).

use std::io::Write;
use std::process::{Command, Stdio};

fn run(args: &[&str], stdin: &str) -> (i32, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_catchall"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    c.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let o = c.wait_with_output().unwrap();
    (o.status.code().unwrap_or(-1), String::from_utf8_lossy(&o.stdout).into_owned())
}

#[test]
fn compare_writes_one_line_per_input_in_order() {
    let input = concat!(
        r#"{"a": "Hassan Scientific Corporation", "b": "Hasan Scientific Corp.", "kind": "organization"}"#,
        "\n",
        r#"{"a": "Hassan Trading", "b": "Hassan Scientific Corporation", "kind": "organization"}"#,
        "\n",
        r#"{"a": "Mayrowitz", "b": "Mayrow", "kind": "unknown"}"#,
        "\n"
    );
    let (code, out) = run(&["--format", "json", "compare"], input);
    assert_eq!(code, 0);
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["match"], true);
    assert_eq!(lines[1]["match"], false);
    assert_eq!(lines[2]["match"], false);
    assert!(lines[0]["score"].as_f64().unwrap() > lines[1]["score"].as_f64().unwrap());
    assert!(lines[0]["aligned"].as_array().unwrap().len() >= 2, "explains the alignment");
}

#[test]
fn compare_reports_a_bad_line_and_goes_on() {
    let (code, out) =
        run(&["--format", "json", "compare"], "{\"a\": \"x\"}\n{\"a\": \"Iran Air\", \"b\": \"IRAN AIR\"}\n");
    assert_eq!(code, 2);
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["line"], 1);
    assert!(lines[0]["error"].as_str().unwrap().contains('b'));
    assert_eq!(lines[1]["match"], true);
}

#[test]
fn match_finds_the_chashma_parties_with_list_date() {
    let (code, out) = run(&["--format", "json", "match", "--country", "PK", "Hassan Scientific Corporation"], "");
    assert_eq!(code, 1, "hits found");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let hits = v["hits"].as_array().unwrap();
    let el = hits.iter().find(|h| h["list"] == "us_entity_list").expect("an Entity List hit");
    assert_eq!(el["name"], "Hassan Scientific Corporation");
    assert_eq!(el["match"], true);
    assert_eq!(el["explanation"]["list_date"], "2026-07-23");
    assert!(hits.iter().any(|h| h["list"] == "jp_meti_eul" && h["match"] == true), "also on METI's End User List");

    let (_, out) = run(&["--format", "json", "match", "Chashma Nuclear Power Generating Station"], "");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["hits"][0]["entry_id"], "eul-614");
    assert_ne!(v["hits"][0]["decision"], "no_match");

    let (code, out) = run(&["--format", "json", "match", "Hassan Trading"], "");
    assert_eq!(code, 0, "{out}");
}

#[test]
fn match_batch_streams_one_line_per_row() {
    let csv = std::env::temp_dir().join(format!("catchall-names-batch-{}.csv", std::process::id()));
    std::fs::write(&csv, "name,country,kind\nHasan Scientific Corp,PK,organization\n\"Gr\u{fc}nwald B\u{e4}ckerei GmbH\",DE,organization\nCHASNUPP,,\n").unwrap();
    let (code, out) = run(&["--format", "json", "match", "--batch", csv.to_str().unwrap()], "");
    assert_eq!(code, 1);
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["row"], 1);
    let first: Vec<&str> = lines[0]["hits"].as_array().unwrap().iter().map(|h| h["list"].as_str().unwrap()).collect();
    assert!(first.contains(&"us_entity_list"), "{first:?}");
    assert_eq!(lines[1]["hits"].as_array().unwrap().len(), 0);
    assert_eq!(lines[2]["hits"][0]["entry_id"], "eul-614");
}

#[test]
fn match_batch_reports_bad_rows_by_line_and_keeps_the_rest() {
    let csv = std::env::temp_dir().join(format!("catchall-names-batch-bad-{}.csv", std::process::id()));
    std::fs::write(&csv, "\u{feff}name,kind\nCHASNUPP,spaceship\n\"Acme, Ltd\",organization\n,person\n").unwrap();
    let (code, out) = run(&["--format", "json", "match", "--batch", csv.to_str().unwrap()], "");
    assert_eq!(code, 0, "{out}");
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0]["error"].as_str().unwrap().contains("line 2: kind: unknown kind \"spaceship\""), "{out}");
    assert_eq!(lines[1]["query"]["name"], "Acme, Ltd");
    assert!(lines[2]["error"].as_str().unwrap().contains("line 4: name: empty"), "{out}");
}

/// `--dob` against the bundled SDN entry for Ali Khamenei (born 1939-04-19 by the list): the
/// same date confirms, a different one downgrades; `--dob` and `--id` reach the batch rows too.
#[test]
fn match_dob_confirms_or_downgrades() {
    let best = |args: &[&str]| {
        let (code, out) = run(args, "");
        assert_eq!(code, 1, "{args:?}: hits found");
        let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        v["hits"].as_array().unwrap().iter().find(|h| h["list"] == "us_sdn").cloned().expect("an SDN hit")
    };
    let base = ["--format", "json", "match", "--kind", "person"];
    let plain = best(&[&base[..], &["Ali Khamenei"]].concat());
    let same = best(&[&base[..], &["--dob", "1939-04-19", "Ali Khamenei"]].concat());
    let other = best(&[&base[..], &["--dob", "1962-01-01", "Ali Khamenei"]].concat());
    assert_eq!(same["entry_id"], plain["entry_id"]);
    assert_eq!(same["explanation"]["score_parts"]["date_of_birth"]["agrees"], "same");
    assert!(same["explanation"]["score_parts"]["confirmation"]["effect"].is_string());
    assert_eq!(same["decision"], "match", "same birth date: a match ({})", same["score"]);
    assert_eq!(other["explanation"]["score_parts"]["date_of_birth"]["agrees"], "different");
    assert_eq!(other["decision"], "possible");
    assert!(other["score"].as_f64() < plain["score"].as_f64());
}
