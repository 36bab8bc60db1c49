// A worker of a large file's read: one half of it, the lines before the cut or those after it
// (ingestInHalves), saying when it is done, the first half with the merged ingest; or all of it in
// passes (ingestWholeInWorker).
import { workerData, parentPort } from 'node:worker_threads';
import { ingestSnapshot } from './ingest.ts';
import { readFirstHalf, readSecondHalf, type HalfJob, type HalfMessage } from './halves.ts';
import type { PassesJob } from './passes.ts';
import { stageLookup, type IngestOptions } from './types.ts';
import { createRedactor } from '../privacy/redact.ts';
import { serialiseError } from './threads.ts';

const post = (message: HalfMessage) => parentPort!.postMessage(message);
const job = workerData as HalfJob | PassesJob;
const options: IngestOptions = { ...job.options, stageOf: stageLookup(job.options.stages), redact: createRedactor(job.options.redaction) };
const onProgress = (rows: number, bytesRead: number) => post({ type: 'progress', rows, bytesRead });

try {
  // Without `shared`: not in halves again. Parsed here too: a worker that parses beside it would add its heap, 30 MB or more.
  if ('passes' in job) post({ type: 'done', ingest: await ingestSnapshot({ ...options, passes: job.passes, parseInWorker: false }) });
  else if (job.half === 'first') post({ type: 'done', ingest: await readFirstHalf(options, job, onProgress) });
  else post({ type: 'done', ingest: (await readSecondHalf(options, job, onProgress), null) });
} catch (error) {
  post({ type: 'error', error: serialiseError(error) });
}
