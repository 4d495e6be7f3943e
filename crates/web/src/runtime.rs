//! What the page or a worker has loaded, and the engine calls over it.
//!
//! * The **page** loads only the Annex I index ([`load_annex1_from`]), for the control-list
//!   picker and the JS API's `classify`/`classifySearch`. It never builds the party index:
//!   screenings go to the screening worker (`crate::worker_client::engine`).
//! * A **worker** (`crate::worker`) loads everything ([`load_data_from`]): the bundled
//!   restricted-party lists plus any imported ones, indexed, and Annex I; it rebuilds the
//!   index when the imported lists change ([`set_imported`]: the new index is built first and
//!   replaces the old one only when that worked).
//!
//! Nothing here is exported to JavaScript.

use catchall::model::InputError;
use catchall::screening::{Context, PartyScreener};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// What the browser loaded: the restricted-party index (bundled lists plus any imported
/// ones) and the Annex I classifier. The index is rebuilt when the imported lists change,
/// so it is reference-counted rather than leaked; Annex I never changes and is leaked once.
#[derive(Clone)]
struct Loaded {
    parties: std::rc::Rc<catchall::names::Index>,
    controls: Option<&'static catchall::classify::Annex1>,
    /// The bundled list files as fetched (`file`, bytes): re-decoded when the index is
    /// rebuilt with imported lists, which costs less memory than keeping them decoded.
    /// Empty when the index was loaded from bytes ([`INDEX_FILE`]): then `bundled_index`.
    bundled: std::rc::Rc<Vec<(String, Vec<u8>)>>,
    /// The index loaded from [`INDEX_FILE`] (the same `Rc` as `parties` until imported lists
    /// replace it): the bundled lists come back from it ([`bundled_files`]) for a rebuild.
    bundled_index: Option<std::rc::Rc<catchall::names::Index>>,
    /// The bundled lists' metadata (also of those an imported copy replaces).
    bundled_metas: Vec<catchall::screening::ListMeta>,
    /// Bundled files that could not be used (reported, the rest still load).
    problems: Vec<String>,
}

thread_local! {
    static LOADED: std::cell::RefCell<Option<Loaded>> = const { std::cell::RefCell::new(None) };
}

fn loaded() -> Option<Loaded> {
    LOADED.with(|l| l.borrow().clone())
}

/// Runs `f` with the engine context every screening in the browser (or worker) uses: the
/// loaded lists and the Annex I classifier once [`load_data_from`] fetched them; no lists
/// before that.
pub fn with_context<R>(f: impl FnOnce(&Context<'_>) -> R) -> R {
    // Only the index handle is taken (a reference count), not a copy of `Loaded`: this runs
    // for every screening and every batch slice.
    let engine = LOADED.with(|l| l.borrow().as_ref().map(|l| (l.parties.clone(), l.controls)));
    match engine {
        Some((parties, controls)) => f(&Context {
            parties: &*parties,
            controls: match controls {
                Some(a) => a,
                None => &catchall::screening::NoControls,
            },
        }),
        None => f(&Context::empty()),
    }
}

/// Whether the lists are loaded.
pub fn data_loaded() -> bool {
    LOADED.with(|l| l.borrow().is_some())
}

/// The global scope's `fetch`, in a page or in a worker.
fn global_fetch(url: &str) -> Result<js_sys::Promise, String> {
    use wasm_bindgen::JsCast;
    let global = js_sys::global();
    if let Some(w) = global.dyn_ref::<web_sys::Window>() {
        Ok(w.fetch_with_str(url))
    } else if let Some(w) = global.dyn_ref::<web_sys::WorkerGlobalScope>() {
        Ok(w.fetch_with_str(url))
    } else {
        Err("no fetch in this context".into())
    }
}

/// Waits `ms` milliseconds through the global `setTimeout` (gloo's timer future; in a page or
/// a worker), which also lets the event loop run: rendering, input, queued messages.
pub async fn sleep_ms(ms: u32) {
    gloo::timers::future::TimeoutFuture::new(ms).await;
}

/// Starts a request now; [`body_bytes`] awaits it. Starting every request before awaiting any
/// lets the browser fetch them in parallel.
fn start_fetch(url: &str) -> Result<wasm_bindgen_futures::JsFuture, String> {
    Ok(wasm_bindgen_futures::JsFuture::from(global_fetch(url)?))
}

async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    body_bytes(url, start_fetch(url)?).await
}

