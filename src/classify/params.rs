//! Parameter checks for the entries exporters most often get wrong, and
//! the [`ControlList`] implementation the rules engine consults.
//!
//! The thresholds, units, trigger words and citations live in
//! `data/control/parameter_rules.toml`; this file only evaluates them.

use serde::Deserialize;

use super::search::fmt_quantity;
use super::text::{self, Cmp, Dim, Quantity};
use super::Annex1;
use crate::model::{Classification, Item};
use crate::screening::{ControlEntryInfo, ControlList, ItemConcern};

#[derive(Debug, Deserialize)]
struct RulesFile {
    rule: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
struct RawRule {
    code: String,
    what: String,
    cite: String,
    triggers: Vec<String>,
    #[serde(default)]
    unless: Vec<String>,
    param: Vec<RawParam>,
}

#[derive(Debug, Deserialize)]
struct RawParam {
    name: String,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    keys: Vec<String>,
    #[serde(default)]
    dim: Option<String>,
    #[serde(default)]
    op: Option<String>,
    #[serde(default)]
    threshold: Option<String>,
    #[serde(default)]
    near: Vec<String>,
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    below: Vec<String>,
    #[serde(default)]
    yes: Vec<String>,
    #[serde(default)]
    no: Vec<String>,
    #[serde(default)]
    group: Option<String>,
    #[serde(default = "yes")]
    required: bool,
    cite: String,
}

fn yes() -> bool {
    true
}

/// How one parameter is tested.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamTest {
    /// A number with a unit compared with a threshold (value in the dimension's base unit).
    Threshold { dim: Dim, op: Cmp, value: f64, unit_factor: f64, near: Vec<Vec<String>> },
    /// A yes/no property recognised from words ("three-phase") or a parameter.
    Flag { yes: Vec<Vec<String>>, no: Vec<Vec<String>> },
    /// A named grade that is known to meet (or known not to meet) the threshold.
    Grade { values: Vec<(Vec<String>, String)>, below: Vec<(Vec<String>, String)> },
}

/// One deciding parameter of a rule.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamSpec {
    pub name: String,
    pub keys: Vec<String>,
    pub test: ParamTest,
    /// Parameters of the same group are alternatives (e.g. tensile strength or grade).
    pub group: String,
    pub required: bool,
    pub cite: String,
}

/// A parameter rule: which entry, which description words, which parameters decide.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamRule {
    pub code: String,
    pub what: String,
    pub cite: String,
    triggers: Vec<Vec<String>>,
    unless: Vec<Vec<String>>,
    pub params: Vec<ParamSpec>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Met,
    NotMet,
    Unknown,
}

fn stream(s: &str) -> Vec<String> {
    text::words(&text::fold(s)).into_iter().map(|w| text::stem(&w)).collect()
}

