// The worker side of ingestWorkers(): reads the snapshot file of each job posted to it, one at a time,
// in this thread.
import { parentPort } from 'node:worker_threads';
import type { IngestJob, IngestWorkerMessage } from './ingest-in-worker.ts';
import { ingestSnapshot, stageLookup } from './ingest.ts';
import { createRedactor } from '../privacy/redact.ts';
import { serialiseError } from './threads.ts';

const post = (message: IngestWorkerMessage) => parentPort!.postMessage(message);

parentPort!.on('message', async (job: IngestJob) => {
  try {
    const ingest = await ingestSnapshot({
      path: job.path,
      fd: job.fd,
      file: job.file,
      id: job.id,
      mapping: job.mapping,
      scales: job.scales,
      stageOf: stageLookup(job.stages),
      redact: createRedactor(job.redaction),
      // The other files' workers have the other cores.
      parseInWorker: false,
    });
    post({ type: 'done', ingest });
  } catch (error) {
    post({ type: 'error', error: serialiseError(error) });
  }
});
