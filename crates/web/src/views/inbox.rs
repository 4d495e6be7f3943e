//! The inbox: "New since your last screening" — hits that a re-screen after a list change
//! found on saved screenings and counterparties, each dismissed with a note and a date — and
//! the log of every re-screening run. The state is `state::inbox`.

use super::{InboxHandle, SessionHandle};
use crate::browser::today;
use crate::state::inbox::{InboxAction, InboxItem, SubjectKind};
use crate::state::{Action, Page};
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InboxPageProps {
    pub inbox: InboxHandle,
    pub session: SessionHandle,
}

/// Open items shown at once (a list change can bring hundreds; each takes a note to dismiss).
const SHOW: usize = 100;

fn when(at: &str) -> String {
    at.replace('T', " ").get(..16).unwrap_or(at).to_string()
}

#[component]
pub fn InboxPage(props: &InboxPageProps) -> Html {
    let inbox = &props.inbox;
    let open: Vec<&InboxItem> = inbox.inbox.open().collect();
    let dismissed: Vec<&InboxItem> = inbox.inbox.items.iter().filter(|i| i.dismissed.is_some()).collect();
    let check = {
        let inbox = inbox.clone();
        Callback::from(move |_| inbox.dispatch(InboxAction::Check { force: true }))
    };
    html! {
        <section aria-labelledby="inbox-title" class="page inbox-page">
            <div class="page-head">
                <h2 id="inbox-title">{"New since your last screening"}</h2>
                <div class="actions">
                    <button type="button" class="secondary" id="inbox-check" onclick={check} disabled={inbox.running()}>{"Re-screen all now"}</button>
                </div>
            </div>
            <p class="hint">{"When the lists in use change (an import, a removal, an app update with new lists), every saved screening and counterparty is screened again in the background. A hit that was not there before, and that no false-positive decision covers, shows here until you dismiss it with a note."}</p>
            <div role="status" aria-live="polite" id="inbox-status">
                if let Some(p) = &inbox.pending {
                    <p id="inbox-running"><progress aria-label="Re-screening"></progress>
                        {format!(" Re-screening {} saved screening(s) and counterparties…", p.plan.len())}</p>
                }
                if let Some(why) = &inbox.problem { <p class="error" role="alert">{why.clone()}</p> }
            </div>
            if open.is_empty() {
                <p id="inbox-empty">{"Nothing new."}</p>
            } else {
                <p id="inbox-count" data-open={open.len().to_string()}>{format!("{} new hit(s) to review{}", open.len(), if open.len() > SHOW { format!(", the first {SHOW} shown: dismiss them to see the next") } else { String::new() })}</p>
                <ul class="inbox" id="inbox-items">
                    { for open.iter().take(SHOW).map(|i| html! { <ItemView key={i.id.clone()} item={(*i).clone()} inbox={inbox.clone()} session={props.session.clone()} /> }) }
                </ul>
            }
            if !dismissed.is_empty() {
                <details id="inbox-dismissed">
                    <summary>{format!("{} dismissed", dismissed.len())}</summary>
                    <ul>
                    { for dismissed.iter().map(|i| {
                        let d = i.dismissed.clone().unwrap_or(crate::state::inbox::Dismissal { note: String::new(), date: String::new() });
                        html! { <li data-item={i.id.clone()}>{format!("{}: {} on {} {} ({}), dismissed {}: {}", i.title, i.party_name, i.hit.list, i.hit.entry_id, i.hit.listed_name, d.date, d.note)}</li> }
                    }) }
                    </ul>
                </details>
            }
            <h3>{"Re-screening log"}</h3>
            if inbox.inbox.runs.is_empty() {
                <p>{"No re-screening yet."}</p>
            } else {
                <table class="results" id="rescreen-log">
                    <caption class="sr-only">{"Every re-screening run, newest first"}</caption>
                    <thead><tr><th scope="col">{"When"}</th><th scope="col">{"Why"}</th><th scope="col">{"Screenings"}</th><th scope="col">{"Counterparties"}</th><th scope="col">{"New hits"}</th><th scope="col">{"Time"}</th></tr></thead>
                    <tbody>
                    { for inbox.inbox.runs.iter().take(50).map(|r| html! {
                        <tr data-ms={format!("{:.0}", r.ms)} data-screenings={r.screenings.to_string()} data-counterparties={r.counterparties.to_string()} data-new={r.new_items.to_string()}>
                            <td class="date">{when(&r.at)}</td>
                            <td>{r.reason.join("; ")}</td>
                            <td class="num">{r.screenings.to_string()}
                                if r.verdict_changed > 0 { {format!(" ({} verdict(s) changed)", r.verdict_changed)} }</td>
                            <td class="num">{r.counterparties.to_string()}
                                if r.first > 0 { {format!(" ({} first screened)", r.first)} }</td>
                            <td class="num">{r.new_items.to_string()}</td>
                            <td class="num">{format!("{:.2} s", r.ms / 1000.0)}</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ItemProps {
    item: InboxItem,
    inbox: InboxHandle,
    session: SessionHandle,
}

#[component]
fn ItemView(props: &ItemProps) -> Html {
    let i = &props.item;
    let open = use_state(|| false);
    let note = use_state(String::new);
    let what = match i.kind {
        SubjectKind::Screening => "Saved screening",
        SubjectKind::Counterparty => "Counterparty",
    };
    let verdict = match (&i.verdict_before, &i.verdict_now) {
        (Some(a), Some(b)) if a != b => format!(" Verdict then {a}, now {b}."),
        _ => String::new(),
    };
    let dismiss = {
        let (inbox, id, note) = (props.inbox.clone(), i.id.clone(), note.clone());
        Callback::from(move |_| {
            inbox.dispatch(InboxAction::Dismiss { id: id.clone(), note: (*note).clone(), date: today() })
        })
    };
    let go = {
        let (session, kind, id) = (props.session.clone(), i.kind, i.subject_id.clone());
        Callback::from(move |_| match kind {
            SubjectKind::Screening => session.dispatch(Action::Reopen(id.clone())),
            SubjectKind::Counterparty => session.dispatch(Action::Show(Page::Book)),
        })
    };
    html! {
        <li class="inbox-item" data-item={i.id.clone()} data-kind={format!("{:?}", i.kind).to_lowercase()} data-list={i.hit.list.clone()} data-entry={i.hit.entry_id.clone()}>
            <p><strong>{format!("{what}: {}", i.title)}</strong>{" "}
                <button type="button" class="link" onclick={go}>{ if i.kind == SubjectKind::Screening { "Open" } else { "Show book" } }</button></p>
            <p>{format!("{} now hits {} entry {}: “{}” (matched “{}”, score {:.2}, {}).{verdict}", i.party_name, i.hit.list, i.hit.entry_id, i.hit.listed_name, i.hit.matched_name, i.hit.score, i.hit.decision)}</p>
            <p class="hint">{format!("In the list version of {}; found {}.", if i.list_date.is_empty() { "unknown date" } else { &i.list_date }, when(&i.found_at))}</p>
            if *open {
                <span class="dismiss-form">
                    <input class="dismiss-note" aria-label="Why you dismiss it" placeholder="note (required): what you checked" value={(*note).clone()}
                        oninput={{ let n = note.clone(); Callback::from(move |e: InputEvent| {
                            let v = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).map(|i| i.value()).unwrap_or_default();
                            n.set(v)
                        }) }} />
                    <button type="button" class="dismiss-confirm" disabled={note.trim().is_empty()} onclick={dismiss}>{"Dismiss"}</button>
                </span>
            } else {
                <button type="button" class="secondary dismiss-open" onclick={{ let o = open.clone(); Callback::from(move |_| o.set(true)) }}>{"Dismiss…"}</button>
            }
        </li>
    }
}
