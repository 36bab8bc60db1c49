// The key drivers' tally of a read: each respondent's predictor score at each touchpoint and their
// outcome, by the respondent's dense number (respondent-index.ts), folded into a journey's pairwise
// moments (stats/driver-moments.ts). A respondent's vector must be whole before it is folded: when the
// read's respondents outgrow its memory, the vectors of all but the newest are folded (exports list a
// respondent's rows together), and a read that then finds a respondent's rows apart starts again
// keeping every vector to the end. The halves of a read in halves merge open vectors, passes (disjoint
// respondents) add moments.
import type { RatingScores } from '../stats/aggregate.ts';
import { addRespondent, emptyMoments, mergeMoments, type DriverMoments, type DriverSpec } from '../stats/driver-moments.ts';
import { CURVE_MEASURES } from '../stats/measures.ts';
import type { Metric, Scales } from '../stats/metrics.ts';
import { JOURNEY_LEVEL, type ColumnPlan } from './column-plan.ts';

/**
 * The first respondents of a read, whose vectors are never folded while it reads: in the half after a
 * cut, the first respondent's rows may have begun in the half before, and only whole vectors fold.
 * One would do where rows are grouped by respondent; a few more let a little disorder merge.
 */
const HEAD = 64;

/**
 * The newest respondents, whose vectors a fold keeps open: their rows may still be coming. Exports
 * list a respondent's rows together; this many let rows a little out of place (a few hundred KB).
 */
const KEEP = 4096;

/**
 * A rating of a respondent whose key-driver vector was already folded: their rows are not together in
 * the file. The read starts again with every vector open to its end (IngestOptions.driverRowsApart),
 * in passes: it folded because they outgrew the read's memory.
 */
export class RespondentRowsApart extends Error {
  constructor() {
    super("a respondent's rows are apart in the file: the key drivers need every respondent's ratings open to the end of the read");
    this.name = 'RespondentRowsApart';
  }
}

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
 * A growable column of values by a respondent's slot (DriverTally.slot), one byte each while they
 * are whole numbers from `base` to base + 254 (code 0: not answered), as scores mostly are; floats
 * (NaN: not answered) from the first value that is not.
 */
class Column {
  values: Uint8Array | Float32Array = new Uint8Array(0);
  readonly base: number;

  constructor(base: number) {
    this.base = base;
  }

  at(slot: number): number {
    return valueAt(this, slot);
  }

