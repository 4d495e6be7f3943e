//! The page's side of the screening worker: starts it on first use, queues messages until
//! it says hello, hands its answers to a callback, and starts a fresh one if it dies.

use crate::protocol::{FromWorker, ToWorker};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker script trunk writes next to index.html (`data-loader-shim`).
pub const WORKER_URL: &str = "./catchall-worker_loader.js";

struct Inner {
    worker: Option<web_sys::Worker>,
    ready: bool,
    queue: Vec<JsValue>,
    /// The last `Lists` message: a new worker gets it first.
    lists: Option<JsValue>,
    on_message: Rc<dyn Fn(FromWorker)>,
    on_lost: Rc<dyn Fn(String)>,
    _closures: Vec<Closure<dyn FnMut(JsValue)>>,
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
        WorkerClient(Rc::new(RefCell::new(Inner {
            worker: None,
            ready: false,
            queue: Vec::new(),
            lists: None,
            on_message: Rc::new(on_message),
            on_lost: Rc::new(on_lost),
            _closures: Vec::new(),
        })))
    }

    fn spawn(&self) -> Result<(), String> {
        let worker = web_sys::Worker::new(WORKER_URL).map_err(|e| format!("could not start the worker: {e:?}"))?;
        let weak = Rc::downgrade(&self.0);
        let onmessage = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let Some(inner) = weak.upgrade() else { return };
            let data = js_sys::Reflect::get(&e, &"data".into()).ok().and_then(|d| d.as_string());
            let msg = match data.as_deref().map(serde_json::from_str::<FromWorker>) {
                Some(Ok(m)) => m,
                Some(Err(err)) => FromWorker::Failed { message: format!("unreadable message from the worker: {err}") },
                None => FromWorker::Failed { message: "a message from the worker without text".into() },
            };
            if msg == FromWorker::Hello {
                let (worker, pending) = {
                    let mut i = inner.borrow_mut();
                    i.ready = true;
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
            let cb = {
                let mut i = inner.borrow_mut();
                if let Some(w) = i.worker.take() {
                    w.terminate();
                }
                i.ready = false;
                i.queue.clear();
                i.on_lost.clone()
            };
            cb(why);
        });
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        let mut i = self.0.borrow_mut();
        i._closures = vec![onmessage, onerror];
        i.worker = Some(worker);
        i.ready = false;
        Ok(())
    }

    /// Sends a message (with files to transfer, for imports), starting the worker if needed.
    pub fn send(&self, msg: &ToWorker, buffers: Option<js_sys::Array>) {
        let text = match serde_json::to_string(msg) {
            Ok(t) => t,
            Err(e) => return (self.0.borrow().on_lost.clone())(format!("could not encode a message: {e}")),
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
                return (self.0.borrow().on_lost.clone())(e);
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

    /// Starts the worker now and has it load its lists, unless it is running already.
    pub fn warm_up(&self) {
        if self.0.borrow().worker.is_none() {
            self.send(&ToWorker::Warm, None);
        }
    }

    /// Stops the worker at once (whatever it is doing is dropped); the next message starts
    /// a new one.
    pub fn terminate(&self) {
        let mut i = self.0.borrow_mut();
        if let Some(w) = i.worker.take() {
            w.terminate();
        }
        i.ready = false;
        i.queue.clear();
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
    pub fn new(on_message: impl Fn(FromWorker) + Clone + 'static, on_lost: impl Fn(String) + Clone + 'static) -> Self {
        let cores = web_sys::window().map(|w| w.navigator().hardware_concurrency()).unwrap_or(1.0);
        let n = (cores as usize).clamp(1, MAX_WORKERS);
        WorkerPool(Rc::new((0..n).map(|_| WorkerClient::new(on_message.clone(), on_lost.clone())).collect()))
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
        }
    }

    pub fn warm_up(&self) {
        for w in self.0.iter() {
            w.warm_up();
        }
    }

    /// Stops an import in progress: parsing one file cannot be interrupted from inside, so
    /// the import worker is stopped and a new one starts on next use.
    pub fn cancel_import(&self) {
        if let Some(w) = self.0.first() {
            w.terminate();
        }
    }
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
