//! Record-level screening of labelled record pairs (`scripts/eval-records.py`, docs/MATCHING.md § Fresh held-out):
//! each input line is `{"entry": Entry, "queries": [Query, …]}`, one record of a pair turned
//! into a one-entry list and the other record's names (with its country, birth dates and
//! identifiers) as queries. The one-entry list is indexed and every query screened against it
//! (`Index::screen`, the product path: country, birth-date and identifier qualifiers apply);
//! the output line is the best hit, `{"decision", "score", "query", "matched_name",
//! "explanation"}`, or `{"decision": "no_match"}` when no query reaches the possible band.
//! Evaluation only: reads standard input, writes standard output.
//!
//!     cargo run --release --example record_pairs < pairs.jsonl > hits.jsonl
use catchall::lists::List;
use catchall::names::Index;
use catchall::screening::{Decision, Entry, ListMeta, PartyScreener, Query};
use serde::Deserialize;
use std::io::{BufRead, Write};

#[derive(Deserialize)]
struct Line {
    entry: Entry,
    queries: Vec<Query>,
}

fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (n, line) in stdin.lock().lines().map_while(Result::ok).enumerate() {
        let answer = match serde_json::from_str::<Line>(&line) {
            Err(e) => serde_json::json!({"error": format!("line {}: {e}", n + 1)}),
            Ok(l) => {
                let meta = ListMeta { id: "pair".into(), name: "pair".into(), entries: 1, ..ListMeta::default() };
                let index = Index::build(vec![List { meta, entries: vec![l.entry] }]);
                let mut best: Option<(Decision, f64, String, catchall::screening::Hit)> = None;
                for q in &l.queries {
                    for h in index.screen(q) {
                        let better = match &best {
                            None => true,
                            Some((d, s, _, _)) => (h.decision, h.score) > (*d, *s),
                        };
                        if better {
                            best = Some((h.decision, h.score, q.name.clone(), h));
                        }
                    }
                }
                match best {
                    None => serde_json::json!({"decision": "no_match", "score": 0.0}),
                    Some((d, s, q, h)) => serde_json::json!({
                        "decision": d, "score": s, "query": q,
                        "matched_name": h.matched_name, "explanation": h.explanation,
                    }),
                }
            }
        };
        if writeln!(out, "{answer}").is_err() {
            return;
        }
    }
}
