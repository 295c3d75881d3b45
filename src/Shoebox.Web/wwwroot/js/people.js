// The People page (one face per person, named people first, then by count; an unnamed person is named right there)
// and a person's page (their photos, renamed in place, merged with "Same person as…"). People are merged by
// ticking them, or by dragging one onto another. With nobody to show, the page says why and what to do: faces are
// off in Settings, or indexing has not looked at the photos yet.
import * as api from './api.js';
import { Grid } from './grid.js';
import { el, plural } from './dom.js';
import { faceReview } from './person-faces.js';

export function loadPeopleStyles() {
  if (document.querySelector('link[href="/people.css"]')) return;
  document.head.append(el('link', { rel: 'stylesheet', href: '/people.css' }));
}

export const personName = person => person.name ?? 'Unnamed';

const counts = person => [plural(person.photos, 'photo'), person.faces !== person.photos ? plural(person.faces, 'face') : ''].filter(Boolean).join(' · ');

function cover(person, size = 'face') {
  const img = el('img', { className: size, alt: '', loading: 'lazy', width: 160, height: 160 });
  if (person.cover?.faceId != null) img.src = api.faceThumb(person.cover.faceId);
  img.addEventListener('error', () => img.classList.add('missing'), { once: true });
  return img;
}

// A name field: Enter (or the button) saves, Escape gives up. Answers the form; onSave gets the trimmed name.
function nameForm({ value = '', label, onSave, onCancel = null, submit = 'Save' }) {
  const input = el('input', { type: 'text', name: 'name', value, placeholder: 'Add a name', 'aria-label': label, maxLength: 100, autocomplete: 'off', spellcheck: false });
  const form = el('form', { className: 'name-form' }, input, el('button', { type: 'submit', className: 'button small' }, submit));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const name = input.value.trim();
    if (name) onSave(name, form);
    else input.focus();
  });
  if (onCancel) {
    form.append(el('button', { type: 'button', className: 'button small', onclick: onCancel }, 'Cancel'));
    input.addEventListener('keydown', event => {
      if (event.key === 'Escape') { event.preventDefault(); event.stopPropagation(); onCancel(); }
    });
  }
  return form;
}

// Why nobody is shown, and what to do about it.
function emptyState(settings, status) {
  const link = (href, text) => el('a', { href, 'data-link': '' }, text);
  if (status && status.photos === 0) {
    return el('p', { className: 'empty' }, 'No photos in this library yet. ', link('/sources', 'Sources'), ' adds folders and photo libraries; the people in them show here.');
  }
  if (settings && !settings.faces) {
    return el('p', { className: 'empty', id: 'faces-off' },
      'Finding faces is off. Turn on "Find faces" in ', link('/settings', 'Settings'),
      ': indexing then finds the faces in your photos and groups them by person.');
  }
  if (status?.indexing?.state === 'running' || status?.pending > 0) {
    return el('p', { className: 'empty', id: 'faces-waiting' },
      'Indexing has not looked at every photo yet: people show here as their faces are found. ',
      status?.indexing?.state === 'off' ? el('span', {}, 'This server does not index: run ', el('code', {}, 'shoebox index'), '.') : '');
  }
  return el('p', { className: 'empty', id: 'faces-none' }, 'No faces found in this library\'s photos.');
}

