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

/** A single-choice item's answers: how many chose each option, in the options' order. */
export interface ChoiceCounts {
  options: string[];
  counts: number[];
}

/** A single-choice item as the sums lay it out: its id and options (the mapping's). */
export interface ChoiceItem {
  id: string;
  options: string[];
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
  /** Single-choice items answered in the cell, by id. */
  choices: Record<string, ChoiceCounts>;
}

export interface RatingScores {
  nps: number | null;
  csat: number | null;
  ces: number | null;
  emotion: number | null;
  expectation: number | null;
  agreement: number | null;
  rating: number | null;
  yesno: number | null;
}

/** A rating without answers, to fill in. */
export const noScores = (): RatingScores => ({ nps: null, csat: null, ces: null, emotion: null, expectation: null, agreement: null, rating: null, yesno: null });

/** The metrics counted alone in the tally (a histogram each); NPS, emotion and expectation are counted in pairs. */
const SINGLE_METRICS = ['csat', 'ces', 'agreement', 'rating', 'yesno'] as const;
type SingleMetric = (typeof SINGLE_METRICS)[number];

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
    choices: {},
  };
}

/** The single-choice items of some cells, by id in order, with their options: what countsOf lists for every cell alike. */
export function choiceItemsOf(cells: CellStats[]): ChoiceItem[] {
  const items = new Map<string, string[]>();
  for (const cell of cells) for (const [id, c] of Object.entries(cell.choices)) items.set(id, c.options);
  return [...items].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([id, options]) => ({ id, options }));
}

/**
 * Every count of a cell, ratings first, and which of them are the answers to one question: they add up
 * across cells like the ratings, so the disclosure audit checks each (the sums beside them are
 * protected by the same hidden cells, see README). A single-choice item's option counts are a question
 * like a score's bins; `choices` (choiceItemsOf all the cells audited together) puts them at the same
 * indices in every cell, 0 where a cell has no answer.
 */
export function countsOf(cell: CellStats, choices: ChoiceItem[] = choiceItemsOf([cell])): { counts: number[]; questions: { answered: number; values: number[] }[] } {
  const counts = [cell.ratings, cell.comments];
  const question = (n: number, values: number[]) => {
    const answered = counts.push(n) - 1;
    return { answered, values: values.map((v) => counts.push(v) - 1) };
  };
  const questions = METRICS.map((m) => question(cell.scores[m].n, cell.scores[m].bins));
  counts.push(cell.gap.n, ...Object.values(cell.emotionByNpsGroup).map((g) => g.n), cell.emotionNps.n);
  for (const { id, options } of choices) {
    const c = cell.choices[id]?.counts ?? new Array<number>(options.length).fill(0);
    questions.push(question(c.reduce((a, b) => a + b, 0), c));
  }
  return { counts, questions };
}

export function npsGroup(nps: number): NpsGroup {
  return nps >= PROMOTER_MIN ? 'promoter' : nps <= DETRACTOR_MAX ? 'detractor' : 'passive';
}

/**
 * Where each sum of a cell lives in a RatingSums array. A file adds one rating per row: packed in one
 * array, a rating touches a few adjacent numbers instead of a dozen objects.
 */
export interface SumsLayout {
  /** Length of the sums. */
  size: number;
  /** Offset of each metric's n, sum, sumSq and bins (from the scale's minimum). */
  metric: Record<Metric, number>;
  min: Record<Metric, number>;
  bins: Record<Metric, number>;
  /** Offsets of the gap's moments, the three NPS groups' emotion moments, and the emotion–NPS pair sums. */
  gap: number;
  groups: number;
  pair: number;
  /** Each single-choice item and the offset of its first option's count. */
  choices: (ChoiceItem & { at: number })[];
  /** How whole-number ratings are counted instead; null when the scales are too wide for it. */
  tally: TallyLayout | null;
}

/**
 * Counts of whole-number ratings in histograms: NPS × emotion, emotion × expectation, and one for each
 * of the other metrics (SINGLE_METRICS), with a slot for "no answer" (0) before each scale's values.
 * These determine every sum of the cell (the two pairs are all that the gap, the NPS groups' emotion
 * and the correlation need), and a rating adds 1 to a few counts instead of updating some 60 sums.
 */
export interface TallyLayout {
  size: number;
  /** Offsets of the NPS × emotion and emotion × expectation counts, and of each single metric's. */
  npsEmotion: number;
  emotionExpectation: number;
  single: Record<SingleMetric, number>;
  /** Slots per metric: its values and "no answer". */
  slots: Record<Metric, number>;
}

