//! The screening worker: runs in a dedicated Web Worker (bin `catchall-worker`, built by
//! trunk with `data-type="worker"`), so that parsing list files and screening whole batch
//! files never blocks the page.
//!
//! It holds the engine the page does not: the bundled lists (fetched from the site) plus the
//! imported lists the page sends ([`ToWorker::Lists`]), indexed, and Annex I. The first
//! worker also answers the page's screenings ([`ToWorker::Screen`], [`ToWorker::Match`]).
//! Messages are JSON text in a versioned envelope (`crate::protocol::encode`); one from
//! another build is answered with [`FromWorker::Failed`] naming both builds and not acted
//! on. An import carries the files as transferable ArrayBuffers beside the JSON:
//! `{json, buffers}`.
//!
//! A batch runs in slices of about [`SLICE_MS`]: after each slice the worker posts the rows
//! and yields to its event loop, which is when a [`ToWorker::Cancel`] gets in.

use crate::protocol::{FromWorker, SavedList, ToWorker};
use catchall::batch::{self, Row, RowResult, RowView};

use catchall::lists::{bundle, List};
use catchall::screening::EntityKind;
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How long the worker screens before posting rows and checking for a cancel.
pub const SLICE_MS: f64 = 50.0;

thread_local! {
    static IMPORTED: RefCell<Vec<List>> = const { RefCell::new(Vec::new()) };
    /// The imported lists changed since the index was built.
    static IMPORTED_CHANGED: Cell<bool> = const { Cell::new(false) };
    static CANCEL: Cell<bool> = const { Cell::new(false) };
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    /// The lists are being fetched and indexed.
    static LOADING: Cell<bool> = const { Cell::new(false) };
    /// The last batch's rows, the results of this worker's part, and that part's range,
    /// for [`ToWorker::Detail`].
    static LAST: RefCell<(Vec<Row>, Vec<RowResult>, std::ops::Range<usize>)> = const { RefCell::new((Vec::new(), Vec::new(), 0..0)) };
}

fn now() -> f64 {
    js_sys::Date::now()
}

fn scope() -> Option<web_sys::DedicatedWorkerGlobalScope> {
    js_sys::global().dyn_into().ok()
}

fn post(m: &FromWorker) {
    let Some(scope) = scope() else { return };
    let text = crate::protocol::encode(m).unwrap_or_else(|e| {
        serde_json::json!({"v": crate::protocol::BUILD, "m": {"failed": {"message": format!("in the worker: {e}")}}})
            .to_string()
    });
    let _ = scope.post_message(&JsValue::from_str(&text));
}

/// A panic aborts the worker's wasm: the page would see at most "unreachable", and nothing at
/// all from a panic inside an async task (a rejected promise stays in the worker). The hook
/// logs the panic and reports it as an error of the worker (`reportError`), which reaches the
/// page's `onerror` marked [`crate::worker_client::WORKER_PANICKED`]; the page stops the
/// worker and shows the message with a reload button.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let message = format!("{}: {info}", crate::worker_client::WORKER_PANICKED);
        let report = js_sys::Reflect::get(&js_sys::global(), &"reportError".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        match report {
            Some(f) => {
                let _ = f.call1(&JsValue::UNDEFINED, &js_sys::Error::new(&message));
            }
            None => wasm_bindgen::throw_str(&message),
        }
    }));
}

/// `crate::browser::crash_test` `worker`: the page started this worker from a URL with
/// `crash-test=worker` (it does so only under WebDriver).
fn crash_test() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &"location".into())
        .and_then(|l| js_sys::Reflect::get(&l, &"search".into()))
        .ok()
        .and_then(|s| s.as_string())
        .is_some_and(|s| s.contains("crash-test=worker"))
}

/// Installs the message handler and tells the page the worker is listening.
pub fn start() {
    let Some(scope) = scope() else { return };
    let handler = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(handle);
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    post(&FromWorker::Hello);
    // Start on the bundled index now, before the page says which lists it imported: nearly
    // every visit has none, and the first screening waits for this. Imported lists that
    // arrive meanwhile are indexed by the next `ensure_loaded` (the page's `Warm`/`Load`);
    // a failure here is reported to that request too.
    wasm_bindgen_futures::spawn_local(async {
        let _ = ensure_loaded().await;
    });
}

