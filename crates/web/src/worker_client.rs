//! The page's side of a worker: starts it on first use, queues messages until it says
//! hello, hands its messages to a callback or to the request waiting for them, and starts a
//! fresh one if it dies.
//!
//! The first worker is also the page's screening engine ([`engine`]): the page holds no
//! party index and awaits [`WorkerClient::request`] for every screening and name match.
//!
//! Every message carries the build version (`crate::protocol::BUILD`). A worker of another
//! build (its script came from a newer or older deployment than the page) is stopped and
//! started once more from a URL that bypasses the HTTP cache; if that one differs too, the
//! page is told to reload ([`STALE_PAGE`]).

use crate::protocol::{Decoded, FromWorker, ToWorker};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's loader next to index.html (`static/catchall-worker_loader.js`, copied there by
/// index.html): it starts the index download, then the worker's wasm.
pub const WORKER_URL: &str = "./catchall-worker_loader.js";

/// How a panic in the worker is marked in the error the page gets (`crate::worker::install_panic_hook`).
pub const WORKER_PANICKED: &str = "the screening worker crashed";

/// The engine worker for `crate::browser::crash_test` `worker`: it panics on its first screening.
const CRASH_TEST_WORKER_URL: &str = "./catchall-worker_loader.js?crash-test=worker";

/// Why a worker is given up on when its build differs from the page's even after a restart.
pub const STALE_PAGE: &str =
    "a new version of Catchall is ready on the server, but this page is the old one: reload the page";

struct Inner {
    /// The worker script's URL.
    url: String,
    worker: Option<web_sys::Worker>,
    ready: bool,
    queue: Vec<JsValue>,
    /// The last `Lists` message: a new worker gets it first.
    lists: Option<JsValue>,
    on_message: Rc<dyn Fn(FromWorker)>,
    on_lost: Rc<dyn Fn(String)>,
    _closures: Vec<Closure<dyn FnMut(JsValue)>>,
    next_id: u64,
    /// Requests waiting for their answer: the promise's `resolve` and, once it came, the answer.
    waiting: HashMap<u64, (js_sys::Function, Option<Result<FromWorker, String>>)>,
    /// Restarts because the worker was of another build (at most one).
    build_restarts: u32,
    /// When the worker was started (`crate::runtime::clock`), for its boot time.
    spawned_at: f64,
}

/// A handle to the worker; clones share it.
#[derive(Clone)]
pub struct WorkerClient(Rc<RefCell<Inner>>);

impl PartialEq for WorkerClient {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl WorkerClient {
    pub fn new(on_message: impl Fn(FromWorker) + 'static, on_lost: impl Fn(String) + 'static) -> Self {
        Self::at(WORKER_URL, on_message, on_lost)
    }

    /// A client of the worker script at `url`.
    pub fn at(url: &str, on_message: impl Fn(FromWorker) + 'static, on_lost: impl Fn(String) + 'static) -> Self {
        WorkerClient(Rc::new(RefCell::new(Inner {
            url: url.to_string(),
            worker: None,
            ready: false,
            queue: Vec::new(),
            lists: None,
            on_message: Rc::new(on_message),
            on_lost: Rc::new(on_lost),
            _closures: Vec::new(),
            next_id: 1,
            waiting: HashMap::new(),
            build_restarts: 0,
            spawned_at: 0.0,
        })))
    }

    /// Where messages that answer no request go, and who hears that the worker was lost.
    pub fn set_handlers(&self, on_message: impl Fn(FromWorker) + 'static, on_lost: impl Fn(String) + 'static) {
        let mut i = self.0.borrow_mut();
        i.on_message = Rc::new(on_message);
        i.on_lost = Rc::new(on_lost);
    }

