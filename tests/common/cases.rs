//! The table-driven engine case runner, shared by the native test (`tests/engine.rs`) and a wasm test
//! (which can `#[path = "common/cases.rs"] mod cases;`). It reads no files: the case files are passed in
//! as strings (`include_str!`), so it runs unchanged under wasm32.
//!
//! Case-file format (TOML), see docs/RULES.md:
//!
//! ```toml
//! [hitsets]                       # named fake list hits, reusable by cases in this file
//! chashma = [ { name = "Hassan Scientific Corporation", list = "us_entity_list", entry = "...",
//!               decision = "match", fields = { license_policy = "..." } } ]
//!
//! [[case]]
//! name = "what the case shows"
//! base = "chashma"                # a named base shipment (passed to run_cases), or
//! shipment = { ... }              # an inline TOML shipment, or shipment_json = '''{...}'''
//! set = { jurisdiction = "US", "parties.end_user.country" = "FR" }   # dotted paths, `items[0]`
//! unset = ["parties.payer"]
//! hits = [ ... ]                  # fake screener hits (same shape as in hitsets)
//! use_hits = ["chashma"]
//! concerns = [ { item = 1, kind = "suspected_listed", code = "1C202.a", clearly_meets = true, why = "" } ]
//! expect = { verdict = "STOP", fired = ["RU.CATCHALL.ART20"], not_fired = ["US.EL"] }
//! # or, for invalid input: expect = { error_field = "parties.end_user.country" }
//! ```

#![allow(dead_code)]

use catchall::model::Item;
use catchall::screening::{
    Context, ControlEntryInfo, ControlList, Decision, Entry, Hit, ItemConcern, ListMeta, PartyScreener, Query,
};
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

#[derive(Clone, Debug, Deserialize)]
pub struct FakeHit {
    /// The party name (or alias) that produces this hit, compared case-insensitively.
    pub name: String,
    pub list: String,
    /// The listed entry's primary name.
    pub entry: String,
    #[serde(default = "match_")]
    pub decision: String,
    #[serde(default = "one")]
    pub score: f64,
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    #[serde(default)]
    pub programs: Vec<String>,
}

fn match_() -> String {
    "match".into()
}
fn one() -> f64 {
    1.0
}

/// A table-driven fake of the denied-party matcher: returns the given hits for the given names.
#[derive(Debug, Default)]
pub struct FakeScreener {
    hits: Vec<FakeHit>,
    entries: HashMap<(String, String), Entry>,
}

impl FakeScreener {
    pub fn new(hits: Vec<FakeHit>) -> Self {
        let mut entries = HashMap::new();
        for h in &hits {
            let id = format!("{}:{}", h.list, h.entry);
            entries.insert(
                (h.list.clone(), id.clone()),
                Entry {
                    id,
                    name: h.entry.clone(),
                    fields: h.fields.clone().into(),
                    programs: h.programs.clone(),
                    ..Default::default()
                },
            );
        }
        FakeScreener { hits, entries }
    }
}

impl PartyScreener for FakeScreener {
    fn screen(&self, q: &Query) -> Vec<Hit> {
        let name = q.name.trim().to_lowercase();
        self.hits
            .iter()
            .filter(|h| h.name.trim().to_lowercase() == name)
            .map(|h| Hit {
                list: h.list.clone(),
                entry_id: format!("{}:{}", h.list, h.entry),
                name: h.entry.clone(),
                matched_name: q.name.clone(),
                score: h.score,
                decision: if h.decision == "possible" { Decision::Possible } else { Decision::Match },
                explanation: Value::Null,
            })
            .collect()
    }
    fn lists(&self) -> Vec<ListMeta> {
        let keys: BTreeSet<&String> = self.hits.iter().map(|h| &h.list).collect();
        keys.into_iter()
            .map(|k| ListMeta {
                id: k.clone(),
                name: format!("test list {k}"),
                publisher: "test".into(),
                url: String::new(),
                date: "2026-07-31".into(),
                entries: self.hits.iter().filter(|h| &h.list == k).count(),
                ..Default::default()
            })
            .collect()
    }
    fn entry(&self, list: &str, entry_id: &str) -> Option<&Entry> {
        self.entries.get(&(list.to_string(), entry_id.to_string()))
    }
}

