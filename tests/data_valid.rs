//! Data validation: every bundled data file carries `as_of` and a source / citations; every country code in
//! the data is a known ISO code; every rule ID used in data or in the rules code is in the catalogue; every
//! group a rule names exists. Reads the TOML sources in data/ (tests may do I/O; the engine does not).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn data_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "toml") {
                out.push(p);
            }
        }
    }
    let mut v = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"), &mut v);
    v.sort();
    v
}

fn load(p: &Path) -> toml::Value {
    toml::from_str(&std::fs::read_to_string(p).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn every_data_file_is_dated_and_sourced() {
    let mut bad = Vec::new();
    for p in data_files() {
        let v = load(&p);
        let t = v.as_table().unwrap();
        // A quoted string or a bare TOML date are both fine.
        let as_of = match t.get("as_of") {
            Some(toml::Value::String(s)) => s.clone(),
            Some(toml::Value::Datetime(d)) => d.to_string(),
            _ => String::new(),
        };
        let dated = as_of.len() == 10 && as_of.as_bytes()[4] == b'-' && as_of.as_bytes()[7] == b'-';
        let sourced = t.get("source").and_then(|x| x.as_str()).is_some_and(|s| !s.trim().is_empty());
        // Name-normalisation resources (data/names/) are not law: they carry a licence instead.
        let resource = p.ends_with("countries.toml") || p.parent().is_some_and(|d| d.ends_with("names"));
        let licensed = t.get("licence").and_then(|x| x.as_str()).is_some_and(|s| !s.trim().is_empty());
        let cited = (resource && licensed)
            || t.get("citations").and_then(|x| x.as_array()).is_some_and(|a| !a.is_empty());
        if !dated || !sourced || !cited {
            bad.push(format!("{}: as_of={dated} source={sourced} citations={cited}", p.display()));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Every value that looks like a country code in a country-bearing key must be a known ISO code.
#[test]
fn every_country_code_is_known() {
    const KEYS: &[&str] = &[
        "members", "country", "destinations", "destinations_all_except", "part746", "binds", "programme_countries", "HK", "LI",
    ];
    fn visit(v: &toml::Value, key: &str, out: &mut Vec<(String, String)>) {
        match v {
            toml::Value::String(s) if KEYS.contains(&key) => out.push((key.into(), s.clone())),
            toml::Value::Array(a) => a.iter().for_each(|x| visit(x, key, out)),
            toml::Value::Table(t) if key != "rows" => {
                for (k, x) in t {
                    visit(x, k, out);
                }
            }
            _ => {}
        }
    }
    let mut bad = Vec::new();
    let regimes = ["EU", "US", "GB", "RU", "JP"];
    for p in data_files() {
        if p.ends_with("countries.toml") {
            continue;
        }
        let mut found = Vec::new();
        visit(&load(&p), "", &mut found);
        for (k, code) in found {
            if k == "binds" && regimes.contains(&code.as_str()) {
                continue;
            }
            if catchall::catalog::resolve_country(&code) != Some(code.as_str()) {
                bad.push(format!("{}: {k} = {code}", p.display()));
            }
        }
        // Country Chart rows are keyed by ISO-2.
        if p.ends_with("country_chart.toml") {
            for k in load(&p)["rows"].as_table().unwrap().keys() {
                if catchall::catalog::resolve_country(k) != Some(k.as_str()) {
                    bad.push(format!("country_chart rows: {k}"));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

fn rule_ids_in(text: &str) -> BTreeSet<String> {
    // Rule IDs are quoted, dot-separated upper-case identifiers starting with a known family prefix.
    const FAMILIES: &[&str] = &["EU.", "US.", "UK.", "RU.", "JP.", "NUC.", "CLASS.", "KYC.", "DEST.", "INFO.", "PARTY.", "OBL."];
    let mut out = BTreeSet::new();
    for piece in text.split('"') {
        let ok = FAMILIES.iter().any(|f| piece.starts_with(f))
            && piece.len() > 4
            && piece.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.' || c == '_')
            && !piece.ends_with('.');
        if ok {
            out.insert(piece.to_string());
        }
    }
    out
}

#[test]
fn every_rule_id_used_is_catalogued() {
    let known: BTreeSet<String> = catchall::catalog::rules().iter().map(|r| r.id.clone()).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources: Vec<PathBuf> = data_files();
    for e in std::fs::read_dir(root.join("src/rules")).unwrap().flatten() {
        sources.push(e.path());
    }
    for e in std::fs::read_dir(root.join("tests/cases")).unwrap().flatten() {
        sources.push(e.path());
    }
    let mut bad = Vec::new();
    let mut used = 0;
    for p in sources {
        let text = std::fs::read_to_string(&p).unwrap();
        for id in rule_ids_in(&text) {
            used += 1;
            // `EU.GEA.` + id is built from the UGEA data; check the UGEA ids separately below.
            if !known.contains(&id) {
                bad.push(format!("{}: {id}", p.display()));
            }
        }
    }
    for g in &catchall::catalog::ugeas().gea {
        if !known.contains(&format!("EU.GEA.{}", g.id)) {
            bad.push(format!("data/eu/ugea.toml: EU.GEA.{} not catalogued", g.id));
        }
    }
    assert!(used > 100, "found only {used} rule-id uses: the scan is broken");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The §0.3 catalogue: every ID of domain-rules §0.3 is present (the EU.GEA range spelled out).
#[test]
fn catalogue_covers_section_0_3() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/docs/domain-rules.md"));
    // CI has shared/ beside the clone ($CARGO_MANIFEST_DIR/../shared); skip quietly if absent.
    let Ok(text) = text else { return };
    let start = text.find("### 0.3 Rule-ID catalogue").unwrap();
    let end = text[start..].find("\n---").map(|e| start + e).unwrap();
    let known: BTreeSet<String> = catchall::catalog::rules().iter().map(|r| r.id.clone()).collect();
    let mut missing = Vec::new();
    for line in text[start..end].lines().filter(|l| l.starts_with("| ") && !l.starts_with("| ID") ) {
        let id = line.trim_start_matches("| ").split(" |").next().unwrap_or("").trim();
        if id.contains('…') {
            for n in 1..=8 {
                let g = format!("EU.GEA.EU00{n}");
                if !known.contains(&g) {
                    missing.push(g);
                }
            }
        } else if !id.is_empty() && !id.starts_with("---") && !known.contains(id) {
            missing.push(id.to_string());
        }
    }
    assert!(missing.is_empty(), "{missing:?}");
}

#[test]
fn every_catalogued_rule_has_title_and_citation() {
    for r in catchall::catalog::rules() {
        assert!(!r.title.is_empty() && !r.citations.is_empty() && r.citations.iter().all(|c| !c.trim().is_empty()), "{}", r.id);
    }
}

#[test]
fn groups_the_code_names_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut bad = Vec::new();
    for e in std::fs::read_dir(root.join("src/rules")).unwrap().flatten() {
        let text = std::fs::read_to_string(e.path()).unwrap();
        for piece in text.split('"') {
            let looks = piece.len() > 2 && piece.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_') && piece.contains('_');
            if looks && catchall::catalog::group(piece).is_none() {
                bad.push(format!("{}: group {piece}", e.path().display()));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// A citation is one whole reference: brackets balance (catches a reference split in two).
#[test]
fn every_citation_is_whole() {
    let mut bad = Vec::new();
    for p in data_files() {
        fn visit(v: &toml::Value, key: &str, at: &str, bad: &mut Vec<String>) {
            match v {
                toml::Value::String(s) if key == "citations" || key == "citation" => {
                    if s.matches('(').count() != s.matches(')').count() || s.trim().is_empty() {
                        bad.push(format!("{at}: `{s}`"));
                    }
                }
                toml::Value::Array(a) => a.iter().for_each(|x| visit(x, key, at, bad)),
                toml::Value::Table(t) => t.iter().for_each(|(k, x)| visit(x, k, at, bad)),
                _ => {}
            }
        }
        visit(&load(&p), "", &p.display().to_string(), &mut bad);
    }
    assert!(bad.is_empty(), "citations with unbalanced brackets:\n{}", bad.join("\n"));
}
