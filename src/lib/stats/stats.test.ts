import { describe, it, expect } from 'vitest';
import {
  Z95,
  t95,
  npsWithMargin,
  wilsonInterval,
  meanWithInterval,
  sampleVariance,
  npsChange,
  proportionChange,
  meanChange,
  type Moments,
} from './stats.ts';

// Sufficient statistics of a list of numbers.
function moments(xs: number[]): Moments {
  return { n: xs.length, sum: xs.reduce((a, x) => a + x, 0), sumSq: xs.reduce((a, x) => a + x * x, 0) };
}

describe('t95', () => {
  it('returns the exact table values for df 1..4', () => {
    expect(t95(1)).toBeCloseTo(12.706, 3);
    expect(t95(2)).toBeCloseTo(4.303, 3);
    expect(t95(3)).toBeCloseTo(3.182, 3);
    expect(t95(4)).toBeCloseTo(2.776, 3);
  });

  it('matches published t tables within 2e-3 for df >= 5', () => {
    const table: [number, number][] = [
      [5, 2.571],
      [9, 2.262],
      [10, 2.228],
      [30, 2.042],
      [100, 1.984],
    ];
    for (const [df, t] of table) expect(Math.abs(t95(df) - t)).toBeLessThan(2e-3);
  });

  it('returns Z95 for infinite df and approaches it for large df', () => {
    expect(t95(Infinity)).toBe(Z95);
    expect(Math.abs(t95(1e6) - Z95)).toBeLessThan(1e-5);
  });

  it('interpolates fractional df in 1/df, slightly conservatively', () => {
    // df 4.5: 1/4 = .25, 1/4.5 = .2222, 1/5 = .2 -> weight (.25 - .2222) / .05 = .5556
    // 2.7764 + .5556 * (2.5703 - 2.7764) = 2.6619; exact t(.975, 4.5) = 2.6589.
    expect(t95(4.5)).toBeCloseTo(2.6619, 3);
    expect(t95(4.5)).toBeGreaterThan(2.6589);
    // Decreasing in df across the table/expansion seam.
    const dfs = [1, 1.5, 2, 3, 3.5, 4, 4.9, 5, 6, 30, 1000];
    for (let i = 1; i < dfs.length; i++) expect(t95(dfs[i]!)).toBeLessThan(t95(dfs[i - 1]!));
  });

  it('rejects df < 1 and NaN', () => {
    expect(() => t95(0.5)).toThrow(RangeError);
    expect(() => t95(NaN)).toThrow(RangeError);
  });
});

describe('npsWithMargin', () => {
  it('computes NPS and its margin for 5/3/2', () => {
    // n = 10, p = .5, d = .2 -> NPS = 100 * (.5 - .2) = 30
    // var = (.5 + .2 - .3²) / 10 = (.7 - .09) / 10 = .061, sqrt = .246982
    // margin = 100 * 1.959964 * .246982 = 48.4075
    const r = npsWithMargin(5, 3, 2)!;
    expect(r.value).toBeCloseTo(30, 10);
    expect(r.margin).toBeCloseTo(48.4075, 3);
    expect(r.low).toBeCloseTo(30 - 48.4075, 3);
    expect(r.high).toBeCloseTo(30 + 48.4075, 3);
  });

  it('has zero margin when every response is a promoter', () => {
    // p = 1, d = 0 -> var = (1 - 1) / n = 0
    expect(npsWithMargin(4, 0, 0)).toEqual({ value: 100, low: 100, high: 100, margin: 0 });
  });

  it('returns null with no responses and throws on negative counts', () => {
    expect(npsWithMargin(0, 0, 0)).toBeNull();
    expect(() => npsWithMargin(-1, 2, 3)).toThrow(RangeError);
  });
});

