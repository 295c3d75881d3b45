// The folder browser: the machine's folders, one level at a time, from /api/folders (folders only; hidden ones when
// asked). Reusable: folderBrowser() gives an element to place in a page, chooseFolder() opens it in a dialog and
// answers the path chosen (or null). A folder that is, or holds, a photo library says so and can be chosen as one.
import * as api from './api.js';
import { el, plural } from './dom.js';

export const kindNames = {
  'apple-photos': 'Apple Photos library',
  lightroom: 'Lightroom catalog',
  'capture-one': 'Capture One catalog',
  takeout: 'Google Takeout',
  folder: 'Folder',
};

// A folder's or library's photo count; counting stops at a cap, which the count then says.
export const photoCount = (images, capped) => (capped ? `${images.toLocaleString()}+ photos` : plural(images, 'photo'));

// onChoose(path, kind) is called with the folder shown (kind 'folder') or a library in it.
export function folderBrowser({ start = '', onChoose, chooseLabel = 'Choose this folder', libraryLabel = 'Choose' } = {}) {
  let current = null;
  let hidden = false;
  let loading = 0;

  const field = el('input', { type: 'text', name: 'path', className: 'fb-field', spellcheck: false, autocomplete: 'off', 'aria-label': 'Folder path' });
  const pathForm = el('form', { className: 'fb-path', onsubmit: event => { event.preventDefault(); open(field.value.trim()); } },
    field, el('button', { type: 'submit', className: 'button' }, 'Go'));
  const up = el('button', { type: 'button', className: 'button small fb-up', 'aria-label': 'Up one folder', onclick: () => current?.parent && open(current.parent) }, '↑ Up');
  const crumbs = el('nav', { className: 'fb-crumbs', 'aria-label': 'Where you are' });
  const toggle = el('input', { type: 'checkbox', className: 'fb-hidden-toggle', onchange: () => { hidden = toggle.checked; open(current?.path ?? start); } });
  const list = el('ul', { className: 'fb-list', 'aria-label': 'Folders' });
  const error = el('p', { className: 'fb-error', role: 'alert' });
  const here = el('code', { className: 'fb-here' });
  const choose = el('button', { type: 'button', className: 'button primary fb-choose', onclick: () => current && onChoose?.(current.path, 'folder') }, chooseLabel);

  const element = el('div', { className: 'folder-browser' },
    pathForm,
    el('div', { className: 'fb-bar' }, up, crumbs, el('label', { className: 'fb-hidden' }, toggle, ' Show hidden folders')),
    list, error,
    el('div', { className: 'fb-actions' }, here, choose));

  function row(folder) {
    const facts = [];
    if (!folder.readable) facts.push('cannot be read');
    else if (folder.images) facts.push(photoCount(folder.images, folder.imagesCapped));
    const library = folder.library;
    const badge = library ? el('span', { className: 'badge library' }, library.path === folder.path ? kindNames[library.kind] : `${kindNames[library.kind]} inside`) : null;
    const openButton = el('button', {
      type: 'button', className: 'fb-open', title: folder.path, disabled: !folder.readable,
      onclick: () => open(folder.path),
    }, el('span', { className: 'fb-name' }, folder.name), facts.length ? el('span', { className: 'muted fb-facts' }, facts.join(' · ')) : null, badge);
    const crawl = library ? el('button', {
      type: 'button', className: 'button small fb-library', title: library.path,
      onclick: () => onChoose?.(library.path, library.kind),
    }, libraryLabel) : null;
    return el('li', { className: `fb-folder${folder.readable ? '' : ' unreadable'}${folder.hidden ? ' hidden-folder' : ''}` }, openButton, crawl);
  }

  async function open(path) {
    const mine = ++loading;
    element.setAttribute('aria-busy', 'true');
    try {
      const page = await api.folders(path, hidden);
      if (mine !== loading) return;
      current = page;
      error.textContent = '';
      field.value = page.path;
      here.textContent = page.path;
      here.title = page.path;
      up.disabled = !page.parent;
      crumbs.replaceChildren(...page.crumbs.flatMap((crumb, i) => [
        i ? el('span', { className: 'fb-sep', 'aria-hidden': 'true' }, '›') : null,
        el('button', { type: 'button', className: 'fb-crumb', title: crumb.path, onclick: () => open(crumb.path) }, crumb.name),
      ].filter(Boolean)));
      list.replaceChildren(...(page.folders.length
        ? page.folders.map(row)
        : [el('li', { className: 'fb-none muted' }, hidden ? 'No folders here.' : 'No folders here (hidden ones are not shown).')]));
      list.scrollTop = 0;
    } catch (e) {
      if (mine === loading) error.textContent = e.message;
    } finally {
      if (mine === loading) element.removeAttribute('aria-busy');
    }
  }

  open(start);
  return { element, open, get path() { return current?.path ?? null; } };
}

// The browser in a modal dialog; resolves with the path chosen, or null when closed without choosing.
export function chooseFolder({ title = 'Choose a folder', start = '', chooseLabel = 'Choose this folder' } = {}) {
  return new Promise(resolve => {
    let chosen = null;
    const dialog = el('dialog', { className: 'folder-dialog', 'aria-label': title });
    const browser = folderBrowser({ start, chooseLabel, onChoose: path => { chosen = path; dialog.close(); } });
    dialog.append(
      el('header', { className: 'folder-dialog-head' }, el('h2', {}, title),
        el('button', { type: 'button', className: 'icon-button close', 'aria-label': 'Close', onclick: () => dialog.close() }, '×')),
      browser.element);
    dialog.addEventListener('close', () => { dialog.remove(); resolve(chosen); });
    document.body.append(dialog);
    dialog.showModal();
  });
}
