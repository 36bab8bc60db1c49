// Reads one snapshot file into aggregates, accepting or rejecting every row with a reason and its
// line, so that for every file accepted + rejected = rows read.
import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { addRating, addSums, cellFromSums, emptyCell, emptySums, mergeCell, npsGroup, sumsLayout, type CellStats, type NpsGroup, type RatingScores, type RatingSums, type SumsLayout } from './aggregate.ts';
import { planColumns, type ColumnPlan, type FieldSource, type RatingPlan } from './column-plan.ts';
import { NotUtf8Error, sha256File, type ByteRange, type Encoding } from './decode.ts';
import { PolkuError, quoted, withFilePath } from './errors.ts';
import { BitSet, fingerprint, RespondentIndex, scramble, TooManyRespondents } from './respondent-index.ts';
import type { Mapping } from './mapping.ts';
import type { Metric, Scales } from './metrics.ts';
import { parseDay, parseScore } from './parse-value.ts';
import { terminalProgress } from './progress.ts';
import { delimitersIn, detectDelimiter, headerAndSample, isWholeRecord, readCsv, type CsvFormat, type CsvSink, type CsvSummary, type Delimiter } from './read-csv.ts';
import { readCsvThreaded, WORKER_MIN_BYTES } from './read-csv-threaded.ts';
import { builtInRedactor, type RedactionOptions } from './redact.ts';
import { reviveError, runWorker, workerModule, type SerialisedError } from './threads.ts';

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
  rowsRead: number;
  accepted: number;
  rejected: number;
  /** Ratings from accepted rows (more than rows in the wide layout). */
  ratings: number;
  rejectedByReason: Record<string, number>;
  /** The first LINES_PER_REASON lines rejected for each reason, for the data-quality page. */
  linesByReason: Record<string, number[]>;
  rejections: Rejection[];
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
}

export interface IngestOptions {
  path: string;
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
  /** How many passes the read starts with (ingestWith), where an earlier read found the respondents too many for one. */
  passes?: number;
}

/**
 * The respondents one read may count, as the memory they need packed: 12 bytes a respondent in the
 * fingerprint index, and a bit per respondent in each scope's bit set (journey, stage, channel,
 * segment, a touchpoint's raters). The arrays, grown by doubling, take up to twice that. A file with
 * more respondents is read in passes (ingestWith), each counting a disjoint share of them, so that a
 * file's peak memory does not grow with its size. Each half of a read in halves has half of it: the
 * benchmark's 10M-row file (1.26M respondents, 72 bit sets) needs 13 MB a half, 22 MB allocated,
 * and peaks at 280–290 MB in all; its 25M-row file is read in three passes, peaking at 260–290 MB.
 */
export const RESPONDENT_BYTES = 32 << 20;

const respondentBudget = (options: IngestOptions) => options.respondentBytes ?? RESPONDENT_BYTES;

/** More passes than this would mean a few respondents each: the budget is spent on something else. */
const MAX_PASSES = 64;

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
  return { file, sha256: '', bytes, encoding: 'utf-8', delimiter: ',', layout, lines: 0, blankLines: 0, extraHeaderRows: 0, rowsRead: 0, accepted: 0, rejected: 0, ratings: 0, rejectedByReason: {}, linesByReason: {}, rejections: [] };
}

/**
 * Reads a snapshot. With "encoding": "auto" the read from start to end decides between UTF-8 and
 * Windows-1252 on the whole file (decodeFile); a read in halves is of UTF-8 only, and declines others.
 */
export async function ingestSnapshot(options: IngestOptions): Promise<SnapshotIngest> {
  try {
    return await ingestFile(options);
  } catch (error) {
    throw withFilePath(error, options.path);
  }
}

async function ingestFile(options: IngestOptions): Promise<SnapshotIngest> {
  const encoding = options.mapping.encoding;
  const bytes = statSync(options.path).size;
  let passes = options.passes ?? 1;
  if (options.shared && (options.parseInWorker ?? bytes >= WORKER_MIN_BYTES) && !encoding.startsWith('utf-16')) {
    try {
      const ingest = await ingestInHalves(options, options.shared, bytes);
      if (ingest) return ingest;
    } catch (error) {
      if (!(error instanceof TooManyRespondents)) throw error;
      passes = passesFor(error, 1, options);
    }
  }
  try {
    return await ingestWith(options, encoding, passes);
  } catch (error) {
    if (!(error instanceof NotUtf8Error)) throw error;
    throw new PolkuError(
      `the file is not valid UTF-8 (near byte ${error.byteOffset})${error.announced ? ', although it starts with a UTF-8 byte-order mark' : ''}`,
      { file: options.file },
      'export the file again as UTF-8, or set "encoding": "windows-1252" in the mapping if it is an Excel export in Windows-1252.',
    );
  }
}

const LARGE_FILE_WORKER = './large-file-worker.ts';

/**
 * The shortest first half. A whole read decides the delimiter within its first 64K characters (at
 * most 256 KiB of bytes), from reads of 64 KiB; a first half longer than that decides the same way.
 */
const MIN_HALF_BYTES = 512 << 10;

/**
 * A batch of rows longer than this holds a long record, which the whole read may find too long (an
 * unclosed quote, MAX_RECORD_CHARS in read-csv.ts) at a chunk boundary that a half does not have.
 */
const MAX_HALF_BATCH_CHARS = 256 << 10;

/**
 * How each half is read: stopping where a whole read could come out different (see ingestInHalves),
 * and with half the respondent budget of a read, as both halves' respondents are in memory at once.
 */
const halfRead = (options: IngestOptions) =>
  ({ parseInWorker: false, stopAtFraction: true, maxBatchChars: MAX_HALF_BATCH_CHARS, sha256: false, maxRespondentBytes: respondentBudget(options) / 2 }) satisfies Partial<PartOptions>;

/** IngestOptions as data, which a worker thread can be given. */
type PlainOptions = Omit<IngestOptions, 'stageOf' | 'redact' | 'shared'> & SharedOptions;

function plainOptions(options: IngestOptions, shared: SharedOptions): PlainOptions {
  const { stageOf: _s, redact: _r, shared: _d, ...plain } = options;
  return { ...plain, ...shared };
}

/** What each of the two workers of a read in halves is given (large-file-worker.ts). */
export interface HalfJob {
  half: 'first' | 'second';
  options: PlainOptions;
  cut: { at: number; afterCr: boolean };
  bytes: number;
  /** To the other half's worker: the first sends the header and format it read, the second its state. */
  port: MessagePort;
}

/**
 * From a half's worker; the first half's `done` has the ingest, or null where the read in halves
 * declines. The ingest's sha256 is '': the thread that waits hashes the file meanwhile.
 */