describe('wilsonInterval', () => {
  it('computes the interval for 8 of 10', () => {
    // z² = 3.841459, denom = 10 + z² = 13.841459
    // centre = (8 + 1.920730) / 13.841459 = .716738
    // half = (1.959964 / 13.841459) * sqrt(8 * 2 / 10 + .960365) = .141601 * 1.600114 = .226578
    // low = .490160, high = .943316; margin = max(.8 - .490160, .943316 - .8) = .309840
    const r = wilsonInterval(8, 10)!;
    expect(r.value).toBe(0.8);
    expect(r.low).toBeCloseTo(0.4902, 4);
    expect(r.high).toBeCloseTo(0.9433, 4);
    expect(r.margin).toBeCloseTo(0.8 - 0.49016, 4);
  });

  it('stays inside 0..1 at the edges', () => {
    // 0 of 10: centre = half = 1.920730 / 13.841459 = .138767 -> low 0, high .277533
    const r = wilsonInterval(0, 10)!;
    expect(r.low).toBe(0);
    expect(r.high).toBeCloseTo(0.277533, 5);
    expect(r.margin).toBeCloseTo(0.277533, 5);
    const s = wilsonInterval(10, 10)!;
    expect(s.high).toBe(1);
    expect(s.low).toBeCloseTo(1 - 0.277533, 5);
  });

  it('returns null for n = 0 and throws when successes exceed n', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
  });
});

describe('sampleVariance and meanWithInterval', () => {
  it('computes the t interval for [1, 2, 3, 4, 5]', () => {
    // n = 5, sum = 15, sumSq = 55 -> mean 3, s² = (55 - 15²/5) / 4 = 10 / 4 = 2.5, s = 1.581139
    // se = s / sqrt(5) = .707107; margin = t95(4) * se = 2.776445 * .707107 = 1.963243
    const m = moments([1, 2, 3, 4, 5]);
    expect(sampleVariance(m)).toBeCloseTo(2.5, 12);
    const r = meanWithInterval(m.n, m.sum, m.sumSq)!;
    expect(r.value).toBe(3);
    expect(r.margin).toBeCloseTo(1.963, 3);
    expect(r.low).toBeCloseTo(3 - 1.963243, 5);
    expect(r.high).toBeCloseTo(3 + 1.963243, 5);
  });

  it('clamps round-off below zero for constant samples', () => {
    // 0.1 is not exact in binary, so sumSq - sum²/n can come out slightly negative.
    const m = moments([0.1, 0.1, 0.1]);
    expect(sampleVariance(m)).toBe(0);
    expect(meanWithInterval(m.n, m.sum, m.sumSq)!.margin).toBe(0);
  });

  it('returns NaN variance and a null interval when n < 2', () => {
    expect(sampleVariance({ n: 1, sum: 4, sumSq: 16 })).toBeNaN();
    expect(meanWithInterval(0, 0, 0)).toBeNull();
    expect(meanWithInterval(1, 4, 16)).toBeNull();
  });
});

describe('npsChange', () => {
  it('flags a large change as significant', () => {
    // current 60/30/10 of 100: NPS .5, var = (.7 - .25) / 100 = .0045
    // previous 30/40/30 of 100: NPS 0, var = (.6 - 0) / 100 = .006
    // se = sqrt(.0105) = .102470, z = .5 / .102470 = 4.8795 > 1.96
    const r = npsChange(
      { promoters: 60, passives: 30, detractors: 10 },
      { promoters: 30, passives: 40, detractors: 30 },
    )!;
    expect(r.delta).toBeCloseTo(50, 10);
    expect(r.z).toBeCloseTo(4.8795, 4);
    expect(r.significant).toBe(true);
  });

  it('does not flag a small change on small samples', () => {
    // current 5/3/2: NPS .3, var .061; previous 4/3/3: NPS .1, var = (.7 - .01) / 10 = .069
    // se = sqrt(.13) = .360555, z = .2 / .360555 = .5547 < 1.96
    const r = npsChange(
      { promoters: 5, passives: 3, detractors: 2 },
      { promoters: 4, passives: 3, detractors: 3 },
    )!;
    expect(r.delta).toBeCloseTo(20, 10);
    expect(r.z).toBeCloseTo(0.5547, 4);
    expect(r.significant).toBe(false);
  });

  it('handles zero standard error without Infinity', () => {
    // All promoters vs all detractors: both variances 0, delta 200.
    const all = (k: 'promoters' | 'detractors') => ({ promoters: 0, passives: 0, detractors: 0, [k]: 5 });
    expect(npsChange(all('promoters'), all('detractors'))).toEqual({ delta: 200, z: 0, significant: true });
    expect(npsChange(all('promoters'), all('promoters'))).toEqual({ delta: 0, z: 0, significant: false });
  });

  it('returns null when either side is empty', () => {
    const some = { promoters: 1, passives: 1, detractors: 1 };
    const none = { promoters: 0, passives: 0, detractors: 0 };
    expect(npsChange(some, none)).toBeNull();
    expect(npsChange(none, some)).toBeNull();
  });
});