fn handle(e: web_sys::MessageEvent) {
    let data = e.data();
    let (json, buffers) = match data.as_string() {
        Some(s) => (Some(s), None),
        None => (
            js_sys::Reflect::get(&data, &"json".into()).ok().and_then(|j| j.as_string()),
            js_sys::Reflect::get(&data, &"buffers".into()).ok().and_then(|b| b.dyn_into::<js_sys::Array>().ok()),
        ),
    };
    let msg = match json.as_deref().map(crate::protocol::decode::<ToWorker>) {
        Some(crate::protocol::Decoded::Message(m)) => m,
        Some(crate::protocol::Decoded::OtherBuild(v)) => {
            return post(&FromWorker::Failed {
                message: format!("the page is build {v} but this worker is build {}", crate::protocol::BUILD),
            })
        }
        Some(crate::protocol::Decoded::Unreadable(e)) => {
            return post(&FromWorker::Failed { message: format!("the worker got an unreadable message: {e}") })
        }
        None => return post(&FromWorker::Failed { message: "the worker got a message without JSON".into() }),
    };
    match msg {
        ToWorker::Lists { imported } => {
            if set_lists(imported) && crate::runtime::data_loaded() {
                // Loaded already: rebuild now (keeping the old index if that fails), so the
                // page's status and its next screening use the new lists.
                wasm_bindgen_futures::spawn_local(async {
                    match ensure_loaded().await {
                        Ok(()) => post(&loaded_message(None)),
                        Err(message) => post(&FromWorker::ListsRejected { message }),
                    }
                });
            }
        }
        ToWorker::Load { id } => wasm_bindgen_futures::spawn_local(async move {
            let r = ensure_loaded().await;
            post(&match r {
                Ok(()) => loaded_message(Some(id)),
                Err(e) => FromWorker::Loaded { id: Some(id), data: Err(e), bundled: Vec::new() },
            });
        }),
        ToWorker::Screen { id, shipment } => wasm_bindgen_futures::spawn_local(async move {
            if crash_test() {
                panic!("crash test: the worker panicked on purpose (crash-test=worker)");
            }
            let report = match ensure_loaded().await {
                Ok(()) => screen(*shipment),
                Err(e) => Err(e),
            };
            post(&FromWorker::Screened { id, report });
        }),
        ToWorker::Match { id, query } => wasm_bindgen_futures::spawn_local(async move {
            let hits = match ensure_loaded().await {
                Ok(()) => match_name(&query),
                Err(e) => Err(e),
            };
            post(&FromWorker::Matched { id, hits });
        }),
        ToWorker::Import { names } => import(&names, buffers),
        ToWorker::Batch { file, text, part, parts } => {
            if RUNNING.with(Cell::get) {
                post(&FromWorker::Failed { message: "a batch is already running: cancel it first".into() });
            } else {
                RUNNING.with(|r| r.set(true));
                wasm_bindgen_futures::spawn_local(async move {
                    run_batch(&file, text, part, parts).await;
                    RUNNING.with(|r| r.set(false));
                });
            }
        }
        ToWorker::Warm => wasm_bindgen_futures::spawn_local(async {
            if let Err(message) = ensure_loaded().await {
                post(&FromWorker::Failed { message });
            }
        }),
        ToWorker::Cancel => CANCEL.with(|c| c.set(true)),
        ToWorker::ListsInUse => wasm_bindgen_futures::spawn_local(async {
            match ensure_loaded().await {
                Ok(()) => post(&FromWorker::ListsInUse { lists: crate::runtime::loaded_lists() }),
                Err(message) => post(&FromWorker::RescreenFailed { message }),
            }
        }),
        ToWorker::Rescreen { items, part, .. } => wasm_bindgen_futures::spawn_local(async move {
            let t0 = now();
            // An empty share (fewer items than workers) needs no lists.
            if !items.is_empty() {
                if let Err(message) = ensure_loaded().await {
                    return post(&FromWorker::RescreenFailed { message });
                }
            }
            let results = crate::runtime::with_context(|ctx| crate::state::inbox::screen_items(&items, ctx));
            post(&FromWorker::Rescreened { part, results, lists: crate::runtime::loaded_lists(), ms: now() - t0 });
        }),
        ToWorker::Detail { index } => {
            // Every worker is asked; the one whose part holds the row answers.
            let detail = LAST.with(|l| {
                let (rows, results, range) = &*l.borrow();
                if !range.contains(&index) {
                    return None;
                }
                Some(match (rows.get(index), results.get(index - range.start)) {
                    (Some(row), Some(result)) => serde_json::json!({ "row": row, "result": result }),
                    _ => serde_json::json!({ "error": format!("row {index} was not screened (the batch was cancelled before it)") }),
                })
            });
            if let Some(detail) = detail {
                post(&FromWorker::Detail { index, detail });
            }
        }
    }
}

