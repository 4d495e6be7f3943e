//! History: saved screenings (reopen, delete), false-positive decisions (withdraw), and
//! export/import of everything as one JSON file.

use super::report::pill;
use super::SessionHandle;
use crate::browser::{download, today};
use crate::state::Action;
use yew::prelude::*;

pub fn history_page(s: &SessionHandle) -> Html {
    let export = {
        let s = s.clone();
        Callback::from(move |_| {
            let text = serde_json::to_string_pretty(&s.store()).unwrap_or_default();
            download(&format!("catchall-history-{}.json", today()), &text);
        })
    };
    let import = {
        let s = s.clone();
        Callback::from(move |e: Event| {
            use wasm_bindgen::JsCast;
            let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            // Refused before reading: a huge file would stall the page just to be read.
            let bytes = file.size() as usize;
            if bytes > crate::state::MAX_IMPORT_BYTES {
                s.dispatch(Action::Notice(Some(crate::state::import_too_big(bytes))));
                return;
            }
            let s = s.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(t) => s.dispatch(Action::Loaded { text: t.as_string().unwrap_or_default(), merge: true }),
                    Err(_) => s.dispatch(Action::Notice(Some("The file could not be read.".into()))),
                }
            });
        })
    };
    html! {
        <section aria-labelledby="history-title" class="page history-page">
            <div class="page-head">
                <h2 id="history-title">{"History"}</h2>
                <div class="actions">
                    <button type="button" id="export-history" onclick={export}>{"Export all (JSON)"}</button>
                    <label class="button secondary" for="import-history">{"Import…"}</label>
                    <input type="file" id="import-history" class="visually-hidden-file" accept=".json,application/json" onchange={import} />
                </div>
            </div>
            <p class="hint">{"Saved in this browser only. Export to keep a copy or move to another device."}</p>
            if s.history.is_empty() {
                <p>{"No saved screenings yet."}</p>
            } else {
                <table class="history">
                    <caption class="sr-only">{"Saved screenings, newest first"}</caption>
                    <thead><tr><th scope="col">{"When"}</th><th scope="col">{"Shipment"}</th><th scope="col">{"Verdict"}</th><th scope="col">{"Actions"}</th></tr></thead>
                    <tbody>
                    { for s.history.iter().map(|r| {
                        let (s1, s2, id1, id2) = (s.clone(), s.clone(), r.id.clone(), r.id.clone());
                        let title = r.title();
                        html! {
                            <tr data-id={r.id.clone()}>
                                <td>{r.at.replace('T', " ").get(..16).unwrap_or(&r.at).to_string()}</td>
                                <td>{title.clone()}</td>
                                <td>{pill(r.verdict())}</td>
                                <td>
                                    <button type="button" aria-label={format!("Reopen {title}")} onclick={Callback::from(move |_| s1.dispatch(Action::Reopen(id1.clone())))}>{"Reopen"}</button>
                                    <button type="button" class="secondary" aria-label={format!("Delete {title}")} onclick={Callback::from(move |_| s2.dispatch(Action::Delete(id2.clone())))}>{"Delete"}</button>
                                </td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
            }
            <h3>{"False-positive decisions"}</h3>
            if s.decisions.is_empty() {
                <p>{"None. Mark a party hit in a report as a false positive to record one."}</p>
            } else {
                <ul class="decisions">
                { for s.decisions.iter().enumerate().map(|(i, d)| {
                    let s = s.clone();
                    html! {
                        <li>{format!("{} ≠ {} ({} {}), {}: {} ", d.party_name, d.listed_name, d.list, d.entry_id, d.date, d.note)}
                            <button type="button" class="secondary" onclick={Callback::from(move |_| s.dispatch(Action::Undecide(i)))}>{"Withdraw"}</button>
                        </li>
                    }
                }) }
                </ul>
            }
            <VerifyPack />
            if !s.unreadable.is_empty() {
                <SetAside session={s.clone()} />
            }
            <p id="persist-status" class="hint">{ match s.persisted {
                Some(true) => "Storage: persistent. This browser will not clear your saved screenings or imported lists to free space.",
                Some(false) => "Storage: not persistent. This browser may clear saved screenings and imported lists when space runs low; export your history to keep a copy.",
                None => "Storage: this browser cannot say whether it keeps saved data; export your history to keep a copy.",
            } }</p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct SetAsideProps {
    pub session: SessionHandle,
}

/// The saved entries that could not be read: kept until the user exports and deletes them.
#[component]
pub fn SetAside(props: &SetAsideProps) -> Html {
    let s = &props.session;
    let confirming = use_state(|| false);
    let export = {
        let records = s.unreadable.clone();
        Callback::from(move |_| {
            let text = serde_json::to_string_pretty(&records).unwrap_or_default();
            download(&format!("catchall-set-aside-{}.json", today()), &text);
        })
    };
    let ask = {
        let c = confirming.clone();
        Callback::from(move |_| c.set(true))
    };
    let cancel = {
        let c = confirming.clone();
        Callback::from(move |_| c.set(false))
    };
    let delete = {
        let (s, c) = (s.clone(), confirming.clone());
        Callback::from(move |_| {
            c.set(false);
            s.dispatch(Action::DiscardSetAside);
        })
    };
    html! {
        <section id="set-aside" class="notice" aria-labelledby="set-aside-h">
            <h3 id="set-aside-h">{format!("{} saved entries could not be read", s.unreadable.len())}</h3>
            <p>{format!("They are kept in this browser's storage under “{}” and are never deleted unless you delete them here.", crate::state::QUARANTINE_KEY)}</p>
            <button type="button" id="export-set-aside" onclick={export}>{"Export them (JSON)"}</button>
            if *confirming {
                <button type="button" id="confirm-delete-set-aside" class="danger" onclick={delete}>{"Delete them for good"}</button>
                <button type="button" class="secondary" onclick={cancel}>{"Keep them"}</button>
            } else {
                <button type="button" id="delete-set-aside" class="secondary" onclick={ask}>{"Delete them…"}</button>
            }
        </section>
    }
}

/// "Verify an evidence pack…": checks the pack's hash and, with the recorded list versions
/// loaded, re-screens its shipment and compares (`catchall::evidence::verify`, as `catchall verify`).
#[component]
pub fn VerifyPack() -> Html {
    let result = use_state(|| None::<(String, &'static str, String, Vec<String>)>);
    let onchange = {
        let result = result.clone();
        Callback::from(move |e: Event| {
            use wasm_bindgen::JsCast;
            let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let result = result.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(t) => t.as_string().unwrap_or_default(),
                    Err(_) => {
                        result.set(Some((name, "error", "The file could not be read.".into(), vec![])));
                        return;
                    }
                };
                use crate::state::evidence::{check, outcome, Check};
                // The lists and the screening are the engine worker's (the page holds no index).
                let loaded = match crate::worker_client::load().await {
                    Ok((data, _)) => data.lists,
                    Err(e) => {
                        result.set(Some((name, "error", format!("The lists are not loaded: {e}"), vec![])));
                        return;
                    }
                };
                let r = match check(&text, &loaded) {
                    Err(e) => ("error", e, vec![]),
                    Ok(c) => {
                        let fresh = match &c {
                            Check::Rescreen(_, shipment) => match crate::worker_client::screen(shipment).await {
                                Ok(report) => Some(report),
                                Err(e) => {
                                    result.set(Some((
                                        name,
                                        "error",
                                        format!("The pack could not be screened again: {e}"),
                                        vec![],
                                    )));
                                    return;
                                }
                            },
                            _ => None,
                        };
                        let (class, head, lines) = outcome(&c, fresh.as_ref());
                        (class, head, lines)
                    }
                };
                result.set(Some((name, r.0, r.1, r.2)));
            });
        })
    };
    html! {
        <section id="verify-pack" aria-labelledby="verify-pack-h">
            <h3 id="verify-pack-h">{"Verify an evidence pack"}</h3>
            <p class="hint">{"A pack exported from a report (or written by `catchall screen --evidence`): its hash is checked, then, with the list versions it recorded loaded here, its shipment is screened again and the reports compared."}</p>
            <label class="button secondary" for="verify-pack-file">{"Choose a pack…"}</label>
            <input type="file" id="verify-pack-file" class="visually-hidden-file" accept=".json,application/json" {onchange} />
            if let Some((name, class, head, lines)) = &*result {
                <div id="verify-result" data-outcome={*class} role="status">
                    <p class={*class}><strong>{format!("{name}: ")}</strong>{head.clone()}</p>
                    if !lines.is_empty() { <ul>{ for lines.iter().map(|l| html! { <li>{l.clone()}</li> }) }</ul> }
                </div>
            }
        </section>
    }
}
