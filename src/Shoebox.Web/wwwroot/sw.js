// Makes Shoebox installable and lets its page shell open at once: the shell is cached and refreshed from the
// network in the background; the API and thumbnails go to the network (thumbnails are cached by HTTP for good).
const shell = 'shoebox-shell-v5';
const files = ['/', '/app.css', '/js/main.js', '/js/views.js', '/js/grid.js', '/js/api.js', '/js/dom.js', '/js/theme.js',
  '/js/theme-boot.js', '/js/upload.js', '/js/status.js', '/js/help.js', '/js/notices.js', '/js/sources.js', '/js/progress.js',
  '/js/welcome.js', '/js/folder-browser.js', '/js/settings.js', '/settings.css',
  '/js/people.js', '/js/person-faces.js', '/js/faces.js', '/people.css', '/icons/icon.svg', '/manifest.webmanifest'];

self.addEventListener('install', event => {
  event.waitUntil(caches.open(shell).then(cache => cache.addAll(files)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
    .then(keys => Promise.all(keys.filter(k => k !== shell).map(k => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', event => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/openapi/')) return;
  const key = event.request.mode === 'navigate' ? '/' : event.request;
  // Network first, so a new version of Shoebox shows at once; the cache answers when the server is away.
  event.respondWith(fetch(event.request)
    .then(response => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(shell).then(cache => cache.put(key, copy));
      }
      return response;
    })
    .catch(() => caches.match(key).then(hit => hit ?? Response.error())));
});
