//! `catchall._catchall`: the engine for Python. The Python package (`python/catchall`) wraps
//! these functions: it turns dicts into JSON and back and builds Arrow tables; everything that
//! screens runs here with the GIL released.
//!
//! One index per process, built on first use from the bundled lists (plus any lists imported
//! with `import_lists`) and shared read-only by every thread: in Spark, one per Python worker
//! process, reused by every task that worker runs.

use catchall::batch::Outcome;
use catchall::lists::import::{check_size, import, SourceFile};
use catchall::lists::List;
use catchall::names::Index;
use catchall::screening::{Decision, EntityKind, Hit, PartyScreener, Query};
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use rayon::prelude::*;
use std::sync::{Arc, RwLock};

/// What the process has loaded: the index over the bundled lists with the imports applied, and
/// the imports themselves (so a later import adds to them).
struct State {
    index: Index,
    imported: Vec<List>,
}

static STATE: RwLock<Option<Arc<State>>> = RwLock::new(None);

fn build(imported: Vec<List>) -> PyResult<State> {
    let bundled = catchall::lists::bundled().map_err(|e| PyValueError::new_err(format!("bundled lists: {e}")))?;
    let lists = catchall::lists::with_imports(bundled, imported.iter().cloned());
    Ok(State { index: Index::build(lists), imported })
}

/// The loaded state, building it on first use (outside the lock's write section only once:
/// a second thread waiting here finds it built).
fn state(py: Python<'_>) -> PyResult<Arc<State>> {
    if let Some(s) = STATE.read().map_err(poisoned)?.as_ref() {
        return Ok(s.clone());
    }
    py.detach(|| {
        let mut w = STATE.write().map_err(poisoned)?;
        if let Some(s) = w.as_ref() {
            return Ok(s.clone());
        }
        let s = Arc::new(build(Vec::new())?);
        *w = Some(s.clone());
        Ok(s)
    })
}

fn poisoned<T>(_: T) -> PyErr {
    PyValueError::new_err("catchall: the list state was poisoned by an earlier panic")
}

fn parse_kind(kind: Option<&str>) -> Result<EntityKind, String> {
    match kind.map(str::trim).filter(|k| !k.is_empty()) {
        None => Ok(EntityKind::Unknown),
        Some(k) => EntityKind::parse(k)
            .ok_or_else(|| format!("kind: unknown kind {k:?} (person|organization|vessel|aircraft|unknown)")),
    }
}

/// Initialises the index now (else the first screening does), so timing a first call
/// measures the screening only. Returns the number of names indexed.
#[pyfunction]
fn load(py: Python<'_>) -> PyResult<usize> {
    Ok(state(py)?.index.name_count())
}

/// The loaded lists' provenance, as JSON (`[{"id", "name", "publisher", "url", "date",
/// "entries", "hash", ...}]`).
#[pyfunction]
fn lists_json(py: Python<'_>) -> PyResult<String> {
    let s = state(py)?;
    serde_json::to_string(&s.index.lists()).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// One name against the loaded lists (all, or those in `lists`); the hits as JSON.
#[pyfunction]
#[pyo3(signature = (name, country=None, kind=None, lists=None))]
fn match_json(
    py: Python<'_>,
    name: String,
    country: Option<String>,
    kind: Option<String>,
    lists: Option<Vec<String>>,
) -> PyResult<String> {
    let s = state(py)?;
    let only = lists.unwrap_or_default();
    check_list_ids(&s.index, &only)?;
    let kind = parse_kind(kind.as_deref()).map_err(PyValueError::new_err)?;
    let country = country.map(|c| c.trim().to_ascii_uppercase()).filter(|c| !c.is_empty());
    let q = Query { name, country, kind, ..Default::default() };
    let hits = py.detach(|| s.index.screen_lists(&q, &only));
    Ok(serde_json::Value::Array(hits.iter().map(Hit::to_json).collect()).to_string())
}

fn check_list_ids(index: &Index, ids: &[String]) -> PyResult<()> {
    let loaded: Vec<String> = index.lists().into_iter().map(|m| m.id).collect();
    let unknown: Vec<&str> = ids.iter().filter(|id| !loaded.contains(id)).map(String::as_str).collect();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(PyValueError::new_err(format!(
            "lists: unknown list id {}; loaded lists: {}",
            unknown.join(", "),
            loaded.join(", ")
        )))
    }
}

