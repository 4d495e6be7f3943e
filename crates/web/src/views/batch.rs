//! The Batch screen: a CSV of parties or a JSON-lines file of shipments, screened in the
//! worker with a progress bar and cancel; a summary chart, a sortable and filterable results
//! table, CSV download, and any row opened in full.

use super::{BatchHandle, SessionHandle};
use crate::browser::{download_as, now_iso, today};
use crate::protocol::{FromWorker, ToWorker};
use crate::state::batch::{BatchAction, Run, Show, SortKey, Table};
use crate::state::Action;
use crate::worker_client::WorkerPool;
use catchall::batch::Outcome;
use catchall::batch::Summary;
use serde_json::Value;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The largest batch file read (100,000 rows of a party CSV fit in a few MB).
const MAX_BATCH_BYTES: f64 = 64.0 * 1024.0 * 1024.0;

fn start(batch: &BatchHandle, worker: &WorkerPool, file: Option<web_sys::File>) {
    let Some(file) = file else { return };
    if batch.run.busy() {
        return;
    }
    let name = file.name();
    if file.size() > MAX_BATCH_BYTES {
        batch.dispatch(BatchAction::Start { file: name.clone(), parts: 1 });
        batch.dispatch(BatchAction::Worker(FromWorker::Failed {
            message: format!(
                "{name}: {:.0} MB is over the {:.0} MB limit for a batch file",
                file.size() / 1e6,
                MAX_BATCH_BYTES / 1e6
            ),
        }));
        return;
    }
    batch.dispatch(BatchAction::Start { file: name.clone(), parts: worker.size() });
    let (batch, worker) = (batch.clone(), worker.clone());
    wasm_bindgen_futures::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string()) {
            Some(text) => worker.send(&ToWorker::Batch { file: name, text, part: 0, parts: 1 }, None),
            None => batch.dispatch(BatchAction::Worker(FromWorker::Failed {
                message: format!("{name}: the browser could not read the file as text"),
            })),
        }
    });
}

/// A horizontal bar chart (SVG, so it needs no inline styles under the page's CSP).
fn bars(id: &str, title: &str, data: &[(String, usize)], total: usize) -> Html {
    let max = data.iter().map(|d| d.1).max().unwrap_or(0).max(1);
    let h = 22 * data.len().max(1);
    html! {
        <figure class="chart" id={id.to_string()}>
            <figcaption>{title.to_string()}</figcaption>
            <svg role="img" aria-label={title.to_string()} viewBox={format!("0 0 420 {h}")} width="100%" height={h.to_string()} preserveAspectRatio="xMinYMin meet">
                { for data.iter().enumerate().map(|(i, (label, n))| {
                    let y = i * 22;
                    let w = 200.0 * (*n as f64) / (max as f64);
                    let pct = if total > 0 { 100.0 * (*n as f64) / (total as f64) } else { 0.0 };
                    html! {
                        <g class={classes!("bar", format!("bar-{}", label.to_lowercase()))} data-label={label.clone()} data-count={n.to_string()}>
                            <text x="0" y={(y + 15).to_string()} class="bar-label">{label.clone()}</text>
                            <rect x="150" y={(y + 3).to_string()} width={format!("{w:.1}")} height="16" rx="2"></rect>
                            <text x={format!("{:.1}", 156.0 + w)} y={(y + 15).to_string()} class="bar-value">{format!("{n} ({pct:.1} %)")}</text>
                        </g>
                    }
                }) }
            </svg>
        </figure>
    }
}

fn summary_view(s: &Summary) -> Html {
    let outcomes: Vec<(String, usize)> =
        Outcome::ALL.iter().filter_map(|o| s.by_outcome.get(o).map(|n| (o.as_str().to_string(), *n))).collect();
    let mut lists: Vec<(String, usize)> = s.by_list.iter().map(|(k, v)| (k.clone(), *v)).collect();
    lists.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    html! {
        <div class="charts" id="batch-summary">
            { bars("chart-outcomes", &format!("Outcomes of {} rows", s.rows), &outcomes, s.rows) }
            if lists.is_empty() {
                <p class="hint">{"No row hit any list."}</p>
            } else {
                { bars("chart-lists", "Rows with a hit, per list", &lists, s.rows) }
            }
        </div>
    }
}

