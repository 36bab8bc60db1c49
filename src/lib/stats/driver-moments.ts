// A journey's key-driver statistics as mergeable sums: for each pair of its touchpoints' scores and
// the respondent's outcome, the moments over the respondents who answered both (pairwise deletion).
// Two such sums of disjoint respondents add up to the sums of their union, so halves, passes, the
// snapshot cache and the SQL aggregate give the same figures.
import type { Metric } from './metrics.ts';
import type { PairMoments } from './aggregate.ts';

/** What a respondent's outcome is: a journey-level question's score, or the mean of their NPS answers in the journey. */
export interface DriverOutcome {
  kind: 'overall' | 'mean-nps';
  metric: Metric;
}

/** The scores a file's drivers are computed from, chosen from its mapping (driverPlan in ingest). */
export interface DriverSpec {
  outcome: DriverOutcome;
  /** Each touchpoint's score on this measure is a driver's. */
  predictor: Metric;
}

export interface DriverMoments extends DriverSpec {
  /** The variables: these touchpoints' predictor scores, then the outcome (last). */
  touchpoints: string[];
  /** Pairs (i, j), i ≤ j, of the variables in pairIndex order; sumX is variable i's, sumY variable j's. */
  pairs: PairMoments[];
}

/** Where pair (i, j), i ≤ j, of `k` variables is in DriverMoments.pairs: row by row of the upper triangle. */
export function pairIndex(i: number, j: number, k: number): number {
  return i * k - (i * (i - 1)) / 2 + (j - i);
}

const emptyPair = (): PairMoments => ({ n: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 });

export function emptyMoments(spec: DriverSpec, touchpoints: string[]): DriverMoments {
  const k = touchpoints.length + 1;
  return { ...spec, touchpoints, pairs: Array.from({ length: (k * (k + 1)) / 2 }, emptyPair) };
}

/** Adds one respondent's values of the variables (NaN: not answered) to every pair they answered both of. */
export function addRespondent(m: DriverMoments, values: ArrayLike<number>): void {
  const k = m.touchpoints.length + 1;
  for (let i = 0; i < k; i++) {
    const x = values[i]!;
    if (Number.isNaN(x)) continue;
    for (let j = i; j < k; j++) {
      const y = values[j]!;
      if (Number.isNaN(y)) continue;
      const p = m.pairs[pairIndex(i, j, k)]!;
      p.n++;
      p.sumX += x;
      p.sumY += y;
      p.sumXX += x * x;
      p.sumYY += y * y;
      p.sumXY += x * y;
    }
  }
}

/**
 * The sums of two disjoint sets of respondents, over the touchpoints of either (sorted by id, so that
 * the order of merging does not matter): a touchpoint one of them lacks adds nothing there.
 */
export function mergeMoments(a: DriverMoments, b: DriverMoments): DriverMoments {
  const touchpoints = [...new Set([...a.touchpoints, ...b.touchpoints])].sort();
  const merged = emptyMoments(a, touchpoints);
  const k = touchpoints.length + 1;
  for (const from of [a, b]) {
    // Each variable's place in the merged list; the outcome stays last.
    const at = [...from.touchpoints.map((tp) => touchpoints.indexOf(tp)), k - 1];
    const kFrom = at.length;
    for (let i = 0; i < kFrom; i++) {
      for (let j = i; j < kFrom; j++) {
        const p = from.pairs[pairIndex(i, j, kFrom)]!;
        const [x, y] = at[i]! <= at[j]! ? [at[i]!, at[j]!] : [at[j]!, at[i]!];
        const q = merged.pairs[pairIndex(x, y, k)]!;
        const swapped = at[i]! > at[j]!;
        q.n += p.n;
        q.sumX += swapped ? p.sumY : p.sumX;
        q.sumY += swapped ? p.sumX : p.sumY;
        q.sumXX += swapped ? p.sumYY : p.sumXX;
        q.sumYY += swapped ? p.sumXX : p.sumYY;
        q.sumXY += p.sumXY;
      }
    }
  }
  return merged;
}

/**
 * Pairwise correlations of some variables (by index, the outcome's last among them), each over the
 * respondents who answered both, with its n, and each variable's standard deviation over all who
 * answered it: the covariance the intervals draw from is corr × sd × sd.
 */
export function pairwiseCorrelations(m: DriverMoments, keep: number[]): { n: number[][]; corr: number[][]; sd: number[] } {
  const k = m.touchpoints.length + 1;
  const size = keep.length;
  const n = matrix(size);
  const corr = matrix(size);
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < size; b++) {
      const [i, j] = keep[a]! <= keep[b]! ? [keep[a]!, keep[b]!] : [keep[b]!, keep[a]!];
      const p = m.pairs[pairIndex(i, j, k)]!;
      n[a]![b] = p.n;
      const sxy = p.sumXY - (p.sumX * p.sumY) / p.n;
      const sxx = p.sumXX - (p.sumX * p.sumX) / p.n;
      const syy = p.sumYY - (p.sumY * p.sumY) / p.n;
      corr[a]![b] = a === b ? 1 : sxy / Math.sqrt(sxx * syy);
    }
  }
  const sd = keep.map((i) => Math.sqrt(variance(m.pairs[pairIndex(i, i, k)]!)));
  return { n, corr, sd };
}

/** The sample variance of a pair's first variable. */
export function variance(p: PairMoments): number {
  return p.n > 1 ? (p.sumXX - (p.sumX * p.sumX) / p.n) / (p.n - 1) : 0;
}

const matrix = (size: number): number[][] => Array.from({ length: size }, () => new Array<number>(size).fill(0));

/** The pair (touchpoint i, outcome): respondents who answered both and the touchpoint's variance among them. */
export function withOutcome(m: DriverMoments, i: number): PairMoments {
  const k = m.touchpoints.length + 1;
  return m.pairs[pairIndex(i, k - 1, k)]!;
}
