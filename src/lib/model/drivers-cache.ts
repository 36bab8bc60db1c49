// The key drivers' bootstrap intervals, kept between builds beside the snapshot cache: 500 draws a
// journey and snapshot are most of a large site's model (a 40-snapshot site of 30-touchpoint journeys:
// 45 s of a 67 s rebuild), and a snapshot whose data did not change gives the same correlations. An
// entry is the intervals a computation gave, keyed by a hash of its inputs and of the code that
// computes them, so a build from the cache is byte-identical to one without. Only published figures
// and hashes are stored.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BOOTSTRAP_DRAWS, weightIntervals, type WeightIntervals } from '../stats/relative-weights.ts';

/** The intervals of relative weights from a correlation matrix over n respondents (weightIntervals). */
export type IntervalsOf = (corr: number[][], n: number) => WeightIntervals;

const FILE = 'drivers-intervals.json';

/** The modules whose code decides the intervals. */
const CODE = ['stats/relative-weights.ts'];

let codeHash: string | null | undefined;

/** A hash of the code that computes intervals; null where its source cannot be read (a bundled build), and nothing is kept. */
function codeFingerprint(): string | null {
  if (codeHash === undefined) {
    try {
      const hash = createHash('sha256').update(String(BOOTSTRAP_DRAWS));
      for (const name of CODE) hash.update(name).update(readFileSync(join(import.meta.dirname, '..', name)));
      codeHash = hash.digest('hex');
    } catch {
      codeHash = null;
    }
  }
  return codeHash;
}

interface CacheFile {
  code: string;
  entries: Record<string, WeightIntervals>;
}

/**
 * Intervals taken from the cache in `cacheDir` where a previous build computed them, else computed
 * (`compute`); save() writes the ones this build used, so entries of data no longer there go. No
 * folder (the cache is off), an unreadable or foreign file: computed, as without a cache.
 */
export function cachedIntervals(cacheDir: string | null, compute: IntervalsOf = weightIntervals): { intervals: IntervalsOf; save(): void } {
  const code = cacheDir === null ? null : codeFingerprint();
  if (cacheDir === null || code === null) return { intervals: compute, save: () => {} };
  const path = join(cacheDir, FILE);
  let kept: CacheFile['entries'] = {};
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
    if (file.code === code && file.entries && typeof file.entries === 'object') kept = file.entries;
  } catch {
    // None yet, or unreadable: computed.
  }
  const used: CacheFile['entries'] = {};
  const intervals: IntervalsOf = (corr, n) => {
    const key = createHash('sha256').update(JSON.stringify([corr, n])).digest('hex');
    const entry = Object.hasOwn(kept, key) ? kept[key]! : compute(corr, n);
    return (used[key] = entry);
  };
  const save = () => {
    try {
      mkdirSync(cacheDir, { recursive: true });
      writeFileSync(`${path}.tmp-${process.pid}`, JSON.stringify({ code, entries: used } satisfies CacheFile));
      renameSync(`${path}.tmp-${process.pid}`, path);
    } catch {
      // A cache that cannot be written costs time next build, not figures.
    }
  };
  return { intervals, save };
}