/// A fake classifier: classification concerns keyed by item description; no Annex I titles.
#[derive(Debug, Default)]
pub struct FakeControls {
    by_description: HashMap<String, Vec<ItemConcern>>,
}

impl ControlList for FakeControls {
    fn lookup(&self, _code: &str) -> Option<ControlEntryInfo> {
        None
    }
    fn concerns(&self, item: &Item) -> Vec<ItemConcern> {
        self.by_description.get(&item.description).cloned().unwrap_or_default()
    }
}

#[derive(Debug, Deserialize)]
struct FakeConcern {
    item: usize,
    kind: String,
    code: String,
    #[serde(default)]
    clearly_meets: bool,
    #[serde(default)]
    missing: Vec<String>,
    #[serde(default)]
    why: String,
}

#[derive(Debug, Default, Deserialize)]
struct Expect {
    verdict: Option<String>,
    #[serde(default)]
    fired: Vec<String>,
    #[serde(default)]
    not_fired: Vec<String>,
    /// Exact number of findings of a rule, e.g. `{ "US.EL" = 2 }`.
    #[serde(default)]
    counts: BTreeMap<String, usize>,
    /// Rule IDs of obligations that must be listed.
    #[serde(default)]
    obligations: Vec<String>,
    error_field: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Case {
    name: String,
    base: Option<String>,
    shipment: Option<toml::Value>,
    shipment_json: Option<String>,
    #[serde(default)]
    set: BTreeMap<String, toml::Value>,
    #[serde(default)]
    unset: Vec<String>,
    #[serde(default)]
    hits: Vec<FakeHit>,
    #[serde(default)]
    use_hits: Vec<String>,
    #[serde(default)]
    concerns: Vec<FakeConcern>,
    expect: Expect,
}

#[derive(Debug, Deserialize)]
struct CaseFile {
    #[serde(default)]
    hitsets: BTreeMap<String, Vec<FakeHit>>,
    case: Vec<Case>,
}

/// What a run found.
#[derive(Debug, Default)]
pub struct Summary {
    pub cases: usize,
    pub failures: Vec<String>,
    /// Rule IDs some passing case asserted as fired / as not fired.
    pub asserted_fired: BTreeSet<String>,
    pub asserted_not_fired: BTreeSet<String>,
}

fn toml_to_json(v: &toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => Value::from(*i),
        toml::Value::Float(f) => Value::from(*f),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Value::Object(t.iter().map(|(k, v)| (k.clone(), toml_to_json(v))).collect()),
    }
}

/// Splits `parties.intermediate_consignees[0].country` into keys and indices.
fn path_parts(path: &str) -> Vec<Result<String, usize>> {
    let mut out = Vec::new();
    for seg in path.split('.') {
        let mut rest = seg;
        if let Some(i) = rest.find('[') {
            out.push(Ok(rest[..i].to_string()));
            rest = &rest[i..];
            while let Some(end) = rest.find(']') {
                out.push(Err(rest[1..end].parse().unwrap_or(0)));
                rest = &rest[end + 1..];
            }
        } else {
            out.push(Ok(rest.to_string()));
        }
    }
    out
}

