// The published figures of one cell (NPS, CSAT, CES, emotion, expectation gap), and their change
// against the same cell in the previous snapshot. Formulas: see the methodology page.
import type { CellStats, ScoreStats } from './aggregate.ts';
import { cesEasyMin, csatSatisfiedMin, DETRACTOR_MAX, PROMOTER_MIN, type Scales } from './metrics.ts';
import {
  meanChange,
  meanWithInterval,
  npsChange,
  npsWithMargin,
  proportionChange,
  wilsonInterval,
  type ChangeTest,
  type Interval,
  type Moments,
  type NpsCounts,
} from './stats.ts';

export interface Figures {
  nps: (Interval & NpsCounts & { n: number }) | null;
  /** CSAT: share satisfied (top-2 box) with a Wilson interval, and the mean. */
  csat: { n: number; satisfied: Interval; mean: Interval | null } | null;
  /** CES: mean, and share of easy answers (above the midpoint). */
  ces: { n: number; mean: Interval | null; easy: Interval } | null;
  emotion: { n: number; mean: Interval | null } | null;
  expectation: { n: number; mean: Interval | null } | null;
  /** Delivered minus expected experience; negative when the touchpoint falls short of expectations. */
  gap: { n: number; mean: Interval | null } | null;
}

export interface Changes {
  nps: ChangeTest | null;
  csatSatisfied: ChangeTest | null;
  cesMean: ChangeTest | null;
  emotionMean: ChangeTest | null;
}

function countFrom(s: ScoreStats, scaleMin: number, from: number, to = Infinity): number {
  let count = 0;
  s.bins.forEach((c, i) => {
    const value = scaleMin + i;
    if (value >= from && value <= to) count += c;
  });
  return count;
}

export function npsCounts(s: ScoreStats): NpsCounts {
  const promoters = countFrom(s, 0, PROMOTER_MIN);
  const detractors = countFrom(s, 0, 0, DETRACTOR_MAX);
  return { promoters, detractors, passives: s.n - promoters - detractors };
}

/**
 * The weight of one rating in intervals and tests. A pooled cell (a journey, a stage, a snapshot)
 * holds several ratings from each respondent, and one respondent's ratings go together: counted as
 * independent, they would make intervals too narrow and changes look significant when they are not.
 * So each respondent's ratings count as one (Kish's effective sample size, with ratings per respondent
 * as the design effect: ratings perfectly correlated within a respondent). That is conservative for a
 * pooled cell and exact for a touchpoint, where each respondent gives one rating (weight 1).
 */
export function ratingWeight(cell: CellStats): number {
  return cell.respondents > 0 && cell.ratings > cell.respondents ? cell.respondents / cell.ratings : 1;
}

const weighted = (m: Moments, w: number): Moments => ({ n: m.n * w, sum: m.sum * w, sumSq: m.sumSq * w });
const weightedCounts = (c: NpsCounts, w: number): NpsCounts => ({ promoters: c.promoters * w, passives: c.passives * w, detractors: c.detractors * w });

export function figuresOf(cell: CellStats, scales: Scales): Figures {
  const { nps, csat, ces, emotion, expectation } = cell.scores;
  const w = ratingWeight(cell);
  const mean = (m: Moments) => {
    const x = weighted(m, w);
    return meanWithInterval(x.n, x.sum, x.sumSq);
  };
  const counts = npsCounts(nps);
  const c = weightedCounts(counts, w);
  const npsInterval = npsWithMargin(c.promoters, c.passives, c.detractors);
  const satisfied = wilsonInterval(countFrom(csat, scales.csat.min, csatSatisfiedMin(scales.csat)) * w, csat.n * w);
  const easy = wilsonInterval(countFrom(ces, scales.ces.min, cesEasyMin(scales.ces)) * w, ces.n * w);
  return {
    nps: npsInterval && { ...npsInterval, ...counts, n: nps.n },
    csat: satisfied && { n: csat.n, satisfied, mean: mean(csat) },
    ces: easy && { n: ces.n, mean: mean(ces), easy },
    emotion: emotion.n ? { n: emotion.n, mean: mean(emotion) } : null,
    expectation: expectation.n ? { n: expectation.n, mean: mean(expectation) } : null,
    gap: cell.gap.n ? { n: cell.gap.n, mean: mean(cell.gap) } : null,
  };
}

export function changesOf(current: CellStats, previous: CellStats, scales: Scales): Changes {
  const c = current.scores;
  const p = previous.scores;
  const wc = ratingWeight(current);
  const wp = ratingWeight(previous);
  const satisfied = (s: ScoreStats) => countFrom(s, scales.csat.min, csatSatisfiedMin(scales.csat));
  return {
    nps: npsChange(weightedCounts(npsCounts(c.nps), wc), weightedCounts(npsCounts(p.nps), wp)),
    csatSatisfied: proportionChange(satisfied(c.csat) * wc, c.csat.n * wc, satisfied(p.csat) * wp, p.csat.n * wp),
    cesMean: meanChange(weighted(c.ces, wc), weighted(p.ces, wp)),
    emotionMean: meanChange(weighted(c.emotion, wc), weighted(p.emotion, wp)),
  };
}
