// The pages: home (a random wall), results (any search), photo (with its faces). Each renders into the main element.
import * as api from './api.js';
import { Grid } from './grid.js';
import { el, formatDate, formatBytes, plural } from './dom.js';
import { libraryNotices } from './notices.js';
import { isFirstRun, welcome } from './welcome.js';
import { photoFaces } from './faces.js';

export const state = { grid: null, results: [], context: null };

function resetGrid() {
  state.grid?.destroy();
  state.grid = null;
}

function openPhoto(navigate, results) {
  return (result, index) => {
    state.context = { results, index };
    navigate(`/photo/${result.id}`);
  };
}

export async function home(view, navigate, live) {
  resetGrid();
  const status = await api.status().catch(() => null);
  if (!live()) return;
  if (status && await isFirstRun(status)) {
    if (live()) welcome(view, live);
    return;
  }
  const intro = el('section', { className: 'intro' },
    el('h1', {}, 'Find any photo or meme'),
    el('p', { className: 'muted' }, 'Type what you remember, drop an image to find its look-alikes, or wander through the wall below.'));
  const notices = el('section', { className: 'notices' });
  const wall = el('section', { className: 'results' });
  view.replaceChildren(intro, notices, wall);
  if (status) notices.replaceChildren(...libraryNotices(status));
  const page = await api.random(80);
  if (!live()) return;
  if (!page.results.length) {
    wall.append(el('p', { className: 'empty' }, 'Nothing in this library yet. ',
      el('a', { href: '/sources', 'data-link': '' }, 'Sources'), ' shows what is being read, and adds folders and libraries.'));
    return;
  }
  const results = [];
  state.grid = new Grid(wall, { loadMore: null, onOpen: openPhoto(navigate, results) });
  results.push(...page.results);
  state.grid.add(page.results, false);
}

export async function results(view, navigate, { q, like, first, preview }, live) {
  resetGrid();
  const header = el('section', { className: 'results-header' });
  const section = el('section', { className: 'results' });
  view.replaceChildren(header, section);
  const page = first ?? await api.search({ q, like });
  if (!live()) return;
  const results = [];
  state.grid = new Grid(section, {
    loadMore: offset => api.search({ q, like, offset }).then(next => { results.push(...next.results); return next; }),
    onOpen: openPhoto(navigate, results),
  });
  header.append(describe(page, like, preview));
  if (!page.results.length) {
    section.append(el('p', { className: 'empty' }, 'No photos match. Try fewer words, or fewer filters.'));
    return;
  }
  results.push(...page.results);
  state.grid.add(page.results, page.hasMore);
}

// Says what was searched, with the problems and notes of the query kept small and out of the way.
function describe(page, like, preview) {
  const title = el('div', { className: 'results-title' });
  if (like?.startsWith('upload:')) {
    if (preview) title.append(el('img', { className: 'example', src: preview, alt: 'The uploaded image' }));
    title.append(el('h2', {}, 'Like your image'));
  } else if (like) {
    title.append(el('img', { className: 'example', src: api.thumbnail(like), alt: '' }));
    title.append(el('h2', {}, 'More like this'));
  } else {
    title.append(el('h2', {}, page.query ? page.query : 'All photos'));
  }
  const count = page.hasMore ? `${page.results.length}+ photos` : plural(page.results.length, 'photo');
  title.append(el('span', { className: 'muted count' }, count));
  const remarks = [...page.problems, ...page.notes];
  const box = el('div', { className: 'results-meta' }, title);
  if (remarks.length) box.append(el('ul', { className: 'remarks' }, ...remarks.map(r => el('li', {}, r))));
  return box;
}

