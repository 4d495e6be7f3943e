//! The `catchall` binary as a user runs it: help, exit codes, errors naming the field.

use std::io::Write;
use std::process::{Command, Stdio};

fn catchall(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_catchall"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run catchall");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn help_lists_every_subcommand() {
    let (code, out, _) = catchall(&["--help"], "");
    assert_eq!(code, 0);
    for sub in ["screen", "match", "compare", "classify", "lists"] {
        assert!(out.contains(sub), "--help does not mention `{sub}`:\n{out}");
    }
}

#[test]
fn bad_input_exits_2_and_names_the_field() {
    let cases = [
        (r#"{"jurisdiction":"FR"}"#, "jurisdiction"),
        (r#"{"jurisdiction":"EU:XX"}"#, "jurisdiction"),
        (r#"{"jurisdiction":"US","parties":{"end_user":{"name":"A","country":"QQ"}}}"#, "parties.end_user.country"),
        (r#"{"jurisdiction":"US","items":[{"description":"x","qty":-1}]}"#, "items[0].qty"),
        (r#"{"jurisdiction":"US","items":[{"qty":"six"}]}"#, "items[0].qty"),
        (r#"{"jurisdiction":"US","due_diligence":{"red_flags":["RF99"]}}"#, "due_diligence.red_flags[0]"),
        (r#"{"jurisdiction":"#, ""),
        ("", ""),
    ];
    for (input, field) in cases {
        let (code, _, err) = catchall(&["screen", "-"], input);
        assert_eq!(code, 2, "input {input}: stderr {err}");
        assert!(err.contains(field), "input {input}: error should name `{field}`: {err}");
    }
}

#[test]
fn usage_errors_exit_2() {
    for args in [&["frobnicate"][..], &["screen"][..], &["--format", "yaml", "lists"][..]] {
        let (code, _, _) = catchall(args, "");
        assert_eq!(code, 2, "{args:?}");
    }
}

#[test]
fn missing_file_is_an_input_error() {
    let (code, _, err) = catchall(&["screen", "/nonexistent/shipment.json"], "");
    assert_eq!(code, 2);
    assert!(err.contains("/nonexistent/shipment.json"), "{err}");
}
