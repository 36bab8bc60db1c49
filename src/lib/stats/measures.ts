// The published measures, each defined once: where its figure is in a cell's figures, how its change
// is tested, its label, its number format, and its open-data columns. Headline cards, tables, the
// <Metric> component and open data list their measures from here, so a new measure is one entry
// (with its strings in src/site/i18n.ts). Formulas: src/lib/stats/figures.ts and the methodology page.
import type { CellStats, ScoreStats } from './aggregate.ts';
import { countFrom, figuresOf, npsCounts, weighted, weightedCounts, weightedShare, type Figures } from './figures.ts';
import { topTwoMin, type Metric, type Scale, type Scales } from './metrics.ts';
import { meanChange, npsChange, proportionChange, type ChangeTest, type Interval } from './stats.ts';

/** How a value is written: signed (+23, −0,40), a percentage (45 %) or a plain decimal (5,20). */
export interface NumberFormat {
  style: 'signed' | 'percent' | 'decimal';
  digits: number;
}

export interface Measure<Label extends string = string> {
  id: string;
  /** The score it is computed from; the gap is emotion minus expectation. */
  metric: Metric | 'gap';
  /** The key of its name among the site's strings (src/site/i18n.ts checks that each one exists). */
  label: Label;
  format: NumberFormat;
  /** The value with its 95% interval, from a published cell's figures; null when there is none. */
  of: (f: Figures) => Interval | null;
  /** The test of change against the same cell of the previous snapshot, where one is published. */
  change?: (now: CellStats, before: CellStats, scales: Scales) => ChangeTest | null;
  /** One of the headline cards (and a `metric` of the <Metric> component). */
  headline: boolean;
  /** A column of the touchpoint and breakdown tables; `margin`: the value with its ± margin. */
  table: { margin: boolean } | null;
  /**
   * A journey's curve and trends can show it: `priority` 1 first, of those with answers in the journey;
   * `scale` is its axis (and the range its targets must be in).
   */
  curve?: { priority: number; scale: (scales: Scales) => Pick<Scale, 'min' | 'max'> };
  /** The section of the methodology page that gives its formula and interval. */
  methodology: 'nps' | 'csat' | 'ces' | 'emotion' | 'agreement' | 'rating' | 'yesno';
  /** Its columns in open-data CSV: the value, `_low` and `_high` if `interval`, and `change` with `<change>_significant` if named. */
  openData: { column: string; digits: number; interval: boolean; change: string | null };
}

const meanChangeOf = (metric: Metric) => (now: CellStats, before: CellStats) =>
  meanChange(weighted(now.scores[metric], now.respondents), weighted(before.scores[metric], before.respondents));

/** A share's weighted successes and answers: the answers from `from(scale)` up. */
const shareOf = (metric: Metric, from: (scale: Scale) => number) => (cell: CellStats, scales: Scales): [number, number] => {
  const s: ScoreStats = cell.scores[metric];
  return weightedShare(countFrom(s, scales[metric].min, from(scales[metric])), s.n, cell.respondents);
};

/** The change of a share between two snapshots' cells. */
const shareChangeOf = (share: (cell: CellStats, scales: Scales) => [number, number]) => (now: CellStats, before: CellStats, scales: Scales) =>
  proportionChange(...share(now, scales), ...share(before, scales));

const shares = { style: 'percent', digits: 0 } as const;
const means = { style: 'decimal', digits: 2 } as const;
const signedMeans = { style: 'signed', digits: 2 } as const;

