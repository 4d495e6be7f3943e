//! Turns every human-authored `data/**/*.toml` file into JSON under `$OUT_DIR/data/`,
//! so the engine embeds plain JSON (`catchall::data::file!`) and neither the CLI nor the
//! wasm module has to carry a TOML parser. TOML dates become ISO strings.
//!
//! A TOML syntax error fails the build with the file name and line: data is code-reviewed
//! like code, and a broken data file must never reach a user.

use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("data");
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed=src");
    source_hash(&root);
    let data = root.join("data");
    let mut files = Vec::new();
    walk(&data, &mut files);
    files.sort();
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let rel = path.strip_prefix(&data).unwrap();
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("data/{}: {e}", rel.display()));
        let json = to_json(value);
        let dest = out.join(rel).with_extension("json");
        fs::create_dir_all(dest.parent().unwrap()).unwrap();
        let body = serde_json::to_string(&json).unwrap();
        // Only rewrite when changed, to keep incremental builds incremental.
        if fs::read_to_string(&dest).ok().as_deref() != Some(body.as_str()) {
            fs::write(&dest, body).unwrap();
        }
    }
}

/// `CATCHALL_ENGINE_SOURCE_HASH`: FNV-1a 64 over every file under `src/` and `data/` (path and
/// bytes, sorted), so an index file written by one build of the engine is refused by another
/// (`names::index::bytes::ENGINE_BUILD`): normalisation or scoring may have changed.
fn source_hash(root: &Path) {
    fn all(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                all(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    all(&root.join("src"), &mut files);
    all(&root.join("data"), &mut files);
    files.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for p in &files {
        eat(p.strip_prefix(root).unwrap_or(p).to_string_lossy().as_bytes());
        eat(&fs::read(p).unwrap_or_default());
    }
    println!("cargo:rustc-env=CATCHALL_ENGINE_SOURCE_HASH={h:016x}");
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

fn to_json(v: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => J::from(f),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.into_iter().map(to_json).collect()),
        toml::Value::Table(t) => J::Object(t.into_iter().map(|(k, v)| (k, to_json(v))).collect()),
    }
}