    /// Sends the request `make(id)` and waits for the message answering it
    /// ([`FromWorker::answers`]); an error when the worker was lost first.
    pub async fn request(&self, make: impl FnOnce(u64) -> ToWorker) -> Result<FromWorker, String> {
        let id = {
            let mut i = self.0.borrow_mut();
            i.next_id += 1;
            i.next_id
        };
        let mut resolve_fn = None;
        let promise = js_sys::Promise::new(&mut |resolve, _reject| resolve_fn = Some(resolve));
        let Some(resolve) = resolve_fn else { return Err("could not wait for the worker".into()) };
        self.0.borrow_mut().waiting.insert(id, (resolve, None));
        self.send(&make(id), None);
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        match self.0.borrow_mut().waiting.remove(&id) {
            Some((_, Some(answer))) => answer,
            _ => Err("the worker did not answer".into()),
        }
    }

    /// Ends every waiting request with `why`.
    fn fail_waiting(&self, why: &str) {
        let resolves: Vec<js_sys::Function> = {
            let mut i = self.0.borrow_mut();
            i.waiting
                .values_mut()
                .filter(|(_, a)| a.is_none())
                .map(|(resolve, answer)| {
                    *answer = Some(Err(why.to_string()));
                    resolve.clone()
                })
                .collect()
        };
        for r in resolves {
            let _ = r.call0(&JsValue::NULL);
        }
    }

    /// Stops the worker after it said it is of another build: one restart from a URL that
    /// bypasses the HTTP cache, then the page is told to reload.
    fn other_build(&self, theirs: &str) {
        let retry = {
            let mut i = self.0.borrow_mut();
            if let Some(w) = i.worker.take() {
                w.terminate();
            }
            i.ready = false;
            i.build_restarts += 1;
            i.build_restarts <= 1
        };
        web_sys::console::warn_1(
            &format!("worker of build {theirs}, page of build {}: restarting it", crate::protocol::BUILD).into(),
        );
        if retry {
            let url = {
                let i = self.0.borrow();
                let sep = if i.url.contains('?') { '&' } else { '?' };
                format!("{}{sep}build={}", i.url, js_sys::Date::now() as u64)
            };
            self.0.borrow_mut().url = url;
            if let Err(e) = self.spawn() {
                self.lost(e);
            }
        } else {
            self.lost(STALE_PAGE.into());
        }
    }

    /// The worker is gone: waiting requests fail, the owner hears why.
    fn lost(&self, why: String) {
        let cb = {
            let mut i = self.0.borrow_mut();
            if let Some(w) = i.worker.take() {
                w.terminate();
            }
            i.ready = false;
            i.queue.clear();
            i.on_lost.clone()
        };
        self.fail_waiting(&why);
        cb(why);
    }

