//! Screening time per shipment, with the bundled rules data loaded (parsed once, on first use).
//! Run: `cargo bench --bench screen`. Cases: the Chashma example (RU and US exporter: many rules fire)
//! and an everyday CLEAR case (office chairs, EU:DE → US). No list data is loaded here (the matcher is
//! its own issue); the US case still fires US.EL from the nuclear-programme data.

use catchall::screening::Context;
use criterion::{black_box, criterion_group, criterion_main, Criterion};

const CHASHMA: &str = include_str!("../../data/examples/chashma_2021.json");
const PLAIN: &str = include_str!("../../tests/cases/plain.json");

fn bench(c: &mut Criterion) {
    let ctx = Context::empty();
    let chashma_ru = catchall::parse_shipment(CHASHMA).expect("example parses");
    let chashma_us = catchall::parse_shipment(&CHASHMA.replace("\"jurisdiction\": \"RU\"", "\"jurisdiction\": \"US\""))
        .expect("parses");
    let plain = catchall::parse_shipment(PLAIN).expect("plain parses");
    // Warm the data caches so the numbers are per-shipment screening, not first-load parsing.
    let _ = catchall::rules::screen(&plain, &ctx);
    c.bench_function("screen/chashma_RU_stop", |b| b.iter(|| catchall::rules::screen(black_box(&chashma_ru), &ctx)));
    c.bench_function("screen/chashma_US_licence", |b| b.iter(|| catchall::rules::screen(black_box(&chashma_us), &ctx)));
    c.bench_function("screen/office_chairs_EU_clear", |b| b.iter(|| catchall::rules::screen(black_box(&plain), &ctx)));
    c.bench_function("parse_and_screen/chashma_RU", |b| {
        b.iter(|| catchall::rules::screen(&catchall::parse_shipment(black_box(CHASHMA)).expect("parses"), &ctx))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
