//! Regenerates the bundled lists in `static/lists/` from the official source files.
//!
//! Run via `scripts/build-lists` (or `cargo run --release --example build-lists -- SRC OUT`).
//! SRC defaults to `$CARGO_MANIFEST_DIR/../shared/data/lists` (the reference data beside the
//! clone), OUT to `static/lists`. Only public-domain / reusable lists are bundled (see
//! `../shared/data/README.md`); OpenSanctions (CC BY-NC) files are never read here.

use catchall::lists::import::{import, SourceFile};
use catchall::lists::{bundle, List};
use std::path::{Path, PathBuf};

/// (source file(s) under SRC, list ids taken from them, source note for the manifest).
const SOURCES: &[(&[&str], &[&str], &str)] = &[
    (&["ofac_sdn_names_2026-08-20.json"], &["us_sdn"], "OFAC SDN names JSON (kindrat86/ofac-sdn-json, CC0 packaging of OFAC SDN.CSV + ALT.CSV, published 2026-08-20)"),
    (&["ecfr_15cfr744_entity_list_uvl_meu_2026-07.xml"], &["us_entity_list", "us_uvl", "us_meu"], "eCFR XML of 15 CFR Part 744, Supplements No. 4, 6, 7 (fetched 2026-07-23)"),
    (&["bis_dpl_2023-11.txt"], &["us_dpl"], "BIS Denied Persons List, tab-separated (moov-io/watchman test data, 2023-11)"),
    (&["un_sc_consolidated_2026-02-27.xml"], &["un_sc"], "UN SC Consolidated List XML, generated 2026-02-27"),
    (&["multi_restricted_parties_kaist_2026-08-18.json"], &["jp_meti_eul"], "METI End User List records of the KAIST CASS restricted-parties-db compilation (2026-08-18); only the official list's facts (English name, aliases, country, concern) are kept"),
];

/// Entry fields that are not shipped: long free text and third-party additions.
const DROP_FIELDS: &[&str] = &["remarks", "name_native", "dataid", "country_heading"];

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut args = std::env::args().skip(1);
    let src = args.next().map(PathBuf::from).unwrap_or_else(|| root.join("../shared/data/lists"));
    let out = args.next().map(PathBuf::from).unwrap_or_else(|| root.join("static/lists"));
    if let Err(e) = run(&src, &out) {
        eprintln!("build-lists: {e}");
        std::process::exit(2);
    }
}

fn run(src: &Path, out: &Path) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut index = Vec::new();
    for (files, ids, note) in SOURCES {
        let datas: Vec<(String, Vec<u8>)> = files
            .iter()
            .map(|f| {
                let p = src.join(f);
                std::fs::read(&p).map(|d| (f.to_string(), d)).map_err(|e| format!("{}: {e}", p.display()))
            })
            .collect::<Result<_, _>>()?;
        let sf: Vec<SourceFile> = datas.iter().map(|(n, d)| SourceFile { name: n, data: d }).collect();
        let imported = import(&sf).map_err(|e| e.to_string())?;
        for want in *ids {
            let imp = imported.iter().find(|i| i.list.meta.id == *want).ok_or(format!("{want} not found in {files:?}"))?;
            for issue in &imp.issues {
                eprintln!("  issue: {issue}");
            }
            let mut list: List = imp.list.clone();
            for e in &mut list.entries {
                e.fields.retain(|k, _| !DROP_FIELDS.contains(&k.as_str()));
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