    fn spawn(&self) -> Result<(), String> {
        self.0.borrow_mut().spawned_at = crate::runtime::clock();
        let url = self.0.borrow().url.clone();
        // The engine of the app's page: static/boot.js started it before the page's wasm.
        let early = if url == WORKER_URL { take_early_worker() } else { None };
        let (worker, early_events) = match early {
            Some((w, started, events)) => {
                self.0.borrow_mut().spawned_at = started;
                (w, events)
            }
            None => (web_sys::Worker::new(&url).map_err(|e| format!("could not start the worker: {e:?}"))?, Vec::new()),
        };
        let weak = Rc::downgrade(&self.0);
        let onmessage = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let Some(inner) = weak.upgrade() else { return };
            let client = WorkerClient(inner.clone());
            let data = js_sys::Reflect::get(&e, &"data".into()).ok().and_then(|d| d.as_string());
            let msg = match data.as_deref().map(crate::protocol::decode::<FromWorker>) {
                Some(Decoded::Message(m)) => m,
                Some(Decoded::OtherBuild(v)) => return client.other_build(&v),
                Some(Decoded::Unreadable(err)) => {
                    FromWorker::Failed { message: format!("unreadable message from the worker: {err}") }
                }
                None => FromWorker::Failed { message: "a message from the worker without text".into() },
            };
            if let FromWorker::Loaded { data: Ok(d), .. } = &msg {
                crate::runtime::measure_in_page(&d.timings);
            }
            if let Some(id) = msg.answers() {
                let resolve = {
                    let mut i = inner.borrow_mut();
                    match i.waiting.get_mut(&id) {
                        Some((resolve, answer)) => {
                            *answer = Some(Ok(msg.clone()));
                            Some(resolve.clone())
                        }
                        None => None,
                    }
                };
                if let Some(r) = resolve {
                    let _ = r.call0(&JsValue::NULL);
                    return;
                }
            }
            if msg == FromWorker::Hello {
                let (worker, pending) = {
                    let mut i = inner.borrow_mut();
                    i.ready = true;
                    let boot = crate::runtime::Timing {
                        name: "boot (script, wasm)".into(),
                        start: i.spawned_at,
                        end: crate::runtime::clock(),
                    };
                    crate::runtime::measure_in_page(&[boot]);
                    let mut pending: Vec<JsValue> = i.lists.iter().cloned().collect();
                    pending.append(&mut i.queue);
                    (i.worker.clone(), pending)
                };
                if let Some(w) = worker {
                    for m in pending {
                        post_raw(&w, &m);
                    }
                }
                return;
            }
            let cb = inner.borrow().on_message.clone();
            cb(msg);
        });
        let weak = Rc::downgrade(&self.0);
        let onerror = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let Some(inner) = weak.upgrade() else { return };
            let why = js_sys::Reflect::get(&e, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "the worker script failed to load or crashed".into());
            // A panic: the app cannot trust that worker's state; the page offers a reload.
            let panicked = why.find(WORKER_PANICKED).map(|at| why[at..].to_string());
            WorkerClient(inner).lost(why);
            if let Some(why) = panicked {
                crate::browser::show_fatal(&why);
            }
        });
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        let (on_message, on_error): (js_sys::Function, js_sys::Function) =
            (onmessage.as_ref().clone().unchecked_into(), onerror.as_ref().clone().unchecked_into());
        {
            let mut i = self.0.borrow_mut();
            i._closures = vec![onmessage, onerror];
            i.worker = Some(worker);
            i.ready = false;
        }
        // What an early worker said before the page listened, in order, through the same
        // handlers (its hello and build check included).
        for e in early_events {
            let kind = js_sys::Reflect::get(&e, &"type".into()).ok().and_then(|t| t.as_string());
            let handler = if kind.as_deref() == Some("error") { &on_error } else { &on_message };
            let _ = handler.call1(&JsValue::NULL, &e);
        }
        Ok(())
    }

    /// Sends a message (with files to transfer, for imports), starting the worker if needed.
    pub fn send(&self, msg: &ToWorker, buffers: Option<js_sys::Array>) {
        let text = match crate::protocol::encode(msg) {
            Ok(t) => t,
            Err(e) => return (self.0.borrow().on_lost.clone())(e),
        };
        let value: JsValue = match buffers {
            None => JsValue::from_str(&text),
            Some(b) => {
                let o = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&o, &"json".into(), &JsValue::from_str(&text));
                let _ = js_sys::Reflect::set(&o, &"buffers".into(), &b);
                o.into()
            }
        };
        if matches!(msg, ToWorker::Lists { .. }) {
            // Kept for the worker: a running one gets it now, a new one first thing.
            self.0.borrow_mut().lists = Some(value.clone());
            if self.0.borrow().worker.is_none() {
                return;
            }
        }
        if self.0.borrow().worker.is_none() {
            if let Err(e) = self.spawn() {
                return self.lost(e);
            }
        }
        let (ready, worker) = {
            let i = self.0.borrow();
            (i.ready, i.worker.clone())
        };
        match (ready, worker) {
            (true, Some(w)) => post_raw(&w, &value),
            _ => self.0.borrow_mut().queue.push(value),
        }
    }

    /// Starts the worker now (its script and wasm load meanwhile), sending nothing.
    pub fn start(&self) {
        if self.0.borrow().worker.is_none() {
            if let Err(e) = self.spawn() {
                self.lost(e);
            }
        }
    }

    /// Starts the worker now and has it load its lists, unless it is running already.
    pub fn warm_up(&self) {
        if self.0.borrow().worker.is_none() {
            self.send(&ToWorker::Warm, None);
        }
    }

    /// Stops the worker at once (whatever it is doing is dropped); the next message starts
    /// a new one.
    pub fn terminate(&self) {
        {
            let mut i = self.0.borrow_mut();
            if let Some(w) = i.worker.take() {
                w.terminate();
            }
            i.ready = false;
            i.queue.clear();
        }
        self.fail_waiting("the worker was stopped");
    }
}

