// A worker of ingestInHalves (ingest.ts): reads one half of a file, the lines before the cut or those
// after it, and says when it is done (the first half with the merged ingest).
import { workerData, parentPort } from 'node:worker_threads';
import { readFirstHalf, readSecondHalf, stageLookup, type HalfJob, type HalfMessage, type IngestOptions } from './ingest.ts';
import { createRedactor } from './redact.ts';
import { serialiseError } from './threads.ts';

const post = (message: HalfMessage) => parentPort!.postMessage(message);
const job = workerData as HalfJob;
const options: IngestOptions = { ...job.options, stageOf: stageLookup(job.options.stages), redact: createRedactor(job.options.redaction) };
const onProgress = (rows: number, bytesRead: number) => post({ type: 'progress', rows, bytesRead });

try {
  if (job.half === 'first') post({ type: 'done', ingest: await readFirstHalf(options, job, onProgress) });
  else post({ type: 'done', ingest: (await readSecondHalf(options, job, onProgress), null) });
} catch (error) {
  post({ type: 'error', error: serialiseError(error) });
}
