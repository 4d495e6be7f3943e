//! The JavaScript API exported from the wasm module (feature `web`), used by the app and by
//! pages that embed Catchall (see `static/embed.html`):
//!
//! ```js
//! import init, { loadData, screen, match, classify, version } from './catchall-web.js';
//! await init();
//! await loadData();   // fetches the bundled lists and Annex I from the site
//! const report = screen({ jurisdiction: 'EU:DE', items: [...], parties: {...} });
//! // → { verdict: 'CLEAR' | 'REVIEW' | 'LICENCE_REQUIRED' | 'STOP', findings: [...], ... }
//! ```
//!
//! Every function returns plain JSON-shaped values. Bad input is thrown as an error object
//! `{ field, message }` where `field` is the JSON path of the offending value
//! (`parties.end_user.country`), or `""` when the whole input is wrong. Nothing panics on
//! user input, nothing leaves the browser.

use crate::model::InputError;
use crate::screening::{Context, EntityKind, PartyScreener, Query};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// What the browser loaded: the restricted-party index (bundled lists plus any imported
/// ones) and the Annex I classifier. The index is rebuilt when the imported lists change,
/// so it is reference-counted rather than leaked; Annex I never changes and is leaked once.
#[derive(Clone)]
struct Loaded {
    parties: std::rc::Rc<crate::names::Index>,
    controls: Option<&'static crate::classify::Annex1>,
    /// The bundled list files as fetched (`file`, bytes): re-decoded when the index is
    /// rebuilt with imported lists, which costs less memory than keeping them decoded.
    bundled: std::rc::Rc<Vec<(String, Vec<u8>)>>,
    /// The bundled lists' metadata (also of those an imported copy replaces).
    bundled_metas: Vec<crate::screening::ListMeta>,
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
                None => &crate::screening::NoControls,
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

/// Waits `ms` milliseconds through the global `setTimeout` (in a page or a worker), which
/// also lets the event loop run: rendering, input, queued messages.
pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let global = js_sys::global();
        let set_timeout =
            js_sys::Reflect::get(&global, &"setTimeout".into()).ok().and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok());
        let scheduled = set_timeout.is_some_and(|f| f.call2(&global, &resolve, &JsValue::from(ms)).is_ok());
        if !scheduled {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
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
    let resp = request
        .await
        .map_err(|e| format!("{url}: {}", js_err(&e)))?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| format!("{url}: not a response"))?;
    if !resp.ok() {
        return Err(format!("{url}: HTTP {}", resp.status()));
    }
    let buf = wasm_bindgen_futures::JsFuture::from(resp.array_buffer().map_err(|e| format!("{url}: {}", js_err(&e)))?)
        .await
        .map_err(|e| format!("{url}: {}", js_err(&e)))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

fn js_err(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| js_sys::Reflect::get(e, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| "request failed".into())
}

/// What [`load_data`] loaded, for the status line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DataSummary {
    pub lists: Vec<crate::screening::ListMeta>,
    pub entries: usize,
    /// Annex I loaded (the classifier and the item checks); `false` if its file failed.
    pub annex1: bool,
    /// Files that could not be used (the rest still load).
    pub problems: Vec<String>,
}

/// Fetches the bundled restricted-party lists (`static/lists/index.json` and its files) and
/// the Annex I index (`annex1.json`) from `base` (the app's own origin, e.g. `./`), decodes
/// them and, with `imported` (lists the user imported, which replace bundled lists with the
/// same id), makes every later screening use them. Loads once; later calls return the
/// summary of what is loaded (use [`set_imported`] to change the imported lists).
pub async fn load_data_from(base: &str, imported: &[crate::lists::List]) -> Result<DataSummary, String> {
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
    // Annex I and the manifest are requested together, then every list at once.
    let annex_url = format!("{base}annex1.json");
    let annex_request = start_fetch(&annex_url);
    let index_url = format!("{base}static/lists/index.json");
    let manifest: Manifest = serde_json::from_slice(&fetch_bytes(&index_url).await?).map_err(|e| format!("{index_url}: {e}"))?;
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
    let annex_bytes = match annex_request {
        Ok(r) => body_bytes(&annex_url, r).await,
        Err(e) => Err(e),
    };
    let controls = match annex_bytes {
        Ok(bytes) => match crate::classify::Annex1::from_bytes(&bytes) {
            Ok(a) => Some(&*Box::leak(Box::new(a))),
            Err(e) => {
                problems.push(format!("annex1.json: {}", e.0));
                None
            }
        },
        Err(e) => {
            problems.push(e);
            None
        }
    };
    // A concurrent call may have finished first: keep the first.
    if let Some(l) = loaded() {
        return Ok(summary(&l));
    }
    let bundled = std::rc::Rc::new(files);
    let (index, bundled_metas, decode_problems) = build_index(&bundled, imported);
    problems.extend(decode_problems);
    if index.lists().is_empty() {
        return Err(format!("no restricted-party list could be loaded: {}", problems.join("; ")));
    }
    let l = Loaded { parties: std::rc::Rc::new(index), controls, bundled, bundled_metas, problems };
    let s = summary(&l);
    LOADED.with(|cell| *cell.borrow_mut() = Some(l));
    Ok(s)
}

