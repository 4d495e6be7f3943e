//! End-to-end tests of the built web app (`dist/`, from `trunk build --release`) in headless
//! Chromium, driven through chromedriver with fantoccini.
//!
//! Each test serves `dist/` from a tiny std-only static server on 127.0.0.1 (a thread, with
//! the right MIME types incl. `application/wasm`), starts its own chromedriver with a fresh
//! profile, and routes every non-loopback request Chromium makes to a recording "proxy"
//! that refuses it: the tests assert that nothing typed ever leaves the machine.
//! Screenshots of each screen are saved under `test-output/` for review.
//!
//! Run: `trunk build --release && CATCHALL_E2E=1 cargo test -p catchall-e2e --test e2e -- --test-threads=1`.
//! Without `CATCHALL_E2E=1` each test prints "skipped" and passes (they need a browser).
//! `CHROMEDRIVER` / `CHROMIUM` override `/usr/bin/chromedriver` / `/usr/bin/chromium`.

#![cfg(not(target_arch = "wasm32"))]

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CHASHMA: &str = include_str!("../../../data/examples/chashma_2021.json");

fn enabled() -> bool {
    if std::env::var("CATCHALL_E2E").is_ok_and(|v| v == "1") {
        true
    } else {
        println!("skipped: set CATCHALL_E2E=1 (needs dist/ from `trunk build --release`, chromium and chromedriver)");
        false
    }
}

/// The repository root (dist/, test-output/ and ../shared are found from here).
fn root() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    // Chromium's file chooser wants canonical paths (no `..`).
    root.canonicalize().unwrap_or(root)
}

// ---------------------------------------------------------------------------------------
// A static file server for dist/ on 127.0.0.1, which can be switched "offline".

struct Server {
    port: u16,
    /// The path the site is served under: `/`, or a sub-path such as `/catchall/`.
    prefix: String,
    offline: Arc<AtomicBool>,
    /// Every path requested (with its query), in order.
    log: Arc<Mutex<Vec<String>>>,
    /// Answers given instead of a file: the next request for the path (below the prefix)
    /// gets the first body queued for it.
    swaps: Arc<Mutex<Swaps>>,
}

/// Bodies to serve instead of files, in order: `(path below the prefix, body)`.
type Swaps = Vec<(String, Vec<u8>)>;

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn serve(dir: PathBuf, prefix: &str) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
    let port = listener.local_addr().expect("local addr").port();
    let offline = Arc::new(AtomicBool::new(false));
    let log = Arc::new(Mutex::new(Vec::new()));
    let swaps = Arc::new(Mutex::new(Vec::new()));
    let (off, lg, sw, pre) = (offline.clone(), log.clone(), swaps.clone(), prefix.to_string());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (dir, off, lg, sw, pre) = (dir.clone(), off.clone(), lg.clone(), sw.clone(), pre.clone());
            std::thread::spawn(move || {
                let _ = handle(stream, &dir, &pre, &off, &lg, &sw);
            });
        }
    });
    Server { port, prefix: prefix.to_string(), offline, log, swaps }
}

fn handle(
    mut stream: TcpStream,
    dir: &Path,
    prefix: &str,
    offline: &AtomicBool,
    log: &Mutex<Vec<String>>,
    swaps: &Mutex<Swaps>,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let mut parts = line.split_whitespace();
        let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
        // Headers until the blank line.
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h)? == 0 || h == "\r\n" || h == "\n" {
                break;
            }
        }
        if offline.load(Ordering::SeqCst) {
            // Like a dead network: drop the connection without an answer.
            return Ok(());
        }
        let path = target.split(['?', '#']).next().unwrap_or("/");
        if let Ok(mut l) = log.lock() {
            l.push(target.split('#').next().unwrap_or("/").to_string());
        }
        // Outside the prefix there is nothing, as on a host that serves the site under a sub-path
        // next to other things: a URL the app built from `/` fails.
        let Some(rel) = path.strip_prefix(prefix).or_else(|| (path == prefix.trim_end_matches('/')).then_some(""))
        else {
            stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n")?;
            continue;
        };
        let mut file = dir.join(if rel.is_empty() { "index.html" } else { rel });
        if file.is_dir() {
            file = file.join("index.html");
        }
        let safe = !rel.split('/').any(|c| c == "..");
        let swapped = swaps.lock().ok().and_then(|mut s| {
            let at = s.iter().position(|(p, _)| p == rel)?;
            Some(s.remove(at).1)
        });
        let (status, body, ctype) = match swapped.map(Ok).unwrap_or_else(|| std::fs::read(&file)) {
            Ok(b) if safe => ("200 OK", b, mime(&file)),
            _ => ("404 Not Found", b"not found".to_vec(), "text/plain"),
        };
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes())?;
        if method != "HEAD" {
            stream.write_all(&body)?;
        }
        stream.flush()?;
    }
}

/// Chromium sends every non-loopback request here (`--proxy-server`); it records the
/// target and refuses. Any entry is a request that tried to leave 127.0.0.1.
fn escape_trap() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
    let port = listener.local_addr().expect("local addr").port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let s = seen.clone();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut buf = [0u8; 2048];
            let n = stream.read(&mut buf).unwrap_or(0);
            let first = String::from_utf8_lossy(&buf[..n]).lines().next().unwrap_or("").to_string();
            // Chromium preconnects to the proxy speculatively; a connection that never
            // sends a request carries nothing and is not counted.
            if !first.is_empty() {
                if let Ok(mut v) = s.lock() {
                    v.push(first);
                }
            }
            let _ = stream.write_all(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        }
    });
    (port, seen)
}

/// Chromium's own background traffic (clock, component updater, account and autofill
/// services, the default search engine's preconnect), which the flags do not fully silence.
/// It comes from the browser process, not the page: matched by exact host so that anything
/// the app might load (a CDN, a font host, an analytics endpoint) still fails the test.
fn chromium_own_traffic(request_line: &str) -> bool {
    const HOSTS: [&str; 7] = [
        "clients2.google.com",
        "update.googleapis.com",
        "accounts.google.com",
        "content-autofill.googleapis.com",
        "optimizationguide-pa.googleapis.com",
        "safebrowsingohttpgateway.googleapis.com",
        "start.duckduckgo.com",
    ];
    let target = request_line.split_whitespace().nth(1).unwrap_or("");
    let host = target.trim_start_matches("http://").trim_start_matches("https://");
    let host = host.split(['/', ':']).next().unwrap_or("");
    // Chromium's component downloads (`redirector.gvt1.com`, `*.gvt1.com`), newer Chromium builds.
    HOSTS.contains(&host) || host.ends_with(".gvt1.com")
}

// ---------------------------------------------------------------------------------------
// Browser session.

struct Browser {
    client: Client,
    driver: Child,
    server: Server,
    escapes: Arc<Mutex<Vec<String>>>,
    _profile: TempDir,
}

/// A test that fails mid-way never reaches `finish`: stop its chromedriver (and so its
/// Chromium) anyway, so failed runs leave no processes behind.
impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