  set(slot: number, value: number): void {
    const code = value - this.base + 1;
    if (this.values instanceof Uint8Array && !(Number.isInteger(code) && code >= 1 && code <= 255)) {
      const floats = new Float32Array(this.values.length).fill(NaN);
      this.values.forEach((c, i) => c !== 0 && (floats[i] = c - 1 + this.base));
      this.values = floats;
    }
    if (slot >= this.values.length) {
      const length = Math.max(64, 2 ** Math.ceil(Math.log2(slot + 1)));
      const grown = this.values instanceof Uint8Array ? new Uint8Array(length) : new Float32Array(length).fill(NaN);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[slot] = this.values instanceof Uint8Array ? code : value;
  }

  /** Removes `count` slots from `from` on, moving those after them up to `used` down, into an array as short as they allow. */
  drop(from: number, count: number, used: number): void {
    const { values } = this;
    const end = Math.min(used, values.length);
    const length = Math.max(64, 2 ** Math.ceil(Math.log2(Math.max(from, used - count))));
    const shorter = values instanceof Uint8Array ? new Uint8Array(length) : new Float32Array(length).fill(NaN);
    shorter.set(values.subarray(0, Math.min(from, end)));
    if (end > from + count) shorter.set(values.subarray(from + count, end), from);
    this.values = shorter;
  }
}

/** The value in a column's slot (NaN: not answered). */
function valueAt({ values, base }: ColumnState, slot: number): number {
  if (slot >= values.length) return NaN;
  if (!(values instanceof Uint8Array)) return values[slot]!;
  const code = values[slot]!;
  return code === 0 ? NaN : code - 1 + base;
}

/** One journey's vectors: a column per touchpoint, and the outcome's sum and count (a mean of NPS answers has several). */
interface JourneyVectors {
  touchpoints: Map<string, Column>;
  outcomeSum: Column;
  outcomeCount: Column;
  /** Moments of respondents already folded: the window's older ones, another pass's, or a later half's not seen in this one. */
  folded: DriverMoments | null;
}

/** Adds `count` outcome answers summing to `sum` to the respondent's in `slot`. */
function addOutcome(j: JourneyVectors, slot: number, sum: number, count: number): void {
  const before = j.outcomeCount.at(slot) || 0;
  j.outcomeSum.set(slot, (before > 0 ? j.outcomeSum.at(slot) : 0) + sum);
  j.outcomeCount.set(slot, before + count);
}

/** A driver tally as data, which another thread can be sent. */
export interface DriverState {
  /** The first respondent number of the open window after the head (DriverTally.offset). */
  offset: number;
  journeys: { id: string; touchpoints: [string, ColumnState][]; outcomeSum: ColumnState; outcomeCount: ColumnState; folded: DriverMoments | null }[];
}

type ColumnState = { values: Uint8Array | Float32Array; base: number };

const stateOf = (c: Column): ColumnState => ({ values: c.values, base: c.base });

/** The typed arrays of a driver state, to be moved, not copied, to another thread. */
export function driverArrays(state: DriverState | null): (Uint8Array | Float32Array)[] {
  return (state?.journeys ?? []).flatMap((j) => [j.outcomeSum.values, j.outcomeCount.values, ...j.touchpoints.map(([, c]) => c.values)]);
}

/**
 * Where respondent n's values are in a column: the head's at their number, then the window's from
 * `offset` on; -1 where n was folded.
 */
function slotOf(n: number, offset: number): number {
  if (n < HEAD) return n;
  return n >= offset ? n - offset + HEAD : -1;
}

/** The ranges of respondent numbers a tally holds vectors of, below `respondents`: the head's and the window's. */
const openRanges = (offset: number, respondents: number): [from: number, to: number][] => [
  [0, Math.min(HEAD, respondents)],
  [offset, respondents],
];

/** A journey's vectors as columns: its touchpoints' (sorted by id) and the outcome's two. */
type Vectors = { touchpoints: [string, ColumnState][]; outcomeSum: ColumnState; outcomeCount: ColumnState };

/**
 * Adds a journey's respondents numbered `from` to `to` − 1, their values at slotOf(n, offset), to
 * moments; with `numbers`, only those not seen in the read it renumbers them to (−1).
 */
function addVectors(into: DriverMoments, vectors: Vectors, [from, to]: [number, number], offset: number, numbers?: Int32Array): DriverMoments {
  const { touchpoints, outcomeSum, outcomeCount } = vectors;
  // The outcome's place holds the sum of its answers (DriverMoments.strata).
  const values = new Float64Array(touchpoints.length + 1);
  for (let n = from; n < to; n++) {
    if (numbers && numbers[n] !== -1) continue;
    const slot = slotOf(n, offset);
    for (let i = 0; i < touchpoints.length; i++) values[i] = valueAt(touchpoints[i]![1], slot);
    const count = valueAt(outcomeCount, slot) || 0;
    values[touchpoints.length] = count > 0 ? valueAt(outcomeSum, slot) : NaN;
    addRespondent(into, values, count);
  }
  return into;
}

const emptyFor = (spec: DriverSpec, vectors: Vectors) => emptyMoments(spec, vectors.touchpoints.map(([tp]) => tp));

const merged = (a: DriverMoments | null, b: DriverMoments): DriverMoments => (a ? mergeMoments(a, b) : b);

export class DriverTally {
  private readonly journeys = new Map<string, JourneyVectors>();
  readonly spec: DriverSpec;
  private readonly scales: Scales;
  /** The window's first respondent number: those from HEAD up to it are folded into each journey's moments. */
  private offset = HEAD;

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
    const x = overall ? null : scores[predictor];
    if (y === null && x === null) return;
    const slot = this.slot(n);
    if (y !== null) addOutcome(j, slot, y, 1);
    if (x === null) return;
    let column = j.touchpoints.get(touchpoint);
    if (!column) j.touchpoints.set(touchpoint, (column = this.touchpointColumn()));
    column.set(slot, x);
  }

  /** Respondent n's slot. Throws RespondentRowsApart where n was folded already. */
  private slot(n: number): number {
    const slot = slotOf(n, this.offset);
    if (slot === -1) throw new RespondentRowsApart();
    return slot;
  }