export type HalfMessage = { type: 'progress'; rows: number; bytesRead: number } | { type: 'done'; ingest: SnapshotIngest | null } | { type: 'error'; error: SerialisedError };

/**
 * A large file read in two halves side by side, each in a worker thread, validated and aggregated
 * where it is read, then merged: the ingest a read from start to end makes, in about half the time on
 * two cores. (A worker that only parses, readCsvThreaded, must hand every field over, and the two
 * threads then do half as much again as one.) This thread only hashes the file and waits: the
 * workers' young generations are bounded (WORKER_LIMITS), where V8 lets this thread's grow past 100 MB
 * while it parses.
 *
 * Null where that cannot be known to hold, and the caller reads from start to end: a half fails (the
 * whole read then says why, on the right line); a score has a fraction (the sums would differ in the
 * last bits: each half stops at the first); a record is over MAX_HALF_BATCH_CHARS; the file is UTF-16
 * or under 2 × MIN_HALF_BYTES, or no line after its middle reads as a record at a line break; its rows
 * have no respondent ids (each is its own respondent, named by its line); or a respondent rated the
 * same touchpoint in both halves (the second rating, a duplicate, would already be counted). Throws
 * TooManyRespondents where the halves' respondents outgrow their budget: the file is read in passes.
 */
export async function ingestInHalves(options: IngestOptions, shared: SharedOptions, bytes: number): Promise<SnapshotIngest | null> {
  const url = workerModule(LARGE_FILE_WORKER, import.meta.url);
  const cut = url ? await middleRecordStart(options.path, bytes, options.mapping.delimiter).catch(() => null) : null;
  // A first half this long holds the lines the delimiter is decided on, as a whole read's start does.
  if (!url || cut === null || cut.at < MIN_HALF_BYTES) return null;
  const progress = terminalProgress(options.file, bytes);
  const read = { first: { rows: 0, bytesRead: 0 }, second: { rows: 0, bytesRead: 0 } };
  const stop = new AbortController();
  const { port1, port2 } = new MessageChannel();
  // Async: a worker that cannot start rejects, and stops the other, as a failure while reading does.
  const run = async (half: HalfJob['half'], port: MessagePort) => {
    const job: HalfJob = { half, options: plainOptions(options, shared), cut, bytes, port };
    const onMessage = (m: HalfMessage) => {
      if (m.type === 'progress') {
        read[half] = { rows: m.rows, bytesRead: m.bytesRead };
        return void progress.update(read.first.rows + read.second.rows, read.first.bytesRead + read.second.bytesRead);
      }
      if (m.type === 'error') throw reviveError(m.error);
      // The first half's decline stops the second's read.
      if (half === 'first' && m.ingest === null) stop.abort();
      return m.ingest;
    };
    try {
      return await runWorker(url, job, onMessage, `reading ${options.file}`, stop.signal, [port]);
    } catch (error) {
      stop.abort();
      throw error;
    }
  };
  try {
    const [ingest, , sha256] = await Promise.all([run('first', port1), run('second', port2), sha256File(options.path, stop.signal)]);
    if (ingest === null) return null;
    progress.done(ingest.account.rowsRead, bytes);
    ingest.account.sha256 = sha256;
    return withoutPrototypes(ingest);
  } catch (error) {
    // The caller reads in passes, which is what a read from start to end would come to.
    if (error instanceof TooManyRespondents) throw error;
    return null;
  } finally {
    stop.abort();
  }
}

/** What the worker of a read in passes is given (large-file-worker.ts). */
export interface PassesJob {
  passes: number;
  options: PlainOptions;
}

/**
 * A file read in passes (ingestWith) in a worker thread, given the options as data (`shared`): V8
 * bounds a worker's young generation, where it lets the main thread's grow past 100 MB while the rows
 * are validated (about 100 MB more at the peak, measured at 10M rows). It parses there too: a worker
 * parsing beside it would add a heap of its own. The worker detects the encoding again. Null where no
 * worker can start.
 */
async function ingestInPasses(options: IngestOptions, shared: SharedOptions, passes: number): Promise<SnapshotIngest | null> {
  const url = workerModule(LARGE_FILE_WORKER, import.meta.url);
  if (!url) return null;
  const job: PassesJob = { passes, options: plainOptions(options, shared) };
  const onMessage = (m: HalfMessage) => {
    if (m.type === 'error') throw reviveError(m.error);
    return m.type === 'done' ? m.ingest : undefined;
  };
  const ingest = await runWorker(url, job, onMessage, `reading ${options.file}`);
  return ingest && withoutPrototypes(ingest);
}

/**
 * The first half's worker: reads the lines before the cut, sends the second half's worker the header
 * and format it found, and merges its state. Null where the read in halves declines.
 */
export async function readFirstHalf(options: IngestOptions, job: HalfJob, onProgress: PartOptions['onProgress']): Promise<SnapshotIngest | null> {
  const { cut, port } = job;
  const theirs = new Promise<PartState>((resolve) => port.once('message', resolve));
  let headerSent = false;
  const first = await readPart(options, options.mapping.encoding, {
    ...halfRead(options),
    range: { start: 0, end: cut.at },
    onProgress,
    onHeader(header, format, plan) {
      // Its middle line feed may be half a character: read whole.
      if (format.encoding.startsWith('utf-16')) throw new Error('a UTF-16 file is read from start to end');
      // The cut must follow a line break as papaparse reads them in this file.
      if (format.linebreak === '\r' || (format.linebreak === '\r\n' && !cut.afterCr)) throw new Error('the cut is not at a line break');
      // Rows without respondent ids are respondents named by their line, which the second half does not know.
      if (plan.responseId === null) throw new Error('rows without ids are read from start to end');
      port.postMessage({ header, format } satisfies SecondHalfStart);
      headerSent = true;
    },
  });
  // A cut before the last header row would read it as data.
  if (!headerSent || first.summary.extraHeaderRows.length < (options.mapping.headerRows ?? 1) - 1) return null;
  if (!first.absorb(await theirs)) return null;
  return first.finish();
}

/** What the second half's worker waits for: the header and format of the file's start. */
interface SecondHalfStart {
  header: string[];
  format: CsvFormat;
}

/** The second half's worker: reads the lines from the cut on, given the header and format, and sends its state to the first's. */
export async function readSecondHalf(options: IngestOptions, job: HalfJob, onProgress: PartOptions['onProgress']): Promise<void> {
  const { cut, bytes, port } = job;
  const { header, format } = await new Promise<SecondHalfStart>((resolve) => port.once('message', resolve));
  const read = await readPart(options, format.encoding, { ...halfRead(options), range: { start: cut.at, end: bytes }, after: { header, format }, onProgress });
  const state = read.state();
  // Moved, not copied: this worker ends here.
  port.postMessage(state, arraysOf(state).map((array) => array.buffer as ArrayBuffer));
}

