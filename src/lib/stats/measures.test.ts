import { describe, expect, it } from 'vitest';
import { changesOf, CURVE_MEASURES, HEADLINE_MEASURES, measure, measureOf, measuresAnswered, MEASURES, primaryMeasure, TABLE_MEASURES } from './measures.ts';
import { figuresOf } from './figures.ts';
import { fourRespondents } from './measures.fixture.ts';
import { DEFAULT_SCALES as S, METRICS } from './metrics.ts';

// z = 1.959964; t(0.975; 3) = 3.182446; t(0.975; 1) = 12.706205.
// Wilson at s = 2/4: (0.5 + z²/8 ± z √(0.25/4 + z²/64)) / (1 + z²/4) = 0.150039 … 0.849961.
const WILSON_2_OF_4 = { value: 0.5, low: 0.150039, high: 0.849961 };
const expected: Record<string, { value: number; low: number; high: number }> = {
  // 2 promoters, 1 passive, 1 detractor: 100 (0.5 − 0.25) = 25 ± 100 z √((0.75 − 0.0625)/4) = 81.255814
  nps: { value: 25, low: 25 - 81.255814, high: 25 + 81.25581414 },
  // 5 and 4 satisfied of 5, 4, 2, 1
  csatSatisfied: WILSON_2_OF_4,
  // mean 3, s² = 10/3, ± 3.182446 √(10/12) = 2.905163
  csatMean: { value: 3, low: 3 - 2.905163, high: 3 + 2.905163 },
  // 7, 5, 6, 1: mean 4.75, s² = 20.75/3, ± 3.182446 √(20.75/12) = 4.184846
  cesMean: { value: 4.75, low: 4.75 - 4.184846, high: 4.75 + 4.184846 },
  // easy is 5–7 on 1–7: 7, 5 and 6; Wilson at s = 3/4
  cesEasy: { value: 0.75, low: 0.300642, high: 0.954413 },
  // 2, −1: mean 0.5, s² = 4.5, ± 12.706205 × 1.5 = 19.059307
  emotionMean: { value: 0.5, low: 0.5 - 19.059307, high: 0.5 + 19.059307 },
  // 1, 0: mean 0.5, s² = 0.5, ± 12.706205 × 0.5
  expectationMean: { value: 0.5, low: 0.5 - 6.353102, high: 0.5 + 6.353102 },
  // 2 − 1 and −1 − 0: mean 0, s² = 2, ± 12.706205
  gapMean: { value: 0, low: -12.706205, high: 12.706205 },
  // agreement 5, 4, 3 (1–5): top two 4–5 is 2 of 3; Wilson at s = 2/3
  agreementTopTwo: { value: 2 / 3, low: 0.20766, high: 0.938508 },
  // mean 4, s² = 1, t(0.975; 2) = 4.302653: ± 4.302653 / √3 = 2.484138
  agreementMean: { value: 4, low: 4 - 2.484138, high: 4 + 2.484138 },
  // rating 5, 5, 4, 2 (1–5): mean 4, s² = 6/3 = 2, ± 3.182446 √(2/4) = 2.250329
  ratingMean: { value: 4, low: 4 - 2.250329, high: 4 + 2.250329 },
  // top box (5): 2 of 4
  ratingTopBox: WILSON_2_OF_4,
  // yes, yes, no, yes: 3 of 4, as CES easy
  yesShare: { value: 0.75, low: 0.300642, high: 0.954413 },
};

describe('measure registry', () => {
  it.each(MEASURES.map((m) => m.id))('%s: value and 95 percent interval of four hand-computed respondents', (id) => {
    const x = measureOf(measure(id), fourRespondents(), S)!;
    const want = expected[id]!;
    expect(x.value).toBeCloseTo(want.value, 5);
    expect(x.low).toBeCloseTo(want.low, 5);
    expect(x.high).toBeCloseTo(want.high, 5);
  });

  it('every measure has a value to check above, and ids and open-data columns are unique', () => {
    expect(MEASURES.map((m) => m.id).sort()).toEqual(Object.keys(expected).sort());
    expect(new Set(MEASURES.map((m) => m.id)).size).toBe(MEASURES.length);
    expect(new Set(MEASURES.map((m) => m.openData.column)).size).toBe(MEASURES.length);
  });

  it('headline cards: one measure per metric, in card order; tables list CES easy share after the CES mean', () => {
    expect(HEADLINE_MEASURES.map((m) => m.metric)).toEqual(['nps', 'csat', 'ces', 'emotion', 'agreement', 'rating', 'yesno']);
    expect(TABLE_MEASURES.map((m) => m.id)).toEqual(['nps', 'csatSatisfied', 'csatMean', 'cesMean', 'cesEasy', 'emotionMean', 'agreementTopTwo', 'ratingMean', 'yesShare']);
  });

  it('a measure with no answers has no value', () => {
    const cell = fourRespondents();
    const noCes = { ...cell, scores: { ...cell.scores, ces: { ...cell.scores.ces, n: 0, sum: 0, sumSq: 0, bins: cell.scores.ces.bins.map(() => 0) } } };
    expect(measureOf(measure('cesEasy'), noCes, S)).toBeNull();
  });

  it('changesOf: a change test for each measure that has one, keyed by measure id', () => {
    const ch = changesOf(fourRespondents(), fourRespondents(), S);
    expect(Object.keys(ch)).toEqual(['nps', 'csatSatisfied', 'cesMean', 'emotionMean', 'agreementTopTwo', 'ratingMean', 'yesShare']);
    for (const test of Object.values(ch)) expect(test).toMatchObject({ delta: 0, significant: false });
  });
});

describe('the measure a journey curve shows', () => {
  /** The four respondents' figures with only these metrics asked. */
  const asked = (keep: (typeof METRICS)[number][]) => {
    const cell = fourRespondents();
    for (const metric of METRICS) if (!keep.includes(metric)) cell.scores[metric] = { n: 0, sum: 0, sumSq: 0, bins: cell.scores[metric].bins.map(() => 0) };
    if (!keep.includes('emotion')) cell.gap = { n: 0, sum: 0, sumSq: 0 };
    return figuresOf(cell, S);
  };

  it('is emotion, else the CSAT mean, agreement or rating, else NPS: the first of the registry order with answers', () => {
    expect(CURVE_MEASURES.map((m) => m.id)).toEqual(['emotionMean', 'csatMean', 'agreementMean', 'ratingMean', 'nps']);
    expect(primaryMeasure(asked(['nps', 'agreement'])).id).toBe('agreementMean');
    expect(primaryMeasure(asked([...METRICS])).id).toBe('emotionMean');
    expect(primaryMeasure(asked(['nps', 'csat'])).id).toBe('csatMean');
    expect(primaryMeasure(asked(['nps', 'ces'])).id).toBe('nps');
    // Nothing published to tell: the first choice.
    expect(primaryMeasure(null).id).toBe('emotionMean');
  });

  it('leaves out of tables the measures nobody answered', () => {
    expect(measuresAnswered(TABLE_MEASURES, asked(['csat'])).map((m) => m.id)).toEqual(['csatSatisfied', 'csatMean']);
    expect(measuresAnswered(TABLE_MEASURES, asked(['nps'])).map((m) => m.id)).toEqual(['nps']);
    expect(measuresAnswered(TABLE_MEASURES, null)).toEqual(TABLE_MEASURES);
  });
});
