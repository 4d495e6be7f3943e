//! The native batch on every core: output in input order, the same results as screening each
//! row alone on one thread, any number of rows, and shipment batches.

use catchall::names::Index;
use catchall::screening::{EntityKind, Query};
use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_catchall")).args(args).output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn temp(name: &str, text: &str) -> std::path::PathBuf {
    let p = std::env::temp_dir().join(format!("catchall-scale-{}-{name}", std::process::id()));
    std::fs::write(&p, text).unwrap();
    p
}

fn csv_cell(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Listed names from the bundled lists (every 97th entry of each list), each followed by names
/// that are not listed, plus a bad row and a name spanning two lines.
fn mixed_rows() -> Vec<(String, String)> {
    let mut rows = Vec::new();
    let innocent = ["Grünwald Bäckerei GmbH", "Maria Schneider", "Nordic Precision Tools AB", "Kyoto Optics Co., Ltd."];
    for list in catchall::lists::bundled().unwrap() {
        for (i, e) in list.entries.iter().enumerate().filter(|(i, _)| i % 97 == 0).take(12) {
            rows.push((e.name.clone(), e.countries.first().cloned().unwrap_or_default()));
            rows.push((innocent[i % innocent.len()].to_string(), "DE".into()));
        }
    }
    rows
}

#[test]
fn batch_on_many_threads_keeps_input_order_and_equals_one_thread_row_by_row() {
    let rows = mixed_rows();
    assert!(rows.len() > 150, "{}", rows.len());
    let mut text = String::from("name,country\n");
    for (i, (n, c)) in rows.iter().enumerate() {
        if i == 40 {
            text.push_str(",DE\n"); // a row without a name, reported where it falls
            text.push_str("\"Two-line\nName Ltd\",GB\n");
        }
        text.push_str(&format!("{},{c}\n", csv_cell(n)));
    }
    let csv = temp("order.csv", &text);
    let path = csv.to_str().unwrap();
    // Parts of 7 records: many part boundaries, and one inside the two-line record's part.
    let (code1, one, _) = run(&["--format", "json", "match", "--batch", path, "--threads", "1", "--part-records", "7"]);
    let (code4, four, _) =
        run(&["--format", "json", "match", "--batch", path, "--threads", "4", "--part-records", "7"]);
    let (code_d, default, _) = run(&["--format", "json", "match", "--batch", path]);
    assert_eq!((code1, code4, code_d), (1, 1, 1), "hits were found");
    assert_eq!(one, four, "4 threads write exactly what 1 thread writes");
    assert_eq!(one, default, "the part size does not change the output");

    // And each line is what the engine gives for that row screened alone, in file order.
    let index = Index::build(catchall::lists::bundled().unwrap());
    let lines: Vec<serde_json::Value> = four.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), rows.len() + 2);
    let mut expected: Vec<(usize, Option<Query>)> = Vec::new();
    let mut row = 0;
    for (i, (n, c)) in rows.iter().enumerate() {
        if i == 40 {
            expected.push((row + 1, None));
            expected.push((
                row + 2,
                Some(Query {
                    name: "Two-line\nName Ltd".into(),
                    country: Some("GB".into()),
                    kind: EntityKind::Unknown,
                    ..Default::default()
                }),
            ));
            row += 4; // the empty row, the two-line record (two lines), then this row
        } else {
            row += 1;
        }
        let country = Some(c.to_ascii_uppercase()).filter(|c| !c.is_empty());
        expected.push((
            row,
            Some(Query { name: n.trim().into(), country, kind: EntityKind::Unknown, ..Default::default() }),
        ));
    }
    let mut with_hits = 0;
    for ((want_row, q), got) in expected.iter().zip(&lines) {
        assert_eq!(got["row"], *want_row, "{got}");
        let Some(q) = q else {
            assert!(got["error"].as_str().unwrap().contains("name: empty"), "{got}");
            continue;
        };
        assert_eq!(got["query"]["name"], q.name.as_str());
        let want: Vec<(String, String, f64)> =
            index.screen_lists(q, &[]).into_iter().map(|h| (h.list, h.entry_id, h.score)).collect();
        let have: Vec<(String, String, f64)> = got["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h["list"].as_str().unwrap().into(),
                    h["entry_id"].as_str().unwrap().into(),
                    h["score"].as_f64().unwrap(),
                )
            })
            .collect();
        assert_eq!(have, want, "row {want_row}: {}", q.name);
        with_hits += usize::from(!want.is_empty());
    }
    assert!(with_hits >= rows.len() / 2 - 5, "the listed names are found: {with_hits} rows with hits");
}

#[test]
fn a_200000_row_file_is_screened_in_full() {
    // Past the web app's 100,000-row limit. Names that are on no list keep the debug build quick;
    // every 50,000th row is a listed name, which must be found at its row.
    let mut text = String::from("name,kind\n");
    for i in 1..=200_000usize {
        if i % 50_000 == 0 {
            text.push_str("Hassan Scientific Corporation,organization\n");
        } else {
            text.push_str(&format!("Qzx{i},\n"));
        }
    }
    let csv = temp("200k.csv", &text);
    let (code, out, err) = run(&["--format", "json", "match", "--batch", csv.to_str().unwrap()]);
    std::fs::remove_file(&csv).ok();
    assert_eq!(code, 1, "{err}");
    let mut n = 0;
    for (i, l) in out.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert_eq!(v["row"], i + 1);
        let hit = v["hits"].as_array().is_some_and(|h| !h.is_empty());
        assert_eq!(hit, (i + 1) % 50_000 == 0, "row {}: {l}", i + 1);
        n += 1;
    }
    assert_eq!(n, 200_000);
}

#[test]
fn shipment_batch_keeps_order_and_equals_single_screening() {
    let one_line = |f: &str| {
        let v: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(format!("{}/../../data/examples/{f}", env!("CARGO_MANIFEST_DIR"))).unwrap(),
        )
        .unwrap();
        serde_json::to_string(&v).unwrap()
    };
    let files = ["chashma_2021.json", "jp_row2_to_malaysia.json", "trade_fair_eu004.json"];
    let mut text = String::new();
    for f in files.iter().cycle().take(9) {
        text.push_str(&one_line(f));
        text.push('\n');
    }
    text.push_str("\n{\"jurisdiction\": \"XX\"}\n");
    let jl = temp("ships.jsonl", &text);
    let path = jl.to_str().unwrap();
    let (code1, one, _) =
        run(&["--format", "json", "screen", "--batch", path, "--threads", "1", "--part-records", "2"]);
    let (code3, three, _) = run(&["--format", "json", "screen", "--batch", path, "--threads", "3"]);
    assert_eq!(one, three);
    assert_eq!((code1, code3), (2, 2), "a line that could not be read means the file was not screened in full");
    let lines: Vec<serde_json::Value> = three.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 10);
    let singles: Vec<serde_json::Value> = files
        .iter()
        .map(|f| {
            let p = temp(f, &one_line(f));
            serde_json::from_str(&run(&["--format", "json", "screen", p.to_str().unwrap()]).1).unwrap()
        })
        .collect();
    for (i, line) in lines.iter().take(9).enumerate() {
        assert_eq!(line["line"], i + 1);
        assert_eq!(line["report"], singles[i % 3], "line {} ({}) equals screening the file alone", i + 1, files[i % 3]);
    }
    assert_eq!(lines[9]["line"], 11);
    assert!(lines[9]["error"].as_str().unwrap().contains("line 11: jurisdiction"), "{}", lines[9]);
}