async fn body_bytes(url: &str, request: wasm_bindgen_futures::JsFuture) -> Result<Vec<u8>, String> {
    use wasm_bindgen::JsCast;
    let resp = request.await.map_err(|e| format!("{url}: {}", js_err(&e)))?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| format!("{url}: not a response"))?;
    if !resp.ok() {
        return Err(format!("{url}: HTTP {}", resp.status()));
    }
    let buf = wasm_bindgen_futures::JsFuture::from(resp.array_buffer().map_err(|e| format!("{url}: {}", js_err(&e)))?)
        .await
        .map_err(|e| format!("{url}: {}", js_err(&e)))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// The request for the index file: the one the worker's loader started
/// (`catchallIndexPrefetch`, `static/catchall-worker_loader.js`: an ArrayBuffer downloaded on
/// a thread of its own) when there is one, else a new one read as a Blob. A Blob's body is
/// stored by the browser as it arrives, so the download does not wait while this thread
/// decodes Annex I (an ArrayBuffer body would).
fn start_index_fetch(url: &str) -> Result<wasm_bindgen_futures::JsFuture, String> {
    if let Some(p) = take_index_prefetch() {
        return Ok(wasm_bindgen_futures::JsFuture::from(p));
    }
    let response = global_fetch(url)?;
    let to_blob = Closure::once_into_js(|r: JsValue| -> JsValue {
        use wasm_bindgen::JsCast;
        match r.dyn_into::<web_sys::Response>() {
            Ok(r) if r.ok() => r.blob().map(JsValue::from).unwrap_or_else(|e| js_sys::Promise::reject(&e).into()),
            Ok(r) => js_sys::Promise::reject(&JsValue::from_str(&format!("HTTP {}", r.status()))).into(),
            Err(_) => js_sys::Promise::reject(&JsValue::from_str("not a response")).into(),
        }
    });
    let then = js_sys::Reflect::get(&response, &"then".into())
        .ok()
        .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok())
        .ok_or("fetch gave no promise")?;
    let blob = then.call1(&response, &to_blob).map_err(|e| format!("{url}: {}", js_err(&e)))?;
    Ok(wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(blob)))
}

/// Takes (and clears) the index request the worker's loader started, if any: used once, and
/// dropped when the index is built from the lists instead, so its Blob can be freed.
fn take_index_prefetch() -> Option<js_sys::Promise> {
    use wasm_bindgen::JsCast;
    let global = js_sys::global();
    let key = JsValue::from_str("catchallIndexPrefetch");
    let p = js_sys::Reflect::get(&global, &key).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    let _ = js_sys::Reflect::set(&global, &key, &JsValue::UNDEFINED);
    Some(p)
}

/// The bytes of the index request from [`start_index_fetch`]: an ArrayBuffer (downloaded on
/// the loader's own thread and transferred here) or a Blob (read into this thread now).
async fn index_bytes(url: &str, request: wasm_bindgen_futures::JsFuture) -> Result<Vec<u8>, String> {
    use wasm_bindgen::JsCast;
    let body = request.await.map_err(|e| format!("{url}: {}", js_err(&e)))?;
    // When the download ended, apart from reading it into this thread.
    let t0 = clock();
    timed("index downloaded", t0);
    // The loader's download thread says when it ran (`catchallIndexDownload`).
    let ran = js_sys::Reflect::get(&js_sys::global(), &"catchallIndexDownload".into()).ok();
    if let Some(ran) = ran.and_then(|r| r.dyn_into::<js_sys::Array>().ok()) {
        if let (Some(start), Some(end)) = (ran.get(0).as_f64(), ran.get(1).as_f64()) {
            TIMINGS.with(|t| t.borrow_mut().push(Timing { name: "index download (own thread)".into(), start, end }));
        }
    }
    let buf = match body.dyn_into::<js_sys::ArrayBuffer>() {
        Ok(buf) => buf,
        Err(body) => {
            let blob: web_sys::Blob = body.dyn_into().map_err(|_| format!("{url}: not a file"))?;
            wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
                .await
                .map_err(|e| format!("{url}: {}", js_err(&e)))?
                .dyn_into()
                .map_err(|_| format!("{url}: not a file"))?
        }
    };
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

fn js_err(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| js_sys::Reflect::get(e, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| "request failed".into())
}

/// What [`load_data`] loaded, for the status line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DataSummary {
    pub lists: Vec<catchall::screening::ListMeta>,
    pub entries: usize,
    /// Annex I loaded (the classifier and the item checks); `false` if its file failed.
    pub annex1: bool,
    /// Files that could not be used (the rest still load).
    pub problems: Vec<String>,
    /// How long each step of the load took in the worker (the page shows them in its
    /// performance timeline, [`measure_in_page`]); not part of the JS API's answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timings: Vec<Timing>,
}

