//! The form carries the whole engine model: every field of a shipment reaches a form
//! input and comes back unchanged.
//!
//! * [`every_model_field_has_a_form_input`] fills every field of the model (found by asking
//!   serde for the model's own field names, so a field added later is filled too) and names
//!   each one the form drops;
//! * [`any_valid_shipment_survives_the_form`]: shipment → form → shipment is the identity;
//! * [`a_reopened_screening_screens_to_the_same_report`]: saved, reloaded, reopened and
//!   screened again against the same lists, a screening gives the identical report.

use super::*;
use catchall::model::{
    Activity, Classification, DueDiligence, Item, Jurisdiction, LicenceHeld, ListSnapshot, NotListed, Parties, Party,
    PriorDenial, Shipment, TemporaryExport,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use serde::de::{self, value::Error as DeError, IntoDeserializer, Visitor};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// A deserializer that answers every question with a present, non-default value: `Some`,
/// `true`, one element, a number, and for strings the field's own name (`name-v`), so a
/// value that lands in the wrong field is caught too. Structs are filled from the field
/// list serde gives, which is what makes a newly added model field show up here.
#[derive(Clone, Copy)]
struct Full {
    field: &'static str,
}

impl Full {
    fn text(self) -> String {
        match self.field {
            "jurisdiction" => "EU:DE".into(),
            f => format!("{f}-v"),
        }
    }
}

struct Fields {
    keys: std::slice::Iter<'static, &'static str>,
    next: &'static str,
}

impl<'de> de::MapAccess<'de> for Fields {
    type Error = DeError;
    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        // serde lists a field's aliases among the struct's field names; filling an alias as well
        // as its field is a "duplicate field" error, so the model's aliases are skipped here.
        // (A new `alias = …` in the model fails this test with "duplicate field": add it here.)
        const MODEL_ALIASES: &[&str] = &["dob"];
        match self.keys.find(|k| !MODEL_ALIASES.contains(k)) {
            Some(k) => {
                self.next = k;
                seed.deserialize(k.into_deserializer()).map(Some)
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        seed.deserialize(Full { field: self.next })
    }
}

struct One {
    left: bool,
    item: Full,
}

impl<'de> de::SeqAccess<'de> for One {
    type Error = DeError;
    fn next_element_seed<T: de::DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        if !std::mem::take(&mut self.left) {
            return Ok(None);
        }
        seed.deserialize(self.item).map(Some)
    }
}

/// A one-entry map (`parameters`).
struct OneEntry {
    key: Option<String>,
    field: &'static str,
}

impl<'de> de::MapAccess<'de> for OneEntry {
    type Error = DeError;
    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        match self.key.take() {
            Some(k) => seed.deserialize(k.into_deserializer()).map(Some),
            None => Ok(None),
        }
    }
    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        seed.deserialize(Full { field: self.field })
    }
}

const CLASSIFICATION: &[&str] = &["scheme", "code"];

/// `deserialize_x => visit_x(value)`: a `Deserializer` method that always gives `value`.
macro_rules! scalars {
    ($($method:ident => $visit:ident($value:expr)),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
            v.$visit($value)
        })*
    };
}

impl<'de> de::Deserializer<'de> for Full {
    type Error = DeError;
    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        // Untagged enums and JSON values ask for "anything": the classification is the
        // `Listed` form (the richer one); anything else gets the field's text.
        if self.field == "classification" {
            return v.visit_map(Fields { keys: CLASSIFICATION.iter(), next: "" });
        }
        v.visit_string(self.text())
    }
    // Every scalar gets a fixed value of its type.
    scalars! {
        deserialize_bool => visit_bool(true),
        deserialize_f64 => visit_f64(12.5),
        deserialize_f32 => visit_f32(12.5),
        deserialize_u64 => visit_u64(7),
        deserialize_u32 => visit_u32(7),
        deserialize_u16 => visit_u16(7),
        deserialize_u8 => visit_u8(7),
        deserialize_i64 => visit_i64(7),
        deserialize_i32 => visit_i32(7),
    }
    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        v.visit_string(self.text())
    }
    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        v.visit_string(self.text())
    }
    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        v.visit_some(self)
    }
    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        v.visit_seq(One { left: true, item: self })
    }
    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        v.visit_map(OneEntry { key: Some(format!("{}_k", self.field)), field: self.field })
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        v.visit_map(Fields { keys: fields.iter(), next: "" })
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        // The last variant: never the default one, so a form that forgets the field shows.
        let last = variants.last().copied().unwrap_or_default();
        v.visit_enum(last.into_deserializer())
    }
    serde::forward_to_deserialize_any! {
        i8 i16 i128 u128 char bytes byte_buf unit unit_struct newtype_struct tuple tuple_struct identifier ignored_any
    }
}

