//! What the web app does before its first verdict, timed natively:
//! `cargo run --release --example bench-load`.
//!
//! Prints the median and min of N runs for: decoding the bundled lists (`static/lists/*.tsv`),
//! the parts of `names::Index::build` (name variants, normalisation of every indexed name, then
//! the whole build), `classify::Annex1::from_bytes` on `data/control/annex1.json`, and one
//! screening of the built-in example case with the loaded data.

use catchall::lists::bundle;
use catchall::names::normalize::{name_variants, normalize};
use catchall::screening::{Context, PartyScreener};
use std::path::PathBuf;

#[path = "../common/timing.rs"]
mod timing;
use timing::time;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(7);
    let dir = root.join("static/lists");
    let assets: Vec<(String, Vec<u8>)> = bundle::BUNDLED_IDS
        .iter()
        .map(|id| {
            let p = dir.join(format!("{id}.tsv"));
            (p.display().to_string(), std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        })
        .collect();
    let decode = || assets.iter().map(|(n, d)| bundle::decode(n, d).expect("decodes")).collect::<Vec<_>>();
    let (med, min, lists) = time(runs, decode);
    println!("decode bundled lists:          median {med:.1?}, min {min:.1?}");
    // Warm the embedded tables (legal forms, df) once, as the first build does.
    let _ = normalize("warm up ltd", catchall::screening::EntityKind::Unknown);
    let texts: Vec<(String, catchall::screening::EntityKind)> = lists
        .iter()
        .flat_map(|l| &l.entries)
        .flat_map(|e| {
            std::iter::once(&e.name)
                .chain(e.aliases.iter())
                .flat_map(|n| name_variants(n))
                .chain(e.weak_aliases.iter().cloned())
                .map(move |t| (t, e.kind))
        })
        .collect();
    let (med, min, _) = time(runs, || {
        lists
            .iter()
            .flat_map(|l| &l.entries)
            .flat_map(|e| std::iter::once(&e.name).chain(e.aliases.iter()))
            .map(|n| name_variants(n).len())
            .sum::<usize>()
    });
    println!("  name_variants:               median {med:.1?}, min {min:.1?} ({} texts)", texts.len());
    let (med, min, _) = time(runs, || texts.iter().map(|(t, k)| normalize(t, *k).tokens.len()).sum::<usize>());
    println!("  normalize every text:        median {med:.1?}, min {min:.1?}");
    let (med, min, ix) = time(runs, || catchall::names::Index::build(decode()));
    println!(
        "decode + Index::build:         median {med:.1?}, min {min:.1?} ({} names, {} tokens)",
        ix.name_count(),
        ix.vocab_len()
    );
    let bytes = ix.to_bytes(0);
    let (med, min, _) = time(runs, || ix.to_bytes(0).len());
    println!("Index::to_bytes:               median {med:.1?}, min {min:.1?} ({} bytes)", bytes.len());
    let (med, min, _) = time(runs, || catchall::names::Index::from_bytes(&bytes, 0).expect("loads").name_count());
    println!("Index::from_bytes:             median {med:.1?}, min {min:.1?}");
    let annex = std::fs::read(root.join("data/control/annex1.json")).expect("annex1.json");
    let (med, min, a) = time(runs, || catchall::classify::Annex1::from_bytes(&annex).expect("loads"));
    println!("Annex1::from_bytes:            median {med:.1?}, min {min:.1?}");
    let ship = catchall::parse_shipment(
        &std::fs::read_to_string(root.join("data/examples/chashma_2021.json")).expect("example"),
    )
    .expect("example parses");
    let ctx = Context { parties: &ix as &dyn PartyScreener, controls: &a };
    let (med, min, r) = time(runs, || catchall::rules::screen(&ship, &ctx));
    println!("screen the example case:       median {med:.1?}, min {min:.1?} (verdict {:?})", r.verdict());
}
