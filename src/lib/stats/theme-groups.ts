// Which comments are compared for themes: a rating's low or high group, by the file's columns.
import { DETRACTOR_MAX, PROMOTER_MIN, topTwoMin, type Metric, type Scales } from './metrics.ts';
import type { RatingScores } from './aggregate.ts';

/**
 * The answers that split comments into a low and a high group: NPS detractors (0–6) against promoters
 * (9–10); without NPS the bottom and top two boxes of a satisfaction measure; or a yes/no answer.
 */
export type ThemeBasis =
  | { kind: 'nps' }
  | { kind: 'box'; metric: Metric; low: [number, number]; high: [number, number] }
  | { kind: 'yesno' };

/** Satisfaction measures a box basis may use, in order of preference. */
const BOX_METRICS = ['csat', 'rating', 'agreement'] as const;

/** The basis for the metrics a file's columns give: NPS first, then a satisfaction measure, then yes/no; null for none. */
export function themeBasis(metrics: ReadonlySet<Metric>, scales: Scales): ThemeBasis | null {
  if (metrics.has('nps')) return { kind: 'nps' };
  const metric = BOX_METRICS.find((m) => metrics.has(m));
  if (metric) {
    const { min, max } = scales[metric];
    return { kind: 'box', metric, low: [min, min + 1], high: [topTwoMin(scales[metric]), max] };
  }
  return metrics.has('yesno') ? { kind: 'yesno' } : null;
}

/** The group of a rating's comment; null in the middle or without the basis's answer. */
export function themeGroup(basis: ThemeBasis, scores: RatingScores): 'low' | 'high' | null {
  const score = basis.kind === 'nps' ? scores.nps : basis.kind === 'yesno' ? scores.yesno : scores[basis.metric];
  if (score === null) return null;
  if (basis.kind === 'nps') return score <= DETRACTOR_MAX ? 'low' : score >= PROMOTER_MIN ? 'high' : null;
  if (basis.kind === 'yesno') return score === 0 ? 'low' : score === 1 ? 'high' : null;
  return score <= basis.low[1] ? 'low' : score >= basis.high[0] ? 'high' : null;
}
