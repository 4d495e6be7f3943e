//! The root component: header, tabs, the three pages, and every side effect of the app
//! (storage, clock, engine call, downloads). The state logic itself is `ui::state`.

use super::focus;
use crate::protocol::{FromWorker, ToWorker};
use crate::state::batch::{BatchAction, BatchState};
use crate::state::book::{BookAction, BookUi, BOOK_KEY};
use crate::state::inbox::{InboxAction, InboxUi, INBOX_KEY};
use crate::state::lists::{ListsAction, ListsUi, Restored};
use crate::state::{merge_for_write, Action, Page, Session, Synced, QUARANTINE_KEY, STORE_KEY};
use crate::worker_client::WorkerPool;
use std::rc::Rc;
use yew::prelude::*;

/// The Web Lock every write of saved data holds (see `browser::with_lock`).
const SAVE_LOCK: &str = "catchall.saved-data";

/// Renders the app into `#catchall-app` if the page has one (the embed page does not).
pub fn mount() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(root) = doc.get_element_by_id("catchall-app") {
        root.set_inner_html("");
        yew::Renderer::<App>::with_root(root).render();
    }
}

/// The status line for what is loaded.
fn data_line(d: &crate::runtime::DataSummary) -> String {
    let mut s = format!("{} restricted-party lists ({} entries)", d.lists.len(), d.entries);
    if d.annex1 {
        s.push_str(" and EU Annex I loaded");
    }
    if !d.problems.is_empty() {
        s.push_str(&format!("; not loaded: {}", d.problems.join("; ")));
    }
    s
}

