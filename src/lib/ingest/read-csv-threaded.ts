// readCsv with the reading in a worker thread: decoding, hashing and papaparse run beside the
// validation and aggregation the sink does, so a large file takes about as long as the slower of the
// two instead of their sum (two cores). Rows come back packed (one string and the field lengths),
// which is much cheaper to pass between threads than arrays of strings.
import { readCsv, type CsvFormat, type CsvOptions, type CsvSink, type CsvSummary } from '../read/read-csv.ts';
import { reviveError, runWorker, workerModule, type SerialisedError } from './threads.ts';

/** Below this a file is read in the calling thread: starting a worker costs more than it saves. */
export const WORKER_MIN_BYTES = 4 << 20;

/** Batches the worker may be ahead of the sink: bounds the memory of rows in flight (~64 KiB each). */
export const MAX_BATCHES_IN_FLIGHT = 8;

const WORKER_MODULE = './read-csv-worker.ts';

/** A batch of rows as the worker posts it: fields concatenated, with their lengths and counts per row. */
export interface PackedRows {
  text: string;
  fieldLengths: Int32Array;
  fieldsPerRow: Int32Array;
  lines: Int32Array;
  problems: [number, string][];
}

export type WorkerMessage =
  | { type: 'header'; fields: string[]; line: number; format: CsvFormat }
  | { type: 'batch'; rows: PackedRows | null; bytesRead: number }
  | { type: 'done'; summary: CsvSummary }
  | { type: 'error'; error: SerialisedError };

export interface WorkerInput {
  path: string;
  file: string;
  options: CsvOptions;
  /** One Int32: the batches the sink has taken, for Atomics.wait / notify. */
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

/**
 * Reads like readCsv, calling the sink in this thread in the same order with the same rows; in a
 * worker when `worker` is true (callers: for files of WORKER_MIN_BYTES or more) and one can start here.
 */
export function readCsvThreaded(path: string, file: string, options: CsvOptions, sink: CsvSink, worker: boolean): Promise<CsvSummary> {
  const url = worker ? workerModule(WORKER_MODULE, import.meta.url) : null;
  if (!url) return readCsv(path, file, options, sink);

  const flow = new Int32Array(new SharedArrayBuffer(4));
  const input: WorkerInput = { path, file, options, flow: flow.buffer as SharedArrayBuffer };
  return runWorker(url, input, (message: WorkerMessage) => {
    if (message.type === 'header') sink.header(message.fields, message.line, message.format);
    else if (message.type === 'batch') {
      const packed = message.rows;
      if (packed) sink.rows(unpackRows(packed), packed.lines, new Map(packed.problems));
      sink.progress?.(message.bytesRead);
      Atomics.add(flow, 0, 1);
      Atomics.notify(flow, 0);
    } else if (message.type === 'done') return message.summary;
    else throw reviveError(message.error);
    return undefined;
  }, `reading ${file}`);
}