/// Decodes the bundled files and builds one index over them and the imported lists (an
/// imported list replaces the bundled list with the same id).
fn build_index(
    bundled: &[(String, Vec<u8>)],
    imported: &[crate::lists::List],
) -> (crate::names::Index, Vec<crate::screening::ListMeta>, Vec<String>) {
    let mut problems = Vec::new();
    let mut lists = Vec::new();
    for (file, bytes) in bundled {
        match crate::lists::bundle::decode(file, bytes) {
            Ok(list) => lists.push(list),
            Err(e) => problems.push(e.to_string()),
        }
    }
    let metas = lists.iter().map(|l| l.meta.clone()).collect();
    let lists = crate::ui::lists_state::combined(lists, imported);
    (crate::names::Index::build(lists), metas, problems)
}

fn summary(l: &Loaded) -> DataSummary {
    let lists = l.parties.lists();
    DataSummary { entries: lists.iter().map(|m| m.entries).sum(), lists, annex1: l.controls.is_some(), problems: l.problems.clone() }
}

/// Rebuilds the index over the bundled lists and `imported` (after an import or a removal).
/// Errors when the bundled data has not been loaded yet.
pub fn set_imported(imported: &[crate::lists::List]) -> Result<DataSummary, String> {
    let Some(mut l) = loaded() else { return Err("the bundled lists are not loaded yet".into()) };
    // Drop the old index first: two of them at once would double the memory peak.
    l.parties = std::rc::Rc::new(crate::names::Index::build(Vec::new()));
    LOADED.with(|cell| *cell.borrow_mut() = Some(l.clone()));
    let (index, _, problems) = build_index(&l.bundled, imported);
    l.parties = std::rc::Rc::new(index);
    l.problems = problems;
    let s = summary(&l);
    LOADED.with(|cell| *cell.borrow_mut() = Some(l));
    Ok(s)
}

/// The bundled lists' metadata, including lists an imported copy replaces.
pub fn bundled_lists() -> Vec<crate::screening::ListMeta> {
    loaded().map(|l| l.bundled_metas).unwrap_or_default()
}

/// The metadata of every list screenings use now (bundled and imported).
pub fn loaded_lists() -> Vec<crate::screening::ListMeta> {
    loaded().map(|l| l.parties.lists()).unwrap_or_default()
}

/// `await loadData(base?)`: loads the bundled lists and Annex I from the site (`base`
/// defaults to `./`) so that `screen`, `match` and `classify` use them. Resolves to
/// `{lists, entries, annex1, problems}`; rejects with `{field: "", message}`.
#[wasm_bindgen(js_name = "loadData")]
pub async fn load_data(base: Option<String>) -> Result<JsValue, JsValue> {
    let base = base.unwrap_or_else(|| "./".into());
    match load_data_from(&base, &[]).await {
        Ok(s) => to_js(&s),
        Err(m) => Err(error_value(&InputError::new("", m))),
    }
}

/// Screens a parsed shipment with the browser's context. The UI calls this too.
pub fn screen_shipment(shipment: &crate::Shipment) -> crate::Report {
    with_context(|ctx| crate::rules::screen(shipment, ctx))
}

/// The field path as the API promises it: `""` for the whole input. (serde_path_to_error
/// reports `?` when the text is not JSON at all.)
pub fn field_path(e: &InputError) -> &str {
    match e.field.as_str() {
        "?" | "." => "",
        f => f,
    }
}

