// Johnson's (2000) relative weights: how much of a regression's R² each correlated predictor accounts
// for, from the correlation matrix alone; and their intervals by a parametric bootstrap that needs only
// the covariance (Wishart draws), so that every read path gives the same intervals.
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface RelativeWeights {
  /** One per predictor; they sum to r2. */
  weights: number[];
  r2: number;
}

/**
 * The symmetric square root Λ of a correlation matrix (eigenvalues below zero, from rounding, as
 * zero) and its pseudo-inverse, from one eigen decomposition: Λ = V √L Vᵀ, Λ⁺ = V √L⁺ Vᵀ, where an
 * eigenvalue near zero (relative to the largest) is left out of the inverse: a singular matrix has no
 * inverse, and its null space explains nothing.
 */
function symmetricRoot(m: Matrix): { root: Matrix; inverse: Matrix } {
  const eigen = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const v = eigen.eigenvectorMatrix;
  const roots = eigen.realEigenvalues.map((l) => Math.sqrt(Math.max(l, 0)));
  const largest = Math.max(...roots);
  const vt = v.transpose();
  return {
    root: v.mmul(Matrix.diag(roots)).mmul(vt),
    inverse: v.mmul(Matrix.diag(roots.map((r) => (r > largest * 1e-12 ? 1 / r : 0)))).mmul(vt),
  };
}

/**
 * Relative weights from the correlations of the predictors and the outcome (the outcome last). With
 * Λ the symmetric square root of the predictors' correlations, the outcome is regressed on the
 * orthogonal Z = X Λ⁻¹ (β = Λ⁻¹ r_xy), and predictor j's weight is Σ_k Λ_jk² β_k².
 */
export function relativeWeights(corr: number[][]): RelativeWeights {
  const p = corr.length - 1;
  const rxx = new Matrix(corr.slice(0, p).map((row) => row.slice(0, p)));
  const rxy = Matrix.columnVector(corr.slice(0, p).map((row) => row[p]!));
  const { root, inverse } = symmetricRoot(rxx);
  const beta = inverse.mmul(rxy);
  const weights = Array.from({ length: p }, (_, j) => {
    let w = 0;
    for (let k = 0; k < p; k++) w += root.get(j, k) ** 2 * beta.get(k, 0) ** 2;
    return w;
  });
  return { weights, r2: weights.reduce((a, b) => a + b, 0) };
}

/**
 * The smallest eigenvalue of a correlation matrix: below zero, pairwise deletion gave correlations that
 * no one group of respondents could have; near zero, one variable is almost a sum of the others.
 */
export function smallestEigenvalue(corr: number[][]): number {
  return Math.min(...new EigenvalueDecomposition(new Matrix(corr), { assumeSymmetric: true }).realEigenvalues);
}

/** mulberry32: a small seeded generator, so that a build's intervals are the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws (Box–Muller) from a uniform generator. */
function normals(uniform: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** A gamma(shape, 1) draw (Marsaglia and Tsang 2000; below shape 1 by their boost, × u^(1/shape)). */
function gamma(shape: number, uniform: () => number, normal: () => number): number {
  if (shape < 1) return gamma(shape + 1, uniform, normal) * uniform() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal();
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = uniform();
    if (Math.log(u) < x * x / 2 + d - d * v + d * Math.log(v)) return d * v;
  }
}

export interface WeightIntervals {
  low: number[];
  high: number[];
}

export const BOOTSTRAP_DRAWS = 500;
const SEED = 0x5eed23;

/**
 * 95% intervals of the relative weights: B covariance matrices drawn from the Wishart distribution
 * with the estimated covariance and n − 1 degrees of freedom (Bartlett: W = L A Aᵀ Lᵀ, A lower
 * triangular with √χ²(n − i) on its diagonal and standard normals below), each made a correlation
 * matrix and weighed again; the 2.5th and 97.5th percentiles. Normal theory: for heavy-tailed
 * answers the intervals are too narrow.
 */
export function weightIntervals(corr: number[][], n: number, draws = BOOTSTRAP_DRAWS): WeightIntervals {
  const size = corr.length;
  // The correlation matrix is the covariance of the standardised scores: the weights depend on nothing else.
  const { root } = symmetricRoot(new Matrix(corr));
  const uniform = mulberry32(SEED);
  const normal = normals(uniform);
  const samples: number[][] = Array.from({ length: size - 1 }, () => []);
  for (let b = 0; b < draws; b++) {
    const a = new Matrix(size, size);
    for (let i = 0; i < size; i++) {
      a.set(i, i, Math.sqrt(2 * gamma((n - 1 - i) / 2, uniform, normal)));
      for (let j = 0; j < i; j++) a.set(i, j, normal());
    }
    const la = root.mmul(a);
    const w = la.mmul(la.transpose());
    const d = w.diag().map(Math.sqrt);
    const drawn = w.to2DArray().map((row, i) => row.map((x, j) => x / (d[i]! * d[j]!)));
    relativeWeights(drawn).weights.forEach((x, j) => samples[j]!.push(x));
  }
  return { low: samples.map((s) => percentile(s, 0.025)), high: samples.map((s) => percentile(s, 0.975)) };
}

/** The q-quantile, interpolated between order statistics (Hyndman and Fan's type 7). */
function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = q * (sorted.length - 1);
  const below = Math.floor(at);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (at - below) * (sorted[above]! - sorted[below]!);
}
