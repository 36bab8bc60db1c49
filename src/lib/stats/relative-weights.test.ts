import { describe, expect, it } from 'vitest';
import { mulberry32 as prng } from '../../../scripts/bench/generate.ts';
import { relativeWeights, smallestEigenvalue, weightIntervals } from './relative-weights.ts';

/** Correlated rows: each predictor a mix of a shared factor and its own noise, the outcome a mix of all. */
function randomRows(seed: number, rows: number, predictors: number): number[][] {
  const r = prng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  return Array.from({ length: rows }, () => {
    const shared = normal();
    const x = Array.from({ length: predictors }, (_, j) => (0.3 + 0.2 * j) * shared + normal());
    return [...x, x.reduce((s, v, j) => s + (j + 1) * 0.4 * v, 0) + 2 * normal()];
  });
}

function correlations(rows: number[][]): number[][] {
  const k = rows[0]!.length;
  const mean = Array.from({ length: k }, (_, i) => rows.reduce((s, row) => s + row[i]!, 0) / rows.length);
  const cov = (i: number, j: number) => rows.reduce((s, row) => s + (row[i]! - mean[i]!) * (row[j]! - mean[j]!), 0);
  return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => cov(i, j) / Math.sqrt(cov(i, i) * cov(j, j))));
}

/** A second computation path: Jacobi's eigenvalue method on plain arrays, then Johnson's weights. */
function jacobiEigen(input: number[][]): { values: number[]; vectors: number[][] } {
  const n = input.length;
  const a = input.map((row) => [...row]);
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p]![q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p]![q]!) < 1e-300) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * a[p]![q]!);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!, akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!, aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]![p]!, vkq = v[k]![q]!;
          v[k]![p] = c * vkp - s * vkq;
          v[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: a.map((row, i) => row[i]!), vectors: v };
}

function jacobiWeights(corr: number[][]): number[] {
  const p = corr.length - 1;
  const { values, vectors } = jacobiEigen(corr.slice(0, p).map((row) => row.slice(0, p)));
  const fn = (f: (l: number) => number) => Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => values.reduce((s, l, k) => s + vectors[i]![k]! * f(l) * vectors[j]![k]!, 0)));
  const root = fn(Math.sqrt);
  const inverseRoot = fn((l) => 1 / Math.sqrt(l));
  const beta = inverseRoot.map((row) => row.reduce((s, x, k) => s + x * corr[k]![p]!, 0));
  return Array.from({ length: p }, (_, j) => root[j]!.reduce((s, x, k) => s + x * x * beta[k]! ** 2, 0));
}

/** R² of the least-squares fit of the outcome (last column) on the rest, by the normal equations (Gauss–Jordan). */
function leastSquaresR2(rows: number[][]): number {
  const p = rows[0]!.length - 1;
  const x = rows.map((row) => [1, ...row.slice(0, p)]);
  const y = rows.map((row) => row[p]!);
  const m = p + 1;
  const a = Array.from({ length: m }, (_, i) => [...Array.from({ length: m }, (_, j) => x.reduce((s, row) => s + row[i]! * row[j]!, 0)), x.reduce((s, row, r) => s + row[i]! * y[r]!, 0)]);
  for (let c = 0; c < m; c++) {
    const pivot = a[c]![c]!;
    for (let j = c; j <= m; j++) a[c]![j]! /= pivot;
    for (let r = 0; r < m; r++) if (r !== c) { const f = a[r]![c]!; for (let j = c; j <= m; j++) a[r]![j]! -= f * a[c]![j]!; }
  }
  const b = a.map((row) => row[m]!);
  const mean = y.reduce((s, v) => s + v, 0) / y.length;
  const residual = x.reduce((s, row, r) => s + (y[r]! - row.reduce((t, v, j) => t + v * b[j]!, 0)) ** 2, 0);
  return 1 - residual / y.reduce((s, v) => s + (v - mean) ** 2, 0);
}

