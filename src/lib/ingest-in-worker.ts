// ingestSnapshot in a worker thread, so that a build with several files to read reads them side by
// side, one per core (a cold build of many snapshots). The options that are functions travel as
// data: the touchpoint → stage map and the redaction settings.
import { withoutPrototypes, type SnapshotIngest } from './ingest.ts';
import type { Mapping } from './mapping.ts';
import type { Scales } from './metrics.ts';
import type { RedactionOptions } from './redact.ts';
import { reviveError, runWorker, workerModule, type SerialisedError } from './threads.ts';

const WORKER_MODULE = './ingest-worker.ts';

export interface IngestJob {
  path: string;
  file: string;
  id: string;
  mapping: Mapping;
  scales: Scales;
  /** Every touchpoint content defines, with its stage (snapshot-cache.ts stageMap). */
  stages: [journey: string, touchpoint: string, stage: string][];
  redaction: RedactionOptions;
}

export type IngestWorkerMessage = { type: 'done'; ingest: SnapshotIngest } | { type: 'error'; error: SerialisedError };

/** Whether ingestInWorker can start a worker here (not where a bundler has bundled this module). */
export const canIngestInWorker = () => workerModule(WORKER_MODULE, import.meta.url) !== null;

export function ingestInWorker(job: IngestJob): Promise<SnapshotIngest> {
  const url = workerModule(WORKER_MODULE, import.meta.url);
  if (!url) return Promise.reject(new Error(`${WORKER_MODULE} is not beside ${import.meta.url}`));
  return runWorker(url, job, (message: IngestWorkerMessage) => {
    if (message.type === 'error') throw reviveError(message.error);
    return withoutPrototypes(message.ingest);
  }, `reading ${job.file}`);
}

/**
 * Runs `tasks` with at most `limit` at a time; results in the order of the tasks. After a failure no
 * further task starts; once the running ones have ended, the failure of the earliest task (in task
 * order, so the same file is reported whichever finished first) rejects.
 */
export async function inParallel<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  const failures: { index: number; error: unknown }[] = [];
  let next = 0;
  const lane = async () => {
    while (next < tasks.length && failures.length === 0) {
      const index = next++;
      try {
        results[index] = await tasks[index]!();
      } catch (error) {
        failures.push({ index, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, lane));
  if (failures.length) throw failures.reduce((a, b) => (b.index < a.index ? b : a)).error;
  return results;
}
