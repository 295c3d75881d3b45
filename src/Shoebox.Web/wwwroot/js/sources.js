// The Sources page: every folder and photo library Shoebox indexes, with its kind, photos, state and last scan, and
// what can be done with it (re-scan, pause or resume, remove keeping or forgetting its photos); a path field adds one,
// and the server starts indexing it at once. Live progress and the latest errors come from /api/status.
import * as api from './api.js';
import { el, formatDate, plural } from './dom.js';
import { chooseFolder, kindNames } from './folder-browser.js';
import { describeRun } from './progress.js';
import { pokeIndexing } from './status.js';

function stateText(source) {
  switch (source.state) {
    case 'scanning': return 'Scanning…';
    case 'pending': return source.pending ? `${plural(source.pending, 'photo')} waiting` : 'Waiting to scan';
    case 'paused': return 'Paused';
    case 'missing': return 'Missing: the path is gone';
    case 'failed': return 'Failed';
    default: return 'Watching';
  }
}

export async function sources(view, live) {
  const message = el('p', { className: 'source-message', role: 'alert', id: 'source-message' });
  const input = el('input', {
    type: 'text', id: 'source-path', name: 'path', autocomplete: 'off', spellcheck: false,
    placeholder: 'A folder, or a .lrcat, .photoslibrary or Takeout .zip', 'aria-label': 'Path of a folder or photo library',
  });
  const browse = el('button', { type: 'button', className: 'button', id: 'browse-folders' }, 'Browse…');
  const add = el('button', { type: 'submit', className: 'button primary', id: 'add-source' }, 'Add and index');
  const form = el('form', { className: 'add-source', id: 'add-source-form' }, input, browse, add);
  const progress = el('section', { className: 'source-progress', id: 'source-progress', hidden: true });
  const errors = el('section', { className: 'source-errors', id: 'source-errors', hidden: true });
  const list = el('ul', { className: 'sources', id: 'sources', 'aria-label': 'Sources' });
  view.replaceChildren(
    el('section', { className: 'intro' },
      el('h1', {}, 'Sources'),
      el('p', { className: 'muted' }, 'The folders and photo libraries Shoebox indexes and keeps watching. Their files are only read, never changed; the index stays on this machine.')),
    el('div', { className: 'sources-page' }, form, message, progress, errors, list));

  let sourcesShown = [];
  let drawn = null;
  // Sources whose "Remove…" choice is open: it stays open when the list is drawn again.
  const choosing = new Set();
  const show = shown => {
    sourcesShown = shown;
    // Drawn again only when something changed, so a button being clicked is not replaced under the pointer.
    const key = JSON.stringify([shown, [...choosing]]);
    if (key === drawn) return;
    drawn = key;
    list.replaceChildren(...(shown.length
      ? shown.map(source => sourceRow(source, act, choosing))
      : [el('li', { className: 'empty' }, 'No sources yet: add a folder of photos above.')]));
  };
  const refresh = async () => {
    const [listed, status] = await Promise.all([api.sources(), api.status()]);
    if (!live()) return false;
    show(listed.sources);
    showProgress(progress, errors, status.indexing);
    return status.indexing.state === 'running' || listed.sources.some(s => s.state === 'scanning' || (s.state === 'pending' && !s.pending));
  };
  // One action at a time on a source: its message (or error), then the list again.
  const act = async (button, work) => {
    button.disabled = true;
    message.textContent = '';
    try {
      message.textContent = await work() ?? '';
      pokeIndexing();
      await refresh();
    } catch (error) {
      message.textContent = error.message;
      button.disabled = false;
    }
  };

  form.addEventListener('submit', event => {
    event.preventDefault();
    const path = input.value.trim();
    if (!path) { message.textContent = 'Type the path of a folder or photo library first.'; return; }
    act(add, async () => {
      const added = await api.addSource(path);
      input.value = '';
      // Shown from the answer at once: the list asked for next may already say it is done.
      show([...sourcesShown.filter(s => s.id !== added.id), added]);
      return `Added ${added.path}: indexing starts now.`;
    });
  });
  browse.addEventListener('click', async () => {
    const chosen = await chooseFolder({ title: 'Choose a folder to add', start: input.value.trim() });
    if (chosen) { input.value = chosen; input.focus(); }
  });

  // Fast while something runs or waits, slow otherwise; stops when the page is left.
  const poll = async () => {
    if (!live()) return;
    let busy = false;
    try { busy = await refresh(); } catch { /* the server may be restarting: try again */ }
    if (live()) setTimeout(poll, busy ? 1000 : 5000);
  };
  await poll();
}