/// A shipment (JSON text) screened against the loaded lists and the bundled Annex I: the
/// report as JSON. A bad shipment raises ValueError naming the field.
#[pyfunction]
fn screen_json(py: Python<'_>, shipment: String) -> PyResult<String> {
    let s = state(py)?;
    py.detach(|| {
        let shipment = catchall::parse_shipment(&shipment).map_err(|e| PyValueError::new_err(e.to_string()))?;
        let ctx = catchall::screening::Context { parties: &s.index, controls: catchall::classify::bundled() };
        let report = catchall::rules::screen(&shipment, &ctx);
        serde_json::to_string(&report).map_err(|e| PyValueError::new_err(e.to_string()))
    })
}

/// The columns `match_batch` returns, one value per input row.
#[derive(Default)]
struct Columns {
    outcome: Vec<&'static str>,
    best_list: Vec<Option<String>>,
    entry_id: Vec<Option<String>>,
    listed_name: Vec<Option<String>>,
    score: Vec<Option<f64>>,
    hits: Vec<u32>,
    explanation: Vec<Option<String>>,
    error: Vec<Option<String>>,
}

type BatchColumns = (
    Vec<&'static str>,
    Vec<Option<String>>,
    Vec<Option<String>>,
    Vec<Option<String>>,
    Vec<Option<f64>>,
    Vec<u32>,
    Vec<Option<String>>,
    Vec<Option<String>>,
);

/// One row's outcome, best hit, number of hits, and why it could not be screened.
type RowResult = (Outcome, Option<Hit>, u32, Option<String>);

/// Many names at once, on `threads` threads (0: every core) sharing the one index, the GIL
/// released. Per row: outcome (MATCH / POSSIBLE / NO_HIT, or ERROR with `error` set), the best
/// hit's list, entry id, listed name and score, the number of hits, and the best hit's
/// explanation as JSON.
#[pyfunction]
#[pyo3(signature = (names, countries, kinds, lists=None, threads=0))]
fn match_batch_columns(
    py: Python<'_>,
    names: Vec<Option<String>>,
    countries: Vec<Option<String>>,
    kinds: Vec<Option<String>>,
    lists: Option<Vec<String>>,
    threads: usize,
) -> PyResult<BatchColumns> {
    if countries.len() != names.len() || kinds.len() != names.len() {
        return Err(PyValueError::new_err("names, countries and kinds must have the same length"));
    }
    let s = state(py)?;
    let only = lists.unwrap_or_default();
    check_list_ids(&s.index, &only)?;
    let one = |i: usize| -> RowResult {
        let name = names[i].as_deref().map(str::trim).unwrap_or_default();
        if name.is_empty() {
            return (Outcome::NoHit, None, 0, Some("name: empty".into()));
        }
        let kind = match parse_kind(kinds[i].as_deref()) {
            Ok(k) => k,
            Err(e) => return (Outcome::NoHit, None, 0, Some(e)),
        };
        let country = countries[i].as_deref().map(|c| c.trim().to_ascii_uppercase()).filter(|c| !c.is_empty());
        let q = Query { name: name.to_string(), country, kind, ..Default::default() };
        let hits = s.index.screen_lists(&q, &only);
        let outcome = match hits.first().map(|h| h.decision) {
            Some(Decision::Match) => Outcome::Match,
            Some(Decision::Possible) => Outcome::Possible,
            _ => Outcome::NoHit,
        };
        let n = hits.len() as u32;
        (outcome, hits.into_iter().next(), n, None)
    };
    let rows = py.detach(|| -> PyResult<Vec<RowResult>> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|e| PyOSError::new_err(format!("cannot start the screening threads: {e}")))?;
        Ok(pool.install(|| (0..names.len()).into_par_iter().map(one).collect()))
    })?;
    let mut c = Columns::default();
    for (outcome, best, n, error) in rows {
        c.outcome.push(if error.is_some() { "ERROR" } else { outcome.as_str() });
        c.best_list.push(best.as_ref().map(|h| h.list.clone()));
        c.entry_id.push(best.as_ref().map(|h| h.entry_id.clone()));
        c.listed_name.push(best.as_ref().map(|h| h.name.clone()));
        c.score.push(best.as_ref().map(|h| h.score));
        c.hits.push(n);
        c.explanation.push(best.as_ref().map(|h| h.explanation.to_string()));
        c.error.push(error);
    }
    Ok((c.outcome, c.best_list, c.entry_id, c.listed_name, c.score, c.hits, c.explanation, c.error))
}

