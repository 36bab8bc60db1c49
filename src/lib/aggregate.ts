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

function addMoment(m: Moments, x: number): void {
  m.n++;
  m.sum += x;
  m.sumSq += x * x;
}

/** Adds one validated rating (scores within their scales). Respondents are counted by the caller. */
export function addRating(cell: CellStats, r: RatingScores, hasComment: boolean, scales: Scales): void {
  cell.ratings++;
  if (hasComment) cell.comments++;
  // Unrolled over the metrics: this runs three times for every row of a million-row file.
  const s = cell.scores;
  const { nps, csat, ces, emotion, expectation } = r;
  if (nps !== null) addScore(s.nps, nps, scales.nps.min);
  if (csat !== null) addScore(s.csat, csat, scales.csat.min);
  if (ces !== null) addScore(s.ces, ces, scales.ces.min);
  if (emotion !== null) addScore(s.emotion, emotion, scales.emotion.min);
  if (expectation !== null) addScore(s.expectation, expectation, scales.expectation.min);
  if (emotion !== null && expectation !== null) addMoment(cell.gap, emotion - expectation);
  if (emotion !== null && nps !== null) {
    const groups = cell.emotionByNpsGroup;
    addMoment(nps >= PROMOTER_MIN ? groups.promoter : nps <= DETRACTOR_MAX ? groups.detractor : groups.passive, emotion);
    const p = cell.emotionNps;
    p.n++;
    p.sumX += emotion;
    p.sumY += nps;
    p.sumXX += emotion * emotion;
    p.sumYY += nps * nps;
    p.sumXY += emotion * nps;
  }
}

function addScore(s: ScoreStats, x: number, min: number): void {
  s.n++;
  s.sum += x;
  s.sumSq += x * x;
  // Halves round away from zero on both sides (−2.5 → −3, 2.5 → 3), unlike Math.round.
  s.bins[(x < 0 ? -Math.round(-x) : Math.round(x)) - min]!++;
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