/// Every leaf of `full` (by JSON path) that `back` lacks or holds differently.
fn lost(full: &Value, back: &Value, path: &str, out: &mut Vec<String>) {
    match (full, back) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                match b.get(k) {
                    Some(w) => lost(v, w, &p, out),
                    None => out.push(p),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (i, v) in a.iter().enumerate() {
                let p = format!("{path}[{i}]");
                match b.get(i) {
                    Some(w) => lost(v, w, &p, out),
                    None => out.push(p),
                }
            }
        }
        (a, b) if a != b => out.push(format!("{path} (sent {a}, came back {b})")),
        _ => {}
    }
}

#[test]
fn every_model_field_has_a_form_input() {
    let full = Shipment::deserialize(Full { field: "" }).expect("the model can be filled");
    let full_json = serde_json::to_value(&full).unwrap();
    // The filler really filled the nested parts (so the comparison below covers them).
    for path in ["/parties/end_user/aliases/0", "/items/0/us_content_eccns/0", "/due_diligence/prior_denials/0/kind"] {
        assert!(full_json.pointer(path).is_some(), "the filled model lacks {path}: {full_json:#}");
    }
    let draft = Draft::from_shipment(&full);
    let back = serde_json::to_value(draft.build().expect("the filled model builds")).unwrap();
    let mut missing = Vec::new();
    lost(&full_json, &back, "", &mut missing);
    assert!(
        missing.is_empty(),
        "model field(s) with no form input — the form drops or changes them, so add an input in \
         crates/web/src/state/draft.rs (and views/form.rs):\n  {}",
        missing.join("\n  ")
    );
}

#[test]
fn the_field_filler_notices_a_dropped_field() {
    // The check above is only as good as its comparison: a draft that forgot the aliases
    // of the end user must be reported by that field's path.
    let full = Shipment::deserialize(Full { field: "" }).unwrap();
    let mut draft = Draft::from_shipment(&full);
    draft.end_user.aliases.clear();
    let back = serde_json::to_value(draft.build().unwrap()).unwrap();
    let mut missing = Vec::new();
    lost(&serde_json::to_value(&full).unwrap(), &back, "", &mut missing);
    assert_eq!(missing, vec!["parties.end_user.aliases".to_string()]);
}

// ---- valid shipments, generated -------------------------------------------------------

fn word() -> impl Strategy<Value = String> {
    "[A-Z][a-z]{1,8}"
}

fn words() -> impl Strategy<Value = String> {
    vec(word(), 1..4).prop_map(|w| w.join(" "))
}

fn country() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["PK", "DE", "CN", "US", "IR", "JP", "GB", "FR"]).prop_map(str::to_string)
}

fn date() -> impl Strategy<Value = String> {
    (2000u16..2030, 1u8..13, 1u8..29).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}"))
}

fn eccn() -> impl Strategy<Value = String> {
    "[0-9][A-E][0-9]{3}"
}

fn licence() -> impl Strategy<Value = LicenceHeld> {
    (
        prop::sample::select(vec!["JP", "GB", "US", "EU:DE"]),
        "[a-z_]{3,12}",
        vec("[1-9](-[1-9])?", 0..3),
        vec(country(), 0..3),
    )
        .prop_map(|(a, kind, rows, destinations)| LicenceHeld { authority: a.into(), kind, rows, destinations })
}

fn party() -> impl Strategy<Value = Party> {
    (
        words(),
        vec(words(), 0..3),
        prop_oneof![Just(String::new()), words()],
        prop_oneof![Just(String::new()), country()],
        option::of(prop::sample::select(vec!["trading_company", "university", "military", "bank"])),
        option::of(any::<bool>()),
        vec(licence(), 0..2),
        vec("19[0-9]{2}-0[1-9]-1[0-9]", 0..2),
        vec("[A-Z]{1,2}[0-9]{4,8}", 0..2),
    )
        .prop_map(|(name, aliases, address, country, kind, us, licences_held, dates_of_birth, identifiers)| {
            Party {
                name,
                aliases,
                dates_of_birth,
                identifiers,
                address,
                country,
                kind: kind.map(str::to_string),
                us_owned_or_controlled: us,
                licences_held,
            }
        })
}

