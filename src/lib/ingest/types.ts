// What a snapshot's read gives (SnapshotIngest and its file's account), and what a read is given.
import type { CellStats, NpsGroup } from '../stats/aggregate.ts';
import type { Encoding } from '../read/decode.ts';
import type { Delimiter } from '../read/read-csv.ts';
import type { Mapping } from '../project/mapping.ts';
import type { Scales } from '../stats/metrics.ts';
import type { RedactionOptions } from '../privacy/redact.ts';
import type { UnmappedColumn } from './column-plan.ts';
import type { GroupTermsData } from '../stats/term-counts.ts';
import type { ThemeBasis } from '../stats/theme-groups.ts';
import type { DriverMoments } from '../stats/driver-moments.ts';

/** A channel or segment name, numbered: a cell is found by two array lookups instead of string keys. */
export interface Group {
  name: string;
  code: number;
}

export interface Rejection {
  line: number;
  /** 1-based field number and its header, when one field is at fault. */
  column?: number;
  columnName?: string;
  reason: string;
}

/** How many rejections are kept with their lines; beyond that only counts per reason. */
export const MAX_LISTED_REJECTIONS = 10_000;

export interface FileAccount {
  file: string;
  sha256: string;
  bytes: number;
  encoding: Encoding;
  delimiter: Delimiter;
  /** 'aggregate' for a snapshot given as its aggregate (aggregate-input.ts). */
  layout: Mapping['layout'] | 'aggregate';
  lines: number;
  blankLines: number;
  /** Header rows after the one that names the columns (the mapping's headerRows); not rows. */
  extraHeaderRows: number;
  /** rowsRead = accepted + rejected + empty. */
  rowsRead: number;
  accepted: number;
  rejected: number;
  /** Blank responses: every score and comment column empty. Neither accepted nor rejected: nothing was lost. */
  empty: number;
  /** Accepted rows without a respondent id, each its own respondent (a wide export without ids, or "blankResponseId"). */
  ownRespondentRows: number;
  /** Comments of accepted rows never quoted nor counted as comments: the mapping's "commentPlaceholders", and those under its "minCommentChars". */
  placeholderComments: number;
  shortComments: number;
  /** Ratings from accepted rows (more than rows in the wide layout). */
  ratings: number;
  rejectedByReason: Record<string, number>;
  /** The first LINES_PER_REASON lines rejected for each reason, for the data-quality page. */
  linesByReason: Record<string, number[]>;
  rejections: Rejection[];
  /** How to fix the first row rejected for each reason; for the terminal (it can quote a value). */
  fixByReason: Record<string, string>;
  /** Headers neither mapped nor ignored (the first MAX_LISTED_COLUMNS, column-plan.ts), and how many there are. */
  unmapped: UnmappedColumn[];
  unmappedCount: number;
  /** Term counts turned away by the cap on a read's terms (MAX_TERM_ENTRIES); absent where none is counted. */
  droppedTerms?: number;
  /**
   * 'duckdb' when sql/aggregate.sql read the rows (duckdb-ingest.ts): no lines of rejected rows, no
   * fixes, no comment samples, and `lines` and `blankLines` are not counted (0). Absent: Polku's reader.
   */
  engine?: 'duckdb';
}

export const LINES_PER_REASON = 20;


export interface TouchpointCells {
  all: CellStats;
  channels: Record<string, CellStats>;
  segments: Record<string, CellStats>;
}

/** Distinct respondents of a journey, overall and per stage, channel and segment. */
export interface JourneyRespondents {
  all: number;
  stages: Record<string, number>;
  channels: Record<string, number>;
  segments: Record<string, number>;
}

/** A redacted comment kept as a sample of what customers say at a touchpoint. */
export interface CommentSample {
  text: string;
  /** The NPS group of the rating the comment came with, null without an NPS answer. */
  group: NpsGroup | null;
  emotion: number | null;
}

/** Comments kept per touchpoint and NPS group: enough to quote, bounded whatever the file size. */
export const COMMENTS_PER_GROUP = 8;

