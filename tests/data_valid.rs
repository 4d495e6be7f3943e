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
        let cited =
            (resource && licensed) || t.get("citations").and_then(|x| x.as_array()).is_some_and(|a| !a.is_empty());
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
        "members",
        "country",
        "destinations",
        "destinations_all_except",
        "part746",
        "binds",
        "programme_countries",
        "HK",
        "LI",
        "reexport_escalation",
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
    const FAMILIES: &[&str] = &[
        "EU.", "US.", "UK.", "RU.", "JP.", "NUC.", "CLASS.", "KYC.", "DEST.", "INFO.", "PARTY.", "OBL.", "UN.", "CWC.",
        "RF19.",
    ];
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
    for dir in ["tests/cases", "tests/holdout"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
            sources.push(e.path());
        }
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
    let section = |text: &str| {
        let start = text.find("### 0.3 Rule-ID catalogue").expect("the catalogue's heading");
        let end = text[start..].find("\n---").map_or(text.len(), |e| start + e);
        text[start..end].trim_end().to_string()
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = section(&std::fs::read_to_string(root.join("tests/fixtures/rule-id-catalogue.md")).unwrap());
    // The copy is checked against the knowledge base where that sits beside the clone.
    if let Ok(original) = std::fs::read_to_string(root.join("../shared/docs/domain-rules.md")) {
        assert_eq!(section(&original), text, "tests/fixtures/rule-id-catalogue.md is out of date");
    }
    let (start, end) = (0, text.len());
    let known: BTreeSet<String> = catchall::catalog::rules().iter().map(|r| r.id.clone()).collect();
    let mut missing = Vec::new();
    for line in text[start..end].lines().filter(|l| l.starts_with("| ") && !l.starts_with("| ID")) {
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
        assert!(
            !r.title.is_empty() && !r.citations.is_empty() && r.citations.iter().all(|c| !c.trim().is_empty()),
            "{}",
            r.id
        );
    }
}

#[test]
fn groups_the_code_names_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut bad = Vec::new();
    for e in std::fs::read_dir(root.join("src/rules")).unwrap().flatten() {
        let text = std::fs::read_to_string(e.path()).unwrap();
        for piece in text.split('"') {
            let looks = piece.len() > 2
                && piece.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                && piece.contains('_');
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
                toml::Value::String(s)
                    if (key == "citations" || key == "citation")
                        && (s.matches('(').count() != s.matches(')').count() || s.trim().is_empty()) =>
                {
                    bad.push(format!("{at}: `{s}`"));
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

// ---- consistency of the legal data with itself and with the law --------------------------------------

fn annex_i_codes() -> BTreeSet<String> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/control/annex1.json");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
    v["entries"].as_array().unwrap().iter().filter_map(|e| e["c"].as_str().map(String::from)).collect()
}

fn under(code: &str, prefix: &str) -> bool {
    code == prefix || (code.starts_with(prefix) && code[prefix.len()..].starts_with('.'))
}

fn strings(v: &toml::Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect()).unwrap_or_default()
}

fn data(rel: &str) -> toml::Value {
    load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(rel))
}

/// Annex II Section I (items no Union general authorisation covers) includes every Annex IV item.
#[test]
fn section_i_contains_annex_iv() {
    let ugea = data("eu/ugea.toml");
    let a4 = data("eu/annex_iv.toml");
    let section_i = strings(&ugea["section_i"]);
    let mut missing = Vec::new();
    for code in strings(&a4["part_i"]).into_iter().chain(strings(&a4["part_ii"])) {
        if !section_i.iter().any(|p| under(&code, p)) {
            missing.push(code);
        }
    }
    assert!(missing.is_empty(), "Annex IV codes missing from Section I: {missing:?}");
}

