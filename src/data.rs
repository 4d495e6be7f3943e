//! Access to the bundled, human-authored data files in `data/`.
//!
//! `build.rs` converts each `data/<path>.toml` to JSON at compile time; [`embedded!`]
//! includes that JSON as a `&'static str`. Nothing here reads the filesystem, so the same
//! code runs natively, in tests and in wasm.
//!
//! **Invariant:** legal facts (countries, regimes, rules, citations, dates) live only in
//! `data/`, never in code branches. Every data file carries `as_of` and `source` keys,
//! checked by `tests/data_valid.rs`.

/// `embedded!("countries")` is the JSON text of `data/countries.toml`.
#[macro_export]
macro_rules! embedded {
    ($rel:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/data/", $rel, ".json"))
    };
}
