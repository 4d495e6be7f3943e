//! Load time of the prebuilt index (`Index::from_bytes`), natively, for scripts/bench:
//! builds the index over `static/lists` as `build-index` does, writes its bytes, then loads
//! them 15 times. Prints `BENCH <label>\t<value>` lines (median, min) and the file's size raw
//! and gzipped. Run: `cargo run --release -p xtask --bin bench-index [-- <lists dir>]`.

use catchall::lists::bundle;
use catchall::names::index::sources_hash;
use catchall::names::Index;
use std::io::Write;
use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../static/lists").into());
    let dir = std::path::PathBuf::from(dir);
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{}/{name}: {e}", dir.display()));
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
    let sources = sources_hash(&[]);
    let t = Instant::now();
    let built = Index::build(lists);
    let build_ms = t.elapsed().as_secs_f64() * 1e3;
    let bytes = built.to_bytes(sources);
    drop(built);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes).expect("gzip");
    let gz = gz.finish().expect("gzip").len();
    let mut times = Vec::new();
    for _ in 0..15 {
        let t = Instant::now();
        let ix = Index::from_bytes(&bytes, sources).expect("loads");
        times.push(t.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(&ix);
    }
    times.sort_by(f64::total_cmp);
    println!("BENCH index build from the decoded lists (native)\t{build_ms:.0} ms");
    println!("BENCH index.bin size raw / gzip -9\t{} B / {gz} B", bytes.len());
    println!("BENCH index from_bytes (native), median / min of 15\t{:.1} ms / {:.1} ms", times[7], times[0]);
}
