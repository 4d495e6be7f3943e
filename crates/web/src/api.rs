//! The JavaScript API exported from the wasm module (`#[wasm_bindgen]` exports only), used by the app and by
//! pages that embed Catchall (see `static/embed.html`):
//!
//! ```js
//! import init, { loadData, screen, match, classify, version } from './catchall-web.js';
//! await init();
//! await loadData();   // starts the screening worker (it loads the lists) and loads Annex I
//! const report = await screen({ jurisdiction: 'EU:DE', items: [...], parties: {...} });
//! // → { verdict: 'CLEAR' | 'REVIEW' | 'LICENCE_REQUIRED' | 'STOP', findings: [...], ... }
//! ```
//!
//! `screen` and `match` return Promises: the restricted-party index lives in a Web Worker
//! (`catchall-worker_loader.js` next to `catchall-web.js`), not in the page. `classify` and
//! `classifySearch` answer at once from the page's Annex I index.
//!
//! Every function returns plain JSON-shaped values. Bad input is thrown (or the Promise
//! rejected) as an error object `{ field, message }` where `field` is the JSON path of the
//! offending value (`parties.end_user.country`), or `""` when the whole input is wrong.
//! Nothing panics on user input, nothing leaves the browser.

use crate::protocol::{FromWorker, ToWorker};
use crate::runtime::{annex1, field_path, load_annex1_from};
use catchall::model::InputError;
use catchall::screening::{EntityKind, Query};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// `await loadData(base?)`: starts the screening worker from the site (`base` defaults to
/// `./`; the worker script `catchall-worker_loader.js` must be there), which loads the
/// bundled lists and Annex I, and loads Annex I into the page for `classify`. Resolves to
/// `{lists, entries, annex1, problems}`; rejects with `{field: "", message}`.
#[wasm_bindgen(js_name = "loadData")]
pub async fn load_data(base: Option<String>) -> Result<JsValue, JsValue> {
    let base = base.unwrap_or_else(|| "./".into());
    let worker = crate::worker_client::engine_at(Some(&format!("{base}catchall-worker_loader.js")));
    // The worker starts loading now; the page's Annex I loads meanwhile.
    worker.send(&ToWorker::Warm, None);
    let annex = load_annex1_from(&base).await;
    let mut data = match worker.request(|id| ToWorker::Load { id }).await {
        Ok(FromWorker::Loaded { data: Ok(d), .. }) => d,
        Ok(FromWorker::Loaded { data: Err(m), .. }) | Err(m) => return Err(error_value(&InputError::new("", m))),
        Ok(other) => return Err(error_value(&InputError::new("", format!("unexpected answer: {other:?}")))),
    };
    if let Err(e) = annex {
        data.problems.push(format!("the page's classifier: {e}"));
    }
    // The worker's load steps are in the page's performance timeline, not in the answer.
    data.timings.clear();
    to_js(&data)
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
pub fn parse(v: &JsValue) -> Result<catchall::Shipment, InputError> {
    catchall::parse_shipment(&json_text(v, "the shipment")?)
}

/// `await screen(shipment) → report`: the verdict, findings with citations and evidence,
/// obligations, the lists used and `rules_as_of`, from the screening worker. Rejects with
/// `{field, message}` on bad input (checked in the page, before the worker is asked).
#[wasm_bindgen]
pub async fn screen(shipment: JsValue) -> Result<JsValue, JsValue> {
    let s = parse(&shipment).map_err(|e| error_value(&e))?;
    match crate::worker_client::screen(&s).await {
        Ok(report) => to_js(&report.to_json()),
        Err(m) => Err(error_value(&InputError::new("", m))),
    }
}

/// The query `match` takes: a bare string is the name.
pub fn parse_query(query: &JsValue) -> Result<Query, InputError> {
    let q = if let Some(name) = query.as_string() {
        Query { name, country: None, kind: EntityKind::Unknown, ..Default::default() }
    } else {
        let text = json_text(query, "the query")?;
        let de = &mut serde_json::Deserializer::from_str(&text);
        serde_path_to_error::deserialize::<_, Query>(de)
            .map_err(|e| InputError::new(e.path().to_string().trim_start_matches('.'), e.into_inner().to_string()))?
    };
    if q.name.trim().is_empty() {
        return Err(InputError::new("name", "is empty"));
    }
    Ok(q)
}

/// `await match({name, country?, kind?}) → hits`: screens one name against the lists the
/// screening worker loaded (call `loadData()` first), best first, each hit explaining
/// itself. A bare string is taken as the name.
#[wasm_bindgen(js_name = "match")]
pub async fn match_party(query: JsValue) -> Result<JsValue, JsValue> {
    let query = parse_query(&query).map_err(|e| error_value(&e))?;
    let answer = crate::worker_client::engine().request(|id| ToWorker::Match { id, query }).await;
    match answer {
        Ok(FromWorker::Matched { hits: Ok(hits), .. }) => to_js(&hits),
        Ok(FromWorker::Matched { hits: Err(m), .. }) | Err(m) => Err(error_value(&InputError::new("", m))),
        Ok(other) => Err(error_value(&InputError::new("", format!("unexpected answer: {other:?}")))),
    }
}

/// `classify(code) → entry | null`: what the control list says about a code
/// (e.g. `1C010.b`): title, text, regime, category. `null` when the code is not listed
/// or no control-list data is loaded (call `loadData()` first).
#[wasm_bindgen]
pub fn classify(code: &str) -> Result<JsValue, JsValue> {
    if code.trim().is_empty() {
        return Err(error_value(&InputError::new("code", "is empty")));
    }
    let Some(a) = annex1() else { return Ok(JsValue::NULL) };
    match catchall::screening::ControlList::lookup(a, code) {
        Some(info) => to_js(&info),
        None => Ok(JsValue::NULL),
    }
}

/// `classifySearch(query, limit?) → [candidate]`: ranked control-list entries for an item
/// described in the exporter's own words ("frequency inverter 800 Hz"), the same search as
/// `catchall classify`: `{code, regime, title, text, score, likely, why}` each. Empty when no
/// control-list data is loaded.
#[wasm_bindgen(js_name = "classifySearch")]
pub fn classify_search(query: &str, limit: Option<usize>) -> Result<JsValue, JsValue> {
    match annex1() {
        Some(a) => to_js(&catchall::classify::search(a, query, limit.unwrap_or(5))),
        None => to_js(&Vec::<catchall::classify::Candidate>::new()),
    }
}

/// The engine version.
#[wasm_bindgen]
pub fn version() -> String {
    catchall::version().to_string()
}

/// The build version (engine version and source hash) the page and its workers must share.
#[wasm_bindgen(js_name = "buildVersion")]
pub fn build_version() -> String {
    crate::protocol::BUILD.to_string()
}
