//! The JS API exported from the wasm module (`catchall_web::api`), tested in headless
//! Chromium with wasm-bindgen-test:
//!
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p catchall-web --test wasm`
//!
//! (runner and browser flags: `.cargo/config.toml`, `webdriver.json`).

#![cfg(target_arch = "wasm32")]

use catchall_web::{api, runtime};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const CHASHMA: &str = include_str!("../../../data/examples/chashma_2021.json");

fn obj(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("test JSON parses")
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn native(json: &str) -> serde_json::Value {
    let s = catchall::parse_shipment(json).expect("valid");
    runtime::with_context(|ctx| catchall::rules::screen(&s, ctx)).to_json()
}

#[wasm_bindgen_test]
fn screen_answers_with_the_engines_report_for_objects_and_json_text() {
    for input in [obj(CHASHMA), JsValue::from_str(CHASHMA)] {
        let report = api::screen(input).expect("a report");
        let got: serde_json::Value = serde_wasm_bindgen::from_value(report.clone()).expect("plain JSON");
        assert_eq!(got, native(CHASHMA), "the JS API returns exactly the engine's report");
        let verdict = get(&report, "verdict").as_string().unwrap_or_default();
        assert!(["CLEAR", "REVIEW", "LICENCE_REQUIRED", "STOP"].contains(&verdict.as_str()), "{verdict}");
        assert!(js_sys::Array::is_array(&get(&report, "findings")));
        assert!(get(&report, "rules_as_of").as_string().is_some_and(|s| !s.is_empty()));
    }
}

#[wasm_bindgen_test]
fn malformed_shipments_give_an_error_object_naming_the_field() {
    let with = |path: &[&str], value: serde_json::Value| {
        let mut v: serde_json::Value = serde_json::from_str(CHASHMA).unwrap();
        let mut cur = &mut v;
        for (i, k) in path.iter().enumerate() {
            if i + 1 == path.len() {
                cur[*k] = value.clone();
            } else if let Ok(n) = k.parse::<usize>() {
                cur = &mut cur[n];
            } else {
                cur = &mut cur[*k];
            }
        }
        obj(&v.to_string())
    };
    // (input, expected `field`)
    let cases: Vec<(JsValue, &str)> = vec![
        (with(&["jurisdiction"], "Atlantis".into()), "jurisdiction"),
        (with(&["parties", "end_user", "country"], "ZZ".into()), "parties.end_user.country"),
        (with(&["items", "0", "qty"], "six".into()), "items[0].qty"),
        (with(&["items", "0", "value"], (-5).into()), "items[0].value"),
        (with(&["due_diligence", "red_flags"], serde_json::json!(["RF99"])), "due_diligence.red_flags[0]"),
        (obj(r#"{"items": []}"#), ""),
        (JsValue::from_str("{not json"), ""),
        (JsValue::UNDEFINED, ""),
        (JsValue::NULL, ""),
        (JsValue::from_f64(42.0), ""),
    ];
    for (input, field) in cases {
        let shown = format!("{input:?}");
        let err = api::screen(input).expect_err(&format!("{shown} must be rejected"));
        assert_eq!(get(&err, "field").as_string().as_deref(), Some(field), "{shown}");
        let msg = get(&err, "message").as_string().unwrap_or_default();
        assert!(!msg.is_empty(), "{shown}: the error says what is wrong");
    }
}

#[wasm_bindgen_test]
fn match_and_classify_validate_their_input() {
    let err = api::match_party(JsValue::from_str("  ")).expect_err("empty name");
    assert_eq!(get(&err, "field").as_string().as_deref(), Some("name"));
    let err = api::match_party(obj(r#"{"name": "X", "kind": 7}"#)).expect_err("bad kind");
    assert_eq!(get(&err, "field").as_string().as_deref(), Some("kind"));
    let hits = api::match_party(obj(r#"{"name": "Hassan Scientific Corporation", "country": "PK"}"#)).expect("hits");
    assert!(js_sys::Array::is_array(&hits));
    let err = api::classify(" ").expect_err("empty code");
    assert_eq!(get(&err, "field").as_string().as_deref(), Some("code"));
    let c = api::classify("1C010").expect("an answer");
    assert!(c.is_null() || get(&c, "code").as_string().is_some(), "null or an entry");
}
