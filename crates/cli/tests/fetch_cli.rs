//! `catchall lists fetch` against a small HTTP server on 127.0.0.1 in this test process, serving
//! real OFAC `sdn.csv` files of two consecutive days and the ways a download goes wrong: a page
//! that is not a list, a connection cut mid-file, a file that was cut before it was served, a 404,
//! a server slower than the timeout and a file over the size limit. A failed fetch must leave
//! the previous fetch byte-identical.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

fn gunzip(name: &str) -> Vec<u8> {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/sources/lists/").to_string() + name;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&p).expect(&p)).read_to_end(&mut out).expect("gunzip");
    out
}

struct Fixtures {
    day1: Vec<u8>,
    day2: Vec<u8>,
}

fn fixtures() -> &'static Fixtures {
    static F: OnceLock<Fixtures> = OnceLock::new();
    F.get_or_init(|| Fixtures {
        day1: gunzip("ofac_sdn_2024-05-02.csv.gz"),
        day2: gunzip("ofac_sdn_2024-05-03.csv.gz"),
    })
}

/// The first `share` of a file's lines, whole lines only.
fn first_lines(data: &[u8], share: f64) -> Vec<u8> {
    let lines: Vec<&[u8]> = data.split_inclusive(|&b| b == b'\n').collect();
    lines[..(lines.len() as f64 * share) as usize].concat()
}

fn respond(mut s: TcpStream, status: &str, body: &[u8], announced: usize) {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/csv\r\nContent-Length: {announced}\r\nConnection: close\r\n\r\n"
    );
    let _ = s.write_all(head.as_bytes());
    let _ = s.write_all(body);
    let _ = s.flush();
}

fn serve(s: TcpStream) {
    let mut reader = BufReader::new(s.try_clone().expect("clone"));
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).map_or(true, |n| n == 0) || h == "\r\n" {
            break;
        }
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    let f = fixtures();
    match path.as_str() {
        "/day1/sdn.csv" => respond(s, "200 OK", &f.day1, f.day1.len()),
        "/day2/sdn.csv" => respond(s, "200 OK", &f.day2, f.day2.len()),
        "/error-page/sdn.csv" => {
            let page = b"<!DOCTYPE html><html><body><h1>Service Unavailable</h1></body></html>";
            respond(s, "200 OK", page, page.len());
        }
        // The connection drops after 40 % of the announced bytes.
        "/cut/sdn.csv" => respond(s, "200 OK", &f.day2[..f.day2.len() * 2 / 5], f.day2.len()),
        // A file cut before it was published: complete as HTTP, a third of the entries.
        "/short/sdn.csv" => {
            let short = first_lines(&f.day2, 0.3);
            respond(s, "200 OK", &short, short.len());
        }
        "/slow/sdn.csv" => {
            std::thread::sleep(Duration::from_secs(60));
            respond(s, "200 OK", &f.day2, f.day2.len());
        }
        _ => respond(s, "404 Not Found", b"not found", 9),
    }
}

fn server() -> u16 {
    static PORT: OnceLock<u16> = OnceLock::new();
    *PORT.get_or_init(|| {
        let l = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = l.local_addr().expect("addr").port();
        std::thread::spawn(move || {
            for s in l.incoming().flatten() {
                std::thread::spawn(move || serve(s));
            }
        });
        port
    })
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("catchall-fetch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// A source table with one set per `(ids, path on the test server, max_bytes)`.
fn sources(dir: &Path, sets: &[(&str, &str, Option<u64>)]) -> PathBuf {
    let port = server();
    let sets: Vec<serde_json::Value> = sets
        .iter()
        .map(|(id, path, max)| {
            serde_json::json!({
                "ids": [id],
                "note": "test",
                "max_bytes": max,
                "files": [{ "name": "sdn.csv", "url": format!("http://127.0.0.1:{port}{path}"), "format": "ofac_main" }],
            })
        })
        .collect();
    let p = dir.join("sources.json");
    std::fs::write(&p, serde_json::json!({ "as_of": "2026-12-06", "set": sets }).to_string()).expect("write");
    p
}

fn fetch(out: &Path, sources: &Path, extra: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_catchall"))
        .args(["lists", "fetch", "--timeout", "2", "--out"])
        .arg(out)
        .arg("--sources")
        .arg(sources)
        .args(extra)
        .output()
        .expect("runs catchall");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into(),
        String::from_utf8_lossy(&o.stderr).into(),
    )
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).expect("read")))
        .collect()
}