/** The typed arrays of a part's state, each with a buffer of its own. */
function arraysOf(state: PartState): (Uint32Array | Float64Array)[] {
  return [
    state.prints,
    state.total,
    ...state.journeys.flatMap((j) => [
      j.scope,
      ...[...j.stages, ...j.channels, ...j.segments].map(([, words]) => words),
      ...j.touchpoints.flatMap((t) => [t.raters, ...t.parts.flatMap((p) => [p.sums.sums, p.sums.tally])]),
    ]),
  ];
}

/**
 * Where to cut a file in two: the start of a line after its middle that reads as a whole record (as
 * many delimiters as the header, quotes closed), unlikely to lie inside a quoted field over several
 * lines; null when none does within 1 MiB. `afterCr`: the line feed before it ends a CRLF. A guess,
 * which the first half's read proves: were it inside a quoted field, that read would end inside it,
 * and fail.
 */
async function middleRecordStart(path: string, bytes: number, given: Delimiter | 'auto'): Promise<{ at: number; afterCr: boolean } | null> {
  const file = await open(path);
  // Delimiters, quotes and line feeds are ASCII: Latin-1 reads them right in UTF-8 and Windows-1252.
  const textAt = async (at: number) => {
    const buffer = Buffer.alloc(1 << 20);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, at);
    return buffer.subarray(0, bytesRead).toString('latin1');
  };
  try {
    // The last line read may be cut off.
    const { sep, header, sample } = headerAndSample((await textAt(0)).split('\n').slice(0, -1).map((line) => line.replace(/\r$/, '')));
    if (header === null) return null;
    const delimiter = given !== 'auto' ? given : (sep ?? detectDelimiter(header, sample));
    if (delimiter === null) return null;
    const delimiters = delimitersIn(header, delimiter);
    const middle = Math.floor(bytes / 2);
    const text = await textAt(middle);
    for (let at = text.indexOf('\n') + 1, end = text.indexOf('\n', at); at > 0 && end !== -1; at = end + 1, end = text.indexOf('\n', at)) {
      if (isWholeRecord(text.slice(at, end).replace(/\r$/, ''), delimiter, delimiters)) return { at: middle + at, afterCr: text.charAt(at - 2) === '\r' };
    }
    return null;
  } finally {
    await file.close();
  }
}

/**
 * The ratings of one touchpoint through one channel from one segment. Only these are added to while
 * reading, one cell per row; the touchpoint's total and its channel and segment breakdowns are their
 * sums, formed once at the end. Scopes count the journey's distinct respondents per channel and segment.
 */
interface Part {
  channel: Group;
  segment: Group;
  sums: RatingSums;
  channelScope: number;
  segmentScope: number;
}

/** Per-journey bookkeeping while a file is read: its respondents' scopes, all and by stage, channel and segment. */
interface JourneyState {
  scope: number;
  stages: Map<string, number>;
  channels: Map<string, number>;
  segments: Map<string, number>;
  touchpoints: Map<string, TouchpointState>;
}

/** Per-touchpoint bookkeeping while a file is read. */
interface TouchpointState {
  /** Respondents who rated the touchpoint: a second rating is a duplicate. */
  raters: BitSet;
  /** Mixed into comment priorities (with the respondent's fingerprint), so each touchpoint samples different respondents. */
  seed: number;
  /** Scope of the stage's respondents; -1 for a touchpoint that content does not define. */
  stageScope: number;
  journey: JourneyState;
  /** Parts by channel code, then segment code. */
  parts: (Part | undefined)[][];
  /** The same parts, in the order of their first rating. */
  partList: Part[];
  /** The part the previous rating went to: consecutive rows mostly share channel and segment. */
  lastPart: Part | null;
  comments: SampledComments;
}

/** One rating read from a row, in a slot reused for every row. */
interface Slot {
  journey: string;
  touchpoint: string;
  /** Known only once the row is accepted: a rejected row leaves no touchpoint behind. */
  place: TouchpointState | null;
  /** Whether the duplicate check already recorded (respondent, touchpoint). */
  recorded: boolean;
  /** The rating's reader, and its channel and segment as written: they become groups once the row is accepted. */
  reader: RatingReader | null;
  channel: string;
  segment: string;
  scores: RatingScores;
  comment: string;
}

/**
 * V8 keeps a substring as a view of the string it was cut from: a kept 20-character value can hold
 * a whole 1 MiB chunk of the file in memory. Strings that outlive their row are copied first.
 */
const detach = (text: string) => (' ' + text).slice(1);

/** A channel or segment name, numbered: a part is found by two array lookups instead of string keys. */
interface Group {
  name: string;
  code: number;
}

/** The texts an id or name lookup keeps (interned). */
const MAX_INTERNED = 10_000;

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
const MAX_PARTS = 20_000;

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

function tooManyParts(file: string): PolkuError {
  return new PolkuError(
    `the ratings fall into more than ${MAX_PARTS.toLocaleString('en')} cells of touchpoint × channel × segment: too many to report, each too small to publish`,
    { file },
    `${FEW_GROUPS}.`,
  );
}

/**
 * Reads a file from start to end, in as many passes as its respondents need (RESPONDENT_BYTES): pass
 * i of n counts the rows of the respondents whose fingerprint is i modulo n, and the passes' reads
 * merge exactly, as their respondents are disjoint. A pass whose share still outgrows the budget
 * starts the read again in more passes. Given `shared`, the passes run in a worker (ingestInPasses).
 */
async function ingestWith(options: IngestOptions, encoding: Encoding | 'auto', passes: number): Promise<SnapshotIngest> {
  const bytes = statSync(options.path).size;
  for (;;) {
    if (passes > 1 && options.shared) {
      const ingest = await ingestInPasses(options, options.shared, passes);
      if (ingest) return ingest;
    }
    const progress = terminalProgress(passes > 1 ? `${options.file} (${passes} passes)` : options.file, bytes * passes);
    let rowsBefore = 0;
    const readPass = (index: number) =>
      readPart(options, encoding, {
        parseInWorker: options.parseInWorker ?? bytes >= WORKER_MIN_BYTES,
        shard: passes > 1 ? { index, count: passes } : undefined,
        // The file is the same in every pass: its first hashes it.
        sha256: index === 0,
        maxRespondentBytes: respondentBudget(options),
        onProgress: (rows, bytesRead) => progress.update(rowsBefore + rows, index * bytes + bytesRead),
      });
    try {
      const read = await readPass(0);
      if (passes > 1) read.keepCounts();
      for (let index = 1; index < passes; index++) {
        rowsBefore = read.account.rowsRead;
        // Passes share no respondent, so no rating of one repeats another's.
        if (!read.absorb((await readPass(index)).state(), 'beside')) throw new Error('two passes of a read share a respondent');
      }
      progress.done(read.account.rowsRead, bytes * passes);
      return read.finish();
    } catch (error) {
      if (!(error instanceof TooManyRespondents)) throw error;
      passes = passesFor(error, passes, options);
    }
  }
}