fn contains_seq(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && needle.len() <= hay.len() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Loads the embedded `data/control/parameter_rules.toml`.
pub(crate) fn bundled_rules() -> Result<Vec<ParamRule>, String> {
    parse_rules(crate::embedded!("control/parameter_rules"))
}

fn parse_rules(json: &str) -> Result<Vec<ParamRule>, String> {
    let f: RulesFile = serde_json::from_str(json).map_err(|e| format!("data/control/parameter_rules.toml: {e}"))?;
    let mut out = Vec::new();
    for (ri, r) in f.rule.into_iter().enumerate() {
        let at = |what: &str| format!("data/control/parameter_rules.toml: rule {} ({}): {what}", ri + 1, r.code);
        let mut params = Vec::new();
        for p in r.param {
            let kind = p.kind.as_deref().unwrap_or("threshold");
            let test = match kind {
                "threshold" => {
                    let dim =
                        p.dim.as_deref().and_then(Dim::parse).ok_or_else(|| at(&format!("{}: bad dim", p.name)))?;
                    let op = p.op.as_deref().and_then(Cmp::parse).ok_or_else(|| at(&format!("{}: bad op", p.name)))?;
                    let th = p.threshold.as_deref().unwrap_or("");
                    let q = text::quantities(th, 100);
                    let q = q
                        .first()
                        .filter(|q| q.dim == dim)
                        .ok_or_else(|| at(&format!("{}: threshold {th:?} is not a {dim:?}", p.name)))?;
                    // The number as written, to get the unit factor for bare numbers.
                    let num: f64 = th
                        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
                        .find(|s| !s.is_empty())
                        .and_then(|s| s.parse().ok())
                        .unwrap_or(1.0);
                    let unit_factor = if num != 0.0 && dim != Dim::Temperature { q.value / num } else { 1.0 };
                    ParamTest::Threshold {
                        dim,
                        op,
                        value: q.value,
                        unit_factor,
                        near: p.near.iter().map(|w| stream(w)).collect(),
                    }
                }
                "flag" => ParamTest::Flag {
                    yes: p.yes.iter().map(|w| stream(w)).collect(),
                    no: p.no.iter().map(|w| stream(w)).collect(),
                },
                "grade" => ParamTest::Grade {
                    values: p.values.iter().map(|w| (stream(w), w.clone())).collect(),
                    below: p.below.iter().map(|w| (stream(w), w.clone())).collect(),
                },
                other => return Err(at(&format!("unknown kind {other}"))),
            };
            params.push(ParamSpec {
                group: p.group.clone().unwrap_or_else(|| p.name.clone()),
                name: p.name,
                keys: p.keys,
                test,
                required: p.required,
                cite: p.cite,
            });
        }
        if params.is_empty() {
            return Err(at("no parameters"));
        }
        out.push(ParamRule {
            code: r.code.clone(),
            what: r.what,
            cite: r.cite,
            triggers: r.triggers.iter().map(|t| stream(t)).filter(|s| !s.is_empty()).collect(),
            unless: r.unless.iter().map(|t| stream(t)).filter(|s| !s.is_empty()).collect(),
            params,
        });
    }
    Ok(out)
}

fn norm_key(k: &str) -> String {
    k.trim().to_ascii_lowercase().replace([' ', '-'], "_")
}

/// A value found for a parameter, with where it came from.
struct Found {
    status: Status,
    said: String,
}

impl ParamSpec {
    fn given<'a>(&self, item: &'a Item) -> Option<&'a serde_json::Value> {
        item.parameters.iter().find(|(k, _)| self.keys.iter().any(|want| norm_key(want) == norm_key(k))).map(|(_, v)| v)
    }

    fn evaluate(&self, item: &Item, desc: &str, desc_stream: &[String], desc_q: &[Quantity]) -> Found {
        let unknown = Found { status: Status::Unknown, said: String::new() };
        match &self.test {
            ParamTest::Threshold { dim, op, value, unit_factor, near } => {
                let from_param = self.given(item).and_then(|v| match v {
                    serde_json::Value::Number(n) => n.as_f64().map(|x| x * unit_factor),
                    serde_json::Value::String(s) => text::quantities(s, 200)
                        .into_iter()
                        .find(|q| q.dim == *dim)
                        .map(|q| q.value)
                        .or_else(|| s.trim().replace(',', ".").parse::<f64>().ok().map(|x| x * unit_factor)),
                    _ => None,
                });
                let candidates: Vec<f64> = match from_param {
                    Some(v) => vec![v],
                    None => desc_q
                        .iter()
                        .filter(|q| q.dim == *dim)
                        .filter(|q| near.is_empty() || near_word(desc, q.at, near))
                        .map(|q| q.value)
                        .collect(),
                };
                if candidates.is_empty() {
                    return unknown;
                }
                let v = match op {
                    Cmp::Ge | Cmp::Gt => candidates.iter().copied().fold(f64::MIN, f64::max),
                    _ => candidates.iter().copied().fold(f64::MAX, f64::min),
                };
                let ok = op.holds(v, *value) == Some(true);
                Found {
                    status: if ok { Status::Met } else { Status::NotMet },
                    said: format!(
                        "{} {} {} {} ({})",
                        self.name,
                        fmt_quantity(*dim, v),
                        if ok { "meets" } else { "is outside" },
                        format_args!("{} {}", op.symbol(), fmt_quantity(*dim, *value)),
                        self.cite
                    ),
                }
            }
            ParamTest::Flag { yes, no } => {
                let from_param = self.given(item).and_then(|v| match v {
                    serde_json::Value::Bool(b) => Some(*b),
                    serde_json::Value::Number(n) => n.as_f64().map(|x| x >= 2.0),
                    serde_json::Value::String(s) => {
                        let st = stream(s);
                        if yes.iter().any(|y| contains_seq(&st, y))
                            || matches!(s.trim(), "yes" | "true" | "3" | "2" | "6")
                        {
                            Some(true)
                        } else if no.iter().any(|y| contains_seq(&st, y)) || matches!(s.trim(), "no" | "false" | "1") {
                            Some(false)
                        } else {
                            None
                        }
                    }
                    _ => None,
                });
                let b = from_param.or_else(|| {
                    if no.iter().any(|y| contains_seq(desc_stream, y)) {
                        Some(false)
                    } else if yes.iter().any(|y| contains_seq(desc_stream, y)) {
                        Some(true)
                    } else {
                        None
                    }
                });
                match b {
                    Some(true) => Found { status: Status::Met, said: format!("{}: yes ({})", self.name, self.cite) },
                    Some(false) => Found { status: Status::NotMet, said: format!("{}: no ({})", self.name, self.cite) },
                    None => unknown,
                }
            }
            ParamTest::Grade { values, below } => {
                let src: Vec<String> = match self.given(item) {
                    Some(serde_json::Value::String(s)) => stream(s),
                    _ => desc_stream.to_vec(),
                };
                if let Some((_, g)) = values.iter().find(|(v, _)| contains_seq(&src, v)) {
                    return Found { status: Status::Met, said: format!("{} {g} meets it ({})", self.name, self.cite) };
                }
                if let Some((_, g)) = below.iter().find(|(v, _)| contains_seq(&src, v)) {
                    return Found {
                        status: Status::NotMet,
                        said: format!("{} {g} is known to be below it ({})", self.name, self.cite),
                    };
                }
                unknown
            }
        }
    }
}

