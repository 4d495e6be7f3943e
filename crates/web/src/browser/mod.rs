//! Browser helpers the views use: the clock, localStorage, file downloads, and where imported
//! lists are kept (`lists_store`). Nothing here decides anything.

pub mod lists_store;

use wasm_bindgen::JsCast;

/// The page's localStorage, if the browser allows it.
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The full ISO timestamp, now.
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Today's date, `YYYY-MM-DD`.
pub fn today() -> String {
    now_iso().chars().take(10).collect()
}

/// Offers `text` as a JSON file download.
pub fn download(name: &str, text: &str) {
    download_as(name, "application/json", text)
}

/// Offers `text` as a file download of the given type.
pub fn download_as(name: &str, mime: &str, text: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
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

/// A panic in wasm aborts the module: every later call into it fails. The page's panic hook
/// logs the panic (`console_error_panic_hook`), then hands the message to `static/boot.js`
/// (`window.catchallFatal` and a `catchall-fatal` event), which shows it with a reload
/// button instead of leaving a frozen page. Saved data lives in storage and survives.
/// Installed through Yew: its renderer replaces any hook not set with
/// `yew::set_custom_panic_hook` by its own (which only logs).
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_fatal(&info.to_string());
    }));
}

/// Has `static/boot.js` show `why` with a reload button: the app cannot go on (a panic in the
/// page or in the screening worker).
pub fn show_fatal(why: &str) {
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &"catchallFatal".into(), &why.into());
        if let Ok(e) = web_sys::Event::new("catchall-fatal") {
            let _ = w.dispatch_event(&e);
        }
    }
}

/// A crash on purpose, for the browser tests of the panic hooks
/// (`crates/e2e`, `a_panic_in_the_page_or_the_worker_shows_a_reload_button`): `?crash-test=page`
/// in the app's URL makes the Screen button panic in the page, `?crash-test=worker` makes the
/// screening worker panic on its next screening. Honoured only when the browser is driven by
/// WebDriver (`navigator.webdriver`, which a user's browser does not set), so a link carrying
/// the flag cannot stop anyone's app; without it the flag is ignored. It is in the release
/// build because the browser tests test that build (a second release build only for them
/// would cost 5-20 minutes a run).
pub fn crash_test() -> Option<String> {
    let w = web_sys::window()?;
    let automated = js_sys::Reflect::get(&w.navigator(), &"webdriver".into()).ok()?.as_bool() == Some(true);
    let search = w.location().search().ok()?;
    let value = search.trim_start_matches('?').split('&').find_map(|kv| kv.strip_prefix("crash-test="))?;
    automated.then(|| value.to_string())
}

/// Asks the browser to keep this site's storage (saved screenings, imported lists) under
/// storage pressure: `navigator.storage.persist()`. `None` when the browser has no such API
/// or the request failed.
pub async fn ask_persistent_storage() -> Option<bool> {
    let nav = web_sys::window()?.navigator();
    let storage = js_sys::Reflect::get(&nav, &"storage".into()).ok().filter(|v| v.is_object())?;
    let persist = js_sys::Reflect::get(&storage, &"persist".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let promise = persist.call0(&storage).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()?.as_bool()
}

/// Runs `f` holding the Web Lock `name` (`navigator.locks.request`), so that the
/// read-merge-write of saved data in one tab never interleaves with another tab's. Browsers
/// without Web Locks (or outside a secure context) run `f` at once: each tab's
/// read-merge-write is still synchronous, only the cross-tab serialisation is missing.
pub fn with_lock(name: &str, f: impl FnOnce() + 'static) {
    use std::cell::RefCell;
    use std::rc::Rc;
    type Job = Rc<RefCell<Option<Box<dyn FnOnce()>>>>;
    let job: Job = Rc::new(RefCell::new(Some(Box::new(f))));
    let run = |job: &Job| {
        let f = job.borrow_mut().take();
        if let Some(f) = f {
            f();
        }
    };
    let locks = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"locks".into()).ok())
        .filter(|l| l.is_object());
    let request = locks.as_ref().and_then(|l| {
        js_sys::Reflect::get(l, &"request".into()).ok().and_then(|r| r.dyn_into::<js_sys::Function>().ok())
    });
    if let (Some(locks), Some(request)) = (locks, request) {
        let j = job.clone();
        let cb = wasm_bindgen::closure::Closure::once_into_js(move |_lock: wasm_bindgen::JsValue| {
            run(&j);
            wasm_bindgen::JsValue::UNDEFINED
        });
        if request.call2(&locks, &name.into(), &cb).is_ok() {
            return;
        }
    }
    run(&job);
}

/// Calls `f(key, new value)` whenever another tab of this site changes localStorage (the
/// `storage` event; `None` when the key was removed or storage cleared). For the app's life.
pub fn on_storage_change(f: impl Fn(String, Option<String>) + 'static) {
    let Some(w) = web_sys::window() else { return };
    let cb = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
        let get = |k: &str| js_sys::Reflect::get(&e, &k.into()).ok().and_then(|v| v.as_string());
        f(get("key").unwrap_or_default(), get("newValue"));
    });
    let _ = w.add_event_listener_with_callback("storage", cb.as_ref().unchecked_ref());
    cb.forget();
}

/// The channel the tabs of this site tell each other that imported lists changed (Cache
/// Storage fires no `storage` event).
pub const LISTS_CHANNEL: &str = "catchall.lists";

thread_local! {
    /// This tab's id on the channels: a BroadcastChannel also delivers to the other channel
    /// objects of the same page, so a tab recognises (and ignores) its own messages.
    static TAB_ID: String = format!("tab-{}-{}", js_sys::Date::now(), js_sys::Math::random());
}

/// Tells the other tabs that the imported lists in storage changed.
pub fn tell_other_tabs(channel: &str) {
    if let Ok(c) = web_sys::BroadcastChannel::new(channel) {
        let _ = c.post_message(&TAB_ID.with(|t| wasm_bindgen::JsValue::from_str(t)));
        c.close();
    }
}

/// Calls `f` whenever another tab says so on `channel` (for the app's life; this tab's own
/// messages are ignored). Nothing happens in browsers without BroadcastChannel.
pub fn on_other_tab(channel: &str, f: impl Fn() + 'static) {
    let Ok(c) = web_sys::BroadcastChannel::new(channel) else { return };
    let cb = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let from = e.data().as_string().unwrap_or_default();
        if TAB_ID.with(|t| *t != from) {
            f();
        }
    });
    c.set_onmessage(Some(cb.as_ref().unchecked_ref()));
    cb.forget();
    // Kept open for the page's life.
    std::mem::forget(c);
}
