//! Builds the party index over the bundled lists once, at build time, for the web app's
//! worker to load as bytes instead of decoding the lists and indexing them on every visit
//! (`catchall::names::index::index_bytes`).
//!
//! `cargo run --release -p xtask --bin build-index -- <lists dir> <out file>`
//! (Trunk.toml's post-build hook runs it: `static/lists` → `dist/static/lists/index.bin`).
//!
//! The lists are read as the worker reads them: the files of the manifest (`index.json`), in its
//! order. The file is stamped with `sources_hash` of `index.json` and every `*.tsv` in the
//! directory (sorted by name), which `crates/web/build.rs` compiles into the worker: a worker
//! uses the file only when it was built from exactly the lists it would otherwise fetch.

use catchall::lists::bundle;
use catchall::names::index::sources_hash;
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, out] = args.as_slice() else {
        eprintln!("usage: build-index <lists dir> <out file>");
        std::process::exit(2);
    };
    let dir = PathBuf::from(dir);
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{}/{name}: {e}", dir.display()));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n == "index.json" || n.ends_with(".tsv"))
        .collect();
    names.sort();
    let files: Vec<(String, Vec<u8>)> = names.iter().map(|n| (n.clone(), read(n))).collect();
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    let sources = sources_hash(&refs);
    let manifest: serde_json::Value = serde_json::from_slice(&read("index.json")).expect("index.json is JSON");
    let lists: Vec<catchall::lists::List> = manifest["lists"]
        .as_array()
        .expect("index.json has lists")
        .iter()
        .map(|m| {
            let file = m["file"].as_str().expect("a list has a file");
            bundle::decode(file, &read(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
        })
        .collect();
    let t0 = std::time::Instant::now();
    let index = catchall::names::Index::build(lists);
    let bytes = index.to_bytes(sources);
    // Checked before it is written: the file loads and is the same index.
    let back = catchall::names::Index::from_bytes(&bytes, sources).expect("the written index loads");
    assert_eq!(back.name_count(), index.name_count());
    std::fs::write(out, &bytes).unwrap_or_else(|e| panic!("{out}: {e}"));
    println!(
        "build-index: {out}: {} bytes, {} entries, {} names, {} tokens, sources {sources:016x} ({:.1?})",
        bytes.len(),
        index.entry_count(),
        index.name_count(),
        index.vocab_len(),
        t0.elapsed()
    );
}
