// Starts the wasm app (trunk writes the file names into the <script> tag's data attributes)
// and registers the service worker that makes the app work offline after one visit.
// Kept in a file rather than inline so the Content-Security-Policy can forbid inline scripts.
const tag = document.querySelector('script[data-wasm]');
// The screening worker starts now, beside the page's own wasm, rather than once the page is
// ready: its script, wasm, index and Annex I load meanwhile. The page adopts it as its engine
// (crates/web/src/worker_client.rs, `EARLY_WORKER`), replaying what it said before; the first
// message still carries the worker's build, which the page checks as for any worker.
if (document.getElementById('catchall-app') && typeof Worker === 'function') {
  try {
    const startedAt = performance.timeOrigin + performance.now();
    const worker = new Worker(new URL('catchall-worker_loader.js', document.baseURI).href);
    const early = { worker, startedAt, events: [] };
    worker.onmessage = (e) => early.events.push(e);
    worker.onerror = (e) => early.events.push(e);
    window.catchallEarlyWorker = early;
  } catch (e) {
    // No early worker: the page starts one itself.
  }
}
// A crash (a Rust panic, which aborts the wasm module, or any uncaught error or rejection)
// is shown with a reload button rather than leaving a page that silently stops answering.
// Saved screenings and imported lists are in storage and survive the reload.
const showFatal = (why) => {
  if (document.getElementById('fatal-error')) return;
  const box = document.createElement('div');
  box.id = 'fatal-error';
  box.className = 'fatal-error';
  box.setAttribute('role', 'alert');
  const p = document.createElement('p');
  p.textContent = 'Something went wrong and the app stopped working: ' + String(why).replace(/\.+$/, '') +
    '. Your saved screenings and imported lists are kept. Reload the page to continue.';
  const button = document.createElement('button');
  button.type = 'button';
  button.id = 'fatal-reload';
  button.textContent = 'Reload';
  button.addEventListener('click', () => location.reload());
  box.append(p, button);
  document.body.prepend(box);
  button.focus();
};
window.addEventListener('catchall-fatal', () => showFatal(String(window.catchallFatal || 'internal error')));
window.addEventListener('error', (e) => showFatal(e.message || String(e.error || 'script error')));
window.addEventListener('unhandledrejection', (e) => showFatal(String((e.reason && e.reason.message) || e.reason || 'an operation failed')));
// A line under the header for the offline copy and updates (role=status: read out, not modal).
const notice = (id, text, button) => {
  let box = document.getElementById(id);
  if (!box) {
    box = document.createElement('div');
    box.id = id;
    box.className = 'update-notice';
    box.setAttribute('role', 'status');
    document.body.prepend(box);
  }
  box.textContent = '';
  const p = document.createElement('p');
  p.textContent = text;
  box.append(p);
  if (button) box.append(button);
  return box;
};
const reloadButton = (id, onClick) => {
  const b = document.createElement('button');
  b.type = 'button';
  b.id = id;
  b.textContent = 'Reload';
  b.addEventListener('click', onClick);
  return b;
};
// The service worker precaches every file of the app (about 36 MB with the worker, the lists and
// their index built at build time, static/lists/index.bin): register it 3 s after the page has
// its lists, so the first visit's own loading, and a first screening right after it, go first
// (the download and the copy into the cache took a core from them).
// A new version's worker waits until the user reloads through the notice below: an open page
// never meets files of another build (see static/sw.js).
let registered = false;
let reloading = false;
const showOfflineFailed = (why) =>
  notice('offline-status', 'Offline use not available yet: ' + String(why).replace(/\.+$/, '') +
    '. The app works while online; it will try again on the next visit.');
const showUpdate = (reg) =>
  notice('update-ready', 'A new version is ready — reload to use it.', reloadButton('update-reload', () => {
    reloading = true;
    const waiting = reg && reg.waiting;
    if (waiting) waiting.postMessage('skip-waiting'); // the page reloads when it takes over
    else location.reload();
  }));
const registerServiceWorker = () => {
  if (registered || !('serviceWorker' in navigator)) return;
  registered = true;
  const sw = navigator.serviceWorker;
  const hadController = !!sw.controller;
  sw.addEventListener('message', (e) => {
    if (e.data && e.data.type === 'precache-failed') showOfflineFailed(e.data.error);
  });
  sw.addEventListener('controllerchange', () => {
    if (!hadController) return; // the first visit's worker taking over: same files
    if (reloading) location.reload();
    else showUpdate(null); // another tab switched to the new version: this one reloads too
  });
  sw.register('sw.js').then((reg) => {
    const watch = (w) => {
      if (!w) return;
      let installed = false;
      w.addEventListener('statechange', () => {
        if (w.state === 'installed') {
          installed = true;
          if (sw.controller) showUpdate(reg);
        } else if (w.state === 'redundant' && !installed && !document.getElementById('offline-status')) {
          showOfflineFailed('the files could not be stored for offline use');
        }
      });
    };
    if (reg.waiting && sw.controller) showUpdate(reg);
    watch(reg.installing);
    reg.addEventListener('updatefound', () => watch(reg.installing));
    reg.update().catch(() => {}); // look for a new version now (offline: nothing to do)
  }).catch((e) => showOfflineFailed((e && e.message) || e));
};
window.addEventListener('catchall-data-loaded', () => setTimeout(registerServiceWorker, 3000), { once: true });
setTimeout(registerServiceWorker, 10000);
// trunk writes page-relative URLs (public_url "./", so the site works under any sub-path); an
// import() from this module would resolve them against static/, so resolve against the page.
const fromPage = (u) => new URL(u, document.baseURI).href;
try {
  const { default: init } = await import(fromPage(tag.dataset.js));
  const wasm = await init({ module_or_path: fromPage(tag.dataset.wasm) });
  performance.mark('catchall-ready');
  // The page's wasm memory in bytes, for the measurements (crates/e2e measure_first_verdict).
  window.catchallPageMemory = () => wasm.memory.buffer.byteLength;
  window.dispatchEvent(new CustomEvent('TrunkApplicationStarted'));
} catch (e) {
  const root = document.getElementById('catchall-app');
  if (root) root.textContent = 'The screening engine could not start in this browser: ' + e;
  throw e;
}
if (!document.getElementById('catchall-app')) registerServiceWorker(); // pages that only embed the API