/**
 * Passes enough for the respondents that a read of one in `passes` of them expected by the end, with a
 * margin: at least twice and at most eight times as many as before (an estimate can be far off), and
 * MAX_PASSES before giving up.
 */
function passesFor(error: TooManyRespondents, passes: number, options: IngestOptions): number {
  const budget = respondentBudget(options);
  if (passes >= MAX_PASSES) {
    const size = budget >= 2 ** 20 ? `${Math.round(budget / 2 ** 20)} MB` : `${Math.ceil(budget / 1024)} KB`;
    throw new PolkuError(
      `the file's respondents are too many to count in ${MAX_PASSES} passes over it, each with ${size} for them`,
      { file: options.file },
      'check that response_id is mapped to the respondent\'s id, and channel and segment to columns with a few groups each; else split the file into several snapshots.',
    );
  }
  const needed = Math.ceil((1.25 * passes * error.estimate) / budget);
  return Math.min(MAX_PASSES, 8 * passes, Math.max(2 * passes, needed));
}

/** How readPart reads: the whole file, or a range of whole lines to be merged with the rest. */
export interface PartOptions {
  parseInWorker: boolean;
  range?: ByteRange;
  /** The range comes after the header, which the read of the file's start found (CsvOptions.after). */
  after?: { header: string[]; format: CsvFormat };
  /** false: the bytes read are not hashed (CsvOptions.sha256). */
  sha256?: boolean;
  /** Stop at the first score with a fraction (a read in halves declines those, see ingestInHalves). */
  stopAtFraction?: boolean;
  /** Stop at a batch of rows longer than this (CsvOptions.maxBatchChars). */
  maxBatchChars?: number;
  /** Read only the rows of the respondents whose fingerprint is `index` modulo `count` (one of the passes of ingestWith). */
  shard?: { index: number; count: number };
  /** Stop with TooManyRespondents once the respondents take more memory than this. */
  maxRespondentBytes?: number;
  /** Told the file's header and format once they are read (the read of a file's start). */
  onHeader?: (header: string[], format: CsvFormat, plan: ColumnPlan) => void;
  onProgress?: (rows: number, bytesRead: number) => void;
}

/** A file, or a part of it, read: finish() makes the ingest; a part read beside it is merged first. */
export interface PartRead {
  account: FileAccount;
  summary: CsvSummary;
  /** The state to merge into the read of the part before it, as data another thread can send; it holds views of the read's own arrays, so the read is done with. */
  state(): PartState;
  /**
   * Merges the read of the part after this one (one part, before finish()); false when it cannot: a
   * respondent rated the same touchpoint in both parts, and the later rating, a duplicate, would
   * already be counted. 'beside': a read of the same lines, with other respondents (another pass; any
   * number of them).
   */
  absorb(next: PartState, place?: 'after' | 'beside'): boolean;
  /**
   * Lets go of the respondents, keeping only how many each scope has, which is all that reads beside
   * this one (other passes, other respondents) add to: the memory for the next pass's.
   */
  keepCounts(): void;
  /** The ingest. */
  finish(): SnapshotIngest;
}

/** A part's read as data: its bit sets as words, its respondents as fingerprints (two words each, by number). */
export interface PartState {
  account: FileAccount;
  summary: CsvSummary;
  first: number;
  last: number;
  rowsByDay: Map<number, number>;
  prints: Uint32Array;
  total: Uint32Array;
  journeys: {
    id: string;
    scope: Uint32Array;
    stages: [string, Uint32Array][];
    channels: [string, Uint32Array][];
    segments: [string, Uint32Array][];
    touchpoints: { id: string; raters: Uint32Array; parts: { channel: string; segment: string; sums: RatingSums }[]; comments: SampledComments }[];
  }[];
}

