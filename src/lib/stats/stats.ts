// Pure statistics helpers: no I/O, no state, no dependencies.

/** Two-sided 95% standard-normal critical value, Φ⁻¹(0.975). */
export const Z95 = 1.959963984540054;

// Exact t quantiles t(0.975, df) for df 1..4, where the expansion below is
// too inaccurate (error 3.8e-3 at df 3). df 1 = tan(0.475π); df 2 = 0.95 / sqrt(2·0.975·0.025).
const T95_SMALL = [12.706204736174696, 4.302652729749464, 3.182446305284263, 2.7764451051977987];

// Abramowitz & Stegun 26.7.5 (Cornish–Fisher expansion of t in terms of x = Z95):
// t ≈ x + g1/ν + g2/ν² + g3/ν³ + g4/ν⁴. Coefficients are precomputed once.
const X = Z95;
const G1 = (X ** 3 + X) / 4;
const G2 = (5 * X ** 5 + 16 * X ** 3 + 3 * X) / 96;
const G3 = (3 * X ** 7 + 19 * X ** 5 + 17 * X ** 3 - 15 * X) / 384;
const G4 = (79 * X ** 9 + 776 * X ** 7 + 1482 * X ** 5 - 1920 * X ** 3 - 945 * X) / 92160;

function cornishFisher(df: number): number {
  return X + G1 / df + G2 / df ** 2 + G3 / df ** 3 + G4 / df ** 4;
}

/**
 * Two-sided 95% critical value of Student's t with df degrees of freedom (df >= 1).
 * df >= 5: A&S 26.7.5 expansion (error < 3e-4 at df 5, shrinking fast).
 * df 1..4: exact values. Fractional df below 5 (Welch tests produce them) are
 * interpolated linearly in 1/df between neighbouring integers, the usual way of
 * reading t tables; it errs slightly high, i.e. conservative.
 * df = Infinity gives Z95. Throws RangeError for df < 1 or NaN.
 */
export function t95(df: number): number {
  if (!(df >= 1)) throw new RangeError(`t95: df must be >= 1, got ${df}`);
  if (df === Infinity) return Z95;
  if (df >= 5) return cornishFisher(df);
  const lo = Math.floor(df);
  const tLo = T95_SMALL[lo - 1]!;
  if (df === lo) return tLo;
  const hi = lo + 1;
  const tHi = hi === 5 ? cornishFisher(5) : T95_SMALL[hi - 1]!;
  const w = (1 / lo - 1 / df) / (1 / lo - 1 / hi);
  return tLo + w * (tHi - tLo);
}

/** A point estimate with a 95% interval; margin is the half-width. */
export interface Interval {
  value: number;
  low: number;
  high: number;
  margin: number;
}

/** Sufficient statistics of a sample: count, sum and sum of squares. */
export interface Moments {
  n: number;
  sum: number;
  sumSq: number;
}

/** Result of comparing a current period with a previous one; delta = current - previous. */
export interface ChangeTest {
  delta: number;
  z: number;
  significant: boolean;
}

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

// Counts may be fractional (weighted responses) but never negative or non-finite;
// bad input is a caller bug, so throw instead of returning a misleading null.
function checkCount(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
  }
}

function checkShare(successes: number, n: number): void {
  checkCount('successes', successes);
  checkCount('n', n);
  if (successes > n) throw new RangeError(`successes (${successes}) exceed n (${n})`);
}

// NPS = p - d for shares p, d. Each response scores +1, 0 or -1, so the
// per-response variance is E[X²] - E[X]² = (p + d) - (p - d)².
// Returns NPS in share units (-1..1) and the variance of that estimate.
function npsEstimate(c: NpsCounts): { nps: number; variance: number } | null {
  checkCount('promoters', c.promoters);
  checkCount('passives', c.passives);
  checkCount('detractors', c.detractors);
  const n = c.promoters + c.passives + c.detractors;
  if (n === 0) return null;
  const p = c.promoters / n;
  const d = c.detractors / n;
  // max(0, …): guards round-off; the expression is mathematically >= 0.
  return { nps: p - d, variance: Math.max(0, p + d - (p - d) ** 2) / n };
}

/**
 * NPS in points (-100..100) with a 95% normal-approximation margin:
 * 100 · Z95 · sqrt((p + d - (p - d)²) / n). Bounds are value ± margin and are
 * not clamped to ±100. null when there are no responses.
 */
export function npsWithMargin(promoters: number, passives: number, detractors: number): Interval | null {
  const estimate = npsEstimate({ promoters, passives, detractors });
  if (estimate === null) return null;
  const value = 100 * estimate.nps;
  const margin = 100 * Z95 * Math.sqrt(estimate.variance);
  return { value, low: value - margin, high: value + margin, margin };
}

