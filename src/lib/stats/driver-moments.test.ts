import { describe, expect, it } from 'vitest';
import { addRespondent, emptyMoments, mergeMoments, pairIndex, pairwiseCorrelations } from './driver-moments.ts';

describe('driver moments', () => {
  const spec = { outcome: { kind: 'overall', metric: 'nps' }, predictor: 'csat' } as const;
  it('numbers the upper triangle row by row', () => {
    expect([[0, 0], [0, 1], [0, 2], [1, 1], [1, 2], [2, 2]].map(([i, j]) => pairIndex(i!, j!, 3))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('counts each pair over the respondents who answered both, and merges disjoint respondents exactly', () => {
    const all = emptyMoments(spec, ['a', 'b']);
    const rows = [[4, 5, 9], [2, NaN, 3], [NaN, 3, 6], [5, 4, 10], [3, 3, NaN]];
    for (const row of rows) addRespondent(all, row);
    // (a, outcome): rows 1, 2 and 4: n 3, Σa 11, Σy 22, Σa·y 4·9 + 2·3 + 5·10 = 92.
    expect(all.pairs[pairIndex(0, 2, 3)]).toEqual({ n: 3, sumX: 11, sumY: 22, sumXX: 45, sumYY: 190, sumXY: 92 });
    // Two reads, the second without touchpoint a, and in the other order of touchpoints.
    const first = emptyMoments(spec, ['a', 'b']);
    for (const row of rows.slice(0, 2)) addRespondent(first, row);
    const second = emptyMoments(spec, ['b']);
    addRespondent(second, [3, 6]);
    const third = emptyMoments(spec, ['b', 'a']);
    for (const [a, b, y] of rows.slice(3)) addRespondent(third, [b!, a!, y!]);
    expect(mergeMoments(mergeMoments(first, second), third)).toEqual(all);
    expect(mergeMoments(third, mergeMoments(second, first))).toEqual(all);
  });

  it('gives pairwise correlations from the sums', () => {
    const m = emptyMoments(spec, ['a']);
    for (const row of [[1, 2], [2, 4], [3, 5], [4, 4]]) addRespondent(m, row);
    // a: mean 2.5, Sxx 5; y: mean 3.75, Syy 4.75; Sxy = 1·2 + 2·4 + 3·5 + 4·4 − 4·2.5·3.75 = 3.5.
    const { corr, n, sd } = pairwiseCorrelations(m, [0, 1]);
    expect(corr[0]![1]).toBeCloseTo(3.5 / Math.sqrt(5 * 4.75), 12);
    expect(n[0]![1]).toBe(4);
    expect(sd[0]).toBeCloseTo(Math.sqrt(5 / 3), 12);
  });
});
