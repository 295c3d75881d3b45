// Words for a background indexing run (from /api/status's indexing), shared by the header and the Sources page:
// the stage with its counts, its rate and the time it has left once they are known.
import { plural } from './dom.js';

const stages = {
  scanning: { what: 'Looking for new photos', unit: 'file' },
  processing: { what: 'Indexing', unit: 'photo' },
  reading: { what: 'Reading text in', unit: 'photo' },
};

export function timeLeft(seconds) {
  if (seconds == null) return '';
  if (seconds < 60) return 'less than a minute left';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  return `about ${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

// { label: 'Indexing 40 of 200', detail: '12 photos/s · about 2 min left', done, total } for a running run, else null.
export function describeRun(run) {
  if (run?.state !== 'running') return null;
  const stage = stages[run.stage] ?? stages.scanning;
  const label = run.stage === 'scanning'
    ? `${stage.what}… ${run.done.toLocaleString()} of ${plural(run.total, stage.unit)} checked`
    : `${stage.what} ${run.done.toLocaleString()} of ${plural(run.total, stage.unit)}`;
  const rate = run.rate == null ? '' : `${run.rate < 10 ? run.rate.toFixed(1) : Math.round(run.rate)} ${stage.unit}s/s`;
  const detail = [rate, timeLeft(run.secondsLeft)].filter(Boolean).join(' · ');
  return { label, detail, done: run.done, total: run.stage === 'scanning' ? 0 : run.total };
}