export async function photo(view, navigate, id, live) {
  resetGrid();
  const details = await api.photo(id);
  if (!live()) return;
  const p = details.photo;
  const name = p.path.split('/').pop();
  document.title = `${name} · Shoebox`;
  const context = state.context?.results[state.context.index]?.id === p.id ? state.context : null;

  const image = el('img', { className: 'preview', src: api.thumbnail(p.id, 'preview'), alt: name });
  if (p.width && p.height) { image.width = p.width; image.height = p.height; }
  image.addEventListener('load', () => image.classList.add('loaded'), { once: true });
  // The frame wraps the image exactly, so the faces drawn on it are placed in percent of the photo.
  const frame = el('span', { className: 'frame' }, el('a', { href: api.original(p.id), target: '_blank', rel: 'noopener', title: 'Open the original' }, image));
  const stage = el('div', { className: 'stage' }, frame);
  if (context) {
    const step = delta => el('button', {
      className: `step ${delta < 0 ? 'prev' : 'next'}`, type: 'button', 'aria-label': delta < 0 ? 'Previous photo' : 'Next photo',
      onclick: () => stepPhoto(navigate, delta),
    }, delta < 0 ? '‹' : '›');
    if (context.index > 0) stage.append(step(-1));
    if (context.index < context.results.length - 1) stage.append(step(1));
  }

  const facts = el('dl', { className: 'facts' });
  const fact = (label, ...value) => { if (value.length && value[0] != null && value[0] !== '') facts.append(el('dt', {}, label), el('dd', {}, ...value)); };
  fact('Taken', p.takenAt ? formatDate(p.takenAt, p.takenOffset) : null);
  fact('Camera', [p.cameraMake, p.cameraModel].filter(Boolean).join(' ') || null);
  fact('Lens', details.lens);
  fact('Dimensions', p.width && p.height ? `${p.width} × ${p.height}` : null);
  fact('Size', `${formatBytes(details.size)} · ${p.format.toUpperCase()}`);
  fact('Place', p.place ? el('a', { href: '/places', 'data-link': '', className: 'place-link' }, p.place) : null);
  if (p.latitude != null && p.longitude != null) {
    const coords = `${p.latitude.toFixed(5)}, ${p.longitude.toFixed(5)}`;
    const osm = `https://www.openstreetmap.org/?mlat=${p.latitude}&mlon=${p.longitude}#map=15/${p.latitude}/${p.longitude}`;
    fact('Location', coords, details.altitude != null ? ` · ${Math.round(details.altitude)} m` : '', el('br'),
      el('a', { href: osm, target: '_blank', rel: 'noopener noreferrer' }, 'Open in OpenStreetMap'));
  }
  fact('Added', formatDate(details.addedAt));

  const locations = el('ul', { className: 'locations' }, ...details.locations.map(l =>
    el('li', { className: l.status === 'ok' ? '' : 'gone' }, el('code', {}, l.path),
      l.status === 'ok' ? '' : el('span', { className: 'badge' }, l.status),
      l.readFrom === 'archive' ? el('span', { className: 'badge', title: 'Read inside the archive, never unpacked' }, 'in archive') : '',
      l.readFrom === 'preview' ? el('span', { className: 'badge', title: 'The original is offline; this is the largest preview the library kept' }, 'preview') : '',
      l.readFrom === 'raw' ? el('span', { className: 'badge', title: 'The camera raw of the same shot as the JPEG shown' }, 'raw') : '')));
  // The place named from the coordinates is shown above, as the Place.
  const words = details.texts.filter(t => t.kind !== 'tag' && !(t.kind === 'place' && t.source === 'gps'));
  const texts = words.length
    ? el('div', { className: 'texts' }, el('h3', {}, 'Text'), ...words.map(t => el('p', {}, el('span', { className: 'badge' }, t.kind), ' ', t.content)))
    : '';
  const tags = tagEditor(p.id);

  const actions = el('div', { className: 'actions' },
    el('a', { className: 'button', href: api.original(p.id), target: '_blank', rel: 'noopener' }, 'Open original'),
    details.hasVector ? el('a', { className: 'button primary', href: `/search?like=${p.id}`, 'data-link': '', id: 'more-like-this' }, 'More like this') : '');

  const info = el('aside', { className: 'info' },
    el('h1', { title: name }, name), facts, actions,
    photoFaces(frame, p.id, live), tags, el('h3', {}, plural(details.locations.length, 'location')), locations, texts);

  const similarSection = el('section', { className: 'similar' });
  view.replaceChildren(el('article', { className: 'photo' }, stage, info), similarSection);
  view.focus({ preventScroll: true });
  window.scrollTo(0, 0);

  if (details.hasVector) {
    const page = await api.similar(p.id, 31).catch(() => null);
    if (!live()) return;
    const others = page?.results.filter(r => r.id !== p.id) ?? [];
    if (others.length) {
      similarSection.append(el('div', { className: 'similar-head' }, el('h2', {}, 'More like this'),
        el('a', { href: `/search?like=${p.id}`, 'data-link': '' }, 'See all')));
      const holder = el('div');
      similarSection.append(holder);
      state.grid = new Grid(holder, { loadMore: null, onOpen: openPhoto(navigate, others) });
      state.grid.add(others, false);
    }
  }
}

