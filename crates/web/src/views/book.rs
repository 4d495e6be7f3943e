//! The counterparty book screen, and the buttons that add to it from a report and a batch.
//! The state is `state::book`; the handle comes through a Yew context from the app shell.

use super::{BookHandle, InboxHandle};
use crate::browser::{download_as, today};
use crate::state::batch::BatchState;
use crate::state::book::{parties_of, to_csv, BookAction, Counterparty, NewParty};
use crate::state::inbox::InboxAction;
use crate::state::Record;
use catchall::batch::Outcome;
use catchall::screening::EntityKind;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

fn stamp() -> u64 {
    js_sys::Date::now() as u64
}

fn input_value(e: &InputEvent) -> String {
    e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).map(|i| i.value()).unwrap_or_default()
}

#[derive(Properties, PartialEq)]
pub struct SaveToBookProps {
    pub record: Rc<Record>,
}

/// "Save parties to the counterparty book" on a report.
#[component]
pub fn SaveToBook(props: &SaveToBookProps) -> Html {
    let Some(book) = use_context::<BookHandle>() else { return html! {} };
    let parties = parties_of(&props.record.shipment);
    if parties.is_empty() {
        return html! {};
    }
    let onclick = Callback::from(move |_| {
        book.dispatch(BookAction::Add {
            parties: parties.clone(),
            stamp: stamp(),
            date: today(),
            from: "this report".into(),
        })
    });
    html! { <button type="button" class="secondary" id="save-to-book" {onclick}>{"Save parties to counterparty book"}</button> }
}

#[derive(Properties, PartialEq)]
pub struct BatchToBookProps {
    pub batch: super::BatchHandle,
}

/// The party rows of a batch (not shipment rows): their names and countries.
fn batch_parties(batch: &BatchState, flagged_only: bool) -> Vec<NewParty> {
    batch
        .rows()
        .filter(|r| !matches!(r.outcome, Outcome::Verdict(_)))
        .filter(|r| !flagged_only || r.flagged())
        .map(|r| NewParty::new(&r.label, &r.country, ""))
        .collect()
}