  /**
   * Folds the vectors of all but the head and the newest KEEP of a read's `respondents` into their
   * journeys' moments, and lets go of their memory; false where there were none to fold. Called when
   * the respondents outgrow the read's memory (read-range.ts): a file that fits folds nothing, and
   * may list a respondent's rows anywhere.
   */
  fold(respondents: number): boolean {
    const offset = respondents - KEEP;
    if (offset <= this.offset) return false;
    const shift = offset - this.offset;
    for (const j of this.journeys.values()) {
      const vectors = vectorsOf(j);
      j.folded = merged(j.folded, addVectors(emptyFor(this.spec, vectors), vectors, [this.offset, offset], this.offset));
      for (const column of [...j.touchpoints.values(), j.outcomeSum, j.outcomeCount]) column.drop(HEAD, shift, slotOf(respondents, this.offset));
    }
    this.offset = offset;
    return true;
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
      offset: this.offset,
      journeys: [...this.journeys].map(([id, j]) => ({ id, ...vectorsOf(j, false), folded: j.folded })),
    };
  }

  /**
   * False where a respondent of both reads had their vector folded in either: it cannot be made whole
   * (the read in halves declines, and the file is read from start to end).
   */
  canAbsorb(next: DriverState, numbers: Int32Array): boolean {
    for (let m = 0; m < numbers.length; m++) {
      const n = numbers[m]!;
      if (n !== -1 && (slotOf(m, next.offset) === -1 || slotOf(n, this.offset) === -1)) return false;
    }
    return true;
  }

  /**
   * Adds another read's vectors, its respondents renumbered by `numbers` (−1: not seen here, folded at
   * once). A respondent of both has rated other touchpoints in each (CellTally.absorb declines
   * otherwise), and is open in both (canAbsorb): the vectors fill each other's gaps and the outcomes add.
   */
  absorb(next: DriverState, numbers: Int32Array): void {
    for (const theirs of next.journeys) {
      const j = this.journey(theirs.id);
      const open = openRanges(next.offset, numbers.length);
      const elsewhere = emptyFor(this.spec, theirs);
      for (const range of open) addVectors(elsewhere, theirs, range, next.offset, numbers);
      j.folded = merged(j.folded, elsewhere);
      if (theirs.folded) j.folded = merged(j.folded, theirs.folded);
      for (const [from, to] of open) {
        for (let m = from; m < to; m++) {
          const n = numbers[m]!;
          if (n !== -1) this.join(j, theirs, slotOf(m, next.offset), slotOf(n, this.offset));
        }
      }
    }
  }

  /** Fills the gaps of the vector in `slot` from another read's in `at`, and adds its outcome answers. */
  private join(j: JourneyVectors, theirs: Vectors, at: number, slot: number): void {
    for (const [tp, c] of theirs.touchpoints) {
      const x = valueAt(c, at);
      if (Number.isNaN(x)) continue;
      let here = j.touchpoints.get(tp);
      if (!here) j.touchpoints.set(tp, (here = this.touchpointColumn()));
      here.set(slot, x);
    }
    const count = valueAt(theirs.outcomeCount, at) || 0;
    if (count > 0) addOutcome(j, slot, valueAt(theirs.outcomeSum, at), count);
  }

  /** Folds every vector into its journey's moments and lets go of them: the memory for the next pass's respondents, numbered from 0 again. */
  keepMoments(respondents: number): void {
    for (const j of this.journeys.values()) {
      j.folded = this.moments(j, respondents);
      j.touchpoints = new Map([...j.touchpoints.keys()].map((tp) => [tp, this.touchpointColumn()]));
      j.outcomeSum = this.outcomeColumn();
      j.outcomeCount = new Column(0);
    }
    this.offset = HEAD;
  }

  /** Each journey's moments, over its respondents numbered 0 to `respondents` − 1 and those folded. */
  result(respondents: number): Record<string, DriverMoments> {
    const result: Record<string, DriverMoments> = Object.create(null);
    for (const [id, j] of this.journeys) result[id] = this.moments(j, respondents);
    return result;
  }

  private moments(j: JourneyVectors, respondents: number): DriverMoments {
    const vectors = vectorsOf(j);
    const open = emptyFor(this.spec, vectors);
    for (const range of openRanges(this.offset, respondents)) addVectors(open, vectors, range, this.offset);
    return merged(j.folded, open);
  }
}

/** A journey's columns as data; sorted by touchpoint for the moments, in their order for a state. */
function vectorsOf(j: JourneyVectors, sorted = true): Vectors {
  const touchpoints: [string, ColumnState][] = [...j.touchpoints].map(([tp, c]) => [tp, stateOf(c)]);
  if (sorted) touchpoints.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { touchpoints, outcomeSum: stateOf(j.outcomeSum), outcomeCount: stateOf(j.outcomeCount) };
}
