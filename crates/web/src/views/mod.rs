//! The screens (Yew function components and view functions). The app shell (`app`) holds the
//! state and every side effect and renders one page; the pages take the handles below and
//! never reach back into the shell.

mod app;
mod batch;
mod book;
mod form;
mod history;
mod inbox;
mod lists;
mod report;

pub use app::{mount, App};

use crate::browser::now_iso;
use crate::state::batch::{BatchAction, BatchState};
use crate::state::book::{BookAction, BookUi};
use crate::state::inbox::{InboxAction, InboxUi};
use crate::state::lists::{ListsAction, ListsUi};
use crate::state::{Action, Session};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

impl Reducible for Session {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

impl Reducible for ListsUi {
    type Action = ListsAction;
    fn reduce(self: Rc<Self>, action: ListsAction) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

impl Reducible for BatchState {
    type Action = BatchAction;
    fn reduce(self: Rc<Self>, action: BatchAction) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

impl Reducible for BookUi {
    type Action = BookAction;
    fn reduce(self: Rc<Self>, action: BookAction) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

impl Reducible for InboxUi {
    type Action = InboxAction;
    fn reduce(self: Rc<Self>, action: InboxAction) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

/// The counterparty book (also given to the pages as a context, for the "save to book" buttons).
pub type BookHandle = UseReducerHandle<BookUi>;
/// The re-screening inbox.
pub type InboxHandle = UseReducerHandle<InboxUi>;

/// The session handle the pages share.
pub type SessionHandle = UseReducerHandle<Session>;

thread_local! {
    static PICKER_REQUESTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Loads the page's Annex I for the control-list picker, once (later calls do nothing), and
/// renders the form again when it is in (`Action::PickerReady`). Called a few seconds after the
/// lists loaded, or at once when the form first wants suggestions.
pub fn load_picker(session: &SessionHandle) {
    if PICKER_REQUESTED.with(|r| r.replace(true)) {
        return;
    }
    let session = session.clone();
    wasm_bindgen_futures::spawn_local(async move {
        match crate::runtime::load_annex1_from("./").await {
            Ok(()) => session.dispatch(crate::state::Action::PickerReady),
            Err(e) => web_sys::console::warn_1(&format!("the control-list picker is not available: {e}").into()),
        }
    });
}
/// The list screen's state.
pub type ListsHandle = UseReducerHandle<ListsUi>;
/// The batch screen's state (kept while other tabs show, like the worker).
pub type BatchHandle = UseReducerHandle<BatchState>;

/// The built-in example case (data/examples/chashma_2021.json).
pub const CHASHMA_2021: &str = include_str!("../../../../data/examples/chashma_2021.json");

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

/// Moves keyboard focus to the element with this id, if there is one.
pub fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Validates the draft with the engine's parser and has the screening worker screen it
/// (the page holds no party index); the report arrives a moment later.
pub fn run_screening(session: &SessionHandle) {
    match session.draft.parse() {
        Err(mut e) => {
            e.field = crate::state::input_path(crate::runtime::field_path(&e));
            let id = if e.field.is_empty() { "form-error".to_string() } else { dom_id(&e.field) };
            session.dispatch(Action::Invalid(e));
            focus(&id);
        }
        Ok(shipment) => {
            if crate::browser::crash_test().as_deref() == Some("page") {
                panic!("crash test: the page panicked on purpose (?crash-test=page under WebDriver)");
            }
            let session = session.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match crate::worker_client::screen(&shipment).await {
                    Ok(report) => {
                        let at = now_iso();
                        let id = format!("s{}", js_sys::Date::now() as u64);
                        session.dispatch(Action::Screened {
                            id,
                            at,
                            shipment: Box::new(shipment),
                            report: Box::new(report),
                        });
                    }
                    Err(e) => session.dispatch(Action::Notice(Some(format!("The screening failed: {e}")))),
                }
            });
        }
    }
}