/// One step of loading the lists, timed where it ran: `start` and `end` in milliseconds on
/// the shared clock `performance.timeOrigin + performance.now()`, so the page can place a
/// worker's steps on its own timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Timing {
    pub name: String,
    pub start: f64,
    pub end: f64,
}

thread_local! {
    /// The steps of the load in progress or done ([`DataSummary::timings`]).
    static TIMINGS: std::cell::RefCell<Vec<Timing>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Milliseconds on the clock shared by the page and its workers (`timeOrigin + now()`);
/// 0 outside a browser (native tests).
pub fn clock() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let global = js_sys::global();
        let perf = if let Some(w) = global.dyn_ref::<web_sys::Window>() {
            w.performance()
        } else if let Some(w) = global.dyn_ref::<web_sys::WorkerGlobalScope>() {
            w.performance()
        } else {
            None
        };
        if let Some(p) = perf {
            return p.time_origin() + p.now();
        }
    }
    0.0
}

/// Records that step `name` ran from `start` ([`clock`]) until now.
pub fn timed(name: &str, start: f64) {
    let end = clock();
    TIMINGS.with(|t| t.borrow_mut().push(Timing { name: name.into(), start, end }));
}

/// Adds a worker's load steps to the page's performance timeline as measures named
/// `catchall-worker:<step>` (once each), for the e2e timing and the browser's profiler.
pub fn measure_in_page(timings: &[Timing]) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let Some(perf) = web_sys::window().and_then(|w| w.performance()) else { return };
        let origin = perf.time_origin();
        for t in timings {
            let name = format!("catchall-worker:{}", t.name);
            if perf.get_entries_by_name(&name).length() > 0 {
                continue;
            }
            let opts = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&opts, &"start".into(), &JsValue::from_f64(t.start - origin));
            let _ = js_sys::Reflect::set(&opts, &"end".into(), &JsValue::from_f64(t.end - origin));
            let measure =
                js_sys::Reflect::get(&perf, &"measure".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
            if let Some(f) = measure {
                let _ = f.call2(&perf, &JsValue::from_str(&name), &opts);
            }
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = timings;
}

/// The index over the bundled lists, built at build time (`xtask build-index`, Trunk.toml).
pub const INDEX_FILE: &str = "static/lists/index.bin";

/// The hash of the bundled list files this build ships (`build.rs`): the index file is used
/// only when it was built from exactly these.
pub const LISTS_HASH: &str = env!("CATCHALL_LISTS_HASH");

/// The index file's bytes as an index, when it was built by this engine from this build's
/// bundled lists ([`LISTS_HASH`]); else why not.
pub fn index_from_bytes(bytes: &[u8]) -> Result<catchall::names::Index, String> {
    let sources = u64::from_str_radix(LISTS_HASH, 16).map_err(|e| format!("LISTS_HASH: {e}"))?;
    let index = catchall::names::Index::from_bytes(bytes, sources).map_err(|e| format!("{INDEX_FILE}: {e}"))?;
    if index.lists().is_empty() {
        return Err(format!("{INDEX_FILE} holds no list"));
    }
    Ok(index)
}

