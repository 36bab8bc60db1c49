// The order of snapshots in time, and the warning when two files' dates overlap.
import type { SnapshotIngest } from '../ingest/ingest.ts';
import { formatDay } from '../read/parse-value.ts';

/**
 * By the median day of their rows (the middle of the period for an aggregate given as input, which
 * has no median), then by the period and id; files without dates follow, by id. The median, not the
 * first day: one row with a mistyped year must not make the latest snapshot the oldest.
 */
export function orderSnapshots<T extends Pick<SnapshotIngest, 'id' | 'period'>>(snapshots: T[]): T[] {
  const key = (s: T) => (s.period ? [s.period.median ?? Math.floor((s.period.first + s.period.last) / 2), s.period.first, s.period.last] : [Infinity, Infinity, Infinity]);
  return [...snapshots].sort((a, b) => {
    const [a0, a1, a2] = key(a);
    const [b0, b1, b2] = key(b);
    return a0! - b0! || a1! - b1! || a2! - b2! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
}

/** Snapshots (in order) whose dates reach into the next one's: the sign of a mistyped date. */
export function overlapWarnings(ordered: Pick<SnapshotIngest, 'id' | 'period' | 'account'>[]): string[] {
  const warnings: string[] = [];
  for (let i = 1; i < ordered.length; i++) {
    const [a, b] = [ordered[i - 1]!, ordered[i]!];
    if (!a.period || !b.period || a.period.last <= b.period.first) continue;
    const range = (s: typeof a) => `${formatDay(s.period!.first)} to ${formatDay(s.period!.last)}`;
    warnings.push(
      `${a.account.file} (${range(a)}) and ${b.account.file} (${range(b)}) cover some of the same days. Snapshots are ordered by the median day of their rows, so the order holds, but a row with a mistyped date stretches a period: check the first and last dates of these files. If one file's rows include the other's (a cumulative export), do not publish both: their difference gives away the few rows between them, which no suppression of either can see.`,
    );
  }
  return warnings;
}
