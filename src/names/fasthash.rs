//! The maps of the name tables and the index use rustc's Fx hash (`rustc-hash`): every key is
//! list data or a query word, hashed tens of thousands of times while the app loads, where std's
//! SipHash costs several times more (above all in wasm). Only lookups use it; nothing iterates
//! these maps in a way that reaches a result.

pub use rustc_hash::{FxHashMap as FastMap, FxHashSet as FastSet};
