// The key drivers' tally of a read: each respondent's predictor score at each touchpoint and their
// outcome, by the respondent's dense number (respondent-index.ts), folded into a journey's pairwise
// moments (stats/driver-moments.ts) when the read ends. A respondent's vector must be whole before it
// is folded: the halves of a read in halves merge vectors, passes (disjoint respondents) add moments.
import type { RatingScores } from '../stats/aggregate.ts';
import { addRespondent, emptyMoments, mergeMoments, type DriverMoments, type DriverSpec } from '../stats/driver-moments.ts';
import { CURVE_MEASURES } from '../stats/measures.ts';
import type { Metric, Scales } from '../stats/metrics.ts';
import { JOURNEY_LEVEL, type ColumnPlan } from './column-plan.ts';

/**
 * The drivers' outcome and predictor a file's columns allow. Outcome: the journey-level question's NPS
 * if it has one, else its first measure in the curve's order; without journey-level questions the
 * mean of the respondent's NPS answers at the journey's touchpoints. Predictor: the touchpoints' first
 * measure in the curve's order, never NPS when the outcome is NPS (it would explain itself). Null
 * without either.
 */
export function driverSpec(plan: ColumnPlan): DriverSpec | null {
  const isOverall = (r: ColumnPlan['ratings'][number]) => 'constant' in r.touchpoint && r.touchpoint.constant === JOURNEY_LEVEL;
  const metricsOf = (ratings: ColumnPlan['ratings']) => new Set(ratings.flatMap((r) => r.scores.map(([m]) => m)));
  const overall = metricsOf(plan.ratings.filter(isOverall));
  const touchpoints = metricsOf(plan.ratings.filter((r) => !isOverall(r)));
  const firstOnCurve = (metrics: Set<Metric>) => CURVE_MEASURES.map((m) => m.metric).find((m): m is Metric => m !== 'gap' && metrics.has(m)) ?? null;
  const overallMetric = overall.has('nps') ? 'nps' : firstOnCurve(overall);
  const outcome: DriverSpec['outcome'] | null = overallMetric ? { kind: 'overall', metric: overallMetric } : touchpoints.has('nps') ? { kind: 'mean-nps', metric: 'nps' } : null;
  if (!outcome) return null;
  if (outcome.metric === 'nps') touchpoints.delete('nps');
  const predictor = firstOnCurve(touchpoints);
  return predictor ? { outcome, predictor } : null;
}

/**
 * A growable column of values by respondent number, one byte each while they are whole numbers from
 * `base` to base + 254 (code 0: not answered), as scores mostly are; floats (NaN: not answered) from
 * the first value that is not.
 */
class Column {
  values: Uint8Array | Float32Array = new Uint8Array(0);
  readonly base: number;

  constructor(base: number) {
    this.base = base;
  }

  at(n: number): number {
    return valueAt(this.values, this.base, n);
  }

  set(n: number, value: number): void {
    const code = value - this.base + 1;
    if (this.values instanceof Uint8Array && !(Number.isInteger(code) && code >= 1 && code <= 255)) {
      const floats = new Float32Array(this.values.length).fill(NaN);
      this.values.forEach((c, i) => c !== 0 && (floats[i] = c - 1 + this.base));
      this.values = floats;
    }
    if (n >= this.values.length) {
      const length = Math.max(64, 2 ** Math.ceil(Math.log2(n + 1)));
      const grown = this.values instanceof Uint8Array ? new Uint8Array(length) : new Float32Array(length).fill(NaN);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[n] = this.values instanceof Uint8Array ? code : value;
  }
}

/** Respondent n's value in a column's values (NaN: not answered). */
function valueAt(values: Uint8Array | Float32Array, base: number, n: number): number {
  if (n >= values.length) return NaN;
  if (!(values instanceof Uint8Array)) return values[n]!;
  const code = values[n]!;
  return code === 0 ? NaN : code - 1 + base;
}

/** One journey's vectors: a column per touchpoint, and the outcome's sum and count (a mean of NPS answers has several). */
interface JourneyVectors {
  touchpoints: Map<string, Column>;
  outcomeSum: Column;
  outcomeCount: Column;
  /** Moments of respondents already folded: another pass's, or a later half's not seen in this one. */
  folded: DriverMoments | null;
}

/** Adds `count` outcome answers summing to `sum` to respondent n's. */
function addOutcome(j: JourneyVectors, n: number, sum: number, count: number): void {
  const before = j.outcomeCount.at(n) || 0;
  j.outcomeSum.set(n, (before > 0 ? j.outcomeSum.at(n) : 0) + sum);
  j.outcomeCount.set(n, before + count);
}

/** A driver tally as data, which another thread can be sent. */
export interface DriverState {
  journeys: { id: string; touchpoints: [string, ColumnState][]; outcomeSum: ColumnState; outcomeCount: ColumnState; folded: DriverMoments | null }[];
}

type ColumnState = { values: Uint8Array | Float32Array; base: number };

const stateOf = (c: Column): ColumnState => ({ values: c.values, base: c.base });

/** The typed arrays of a driver state, to be moved, not copied, to another thread. */
export function driverArrays(state: DriverState | null): (Uint8Array | Float32Array)[] {
  return (state?.journeys ?? []).flatMap((j) => [j.outcomeSum.values, j.outcomeCount.values, ...j.touchpoints.map(([, c]) => c.values)]);
}

export class DriverTally {
  private readonly journeys = new Map<string, JourneyVectors>();
  readonly spec: DriverSpec;
  private readonly scales: Scales;

