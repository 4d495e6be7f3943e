//! The Lists screen: what every screening is checked against (bundled and imported lists,
//! with publisher, data date, entries and a staleness warning), importing list files by file
//! picker or drag and drop (parsed in the worker), and removing imported lists.

use super::ListsHandle;
use crate::browser::today;
use crate::protocol::ToWorker;
use crate::state::lists::{staleness_warning, ImportPhase, ListsAction};
use crate::worker_client::WorkerPool;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The largest list file the app reads ([`catchall::lists::import::MAX_LIST_BYTES`]): bigger
/// files are refused here, before the browser reads them, with the reason.
const MAX_FILE_BYTES: f64 = catchall::lists::import::MAX_LIST_BYTES as f64;

/// Reads the files and hands them to the worker to parse.
fn import_files(lists: &ListsHandle, worker: &WorkerPool, files: Vec<web_sys::File>) {
    if files.is_empty() || lists.phase.busy() {
        return;
    }
    if let Some(big) = files.iter().find(|f| f.size() > MAX_FILE_BYTES) {
        lists.dispatch(ListsAction::Phase(ImportPhase::Failed(format!(
            "{}: {:.1} MiB is over the {:.0} MiB limit for a list file. Nothing was changed.",
            big.name(),
            big.size() / 1048576.0,
            MAX_FILE_BYTES / 1048576.0
        ))));
        return;
    }
    let names: Vec<String> = files.iter().map(|f| f.name()).collect();
    lists.dispatch(ListsAction::Phase(ImportPhase::Reading(names.clone())));
    let (lists, worker) = (lists.clone(), worker.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let buffers = js_sys::Array::new();
        for f in &files {
            match wasm_bindgen_futures::JsFuture::from(f.array_buffer()).await {
                Ok(b) => {
                    buffers.push(&b);
                }
                Err(_) => {
                    lists.dispatch(ListsAction::Phase(ImportPhase::Failed(format!(
                        "{}: the browser could not read the file. Nothing was changed.",
                        f.name()
                    ))));
                    return;
                }
            }
        }
        lists.dispatch(ListsAction::Phase(ImportPhase::Parsing(names.clone())));
        worker.send(&ToWorker::Import { names }, Some(buffers));
    });
}

