// The first run: a library with no photos and no sources opens here instead of on an empty wall. It offers the
// libraries found in their usual places as cards and the folder browser, and says what will happen; "Crawl this"
// adds the source (POST /api/sources), which the server starts indexing at once.
import * as api from './api.js';
import { el, formatBytes } from './dom.js';
import { folderBrowser, kindNames, photoCount } from './folder-browser.js';

// Whether the home page should be the welcome: nothing in the library, and nothing being added to it.
export async function isFirstRun(status) {
  if (status.photos > 0) return false;
  try {
    const { sources } = await api.sources();
    return !sources?.length;
  } catch {
    // A server without sources (or one that cannot list them) still welcomes an empty library.
    return true;
  }
}

export function welcome(view, live) {
  const message = el('p', { className: 'welcome-status', role: 'status' });
  let home = '';
  const short = path => (home && path.startsWith(home) && path !== home ? `~${path.slice(home.length)}` : path);

  const crawl = async (path, button) => {
    if (button) button.disabled = true;
    message.replaceChildren(`Adding ${path}…`);
    try {
      await api.addSource(path);
      message.replaceChildren(`Crawling ${path}. Photos appear as they are read; the bar at the top shows how far it got. `,
        el('a', { href: '/sources', 'data-link': '' }, 'See your sources'));
      if (button) button.textContent = 'Crawling';
    } catch (error) {
      message.replaceChildren(error.message);
      if (button) button.disabled = false;
    }
  };

  const cards = el('div', { className: 'found-cards', 'aria-busy': 'true' }, el('p', { className: 'muted' }, 'Looking in the usual places…'));
  const browser = folderBrowser({ chooseLabel: 'Crawl this folder', libraryLabel: 'Crawl this', onChoose: path => crawl(path) });
  const download = el('p', { className: 'model-download', role: 'status' });
  const facts = el('ul', { className: 'welcome-facts' },
    el('li', {}, el('strong', {}, 'Everything stays on this computer. '), 'Photos are read where they are: never uploaded, moved or changed.'));

  view.replaceChildren(el('section', { className: 'welcome' },
    el('div', { className: 'intro' },
      el('h1', {}, 'Welcome to Shoebox'),
      el('p', { className: 'muted' }, 'Point it at your photos and say "crawl this": it reads them once, then finds any of them by what they show, the words in them, when and where.')),
    el('h2', {}, 'Found on this computer'),
    cards,
    el('h2', {}, 'Or choose a folder'),
    browser.element,
    message,
    el('h2', {}, 'What happens'),
    facts));

  api.foundLibraries().then(({ home: found, libraries }) => {
    if (!live()) return;
    home = found;
    cards.removeAttribute('aria-busy');
    cards.replaceChildren(...(libraries.length
      ? libraries.map(library => card(library, short, crawl))
      : [el('p', { className: 'muted' }, 'No photo library in the usual places (Pictures, Downloads). Choose a folder below.')]));
  }, error => {
    if (!live()) return;
    cards.removeAttribute('aria-busy');
    cards.replaceChildren(el('p', { className: 'muted' }, error.message));
  });

  api.welcome().then(about => {
    if (!live()) return;
    const model = about.model;
    facts.prepend(el('li', {}, model.installed
      ? `Photos are found by what they show with the model ${model.id}, already on this computer.`
      : `To find photos by what they show, Shoebox downloads its model${model.id ? `, ${model.id},` : ''} once${model.downloadBytes ? ` (${formatBytes(model.downloadBytes)})` : ''}: the only thing it fetches from the internet. Until then, words find file names and the text in pictures.`,
      model.download ? download : null));
    if (model.download) followDownload(download, live);
    facts.append(
      el('li', {}, 'The catalog, thumbnails and search index are kept in ', el('code', {}, about.libraryFolder), '.'),
      el('li', {}, 'Crawling runs in the background: search as soon as the first photos are in.'));
  }, () => { /* the page works without it */ });
}

// The model downloading in the server (a first run): its progress, then that it is here, or why it is not and what to do.
async function followDownload(line, live) {
  while (live()) {
    let state;
    try {
      state = (await api.status()).modelDownload;
    } catch {
      state = null;
    }
    if (state?.state === 'running') {
      line.textContent = `Downloading: ${formatBytes(state.done)}${state.total ? ` of ${formatBytes(state.total)}` : ''}.`;
    } else if (state?.state === 'failed') {
      line.replaceChildren('The model could not be downloaded. ', el('pre', { className: 'model-download-error' }, state.error ?? ''));
      return;
    } else if (state?.state === 'done') {
      line.textContent = 'Downloaded: photos are now found by what they show too.';
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

function card(library, short, crawl) {
  const facts = [];
  if (library.bytes != null) facts.push(formatBytes(library.bytes));
  if (library.images != null) facts.push(photoCount(library.images, library.imagesCapped));
  const button = el('button', { type: 'button', className: 'button primary' }, 'Crawl this');
  button.addEventListener('click', () => crawl(library.path, button));
  return el('article', { className: 'found-card', 'data-kind': library.kind },
    el('span', { className: 'found-kind' }, kindNames[library.kind] ?? library.kind),
    el('h3', { title: library.path }, library.name),
    el('code', { className: 'found-path', title: library.path }, short(library.path)),
    facts.length ? el('p', { className: 'muted found-facts' }, facts.join(' · ')) : null,
    button);
}
