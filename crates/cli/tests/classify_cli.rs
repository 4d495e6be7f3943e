//! `catchall classify`: its JSON shape and the readable text form.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_catchall")).args(args).output().expect("run catchall");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn json_output_has_the_promised_fields() {
    let (code, out, err) = run(&["classify", "--format", "json", "frequency inverter 800 Hz"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(v["query"], "frequency inverter 800 Hz");
    let cands = v["candidates"].as_array().expect("candidates");
    assert!(!cands.is_empty() && cands.len() <= 5);
    for c in cands {
        for k in ["code", "regime", "title", "text", "score", "likely", "why"] {
            assert!(c.get(k).is_some(), "candidate lacks {k}: {c}");
        }
    }
    assert!(cands[0]["code"].as_str().unwrap().starts_with("3A225"), "{out}");
    assert_eq!(cands[0]["regime"], "NSG");
    assert_eq!(cands[0]["likely"], true);
    assert!(v["source"].as_str().unwrap().contains("02021R0821-20251115"));
}

#[test]
fn global_format_flag_before_the_subcommand_and_limit() {
    let (code, out, _) = run(&["--format", "json", "classify", "--limit", "2", "turbomolecular pump"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["candidates"].as_array().unwrap().len(), 2);
}

#[test]
fn text_output_says_when_nothing_fits() {
    let (code, out, _) = run(&["classify", "cotton t-shirts"]);
    assert_eq!(code, 0);
    assert!(out.contains("No entry is a likely fit"), "{out}");
    assert!(out.contains("catch-all"), "{out}");
    let (_, out, _) = run(&["classify", "triggered spark gap"]);
    assert!(out.contains("3A228") && out.contains("LIKELY"), "{out}");
}
