import { describe, expect, it } from 'vitest';
import { addRating, cellFromSums, emptyCell, emptySums, noScores, sumsLayout, type CellStats } from './aggregate.ts';
import { figuresOf, npsCounts } from './figures.ts';
import { changesOf } from './measures.ts';
import { DEFAULT_SCALES, type Metric, type Scales } from './metrics.ts';

const S = DEFAULT_SCALES;

/** A cell with the given answers per metric (answered separately, as in different rows). */
function cell(answers: Partial<Record<Metric, number[]>>, scales: Scales = S): CellStats {
  const layout = sumsLayout(scales);
  const sums = emptySums(layout);
  for (const [metric, xs] of Object.entries(answers) as [Metric, number[]][]) {
    for (const x of xs) {
      const r = noScores();
      r[metric] = x;
      addRating(sums, layout, r, false);
    }
  }
  return cellFromSums(sums, layout);
}

const NPS_10 = [10, 10, 9, 9, 9, 8, 8, 7, 3, 0];

describe('figuresOf: NPS', () => {
  it('10 answers 10,10,9,9,9,8,8,7,3,0: 5 promoters, 3 passives, 2 detractors, NPS 30 ± 48.41', () => {
    const f = figuresOf(cell({ nps: NPS_10 }), S);
    expect(npsCounts(cell({ nps: NPS_10 }).scores.nps)).toEqual({ promoters: 5, passives: 3, detractors: 2 });
    expect(f.nps).toMatchObject({ promoters: 5, passives: 3, detractors: 2, n: 10 });
    expect(f.nps!.value).toBeCloseTo(30, 10);
    // 100 · 1.959964 · √((0.5 + 0.2 − 0.3²) / 10) = 100 · 1.959964 · √0.061
    expect(f.nps!.margin).toBeCloseTo(48.41, 2);
    expect(f.nps!.low).toBeCloseTo(30 - 48.4075, 3);
    expect(f.nps!.high).toBeCloseTo(30 + 48.4075, 3);
  });

  it('is null without NPS answers, like every other empty figure', () => {
    const f = figuresOf(emptyCell(S), S);
    expect(f).toEqual({ nps: null, csat: null, ces: null, emotion: null, expectation: null, gap: null, agreement: null, rating: null, yesno: null, choices: {} });
  });

  it('all promoters: NPS 100 with no margin', () => {
    const f = figuresOf(cell({ nps: [9, 10, 10] }), S);
    expect(f.nps).toMatchObject({ value: 100, margin: 0, promoters: 3, passives: 0, detractors: 0 });
  });
});

describe('figuresOf: CSAT, CES, emotion, gap', () => {
  it('CSAT on 1–5: top-2 box is 4–5 (3 of 5,5,4,3,2,1), with a Wilson interval, and the mean', () => {
    const f = figuresOf(cell({ csat: [5, 5, 4, 3, 2, 1] }), S);
    expect(f.csat!.n).toBe(6);
    expect(f.csat!.satisfied.value).toBe(0.5);
    // centre 0.5; half-width z/(n+z²)·√(s(n−s)/n + z²/4) = 1.959964/9.841459 · √(1.5 + 0.960365) = 0.31238
    expect(f.csat!.satisfied.low).toBeCloseTo(0.18762, 4);
    expect(f.csat!.satisfied.high).toBeCloseTo(0.81238, 4);
    // mean 20/6, s² = (80 − 400/6)/5 = 2.6667, margin t(5)·s/√6 = 2.5703 · 0.66667
    expect(f.csat!.mean!.value).toBeCloseTo(3.33333, 4);
    expect(f.csat!.mean!.margin).toBeCloseTo(1.71354, 4);
  });

  it('CSAT on 1–7: top-2 box is 6–7', () => {
    const scales: Scales = { ...S, csat: { min: 1, max: 7, integer: true } };
    const f = figuresOf(cell({ csat: [7, 6, 5, 5] }, scales), scales);
    expect(f.csat!.satisfied.value).toBe(0.5);
  });

  it('CES on 1–7: easy is 5–7 (4 of 7,6,5,5,4,3,2,1)', () => {
    const f = figuresOf(cell({ ces: [7, 6, 5, 5, 4, 3, 2, 1] }), S);
    expect(f.ces!.n).toBe(8);
    expect(f.ces!.easy.value).toBe(0.5);
    expect(f.ces!.easy.low).toBeCloseTo(0.21522, 4);
    expect(f.ces!.mean!.value).toBe(4.125);
  });

  it('CES on 1–5: easy is 4–5', () => {
    const scales: Scales = { ...S, ces: { min: 1, max: 5, integer: true } };
    const f = figuresOf(cell({ ces: [5, 4, 3, 3] }, scales), scales);
    expect(f.ces!.easy.value).toBe(0.5);
  });

  it('a single answer has a share but no mean interval', () => {
    const f = figuresOf(cell({ csat: [4], emotion: [2] }), S);
    expect(f.csat!.satisfied.value).toBe(1);
    expect(f.csat!.mean).toBeNull();
    expect(f.emotion).toEqual({ n: 1, mean: null });
  });

  it('emotion, expectation and the gap', () => {
    const layout = sumsLayout(S);
    const sums = emptySums(layout);
    for (const [emotion, expectation] of [
      [2, 1],
      [-1, 1],
      [0.5, 0.5],
      [3, null],
    ] as const) {
      addRating(sums, layout, { ...noScores(), emotion, expectation }, false);
    }
    const f = figuresOf(cellFromSums(sums, layout), S);
    expect(f.emotion!.n).toBe(4);
    expect(f.emotion!.mean!.value).toBe(1.125); // (2 − 1 + 0.5 + 3) / 4
    expect(f.expectation!.mean!.value).toBeCloseTo(2.5 / 3, 10);
    expect(f.gap!.n).toBe(3);
    expect(f.gap!.mean!.value).toBeCloseTo(-1 / 3, 10); // (1 − 2 + 0) / 3: short of expectations
  });
});