/** Above this many counts per cell (very wide scales), every rating is added to the sums. */
const MAX_TALLY_SIZE = 4096;

/** A cell being filled rating by rating (see addRating); cellFromSums turns it into CellStats. */
export interface RatingSums {
  sums: Float64Array;
  tally: Uint32Array;
}

const RATINGS = 0;
const COMMENTS = 1;

export function sumsLayout(scales: Scales, choiceItems: ChoiceItem[] = []): SumsLayout {
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
  let end = pair + 6;
  const choices = choiceItems.map((item) => {
    const at = end;
    end += item.options.length;
    return { ...item, at };
  });
  return { size: end, metric, min, bins, gap, groups, pair, choices, tally: tallyLayout(bins) };
}

function tallyLayout(bins: Record<Metric, number>): TallyLayout | null {
  const slots = {} as Record<Metric, number>;
  for (const m of METRICS) slots[m] = bins[m] + 1;
  const npsEmotion = 0;
  const emotionExpectation = npsEmotion + slots.nps * slots.emotion;
  let size = emotionExpectation + slots.emotion * slots.expectation;
  const single = {} as Record<SingleMetric, number>;
  for (const m of SINGLE_METRICS) {
    single[m] = size;
    size += slots[m];
  }
  return size > MAX_TALLY_SIZE ? null : { size, npsEmotion, emotionExpectation, single, slots };
}

export const emptySums = (layout: SumsLayout): RatingSums => ({ sums: new Float64Array(layout.size), tally: new Uint32Array(layout.tally?.size ?? 0) });

/** Adds the sums and counts of `from`, a cell of the same layout, into `into`. */
export function addSums(into: RatingSums, from: RatingSums): void {
  for (let i = 0; i < from.sums.length; i++) into.sums[i]! += from.sums[i]!;
  for (let i = 0; i < from.tally.length; i++) into.tally[i]! += from.tally[i]!;
}

/** A score's slot in the tally: 0 for no answer. */
const slot = (x: number | null, min: number): number => (x === null ? 0 : x - min + 1);

const wholeOrNone = (x: number | null): boolean => x === null || Number.isInteger(x);

/**
 * Adds one validated rating (scores within their scales). `chosen`: the option (index) chosen of each
 * of the layout's single-choice items, -1 for none. Respondents are counted by the caller.
 */
export function addRating(cell: RatingSums, layout: SumsLayout, r: RatingScores, hasComment: boolean, chosen?: ArrayLike<number>): void {
  const sums = cell.sums;
  sums[RATINGS]!++;
  if (hasComment) sums[COMMENTS]!++;
  if (chosen) for (let k = 0; k < layout.choices.length; k++) if (chosen[k]! >= 0) sums[layout.choices[k]!.at + chosen[k]!]!++;
  // Unrolled over the metrics: this runs for every row of a million-row file.
  const { nps, csat, ces, emotion, expectation, agreement, rating, yesno } = r;
  const min = layout.min;
  const t = layout.tally;
  // Agreement, rating and yes/no are whole numbers on their scales (rows.ts rejects others).
  if (t !== null && wholeOrNone(nps) && wholeOrNone(csat) && wholeOrNone(ces) && wholeOrNone(emotion) && wholeOrNone(expectation)) {
    const tally = cell.tally;
    const e = slot(emotion, min.emotion);
    const one = t.single;
    tally[t.npsEmotion + slot(nps, min.nps) * t.slots.emotion + e]!++;
    tally[t.emotionExpectation + e * t.slots.expectation + slot(expectation, min.expectation)]!++;
    tally[one.csat + slot(csat, min.csat)]!++;
    tally[one.ces + slot(ces, min.ces)]!++;
    if (agreement !== null) tally[one.agreement + slot(agreement, min.agreement)]!++;
    if (rating !== null) tally[one.rating + slot(rating, min.rating)]!++;
    if (yesno !== null) tally[one.yesno + slot(yesno, min.yesno)]!++;
    return;
  }
  addScores(sums, layout, r, 1);
}

