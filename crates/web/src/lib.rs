//! The Catchall web app: the Yew front end, its Web Workers and the JavaScript API, all over
//! the `catchall` engine. Built for wasm32 by trunk (`index.html` at the repository root).
//!
//! * [`state`]: the pure state of every screen (form draft, decisions, saved records, the
//!   reducers), tested natively with `cargo test -p catchall-web`;
//! * [`protocol`]: the messages between the page and its workers (versioned by build);
//! * [`runtime`]: the data the page (Annex I only) or a worker (the party index, Annex I)
//!   has loaded, and the engine calls over it;
//! * [`api`]: the `#[wasm_bindgen]` exports for pages that embed Catchall;
//! * [`browser`]: clock, storage, downloads;
//! * [`views`]: the screens; [`worker`] and [`worker_client`]: the two ends of a worker. The
//!   first worker is the page's screening engine: the page holds no party index and sends
//!   every screening there.
//!
//! **Invariant:** nothing here decides anything about a shipment: verdicts come from
//! `catchall::rules::screen` through [`runtime`], in a worker.

pub mod api;
pub mod browser;
pub mod protocol;
pub mod runtime;
pub mod state;
pub mod views;
pub mod worker;
pub mod worker_client;