describe('relativeWeights', () => {
  it('gives the closed form for two predictors', () => {
    // With r = r12: Λ = [[a, b], [b, a]], a = (√(1+r) + √(1−r))/2, b = (√(1+r) − √(1−r))/2, a² − b² = √(1−r²);
    // β = Λ⁻¹ r_xy: β1 = (a·r1y − b·r2y)/√(1−r²), β2 = (a·r2y − b·r1y)/√(1−r²);
    // RW1 = a²β1² + b²β2², RW2 = b²β1² + a²β2².
    const [r12, r1y, r2y] = [0.5, 0.6, 0.3];
    const a = (Math.sqrt(1.5) + Math.sqrt(0.5)) / 2;
    const b = (Math.sqrt(1.5) - Math.sqrt(0.5)) / 2;
    const det = Math.sqrt(1 - r12 * r12);
    const b1 = (a * r1y - b * r2y) / det;
    const b2 = (a * r2y - b * r1y) / det;
    const { weights, r2 } = relativeWeights([[1, r12, r1y], [r12, 1, r2y], [r1y, r2y, 1]]);
    expect(weights[0]).toBeCloseTo(a * a * b1 * b1 + b * b * b2 * b2, 12);
    expect(weights[1]).toBeCloseTo(b * b * b1 * b1 + a * a * b2 * b2, 12);
    // R² = (r1y² + r2y² − 2 r12 r1y r2y) / (1 − r12²) = (0.36 + 0.09 − 0.18) / 0.75 = 0.36.
    expect(r2).toBeCloseTo(0.36, 12);
  });

  it('agrees with a Jacobi-eigen implementation and the least-squares R² on random data', () => {
    for (const [seed, p] of [[1, 2], [2, 3], [3, 4], [4, 5]] as const) {
      const rows = randomRows(seed, 300, p);
      const corr = correlations(rows);
      const { weights, r2 } = relativeWeights(corr);
      const expected = jacobiWeights(corr);
      weights.forEach((w, j) => expect(Math.abs(w - expected[j]!)).toBeLessThan(1e-9));
      expect(Math.abs(r2 - leastSquaresR2(rows))).toBeLessThan(1e-9);
    }
  });

  it('uncorrelated predictors each get their squared correlation with the outcome', () => {
    const { weights } = relativeWeights([[1, 0, 0.4], [0, 1, 0.2], [0.4, 0.2, 1]]);
    expect(weights[0]).toBeCloseTo(0.16, 12);
    expect(weights[1]).toBeCloseTo(0.04, 12);
  });
});

describe('smallestEigenvalue', () => {
  it('finds the negative eigenvalue of correlations that no data could have, and 1 − r of a pair', () => {
    // r12 = r13 = 0.9 but r23 = −0.9: I + 0.9 A with A's eigenvalues 1, 1, −2 (det(A − λI) = −λ³ + 3λ − 2),
    // so 1.9, 1.9 and 1 − 1.8 = −0.8.
    expect(smallestEigenvalue([[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]])).toBeCloseTo(-0.8, 12);
    expect(smallestEigenvalue([[1, 0.6], [0.6, 1]])).toBeCloseTo(0.4, 12);
  });
});

describe('weightIntervals', () => {
  const corr = correlations(randomRows(7, 400, 3));
  it('brackets the weights, the same on every run, narrower with more respondents', () => {
    const { weights } = relativeWeights(corr);
    const small = weightIntervals(corr, 100);
    const large = weightIntervals(corr, 10_000);
    expect(weightIntervals(corr, 100)).toEqual(small);
    weights.forEach((w, j) => {
      expect(large.low[j]).toBeLessThan(w);
      expect(large.high[j]).toBeGreaterThan(w);
      expect(large.high[j]! - large.low[j]!).toBeLessThan(small.high[j]! - small.low[j]!);
    });
  });

  it('covers the true weight about 95% of the time (normal data, 60 samples)', () => {
    // The population: corr of a large sample stands in for the truth; smaller samples drawn from the same model.
    const truth = relativeWeights(correlations(randomRows(99, 200_000, 2))).weights[0]!;
    let covered = 0;
    for (let s = 0; s < 60; s++) {
      const c = correlations(randomRows(1000 + s, 200, 2));
      const { low, high } = weightIntervals(c, 200, 300);
      if (low[0]! <= truth && truth <= high[0]!) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(51);
  });
});

