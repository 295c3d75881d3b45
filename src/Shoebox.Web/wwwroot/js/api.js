// The JSON API, with its error messages passed on as they are.
export async function json(response) {
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body?.error ?? `The server answered ${response.status}.`);
  return body;
}

// A JSON body sent, the JSON answer read.
const send = (method, url, body) => fetch(url, {
  method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body ?? {}),
}).then(json);

// A page of results, each marked when the server has no thumbnail for it (the grid then shows its name instead).
function results(page) {
  const missing = new Set(page.withoutThumbnail ?? []);
  for (const result of page.results) result.noThumbnail = missing.has(result.id);
  return page;
}

export function search({ q = '', like = '', offset = 0, limit = 100 }) {
  const params = new URLSearchParams({ q, offset, limit });
  if (like) params.set('like', like);
  return fetch(`/api/search?${params}`).then(json).then(results);
}

export const random = (limit = 60) => fetch(`/api/random?limit=${limit}`).then(json).then(results);
export const photo = id => fetch(`/api/photos/${id}`).then(json);
export const similar = (id, limit = 30) => fetch(`/api/photos/${id}/similar?limit=${limit}`).then(json).then(results);
export const status = () => fetch('/api/status').then(json);
export const settings = () => fetch('/api/settings').then(json);
export const changeSettings = body => send('PUT', '/api/settings', body);
export const downloadModel = id => fetch(`/api/models/${encodeURIComponent(id)}/download`, { method: 'POST' }).then(json);
// The folders and photo libraries the library is built from; adding one starts its indexing in the server.
export const sources = () => fetch('/api/sources').then(json);
export const places = () => fetch('/api/places').then(json);
export const addSource = path => fetch('/api/sources', {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ path }),
}).then(json);
export const scanSource = id => fetch(`/api/sources/${id}/scan`, { method: 'POST' }).then(json);
export const pauseSource = (id, pause) => fetch(`/api/sources/${id}/${pause ? 'pause' : 'resume'}`, { method: 'POST' }).then(json);
export const removeSource = (id, keep) => fetch(`/api/sources/${id}?keep=${keep}`, { method: 'DELETE' }).then(json);
export const duplicates = (offset = 0, limit = 20) => fetch(`/api/duplicates?offset=${offset}&limit=${limit}`).then(json);
export const mergeDuplicates = keeper => fetch(`/api/duplicates/${keeper}/merge`, { method: 'POST' }).then(json);
export const keepDuplicate = id => fetch(`/api/duplicates/${id}/keep`, { method: 'POST' }).then(json);
export const apartDuplicate = id => fetch(`/api/duplicates/${id}/apart`, { method: 'POST' }).then(json);
export const apartAllDuplicates = id => fetch(`/api/duplicates/${id}/apart-all`, { method: 'POST' }).then(json);
export const tags = id => fetch(`/api/photos/${id}/tags`).then(json);
export const addTag = (id, tag) => fetch(`/api/photos/${id}/tags`, {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ tag }),
}).then(json);
export const removeTag = (id, tag) => fetch(`/api/photos/${id}/tags/${encodeURIComponent(tag)}`, { method: 'DELETE' }).then(json);
export const syntax = () => fetch('/api/syntax').then(json);

// People: faces grouped by person. The user's word (names, merges, a face moved out, "not a face") is final.
export const people = () => fetch('/api/people').then(json);
export const person = id => fetch(`/api/people/${id}`).then(json);
export const namePerson = (id, name) => send('PUT', `/api/people/${id}/name`, { name });
export const mergePerson = (id, into) => send('POST', `/api/people/${id}/merge`, { into });
export const moveFace = (faceId, person) => send('POST', `/api/faces/${faceId}/person`, { person });
export const notAFace = faceId => send('POST', `/api/faces/${faceId}/not-a-face`);
export const photoFaces = id => fetch(`/api/photos/${id}/faces`).then(json);
export const faceThumb = faceId => `/api/faces/${faceId}/thumb`;

// Adding photos from the page: the machine's folders and the libraries found in their usual places.
export const folders = (path = '', hidden = false) => fetch(`/api/folders?${new URLSearchParams({ path, hidden })}`).then(json);
export const foundLibraries = () => fetch('/api/libraries/found').then(json);
export const welcome = () => fetch('/api/welcome').then(json);

export function searchByImage(file, q = '') {
  const form = new FormData();
  form.append('image', file);
  return fetch(`/api/search/image?limit=100&q=${encodeURIComponent(q)}`, { method: 'POST', body: form }).then(json).then(results);
}

export const thumbnail = (id, size = 'grid') => `/api/photos/${id}/thumbnail?size=${size}`;
export const original = id => `/api/photos/${id}/original`;