export const MEASURES = [
  {
    id: 'nps',
    metric: 'nps',
    label: 'nps',
    format: { style: 'signed', digits: 0 },
    of: (f) => f.nps,
    change: (now, before) => npsChange(weightedCounts(npsCounts(now.scores.nps), now.respondents), weightedCounts(npsCounts(before.scores.nps), before.respondents)),
    headline: true,
    table: { margin: true },
    curve: { priority: 5, scale: () => ({ min: -100, max: 100 }) },
    methodology: 'nps',
    openData: { column: 'nps', digits: 2, interval: true, change: 'nps_change' },
  },
  {
    id: 'csatSatisfied',
    metric: 'csat',
    label: 'csat',
    format: shares,
    of: (f) => f.csat?.satisfied ?? null,
    change: shareChangeOf(shareOf('csat', topTwoMin)),
    headline: true,
    table: { margin: false },
    methodology: 'csat',
    openData: { column: 'csat_satisfied', digits: 4, interval: true, change: null },
  },
  {
    id: 'csatMean',
    metric: 'csat',
    label: 'csatMean',
    format: means,
    of: (f) => f.csat?.mean ?? null,
    headline: false,
    table: { margin: false },
    curve: { priority: 2, scale: (scales) => scales.csat },
    methodology: 'csat',
    openData: { column: 'csat_mean', digits: 4, interval: false, change: null },
  },
  {
    id: 'cesMean',
    metric: 'ces',
    label: 'ces',
    format: means,
    of: (f) => f.ces?.mean ?? null,
    change: meanChangeOf('ces'),
    headline: true,
    table: { margin: false },
    methodology: 'ces',
    openData: { column: 'ces_mean', digits: 4, interval: true, change: null },
  },
  {
    id: 'cesEasy',
    metric: 'ces',
    label: 'cesEasy',
    format: shares,
    of: (f) => f.ces?.easy ?? null,
    headline: false,
    table: { margin: false },
    methodology: 'ces',
    openData: { column: 'ces_easy', digits: 4, interval: false, change: null },
  },
  {
    id: 'emotionMean',
    metric: 'emotion',
    label: 'emotion',
    format: signedMeans,
    of: (f) => f.emotion?.mean ?? null,
    change: meanChangeOf('emotion'),
    headline: true,
    table: { margin: false },
    curve: { priority: 1, scale: (scales) => scales.emotion },
    methodology: 'emotion',
    openData: { column: 'emotion_mean', digits: 4, interval: true, change: 'emotion_change' },
  },
  {
    id: 'expectationMean',
    metric: 'expectation',
    label: 'expectationMean',
    format: signedMeans,
    of: (f) => f.expectation?.mean ?? null,
    headline: false,
    table: null,
    methodology: 'emotion',
    openData: { column: 'expectation_mean', digits: 4, interval: false, change: null },
  },
  {
    id: 'gapMean',
    metric: 'gap',
    label: 'gap',
    format: signedMeans,
    of: (f) => f.gap?.mean ?? null,
    headline: false,
    table: null,
    methodology: 'emotion',
    openData: { column: 'gap_mean', digits: 4, interval: false, change: null },
  },
  {
    id: 'agreementTopTwo',
    metric: 'agreement',
    label: 'agreement',
    format: shares,
    of: (f) => f.agreement?.topTwo ?? null,
    change: shareChangeOf(shareOf('agreement', topTwoMin)),
    headline: true,
    table: { margin: false },
    methodology: 'agreement',
    openData: { column: 'agreement_top2', digits: 4, interval: true, change: null },
  },
  {
    id: 'agreementMean',
    metric: 'agreement',
    label: 'agreementMean',
    format: means,
    of: (f) => f.agreement?.mean ?? null,
    headline: false,
    table: null,
    curve: { priority: 3, scale: (scales) => scales.agreement },
    methodology: 'agreement',
    openData: { column: 'agreement_mean', digits: 4, interval: false, change: null },
  },
  {
    id: 'ratingMean',
    metric: 'rating',
    label: 'rating',
    format: means,
    of: (f) => f.rating?.mean ?? null,
    change: meanChangeOf('rating'),
    headline: true,
    table: { margin: false },
    curve: { priority: 4, scale: (scales) => scales.rating },
    methodology: 'rating',
    openData: { column: 'rating_mean', digits: 4, interval: true, change: null },
  },
  {
    id: 'ratingTopBox',
    metric: 'rating',
    label: 'ratingTopBox',
    format: shares,
    of: (f) => f.rating?.topBox ?? null,
    headline: false,
    table: null,
    methodology: 'rating',
    openData: { column: 'rating_top_box', digits: 4, interval: false, change: null },
  },
  {
    id: 'yesShare',
    metric: 'yesno',
    label: 'yesno',
    format: shares,
    of: (f) => f.yesno?.yes ?? null,
    change: shareChangeOf(shareOf('yesno', (scale) => scale.max)),
    headline: true,
    table: { margin: false },
    methodology: 'yesno',
    openData: { column: 'yes_share', digits: 4, interval: true, change: null },
  },
] as const satisfies readonly Measure[];

export type MeasureId = (typeof MEASURES)[number]['id'];
/** Every measure's label key. */
export type MeasureLabel = (typeof MEASURES)[number]['label'];
/** A measure whose label is one of the keys the registry names. */
export type RegisteredMeasure = Measure<MeasureLabel>;

export function measure(id: MeasureId): RegisteredMeasure {
  return MEASURES.find((m) => m.id === id)!;
}

/** The measures of the headline cards, one per metric, in card order. */
export const HEADLINE_MEASURES: readonly RegisteredMeasure[] = MEASURES.filter((m) => m.headline);
/** The measures of the touchpoint and breakdown tables, in column order. */
export const TABLE_MEASURES: readonly RegisteredMeasure[] = MEASURES.filter((m) => m.table);

/** The measures a journey's curve can show, first choice first. */
export const CURVE_MEASURES: readonly RegisteredMeasure[] = (MEASURES as readonly RegisteredMeasure[])
  .filter((m) => m.curve)
  .sort((a, b) => a.curve!.priority - b.curve!.priority);

/** Whether a cell's figures have answers for a measure's score (a suppressed cell's have none to tell). */
export const answered = (m: Measure, f: Figures): boolean => !!f[m.metric];

/** The first curve measure with answers in these figures; the first of all where none has (or nothing is published). */
export function primaryMeasure(f: Figures | null): RegisteredMeasure {
  return (f && CURVE_MEASURES.find((m) => answered(m, f))) || CURVE_MEASURES[0]!;
}

/** Of these measures, those with answers in these figures (all of them when nothing is published to tell). */
export function measuresAnswered<M extends Measure>(measures: readonly M[], f: Figures | null): M[] {
  return f ? measures.filter((m) => answered(m, f)) : [...measures];
}

/** A measure's value and interval in a cell, computed from its statistics. */
export function measureOf(m: Measure, cell: CellStats, scales: Scales): Interval | null {
  return m.of(figuresOf(cell, scales));
}

/** A cell's changes against the previous snapshot, by measure: only the measures with a change test. */
export type Changes = { [K in Extract<(typeof MEASURES)[number], { change: unknown }>['id']]: ChangeTest | null };

export function changesOf(current: CellStats, previous: CellStats, scales: Scales): Changes {
  const tested = MEASURES.filter((m): m is Extract<(typeof MEASURES)[number], { change: unknown }> => 'change' in m);
  return Object.fromEntries(tested.map((m) => [m.id, m.change(current, previous, scales)])) as Changes;
}
