// The published figures of one cell (NPS, CSAT, CES, emotion, expectation gap, agreement, rating,
// yes/no), and the weighted
// counts their change tests use (src/lib/stats/measures.ts). Formulas: see the methodology page.
import type { CellStats, ChoiceCounts, ScoreStats } from './aggregate.ts';
import { cesEasyMin, topTwoMin, DETRACTOR_MAX, PROMOTER_MIN, type Scales } from './metrics.ts';
import {
  meanWithInterval,
  npsWithMargin,
  wilsonInterval,
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
  /** Agreement (Likert): share in the top-2 box with a Wilson interval, and the mean. */
  agreement: { n: number; topTwo: Interval; mean: Interval | null } | null;
  /** A rating on its scale: the mean, and the share of the top box (the scale's maximum) with a Wilson interval. */
  rating: { n: number; mean: Interval | null; topBox: Interval } | null;
  /** Yes/no: the share of yes with a Wilson interval. */
  yesno: { n: number; yes: Interval } | null;
  /** Single-choice items by id: each option's share of the answers, with a Wilson interval. */
  choices: Record<string, ChoiceFigures>;
}

export interface ChoiceFigures {
  n: number;
  options: { option: string; count: number; share: Interval }[];
}

export function countFrom(s: ScoreStats, scaleMin: number, from: number, to = Infinity): number {
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
 * The weight of one answer in intervals and tests. A pooled cell (a journey, a stage, a snapshot)
 * holds several answers from each respondent, and one respondent's answers go together: counted as
 * independent, they would make intervals too narrow and changes look significant when they are not.
 * So a metric's answers count, together, as no more than the cell's respondents (Kish's effective
 * sample size, with answers per respondent as the design effect: answers perfectly correlated within a
 * respondent). That is cautious for a pooled cell, and exact for a touchpoint, where each respondent
 * answers once (weight 1). A metric with fewer answers than the cell has respondents keeps weight 1:
 * who gave them is not in the aggregate.
 */
export function answerWeight(answers: number, respondents: number): number {
  return respondents > 0 && answers > respondents ? respondents / answers : 1;
}

export const weighted = (m: Moments, respondents: number): Moments => {
  const w = answerWeight(m.n, respondents);
  return { n: m.n * w, sum: m.sum * w, sumSq: m.sumSq * w };
};
export const weightedCounts = (c: NpsCounts, respondents: number): NpsCounts => {
  const w = answerWeight(c.promoters + c.passives + c.detractors, respondents);
  return { promoters: c.promoters * w, passives: c.passives * w, detractors: c.detractors * w };
};
/** A share's successes and answers, weighted. */
export const weightedShare = (successes: number, n: number, respondents: number): [number, number] => {
  const w = answerWeight(n, respondents);
  return [successes * w, n * w];
};

export function figuresOf(cell: CellStats, scales: Scales): Figures {
  const { nps, csat, ces, emotion, expectation, agreement, rating, yesno } = cell.scores;
  const mean = (m: Moments) => {
    const x = weighted(m, cell.respondents);
    return meanWithInterval(x.n, x.sum, x.sumSq);
  };
  const counts = npsCounts(nps);
  const c = weightedCounts(counts, cell.respondents);
  const npsInterval = npsWithMargin(c.promoters, c.passives, c.detractors);
  const satisfied = wilsonInterval(...weightedShare(countFrom(csat, scales.csat.min, topTwoMin(scales.csat)), csat.n, cell.respondents));
  const share = (s: ScoreStats, min: number, from: number) => wilsonInterval(...weightedShare(countFrom(s, min, from), s.n, cell.respondents));
  const easy = share(ces, scales.ces.min, cesEasyMin(scales.ces));
  const topTwo = share(agreement, scales.agreement.min, topTwoMin(scales.agreement));
  const topBox = share(rating, scales.rating.min, scales.rating.max);
  const yes = share(yesno, 0, 1);
  return {
    nps: npsInterval && { ...npsInterval, ...counts, n: nps.n },
    csat: satisfied && { n: csat.n, satisfied, mean: mean(csat) },
    ces: easy && { n: ces.n, mean: mean(ces), easy },
    emotion: emotion.n ? { n: emotion.n, mean: mean(emotion) } : null,
    expectation: expectation.n ? { n: expectation.n, mean: mean(expectation) } : null,
    gap: cell.gap.n ? { n: cell.gap.n, mean: mean(cell.gap) } : null,
    agreement: topTwo && { n: agreement.n, topTwo, mean: mean(agreement) },
    rating: topBox && { n: rating.n, mean: mean(rating), topBox },
    yesno: yes && { n: yesno.n, yes },
    choices: Object.fromEntries(Object.entries(cell.choices).map(([id, c]) => [id, choiceFigures(c, cell.respondents)])),
  };
}

/** An option's share is one Wilson interval each (not simultaneous intervals for all options). */
function choiceFigures(c: ChoiceCounts, respondents: number): ChoiceFigures {
  const n = c.counts.reduce((a, b) => a + b, 0);
  return { n, options: c.options.map((option, i) => ({ option, count: c.counts[i]!, share: wilsonInterval(...weightedShare(c.counts[i]!, n, respondents))! })) };
}