/// Every Annex I code the EU data cites exists in the Annex I index (data/control/annex1.json).
#[test]
fn every_cited_annex_i_code_exists() {
    let known = annex_i_codes();
    assert!(known.len() > 300, "Annex I index looks empty");
    let ugea = data("eu/ugea.toml");
    let a4 = data("eu/annex_iv.toml");
    let mut cited: Vec<(String, String)> = Vec::new();
    for c in strings(&ugea["section_i"]) {
        cited.push(("ugea.toml section_i".into(), c));
    }
    for g in ugea["gea"].as_array().unwrap() {
        for key in ["items", "excluded"] {
            for c in strings(&g[key]).into_iter().filter(|c| c != "*") {
                cited.push((format!("ugea.toml {} {key}", g["id"].as_str().unwrap_or("")), c));
            }
        }
    }
    for part in ["part_i", "part_ii"] {
        for c in strings(&a4[part]) {
            cited.push((format!("annex_iv.toml {part}"), c));
        }
    }
    for c in strings(&data("eu/cyber.toml")["listed_codes"]) {
        cited.push(("cyber.toml".into(), c));
    }
    let bad: Vec<String> = cited
        .into_iter()
        .filter(|(_, c)| !known.contains(&c[..c.len().min(5)]))
        .map(|(at, c)| format!("{at}: {c}"))
        .collect();
    assert!(bad.is_empty(), "codes not in Annex I:\n{}", bad.join("\n"));
}

fn group_members(id: &str) -> BTreeSet<String> {
    catchall::catalog::group(id).unwrap_or_else(|| panic!("group {id}")).members.iter().cloned().collect()
}

fn set(xs: &[&str]) -> BTreeSet<String> {
    xs.iter().map(|s| s.to_string()).collect()
}

/// EU003 and EU004 cover the French overseas territories (Annex II Sections C and D, Part 2).
#[test]
fn eu003_and_eu004_cover_the_french_overseas_territories() {
    let fr = group_members("EU_FRENCH_OVERSEAS");
    assert!(fr.is_superset(&set(&["NC", "PF", "WF", "PM", "BL", "TF"])));
    for g in catchall::catalog::ugeas().gea.iter().filter(|g| g.id == "EU003" || g.id == "EU004") {
        let dest: BTreeSet<String> = g.destinations.iter().cloned().collect();
        assert!(dest.is_superset(&fr), "{} lacks {:?}", g.id, fr.difference(&dest).collect::<Vec<_>>());
    }
}

/// The diversion-hub set is BIS's list of common transshipment points (FIN-2022-Alert003) plus HK and MO.
#[test]
fn diversion_hubs_follow_the_bis_alert() {
    let want = set(&[
        "AM", "BR", "CN", "GE", "IN", "IL", "KZ", "KG", "MX", "NI", "RS", "SG", "ZA", "TW", "TJ", "TR", "AE", "UZ",
        "HK", "MO",
    ]);
    assert_eq!(group_members("DIVERSION_HUBS"), want);
}

/// Which jurisdiction the UN list binds directly, and where it needs the domestic list (additions §4).
#[test]
fn un_list_binding_per_jurisdiction() {
    let b = catchall::catalog::list_binding("un_sc").unwrap();
    assert_eq!(b.binding_rule("GB"), Some("UK.SANC.ASSET_FREEZE"));
    assert_eq!(b.binding_rule("RU"), Some("RU.SANC.UN"));
    for (j, list) in [("EU", "eu_fsf"), ("US", "us_sdn"), ("JP", "jp_mof")] {
        assert_eq!(b.binding_rule(j), None, "{j}: the UN list binds only once transposed");
        assert_eq!(b.transposed_by.get(j).map(String::as_str), Some(list));
        assert!(
            catchall::catalog::list_binding(list).is_some_and(|d| d.binding_rule(j).is_some()),
            "{list} must bind {j}"
        );
    }
    assert!(b.not_recognised.iter().any(|n| n.jurisdiction == "RU" && n.programs.iter().any(|p| p == "Iran")));
    for (key, j, rule) in [
        ("eu_fsf", "EU", "EU.SANC.ASSET_FREEZE"),
        ("uk_sanctions", "GB", "UK.SANC.ASSET_FREEZE"),
        ("jp_mof", "JP", "JP.SANC.ASSET_FREEZE"),
    ] {
        assert_eq!(catchall::catalog::list_binding(key).and_then(|b| b.binding_rule(j)), Some(rule), "{key}");
    }
    // The METI End User List is not an embargo list: its rule never stops on its own.
    let eul = catchall::catalog::list_binding("jp_meti_eul").unwrap();
    assert_eq!(
        catchall::catalog::rule(eul.binding_rule("JP").unwrap()).unwrap().effect,
        catchall::Verdict::LicenceRequired
    );
}

