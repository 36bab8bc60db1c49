import { describe, expect, it } from 'vitest';
import { addRespondent, combinedPairs, emptyMoments, mergeMoments, pairIndex, pairwiseCorrelations } from './driver-moments.ts';

describe('driver moments', () => {
  const spec = { outcome: { kind: 'mean-nps', metric: 'nps' }, predictor: 'csat' } as const;
  it('numbers the upper triangle row by row', () => {
    expect([[0, 0], [0, 1], [0, 2], [1, 1], [1, 2], [2, 2]].map(([i, j]) => pairIndex(i!, j!, 3))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  // Touchpoints a and b, then the outcome as the sum of the respondent's NPS answers, and how many there are.
  const rows: [number, number, number, number][] = [[4, 5, 17, 2], [2, NaN, 3, 1], [NaN, 3, 6, 1], [5, 4, 19, 2], [3, 3, NaN, 0]];

  it('counts each pair over the respondents who answered both, the outcome as their mean', () => {
    const all = emptyMoments(spec, ['a', 'b']);
    for (const [a, b, y, answers] of rows) addRespondent(all, [a, b, y], answers);
    // (a, outcome): rows 1, 2 and 4 with means 8.5, 3 and 9.5: n 3, Σa 11, Σy 21, Σa² 45, Σy² 72.25 + 9 + 90.25, Σa·y 34 + 6 + 47.5.
    expect(combinedPairs(all)[pairIndex(0, 2, 3)]).toEqual({ n: 3, sumX: 11, sumY: 21, sumXX: 45, sumYY: 171.5, sumXY: 87.5 });
    // (a, b): rows 1, 4 and 5, whatever their outcome.
    expect(combinedPairs(all)[pairIndex(0, 1, 3)]).toEqual({ n: 3, sumX: 12, sumY: 12, sumXX: 50, sumYY: 50, sumXY: 49 });
  });

  it('merges disjoint respondents exactly, in any order and order of touchpoints', () => {
    const all = emptyMoments(spec, ['a', 'b']);
    for (const [a, b, y, answers] of rows) addRespondent(all, [a, b, y], answers);
    // Three reads: the second without touchpoint a, the third with its touchpoints the other way round.
    const first = emptyMoments(spec, ['a', 'b']);
    for (const [a, b, y, answers] of rows.slice(0, 2)) addRespondent(first, [a, b, y], answers);
    const second = emptyMoments(spec, ['b']);
    addRespondent(second, [3, 6], 1);
    const third = emptyMoments(spec, ['b', 'a']);
    for (const [a, b, y, answers] of rows.slice(3)) addRespondent(third, [b, a, y], answers);
    expect(mergeMoments(mergeMoments(first, second), third)).toEqual(all);
    expect(mergeMoments(third, mergeMoments(second, first))).toEqual(all);
  });

  it('gives pairwise correlations from the sums', () => {
    const m = emptyMoments(spec, ['a']);
    for (const row of [[1, 2], [2, 4], [3, 5], [4, 4]]) addRespondent(m, row, 1);
    // a: mean 2.5, Sxx 5; y: mean 3.75, Syy 4.75; Sxy = 1·2 + 2·4 + 3·5 + 4·4 − 4·2.5·3.75 = 3.5.
    const { corr, n } = pairwiseCorrelations(combinedPairs(m), 2, [0, 1]);
    expect(corr[0]![1]).toBeCloseTo(3.5 / Math.sqrt(5 * 4.75), 12);
    expect(n[0]![1]).toBe(4);
  });
});
