// The Node flags `npm run build` starts scripts/build.ts with (package.json), for the scripts and
// tests that start it themselves. V8 lets its young generation grow to 64 MB per semi-space while
// Astro renders thousands of pages, garbage it collects anyway: 8 MB keeps a build of 40 snapshots
// under 1 GB (peak RSS 1,038 -> 860 MB measured). A V8 heap limit is fixed when the process starts,
// so this cannot be set from inside build.ts.
import { setFlagsFromString } from 'node:v8';

export const BUILD_NODE_FLAGS = ['--max-semi-space-size=8'];

/**
 * Rendering thousands of pages makes much garbage and keeps little: with memory to spare, V8 lets the
 * heap grow to several times what is live before collecting. Growing by at most a quarter keeps a
 * cold build of 41 snapshots (3,900 pages) under 1 GB (peak RSS measured: V8's default 1.34 GB, half
 * 0.92-0.98 GB, a quarter 0.87-0.88 GB), for about 10% more time rendering. Set as the build starts;
 * it holds for the worker threads that read the files too (lifting it while they read made no
 * difference above this host's noise in 5 alternating runs).
 */
export function limitHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=25');
}

/**
 * Runs `work` with the worker threads it starts sized by their own resource limits (WORKER_LIMITS in
 * src/lib/ingest/threads.ts). V8 reads its flags again for each isolate it makes, and a flag overrides a
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