fn outcome_pill(o: &str) -> Html {
    let class = match o {
        "STOP" | "MATCH" => "v-stop",
        "LICENCE_REQUIRED" => "v-licence",
        "REVIEW" | "POSSIBLE" => "v-review",
        _ => "v-clear",
    };
    html! { <span class={classes!("pill", class)} data-outcome={o.to_string()}>{o.replace('_', " ")}</span> }
}

fn detail_view(batch: &BatchHandle, session: &SessionHandle, index: usize, detail: Option<&Value>) -> Html {
    let close = {
        let batch = batch.clone();
        Callback::from(move |_| batch.dispatch(BatchAction::CloseDetail))
    };
    let body = match detail {
        None => html! { <p>{"Loading the row…"}</p> },
        Some(d) if d.get("error").is_some() => {
            html! { <p class="error">{d["error"].as_str().unwrap_or("unavailable").to_string()}</p> }
        }
        Some(d) => {
            let result = &d["result"];
            let input = &d["row"]["input"];
            if input["type"] == "shipment" {
                let mut shipment = input.clone();
                if let Some(o) = shipment.as_object_mut() {
                    o.remove("type");
                }
                let parsed = catchall::parse_shipment(&shipment.to_string());
                let report = serde_json::from_value::<catchall::Report>(result["report"].clone());
                match (parsed, report) {
                    (Ok(shipment), Ok(report)) => {
                        let session = session.clone();
                        let open = Callback::from(move |_| {
                            let id = format!("b{}", js_sys::Date::now() as u64);
                            session.dispatch(Action::Screened {
                                id,
                                at: now_iso(),
                                shipment: Box::new(shipment.clone()),
                                report: Box::new(report.clone()),
                            });
                        });
                        html! { <p><button type="button" id="open-report" onclick={open}>{"Open the full report"}</button>
                        {" (it is also saved to History)."}</p> }
                    }
                    (Err(e), _) => html! { <p class="error">{format!("The shipment could not be read back: {e}")}</p> },
                    (_, Err(e)) => html! { <p class="error">{format!("The report could not be read back: {e}")}</p> },
                }
            } else {
                let hits = result["hits"].as_array().cloned().unwrap_or_default();
                html! {
                    <>
                    <p>{format!("Screened “{}”{} against {} list(s).", result["label"].as_str().unwrap_or(""),
                        result["country"].as_str().filter(|c| !c.is_empty()).map(|c| format!(" ({c})")).unwrap_or_default(),
                        batch.lists.len())}</p>
                    if hits.is_empty() {
                        <p>{"No list entry came close."}</p>
                    } else {
                        <ol class="hits">
                        { for hits.iter().map(|h| html! {
                            <li class="hit">
                                <p><strong>{h["name"].as_str().unwrap_or("").to_string()}</strong>
                                    {format!(" — {} entry {} · {} · score {:.3}", h["list"].as_str().unwrap_or(""), h["entry_id"].as_str().unwrap_or(""),
                                        h["decision"].as_str().unwrap_or(""), h["score"].as_f64().unwrap_or(0.0))}</p>
                                if h["matched_name"].as_str().is_some_and(|m| Some(m) != h["name"].as_str()) {
                                    <p>{format!("Matched on the name “{}”", h["matched_name"].as_str().unwrap_or(""))}</p>
                                }
                                { super::report::evidence_view(&h["explanation"], 1) }
                            </li>
                        }) }
                        </ol>
                    }
                    <p class="hint">{"A hit means a person must check it: the report of a shipment says what a hit on each list requires. Screen the shipment on the first tab for a verdict."}</p>
                    </>
                }
            }
        }
    };
    html! {
        <section class="detail" id="batch-detail" aria-labelledby="batch-detail-h">
            <h3 id="batch-detail-h" tabindex="-1">{format!("Row {}", batch.row(index).map(|r| r.line).unwrap_or(0))}
                {" "}<button type="button" class="link" onclick={close}>{"Close"}</button></h3>
            {body}
        </section>
    }
}

