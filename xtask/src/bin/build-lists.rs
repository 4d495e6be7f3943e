//! Regenerates the bundled lists in `static/lists/` from the official source files.
//!
//! Run via `scripts/build-lists` (or `cargo run --release --example build-lists -- SRC OUT`).
//! SRC defaults to `$CARGO_MANIFEST_DIR/data/sources/lists` (the copies of the source files kept
//! in the repository, large ones gzipped as `<name>.gz`), OUT to `static/lists`. Only public-domain / reusable lists are bundled (see
//! `../shared/data/README.md`); OpenSanctions (CC BY-NC) files are never read here.
//! `--fetched DIR` builds the lists fetched by `catchall lists fetch --out DIR` from those files
//! (`scripts/build-site`).

use catchall::lists::bundle::{self, SOURCES};
use catchall::lists::import::{import, SourceFile};
use catchall::lists::sources::{Fetched, MANIFEST};
use catchall::lists::{Imported, List};
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // `--fetched DIR`: a directory written by `catchall lists fetch`; the lists it holds are
    // built from its files, the others from the source copies.
    let fetched = match args.iter().position(|a| a == "--fetched") {
        Some(i) if i + 1 < args.len() => {
            let dir = PathBuf::from(args.remove(i + 1));
            args.remove(i);
            Some(dir)
        }
        Some(_) => {
            eprintln!("build-lists: --fetched needs a directory");
            std::process::exit(2);
        }
        None => None,
    };
    let mut args = args.into_iter();
    let src = args.next().map(PathBuf::from).unwrap_or_else(|| root.join("data/sources/lists"));
    let out = args.next().map(PathBuf::from).unwrap_or_else(|| root.join("static/lists"));
    if let Err(e) = run(&src, &out, fetched.as_deref()) {
        eprintln!("build-lists: {e}");
        std::process::exit(2);
    }
}

/// A source file, or its gzipped copy `<name>.gz`.
fn read_source(src: &Path, f: &str) -> Result<Vec<u8>, String> {
    let p = src.join(f);
    if p.exists() {
        return std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()));
    }
    let gz = src.join(format!("{f}.gz"));
    let file = std::fs::File::open(&gz).map_err(|e| format!("{} (nor {}): {e}", p.display(), gz.display()))?;
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(file), &mut out)
        .map_err(|e| format!("{}: {e}", gz.display()))?;
    Ok(out)
}

/// The manifest of a fetch directory.
fn read_fetched(dir: &Path) -> Result<Fetched, String> {
    let p = dir.join(MANIFEST);
    let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))
}

fn import_files(dir: &Path, files: &[String]) -> Result<Vec<Imported>, String> {
    let datas: Vec<(String, Vec<u8>)> =
        files.iter().map(|f| read_source(dir, f).map(|d| (f.clone(), d))).collect::<Result<_, _>>()?;
    let sf: Vec<SourceFile> = datas.iter().map(|(n, d)| SourceFile { name: n, data: d }).collect();
    import(&sf).map_err(|e| e.to_string())
}

fn run(src: &Path, out: &Path, fetched_dir: Option<&Path>) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let fetched = fetched_dir.map(read_fetched).transpose()?;
    let mut index = Vec::new();
    for (files, ids, note, date) in SOURCES {
        for want in *ids {
            // A fetched list comes from its fetched files, dated by them or else by the fetch.
            let (imported, note, date, files): (Vec<Imported>, String, Option<String>, Vec<String>) =
                match (fetched_dir, fetched.as_ref().and_then(|f| f.set_for(want).map(|s| (f, s)))) {
                    (Some(dir), Some((f, set))) => {
                        let names: Vec<String> = set.files.iter().map(|x| x.name.clone()).collect();
                        let urls: Vec<&str> = set.files.iter().map(|x| x.url.as_str()).collect();
                        let note = format!("{}; fetched on {} from {}", set.note, f.fetched_on, urls.join(", "));
                        (import_files(dir, &names)?, note, None, names)
                    }
                    _ => {
                        let names: Vec<String> = files.iter().map(|f| f.to_string()).collect();
                        (import_files(src, &names)?, note.to_string(), date.map(str::to_string), names)
                    }
                };
            let imp =
                imported.iter().find(|i| i.list.meta.id == *want).ok_or(format!("{want} not found in {files:?}"))?;
            for issue in &imp.issues {
                eprintln!("  issue: {issue}");
            }
            let mut list: List = bundle::for_shipping(imp.list.clone());
            if let Some(d) = date {
                list.meta.date = d;
            } else if list.meta.date.is_empty() {
                list.meta.date = fetched.as_ref().map(|f| f.fetched_on.clone()).unwrap_or_default();
            }
            let text = bundle::encode(&list);
            let path = out.join(format!("{want}.tsv"));
            std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
            eprintln!("{want}: {} entries, {} bytes ({} issues)", list.entries.len(), text.len(), imp.issues.len());
            let mut m = serde_json::to_value(&list.meta).map_err(|e| e.to_string())?;
            m["file"] = serde_json::json!(format!("{want}.tsv"));
            m["bytes"] = serde_json::json!(text.len());
            m["source"] = serde_json::json!(format!("{note}; source file(s): {}", files.join(", ")));
            index.push(m);
        }
    }
    let idx = serde_json::json!({
        "format": "catchall-list 1 (see src/lists/bundle.rs)",
        "generated_by": "scripts/build-lists",
        "lists": index,
    });
    let path = out.join("index.json");
    let s = serde_json::to_string_pretty(&idx).map_err(|e| e.to_string())?;
    std::fs::write(&path, s + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(())
}
