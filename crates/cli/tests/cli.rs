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

/// A file or argument that would silently weaken the screening is refused with exit 2, and the
/// exit code never depends on an error's wording.
#[test]
fn unsafe_list_inputs_are_refused_and_exit_codes_come_from_the_outcome() {
    let dir = std::env::temp_dir().join(format!("catchall-cli-safety-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A truncated SDN file: it parses, and would replace 19,000 SDN entries with a handful.
    let truncated = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/lists/sdn_bad_line.csv");
    let shipment = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/examples/chashma_2021.json");
    let missing = dir.join("Broken pipe.json");
    let missing = missing.to_str().unwrap();
    let cases: &[(&[&str], i32, &str)] = &[
        (&["screen", shipment], 1, ""),
        (&["match", "--lists", "no_such_list", "Hassan Scientific Corporation"], 2, "unknown list id no_such_list"),
        (&["match", "--lists", "us_entity_list", "Hassan Scientific Corporation"], 1, ""),
        (&["screen", missing], 2, "Broken pipe.json"),
        (&["screen", "--list", truncated, shipment], 2, "fewer than half"),
        (&["lists", "import", truncated], 2, "--allow-shrink"),
        (&["lists", "import", "--allow-shrink", truncated], 0, ""),
    ];
    for (args, want, stderr_has) in cases {
        let (code, _, err) = catchall(args, "");
        assert_eq!(code, *want, "{args:?}: {err}");
        assert!(err.contains(stderr_has), "{args:?}: {err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `catchall screen … | head -c 10`: the reader closes the pipe early; the command still exits
/// with its verdict's code (1: STOP), quietly.
#[test]
fn a_closed_output_pipe_keeps_the_verdicts_exit_code() {
    let shipment = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/examples/chashma_2021.json");
    let mut child = Command::new(env!("CARGO_BIN_EXE_catchall"))
        .args(["screen", "--format", "json", shipment])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run catchall");
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}
