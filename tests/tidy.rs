//! Tidy checks that keep the architecture honest (after rust-analyzer's `tidy.rs`).
//!
//! **Invariant:** the engine (everything in `src/` except `cli/`, `ui/`, `web_api.rs` and
//! `bin/`) imports no UI, web or CLI crate and does no I/O. It must build and test natively
//! and compile unchanged to wasm32.

use std::path::{Path, PathBuf};

/// Crates (and std modules) the engine must never name.
const FORBIDDEN: &[&str] = &[
    "yew", "web_sys", "gloo", "clap", "wasm_bindgen", "js_sys", "serde_wasm_bindgen",
    "wasm_bindgen_futures", "std::fs", "std::net", "std::process", "std::env",
];

/// Paths (relative to `src/`) that form the UI / CLI layers.
const LAYER_PATHS: &[&str] = &["cli/", "ui/", "bin/", "web_api.rs"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Returns `(line number, crate)` for every forbidden use in `source`. A use is the crate
/// name as a path root (`yew::`, `use gloo`), ignoring comments.
fn violations(source: &str) -> Vec<(usize, &'static str)> {
    let mut found = Vec::new();
    for (i, line) in source.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        for krate in FORBIDDEN {
            let as_path = format!("{krate}::");
            let as_use = format!("use {krate}");
            let as_extern = format!("extern crate {krate}");
            let hit = code.match_indices(&as_path).any(|(at, _)| {
                // `foo_yew::` or `my::yew::` are not the crate.
                at == 0 || !code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':')
            }) || code.contains(&as_use)
                || code.contains(&as_extern);
            if hit {
                found.push((i + 1, *krate));
            }
        }
    }
    found
}

#[test]
fn engine_has_no_ui_web_cli_or_io_imports() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut bad = Vec::new();
    for f in files {
        let rel = f.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        if LAYER_PATHS.iter().any(|p| rel.starts_with(p)) {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        for (line, krate) in violations(&text) {
            bad.push(format!("src/{rel}:{line}: engine code uses `{krate}`"));
        }
    }
    assert!(bad.is_empty(), "engine boundary violated:\n{}", bad.join("\n"));
}

#[test]
fn the_checker_catches_what_it_should() {
    let cases: &[(&str, &[&str])] = &[
        ("use yew::prelude::*;", &["yew"]),
        ("let w = web_sys::window();", &["web_sys"]),
        ("let s = std::fs::read_to_string(p);", &["std::fs"]),
        ("use clap::Parser;", &["clap"]),
        ("// yew:: in a comment is fine", &[]),
        ("let my_yew::x = 1;", &[]),
        ("use crate::screening::Query;", &[]),
    ];
    for (src, want) in cases {
        let got: Vec<&str> = violations(src).into_iter().map(|(_, k)| k).collect();
        assert_eq!(&got, want, "{src}");
    }
}

#[test]
fn ui_and_cli_crates_are_optional_dependencies() {
    let manifest = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let deps = manifest.split("[dependencies]").nth(1).unwrap().split("\n[").next().unwrap();
    for krate in ["yew", "gloo", "wasm-bindgen", "web-sys", "js-sys", "clap", "serde-wasm-bindgen"] {
        let line = deps.lines().find(|l| l.starts_with(&format!("{krate} ")));
        if let Some(line) = line {
            assert!(line.contains("optional = true"), "`{krate}` must be an optional (feature-gated) dependency");
        }
    }
}
