//! Nothing here: the package exists for its tests (`tests/e2e.rs`), see Cargo.toml.
