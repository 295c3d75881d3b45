// The single-page app: history routing between home, results and photo pages, plus what every page shares
// (the search box, search by image, keyboard, theme, indexing progress).
import * as views from './views.js';
import { setupTheme } from './theme.js';
import { setupUpload } from './upload.js';
import { watchIndexing } from './status.js';
import { setupHelp } from './help.js';
import { settings } from './settings.js';
import { sources } from './sources.js';
import * as peoplePages from './people.js';
import { places } from './places.js';

const view = document.getElementById('view');
const input = document.getElementById('q');
const toast = document.getElementById('toast');
// What an upload answered, handed to the results page it navigates to (so it is not asked for twice).
let pending = null;

export function showError(message) {
  toast.textContent = message;
  toast.hidden = false;
  clearTimeout(showError.timer);
  showError.timer = setTimeout(() => { toast.hidden = true; }, 6000);
}

function navigate(url, { replace = false } = {}) {
  history[replace ? 'replaceState' : 'pushState']({}, '', url);
  route();
}

// Each navigation outdates the ones before: a page whose data arrives late must not replace a newer one.
let generation = 0;

async function route() {
  const mine = ++generation;
  const live = () => mine === generation;
  const url = new URL(location.href);
  const path = url.pathname;
  document.body.dataset.page = path === '/' ? 'home' : path.startsWith('/photo/') ? 'photo' : path.startsWith('/people') ? 'people' : 'results';
  document.title = 'Shoebox';
  try {
    if (path.startsWith('/photo/')) {
      await views.photo(view, navigate, Number(path.slice(7)), live);
    } else if (path === '/sources') {
      document.title = 'Sources · Shoebox';
      views.state.grid?.destroy(); // the arrow keys have no photos to move through here
      views.state.grid = null;
      await sources(view, live);
    } else if (path === '/people') {
      document.title = 'People · Shoebox';
      views.state.grid?.destroy();
      views.state.grid = null;
      await peoplePages.people(view, navigate, live);
    } else if (/^\/people\/\d+$/.test(path)) {
      views.state.grid?.destroy();
      views.state.grid = null;
      await peoplePages.person(view, navigate, Number(path.slice(8)), live, views.state);
    } else if (path === '/places') {
      document.title = 'Places · Shoebox';
      views.state.grid?.destroy();
      views.state.grid = null;
      await places(view, live);
    } else if (path === '/duplicates') {
      document.title = 'Duplicates · Shoebox';
      await views.duplicates(view, live);
    } else if (path === '/settings') {
      document.title = 'Settings · Shoebox';
      await settings(view, live);
    } else if (path === '/search') {
      const q = url.searchParams.get('q') ?? '';
      const like = url.searchParams.get('like') ?? '';
      input.value = q;
      if (q) document.title = `${q} · Shoebox`;
      const handed = pending?.like === like ? pending : null;
      pending = null;
      await views.results(view, navigate, { q, like, first: handed?.page, preview: handed?.preview }, live);
    } else {
      input.value = '';
      await views.home(view, navigate, live);
    }
  } catch (error) {
    if (!live()) return;
    view.replaceChildren();
    const message = document.createElement('p');
    message.className = 'empty';
    message.textContent = error.message;
    view.append(message);
  }
}

document.getElementById('search-form').addEventListener('submit', event => {
  event.preventDefault();
  const q = input.value.trim();
  input.blur();
  navigate(q ? `/search?q=${encodeURIComponent(q)}` : '/');
});

// Links marked data-link stay in the app instead of loading the page again.
document.addEventListener('click', event => {
  const link = event.target.closest('a[data-link]');
  if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  navigate(link.getAttribute('href'));
});

window.addEventListener('popstate', route);

document.addEventListener('keydown', event => {
  const typing = event.target.closest?.('input, textarea');
  if (event.key === '/' && !typing) {
    event.preventDefault();
    input.focus();
    input.select();
    return;
  }
  if (event.key === 'Escape') {
    if (typing) { event.target.blur(); return; }
    if (help.open) { help.toggle(false); return; }
    if (document.body.dataset.page === 'photo') history.length > 1 ? history.back() : navigate('/');
    return;
  }
  if (typing || event.altKey || event.metaKey || event.ctrlKey) return;
  const page = document.body.dataset.page;
  if (page === 'photo' && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
    event.preventDefault();
    views.stepPhoto(navigate, event.key === 'ArrowLeft' ? -1 : 1);
  } else if (['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(event.key) && views.state.grid) {
    event.preventDefault();
    views.state.grid.move(event.key);
  }
});

const help = setupHelp(document.getElementById('help'), document.getElementById('help-button'));

setupTheme(document.getElementById('theme'));
setupUpload({
  onResult: (page, preview) => {
    pending = { like: page.like, page, preview };
    navigate(`/search?like=${encodeURIComponent(page.like)}`);
  },
  onError: showError,
});
watchIndexing(document.getElementById('indexing'), document.getElementById('progress'), document.getElementById('progress-bar'));

if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => { /* works without it */ });

route();