export interface SnapshotIngest {
  id: string;
  account: FileAccount;
  /**
   * First and last day (days since 1970-01-01) of submitted_at, or null without dates; `median`, the
   * median day of the accepted rows, orders snapshots (a mistyped year on one row moves `first`, not it).
   * An aggregate given as input has none.
   */
  period: { first: number; last: number; median?: number } | null;
  /** Distinct respondents who rated a touchpoint that content defines. */
  respondents: number;
  journeys: Record<string, { respondents: JourneyRespondents; touchpoints: Record<string, TouchpointCells> }>;
  /** Redacted comment samples per journey and touchpoint. */
  comments: Record<string, Record<string, CommentSample[]>>;
  /** Term counts of every counted comment; absent or null where none are (no score to group by, an aggregate given as input). */
  themes?: IngestThemes | null;
  /**
   * Per journey, the key drivers' pairwise moments (stats/driver-moments.ts); absent where the mapping
   * has no outcome or no predictor for them. Sums that could be differenced: never published.
   */
  drivers?: Record<string, DriverMoments>;
}

/** The terms of a snapshot's comments, per journey and touchpoint, in the basis's low and high groups. */
export interface IngestThemes {
  basis: ThemeBasis;
  journeys: Record<string, Record<string, TouchpointTerms>>;
}

export interface TouchpointTerms {
  low: GroupTermsData;
  high: GroupTermsData;
}

export interface IngestOptions {
  path: string;
  /**
   * An open descriptor of `path`, which the caller closes: every read of the file (halves, passes,
   * the hash, in any thread) goes through it instead of opening the file again. ingestSnapshot and
   * ingestInHalves open one when not given (open-file.ts).
   */
  fd?: number;
  /** Path shown in messages. */
  file: string;
  id: string;
  mapping: Mapping;
  scales: Scales;
  /**
   * The stage a touchpoint belongs to, from content. Ratings of touchpoints that content does not
   * define (null) are aggregated for the warning, but not counted among any journey's respondents.
   */
  stageOf: (journey: string, touchpoint: string) => string | null;
  /** Removes personal data from every comment Polku keeps; the built-in detectors when not given. */
  redact?: (comment: string) => string;
  /**
   * Use a second thread; by default for large files (WORKER_MIN_BYTES). With `shared`, the file is
   * read in two halves side by side (ingestInHalves); else, or where that declines, it is parsed in a
   * worker beside the validation (readCsvThreaded).
   */
  parseInWorker?: boolean;
  /** `stageOf` and `redact` as data, which a worker thread can be given: content's stages and the redaction settings. */
  shared?: SharedOptions;
  /** The memory one read may spend on respondents (RESPONDENT_BYTES); smaller in tests, to make files read in passes. */
  respondentBytes?: number;
  /** How many passes the read starts with (ingestWhole), where an earlier read found the respondents too many for one. */
  passes?: number;
  /** An earlier read found a respondent's rows apart (RespondentRowsApart): every key-driver vector stays open to the end of a read. */
  driverRowsApart?: boolean;
}

/**
 * The respondents one read may count, as the memory they need packed: 12 bytes a respondent in the
 * fingerprint index, a bit per respondent in each scope's bit set (journey, stage, channel,
 * segment, a touchpoint's raters), and the key drivers' vectors (driver-tally.ts: a byte a respondent
 * in each touchpoint's column and the outcome's two, for the newest 1/1024 of the budget's worth of
 * respondents; all of them where their rows are apart). The arrays, grown by doubling, take up to twice that. A file with
 * more respondents is read in passes (ingestWhole), each counting a disjoint share of them, so that a
 * file's peak memory does not grow with its size. Each half of a read in halves has half of it: the
 * benchmark's 10M-row file (1.26M respondents, 72 bit sets) needs 13 MB a half, 22 MB allocated,
 * and its drivers' scores fold as it reads: it peaks at 340–350 MB in all, with the comments' term
 * counts; its 25M-row file is read in three passes, peaking at 360 MB.
 */
export const RESPONDENT_BYTES = 32 << 20;

export const respondentBudget = (options: IngestOptions) => options.respondentBytes ?? RESPONDENT_BYTES;

export interface SharedOptions {
  stages: [journey: string, touchpoint: string, stage: string][];
  redaction: RedactionOptions;
}

