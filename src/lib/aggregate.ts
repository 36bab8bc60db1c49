// The aggregate of a group of ratings, as mergeable sufficient statistics: counts per score value and
// plain sums. Two aggregates of disjoint ratings add up exactly to the aggregate of their union, so
// files, sources and cells combine without the raw rows. Serialisable as JSON (schema in README.md).
import { binCount, DETRACTOR_MAX, METRICS, PROMOTER_MIN, type Metric, type Scales } from './metrics.ts';
import type { Moments } from './stats.ts';

export interface ScoreStats extends Moments {
  /** Answers per score value, from the scale's minimum up; fractional answers in the nearest bin (halves away from zero). */
  bins: number[];
}

/** Sums for the correlation of two scores answered together. */
export interface PairMoments {
  n: number;
  sumX: number;
  sumY: number;
  sumXX: number;
  sumYY: number;
  sumXY: number;
}

export type NpsGroup = 'detractor' | 'passive' | 'promoter';

export interface CellStats {
  /** Distinct respondents. */
  respondents: number;
  /** Ratings (rows), one per respondent and touchpoint. */
  ratings: number;
  /** Ratings with a (non-empty) comment. */
  comments: number;
  scores: Record<Metric, ScoreStats>;
  /** Delivered minus expected experience (emotion − expectation), over ratings that have both. */
  gap: Moments;
  /** Emotion among the touchpoint's detractors, passives and promoters. */
  emotionByNpsGroup: Record<NpsGroup, Moments>;
  /** Emotion (x) against NPS answer (y). */
  emotionNps: PairMoments;
}

export interface RatingScores {
  nps: number | null;
  csat: number | null;
  ces: number | null;
  emotion: number | null;
  expectation: number | null;
}

const moments = (): Moments => ({ n: 0, sum: 0, sumSq: 0 });

export function emptyCell(scales: Scales): CellStats {
  const scores = {} as Record<Metric, ScoreStats>;
  for (const m of METRICS) scores[m] = { ...moments(), bins: new Array<number>(binCount(scales[m])).fill(0) };
  return {
    respondents: 0,
    ratings: 0,
    comments: 0,
    scores,
    gap: moments(),
    emotionByNpsGroup: { detractor: moments(), passive: moments(), promoter: moments() },
    emotionNps: { n: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 },
  };
}

export function npsGroup(nps: number): NpsGroup {
  return nps >= PROMOTER_MIN ? 'promoter' : nps <= DETRACTOR_MAX ? 'detractor' : 'passive';
}

/**
 * Where each sum of a cell lives in a RatingSums array. A file adds one rating per row: packed in one
 * array, a rating touches a few adjacent numbers instead of a dozen objects.
 */
export interface SumsLayout {
  size: number;
  /** Offset of each metric's n, sum, sumSq and bins (from the scale's minimum). */
  metric: Record<Metric, number>;
  min: Record<Metric, number>;
  bins: Record<Metric, number>;
  /** Offsets of the gap's moments, the three NPS groups' emotion moments, and the emotion–NPS pair sums. */
  gap: number;
  groups: number;
  pair: number;
}

/** The sums of a cell being filled rating by rating (see addRating); cellFromSums turns them into CellStats. */
export type RatingSums = Float64Array;

const RATINGS = 0;
const COMMENTS = 1;

export function sumsLayout(scales: Scales): SumsLayout {
  let size = 2;
  const metric = {} as Record<Metric, number>;
  const min = {} as Record<Metric, number>;
  const bins = {} as Record<Metric, number>;
  for (const m of METRICS) {
    metric[m] = size;
    min[m] = scales[m].min;
    bins[m] = binCount(scales[m]);
    size += 3 + bins[m];
  }
  const gap = size;
  const groups = gap + 3;
  const pair = groups + 9;
  return { size: pair + 6, metric, min, bins, gap, groups, pair };
}

export const emptySums = (layout: SumsLayout): RatingSums => new Float64Array(layout.size);