/// Fetches the bundled restricted-party lists (`static/lists/index.json` and its files) and
/// the Annex I index (`annex1.json`) from `base` (the app's own origin, e.g. `./`), decodes
/// them and, with `imported` (lists the user imported, which replace bundled lists with the
/// same id), makes every later screening use them. Loads once; later calls return the
/// summary of what is loaded (use [`set_imported`] to change the imported lists).
pub async fn load_data_from(base: &str, imported: &[catchall::lists::List]) -> Result<DataSummary, String> {
    #[derive(serde::Deserialize)]
    struct Manifest {
        lists: Vec<ManifestList>,
    }
    #[derive(serde::Deserialize)]
    struct ManifestList {
        file: String,
    }
    if let Some(l) = loaded() {
        return Ok(summary(&l));
    }
    // Annex I and the index (or the manifest, then every list) are requested together.
    let t0 = clock();
    let annex_url = format!("{base}annex1.json");
    let annex_request = start_fetch(&annex_url);
    // Annex I decoded once, whichever way the index comes.
    let mut annex_done: Option<(Option<&'static catchall::classify::Annex1>, Vec<String>)> = None;
    // With only the bundled lists, the index built at build time is loaded as it is; with
    // imported lists (or when that file is missing, stale or damaged) it is built here.
    let mut annex_request = Some(annex_request);
    if imported.is_empty() {
        let url = format!("{base}{INDEX_FILE}");
        let index_request = start_index_fetch(&url);
        // Annex I (small) is decoded while the index file (large) is still arriving.
        if let Some(request) = annex_request.take() {
            annex_done = Some(annex(&annex_url, request).await);
            timed("fetch and decode annex1", t0);
        }
        let index = match index_request {
            Ok(r) => index_bytes(&url, r).await,
            Err(e) => Err(e),
        };
        let index = match index {
            Ok(bytes) => {
                timed("fetch index", t0);
                let t1 = clock();
                let r = index_from_bytes(&bytes);
                drop(bytes);
                timed("load index", t1);
                r
            }
            Err(e) => Err(e),
        };
        match index {
            Ok(index) => {
                if let Some(l) = loaded() {
                    return Ok(summary(&l));
                }
                let (controls, problems) = annex_done.take().unwrap_or((None, Vec::new()));
                return install_index(index, controls, problems);
            }
            Err(e) => {
                #[cfg(target_arch = "wasm32")]
                web_sys::console::warn_1(&format!("building the index from the lists: {e}").into());
                #[cfg(not(target_arch = "wasm32"))]
                let _ = e;
            }
        }
    }
    // Indexed here: the index file the worker's loader may have started fetching is not used.
    drop(take_index_prefetch());
    let t0 = clock();
    let index_url = format!("{base}static/lists/index.json");
    let manifest: Manifest =
        serde_json::from_slice(&fetch_bytes(&index_url).await?).map_err(|e| format!("{index_url}: {e}"))?;
    timed("fetch manifest", t0);
    let t0 = clock();
    let mut problems = Vec::new();
    let mut files = Vec::new();
    let requests: Vec<(&ManifestList, String, Result<wasm_bindgen_futures::JsFuture, String>)> = manifest
        .lists
        .iter()
        .map(|m| {
            let url = format!("{base}static/lists/{}", m.file);
            let request = start_fetch(&url);
            (m, url, request)
        })
        .collect();
    for (m, url, request) in requests {
        let bytes = match request {
            Ok(r) => body_bytes(&url, r).await,
            Err(e) => Err(e),
        };
        match bytes {
            Ok(bytes) => files.push((m.file.clone(), bytes)),
            Err(e) => problems.push(e),
        }
    }
    timed("fetch lists", t0);
    let (controls, annex_problems) = match (annex_done, annex_request) {
        (Some(done), _) => done,
        (None, Some(request)) => {
            let t0 = clock();
            let r = annex(&annex_url, request).await;
            timed("fetch and decode annex1", t0);
            r
        }
        (None, None) => (None, vec![format!("{annex_url}: not requested")]),
    };
    problems.extend(annex_problems);
    // A concurrent call may have finished first: keep the first.
    if let Some(l) = loaded() {
        return Ok(summary(&l));
    }
    install(files, controls, problems, imported)
}

/// Awaits the Annex I request and decodes it (leaked: it never changes); what went wrong.
async fn annex(
    url: &str,
    request: Result<wasm_bindgen_futures::JsFuture, String>,
) -> (Option<&'static catchall::classify::Annex1>, Vec<String>) {
    let bytes = match request {
        Ok(r) => body_bytes(url, r).await,
        Err(e) => Err(e),
    };
    match bytes {
        Ok(bytes) => match catchall::classify::Annex1::from_bytes(&bytes) {
            Ok(a) => (Some(&*Box::leak(Box::new(a))), vec![]),
            Err(e) => (None, vec![format!("annex1.json: {}", e.0)]),
        },
        Err(e) => (None, vec![e]),
    }
}

/// Makes every later screening in this thread use `index`, loaded from [`INDEX_FILE`] (the
/// bundled lists only), with `controls`.
pub fn install_index(
    index: catchall::names::Index,
    controls: Option<&'static catchall::classify::Annex1>,
    problems: Vec<String>,
) -> Result<DataSummary, String> {
    let index = std::rc::Rc::new(index);
    let l = Loaded {
        bundled_metas: index.lists(),
        parties: index.clone(),
        controls,
        bundled: std::rc::Rc::new(Vec::new()),
        bundled_index: Some(index),
        problems,
    };
    let s = summary(&l);
    LOADED.with(|cell| *cell.borrow_mut() = Some(l));
    Ok(s)
}

/// The bundled list files for a rebuild: as fetched, or written back from the index loaded
/// from bytes (once; the files then replace that index, which is freed with the old one).
fn bundled_files(l: &mut Loaded) -> std::rc::Rc<Vec<(String, Vec<u8>)>> {
    if l.bundled.is_empty() {
        if let Some(ix) = l.bundled_index.take() {
            let files = ix
                .to_lists()
                .iter()
                .map(|list| (format!("{}.tsv", list.meta.id), catchall::lists::bundle::encode(list).into_bytes()))
                .collect();
            l.bundled = std::rc::Rc::new(files);
        }
    }
    l.bundled.clone()
}

/// Builds the index over the fetched bundled files (`file`, bytes) and `imported`, and makes
/// every later screening in this thread use it with `controls`. `problems`: what could not
/// be fetched. Fails, installing nothing, when no list at all could be decoded.
pub fn install(
    files: Vec<(String, Vec<u8>)>,
    controls: Option<&'static catchall::classify::Annex1>,
    mut problems: Vec<String>,
    imported: &[catchall::lists::List],
) -> Result<DataSummary, String> {
    let bundled = std::rc::Rc::new(files);
    let (index, bundled_metas, decode_problems) = build_index(&bundled, imported);
    problems.extend(decode_problems);
    if index.lists().is_empty() {
        return Err(format!("no restricted-party list could be loaded: {}", problems.join("; ")));
    }
    let l =
        Loaded { parties: std::rc::Rc::new(index), controls, bundled, bundled_index: None, bundled_metas, problems };
    let s = summary(&l);
    LOADED.with(|cell| *cell.borrow_mut() = Some(l));
    Ok(s)
}

/// Decodes the bundled files and builds one index over them and the imported lists (an
/// imported list replaces the bundled list with the same id).
fn build_index(
    bundled: &[(String, Vec<u8>)],
    imported: &[catchall::lists::List],
) -> (catchall::names::Index, Vec<catchall::screening::ListMeta>, Vec<String>) {
    let mut problems = Vec::new();
    let mut lists = Vec::new();
    let t0 = clock();
    for (file, bytes) in bundled {
        match catchall::lists::bundle::decode(file, bytes) {
            Ok(list) => lists.push(list),
            Err(e) => problems.push(e.to_string()),
        }
    }
    timed("decode lists", t0);
    let metas = lists.iter().map(|l| l.meta.clone()).collect();
    let lists = crate::state::lists::combined(lists, imported);
    let t0 = clock();
    let index = catchall::names::Index::build(lists);
    timed("build index", t0);
    (index, metas, problems)
}

fn summary(l: &Loaded) -> DataSummary {
    let lists = l.parties.lists();
    DataSummary {
        entries: lists.iter().map(|m| m.entries).sum(),
        lists,
        annex1: l.controls.is_some(),
        problems: l.problems.clone(),
        timings: TIMINGS.with(|t| t.borrow().clone()),
    }
}

/// Rebuilds the index over the bundled lists and `imported` (after an import or a removal).
/// The new index is built while the old one still serves, and replaces it only when the
/// build worked: on an error the lists loaded before stay in use, unchanged. (The cost: both
/// indexes are in memory for the moment of the swap.) Errors when the bundled data has not
/// been loaded yet or no list could be decoded.
pub fn set_imported(imported: &[catchall::lists::List]) -> Result<DataSummary, String> {
    let Some(mut l) = loaded() else { return Err("the bundled lists are not loaded yet".into()) };
    let bundled = bundled_files(&mut l);
    let (index, _, problems) = build_index(&bundled, imported);
    if index.lists().is_empty() {
        return Err(format!(
            "no restricted-party list could be indexed ({}); the lists loaded before stay in use",
            problems.join("; ")
        ));
    }
    l.parties = std::rc::Rc::new(index);
    l.problems = problems;
    let s = summary(&l);
    LOADED.with(|cell| *cell.borrow_mut() = Some(l));
    Ok(s)
}

/// What is loaded now, if anything.
pub fn loaded_summary() -> Option<DataSummary> {
    loaded().map(|l| summary(&l))
}

/// The bundled lists' metadata, including lists an imported copy replaces.
pub fn bundled_lists() -> Vec<catchall::screening::ListMeta> {
    loaded().map(|l| l.bundled_metas).unwrap_or_default()
}

/// The metadata of every list screenings use now (bundled and imported).
pub fn loaded_lists() -> Vec<catchall::screening::ListMeta> {
    loaded().map(|l| l.parties.lists()).unwrap_or_default()
}

/// Screens a parsed shipment with the browser's context. The UI calls this too.
pub fn screen_shipment(shipment: &catchall::Shipment) -> catchall::Report {
    with_context(|ctx| catchall::rules::screen(shipment, ctx))
}

/// The field path as the API promises it: `""` for the whole input. (serde_path_to_error
/// reports `?` when the text is not JSON at all.)
pub fn field_path(e: &InputError) -> &str {
    match e.field.as_str() {
        "?" | "." => "",
        f => f,
    }
}

thread_local! {
    /// The page's Annex I index ([`load_annex1_from`]).
    static ANNEX1: std::cell::Cell<Option<&'static catchall::classify::Annex1>> = const { std::cell::Cell::new(None) };
}

/// The loaded Annex I index: the page's ([`load_annex1_from`]) or, in a worker, the one
/// [`load_data_from`] fetched.
pub fn annex1() -> Option<&'static catchall::classify::Annex1> {
    ANNEX1.with(std::cell::Cell::get).or_else(|| LOADED.with(|l| l.borrow().as_ref().and_then(|l| l.controls)))
}