/** `stageOf` from the stages as data. */
export function stageLookup(stages: SharedOptions['stages']): IngestOptions['stageOf'] {
  const byTouchpoint = new Map(stages.map(([journey, touchpoint, stage]) => [`${journey}\u0000${touchpoint}`, stage]));
  return (journey, touchpoint) => byTouchpoint.get(`${journey}\u0000${touchpoint}`) ?? null;
}

/** An account before any row is read: counts at zero, hash, encoding and delimiter to be filled in. */
export function emptyAccount(file: string, bytes: number, layout: FileAccount['layout']): FileAccount {
  return { file, sha256: '', bytes, encoding: 'utf-8', delimiter: ',', layout, lines: 0, blankLines: 0, extraHeaderRows: 0, rowsRead: 0, accepted: 0, rejected: 0, empty: 0, ownRespondentRows: 0, placeholderComments: 0, shortComments: 0, ratings: 0, rejectedByReason: {}, linesByReason: {}, rejections: [], fixByReason: {}, unmapped: [], unmappedCount: 0 };
}

/** IngestOptions as data, which a worker thread can be given. */
export type PlainOptions = Omit<IngestOptions, 'stageOf' | 'redact' | 'shared'> & SharedOptions;

export function plainOptions(options: IngestOptions, shared: SharedOptions): PlainOptions {
  const { stageOf: _s, redact: _r, shared: _d, ...plain } = options;
  return { ...plain, ...shared };
}

/**
 * Adds the account of another read (the next half, or another pass), whose lines are counted from
 * `lines` on: the first lines of the two, as a read of both would have listed them.
 */
export function mergeAccount(into: FileAccount, next: FileAccount, lines: number): void {
  into.rowsRead += next.rowsRead;
  into.accepted += next.accepted;
  into.rejected += next.rejected;
  into.empty += next.empty;
  into.ownRespondentRows += next.ownRespondentRows;
  into.placeholderComments += next.placeholderComments;
  into.shortComments += next.shortComments;
  into.ratings += next.ratings;
  into.fixByReason = { ...next.fixByReason, ...into.fixByReason };
  for (const [kind, n] of Object.entries(next.rejectedByReason)) into.rejectedByReason[kind] = (into.rejectedByReason[kind] ?? 0) + n;
  for (const [kind, at] of Object.entries(next.linesByReason)) {
    const merged = [...(into.linesByReason[kind] ?? []), ...at.map((line) => line + lines)];
    into.linesByReason[kind] = merged.sort((a, b) => a - b).slice(0, LINES_PER_REASON);
  }
  const rejections = [...into.rejections, ...next.rejections.map((r) => ({ ...r, line: r.line + lines }))];
  into.rejections = rejections.sort((a, b) => a.line - b.line).slice(0, MAX_LISTED_REJECTIONS);
}

/**
 * An ingest that came through JSON (the snapshot cache) or from another thread has records with
 * Object.prototype again; the records the site model looks up by id get none back, as the ingest
 * makes them: an id such as "constructor" must never find Object.prototype's member. (A reviver over
 * every object would do the same at 15 times the cost of the parse.)
 */
export function withoutPrototypes(ingest: SnapshotIngest): SnapshotIngest {
  const bare = <T extends object>(record: T): T => Object.assign(Object.create(null), record);
  ingest.journeys = bare(ingest.journeys);
  for (const id of Object.keys(ingest.journeys)) {
    const j = (ingest.journeys[id] = bare(ingest.journeys[id]!));
    j.touchpoints = bare(j.touchpoints);
    for (const tp of Object.keys(j.touchpoints)) {
      const cells = j.touchpoints[tp]!;
      j.touchpoints[tp] = { ...cells, channels: bare(cells.channels), segments: bare(cells.segments) };
    }
    j.respondents = { ...j.respondents, stages: bare(j.respondents.stages), channels: bare(j.respondents.channels), segments: bare(j.respondents.segments) };
  }
  if (ingest.drivers) ingest.drivers = bare(ingest.drivers);
  ingest.comments = bare(ingest.comments);
  for (const id of Object.keys(ingest.comments)) ingest.comments[id] = bare(ingest.comments[id]!);
  if (ingest.themes) {
    const journeys = (ingest.themes.journeys = bare(ingest.themes.journeys));
    for (const id of Object.keys(journeys)) journeys[id] = bare(journeys[id]!);
  }
  return ingest;
}
