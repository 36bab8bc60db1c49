// A DriversModel (src/lib/model/model-types.ts) as the pages show it: the sentence saying what
// explains what, the priority chart's data (src/charts/priority.ts) and the table beside it. Pure:
// tested without the site's model.
import type { PriorityData } from '../charts';
import type { DriversModel } from '../lib/model/model-types.ts';
import type { Scale } from '../lib/stats/metrics.ts';
import { MEASURES } from '../lib/stats/measures.ts';
import type { Formats } from './number-text.ts';
import type { StringKey, translator } from './i18n.ts';

type Words = { t: ReturnType<typeof translator>; fmt: Formats };

/** A metric's name as the tables head it ("Emotion (mean)"): its first measure's label. */
export const metricName = (t: Words['t'], metric: string) => t((MEASURES.find((m) => m.metric === metric)?.label ?? metric) as StringKey);
const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase() + text.slice(1);

/** A score on its scale: signed where the scale has negative values (−3…+3), as the curve writes it. */
export const scoreText = (fmt: Formats, scale: Scale, x: number) => (scale.min < 0 ? fmt.signed(x, 1) : fmt.decimal(x, 1));

/** A weight, a share of the outcome's variance, as a percentage with one decimal: "12.5%". */
export const weightText = (fmt: Formats, x: number) => fmt.percent(x, 1);

/** "What explains customers' overall likelihood to recommend (…): emotion (mean) at each touchpoint. Together … R² …". */
export function driversLead({ t, fmt }: Words, d: DriversModel): string {
  const outcome = d.outcome.kind === 'mean-nps' ? t('driversOutcomeNps') : t('driversOutcomeOverall', { measure: lowerFirst(metricName(t, d.outcome.metric)) });
  return t('driversLead', { outcome, predictor: lowerFirst(metricName(t, d.predictor)), r2: fmt.percent(d.r2), n: fmt.integer(d.respondents) });
}

export interface DriverRow {
  touchpoint: string;
  weight: string;
  interval: string;
  shareOfR2: string;
  performance: string;
  target: string;
  n: string;
  fixFirst: boolean;
}

/** The table beside the chart, strongest first, as the model orders them. */
export function driverRows({ fmt }: Words, d: DriversModel, scale: Scale, title: (id: string) => string): DriverRow[] {
  return d.drivers.map((x) => ({
    touchpoint: title(x.touchpoint),
    weight: weightText(fmt, x.weight),
    interval: `${weightText(fmt, x.low)} … ${weightText(fmt, x.high)}`,
    shareOfR2: d.r2 > 0 ? fmt.percent(x.weight / d.r2) : '–',
    performance: x.performance === null ? '–' : scoreText(fmt, scale, x.performance),
    target: x.target === null ? '–' : scoreText(fmt, scale, x.target),
    n: fmt.integer(x.n),
    fixFirst: x.fixFirst,
  }));
}

/** The chart's data: the drivers with a performance (one without has no place on the y axis; the table lists it). */
export function priorityData({ t }: Words, d: DriversModel, scale: Scale, title: (id: string) => string, chartTitle: string): PriorityData {
  const fix = d.drivers.filter((x) => x.fixFirst).map((x) => title(x.touchpoint));
  return {
    title: chartTitle,
    description: fix.length ? t('driversFixFirst', { touchpoints: fix.join(', ') }) : t('driversNoFixFirst'),
    scale,
    points: d.drivers.filter((x) => x.performance !== null).map((x) => ({
      id: x.touchpoint, title: title(x.touchpoint), weight: x.weight, low: x.low, high: x.high, performance: x.performance!, target: x.target, fixFirst: x.fixFirst,
    })),
  };
}

/** "Left out: Invoice (too few respondents), Chat (every answer the same).", or null. */
export function omittedText({ t }: Words, d: DriversModel, title: (id: string) => string): string | null {
  if (!d.omitted.length) return null;
  const reason = { fewRespondents: t('driversFewRespondents'), noVariance: t('driversNoVariance'), inconsistent: t('driversInconsistent') } as const;
  return t('driversOmitted', { list: d.omitted.map((o) => `${title(o.touchpoint)} (${reason[o.reason]})`).join(', ') });
}
