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
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        if let Some(w) = web_sys::window() {
            let _ = js_sys::Reflect::set(&w, &"catchallFatal".into(), &info.to_string().into());
            if let Ok(e) = web_sys::Event::new("catchall-fatal") {
                let _ = w.dispatch_event(&e);
            }
        }
    }));
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