async function readPart(options: IngestOptions, encoding: Encoding | 'auto', how: PartOptions): Promise<PartRead> {
  const { path, file, mapping, scales } = options;
  const redact = options.redact ?? builtInRedactor();
  const bytes = statSync(path).size;

  const account = emptyAccount(file, bytes, mapping.layout);
  let header: string[] = [];
  /** Fields in the row being read, when fewer than the header's (Excel drops empty trailing fields). */
  let shortRow = 0;
  const reject = (line: number, problem: string, kind: string, column?: number): false => {
    const reason = shortRow ? `${problem} (the row has ${shortRow} of ${header.length} fields)` : problem;
    account.rejected++;
    account.rejectedByReason[kind] = (account.rejectedByReason[kind] ?? 0) + 1;
    const lines = (account.linesByReason[kind] ??= []);
    if (lines.length < LINES_PER_REASON) lines.push(line);
    if (account.rejections.length < MAX_LISTED_REJECTIONS) {
      account.rejections.push(column === undefined ? { line, reason } : { line, column: column + 1, columnName: header[column]?.trim() ?? '', reason });
    }
    return false;
  };

  let first = Infinity;
  let last = -Infinity;
  const rowsByDay = new Map<number, number>();
  let runDay = NaN;
  let runRows = 0;

  // Respondents become numbers; a scope (a journey, a stage, …) is a set of them, its size the count.
  let respondents = new RespondentIndex();
  const layout = sumsLayout(scales);
  const scopes: BitSet[] = [new BitSet()];
  const TOTAL = 0;
  const newScope = () => scopes.push(new BitSet()) - 1;
  const raters: BitSet[] = [];
  const respondentBytes = () => respondents.size * (12 + (scopes.length + raters.length) / 8);
  const journeys = new Map<string, JourneyState>();
  let touchpointCount = 0;
  const touchpointOf = (journey: string, touchpoint: string): TouchpointState => {
    let j = journeys.get(journey);
    if (!j) journeys.set(journey, (j = { scope: newScope(), stages: new Map(), channels: new Map(), segments: new Map(), touchpoints: new Map() }));
    let t = j.touchpoints.get(touchpoint);
    if (!t) {
      if (++touchpointCount > MAX_TOUCHPOINTS) throw tooManyTouchpoints(file, rowLine, journey, touchpoint);
      const stage = options.stageOf(journey, touchpoint);
      let stageScope = -1;
      if (stage !== null) {
        stageScope = j.stages.get(stage) ?? newScope();
        j.stages.set(stage, stageScope);
      }
      t = {
        raters: raters[raters.push(new BitSet()) - 1]!,
        seed: fingerprint(`${journey}\u0000${touchpoint}`)[0],
        stageScope,
        journey: j,
        parts: [],
        partList: [],
        lastPart: null,
        comments: { detractor: [], passive: [], promoter: [], none: [] },
      };
      j.touchpoints.set(touchpoint, t);
    }
    return t;
  };
  // Channel and segment scopes are per journey, shared by its touchpoints.
  const scopeIn = (scopesByName: Map<string, number>, name: string) => {
    let scope = scopesByName.get(name);
    if (scope === undefined) scopesByName.set(name, (scope = newScope()));
    return scope;
  };
  let partCount = 0;
  const partOf = (t: TouchpointState, channel: Group, segment: Group): Part => {
    const last = t.lastPart;
    if (last !== null && last.channel === channel && last.segment === segment) return last;
    const bySegment = (t.parts[channel.code] ??= []);
    let part = bySegment[segment.code];
    if (!part) {
      if (++partCount > MAX_PARTS) throw tooManyParts(file);
      part = { channel, segment, sums: emptySums(layout), channelScope: scopeIn(t.journey.channels, channel.name), segmentScope: scopeIn(t.journey.segments, segment.name) };
      bySegment[segment.code] = part;
      t.partList.push(part);
    }
    t.lastPart = part;
    return part;
  };

  const idOf = interned((raw) => detach(raw.trim().toLowerCase()));
  // One Group per name, whichever texts it was written as ("Web", " web").
  const groups = new Map<string, Group>();
  const groupNamed = (name: string): Group => {
    let group = groups.get(name);
    if (!group) {
      if (groups.size >= MAX_GROUPS) throw tooManyGroups(file, rowLine, name);
      groups.set(name, (group = { name: detach(name), code: groups.size }));
    }
    return group;
  };
  // Channel and segment names are published: an export's free-text "Other: …" answer can hold an
  // e-mail address or a phone number, redacted like a comment.
  const groupOf = interned((raw) => groupNamed(redact(trimmed(raw)) || 'unknown'));
  /** Reads one rating into a slot: true when read, null for an unanswered wide-layout question, false when the row is rejected. */
  const readRating = (row: string[], r: RatingReader, line: number, slot: Slot): boolean | null => {
    const scores = slot.scores;
    scores.nps = scores.csat = scores.ces = scores.emotion = scores.expectation = null;
    let answered = 0;
    for (let k = 0; k < r.scores.length; k++) {
      const s = r.scores[k]!;
      const raw = row[s.index] ?? '';
      if (raw === '') continue;
      // Most answers are plain numbers, read as they are; the rest are trimmed and looked up first.
      let parsed = s.plain ? parseScore(raw) : null;
      if (parsed === null) {
        const text = answerText(row, s);
        if (text === '') continue;
        parsed = answerValue(text, s);
        if (parsed === null) return reject(line, `${s.metric}: ${quoted(text)} is not a number`, `${s.metric} not a number`, s.index);
      }
      const value = parsed + s.offset;
      if (!Number.isInteger(value)) {
        if (s.integer) return reject(line, `${s.metric}: ${value} is not a whole number`, `${s.metric} not a whole number`, s.index);
        if (how.stopAtFraction) throw new Error(`a score with a fraction on line ${line}`);
      }
      if (value < s.min || value > s.max) return reject(line, `${s.metric}: ${value} is outside the scale ${s.min} to ${s.max}`, `${s.metric} out of range`, s.index);
      switch (s.metric) {
        case 'nps': scores.nps = value; break;
        case 'csat': scores.csat = value; break;
        case 'ces': scores.ces = value; break;
        case 'emotion': scores.emotion = value; break;
        case 'expectation': scores.expectation = value; break;
      }
      answered++;
    }
    if (answered === 0) return mapping.layout === 'wide' ? null : reject(line, 'no score: every score column is empty', 'no score');
    const journey = idOf(r.journey.index < 0 ? r.journey.constant : (row[r.journey.index] ?? ''), r.journey);
    if (!journey) return reject(line, 'journey is empty', 'journey empty', r.journey.index < 0 ? undefined : r.journey.index);
    const touchpoint = idOf(r.touchpoint.index < 0 ? r.touchpoint.constant : (row[r.touchpoint.index] ?? ''), r.touchpoint);
    if (!touchpoint) return reject(line, 'touchpoint is empty', 'touchpoint empty', r.touchpoint.index < 0 ? undefined : r.touchpoint.index);
    slot.journey = journey;
    slot.touchpoint = touchpoint;
    slot.reader = r;
    slot.channel = r.channel.index < 0 ? r.channel.constant : (row[r.channel.index] ?? '');
    slot.segment = r.segment.index < 0 ? r.segment.constant : (row[r.segment.index] ?? '');
    slot.comment = r.comment < 0 ? '' : trimmed(row[r.comment] ?? '');
    return true;
  };

  let slots: Slot[] = [];
  let readers: RatingReader[] = [];
  let previousId = '';
  let previousNumber = -1;
  let previousPrint: [number, number] = [0, 0];
  let lastDateText = '';
  let lastDay: number | null = null;

  /** The line of the row being read, for errors found below readRow. */
  let rowLine = 0;
  const readRow = (row: string[], line: number, p: ColumnPlan): void => {
    rowLine = line;
    const responseId = responseIdOf(row, line, p);
    if (!responseId) return void reject(line, 'response_id is empty', 'response_id empty', p.responseId ?? undefined);
    let day: number | null = null;
    if (p.submittedAt !== null) {
      const text = trimmed(row[p.submittedAt] ?? '');
      if (text) {
        // A respondent's rows mostly share one timestamp: parsed once.
        if (text === lastDateText) day = lastDay;
        else {
          day = parseDay(text, mapping.dateFormat);
          // Not detached: it holds at most the batch it came from, until the next timestamp.
          lastDateText = text;
          lastDay = day;
        }
        if (day === null) {
          const hint = mapping.dateFormat === 'auto' && text.includes('/') ? ' (set "dateFormat" in the mapping for d/m/yyyy or m/d/yyyy)' : '';
          return void reject(line, `submitted_at: ${quoted(text)} is not a date like 2026-03-31 or 31.3.2026${hint}`, 'date not understood', p.submittedAt);
        }
      }
    }
    let filled = 0;
    for (let k = 0; k < readers.length; k++) {
      const read = readRating(row, readers[k]!, line, slots[filled]!);
      if (read === false) return;
      if (read) filled++;
    }
    if (filled === 0) return void reject(line, 'no touchpoint question is answered', 'no score');
    // Exports list a respondent's rows together: the id is looked up once per respondent.
    const print = responseId === previousId ? previousPrint : fingerprint(responseId);
    const number = responseId === previousId ? previousNumber : respondents.numberOf(print);
    // Duplicates are checked before anything is counted, so a rejected row leaves no trace; a row
    // with one rating (the long layout) is checked and marked in one step.
    for (let i = 0; i < filled; i++) {
      const x = slots[i]!;
      x.place = journeys.get(x.journey)?.touchpoints.get(x.touchpoint) ?? null;
      x.recorded = filled === 1 && x.place !== null;
      if (x.place && (x.recorded ? !x.place.raters.add(number) : x.place.raters.has(number))) {
        return void reject(line, `duplicate: respondent ${quoted(responseId)} already rated touchpoint ${quoted(x.touchpoint)} of ${quoted(x.journey)} earlier in this file`, 'duplicate rating');
      }
    }
    // Not detached, like lastDateText: replaced with the next respondent.
    previousId = responseId;
    previousNumber = number;
    previousPrint = print;
    account.accepted++;
    account.ratings += filled;
    if (day !== null) {
      if (day < first) first = day;
      if (day > last) last = day;
      // Counted in runs: consecutive rows mostly share a day.
      if (day !== runDay) {
        if (runRows > 0) rowsByDay.set(runDay, (rowsByDay.get(runDay) ?? 0) + runRows);
        runDay = day;
        runRows = 0;
      }
      runRows++;
    }
    for (let i = 0; i < filled; i++) {
      const x = slots[i]!;
      const t = x.place ?? touchpointOf(x.journey, x.touchpoint);
      if (!x.recorded) t.raters.add(number);
      const hasComment = x.comment !== '';
      // By fingerprint, not number: the same in a file read in parts, where numbers differ.
      if (hasComment) sampleComment(t.comments, x, scramble(print[0], print[1] ^ t.seed), line, redact);
      const part = partOf(t, groupOf(x.channel, x.reader!.channel), groupOf(x.segment, x.reader!.segment));
      addRating(part.sums, layout, x.scores, hasComment);
      if (t.stageScope !== -1) {
        scopes[t.journey.scope]!.add(number);
        scopes[t.stageScope]!.add(number);
        scopes[part.channelScope]!.add(number);
        scopes[part.segmentScope]!.add(number);
        scopes[TOTAL]!.add(number);
      }
    }
  };

  // A row belongs to the pass of its respondent, so that a pass sees all of a respondent's rows; any
  // row, even one to be rejected, to exactly one pass.
  const shard = how.shard ?? null;
  let shardId: string | null = null;
  let shardIndex = 0;
  const shardOf = (responseId: string) => {
    if (responseId !== shardId) {
      shardId = responseId;
      shardIndex = fingerprint(responseId)[1] % shard!.count;
    }
    return shardIndex;
  };

  let plan: ColumnPlan | null = null;
  const planFor = (fields: string[]) => {
    header = fields.map(detach);
    plan = planColumns(mapping, header, file, scales);
    readers = plan.ratings.map((r) => ratingReader(r, scales));
    slots = plan.ratings.map(() => ({ journey: '', touchpoint: '', place: null, recorded: false, reader: null, channel: '', segment: '', comment: '', scores: { nps: null, csat: null, ces: null, emotion: null, expectation: null } }));
  };
  const rangeBytes = how.range ? how.range.end - how.range.start : bytes;
  // Bytes read and respondents' memory at two points, moved up as the read doubles its bytes: the
  // rate since `mark` is over at least the later half of what was read.
  let mark = { bytes: 0, used: 0 };
  let pending = mark;
  const sink: CsvSink = {
    header(fields, _line, format) {
      planFor(fields);
      how.onHeader?.(header, format, plan!);
    },
    rows(rows, lines, problems) {
      const p = plan!;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        const line = lines[i]!;
        if (shard && shardOf(responseIdOf(row, line, p)) !== shard.index) continue;
        account.rowsRead++;
        const problem = problems.get(i);
        if (problem) reject(line, `malformed CSV: ${problem}`, 'malformed CSV');
        else if (row.length > header.length && !extraFieldsAreEmpty(row, header.length)) {
          reject(line, `expected ${header.length} fields like the header, found ${row.length}`, 'wrong number of fields');
        } else {
          // A short row reads its missing trailing fields as empty.
          shortRow = row.length < header.length ? row.length : 0;
          readRow(row, line, p);
          shortRow = 0;
        }
      }
    },
    progress(bytesRead) {
      how.onProgress?.(account.rowsRead, bytesRead);
      if (how.maxRespondentBytes === undefined) return;
      const used = respondentBytes();
      if (bytesRead >= 2 * pending.bytes) [mark, pending] = [pending, { bytes: bytesRead, used }];
      // Once a quarter is read, a read bound to outgrow the budget stops early, with less memory in use
      // and time spent: as if the rest brought as many new respondents per byte as the later half or
      // more of what was read (a file sorted by touchpoint has all its respondents in the first
      // touchpoint's rows, and few new ones after).
      const expected = used + ((used - mark.used) / Math.max(bytesRead - mark.bytes, 1)) * (rangeBytes - bytesRead);
      const early = 4 * bytesRead >= rangeBytes;
      if (used > how.maxRespondentBytes || (early && expected > how.maxRespondentBytes)) {
        // Stopped before a quarter: nothing to go by but what is in use.
        throw new TooManyRespondents(((early ? expected : used) * bytes) / rangeBytes);
      }
    },
  };
  const csvOptions = { encoding, delimiter: mapping.delimiter, headerRows: mapping.headerRows, maxRecordChars: mapping.maxRecordChars, maxBatchChars: how.maxBatchChars, sha256: how.sha256 };
  let summary: CsvSummary;
  if (how.after) {
    const { header: fields, format } = how.after;
    planFor(fields);
    summary = await readCsv(path, file, { ...csvOptions, encoding: format.encoding, delimiter: format.delimiter, range: how.range, after: { header: fields, linebreak: format.linebreak } }, sink);
  } else if (how.range) summary = await readCsv(path, file, { ...csvOptions, range: how.range }, sink);
  else summary = await readCsvThreaded(path, file, csvOptions, sink, how.parseInWorker);
  if (runRows > 0) rowsByDay.set(runDay, (rowsByDay.get(runDay) ?? 0) + runRows);
  runRows = 0;

  const state = (): PartState => ({
    account,
    summary,
    first,
    last,
    rowsByDay,
    prints: respondents.prints(),
    total: scopes[TOTAL]!.words(),
    journeys: [...journeys].map(([id, j]) => ({
      id,
      scope: scopes[j.scope]!.words(),
      stages: [...j.stages].map(([stage, scope]) => [stage, scopes[scope]!.words()]),
      channels: [...j.channels].map(([name, scope]) => [name, scopes[scope]!.words()]),
      segments: [...j.segments].map(([name, scope]) => [name, scopes[scope]!.words()]),
      touchpoints: [...j.touchpoints].map(([tp, t]) => ({
        id: tp,
        raters: t.raters.words(),
        parts: t.partList.map((part) => ({ channel: part.channel.name, segment: part.segment.name, sums: part.sums })),
        comments: t.comments,
      })),
    })),
  });

  // Respondents a merged part adds to each scope: only the counts are read after a merge.
  const joined: number[] = [];
  const count = (scope: number) => scopes[scope]!.size + (joined[scope] ?? 0);
  let absorbed = false;
  const keepCounts = () => {
    for (let scope = 0; scope < scopes.length; scope++) {
      joined[scope] = count(scope);
      scopes[scope] = new BitSet();
    }
    for (const j of journeys.values()) for (const t of j.touchpoints.values()) t.raters = new BitSet();
    raters.length = 0;
    respondents = new RespondentIndex();
    // A part after this one would be checked against respondents no longer here.
    absorbed = true;
  };
  const absorb = (next: PartState, place: 'after' | 'beside' = 'after'): boolean => {
    // Counts grow by the members new to this read's scopes, which are not grown: parts merged after
    // this one could share a respondent, who would count twice; passes beside it do not.
    if (place === 'after') {
      if (absorbed) throw new Error('a read merges one part after it');
      absorbed = true;
    }
    // A limit reached while merging is not at a line of this read.
    rowLine = 0;
    // Where the other read's lines are counted from.
    const lines = place === 'after' ? summary.lines : 0;
    // Its respondents by their number here, -1 for those not seen here. The index is not grown (at
    // 10M rows it would double), nor are the scopes: a scope's count grows by its members not in it.
    const numbers = new Int32Array(next.prints.length / 2);
    for (let n = 0; n < numbers.length; n++) numbers[n] = respondents.find(next.prints[2 * n]!, next.prints[2 * n + 1]!);
    for (const j of next.journeys) {
      const known = journeys.get(j.id)?.touchpoints;
      for (const t of j.touchpoints) {
        const here = known?.get(t.id);
        if (here && here.raters.overlaps(t.raters, numbers)) return false;
      }
    }
    const join = (scope: number, words: Uint32Array) => void (joined[scope] = (joined[scope] ?? 0) + scopes[scope]!.countNew(words, numbers));
    for (const j of next.journeys) {
      for (const t of j.touchpoints) {
        // Its raters are not merged: read only for duplicates, which the check above settled.
        const here = touchpointOf(j.id, t.id);
        for (const p of t.parts) {
          const part = partOf(here, groupNamed(p.channel), groupNamed(p.segment));
          addSums(part.sums, p.sums);
        }
        for (const group of Object.values(t.comments)) for (const comment of group) keepComment(here.comments, { ...comment, line: comment.line + lines });
      }
      const journey = journeys.get(j.id)!;
      join(journey.scope, j.scope);
      for (const [stage, words] of j.stages) join(journey.stages.get(stage)!, words);
      for (const [name, words] of j.channels) join(scopeIn(journey.channels, name), words);
      for (const [name, words] of j.segments) join(scopeIn(journey.segments, name), words);
    }
    join(TOTAL, next.total);
    mergeAccount(account, next.account, lines);
    first = Math.min(first, next.first);
    last = Math.max(last, next.last);
    for (const [day, rows] of next.rowsByDay) rowsByDay.set(day, (rowsByDay.get(day) ?? 0) + rows);
    if (place === 'after') summary = { ...summary, lines: summary.lines + next.summary.lines, blankLines: summary.blankLines + next.summary.blankLines };
    return true;
  };

  const finish = (): SnapshotIngest => {
    if (account.rowsRead === 0) {
      throw new PolkuError('the file has a header but no rows', { file, line: 2 }, 'export the survey data again with its responses, or remove the file from data/snapshots/.');
    }
    Object.assign(account, { sha256: summary.sha256, encoding: summary.encoding, delimiter: summary.delimiter, lines: summary.lines, blankLines: summary.blankLines, extraHeaderRows: summary.extraHeaderRows.length });
    for (const { line, fields } of summary.extraHeaderRows) if (readsAsData(fields, readers)) throw dataInHeader(file, line, mapping);

    const countsOf = (entries: [string, number][]) => Object.fromEntries(entries.map(([key, scope]) => [key, count(scope)]));
    const out: SnapshotIngest['journeys'] = Object.create(null);
    const comments: SnapshotIngest['comments'] = Object.create(null);
    for (const [id, j] of journeys) {
      const channelScopes: [string, number][] = [];
      const segmentScopes: [string, number][] = [];
      const touchpoints: Record<string, TouchpointCells> = Object.create(null);
      for (const [tp, t] of j.touchpoints) {
        touchpoints[tp] = sumParts(t, layout, scales);
        if (t.stageScope === -1) continue;
        for (const part of t.partList) channelScopes.push([part.channel.name, part.channelScope]), segmentScopes.push([part.segment.name, part.segmentScope]);
      }
      out[id] = {
        respondents: { all: count(j.scope), stages: countsOf([...j.stages]), channels: countsOf(channelScopes), segments: countsOf(segmentScopes) },
        touchpoints,
      };
      comments[id] = Object.fromEntries([...j.touchpoints].map(([tp, t]) => [tp, keptComments(t.comments)]));
    }
    const period = first <= last ? { first, last, median: medianDay(rowsByDay) } : null;
    return { id: options.id, account, period, respondents: count(TOTAL), journeys: out, comments };
  };

  return { account, get summary() { return summary; }, state, absorb, keepCounts, finish };
}

