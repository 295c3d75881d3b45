// What the home page says about the library when searching is not all it could be: the model is missing (and how
// to get it), or photos still wait for their search vectors (and who makes them). From /api/status.
import { el, plural } from './dom.js';

// `command` in a server message becomes code, so it reads as something to type.
function withCode(text) {
  return text.split('`').map((part, i) => (i % 2 ? el('code', {}, part) : part));
}

function notice(kind, title, ...body) {
  return el('div', { className: `notice ${kind}`, role: 'status' }, el('strong', {}, title), ' ', ...body);
}

export function libraryNotices(status) {
  const notices = [];
  const waiting = status.vectorsPending;
  if (!status.canSearchByImage && status.whyNoTextSearch) {
    notices.push(notice('warning', 'Searching by look is off.', ...withCode(`${status.whyNoTextSearch}. `),
      'Until it is installed, words find file names, keywords and the text read from pictures; "More like this" and search by image wait for it. ',
      ...withCode(`Once it is, restart \`shoebox serve\`${waiting ? `: the ${plural(waiting, 'photo')} waiting then get their vectors` : ''}.`)));
    return notices;
  }
  if (!status.canSearchByText && status.whyNoTextSearch) {
    notices.push(notice('info', 'Words are not searched by look.', ...withCode(`${status.whyNoTextSearch}: `),
      'words find file names, keywords and the text read from pictures. To search by look, drop an image here or open a photo and choose "More like this".'));
  }
  if (waiting > 0) {
    const who = status.indexing.state === 'running' ? ['Indexing is making them now.']
      : status.indexing.state === 'off' ? withCode('This server does not index (`--no-watch`): run `shoebox index` to make them.')
        : withCode('This server makes them at its next indexing run; `shoebox index` makes them now.');
    notices.push(notice('info', `${plural(waiting, 'photo')} ${waiting === 1 ? 'is' : 'are'} still waiting for ${waiting === 1 ? 'its' : 'their'} search vector${waiting === 1 ? '' : 's'}`,
      'and searching by look does not find them yet. ', ...who));
  }
  return notices;
}
