// The scores Polku understands, their scales, and the bands that the headline figures count.

// agreement: a Likert item (agreement or frequency); rating: a score on any numeric scale (stars,
// 1–10); yesno: 1 for yes, 0 for no.
export const METRICS = ['nps', 'csat', 'ces', 'emotion', 'expectation', 'agreement', 'rating', 'yesno'] as const;
export type Metric = (typeof METRICS)[number];

export interface Scale {
  min: number;
  max: number;
  /** Whole numbers only (NPS, CSAT, CES, agreement, rating, yes/no); emotion and expectation may be fractional. */
  integer: boolean;
}

export type Scales = Record<Metric, Scale>;

export const DEFAULT_SCALES: Scales = {
  nps: { min: 0, max: 10, integer: true },
  csat: { min: 1, max: 5, integer: true },
  ces: { min: 1, max: 7, integer: true },
  emotion: { min: -3, max: 3, integer: false },
  expectation: { min: -3, max: 3, integer: false },
  agreement: { min: 1, max: 5, integer: true },
  rating: { min: 1, max: 5, integer: true },
  yesno: { min: 0, max: 1, integer: true },
};

/** NPS bands are fixed by the metric's definition (Reichheld 2003), so the NPS scale is not configurable. */
export const PROMOTER_MIN = 9;
export const DETRACTOR_MAX = 6;

/** The top-2 box of whatever scale is configured (4–5 on 1–5): CSAT "satisfied", agreement "agree". */
export function topTwoMin(scale: Scale): number {
  return scale.max - 1;
}

/** CES "easy" is every answer above the scale's midpoint (5–7 on 1–7). */
export function cesEasyMin(scale: Scale): number {
  return Math.floor((scale.min + scale.max) / 2) + 1;
}

/** Number of histogram bins: one per whole score; fractional scores fall in the nearest bin. */
export function binCount(scale: Scale): number {
  return scale.max - scale.min + 1;
}