fn param() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i32>().prop_map(Value::from),
        (-1.0e6f64..1.0e6).prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        "[a-z]{1,6}( [a-z]{1,6})?"
            .prop_filter("words that read as JSON", |s| !matches!(s.as_str(), "true" | "false" | "null"))
            .prop_map(Value::from),
    ]
}

fn classification() -> impl Strategy<Value = Option<Classification>> {
    option::of(prop_oneof![
        Just(Classification::NotListed(NotListed::NotListed)),
        (prop::sample::select(vec!["EU", "ECCN", "UK", "JP", "RU"]), "[0-9][A-E][0-9]{3}(\\.[a-f])?")
            .prop_map(|(scheme, code)| Classification::Listed { scheme: scheme.into(), code }),
    ])
}

fn item() -> impl Strategy<Value = Item> {
    let basics = (
        prop_oneof![Just(String::new()), words()],
        option::of("[0-9]{4,8}"),
        classification(),
        prop::collection::btree_map("[a-z_]{1,10}", param(), 0..3),
        option::of(0.0f64..1.0e9),
        option::of(0.0f64..1.0e9),
        option::of("[A-Z]{3}"),
        option::of(country()),
    );
    let facts = (
        option::of(any::<bool>()),
        vec(prop::sample::select(vec!["luxury", "aviation_space", "internal_repression"]).prop_map(String::from), 0..3),
        option::of(prop::sample::select(vec!["1", "2A", "2A*", "2B", "3A", "3B"]).prop_map(String::from)),
        option::of(0.0f64..=100.0),
        option::of(any::<bool>()),
        option::of(any::<bool>()),
        option::of(0.0f64..=100.0),
        vec(eccn(), 0..3),
        vec(eccn(), 0..2),
        option::of(eccn()),
    );
    (basics, facts).prop_map(
        |(
            (description, hs_code, classification, parameters, qty, value, currency, origin_country),
            (ml, tags, cwc, cwc_pct, retail, us_origin, us_pct, us_eccns, dp, eq),
        )| Item {
            description,
            hs_code,
            classification,
            parameters: parameters.into_iter().collect::<BTreeMap<_, _>>(),
            qty,
            value,
            currency,
            origin_country,
            military_list: ml,
            sanctions_goods_tags: tags,
            cwc_schedule: cwc,
            cwc_max_concentration_pct: cwc_pct,
            consumer_retail_pack: retail,
            us_origin,
            us_controlled_content_pct: us_pct,
            us_content_eccns: us_eccns,
            us_direct_product_of: dp,
            eccn_equivalent: eq,
        },
    )
}

fn denial() -> impl Strategy<Value = PriorDenial> {
    (
        prop::sample::select(vec!["EU:DE", "US", "GB", "other:CN"]),
        prop::sample::select(vec!["licence_denial", "informed_requirement", "revocation"]),
        any::<bool>(),
        any::<bool>(),
        date(),
        option::of(prop::sample::select(vec!["wmd", "military", "human_rights", "sanctions", "other", "unknown"])),
        option::of(any::<bool>()),
    )
        .prop_map(|(a, k, same_items, same_end_user, date, ground, in_force)| PriorDenial {
            authority: a.into(),
            kind: k.into(),
            same_items,
            same_end_user,
            date,
            ground: ground.map(str::to_string),
            in_force,
        })
}

fn due_diligence() -> impl Strategy<Value = DueDiligence> {
    (
        prop::array::uniform6(any::<bool>()),
        option::of(any::<bool>()),
        option::of(any::<bool>()),
        vec((1u8..=25).prop_map(|n| format!("RF{n:02}")), 0..4),
        vec(denial(), 0..2),
        vec(country(), 0..3),
    )
        .prop_map(|(b, eus, nrc, red_flags, prior_denials, known_reexport_countries)| DueDiligence {
            informed_by_authority: b[0],
            aware_wmd_use: b[1],
            aware_military_end_use: b[2],
            aware_cyber_repression_use: b[3],
            grounds_for_suspicion: b[4],
            end_user_statement: eus,
            aware_illegal_military_parts: b[5],
            no_russia_clause: nrc,
            red_flags,
            prior_denials,
            known_reexport_countries,
        })
}

