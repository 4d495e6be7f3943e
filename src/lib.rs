//! Catchall: export-control screening.
//!
//! Given a shipment (who exports what, to whom, for what use), Catchall decides
//! `STOP`, `LICENCE_REQUIRED`, `REVIEW` or `CLEAR`, and says why, finding by finding,
//! each with a rule ID from the catalogue and its legal citation.
//!
//! **Architecture invariant:** this crate is the engine and only the engine: pure Rust, no
//! I/O, no network, no UI, web or CLI crates (they are not in its dependencies, so the
//! compiler enforces it; `tests/tidy.rs` checks the std I/O modules it cannot see). It builds
//! and tests natively and compiles unchanged to wasm32. The CLI (`crates/cli`) and the web
//! app (`crates/web`) are thin layers over it. See `docs/ARCHITECTURE.md`.

#![warn(missing_debug_implementations)]

pub mod data;

pub mod batch;
pub mod catalog;
pub mod classify;
pub mod evidence;
pub mod lists;
pub mod model;
pub mod names;
pub mod rules;
pub mod screening;
pub mod verdict;

pub use model::{parse_shipment, InputError, Shipment};
pub use verdict::{Evidence, Finding, ListHit, PartyRole, Report, Subject, Verdict};

/// The engine's version and rules date, shown in the UI header and the CLI.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
