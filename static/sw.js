// Catchall service worker: precaches the app shell, JS glue, wasm and bundled data so the
// app loads and screens with the network off after one visit.
// The build hook in Trunk.toml replaces the two placeholders below with the list of every
// built file and a hash of their contents (the cache version).
//
// Versions never mix: every response this worker gives comes from its own cache
// ('catchall-<VERSION>'), including the app shell (index.html), so a page and the files it
// loads are of one build. A new build's worker installs beside it and waits (no skipWaiting
// on install); the page offers "A new version is ready — reload" (static/boot.js), and only
// that button (message 'skip-waiting') lets the new worker take over.
const VERSION = '__VERSION__';
const LISTED = "__PRECACHE__";
const PRECACHE = Array.isArray(LISTED) ? LISTED : ['./'];
const CACHE = 'catchall-' + VERSION;

// Tells the open pages (static/boot.js shows it) why offline use is not available.
const tellPages = (message) =>
  self.clients.matchAll({ includeUncontrolled: true, type: 'window' })
    .then((cs) => cs.forEach((c) => c.postMessage(message)));

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((u) => new Request(u, { cache: 'reload' }))))
      .catch((e) =>
        // A failed precache leaves no half-filled cache behind, and the page says so.
        caches.delete(CACHE)
          .then(() => tellPages({ type: 'precache-failed', error: String((e && e.message) || e) }))
          .then(() => { throw e; })),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

// Only this app's old precaches ('catchall-<version>') are deleted. Imported lists live in
// the cache 'catchall.imported-lists.v1' (crates/web/src/browser/lists_store.rs), which must
// survive updates. `clients.claim()` takes over pages no worker controls yet (the first
// visit); pages of an older version are only switched after the user asked to reload.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('catchall-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The app's own navigations: the scope's root and its index.html (any query). Other pages
// of the site (embed.html, bench.html) or anything else are never served as the shell.
const scopePath = () => new URL(self.registration.scope).pathname;
const isShell = (url) => url.origin === self.location.origin &&
  (url.pathname === scopePath() || url.pathname === scopePath() + 'index.html');

const fromCache = (req) => caches.open(CACHE).then((c) => c.match(req));

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    if (isShell(url)) {
      // The shell of this worker's version (precached as './'); the network only when the
      // cache lost it.
      event.respondWith(fromCache('./').then((r) => r || fetch(req)));
    } else {
      // Another page of the site: the network, its precached copy when offline.
      event.respondWith(fetch(req).catch(() => fromCache(req).then((r) => r || Response.error())));
    }
    return;
  }
  // Assets: from this version's cache (never another version's), else the network.
  event.respondWith(fromCache(req).then((r) => r || fetch(req)));
});