/// Imports list files (any format `catchall lists import` reads; an OFAC legacy set given
/// whole) and screens against them from now on: an imported list replaces the loaded list with
/// the same id. Refused (ValueError, nothing changed) when a list would be replaced by none or
/// by fewer than half its entries, unless `allow_shrink`. Returns each imported list's
/// provenance and skipped records as JSON.
#[pyfunction]
#[pyo3(signature = (paths, allow_shrink=false))]
fn import_lists_json(py: Python<'_>, paths: Vec<String>, allow_shrink: bool) -> PyResult<String> {
    let current = state(py)?;
    py.detach(|| {
        let mut datas = Vec::with_capacity(paths.len());
        for p in &paths {
            let len = std::fs::metadata(p).map_err(|e| PyOSError::new_err(format!("{p}: {e}")))?.len();
            check_size(p, len).map_err(|e| PyValueError::new_err(e.to_string()))?;
            datas.push((p.as_str(), std::fs::read(p).map_err(|e| PyOSError::new_err(format!("{p}: {e}")))?));
        }
        let files: Vec<SourceFile> = datas.iter().map(|(n, d)| SourceFile { name: n, data: d }).collect();
        let imports = import(&files).map_err(|e| PyValueError::new_err(e.to_string()))?;
        let loaded = current.index.lists();
        let find = |id: &str| loaded.iter().find(|m| m.id == id);
        catchall::lists::check_imports(&imports, find, allow_shrink).map_err(|refused| {
            let why: Vec<String> = refused.iter().map(|r| r.to_string()).collect();
            PyValueError::new_err(format!("{} (pass allow_shrink=True to replace anyway)", why.join("; ")))
        })?;
        let report: Vec<serde_json::Value> = imports
            .iter()
            .map(|imp| {
                serde_json::json!({
                    "list": imp.list.meta,
                    "issues": imp.issues.iter().map(|i| i.to_string()).collect::<Vec<_>>(),
                })
            })
            .collect();
        let mut imported = current.imported.clone();
        for imp in imports {
            imported.retain(|l| l.meta.id != imp.list.meta.id);
            imported.push(imp.list);
        }
        let next = Arc::new(build(imported)?);
        *STATE.write().map_err(poisoned)? = Some(next);
        Ok(serde_json::Value::Array(report).to_string())
    })
}

/// Forgets every imported list: back to the bundled lists.
#[pyfunction]
fn reset_lists(py: Python<'_>) -> PyResult<()> {
    let fresh = py.detach(|| build(Vec::new()))?;
    *STATE.write().map_err(poisoned)? = Some(Arc::new(fresh));
    Ok(())
}

#[pymodule]
fn _catchall(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(load, m)?)?;
    m.add_function(wrap_pyfunction!(lists_json, m)?)?;
    m.add_function(wrap_pyfunction!(match_json, m)?)?;
    m.add_function(wrap_pyfunction!(screen_json, m)?)?;
    m.add_function(wrap_pyfunction!(match_batch_columns, m)?)?;
    m.add_function(wrap_pyfunction!(import_lists_json, m)?)?;
    m.add_function(wrap_pyfunction!(reset_lists, m)?)?;
    m.add("ENGINE_VERSION", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
