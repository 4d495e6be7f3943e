//! Throwaway readers for evaluation and benchmarks only (NOT the importers, which live in
//! `src/lists/`): they read the real list files kept in `data/sources/lists` (gzipped where
//! large) and the labelled sets in `tests/fixtures/eval-dev` into `catchall::lists::List`
//! values, so a clone alone runs the matcher's quality gates.
#![allow(dead_code)]

use catchall::lists::List;
use catchall::screening::{EntityKind, Entry, ListMeta};
use std::path::PathBuf;

/// The repository root: the nearest folder at or above this package that holds
/// `data/sources/lists` (the engine's tests run at the root, the benches in `xtask/`).
pub fn repo_root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.ancestors().find(|p| p.join("data/sources/lists").is_dir()).map(PathBuf::from).unwrap_or(here)
}

/// `lists/<file>` from `data/sources/lists` (the file or its `.gz` copy), `eval-dev/<file>` from
/// `tests/fixtures/eval-dev`.
fn read(rel: &str) -> String {
    let root = repo_root();
    let p = match rel.strip_prefix("lists/") {
        Some(file) => root.join("data/sources/lists").join(file),
        None => root.join("tests/fixtures").join(rel),
    };
    if let Ok(text) = std::fs::read_to_string(&p) {
        return text;
    }
    let gz = p.with_file_name(format!("{}.gz", p.file_name().and_then(|n| n.to_str()).unwrap_or_default()));
    let f = std::fs::File::open(&gz).unwrap_or_else(|e| panic!("{} (nor {}): {e}", p.display(), gz.display()));
    let mut out = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(f), &mut out)
        .unwrap_or_else(|e| panic!("{}: {e}", gz.display()));
    out
}

/// OFAC SDN names 2026-08-20 (names + alternate names).
pub fn sdn() -> List {
    let v: serde_json::Value = serde_json::from_str(&read("lists/ofac_sdn_names_2026-08-20.json")).expect("sdn json");
    let mut entries = Vec::new();
    for e in v["entries"].as_array().expect("entries") {
        let kind = match e["type"].as_str().unwrap_or("") {
            "individual" => EntityKind::Person,
            "vessel" => EntityKind::Vessel,
            "aircraft" => EntityKind::Aircraft,
            _ => EntityKind::Organization,
        };
        entries.push(Entry {
            id: e["uid"].to_string(),
            kind,
            name: e["name"].as_str().unwrap_or("").to_string(),
            aliases: e["alternateNames"]
                .as_array()
                .map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect())
                .unwrap_or_default(),
            ..Default::default()
        });
    }
    List { meta: meta("us_sdn", "OFAC SDN", "2026-08-20", entries.len()), entries }
}

fn meta(id: &str, name: &str, date: &str, n: usize) -> ListMeta {
    ListMeta { id: id.into(), name: name.into(), date: date.into(), entries: n, ..Default::default() }
}

fn tag<'a>(block: &'a str, t: &str) -> Vec<&'a str> {
    let open = format!("<{t}>");
    let close = format!("</{t}>");
    let mut out = Vec::new();
    let mut rest = block;
    while let Some(a) = rest.find(&open) {
        let after = &rest[a + open.len()..];
        let Some(b) = after.find(&close) else { break };
        out.push(after[..b].trim());
        rest = &after[b + close.len()..];
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&").replace("&apos;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
}

/// UN SC consolidated list 2026-02-27 (individuals and entities, aliases).
pub fn un() -> List {
    let x = read("lists/un_sc_consolidated_2026-02-27.xml");
    let mut entries = Vec::new();
    for (tagname, kind) in [("INDIVIDUAL", EntityKind::Person), ("ENTITY", EntityKind::Organization)] {
        for block in tag(&x, tagname) {
            let parts: Vec<String> = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"]
                .iter()
                .filter_map(|t| tag(block, t).first().map(|s| unescape(s)))
                .filter(|s| !s.is_empty())
                .collect();
            let id = tag(block, "REFERENCE_NUMBER").first().map(|s| s.to_string()).unwrap_or_default();
            entries.push(Entry {
                id,
                kind,
                name: parts.join(" "),
                aliases: tag(block, "ALIAS_NAME").into_iter().map(unescape).filter(|s| !s.is_empty()).collect(),
                ..Default::default()
            });
        }
    }
    List { meta: meta("un_sc", "UN SC Consolidated List", "2026-02-27", entries.len()), entries }
}

/// The multi-list file (METI EUL, BIS EL, …): one List per source list id, English names.
pub fn multi() -> Vec<List> {
    let v: serde_json::Value =
        serde_json::from_str(&read("lists/multi_restricted_parties_kaist_2026-08-18.json")).expect("multi json");
    let mut by: std::collections::BTreeMap<String, Vec<Entry>> = Default::default();
    for e in v.as_array().expect("array") {
        let lid = e["source"]["list_id"].as_str().unwrap_or("other").to_string();
        let name = e["name"]["english"].as_str().unwrap_or("").to_string();
        if name.is_empty() {
            continue;
        }
        let kind = match e["entity_type"].as_str().unwrap_or("") {
            "Individual" | "Person" => EntityKind::Person,
            "Entity" | "Organization" | "Company" => EntityKind::Organization,
            _ => EntityKind::Unknown,
        };
        by.entry(lid).or_default().push(Entry {
            id: e["id"].as_str().unwrap_or("").to_string(),
            kind,
            name,
            aliases: e["aliases"]
                .as_array()
                .map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect())
                .unwrap_or_default(),
            ..Default::default()
        });
    }
    by.into_iter().map(|(id, entries)| List { meta: meta(&id, &id, "2026-08-18", entries.len()), entries }).collect()
}

/// All evaluation lists: SDN + UN (43,198 names, the brief's comparison set) + the multi-list file.
pub fn all_lists() -> Vec<List> {
    let mut v = vec![sdn(), un()];
    v.extend(multi());
    v
}

/// Rows of an eval-dev CSV: (full_name, date_of_birth, nationality).
pub fn eval_rows(file: &str) -> Vec<(String, String, String)> {
    let text = read(&format!("eval-dev/{file}"));
    let mut out = Vec::new();
    for line in text.lines().skip(1) {
        let f = csv_fields(line);
        if f.len() >= 8 {
            out.push((f[0].clone(), f[5].clone(), f[7].clone()));
        }
    }
    out
}

/// Minimal CSV field splitter (quotes, doubled quotes); eval files have no embedded newlines.
pub fn csv_fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut q = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, q) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => q = !q,
            (',', false) => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}
