// A journey's key drivers: which touchpoints' scores explain the respondents' outcome, as Johnson's
// relative weights from the ingest's pairwise moments (stats/driver-moments.ts), with intervals,
// the touchpoints' performance and what to fix first. Only the weights are published, never the sums.
import { combinedPairs, pairIndex, pairwiseCorrelations, variance, withOutcome, type DriverMoments } from '../stats/driver-moments.ts';
import { CURVE_MEASURES } from '../stats/measures.ts';
import { relativeWeights, smallestEigenvalue, weightIntervals } from '../stats/relative-weights.ts';
import { targetOf } from '../project/targets.ts';
import type { Journey } from '../project/content.ts';
import type { DriverModel, DriversModel, JourneyModel } from './model-types.ts';
import type { IntervalsOf } from './drivers-cache.ts';

/** The smallest eigenvalue a model's correlation matrix may have (see journeyDrivers). */
const MIN_EIGENVALUE = 0.01;

/**
 * The drivers of a published journey, or null: without moments, with fewer than two touchpoints that
 * may enter, or with fewer respondents of the outcome than minRespondents × (touchpoints + 1), the
 * usual ten a predictor. A touchpoint enters when it is published, at least minRespondents answered it
 * and the outcome, its scores vary among them, and at least minRespondents answered it together with
 * each other touchpoint that enters (else the one answered least leaves, until that holds).
 * `intervals`: weightIntervals, or the same from a previous build (drivers-cache.ts).
 */
export function journeyDrivers(moments: DriverMoments | undefined, journey: JourneyModel, content: Journey, minRespondents: number, intervals: IntervalsOf = weightIntervals): DriversModel | null {
  if (!moments) return null;
  const k = moments.touchpoints.length + 1;
  const pairs = combinedPairs(moments);
  const outcome = pairs[pairs.length - 1]!;
  if (outcome.n < minRespondents || variance(outcome) <= 0) return null;
  const published = new Map(journey.stages.flatMap((s) => s.touchpoints).filter((t) => !t.cell.suppressed).map((t) => [t.id, t]));
  const omitted: DriversModel['omitted'] = [];
  const entered: number[] = [];
  moments.touchpoints.forEach((id, i) => {
    const tp = published.get(id);
    if (!tp) return;
    const pair = withOutcome(pairs, k, i);
    if (pair.n < minRespondents) omitted.push({ touchpoint: id, reason: 'fewRespondents' });
    else if (variance(pair) <= 0) omitted.push({ touchpoint: id, reason: 'noVariance' });
    else entered.push(i);
  });
  // Every correlation over at least minRespondents: the touchpoint in most pairs answered by fewer
  // (then the one answered least with the outcome) leaves until so.
  const together = (i: number, j: number) => pairs[i <= j ? pairIndex(i, j, k) : pairIndex(j, i, k)]!.n;
  const shortPairs = (i: number) => entered.filter((j) => together(i, j) < minRespondents).length;
  const leaving = (a: number, b: number) => shortPairs(b) - shortPairs(a) || withOutcome(pairs, k, a).n - withOutcome(pairs, k, b).n;
  while (entered.some((i) => shortPairs(i) > 0)) {
    const least = [...entered].sort(leaving)[0]!;
    entered.splice(entered.indexOf(least), 1);
    omitted.push({ touchpoint: moments.touchpoints[least]!, reason: 'fewRespondents' });
  }
  // Correlations that no one group of respondents could give (pairwise deletion over touchpoints that
  // few answered together) would explain the outcome entirely (R² = 1): the touchpoint answered least
  // leaves until the matrix is clearly positive definite.
  const correlations = () => pairwiseCorrelations(pairs, k, [...entered, k - 1]);
  while (entered.length >= 2 && smallestEigenvalue(correlations().corr) < MIN_EIGENVALUE) {
    const least = entered.reduce((a, b) => (withOutcome(pairs, k, b).n < withOutcome(pairs, k, a).n ? b : a));
    entered.splice(entered.indexOf(least), 1);
    omitted.push({ touchpoint: moments.touchpoints[least]!, reason: 'inconsistent' });
  }
  if (entered.length < 2 || outcome.n < minRespondents * (entered.length + 1)) return null;
  const { n, corr } = correlations();
  const respondents = Math.min(...n.flat());
  const { weights, r2 } = relativeWeights(corr);
  const { low, high } = intervals(corr, respondents);
  const measure = CURVE_MEASURES.find((m) => m.metric === moments.predictor)!;
  const targets = new Map(content.stages.flatMap((s) => s.touchpoints).map((t) => [t.id, targetOf(t, measure)]));
  const drivers: DriverModel[] = entered.map((i, e) => {
    const id = moments.touchpoints[i]!;
    const figures = published.get(id)!.cell.figures;
    return { touchpoint: id, weight: weights[e]!, low: low[e]!, high: high[e]!, performance: figures ? (measure.of(figures)?.value ?? null) : null, target: targets.get(id) ?? null, n: n[e]![entered.length]!, fixFirst: false };
  });
  markFixFirst(drivers);
  return { outcome: moments.outcome, predictor: moments.predictor, r2, respondents, drivers: drivers.sort((a, b) => b.weight - a.weight), omitted };
}

/**
 * Fix first: a weight above the mean weight and performance below the touchpoint's target, or without
 * a target below the mean performance of the journey's drivers.
 */
function markFixFirst(drivers: DriverModel[]): void {
  const meanWeight = drivers.reduce((s, d) => s + d.weight, 0) / drivers.length;
  const performed = drivers.flatMap((d) => (d.performance === null ? [] : [d.performance]));
  const meanPerformance = performed.reduce((s, p) => s + p, 0) / performed.length;
  for (const d of drivers) {
    if (d.performance === null) continue;
    d.fixFirst = d.weight > meanWeight && d.performance < (d.target ?? meanPerformance);
  }
}