  constructor(spec: DriverSpec, scales: Scales) {
    this.spec = spec;
    this.scales = scales;
  }

  private journey(id: string): JourneyVectors {
    let j = this.journeys.get(id);
    if (!j) this.journeys.set(id, (j = { touchpoints: new Map(), outcomeSum: this.outcomeColumn(), outcomeCount: new Column(0), folded: null }));
    return j;
  }

  // A sum of NPS answers, or one overall answer: from the scale's minimum up.
  private outcomeColumn = () => new Column(this.scales[this.spec.outcome.metric].min);
  private touchpointColumn = () => new Column(this.scales[this.spec.predictor].min);

  /** A rating of respondent n: at a touchpoint content defines (`defined`), or at the journey level. */
  add(journey: string, touchpoint: string, defined: boolean, n: number, scores: RatingScores): void {
    const { outcome, predictor } = this.spec;
    const overall = touchpoint === JOURNEY_LEVEL;
    if (!defined && !overall) return;
    const j = this.journey(journey);
    const y = overall === (outcome.kind === 'overall') ? scores[outcome.metric] : null;
    if (y !== null) addOutcome(j, n, y, 1);
    const x = overall ? null : scores[predictor];
    if (x === null) return;
    let column = j.touchpoints.get(touchpoint);
    if (!column) j.touchpoints.set(touchpoint, (column = this.touchpointColumn()));
    column.set(n, x);
  }

  /** The memory the vectors take (counted in the read's respondent budget). */
  bytes(): number {
    let bytes = 0;
    for (const j of this.journeys.values()) {
      bytes += j.outcomeSum.values.byteLength + j.outcomeCount.values.byteLength;
      for (const c of j.touchpoints.values()) bytes += c.values.byteLength;
    }
    return bytes;
  }

  state(): DriverState {
    return {
      journeys: [...this.journeys].map(([id, j]) => ({
        id,
        touchpoints: [...j.touchpoints].map(([tp, c]) => [tp, stateOf(c)]),
        outcomeSum: stateOf(j.outcomeSum),
        outcomeCount: stateOf(j.outcomeCount),
        folded: j.folded,
      })),
    };
  }

  /**
   * Adds another read's vectors, its respondents renumbered by `numbers` (−1: not seen here, folded at
   * once). A respondent of both has rated other touchpoints in each (CellTally.absorb declines
   * otherwise): the vectors fill each other's gaps and the outcomes add.
   */
  absorb(next: DriverState, numbers: Int32Array): void {
    for (const theirs of next.journeys) {
      const j = this.journey(theirs.id);
      const touchpoints = theirs.touchpoints.map(([tp]) => tp);
      const elsewhere = emptyMoments(this.spec, touchpoints);
      // The outcome's place holds the sum of its answers (DriverMoments.strata).
      const values = new Float64Array(touchpoints.length + 1);
      for (let m = 0; m < numbers.length; m++) {
        const n = numbers[m]!;
        const count = valueAt(theirs.outcomeCount.values, 0, m) || 0;
        const sum = count > 0 ? valueAt(theirs.outcomeSum.values, theirs.outcomeSum.base, m) : NaN;
        if (n === -1) {
          theirs.touchpoints.forEach(([, c], i) => (values[i] = valueAt(c.values, c.base, m)));
          values[touchpoints.length] = sum;
          addRespondent(elsewhere, values, count);
          continue;
        }
        theirs.touchpoints.forEach(([tp, c]) => {
          const x = valueAt(c.values, c.base, m);
          if (Number.isNaN(x)) return;
          let here = j.touchpoints.get(tp);
          if (!here) j.touchpoints.set(tp, (here = this.touchpointColumn()));
          here.set(n, x);
        });
        if (count > 0) addOutcome(j, n, sum, count);
      }
      j.folded = [j.folded, theirs.folded, elsewhere].reduce((a, b) => (a && b ? mergeMoments(a, b) : (a ?? b)), null);
    }
  }

  /** Folds every vector into its journey's moments and lets go of them: the memory for the next pass's respondents. */
  keepMoments(respondents: number): void {
    for (const j of this.journeys.values()) {
      j.folded = this.moments(j, respondents);
      j.touchpoints = new Map([...j.touchpoints.keys()].map((tp) => [tp, this.touchpointColumn()]));
      j.outcomeSum = this.outcomeColumn();
      j.outcomeCount = new Column(0);
    }
  }

  /** Each journey's moments, over its respondents numbered 0 to `respondents` − 1 and those folded. */
  result(respondents: number): Record<string, DriverMoments> {
    const result: Record<string, DriverMoments> = Object.create(null);
    for (const [id, j] of this.journeys) result[id] = this.moments(j, respondents);
    return result;
  }

  private moments(j: JourneyVectors, respondents: number): DriverMoments {
    const touchpoints = [...j.touchpoints.keys()].sort();
    const columns = touchpoints.map((tp) => j.touchpoints.get(tp)!);
    const moments = emptyMoments(this.spec, touchpoints);
    const values = new Float64Array(touchpoints.length + 1);
    for (let n = 0; n < respondents; n++) {
      for (let i = 0; i < columns.length; i++) values[i] = columns[i]!.at(n);
      const count = j.outcomeCount.at(n) || 0;
      values[columns.length] = count > 0 ? j.outcomeSum.at(n) : NaN;
      addRespondent(moments, values, count);
    }
    return j.folded ? mergeMoments(j.folded, moments) : moments;
  }
}