export function stepPhoto(navigate, delta) {
  const context = state.context;
  if (!context) return;
  const index = context.index + delta;
  if (index < 0 || index >= context.results.length) return;
  context.index = index;
  navigate(`/photo/${context.results[index].id}`, { replace: true });
}

// Duplicate groups side by side, the keeper first and marked, a page of groups at a time with totals over all.
// Each photo says in words how it differs from the keeper. Merging copies words onto the keeper; "Keep this one"
// and "Not duplicates" are remembered by the library. Nothing is moved or deleted from here (`shoebox duplicates
// --move-to DIR` sets the others aside, after listing them). After any of them the page shown is asked for again,
// with the totals: a group that left would otherwise pull the next page's first group onto this one, unseen.
const duplicatesPage = 20;

export async function duplicates(view, live) {
  resetGrid();
  const totals = el('p', { className: 'muted totals' });
  const status = el('p', { className: 'muted', role: 'status' });
  const intro = el('section', { className: 'intro' },
    el('h1', {}, 'Duplicates'),
    el('p', { className: 'muted' }, 'The same picture more than once: copies, re-saves, smaller or cropped versions. The best copy is kept: the most pixels, then the best quality, then the original over a conversion, then the oldest. Shoebox never deletes a file; to set the others aside run ',
      el('code', {}, 'shoebox duplicates --move-to DIR'), ' (add ', el('code', {}, '--dry-run'), ' to see the list first).'),
    totals, status);
  const list = el('section', { className: 'duplicates' });
  const previous = el('button', { type: 'button', className: 'button', hidden: true }, 'Previous groups');
  const next = el('button', { type: 'button', className: 'button more', hidden: true }, 'Next groups');
  view.replaceChildren(intro, list, el('div', { className: 'more-row' }, previous, next));
  let offset = 0;
  const load = async () => {
    previous.disabled = next.disabled = true;
    let page = await api.duplicates(offset, duplicatesPage);
    // The last groups of the last page are gone: show the page that is now the last.
    if (!page.groups.length && offset > 0) {
      offset = Math.max(0, Math.floor((page.totals.groups - 1) / duplicatesPage) * duplicatesPage);
      page = await api.duplicates(offset, duplicatesPage);
    }
    if (!live()) return;
    showTotals(totals, page.totals);
    list.replaceChildren(...(page.groups.length
      ? page.groups.map(group => duplicateGroup(group, act))
      : [el('p', { className: 'empty' }, 'No duplicates found.')]));
    previous.hidden = offset === 0;
    next.hidden = !page.hasMore;
    previous.disabled = next.disabled = false;
  };
  const fail = error => { status.textContent = error.message; };
  // One decision at a time: its message, then the same page again.
  const act = async (button, work) => {
    button.disabled = true;
    try {
      status.textContent = await work();
      await load();
    } catch (error) {
      fail(error);
      button.disabled = false;
    }
  };
  const turn = delta => {
    offset = Math.max(0, offset + delta);
    status.textContent = '';
    load().then(() => window.scrollTo(0, 0), fail);
  };
  previous.addEventListener('click', () => turn(-duplicatesPage));
  next.addEventListener('click', () => turn(duplicatesPage));
  await load();
}

function showTotals(node, totals) {
  node.textContent = totals.groups
    ? `${plural(totals.groups, 'group')} · ${plural(totals.photos, 'photo')} · setting the others aside would move ${plural(totals.filesToSetAside, 'file')} (${formatBytes(totals.bytesToSetAside)})`
    : '';
}

