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
  /**
   * Sums by how many answers a respondent's outcome is the mean of (0: no outcome; an overall question
   * is 1). In each, the outcome variable is the sum of those answers, so every sum of whole-number
   * scores is a whole number, the same in whatever order respondents are added (halves, passes); the
   * mean's sums are formed from them at the end (combinedPairs). Each is the pairs (i, j), i ≤ j, of
   * the variables in pairIndex order; sumX is variable i's, sumY variable j's.
   */
  strata: Record<string, PairMoments[]>;
}

/** Where pair (i, j), i ≤ j, of `k` variables is in a stratum: row by row of the upper triangle. */
export function pairIndex(i: number, j: number, k: number): number {
  return i * k - (i * (i - 1)) / 2 + (j - i);
}

const emptyPair = (): PairMoments => ({ n: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 });
/** A stratum's pairs of `k` variables, all zero. */
export const emptyPairs = (k: number): PairMoments[] => Array.from({ length: (k * (k + 1)) / 2 }, emptyPair);

export function emptyMoments(spec: DriverSpec, touchpoints: string[]): DriverMoments {
  return { outcome: spec.outcome, predictor: spec.predictor, touchpoints, strata: {} };
}

/**
 * Adds one respondent: their values of the variables (NaN: not answered), the outcome's the sum of
 * `answers` answers, to every pair they answered both of.
 */
export function addRespondent(m: DriverMoments, values: ArrayLike<number>, answers: number): void {
  const k = m.touchpoints.length + 1;
  // The variables answered, first: most respondents answer a few of a journey's touchpoints.
  if (ANSWERED.length < k) ANSWERED = new Int32Array(k);
  let answered = 0;
  for (let i = 0; i < k; i++) if (!Number.isNaN(values[i]!)) ANSWERED[answered++] = i;
  if (answered === 0) return;
  const pairs = (m.strata[answers] ??= emptyPairs(k));
  for (let a = 0; a < answered; a++) {
    const i = ANSWERED[a]!;
    const x = values[i]!;
    for (let b = a; b < answered; b++) {
      const j = ANSWERED[b]!;
      const y = values[j]!;
      const p = pairs[pairIndex(i, j, k)]!;
      p.n++;
      p.sumX += x;
      p.sumY += y;
      p.sumXX += x * x;
      p.sumYY += y * y;
      p.sumXY += x * y;
    }
  }
}

/** addRespondent's list of the variables answered, by index, reused. */
let ANSWERED = new Int32Array(64);

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
    for (const [answers, pairs] of Object.entries(from.strata)) {
      const into = (merged.strata[answers] ??= emptyPairs(k));
      forEachPair(at.length, (i, j, index) => {
        const p = pairs[index]!;
        const swapped = at[i]! > at[j]!;
        const q = into[swapped ? pairIndex(at[j]!, at[i]!, k) : pairIndex(at[i]!, at[j]!, k)]!;
        q.n += p.n;
        q.sumX += swapped ? p.sumY : p.sumX;
        q.sumY += swapped ? p.sumX : p.sumY;
        q.sumXX += swapped ? p.sumYY : p.sumXX;
        q.sumYY += swapped ? p.sumXX : p.sumYY;
        q.sumXY += p.sumXY;
      });
    }
  }
  return merged;
}

function forEachPair(k: number, visit: (i: number, j: number, index: number) => void): void {
  for (let i = 0, index = 0; i < k; i++) for (let j = i; j < k; j++, index++) visit(i, j, index);
}

/** The pairs (i, j), i ≤ j, over all strata, the outcome as each respondent's mean: strata added in the order of their number of answers. */
export function combinedPairs(m: DriverMoments): PairMoments[] {
  const k = m.touchpoints.length + 1;
  const combined = emptyPairs(k);
  const strata = Object.keys(m.strata).map(Number).sort((a, b) => a - b);
  for (const answers of strata) {
    const pairs = m.strata[answers]!;
    forEachPair(k, (i, j, index) => {
      const p = pairs[index]!;
      const q = combined[index]!;
      // The outcome's sums, of sums of `answers` answers, made sums of means (stratum 0 has none).
      const x = i === k - 1 && answers > 0 ? answers : 1;
      const y = j === k - 1 && answers > 0 ? answers : 1;
      q.n += p.n;
      q.sumX += p.sumX / x;
      q.sumY += p.sumY / y;
      q.sumXX += p.sumXX / (x * x);
      q.sumYY += p.sumYY / (y * y);
      q.sumXY += p.sumXY / (x * y);
    });
  }
  return combined;
}

/** Pairwise correlations of some variables (by index, the outcome's last among them) from combined pairs of `k` variables, each over the respondents who answered both, with its n. */
export function pairwiseCorrelations(pairs: PairMoments[], k: number, keep: number[]): { n: number[][]; corr: number[][] } {
  const size = keep.length;
  const n = matrix(size);
  const corr = matrix(size);
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < size; b++) {
      const [i, j] = keep[a]! <= keep[b]! ? [keep[a]!, keep[b]!] : [keep[b]!, keep[a]!];
      const p = pairs[pairIndex(i, j, k)]!;
      n[a]![b] = p.n;
      const sxy = p.sumXY - (p.sumX * p.sumY) / p.n;
      const sxx = p.sumXX - (p.sumX * p.sumX) / p.n;
      const syy = p.sumYY - (p.sumY * p.sumY) / p.n;
      corr[a]![b] = a === b ? 1 : sxy / Math.sqrt(sxx * syy);
    }
  }
  return { n, corr };
}

/** The sample variance of a pair's first variable. */
export function variance(p: PairMoments): number {
  return p.n > 1 ? (p.sumXX - (p.sumX * p.sumX) / p.n) / (p.n - 1) : 0;
}

const matrix = (size: number): number[][] => Array.from({ length: size }, () => new Array<number>(size).fill(0));

/** The pairs (touchpoint i, outcome) of combined pairs: respondents who answered both, and the touchpoint's variance among them. */
export function withOutcome(pairs: PairMoments[], k: number, i: number): PairMoments {
  return pairs[pairIndex(i, k - 1, k)]!;
}
