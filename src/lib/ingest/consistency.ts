// What must hold of every SnapshotIngest, however it was made: the counts, bins and sums of a read
// agree with one another. A snapshot cache entry is checked against them before it is published
// (snapshot-cache.ts): a figure edited by hand, or a file damaged on disk, that breaks one of them is
// refused. Sums are compared with a tolerance (sums of fractions added in another order differ in
// the last bits); counts exactly.
import { type CellStats, type PairMoments } from '../stats/aggregate.ts';
import { COMMENTS_PER_GROUP, type SnapshotIngest } from './ingest.ts';
import { binCount, DETRACTOR_MAX, METRICS, PROMOTER_MIN, type Scale, type Scales } from '../stats/metrics.ts';
import type { Moments } from '../stats/stats.ts';

/** Comments a touchpoint's sample holds at most: one group per NPS group, and one without an NPS answer. */
const MAX_SAMPLED_COMMENTS = 4 * COMMENTS_PER_GROUP;

class Inconsistent extends Error {}

const fail = (problem: string): never => {
  throw new Inconsistent(problem);
};

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

function count(x: unknown, what: string): number {
  return isCount(x) ? x : fail(`${what} is ${JSON.stringify(x)}, not a count`);
}

function finite(x: unknown, what: string): number {
  return typeof x === 'number' && Number.isFinite(x) ? x : fail(`${what} is ${JSON.stringify(x)}, not a number`);
}

/** a ≤ b, but for the last bits of sums added in another order. */
const atMost = (a: number, b: number) => a <= b + 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function within(x: number, low: number, high: number, what: string): void {
  if (!atMost(low, x) || !atMost(x, high)) fail(`${what} is ${x}, outside ${low}…${high}`);
}

/** n, sum and sumSq of `n` answers each between `min` and `max`. */
function checkMoments(m: Moments, min: number, max: number, what: string): void {
  const n = count(m?.n, `${what} n`);
  const sum = finite(m.sum, `${what} sum`);
  const sumSq = finite(m.sumSq, `${what} sum of squares`);
  within(sum, n * min, n * max, `${what} sum of ${n} answers`);
  within(sumSq, n === 0 ? 0 : (sum * sum) / n, n * Math.max(min * min, max * max), `${what} sum of squares of ${n} answers`);
}

/** A score's moments against its bins: whole scores add up exactly, a fraction is at most ½ from its bin. */
function checkScore(cell: CellStats, metric: (typeof METRICS)[number], scale: Scale, where: string): void {
  const s = cell.scores?.[metric] ?? fail(`${where}: no ${metric} statistics`);
  const what = `${where}: ${metric}`;
  if (!Array.isArray(s.bins) || s.bins.length !== binCount(scale)) fail(`${what} has ${s.bins?.length} bins for the scale ${scale.min}…${scale.max}`);
  checkMoments(s, scale.min, scale.max, what);
  let binned = 0;
  let low = 0;
  let high = 0;
  let squares = 0;
  s.bins.forEach((b, i) => {
    const v = scale.min + i;
    binned += count(b, `${what} bin ${v}`);
    low += b * (scale.integer ? v : Math.max(scale.min, v - 0.5));
    high += b * (scale.integer ? v : Math.min(scale.max, v + 0.5));
    squares += b * v * v;
  });
  if (binned !== s.n) fail(`${what} has ${s.n} answers but its bins count ${binned}`);
  if (s.n > cell.ratings) fail(`${what} has ${s.n} answers from ${cell.ratings} ratings`);
  within(s.sum, low, high, `${what} sum (from its bins)`);
  if (scale.integer) within(s.sumSq, squares, squares, `${what} sum of squares (from its bins)`);
}