export async function people(view, navigate, live) {
  loadPeopleStyles();
  const status = el('p', { className: 'people-status muted', role: 'status', id: 'people-status' });
  const list = el('ul', { className: 'people', id: 'people', 'aria-label': 'People' });
  const mergeButton = el('button', { type: 'button', className: 'button primary small', id: 'merge-people' }, 'Merge');
  const clear = el('button', { type: 'button', className: 'button small' }, 'Clear');
  const chosenText = el('span', {});
  const mergeBar = el('div', { className: 'merge-bar', id: 'merge-bar', role: 'group', 'aria-label': 'Merge the people ticked', hidden: true }, chosenText, mergeButton, clear);
  view.replaceChildren(
    el('section', { className: 'intro' },
      el('h1', {}, 'People'),
      el('p', { className: 'muted' }, 'The faces in your photos, grouped by person. Name someone once and ',
        el('code', {}, 'person:NAME'), ' finds their photos. Tick two people (or drag one onto another) to say they are the same person.')),
    el('div', { className: 'people-page' }, status, mergeBar, list));

  let shown = [];
  const ticked = new Set();
  const showBar = () => {
    mergeBar.hidden = ticked.size < 2;
    chosenText.textContent = `${ticked.size} people ticked: the same person?`;
    mergeButton.textContent = `Merge ${ticked.size} into one`;
  };

  const load = async () => {
    const [listed, settings, st] = await Promise.all([api.people(), api.settings().catch(() => null), api.status().catch(() => null)]);
    if (!live()) return null;
    shown = listed.people;
    for (const id of [...ticked]) if (!shown.some(p => p.id === id)) ticked.delete(id);
    list.replaceChildren(...shown.map(person => card(person, ticked, { act, showBar, merge })));
    if (!shown.length) list.replaceChildren(el('li', { className: 'people-empty' }, emptyState(settings, st)));
    showBar();
    return st;
  };
  // One change at a time: its message (or error), then the list again.
  const act = async (control, work) => {
    if (control) control.disabled = true;
    status.textContent = '';
    try {
      const message = await work();
      await load();
      status.textContent = message ?? '';
    } catch (error) {
      status.textContent = error.message;
    } finally {
      if (control) control.disabled = false;
    }
  };
  // Merging keeps the name: the one merged into is the first with a name, else the first in the list (the most faces).
  const merge = ids => {
    const chosen = shown.filter(p => ids.includes(p.id));
    const into = chosen.find(p => p.name) ?? chosen[0];
    return act(mergeButton, async () => {
      for (const other of chosen.filter(p => p !== into)) await api.mergePerson(other.id, into.id);
      ticked.clear();
      return into.name ? `Merged into ${into.name}.` : `Merged ${chosen.length} people into one.`;
    });
  };
  mergeButton.addEventListener('click', () => merge([...ticked]));
  clear.addEventListener('click', () => {
    ticked.clear();
    for (const box of list.querySelectorAll('input[type=checkbox]')) box.checked = false;
    showBar();
  });

  // While indexing goes on and nobody is here yet, the page asks again, so people appear as they are found.
  const poll = async () => {
    if (!live()) return;
    let st = null;
    try { st = await load(); } catch (error) { if (live()) status.textContent = error.message; }
    const busy = st && (st.indexing?.state === 'running' || st.pending > 0) && !shown.length;
    if (busy && live()) setTimeout(poll, 3000);
  };
  await poll();
}

function card(person, ticked, { act, showBar, merge }) {
  const name = personName(person);
  const link = el('a', { className: 'person-link', href: `/people/${person.id}`, 'data-link': '', draggable: false },
    cover(person), el('span', { className: 'person-name' }, name));
  const tick = el('input', { type: 'checkbox', checked: ticked.has(person.id), 'aria-label': `Select ${name}` });
  tick.addEventListener('change', () => {
    if (tick.checked) ticked.add(person.id); else ticked.delete(person.id);
    showBar();
  });
  const item = el('li', { className: person.name ? 'person' : 'person unnamed', 'data-id': person.id, draggable: true },
    link,
    el('span', { className: 'person-counts muted' }, counts(person)),
    person.name ? '' : nameForm({
      label: `Name this person (${counts(person)})`,
      onSave: (text, form) => act(form.querySelector('button'), async () => {
        await api.namePerson(person.id, text);
        return `Named ${text}.`;
      }),
    }),
    el('label', { className: 'person-tick' }, tick, el('span', {}, 'Select')));

  // Dragging one person onto another merges them; the name goes with whoever has one.
  item.addEventListener('dragstart', event => {
    event.dataTransfer.setData('application/x-shoebox-person', String(person.id));
    event.dataTransfer.effectAllowed = 'move';
    item.classList.add('dragging');
  });
  item.addEventListener('dragend', () => item.classList.remove('dragging'));
  item.addEventListener('dragover', event => {
    if (!event.dataTransfer.types.includes('application/x-shoebox-person')) return;
    event.preventDefault();
    item.classList.add('drop-here');
  });
  item.addEventListener('dragleave', () => item.classList.remove('drop-here'));
  item.addEventListener('drop', event => {
    event.preventDefault();
    item.classList.remove('drop-here');
    const from = Number(event.dataTransfer.getData('application/x-shoebox-person'));
    if (from && from !== person.id) merge([person.id, from]);
  });
  return item;
}

