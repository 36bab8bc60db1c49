// The read in halves: a large file read in two halves side by side, each in a worker thread
// (large-file-worker.ts), and the halves merged.
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { readAt, sha256Of } from '../read/decode.ts';
import { arraysOf } from './cells.ts';
import { readIngest, type ReadOptions, type ReadState } from './read-range.ts';
import { plainOptions, respondentBudget, withoutPrototypes, type IngestOptions, type PlainOptions, type SharedOptions, type SnapshotIngest } from './types.ts';
import { terminalProgress } from '../common/progress.ts';
import type { CsvFormat } from '../read/read-csv.ts';
import { delimitersIn, detectDelimiter, headerAndSample, isWholeRecord, type Delimiter } from '../read/csv-delimiter.ts';
import { TooManyRespondents } from './respondent-index.ts';
import { withDescriptor } from './open-file.ts';
import { reviveError, runWorker, workerModule, type SerialisedError } from './threads.ts';

export const LARGE_FILE_WORKER = './large-file-worker.ts';

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
  ({ parseInWorker: false, stopAtFraction: true, maxBatchChars: MAX_HALF_BATCH_CHARS, sha256: false, maxRespondentBytes: respondentBudget(options) / 2 }) satisfies Partial<ReadOptions>;

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
export function ingestInHalves(options: IngestOptions, shared: SharedOptions, bytes: number): Promise<SnapshotIngest | null> {
  return withDescriptor(options, (opened) => readInHalves(opened, shared, bytes));
}

async function readInHalves(options: IngestOptions & { fd: number }, shared: SharedOptions, bytes: number): Promise<SnapshotIngest | null> {
  const url = workerModule(LARGE_FILE_WORKER, import.meta.url);
  const cut = url ? await middleRecordStart(options.fd, bytes, options.mapping.delimiter).catch(() => null) : null;
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
    const [ingest, , sha256] = await Promise.all([run('first', port1), run('second', port2), sha256Of(options.fd, stop.signal)]);
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

/**
 * The first half's worker: reads the lines before the cut, sends the second half's worker the header
 * and format it found, and merges its state. Null where the read in halves declines.
 */
export async function readFirstHalf(options: IngestOptions, job: HalfJob, onProgress: ReadOptions['onProgress']): Promise<SnapshotIngest | null> {
  const { cut, port } = job;
  const theirs = new Promise<ReadState>((resolve) => port.once('message', resolve));
  let headerSent = false;
  const first = await readIngest(options, options.mapping.encoding, {
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
export async function readSecondHalf(options: IngestOptions, job: HalfJob, onProgress: ReadOptions['onProgress']): Promise<void> {
  const { cut, bytes, port } = job;
  const { header, format } = await new Promise<SecondHalfStart>((resolve) => port.once('message', resolve));
  const read = await readIngest(options, format.encoding, { ...halfRead(options), range: { start: cut.at, end: bytes }, after: { header, format }, onProgress });
  const state = read.state();
  // Moved, not copied: this worker ends here.
  port.postMessage(state, arraysOf(state).map((array) => array.buffer as ArrayBuffer));
}

/**
 * Where to cut a file in two: the start of a line after its middle that reads as a whole record (as
 * many delimiters as the header, quotes closed), unlikely to lie inside a quoted field over several
 * lines; null when none does within 1 MiB. `afterCr`: the line feed before it ends a CRLF. A guess,
 * which the first half's read proves: were it inside a quoted field, that read would end inside it,
 * and fail.
 */
async function middleRecordStart(fd: number, bytes: number, given: Delimiter | 'auto'): Promise<{ at: number; afterCr: boolean } | null> {
  // Delimiters, quotes and line feeds are ASCII: Latin-1 reads them right in UTF-8 and Windows-1252.
  const textAt = async (at: number) => {
    const buffer = Buffer.alloc(1 << 20);
    const { bytesRead } = await readAt(fd, buffer, 0, buffer.length, at);
    return buffer.subarray(0, bytesRead).toString('latin1');
  };
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
}

