// Downloads the bundled lists' index (static/lists/index.bin, 21 MB) for the screening worker,
// on a thread of its own, and hands it over as an ArrayBuffer (transferred: not copied).
//
// Started by the screening worker's loader (catchall-worker_loader.js). The screening worker's
// own thread is busy compiling its wasm and decoding Annex I while the file arrives; a download
// read there would wait whenever it is busy, and a Blob (which the browser fills on its own)
// costs a second read of the whole file once it is complete. This thread does nothing else, so it reads the body as it arrives.
//
// Message in: `{ url }`; answer: `{ buf, start, end }` (`start`/`end`: when the download ran,
// on the clock shared with the page, timeOrigin + now) or `{ error }`.
const clock = () => performance.timeOrigin + performance.now();
self.onmessage = (e) => {
  const { url } = e.data;
  const start = clock();
  fetch(url)
    .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error('HTTP ' + r.status))))
    .then(
      (buf) => self.postMessage({ buf, start, end: clock() }, [buf]),
      (err) => self.postMessage({ error: String((err && err.message) || err) }),
    )
    .then(() => self.close());
};
