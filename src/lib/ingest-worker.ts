// The worker side of ingestInWorker: one snapshot file, read in this thread.
import { parentPort, workerData } from 'node:worker_threads';
import type { IngestJob, IngestWorkerMessage } from './ingest-in-worker.ts';
import { ingestSnapshot } from './ingest.ts';
import { createRedactor } from './redact.ts';
import { serialiseError } from './threads.ts';

const job = workerData as IngestJob;
const stages = new Map(job.stages.map(([journey, touchpoint, stage]) => [`${journey}\u0000${touchpoint}`, stage]));
const post = (message: IngestWorkerMessage) => parentPort!.postMessage(message);
try {
  const ingest = await ingestSnapshot({
    path: job.path,
    file: job.file,
    id: job.id,
    mapping: job.mapping,
    scales: job.scales,
    stageOf: (journey, touchpoint) => stages.get(`${journey}\u0000${touchpoint}`) ?? null,
    redact: createRedactor(job.redaction),
    // The other files' workers have the other cores.
    parseInWorker: false,
  });
  post({ type: 'done', ingest });
} catch (error) {
  post({ type: 'error', error: serialiseError(error) });
}
