// A justified grid of thumbnails: rows of equal height that fill the width, each photo at its own aspect ratio,
// sized before the images load (no layout jumps). More pages are asked for as the end comes into view.
import { thumbnail } from './api.js';

const gap = 6;

function rowHeight(width) {
  return width < 600 ? 128 : width < 1100 ? 190 : 230;
}

const aspect = result => (result.width && result.height ? result.width / result.height : 1);

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
    const img = document.createElement('img');
    img.loading = 'lazy';
    img.decoding = 'async';
    img.alt = link.title;
    img.src = thumbnail(result.id);
    img.addEventListener('load', () => link.classList.add('loaded'), { once: true });
    img.addEventListener('error', () => link.classList.add('broken'), { once: true });
    link.append(img);
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
        tile.style.width = `${aspect(this.items[index]) * height}px`;
        tile.style.height = `${height}px`;
        element.append(tile);
      }
      this.element.append(element);
      this.rows.push({ from: row[0], element });
    };
    for (let i = from; i < this.items.length; i++) {
      row.push(i);
      // Very wide panoramas count as four squares at most, so a row never shrinks to a sliver.
      sum += Math.min(aspect(this.items[i]), 4);
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
