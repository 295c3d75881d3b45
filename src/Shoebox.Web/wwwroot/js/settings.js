// The Settings page: the library's model (installed ones, downloads with their progress, switching while search goes
// on), what indexing does to each photo, and where the library lives. Everything is kept in the library, so the
// `shoebox` commands follow it too.
import * as api from './api.js';
import { el, formatBytes, plural } from './dom.js';

// Its own styles, loaded once with the page rather than by every page of the app.
function loadStyles() {
  if (document.querySelector('link[href="/settings.css"]')) return;
  document.head.append(el('link', { rel: 'stylesheet', href: '/settings.css' }));
}

function meter(done, total) {
  const bar = el('div');
  bar.style.width = total ? `${Math.min(100, (100 * done) / total)}%` : '0%';
  return el('div', { className: 'meter', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': total || 0, 'aria-valuenow': done }, bar);
}

// What the model is, and what choosing it costs (a download, or nothing).
function about(model) {
  const parts = [model.description ?? model.name];
  // An image-only model's description says so already.
  if (model.searchesWords) parts.push('searches words and images');
  if (!model.installed) parts.push(model.downloadSize ? `${formatBytes(model.downloadSize)} to download` : 'download size not known');
  return parts.join(' · ');
}

function modelRow(model, settings, act) {
  const row = el('li', { className: 'model', 'data-model': model.id },
    el('span', { className: 'model-name' }, model.name),
    el('span', { className: 'model-about' }, about(model)));
  const action = el('div', { className: 'model-action' });
  const download = model.download;
  const switchingTo = settings.switching?.to === model.id;
  if (model.inUse) {
    action.append(el('span', { className: 'badge' }, 'in use'));
  } else if (switchingTo) {
    action.append(el('span', { className: 'badge' }, 'switching'));
  } else if (model.installed) {
    action.append(el('button', { type: 'button', className: 'button', onclick: () => act({ model: model.id }) }, 'Use'));
  } else if (download?.state === 'running') {
    action.append(el('span', { className: 'muted' }, download.total ? `${formatBytes(download.done)} of ${formatBytes(download.total)}` : formatBytes(download.done)));
  } else {
    action.append(el('button', { type: 'button', className: 'button', onclick: () => act({ download: model.id }) }, download?.state === 'failed' ? 'Try again' : 'Download'));
  }
  row.append(action);
  if (download?.state === 'running') row.append(meter(download.done, download.total));
  if (download?.state === 'failed' && !model.installed) row.append(el('pre', { className: 'model-error', role: 'alert' }, download.error));
  return row;
}

function switchingNote(settings, act) {
  const s = settings.switching;
  if (!s) return null;
  const to = settings.models.find(m => m.id === s.to)?.name ?? s.to;
  if (s.phase === 'failed') {
    // Choosing the model in use again calls the switch off; the library is left as it was.
    const current = settings.models.find(m => m.inUse);
    return el('div', { className: 'switching notice warning', role: 'alert' }, el('strong', {}, `Switching to ${to} failed.`), ' ', s.error ?? '',
      current ? el('div', {}, el('button', { type: 'button', className: 'button', onclick: () => act({ model: current.id }) }, `Keep ${current.name}`)) : '');
  }
  const waiting = s.phase === 'waiting' ? ' Waiting for the library: another run holds it.' : '';
  return el('div', { className: 'switching' },
    el('span', {}, `Switching to ${to}: ${s.vectors.toLocaleString()} of ${plural(s.photos, 'photo')} have its vectors.${waiting} Search uses ${settings.model ?? 'the old model'} until then.`),
    meter(s.vectors, s.photos));
}

function toggle(name, title, help, checked, onchange, disabled = false) {
  const input = el('input', { type: 'checkbox', name, checked, disabled, onchange });
  return el('label', { className: `switch${disabled ? ' disabled' : ''}` }, input, el('span', {}, title, el('small', {}, help)));
}

function facts(library) {
  const remote = library.remoteAccess
    ? `On: listening on ${library.urls.join(', ')}${library.tokenRequired ? ', with an access token' : ''}`
    : 'Off: only this machine can open Shoebox';
  return el('dl', { className: 'facts' },
    el('dt', {}, 'Library folder'), el('dd', {}, el('code', {}, library.folder)),
    el('dt', {}, 'Catalog'), el('dd', {}, library.catalog === 'postgresql' ? 'PostgreSQL ' : 'SQLite ', el('code', {}, library.catalogAddress)),
    el('dt', {}, 'Remote access'), el('dd', { id: 'remote-access' }, remote));
}

export async function settings(view, live) {
  loadStyles();
  const status = el('p', { className: 'settings-status muted', role: 'status' });
  let timer = null;

  async function act(change) {
    status.className = 'settings-status muted';
    status.textContent = 'Saving…';
    try {
      const next = change.download
        ? (await api.downloadModel(change.download), await api.settings())
        : await api.changeSettings(change);
      if (!live()) return;
      status.textContent = change.download ? 'Downloading…' : 'Saved.';
      render(next);
    } catch (error) {
      if (!live()) return;
      status.className = 'settings-status error';
      status.textContent = error.message;
      // An offline download fails at once: its instructions belong beside the model.
      if (change.download) render(await api.settings(), { id: change.download, error: error.message });
    }
  }

  function render(s, failed = null) {
    if (failed) {
      const model = s.models.find(m => m.id === failed.id);
      if (model && !model.download) model.download = { state: 'failed', error: failed.error };
    }
    const models = el('ul', { className: 'models' }, ...s.models.map(m => modelRow(m, s, act)));
    const modelGroup = el('section', { className: 'settings-group', 'aria-labelledby': 'model-title' },
      el('h2', { id: 'model-title' }, 'Search model'),
      el('p', { className: 'muted' }, 'The model turns photos and words into vectors. Switching makes the new model\'s vectors in the background; search keeps working with the current one until they are all made.'),
      switchingNote(s, act) ?? '', models);
    const indexing = el('section', { className: 'settings-group', 'aria-labelledby': 'indexing-title' },
      el('h2', { id: 'indexing-title' }, 'What indexing does to each photo'),
      el('p', { className: 'muted' }, 'Kept in the library: ', el('code', {}, 'shoebox index'), ' and ', el('code', {}, 'shoebox serve'),
        ' follow it too (', el('code', {}, '--no-ocr'), ' and ', el('code', {}, '--no-tags'), ' still turn a step off for one run). A running server\'s background indexing follows at once; tagging turned on waits for its next start when it was started without tagging.'),
      toggle('readText', 'Read the text in photos (OCR)', 'Memes, screenshots and documents become searchable by their words.', s.readText, e => act({ readText: e.target.checked })),
      toggle('tag', 'Tag photos automatically', 'Meme, screenshot, document, and everyday things the model sees.', s.tag, e => act({ tag: e.target.checked })),
      toggle('faces', 'Find faces', s.facesAvailable ? 'Group the people in photos.' : 'Coming: Shoebox does not find faces yet.', s.faces, e => act({ faces: e.target.checked }), !s.facesAvailable));
    const library = el('section', { className: 'settings-group', 'aria-labelledby': 'library-title' },
      el('h2', { id: 'library-title' }, 'This library'),
      el('p', { className: 'muted' }, 'Chosen when Shoebox was started; everything stays on this machine unless remote access was asked for.'),
      facts(s.library));
    view.replaceChildren(el('section', { className: 'settings' }, el('h1', {}, 'Settings'), status, modelGroup, indexing, library));
    clearTimeout(timer);
    // Downloads and switches go on in the server: shown as they go while the page is open.
    if (s.switching?.phase !== 'failed' && (s.switching || s.models.some(m => m.download?.state === 'running'))) {
      timer = setTimeout(async () => {
        if (!live()) return;
        try { const next = await api.settings(); if (live()) render(next); } catch { /* the server may be restarting */ }
      }, 1000);
    }
  }

  const first = await api.settings();
  if (!live()) return;
  render(first);
}