pub fn batch_page(batch: &BatchHandle, worker: &WorkerPool, session: &SessionHandle) -> Html {
    let onchange = {
        let (batch, worker) = (batch.clone(), worker.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let file = input.files().and_then(|f| f.get(0));
            input.set_value("");
            start(&batch, &worker, file);
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let (batch, worker) = (batch.clone(), worker.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            start(&batch, &worker, e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)));
        })
    };
    let cancel = {
        let worker = worker.clone();
        Callback::from(move |_| worker.send(&ToWorker::Cancel, None))
    };
    let csv = {
        let batch = batch.clone();
        Callback::from(move |_| download_as(&format!("catchall-batch-{}.csv", today()), "text/csv", &batch.csv_text()))
    };
    let set_table = |f: fn(&mut Table, String)| {
        let batch = batch.clone();
        move |value: String| {
            let mut t = batch.table.clone();
            f(&mut t, value);
            batch.dispatch(BatchAction::Table(t));
        }
    };
    let on_filter_text = {
        let set = set_table(|t, v| {
            t.text = v;
            t.page = 0;
        });
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                set(i.value());
            }
        })
    };
    let on_show = {
        let set = set_table(|t, v| {
            t.show = match v.as_str() {
                "all" => Show::All,
                "flagged" => Show::Flagged,
                o => Outcome::parse(o).map(Show::Outcome).unwrap_or(Show::All),
            };
            t.page = 0;
        });
        Callback::from(move |e: Event| {
            if let Some(s) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                set(s.value());
            }
        })
    };
    let page_to = |delta: isize| {
        let batch = batch.clone();
        Callback::from(move |_| {
            let mut t = batch.table.clone();
            t.page = t.page.saturating_add_signed(delta);
            batch.dispatch(BatchAction::Table(t));
        })
    };
    let (rows, matching, pages) = batch.table.view(batch.rows());
    let page = batch.table.page.min(pages - 1);
    let show_value = match batch.table.show {
        Show::All => "all".to_string(),
        Show::Flagged => "flagged".to_string(),
        Show::Outcome(o) => o.as_str().to_string(),
    };
    let run_status = match &batch.run {
        Run::Idle => html! {},
        Run::Starting => {
            html! { <p>{format!("Starting: loading the lists in the background and reading {}…", batch.file)}</p> }
        }
        Run::Running { done, total } => html! {
            <>
            <progress id="batch-progress" aria-label="Batch progress" max={total.to_string()} value={done.to_string()}></progress>
            <p>{format!("Screened {done} of {total} rows of {}…", batch.file)}
                {" "}<button type="button" id="batch-cancel" class="secondary" onclick={cancel}>{"Cancel"}</button></p>
            </>
        },
        Run::Finished { done, total, cancelled, ms } => html! {
            <p class={classes!(if *cancelled { "warn" } else { "ok" })} id="batch-finished" data-done={done.to_string()} data-total={total.to_string()}>
                { if *cancelled {
                    format!("Cancelled: {done} of {total} rows of {} screened (kept below).", batch.file)
                } else {
                    format!("Done: {total} rows of {} screened in {:.1} s ({} worker(s)).", batch.file, ms / 1000.0, batch.parts)
                } }
            </p>
        },
        Run::Failed(m) => html! { <p class="error" role="alert" id="batch-error">{m.clone()}</p> },
    };
    let header = |key: SortKey| {
        let batch = batch.clone();
        let sorted = batch.table.sort == key;
        let aria = sorted.then(|| if batch.table.descending { "descending" } else { "ascending" });
        let onclick = Callback::from(move |_| {
            let mut t = batch.table.clone();
            t.sort_by(key);
            batch.dispatch(BatchAction::Table(t));
        });
        html! { <th scope="col" aria-sort={aria}><button type="button" class="sort" {onclick}>{key.label()}
        { if sorted { if aria == Some("descending") { " ▼" } else { " ▲" } } else { "" } }</button></th> }
    };
    html! {
        <section aria-labelledby="batch-title" class="page batch-page">
            <div class="page-head"><h2 id="batch-title">{"Batch screening"}</h2></div>
            <p class="hint">{"Screen a whole customer or partner file at once. A CSV with a "}<code>{"name"}</code>
                {" column (optional "}<code>{"country"}</code>{" as ISO code, "}<code>{"kind"}</code>
                {": person, organization or vessel) is matched against every list; a JSON-lines file (one shipment per line, the same JSON as the form's export) gets a full verdict per shipment. Up to 100,000 rows; the screening runs in the background and nothing leaves this browser."}</p>
            <div class={classes!("dropzone", batch.run.busy().then_some("busy"))} id="batch-drop" {ondragover} {ondrop}>
                <p>{"Drop a file here, or "}<label class="button" for="batch-file">{"choose a file…"}</label>
                    <input type="file" id="batch-file" class="visually-hidden-file" accept=".csv,.txt,.jsonl,.ndjson,.json,text/csv" disabled={batch.run.busy()} {onchange} /></p>
            </div>
            <div class="batch-status" role="status" aria-live="polite">{run_status}</div>
            if !batch.errors.is_empty() {
                <details class="issues" id="batch-skipped">
                    <summary>{format!("{} row(s) could not be read and were skipped", batch.errors.len())}</summary>
                    <ul>{ for batch.errors.iter().take(200).map(|e| html! { <li><code>{format!("{}:{}: {}", batch.file, e.line, e.reason)}</code></li> }) }</ul>
                </details>
            }
            if batch.summary.rows > 0 {
                { summary_view(&batch.summary) }
                <div class="table-tools">
                    <label>{"Show "}
                        <select id="batch-show" onchange={on_show} value={show_value.clone()}>
                            <option value="all" selected={show_value == "all"}>{"all rows"}</option>
                            <option value="flagged" selected={show_value == "flagged"}>{"rows needing attention"}</option>
                            { for Outcome::ALL.iter().map(|o| html! { <option value={o.as_str()} selected={show_value == o.as_str()}>{o.as_str().replace('_', " ")}</option> }) }
                        </select>
                    </label>
                    <label>{"Find "}<input type="search" id="batch-filter" placeholder="name, country, list…" value={batch.table.text.clone()} oninput={on_filter_text} /></label>
                    <button type="button" id="batch-csv" onclick={csv}>{"Download results (CSV)"}</button>
                    <super::book::BatchToBook batch={batch.clone()} />
                </div>
                <p class="table-count" id="batch-count" data-matching={matching.to_string()} data-received={batch.received().to_string()}>
                    {format!("{matching} of {} rows · page {} of {pages}", batch.received(), page + 1)}
                    {" "}<button type="button" class="secondary" disabled={page == 0} onclick={page_to(-1)}>{"Previous"}</button>
                    {" "}<button type="button" class="secondary" id="batch-next" disabled={page + 1 >= pages} onclick={page_to(1)}>{"Next"}</button>
                </p>
                <table class="results" id="batch-results">
                    <caption class="sr-only">{"Batch results"}</caption>
                    <thead><tr>
                        { header(SortKey::Line) }{ header(SortKey::Name) }{ header(SortKey::Country) }{ header(SortKey::Outcome) }{ header(SortKey::Score) }
                        <th scope="col">{"Best hit / deciding rule"}</th><th scope="col"><span class="sr-only">{"Open"}</span></th>
                    </tr></thead>
                    <tbody>
                    { for rows.iter().map(|r| {
                        let (b, w, i) = (batch.clone(), worker.clone(), r.index);
                        let open = Callback::from(move |_| {
                            b.dispatch(BatchAction::Open(i));
                            w.send(&ToWorker::Detail { index: i }, None);
                        });
                        html! {
                            <tr data-index={r.index.to_string()} data-outcome={r.outcome.as_str()}>
                                <td class="num">{r.line.to_string()}</td>
                                <td>{r.label.clone()}</td>
                                <td>{r.country.clone()}</td>
                                <td>{outcome_pill(r.outcome.as_str())}</td>
                                <td class="num">{ if r.score > 0.0 { format!("{:.3}", r.score) } else { String::new() } }</td>
                                <td>{r.best.clone()}</td>
                                <td><button type="button" class="secondary" aria-label={format!("Open row {}", r.line)} onclick={open}>{"Open"}</button></td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
            }
            if let Some((i, d)) = &batch.detail {
                { detail_view(batch, session, *i, d.as_ref()) }
            }
        </section>
    }
}
