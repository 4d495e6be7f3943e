// Catchall service worker: precaches the app shell, JS glue, wasm and bundled data so the
// app loads and screens with the network off after one visit.
// The build hook in Trunk.toml replaces the two placeholders below with the list of every
// built file and a hash of their contents (the cache version).
const VERSION = '__VERSION__';
const LISTED = "__PRECACHE__";
const PRECACHE = Array.isArray(LISTED) ? LISTED : ['./'];
const CACHE = 'catchall-' + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((u) => new Request(u, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

// Only this app's old precaches ('catchall-<version>') are deleted. Imported lists live in
// the cache 'catchall.imported-lists.v1' (src/ui/storage.rs), which must survive updates.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('catchall-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    // Network first for the page, so a new version shows up; the cached shell when offline.
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) {
            const copy = res.clone();
            caches.open(CACHE).then((c) => c.put('./', copy));
          }
          return res;
        })
        .catch(() => caches.match('./').then((r) => r || caches.match('index.html'))),
    );
    return;
  }
  // Cache first for assets: they change only with a new cache version.
  event.respondWith(caches.match(req).then((r) => r || fetch(req)));
});
