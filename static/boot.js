// Starts the wasm app (trunk writes the file names into the <script> tag's data attributes)
// and registers the service worker that makes the app work offline after one visit.
// Kept in a file rather than inline so the Content-Security-Policy can forbid inline scripts.
const tag = document.querySelector('script[data-wasm]');
try {
  const { default: init } = await import(tag.dataset.js);
  await init({ module_or_path: tag.dataset.wasm });
  performance.mark('catchall-ready');
  window.dispatchEvent(new CustomEvent('TrunkApplicationStarted'));
} catch (e) {
  const root = document.getElementById('catchall-app');
  if (root) root.textContent = 'The screening engine could not start in this browser: ' + e;
  throw e;
}
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('sw.js').catch((e) => console.warn('offline mode unavailable:', e));
}
