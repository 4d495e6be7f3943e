//! Import and bundle-decode timings (run via `scripts/bench-lists`; release build).
//!
//! Reads the source files from `$CARGO_MANIFEST_DIR/../shared/data/lists`. Prints the median
//! and min of N runs for: the OFAC SDN legacy set (2021-07 sdn/add/alt/comments; 2024-05-03 sdn.csv
//! alone), the eCFR Part 744 XML, the SDN names JSON, the UN XML, and decoding all bundled
//! lists (`static/lists/*.tsv`, what the browser does), plus asset sizes.

use catchall::lists::import::{import, SourceFile};
use catchall::lists::{bundle, Imported};
use std::path::PathBuf;

#[path = "../common/timing.rs"]
mod timing;
use timing::time;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let src = root.join("../shared/data/lists");
    let read = |f: &str| std::fs::read(src.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
    let runs = 9;
    let cases: Vec<(&str, Vec<&str>)> = vec![
        (
            "OFAC SDN legacy set 2021-07 (sdn + add + alt + comments)",
            vec![
                "ofac_sdn_2021-07.csv",
                "ofac_add_2021-07.csv",
                "ofac_alt_2021-07.csv",
                "ofac_sdn_comments_2021-07.csv",
            ],
        ),
        ("OFAC sdn.csv 2024-05-03 alone (full list, remarks parsed)", vec!["ofac_sdn_2024-05-03.csv"]),
        ("eCFR Part 744 XML (EL + UVL + MEU)", vec!["ecfr_15cfr744_entity_list_uvl_meu_2026-07.xml"]),
        ("OFAC SDN names JSON 2026-08-20", vec!["ofac_sdn_names_2026-08-20.json"]),
        ("UN SC XML 2026-02-27", vec!["un_sc_consolidated_2026-02-27.xml"]),
    ];
    for (label, files) in cases {
        let datas: Vec<(&str, Vec<u8>)> = files.iter().map(|f| (*f, read(f))).collect();
        let bytes: usize = datas.iter().map(|(_, d)| d.len()).sum();
        let sf: Vec<SourceFile> = datas.iter().map(|(n, d)| SourceFile { name: n, data: d }).collect();
        let (med, min, out): (_, _, Vec<Imported>) = time(runs, || import(&sf).expect("imports"));
        let n: usize = out.iter().map(|i| i.list.entries.len()).sum();
        let issues: usize = out.iter().map(|i| i.issues.len()).sum();
        println!("import  {label}: {bytes} bytes, {n} entries, {issues} issues: median {med:.1?}, min {min:.1?} ({runs} runs)");
    }
    let dir = root.join("static/lists");
    let mut assets = Vec::new();
    for id in bundle::BUNDLED_IDS {
        let p = dir.join(format!("{id}.tsv"));
        assets.push((p.display().to_string(), std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))));
    }
    let raw: usize = assets.iter().map(|(_, d)| d.len()).sum();
    let (med, min, lists) =
        time(21, || assets.iter().map(|(n, d)| bundle::decode(n, d).expect("decodes")).collect::<Vec<_>>());
    let entries: usize = lists.iter().map(|l| l.entries.len()).sum();
    let names: usize = lists.iter().flat_map(|l| &l.entries).map(|e| 1 + e.aliases.len()).sum();
    println!("decode  all bundled lists: {raw} bytes, {} lists, {entries} entries, {names} names: median {med:.1?}, min {min:.1?} (21 runs)", lists.len());
}
