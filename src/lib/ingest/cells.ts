// The tally of a read: the sums of each touchpoint × channel × segment cell, the distinct respondents
// of each scope, and how the tally of another read (the next half, another pass) merges into it.
import { addSums, cellFromSums, emptyCell, emptySums, mergeCell, type RatingSums, type SumsLayout } from '../stats/aggregate.ts';
import { emptyComments, keepComment, keptComments, type SampledComments } from './comments.ts';
import { detach } from '../common/detach.ts';
import { quoted } from '../common/errors.ts';
import type { Group, IngestOptions, SnapshotIngest, TouchpointCells, TouchpointTerms } from './types.ts';
import { addComment, emptyGroupTerms, groupTermsData, mergeGroupTerms, termBudget, type GroupTerms } from '../stats/term-counts.ts';
import type { ThemeBasis } from '../stats/theme-groups.ts';
import { PolkuError } from '../common/errors.ts';
import type { Scales } from '../stats/metrics.ts';
import { BitSet, fingerprint, RespondentIndex } from './respondent-index.ts';
import { driverArrays, type DriverState, type DriverTally } from './driver-tally.ts';


/**
 * The most channel and segment names a file's accepted ratings may have between them. Real
 * breakdowns have a few channels and some tens of segments; more is a free-text or id column mapped
 * as channel or segment, whose groups are too small to publish, and cost memory: a scope's bit set
 * per name, and a cell per touchpoint, channel and segment met together (200,000 names took 2 GB).
 */
const MAX_GROUPS = 500;

/**
 * The most touchpoints (of any journey) a file may rate, content's and others. Each costs a bit set
 * of its raters and cells: 20,000 from a free-text column took 400 MB before the limit on cells.
 */
const MAX_TOUCHPOINTS = 2_000;

/** The most touchpoint × channel × segment cells a file may be read into, each about 1.4 KB. */
const MAX_CELLS = 20_000;

const FEW_GROUPS = 'map "channel" and "segment" to columns with a few groups each (such as web, app and store), not to a free-text or id column, or leave them out of the mapping';

function tooManyGroups(file: string, line: number, name: string): PolkuError {
  return new PolkuError(
    `channel and segment have more than ${MAX_GROUPS} different values between them (the next is ${quoted(name)}): too many groups to report, each too small to publish`,
    { file, ...(line > 0 ? { line } : {}) },
    `${FEW_GROUPS}.`,
  );
}

function tooManyTouchpoints(file: string, line: number, journey: string, touchpoint: string): PolkuError {
  return new PolkuError(
    `the file rates more than ${MAX_TOUCHPOINTS.toLocaleString('en')} different touchpoints (the next is ${quoted(touchpoint)} of journey ${quoted(journey)}): more than a journey has`,
    { file, ...(line > 0 ? { line } : {}) },
    'check that "journey" and "touchpoint" are mapped to their ids, not to a free-text or id column.',
  );
}

function tooManyCells(file: string): PolkuError {
  return new PolkuError(
    `the ratings fall into more than ${MAX_CELLS.toLocaleString('en')} cells of touchpoint × channel × segment: too many to report, each too small to publish`,
    { file },
    `${FEW_GROUPS}.`,
  );
}

/**
 * The ratings of one touchpoint through one channel from one segment. Only these are added to while
 * reading, one cell per row; the touchpoint's total and its channel and segment breakdowns are their
 * sums, formed once at the end. Scopes count the journey's distinct respondents per channel and segment.
 */
export interface Cell {
  channel: Group;
  segment: Group;
  sums: RatingSums;
  channelScope: number;
  segmentScope: number;
}

/** Per-journey bookkeeping while a file is read: its respondents' scopes, all and by stage, channel and segment. */
export interface JourneyState {
  scope: number;
  stages: Map<string, number>;
  channels: Map<string, number>;
  segments: Map<string, number>;
  touchpoints: Map<string, TouchpointState>;
}

/** Per-touchpoint bookkeeping while a file is read. */
export interface TouchpointState {
  /** Respondents who rated the touchpoint: a second rating is a duplicate. */
  raters: BitSet;
  /** Mixed into comment priorities (with the respondent's fingerprint), so each touchpoint samples different respondents. */
  seed: number;
  /** Scope of the stage's respondents; -1 for a touchpoint that content does not define. */
  stageScope: number;
  journey: JourneyState;
  /** Cells by channel code, then segment code. */
  cells: (Cell | undefined)[][];
  /** The same cells, in the order of their first rating. */
  cellList: Cell[];
  /** The cell the previous rating went to: consecutive rows mostly share channel and segment. */
  lastCell: Cell | null;
  comments: SampledComments;
  /** Terms of the comments of its low and high scorers (stats/themes.ts). */
  terms: { low: GroupTerms; high: GroupTerms };
}

