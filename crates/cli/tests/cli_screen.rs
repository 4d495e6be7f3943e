//! `catchall screen` end to end through the library's CLI layer: exit codes (0 CLEAR, 1 not clear,
//! 2 bad input), JSON with `verdict` first, and a readable text report.

use catchall_cli::{run, Cli};
use clap::Parser;

fn screen(json: &str, format: &str) -> (Result<u8, String>, String) {
    let dir = std::env::temp_dir().join(format!("catchall-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("s{}.json", json.len()));
    std::fs::write(&path, json).unwrap();
    let cli = Cli::try_parse_from(["catchall", "--format", format, "screen", path.to_str().unwrap()]).unwrap();
    let mut out = Vec::new();
    let code = run(cli, &mut out).map_err(|e| e.0);
    (code, String::from_utf8(out).unwrap())
}

const CHASHMA: &str = include_str!("../../../data/examples/chashma_2021.json");
const PLAIN: &str = include_str!("../../../tests/cases/plain.json");

#[test]
fn exit_codes_and_formats() {
    let (code, out) = screen(CHASHMA, "json");
    assert_eq!(code, Ok(1));
    assert!(out.trim_start().starts_with("{\n  \"verdict\": \"STOP\""), "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "NUC.PROGRAM_ENTITY"));
    assert_eq!(v["rules_as_of"], catchall::catalog::rules_as_of());

    let (code, out) = screen(PLAIN, "text");
    assert_eq!(code, Ok(0));
    assert!(out.starts_with("VERDICT: CLEAR"), "{out}");

    let (code, out) = screen(CHASHMA, "text");
    assert_eq!(code, Ok(1));
    assert!(out.contains("[STOP] NUC.PROGRAM_ENTITY"), "{out}");

    let bad = PLAIN.replace(
        "\"country\": \"US\", \"type\": \"manufacturer\" }\n  },",
        "\"country\": \"ZZ\", \"type\": \"manufacturer\" }\n  },",
    );
    assert_ne!(bad, PLAIN);
    let (code, _) = screen(&bad, "json");
    let err = code.unwrap_err();
    assert!(err.contains("parties.end_user.country"), "{err}");
}