struct TempDir(PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

async fn browser(name: &str) -> Browser {
    browser_at(name, "/").await
}

/// A browser on `dist/` served under `prefix` (`/` or a sub-path ending in `/`).
async fn browser_at(name: &str, prefix: &str) -> Browser {
    let dist = root().join("dist");
    assert!(dist.join("index.html").is_file(), "dist/index.html is missing: run `trunk build --release` first");
    browser_serving(name, dist, prefix).await
}

/// A browser on the site in `dir` (a built `dist/` or a copy) served under `prefix`.
async fn browser_serving(name: &str, dir: PathBuf, prefix: &str) -> Browser {
    let server = serve(dir, prefix);
    let (trap, escapes) = escape_trap();
    let driver_bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let port = free_port();
    let driver = Command::new(&driver_bin)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {driver_bin}: {e}"));
    let profile = std::env::temp_dir().join(format!("catchall-e2e-{name}-{}-{port}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    std::fs::create_dir_all(&profile).expect("profile dir");
    let caps = json!({
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--no-pings",
                "--disable-default-apps", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
                "--disable-features=AutofillServerCommunication,OptimizationHints,Translate,MediaRouter",
                format!("--user-data-dir={}", profile.display()),
                format!("--proxy-server=http://127.0.0.1:{trap}"),
                // Loopback goes direct (Chromium's default too); everything else hits the trap.
                "--proxy-bypass-list=127.0.0.1;localhost",
            ]
        }
    });
    let caps = match caps {
        Value::Object(m) => m,
        _ => unreachable!(),
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    let client = loop {
        let mut b = ClientBuilder::rustls().expect("rustls client");
        b.capabilities(caps.clone());
        match b.connect(&format!("http://127.0.0.1:{port}")).await {
            Ok(c) => break c,
            Err(e) if Instant::now() > deadline => panic!("chromedriver did not start: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    };
    Browser { client, driver, server, escapes, _profile: TempDir(profile) }
}

impl Browser {
    fn url(&self) -> String {
        format!("http://127.0.0.1:{}{}", self.server.port, self.server.prefix)
    }

    async fn open(&self) {
        self.open_with("").await;
    }

    /// Opens the app with `query` (`?…`, or empty) in its URL.
    async fn open_with(&self, query: &str) {
        self.client.goto(&format!("{}{query}", self.url())).await.expect("open the app");
        self.client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Id("load-example"))
            .await
            .expect("the app rendered");
        self.lists_loaded().await;
    }

    /// The screen button is enabled once the lists are loaded.
    async fn lists_loaded(&self) {
        self.client
            .wait()
            .at_most(Duration::from_secs(60))
            .for_element(Locator::Css("#screen-button:not([disabled])"))
            .await
            .expect("the lists loaded");
        let status = self.el("#data-status").await.text().await.unwrap_or_default();
        assert!(status.contains("restricted-party lists (") && !status.contains("NOT"), "lists loaded: {status}");
    }

    async fn click(&self, css: &str) {
        self.el(css).await.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    async fn el(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// Replaces a field's text as a user does. WebDriver's clear() empties the field without
    /// an `input` event (a user's deletion fires one), so the app would still hold the old
    /// text until the first key, and a render in between (a list rebuilt, Annex I ready) would
    /// put it back in front of the typed text: the `input` event is sent as a user's would be.
    async fn type_into(&self, css: &str, text: &str) {
        let e = self.el(css).await;
        e.clear().await.unwrap_or_else(|err| panic!("clear {css}: {err}"));
        let selector = serde_json::to_string(css).unwrap_or_default();
        self.js(&format!(
            "document.querySelector({selector}).dispatchEvent(new Event('input', {{ bubbles: true }})); return true"
        ))
        .await;
        e.send_keys(text).await.unwrap_or_else(|err| panic!("type into {css}: {err}"));
    }

    async fn select(&self, css: &str, value: &str) {
        self.el(css).await.select_by_value(value).await.unwrap_or_else(|e| panic!("select {value} in {css}: {e}"));
    }

    /// The user loads the Chashma example and screens it: the verdict shown.
    async fn screen_chashma(&self) -> String {
        self.click("#load-example").await;
        self.click("#screen-button").await;
        self.verdict().await
    }

    /// The user reloads the page; it comes back with its lists loaded.
    async fn reload(&self) {
        self.reload_as("reload").await;
    }

    /// [`Browser::reload`], `why` naming the reload if it fails.
    async fn reload_as(&self, why: &str) {
        self.client.refresh().await.expect(why);
        self.lists_loaded().await;
    }

    /// The user chooses the file `path` in the file input `css`.
    async fn choose_file(&self, css: &str, path: &Path) {
        self.el(css)
            .await
            .send_keys(&path.display().to_string())
            .await
            .unwrap_or_else(|e| panic!("choose {path:?} in {css}: {e}"));
    }

    /// How many screenings the saved history holds (`localStorage`), as JSON.
    async fn saved_screenings(&self) -> Value {
        self.js("return JSON.parse(localStorage.getItem('catchall.v1') || '{}').screenings?.length ?? 0;").await
    }

    /// The network goes away: the server drops every connection from now on.
    fn go_offline(&self) {
        self.server.offline.store(true, Ordering::SeqCst);
    }

    async fn js(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    async fn verdict(&self) -> String {
        let h = self.el("#verdict").await;
        h.attr("data-verdict").await.ok().flatten().unwrap_or_default()
    }

    async fn shot(&self, name: &str) {
        let dir = root().join("test-output");
        let _ = std::fs::create_dir_all(&dir);
        match self.client.screenshot().await {
            Ok(png) => {
                let _ = std::fs::write(dir.join(format!("{name}.png")), png);
            }
            Err(e) => eprintln!("screenshot {name}: {e}"),
        }
    }

    /// Every resource the page loaded came from the local server, and nothing tried to
    /// reach another host (the trap saw nothing).
    async fn assert_stayed_local(&self) {
        let urls = self
            .js("return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).map(e => e.name)")
            .await;
        let prefix = self.url();
        for u in urls.as_array().cloned().unwrap_or_default() {
            let u = u.as_str().unwrap_or("").to_string();
            assert!(
                u.starts_with(&prefix) || u.starts_with("blob:") || u.starts_with("data:"),
                "request left 127.0.0.1: {u}"
            );
        }
        let escaped = self.escapes.lock().map(|v| v.clone()).unwrap_or_default();
        let from_app: Vec<&String> = escaped.iter().filter(|line| !chromium_own_traffic(line)).collect();
        assert!(from_app.is_empty(), "requests tried to leave 127.0.0.1: {from_app:?}");
    }

    async fn finish(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Waits for the page to report the app started and the service worker controls it.
async fn wait_for_service_worker(b: &Browser) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let ok = b.js("return !!(navigator.serviceWorker && navigator.serviceWorker.controller)").await;
        if ok == json!(true) {
            return;
        }
        assert!(Instant::now() < deadline, "the service worker never took control");
        // A first visit is only controlled after the worker activates and claims it.
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// The engine's own answer for a shipment, computed natively with the same data the web
/// app loads (`web_api::load_data_from`): the bundled lists of static/lists/ indexed by
/// `names::Index`, and the bundled Annex I.
fn engine_report(json: &str) -> catchall::Report {
    let s = catchall::parse_shipment(json).expect("valid shipment");
    let lists = catchall::lists::bundled().expect("bundled lists decode");
    let index = catchall::names::Index::build(lists);
    let ctx = catchall::screening::Context { parties: &index, controls: catchall::classify::bundled() };
    catchall::rules::screen(&s, &ctx)
}

/// A file of this test run in the temp directory: `catchall-<stem>-<pid>.<ext>`.
fn temp_path(stem: &str, ext: &str) -> PathBuf {
    std::env::temp_dir().join(format!("catchall-{stem}-{}.{ext}", std::process::id()))
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime")
}

// ---------------------------------------------------------------------------------------
// The tests.

/// "Load example: Chashma 2021" → the engine answers in the page: the verdict badge and
/// every finding the engine reports, each with its citations. Also measures the time from
/// navigation start to the first verdict on screen.
#[test]
fn chashma_example_shows_the_engines_verdict_with_citations() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let b = browser("chashma").await;
        b.open().await;
        b.shot("01-form-empty").await;
        b.click("#load-example").await;
        let name = b.el("#f-parties-end_user-name").await.prop("value").await.ok().flatten().unwrap_or_default();
        assert_eq!(name, "Chashma Nuclear Power Generating Station", "the example filled the form");
        // The inputs the form once lacked are on the page (the native form_props tests check
        // that every model field has one; this checks they are rendered).
        for id in [
            "f-parties-end_user-aliases",
            "f-exporter-us_owned_or_controlled",
            "f-due_diligence-no_russia_clause",
            "f-due_diligence-aware_illegal_military_parts",
            "f-due_diligence-known_reexport_countries",
            "f-screening_date",
            "f-rules_as_of",
            "f-list_snapshots",
            "f-items-0_-us_controlled_content_pct",
            "add-denial",
        ] {
            b.el(&format!("#{id}")).await;
        }
        b.shot("02-form-chashma").await;
        b.click("#screen-button").await;
        let got = b.verdict().await;

        let want = engine_report(CHASHMA);
        assert_eq!(got, want.verdict().as_str(), "the page shows the engine's verdict");
        let next = b.el(".verdict .next-step").await.text().await.unwrap_or_default();
        assert_eq!(next, want.verdict().next_step());
        for f in &want.findings {
            let card = b.el(&format!("article.finding[data-rule='{}']", f.rule)).await;
            let text = card.text().await.unwrap_or_default();
            for c in &f.citations {
                assert!(text.contains(c.as_str()), "finding {} shows citation {c}", f.rule);
            }
        }
        let cards = b.client.find_all(Locator::Css("article.finding")).await.map(|v| v.len()).unwrap_or(0);
        assert_eq!(cards, want.findings.len(), "one card per finding");
        b.shot("03-report-chashma").await;
        b.assert_stayed_local().await;
        b.finish().await;
    });
}

/// Time to first verdict, measured inside the page (no webdriver round trips): from
/// navigation start to the app being ready (`catchall-ready` mark, set by static/boot.js
/// after the wasm started), plus clicking "Load example" and "Screen" until the verdict
/// badge is in the DOM. Target: ≤ 1.5 s on localhost.
///
/// A measurement, not a pass/fail test (timings depend on the machine):
/// `CATCHALL_E2E=1 cargo test -p catchall-e2e --test e2e measure_first_verdict -- --ignored --nocapture`
#[test]
#[ignore = "measurement: run with --ignored --nocapture"]
fn measure_first_verdict() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let b = browser("timing").await;
        b.client.goto(&b.url()).await.expect("open the app");
        let t = b
            .client
            .execute_async(
                r#"
const done = arguments[arguments.length - 1];
const btn = () => document.getElementById('screen-button');
const name = () => document.getElementById('f-parties-end_user-name');
const waitLists = () => {
  if (!btn() || btn().disabled) return requestAnimationFrame(waitLists);
  const lists = performance.now();
  document.getElementById('load-example').click();
  const fill = () => {
    if (!name() || !name().value) return requestAnimationFrame(fill);
    btn().click();
    const poll = () => document.getElementById('verdict')
      ? done({ ready: performance.getEntriesByName('catchall-ready')[0].startTime, lists, verdict: performance.now(),
               page_memory: window.catchallPageMemory ? window.catchallPageMemory() : null,
               steps: performance.getEntriesByType('measure').filter(m => m.name.startsWith('catchall-worker:'))
                 .map(m => [m.name.slice(16), m.startTime, m.duration]) })
      : requestAnimationFrame(poll);
    poll();
  };
  fill();
};
waitLists();
"#,
                vec![],
            )
            .await
            .expect("timing script");
        let f = |k: &str| t[k].as_f64().unwrap_or(f64::NAN);
        println!(
            "first verdict {:.0} ms after navigation start (wasm ready {:.0} ms, lists loaded and indexed {:.0} ms); page wasm memory {:.2} MB",
            f("verdict"),
            f("ready"),
            f("lists"),
            f("page_memory") / 1048576.0
        );
        // The worker's steps (runtime::Timing): from navigation start, and how long each took.
        for step in t["steps"].as_array().into_iter().flatten() {
            let g = |i: usize| step[i].as_f64().unwrap_or(f64::NAN);
            println!("  {:<32} at {:>6.0} ms, {:>6.0} ms", step[0].as_str().unwrap_or("?"), g(1), g(2));
        }
        b.finish().await;
    });
}

/// Corrupt or foreign saved data is set aside with a notice; the good screenings load,
/// and importing a file with a bad entry adds the good ones.
#[test]
fn corrupt_saved_data_is_set_aside_and_the_rest_loads() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let b = browser("corrupt").await;
        b.open().await;
        b.screen_chashma().await;
        let saved = b.js("return localStorage.getItem('catchall.v1')").await;
        let mut store: Value = serde_json::from_str(saved.as_str().unwrap_or("{}")).expect("saved JSON");
        let good = store["screenings"][0].clone();
        let mut other = good.clone();
        other["id"] = json!("imported-1");
        other["at"] = json!("2026-01-02T03:04:05Z");
        store["screenings"] = json!([good, "garbage", {"v": 99, "id": "from-the-future"}]);
        b.client
            .execute("localStorage.setItem('catchall.v1', arguments[0])", vec![json!(store.to_string())])
            .await
            .expect("write storage");
        b.reload().await;
        let notice = b.el(".notice").await.text().await.unwrap_or_default();
        assert!(notice.contains("2 saved entries could not be read"), "{notice}");
        b.click("nav .tab:nth-child(3)").await;
        let rows = b.client.find_all(Locator::Css("table.history tbody tr")).await.map(|v| v.len()).unwrap_or(0);
        assert_eq!(rows, 1, "the good screening survived");
        let kept = b.js("return localStorage.getItem('catchall.v1.unreadable')").await;
        assert!(kept.as_str().is_some_and(|k| k.contains("from-the-future")), "unreadable entries are kept: {kept}");

        // Import: one good new screening and one broken entry.
        let file = temp_path("import", "json");
        std::fs::write(&file, json!({"v": 1, "screenings": [other, {"broken": true}]}).to_string())
            .expect("write import file");
        b.choose_file("#import-history", &file).await;
        b.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css("table.history tbody tr:nth-child(2)"))
            .await
            .expect("the imported screening is listed");
        let notice = b.el(".notice").await.text().await.unwrap_or_default();
        assert!(notice.contains("Imported 1 of 1"), "{notice}");
        b.shot("10-history-recovered-and-imported").await;
        let _ = std::fs::remove_file(&file);

        // Set-aside entries accumulate across sessions: after a reload (which sets nothing
        // new aside) all three are still listed and stored.
        b.reload().await;
        b.click("nav .tab:nth-child(3)").await;
        let head = b.text("#set-aside-h").await;
        assert_eq!(head, "3 saved entries could not be read", "nothing set aside was dropped");
        let kept = b.js("return JSON.parse(localStorage.getItem('catchall.v1.unreadable')).length").await;
        assert_eq!(kept, json!(3));
        let persist = b.text("#persist-status").await;
        assert!(persist.starts_with("Storage: "), "the persistence answer is shown: {persist}");
        b.shot("11-history-set-aside-and-persistence").await;
        // Deleting them takes an explicit confirmation.
        b.click("#delete-set-aside").await;
        b.click("#confirm-delete-set-aside").await;
        b.until("the set-aside records are deleted", 5, "localStorage.getItem('catchall.v1.unreadable') === null")
            .await;
        assert_eq!(b.rows("#set-aside").await, 0);
        assert_eq!(b.rows("table.history tbody tr").await, 2, "the readable screenings stay");
        b.assert_stayed_local().await;
        b.finish().await;
    });
}

/// The embed example page uses the exported JS API under the same CSP: a valid shipment
/// gets a report, a bad one a `{field, message}` error.
/// The same `dist/` served under `/catchall/` (a static host that puts the app in a sub-path,
/// with nothing at `/`): it loads, screens the Chashma example to the engine's verdict, its
/// service worker takes control with the sub-path as scope, and every request it made was
/// under `/catchall/`.
#[test]
fn the_app_works_under_a_sub_path() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let b = browser_at("subpath", "/catchall/").await;
        b.open().await;
        assert_eq!(b.screen_chashma().await, engine_report(CHASHMA).verdict().as_str());
        b.shot("subpath-catchall-report").await;
        wait_for_service_worker(&b).await;
        let scope = b.js("return navigator.serviceWorker.getRegistration().then(r => r ? r.scope : '')").await;
        assert_eq!(scope, json!(format!("{}", b.url())), "the service worker is scoped to the sub-path");
        let log = b.server.log.lock().map(|l| l.clone()).unwrap_or_default();
        assert!(log.iter().any(|p| p.ends_with("catchall-web_bg.wasm")), "{log:?}");
        let outside: Vec<&String> = log.iter().filter(|p| !p.starts_with("/catchall/")).collect();
        assert!(outside.is_empty(), "requests outside /catchall/: {outside:?}");
        b.assert_stayed_local().await;
        b.finish().await;
    });
}

#[test]
fn embed_example_page_calls_the_js_api() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let b = browser("embed").await;
        b.client.goto(&format!("{}static/embed.html", b.url())).await.expect("open embed page");
        b.client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Css("#run:not([disabled])"))
            .await
            .expect("the engine loaded");
        b.click("#run").await;
        // screen() is a Promise now: the answer shows once the worker has screened.
        b.until("the report", 60, "document.getElementById('out').textContent").await;
        let out = b.el("#out").await.text().await.unwrap_or_default();
        let report: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("report JSON: {e}\n{out}"));
        assert!(["CLEAR", "REVIEW", "LICENCE_REQUIRED", "STOP"].contains(&report["verdict"].as_str().unwrap_or("")), "{out}");
        b.client
            .execute(
                "const t = document.getElementById('shipment'); const v = JSON.parse(t.value); v.parties.end_user.country = 'ZZ'; t.value = JSON.stringify(v);",
                vec![],
            )
            .await
            .expect("edit");
        b.click("#run").await;
        b.until("the error", 30, "document.getElementById('out').textContent").await;
        let out = b.el("#out").await.text().await.unwrap_or_default();
        assert!(out.contains("parties.end_user.country"), "the error names the field: {out}");
        b.shot("11-embed-example").await;
        b.assert_stayed_local().await;
        b.finish().await;
    });
}

/// The guard itself: a request to another host does reach the trap (so the "stayed local"
/// assertions above can fail), and is not mistaken for Chromium's own traffic.
#[test]
fn escape_trap_sees_requests_to_other_hosts() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let b = browser("trap").await;
        let _ = b.client.goto("http://fonts.googleapis.com/css?family=Roboto").await;
        let seen = b.escapes.lock().map(|v| v.clone()).unwrap_or_default();
        assert!(
            seen.iter().any(|l| l.contains("fonts.googleapis.com") && !chromium_own_traffic(l)),
            "the trap saw the request: {seen:?}"
        );
        b.finish().await;
    });
}

/// The issue-6 acceptance case: Chashma is STOP with the Entity List and End User List
/// hits and the catch-all finding visible with citations.
#[test]
fn chashma_is_stop_with_list_hits_and_catch_all() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let b = browser("chashma-stop").await;
        b.open().await;
        assert_eq!(b.screen_chashma().await, "STOP");
        // The report opens on the reasons for the verdict: the first findings section is
        // "Why STOP" and holds exactly the engine's STOP findings.
        let first = b.js("return document.querySelector('.report-page section.group')?.id ?? null;").await;
        assert_eq!(first, Value::String("why".into()), "the first section of the report is the Why block");
        assert_eq!(b.text("#why-h").await, "Why STOP");
        let want = engine_report(CHASHMA);
        let mut want_rules: Vec<String> =
            want.findings.iter().filter(|f| f.verdict == catchall::Verdict::Stop).map(|f| f.rule.clone()).collect();
        let got = b.js("return [...document.querySelectorAll('#why article.finding')].map(a => a.dataset.rule);").await;
        let mut got_rules: Vec<String> = serde_json::from_value(got).unwrap_or_default();
        want_rules.sort();
        got_rules.sort();
        assert!(!want_rules.is_empty(), "the engine's Chashma report has STOP findings");
        assert_eq!(got_rules, want_rules, "the Why block lists the findings that set the verdict, and only them");
        let first_card =
            b.js("return document.querySelector('.report-page article.finding .pill')?.dataset.verdict;").await;
        assert_eq!(first_card, Value::String("STOP".into()), "the first card on the page is a STOP finding");
        let all = b.el(".report-page").await.text().await.unwrap_or_default();
        assert!(all.contains("Hassan Scientific"), "Entity List hit on the purchaser: {all}");
        assert!(all.contains("CATCHALL"), "the catch-all finding is shown");
        assert!(b.client.find_all(Locator::Css(".citations li")).await.map(|v| v.len()).unwrap_or(0) >= 3);
        b.shot("03b-report-chashma-stop").await;
        b.assert_stayed_local().await;
        b.finish().await;
    });
}