/**
 * Wilson score interval at 95% (Wilson 1927; Agresti & Coull 1998) for
 * `successes` of `n`; stays inside 0..1 and behaves near 0 and 1 where the
 * Wald interval fails. value = successes / n. The interval is asymmetric, so
 * margin = max(value - low, high - value). null when n = 0.
 */
export function wilsonInterval(successes: number, n: number): Interval | null {
  checkShare(successes, n);
  if (n === 0) return null;
  const value = successes / n;
  const z2 = Z95 * Z95;
  const denom = n + z2;
  const centre = (successes + z2 / 2) / denom;
  const half = (Z95 / denom) * Math.sqrt((successes * (n - successes)) / n + z2 / 4);
  const low = Math.max(0, centre - half);
  const high = Math.min(1, centre + half);
  return { value, low, high, margin: Math.max(value - low, high - value) };
}

/**
 * Sample variance from moments, (sumSq - sum²/n) / (n - 1); NaN when n < 2.
 * Tiny negative results from floating-point cancellation are clamped to 0.
 */
export function sampleVariance(m: Moments): number {
  checkCount('n', m.n);
  if (m.n < 2) return NaN;
  return Math.max(0, (m.sumSq - (m.sum * m.sum) / m.n) / (m.n - 1));
}

/**
 * Mean with a 95% Student-t interval, mean ± t95(n - 1) · s / sqrt(n).
 * null when n < 2: a single value has no spread estimate, and NaN bounds
 * would not survive JSON serialisation.
 */
export function meanWithInterval(n: number, sum: number, sumSq: number): Interval | null {
  const variance = sampleVariance({ n, sum, sumSq });
  if (n < 2) return null;
  const value = sum / n;
  const margin = t95(n - 1) * Math.sqrt(variance / n);
  return { value, low: value - margin, high: value + margin, margin };
}

// When the standard error is 0 both samples are constant: equal values are
// no change, different values are a certain change. z = ±Infinity would not
// survive JSON, so report z = 0 and carry the verdict in `significant`.
function changeResult(delta: number, se: number, zDelta: number, critical: number): ChangeTest {
  if (se === 0) return { delta, z: 0, significant: delta !== 0 };
  const z = zDelta / se;
  return { delta, z, significant: Math.abs(z) > critical };
}

/**
 * Difference of two NPS values, delta in points. Independent samples, so
 * z = (nps1 - nps0) / sqrt(var1 + var0) with var = (p + d - (p - d)²) / n in
 * share units; significant when |z| > Z95. null when either side has no responses.
 */
export function npsChange(current: NpsCounts, previous: NpsCounts): ChangeTest | null {
  const a = npsEstimate(current);
  const b = npsEstimate(previous);
  if (a === null || b === null) return null;
  const diff = a.nps - b.nps;
  return changeResult(100 * diff, Math.sqrt(a.variance + b.variance), diff, Z95);
}

/**
 * Two-proportion z-test with the unpooled standard error
 * sqrt(p1(1-p1)/n1 + p0(1-p0)/n0); delta in share units. null when either n = 0.
 */
export function proportionChange(
  currentSuccesses: number,
  currentN: number,
  previousSuccesses: number,
  previousN: number,
): ChangeTest | null {
  checkShare(currentSuccesses, currentN);
  checkShare(previousSuccesses, previousN);
  if (currentN === 0 || previousN === 0) return null;
  const p1 = currentSuccesses / currentN;
  const p0 = previousSuccesses / previousN;
  const se = Math.sqrt((p1 * (1 - p1)) / currentN + (p0 * (1 - p0)) / previousN);
  return changeResult(p1 - p0, se, p1 - p0, Z95);
}

/**
 * Welch's t-test for two means (no equal-variance assumption). z holds the t
 * statistic; significant when |t| > t95(df) with the Welch–Satterthwaite
 * df = (v1 + v0)² / (v1²/(n1-1) + v0²/(n0-1)), v = s²/n. null when either n < 2.
 */
export function meanChange(current: Moments, previous: Moments): ChangeTest | null {
  const s1 = sampleVariance(current);
  const s0 = sampleVariance(previous);
  if (current.n < 2 || previous.n < 2) return null;
  const v1 = s1 / current.n;
  const v0 = s0 / previous.n;
  const delta = current.sum / current.n - previous.sum / previous.n;
  const se = Math.sqrt(v1 + v0);
  if (se === 0) return changeResult(delta, 0, delta, 0);
  const welch = (v1 + v0) ** 2 / (v1 ** 2 / (current.n - 1) + v0 ** 2 / (previous.n - 1));
  // df is mathematically >= min(n1, n0) - 1; the max() only absorbs round-off.
  const df = Math.max(welch, Math.min(current.n, previous.n) - 1);
  return changeResult(delta, se, delta, t95(df));
}