thread_local! {
    static ENGINE: RefCell<Option<WorkerClient>> = const { RefCell::new(None) };
}

/// The page's screening engine: the worker holding the party index, started on first use
/// (from `url`, default [`WORKER_URL`], on the first call only). The app's worker pool uses it
/// as its first worker; the JS API (`crate::api`) sends its screenings to it.
pub fn engine_at(url: Option<&str>) -> WorkerClient {
    ENGINE.with(|e| {
        e.borrow_mut()
            .get_or_insert_with(|| {
                WorkerClient::at(
                    url.unwrap_or(WORKER_URL),
                    |m| {
                        if let FromWorker::Failed { message } | FromWorker::ListsRejected { message } = m {
                            web_sys::console::warn_1(&message.into());
                        }
                    },
                    |why| web_sys::console::warn_1(&format!("the screening worker stopped: {why}").into()),
                )
            })
            .clone()
    })
}

/// [`engine_at`] the default URL.
pub fn engine() -> WorkerClient {
    match crate::browser::crash_test().as_deref() {
        Some("worker") => engine_at(Some(CRASH_TEST_WORKER_URL)),
        _ => engine_at(None),
    }
}

/// Screens a validated shipment in the engine worker.
pub async fn screen(shipment: &catchall::Shipment) -> Result<catchall::Report, String> {
    let shipment = Box::new(shipment.clone());
    let start = crate::runtime::clock();
    let answer = engine().request(|id| ToWorker::Screen { id, shipment }).await?;
    crate::runtime::measure_in_page(&[crate::runtime::Timing {
        name: "screen (first, page to page)".into(),
        start,
        end: crate::runtime::clock(),
    }]);
    match answer {
        FromWorker::Screened { report, .. } => report,
        other => Err(format!("unexpected answer from the worker: {other:?}")),
    }
}

/// Loads the lists in the engine worker (if not yet): what it screens with and the bundled
/// lists' metadata.
pub async fn load() -> Result<(crate::runtime::DataSummary, Vec<catchall::screening::ListMeta>), String> {
    match engine().request(|id| ToWorker::Load { id }).await? {
        FromWorker::Loaded { data, bundled, .. } => data.map(|d| (d, bundled)),
        other => Err(format!("unexpected answer from the worker: {other:?}")),
    }
}

/// The workers: list imports go to the first; a batch is split between all of them (one
/// per core, up to [`MAX_WORKERS`]), each screening a contiguous part of the rows with its
/// own copy of the lists; cancel, detail and list changes go to all.
#[derive(Clone, PartialEq)]
pub struct WorkerPool(Rc<Vec<WorkerClient>>);

/// More workers than this cost memory (one index each, about 60 MB) for little gain.
pub const MAX_WORKERS: usize = 4;

impl WorkerPool {
    /// The first worker is the page's screening [`engine`]; the others only screen batches.
    /// Messages that answer no request go to `on_message` (from the others, not their
    /// [`FromWorker::Loaded`] and [`FromWorker::ListsRejected`]: those are about the engine).
    pub fn new(on_message: impl Fn(FromWorker) + Clone + 'static, on_lost: impl Fn(String) + Clone + 'static) -> Self {
        let cores = web_sys::window().map(|w| w.navigator().hardware_concurrency()).unwrap_or(1.0);
        let n = (cores as usize).clamp(1, MAX_WORKERS);
        let first = engine();
        first.set_handlers(on_message.clone(), on_lost.clone());
        let mut all = vec![first];
        for _ in 1..n {
            let m = on_message.clone();
            all.push(WorkerClient::new(
                move |msg: FromWorker| {
                    if !matches!(msg, FromWorker::Loaded { .. } | FromWorker::ListsRejected { .. }) {
                        m(msg)
                    }
                },
                on_lost.clone(),
            ));
        }
        WorkerPool(Rc::new(all))
    }

