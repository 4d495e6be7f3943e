//! The same engine case table under wasm32 (`wasm-pack test --node` or
//! `cargo test --target wasm32-unknown-unknown --test wasm_cases` with wasm-bindgen-test-runner):
//! proves native and wasm screening agree. Natively this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

#[path = "common/case_files.rs"]
mod case_files;
#[path = "common/cases.rs"]
mod cases;

use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn engine_cases_under_wasm() {
    let sum = cases::run_cases(case_files::FILES, case_files::BASES);
    assert!(sum.failures.is_empty(), "{}", sum.failures.join("\n"));
    assert!(sum.cases >= 80);
}

#[path = "common/weights.rs"]
mod weights;

/// The web app's index is built natively at build time and its queries are normalised in wasm:
/// the word weights must be the same bits on both (the native side: tests/names_normalize.rs).
#[wasm_bindgen_test]
fn word_weights_are_the_same_bits_as_natively() {
    assert_eq!(catchall::names::normalize::df_weights_digest(), weights::DF_WEIGHTS_DIGEST);
}