fn set_path(root: &mut Value, path: &str, v: Value) -> Result<(), String> {
    let parts = path_parts(path);
    let mut cur = root;
    for (i, p) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        match p {
            Ok(k) => {
                if !cur.is_object() {
                    *cur = Value::Object(Default::default());
                }
                let obj = cur.as_object_mut().ok_or("not an object")?;
                if last {
                    obj.insert(k.clone(), v);
                    return Ok(());
                }
                let next_is_index = matches!(parts.get(i + 1), Some(Err(_)));
                cur = obj.entry(k.clone()).or_insert_with(|| {
                    if next_is_index {
                        Value::Array(vec![])
                    } else {
                        Value::Object(Default::default())
                    }
                });
            }
            Err(idx) => {
                let arr = cur.as_array_mut().ok_or_else(|| format!("{path}: not an array"))?;
                while arr.len() <= *idx {
                    arr.push(Value::Object(Default::default()));
                }
                if last {
                    arr[*idx] = v;
                    return Ok(());
                }
                cur = &mut arr[*idx];
            }
        }
    }
    Ok(())
}

fn unset_path(root: &mut Value, path: &str) {
    let parts = path_parts(path);
    let mut cur = root;
    for (i, p) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        match p {
            Ok(k) => {
                let Some(obj) = cur.as_object_mut() else { return };
                if last {
                    obj.remove(k);
                    return;
                }
                let Some(next) = obj.get_mut(k) else { return };
                cur = next;
            }
            Err(idx) => {
                let Some(arr) = cur.as_array_mut() else { return };
                if last {
                    if *idx < arr.len() {
                        arr.remove(*idx);
                    }
                    return;
                }
                let Some(next) = arr.get_mut(*idx) else { return };
                cur = next;
            }
        }
    }
}

/// Runs every case of every file. `bases` are named shipments (JSON) that cases may start from.
pub fn run_cases(files: &[(&str, &str)], bases: &[(&str, &str)]) -> Summary {
    let mut sum = Summary::default();
    let bases: HashMap<&str, Value> =
        bases.iter().map(|(n, j)| (*n, serde_json::from_str(j).unwrap_or_else(|e| panic!("base {n}: {e}")))).collect();
    for (fname, text) in files {
        let file: CaseFile = match toml::from_str(text) {
            Ok(f) => f,
            Err(e) => {
                sum.failures.push(format!("{fname}: {e}"));
                continue;
            }
        };
        for c in file.case {
            sum.cases += 1;
            let at = format!("{fname}: `{}`", c.name);
            match run_one(&c, &file.hitsets, &bases) {
                Ok(report) => {
                    let fails = check(&c.expect, report);
                    if fails.is_empty() {
                        sum.asserted_fired.extend(c.expect.fired.iter().cloned());
                        sum.asserted_not_fired.extend(c.expect.not_fired.iter().cloned());
                        if c.expect.error_field.is_some() {
                            sum.failures.push(format!("{at}: expected an input error, got a report"));
                        }
                    } else {
                        sum.failures.push(format!("{at}: {}", fails.join("; ")));
                    }
                }
                Err(Outcome::InputError(field, msg)) => match &c.expect.error_field {
                    Some(want) if *want == field => {}
                    _ => sum.failures.push(format!("{at}: input error at `{field}`: {msg}")),
                },
                Err(Outcome::Setup(msg)) => sum.failures.push(format!("{at}: {msg}")),
            }
        }
    }
    sum
}

enum Outcome {
    InputError(String, String),
    Setup(String),
}

