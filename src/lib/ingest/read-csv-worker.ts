// The worker side of readCsvThreaded: reads the file with readCsv and posts each batch of rows
// packed, waiting while the sink is MAX_BATCHES_IN_FLIGHT batches behind.
import { parentPort, workerData } from 'node:worker_threads';
import { readCsv } from '../read/read-csv.ts';
import { MAX_BATCHES_IN_FLIGHT, packRows, type PackedRows, type WorkerInput, type WorkerMessage } from './read-csv-threaded.ts';
import { serialiseError } from './threads.ts';

const { path, file, options, flow: shared } = workerData as WorkerInput;
const flow = new Int32Array(shared);
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);
let posted = 0;
let pending: PackedRows | null = null;

try {
  const summary = await readCsv(path, file, options, {
    header: (fields, line, format) => post({ type: 'header', fields, line, format }),
    rows(rows, lines, problems) {
      pending = packRows(rows, lines, problems);
    },
    progress(bytesRead) {
      const rows = pending;
      pending = null;
      post({ type: 'batch', rows, bytesRead }, rows ? [rows.fieldLengths.buffer, rows.fieldsPerRow.buffer, rows.lines.buffer] as ArrayBuffer[] : []);
      posted++;
      for (let taken = Atomics.load(flow, 0); posted - taken >= MAX_BATCHES_IN_FLIGHT; taken = Atomics.load(flow, 0)) Atomics.wait(flow, 0, taken);
    },
  });
  post({ type: 'done', summary });
} catch (error) {
  post({ type: 'error', error: serialiseError(error) });
}