/// True if one of the `near` words ends within 30 bytes before `at`.
fn near_word(desc: &str, at: usize, near: &[Vec<String>]) -> bool {
    let mut start = at.saturating_sub(30);
    while start > 0 && !desc.is_char_boundary(start) {
        start -= 1;
    }
    let end = at.min(desc.len());
    let Some(window) = desc.get(start..end) else { return false };
    let st = stream(window);
    near.iter().any(|n| contains_seq(&st, n))
        || (window.contains('Ø') || window.contains('ø') || window.contains('⌀'))
            && near.iter().any(|n| n.iter().any(|w| w == "od"))
}

impl ParamRule {
    /// Whether the description names this rule's kind of item.
    fn triggered(&self, desc_stream: &[String]) -> Option<String> {
        if self.unless.iter().any(|u| contains_seq(desc_stream, u)) {
            return None;
        }
        self.triggers.iter().find(|t| contains_seq(desc_stream, t)).map(|t| t.join(" "))
    }

    /// For search: a query quantity of a deciding dimension that misses the threshold
    /// (e.g. "VFD 50 Hz" against 3A225's 600 Hz), explained.
    pub(crate) fn fails_on(&self, qs: &[Quantity]) -> Option<String> {
        for p in &self.params {
            if let ParamTest::Threshold { dim, op, value, near, .. } = &p.test {
                if !near.is_empty() {
                    continue;
                }
                let same: Vec<&Quantity> = qs.iter().filter(|q| q.dim == *dim).collect();
                if !same.is_empty() && same.iter().all(|q| op.holds(q.value, *value) == Some(false)) {
                    let best = same[0];
                    return Some(format!(
                        "{} {} is outside {} {} {} ({}): probably not this entry",
                        p.name,
                        fmt_quantity(*dim, best.value),
                        self.code,
                        op.symbol(),
                        fmt_quantity(*dim, *value),
                        p.cite
                    ));
                }
            }
        }
        None
    }

    /// Evaluates the rule on an item: `None` when the description does not name this kind
    /// of item.
    pub(crate) fn check(&self, item: &Item) -> Option<Outcome> {
        let mut desc = item.description.clone();
        if desc.len() > 4000 {
            let mut e = 4000;
            while !desc.is_char_boundary(e) {
                e -= 1;
            }
            desc.truncate(e);
        }
        let ds = stream(&desc);
        let trigger = self.triggered(&ds)?;
        let dq = text::quantities(&desc, 4000);
        let results: Vec<(&ParamSpec, Found)> =
            self.params.iter().map(|p| (p, p.evaluate(item, &desc, &ds, &dq))).collect();
        // Group: met if any member met; not met if none met and some not met.
        let mut groups: Vec<(&str, Status, bool)> = Vec::new();
        for (p, f) in &results {
            match groups.iter_mut().find(|g| g.0 == p.group) {
                Some(g) => {
                    g.1 = match (g.1, f.status) {
                        (Status::Met, _) | (_, Status::Met) => Status::Met,
                        (Status::NotMet, _) | (_, Status::NotMet) => Status::NotMet,
                        _ => Status::Unknown,
                    };
                    g.2 |= p.required;
                }
                None => groups.push((p.group.as_str(), f.status, p.required)),
            }
        }
        let said: Vec<String> =
            results.iter().filter(|(_, f)| !f.said.is_empty()).map(|(_, f)| f.said.clone()).collect();
        let required: Vec<&(&str, Status, bool)> = groups.iter().filter(|g| g.2).collect();
        let met = required.iter().filter(|g| g.1 == Status::Met).count();
        let missing: Vec<String> =
            required.iter().filter(|g| g.1 == Status::Unknown).map(|g| g.0.to_string()).collect();
        let state = if groups.iter().any(|g| g.1 == Status::NotMet) {
            State::NotMet
        } else if missing.is_empty() && met > 0 {
            State::Met
        } else if met > 0 {
            State::Partial
        } else {
            State::Missing
        };
        Some(Outcome { state, trigger, said, missing })
    }

