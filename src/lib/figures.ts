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

const mean = (s: { n: number; sum: number; sumSq: number }) => meanWithInterval(s.n, s.sum, s.sumSq);

export function figuresOf(cell: CellStats, scales: Scales): Figures {
  const { nps, csat, ces, emotion, expectation } = cell.scores;
  const counts = npsCounts(nps);
  const npsInterval = npsWithMargin(counts.promoters, counts.passives, counts.detractors);
  const satisfied = wilsonInterval(countFrom(csat, scales.csat.min, csatSatisfiedMin(scales.csat)), csat.n);
  const easy = wilsonInterval(countFrom(ces, scales.ces.min, cesEasyMin(scales.ces)), ces.n);
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
  const satisfied = (s: ScoreStats) => countFrom(s, scales.csat.min, csatSatisfiedMin(scales.csat));
  return {
    nps: npsChange(npsCounts(c.nps), npsCounts(p.nps)),
    csatSatisfied: proportionChange(satisfied(c.csat), c.csat.n, satisfied(p.csat), p.csat.n),
    cesMean: meanChange(c.ces, p.ces),
    emotionMean: meanChange(c.emotion, p.emotion),
  };
}