    pub fn size(&self) -> usize {
        self.0.len()
    }

    /// Sends to the workers the message concerns (see the type's doc).
    pub fn send(&self, msg: &ToWorker, buffers: Option<js_sys::Array>) {
        match msg {
            ToWorker::Import { .. } => {
                if let Some(w) = self.0.first() {
                    w.send(msg, buffers);
                }
            }
            ToWorker::Batch { file, text, .. } => {
                let parts = self.0.len();
                for (part, w) in self.0.iter().enumerate() {
                    w.send(&ToWorker::Batch { file: file.clone(), text: text.clone(), part, parts }, None);
                }
            }
            // Asked of the first worker (the one that imports, so it has the lists loaded).
            ToWorker::ListsInUse => {
                if let Some(w) = self.0.first() {
                    w.send(msg, None);
                }
            }
            // Each worker re-screens its share of the items (contiguous, in order).
            ToWorker::Rescreen { items, .. } => {
                let parts = self.0.len();
                for (part, w) in self.0.iter().enumerate() {
                    let range = crate::protocol::part_range(items.len(), part, parts);
                    w.send(&ToWorker::Rescreen { items: items[range].to_vec(), part, parts }, None);
                }
            }
            ToWorker::Lists { .. } | ToWorker::Cancel | ToWorker::Detail { .. } | ToWorker::Warm => {
                for w in self.0.iter() {
                    w.send(msg, None);
                }
            }
            // Requests go through `WorkerClient::request` on the engine; sent here, the
            // engine gets them and the answer goes to `on_message`.
            ToWorker::Load { .. } | ToWorker::Screen { .. } | ToWorker::Match { .. } => {
                if let Some(w) = self.0.first() {
                    w.send(msg, buffers);
                }
            }
        }
    }

    pub fn warm_up(&self) {
        for w in self.0.iter() {
            w.warm_up();
        }
    }

    /// Stops an import in progress: parsing one file cannot be interrupted from inside, so
    /// the import worker (the engine) is stopped, and a new one starts and loads the lists at
    /// once, so screenings do not wait for it later.
    pub fn cancel_import(&self) {
        if let Some(w) = self.0.first() {
            w.terminate();
            w.send(&ToWorker::Warm, None);
        }
    }
}

/// The worker static/boot.js started before the page's wasm (`window.catchallEarlyWorker`):
/// taken once, with when it started ([`crate::runtime::clock`]) and the events it sent before
/// the page listened.
fn take_early_worker() -> Option<(web_sys::Worker, f64, Vec<JsValue>)> {
    let window = web_sys::window()?;
    let key = JsValue::from_str("catchallEarlyWorker");
    let early = js_sys::Reflect::get(&window, &key).ok().filter(|e| e.is_object())?;
    let _ = js_sys::Reflect::delete_property(&window, &key);
    let worker: web_sys::Worker = js_sys::Reflect::get(&early, &"worker".into()).ok()?.dyn_into().ok()?;
    let started = js_sys::Reflect::get(&early, &"startedAt".into()).ok().and_then(|s| s.as_f64())?;
    let events = js_sys::Reflect::get(&early, &"events".into())
        .ok()
        .and_then(|e| e.dyn_into::<js_sys::Array>().ok())
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    Some((worker, started, events))
}

/// Posts a message, transferring the ArrayBuffers of an import instead of copying them.
fn post_raw(w: &web_sys::Worker, value: &JsValue) {
    let buffers = js_sys::Reflect::get(value, &"buffers".into()).ok().filter(|b| b.is_object());
    let r = match buffers {
        Some(b) => w.post_message_with_transfer(value, &b),
        None => w.post_message(value),
    };
    if let Err(e) = r {
        web_sys::console::error_1(&e);
    }
}