/// An uncaught error (a wasm panic aborts the module and surfaces as one) shows a message
/// with a reload button; reloading brings the app back with its saved history.
#[test]
fn a_crash_shows_a_message_with_a_reload_button() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let b = browser("crash").await;
        b.open().await;
        assert_eq!(b.screen_chashma().await, "STOP");
        b.js("setTimeout(() => { throw new Error('simulated crash'); }); return null;").await;
        let msg = b.text("#fatal-error").await;
        // A script the test injects is cross-origin to the page, so the browser hides its
        // message ("Script error"); the page's own errors carry theirs.
        assert!(msg.contains("the app stopped working") && msg.contains("Reload"), "{msg}");
        b.shot("09-crash-reload").await;
        b.click("#fatal-reload").await;
        b.el("#load-example").await;
        b.lists_loaded().await;
        assert_eq!(b.rows("#fatal-error").await, 0, "the reloaded page has no error");
        assert_eq!(b.saved_screenings().await, json!(1), "the screening saved before the crash is still there");
        b.finish().await;
    });
}

/// A real panic, in the page and in the screening worker (made on purpose with the app's test
/// flag `?crash-test=page|worker`, honoured only under WebDriver: `browser::crash_test`):
/// each shows the panic's message with a reload button, and the reload brings the app back
/// with what was saved. Without WebDriver the flag does nothing.
#[test]
fn a_panic_in_the_page_or_the_worker_shows_a_reload_button() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let b = browser("panic").await;
        b.open().await;
        assert_eq!(b.screen_chashma().await, "STOP");
        let saved = "return JSON.parse(localStorage.getItem('catchall.v1') || '{}').screenings?.length ?? 0;";
        assert_eq!(b.js(saved).await, json!(1));

        for (flag, what) in [
            ("page", "crash test: the page panicked on purpose"),
            ("worker", "the screening worker crashed: panicked at"),
        ] {
            b.open_with(&format!("?crash-test={flag}")).await;
            b.click("#load-example").await;
            b.click("#screen-button").await;
            let msg = b.text("#fatal-error").await;
            assert!(msg.contains("the app stopped working") && msg.contains("Reload"), "{flag}: {msg}");
            assert!(msg.contains(what) && msg.contains("panicked at"), "{flag}: the panic's own message: {msg}");
            assert!(msg.contains("saved screenings and imported lists are kept"), "{msg}");
            let focused = b.js("return document.activeElement && document.activeElement.id").await;
            assert_eq!(focused, json!("fatal-reload"), "the reload button has the focus");
            b.shot(&format!("09b-panic-in-the-{flag}")).await;
            b.click("#fatal-reload").await;
            b.el("#load-example").await;
            b.lists_loaded().await;
            assert_eq!(b.rows("#fatal-error").await, 0, "{flag}: the reloaded page has no error");
            assert_eq!(b.js(saved).await, json!(1), "{flag}: the saved screening is still there");
        }

        // A browser not driven by WebDriver ignores the flag: the page screens as usual.
        b.open_with("?crash-test=page").await;
        b.js("Object.defineProperty(navigator, 'webdriver', { get: () => false }); return true").await;
        assert_eq!(b.screen_chashma().await, "STOP");
        assert_eq!(b.rows("#fatal-error").await, 0);
        b.assert_stayed_local().await;
        b.finish().await;
    });
}

/// The worker's wasm of `dist/` with its build version (`protocol::BUILD`) changed: the same
/// worker, as if from another deployment.
fn worker_of_another_build() -> (String, Vec<u8>) {
    let dist = root().join("dist");
    let name = std::fs::read_dir(&dist)
        .expect("read dist")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .find(|n| n.starts_with("catchall-worker") && n.ends_with("_bg.wasm"))
        .expect("the worker's wasm in dist/");
    let mut wasm = std::fs::read(dist.join(&name)).expect("read the worker's wasm");
    // The page's build, `<version>+<16 hex digits>` (the worker's wasm holds other such strings).
    let page = std::fs::read(dist.join("catchall-web_bg.wasm")).expect("read the page's wasm");
    let tag = format!("{}+", env!("CARGO_PKG_VERSION"));
    let len = tag.len() + 16;
    let build = page
        .windows(len)
        .find(|w| w.starts_with(tag.as_bytes()) && w[tag.len()..].iter().all(u8::is_ascii_hexdigit))
        .expect("the build version in the page's wasm")
        .to_vec();
    let mut other = build.clone();
    for b in &mut other[tag.len()..] {
        *b = if *b == b'0' { b'1' } else { b'0' };
    }
    let mut patched = 0;
    let mut at = 0;
    while let Some(i) = wasm[at..].windows(len).position(|w| w == build.as_slice()) {
        wasm[at + i..at + i + len].copy_from_slice(&other);
        at += i + len;
        patched += 1;
    }
    assert!(patched > 0, "the page's build version is in the worker's wasm");
    (name, wasm)
}

/// The page and its screening worker carry their build version in every message. A worker
/// script of another build (here: the first one the server hands out, as a stale HTTP cache
/// would) is stopped and started again from a URL past the cache; the matching worker then
/// loads the lists and computes the verdict. Nothing is shown to the user: nothing went wrong
/// for them.
#[test]
fn a_worker_of_another_build_is_restarted_from_the_matching_one() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let (name, other) = worker_of_another_build();
        let b = browser("other-build").await;
        b.server.swaps.lock().expect("swaps").push((name.clone(), other));
        b.open().await;
        let log = b.server.log.lock().map(|l| l.clone()).unwrap_or_default();
        assert!(b.server.swaps.lock().expect("swaps").is_empty(), "the other build's worker was served: {log:?}");
        let wasm_loads = log.iter().filter(|p| p.ends_with(&format!("/{name}"))).count();
        assert!(wasm_loads >= 2, "the worker's wasm was loaded again: {log:?}");
        let restarted = log.iter().filter(|p| p.contains("catchall-worker_loader.js?build=")).count();
        assert_eq!(restarted, 1, "one restart, from a URL past the HTTP cache: {log:?}");
        assert_eq!(b.screen_chashma().await, engine_report(CHASHMA).verdict().as_str(), "the matching worker screened");
        assert_eq!(b.rows("#fatal-error").await, 0);
        let notices = b
            .js("return [...document.querySelectorAll('.notice, .notice-area')].map(n => n.textContent).join(' ')")
            .await;
        assert!(!notices.as_str().unwrap_or("").contains("build"), "no message about builds: {notices}");
        b.assert_stayed_local().await;
        b.finish().await;
    });
}

/// When the restarted worker is of another build too, the page is the old one: the user is
/// told to reload, and nothing is screened with a worker of another build.
#[test]
fn a_worker_of_another_build_twice_tells_the_user_to_reload() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let (name, other) = worker_of_another_build();
        let b = browser("stale-page").await;
        b.server.swaps.lock().expect("swaps").extend([(name.clone(), other.clone()), (name, other)]);
        b.client.goto(&b.url()).await.expect("open the app");
        b.until(
            "the notice",
            60,
            "(document.querySelector('.notice-area')||{textContent:''}).textContent.includes('reload')",
        )
        .await;
        let notice = b.text(".notice-area").await;
        assert!(
            notice.contains("a new version of Catchall is ready on the server") && notice.contains("reload the page"),
            "{notice}"
        );
        let status = b.text("#data-status").await;
        assert!(!status.contains("restricted-party lists ("), "no lists were loaded from the other build: {status}");
        b.shot("13b-worker-of-another-build").await;
        b.finish().await;
    });
}

/// A civilian case typed by hand is CLEAR; a bad value is reported next to its field first.
#[test]
fn hand_typed_civilian_case_is_clear_after_fixing_an_inline_error() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let b = browser("civilian").await;
        b.open().await;
        b.select("#f-jurisdiction", "EU:DE").await;
        b.type_into("#f-exporter-name", "Schreiner Büromöbel GmbH").await;
        b.type_into("#f-exporter-country", "DE").await;
        b.type_into("#f-parties-consignee-name", "Bureau Interieur SARL").await;
        b.type_into("#f-parties-consignee-country", "FR — France").await;
        b.type_into("#f-parties-end_user-name", "Bureau Interieur SARL").await;
        b.type_into("#f-parties-end_user-country", "France").await;
        b.select("#f-parties-end_user-type", "other").await;
        b.type_into("#f-items-0_-description", "Office swivel chairs").await;
        b.select("#f-items-0_-classification", "not_listed").await;
        b.type_into("#f-items-0_-qty", "forty").await;
        b.type_into("#f-stated_end_use", "Furnishing a new office").await;
        b.select("#f-end_use_category", "civil_industrial").await;
        b.select("#f-due_diligence-end_user_statement", "yes").await;
        b.click("#screen-button").await;

        // Inline validation: the message sits under the quantity field, which is marked.
        let err = b.el("#f-items-0_-qty-err").await.text().await.unwrap_or_default();
        assert!(!err.is_empty(), "an error message next to the quantity");
        let invalid = b.el("#f-items-0_-qty").await.attr("aria-invalid").await.ok().flatten();
        assert_eq!(invalid.as_deref(), Some("true"));
        let focused = b.js("return document.activeElement && document.activeElement.id").await;
        assert_eq!(focused, json!("f-items-0_-qty"), "focus moves to the field in error");
        b.shot("04-form-inline-error").await;

        b.type_into("#f-items-0_-qty", "40").await;
        b.click("#screen-button").await;
        assert_eq!(b.verdict().await, "CLEAR");
        b.shot("05-report-clear").await;
        b.assert_stayed_local().await;
        b.finish().await;
    });
}

/// Saved screenings survive a reload; with the server gone, the service worker serves the
/// app and it still screens.
#[test]
fn history_survives_reload_and_the_app_works_offline() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let b = browser("offline").await;
        b.open().await;
        wait_for_service_worker(&b).await;
        let first = b.screen_chashma().await;

        b.client.refresh().await.expect("reload");
        b.click("nav .tab:nth-child(3)").await;
        let rows =
            b.client.wait().at_most(Duration::from_secs(15)).for_element(Locator::Css("table.history tbody tr")).await;
        assert!(rows.is_ok(), "the screening is in the history after a reload");
        b.shot("06-history").await;
        b.click("table.history tbody tr:first-child button").await;
        assert_eq!(b.verdict().await, first, "reopening shows the saved report");
        let focused = b.js("return document.activeElement && document.activeElement.id").await;
        assert_eq!(focused, json!("verdict"), "focus lands on the verdict");

        // Network off: the local server drops every connection from now on.
        b.go_offline();
        let served_before = b.server.log.lock().map(|l| l.len()).unwrap_or(0);
        b.reload_as("reload offline").await;
        assert_eq!(b.screen_chashma().await, first, "the engine answers offline");
        b.shot("07-report-offline").await;
        // The batch workers start offline too: their script, wasm and lists come from the cache.
        let csv = temp_path("offline", "csv");
        std::fs::write(&csv, "name,country\nHassan Scientific Corporation,PK\nAcme Tools GmbH,DE\n")
            .expect("write CSV");
        b.click("#tab-batch").await;
        b.choose_file("#batch-file", &csv).await;
        b.until(
            "the offline batch",
            60,
            "document.querySelector('#batch-finished') || document.querySelector('#batch-error')",
        )
        .await;
        assert_eq!(b.attr("#batch-finished", "data-done").await, "2", "the batch ran offline");
        assert_eq!(
            b.attr("#batch-results tbody tr:first-child", "data-outcome").await,
            "MATCH",
            "screened against the cached lists"
        );
        let _ = std::fs::remove_file(&csv);
        b.click("#tab-report").await;
        let served_after = b.server.log.lock().map(|l| l.len()).unwrap_or(0);
        assert_eq!(served_before, served_after, "nothing was served while offline");

        // Phone width: the report still fits.
        b.client.set_window_size(390, 844).await.expect("resize");
        let overflow = b.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth").await;
        assert!(overflow.as_i64().unwrap_or(0) <= 1, "no horizontal scrolling at phone width ({overflow})");
        b.shot("08-report-phone").await;
        b.assert_stayed_local().await;
        b.finish().await;
    });
}

/// Marking a party hit as a false positive: the next screening of the same party shows it
/// as decided, with the note.
#[test]
fn false_positive_is_honoured_by_the_next_screening() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let b = browser("false-positive").await;
        b.open().await;
        b.screen_chashma().await;
        b.click("#group-parties .fp-open").await;
        b.type_into("#group-parties .fp-form textarea", "Checked the company register: different company").await;
        b.click("#group-parties .fp-confirm").await;
        b.el("#group-decided").await;
        b.shot("09-report-false-positive").await;
        b.click("nav .tab:nth-child(1)").await;
        b.click("#screen-button").await;
        let decided = b.el("#group-decided").await.text().await.unwrap_or_default();
        assert!(decided.contains("different company"), "the decision and its note show: {decided}");
        b.assert_stayed_local().await;
        b.finish().await;
    });
}

/// The as-you-type control-list picker: the item's description, then a typed code,
/// bring up ranked Annex I entries from the classifier running in the page.
#[test]
fn control_list_picker_suggests_entries_as_you_type() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let b = browser("picker").await;
        b.open().await;
        b.type_into("#f-items-0_-description", "frequency inverter 800 Hz").await;
        b.select("#f-items-0_-classification", "listed").await;
        let options = "return Array.from(document.querySelectorAll('#codes-0 option')).map(o => o.value)";
        // The page loads Annex I after the lists (views/app.rs): the picker fills when it is in.
        let deadline = Instant::now() + Duration::from_secs(20);
        while b.js(options).await.as_array().is_none_or(|a| a.is_empty()) && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let from_words = b.js(options).await;
        let codes: Vec<&str> =
            from_words.as_array().map(|a| a.iter().filter_map(|v| v.as_str()).collect()).unwrap_or_default();
        assert!(codes.iter().take(3).any(|c| c.starts_with("3A225")), "3A225 among the first suggestions: {codes:?}");
        b.type_into("#f-items-0_-classification-code", "1C010").await;
        let from_code = b.js(options).await;
        let codes: Vec<&str> =
            from_code.as_array().map(|a| a.iter().filter_map(|v| v.as_str()).collect()).unwrap_or_default();
        assert!(codes.iter().any(|c| c.starts_with("1C010")), "typing a code suggests it: {codes:?}");
        b.shot("12-form-control-list-picker").await;
        b.assert_stayed_local().await;
        b.finish().await;
    });
}