#[test]
fn a_fetch_saves_the_files_and_the_next_one_says_what_changed() {
    let dir = temp_dir("good");
    let out = dir.join("lists");
    let (code, stdout, stderr) = fetch(&out, &sources(&dir, &[("us_sdn", "/day1/sdn.csv", None)]), &[]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert_eq!(std::fs::read(out.join("sdn.csv")).expect("saved"), fixtures().day1);
    // Compared with the bundled SDN list (19,249 entries of 2026-08-20) the day-1 file is older;
    // `sdn.csv` carries no date of its own, so the date of the fetch stands in for it.
    let first = "us_sdn: +1016 entries, −5292, 12278 changed (19249 → 14973 entries, 2026-08-20 → 20";
    assert!(stdout.contains(first), "{stdout}");
    let manifest: catchall::lists::sources::Fetched =
        serde_json::from_slice(&std::fs::read(out.join("fetched.json")).expect("manifest")).expect("parses");
    assert_eq!(manifest.sets.len(), 1);
    assert_eq!(manifest.sets[0].files[0].bytes, fixtures().day1.len() as u64);
    assert_eq!(manifest.sets[0].files[0].hash, catchall::lists::content_hash(&[&fixtures().day1]));

    // The next day's file is compared with the previous fetch: the same eight removals that
    // `lists diff` finds between these two files.
    let (code, stdout, stderr) = fetch(&out, &sources(&dir, &[("us_sdn", "/day2/sdn.csv", None)]), &[]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(stdout.contains("us_sdn: +0 entries, −8, 0 changed (14973 → 14965 entries"), "{stdout}");
    assert!(stdout.contains("− 38556 EMPEROR AVIATION LTD"), "{stdout}");
    assert_eq!(std::fs::read(out.join("sdn.csv")).expect("saved"), fixtures().day2);
    assert!(!dir.join("lists.staging").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_failed_fetch_leaves_the_previous_files_byte_identical() {
    let dir = temp_dir("bad");
    let out = dir.join("lists");
    let (code, _, stderr) = fetch(&out, &sources(&dir, &[("us_sdn", "/day1/sdn.csv", None)]), &[]);
    assert_eq!(code, 0, "{stderr}");
    let before = snapshot(&out);
    assert_eq!(before.len(), 2, "{:?}", before.keys());

    type Case<'a> = (&'a str, &'a [(&'a str, &'a str, Option<u64>)], &'a [&'a str]);
    let cases: &[Case] = &[
        (
            "an HTML page instead of the list",
            &[("us_sdn", "/error-page/sdn.csv", None)],
            &["expected format ofac_main, got", "Service Unavailable"],
        ),
        ("a connection cut mid-file", &[("us_sdn", "/cut/sdn.csv", None)], &["/cut/sdn.csv: download cut short after"]),
        (
            "a file cut before it was served",
            &[("us_sdn", "/short/sdn.csv", None)],
            &["us_sdn: the import has", "fewer than half of the 14973"],
        ),
        ("a 404", &[("us_sdn", "/gone/sdn.csv", None)], &["/gone/sdn.csv: HTTP 404"]),
        ("a server slower than the timeout", &[("us_sdn", "/slow/sdn.csv", None)], &["/slow/sdn.csv:"]),
        (
            "a file over the size limit",
            &[("us_sdn", "/day2/sdn.csv", Some(100_000))],
            &["bytes announced, over the limit of 100000"],
        ),
        (
            "one good set and one 404",
            &[("us_sdn", "/day2/sdn.csv", None), ("un_sc", "/gone/un.xml", None)],
            &["/gone/un.xml: HTTP 404"],
        ),
    ];
    for (what, sets, wanted) in cases {
        let started = std::time::Instant::now();
        let (code, stdout, stderr) = fetch(&out, &sources(&dir, sets), &[]);
        assert_eq!(code, 2, "{what}: {stdout}\n{stderr}");
        assert!(stderr.contains("nothing in") && stderr.contains("was replaced"), "{what}: {stderr}");
        for w in *wanted {
            assert!(stderr.contains(w), "{what}: {w:?} not in {stderr}");
        }
        assert!(snapshot(&out) == before, "{what}: the previous fetch changed");
        assert!(!dir.join("lists.staging").exists(), "{what}: staging left behind");
        // The slow server answers after 60 s; the 2 s timeout must not wait for it (the rest of the
        // bound is the debug binary decoding the lists under a shared machine's load).
        assert!(started.elapsed() < Duration::from_secs(30), "{what}: took {:?}", started.elapsed());
    }
    // The shrink rule can be overridden, as for `lists import`.
    let (code, _, stderr) = fetch(&out, &sources(&dir, &[("us_sdn", "/short/sdn.csv", None)]), &["--allow-shrink"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(snapshot(&out) != before);
    let _ = std::fs::remove_dir_all(&dir);
}
