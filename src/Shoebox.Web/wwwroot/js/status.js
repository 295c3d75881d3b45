// Shows background indexing on every page: a compact label (stage, counts, time left; a link to the Sources page)
// and a thin bar under the top bar while a run goes on. Polls slowly when idle; poke() asks at once.
import { status } from './api.js';
import { describeRun, timeLeft } from './progress.js';

let wake = null;

/** Asks for the status now (after adding or re-scanning a source), not at the next slow poll. */
export function pokeIndexing() {
  wake?.();
}

export function watchIndexing(label, progress, bar) {
  let timer = null;
  async function poll() {
    clearTimeout(timer);
    let running = false;
    try {
      const s = await status();
      const run = describeRun(s.indexing) ?? describeDownload(s.modelDownload);
      running = run !== null;
      label.hidden = !running && s.modelDownload?.state !== 'failed';
      progress.hidden = !running;
      if (!running && s.modelDownload?.state === 'failed') {
        label.textContent = 'Model not downloaded';
        label.title = s.modelDownload.error ?? '';
      }
      if (running) {
        const left = timeLeft(s.indexing.secondsLeft);
        label.textContent = left ? `${run.label} · ${left}` : run.label;
        label.title = [run.label, run.detail, ...s.indexing.sources].filter(Boolean).join('\n');
        bar.classList.toggle('indeterminate', !run.total);
        bar.style.width = run.total ? `${(100 * run.done) / run.total}%` : '';
      }
      document.body.dataset.photos = s.photos;
    } catch { /* the server may be restarting: try again later */ }
    timer = setTimeout(poll, running ? 1000 : 5000);
  }
  wake = poll;
  poll();
}

// A first run's model, downloading in the server: shown as a run is, while no indexing run is.
function describeDownload(download) {
  if (download?.state !== 'running') return null;
  const share = download.total ? ` ${Math.floor((100 * download.done) / download.total)}%` : '';
  return { label: `Downloading the model${share}`, detail: 'Until it is here, words find file names and the text in pictures.', done: download.done, total: download.total };
}
