//! Classification search speed (target ≤ 5 ms per query).
//!
//! `cargo bench --bench classify` — a plain timing harness (no criterion dependency):
//! loads the bundled Annex I index once (reports the load time), then runs every query of
//! `tests/cases/classify.toml` repeatedly and prints mean, median, p99 and max per query.
//! Native numbers only; the wasm figure is measured in the browser by the web app.

use std::time::{Duration, Instant};

fn main() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/cases/classify.toml"))
        .expect("tests/cases/classify.toml");
    let v: toml::Value = toml::from_str(&text).expect("cases parse");
    let queries: Vec<String> = v["case"]
        .as_array()
        .expect("case array")
        .iter()
        .filter_map(|c| c.get("query").and_then(|q| q.as_str()).map(str::to_string))
        .collect();

    let bytes = catchall::classify::BUNDLED_INDEX;
    let t = Instant::now();
    let annex = catchall::classify::Annex1::from_bytes(bytes).expect("bundled index");
    let load = t.elapsed();
    println!(
        "index: {} bytes, {} entries, {} provisions; load + index build {:.1} ms",
        bytes.len(),
        annex.entries.len(),
        annex.provisions.len(),
        load.as_secs_f64() * 1e3
    );

    // Warm up.
    for q in &queries {
        std::hint::black_box(catchall::classify::search(&annex, q, 5));
    }
    let rounds = 50;
    let mut times: Vec<Duration> = Vec::with_capacity(rounds * queries.len());
    let mut best_of: Vec<Duration> = vec![Duration::MAX; queries.len()];
    for _ in 0..rounds {
        for (i, q) in queries.iter().enumerate() {
            let t = Instant::now();
            std::hint::black_box(catchall::classify::search(&annex, q, 5));
            let d = t.elapsed();
            times.push(d);
            best_of[i] = best_of[i].min(d);
        }
    }
    // Best-of-rounds per query separates the query's own cost from scheduler noise on a
    // shared machine; the slowest query by that measure is the honest worst case.
    let (wi, w) =
        best_of.iter().enumerate().max_by_key(|(_, d)| **d).map(|(i, d)| (i, *d)).unwrap_or((0, Duration::ZERO));
    println!("slowest query (best of {rounds}): {:.3} ms for {:?}", w.as_secs_f64() * 1e3, queries.get(wi));
    // A long (capped) query as the worst case.
    let long = "5-axis CNC machining centre frequency inverter 800 Hz turbomolecular pump 2000 l/s ".repeat(40);
    let mut long_times = Vec::new();
    for _ in 0..rounds {
        let t = Instant::now();
        std::hint::black_box(catchall::classify::search(&annex, &long, 5));
        long_times.push(t.elapsed());
    }
    report(&format!("{} case queries x {rounds}", queries.len()), &mut times);
    report(&format!("capped long query x {rounds}"), &mut long_times);
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let n = times.len();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let mean = times.iter().map(|d| ms(*d)).sum::<f64>() / n as f64;
    println!(
        "{what}: mean {:.3} ms, median {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        mean,
        ms(times[n / 2]),
        ms(times[(n * 99 / 100).min(n - 1)]),
        ms(times[n - 1])
    );
}