/** A touchpoint's total and breakdowns, from its channel × segment cells; a rating is a respondent here. */
function sumCells(t: TouchpointState, layout: SumsLayout, scales: Scales): TouchpointCells {
  const cells: TouchpointCells = { all: emptyCell(scales), channels: Object.create(null), segments: Object.create(null) };
  for (const c of t.cellList) {
    const cell = cellFromSums(c.sums, layout);
    cell.respondents = cell.ratings;
    mergeCell(cells.all, cell);
    mergeCell((cells.channels[c.channel.name] ??= emptyCell(scales)), cell);
    mergeCell((cells.segments[c.segment.name] ??= emptyCell(scales)), cell);
  }
  return cells;
}

/** A tally's respondents and cells as data, which another thread can be sent: its bit sets as words, its respondents as fingerprints (two words each, by number). */
export interface TallyState {
  prints: Uint32Array;
  total: Uint32Array;
  journeys: {
    id: string;
    scope: Uint32Array;
    stages: [string, Uint32Array][];
    channels: [string, Uint32Array][];
    segments: [string, Uint32Array][];
    touchpoints: { id: string; raters: Uint32Array; cells: { channel: string; segment: string; sums: RatingSums }[]; comments: SampledComments; terms: TouchpointState['terms'] }[];
  }[];
  termsDropped: number;
  drivers: DriverState | null;
}

/** The typed arrays of a tally's state, each with a buffer of its own (to be moved, not copied, to another thread). */
export function arraysOf(state: TallyState): (Uint32Array | Float64Array | Float32Array | Uint8Array)[] {
  return [
    state.prints,
    state.total,
    ...state.journeys.flatMap((j) => [
      j.scope,
      ...[...j.stages, ...j.channels, ...j.segments].map(([, words]) => words),
      ...j.touchpoints.flatMap((t) => [t.raters, ...t.cells.flatMap((c) => [c.sums.sums, c.sums.tally])]),
    ]),
    ...driverArrays(state.drivers),
  ];
}

const TOTAL = 0;

/**
 * The cells of a read and the distinct respondents of each scope. Respondents become numbers; a scope
 * (a journey, a stage, …) is a set of them, its size the count.
 */
export class CellTally {
  respondents = new RespondentIndex();
  /** The key drivers' vectors; null where the mapping has no outcome or predictor for them (set once the header is planned). */
  drivers: DriverTally | null = null;
  readonly journeys = new Map<string, JourneyState>();
  /** The line of the row being read, for the limits' messages; 0 while merging, which is at no line. */
  line = 0;
  private readonly scopes: BitSet[] = [new BitSet()];
  private readonly raters: BitSet[] = [];
  private readonly groups = new Map<string, Group>();
  /** Respondents merged reads add to each scope: only the counts are read after a merge. */
  private readonly joined: number[] = [];
  private touchpointCount = 0;
  /** How comments are grouped for themes, from the file's columns (RowReader.planFor); null: not counted. */
  themeBasis: ThemeBasis | null = null;
  private readonly termBudget = termBudget();
  private cellCount = 0;
  readonly layout: SumsLayout;
  private readonly file: string;
  private readonly stageOf: IngestOptions['stageOf'];

  constructor(file: string, layout: SumsLayout, stageOf: IngestOptions['stageOf']) {
    this.file = file;
    this.layout = layout;
    this.stageOf = stageOf;
  }

  /** The memory the respondents take, packed (RESPONDENT_BYTES). */
  respondentBytes(): number {
    return this.respondents.size * (12 + (this.scopes.length + this.raters.length) / 8) + (this.drivers?.bytes() ?? 0);
  }

  /** Folds the key drivers' older vectors into moments (DriverTally.fold); false where none were. */
  foldDrivers(): boolean {
    return this.drivers?.fold(this.respondents.size) ?? false;
  }

