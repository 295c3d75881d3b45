// The faces of the photo page: each outlined on the photo with its person's name (a link to their page), and listed
// beside the photo, where the keyboard reaches the same: a face is moved out of its person ("Not Alice"), given to
// someone else, or marked "Not a face". Outline and row light up together under the pointer or the focus.
import * as api from './api.js';
import { el } from './dom.js';
import { loadPeopleStyles, personName } from './people.js';

// Boxes are fractions of the photo (0..1), placed in percent of the frame that wraps the image exactly.
function outline(face, index) {
  const label = face.person ? personName(face.person) : '';
  const box = face.person
    ? el('a', { className: 'face-box', href: `/people/${face.person.id}`, 'data-link': '', 'aria-label': `${label}: their photos`, title: label },
      el('span', { className: 'face-label' }, label))
    : el('span', { className: 'face-box loose', 'aria-hidden': 'true' });
  box.dataset.face = face.id;
  box.dataset.index = index;
  Object.assign(box.style, {
    left: `${100 * face.box.x}%`, top: `${100 * face.box.y}%`, width: `${100 * face.box.w}%`, height: `${100 * face.box.h}%`,
  });
  return box;
}

function light(frame, list, faceId, on) {
  for (const node of [...frame.querySelectorAll(`[data-face="${faceId}"]`), ...list.querySelectorAll(`[data-face="${faceId}"]`)]) {
    node.classList.toggle('hot', on);
  }
}

/**
 * Draws the photo's faces on <frame> and answers the "People" part of the info panel (empty until they arrive, and
 * left empty when the photo has none). live() is false once the page has moved on.
 */
export function photoFaces(frame, photoId, live) {
  loadPeopleStyles();
  const list = el('ul', { className: 'faces', 'aria-label': 'People in this photo' });
  const message = el('p', { className: 'face-message muted', role: 'status' });
  const section = el('div', { className: 'photo-people', id: 'photo-people', hidden: true }, el('h3', {}, 'People'), list, message);
  let everyone = null;

  const show = faces => {
    if (!live()) return;
    for (const old of frame.querySelectorAll('.face-box')) old.remove();
    frame.append(...faces.map(outline));
    list.replaceChildren(...faces.map(face => row(face)));
    section.hidden = faces.length === 0;
    for (const node of [...frame.querySelectorAll('.face-box'), ...list.children]) {
      const id = node.dataset.face;
      node.addEventListener('pointerenter', () => light(frame, list, id, true));
      node.addEventListener('pointerleave', () => light(frame, list, id, false));
      node.addEventListener('focusin', () => light(frame, list, id, true));
      node.addEventListener('focusout', () => light(frame, list, id, false));
    }
  };
  const load = () => api.photoFaces(photoId).then(show);
  // One change at a time: what it did, then the faces again.
  const act = async (button, work) => {
    button.disabled = true;
    message.textContent = '';
    try {
      const said = await work();
      await load();
      message.textContent = said;
    } catch (error) {
      message.textContent = error.message;
      button.disabled = false;
    }
  };

  const row = face => {
    const who = face.person
      ? el('a', { href: `/people/${face.person.id}`, 'data-link': '', className: 'face-person' }, personName(face.person))
      : el('span', { className: 'face-person muted' }, 'Nobody yet');
    const actions = el('span', { className: 'face-actions' });
    if (face.person) {
      const out = el('button', { type: 'button', className: 'button small' }, face.person.name ? `Not ${face.person.name}` : 'Not this person');
      out.addEventListener('click', () => act(out, async () => {
        await api.moveFace(face.id, null);
        return face.person.name ? `Taken out of ${face.person.name}.` : 'Taken out of that person.';
      }));
      actions.append(out);
    }
    const someone = el('button', { type: 'button', className: 'button small' }, face.person ? 'Someone else…' : 'Who is this?');
    someone.addEventListener('click', () => pick(face, actions, someone));
    const notFace = el('button', { type: 'button', className: 'button small' }, 'Not a face');
    notFace.addEventListener('click', () => act(notFace, async () => {
      await api.notAFace(face.id);
      return 'Not a face: it stays off this photo.';
    }));
    actions.append(someone, notFace);
    const thumb = el('img', { className: 'face-thumb', src: api.faceThumb(face.id), alt: '', width: 40, height: 40, loading: 'lazy' });
    return el('li', { className: 'face-row', 'data-face': face.id }, thumb, who, actions);
  };

  // A list of the people (asked for once, when first wanted) to give the face to.
  const pick = async (face, actions, opener) => {
    opener.disabled = true;
    try {
      everyone ??= (await api.people()).people;
    } catch (error) {
      message.textContent = error.message;
      opener.disabled = false;
      return;
    }
    const select = el('select', { 'aria-label': 'Whose face is this' }, el('option', { value: '' }, 'Choose a person'),
      ...everyone.filter(p => p.id !== face.person?.id).map(p => el('option', { value: p.id }, p.name ?? `Unnamed (#${p.id})`)));
    const move = el('button', { type: 'button', className: 'button small' }, 'Move');
    const cancel = el('button', { type: 'button', className: 'button small' }, 'Cancel');
    const chooser = el('span', { className: 'face-chooser' }, select, move, cancel);
    move.addEventListener('click', () => {
      const to = everyone.find(p => p.id === Number(select.value));
      if (to) act(move, async () => { await api.moveFace(face.id, to.id); return `Given to ${personName(to)}.`; });
    });
    cancel.addEventListener('click', () => { chooser.remove(); opener.disabled = false; opener.focus(); });
    actions.after(chooser);
    select.focus();
  };

  load().catch(() => { /* a photo whose faces cannot be had is shown without them */ });
  return section;
}
