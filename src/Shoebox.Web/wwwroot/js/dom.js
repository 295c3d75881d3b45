// Small helpers for building the page without innerHTML (so no text from a file name is ever parsed as markup).
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key in node && !key.includes('-')) node[key] = value;
    else node.setAttribute(key, value);
  }
  node.append(...children.filter(c => c !== null && c !== undefined && c !== ''));
  return node;
}

export const plural = (n, word) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

export function formatBytes(bytes) {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) { value /= 1000; unit++; }
  return `${unit ? value.toFixed(value < 10 ? 1 : 0) : value} ${units[unit]}`;
}

// Camera times are wall-clock times: shown as taken, not converted to the viewer's zone.
export function formatDate(text, offset) {
  const date = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
  if (Number.isNaN(date.getTime())) return text;
  const zone = /[zZ]|[+-]\d\d:\d\d$/.test(text) ? undefined : 'UTC';
  const shown = date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
  return offset ? `${shown} (UTC${offset})` : shown;
}
