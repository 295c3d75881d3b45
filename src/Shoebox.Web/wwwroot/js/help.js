// The query syntax as a page of its own under the search box: what each kind of filter does, with examples that
// run when clicked. The text comes from /api/syntax, the same description `shoebox search --help` prints.
import { syntax } from './api.js';
import { el } from './dom.js';

export function setupHelp(panel, button) {
  let filled = false;

  const example = query => el('a', {
    className: 'example-query', href: `/search?q=${encodeURIComponent(query)}`, 'data-link': '', title: `Search for ${query}`,
    onclick: () => toggle(false),
  }, query);

  async function fill() {
    const { sections, notes, example: together } = await syntax();
    const close = el('button', { type: 'button', className: 'icon-button close', 'aria-label': 'Close the search syntax', onclick: () => toggle(false) }, '×');
    panel.replaceChildren(el('div', { className: 'help-card' },
      el('header', { className: 'help-head' }, el('h2', { id: 'help-title' }, 'Search syntax'), close),
      el('p', { className: 'muted' }, 'Words and filters go in the one search box, in any order. Click an example to run it.'),
      el('div', { className: 'help-sections' }, ...sections.map(section => el('section', { className: 'help-section' },
        el('h3', {}, section.title),
        el('dl', { className: 'syntax' }, ...section.entries.flatMap(entry => [
          el('dt', {}, ...entry.examples.map(example)),
          el('dd', {}, entry.meaning),
        ]))))),
      el('ul', { className: 'help-notes' }, ...notes.map(note => el('li', {}, note))),
      el('p', { className: 'help-together' }, 'All together: ', example(together))));
    filled = true;
  }

  async function toggle(show = panel.hidden) {
    if (show && !filled) {
      try {
        await fill();
      } catch (error) {
        panel.replaceChildren(el('div', { className: 'help-card' }, el('p', {}, error.message)));
      }
    }
    panel.hidden = !show;
    button.setAttribute('aria-expanded', String(show));
  }

  button.addEventListener('click', () => toggle());
  return { toggle, get open() { return !panel.hidden; } };
}