/// Measurement, not a test (run by `scripts/bench`): the engine compiled to wasm, timed in
/// headless Chromium through the JS API by `static/bench.html` (load + index the bundled data,
/// screen a shipment, match a name, look up a code; medians) and the wasm memory size.
/// `CATCHALL_E2E=1 cargo test -p catchall-e2e --test e2e measure_wasm_engine -- --ignored --nocapture`
#[test]
#[ignore = "measurement: run with --ignored --nocapture"]
fn measure_wasm_engine() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let b = browser("wasm-bench").await;
        b.client.goto(&format!("{}static/bench.html", b.url())).await.expect("open the bench page");
        let r = b
            .client
            .execute_async(
                r#"
const done = arguments[arguments.length - 1];
const poll = () => window.catchallBench ? done(window.catchallBench) : setTimeout(poll, 100);
poll();
"#,
                vec![],
            )
            .await
            .expect("bench results");
        assert_eq!(r["verdict_chashma"], "STOP", "the bench screened the real example: {r}");
        println!("wasm engine in headless Chromium: {}", serde_json::to_string(&r).unwrap_or_default());
        b.finish().await;
    });
}

// ---------------------------------------------------------------------------------------
// Lists and batch screens, storage faults.

/// A party CSV of `rows` rows: one in five is a name from a bundled list, with the entry's own
/// country when it has one (so it hits as a match), the rest synthetic company names under a
/// rotating country (like scripts/bench-batch). Returns the file's path.
fn party_csv(rows: usize, tag: &str) -> PathBuf {
    let lists = catchall::lists::bundled().expect("bundled lists decode");
    let listed: Vec<(String, String)> = lists
        .iter()
        .flat_map(|l| l.entries.iter().map(|e| (e.name.clone(), e.countries.first().cloned().unwrap_or_default())))
        .filter(|(n, _)| !n.is_empty())
        .collect();
    let words = [
        "Global",
        "Precision",
        "Trading",
        "Industrial",
        "Nordic",
        "Atlas",
        "Sun",
        "River",
        "Machine",
        "Tools",
        "Systems",
        "Optics",
    ];
    let forms = ["GmbH", "Ltd", "LLC", "SA", "AG", "BV", "Inc."];
    let countries = ["DE", "FR", "US", "CN", "IN", "PK", "RU", "JP", "GB", ""];
    let mut out = String::from("name,country,kind\n");
    for i in 0..rows {
        let (name, country) = if i % 5 == 0 {
            listed[(i * 7919) % listed.len()].clone()
        } else {
            let name = format!("{} {} {} {}", words[i % 12], words[(i / 12) % 12], words[(i / 144) % 12], forms[i % 7]);
            (name, countries[i % 10].to_string())
        };
        out.push_str(&format!("\"{}\",{},\n", name.replace('"', "\"\""), country));
    }
    let path = std::env::temp_dir().join(format!("catchall-batch-{tag}-{}.csv", std::process::id()));
    std::fs::write(&path, out).expect("write batch CSV");
    path
}

impl Browser {
    async fn rows(&self, css: &str) -> usize {
        self.client.find_all(Locator::Css(css)).await.map(|v| v.len()).unwrap_or(0)
    }

    async fn text(&self, css: &str) -> String {
        self.el(css).await.text().await.unwrap_or_default()
    }

    async fn attr(&self, css: &str, name: &str) -> String {
        self.el(css).await.attr(name).await.ok().flatten().unwrap_or_default()
    }

    /// Waits until `script` (a JS expression) is truthy.
    async fn until(&self, what: &str, secs: u64, script: &str) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let v = self.js(&format!("return !!({script})")).await;
            if v == json!(true) {
                return;
            }
            assert!(Instant::now() < deadline, "timed out after {secs} s waiting for {what}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Starts recording the page's event-loop delay (a 20 ms interval timer's lateness)
    /// and every value the batch progress bar shows.
    async fn record_responsiveness(&self) {
        self.js(r#"
window.__lag = { max: 0, samples: 0 };
let last = performance.now();
window.__lagTimer = setInterval(() => {
  const now = performance.now();
  const lag = now - last - 20;
  if (lag > window.__lag.max) window.__lag.max = lag;
  window.__lag.samples++;
  last = now;
}, 20);
window.__progress = [];
new MutationObserver(() => {
  const p = document.querySelector('#batch-progress');
  if (p) window.__progress.push(Number(p.value));
}).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
return true;
"#)
            .await;
    }

    async fn import_list(&self, path: &Path) {
        self.choose_file("#list-file", path).await;
    }

    /// Waits until the text of `css` contains `needle`.
    async fn until_text(&self, what: &str, secs: u64, css: &str, needle: &str) {
        let script = format!("(document.querySelector({css:?})||{{textContent:''}}).textContent.includes({needle:?})");
        self.until(what, secs, &script).await;
    }
}

/// Import a real list file from the repo's test data (State Dept ISN and ITAR-debarred rows of
/// the trade.gov CSL): its lists appear with count and date, a name only it has now hits in a
/// screening whose report cites it; a malformed file shows file:line and changes nothing;
/// the import survives a reload; removing it works and sticks.
#[test]
fn lists_import_a_real_file_then_a_name_from_it_hits() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let b = browser("lists-import").await;
        b.open().await;
        b.click("#tab-lists").await;
        let n = catchall::lists::bundle::BUNDLED_IDS.len();
        b.until("the bundled lists", 10, &format!("document.querySelectorAll('#lists-table tr[data-list]').length === {n}")).await;
        assert!(b.text("#lists-table tr[data-list='un_sc']").await.contains("bundled"));

        b.import_list(&root().join("tests/fixtures/lists/csl_isn_dtc_2023-11.csv")).await;
        b.until("the import to finish", 30, "document.querySelector('#import-status .ok')").await;
        let status = b.text("#import-status").await;
        assert!(status.contains("us_isn (144 entries") && status.contains("us_ddtc_debarred (142 entries"), "{status}");
        assert_eq!(b.text("tr[data-list='us_isn'] .entries").await, "144");
        assert_eq!(b.text("tr[data-list='us_isn'] .date").await, "2023-11");
        assert!(b.text("tr[data-list='us_isn'] .status").await.contains("days old"), "a 2023 list is stale");
        assert!(b.text("tr[data-list='us_isn']").await.contains("imported"));
        assert_eq!(b.rows("#lists-table tr[data-list]").await, n + 2, "the bundled lists and the two imported ones");
        b.shot("20-lists-imported").await;

        // A name that is only on the imported ISN list now hits, and the report cites the list.
        b.click("#tab-form").await;
        b.click("#load-example").await;
        b.type_into("#f-parties-end_user-name", "Manfred Felber").await;
        b.click("#screen-button").await;
        b.verdict().await;
        let parties = b.text("#group-parties").await;
        assert!(parties.contains("Manfred Felber") && parties.contains("us_isn"), "ISN hit in the report: {parties}");
        let used = b.text("#lists-used").await;
        assert!(used.contains("(us_isn), 144 entries, data of 2023-11"), "{used}");

        // A malformed file: the error names file and line, and the lists stay as they were.
        b.click("#tab-lists").await;
        b.import_list(&root().join("tests/fixtures/lists/un_truncated.xml")).await;
        b.until("the import error", 30, "document.querySelector('#import-status .error')").await;
        let err = b.text("#import-status .error").await;
        assert!(err.contains("un_truncated.xml:") && err.contains("Nothing was changed"), "{err}");
        assert_eq!(b.rows("#lists-table tr[data-list]").await, n + 2, "the bundled lists and the two imported ones");
        assert_eq!(b.text("tr[data-list='us_isn'] .entries").await, "144");
        b.js("document.querySelector('#import-status').scrollIntoView({block: 'center'}); return true").await;
        b.shot("21-lists-malformed-file").await;
        // Dropped on the drop zone, a file that is no list at all: the same.
        b.js(r#"
const dt = new DataTransfer();
dt.items.add(new File(['name;notes\nfoo;bar\n'], 'customers.txt', { type: 'text/plain' }));
document.querySelector('#list-drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
return true"#)
            .await;
        b.until_text("the dropped file's error", 30, "#import-status .error", "customers.txt").await;
        assert!(b.text("#import-status .error").await.contains("unknown list format"));
        assert_eq!(b.rows("#lists-table tr[data-list]").await, n + 2, "the bundled lists and the two imported ones");
        // A file over the 200 MiB limit is refused before the browser reads it (a sparse file:
        // nothing is written to disk).
        let huge = temp_path("huge-sdn", "csv");
        std::fs::File::create(&huge).and_then(|f| f.set_len(catchall::lists::import::MAX_LIST_BYTES as u64 + 1)).expect("sparse file");
        b.import_list(&huge).await;
        b.until_text("the size error", 10, "#import-status .error", "limit").await;
        let err = b.text("#import-status .error").await;
        assert!(err.contains("200 MiB limit") && err.contains("Nothing was changed"), "{err}");
        let _ = std::fs::remove_file(&huge);

        // Saved: a reload brings the imported lists back, and screenings use them.
        b.reload().await;
        b.click("#tab-lists").await;
        b.until("the imported lists after reload", 10, &format!("document.querySelectorAll('#lists-table tr[data-list]').length === {}", n + 2)).await;
        let status = b.text("#data-status").await;
        assert!(status.contains(&format!("{} restricted-party lists", n + 2)), "{status}");
        // … and so do batches, which run in the workers.
        let small = temp_path("isn", "csv");
        std::fs::write(&small, "name,country\nManfred Felber,AT\nSiemens Healthineers AG,DE\n").expect("write CSV");
        b.click("#tab-batch").await;
        b.choose_file("#batch-file", &small).await;
        b.until("the batch", 60, "document.querySelector('#batch-finished')").await;
        let first = b.text("#batch-results tbody tr:first-child").await;
        assert!(first.contains("Manfred Felber") && first.contains("us_isn"), "the imported list is used in batches: {first}");
        let _ = std::fs::remove_file(&small);
        b.click("#tab-lists").await;

        // Remove one: gone now and after a reload.
        b.click("button[aria-label='Remove imported list us_isn']").await;
        b.until("the removal", 10, "!document.querySelector(\"tr[data-list='us_isn']\")").await;
        b.until("the rebuilt index", 10, &format!("document.querySelector('#data-status').textContent.includes('{} restricted-party lists')", n + 1)).await;
        b.reload().await;
        b.click("#tab-lists").await;
        b.until("the lists after reload", 10, &format!("document.querySelectorAll('#lists-table tr[data-list]').length === {}", n + 1)).await;
        assert_eq!(b.rows("tr[data-list='us_isn']").await, 0);
        b.assert_stayed_local().await;
        b.finish().await;
    });
}

/// 1,000 party rows screened in the worker: the progress bar advances, the table holds every
/// row, the page's event loop stays responsive (measured), the summary chart, sorting,
/// filtering and the row detail work; a bigger batch can be cancelled and keeps its rows.
#[test]
fn batch_of_1000_rows_runs_in_the_worker_and_the_page_stays_responsive() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let csv = party_csv(1000, "1k");
        let big = party_csv(30_000, "30k");
        let b = browser("batch").await;
        b.open().await;
        b.click("#tab-batch").await;
        b.record_responsiveness().await;
        b.choose_file("#batch-file", &csv).await;
        b.until("the batch to finish", 60, "document.querySelector('#batch-finished')").await;
        b.js("clearInterval(window.__lagTimer); return true").await;
        let progress = b.js("return window.__progress").await;
        let seen: Vec<f64> = progress.as_array().cloned().unwrap_or_default().iter().filter_map(|v| v.as_f64()).collect();
        assert!(seen.iter().any(|v| *v > 0.0 && *v < 1000.0), "the progress bar advanced through intermediate values: {seen:?}");
        assert!(seen.windows(2).all(|w| w[0] <= w[1]), "progress never goes back: {seen:?}");
        assert_eq!(b.attr("#batch-finished", "data-done").await, "1000");
        assert_eq!(b.attr("#batch-count", "data-received").await, "1000", "the results table is complete");
        assert_eq!(b.rows("#batch-results tbody tr").await, 100, "first page of 100 rows");
        let matches: usize = b.attr("#chart-outcomes g[data-label='MATCH']", "data-count").await.parse().unwrap_or(0);
        // One row in five is a listed name under its own country: nearly all match outright.
        assert!(matches >= 150, "the listed names match: {matches}");
        b.shot("22-batch-done").await;

        // Sort by outcome: matches first. Filter to rows needing attention, then by text.
        b.click("#batch-results th:nth-child(4) button").await;
        assert_eq!(b.attr("#batch-results tbody tr:first-child", "data-outcome").await, "MATCH");
        b.select("#batch-show", "flagged").await;
        let flagged: usize = b.attr("#batch-count", "data-matching").await.parse().unwrap_or(0);
        assert!((195..1000).contains(&flagged), "every listed name is flagged: {flagged}");
        b.type_into("#batch-filter", "precision nordic").await;
        b.until("the text filter", 5, "Number(document.querySelector('#batch-count').dataset.matching) < 1000").await;
        b.select("#batch-show", "all").await;
        // Select all and delete, as a user would (WebDriver's clear fires no input event).
        b.el("#batch-filter").await.send_keys("\u{E009}a\u{E009}\u{E003}").await.expect("clear the filter");
        b.until("the filter cleared", 5, "document.querySelector('#batch-count').dataset.matching === '1000'").await;
        b.click("#batch-results th:nth-child(4) button").await;

        // Download: the CSV has a header and one line per row (the blob the link carries).
        b.capture_downloads().await;
        b.click("#batch-csv").await;
        let csv_text = b.last_download().await;
        assert!(csv_text.starts_with("line,name,country,outcome,best_score,lists"), "{}", &csv_text[..csv_text.len().min(200)]);
        assert_eq!(csv_text.lines().count(), 1001, "header + 1,000 rows");
        assert_eq!(csv_text.lines().nth(1).and_then(|l| l.split(',').next()), Some("2"), "in file order");

