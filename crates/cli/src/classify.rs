//! `catchall classify QUERY`: ranked Annex I candidates for a description.

use std::io::Write;

use super::args::{ClassifyArgs, Format};
use super::{CliError, EXIT_CLEAR};
use catchall::classify::{self, Candidate};

#[derive(serde::Serialize)]
struct Output<'a> {
    query: &'a str,
    candidates: &'a [Candidate],
    source: String,
}

/// Runs the search and prints JSON or text. Exit code 0 (a search is not a verdict).
pub fn run(a: &ClassifyArgs, format: Format, out: &mut dyn Write) -> Result<u8, CliError> {
    let annex = classify::bundled();
    let cands = classify::search(annex, &a.query, a.limit);
    let source = format!(
        "EU Annex I, Reg (EU) 2021/821 consolidated {} (valid from {}); © European Union, EUR-Lex (reuse with acknowledgement, Decision 2011/833/EU); parsed by rikiosso/exports-watch",
        annex.meta.corpus_version, annex.meta.valid_from
    );
    match format {
        Format::Json => {
            let o = Output { query: &a.query, candidates: &cands, source };
            let s = serde_json::to_string_pretty(&o).map_err(|e| CliError(e.to_string()))?;
            writeln!(out, "{s}")?;
        }
        Format::Text => {
            if cands.is_empty() {
                writeln!(out, "No Annex I entry matches \"{}\".", a.query)?;
            }
            for (i, c) in cands.iter().enumerate() {
                writeln!(
                    out,
                    "{}. {}  [{}]{}  score {:.2}",
                    i + 1,
                    c.code,
                    c.regime,
                    if c.likely { "  LIKELY" } else { "" },
                    c.score
                )?;
                writeln!(out, "   {}", clip(&c.title, 160))?;
                if c.text != c.title {
                    writeln!(out, "   > {}", clip(&c.text, 200))?;
                }
                for w in &c.why {
                    writeln!(out, "   - {w}")?;
                }
            }
            if !cands.iter().any(|c| c.likely) {
                writeln!(
                    out,
                    "\nNo entry is a likely fit. If the item is not listed, the catch-all rules (EU Art. 4/5, US Part 744) still apply."
                )?;
            }
            writeln!(out, "\nA hint, not a classification. Source: {source}")?;
        }
    }
    Ok(EXIT_CLEAR)
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n).collect();
        t.push('…');
        t
    }
}
