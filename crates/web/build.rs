//! The build version the page and its workers put on every message (`protocol::BUILD`):
//! the engine version plus a hash of the sources both are compiled from (this crate's
//! `src/`, the engine's `src/` and `data/`), so two builds of different code never talk to
//! each other even when the version number did not change.
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let here = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into()));
    let root = here.join("../..");
    let dirs = [here.join("src"), root.join("src"), root.join("data")];
    let mut all = Vec::new();
    for d in &dirs {
        println!("cargo:rerun-if-changed={}", d.display());
        files(d, &mut all);
    }
    all.sort();
    // FNV-1a over every path and its bytes.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for p in &all {
        let rel = p.strip_prefix(&root).unwrap_or(p);
        eat(rel.to_string_lossy().as_bytes());
        eat(&std::fs::read(p).unwrap_or_default());
    }
    println!("cargo:rustc-env=CATCHALL_SOURCE_HASH={h:016x}");
    lists_hash(&root.join("static/lists"));
}

/// `CATCHALL_LISTS_HASH`: `catchall::names::index::sources_hash` of the bundled list files
/// (`index.json` and every `*.tsv`, sorted by name), the same hash `xtask build-index` stamps
/// on the index file, so the worker uses that file only when it was built from exactly these
/// lists. (The engine is not a build-dependency, so the hash is written out here; a test in
/// `runtime.rs` checks that both agree.)
fn lists_hash(dir: &Path) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| rd.flatten().filter_map(|e| e.file_name().into_string().ok()).collect())
        .unwrap_or_default();
    names.retain(|n| n == "index.json" || n.ends_with(".tsv"));
    names.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for n in &names {
        let bytes = std::fs::read(dir.join(n)).unwrap_or_default();
        eat(n.as_bytes());
        eat(&[0]);
        eat(&(bytes.len() as u64).to_le_bytes());
        eat(&bytes);
    }
    println!("cargo:rustc-env=CATCHALL_LISTS_HASH={h:016x}");
}
