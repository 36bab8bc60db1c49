// The statistics of comment themes: which group says a term more (weighted log-odds with an
// informative Dirichlet prior, Monroe, Colaresi & Quinn 2008, "Fightin' Words"), and which terms'
// shares of comments rose or fell since the previous snapshot. Pure functions of counts.
import { proportionChange, Z95 } from './stats.ts';

/** One group's counts: its word total and, per term, the comments that use it. */
export interface TermCorpus {
  words: number;
  counts: ReadonlyMap<string, number>;
}

/**
 * The prior's weight, in words: α_w = ALPHA0 · (the term's share of the prior corpus). 1,000 words
 * shrink a small corpus's log-odds strongly (few terms reach significance: the safe side for a
 * published claim) and a large one's little.
 */
export const ALPHA0 = 1000;

export interface TermScore {
  term: string;
  delta: number;
  z: number;
}

/**
 * Weighted log-odds of each term, low against high group, with the prior corpus's shares:
 * δ_w = log((y_lw+α_w)/(n_l+α0−y_lw−α_w)) − log((y_hw+α_w)/(n_h+α0−y_hw−α_w)),
 * var(δ_w) ≈ 1/(y_lw+α_w) + 1/(y_hw+α_w), z = δ_w/√var. Terms of the prior only; in its order.
 */
export function weightedLogOdds(low: TermCorpus, high: TermCorpus, prior: TermCorpus, alpha0 = ALPHA0): TermScore[] {
  const out: TermScore[] = [];
  if (prior.words <= 0) return out;
  for (const [term, count] of prior.counts) {
    const a = (alpha0 * count) / prior.words;
    const yl = low.counts.get(term) ?? 0;
    const yh = high.counts.get(term) ?? 0;
    const delta = Math.log((yl + a) / (low.words + alpha0 - yl - a)) - Math.log((yh + a) / (high.words + alpha0 - yh - a));
    out.push({ term, delta, z: delta / Math.sqrt(1 / (yl + a) + 1 / (yh + a)) });
  }
  return out;
}

/** Terms shown per side. */
export const TERMS_PER_SIDE = 8;

/** The terms each group says significantly more (|z| ≥ 1.96), strongest first, at most TERMS_PER_SIDE each. */
export function distinctiveTerms(scores: TermScore[]): { low: TermScore[]; high: TermScore[] } {
  const strongest = (a: TermScore, b: TermScore) => Math.abs(b.z) - Math.abs(a.z) || (a.term < b.term ? -1 : 1);
  return {
    low: scores.filter((s) => s.z >= Z95).sort(strongest).slice(0, TERMS_PER_SIDE),
    high: scores.filter((s) => s.z <= -Z95).sort(strongest).slice(0, TERMS_PER_SIDE),
  };
}

/** Comments and, per term, the comments that use it. */
export interface TermShares {
  comments: number;
  counts: ReadonlyMap<string, number>;
}

export interface ShareChange {
  term: string;
  share: number;
  previousShare: number;
  z: number;
}

/**
 * Terms whose share of comments changed significantly (two-proportion z-test, unpooled, |z| ≥ 1.96),
 * among the terms counted in both: rising by z, falling by −z, at most TERMS_PER_SIDE each.
 */
export function shareChanges(now: TermShares, before: TermShares): { rising: ShareChange[]; falling: ShareChange[] } {
  const changes: ShareChange[] = [];
  for (const [term, n] of now.counts) {
    const m = before.counts.get(term);
    if (m === undefined) continue;
    const test = proportionChange(n, now.comments, m, before.comments);
    if (test?.significant) changes.push({ term, share: n / now.comments, previousShare: m / before.comments, z: test.z });
  }
  const by = (sign: number) => (a: ShareChange, b: ShareChange) => sign * (b.z - a.z) || (a.term < b.term ? -1 : 1);
  return { rising: changes.filter((c) => c.z > 0).sort(by(1)).slice(0, TERMS_PER_SIDE), falling: changes.filter((c) => c.z < 0).sort(by(-1)).slice(0, TERMS_PER_SIDE) };
}