// A group with its buttons; act(button, work) runs work, which answers what to tell the user, and shows the page again.
function duplicateGroup(group, act) {
  const near = group.kind === 'near';
  const members = group.members.map((member, index) => duplicateMember(group, member, index, near ? {
    keep: button => act(button, async () => {
      await api.keepDuplicate(member.id);
      return 'Your keeper is kept from now on.';
    }),
    apart: button => act(button, async () => {
      await api.apartDuplicate(member.id);
      return group.members.length > 2 ? 'That photo is no longer in its group.' : 'Not duplicates: this group is gone for good.';
    }),
  } : null));
  const merge = el('button', { type: 'button', className: 'button', title: 'Copy keywords, tags, captions and albums onto the keeper' }, 'Merge metadata into keeper');
  merge.addEventListener('click', () => act(merge, async () => {
    const result = await api.mergeDuplicates(group.keeper);
    return result.added ? `Added ${plural(result.added, 'word')} to the keeper.` : 'The keeper already has everything.';
  }));
  const apartAll = el('button', { type: 'button', className: 'button', title: 'These photos are different pictures: never group them again' }, 'Not duplicates');
  apartAll.addEventListener('click', () => act(apartAll, async () => {
    await api.apartAllDuplicates(group.keeper);
    return 'Not duplicates: this group is gone for good.';
  }));
  const title = near ? `${group.members.length} versions of one picture` : 'One file at several places';
  return el('article', { className: 'duplicate-group' },
    el('header', {}, el('h2', {}, title), near ? merge : null, near ? apartAll : null),
    el('div', { className: 'members' }, ...members));
}

function duplicateMember(group, member, index, actions) {
  const keeper = index === 0;
  const name = member.paths[0]?.split('/').pop() ?? `photo ${member.id}`;
  const size = member.width && member.height ? `${member.width} × ${member.height}` : '';
  const facts = [size, member.format?.toUpperCase(), formatBytes(member.size), member.takenAt ? formatDate(member.takenAt) : '',
    member.paths.length > 1 ? plural(member.paths.length, 'place') : ''].filter(Boolean).join(' · ');
  const buttons = actions && !keeper ? el('span', { className: 'member-actions' },
    el('button', { type: 'button', className: 'button small', onclick: event => actions.keep(event.currentTarget) }, 'Keep this one'),
    el('button', { type: 'button', className: 'button small', onclick: event => actions.apart(event.currentTarget) }, 'Not a duplicate')) : null;
  return el('figure', { className: keeper ? 'member keeper' : 'member' },
    el('a', { href: `/photo/${member.id}`, 'data-link': '' }, el('img', { src: api.thumbnail(member.id), alt: name, loading: 'lazy' })),
    el('figcaption', {},
      keeper ? el('strong', {}, group.keeperChosen ? 'Your keeper' : 'Suggested keeper') : null,
      el('span', {}, name),
      el('span', { className: 'muted' }, facts),
      el('span', { className: keeper ? 'muted small' : 'difference' }, capitalise(member.reason)),
      buttons));
}

const capitalise = text => text ? text[0].toUpperCase() + text.slice(1) : text;

// The photo's tags as chips: each searches for its tag, × takes it off for good; the field adds the user's own.
// Automatic tags are lighter and say how sure the tagger was.
function tagEditor(id) {
  const list = el('ul', { className: 'tags', 'aria-label': 'Tags' });
  const error = el('p', { className: 'tag-error', role: 'alert' });
  const show = ({ tags }) => {
    error.textContent = '';
    list.replaceChildren(...tags.map(t => el('li', {
      className: t.byUser ? 'tag' : 'tag auto',
      title: t.byUser ? 'Your tag' : `Automatic, ${Math.round((t.score ?? 0) * 100)}% sure`,
    },
    el('a', { href: `/search?q=${encodeURIComponent(`tag:"${t.name}"`)}`, 'data-link': '' }, t.name),
    el('button', {
      type: 'button', className: 'remove', 'aria-label': `Remove tag ${t.name}`,
      onclick: () => api.removeTag(id, t.name).then(show, fail),
    }, '×'))));
  };
  const fail = e => { error.textContent = e.message; };
  const input = el('input', { type: 'text', name: 'tag', placeholder: 'Add a tag', 'aria-label': 'Add a tag', maxLength: 100, autocomplete: 'off' });
  const form = el('form', {
    className: 'add-tag',
    onsubmit: event => {
      event.preventDefault();
      const tag = input.value.trim();
      if (!tag) return;
      api.addTag(id, tag).then(result => { input.value = ''; show(result); }, fail);
    },
  }, input);
  api.tags(id).then(show, fail);
  return el('div', { className: 'tag-editor' }, el('h3', {}, 'Tags'), list, form, error);
}