/// The UK and Japanese Iran and North Korea measures have the scopes of additions §1-§2.
#[test]
fn uk_and_jp_iran_and_dprk_scopes() {
    let m = |j: &str, c: &str| -> Vec<String> {
        catchall::catalog::measures(j).filter(|m| m.country == c).map(|m| m.rule.clone()).collect()
    };
    assert_eq!(m("GB", "IR"), ["UK.SANC.IR_NUC", "UK.SANC.IR", "UK.SANC.IR.REVIEW"]);
    assert_eq!(m("GB", "KP"), ["UK.SANC.KP"]);
    assert_eq!(m("JP", "KP"), ["JP.SANC.KP"]);
    assert_eq!(m("JP", "IR"), ["JP.SANC.IR.WMD", "JP.SANC.IR.ARMS", "JP.SANC.IR.REVIEW"]);
    let kp = catchall::catalog::measures("GB").find(|m| m.country == "KP").unwrap();
    let ch: Vec<u32> = kp.criteria.hs_chapters.iter().map(|c| c.parse().unwrap()).collect();
    assert!((72..=89).filter(|c| *c != 77).all(|c| ch.contains(&c)), "UNSCR 2397 chapters 72-89: {ch:?}");
    assert_eq!(catchall::catalog::measures("JP").find(|m| m.country == "KP").unwrap().scope, "all_items");
    assert!(group_members("UK_ARMS_EMBARGO")
        .is_superset(&set(&["RU", "BY", "KP", "IR", "SY", "MM", "VE", "LY", "SO", "SS", "SD", "CF", "CD"])));
    assert_eq!(group_members("UK_ARMS_EMBARGO_TARGETED"), set(&["IQ", "YE", "AF", "HT"]));
    assert_eq!(group_members("CWC_NON_PARTIES"), set(&["EG", "IL", "KP", "SS"]));
    assert_eq!(group_members("EAEU"), set(&["AM", "BY", "KZ", "KG", "RU"]));
}

/// A citation a user sees names the law, regulation or official guidance: never one of our own
/// files (the knowledge base the data was written from is not something a user has). The
/// `source` fields may name our files; `citations`, `citation`, `obligation_citations` and
/// `cite` may not.
#[test]
fn no_citation_names_our_own_files() {
    let mut bad = Vec::new();
    for p in data_files() {
        fn visit(v: &toml::Value, key: &str, at: &str, bad: &mut Vec<String>) {
            let cited = matches!(key, "citations" | "citation" | "obligation_citations" | "cite");
            match v {
                toml::Value::String(s) if cited => {
                    let l = s.to_ascii_lowercase();
                    if l.contains("domain-rules") || l.contains(".md") || l.contains("shared/") {
                        bad.push(format!("{at}: {key} `{s}`"));
                    }
                }
                toml::Value::Array(a) => a.iter().for_each(|x| visit(x, key, at, bad)),
                toml::Value::Table(t) => t.iter().for_each(|(k, x)| visit(x, k, at, bad)),
                _ => {}
            }
        }
        visit(&load(&p), "", &p.display().to_string(), &mut bad);
    }
    assert!(bad.is_empty(), "citations that name our own files:\n{}", bad.join("\n"));
}
