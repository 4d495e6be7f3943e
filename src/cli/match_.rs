//! `catchall match NAME` and `catchall match --batch FILE.csv`: searches the loaded lists.
//!
//! JSON: `{"query", "hits": [{"score", "match", "decision", "list", "entry_id", "name",
//! "matched_name", "explanation"}]}`; batch: one line per CSV row `{"row", "query", "hits"}`,
//! written as each row is screened. Exit 1 when any query has hits, 0 when none.

use super::{CliError, Format, EXIT_CLEAR, EXIT_NOT_CLEAR};
use crate::lists::List;
use crate::names::Index;
use crate::screening::{Decision, EntityKind, Hit, Query};
use std::io::{BufRead, Write};

/// The lists `match` searches: the bundled lists.
pub fn load_lists() -> Result<Vec<List>, CliError> {
    super::load::lists(&[])
}

fn hit_json(h: &Hit) -> serde_json::Value {
    serde_json::json!({
        "score": h.score,
        "match": h.decision == Decision::Match,
        "decision": h.decision,
        "list": h.list,
        "entry_id": h.entry_id,
        "name": h.name,
        "matched_name": h.matched_name,
        "explanation": h.explanation,
    })
}

fn parse_kind(k: &str) -> Result<EntityKind, String> {
    EntityKind::parse(k).ok_or_else(|| format!("kind: unknown kind {k:?} (person|organization|vessel|aircraft|unknown)"))
}

fn write_text(out: &mut dyn Write, q: &Query, hits: &[Hit]) -> std::io::Result<()> {
    if hits.is_empty() {
        writeln!(out, "{}: no hits", q.name)?;
    }
    for h in hits {
        writeln!(
            out,
            "{}: {:?} {:.3} {} {} {:?} (matched {:?})",
            q.name, h.decision, h.score, h.list, h.entry_id, h.name, h.matched_name
        )?;
    }
    Ok(())
}

pub fn run(a: &super::args::MatchArgs, format: Format, out: &mut dyn Write) -> Result<u8, CliError> {
    let default_kind = parse_kind(&a.kind).map_err(CliError)?;
    let index = Index::build(load_lists()?);
    let mut any = false;
    if let Some(batch) = &a.batch {
        let f = std::fs::File::open(batch).map_err(|e| CliError(format!("{batch}: {e}")))?;
        let mut lines = std::io::BufReader::new(f).lines();
        let header = match lines.next() {
            Some(h) => h.map_err(|e| CliError(format!("{batch}: line 1: {e}")))?,
            None => return Err(CliError(format!("{batch}: empty file, expected a header with `name`"))),
        };
        let (name_col, country_col, kind_col) = batch_columns(&header).map_err(|e| CliError(format!("{batch}: {e}")))?;
        for (i, line) in lines.enumerate() {
            let row = i + 1;
            let line = line.map_err(|e| CliError(format!("{batch}: line {}: {e}", row + 1)))?;
            if line.trim().is_empty() {
                continue;
            }
            let f = csv_fields(&line);
            let get = |c: Option<usize>| c.and_then(|c| f.get(c)).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
            let kind = match get(kind_col) {
                Some(k) => match parse_kind(&k) {
                    Ok(k) => k,
                    Err(e) => {
                        writeln!(out, "{}", serde_json::json!({"row": row, "error": format!("{batch}: line {}: {e}", row + 1)}))?;
                        continue;
                    }
                },
                None => default_kind,
            };
            let q = Query { name: get(Some(name_col)).unwrap_or_default(), country: get(country_col).or(a.country.clone()), kind };
            let hits = index.screen_lists(&q, &a.lists);
            any |= !hits.is_empty();
            match format {
                Format::Json => writeln!(
                    out,
                    "{}",
                    serde_json::json!({"row": row, "query": q, "hits": hits.iter().map(hit_json).collect::<Vec<_>>()})
                )?,
                Format::Text => write_text(out, &q, &hits)?,
            }
            out.flush()?;
        }
    } else {
        let q = Query { name: a.name.clone().unwrap_or_default(), country: a.country.clone(), kind: default_kind };
        let hits = index.screen_lists(&q, &a.lists);
        any = !hits.is_empty();
        match format {
            Format::Json => writeln!(
                out,
                "{}",
                serde_json::json!({"query": q, "lists": index_lists(&index), "hits": hits.iter().map(hit_json).collect::<Vec<_>>()})
            )?,
            Format::Text => write_text(out, &q, &hits)?,
        }
    }
    Ok(if any { EXIT_NOT_CLEAR } else { EXIT_CLEAR })
}

fn index_lists(ix: &Index) -> serde_json::Value {
    use crate::screening::PartyScreener;
    serde_json::to_value(ix.lists()).unwrap_or_default()
}

/// Positions of the `name` (required), `country` and `kind` columns in a batch CSV header line
/// (BOM and case tolerated). Pure, so it can be fuzzed (fuzz/fuzz_targets/batch_csv.rs).
pub fn batch_columns(header: &str) -> Result<(usize, Option<usize>, Option<usize>), String> {
    let cols: Vec<String> = csv_fields(header.trim_start_matches('\u{feff}')).iter().map(|c| c.trim().to_ascii_lowercase()).collect();
    let col = |n: &str| cols.iter().position(|c| c == n);
    let name_col = col("name").ok_or_else(|| "line 1: no `name` column".to_string())?;
    Ok((name_col, col("country"), col("kind")))
}

/// One CSV record on one line (quotes and doubled quotes). Public for the fuzzer and tests/limits.rs.
pub fn csv_fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut q = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, q) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => q = !q,
            (',', false) => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}