    fn assess(&self, item: &Item) -> Option<ItemConcern> {
        let o = self.check(item)?;
        let head = format!("\"{}\" suggests {} ({})", o.trigger, self.code, self.what);
        let tail = format!("source: {}", self.cite);
        match o.state {
            State::NotMet => None,
            State::Met => Some(ItemConcern::SuspectedListed {
                code: self.code.clone(),
                clearly_meets: true,
                why: format!("{head}; {}; {tail}", o.said.join("; ")),
            }),
            State::Partial => Some(ItemConcern::SuspectedListed {
                code: self.code.clone(),
                clearly_meets: false,
                why: format!("{head}; {}; not stated: {}; {tail}", o.said.join("; "), o.missing.join(", ")),
            }),
            State::Missing => Some(ItemConcern::ParametersMissing {
                code: self.code.clone(),
                missing: o.missing.clone(),
                why: format!("{head}; it depends on: {}; {tail}", o.missing.join(", ")),
            }),
        }
    }
}

/// Result of a parameter rule on one description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum State {
    /// Every required parameter stated and meeting its threshold.
    Met,
    /// Some met, the rest not stated.
    Partial,
    /// None stated.
    Missing,
    /// A stated parameter is outside its threshold.
    NotMet,
}

#[derive(Clone, Debug)]
pub(crate) struct Outcome {
    pub state: State,
    pub trigger: String,
    pub said: Vec<String>,
    pub missing: Vec<String>,
}

/// Whether the user's own classification leaves room for a doubt: not classified, "not
/// listed", or a US EAR99 / anti-terrorism-only (xx9xx) ECCN.
fn user_says_unlisted(item: &Item) -> bool {
    match &item.classification {
        None => true,
        Some(Classification::NotListed(_)) => true,
        Some(Classification::Listed { scheme, code }) => {
            let c = code.trim().to_ascii_uppercase();
            scheme.eq_ignore_ascii_case("ECCN") && (c == "EAR99" || c.as_bytes().get(2) == Some(&b'9'))
        }
    }
}

impl ControlList for Annex1 {
    fn lookup(&self, code: &str) -> Option<ControlEntryInfo> {
        let c = code.trim();
        // Only exact Annex I code syntax (any case, dots optional) is looked up.
        let n = super::normalise_code(c);
        if n.len() < 5 {
            return None;
        }
        self.info(c)
    }

    fn concerns(&self, item: &Item) -> Vec<ItemConcern> {
        if !user_says_unlisted(item) {
            return Vec::new();
        }
        let mut out: Vec<ItemConcern> = Vec::new();
        for r in &self.rules {
            let Some(c) = r.assess(item) else { continue };
            let code = match &c {
                ItemConcern::SuspectedListed { code, .. } | ItemConcern::ParametersMissing { code, .. } => code.clone(),
            };
            let rank = |c: &ItemConcern| match c {
                ItemConcern::SuspectedListed { clearly_meets: true, .. } => 3,
                ItemConcern::SuspectedListed { .. } => 2,
                ItemConcern::ParametersMissing { .. } => 1,
            };
            match out.iter_mut().find(|o| match o {
                ItemConcern::SuspectedListed { code: oc, .. } | ItemConcern::ParametersMissing { code: oc, .. } => {
                    *oc == code
                }
            }) {
                Some(o) if rank(&c) > rank(o) => *o = c,
                Some(_) => {}
                None => out.push(c),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn bundled_rules_parse_and_name_real_codes() {
        let rules = super::bundled_rules().unwrap();
        assert!(rules.len() >= 10, "{}", rules.len());
        let a = crate::classify::bundled();
        for r in &rules {
            assert!(a.provision(&r.code).is_some(), "rule code {} not in Annex I", r.code);
            for p in &r.params {
                assert!(!p.cite.is_empty());
            }
        }
    }
}