/// "Add the batch's parties to the counterparty book" on the Batch screen.
#[component]
pub fn BatchToBook(props: &BatchToBookProps) -> Html {
    let Some(book) = use_context::<BookHandle>() else { return html! {} };
    let batch = props.batch.clone();
    let add = |flagged: bool| {
        let (book, batch) = (book.clone(), batch.clone());
        Callback::from(move |_| {
            let parties = batch_parties(&batch, flagged);
            let from = if flagged { "the batch's flagged rows" } else { "the batch" };
            book.dispatch(BookAction::Add { parties, stamp: stamp(), date: today(), from: from.into() });
        })
    };
    if batch.rows().all(|r| matches!(r.outcome, Outcome::Verdict(_))) {
        return html! {};
    }
    html! {
        <>
            <button type="button" class="secondary" id="batch-to-book" onclick={add(false)}>{"Add all parties to counterparty book"}</button>
            <button type="button" class="secondary" id="batch-flagged-to-book" onclick={add(true)}>{"Add flagged parties"}</button>
            if let Some(n) = &book.notice {
                <span class="ok" id="batch-book-notice">{n.clone()}</span>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct BookPageProps {
    pub book: BookHandle,
    pub inbox: InboxHandle,
}

/// The counterparty book: add, import/export CSV, each party's last screening and hits with
/// its own false-positive decisions, remove.
#[component]
pub fn BookPage(props: &BookPageProps) -> Html {
    let book = &props.book;
    let name = use_state(String::new);
    let country = use_state(String::new);
    let role = use_state(String::new);
    let kind = use_state(|| "unknown".to_string());
    let add = {
        let (book, name, country, role, kind) =
            (book.clone(), name.clone(), country.clone(), role.clone(), kind.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if name.trim().is_empty() {
                return;
            }
            let mut p = NewParty::new(&name, &country, &role);
            p.kind = EntityKind::parse(&kind).unwrap_or_default();
            book.dispatch(BookAction::Add { parties: vec![p], stamp: stamp(), date: today(), from: "the form".into() });
            name.set(String::new());
            country.set(String::new());
        })
    };
    let export = {
        let book = book.clone();
        Callback::from(move |_| {
            download_as(&format!("catchall-counterparties-{}.csv", today()), "text/csv", &to_csv(&book.parties))
        })
    };
    let import = {
        let book = book.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let book = book.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(t) => book.dispatch(BookAction::ImportCsv {
                        text: t.as_string().unwrap_or_default(),
                        stamp: stamp(),
                        date: today(),
                    }),
                    Err(_) => book.dispatch(BookAction::Notice(Some(format!(
                        "{}: the browser could not read the file. Nothing was changed.",
                        file.name()
                    )))),
                }
            });
        })
    };
    let rescreen = {
        let inbox = props.inbox.clone();
        Callback::from(move |_| inbox.dispatch(InboxAction::Check { force: true }))
    };
    let with_hits = book.parties.iter().filter(|p| !p.open_hits().is_empty()).count();
    html! {
        <section aria-labelledby="book-title" class="page book-page">
            <div class="page-head">
                <h2 id="book-title">{"Counterparty book"}</h2>
                <div class="actions">
                    <button type="button" id="book-export" onclick={export} disabled={book.parties.is_empty()}>{"Export CSV"}</button>
                    <label class="button secondary" for="book-import">{"Import CSV…"}</label>
                    <input type="file" id="book-import" class="visually-hidden-file" accept=".csv,text/csv" onchange={import} />
                    <button type="button" class="secondary" id="book-rescreen" onclick={rescreen} disabled={props.inbox.running()}>{"Re-screen all now"}</button>
                </div>
            </div>
            <p class="hint">{"Parties you screen often: customers, consignees, forwarders. Kept in this browser only, with your own false-positive decisions for each. They are screened when added and again whenever the lists change; new hits go to the Inbox. CSV columns: name (required), country, kind, role, note."}</p>
            <form class="book-add" id="book-add" onsubmit={add}>
                <label>{"Name "}<input id="book-name" required=true value={(*name).clone()} oninput={{ let n = name.clone(); Callback::from(move |e: InputEvent| n.set(input_value(&e))) }} /></label>
                <label>{"Country "}<input id="book-country" size="3" maxlength="2" placeholder="AE" value={(*country).clone()} oninput={{ let c = country.clone(); Callback::from(move |e: InputEvent| c.set(input_value(&e))) }} /></label>
                <label>{"Role "}<input id="book-role" placeholder="customer" value={(*role).clone()} oninput={{ let r = role.clone(); Callback::from(move |e: InputEvent| r.set(input_value(&e))) }} /></label>
                <label>{"Kind "}
                    <select id="book-kind" onchange={{ let k = kind.clone(); Callback::from(move |e: Event| {
                        if let Some(s) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) { k.set(s.value()) }
                    }) }}>
                        { for ["unknown", "organization", "person", "vessel", "aircraft"].iter().map(|k| html! { <option value={*k} selected={*kind == *k}>{*k}</option> }) }
                    </select>
                </label>
                <button type="submit" id="book-add-button">{"Add"}</button>
            </form>
            <div role="status" aria-live="polite" id="book-status">
                if let Some(n) = &book.notice { <p class="notice" id="book-notice">{n.clone()}</p> }
            </div>
            if !book.problems.is_empty() {
                <details class="issues" id="book-problems" open=true>
                    <summary>{format!("{} line(s) skipped", book.problems.len())}</summary>
                    <ul>{ for book.problems.iter().take(200).map(|p| html! { <li><code>{p.to_string()}</code></li> }) }</ul>
                </details>
            }
            if book.parties.is_empty() {
                <p>{"No counterparties yet. Add one above, import a CSV, or save the parties of a report or a batch."}</p>
            } else {
                <p class="table-count" id="book-count" data-parties={book.parties.len().to_string()} data-with-hits={with_hits.to_string()}>
                    {format!("{} counterparties · {} with open hits", book.parties.len(), with_hits)}
                </p>
                <table class="results" id="book-table">
                    <caption class="sr-only">{"Counterparties"}</caption>
                    <thead><tr>
                        <th scope="col">{"Name"}</th><th scope="col">{"Country"}</th><th scope="col">{"Role"}</th>
                        <th scope="col">{"Added"}</th><th scope="col">{"Last screened"}</th><th scope="col">{"Hits"}</th>
                        <th scope="col"><span class="sr-only">{"Actions"}</span></th>
                    </tr></thead>
                    <tbody>
                    { for book.parties.iter().map(|p| html! { <PartyRow key={p.id.clone()} party={p.clone()} book={book.clone()} /> }) }
                    </tbody>
                </table>
            }
            if !book.unreadable.is_empty() {
                <p class="notice">{format!("{} saved counterparty record(s) could not be read; they are kept unchanged under “{}”.", book.unreadable.len(), crate::state::book::BOOK_KEY)}</p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PartyRowProps {
    party: Counterparty,
    book: BookHandle,
}

#[component]
fn PartyRow(props: &PartyRowProps) -> Html {
    let p = &props.party;
    let remove = {
        let (book, id) = (props.book.clone(), p.id.clone());
        Callback::from(move |_| book.dispatch(BookAction::Remove(id.clone())))
    };
    let open = p.open_hits().len();
    let last = match &p.last {
        None => "not yet".to_string(),
        Some(l) => l.at.replace('T', " ").get(..16).unwrap_or(&l.at).to_string(),
    };
    html! {
        <tr data-party={p.id.clone()} data-open-hits={open.to_string()} class={classes!((open > 0).then_some("flagged"))}>
            <td><strong>{p.name.clone()}</strong>
                if !p.note.is_empty() { <br/><span class="hint">{p.note.clone()}</span> }
            </td>
            <td>{p.country.clone()}</td>
            <td>{p.role.clone()}</td>
            <td class="date">{p.added.clone()}</td>
            <td class="date">{last}</td>
            <td class="hits">
                if let Some(l) = &p.last {
                    if l.hits.is_empty() { <span class="ok">{"no hit"}</span> }
                    <ul>
                    { for l.hits.iter().map(|h| html! { <HitLine party={p.clone()} hit={h.clone()} book={props.book.clone()} /> }) }
                    </ul>
                }
            </td>
            <td><button type="button" class="secondary" aria-label={format!("Remove {}", p.name)} onclick={remove}>{"Remove"}</button></td>
        </tr>
    }
}

#[derive(Properties, PartialEq)]
struct HitLineProps {
    party: Counterparty,
    hit: crate::state::HitRef,
    book: BookHandle,
}

/// One hit of a counterparty, with its decision or the form to make one.
#[component]
fn HitLine(props: &HitLineProps) -> Html {
    let (p, h) = (&props.party, &props.hit);
    let open = use_state(|| false);
    let note = use_state(String::new);
    let label = format!("{} {}: {} ({:.2}, {})", h.list, h.entry_id, h.listed_name, h.score, h.decision);
    if let Some(d) = p.decision_for(h) {
        let index = p.decisions.iter().position(|x| x == d).unwrap_or(0);
        let undo = {
            let (book, id) = (props.book.clone(), p.id.clone());
            Callback::from(move |_| book.dispatch(BookAction::Undecide { id: id.clone(), index }))
        };
        return html! {
            <li class="decided" data-entry={h.entry_id.clone()}>{format!("{label}: not this party, {}: {} ", d.date, d.note)}
                <button type="button" class="link" onclick={undo}>{"Withdraw"}</button></li>
        };
    }
    let confirm = {
        let (book, id, list, entry, note, open) =
            (props.book.clone(), p.id.clone(), h.list.clone(), h.entry_id.clone(), note.clone(), open.clone());
        Callback::from(move |_| {
            book.dispatch(BookAction::Decide {
                id: id.clone(),
                list: list.clone(),
                entry_id: entry.clone(),
                note: (*note).clone(),
                date: today(),
            });
            open.set(false);
        })
    };
    html! {
        <li class="open-hit" data-entry={h.entry_id.clone()}><span class="warn">{label}</span>{" "}
            if *open {
                <span class="fp-form">
                    <input class="book-fp-note" aria-label="Why this is not the listed party" placeholder="why it is not this party" value={(*note).clone()}
                        oninput={{ let n = note.clone(); Callback::from(move |e: InputEvent| n.set(input_value(&e))) }} />
                    <button type="button" class="book-fp-confirm" disabled={note.trim().is_empty()} onclick={confirm}>{"Confirm"}</button>
                </span>
            } else {
                <button type="button" class="link book-fp-open" onclick={{ let o = open.clone(); Callback::from(move |_| o.set(true)) }}>{"Not this party…"}</button>
            }
        </li>
    }
}
