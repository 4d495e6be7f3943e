//! `parse_shipment` never panics, whatever JSON value it is given (issue 8): arbitrary values,
//! and the built-in example with one field replaced by an arbitrary value (reaches validation).

use proptest::prelude::*;
use serde_json::Value;

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null)),
        "\\PC{0,20}".prop_map(Value::String),
        proptest::sample::select(&["PK", "pk", "XX", "", "1C350", "3A225.a", "-1", "person", "organization"][..])
            .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z_]{1,12}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn example() -> Value {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/data/examples/chashma_2021.json");
    serde_json::from_str(&std::fs::read_to_string(p).expect("example shipment")).expect("example is JSON")
}

/// Every (path, value) pointer in a JSON document.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => m.iter().for_each(|(k, x)| pointers(x, format!("{at}/{k}"), out)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| pointers(x, format!("{at}/{i}"), out)),
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_never_panics(v in json_value()) {
        let _ = catchall::parse_shipment(&v.to_string());
    }

    /// The example with one field swapped for an arbitrary value: either it still parses or the
    /// error names a field.
    #[test]
    fn example_with_one_field_replaced(pick in any::<proptest::sample::Index>(), v in json_value()) {
        let mut doc = example();
        let mut ptrs = Vec::new();
        pointers(&doc, String::new(), &mut ptrs);
        let p = &ptrs[pick.index(ptrs.len())];
        if let Some(slot) = doc.pointer_mut(p) { *slot = v; }
        if let Err(e) = catchall::parse_shipment(&doc.to_string()) {
            prop_assert!(!e.to_string().is_empty());
        }
    }
}
