//! Catchall: export-control screening.
//!
//! Given a shipment (who exports what, to whom, for what use), Catchall decides
//! `STOP`, `LICENCE_REQUIRED`, `REVIEW` or `CLEAR`, and says why, finding by finding,
//! each with a rule ID from the catalogue and its legal citation.
//!
//! **Architecture invariant:** the engine — every module here except `cli` and `ui` /
//! `web_api` — is pure Rust: no I/O, no network, no UI or web crates. It builds and tests
//! natively. The CLI (feature `cli`) and the Yew web app (feature `web`) are thin layers
//! over it. `tests/tidy.rs` enforces the boundary. See `docs/ARCHITECTURE.md`.

#![warn(missing_debug_implementations)]

pub mod data;

pub mod batch;
pub mod catalog;
pub mod classify;
pub mod lists;
pub mod model;
pub mod names;
pub mod rules;
pub mod screening;
pub mod verdict;

#[cfg(feature = "cli")]
pub mod cli;

/// The web app. Its session reducer (`ui::state`) is engine-only and compiles natively so
/// `cargo test` covers it; the Yew components inside are gated on the `web` feature.
pub mod ui;

#[cfg(feature = "web")]
pub mod web_api;

pub use model::{parse_shipment, InputError, Shipment};
pub use verdict::{Finding, Report, Verdict};

/// The engine's version and rules date, shown in the UI header and the CLI.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
