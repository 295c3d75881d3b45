// Shows background indexing: a label and a thin bar under the top bar while a run goes on. Polls slowly when idle.
import { status } from './api.js';

export function watchIndexing(label, progress, bar) {
  async function poll() {
    let running = false;
    try {
      const s = await status();
      const run = s.indexing;
      running = run.state === 'running';
      label.hidden = !running;
      progress.hidden = !running;
      if (running) {
        const p = run.progress;
        // Thumbnails and vectors first, then the text in the photos (searchable meanwhile).
        const reading = p.phase === 'reading';
        const total = reading ? p.photosToRead : p.phase === 'processing' ? p.photosToProcess : 0;
        const done = reading ? p.photosRead : p.phase === 'processing' ? p.photosProcessed : 0;
        const what = reading ? 'Reading text in' : 'Indexing';
        label.textContent = total ? `${what} ${done.toLocaleString()} of ${total.toLocaleString()}` : `Looking for new photos… ${p.filesFound.toLocaleString()}`;
        bar.classList.toggle('indeterminate', !total);
        bar.style.width = total ? `${(100 * done) / total}%` : '';
      }
      document.body.dataset.photos = s.photos;
    } catch { /* the server may be restarting: try again later */ }
    setTimeout(poll, running ? 1000 : 5000);
  }
  poll();
}
