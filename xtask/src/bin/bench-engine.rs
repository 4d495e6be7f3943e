//! Engine timings for scripts/bench (plain std::time, in process, release build):
//! screening latency of the built-in example shipment against the bundled lists + Annex I,
//! and classification query latency. Prints `BENCH <label>\t<value>` lines for the table.
//! Run: `cargo run --release --example bench-engine`.

use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/examples/chashma_2021.json"))
        .expect("data/examples/chashma_2021.json");
    let t = Instant::now();
    let index = catchall::names::Index::build(catchall::lists::bundled().expect("bundled lists"));
    let annex = catchall::classify::bundled();
    println!(
        "BENCH startup: decode bundled lists + build index + load Annex I\t{:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let ctx = catchall::screening::Context { parties: &index, controls: annex };

    let mut times = Vec::new();
    let mut verdict = String::new();
    for _ in 0..200 {
        let t = Instant::now();
        let s = catchall::parse_shipment(&json).expect("example parses");
        let r = catchall::rules::screen(&s, &ctx);
        times.push(t.elapsed().as_secs_f64() * 1e3);
        verdict = format!("{:?}", r.verdict());
    }
    println!(
        "BENCH screening latency (parse + screen chashma_2021, verdict {verdict}), median of 200\t{:.3} ms",
        median(times)
    );

    let queries = [
        "frequency changer",
        "3A225",
        "maraging steel",
        "filament winding machine",
        "isostatic press",
        "centrifuge rotor",
        "1C350.a",
        "vacuum pump",
    ];
    let mut times = Vec::new();
    for _ in 0..50 {
        for q in queries {
            let t = Instant::now();
            let c = catchall::classify::search(annex, q, 10);
            times.push(t.elapsed().as_secs_f64() * 1e3);
            std::hint::black_box(c);
        }
    }
    println!("BENCH classify query latency ({} queries x 50), median\t{:.3} ms", queries.len(), median(times));
}
