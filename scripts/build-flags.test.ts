import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { WORKER_LIMITS } from '../src/lib/ingest/threads.ts';
import { BUILD_NODE_FLAGS } from './build-flags.ts';

it('npm run build and npm run pdf start the build with the flags the bench and the tests use', () => {
  const { scripts } = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'));
  expect(scripts.build).toBe(`node ${BUILD_NODE_FLAGS.join(' ')} scripts/build.ts`);
  expect(scripts.pdf).toBe(`node ${BUILD_NODE_FLAGS.join(' ')} scripts/build.ts --pdf`);
});

/**
 * In a process started with `flags` (the build's: BUILD_NODE_FLAGS): the largest size, in MB, that the
 * new space of a worker with WORKER_LIMITS reaches while it makes garbage, for a worker started before
 * withWorkerHeapLimits, one started within it, and one started after it.
 */
function newSpaceOfWorkers(flags: string[]): number[] {
  const url = (path: string) => JSON.stringify(pathToFileURL(join(import.meta.dirname, path)).href);
  const code = `
    import { Worker } from 'node:worker_threads';
    import { WORKER_LIMITS } from ${url('../src/lib/ingest/threads.ts')};
    import { withWorkerHeapLimits } from ${url('build-flags.ts')};
    const garbage = \`
      const { getHeapSpaceStatistics } = process.getBuiltinModule('node:v8');
      let kept = [];
      for (let i = 0; i < 3e6; i++) { kept.push('x' + i); if (kept.length > 1e6) kept = []; }
      const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
      process.getBuiltinModule('node:worker_threads').parentPort.postMessage(space.space_size / 2 ** 20);\`;
    const newSpace = () => new Promise((resolve, reject) => {
      const worker = new Worker(garbage, { eval: true, resourceLimits: WORKER_LIMITS });
      worker.once('message', (mb) => void worker.terminate().then(() => resolve(mb)));
      worker.once('error', reject);
    });
    console.log(JSON.stringify([await newSpace(), await withWorkerHeapLimits(newSpace), await newSpace()]));`;
  const run = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', code], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as number[];
}

// Each test starts a Node process whose three workers make 3 million strings each: 2.5–3.6 s alone,
// over the 5 s default while the site tests build beside it (CI timed out once at 5.3 s).
const PROCESS_TIMEOUT_MS = 60_000;

it('lets the workers started while the data is read have their own limits, and holds the build flags again after', { timeout: PROCESS_TIMEOUT_MS }, () => {
  // The build's 8 MB semi-spaces (16 MB of new space) override a worker's limits, unless lifted.
  const [before, within, after] = newSpaceOfWorkers(BUILD_NODE_FLAGS);
  expect(before).toBeLessThanOrEqual(16);
  expect(within).toBeGreaterThan(16);
  expect(within).toBeLessThanOrEqual(WORKER_LIMITS.maxYoungGenerationSizeMb);
  expect(after).toBeLessThanOrEqual(16);
});

it('leaves a process started without the build flags without them', { timeout: PROCESS_TIMEOUT_MS }, () => {
  for (const mb of newSpaceOfWorkers([])) expect(mb).toBeGreaterThan(16);
});