  touchpointOf(journey: string, touchpoint: string): TouchpointState {
    let j = this.journeys.get(journey);
    if (!j) this.journeys.set(journey, (j = { scope: this.newScope(), stages: new Map(), channels: new Map(), segments: new Map(), touchpoints: new Map() }));
    let t = j.touchpoints.get(touchpoint);
    if (!t) {
      if (++this.touchpointCount > MAX_TOUCHPOINTS) throw tooManyTouchpoints(this.file, this.line, journey, touchpoint);
      const stage = this.stageOf(journey, touchpoint);
      let stageScope = -1;
      if (stage !== null) {
        stageScope = j.stages.get(stage) ?? this.newScope();
        j.stages.set(stage, stageScope);
      }
      t = {
        raters: this.raters[this.raters.push(new BitSet()) - 1]!,
        seed: fingerprint(`${journey}\u0000${touchpoint}`)[0],
        stageScope,
        journey: j,
        cells: [],
        cellList: [],
        lastCell: null,
        comments: emptyComments(),
        terms: { low: emptyGroupTerms(), high: emptyGroupTerms() },
      };
      j.touchpoints.set(touchpoint, t);
    }
    return t;
  }

  cellOf(t: TouchpointState, channel: Group, segment: Group): Cell {
    const last = t.lastCell;
    if (last !== null && last.channel === channel && last.segment === segment) return last;
    const bySegment = (t.cells[channel.code] ??= []);
    let cell = bySegment[segment.code];
    if (!cell) {
      if (++this.cellCount > MAX_CELLS) throw tooManyCells(this.file);
      cell = { channel, segment, sums: emptySums(this.layout), channelScope: this.scopeIn(t.journey.channels, channel.name), segmentScope: this.scopeIn(t.journey.segments, segment.name) };
      bySegment[segment.code] = cell;
      t.cellList.push(cell);
    }
    t.lastCell = cell;
    return cell;
  }

  /** One Group per name, whichever texts it was written as ("Web", " web"). */
  groupNamed(name: string): Group {
    let group = this.groups.get(name);
    if (!group) {
      if (this.groups.size >= MAX_GROUPS) throw tooManyGroups(this.file, this.line, name);
      this.groups.set(name, (group = { name: detach(name), code: this.groups.size }));
    }
    return group;
  }

  /** Counts a respondent of a touchpoint that content defines in the scopes of its rating's cell. */
  countRespondent(t: TouchpointState, cell: Cell, number: number): void {
    const scopes = this.scopes;
    scopes[t.journey.scope]!.add(number);
    scopes[t.stageScope]!.add(number);
    scopes[cell.channelScope]!.add(number);
    scopes[cell.segmentScope]!.add(number);
    scopes[TOTAL]!.add(number);
  }

  count(scope: number): number {
    return this.scopes[scope]!.size + (this.joined[scope] ?? 0);
  }

  /** The state to merge into another read's tally; it holds views of this tally's own arrays, so the tally is done with. */
  state(): TallyState {
    const words = (scope: number) => this.scopes[scope]!.words();
    return {
      prints: this.respondents.prints(),
      total: words(TOTAL),
      journeys: [...this.journeys].map(([id, j]) => ({
        id,
        scope: words(j.scope),
        stages: [...j.stages].map(([stage, scope]) => [stage, words(scope)]),
        channels: [...j.channels].map(([name, scope]) => [name, words(scope)]),
        segments: [...j.segments].map(([name, scope]) => [name, words(scope)]),
        touchpoints: [...j.touchpoints].map(([tp, t]) => ({
          id: tp,
          raters: t.raters.words(),
          cells: t.cellList.map((c) => ({ channel: c.channel.name, segment: c.segment.name, sums: c.sums })),
          comments: t.comments,
          terms: t.terms,
        })),
      })),
      termsDropped: this.termBudget.dropped,
      drivers: this.drivers?.state() ?? null,
    };
  }

  /** Lets go of the respondents, keeping only how many each scope has. */
  keepCounts(): void {
    this.drivers?.keepMoments(this.respondents.size);
    for (let scope = 0; scope < this.scopes.length; scope++) {
      this.joined[scope] = this.count(scope);
      this.scopes[scope] = new BitSet();
    }
    for (const j of this.journeys.values()) for (const t of j.touchpoints.values()) t.raters = new BitSet();
    this.raters.length = 0;
    this.respondents = new RespondentIndex();
  }