        // Open a matching row: its hits with explanations.
        b.select("#batch-show", "MATCH").await;
        b.click("#batch-results tbody tr:first-child button").await;
        b.until("the row detail", 10, "document.querySelector('#batch-detail .hit')").await;
        let detail = b.text("#batch-detail").await;
        assert!(detail.contains("score") && detail.to_lowercase().contains("match"), "{detail}");
        b.shot("23-batch-row-detail").await;
        b.select("#batch-show", "all").await;

        // Shipments as JSON lines: a verdict per line, and a row opens as the full report.
        let chashma: Value = serde_json::from_str(CHASHMA).expect("example JSON");
        let mut us = chashma.clone();
        us["jurisdiction"] = json!("US");
        let jsonl = temp_path("shipments", "jsonl");
        std::fs::write(&jsonl, format!("{}\n{}\nnot json\n", chashma, us)).expect("write JSONL");
        b.choose_file("#batch-file", &jsonl).await;
        b.until("the shipments batch", 60, "document.querySelector('#batch-finished') && document.querySelector('#batch-count').dataset.received === '2'").await;
        assert!(b.text("#batch-skipped").await.contains("1 row(s) could not be read"), "the bad line is reported");
        // As in the README's table: Chashma is STOP under Russian law, LICENCE_REQUIRED under the EAR.
        b.select("#batch-show", "LICENCE_REQUIRED").await;
        assert_eq!(b.attr("#batch-count", "data-matching").await, "1");
        b.select("#batch-show", "STOP").await;
        assert_eq!(b.attr("#batch-count", "data-matching").await, "1");
        b.click("#batch-results tbody tr:first-child button").await;
        b.click("#open-report").await;
        assert_eq!(b.verdict().await, "STOP", "the row opens as the full report");
        assert!(b.text("#group-parties").await.contains("Hassan Scientific"));
        b.click("#tab-batch").await;
        b.select("#batch-show", "all").await;
        let _ = std::fs::remove_file(&jsonl);

        // A 30,000-row batch, cancelled while it runs: the rows so far are kept.
        b.choose_file("#batch-file", &big).await;
        b.until("rows to arrive", 60, "Number((document.querySelector('#batch-progress')||{}).value) > 0").await;
        // The page answers the user while the worker screens: typing a filter applies it to
        // the rows so far before the batch ends (an order of events, not a time bound; the
        // page's delay is measured in `measure_batch_page_delay`).
        b.el("#batch-filter").await.send_keys("nordic").await.expect("type a filter while the batch runs");
        b.until(
            "the filter to apply",
            30,
            "Number(document.querySelector('#batch-count').dataset.matching) < Number(document.querySelector('#batch-count').dataset.received)",
        )
        .await;
        let running = b.js("return !document.querySelector('#batch-finished') && Number(document.querySelector('#batch-count').dataset.received) < 30000").await;
        assert_eq!(running, json!(true), "the filter applied while the batch was still running");
        b.el("#batch-filter").await.send_keys("\u{E009}a\u{E009}\u{E003}").await.expect("clear the filter");
        b.click("#batch-cancel").await;
        b.until("the cancel", 10, "document.querySelector('#batch-finished')").await;
        let done: usize = b.attr("#batch-finished", "data-done").await.parse().unwrap_or(0);
        assert!(done > 0 && done < 30_000, "cancelled part-way: {done}");
        assert!(b.text("#batch-finished").await.contains("Cancelled"));
        assert_eq!(b.attr("#batch-count", "data-received").await, done.to_string(), "the screened rows are kept");
        b.shot("24-batch-cancelled").await;
        let _ = std::fs::remove_file(&csv);
        let _ = std::fs::remove_file(&big);
        b.assert_stayed_local().await;
        b.finish().await;
    });
}

/// Batch throughput in the browser: 10,000 party rows against the bundled lists, from
/// choosing the file to the last row on screen; the first run includes starting the worker
/// and loading its lists, the second does not. Target ≤ 5 s.
#[test]
#[ignore = "measurement: run with --ignored --nocapture"]
fn measure_batch_10k() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let csv = party_csv(10_000, "10k");
        let b = browser("batch-10k").await;
        b.open().await;
        b.click("#tab-batch").await;
        for run in ["cold worker", "warm worker"] {
            let t0 = Instant::now();
            b.choose_file("#batch-file", &csv).await;
            b.until("the batch to finish", 120, "document.querySelector('#batch-finished') && document.querySelector('#batch-count').dataset.received === '10000'").await;
            let wall = t0.elapsed();
            let shown = b.text("#batch-finished").await;
            println!("batch 10,000 rows ({run}): {:.2} s from choosing the file to all rows shown; page says: {shown}", wall.as_secs_f64());
        }
        let _ = std::fs::remove_file(&csv);
        b.finish().await;
    });
}

/// Import time in the browser for the full OFAC SDN set: from choosing the files to the
/// list in use (parse in the worker, decode, index rebuild, save). Reads the real files from
/// ../shared/data (not in the repo); skipped when they are missing. Target ≤ 2 s.
#[test]
#[ignore = "measurement: run with --ignored --nocapture"]
fn measure_import_sdn() {
    if !enabled() {
        return;
    }
    let dir = root().join("../shared/data/lists");
    let sets: Vec<(&str, Vec<PathBuf>)> = vec![
        (
            "OFAC SDN legacy set 2021-07 (sdn, add, alt, sdn_comments)",
            ["ofac_sdn_2021-07.csv", "ofac_add_2021-07.csv", "ofac_alt_2021-07.csv", "ofac_sdn_comments_2021-07.csv"]
                .iter()
                .map(|f| dir.join(f))
                .collect(),
        ),
        ("OFAC sdn.csv 2024-05-03 (3.9 MB)", vec![dir.join("ofac_sdn_2024-05-03.csv")]),
    ];
    if sets.iter().any(|(_, fs)| fs.iter().any(|f| !f.is_file())) {
        println!("skipped: the OFAC files are not in {}", dir.display());
        return;
    }
    rt().block_on(async {
        let b = browser("import-sdn").await;
        b.open().await;
        b.click("#tab-lists").await;
        for (what, files) in &sets {
            let paths: Vec<String> = files.iter().map(|f| f.canonicalize().expect("path").display().to_string()).collect();
            let before = b.js("return document.querySelector('#import-status').textContent").await;
            let t0 = Instant::now();
            b.el("#list-file").await.send_keys(&paths.join("\n")).await.expect("choose the files");
            b.until("the import", 60, &format!("document.querySelector('#import-status .ok') && document.querySelector('#import-status').textContent !== {before}")).await;
            let wall = t0.elapsed();
            println!("import {what}: {:.2} s from choosing the files to the list in use; page says: {}", wall.as_secs_f64(), b.text("#import-status").await);
        }
        b.finish().await;
    });
}

/// Storage faults: a corrupted saved list, storage cleared while the app is open,
/// storage full, and an import interrupted by closing the page. Each time the app keeps
/// working, says what happened, and nothing that was saved is lost.
#[test]
fn storage_faults_are_reported_and_nothing_saved_is_lost() {
    if !enabled() {
        return;
    }
    const CACHE: &str = "catchall.imported-lists.v1";
    rt().block_on(async {
        let b = browser("storage-faults").await;
        b.open().await;
        b.click("#tab-lists").await;
        b.import_list(&root().join("tests/fixtures/lists/csl_isn_dtc_2023-11.csv")).await;
        b.until("the import", 30, "document.querySelector('#import-status .ok')").await;

        // 1. A saved list is corrupted: it is set aside (kept in storage), the other loads.
        b.js(&format!(
            "return caches.open('{CACHE}').then(c => c.put('imported-lists/us_isn.tsv', new Response('catchall-list 1\\nmeta\\t{{broken'))).then(() => true)"
        ))
        .await;
        b.reload().await;
        b.click("#tab-lists").await;
        b.until("the storage note", 10, "document.querySelector('#storage-note')").await;
        let note = b.text("#storage-note").await;
        assert!(note.contains("us_isn.tsv") && note.contains("not deleted"), "{note}");
        assert_eq!(b.rows("tr[data-list='us_isn']").await, 0);
        assert_eq!(b.rows("tr[data-list='us_ddtc_debarred']").await, 1, "the good saved list loaded");
        let kept = b.js(&format!("return caches.open('{CACHE}').then(c => c.match('imported-lists/us_isn.tsv')).then(r => !!r)")).await;
        assert_eq!(kept, json!(true), "the unreadable copy is still in storage");
        b.js("document.querySelector('#storage-note').scrollIntoView({block: 'center'}); return true").await;
        b.shot("25-storage-corrupt-list-set-aside").await;

        // 2. Storage cleared while the app is open: the lists in memory are saved again, and
        //    the next screening saves the history again.
        b.click("#tab-form").await;
        b.screen_chashma().await;
        b.js(&format!("localStorage.clear(); return caches.delete('{CACHE}')")).await;
        b.click("#tab-form").await;
        b.click("#screen-button").await;
        b.verdict().await;
        b.click("#tab-lists").await;
        b.until_text("the re-save note", 10, "#storage-note", "saved again").await;
        b.reload().await;
        assert!(b.text("#tab-history").await.contains("History (2)"), "both screenings were saved again");
        b.click("#tab-lists").await;
        b.until("the imported list after the clear", 10, "document.querySelector(\"tr[data-list='us_ddtc_debarred']\")").await;

        // 3. Storage full: the import is used for this visit and the page says it is not kept;
        //    a screening still shows its report and says the history could not be saved.
        b.js("Cache.prototype.put = () => Promise.reject(new DOMException('Quota exceeded', 'QuotaExceededError')); Storage.prototype.setItem = function () { throw new DOMException('Quota exceeded', 'QuotaExceededError'); }; return true").await;
        b.import_list(&root().join("tests/fixtures/lists/csl_isn_dtc_2023-11.csv")).await;
        b.until("the import", 30, "document.querySelector('#import-status .ok')").await;
        let note = b.text("#storage-note").await;
        assert!(note.contains("storage is full") && note.contains("for this visit"), "{note}");
        assert_eq!(b.rows("tr[data-list='us_isn']").await, 1, "the list is in use");
        b.js("document.querySelector('#storage-note').scrollIntoView({block: 'center'}); return true").await;
        b.shot("26-storage-full").await;
        b.click("#tab-form").await;
        assert_eq!(b.screen_chashma().await, "STOP");
        let notice = b.text(".notice-area").await;
        assert!(notice.contains("Could not save"), "{notice}");

        // 4. An import interrupted by closing the page: nothing half-imported afterwards.
        let big = temp_path("big-csl", "csv");
        let fixture = std::fs::read_to_string(root().join("tests/fixtures/lists/csl_isn_dtc_2023-11.csv")).expect("fixture");
        let mut lines = fixture.lines();
        let header = lines.next().unwrap_or_default().to_string();
        let body: Vec<&str> = lines.collect();
        let mut text = header + "\n";
        for i in 0..150 {
            for l in &body {
                text.push_str(&l.replacen(",", &format!("-{i},"), 1));
                text.push('\n');
            }
        }
        std::fs::write(&big, &text).expect("write the big file");
        b.reload().await;
        b.click("#tab-lists").await;
        let before = b.rows("#lists-table tr[data-list]").await;
        b.import_list(&big).await;
        b.reload_as("close the page mid-import").await;
        b.click("#tab-lists").await;
        b.until("the lists after the interrupted import", 10, &format!("document.querySelectorAll('#lists-table tr[data-list]').length === {before}")).await;
        assert_eq!(b.text("tr[data-list='us_ddtc_debarred'] .entries").await, "142", "the saved list is intact");

        // 5. Cancel while a big file is parsed: nothing changes, and the next import works.
        let mut bigger = String::new();
        for _ in 0..4 {
            bigger.push_str(&text);
        }
        std::fs::write(&big, bigger).expect("write the bigger file");
        b.import_list(&big).await;
        b.el("#import-cancel").await.click().await.expect("cancel the import");
        b.until("the cancel", 10, "document.querySelector('#import-status .error')").await;
        let msg = b.text("#import-status .error").await;
        assert!(msg.contains("cancelled") && msg.contains("Nothing was changed"), "{msg}");
        assert_eq!(b.rows("#lists-table tr[data-list]").await, before);
        b.import_list(&root().join("tests/fixtures/lists/csl_isn_dtc_2023-11.csv")).await;
        b.until("an import after the cancel", 30, "document.querySelector('#import-status .ok')").await;
        assert_eq!(b.text("tr[data-list='us_isn'] .entries").await, "144");
        let _ = std::fs::remove_file(&big);
        b.assert_stayed_local().await;
        b.finish().await;
    });
}

// ---------------------------------------------------------------------------------------
// Updates: a new version never mixes with an open one.

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the site copy");
    for e in std::fs::read_dir(from).expect("read dist").flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).expect("copy a file");
        }
    }
}