/**
 * Adds the account of another part's read, whose lines are counted from `lines` on: the first lines
 * of the two, as a read of both would have listed them.
 */
function mergeAccount(into: FileAccount, next: FileAccount, lines: number): void {
  into.rowsRead += next.rowsRead;
  into.accepted += next.accepted;
  into.rejected += next.rejected;
  into.ratings += next.ratings;
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
  ingest.comments = bare(ingest.comments);
  for (const id of Object.keys(ingest.comments)) ingest.comments[id] = bare(ingest.comments[id]!);
  return ingest;
}

/** The lower median of days counted with their rows. */
function medianDay(rowsByDay: Map<number, number>): number {
  const days = [...rowsByDay.keys()].sort((a, b) => a - b);
  let rows = 0;
  for (const n of rowsByDay.values()) rows += n;
  let seen = 0;
  for (const day of days) {
    seen += rowsByDay.get(day)!;
    if (seen * 2 >= rows) return day;
  }
  return days.at(-1)!;
}

/**
 * Ids and names repeat on almost every row: each distinct text is normalised once, and consecutive
 * rows mostly repeat the last one, which a string comparison finds cheaper than a lookup. The first
 * MAX_INTERNED texts are kept: texts that all come to a few ids or names (free text redacted to
 * "[email]", rows rejected later) are normalised each time instead of filling memory.
 */