/// Takes the imported lists the page sent: all of them, or (when one does not decode) none,
/// keeping the lists used before and telling the page ([`FromWorker::ListsRejected`]).
/// Whether they were taken and differ from the lists held before.
fn set_lists(imported: Vec<SavedList>) -> bool {
    match decode_saved(&imported) {
        Ok(lists) => {
            // The same lists again (the page sends them at start and after every change):
            // nothing to rebuild.
            if IMPORTED.with(|i| *i.borrow() == lists) {
                return false;
            }
            IMPORTED.with(|i| *i.borrow_mut() = lists);
            IMPORTED_CHANGED.with(|c| c.set(true));
            true
        }
        Err(message) => {
            post(&FromWorker::ListsRejected { message });
            false
        }
    }
}

/// Decodes saved lists, all or nothing.
pub fn decode_saved(saved: &[SavedList]) -> Result<Vec<List>, String> {
    saved
        .iter()
        .map(|s| {
            bundle::decode(&s.id, s.bundle.as_bytes()).map_err(|e| {
                format!("the imported list {} could not be read ({e}); the lists loaded before stay in use", s.id)
            })
        })
        .collect()
}

/// What the worker screens with now, as the answer to a load (`id`) or after a rebuild.
fn loaded_message(id: Option<u64>) -> FromWorker {
    let data = crate::runtime::loaded_summary().ok_or_else(|| "the lists are not loaded".to_string());
    FromWorker::Loaded { id, data, bundled: crate::runtime::bundled_lists() }
}

/// Screens a shipment the page sent (validated again here: the page's check is not trusted
/// blindly) with the loaded lists and Annex I.
pub fn screen(shipment: catchall::Shipment) -> Result<catchall::Report, String> {
    let text = serde_json::to_string(&shipment).map_err(|e| e.to_string())?;
    let shipment = catchall::parse_shipment(&text).map_err(|e| e.to_string())?;
    Ok(crate::runtime::screen_shipment(&shipment))
}

/// Screens one name with the loaded lists: the hits as JSON, best first.
pub fn match_name(query: &catchall::screening::Query) -> Result<serde_json::Value, String> {
    if query.name.trim().is_empty() {
        return Err("name: is empty".into());
    }
    let hits = crate::runtime::with_context(|ctx| ctx.parties.screen(query));
    serde_json::to_value(hits).map_err(|e| e.to_string())
}

fn import(names: &[String], buffers: Option<js_sys::Array>) {
    let t0 = now();
    let Some(buffers) = buffers else {
        return post(&FromWorker::Failed { message: "an import message came without its files".into() });
    };
    let datas: Vec<Vec<u8>> = buffers.iter().map(|b| js_sys::Uint8Array::new(&b).to_vec()).collect();
    if datas.len() != names.len() {
        return post(&FromWorker::Failed { message: format!("{} file names but {} files", names.len(), datas.len()) });
    }
    let files: Vec<catchall::lists::import::SourceFile<'_>> =
        names.iter().zip(&datas).map(|(name, data)| catchall::lists::import::SourceFile { name, data }).collect();
    match catchall::lists::import::import(&files) {
        Err(error) => post(&FromWorker::ImportFailed { error }),
        Ok(got) => {
            let mut issues = Vec::new();
            let mut lists = Vec::new();
            let mut new = Vec::new();
            for imp in got {
                issues.extend(imp.issues);
                lists.push(SavedList { id: imp.list.meta.id.clone(), bundle: bundle::encode(&imp.list) });
                new.push(imp.list);
            }
            post(&FromWorker::Imported { lists, issues, ms: now() - t0 });
            wasm_bindgen_futures::spawn_local(async move {
                let (diffs, problems) = import_diff(new).await;
                post(&FromWorker::ImportDiff { diffs, problems });
            });
        }
    }
}

/// What each newly imported list changes against the copy it replaces: the imported copy in
/// use, else the bundled list with that id (fetched from the site's own `static/lists/`).
async fn import_diff(new: Vec<List>) -> (Vec<catchall::lists::diff::ListDiff>, Vec<String>) {
    let mut diffs = Vec::new();
    let mut problems = Vec::new();
    for list in new {
        let id = list.meta.id.clone();
        let imported = IMPORTED.with(|i| i.borrow().iter().find(|l| l.meta.id == id).cloned());
        let old = match imported {
            Some(l) => Some(l),
            None => match bundled_copy(&id).await {
                Ok(l) => l,
                Err(e) => {
                    problems.push(format!("{id}: the copy in use could not be read to compare ({e})"));
                    continue;
                }
            },
        };
        let old: Vec<List> = old.into_iter().collect();
        diffs.extend(catchall::lists::diff::diff(&old, std::slice::from_ref(&list)));
    }
    (diffs, problems)
}