/// Version A is visited (service worker installed, a screening saved); the server then gets
/// version B (another cache version; its shell carries a marker). The open page stays on A
/// (shell and files from A's cache) and offers "A new version is ready — reload"; reloading
/// through it brings B, with the history intact; B then works offline. (B is A's build with
/// another service-worker version and a changed shell, not a second compile: two release
/// builds in one test would take too long.)
#[test]
fn an_update_waits_for_the_user_and_never_mixes_versions() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let site = std::env::temp_dir().join(format!("catchall-e2e-update-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&site);
        copy_dir(&root().join("dist"), &site);
        let b = browser_serving("update", site.clone(), "/").await;
        b.open().await;
        wait_for_service_worker(&b).await;
        assert_eq!(b.screen_chashma().await, "STOP");

        // Deploy B: a new service-worker version and a shell that says "B".
        let sw = std::fs::read_to_string(site.join("sw.js")).expect("sw.js");
        let at = sw.find("const VERSION = '").expect("the version line") + "const VERSION = '".len();
        let sw_b = format!("{}b-{}", &sw[..at], &sw[at..]);
        assert_ne!(sw, sw_b);
        std::fs::write(site.join("sw.js"), sw_b).expect("write sw.js");
        let index = std::fs::read_to_string(site.join("index.html")).expect("index.html");
        let index_b = index.replace("<head>", "<head>\n  <meta name=\"catchall-build\" content=\"B\">");
        assert_ne!(index, index_b);
        std::fs::write(site.join("index.html"), index_b).expect("write index.html");

        let marker = "return document.querySelector('meta[name=catchall-build]')?.content ?? 'A'";
        b.client.refresh().await.expect("reload");
        b.el("#load-example").await;
        b.until("the update prompt", 90, "document.getElementById('update-ready')").await;
        assert_eq!(b.js(marker).await, json!("A"), "the open version stays A until the user reloads");
        let prompt = b.text("#update-ready").await;
        assert!(prompt.contains("A new version is ready"), "{prompt}");
        b.shot("13-update-ready").await;

        b.click("#update-reload").await;
        let deadline = Instant::now() + Duration::from_secs(30);
        while b.js(marker).await != json!("B") {
            assert!(Instant::now() < deadline, "the page never switched to B");
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        b.lists_loaded().await;
        assert_eq!(b.rows("#update-ready").await, 0, "no prompt on the new version");
        assert_eq!(b.saved_screenings().await, json!(1), "the history survived the update");
        let caches = b.js("return caches.keys()").await;
        let ours: Vec<&str> = caches
            .as_array()
            .map(|a| a.iter().filter_map(|k| k.as_str()).filter(|k| k.starts_with("catchall-")).collect())
            .unwrap_or_default();
        assert_eq!(ours.len(), 1, "only B's precache is left: {caches}");

        // B offline.
        b.go_offline();
        b.reload_as("reload offline").await;
        assert_eq!(b.js(marker).await, json!("B"), "offline, the shell is B's");
        assert_eq!(b.screen_chashma().await, "STOP", "B screens offline");
        b.assert_stayed_local().await;
        b.finish().await;
        let _ = std::fs::remove_dir_all(&site);
    });
}

/// Pages other than the app (the embed example) are not stored as the app's shell: offline,
/// the app's own page still comes up.
#[test]
fn only_the_apps_own_page_is_the_offline_shell() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let b = browser("shell").await;
        b.open().await;
        wait_for_service_worker(&b).await;
        b.client.goto(&format!("{}static/embed.html", b.url())).await.expect("open embed page");
        b.el("#run").await;
        b.go_offline();
        b.client.goto(&b.url()).await.expect("open the app offline");
        b.el("#load-example").await;
        let title = b.js("return document.title").await;
        assert!(title.as_str().unwrap_or("").starts_with("Catchall — export-control"), "the app's shell: {title}");
        b.finish().await;
    });
}

/// An import of several lists is saved whole or not at all: when the second list cannot be
/// written, the first one written is taken back out, the page says so, and a reload finds
/// neither (nothing half-imported).
#[test]
fn a_multi_list_import_is_saved_all_or_nothing() {
    if !enabled() {
        return;
    }
    const CACHE: &str = "catchall.imported-lists.v1";
    rt().block_on(async {
        let b = browser("all-or-nothing").await;
        b.open().await;
        b.click("#tab-lists").await;
        b.js("const put = Cache.prototype.put; let n = 0; Cache.prototype.put = function (k, r) { if (String(k.url || k).includes('imported-lists/') && ++n === 2) return Promise.reject(new DOMException('Quota exceeded', 'QuotaExceededError')); return put.call(this, k, r); }; return true").await;
        b.import_list(&root().join("tests/fixtures/lists/csl_isn_dtc_2023-11.csv")).await;
        b.until("the import", 30, "document.querySelector('#import-status .ok')").await;
        b.until("the storage note", 10, "document.querySelector('#storage-note')").await;
        let note = b.text("#storage-note").await;
        assert!(note.contains("storage is full") && note.contains("whole or not at all"), "{note}");
        let kept = b
            .js(&format!("return caches.open('{CACHE}').then(c => c.keys()).then(ks => ks.map(k => k.url).filter(u => u.includes('imported-lists/')))"))
            .await;
        assert_eq!(kept, json!([]), "no list of the failed import stayed in storage");
        b.shot("27-storage-all-or-nothing").await;
        b.reload().await;
        b.click("#tab-lists").await;
        b.el("#tab-lists").await;
        assert_eq!(b.rows("tr[data-list='us_isn']").await + b.rows("tr[data-list='us_ddtc_debarred']").await, 0);
        b.finish().await;
    });
}

// ---------------------------------------------------------------------------------------
// The counterparty book, re-screening on list change, and the import diff.

impl Browser {
    /// Waits until every counterparty in the book has been screened.
    async fn book_screened(&self, n: usize) {
        self.until(
            &format!("{n} counterparties screened"),
            90,
            &format!("(() => {{ const rows = [...document.querySelectorAll('#book-table tr[data-party]')]; return rows.length === {n} && rows.every(r => r.cells[4].textContent !== 'not yet'); }})()"),
        )
        .await;
    }

    /// Captures the blobs the page offers as downloads (`window.__blobs`).
    async fn capture_downloads(&self) {
        self.js("window.__blobs = []; const orig = URL.createObjectURL; URL.createObjectURL = (blob) => { window.__blobs.push(blob); return orig(blob); }; return true").await;
    }

    async fn last_download(&self) -> String {
        // An export may build its file asynchronously (the evidence pack asks the engine first):
        // the click returns before the blob exists.
        self.until("a download", 30, "window.__blobs.length > 0").await;
        let v = self
            .client
            .execute_async("const done = arguments[arguments.length - 1]; window.__blobs[window.__blobs.length - 1].text().then(done)", vec![])
            .await
            .expect("the downloaded file");
        v.as_str().unwrap_or_default().to_string()
    }
}

/// The counterparty book: the parties of a report are saved with their roles and screened;
/// a hit is decided "not this party" with a note; a party is added by hand; a CSV import
/// reads the good lines and names the bad ones; the CSV export defuses formulas; all of it
/// survives a reload.
#[test]
fn counterparty_book_adds_from_a_report_decides_imports_and_exports() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let b = browser("book").await;
        b.open().await;
        assert_eq!(b.screen_chashma().await, "STOP");
        b.click("#save-to-book").await;
        b.click("#tab-book").await;
        let notice = b.text("#book-notice").await;
        assert!(notice.contains("Added 2 of 3 parties from this report") && notice.contains("1 already there"), "{notice}");
        // Hassan Scientific (purchaser and consignee: same name and country, once) and the end user.
        b.book_screened(2).await;
        assert!(b.text("#tab-book").await.contains("(2)"));
        let hassan = "#book-table tr[data-party]:nth-child(1)";
        assert!(b.text(hassan).await.contains("Hassan Scientific Corporation"));
        let open: usize = b.attr(hassan, "data-open-hits").await.parse().unwrap_or(0);
        assert!(open >= 1, "Hassan Scientific hits a list in the book as in the report: {}", b.text(hassan).await);

        // Its own false-positive decision: the hit is decided, with the note and date.
        b.click(&format!("{hassan} .book-fp-open")).await;
        b.type_into(&format!("{hassan} .book-fp-note"), "Different company: Karachi registry checked").await;
        b.click(&format!("{hassan} .book-fp-confirm")).await;
        b.until("the decision", 10, &format!("document.querySelector('{hassan} li.decided')")).await;
        assert!(b.text(&format!("{hassan} li.decided")).await.contains("Karachi registry checked"));
        assert_eq!(b.attr(hassan, "data-open-hits").await, (open - 1).to_string());

        // By hand.
        b.type_into("#book-name", "Nordic Freight AB").await;
        b.type_into("#book-country", "SE").await;
        b.type_into("#book-role", "forwarder").await;
        b.click("#book-add-button").await;
        b.book_screened(3).await;

        // From a CSV file: two good lines, two bad ones named by line.
        let csv = temp_path("book", "csv");
        std::fs::write(&csv, "name,country,role\n\"=HYPERLINK(\"\"http://x\"\")\",AE,customer\nBeta GmbH,DE,consignee\n,FR,\nGamma,Germany,\n").expect("write CSV");
        b.choose_file("#book-import", &csv).await;
        b.until_text("the CSV import", 10, "#book-notice", "Imported").await;
        let notice = b.text("#book-notice").await;
        assert!(notice.contains("Imported 2 of 2 parties; 2 line(s) skipped"), "{notice}");
        let problems = b.text("#book-problems").await;
        assert!(problems.contains("line 4: name: empty") && problems.contains("line 5: country"), "{problems}");
        b.book_screened(5).await;
        b.shot("30-counterparty-book").await;

        // Export: the formula is defused, every party is there.
        b.capture_downloads().await;
        b.click("#book-export").await;
        let out = b.last_download().await;
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.first().copied(), Some("name,country,kind,role,note,added"));
        assert_eq!(lines.len(), 6, "{out}");
        assert!(lines.iter().any(|l| l.starts_with("\"'=HYPERLINK(\"\"http://x\"\")\",AE,")), "{out}");

        // Reload: the book and the decision are still there.
        b.reload().await;
        b.click("#tab-book").await;
        b.until("the book after reload", 10, "document.querySelectorAll('#book-table tr[data-party]').length === 5").await;
        assert!(b.text(&format!("{hassan} li.decided")).await.contains("Karachi registry checked"));
        let _ = std::fs::remove_file(&csv);
        b.assert_stayed_local().await;
        b.finish().await;
    });
}

/// Two versions of the ISN/DTC list file: the older lacks Manfred Felber, lists a party the
/// newer dropped, and spells one name differently.
fn isn_versions(tag: &str) -> (PathBuf, PathBuf) {
    let original =
        std::fs::read_to_string(root().join("tests/fixtures/lists/csl_isn_dtc_2023-11.csv")).expect("fixture");
    let mut lines: Vec<String> = original.lines().map(str::to_string).collect();
    let header = lines.remove(0);
    // An ISN row whose first six cells are unquoted, so its name is the sixth comma-separated field.
    let isn = lines
        .iter()
        .find(|l| l.contains("(ISN)") && !l.contains("Felber") && !l.split(',').take(6).any(|f| f.contains('"')))
        .cloned()
        .expect("an ISN row");
    let id = isn.split(',').next().unwrap_or_default().to_string();
    let mut old: Vec<String> = lines
        .iter()
        .filter(|l| !l.contains("Manfred Felber"))
        .map(|l| if l.contains("SPC Supachoke") { l.replace("SPC Supachoke", "SPC Supachok") } else { l.clone() })
        .collect();
    old.push(isn.replacen(&id, "0000000000000000000000000000000000000000000000000000dead", 1).replacen(
        &isn.split(',').nth(5).unwrap_or_default().to_string(),
        "Old Listed Party",
        1,
    ));
    let dir = std::env::temp_dir().join(format!("catchall-isn-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (old_path, new_path) = (dir.join("csl_isn_dtc_2023-10.csv"), dir.join("csl_isn_dtc_2023-11.csv"));
    std::fs::write(&old_path, format!("{header}\n{}\n", old.join("\n"))).expect("write old");
    std::fs::write(&new_path, original).expect("write new");
    (old_path, new_path)
}

/// After a list import, the saved screening and the counterparty whose party is newly listed
/// show in the inbox (list entry, list date, when found); the Lists screen shows what the
/// import changed, expandable; dismissing takes a note and is recorded with the date; every
/// re-screening run is in the log; it all survives a reload.
#[test]
fn a_list_import_rescreens_and_the_inbox_shows_new_hits() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let (old, new) = isn_versions("inbox");
        let b = browser("inbox").await;
        b.open().await;
        // The older list version first: Manfred Felber is not on it.
        b.click("#tab-lists").await;
        b.import_list(&old).await;
        b.until("the first import", 30, "document.querySelector('#import-status .ok')").await;
        b.until("the import diff", 30, "document.querySelector('#import-diff details[data-list=us_isn]')").await;
        assert!(b.text("#import-diff details[data-list=us_isn] summary").await.contains("us_isn: new list, "));

        // A counterparty and a saved screening, both with Manfred Felber.
        b.click("#tab-book").await;
        b.type_into("#book-name", "Manfred Felber").await;
        b.type_into("#book-country", "AT").await;
        b.type_into("#book-role", "customer").await;
        b.click("#book-add-button").await;
        b.book_screened(1).await;
        assert_eq!(b.attr("#book-table tr[data-party]", "data-open-hits").await, "0");
        b.click("#tab-form").await;
        b.click("#load-example").await;
        b.type_into("#f-parties-end_user-name", "Manfred Felber").await;
        b.type_into("#f-parties-end_user-country", "AT").await;
        b.click("#screen-button").await;
        b.verdict().await;
        assert!(!b.text("#lists-used").await.is_empty());

        // The newer version: the diff against the copy it replaces, expandable.
        b.click("#tab-lists").await;
        b.import_list(&new).await;
        b.until_text("the second import's diff", 30, "#import-diff details[data-list=us_isn] summary", "changed").await;
        let summary = b.text("#import-diff details[data-list=us_isn] summary").await;
        assert!(summary.contains("+1 entries, −1, 1 changed (data of 2023-10 → 2023-11)"), "{summary}");
        b.click("#import-diff details[data-list=us_isn] summary").await;
        let body = b.text("#import-diff details[data-list=us_isn]").await;
        assert!(
            body.contains("Manfred Felber") && body.contains("Old Listed Party") && body.contains("name"),
            "{body}"
        );
        b.js("document.querySelector('#import-diff').scrollIntoView({block: 'start'}); return true").await;
        b.shot("31-lists-import-diff").await;

        // The inbox: both are new hits on us_isn, in the list version of 2023-11.
        b.click("#tab-inbox").await;
        b.until("the inbox items", 90, "document.querySelectorAll('#inbox-items .inbox-item').length === 2").await;
        let screening = b.text("#inbox-items .inbox-item[data-kind=screening]").await;
        assert!(
            screening.contains("Manfred Felber now hits us_isn") && screening.contains("list version of 2023-11"),
            "{screening}"
        );
        let party = b.text("#inbox-items .inbox-item[data-kind=counterparty]").await;
        assert!(party.contains("Counterparty: Manfred Felber (customer)") && party.contains("us_isn"), "{party}");
        assert!(b.text("#tab-inbox").await.contains("(2)"));
        let log = b.text("#rescreen-log tbody tr:first-child").await;
        assert!(log.contains("us_isn changed: data of 2023-10 → 2023-11"), "{log}");
        assert_eq!(b.attr("#rescreen-log tbody tr:first-child", "data-new").await, "2");
        b.shot("32-inbox-new-hits").await;

        // The book shows the counterparty's hit too.
        b.click("#tab-book").await;
        assert_eq!(b.attr("#book-table tr[data-party]", "data-open-hits").await, "1");

        // Dismiss one: a note is required; it is recorded with today's date.
        b.click("#tab-inbox").await;
        let item = "#inbox-items .inbox-item[data-kind=counterparty]";
        b.click(&format!("{item} .dismiss-open")).await;
        assert!(
            b.js(&format!("return document.querySelector('{item} .dismiss-confirm').disabled")).await == json!(true),
            "no note, no dismissal"
        );
        b.type_into(&format!("{item} .dismiss-note"), "Different person: date of birth checked").await;
        b.click(&format!("{item} .dismiss-confirm")).await;
        b.until("the dismissal", 10, "document.querySelectorAll('#inbox-items .inbox-item').length === 1").await;
        let today = b.js("return new Date().toISOString().slice(0, 10)").await;
        b.click("#inbox-dismissed summary").await;
        let dismissed = b.text("#inbox-dismissed").await;
        assert!(
            dismissed.contains("Different person: date of birth checked")
                && dismissed.contains(today.as_str().unwrap_or("?")),
            "{dismissed}"
        );
        b.shot("33-inbox-dismissed").await;

        // Reload: the same inbox; nothing is re-screened again (the lists did not change).
        let runs = b.rows("#rescreen-log tbody tr").await;
        b.reload().await;
        b.click("#tab-inbox").await;
        b.until("the inbox after reload", 10, "document.querySelectorAll('#inbox-items .inbox-item').length === 1")
            .await;
        tokio::time::sleep(Duration::from_secs(3)).await;
        assert_eq!(b.rows("#rescreen-log tbody tr").await, runs, "no new run without a list change");
        b.click("#inbox-dismissed summary").await;
        assert!(b.text("#inbox-dismissed").await.contains("date of birth checked"));
        let _ = std::fs::remove_dir_all(old.parent().unwrap_or(&old));
        b.assert_stayed_local().await;
        b.finish().await;
    });
}