function checkPair(p: PairMoments, scales: Scales, what: string): void {
  const n = count(p?.n, `${what} n`);
  checkMoments({ n, sum: p.sumX, sumSq: p.sumXX }, scales.emotion.min, scales.emotion.max, `${what} (emotion)`);
  checkMoments({ n, sum: p.sumY, sumSq: p.sumYY }, scales.nps.min, scales.nps.max, `${what} (NPS)`);
  // Cauchy–Schwarz: |Σxy| ≤ √(Σx²·Σy²).
  within(finite(p.sumXY, `${what} sum of products`), -Math.sqrt(p.sumXX * p.sumYY), Math.sqrt(p.sumXX * p.sumYY), `${what} sum of products`);
}

/** One cell's counts, bins and sums. `oneRatingEach`: a touchpoint's cell, whose respondents are its ratings. */
function checkCell(cell: CellStats, scales: Scales, where: string, oneRatingEach: boolean): void {
  const ratings = count(cell?.ratings, `${where}: ratings`);
  const respondents = count(cell.respondents, `${where}: respondents`);
  if (respondents > ratings) fail(`${where}: ${respondents} respondents gave ${ratings} ratings`);
  if (oneRatingEach && respondents !== ratings) fail(`${where}: ${respondents} respondents gave ${ratings} ratings (one each at a touchpoint)`);
  if (count(cell.comments, `${where}: comments`) > ratings) fail(`${where}: ${cell.comments} comments on ${ratings} ratings`);
  for (const m of METRICS) checkScore(cell, m, scales[m], where);
  const { emotion, expectation, nps } = cell.scores;
  checkMoments(cell.gap, scales.emotion.min - scales.expectation.max, scales.emotion.max - scales.expectation.min, `${where}: gap`);
  if (cell.gap.n > Math.min(emotion.n, expectation.n)) fail(`${where}: gap has ${cell.gap.n} answers, more than emotion's or expectation's`);
  checkPair(cell.emotionNps, scales, `${where}: emotion–NPS pairs`);
  if (cell.emotionNps.n > Math.min(emotion.n, nps.n)) fail(`${where}: ${cell.emotionNps.n} emotion–NPS pairs, more than emotion's or NPS answers`);
  const npsIn = (from: number, to: number) => nps.bins.slice(from - scales.nps.min, to - scales.nps.min + 1).reduce((a, b) => a + b, 0);
  const bands = { detractor: npsIn(scales.nps.min, DETRACTOR_MAX), passive: npsIn(DETRACTOR_MAX + 1, PROMOTER_MIN - 1), promoter: npsIn(PROMOTER_MIN, scales.nps.max) };
  let grouped = 0;
  let groupedSum = 0;
  for (const g of ['detractor', 'passive', 'promoter'] as const) {
    const m = cell.emotionByNpsGroup?.[g] ?? fail(`${where}: no emotion of ${g}s`);
    checkMoments(m, scales.emotion.min, scales.emotion.max, `${where}: emotion of ${g}s`);
    if (m.n > bands[g]) fail(`${where}: emotion of ${m.n} ${g}s, but ${bands[g]} NPS answers are ${g}s`);
    grouped += m.n;
    groupedSum += m.sum;
  }
  if (grouped !== cell.emotionNps.n) fail(`${where}: the NPS groups' emotion counts ${grouped} answers, the emotion–NPS pairs ${cell.emotionNps.n}`);
  within(groupedSum, cell.emotionNps.sumX, cell.emotionNps.sumX, `${where}: the NPS groups' emotion sum`);
}

/** The counts of `parts` (a touchpoint's channels or segments) add up to those of `all`. */
function checkParts(all: CellStats, parts: Record<string, CellStats>, where: string): void {
  const total = (get: (c: CellStats) => number) => Object.values(parts).reduce((sum, c) => sum + get(c), 0);
  const counts: [string, (c: CellStats) => number][] = [['ratings', (c) => c.ratings], ['respondents', (c) => c.respondents], ['comments', (c) => c.comments]];
  for (const m of METRICS) all.scores[m].bins.forEach((_, i) => counts.push([`${m} bin ${i}`, (c) => c.scores[m].bins[i]!]));
  for (const [what, get] of counts) if (total(get) !== get(all)) fail(`${where}: ${what} is ${get(all)}, its parts add up to ${total(get)}`);
}