/** Adds one validated rating (scores within their scales). Respondents are counted by the caller. */
export function addRating(sums: RatingSums, layout: SumsLayout, r: RatingScores, hasComment: boolean): void {
  sums[RATINGS]!++;
  if (hasComment) sums[COMMENTS]!++;
  // Unrolled over the metrics: this runs for every row of a million-row file.
  const { nps, csat, ces, emotion, expectation } = r;
  const at = layout.metric;
  const min = layout.min;
  if (nps !== null) addScore(sums, at.nps, nps, min.nps);
  if (csat !== null) addScore(sums, at.csat, csat, min.csat);
  if (ces !== null) addScore(sums, at.ces, ces, min.ces);
  if (emotion !== null) addScore(sums, at.emotion, emotion, min.emotion);
  if (expectation !== null) addScore(sums, at.expectation, expectation, min.expectation);
  if (emotion !== null && expectation !== null) addMoment(sums, layout.gap, emotion - expectation);
  if (emotion !== null && nps !== null) {
    addMoment(sums, layout.groups + (nps >= PROMOTER_MIN ? 6 : nps <= DETRACTOR_MAX ? 0 : 3), emotion);
    const p = layout.pair;
    sums[p]!++;
    sums[p + 1]! += emotion;
    sums[p + 2]! += nps;
    sums[p + 3]! += emotion * emotion;
    sums[p + 4]! += nps * nps;
    sums[p + 5]! += emotion * nps;
  }
}

function addMoment(sums: RatingSums, at: number, x: number): void {
  sums[at]!++;
  sums[at + 1]! += x;
  sums[at + 2]! += x * x;
}

function addScore(sums: RatingSums, at: number, x: number, min: number): void {
  addMoment(sums, at, x);
  // Halves round away from zero on both sides (−2.5 → −3, 2.5 → 3), unlike Math.round.
  sums[at + 3 + (x < 0 ? -Math.round(-x) : Math.round(x)) - min]!++;
}

/** The CellStats of packed sums; respondents are the caller's to set. */
export function cellFromSums(sums: RatingSums, layout: SumsLayout): CellStats {
  const momentsAt = (at: number): Moments => ({ n: sums[at]!, sum: sums[at + 1]!, sumSq: sums[at + 2]! });
  const scores = {} as Record<Metric, ScoreStats>;
  for (const m of METRICS) {
    const at = layout.metric[m];
    scores[m] = { ...momentsAt(at), bins: Array.from(sums.subarray(at + 3, at + 3 + layout.bins[m])) };
  }
  const g = layout.groups;
  const p = layout.pair;
  return {
    respondents: 0,
    ratings: sums[RATINGS]!,
    comments: sums[COMMENTS]!,
    scores,
    gap: momentsAt(layout.gap),
    emotionByNpsGroup: { detractor: momentsAt(g), passive: momentsAt(g + 3), promoter: momentsAt(g + 6) },
    emotionNps: { n: sums[p]!, sumX: sums[p + 1]!, sumY: sums[p + 2]!, sumXX: sums[p + 3]!, sumYY: sums[p + 4]!, sumXY: sums[p + 5]! },
  };
}

function mergeMoments(into: Moments, from: Moments): void {
  into.n += from.n;
  into.sum += from.sum;
  into.sumSq += from.sumSq;
}

/** Adds `from` into `into`. Respondents add up too: right for disjoint groups of people only. */
export function mergeCell(into: CellStats, from: CellStats): CellStats {
  into.respondents += from.respondents;
  into.ratings += from.ratings;
  into.comments += from.comments;
  for (const m of METRICS) {
    const a = into.scores[m];
    const b = from.scores[m];
    mergeMoments(a, b);
    if (a.bins.length !== b.bins.length) throw new Error(`cannot merge ${m} aggregates on different scales`);
    for (let i = 0; i < a.bins.length; i++) a.bins[i]! += b.bins[i]!;
  }
  mergeMoments(into.gap, from.gap);
  for (const g of ['detractor', 'passive', 'promoter'] as const) mergeMoments(into.emotionByNpsGroup[g], from.emotionByNpsGroup[g]);
  const p = into.emotionNps;
  const q = from.emotionNps;
  p.n += q.n;
  p.sumX += q.sumX;
  p.sumY += q.sumY;
  p.sumXX += q.sumXX;
  p.sumYY += q.sumYY;
  p.sumXY += q.sumXY;
  return into;
}
