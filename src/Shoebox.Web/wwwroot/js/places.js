// The Places page: the countries and towns the photos were taken in (named from their coordinates), most photos
// first, each a search for its photos. No map: nothing leaves the machine.
import * as api from './api.js';
import { el, plural } from './dom.js';

// Quoted when the name has a space, as the query syntax wants.
const searchFor = name => `/search?q=${encodeURIComponent(`place:${/\s/.test(name) ? `"${name}"` : name}`)}`;

export async function places(view, live) {
  const answer = await api.places();
  if (!live()) return;
  const list = el('ul', { className: 'places', id: 'places', 'aria-label': 'Countries' }, ...(answer.countries.length
    ? answer.countries.map(country => el('li', { className: 'place-country', id: `country-${country.code}` },
      el('a', { href: searchFor(country.name), 'data-link': '' }, country.name),
      ' ', el('span', { className: 'muted' }, plural(country.photos, 'photo')),
      country.towns.length
        ? el('ul', { className: 'place-towns' }, ...country.towns.map(town => el('li', {},
          el('a', { href: searchFor(town.name), 'data-link': '', title: town.region ?? '' }, town.name),
          ' ', el('span', { className: 'muted' }, plural(town.photos, 'photo')))))
        : ''))
    : [el('li', { className: 'empty' }, 'No photo is placed yet: places come from the coordinates photos carry, named when the library is indexed.')]));
  view.replaceChildren(
    el('section', { className: 'intro' },
      el('h1', {}, 'Places'),
      el('p', { className: 'muted' }, 'Where your photos were taken, named offline from their coordinates.')),
    el('div', { className: 'places-page' }, list, el('p', { className: 'muted credit', id: 'places-credit' }, answer.credit)));
}
