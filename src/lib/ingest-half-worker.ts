// The worker side of ingestInHalves (ingest.ts): reads a file's second half, the lines after its
// middle, with the header and format the read of the first half found, and posts the state to merge.
import { workerData, parentPort } from 'node:worker_threads';
import { HALF_READ, readPart, stageLookup, type HalfJob, type HalfMessage } from './ingest.ts';
import { createRedactor } from './redact.ts';
import { serialiseError } from './threads.ts';

const post = (message: HalfMessage) => parentPort!.postMessage(message);
const { options, range, header, format } = workerData as HalfJob;

try {
  const read = await readPart(
    { ...options, stageOf: stageLookup(options.stages), redact: createRedactor(options.redaction) },
    format.encoding,
    { ...HALF_READ, range, after: { header, format }, onProgress: (rows, bytesRead) => post({ type: 'progress', rows, bytesRead }) },
  );
  post({ type: 'done', state: read.state() });
} catch (error) {
  post({ type: 'error', error: serialiseError(error) });
}