fn file_list(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// What the last import changed, per list: a summary line that opens to the entries.
fn diff_view(diffs: &[catchall::lists::diff::ListDiff], problems: &[String]) -> Html {
    const SHOW: usize = 200;
    let entries = |title: &str, v: Vec<String>| -> Html {
        if v.is_empty() {
            return html! {};
        }
        let more = v.len().saturating_sub(SHOW);
        html! {
            <>
                <h4>{format!("{title} ({})", v.len())}</h4>
                <ul>{ for v.into_iter().take(SHOW).map(|l| html! { <li>{l}</li> }) }</ul>
                if more > 0 { <p class="hint">{format!("… and {more} more")}</p> }
            </>
        }
    };
    html! {
        <section id="import-diff" aria-labelledby="import-diff-h">
            <h3 id="import-diff-h">{"What this import changed"}</h3>
            { for diffs.iter().map(|d| {
                let dates = if d.old_date != d.new_date && !d.old_date.is_empty() { format!(" (data of {} → {})", d.old_date, d.new_date) } else { String::new() };
                html! {
                    <details class="list-diff" data-list={d.id.clone()} data-added={d.added.len().to_string()} data-removed={d.removed.len().to_string()} data-changed={d.changed.len().to_string()}>
                        <summary><code>{d.id.clone()}</code>{format!(": {}{dates}", crate::state::lists::diff_summary(d))}</summary>
                        { entries("Added", d.added.iter().map(|e| format!("{} {}", e.entry_id, e.name)).collect()) }
                        { entries("Removed", d.removed.iter().map(|e| format!("{} {}", e.entry_id, e.name)).collect()) }
                        { entries("Changed", d.changed.iter().map(|c| format!("{}: {}", c.entry_id, c.fields.join(", "))).collect()) }
                    </details>
                }
            }) }
            if !problems.is_empty() {
                <ul class="warn">{ for problems.iter().map(|p| html! { <li>{p.clone()}</li> }) }</ul>
            }
        </section>
    }
}

pub fn lists_page(lists: &ListsHandle, worker: &WorkerPool) -> Html {
    let today = today();
    let st = &lists.state;
    let onchange = {
        let (lists, worker) = (lists.clone(), worker.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let files = file_list(input.files());
            input.set_value("");
            import_files(&lists, &worker, files);
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let (lists, worker) = (lists.clone(), worker.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let files = file_list(e.data_transfer().and_then(|d| d.files()));
            import_files(&lists, &worker, files);
        })
    };
    let busy = lists.phase.busy();
    let cancel = {
        let (lists, worker) = (lists.clone(), worker.clone());
        Callback::from(move |_| {
            worker.cancel_import();
            lists.dispatch(ListsAction::WorkerFailed("cancelled".into()));
        })
    };
    let parsing = matches!(lists.phase, ImportPhase::Parsing(_));
    let (progress, status): (Option<Option<f64>>, Html) = match &lists.phase {
        ImportPhase::Idle => (None, html! {}),
        ImportPhase::Reading(n) => (Some(Some(0.15)), html! { {format!("Reading {}…", n.join(", "))} }),
        ImportPhase::Parsing(n) => {
            (Some(None), html! { {format!("Parsing {} (in the background; the page stays usable)…", n.join(", "))} })
        }
        ImportPhase::Indexing => (Some(Some(0.85)), html! { {"Rebuilding the screening index and saving…"} }),
        ImportPhase::Done(m) => (None, html! { <span class="ok">{m.clone()}</span> }),
        ImportPhase::Failed(m) => (None, html! { <span class="error" role="alert">{m.clone()}</span> }),
        ImportPhase::Confirm(m) => {
            let (confirm, keep) = (lists.clone(), lists.clone());
            let confirm = Callback::from(move |_| confirm.dispatch(ListsAction::ConfirmShrink));
            let keep = Callback::from(move |_| keep.dispatch(ListsAction::KeepLoaded));
            (
                None,
                html! {
                    <span class="confirm-shrink" role="alert">
                        <span class="warn">{format!("{m}. A truncated or wrong file would weaken every screening.")}</span>{" "}
                        <button type="button" id="confirm-shrink" onclick={confirm}>{"Replace anyway"}</button>{" "}
                        <button type="button" id="keep-loaded" onclick={keep}>{"Keep the loaded list"}</button>
                    </span>
                },
            )
        }
    };
    html! {
        <section aria-labelledby="lists-title" class="page lists-page">
            <div class="page-head">
                <h2 id="lists-title">{"Restricted-party lists"}</h2>
            </div>
            <p class="hint">{"Every screening, single or batch, checks the parties against these lists. Import a current copy of a list to replace the bundled one or add another; imports are kept in this browser only."}</p>
            <table class="lists" id="lists-table">
                <caption class="sr-only">{"Lists in use"}</caption>
                <thead><tr>
                    <th scope="col">{"List"}</th><th scope="col">{"Publisher"}</th><th scope="col">{"Data date"}</th>
                    <th scope="col">{"Entries"}</th><th scope="col">{"Source"}</th><th scope="col">{"Status"}</th><th scope="col"><span class="sr-only">{"Actions"}</span></th>
                </tr></thead>
                <tbody>
                { for st.rows().into_iter().map(|(m, imported)| {
                    let warn = staleness_warning(&m.date, &today);
                    let remove = {
                        let lists = lists.clone();
                        let id = m.id.clone();
                        Callback::from(move |_| lists.dispatch(ListsAction::Remove(id.clone())))
                    };
                    html! {
                        <tr data-list={m.id.clone()} class={classes!(imported.then_some("imported"))}>
                            <td><strong>{m.name.clone()}</strong><br/><code>{m.id.clone()}</code></td>
                            <td>{m.publisher.clone()}</td>
                            <td class="date">{m.date.clone()}</td>
                            <td class="num entries">{m.entries.to_string()}</td>
                            <td>{ if imported { "imported" } else { "bundled" } }</td>
                            <td class="status">{ match warn {
                                Some(w) => html! { <span class="warn">{w}</span> },
                                None => html! { <span class="ok">{"current"}</span> },
                            } }</td>
                            <td>{ if imported { html! {
                                <button type="button" class="secondary" disabled={busy} aria-label={format!("Remove imported list {}", m.id)} onclick={remove}>{"Remove"}</button>
                            } } else { html! {} } }</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            if st.rows().is_empty() {
                <p>{"The bundled lists are still loading…"}</p>
            }
            <h3>{"Import a list"}</h3>
            <div class={classes!("dropzone", busy.then_some("busy"))} id="list-drop" {ondragover} {ondrop}>
                <p>{"Drop list files here, or "}
                    <label class="button" for="list-file">{"choose files…"}</label>
                    <input type="file" id="list-file" class="visually-hidden-file" multiple=true disabled={busy} {onchange} />
                </p>
                <p class="hint">{"Formats: OFAC SDN (sdn.csv with add/alt/sdn_comments, or the SDN names JSON/CSV), OFAC consolidated non-SDN (cons_*.csv), US Consolidated Screening List (CSV or JSON), BIS Entity List / UVL / MEU (eCFR XML or CSV), BIS Denied Persons (dpl.txt), UN Security Council (XML), UK sanctions list (CSV set), Japan METI End User List (CSV), FollowTheMoney JSON lines. Select all files of a multi-file set together. Up to 200 MiB per file."}</p>
            </div>
            <div class="import-status" id="import-status" role="status" aria-live="polite">
                if let Some(p) = progress {
                    { match p {
                        Some(v) => html! { <progress id="import-progress" aria-label="Import progress" max="1" value={v.to_string()}></progress> },
                        None => html! { <progress id="import-progress" aria-label="Import progress"></progress> },
                    } }
                }
                <p>{status}
                    if parsing {
                        {" "}<button type="button" id="import-cancel" class="secondary" onclick={cancel}>{"Cancel"}</button>
                    }
                </p>
            </div>
            if let Some(d) = lists.diff.as_ref().filter(|_| !matches!(lists.phase, ImportPhase::Failed(_) | ImportPhase::Idle)) {
                { diff_view(&d.0, &d.1) }
            }
            if !st.last_issues.is_empty() {
                <details class="issues" id="import-issues">
                    <summary>{format!("{} record(s) skipped by the last import", st.last_issues.len())}</summary>
                    <ul>{ for st.last_issues.iter().take(200).map(|i| html! { <li><code>{i.to_string()}</code></li> }) }</ul>
                    if st.last_issues.len() > 200 { <p>{format!("… and {} more", st.last_issues.len() - 200)}</p> }
                </details>
            }
            if let Some(note) = &lists.storage_note {
                <p class="notice" id="storage-note" role="alert">{note.clone()}</p>
            }
            if !st.unreadable.is_empty() {
                <ul class="unreadable">
                { for st.unreadable.iter().map(|(key, why)| {
                    let lists = lists.clone();
                    let k = key.clone();
                    html! { <li><code>{key.clone()}</code>{format!(": {why} ")}
                        <button type="button" class="secondary" onclick={Callback::from(move |_| {
                            let (lists, k) = (lists.clone(), k.clone());
                            wasm_bindgen_futures::spawn_local(async move {
                                let _ = crate::browser::lists_store::delete_key(&k).await;
                                lists.dispatch(ListsAction::Forget(k));
                            });
                        })}>{"Delete this saved copy"}</button></li> }
                }) }
                </ul>
            }
        </section>
    }
}