fn error_value(e: &InputError) -> JsValue {
    let o = js_sys::Object::new();
    // Reflect::set on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(&o, &"field".into(), &JsValue::from_str(field_path(e)));
    let _ = js_sys::Reflect::set(&o, &"message".into(), &JsValue::from_str(&e.message));
    o.into()
}

fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| error_value(&InputError::new("", format!("could not encode the answer: {e}"))))
}

/// A JS value as JSON text: strings are taken as JSON already, objects are stringified.
fn json_text(v: &JsValue, what: &str) -> Result<String, InputError> {
    if let Some(s) = v.as_string() {
        return Ok(s);
    }
    if v.is_undefined() || v.is_null() {
        return Err(InputError::new("", format!("{what} is missing")));
    }
    match js_sys::JSON::stringify(v) {
        Ok(s) => s.as_string().ok_or_else(|| InputError::new("", format!("{what} is not JSON"))),
        Err(_) => Err(InputError::new("", format!("{what} could not be read as JSON (cycles or BigInt?)"))),
    }
}

/// Parses and validates shipment JSON (a JS object or a JSON string).
pub fn parse(v: &JsValue) -> Result<crate::Shipment, InputError> {
    crate::parse_shipment(&json_text(v, "the shipment")?)
}

/// `screen(shipment) → report`: the verdict, findings with citations and evidence,
/// obligations, the lists used and `rules_as_of`. Throws `{field, message}` on bad input.
#[wasm_bindgen]
pub fn screen(shipment: JsValue) -> Result<JsValue, JsValue> {
    let s = parse(&shipment).map_err(|e| error_value(&e))?;
    to_js(&screen_shipment(&s).to_json())
}

/// `match({name, country?, kind?}) → hits`: screens one name against the loaded lists
/// (call `loadData()` first),
/// best first, each hit explaining itself. A bare string is taken as the name.
#[wasm_bindgen(js_name = "match")]
pub fn match_party(query: JsValue) -> Result<JsValue, JsValue> {
    let q = if let Some(name) = query.as_string() {
        Query { name, country: None, kind: EntityKind::Unknown }
    } else {
        let text = json_text(&query, "the query").map_err(|e| error_value(&e))?;
        let de = &mut serde_json::Deserializer::from_str(&text);
        serde_path_to_error::deserialize::<_, Query>(de)
            .map_err(|e| error_value(&InputError::new(e.path().to_string().trim_start_matches('.'), e.into_inner().to_string())))?
    };
    if q.name.trim().is_empty() {
        return Err(error_value(&InputError::new("name", "is empty")));
    }
    to_js(&with_context(|ctx| ctx.parties.screen(&q)))
}

/// `classify(code) → entry | null`: what the control list says about a code
/// (e.g. `1C010.b`): title, text, regime, category. `null` when the code is not listed
/// or no control-list data is loaded (call `loadData()` first).
#[wasm_bindgen]
pub fn classify(code: &str) -> Result<JsValue, JsValue> {
    if code.trim().is_empty() {
        return Err(error_value(&InputError::new("code", "is empty")));
    }
    match with_context(|ctx| ctx.controls.lookup(code)) {
        Some(info) => to_js(&info),
        None => Ok(JsValue::NULL),
    }
}

/// The loaded Annex I index, once [`load_data`] has fetched it.
pub fn annex1() -> Option<&'static crate::classify::Annex1> {
    LOADED.with(|l| l.borrow().as_ref().and_then(|l| l.controls))
}

/// `classifySearch(query, limit?) → [candidate]`: ranked control-list entries for an item
/// described in the exporter's own words ("frequency inverter 800 Hz"), the same search as
/// `catchall classify`: `{code, regime, title, text, score, likely, why}` each. Empty when no
/// control-list data is loaded.
#[wasm_bindgen(js_name = "classifySearch")]
pub fn classify_search(query: &str, limit: Option<usize>) -> Result<JsValue, JsValue> {
    match annex1() {
        Some(a) => to_js(&crate::classify::search(a, query, limit.unwrap_or(5))),
        None => to_js(&Vec::<crate::classify::Candidate>::new()),
    }
}

/// The engine version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::version().to_string()
}