describe('a pooled cell: several answers per respondent', () => {
  /** A journey's cell: each of `respondents` people gave the answers listed for them `times` times (one per touchpoint). */
  const pooled = (answers: Partial<Record<Metric, number[]>>, respondents: number, times = 2) => {
    const c = cell(Object.fromEntries(Object.entries(answers).map(([m, xs]) => [m, Array.from({ length: times }, () => xs).flat()])));
    c.respondents = respondents;
    return c;
  };
  const CSAT_10 = [5, 5, 4, 3, 2, 1, 5, 4, 3, 2];

  it('10 respondents who each gave the same NPS twice: the margin of 10 answers (48.41), not of 20 (34.23)', () => {
    const f = figuresOf(pooled({ nps: NPS_10 }, 10), S);
    expect(f.nps).toMatchObject({ promoters: 10, passives: 6, detractors: 4, n: 20 });
    expect(f.nps!.value).toBeCloseTo(30, 10);
    // 100 · 1.959964 · √(0.61 / 10); √(0.61 / 20) would give 34.23
    expect(f.nps!.margin).toBeCloseTo(48.41, 2);
  });

  it('CSAT of 10 respondents answering twice: the Wilson and t intervals of 10 answers', () => {
    const f = figuresOf(pooled({ csat: CSAT_10 }, 10), S);
    expect(f.csat!.n).toBe(20);
    expect(f.csat!.satisfied.value).toBe(0.5);
    // centre 0.5; half-width 1.959964/13.841459 · √(5·5/10 + 0.960365) = 0.263407
    expect(f.csat!.satisfied.low).toBeCloseTo(0.236593, 5);
    expect(f.csat!.satisfied.high).toBeCloseTo(0.763407, 5);
    // mean 3.4, s² = (134 − 115.6)/9 = 2.04444, margin t(9)·√(2.04444/10) = 2.262157 · 0.452155
    expect(f.csat!.mean!.value).toBeCloseTo(3.4, 10);
    expect(f.csat!.mean!.margin).toBeCloseTo(1.022843, 5);
  });

  it('a metric with no more answers than respondents keeps the intervals of its answers', () => {
    // NPS asked once per respondent, emotion by 2 of them, CSAT at every touchpoint.
    const c = cell({ nps: NPS_10, emotion: [1, 2], csat: Array.from({ length: 3 }, () => CSAT_10).flat() });
    c.respondents = 10;
    const f = figuresOf(c, S);
    expect(f.nps!.margin).toBeCloseTo(48.41, 2);
    // mean 1.5, s² = 0.5, margin t(1)·√(0.5/2) = 12.7062 · 0.5
    expect(f.emotion!.mean!.margin).toBeCloseTo(6.3531, 3);
    expect(f.csat!.mean!.margin).toBeCloseTo(1.022843, 5);
  });

  it('tests changes as for its respondents', () => {
    const now = { nps: NPS_10, csat: CSAT_10, ces: [7, 6, 5, 5, 4, 3, 2, 1, 4, 4], emotion: [1, 2, 0, 1, 3, -1, 2, 1, 0, 1] };
    const before = { nps: [8, 8, 8, 8, 8, 8, 8, 8, 8, 8], csat: [5, 3, 3, 2, 2, 1, 1, 2, 3, 3], ces: [3, 3, 4, 2, 3, 3, 4, 2, 3, 3], emotion: [0, 0, 1, -1, 0, 0, 1, 0, 0, -1] };
    const ch = changesOf(pooled(now, 10), pooled(before, 10), S);
    expect(ch).toEqual(changesOf(cell(now), cell(before), S));
    // NPS 30 vs 0: z = 0.3 / √(0.061 / 1), as for 10 answers each
    expect(ch.nps!.z).toBeCloseTo(1.21466, 4);
  });
});