#[component]
pub fn App() -> Html {
    let session = use_reducer(Session::default);
    let lists = use_reducer(ListsUi::default);
    let batch = use_reducer(BatchState::default);
    let book = use_reducer(BookUi::default);
    let inbox = use_reducer(InboxUi::default);
    // The worker: started on first use, messages routed to the screen they belong to.
    let worker = {
        let (session, lists, batch, inbox) = (session.clone(), lists.clone(), batch.clone(), inbox.clone());
        (*use_state(move || {
            let (l2, b2, i2) = (lists.clone(), batch.clone(), inbox.clone());
            WorkerPool::new(
                move |m: FromWorker| match m {
                    // The engine rebuilt its index for new imported lists, or refused them
                    // (it keeps the index it had).
                    FromWorker::Loaded { data, .. } => {
                        session.dispatch(Action::DataLoaded(data.map(|d| data_line(&d))))
                    }
                    FromWorker::ListsRejected { message } => {
                        session.dispatch(Action::Notice(Some(format!("The lists could not be rebuilt: {message}"))));
                        lists.dispatch(ListsAction::WorkerFailed(message));
                    }
                    FromWorker::ListsInUse { lists } => inbox.dispatch(InboxAction::ListsInUse(lists)),
                    FromWorker::Rescreened { results, lists, .. } => inbox.dispatch(InboxAction::Part {
                        results,
                        lists,
                        at: crate::browser::now_iso(),
                        now: js_sys::Date::now(),
                    }),
                    FromWorker::RescreenFailed { message } => inbox.dispatch(InboxAction::Failed(message)),
                    FromWorker::Imported { lists: got, issues, ms } => {
                        lists.dispatch(ListsAction::Parsed { lists: got, issues, ms })
                    }
                    FromWorker::ImportFailed { error } => lists.dispatch(ListsAction::ImportFailed(error)),
                    FromWorker::ImportDiff { diffs, problems } => lists.dispatch(ListsAction::Diff { diffs, problems }),
                    FromWorker::Failed { message } => {
                        // Whichever screen is waiting takes it (each ignores it otherwise).
                        lists.dispatch(ListsAction::WorkerFailed(message.clone()));
                        batch.dispatch(BatchAction::Worker(FromWorker::Failed { message }));
                    }
                    other => batch.dispatch(BatchAction::Worker(other)),
                },
                move |why: String| {
                    i2.dispatch(InboxAction::Failed(why.clone()));
                    l2.dispatch(ListsAction::WorkerFailed(why.clone()));
                    b2.dispatch(BatchAction::WorkerLost(why));
                },
            )
        }))
        .clone()
    };

    // Start the engine worker at once, read back imported lists and hand them to it; it
    // fetches the bundled lists and Annex I (from the service worker cache when offline) and
    // builds one index over all of them.
    {
        let (session, lists, worker) = (session.clone(), lists.clone(), worker.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                // The engine's script and wasm load while storage is read; it starts on the
                // lists once it has the imported ones (one index build, not two).
                crate::worker_client::engine().start();
                let restored = Restored::decode(crate::browser::lists_store::load_all().await);
                // The workers (batch ones started later) screen with the same imported lists.
                worker.send(&ToWorker::Lists { imported: restored.saved.clone() }, None);
                crate::worker_client::engine().send(&ToWorker::Warm, None);
                lists.dispatch(ListsAction::Restored(restored));
                // The engine worker loads and indexes the lists; the page waits for its summary.
                let r = crate::worker_client::load().await;
                if let Ok((_, bundled)) = &r {
                    lists.dispatch(ListsAction::Bundled(bundled.clone()));
                }
                session.dispatch(Action::DataLoaded(r.map(|(d, _)| data_line(&d))));
                // static/boot.js registers the service worker (offline copy) after this.
                if let (Some(w), Ok(e)) = (web_sys::window(), web_sys::Event::new("catchall-data-loaded")) {
                    let _ = w.dispatch_event(&e);
                }
                // The page's own data, Annex I for the control-list picker, 3 s later (or as soon
                // as the form asks for suggestions: `load_picker`): decoding it while the worker
                // loads the lists or answers the first screening took a core from them.
                crate::runtime::sleep_ms(3000).await;
                super::load_picker(&session);
            });
        });
    }
    // The imported lists changed (import or removal): the workers rebuild their index (the
    // engine answers with `Loaded`, or `ListsRejected` keeping its old index); write storage.
    // Generation 0 is the start, handled above.
    {
        let (lists_h, worker, inbox) = (lists.clone(), worker.clone(), inbox.clone());
        use_effect_with(lists.generation, move |generation| {
            if *generation > 0 {
                let lists = lists_h.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    worker.send(&ToWorker::Lists { imported: lists.saved.to_vec() }, None);
                    inbox.dispatch(InboxAction::Check { force: false });
                    let mut errors = Vec::new();
                    // An import of several lists is saved all or nothing: when one write
                    // fails, the lists this import already wrote get their earlier entry back
                    // (or are removed), so a reload never finds half an import.
                    let mut written: Vec<(String, Option<String>)> = Vec::new();
                    for id in &lists.to_save {
                        if let Some(saved) = lists.saved.iter().find(|s| &s.id == id) {
                            let before = crate::browser::lists_store::load_one(id).await.ok().flatten();
                            match crate::browser::lists_store::save(saved).await {
                                Ok(()) => written.push((id.clone(), before)),
                                Err(e) => {
                                    errors.push(format!("{id}: {e}"));
                                    break;
                                }
                            }
                        }
                    }
                    if !errors.is_empty() && !written.is_empty() {
                        for (id, before) in written.iter().rev() {
                            let undone = match before {
                                Some(text) => {
                                    let old = crate::protocol::SavedList { id: id.clone(), bundle: text.clone() };
                                    crate::browser::lists_store::save(&old).await
                                }
                                None => crate::browser::lists_store::delete(id).await,
                            };
                            if let Err(e) = undone {
                                errors.push(format!("undoing {id}: {e}"));
                            }
                        }
                        let ids: Vec<&str> = written.iter().map(|(id, _)| id.as_str()).collect();
                        errors.push(format!(
                            "so {} was not kept either (an import is saved whole or not at all)",
                            ids.join(", ")
                        ));
                    }
                    for id in &lists.to_delete {
                        if let Err(e) = crate::browser::lists_store::delete(id).await {
                            errors.push(format!("removing {id}: {e}"));
                        }
                    }
                    lists.dispatch(ListsAction::Persisted(errors));
                    crate::browser::tell_other_tabs(crate::browser::LISTS_CHANNEL);
                });
            }
        });
    }
    // Another tab imported or removed lists: take what storage holds now, and the workers
    // screen with it (no write back: the other tab wrote it).
    {
        let (lists, worker, inbox) = (lists.clone(), worker.clone(), inbox.clone());
        use_effect_with((), move |_| {
            crate::browser::on_other_tab(crate::browser::LISTS_CHANNEL, move || {
                let (lists, worker, inbox) = (lists.clone(), worker.clone(), inbox.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let restored = Restored::decode(crate::browser::lists_store::load_all().await);
                    if restored.unavailable.is_none() {
                        worker.send(&ToWorker::Lists { imported: restored.saved.clone() }, None);
                        inbox.dispatch(InboxAction::Check { force: false });
                    }
                    lists.dispatch(ListsAction::OtherTab(restored));
                });
            });
        });
    }
    // Opening the Lists screen checks that storage still holds every imported list (the user
    // or the browser may have cleared it while the app was open) and saves missing ones again.
    {
        let lists_h = lists.clone();
        use_effect_with((session.page, lists.restored), move |(page, restored)| {
            if *page == Page::Lists && *restored && !lists_h.saved.is_empty() && !lists_h.phase.busy() {
                let lists = lists_h.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let Ok(stored) = crate::browser::lists_store::load_all().await else { return };
                    let have: Vec<&str> = stored.iter().map(|(k, _)| crate::state::lists::id_of_key(k)).collect();
                    let missing: Vec<_> = lists.saved.iter().filter(|s| !have.contains(&s.id.as_str())).collect();
                    if missing.is_empty() {
                        return;
                    }
                    let ids: Vec<String> = missing.iter().map(|s| s.id.clone()).collect();
                    let mut failed = Vec::new();
                    for s in missing {
                        if let Err(e) = crate::browser::lists_store::save(s).await {
                            failed.push(format!("{}: {e}", s.id));
                        }
                    }
                    let note = if failed.is_empty() {
                        format!("This browser's storage lost the imported list(s) {} while the app was open; they were saved again from memory.", ids.join(", "))
                    } else {
                        format!("This browser's storage lost the imported list(s) {}, and saving them again failed ({}). They stay in use until the page is closed.", ids.join(", "), failed.join("; "))
                    };
                    lists.dispatch(ListsAction::Note(note));
                });
            }
        });
    }
    // Opening the batch screen starts the worker, so the first batch does not wait for it.
    {
        let worker = worker.clone();
        use_effect_with(session.page, move |page| {
            if *page == Page::Batch {
                worker.warm_up();
            }
        });
    }
    // Read saved screenings once.
    {
        let session = session.clone();
        use_effect_with((), move |_| {
            let read = |key: &str| {
                crate::browser::local_storage().and_then(|s| s.get_item(key).ok().flatten()).unwrap_or_default()
            };
            // Set-aside records from earlier sessions first, so this session's are added to them.
            session.dispatch(Action::SetAsideLoaded(read(QUARANTINE_KEY)));
            session.dispatch(Action::Loaded { text: read(STORE_KEY), merge: false });
            let session = session.clone();
            wasm_bindgen_futures::spawn_local(async move {
                session.dispatch(Action::StoragePersisted(crate::browser::ask_persistent_storage().await));
            });
        });
    }
    // Save whenever history or decisions change (only after the first read): read-merge-write
    // under a Web Lock, so two open tabs never lose each other's writes (`state::sync`).
    {
        let deps = (session.history.clone(), session.decisions.clone(), session.unreadable.clone(), session.loaded);
        let session = session.clone();
        use_effect_with(deps, move |(history, decisions, unreadable, loaded)| {
            if *loaded {
                let (history, decisions, unreadable) = (history.clone(), decisions.clone(), unreadable.clone());
                let base = session.synced.clone();
                let session = session.clone();
                // Changes are stamped when they are made, not when the lock is granted.
                let now = js_sys::Date::now() as u64;
                crate::browser::with_lock(SAVE_LOCK, move || {
                    let Some(st) = crate::browser::local_storage() else { return };
                    let read = |k: &str| st.get_item(k).ok().flatten().unwrap_or_default();
                    let (store_now, aside_now) = (read(STORE_KEY), read(QUARANTINE_KEY));
                    let (mine, joined) =
                        merge_for_write(&base, &history, &decisions, &unreadable, (&store_now, &aside_now), now);
                    let (text, aside) = joined.texts();
                    if text != store_now && st.set_item(STORE_KEY, &text).is_err() {
                        session.dispatch(Action::Notice(Some(
                            "Could not save to this browser's storage (full or disabled); export your history to keep it.".into(),
                        )));
                        return;
                    }
                    // Every set-aside record is kept (this tab's, other tabs', earlier
                    // sessions'); the key is empty only after the user deleted them.
                    let _ = match aside {
                        None if aside_now.is_empty() => Ok(()),
                        None => st.remove_item(QUARANTINE_KEY),
                        Some(a) if a == aside_now => Ok(()),
                        Some(a) => st.set_item(QUARANTINE_KEY, &a),
                    };
                    session.dispatch(Action::Synced { base: Some(Rc::new(mine)), theirs: Rc::new(joined) });
                });
            }
        });
    }

    // The counterparty book and the inbox: read once, saved whenever they change.
    {
        let (book, inbox) = (book.clone(), inbox.clone());
        use_effect_with((), move |_| {
            let read = |key: &str| {
                crate::browser::local_storage().and_then(|s| s.get_item(key).ok().flatten()).unwrap_or_default()
            };
            book.dispatch(BookAction::Loaded(read(BOOK_KEY)));
            inbox.dispatch(InboxAction::Loaded(read(INBOX_KEY)));
        });
    }
    {
        let deps = (book.parties.clone(), book.unreadable.clone(), book.loaded);
        let (book_h, session) = (book.clone(), session.clone());
        use_effect_with(deps, move |(parties, unreadable, loaded)| {
            if *loaded {
                let (parties, unreadable, base) = (parties.clone(), unreadable.clone(), book_h.synced.clone());
                let book = book_h.clone();
                let now = js_sys::Date::now() as u64;
                crate::browser::with_lock(SAVE_LOCK, move || {
                    let Some(st) = crate::browser::local_storage() else { return };
                    let stored = st.get_item(BOOK_KEY).ok().flatten().unwrap_or_default();
                    let (mine, joined, bad) =
                        crate::state::book::merge_for_write(&base, &parties, &unreadable, &stored, now);
                    let text = crate::state::book::book_text(&joined, &bad);
                    if text != stored && st.set_item(BOOK_KEY, &text).is_err() {
                        session.dispatch(Action::Notice(Some(
                            "Could not save the counterparty book to this browser's storage (full or disabled); export it as CSV to keep it.".into(),
                        )));
                        return;
                    }
                    book.dispatch(BookAction::Synced {
                        base: Some(Rc::new(mine)),
                        theirs: Rc::new(joined),
                        unreadable: bad,
                    });
                });
            }
        });
    }
    {
        let deps = (inbox.inbox.clone(), inbox.loaded);
        let (inbox_h, session) = (inbox.clone(), session.clone());
        use_effect_with(deps, move |(local, loaded)| {
            if *loaded {
                let (local, base, bad) = (local.clone(), inbox_h.synced.clone(), inbox_h.unreadable.clone());
                let inbox = inbox_h.clone();
                crate::browser::with_lock(SAVE_LOCK, move || {
                    let Some(st) = crate::browser::local_storage() else { return };
                    let stored = st.get_item(INBOX_KEY).ok().flatten().unwrap_or_default();
                    // A stored inbox this build cannot read was set aside at start (`bad`);
                    // this tab's inbox is then written as it is.
                    let theirs = crate::state::inbox::read_inbox(&stored).unwrap_or_else(|| (*local).clone());
                    let joined = crate::state::inbox::rebase_inbox(&base, &local, &theirs);
                    let text = crate::state::inbox::inbox_text(&joined, bad.as_ref());
                    if text != stored && st.set_item(INBOX_KEY, &text).is_err() {
                        session.dispatch(Action::Notice(Some(
                            "Could not save the re-screening inbox to this browser's storage (full or disabled)."
                                .into(),
                        )));
                        return;
                    }
                    inbox.dispatch(InboxAction::Synced { base: Some(local), theirs: Rc::new(joined) });
                });
            }
        });
    }
    // Another tab saved: take what it wrote, keeping this tab's unsaved changes. (localStorage
    // fires `storage` in every other tab of the site; the writes themselves are merges.)
    {
        let (session, book, inbox) = (session.clone(), book.clone(), inbox.clone());
        use_effect_with((), move |_| {
            crate::browser::on_storage_change(move |key, new| {
                let read = |k: &str| {
                    crate::browser::local_storage().and_then(|s| s.get_item(k).ok().flatten()).unwrap_or_default()
                };
                if key == STORE_KEY || key == QUARANTINE_KEY {
                    let theirs = Synced::read(&read(STORE_KEY), &read(QUARANTINE_KEY));
                    session.dispatch(Action::Synced { base: None, theirs: Rc::new(theirs) });
                } else if key == BOOK_KEY {
                    let (theirs, unreadable) = crate::state::book::read_book(&new.unwrap_or_default());
                    book.dispatch(BookAction::Synced { base: None, theirs: Rc::new(theirs), unreadable });
                } else if key == INBOX_KEY {
                    if let Some(theirs) = crate::state::inbox::read_inbox(&new.unwrap_or_default()) {
                        inbox.dispatch(InboxAction::Synced { base: None, theirs: Rc::new(theirs) });
                    }
                }
            });
        });
    }
    // Re-screening: once everything is read and the lists are loaded at start, whenever the
    // imported lists change (above), and when counterparties are added: ask the worker which
    // lists it uses; then re-screen what was screened against others.
    {
        let ready =
            session.loaded && book.loaded && inbox.loaded && !matches!(session.data, crate::state::DataStatus::Loading);
        let inbox = inbox.clone();
        use_effect_with((ready, book.added_gen), move |(ready, _)| {
            if *ready {
                inbox.dispatch(InboxAction::Check { force: false });
            }
        });
    }
    {
        let (session, book, inbox_h, worker) = (session.clone(), book.clone(), inbox.clone(), worker.clone());
        use_effect_with(inbox.want, move |want| {
            let nothing = session.history.is_empty() && book.parties.is_empty();
            if *want > 0 && !inbox_h.running() && !nothing {
                worker.send(&ToWorker::ListsInUse, None);
            }
        });
    }
    {
        let (session, book, inbox_h, worker) = (session.clone(), book.clone(), inbox.clone(), worker.clone());
        use_effect_with(inbox.plan_gen, move |gen| {
            if *gen > 0 && !inbox_h.running() {
                if let Some(current) = inbox_h.current.clone() {
                    let sig = crate::state::inbox::list_sig(&current);
                    let plan = crate::state::inbox::plan(
                        &session.history,
                        &session.decisions,
                        &book.parties,
                        &inbox_h.inbox,
                        &sig,
                        inbox_h.force,
                    );
                    if plan.is_empty() {
                        inbox_h.dispatch(InboxAction::NothingToDo);
                    } else {
                        let items = crate::state::inbox::items(&plan);
                        inbox_h.dispatch(InboxAction::Started {
                            plan: std::rc::Rc::new(plan),
                            parts: worker.size(),
                            t0: js_sys::Date::now(),
                        });
                        worker.send(&ToWorker::Rescreen { items, part: 0, parts: 1 }, None);
                    }
                }
            }
        });
    }
    {
        let (book, inbox_h) = (book.clone(), inbox.clone());
        use_effect_with(inbox.done_gen, move |gen| {
            if *gen > 0 {
                book.dispatch(BookAction::Screened {
                    at: inbox_h.done_at.clone(),
                    lists: inbox_h.done_sig.clone(),
                    results: inbox_h.done.to_vec(),
                });
            }
        });
    }

    // A new report on screen: move focus to its verdict, so keyboard and screen-reader
    // users land on the answer.
    {
        let shown = (session.page == Page::Report).then(|| session.current.as_ref().map(|r| r.id.clone())).flatten();
        use_effect_with(shown, |shown| {
            if shown.is_some() {
                focus("verdict");
            }
        });
    }

    let tab = |page: Page, label: &str, enabled: bool| {
        let session = session.clone();
        let current = session.page == page;
        let onclick = Callback::from(move |_| session.dispatch(Action::Show(page)));
        let id = format!("tab-{}", format!("{page:?}").to_lowercase());
        html! {
            <button type="button" {id} class={classes!("tab", current.then_some("active"))}
                aria-current={current.then_some("page")} disabled={!enabled} {onclick}>{label}</button>
        }
    };
    let dismiss = {
        let session = session.clone();
        Callback::from(move |_| session.dispatch(Action::Notice(None)))
    };

    html! {
        <>
        <a class="skip" href="#main">{"Skip to content"}</a>
        <header class="app-header">
            <div class="brand">
                <h1>{"Catchall"}</h1>
                <p class="tagline">{"Export-control screening: STOP, LICENCE REQUIRED, REVIEW or CLEAR, with the legal reasons."}</p>
            </div>
            <nav aria-label="Screens">
                { tab(Page::Form, "Screen a shipment", true) }
                { tab(Page::Report, "Report", session.current.is_some()) }
                { tab(Page::History, &format!("History ({})", session.history.len()), true) }
                { tab(Page::Batch, "Batch", true) }
                { tab(Page::Lists, &format!("Lists ({})", lists.state.rows().len()), true) }
                { tab(Page::Book, &format!("Counterparties ({})", book.parties.len()), true) }
                { tab(Page::Inbox, &format!("Inbox ({})", inbox.inbox.open().count()), true) }
            </nav>
            <p class="privacy" id="data-status">
                {format!("Engine {} · ", catchall::version())}
                { match &session.data {
                    crate::state::DataStatus::Loading => "loading restricted-party lists… · ".to_string(),
                    crate::state::DataStatus::Ready(s) => format!("{s} · "),
                    crate::state::DataStatus::Failed(_) => "lists NOT loaded · ".to_string(),
                } }
                {"runs in your browser: nothing you type leaves this device."}
            </p>
        </header>
        <div class="notice-area" role="status" aria-live="polite">
            if let Some(n) = &session.notice {
                <p class="notice">{n.clone()}{" "}<button type="button" class="link" onclick={dismiss}>{"Dismiss"}</button></p>
            }
        </div>
        <ContextProvider<super::BookHandle> context={book.clone()}>
        <main id="main" tabindex="-1">
            { match session.page {
                Page::Form => super::form::form_page(&session),
                Page::Report => super::report::report_page(&session),
                Page::History => super::history::history_page(&session),
                Page::Lists => super::lists::lists_page(&lists, &worker),
                Page::Batch => super::batch::batch_page(&batch, &worker, &session),
                Page::Book => html! { <super::book::BookPage book={book.clone()} inbox={inbox.clone()} /> },
                Page::Inbox => html! { <super::inbox::InboxPage inbox={inbox.clone()} session={session.clone()} /> },
            } }
        </main>
        </ContextProvider<super::BookHandle>>
        <footer class="app-footer">
            <p>{"Catchall gives a first assessment, not legal advice. Check the cited provisions and ask your export-control authority when in doubt."}</p>
            <p class="credits">{"Japanese name readings are derived from KANJIDIC2 and JMnedict, the property of the Electronic Dictionary Research and Development Group, used under its licence (CC BY-SA 3.0). Other name data: see the README."}</p>
        </footer>
        </>
    }
}