/// Fetches and decodes the Annex I index (`annex1.json` under `base`) for the page's
/// classifier (once; later calls return at once). The page loads nothing else: the party
/// index lives in the screening worker.
pub async fn load_annex1_from(base: &str) -> Result<(), String> {
    if ANNEX1.with(std::cell::Cell::get).is_some() {
        return Ok(());
    }
    let url = format!("{base}annex1.json");
    let bytes = fetch_bytes(&url).await?;
    if ANNEX1.with(std::cell::Cell::get).is_some() {
        return Ok(());
    }
    let a = catchall::classify::Annex1::from_bytes(&bytes).map_err(|e| format!("annex1.json: {}", e.0))?;
    let a: &'static catchall::classify::Annex1 = Box::leak(Box::new(a));
    // The picker searches at once: its search structures are built now, after a pause that
    // lets the page handle input between the two steps (the worker's copy, which only
    // screens, never builds them).
    sleep_ms(0).await;
    a.prepare_search();
    if ANNEX1.with(std::cell::Cell::get).is_none() {
        ANNEX1.with(|c| c.set(Some(a)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::SavedList;
    use catchall::lists::bundle;

    const CSL: &[u8] = include_bytes!("../../../tests/fixtures/lists/csl_sample.json");

    fn sample_lists() -> Vec<catchall::lists::List> {
        let files = [catchall::lists::import::SourceFile { name: "csl_sample.json", data: CSL }];
        catchall::lists::import::import(&files).expect("the sample imports").into_iter().map(|i| i.list).collect()
    }

    /// The worker's engine: bundled lists installed, then imported lists applied all or
    /// nothing; a set that cannot be read leaves the index in use as it was.
    #[test]
    fn imported_lists_replace_the_index_only_when_they_all_read() {
        let lists = sample_lists();
        assert!(lists.len() >= 2, "the sample has several lists");
        let (first, rest) = lists.split_first().expect("lists");
        let bundled = vec![(format!("{}.tsv", first.meta.id), bundle::encode(first).into_bytes())];
        let s = install(bundled, None, vec![], &[]).expect("installed");
        assert_eq!(s.lists.len(), 1);
        let name = first.entries.first().map(|e| e.name.clone()).expect("an entry");
        let hits =
            |n: &str| crate::worker::match_name(&catchall::screening::Query { name: n.into(), ..Default::default() });
        assert!(hits(&name).expect("hits").as_array().is_some_and(|a| !a.is_empty()), "{name} hits");

        let good: Vec<SavedList> =
            rest.iter().map(|l| SavedList { id: l.meta.id.clone(), bundle: bundle::encode(l) }).collect();
        let mut bad = good.clone();
        bad.push(SavedList { id: "broken".into(), bundle: "catchall-list\tgarbage".into() });
        let err = crate::worker::decode_saved(&bad).expect_err("a broken list refuses the set");
        assert!(err.contains("broken") && err.contains("stay in use"), "{err}");
        assert_eq!(loaded_lists().len(), 1, "nothing changed");

        let imported = crate::worker::decode_saved(&good).expect("the good set reads");
        let s = set_imported(&imported).expect("rebuilt");
        assert_eq!(s.lists.len(), 1 + rest.len());
        assert_eq!(loaded_summary(), Some(s));
        assert!(hits(&name).expect("hits").as_array().is_some_and(|a| !a.is_empty()), "bundled entries still hit");
        assert_eq!(bundled_lists().len(), 1);
    }

    /// The hash compiled into the worker (build.rs) is the engine's `sources_hash` of the
    /// bundled files, the one `xtask build-index` stamps on the index file.
    #[test]
    fn lists_hash_is_the_sources_hash_of_the_bundled_files() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../static/lists");
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .expect("static/lists")
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n == "index.json" || n.ends_with(".tsv"))
            .collect();
        names.sort();
        assert!(names.len() > 5, "{names:?}");
        let files: Vec<(String, Vec<u8>)> =
            names.iter().map(|n| (n.clone(), std::fs::read(dir.join(n)).expect("reads"))).collect();
        let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
        assert_eq!(format!("{:016x}", catchall::names::index::sources_hash(&refs)), LISTS_HASH);
    }

    /// The index loaded from bytes serves at once; imported lists later rebuild it from the
    /// lists it holds (no list file fetched), and a file of other lists is refused.
    #[test]
    fn an_index_loaded_from_bytes_serves_and_is_rebuilt_with_imported_lists() {
        let lists = sample_lists();
        let (first, rest) = lists.split_first().expect("lists");
        let built = catchall::names::Index::build(vec![first.clone()]);
        let ours = u64::from_str_radix(LISTS_HASH, 16).expect("hex");
        let err = index_from_bytes(&built.to_bytes(ours ^ 1)).expect_err("other lists are refused");
        assert!(err.contains("static/lists/index.bin") && err.contains("other lists"), "{err}");
        let err = index_from_bytes(b"<html>not found</html>").expect_err("a page is refused");
        assert!(err.contains("not a Catchall index"), "{err}");
        let index = index_from_bytes(&built.to_bytes(ours)).expect("loads");
        let s = install_index(index, None, vec![]).expect("installed");
        assert_eq!(s.lists, vec![first.meta.clone()]);
        let name = first.entries.first().map(|e| e.name.clone()).expect("an entry");
        let hits =
            |n: &str| crate::worker::match_name(&catchall::screening::Query { name: n.into(), ..Default::default() });
        let before = hits(&name).expect("hits");
        assert!(before.as_array().is_some_and(|a| !a.is_empty()), "{name} hits");
        let imported = crate::worker::decode_saved(
            &rest.iter().map(|l| SavedList { id: l.meta.id.clone(), bundle: bundle::encode(l) }).collect::<Vec<_>>(),
        )
        .expect("reads");
        let s = set_imported(&imported).expect("rebuilt");
        assert_eq!(s.lists.len(), 1 + rest.len());
        assert_eq!(hits(&name).expect("hits"), before, "the bundled entries hit as before");
        assert_eq!(bundled_lists(), vec![first.meta.clone()]);
        // and back to the bundled lists only: the same index as built from them
        set_imported(&[]).expect("rebuilt");
        assert_eq!(loaded_lists(), vec![first.meta.clone()]);
        assert_eq!(hits(&name).expect("hits"), before);
    }
}