function checkIngest(ingest: SnapshotIngest, scales: Scales): void {
  const a = ingest.account ?? fail('no account of the file');
  const read = count(a.rowsRead, 'rows read');
  if (read !== count(a.accepted, 'accepted rows') + count(a.rejected, 'rejected rows') + count(a.empty, 'empty responses')) fail(`rows read ${read} is not accepted ${a.accepted} + rejected ${a.rejected} + empty ${a.empty}`);
  if (count(a.ownRespondentRows, 'rows without an id') > a.accepted) fail(`${a.ownRespondentRows} accepted rows without an id, of ${a.accepted} accepted`);
  const dropped = count(a.placeholderComments, 'placeholder comments') + count(a.shortComments, 'short comments');
  if (dropped > count(a.ratings, 'ratings')) fail(`${dropped} comments not quoted, of ${a.ratings} ratings`);
  const byReason = Object.values(a.rejectedByReason ?? {}).reduce((sum, n) => sum + count(n, 'rejected rows of a reason'), 0);
  if (byReason !== a.rejected) fail(`${a.rejected} rejected rows, but ${byReason} by reason`);
  const p = ingest.period;
  if (p !== null && !(atMost(p.first, p.median ?? p.first) && atMost(p.median ?? p.last, p.last))) fail(`the period ${p.first}…${p.last} (median ${p.median}) is out of order`);
  const total = count(ingest.respondents, 'respondents');

  let ratings = 0;
  for (const [journey, j] of Object.entries(ingest.journeys ?? fail('no journeys'))) {
    let journeyRatings = 0;
    for (const [tp, cells] of Object.entries(j.touchpoints)) {
      const where = `${journey}/${tp}`;
      checkCell(cells.all, scales, where, true);
      for (const [kind, parts] of [['channel', cells.channels], ['segment', cells.segments]] as const) {
        for (const [name, cell] of Object.entries(parts)) checkCell(cell, scales, `${where} (${kind} ${name})`, true);
        checkParts(cells.all, parts, `${where} (by ${kind})`);
      }
      const sampled = ingest.comments?.[journey]?.[tp]?.length ?? 0;
      if (sampled > Math.min(cells.all.comments, MAX_SAMPLED_COMMENTS)) fail(`${where}: ${sampled} comments sampled from ${cells.all.comments}`);
      journeyRatings += cells.all.ratings;
    }
    ratings += journeyRatings;
    const r = j.respondents;
    const all = count(r.all, `${journey}: respondents`);
    if (all > total) fail(`${journey}: ${all} respondents, more than the snapshot's ${total}`);
    if (all > journeyRatings) fail(`${journey}: ${all} respondents gave ${journeyRatings} ratings`);
    for (const [kind, counts] of [['stage', r.stages], ['channel', r.channels], ['segment', r.segments]] as const) {
      for (const [name, n] of Object.entries(counts)) if (count(n, `${journey} (${kind} ${name}): respondents`) > all) fail(`${journey} (${kind} ${name}): ${n} respondents, more than the journey's ${all}`);
    }
  }
  if (total > ratings) fail(`${total} respondents gave ${ratings} ratings`);
  if (a.ratings !== ratings) fail(`the file's account has ${a.ratings} ratings, its touchpoints ${ratings}`);
}

/**
 * Why the ingest cannot be what a read of its file gave (the first problem found, naming the cell),
 * or null when every count, bin and sum agrees. Scales are those the file was read with.
 */
export function checkIngestConsistency(ingest: SnapshotIngest, scales: Scales): string | null {
  try {
    checkIngest(ingest, scales);
    return null;
  } catch (error) {
    // A field missing altogether (an entry of another shape) fails on its way in, as a malformed entry.
    if (error instanceof Inconsistent) return error.message;
    if (error instanceof TypeError) return `malformed: ${error.message}`;
    throw error;
  }
}
