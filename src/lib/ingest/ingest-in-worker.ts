// ingestSnapshot in worker threads, so that a build with several files to read reads them side by
// side, one per core (a cold build of many snapshots). The options that are functions travel as
// data: the touchpoint → stage map and the redaction settings.
import { withoutPrototypes, type IngestOptions, type SnapshotIngest } from './ingest.ts';
import type { RedactionOptions } from '../privacy/redact.ts';
import { reviveError, workerModule, WorkerPool, type SerialisedError } from './threads.ts';

const WORKER_MODULE = './ingest-worker.ts';

/** What a worker is given of a file's IngestOptions: plain data (the descriptor is the process's, shared by its threads). */
export type IngestJob = Pick<IngestOptions, 'path' | 'fd' | 'file' | 'id' | 'mapping' | 'scales'> & {
  /** Every touchpoint content defines, with its stage (snapshot-cache.ts stageMap). */
  stages: [journey: string, touchpoint: string, stage: string][];
  redaction: RedactionOptions;
};

export type IngestWorkerMessage = { type: 'done'; ingest: SnapshotIngest } | { type: 'error'; error: SerialisedError };

/**
 * Worker threads that each read one file at a time and are kept for the next: a worker started per
 * file spent about half its time starting and warming up (250,000-row files, measured). Null where
 * no worker can start here (a bundler has bundled this module). close() when done.
 */
export function ingestWorkers(): { ingest(job: IngestJob): Promise<SnapshotIngest>; close(): Promise<void> } | null {
  const url = workerModule(WORKER_MODULE, import.meta.url);
  if (!url) return null;
  const pool = new WorkerPool(url, (message: IngestWorkerMessage) => {
    if (message.type === 'error') throw reviveError(message.error);
    return withoutPrototypes(message.ingest);
  });
  return { ingest: (job) => pool.run(job, `reading ${job.file}`), close: () => pool.close() };
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
