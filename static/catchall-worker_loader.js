// The screening worker's loader (index.html copies it next to index.html; it replaces trunk's
// generated shim, which was the last two lines alone).
//
// It starts downloading the bundled lists' index built at build time (static/lists/index.bin,
// 21 MB) before the worker's wasm is even compiled, on a thread of its own
// (static/catchall-index-fetch.js), which transfers the bytes here when they are all in: this
// thread compiles, decodes Annex I and loads meanwhile. Where a worker cannot start another,
// the file is read as a Blob instead (the browser stores a Blob's body as it arrives, so the
// download does not wait while this thread is busy; reading it back costs more).
// crates/web/src/runtime.rs takes the promise (`catchallIndexPrefetch`: an ArrayBuffer or a
// Blob) when it loads the bundled lists, and drops it unused when imported lists mean the
// index must be built here.
self.catchallIndexPrefetch = new Promise((resolve, reject) => {
  const url = new URL('./static/lists/index.bin', self.location.href).href;
  const asBlob = () =>
    fetch(url).then((r) => (r.ok ? r.blob() : Promise.reject(new Error('HTTP ' + r.status))));
  const answer = (d) => {
    if (d && d.buf) {
      // When the download ran (runtime.rs shows it as a step of the load).
      self.catchallIndexDownload = [d.start, d.end];
      resolve(d.buf);
    } else {
      reject(new Error((d && d.error) || 'index download failed'));
    }
  };
  let fetcher;
  try {
    fetcher = new Worker(new URL('./static/catchall-index-fetch.js', self.location.href).href);
  } catch (e) {
    resolve(asBlob());
    return;
  }
  fetcher.onmessage = (e) => answer(e.data);
  // The download thread could not run (its script failed): read the file here.
  fetcher.onerror = (e) => {
    e.preventDefault();
    resolve(asBlob());
  };
  fetcher.postMessage({ url });
});
// A failure is reported by the loading code that awaits it (and the index is then built from
// the lists); not an unhandled rejection meanwhile.
self.catchallIndexPrefetch.catch(() => {});
importScripts('./catchall-worker.js');
wasm_bindgen('./catchall-worker_bg.wasm');