/** Adds `count` ratings of the same scores to the sums. */
function addScores(sums: Float64Array, layout: SumsLayout, r: RatingScores, count: number): void {
  const { nps, csat, ces, emotion, expectation, agreement, rating, yesno } = r;
  const at = layout.metric;
  const min = layout.min;
  if (nps !== null) addScore(sums, at.nps, nps, min.nps, count);
  if (csat !== null) addScore(sums, at.csat, csat, min.csat, count);
  if (ces !== null) addScore(sums, at.ces, ces, min.ces, count);
  if (agreement !== null) addScore(sums, at.agreement, agreement, min.agreement, count);
  if (rating !== null) addScore(sums, at.rating, rating, min.rating, count);
  if (yesno !== null) addScore(sums, at.yesno, yesno, min.yesno, count);
  if (emotion !== null) addScore(sums, at.emotion, emotion, min.emotion, count);
  if (expectation !== null) addScore(sums, at.expectation, expectation, min.expectation, count);
  if (emotion !== null && expectation !== null) addMoment(sums, layout.gap, emotion - expectation, count);
  if (emotion !== null && nps !== null) {
    addMoment(sums, layout.groups + (nps >= PROMOTER_MIN ? 6 : nps <= DETRACTOR_MAX ? 0 : 3), emotion, count);
    const p = layout.pair;
    sums[p]! += count;
    sums[p + 1]! += count * emotion;
    sums[p + 2]! += count * nps;
    sums[p + 3]! += count * emotion * emotion;
    sums[p + 4]! += count * nps * nps;
    sums[p + 5]! += count * emotion * nps;
  }
}

function addMoment(sums: Float64Array, at: number, x: number, count: number): void {
  sums[at]! += count;
  sums[at + 1]! += count * x;
  sums[at + 2]! += count * x * x;
}

function addScore(sums: Float64Array, at: number, x: number, min: number, count: number): void {
  addMoment(sums, at, x, count);
  // Halves round away from zero on both sides (−2.5 → −3, 2.5 → 3), unlike Math.round.
  sums[at + 3 + (x < 0 ? -Math.round(-x) : Math.round(x)) - min]! += count;
}

/**
 * The sums of a cell's tallied ratings added to those of the rest. Whole numbers times whole counts:
 * exact, whatever the order (below 2^53).
 */
function settledSums(cell: RatingSums, layout: SumsLayout): Float64Array {
  const sums = cell.sums.slice();
  const t = layout.tally;
  if (t === null) return sums;
  const { slots } = t;
  const min = layout.min;
  const value = (slotOf: number, m: Metric) => (slotOf === 0 ? null : slotOf - 1 + min[m]);
  const tally = cell.tally;
  const none = noScores();
  // The pair sums and the NPS groups' emotion come from NPS × emotion; the gap from emotion × expectation.
  for (let n = 0; n < slots.nps; n++) {
    for (let e = 0; e < slots.emotion; e++) {
      const count = tally[t.npsEmotion + n * slots.emotion + e]!;
      if (count > 0) addScores(sums, layout, { ...none, nps: value(n, 'nps'), emotion: value(e, 'emotion') }, count);
    }
  }
  const at = layout.metric;
  for (let e = 0; e < slots.emotion; e++) {
    for (let x = 0; x < slots.expectation; x++) {
      const count = tally[t.emotionExpectation + e * slots.expectation + x]!;
      const emotion = value(e, 'emotion');
      const expectation = value(x, 'expectation');
      if (count === 0 || expectation === null) continue;
      addScore(sums, at.expectation, expectation, min.expectation, count);
      if (emotion !== null) addMoment(sums, layout.gap, emotion - expectation, count);
    }
  }
  for (const m of SINGLE_METRICS) {
    for (let k = 1; k < slots[m]; k++) {
      const count = tally[t.single[m] + k]!;
      if (count > 0) addScore(sums, at[m], value(k, m)!, min[m], count);
    }
  }
  return sums;
}

/** The CellStats of a cell's sums and tally; respondents are the caller's to set. */
export function cellFromSums(cell: RatingSums, layout: SumsLayout): CellStats {
  const sums = settledSums(cell, layout);
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
    choices: Object.fromEntries(
      layout.choices
        .map(({ id, options, at }): [string, ChoiceCounts] => [id, { options, counts: Array.from(sums.subarray(at, at + options.length)) }])
        .filter(([, c]) => c.counts.some((count) => count > 0)),
    ),
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
  for (const [id, c] of Object.entries(from.choices)) {
    const own = into.choices[id];
    if (!own) into.choices[id] = { options: [...c.options], counts: [...c.counts] };
    else if (own.options.length !== c.options.length || own.options.some((o, i) => o !== c.options[i])) throw new Error(`cannot merge single-choice item ${id} with different options`);
    else for (let i = 0; i < c.counts.length; i++) own.counts[i]! += c.counts[i]!;
  }
  return into;
}