describe('proportionChange', () => {
  it('flags 80/100 vs 60/100 as significant', () => {
    // se = sqrt(.8 * .2 / 100 + .6 * .4 / 100) = sqrt(.004) = .063246, z = .2 / .063246 = 3.1623
    const r = proportionChange(80, 100, 60, 100)!;
    expect(r.delta).toBeCloseTo(0.2, 12);
    expect(r.z).toBeCloseTo(3.1623, 4);
    expect(r.significant).toBe(true);
  });

  it('does not flag 8/10 vs 6/10', () => {
    // se = sqrt(.016 + .024) = .2, z = .2 / .2 = 1
    const r = proportionChange(8, 10, 6, 10)!;
    expect(r.z).toBeCloseTo(1, 10);
    expect(r.significant).toBe(false);
  });

  it('handles zero standard error and empty samples', () => {
    expect(proportionChange(10, 10, 0, 10)).toEqual({ delta: 1, z: 0, significant: true });
    expect(proportionChange(0, 0, 3, 10)).toBeNull();
    expect(proportionChange(3, 10, 0, 0)).toBeNull();
  });
});

describe('meanChange', () => {
  const base = moments([1, 2, 3, 4, 5]); // mean 3, s² 2.5, v = s²/n = .5

  it('flags a clear shift as significant', () => {
    // [6..10]: mean 8, v = .5 -> se = sqrt(1) = 1, t = 5
    // df = 1² / (.25/4 + .25/4) = 8, t95(8) = 2.306 < 5
    const r = meanChange(moments([6, 7, 8, 9, 10]), base)!;
    expect(r.delta).toBe(5);
    expect(r.z).toBeCloseTo(5, 10);
    expect(r.significant).toBe(true);
  });

  it('does not flag t = 2 at df 8', () => {
    // [3..7] vs [1..5]: delta 2, se 1, t = 2 < t95(8) = 2.306
    const r = meanChange(moments([3, 4, 5, 6, 7]), base)!;
    expect(r.z).toBeCloseTo(2, 10);
    expect(r.significant).toBe(false);
  });

  it('uses Welch–Satterthwaite df, not pooled df', () => {
    // [2, 7, 12, 17, 22]: mean 12, s² = (100 + 25 + 0 + 25 + 100) / 4 = 62.5, v = 12.5
    // se = sqrt(12.5 + .5) = 3.605551, t = 9 / 3.605551 = 2.4962
    // df = 13² / (12.5²/4 + .5²/4) = 169 / 39.125 = 4.3195 -> t95 ≈ 2.700 > 2.4962: not significant
    // (a pooled test with df 8 would compare against 2.306 and call it significant)
    const r = meanChange(moments([2, 7, 12, 17, 22]), base)!;
    expect(r.delta).toBe(9);
    expect(r.z).toBeCloseTo(2.4962, 4);
    expect(r.significant).toBe(false);
    expect(t95(4.3195)).toBeGreaterThan(r.z);
  });

  it('handles zero standard error and small samples', () => {
    expect(meanChange(moments([4, 4]), moments([3, 3]))).toEqual({ delta: 1, z: 0, significant: true });
    expect(meanChange(moments([3, 3]), moments([3, 3]))).toEqual({ delta: 0, z: 0, significant: false });
    expect(meanChange(moments([3]), base)).toBeNull();
    expect(meanChange(base, moments([]))).toBeNull();
  });
});
