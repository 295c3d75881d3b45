// A person's faces side by side, to clean a group up: a face that is someone else is taken out ("Not Ada"), one
// that is no face at all is marked so, and either leaves the list. The faces are found through the photos' own
// face lists (a photo may hold the person once, or more than once in a collage), a few photos at a time.
import * as api from './api.js';
import { el, plural } from './dom.js';

const atOnce = 4;

async function facesOf(person, photos, live) {
  const found = [];
  for (let i = 0; i < photos.length && live(); i += atOnce) {
    const lists = await Promise.all(photos.slice(i, i + atOnce).map(photo => api.photoFaces(photo.id)));
    lists.forEach((faces, k) => {
      for (const face of faces) if (face.person?.id === person.id) found.push({ face, photo: photos[i + k] });
    });
  }
  return found;
}

/** The "Review faces" button and the list it opens under the person's header. */
export function faceReview(person, photos, live, onChange) {
  const open = el('button', { type: 'button', className: 'button small', id: 'review-faces', 'aria-expanded': 'false' }, 'Review faces');
  const list = el('ul', { className: 'person-faces', id: 'person-faces', 'aria-label': 'Faces of this person', hidden: true });
  const message = el('p', { className: 'people-status muted', role: 'status' });
  const name = () => person.name ?? 'this person';

  const tile = ({ face, photo }) => {
    const out = el('button', { type: 'button', className: 'button small' }, person.name ? `Not ${person.name}` : 'Not this person');
    const notFace = el('button', { type: 'button', className: 'button small' }, 'Not a face');
    const item = el('li', { className: 'person-face', 'data-face': face.id },
      el('a', { href: `/photo/${photo.id}`, 'data-link': '', title: 'Open the photo' },
        el('img', { className: 'face', src: api.faceThumb(face.id), alt: `Face in ${photo.path.split('/').pop()}`, loading: 'lazy', width: 96, height: 96 })),
      el('span', { className: 'face-actions' }, out, notFace));
    const act = async (button, work, said) => {
      button.disabled = true;
      try {
        await work();
        const next = item.nextElementSibling ?? item.previousElementSibling;
        item.remove();
        message.textContent = said;
        (next?.querySelector('button') ?? open).focus();
        onChange();
      } catch (error) {
        message.textContent = error.message;
        button.disabled = false;
      }
    };
    out.addEventListener('click', () => act(out, () => api.moveFace(face.id, null), `Taken out of ${name()}.`));
    notFace.addEventListener('click', () => act(notFace, () => api.notAFace(face.id), 'Marked as not a face.'));
    return item;
  };

  open.addEventListener('click', async () => {
    const showing = list.hidden;
    list.hidden = !showing;
    open.setAttribute('aria-expanded', String(showing));
    open.textContent = showing ? 'Hide faces' : 'Review faces';
    if (!showing || list.dataset.loaded) return;
    list.dataset.loaded = 'yes';
    message.textContent = `Finding the faces in ${plural(photos.length, 'photo')}…`;
    try {
      const found = await facesOf(person, photos, live);
      if (!live()) return;
      list.replaceChildren(...found.map(tile));
      message.textContent = found.length ? 'Take out a face that is someone else; it is never put back by itself.' : 'No faces left.';
    } catch (error) {
      message.textContent = error.message;
    }
  });
  return { button: open, panel: el('section', { className: 'person-review' }, message, list) };
}