// Turns a person's page answer into the person and the photos, whichever way the server nests them.
function split(answer) {
  const person = answer.person ?? answer;
  const photos = answer.results ?? (Array.isArray(answer.photos) ? answer.photos : person.photoList ?? []);
  return { person, photos };
}

export async function person(view, navigate, id, live, state) {
  loadPeopleStyles();
  const { person: p, photos } = split(await api.person(id));
  if (!live()) return;
  document.title = `${personName(p)} · People · Shoebox`;
  const status = el('p', { className: 'people-status muted', role: 'status', id: 'people-status' });
  const heading = el('div', { className: 'person-heading' });
  const showName = () => {
    const rename = el('button', { type: 'button', className: 'button small', id: 'rename' }, p.name ? 'Rename' : 'Add a name');
    rename.addEventListener('click', editName);
    heading.replaceChildren(el('h1', { id: 'person-name' }, personName(p)), rename);
  };
  const editName = () => {
    const form = nameForm({
      value: p.name ?? '',
      label: 'Name',
      onCancel: () => { showName(); heading.querySelector('#rename').focus(); },
      onSave: async (text, f) => {
        f.querySelector('button').disabled = true;
        try {
          const answer = await api.namePerson(p.id, text);
          p.name = answer?.name ?? text;
          document.title = `${p.name} · People · Shoebox`;
          status.textContent = `Named ${p.name}.`;
          showName();
          heading.querySelector('#rename').focus();
        } catch (error) {
          status.textContent = error.message;
          f.querySelector('button').disabled = false;
        }
      },
    });
    heading.replaceChildren(form);
    form.querySelector('input').focus();
    form.querySelector('input').select();
  };
  showName();

  const same = sameAs(p, navigate, status);
  const countText = el('p', { className: 'muted person-counts' }, counts(p));
  // A face taken out changes the counts; the photos stay until the page is shown again.
  const review = faceReview(p, photos, live, () => api.person(id).then(answer => {
    if (live()) countText.textContent = counts(split(answer).person);
  }, () => { /* the person left with their last face */ }));
  same.append(review.button);
  const header = el('section', { className: 'person-header' },
    cover(p, 'face large'),
    el('div', { className: 'person-about' },
      el('a', { href: '/people', 'data-link': '', className: 'back' }, '‹ People'),
      heading, countText, same, status));
  const section = el('section', { className: 'results person-photos' });
  view.replaceChildren(header, review.panel, section);
  if (!photos.length) {
    section.append(el('p', { className: 'empty' }, 'No photos of this person any more.'));
    return;
  }
  state.grid = new Grid(section, {
    loadMore: null,
    onOpen: (result, index) => {
      state.context = { results: photos, index };
      navigate(`/photo/${result.id}`);
    },
  });
  state.grid.add(photos, false);
}

// "Same person as…": the other people, to merge this one with; the page then shows the one kept, the one with a name
// (this one when only this one has a name, else the other).
function sameAs(p, navigate, status) {
  const select = el('select', { id: 'same-as', 'aria-label': 'Same person as' }, el('option', { value: '' }, 'Same person as…'));
  const merge = el('button', { type: 'button', className: 'button small', id: 'merge-into', disabled: true }, 'Merge');
  const form = el('div', { className: 'same-as' }, select, merge);
  let others = [];
  api.people().then(({ people: everyone }) => {
    others = everyone.filter(o => o.id !== p.id);
    select.append(...others.map(o =>
      el('option', { value: o.id }, o.name ? `${o.name} (${plural(o.photos, 'photo')})` : `Unnamed, ${plural(o.photos, 'photo')} (#${o.id})`)));
  }, error => { status.textContent = error.message; });
  select.addEventListener('change', () => { merge.disabled = !select.value; });
  merge.addEventListener('click', async () => {
    const other = others.find(o => o.id === Number(select.value));
    if (!other) return;
    const [from, into] = p.name && !other.name ? [other, p] : [p, other];
    merge.disabled = true;
    try {
      await api.mergePerson(from.id, into.id);
      navigate(`/people/${into.id}`, { replace: true });
    } catch (error) {
      status.textContent = error.message;
      merge.disabled = false;
    }
  });
  return form;
}