function interned<T>(normalise: (raw: string) => T): (raw: string, field: FieldReader<T>) => T {
  const table = new Map<string, T>();
  return (raw, field) => {
    if (raw === field.lastRaw) return field.last as T;
    let value = table.get(raw);
    if (value === undefined) {
      value = normalise(raw);
      if (table.size < MAX_INTERNED) table.set(detach(raw), value);
    }
    field.lastRaw = raw;
    field.last = value;
    return value;
  };
}

type ScoreReader = RatingReader['scores'][number];

/** A score column's answer in a row, trimmed; '' when unanswered or "not applicable". */
function answerText(row: string[], s: ScoreReader): string {
  const text = trimmed(row[s.index] ?? '');
  return text !== '' && s.notApplicable.size > 0 && s.notApplicable.has(text.toLowerCase()) ? '' : text;
}

/** The number an answer stands for (the column's answer table first), or null. */
function answerValue(text: string, s: ScoreReader): number | null {
  return s.values === null ? parseScore(text) : (s.values.get(text.toLowerCase()) ?? parseScore(text));
}

/** Whether a row has an answer in a score column and every answer reads as a score. */
function readsAsData(row: string[], readers: RatingReader[]): boolean {
  let answers = 0;
  for (const r of readers) {
    for (const s of r.scores) {
      const text = answerText(row, s);
      if (text === '') continue;
      if (answerValue(text, s) === null) return false;
      answers++;
    }
  }
  return answers > 0;
}

