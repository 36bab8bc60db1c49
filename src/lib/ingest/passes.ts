// The read from start to end: in one pass, or in as many as the file's respondents need, each
// counting a disjoint share of them; given `shared`, the passes run in a worker thread.
import type { Encoding } from '../read/decode.ts';
import { PolkuError } from '../common/errors.ts';
import { LARGE_FILE_WORKER, type HalfMessage } from './halves.ts';
import { readIngest } from './read-range.ts';
import { fileBytes } from './open-file.ts';
import { plainOptions, respondentBudget, withoutPrototypes, type IngestOptions, type PlainOptions, type SharedOptions, type SnapshotIngest } from './types.ts';
import { terminalProgress } from '../common/progress.ts';
import { WORKER_MIN_BYTES } from './read-csv-threaded.ts';
import { TooManyRespondents } from './respondent-index.ts';
import { RespondentRowsApart } from './driver-tally.ts';
import { reviveError, runWorker, workerModule } from './threads.ts';

/** More passes than this would mean a few respondents each: the budget is spent on something else. */
const MAX_PASSES = 64;

/** What the worker of a read in passes is given (large-file-worker.ts). */
export interface PassesJob {
  passes: number;
  options: PlainOptions;
}

/**
 * A file read in passes (ingestWhole) in a worker thread, given the options as data (`shared`): V8
 * bounds a worker's young generation, where it lets the main thread's grow past 100 MB while the rows
 * are validated (about 100 MB more at the peak, measured at 10M rows). It parses there too: a worker
 * parsing beside it would add a heap of its own. The worker detects the encoding again. Null where no
 * worker can start.
 */
async function ingestWholeInWorker(options: IngestOptions, shared: SharedOptions, passes: number): Promise<SnapshotIngest | null> {
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
 * Reads a file from start to end, in as many passes as its respondents need (RESPONDENT_BYTES): pass
 * i of n counts the rows of the respondents whose fingerprint is i modulo n, and the passes' reads
 * merge exactly, as their respondents are disjoint. A pass whose share still outgrows the budget
 * starts the read again in more passes; a read that finds a respondent's rows apart (RespondentRowsApart)
 * starts again with every key-driver vector open to its end. Given `shared`, the passes run in a
 * worker (ingestWholeInWorker).
 */
export async function ingestWhole(options: IngestOptions, encoding: Encoding | 'auto', passes: number): Promise<SnapshotIngest> {
  const bytes = fileBytes(options);
  for (;;) {
    if (passes > 1 && options.shared) {
      const ingest = await ingestWholeInWorker(options, options.shared, passes);
      if (ingest) return ingest;
    }
    const progress = terminalProgress(passes > 1 ? `${options.file} (${passes} passes)` : options.file, bytes * passes);
    let rowsBefore = 0;
    const readPass = (index: number) =>
      readIngest(options, encoding, {
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
      // It folded because the vectors outgrew the budget, as they would again all open: in passes.
      if (error instanceof RespondentRowsApart) [options, passes] = [{ ...options, driverRowsApart: true }, Math.min(MAX_PASSES, 2 * passes)];
      else if (error instanceof TooManyRespondents) passes = passesFor(error, passes, options);
      else throw error;
    }
  }
}

/**
 * Passes enough for the respondents that a read of one in `passes` of them expected by the end, with a
 * margin: at least twice and at most eight times as many as before (an estimate can be far off), and
 * MAX_PASSES before giving up.
 */
export function passesFor(error: TooManyRespondents, passes: number, options: IngestOptions): number {
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