  /**
   * Adds another read's tally, whose lines are counted from `lines` on; false, adding nothing, when a
   * respondent rated a touchpoint in both, or is in both with their key-driver vector folded in one.
   * Its respondents are looked up by their number here (-1 for those not seen here): the index is
   * not grown (at 10M rows it would double), nor are the scopes: a scope's count grows by its members
   * not in it.
   */
  absorb(next: TallyState, lines: number): boolean {
    this.line = 0;
    const numbers = new Int32Array(next.prints.length / 2);
    for (let n = 0; n < numbers.length; n++) numbers[n] = this.respondents.find(next.prints[2 * n]!, next.prints[2 * n + 1]!);
    for (const j of next.journeys) {
      const known = this.journeys.get(j.id)?.touchpoints;
      for (const t of j.touchpoints) {
        const here = known?.get(t.id);
        if (here && here.raters.overlaps(t.raters, numbers)) return false;
      }
    }
    if (next.drivers && this.drivers && !this.drivers.canAbsorb(next.drivers, numbers)) return false;
    if (next.drivers) this.drivers?.absorb(next.drivers, numbers);
    const join = (scope: number, words: Uint32Array) => void (this.joined[scope] = (this.joined[scope] ?? 0) + this.scopes[scope]!.countNew(words, numbers));
    for (const j of next.journeys) {
      for (const t of j.touchpoints) {
        // Its raters are not merged: read only for duplicates, which the check above settled.
        const here = this.touchpointOf(j.id, t.id);
        for (const c of t.cells) addSums(this.cellOf(here, this.groupNamed(c.channel), this.groupNamed(c.segment)).sums, c.sums);
        for (const group of Object.values(t.comments)) for (const comment of group) keepComment(here.comments, { ...comment, line: comment.line + lines });
        mergeGroupTerms(here.terms.low, t.terms.low, this.termBudget);
        mergeGroupTerms(here.terms.high, t.terms.high, this.termBudget);
      }
      const journey = this.journeys.get(j.id)!;
      join(journey.scope, j.scope);
      for (const [stage, words] of j.stages) join(journey.stages.get(stage)!, words);
      for (const [name, words] of j.channels) join(this.scopeIn(journey.channels, name), words);
      for (const [name, words] of j.segments) join(this.scopeIn(journey.segments, name), words);
    }
    join(TOTAL, next.total);
    this.termBudget.dropped += next.termsDropped;
    return true;
  }

  /** Counts a redacted comment's terms in its group at the touchpoint. */
  addTerms(t: TouchpointState, group: 'low' | 'high', redacted: string): void {
    addComment(t.terms[group], redacted, this.termBudget);
  }

  get droppedTerms(): number {
    return this.termBudget.dropped;
  }

  /** The ingest's respondents, cells, comments, terms and key drivers' moments. */
  result(scales: Scales): Pick<SnapshotIngest, 'respondents' | 'journeys' | 'comments' | 'themes'> & Partial<Pick<SnapshotIngest, 'drivers'>> {
    const countsOf = (entries: [string, number][]) => Object.fromEntries(entries.map(([key, scope]) => [key, this.count(scope)]));
    const journeys: SnapshotIngest['journeys'] = Object.create(null);
    const comments: SnapshotIngest['comments'] = Object.create(null);
    const terms: Record<string, Record<string, TouchpointTerms>> = Object.create(null);
    for (const [id, j] of this.journeys) {
      const channelScopes: [string, number][] = [];
      const segmentScopes: [string, number][] = [];
      const touchpoints: Record<string, TouchpointCells> = Object.create(null);
      for (const [tp, t] of j.touchpoints) {
        touchpoints[tp] = sumCells(t, this.layout, scales);
        if (t.stageScope === -1) continue;
        for (const c of t.cellList) channelScopes.push([c.channel.name, c.channelScope]), segmentScopes.push([c.segment.name, c.segmentScope]);
      }
      journeys[id] = {
        respondents: { all: this.count(j.scope), stages: countsOf([...j.stages]), channels: countsOf(channelScopes), segments: countsOf(segmentScopes) },
        touchpoints,
      };
      comments[id] = Object.fromEntries([...j.touchpoints].map(([tp, t]) => [tp, keptComments(t.comments)]));
      terms[id] = Object.fromEntries([...j.touchpoints].map(([tp, t]) => [tp, { low: groupTermsData(t.terms.low), high: groupTermsData(t.terms.high) }]));
    }
    const themes = this.themeBasis && { basis: this.themeBasis, journeys: terms };
    const drivers = this.drivers?.result(this.respondents.size);
    return { respondents: this.count(TOTAL), journeys, comments, themes, ...(drivers ? { drivers } : {}) };
  }

  private newScope(): number {
    return this.scopes.push(new BitSet()) - 1;
  }

  /** Channel and segment scopes are per journey, shared by its touchpoints. */
  private scopeIn(scopesByName: Map<string, number>, name: string): number {
    let scope = scopesByName.get(name);
    if (scope === undefined) scopesByName.set(name, (scope = this.newScope()));
    return scope;
  }
}
