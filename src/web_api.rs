//! The JavaScript API exported from the wasm module (feature `web`), used by the app and by
//! pages that embed Catchall (see `static/embed.html`):
//!
//! ```js
//! import init, { screen, match, classify, version } from './catchall-web.js';
//! await init();
//! const report = screen({ jurisdiction: 'EU:DE', items: [...], parties: {...} });
//! // → { verdict: 'CLEAR' | 'REVIEW' | 'LICENCE_REQUIRED' | 'STOP', findings: [...], ... }
//! ```
//!
//! Every function returns plain JSON-shaped values. Bad input is thrown as an error object
//! `{ field, message }` where `field` is the JSON path of the offending value
//! (`parties.end_user.country`), or `""` when the whole input is wrong. Nothing panics on
//! user input, nothing leaves the browser.

use crate::model::InputError;
use crate::screening::{Context, EntityKind, Query};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The engine context every screening in the browser uses: the bundled lists and the
/// control-list classifier once they are wired in; no lists until then.
pub fn context() -> Context<'static> {
    Context::empty()
}

/// Screens a parsed shipment with the browser's context. The UI calls this too.
pub fn screen_shipment(shipment: &crate::Shipment) -> crate::Report {
    crate::rules::screen(shipment, &context())
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

/// `match({name, country?, kind?}) → hits`: screens one name against the loaded lists,
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
    to_js(&context().parties.screen(&q))
}

/// `classify(code) → entry | null`: what the control list says about a code
/// (e.g. `1C010.b`): title, text, regime, category. `null` when the code is not listed
/// or no control-list data is loaded.
#[wasm_bindgen]
pub fn classify(code: &str) -> Result<JsValue, JsValue> {
    if code.trim().is_empty() {
        return Err(error_value(&InputError::new("code", "is empty")));
    }
    match context().controls.lookup(code) {
        Some(info) => to_js(&info),
        None => Ok(JsValue::NULL),
    }
}

/// The engine version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::version().to_string()
}
