//! Where imported lists are kept between visits: the browser's Cache Storage (the store
//! the service worker uses, but a cache of its own that the worker never deletes).
//!
//! Why not localStorage: it holds about 5 MB of text per site, and one SDN import is 2–3 MB.
//! Cache Storage has the same quota as IndexedDB (a share of the disk), takes each list as
//! one file-like entry that is written whole or not at all, and has a promise API. Each
//! imported list is one entry, `imported-lists/<id>.tsv`, in the `lists::bundle` format the
//! bundled lists use, so reading it back is the same decode as a bundled list.

use crate::protocol::SavedList;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The cache's name. It must not start with `catchall-`: the service worker deletes those
/// caches when a new version of the app activates (static/sw.js).
pub const CACHE: &str = "catchall.imported-lists.v1";
const PREFIX: &str = "imported-lists/";

fn key(id: &str) -> String {
    format!("{PREFIX}{id}.tsv")
}

fn js_err(e: &wasm_bindgen::JsValue) -> String {
    let name = js_sys::Reflect::get(e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
    let message = e
        .as_string()
        .or_else(|| js_sys::Reflect::get(e, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| "unknown error".into());
    if name == "QuotaExceededError" {
        format!("the browser's storage is full ({message})")
    } else if name.is_empty() {
        message
    } else {
        format!("{name}: {message}")
    }
}

async fn open() -> Result<web_sys::Cache, String> {
    let window = web_sys::window().ok_or("no window")?;
    // `caches` is missing outside secure contexts (plain http on a non-local host).
    let has = js_sys::Reflect::has(&window, &"caches".into()).unwrap_or(false);
    if !has {
        return Err(
            "this page is not in a secure context (https or localhost), so the browser gives it no storage for lists"
                .into(),
        );
    }
    let caches = window.caches().map_err(|e| js_err(&e))?;
    let cache = JsFuture::from(caches.open(CACHE)).await.map_err(|e| js_err(&e))?;
    cache.dyn_into::<web_sys::Cache>().map_err(|_| "Cache Storage returned something else".to_string())
}

/// Saves (or replaces) one imported list.
pub async fn save(list: &SavedList) -> Result<(), String> {
    let cache = open().await?;
    let init = web_sys::ResponseInit::new();
    init.set_status(200);
    let resp = web_sys::Response::new_with_opt_str_and_init(Some(&list.bundle), &init).map_err(|e| js_err(&e))?;
    JsFuture::from(cache.put_with_str(&key(&list.id), &resp)).await.map_err(|e| js_err(&e))?;
    Ok(())
}

/// The saved text of one imported list, `None` when there is none.
pub async fn load_one(id: &str) -> Result<Option<String>, String> {
    let cache = open().await?;
    let found = JsFuture::from(cache.match_with_str(&key(id))).await.map_err(|e| js_err(&e))?;
    let Ok(resp) = found.dyn_into::<web_sys::Response>() else { return Ok(None) };
    let text = JsFuture::from(resp.text().map_err(|e| js_err(&e))?).await.map_err(|e| js_err(&e))?;
    Ok(text.as_string())
}

/// Deletes one imported list (no error if it was not there).
pub async fn delete(id: &str) -> Result<(), String> {
    let cache = open().await?;
    JsFuture::from(cache.delete_with_str(&key(id))).await.map_err(|e| js_err(&e))?;
    Ok(())
}

/// Deletes a saved entry by its storage key (for unreadable entries).
pub async fn delete_key(k: &str) -> Result<(), String> {
    let cache = open().await?;
    JsFuture::from(cache.delete_with_str(k)).await.map_err(|e| js_err(&e))?;
    Ok(())
}

/// Every saved list as text, with its storage key. Entries that cannot be read come back
/// as errors beside the others. `Err` only when the storage itself is unavailable.
pub async fn load_all() -> Result<Vec<(String, Result<String, String>)>, String> {
    let cache = open().await?;
    let keys = JsFuture::from(cache.keys()).await.map_err(|e| js_err(&e))?;
    let keys: js_sys::Array = keys.dyn_into().map_err(|_| "Cache Storage keys are not a list".to_string())?;
    let mut out = Vec::new();
    for req in keys.iter() {
        let Ok(req) = req.dyn_into::<web_sys::Request>() else { continue };
        let url = req.url();
        let name = match url.find(PREFIX) {
            Some(i) => url[i..].to_string(),
            None => url.clone(),
        };
        let text = async {
            let resp = JsFuture::from(cache.match_with_request(&req)).await.map_err(|e| js_err(&e))?;
            let resp: web_sys::Response = resp.dyn_into().map_err(|_| "entry missing".to_string())?;
            let text = JsFuture::from(resp.text().map_err(|e| js_err(&e))?).await.map_err(|e| js_err(&e))?;
            text.as_string().ok_or_else(|| "entry is not text".to_string())
        }
        .await;
        out.push((name, text));
    }
    Ok(out)
}