describe('changesOf', () => {
  it('tests NPS, CSAT share and the CES and emotion means against the previous snapshot', () => {
    const current = cell({ nps: NPS_10, csat: [5, 5, 4, 3, 2, 1], ces: [7, 6, 5, 5, 4, 3, 2, 1], emotion: [1, 2] });
    const previous = cell({ nps: [8, 8, 8, 8, 8, 8, 8, 8, 8, 8], csat: [5, 3, 3, 2, 2, 1], ces: [3, 3, 4, 2], emotion: [1] });
    const ch = changesOf(current, previous, S);
    // NPS 30 vs 0: z = 0.3 / √(0.061 + 0) = 1.2147
    expect(ch.nps!.delta).toBeCloseTo(30, 10);
    expect(ch.nps!.z).toBeCloseTo(1.21466, 4);
    expect(ch.nps!.significant).toBe(false);
    // 3/6 vs 1/6: z = (1/3) / √(0.25/6 + (5/36)/6) = 1.3093
    expect(ch.csatSatisfied!.delta).toBeCloseTo(1 / 3, 10);
    expect(ch.csatSatisfied!.z).toBeCloseTo(1.30931, 4);
    expect(ch.csatSatisfied!.significant).toBe(false);
    // CES 4.125 vs 3: Welch t = 1.125 / √(4.125/8 + (2/3)/4) = 1.3620
    expect(ch.cesMean!.delta).toBe(1.125);
    expect(ch.cesMean!.z).toBeCloseTo(1.36197, 4);
    expect(ch.cesMean!.significant).toBe(false);
    // one previous emotion answer: no test
    expect(ch.emotionMean).toBeNull();
  });

  it('a clear change is significant; constant samples that differ are significant with z 0', () => {
    const ch = changesOf(cell({ nps: [10, 10, 10, 10, 10], ces: [7, 6, 6, 7, 5, 6] }), cell({ nps: [0, 0, 0, 0, 0], ces: [1, 1, 2, 1, 2, 1] }), S);
    expect(ch.nps).toEqual({ delta: 200, z: 0, significant: true });
    expect(ch.cesMean!.delta).toBeCloseTo(37 / 6 - 8 / 6, 10);
    expect(ch.cesMean!.significant).toBe(true);
  });

  it('nothing to compare with an empty previous cell', () => {
    expect(changesOf(cell({ nps: NPS_10 }), emptyCell(S), S)).toEqual({ nps: null, csatSatisfied: null, cesMean: null, emotionMean: null, agreementTopTwo: null, ratingMean: null, yesShare: null });
  });
});

describe('figuresOf: agreement, rating, yes/no', () => {
  it('agreement on 1–7: the top two are 6–7 (3 of 7,6,6,5,2), with a Wilson interval, and the mean', () => {
    const scales: Scales = { ...S, agreement: { min: 1, max: 7, integer: true } };
    const f = figuresOf(cell({ agreement: [7, 6, 6, 5, 2] }, scales), scales);
    // Wilson at 3 of 5: (0.6 + z²/10 ± z √(0.24/5 + z²/100)) / (1 + z²/5)
    expect(f.agreement!.topTwo.value).toBe(0.6);
    expect(f.agreement!.topTwo.low).toBeCloseTo(0.2307, 4);
    expect(f.agreement!.topTwo.high).toBeCloseTo(0.8824, 4);
    expect(f.agreement!.mean!.value).toBeCloseTo(5.2, 10);
  });

  it('a rating on 1–10: the mean and the share of 10s', () => {
    const scales: Scales = { ...S, rating: { min: 1, max: 10, integer: true } };
    const f = figuresOf(cell({ rating: [10, 10, 9, 8, 1] }, scales), scales);
    expect(f.rating!.mean!.value).toBeCloseTo(7.6, 10);
    expect(f.rating!.topBox.value).toBe(0.4);
  });

  it('yes/no: 7 yes of 10, Wilson 0.3968 to 0.8922', () => {
    const f = figuresOf(cell({ yesno: [1, 1, 1, 1, 1, 1, 1, 0, 0, 0] }), S);
    expect(f.yesno).toMatchObject({ n: 10, yes: { value: 0.7 } });
    expect(f.yesno!.yes.low).toBeCloseTo(0.3968, 4);
    expect(f.yesno!.yes.high).toBeCloseTo(0.8922, 4);
  });
});
