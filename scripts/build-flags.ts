// The Node flags `npm run build` starts scripts/build.ts with (package.json), for the scripts and
// tests that start it themselves. V8 lets its young generation grow to 64 MB per semi-space while
// Astro renders thousands of pages, garbage it collects anyway: 8 MB keeps a build of 40 snapshots
// under 1 GB (peak RSS 1,038 -> 860 MB measured). A V8 heap limit is fixed when the process starts,
// so this cannot be set from inside build.ts.
import { setFlagsFromString } from 'node:v8';

export const BUILD_NODE_FLAGS = ['--max-semi-space-size=8'];

/**
 * Runs `work` with the worker threads it starts sized by their own resource limits (WORKER_LIMITS in
 * src/lib/threads.ts). V8 reads its flags again for each isolate it makes, and a flag overrides a
 * worker's limits: the workers that read snapshot files would get the small young generation meant for
 * Astro, and reading CSV (a string per field) then ran at about 75% of its speed. This thread's heap
 * keeps its size: it was made at the start. Every worker `work` starts must have started (sent a
 * message) by the time it settles; the flags the process was started with hold again after.
 */
export async function withWorkerHeapLimits<T>(work: () => Promise<T>): Promise<T> {
  setFlagsFromString('--max-semi-space-size=0');
  try {
    return await work();
  } finally {
    // Back to what the process was started with (a build started without the flags has none to restore).
    const started = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
    for (const flag of BUILD_NODE_FLAGS) if (started.includes(flag)) setFlagsFromString(flag);
  }
}