function showProgress(progress, errors, indexing) {
  const run = describeRun(indexing);
  progress.hidden = !run;
  if (run) {
    const where = indexing.sources.length > 1 ? `${indexing.sources[0]} and ${plural(indexing.sources.length - 1, 'other')}` : indexing.sources[0] ?? '';
    const bar = el('div', { className: 'source-bar' }, el('div', { className: run.total ? 'progress-bar' : 'progress-bar indeterminate' }));
    if (run.total) bar.firstChild.style.width = `${(100 * run.done) / run.total}%`;
    progress.replaceChildren(
      el('strong', { className: 'source-stage' }, run.label),
      run.detail ? el('span', { className: 'muted' }, ` · ${run.detail}`) : '',
      bar,
      el('div', { className: 'muted small' }, where, indexing.queued ? ` · ${plural(indexing.queued, 'source')} waiting` : ''));
  }
  errors.hidden = !indexing.errors.length;
  errors.replaceChildren(
    el('h2', {}, 'Could not be read'),
    el('ul', {}, ...indexing.errors.slice().reverse().map(e => el('li', {}, el('code', {}, e.path), ': ', e.reason))));
}

function sourceRow(source, act, choosing) {
  const state = el('span', { className: `source-state ${source.state}` }, stateText(source));
  const facts = el('div', { className: 'source-facts muted' },
    plural(source.photos, 'photo'), ' · ', state,
    source.lastScan ? ` · last scanned ${formatDate(source.lastScan)}` : ' · not scanned yet');
  const rescan = el('button', { type: 'button', className: 'button small', disabled: source.paused }, 'Re-scan');
  rescan.addEventListener('click', () => act(rescan, async () => { await api.scanSource(source.id); return `Scanning ${source.path} again.`; }));
  const pause = el('button', { type: 'button', className: 'button small' }, source.paused ? 'Resume' : 'Pause');
  pause.addEventListener('click', () => act(pause, async () => {
    await api.pauseSource(source.id, !source.paused);
    return source.paused ? `${source.path} is watched again.` : `${source.path} is paused: its photos stay searchable.`;
  }));
  const remove = el('button', { type: 'button', className: 'button small' }, 'Remove…');
  const choice = el('div', { className: 'remove-choice', hidden: true, role: 'group', 'aria-label': 'Remove this source' },
    el('span', {}, 'Remove this source and '));
  const keep = el('button', { type: 'button', className: 'button small', title: 'Its photos stay searchable where they are; it is no longer scanned' }, 'keep its photos');
  const forget = el('button', { type: 'button', className: 'button small danger', title: 'Forget where its photos are, and the photos no other source holds. Files on disk are never touched.' }, 'forget its photos');
  const cancel = el('button', { type: 'button', className: 'button small' }, 'Cancel');
  choice.append(keep, forget, cancel);
  const choose = open => {
    choice.hidden = !open;
    remove.hidden = open;
    if (open) choosing.add(source.id); else choosing.delete(source.id);
  };
  choose(choosing.has(source.id));
  remove.addEventListener('click', () => choose(true));
  cancel.addEventListener('click', () => choose(false));
  keep.addEventListener('click', () => act(keep, async () => {
    await api.removeSource(source.id, true);
    return `Removed ${source.path}; its photos stay searchable.`;
  }));
  forget.addEventListener('click', () => act(forget, async () => {
    const removed = await api.removeSource(source.id, false);
    return `Removed ${source.path} and forgot ${plural(removed.forgotPhotos, 'photo')}.`;
  }));
  return el('li', { className: 'source', 'data-id': source.id, 'data-state': source.state },
    el('div', { className: 'source-head' }, el('code', { className: 'source-path' }, source.path), el('span', { className: 'badge' }, kindNames[source.kind] ?? source.kind)),
    facts,
    source.error && source.state !== 'paused' ? el('p', { className: 'source-error' }, source.error) : '',
    el('div', { className: 'source-actions' }, rescan, pause, remove, choice));
}
