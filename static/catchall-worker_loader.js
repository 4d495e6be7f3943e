// The screening worker's loader (index.html copies it next to index.html; it replaces trunk's
// generated shim, which was the last two lines alone).
//
// It starts downloading the bundled lists' index built at build time (static/lists/index.bin,
// 26 MB) before the worker's wasm is even compiled, and reads it as a Blob: the browser stores a
// Blob's body itself, so the download goes on at full speed while this thread compiles, decodes
// Annex I and loads. (Read as an ArrayBuffer, the body waits whenever this thread is busy.)
// crates/web/src/runtime.rs takes the promise (`catchallIndexPrefetch`) when it loads the
// bundled lists, and drops it unused when imported lists mean the index must be built here.
self.catchallIndexPrefetch = fetch('./static/lists/index.bin')
  .then((r) => (r.ok ? r.blob() : Promise.reject(new Error('HTTP ' + r.status))));
// A failure is reported by the loading code that awaits it (and the index is then built from
// the lists); not an unhandled rejection meanwhile.
self.catchallIndexPrefetch.catch(() => {});
importScripts('./catchall-worker.js');
wasm_bindgen('./catchall-worker_bg.wasm');
