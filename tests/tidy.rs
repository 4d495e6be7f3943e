//! Tidy checks for what the compiler cannot see (after rust-analyzer's `tidy.rs`).
//!
//! The engine's freedom from UI, web and CLI crates is a dependency fact: they are not in
//! this package's `[dependencies]`, so engine code that names them does not compile. What the
//! compiler does not stop is the standard library's I/O (`std::fs`, `std::net`, …) and a new
//! dependency quietly added to the engine; those two are checked here.

use std::path::{Path, PathBuf};

/// std modules the engine must never name: it does no I/O, so it runs the same natively, in
/// the browser and in a worker.
const FORBIDDEN: &[&str] = &["std::fs", "std::net", "std::process", "std::env", "std::thread"];

/// The engine's whole dependency list. Adding one is a design decision: it must be pure Rust,
/// build for wasm32 and do no I/O. Say why in Cargo.toml and add it here.
const ENGINE_DEPENDENCIES: &[&str] =
    &["serde", "serde_json", "serde_path_to_error", "csv", "quick-xml", "miniz_oxide", "deunicode", "rustc-hash"];

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

/// Returns `(line number, module)` for every forbidden use in `source`, ignoring comments.
fn violations(source: &str) -> Vec<(usize, &'static str)> {
    let mut found = Vec::new();
    for (i, line) in source.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        for module in FORBIDDEN {
            let hit = code.match_indices(module).any(|(at, _)| {
                // `my_std::fs` or `x::std::fs` are not the standard library.
                at == 0 || !code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':')
            });
            if hit {
                found.push((i + 1, *module));
            }
        }
    }
    found
}

#[test]
fn engine_does_no_io() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut bad = Vec::new();
    for f in files {
        let rel = f.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(&f).unwrap();
        for (line, module) in violations(&text) {
            bad.push(format!("src/{rel}:{line}: engine code uses `{module}`"));
        }
    }
    assert!(bad.is_empty(), "the engine must do no I/O:\n{}", bad.join("\n"));
}

#[test]
fn the_checker_catches_what_it_should() {
    let cases: &[(&str, &[&str])] = &[
        ("let s = std::fs::read_to_string(p);", &["std::fs"]),
        ("use std::net::TcpStream;", &["std::net"]),
        ("let v = std::env::var(\"X\");", &["std::env"]),
        ("// std::fs in a comment is fine", &[]),
        ("let x = my_std::fs::read();", &[]),
        ("use crate::screening::Query;", &[]),
    ];
    for (src, want) in cases {
        let got: Vec<&str> = violations(src).into_iter().map(|(_, k)| k).collect();
        assert_eq!(&got, want, "{src}");
    }
}

/// The `[dependencies]` table of the engine's manifest, as crate names.
fn engine_dependencies() -> Vec<String> {
    let manifest = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let table: toml::Table = manifest.parse().unwrap();
    let package = table["package"].as_table().unwrap();
    assert_eq!(package["name"].as_str(), Some("catchall"), "the root package is the engine");
    let mut deps: Vec<String> =
        table.get("dependencies").and_then(|d| d.as_table()).map(|d| d.keys().cloned().collect()).unwrap_or_default();
    // Target-specific dependencies count too (`[target.'cfg(..)'.dependencies]`).
    if let Some(targets) = table.get("target").and_then(|t| t.as_table()) {
        for t in targets.values() {
            if let Some(d) = t.get("dependencies").and_then(|d| d.as_table()) {
                deps.extend(d.keys().cloned());
            }
        }
    }
    deps
}

#[test]
fn engine_dependencies_are_the_allowed_ones() {
    let deps = engine_dependencies();
    let extra: Vec<&String> = deps.iter().filter(|d| !ENGINE_DEPENDENCIES.contains(&d.as_str())).collect();
    assert!(
        extra.is_empty(),
        "new engine dependencies {extra:?}: the engine must stay pure (no UI, web, CLI or I/O crates); if this one is, add it to ENGINE_DEPENDENCIES with a reason in Cargo.toml"
    );
}

/// Comments and docs a clone can follow: no references to files outside the repository and no
/// issue numbers (say what the code does and cite the law or `docs/`).
#[test]
fn comments_cite_nothing_a_clone_lacks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "crates", "xtask"] {
        rust_files(&root.join(dir), &mut files);
    }
    let mut bad = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for (i, line) in text.lines().enumerate() {
            let Some(at) = line.find("//") else { continue };
            let comment = &line[at..];
            let issue = comment
                .match_indices("issue ")
                .any(|(j, m)| comment[j + m.len()..].starts_with(|c: char| c.is_ascii_digit()));
            if comment.contains("shared/docs") || comment.contains("domain-rules") || issue {
                bad.push(format!("{}:{}: {}", f.strip_prefix(root).unwrap().display(), i + 1, comment.trim()));
            }
        }
    }
    assert!(bad.is_empty(), "comments must not point outside the repository or at issue numbers:\n{}", bad.join("\n"));
}