/// Re-screening in the browser: 1,000 saved screenings and 1,000 counterparties, after a
/// list import (from the import to the run in the log, which includes the workers rebuilding
/// their index with the new list). Target ≤ 3 s with the page responsive; prints the numbers.
#[test]
#[ignore = "measurement: run with --ignored --nocapture"]
fn measure_rescreen_1000_screenings_and_1000_counterparties() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let (_old, new) = isn_versions("measure");
        let b = browser("measure-rescreen").await;
        b.open().await;
        b.screen_chashma().await;
        let saved = b.js("return localStorage.getItem('catchall.v1')").await;
        let mut store: Value = serde_json::from_str(saved.as_str().unwrap_or("{}")).expect("saved JSON");
        // A small record (localStorage holds about 5 MB): the end user only, no findings kept.
        let mut template = store["screenings"][0].clone();
        template["report"]["findings"] = json!([]);
        template["report"]["obligations"] = json!([]);
        template["shipment"]["parties"] = json!({"end_user": template["shipment"]["parties"]["end_user"].clone()});
        let names = std::fs::read_to_string(party_csv(1000, "rescreen")).expect("names");
        let names: Vec<(String, String)> = names
            .lines()
            .skip(1)
            .map(|l| {
                let (n, rest) = l.rsplit_once(',').map(|(a, _)| a).unwrap_or(l).rsplit_once(',').unwrap_or((l, ""));
                (n.trim_matches('"').replace("\"\"", "\""), rest.to_string())
            })
            .collect();
        let mut screenings = Vec::new();
        let mut parties = Vec::new();
        for (i, (name, country)) in names.iter().enumerate() {
            let mut r = template.clone();
            r["id"] = json!(format!("m{i}"));
            r["shipment"]["parties"]["end_user"]["name"] = json!(name);
            screenings.push(r);
            parties.push(json!({"id": format!("c{i}"), "name": name, "country": country, "role": "customer", "added": "2026-12-01"}));
        }
        store["screenings"] = json!(screenings);
        b.client
            .execute(
                "localStorage.setItem('catchall.v1', arguments[0]); localStorage.setItem('catchall.book.v1', arguments[1]); return true",
                vec![json!(store.to_string()), json!(json!({"v": 1, "parties": parties}).to_string())],
            )
            .await
            .expect("write storage");
        b.reload().await;
        b.click("#tab-inbox").await;
        // At start the never-screened counterparties are screened (the saved screenings used
        // the lists in use: they wait).
        b.until("the first run", 120, "document.querySelector('#rescreen-log tbody tr')").await;
        let first = b.attr("#rescreen-log tbody tr:first-child", "data-ms").await;
        let first_n = b.attr("#rescreen-log tbody tr:first-child", "data-counterparties").await;
        println!("start: {first_n} counterparties screened for the first time in {first} ms (includes starting the workers and loading their lists)");

        b.click("#tab-lists").await;
        b.record_responsiveness().await;
        let t0 = Instant::now();
        b.import_list(&new).await;
        b.click("#tab-inbox").await;
        // The import (parse in the worker, index rebuilt in the page, saved), then the re-screen:
        // the page's event-loop delay of each phase apart.
        b.until("the re-screen to start", 120, "document.querySelector('#inbox-running') || document.querySelectorAll('#rescreen-log tbody tr').length >= 2").await;
        let lag_import = b.js("const l = window.__lag; window.__lag = { max: 0, samples: 0 }; return l").await;
        let import_wall = t0.elapsed();
        b.until("the run after the import", 120, "document.querySelectorAll('#rescreen-log tbody tr').length >= 2").await;
        let wall = t0.elapsed();
        let lag = b.js("clearInterval(window.__lagTimer); return window.__lag").await;
        println!(
            "import phase (until the re-screen starts): {:.2} s, page event-loop delay max {:.1} ms",
            import_wall.as_secs_f64(),
            lag_import["max"].as_f64().unwrap_or(-1.0)
        );
        let row = "#rescreen-log tbody tr:first-child";
        let (ms, s, c, n) = (
            b.attr(row, "data-ms").await,
            b.attr(row, "data-screenings").await,
            b.attr(row, "data-counterparties").await,
            b.attr(row, "data-new").await,
        );
        assert_eq!((s.as_str(), c.as_str()), ("1000", "1000"), "everything re-screened");
        println!(
            "after import: re-screened {s} saved screenings + {c} counterparties in {ms} ms (run, from the worker's list check to the last answer); \
             {:.2} s from choosing the file to the logged run (parse, index rebuild, re-screen); {n} new hit(s); \
             page event-loop delay during the re-screen max {:.1} ms over {} samples",
            wall.as_secs_f64(),
            lag["max"].as_f64().unwrap_or(-1.0),
            lag["samples"]
        );
        b.shot("34-inbox-measured").await;
        b.finish().await;
    });
}

/// An evidence pack exported from a report is the engine's format (its hash checks natively,
/// as `catchall verify` does) and verifies as identical in the app; an edited copy is reported
/// as altered.
#[test]
fn evidence_pack_exported_from_a_report_verifies_in_the_app() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let b = browser("evidence").await;
        b.open().await;
        assert_eq!(b.screen_chashma().await, "STOP");
        b.capture_downloads().await;
        b.click("#export-evidence").await;
        let text = b.last_download().await;
        let pack: catchall::evidence::Pack = serde_json::from_str(&text).expect("an evidence pack");
        assert_eq!(pack.format, catchall::evidence::FORMAT);
        assert_eq!(pack.computed_hash(), pack.hash, "the hash checks with the engine's own code");
        assert!(!pack.lists.is_empty() && pack.report["verdict"] == json!("STOP"));

        let dir = std::env::temp_dir().join(format!("catchall-evidence-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let good = dir.join("pack.json");
        std::fs::write(&good, &text).expect("write pack");
        b.click("#tab-history").await;
        b.choose_file("#verify-pack-file", &good).await;
        b.until("the verification", 20, "document.querySelector('#verify-result')").await;
        let result = b.text("#verify-result").await;
        assert_eq!(b.attr("#verify-result", "data-outcome").await, "ok", "{result}");
        assert!(result.contains("Identical"), "{result}");
        b.js("document.querySelector('#verify-pack').scrollIntoView({block: 'center'}); return true").await;
        b.shot("35-evidence-verified").await;

        let mut edited: Value = serde_json::from_str(&text).expect("JSON");
        edited["report"]["verdict"] = json!("CLEAR");
        let bad = dir.join("pack-edited.json");
        std::fs::write(&bad, edited.to_string()).expect("write edited pack");
        b.choose_file("#verify-pack-file", &bad).await;
        b.until(
            "the second verification",
            20,
            "(document.querySelector('#verify-result')||{textContent:''}).textContent.includes('pack-edited')",
        )
        .await;
        assert_eq!(b.attr("#verify-result", "data-outcome").await, "error");
        assert!(b.text("#verify-result").await.contains("altered pack"));
        let _ = std::fs::remove_dir_all(&dir);
        b.assert_stayed_local().await;
        b.finish().await;
    });
}

// ---------------------------------------------------------------------------------------
// Two tabs, accessibility (axe-core), the keyboard, and the batch page's delay as a measurement.

/// axe-core, vendored for these tests only (see vendor/axe-core-4.14.1/PROVENANCE.md):
/// injected into the page under test, never part of the app.
const AXE: &str = include_str!("../vendor/axe-core-4.14.1/axe.min.js");

impl Browser {
    /// Runs axe-core on the page as it is now; prints every violation and returns the serious
    /// and critical ones, each as one line naming `screen`.
    async fn axe(&self, screen: &str) -> Vec<String> {
        if self.js("return typeof window.axe === 'object'").await != json!(true) {
            self.js(&format!("{AXE}\n;return typeof window.axe;")).await;
        }
        let v = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] })
                   .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                       nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').replace(/\\s+/g, ' ')) }))))
                   .catch(e => done([{ id: 'axe-failed', impact: 'critical', help: String(e), nodes: [] }]));",
                vec![],
            )
            .await
            .expect("axe ran");
        let mut serious = Vec::new();
        for x in v.as_array().cloned().unwrap_or_default() {
            let line = format!(
                "{screen}: [{}] {} {}: {}",
                x["impact"].as_str().unwrap_or("?"),
                x["id"].as_str().unwrap_or("?"),
                x["help"],
                x["nodes"]
            );
            println!("axe {line}");
            if matches!(x["impact"].as_str(), Some("serious" | "critical")) {
                serious.push(line);
            }
        }
        serious
    }

    /// Presses one key (WebDriver key codes: Tab `\u{E004}`, Enter `\u{E007}`, Space ` `).
    async fn key(&self, k: char) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let a = KeyActions::new("keyboard".into()).then(KeyAction::Down { value: k }).then(KeyAction::Up { value: k });
        self.client.perform_actions(a).await.expect("press a key");
    }

    /// Presses Tab until the focused element matches the JS condition `cond` (on `el`, the
    /// active element); returns how many presses it took.
    async fn tab_until(&self, what: &str, cond: &str, max: usize) -> usize {
        for n in 1..=max {
            self.key('\u{E004}').await;
            let ok = self.js(&format!("const el = document.activeElement; return !!(el && ({cond}))")).await;
            if ok == json!(true) {
                return n;
            }
        }
        let at = self.js("const el = document.activeElement; return el ? el.outerHTML.slice(0, 120) : null").await;
        panic!("Tab never reached {what} in {max} presses (focus on {at})");
    }

    /// The ids of the saved screenings listed on the History screen, sorted.
    async fn history_ids(&self) -> Vec<String> {
        let v = self.js("return [...document.querySelectorAll('table.history tbody tr')].map(r => r.dataset.id)").await;
        let mut ids: Vec<String> =
            v.as_array().cloned().unwrap_or_default().iter().filter_map(|x| x.as_str().map(str::to_string)).collect();
        ids.sort();
        ids
    }

    /// The ids saved in localStorage, sorted.
    async fn stored_ids(&self) -> Vec<String> {
        let v = self
            .js("return (JSON.parse(localStorage.getItem('catchall.v1') || '{}').screenings || []).map(r => r.id)")
            .await;
        let mut ids: Vec<String> =
            v.as_array().cloned().unwrap_or_default().iter().filter_map(|x| x.as_str().map(str::to_string)).collect();
        ids.sort();
        ids
    }

    /// Screens the Chashma example; returns the new record's id.
    async fn screen_example_saved(&self) -> String {
        let before = self.stored_ids().await;
        self.click("#tab-form").await;
        assert_eq!(self.screen_chashma().await, "STOP");
        self.until(
            "the screening saved",
            10,
            &format!(
                "(JSON.parse(localStorage.getItem('catchall.v1') || '{{}}').screenings || []).length > {}",
                before.len()
            ),
        )
        .await;
        let after = self.stored_ids().await;
        after.into_iter().find(|id| !before.contains(id)).expect("a new saved id")
    }
}