fn temporary() -> impl Strategy<Value = TemporaryExport> {
    (
        prop::sample::select(vec!["exhibition_fair", "private_demo", "repair", "other"]),
        option::of(0u32..1000),
        prop::array::uniform8(option::of(any::<bool>())),
    )
        .prop_map(|(purpose, days, q)| TemporaryExport {
            purpose: purpose.into(),
            reimport_within_days: days,
            commercial_transaction: q[0],
            production_use: q[1],
            tech_transfer_with_presentation: q[2],
            return_guaranteed_unmodified: q[3],
            kept_under_exporter_control: q[4],
            stored_only_for_sale: q[5],
            classified_eu_confidential_or_above: q[6],
            beyond_demo_use: q[7],
        })
}

fn shipment() -> impl Strategy<Value = Shipment> {
    let head = (
        option::of(date()),
        prop::sample::select(vec!["US", "GB", "RU", "JP", "EU:DE", "EU:FR"]),
        prop::sample::select(vec![
            Activity::Export,
            Activity::IntraEuTransfer,
            Activity::Brokering,
            Activity::TechnicalAssistance,
            Activity::Transit,
            Activity::TemporaryExport,
        ]),
        party(),
        vec(item(), 0..3),
    );
    let parties = (
        option::of(party()),
        option::of(party()),
        vec(party(), 0..2),
        option::of(party()),
        option::of(party()),
        option::of(party()),
    );
    let tail = (
        prop_oneof![Just(String::new()), words()],
        option::of(prop::sample::select(vec!["civil", "military", "nuclear", "research"]).prop_map(String::from)),
        due_diligence(),
        option::of(date()),
        vec(("[a-z_]{2,12}", date()).prop_map(|(list, date)| ListSnapshot { list, date }), 0..3),
        option::of(any::<bool>()),
        option::of(temporary()),
    );
    (head, parties, tail).prop_map(
        |(
            (rules_as_of, j, activity, exporter, items),
            (purchaser, consignee, intermediate_consignees, end_user, payer, freight_forwarder),
            (
                stated_end_use,
                end_use_category,
                due_diligence,
                screening_date,
                list_snapshots,
                customs_free_zone,
                temporary_export,
            ),
        )| Shipment {
            rules_as_of,
            jurisdiction: Jurisdiction::try_from(j.to_string()).expect("a valid jurisdiction"),
            activity,
            exporter,
            items,
            parties: Parties { purchaser, consignee, intermediate_consignees, end_user, payer, freight_forwarder },
            stated_end_use,
            end_use_category,
            due_diligence,
            screening_date,
            list_snapshots,
            customs_free_zone,
            temporary_export,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_valid_shipment_survives_the_form(generated in shipment()) {
        // Valid as the engine sees it (and in its normal form: the parser upper-cases codes).
        let valid = catchall::parse_shipment(&serde_json::to_string(&generated).unwrap());
        prop_assert!(valid.is_ok(), "the generator made an invalid shipment: {:?}", valid.err());
        let valid = valid.unwrap();
        let back = Draft::from_shipment(&valid).parse();
        prop_assert_eq!(back, Ok(valid));
    }
}

/// Saved, reloaded, reopened and screened again against the same lists: the same report.
#[test]
fn a_reopened_screening_screens_to_the_same_report() {
    let lists = catchall::lists::bundled().expect("the bundled lists load");
    let index = catchall::names::Index::build(lists);
    let ctx = catchall::screening::Context { parties: &index, controls: catchall::classify::bundled() };
    let mut examples: Vec<Shipment> =
        vec![catchall::parse_shipment(include_str!("../../../../data/examples/chashma_2021.json")).unwrap()];
    // And one filled in everywhere the form allows, so no input is left out of the check.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for _ in 0..8 {
        let s = shipment().new_tree(&mut runner).unwrap().current();
        examples.push(catchall::parse_shipment(&serde_json::to_string(&s).unwrap()).unwrap());
    }
    for (n, sh) in examples.into_iter().enumerate() {
        let first = catchall::rules::screen(&sh, &ctx);
        let id = format!("r{n}");
        let s = Session::default().apply(Action::Screened {
            id: id.clone(),
            at: "2026-12-06T10:00:00Z".into(),
            shipment: Box::new(sh),
            report: Box::new(first.clone()),
        });
        let saved = s.store().to_string();
        let reloaded = Session::default().apply(Action::Loaded { text: saved, merge: false });
        let reopened = reloaded.apply(Action::Reopen(id));
        let again = catchall::rules::screen(&reopened.draft.parse().expect("the reopened form parses"), &ctx);
        assert_eq!(again, first, "example {n}: the re-screened report differs");
    }
}
