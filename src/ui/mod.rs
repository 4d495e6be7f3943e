//! The Yew web app (feature `web`), a thin layer over the engine.
//!
//! * `state`: the session reducer; pure, engine types only, compiled and tested natively.
//! * `app` and the components: Yew, compiled only with the `web` feature for wasm32.
//!
//! **Invariant:** the UI never decides anything itself: verdicts come from
//! `catchall::rules::screen` through [`crate::web_api`], which the embeddable JS API uses too.

pub mod batch_state;
pub mod lists_state;
pub mod state;

#[cfg(feature = "web")]
mod app;
#[cfg(feature = "web")]
mod form;
#[cfg(feature = "web")]
mod history;
#[cfg(feature = "web")]
mod report;
#[cfg(feature = "web")]
mod storage;
#[cfg(feature = "web")]
mod lists_page;
#[cfg(feature = "web")]
mod batch_page;
#[cfg(feature = "web")]
mod worker_client;
/// The screening worker's side (runs in a Web Worker; see `src/bin/catchall-worker.rs`).
#[cfg(feature = "web")]
pub mod worker;

#[cfg(feature = "web")]
pub use app::{mount, App};
