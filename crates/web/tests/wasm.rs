//! The JS API exported from the wasm module (`catchall_web::api`), tested in headless
//! Chromium with wasm-bindgen-test:
//!
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p catchall-web --test wasm`
//!
//! (runner and browser flags: `.cargo/config.toml`, `webdriver.json`).

#![cfg(target_arch = "wasm32")]

use catchall_web::api;
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

/// The engine answers in the screening worker (`catchall_web::worker::screen`), which is
/// exactly the engine's `rules::screen` over the worker's loaded data; here, with no lists
/// loaded, it must equal the engine with an empty context. (The page-to-worker round trip is
/// tested in the browser e2e tests, which serve the worker script.)
#[wasm_bindgen_test]
fn the_workers_screening_is_the_engines_report() {
    let s = catchall::parse_shipment(CHASHMA).expect("valid");
    let got = catchall_web::worker::screen(s.clone()).expect("a report");
    let want = catchall::rules::screen(&s, &catchall::screening::Context::empty());
    assert_eq!(got, want);
    let report = got.to_json();
    let verdict = report["verdict"].as_str().unwrap_or_default();
    assert!(["CLEAR", "REVIEW", "LICENCE_REQUIRED", "STOP"].contains(&verdict), "{verdict}");
    assert!(report["rules_as_of"].as_str().is_some_and(|s| !s.is_empty()));
}

/// Bad input is rejected in the page, before any worker is asked: the Promise rejects with
/// `{field, message}`.
#[wasm_bindgen_test]
async fn malformed_shipments_give_an_error_object_naming_the_field() {
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
        let err = api::screen(input).await.expect_err(&format!("{shown} must be rejected"));
        assert_eq!(get(&err, "field").as_string().as_deref(), Some(field), "{shown}");
        let msg = get(&err, "message").as_string().unwrap_or_default();
        assert!(!msg.is_empty(), "{shown}: the error says what is wrong");
    }
}

#[wasm_bindgen_test]
async fn match_and_classify_validate_their_input() {
    let err = api::match_party(JsValue::from_str("  ")).await.expect_err("empty name");
    assert_eq!(get(&err, "field").as_string().as_deref(), Some("name"));
    let err = api::match_party(obj(r#"{"name": "X", "kind": 7}"#)).await.expect_err("bad kind");
    assert_eq!(get(&err, "field").as_string().as_deref(), Some("kind"));
    let q = api::parse_query(&obj(r#"{"name": "Hassan Scientific Corporation", "country": "PK"}"#)).expect("a query");
    assert_eq!(q.country.as_deref(), Some("PK"));
    let hits = catchall_web::worker::match_name(&q).expect("hits");
    assert!(hits.is_array());
    let err = api::classify(" ").expect_err("empty code");
    assert_eq!(get(&err, "field").as_string().as_deref(), Some("code"));
    let c = api::classify("1C010").expect("an answer");
    assert!(c.is_null() || get(&c, "code").as_string().is_some(), "null or an entry");
}
