//! `catchall match NAME` and `catchall match --batch FILE.csv`: searches the loaded lists.
//!
//! JSON: `{"query", "hits": [{"score", "match", "decision", "list", "entry_id", "name",
//! "matched_name", "explanation"}]}`; batch: one line per CSV row `{"row", "query", "hits"}`,
//! in input order (the file is streamed in parts, each screened on every core: `stream`). Exit 1
//! when any query has hits, 0 when none.

use super::{CliError, Format, EXIT_CLEAR, EXIT_NOT_CLEAR};
use catchall::lists::List;
use catchall::names::Index;
use catchall::screening::{EntityKind, Hit, Query};
use std::io::Write;

/// The lists `match` searches: the bundled lists.
pub fn load_lists() -> Result<Vec<List>, CliError> {
    super::load::lists(&[], false)
}

/// `--lists` names only loaded lists: an unknown id would silently screen against nothing.
fn check_list_ids(ids: &[String], index: &Index) -> Result<(), CliError> {
    use catchall::screening::PartyScreener;
    let loaded: Vec<String> = index.lists().into_iter().map(|m| m.id).collect();
    let unknown: Vec<&String> = ids.iter().filter(|id| !loaded.contains(id)).collect();
    if unknown.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = unknown.iter().map(|s| s.as_str()).collect();
    Err(CliError(format!("--lists: unknown list id {}; loaded lists: {}", names.join(", "), loaded.join(", "))))
}

fn parse_kind(k: &str) -> Result<EntityKind, String> {
    EntityKind::parse(k)
        .ok_or_else(|| format!("kind: unknown kind {k:?} (person|organization|vessel|aircraft|unknown)"))
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
    check_list_ids(&a.lists, &index)?;
    let any = if let Some(batch) = &a.batch {
        batch_run(a, batch, default_kind, &index, format, out)?
    } else {
        let q = Query {
            name: a.name.clone().unwrap_or_default(),
            country: a.country.clone(),
            kind: default_kind,
            dates_of_birth: a.dobs.clone(),
            identifiers: a.ids.clone(),
        };
        let hits = index.screen_lists(&q, &a.lists);
        match format {
            Format::Json => writeln!(
                out,
                "{}",
                serde_json::json!({"query": q, "lists": index_lists(&index), "hits": hits.iter().map(Hit::to_json).collect::<Vec<_>>()})
            )?,
            Format::Text => write_text(out, &q, &hits)?,
        }
        !hits.is_empty()
    };
    Ok(if any { EXIT_NOT_CLEAR } else { EXIT_CLEAR })
}

/// `match --batch`: the CSV streamed in parts, each screened on every core (see `stream`).
fn batch_run(
    a: &super::args::MatchArgs,
    file: &str,
    default_kind: EntityKind,
    index: &Index,
    format: Format,
    out: &mut dyn Write,
) -> Result<bool, CliError> {
    use catchall::batch::{csv_records_part, PartyColumns};
    let f = std::fs::File::open(file).map_err(|e| CliError(format!("{file}: {e}")))?;
    let mut parts = super::stream::Parts::csv(std::io::BufReader::new(f), file, a.part_records.max(1));
    let pool = super::stream::pool(a.threads)?;
    let repeats = super::stream::Repeats::new(super::stream::REPEAT_CAPACITY);
    let mut columns: Option<PartyColumns> = None;
    let mut any = false;
    while let Some(part) = parts.next_part()? {
        let records = csv_records_part(&part.text, part.last).map_err(|mut e| {
            e.line += part.lines_before;
            CliError(format!("{file}: {e}"))
        })?;
        let mut records = records.into_iter().map(|(line, f)| (line + part.lines_before, f)).peekable();
        let cols = match columns {
            Some(c) => c,
            None => {
                let (hline, header) =
                    records.next().ok_or_else(|| CliError(format!("{file}: {}", PartyColumns::empty_file())))?;
                *columns
                    .insert(PartyColumns::from_header(hline, &header).map_err(|e| CliError(format!("{file}: {e}")))?)
            }
        };
        let rows: Vec<(usize, Result<Query, catchall::batch::BatchError>)> = records
            .map(|(line, f)| {
                let q = cols.row(line, &f, default_kind).map(|mut q| {
                    if q.country.is_none() {
                        q.country = a.country.clone();
                    }
                    if q.dates_of_birth.is_empty() {
                        q.dates_of_birth = a.dobs.clone();
                    }
                    if q.identifiers.is_empty() {
                        q.identifiers = a.ids.clone();
                    }
                    q
                });
                (line, q)
            })
            .collect();
        any |= super::stream::render_in_order(
            &pool,
            &rows,
            |(line, q)| match q {
                Err(e) => (format!("{}\n", serde_json::json!({"row": line.saturating_sub(1), "error": format!("{file}: {e}")})), false),
                Ok(q) => {
                    // (the query's JSON as the key: every field screening reads)
                    let hits = match serde_json::to_string(q) {
                        Ok(key) => repeats.get_or(key, || index.screen_lists(q, &a.lists)),
                        Err(_) => std::sync::Arc::new(index.screen_lists(q, &a.lists)),
                    };
                    let mut text = Vec::new();
                    let _ = match format {
                        Format::Json => writeln!(
                            text,
                            "{}",
                            serde_json::json!({"row": line.saturating_sub(1), "query": q, "hits": hits.iter().map(Hit::to_json).collect::<Vec<_>>()})
                        ),
                        Format::Text => write_text(&mut text, q, &hits),
                    };
                    (String::from_utf8_lossy(&text).into_owned(), !hits.is_empty())
                }
            },
            out,
        )?
        .into_iter()
        .any(|hit| hit);
    }
    Ok(any)
}

fn index_lists(ix: &Index) -> serde_json::Value {
    use catchall::screening::PartyScreener;
    serde_json::to_value(ix.lists()).unwrap_or_default()
}
