//! Evidence packs end to end: `catchall screen --evidence` writes one, `catchall verify` says
//! identical (0), differs with the reason (1: altered pack, other engine version, other list
//! version) or cannot tell (2: a recorded list version is not available).

use catchall::evidence::Pack;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

const CHASHMA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/examples/chashma_2021.json");

fn catchall(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_catchall")).args(args).output().expect("runs catchall");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into(),
        String::from_utf8_lossy(&o.stderr).into(),
    )
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("catchall-evidence-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn read_pack(p: &Path) -> Pack {
    serde_json::from_slice(&std::fs::read(p).expect("pack")).expect("parses")
}

fn write_pack(p: &Path, pack: &Pack) {
    std::fs::write(p, serde_json::to_string_pretty(pack).expect("json")).expect("write");
}

#[test]
fn a_pack_verifies_identical_and_an_altered_or_other_engine_pack_differs() {
    let dir = temp_dir("engine");
    let pack_path = dir.join("pack.json");
    let decisions = dir.join("decisions.json");
    std::fs::write(&decisions, r#"{"false_positives": [{"entry_id": "el-1", "note": "other company"}]}"#).expect("w");
    let (code, out, err) = catchall(&["screen", "--evidence", s(&pack_path), "--decisions", s(&decisions), CHASHMA]);
    assert_eq!(code, 1, "STOP, as without --evidence: {out}{err}");
    assert!(out.starts_with("VERDICT: STOP"), "{out}");
    let pack = read_pack(&pack_path);
    assert_eq!(pack.format, "catchall-evidence 1");
    assert_eq!(pack.engine_version, catchall::version());
    assert_eq!(pack.report["verdict"], "STOP");
    assert_eq!(pack.shipment["jurisdiction"], "RU");
    assert_eq!(pack.decisions["false_positives"][0]["note"], "other company");
    assert_eq!(pack.lists.len(), catchall::lists::bundle::BUNDLED_IDS.len());
    assert!(pack.lists.iter().all(|l| l.hash.starts_with("fnv1a64:") && !l.date.is_empty()), "{:?}", pack.lists);
    assert!(pack.hash.starts_with("sha256:") && pack.hash == pack.computed_hash());

    let (code, out, err) = catchall(&["verify", s(&pack_path)]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("identical:") && out.contains("(STOP)"), "{out}");
    let (code, out, _) = catchall(&["--format", "json", "verify", s(&pack_path)]);
    assert_eq!(code, 0);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&out).expect("json")["result"], "identical");

    // Altered after writing: each part is covered by the hash, the decisions too.
    type Edit = fn(&mut Pack);
    let edits: &[(&str, Edit)] = &[
        ("the verdict", |p| p.report["verdict"] = "CLEAR".into()),
        ("the shipment", |p| p.shipment["parties"]["end_user"]["name"] = "Someone Else".into()),
        ("a list's hash", |p| p.lists[0].hash = "fnv1a64:0000000000000000".into()),
        ("the decisions", |p| p.decisions = serde_json::Value::Null),
        ("the engine version", |p| p.engine_version = "0.0.1".into()),
    ];
    let altered = dir.join("altered.json");
    for (what, edit) in edits {
        let mut p = pack.clone();
        edit(&mut p);
        write_pack(&altered, &p);
        let (code, out, err) = catchall(&["verify", s(&altered)]);
        assert_eq!(code, 1, "{what}: {out}{err}");
        assert!(
            out.contains("why: altered pack") && out.contains(&format!("hash: recorded {}", pack.hash)),
            "{what}: {out}"
        );
    }

    // Written by another engine version that reported one finding less (sealed by that writer):
    // the missing finding is named and the engine version given as the reason.
    let mut p = pack.clone();
    p.engine_version = "0.0.1".into();
    let gone = p.report["findings"].as_array_mut().expect("findings").remove(0);
    p.seal();
    write_pack(&altered, &p);
    let (code, out, _) = catchall(&["verify", s(&altered)]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("why: other engine version: the pack was written by engine 0.0.1"), "{out}");
    let rule = gone["rule"].as_str().expect("rule");
    assert!(out.contains(&format!("finding {rule} (")) && out.contains("new now, not recorded"), "{out}");
    assert!(!out.contains("altered"), "{out}");
    // The same report from another engine version is identical, with a note.
    let mut p = pack.clone();
    p.engine_version = "0.0.1".into();
    p.seal();
    write_pack(&altered, &p);
    let (code, out, _) = catchall(&["verify", s(&altered)]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("note: written by engine 0.0.1"), "{out}");
    // Not a pack at all: an input error.
    let (code, _, err) = catchall(&["verify", CHASHMA]);
    assert_eq!(code, 2);
    assert!(err.contains("not an evidence pack"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_list_version_that_is_not_available_cannot_tell_until_it_is_given() {
    let dir = temp_dir("lists");
    // A real earlier SDN file, not the bundled version.
    let sdn = dir.join("ofac_sdn_2024-05-02.csv");
    let gz = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/sources/lists/ofac_sdn_2024-05-02.csv.gz");
    let mut data = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(gz).expect("gz")).read_to_end(&mut data).expect("gunzip");
    std::fs::write(&sdn, &data).expect("write");
    let pack_path = dir.join("pack.json");
    let (code, out, err) = catchall(&["screen", "--list", s(&sdn), "--evidence", s(&pack_path), CHASHMA]);
    assert_eq!(code, 1, "{out}{err}");
    let pack = read_pack(&pack_path);
    let rec = pack.lists.iter().find(|l| l.id == "us_sdn").expect("us_sdn recorded");
    assert_eq!((rec.date.as_str(), rec.entries), ("2024-05-02", 14973));

    let (code, out, _) = catchall(&["verify", s(&pack_path)]);
    assert_eq!(code, 2, "{out}");
    assert!(out.starts_with("cannot tell") && out.contains("us_sdn of 2024-05-02 (14973 entries, fnv1a64:"), "{out}");
    let (code, out, _) = catchall(&["verify", "--list", s(&sdn), s(&pack_path)]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("identical"), "{out}");
    let (code, out, _) = catchall(&["verify", "--current-lists", s(&pack_path)]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("why: other list version: us_sdn of 2024-05-02"), "{out}");
    assert!(
        out.contains("list us_sdn: 2024-05-02 (fnv1a64:") && out.contains(") recorded, 2026-08-20 (fnv1a64:"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