/// Two windows of the same origin each save screenings and delete one of the other's: both
/// end with the same, complete set (nothing one wrote is lost or brought back by the other),
/// in storage and on screen, also after a reload.
#[test]
fn two_windows_saving_and_deleting_keep_each_others_screenings() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let b = browser("two-tabs").await;
        b.open().await;
        let w1 = b.client.window().await.expect("the first window");
        let a1 = b.screen_example_saved().await;
        let w2 = b.client.new_window(false).await.expect("a second window").handle;
        b.client.switch_to_window(w2.clone()).await.expect("switch to window 2");
        b.open().await;
        let b1 = b.screen_example_saved().await;
        let b2 = b.screen_example_saved().await;
        b.client.switch_to_window(w1.clone()).await.expect("back to window 1");
        // Window 1 wrote nothing since: it saves a second screening from its own copy.
        let a2 = b.screen_example_saved().await;
        assert_eq!(b.stored_ids().await.len(), 4, "window 1's write kept window 2's screenings");
        // Window 1 deletes one of window 2's; window 2 deletes one of window 1's.
        b.click("#tab-history").await;
        b.until(
            "window 2's screenings listed in window 1",
            10,
            &format!("document.querySelector('tr[data-id=\"{b1}\"]')"),
        )
        .await;
        b.click(&format!("tr[data-id=\"{b1}\"] button.secondary")).await;
        b.client.switch_to_window(w2.clone()).await.expect("window 2");
        b.click("#tab-history").await;
        b.until(
            "window 1's screenings listed in window 2",
            10,
            &format!("document.querySelector('tr[data-id=\"{a1}\"]')"),
        )
        .await;
        b.click(&format!("tr[data-id=\"{a1}\"] button.secondary")).await;
        let mut want = vec![a2.clone(), b2.clone()];
        want.sort();
        b.until(
            "window 2 to show the final set",
            10,
            "document.querySelectorAll('table.history tbody tr').length === 2",
        )
        .await;
        assert_eq!(b.history_ids().await, want, "window 2");
        assert_eq!(b.stored_ids().await, want, "storage");
        b.shot("45-two-windows-window-2").await;
        b.client.switch_to_window(w1.clone()).await.expect("window 1");
        b.until(
            "window 1 to show the final set",
            10,
            "document.querySelectorAll('table.history tbody tr').length === 2",
        )
        .await;
        assert_eq!(b.history_ids().await, want, "window 1");
        b.shot("45-two-windows-window-1").await;
        // After a reload both still agree.
        b.client.refresh().await.expect("reload window 1");
        b.el("#load-example").await;
        b.click("#tab-history").await;
        b.until("the reloaded history", 10, "document.querySelectorAll('table.history tbody tr').length === 2").await;
        assert_eq!(b.history_ids().await, want, "window 1 after reload");
        b.assert_stayed_local().await;
        b.finish().await;
    });
}

/// axe-core on every screen: form (empty and filled), report, history, lists, batch (empty,
/// with results, a row's detail), counterparty book (empty and filled), inbox, and the crash
/// message: no serious or critical violation. Screenshots of the screens no other test takes.
#[test]
fn every_screen_passes_axe_with_no_serious_or_critical_violations() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let b = browser("axe").await;
        b.open().await;
        // The check can fail: a nameless button put in the page is reported, and removed.
        b.js("const x = document.createElement('button'); x.id = 'axe-probe'; document.querySelector('main').append(x); return true").await;
        let probe = b.axe("probe").await;
        assert!(probe.iter().any(|l| l.contains("button-name") && l.contains("axe-probe")), "axe sees a nameless button: {probe:?}");
        b.js("document.getElementById('axe-probe').remove(); return true").await;
        let mut found = Vec::new();
        found.extend(b.axe("form (empty)").await);
        b.click("#load-example").await;
        found.extend(b.axe("form (example)").await);
        b.click("#screen-button").await;
        assert_eq!(b.verdict().await, "STOP");
        found.extend(b.axe("report").await);
        b.click("#tab-history").await;
        b.el("table.history").await;
        found.extend(b.axe("history").await);
        b.click("#tab-lists").await;
        b.until("the lists screen", 10, "document.querySelector('#list-file')").await;
        found.extend(b.axe("lists").await);
        b.shot("40-lists").await;
        b.click("#tab-batch").await;
        b.el("#batch-file").await;
        found.extend(b.axe("batch (empty)").await);
        b.shot("43-batch-empty").await;
        let csv = party_csv(40, "axe");
        b.choose_file("#batch-file", &csv).await;
        b.until("the batch to finish", 60, "document.querySelector('#batch-finished')").await;
        found.extend(b.axe("batch (results)").await);
        b.select("#batch-show", "MATCH").await;
        b.click("#batch-results tbody tr:first-child button").await;
        b.until("the row detail", 10, "document.querySelector('#batch-detail .hit')").await;
        found.extend(b.axe("batch (row detail)").await);
        let _ = std::fs::remove_file(&csv);
        b.click("#tab-inbox").await;
        b.el("#inbox-title").await;
        found.extend(b.axe("inbox").await);
        b.click("#tab-book").await;
        b.el("#book-title").await;
        found.extend(b.axe("counterparty book (empty)").await);
        b.shot("41-book-empty").await;
        b.type_into("#book-name", "Nordic Freight AB").await;
        b.type_into("#book-country", "SE").await;
        b.click("#book-add-button").await;
        b.until("the party in the book", 10, "document.querySelector('#book-table')").await;
        found.extend(b.axe("counterparty book (one party)").await);
        // The inbox once the book's party was screened (nothing new for a first screening).
        b.click("#tab-inbox").await;
        b.el("#inbox-title").await;
        b.until("the inbox to settle", 30, "!document.querySelector('#inbox-running')").await;
        b.shot("42-inbox-empty").await;
        // The crash message (the page's own fatal handler, as after a panic).
        b.js("window.catchallFatal = 'simulated panic'; window.dispatchEvent(new Event('catchall-fatal')); return true").await;
        b.el("#fatal-error").await;
        found.extend(b.axe("crash message").await);
        assert!(found.is_empty(), "serious or critical accessibility violations:\n{}", found.join("\n"));
        b.assert_stayed_local().await;
        b.finish().await;
    });
}

/// Keyboard only (Tab, Enter, Space): from a fresh page, reach "Load example", load it, reach
/// "Screen shipment", screen; focus lands on the verdict; Tab reaches the "Why" block's first
/// finding and Enter follows it.
#[test]
fn keyboard_only_walk_through_of_the_form_and_the_report() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let b = browser("keyboard").await;
        b.open().await;
        // The first Tab reaches the skip link.
        let n = b.tab_until("the skip link", "el.classList.contains('skip')", 3).await;
        assert_eq!(n, 1, "the skip link is the first stop");
        b.tab_until("Load example", "el.id === 'load-example'", 30).await;
        b.shot("44-keyboard-focus").await;
        b.key('\u{E007}').await;
        b.until(
            "the example in the form",
            10,
            "[...document.querySelectorAll('input')].some(i => i.value.includes('Hassan'))",
        )
        .await;
        let presses = b.tab_until("Screen shipment", "el.id === 'screen-button'", 400).await;
        println!("Tab presses from Load example to Screen shipment: {presses}");
        b.key(' ').await;
        assert_eq!(b.verdict().await, "STOP");
        b.until("focus on the verdict", 10, "document.activeElement && document.activeElement.id === 'verdict'").await;
        b.tab_until("the Why block", "el.closest('#why') && el.tagName === 'A'", 40).await;
        let target = b.js("return document.activeElement.getAttribute('href')").await;
        b.key('\u{E007}').await;
        let hash = b.js("return location.hash").await;
        assert_eq!(hash, target, "Enter followed the link to the deciding finding");
        assert_eq!(
            b.js(&format!("return !!document.querySelector('#why {}')", target.as_str().unwrap_or("#none"))).await,
            json!(true),
            "the finding is in the Why block"
        );
        b.shot("46-keyboard-why").await;
        b.finish().await;
    });
}

/// The page's event-loop delay while a 1,000-row batch runs in the worker (a 20 ms interval
/// timer's lateness), printed. A measurement, not a test: the functional check is in
/// `batch_of_1000_rows_runs_in_the_worker_and_the_page_stays_responsive`.
#[test]
#[ignore = "measurement: run with --ignored --nocapture"]
fn measure_batch_page_delay() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let csv = party_csv(1000, "1k-delay");
        let b = browser("batch-delay").await;
        b.open().await;
        b.click("#tab-batch").await;
        b.record_responsiveness().await;
        b.choose_file("#batch-file", &csv).await;
        b.until("the batch to finish", 60, "document.querySelector('#batch-finished')").await;
        let lag = b.js("clearInterval(window.__lagTimer); return window.__lag").await;
        println!(
            "batch 1,000 rows: page event-loop delay max {:.1} ms over {} samples of 20 ms",
            lag["max"].as_f64().unwrap_or(-1.0),
            lag["samples"]
        );
        let _ = std::fs::remove_file(&csv);
        b.finish().await;
    });
}

/// A precache that fails (a file of the app missing on the server) is reported, "Offline use
/// not available yet: …", and the app works online all the same. The notice (the same markup as
/// the update prompt) passes axe.
#[test]
fn a_failed_precache_is_reported_and_the_app_still_works() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let site = std::env::temp_dir().join(format!("catchall-e2e-precache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&site);
        copy_dir(&root().join("dist"), &site);
        // A file the service worker precaches but the app page itself never loads.
        std::fs::remove_file(site.join("static/bench.js")).expect("remove a precached file");
        let b = browser_serving("precache", site.clone(), "/").await;
        b.open().await;
        b.until("the precache failure notice", 60, "document.getElementById('offline-status')").await;
        let msg = b.text("#offline-status").await;
        assert!(msg.starts_with("Offline use not available yet: "), "{msg}");
        let found = b.axe("offline-not-available notice").await;
        assert!(found.is_empty(), "{found:?}");
        b.shot("47-offline-not-available").await;
        assert_eq!(b.screen_chashma().await, "STOP", "the app works online");
        let caches = b.js("return caches.keys()").await;
        let precaches: Vec<&Value> = caches
            .as_array()
            .map(|a| a.iter().filter(|k| k.as_str().is_some_and(|k| k.starts_with("catchall-"))).collect())
            .unwrap_or_default();
        assert!(precaches.is_empty(), "no half-filled precache is left: {caches}");
        b.finish().await;
        let _ = std::fs::remove_dir_all(&site);
    });
}

/// Imported lists across two windows: a list imported in one shows in the other without a
/// reload; removed in the other, it is not saved back by the first (whose Lists screen checks
/// storage for lists it lost), in storage and on screen.
#[test]
fn two_windows_share_list_imports_and_removals() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let b = browser("two-tabs-lists").await;
        b.open().await;
        let w1 = b.client.window().await.expect("the first window");
        let w2 = b.client.new_window(false).await.expect("a second window").handle;
        b.client.switch_to_window(w2.clone()).await.expect("window 2");
        b.open().await;
        b.click("#tab-lists").await;
        b.client.switch_to_window(w1.clone()).await.expect("window 1");
        b.click("#tab-lists").await;
        b.import_list(&root().join("tests/fixtures/lists/csl_isn_dtc_2023-11.csv")).await;
        b.until("the import to finish", 30, "document.querySelector('#import-status .ok')").await;
        b.el("tr[data-list='us_isn']").await;
        b.client.switch_to_window(w2.clone()).await.expect("window 2");
        b.until("the other window's import listed", 20, "document.querySelector(\"tr[data-list='us_isn']\")").await;
        assert!(b.text("tr[data-list='us_isn']").await.contains("imported"));
        b.click("button[aria-label='Remove imported list us_isn']").await;
        b.until("the list removed", 10, "!document.querySelector(\"tr[data-list='us_isn']\")").await;
        b.client.switch_to_window(w1.clone()).await.expect("window 1");
        b.until("the removal seen in window 1", 20, "!document.querySelector(\"tr[data-list='us_isn']\")").await;
        // Window 1 opens Lists again (its check for lost lists runs): nothing comes back.
        b.click("#tab-form").await;
        b.click("#tab-lists").await;
        b.el("#lists-table").await;
        // The check is asynchronous and shows nothing when storage holds every list: give it
        // time to (wrongly) save the removed list back before looking.
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let stored = b
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 caches.open('catchall.imported-lists.v1').then(c => c.keys()).then(k => done(k.map(r => r.url)));",
                vec![],
            )
            .await
            .expect("the saved lists");
        let stored: Vec<String> = stored
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .filter_map(|u| u.as_str().map(str::to_string))
            .collect();
        assert!(!stored.iter().any(|u| u.contains("us_isn")), "the removed list was not saved back: {stored:?}");
        assert!(stored.iter().any(|u| u.contains("us_ddtc_debarred")), "the other imported list stays: {stored:?}");
        assert_eq!(b.rows("tr[data-list='us_isn']").await, 0);
        b.shot("48-two-windows-lists").await;
        b.assert_stayed_local().await;
        b.finish().await;
    });
}

/// The worker loads the index built at build time (`static/lists/index.bin`) instead of
/// indexing the lists; when that file is damaged (or stale: same check) it says so in the
/// console and builds the index from the lists, and the verdict is the same.
#[test]
fn the_worker_loads_the_prebuilt_index_and_builds_when_it_is_damaged() {
    if !enabled() {
        return;
    }
    rt().block_on(async {
        let steps = |b: &Browser| {
            let c = b.client.clone();
            async move {
                let v = c
                    .execute(
                        "return performance.getEntriesByType('measure').map(m => m.name).filter(n => n.startsWith('catchall-worker:'))",
                        vec![],
                    )
                    .await
                    .expect("measures");
                serde_json::from_value::<Vec<String>>(v).unwrap_or_default()
            }
        };
        let b = browser("prebuilt-index").await;
        b.open().await;
        assert_eq!(b.screen_chashma().await, "STOP");
        let s = steps(&b).await;
        assert!(s.iter().any(|n| n == "catchall-worker:load index"), "loaded from bytes: {s:?}");
        assert!(!s.iter().any(|n| n == "catchall-worker:build index"), "not built: {s:?}");
        b.finish().await;

        let site = std::env::temp_dir().join(format!("catchall-e2e-damaged-index-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&site);
        copy_dir(&root().join("dist"), &site);
        let file = site.join("static/lists/index.bin");
        let mut bytes = std::fs::read(&file).expect("dist/static/lists/index.bin (built by the Trunk hook)");
        let mid = bytes.len() / 2;
        bytes[mid] ^= 0x10;
        std::fs::write(&file, bytes).expect("write");
        let b = browser_serving("damaged-index", site.clone(), "/").await;
        b.open().await;
        assert_eq!(b.screen_chashma().await, "STOP", "the same verdict from the lists");
        let s = steps(&b).await;
        assert!(s.iter().any(|n| n == "catchall-worker:build index"), "built from the lists: {s:?}");
        b.finish().await;
        let _ = std::fs::remove_dir_all(&site);
    });
}