fn run_one(
    c: &Case,
    hitsets: &BTreeMap<String, Vec<FakeHit>>,
    bases: &HashMap<&str, Value>,
) -> Result<catchall::Report, Outcome> {
    let mut ship = match (&c.base, &c.shipment, &c.shipment_json) {
        (Some(b), _, _) => {
            bases.get(b.as_str()).cloned().ok_or_else(|| Outcome::Setup(format!("unknown base `{b}`")))?
        }
        (None, Some(t), _) => toml_to_json(t),
        (None, None, Some(j)) => serde_json::from_str(j).map_err(|e| Outcome::Setup(format!("shipment_json: {e}")))?,
        _ => return Err(Outcome::Setup("no base, shipment or shipment_json".into())),
    };
    for (path, v) in &c.set {
        set_path(&mut ship, path, toml_to_json(v)).map_err(Outcome::Setup)?;
    }
    for path in &c.unset {
        unset_path(&mut ship, path);
    }
    let shipment = catchall::parse_shipment(&ship.to_string()).map_err(|e| Outcome::InputError(e.field, e.message))?;
    let mut hits = c.hits.clone();
    for u in &c.use_hits {
        hits.extend(hitsets.get(u).cloned().ok_or_else(|| Outcome::Setup(format!("unknown hitset `{u}`")))?);
    }
    let screener = FakeScreener::new(hits);
    let mut controls = FakeControls::default();
    for fc in &c.concerns {
        let Some(item) = shipment.items.get(fc.item.wrapping_sub(1)) else {
            return Err(Outcome::Setup(format!("concern for item {} which does not exist", fc.item)));
        };
        let concern = match fc.kind.as_str() {
            "suspected_listed" => ItemConcern::SuspectedListed {
                code: fc.code.clone(),
                clearly_meets: fc.clearly_meets,
                why: fc.why.clone(),
            },
            "parameters_missing" => ItemConcern::ParametersMissing {
                code: fc.code.clone(),
                missing: fc.missing.clone(),
                why: fc.why.clone(),
            },
            k => return Err(Outcome::Setup(format!("unknown concern kind `{k}`"))),
        };
        controls.by_description.entry(item.description.clone()).or_default().push(concern);
    }
    let ctx = Context { parties: &screener, controls: &controls };
    Ok(catchall::rules::screen(&shipment, &ctx))
}

/// The report's consistency rule (domain-rules-additions §11a): no finding that says "no licence required"
/// (catalogue `says_no_licence`) about an item beside a finding that requires a licence or stops that item
/// (a finding about the item itself, or about the whole shipment, a party, the destination).
pub fn contradictions(r: &catchall::Report) -> Vec<String> {
    let mut out = Vec::new();
    for f in r.findings.iter().filter(|f| catchall::catalog::rule(&f.rule).is_some_and(|d| d.says_no_licence)) {
        for g in r.findings.iter().filter(|g| g.verdict >= catchall::Verdict::LicenceRequired) {
            if catchall::rules::covers_item(&g.subject, &f.subject) {
                out.push(format!(
                    "contradiction: {} ({}) says no licence is required beside {} = {} ({})",
                    f.rule,
                    f.subject,
                    g.rule,
                    g.verdict.as_str(),
                    g.subject
                ));
            }
        }
    }
    out
}

fn check(e: &Expect, r: catchall::Report) -> Vec<String> {
    let mut fails = Vec::new();
    let fired: BTreeSet<&str> = r.findings.iter().map(|f| f.rule.as_str()).collect();
    let got = r.verdict().as_str();
    if let Some(v) = &e.verdict {
        if v != got {
            fails.push(format!("verdict {got}, expected {v}"));
        }
    }
    for rule in &e.fired {
        if !fired.contains(rule.as_str()) {
            fails.push(format!("{rule} did not fire"));
        }
    }
    for rule in &e.not_fired {
        if fired.contains(rule.as_str()) {
            fails.push(format!("{rule} fired but should not"));
        }
    }
    for o in &e.obligations {
        if !r.obligations.iter().any(|x| &x.rule == o) {
            fails.push(format!("obligation {o} missing"));
        }
    }
    for (rule, n) in &e.counts {
        let got = r.findings.iter().filter(|f| &f.rule == rule).count();
        if got != *n {
            fails.push(format!("{rule} fired {got} times, expected {n}"));
        }
    }
    fails.extend(contradictions(&r));
    for f in &r.findings {
        if f.citations.is_empty() || f.title.is_empty() || f.detail.is_empty() {
            fails.push(format!("{} has an empty title, detail or citation list", f.rule));
        }
    }
    if !fails.is_empty() {
        let summary: Vec<String> = r.findings.iter().map(|f| format!("{}={}", f.rule, f.verdict)).collect();
        fails.push(format!("fired: [{}]", summary.join(", ")));
    }
    fails
}
