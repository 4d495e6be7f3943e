// Starts the wasm app (trunk writes the file names into the <script> tag's data attributes)
// and registers the service worker that makes the app work offline after one visit.
// Kept in a file rather than inline so the Content-Security-Policy can forbid inline scripts.
const tag = document.querySelector('script[data-wasm]');
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
// The service worker precaches every file of the app (about 9 MB with the worker and the lists):
// register it once the page has its lists, so the first visit's own loading goes first.
let registered = false;
const registerServiceWorker = () => {
  if (registered || !('serviceWorker' in navigator)) return;
  registered = true;
  navigator.serviceWorker.register('sw.js').catch((e) => console.warn('offline mode unavailable:', e));
};
window.addEventListener('catchall-data-loaded', registerServiceWorker, { once: true });
setTimeout(registerServiceWorker, 10000);
// trunk writes page-relative URLs (public_url "./", so the site works under any sub-path); an
// import() from this module would resolve them against static/, so resolve against the page.
const fromPage = (u) => new URL(u, document.baseURI).href;
try {
  const { default: init } = await import(fromPage(tag.dataset.js));
  await init({ module_or_path: fromPage(tag.dataset.wasm) });
  performance.mark('catchall-ready');
  window.dispatchEvent(new CustomEvent('TrunkApplicationStarted'));
} catch (e) {
  const root = document.getElementById('catchall-app');
  if (root) root.textContent = 'The screening engine could not start in this browser: ' + e;
  throw e;
}
if (!document.getElementById('catchall-app')) registerServiceWorker(); // pages that only embed the API
