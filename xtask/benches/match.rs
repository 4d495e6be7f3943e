//! Matcher benchmark (plain harness, std::time): pair scoring, query latency against the real
//! lists (OFAC SDN 2026-08-20 + UN SC 2026-02-27 = 43,198 names, plus the multi-list file), index
//! build time and index memory (heap bytes counted by a wrapping allocator).
//! Reads `$CARGO_MANIFEST_DIR/../shared/data`. Run: `cargo bench --bench match`.
//! Writes the query set to target/match-queries.txt for scripts/eval-match-compare.py.

#[path = "../../tests/names_common/mod.rs"]
mod names_common;

use catchall::names::{compare_names, Index};
use catchall::screening::{EntityKind, PartyScreener, Query};
use std::time::Instant;

/// Resident set size in bytes (Linux /proc; 0 elsewhere). The package forbids unsafe code, so no
/// counting allocator: index memory = RSS growth while building.
fn rss() -> usize {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|x| x.parse::<usize>().ok()))
        .map(|pages| pages * 4096)
        .unwrap_or(0)
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    // Pair scoring.
    let pairs = [
        ("Hassan Scientific Corporation", "Hasan Scientific Corporation", EntityKind::Organization),
        (
            "Chashma Nuclear Power Generating Station",
            "Chashma Nuclear Power Plant (CHASNUPP)",
            EntityKind::Organization,
        ),
        ("Muhammad Ali Hassan", "Mohammed Ali Hasan", EntityKind::Person),
        ("Vladimir Vladimirovich Putin", "PUTIN, Vladimir Vladimirovich", EntityKind::Person),
        ("Mayrowitz Trading", "Mayrow General Trading", EntityKind::Organization),
    ];
    let n = 20_000;
    let t = Instant::now();
    let mut s = 0.0;
    for i in 0..n {
        let (a, b, k) = pairs[i % pairs.len()];
        s += compare_names(a, b, k).score;
    }
    let pair_us = t.elapsed().as_secs_f64() * 1e6 / n as f64;
    println!("pair scoring (normalise both + align + explain): {pair_us:.2} µs/pair  (checksum {s:.1})");

    // The index's inner loop: comparing already-normalised names (no explanation built).
    let normed: Vec<_> = pairs
        .iter()
        .map(|(a, b, k)| (catchall::names::normalize(a, *k), catchall::names::normalize(b, *k), *k))
        .collect();
    let t = Instant::now();
    let mut s2 = 0.0;
    for i in 0..n {
        let (a, b, k) = &normed[i % normed.len()];
        s2 += catchall::names::compare(a, b, *k).score;
    }
    let core_us = t.elapsed().as_secs_f64() * 1e6 / n as f64;
    println!(
        "pair scoring, normalised names (what a query does per candidate): {core_us:.2} µs/pair  (checksum {s2:.1})"
    );

    let before = rss();
    let lists = names_common::all_lists();
    let after_load = rss();
    let names: usize = lists.iter().map(|l| l.entries.iter().map(|e| 1 + e.aliases.len()).sum::<usize>()).sum();
    let t = Instant::now();
    let index = Index::build(lists);
    let build = t.elapsed().as_secs_f64();
    let heap = rss().saturating_sub(after_load);
    println!(
        "index: {} entries, {names} list names, {} indexed names, {} tokens; build {build:.2} s; index RSS growth {:.1} MB (loaded entries before indexing {:.1} MB)",
        index.entry_count(),
        index.name_count(),
        index.vocab_len(),
        heap as f64 / 1e6,
        after_load.saturating_sub(before) as f64 / 1e6
    );

    // Queries: UN as listed and perturbed, synthetic negatives, US congress.
    let mut queries: Vec<String> = Vec::new();
    for f in [
        "opensanctions_yente_positives_un_untreated.csv",
        "opensanctions_yente_positives_un_treated.csv",
        "opensanctions_yente_negatives_global.csv",
        "opensanctions_yente_negatives_us.csv",
        "opensanctions_yente_positives_us_congress.csv",
    ] {
        queries.extend(names_common::eval_rows(f).into_iter().map(|r| r.0));
    }
    let _ = std::fs::create_dir_all(concat!(env!("CARGO_MANIFEST_DIR"), "/../target"));
    let _ = std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/../target/match-queries.txt"), queries.join("\n"));
    let mut times = Vec::with_capacity(queries.len());
    let mut hits = 0usize;
    for q in &queries {
        let query = Query { name: q.clone(), country: None, kind: EntityKind::Person, ..Default::default() };
        let t = Instant::now();
        let h = index.screen(&query);
        times.push(t.elapsed().as_secs_f64() * 1e3);
        hits += h.len();
    }
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    let (p50, p90, p99) = (pct(&mut times, 0.5), pct(&mut times, 0.9), pct(&mut times, 0.99));
    println!(
        "query latency over {} queries: median {p50:.3} ms, mean {mean:.3} ms, p90 {p90:.3} ms, p99 {p99:.3} ms (hits {hits})",
        queries.len()
    );
    println!("process RSS at end: {:.1} MB", rss() as f64 / 1e6);
}
