// readCsv with the reading in a worker thread: decoding, hashing and papaparse run beside the
// validation and aggregation the sink does, so a large file takes about as long as the slower of the
// two instead of their sum (two cores). Rows come back packed (one string and the field lengths),
// which is much cheaper to pass between threads than arrays of strings.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { NotUtf8Error } from './decode.ts';
import { PolkuError } from './errors.ts';
import { readCsv, type CsvOptions, type CsvSink, type CsvSummary } from './read-csv.ts';

/** Below this a file is read in the calling thread: starting a worker costs more than it saves. */
export const WORKER_MIN_BYTES = 4 << 20;

/** Batches the worker may be ahead of the sink: bounds the memory of rows in flight (~64 KiB each). */
export const MAX_BATCHES_IN_FLIGHT = 8;

// Not a literal in `new URL(...)`, so a bundler (Astro's, when it bundles the pipeline) does not
// copy the file as an asset; where the file is not beside this module, files are read in-thread.
const WORKER_FILE = './read-csv-worker.ts';

/** A batch of rows as the worker posts it: fields concatenated, with their lengths and counts per row. */
export interface PackedRows {
  text: string;
  fieldLengths: Int32Array;
  fieldsPerRow: Int32Array;
  lines: Int32Array;
  problems: [number, string][];
}

export type WorkerMessage =
  | { type: 'header'; fields: string[]; line: number }
  | { type: 'batch'; rows: PackedRows | null; bytesRead: number }
  | { type: 'done'; summary: CsvSummary }
  | { type: 'error'; error: SerialisedError };

export interface SerialisedError {
  kind: 'polku' | 'not-utf8' | 'other';
  message: string;
  location?: PolkuError['location'];
  hint?: string;
  byteOffset?: number;
  announced?: boolean;
  stack?: string;
}

export interface WorkerInput {
  path: string;
  file: string;
  options: CsvOptions;
  /** [batches posted, batches taken by the sink], for Atomics.wait / notify. */
  flow: SharedArrayBuffer;
}

export function packRows(rows: string[][], lines: ArrayLike<number>, problems: Map<number, string>): PackedRows {
  let count = 0;
  for (const row of rows) count += row.length;
  const fieldLengths = new Int32Array(count);
  const fieldsPerRow = new Int32Array(rows.length);
  let f = 0;
  // Appending builds a rope that is copied once, when the message is sent: cheaper than flat().join('').
  let text = '';
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    fieldsPerRow[i] = row.length;
    for (let k = 0; k < row.length; k++) {
      const field = row[k]!;
      fieldLengths[f++] = field.length;
      text += field;
    }
  }
  return { text, fieldLengths, fieldsPerRow, lines: Int32Array.from(lines), problems: [...problems] };
}

export function unpackRows(packed: PackedRows): string[][] {
  const { text, fieldLengths, fieldsPerRow } = packed;
  const rows: string[][] = new Array(fieldsPerRow.length);
  let at = 0;
  let f = 0;
  for (let i = 0; i < fieldsPerRow.length; i++) {
    const n = fieldsPerRow[i]!;
    const row: string[] = new Array(n);
    for (let k = 0; k < n; k++) {
      const end = at + fieldLengths[f++]!;
      row[k] = text.slice(at, end);
      at = end;
    }
    rows[i] = row;
  }
  return rows;
}

export function serialiseError(error: unknown): SerialisedError {
  if (error instanceof PolkuError) return { kind: 'polku', message: error.message, location: error.location, hint: error.hint };
  if (error instanceof NotUtf8Error) return { kind: 'not-utf8', message: error.message, byteOffset: error.byteOffset, announced: error.announced };
  const e = error instanceof Error ? error : new Error(String(error));
  return { kind: 'other', message: e.message, stack: e.stack };
}

function reviveError(e: SerialisedError): Error {
  if (e.kind === 'polku') return new PolkuError(e.message, e.location, e.hint);
  if (e.kind === 'not-utf8') return new NotUtf8Error(e.byteOffset ?? 0, e.announced ?? false);
  const error = new Error(e.message);
  if (e.stack) error.stack = e.stack;
  return error;
}

/**
 * Reads like readCsv, calling the sink in this thread in the same order with the same rows; in a
 * worker when `worker` is true (by default: files of WORKER_MIN_BYTES or more).
 */
export async function readCsvThreaded(path: string, file: string, options: CsvOptions, sink: CsvSink, worker?: boolean): Promise<CsvSummary> {
  const url = new URL(WORKER_FILE, import.meta.url);
  const wanted = worker ?? (await sizeOf(path)) >= WORKER_MIN_BYTES;
  if (!wanted || url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) return readCsv(path, file, options, sink);

  const flow = new Int32Array(new SharedArrayBuffer(8));
  const input: WorkerInput = { path, file, options, flow: flow.buffer as SharedArrayBuffer };
  const thread = new Worker(url, { workerData: input });
  return new Promise<CsvSummary>((resolve, reject) => {
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      void thread.terminate();
      finish();
    };
    thread.on('message', (message: WorkerMessage) => {
      if (settled) return;
      try {
        if (message.type === 'header') sink.header(message.fields, message.line);
        else if (message.type === 'batch') {
          const packed = message.rows;
          if (packed) sink.rows(unpackRows(packed), packed.lines, new Map(packed.problems));
          sink.progress?.(message.bytesRead);
          Atomics.add(flow, 1, 1);
          Atomics.notify(flow, 1);
        } else if (message.type === 'done') settle(() => resolve(message.summary));
        else settle(() => reject(reviveError(message.error)));
      } catch (error) {
        settle(() => reject(error));
      }
    });
    thread.on('error', (error) => settle(() => reject(error)));
    thread.on('exit', (code) => settle(() => reject(new Error(`the CSV reader's thread stopped early (exit code ${code})`))));
  });
}

async function sizeOf(path: string): Promise<number> {
  const { stat } = await import('node:fs/promises');
  try {
    return (await stat(path)).size;
  } catch {
    return 0; // readCsv reports the missing file
  }
}
