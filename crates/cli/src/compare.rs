//! `catchall compare`: JSON lines `{"a","b","kind"}` in, one JSON line per input out, in order:
//! `{"score", "match", "decision", ...explanation}`. A bad line yields `{"line", "error"}` and
//! the command exits 2 after finishing the stream.

use super::{CliError, Format, EXIT_CLEAR, EXIT_ERROR};
use catchall::names::compare_names;
use catchall::screening::{Decision, EntityKind};
use std::io::{BufRead, Write};

#[derive(serde::Deserialize)]
struct Line {
    a: String,
    b: String,
    #[serde(default)]
    kind: Option<String>,
}

pub fn run(a: &super::args::CompareArgs, format: Format, out: &mut dyn Write) -> Result<u8, CliError> {
    let reader: Box<dyn BufRead> = if a.file == "-" {
        Box::new(std::io::BufReader::new(std::io::stdin()))
    } else {
        let f = std::fs::File::open(&a.file).map_err(|e| CliError(format!("{}: {e}", a.file)))?;
        Box::new(std::io::BufReader::new(f))
    };
    let mut code = EXIT_CLEAR;
    for (i, line) in reader.lines().enumerate() {
        let n = i + 1;
        let line = line.map_err(|e| CliError(format!("{}: line {n}: {e}", a.file)))?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Result<Line, String> = serde_json::from_str(&line).map_err(|e| e.to_string());
        let value = match parsed.and_then(|l| {
            let kind = match l.kind.as_deref() {
                None => EntityKind::Unknown,
                Some(k) => EntityKind::parse(k)
                    .ok_or_else(|| format!("kind: unknown kind {k:?} (person|organization|vessel|aircraft|unknown)"))?,
            };
            Ok((l, kind))
        }) {
            Ok((l, kind)) => {
                let r = compare_names(&l.a, &l.b, kind);
                let mut o = serde_json::Map::new();
                o.insert("score".into(), r.score.into());
                o.insert("match".into(), (r.decision == Decision::Match).into());
                o.insert("decision".into(), serde_json::to_value(r.decision).unwrap_or_default());
                if let serde_json::Value::Object(ex) = r.explanation {
                    o.extend(ex);
                }
                serde_json::Value::Object(o)
            }
            Err(e) => {
                code = EXIT_ERROR;
                serde_json::json!({"line": n, "error": e})
            }
        };
        match format {
            Format::Json => writeln!(out, "{value}")?,
            Format::Text => writeln!(
                out,
                "{}\t{}\t{}",
                value["score"],
                value["decision"].as_str().unwrap_or("error"),
                value.get("error").and_then(|e| e.as_str()).unwrap_or("")
            )?,
        }
    }
    out.flush()?;
    Ok(code)
}
