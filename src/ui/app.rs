//! The root component: header, tabs, the three pages, and every side effect of the app
//! (storage, clock, engine call, downloads). The state logic itself is `ui::state`.

use super::state::{Action, Page, Session, QUARANTINE_KEY, STORE_KEY};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

impl Reducible for Session {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

/// The session handle the pages share.
pub type SessionHandle = UseReducerHandle<Session>;

/// The built-in example case (data/examples/chashma_2021.json).
pub const CHASHMA_2021: &str = include_str!("../../data/examples/chashma_2021.json");

/// Renders the app into `#catchall-app` if the page has one (the embed page does not).
pub fn mount() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(root) = doc.get_element_by_id("catchall-app") {
        root.set_inner_html("");
        yew::Renderer::<App>::with_root(root).render();
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Today's date, `YYYY-MM-DD`, and the full ISO timestamp.
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

pub fn today() -> String {
    now_iso().chars().take(10).collect()
}

/// The DOM id of a form field, from its JSON path (`parties.end_user.country`).
pub fn dom_id(path: &str) -> String {
    let mut s = String::from("f-");
    for c in path.chars() {
        s.push(match c {
            '.' | '[' => '-',
            ']' => '_',
            c => c,
        });
    }
    s
}

fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Validates the draft with the engine's parser and screens it.
pub fn run_screening(session: &SessionHandle) {
    let text = session.draft.to_shipment_json().to_string();
    match session.draft.check().and_then(|()| crate::parse_shipment(&text)) {
        Err(mut e) => {
            e.field = crate::web_api::field_path(&e).to_string();
            let id = if e.field.is_empty() { "form-error".to_string() } else { dom_id(&e.field) };
            session.dispatch(Action::Invalid(e));
            focus(&id);
        }
        Ok(shipment) => {
            let report = crate::web_api::screen_shipment(&shipment);
            let at = now_iso();
            let id = format!("s{}", js_sys::Date::now() as u64);
            session.dispatch(Action::Screened { id, at, shipment: Box::new(shipment), report: Box::new(report) });
        }
    }
}

/// Offers `text` as a file download.
pub fn download(name: &str, text: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(a) = doc.create_element("a").ok().and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
        a.set_href(&url);
        a.set_download(name);
        if let Some(body) = doc.body() {
            let _ = body.append_child(&a);
            a.click();
            let _ = body.remove_child(&a);
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

#[component]
pub fn App() -> Html {
    let session = use_reducer(Session::default);

    // Fetch the bundled lists and Annex I once (from the service worker cache when offline).
    {
        let session = session.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let r = crate::web_api::load_data_from("./").await.map(|d| {
                    let mut s = format!("{} restricted-party lists ({} entries)", d.lists.len(), d.entries);
                    if d.annex1 {
                        s.push_str(" and EU Annex I loaded");
                    }
                    if !d.problems.is_empty() {
                        s.push_str(&format!("; not loaded: {}", d.problems.join("; ")));
                    }
                    s
                });
                session.dispatch(Action::DataLoaded(r));
            });
        });
    }
    // Read saved screenings once.
    {
        let session = session.clone();
        use_effect_with((), move |_| {
            let text = storage().and_then(|s| s.get_item(STORE_KEY).ok().flatten()).unwrap_or_default();
            session.dispatch(Action::Loaded { text, merge: false });
        });
    }
    // Save whenever history or decisions change (only after the first read).
    {
        let deps = (session.history.clone(), session.decisions.clone(), session.unreadable.clone(), session.loaded);
        let session = session.clone();
        use_effect_with(deps, move |(_, _, unreadable, loaded)| {
            if *loaded {
                if let Some(st) = storage() {
                    if st.set_item(STORE_KEY, &session.store().to_string()).is_err() {
                        session.dispatch(Action::Notice(Some(
                            "Could not save to this browser's storage (full or disabled); export your history to keep it.".into(),
                        )));
                    }
                    if !unreadable.is_empty() {
                        let _ = st.set_item(QUARANTINE_KEY, &serde_json::Value::Array(unreadable.clone()).to_string());
                    }
                }
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
        html! {
            <button type="button" class={classes!("tab", current.then_some("active"))}
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
            </nav>
            <p class="privacy" id="data-status">
                {format!("Engine {} · ", crate::version())}
                { match &session.data {
                    super::state::DataStatus::Loading => "loading restricted-party lists… · ".to_string(),
                    super::state::DataStatus::Ready(s) => format!("{s} · "),
                    super::state::DataStatus::Failed(_) => "lists NOT loaded · ".to_string(),
                } }
                {"runs in your browser: nothing you type leaves this device."}
            </p>
        </header>
        <div class="notice-area" role="status" aria-live="polite">
            if let Some(n) = &session.notice {
                <p class="notice">{n.clone()}{" "}<button type="button" class="link" onclick={dismiss}>{"Dismiss"}</button></p>
            }
        </div>
        <main id="main" tabindex="-1">
            { match session.page {
                Page::Form => super::form::form_page(&session),
                Page::Report => super::report::report_page(&session),
                Page::History => super::history::history_page(&session),
            } }
        </main>
        <footer class="app-footer">
            <p>{"Catchall gives a first assessment, not legal advice. Check the cited provisions and ask your export-control authority when in doubt."}</p>
        </footer>
        </>
    }
}
