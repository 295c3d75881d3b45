// A justified grid of thumbnails: rows of equal height that fill the width, each photo at its own aspect ratio,
// sized before the images load (no layout jumps). More pages are asked for as the end comes into view.
import { thumbnail } from './api.js';
import { el } from './dom.js';

const gap = 6;
// A thumbnail is never shown larger than twice the photo's own pixels: a 174 px wide image stays at most 348 px.
const maxUpscale = 2;

function rowHeight(width) {
  return width < 600 ? 128 : width < 1100 ? 190 : 230;
}

// A photo of unknown size is drawn square, or a little wider when its tile shows its name instead.
const aspect = result => (result.width && result.height ? result.width / result.height : result.noThumbnail ? 1.5 : 1);

// The width a tile takes per pixel of row height: the photo's own shape, but a panorama counts as four squares at
// most and a tall photo as half a square at least (the tile crops them), and a small image gets no wider a tile
// than twice its own width. The same number sizes the row and the tile, so a tile never outgrows its row.
function tileAspect(result, target) {
  const shape = Math.min(Math.max(aspect(result), 0.5), 4);
  return result.width ? Math.max(0.5, Math.min(shape, (maxUpscale * result.width) / target)) : shape;
}

// Cover the tile, unless that would blow the image up more than twice: then it is drawn at twice its size in the
// middle of the tile (what is larger than the tile is cut, as covering would).
function fit(tile, result, width, height) {
  const img = tile.querySelector('img');
  const small = Boolean(img && result.width && result.height && Math.max(width / result.width, height / result.height) > maxUpscale);
  tile.classList.toggle('small', small);
  if (!img) return;
  img.style.width = small ? `${result.width * maxUpscale}px` : '';
  img.style.height = small ? `${result.height * maxUpscale}px` : '';
}

// What a photo without a thumbnail (a file that could not be read, or one not processed yet) shows: its name.
function placeholder(link, name) {
  link.classList.add('broken');
  link.querySelector('img')?.remove();
  link.append(el('span', { className: 'placeholder' }, el('span', { className: 'placeholder-name' }, name), el('span', { className: 'placeholder-note' }, 'No preview')));
}

export class Grid {
  constructor(container, { loadMore, onOpen }) {
    this.container = container;
    this.loadMore = loadMore;
    this.onOpen = onOpen;
    this.items = [];
    this.tiles = [];
    this.rows = [];
    this.done = false;
    this.loading = false;
    this.element = document.createElement('div');
    this.element.className = 'grid';
    this.sentinel = document.createElement('div');
    this.sentinel.className = 'sentinel';
    container.append(this.element, this.sentinel);
    this.observer = new IntersectionObserver(entries => {
      if (entries.some(e => e.isIntersecting)) this.more();
    }, { rootMargin: '1200px 0px' });
    this.resize = new ResizeObserver(() => this.relayout());
    this.resize.observe(this.element);
    this.width = 0;
  }

  add(results, hasMore) {
    const start = this.items.length;
    this.items.push(...results);
    for (const [i, result] of results.entries()) this.tiles.push(this.tile(result, start + i));
    this.done = !hasMore;
    this.layout();
    if (this.done) this.observer.disconnect();
    else this.observer.observe(this.sentinel);
  }

  async more() {
    if (this.loading || this.done || !this.loadMore) return;
    this.loading = true;
    this.sentinel.classList.add('busy');
    try {
      const page = await this.loadMore(this.items.length);
      this.add(page.results, page.hasMore);
    } catch (error) {
      this.done = true;
      this.sentinel.textContent = error.message;
    } finally {
      this.loading = false;
      this.sentinel.classList.remove('busy');
    }
  }

  tile(result, index) {
    const link = document.createElement('a');
    link.className = 'tile';
    link.href = `/photo/${result.id}`;
    link.dataset.index = index;
    link.title = result.path.split('/').pop();
    if (result.noThumbnail) {
      placeholder(link, link.title);
    } else {
      const img = document.createElement('img');
      img.loading = 'lazy';
      img.decoding = 'async';
      img.alt = link.title;
      img.src = thumbnail(result.id);
      img.addEventListener('load', () => link.classList.add('loaded'), { once: true });
      img.addEventListener('error', () => placeholder(link, link.title), { once: true });
      link.append(img);
    }
    link.addEventListener('click', event => {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      this.onOpen(result, index);
    });
    return link;
  }

  relayout() {
    const width = this.element.clientWidth;
    if (width && width !== this.width) this.layout(true);
  }

  // Lays out again from the start of the last (unfinished) row, or everything after a resize.
  layout(all = false) {
    const width = this.element.clientWidth || this.container.clientWidth;
    if (!width) return;
    const target = rowHeight(width);
    let from = 0;
    if (!all && this.rows.length) {
      const last = this.rows.pop();
      from = last.from;
      last.element.remove();
    } else {
      this.element.replaceChildren();
      this.rows = [];
    }
    this.width = width;
    let row = [];
    let sum = 0;
    const flush = complete => {
      const height = complete ? (width - gap * (row.length - 1)) / sum : Math.min(target, (width - gap * (row.length - 1)) / sum);
      const element = document.createElement('div');
      element.className = 'row';
      element.style.height = `${height}px`;
      for (const index of row) {
        const tile = this.tiles[index];
        const tileWidth = tileAspect(this.items[index], target) * height;
        tile.style.width = `${tileWidth}px`;
        tile.style.height = `${height}px`;
        fit(tile, this.items[index], tileWidth, height);
        element.append(tile);
      }
      this.element.append(element);
      this.rows.push({ from: row[0], element });
    };
    for (let i = from; i < this.items.length; i++) {
      row.push(i);
      sum += tileAspect(this.items[i], target);
      if (sum * target + gap * (row.length - 1) >= width) {
        flush(true);
        row = [];
        sum = 0;
      }
    }
    if (row.length) flush(false);
  }

  focus(index) {
    const tile = this.tiles[Math.max(0, Math.min(index, this.tiles.length - 1))];
    if (!tile) return;
    tile.focus({ preventScroll: true });
    tile.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }

  // Arrow keys move between tiles: left and right in reading order, up and down to the nearest tile in the next row.
  move(key) {
    const active = document.activeElement;
    const index = active?.classList.contains('tile') ? Number(active.dataset.index) : -1;
    if (index < 0) { this.focus(0); return; }
    if (key === 'ArrowRight') this.focus(index + 1);
    else if (key === 'ArrowLeft') this.focus(index - 1);
    else {
      const box = active.getBoundingClientRect();
      const centre = box.left + box.width / 2;
      const rowIndex = this.rows.findIndex(r => r.element === active.parentElement);
      const next = this.rows[rowIndex + (key === 'ArrowDown' ? 1 : -1)];
      if (!next) { if (key === 'ArrowDown') this.more(); return; }
      let best = null;
      let distance = Infinity;
      for (const tile of next.element.children) {
        const b = tile.getBoundingClientRect();
        const d = Math.abs(b.left + b.width / 2 - centre);
        if (d < distance) { best = tile; distance = d; }
      }
      if (best) this.focus(Number(best.dataset.index));
    }
    if (index >= this.tiles.length - 8) this.more();
  }

  destroy() {
    this.observer.disconnect();
    this.resize.disconnect();
  }
}