/// The bundled list with this id, if the app bundles one.
async fn bundled_copy(id: &str) -> Result<Option<List>, String> {
    #[derive(serde::Deserialize)]
    struct Manifest {
        lists: Vec<ManifestList>,
    }
    #[derive(serde::Deserialize)]
    struct ManifestList {
        id: String,
        file: String,
    }
    let manifest: Manifest = serde_json::from_slice(&fetch("./static/lists/index.json").await?)
        .map_err(|e| format!("static/lists/index.json: {e}"))?;
    let Some(m) = manifest.lists.into_iter().find(|m| m.id == id) else { return Ok(None) };
    let bytes = fetch(&format!("./static/lists/{}", m.file)).await?;
    bundle::decode(&m.file, &bytes).map(Some).map_err(|e| e.to_string())
}

async fn fetch(url: &str) -> Result<Vec<u8>, String> {
    use wasm_bindgen_futures::JsFuture;
    let scope: web_sys::WorkerGlobalScope = js_sys::global().dyn_into().map_err(|_| "not in a worker".to_string())?;
    let err = |e: JsValue| format!("{url}: {}", e.as_string().unwrap_or_else(|| "request failed".into()));
    let resp: web_sys::Response =
        JsFuture::from(scope.fetch_with_str(url)).await.map_err(err)?.dyn_into().map_err(err)?;
    if !resp.ok() {
        return Err(format!("{url}: HTTP {}", resp.status()));
    }
    let buf = JsFuture::from(resp.array_buffer().map_err(err)?).await.map_err(err)?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// Loads the bundled lists with the imported ones (once; later calls wait for a load in
/// progress), or rebuilds the index when the imported lists changed.
async fn ensure_loaded() -> Result<(), String> {
    while LOADING.with(Cell::get) {
        crate::runtime::sleep_ms(20).await;
    }
    let imported = IMPORTED.with(|i| i.borrow().clone());
    if !crate::runtime::data_loaded() {
        LOADING.with(|l| l.set(true));
        IMPORTED_CHANGED.with(|c| c.set(false));
        let r = crate::runtime::load_data_from("./", &imported).await;
        LOADING.with(|l| l.set(false));
        r.map(|_| ()).map_err(|e| format!("the worker could not load the lists: {e}"))
    } else if IMPORTED_CHANGED.with(|c| c.replace(false)) {
        crate::runtime::set_imported(&imported).map(|_| ())
    } else {
        Ok(())
    }
}

async fn run_batch(file: &str, text: String, part: usize, parts: usize) {
    let t0 = now();
    CANCEL.with(|c| c.set(false));
    // The engine: bundled lists fetched once, rebuilt when the imported lists changed.
    if let Err(message) = ensure_loaded().await {
        return post(&FromWorker::Failed { message });
    }
    let parsed = batch::parse(file, &text, EntityKind::Unknown);
    drop(text);
    let b = match parsed {
        Ok(b) => b,
        Err(e) => {
            let at = if e.line > 0 { format!("{file}:{}", e.line) } else { file.to_string() };
            return post(&FromWorker::Failed { message: format!("{at}: {}", e.reason) });
        }
    };
    let total = b.rows.len();
    post(&FromWorker::Parsed { total, errors: b.errors, lists: crate::runtime::loaded_lists() });
    let range = crate::protocol::part_range(total, part, parts);
    let (mut done, end) = (range.start, range.end);
    // The rows stay here while they are screened, so any finished row can be opened.
    LAST.with(|l| *l.borrow_mut() = (b.rows, Vec::with_capacity(range.len()), range.clone()));
    while done < end && !CANCEL.with(Cell::get) {
        let slice_start = now();
        let chunk = LAST.with(|l| {
            let last = l.borrow();
            crate::runtime::with_context(|ctx| {
                let mut chunk = Vec::new();
                while done < end && now() - slice_start < SLICE_MS {
                    let part = batch::screen_chunk(&last.0, done, 8.min(end - done), ctx);
                    done += part.len();
                    chunk.extend(part);
                }
                chunk
            })
        });
        post(&FromWorker::Rows { rows: chunk.iter().map(RowView::of).collect(), csv: batch::results_csv_rows(&chunk) });
        LAST.with(|l| l.borrow_mut().1.extend(chunk));
        crate::runtime::sleep_ms(0).await;
    }
    post(&FromWorker::Finished { done: done - range.start, total, cancelled: done < end, ms: now() - t0 });
}