function dataInHeader(file: string, line: number, mapping: Mapping): PolkuError {
  return new PolkuError(
    `line ${line} is left out as a header line ("headerRows": ${mapping.headerRows}), but its scores read as answers: it looks like data`,
    { file, line },
    `set "headerRows" in ${mapping.source} to the number of lines this export's header has (1 when only the first line names the columns).`,
  );
}


/** A field's column (index ≥ 0) or, with index −1, the same text on every row. */
interface FieldReader<T> {
  index: number;
  constant: string;
  /** The last text read and its normalised id or group (a one-entry cache). */
  lastRaw: string | null;
  last: T | null;
}

/** A rating plan laid out for the row loop: plain fields, no lookups by name. */
interface RatingReader {
  journey: FieldReader<string>;
  touchpoint: FieldReader<string>;
  channel: FieldReader<Group>;
  segment: FieldReader<Group>;
  comment: number;
  scores: {
    metric: Metric;
    index: number;
    values: Map<string, number> | null;
    notApplicable: Set<string>;
    /** Neither an answer table nor "not applicable" codes: a number is read as it is. */
    plain: boolean;
    offset: number;
    min: number;
    max: number;
    integer: boolean;
  }[];
}

function fieldReader<T>(source: FieldSource | null): FieldReader<T> {
  const reader: FieldReader<T> = { index: -1, constant: '', lastRaw: null, last: null };
  if (source === null) return reader;
  return 'constant' in source ? { ...reader, constant: source.constant } : { ...reader, index: source.index };
}

function ratingReader(r: RatingPlan, scales: Scales): RatingReader {
  return {
    journey: fieldReader(r.journey),
    touchpoint: fieldReader(r.touchpoint),
    channel: fieldReader(r.channel),
    segment: fieldReader(r.segment),
    comment: r.comment ?? -1,
    scores: r.scores.map(([metric, s]) => ({ metric, index: s.index, values: s.values, notApplicable: s.notApplicable, plain: s.values === null && s.notApplicable.size === 0, offset: s.offset, ...scales[metric] })),
  };
}

/** A row's respondent; a wide export without ids (Google Forms) has one respondent per row. */
function responseIdOf(row: string[], line: number, p: ColumnPlan): string {
  return p.responseId === null ? `line ${line}` : trimmed(row[p.responseId] ?? '');
}

/** trim() without a call when there is nothing to trim, the common case. */
function trimmed(text: string): string {
  const n = text.length;
  return n === 0 || (text.charCodeAt(0) > 32 && text.charCodeAt(n - 1) > 32) ? text : text.trim();
}

/** A touchpoint's total and breakdowns, from its channel × segment parts; a rating is a respondent here. */
function sumParts(t: TouchpointState, layout: SumsLayout, scales: Scales): TouchpointCells {
  const cells: TouchpointCells = { all: emptyCell(scales), channels: Object.create(null), segments: Object.create(null) };
  for (const part of t.partList) {
    const cell = cellFromSums(part.sums, layout);
    cell.respondents = cell.ratings;
    mergeCell(cells.all, cell);
    mergeCell((cells.channels[part.channel.name] ??= emptyCell(scales)), cell);
    mergeCell((cells.segments[part.segment.name] ??= emptyCell(scales)), cell);
  }
  return cells;
}

/** A comment in a sample, with its priority and its line (which orders equal priorities). */
type SampledComment = CommentSample & { priority: number; line: number };

/** Per group, by priority, then line. */
type SampledComments = Record<NpsGroup | 'none', SampledComment[]>;

const before = (a: SampledComment, b: SampledComment) => a.priority < b.priority || (a.priority === b.priority && a.line < b.line);

/**
 * Keeps the comments with the smallest priorities (a hash of the respondent and touchpoint): a sample
 * that is the same on every build, unbiased by the file's order, and bounded in size. Only a comment
 * that enters the sample is redacted, and only the redacted text is kept. Once a group is full, most
 * comments are turned away by one comparison with its last.
 */
function sampleComment(sample: SampledComments, x: Slot, priority: number, line: number, redact: (text: string) => string): void {
  const group = x.scores.nps === null ? null : npsGroup(x.scores.nps);
  const kept = sample[group ?? 'none'];
  // A read's lines only grow: a comment of equal priority comes after the kept one.
  if (kept.length >= COMMENTS_PER_GROUP && priority >= kept[kept.length - 1]!.priority) return;
  keepComment(sample, { text: detach(redact(x.comment)), group, emotion: x.scores.emotion, priority, line });
}

/**
 * Adds a comment to the sample if it comes before the last kept, by (priority, line): so a sample
 * merged from reads of parts or passes, in any order, is the sample of a read of the whole.
 */
function keepComment(sample: SampledComments, comment: SampledComment): void {
  const kept = sample[comment.group ?? 'none'];
  if (kept.length >= COMMENTS_PER_GROUP) {
    if (!before(comment, kept[kept.length - 1]!)) return;
    kept.pop();
  }
  let at = kept.length;
  while (at > 0 && before(comment, kept[at - 1]!)) at--;
  kept.splice(at, 0, comment);
}

function keptComments(sample: SampledComments): CommentSample[] {
  return Object.values(sample)
    .flat()
    .sort((a, b) => a.priority - b.priority || a.line - b.line)
    .map(({ priority: _p, line: _l, ...comment }) => comment);
}

/** Excel pads rows with empty trailing fields (`;;;`); those are not extra data. */
function extraFieldsAreEmpty(row: string[], expected: number): boolean {
  for (let i = expected; i < row.length; i++) if (row[i]!.trim() !== '') return false;
  return true;
}
