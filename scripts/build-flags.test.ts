import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { afterAll, expect, it } from 'vitest';
import { WORKER_LIMITS } from '../src/lib/threads.ts';
import { BUILD_NODE_FLAGS, withWorkerHeapLimits } from './build-flags.ts';

it('npm run build and npm run pdf start the build with the flags the bench and the tests use', () => {
  const { scripts } = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'));
  expect(scripts.build).toBe(`node ${BUILD_NODE_FLAGS.join(' ')} scripts/build.ts`);
  expect(scripts.pdf).toBe(`node ${BUILD_NODE_FLAGS.join(' ')} scripts/build.ts --pdf`);
});

/** The largest size, in MB, that the new space of a worker with WORKER_LIMITS reaches while it makes garbage. */
function workerNewSpaceMb(): Promise<number> {
  const code = `
    const { getHeapSpaceStatistics } = require('node:v8');
    let kept = [];
    for (let i = 0; i < 3e6; i++) { kept.push('x' + i); if (kept.length > 1e6) kept = []; }
    const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    require('node:worker_threads').parentPort.postMessage(space.space_size / 2 ** 20);`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, resourceLimits: WORKER_LIMITS });
    worker.once('message', (mb: number) => void worker.terminate().then(() => resolve(mb)));
    worker.once('error', reject);
  });
}

afterAll(() => setFlagsFromString('--max-semi-space-size=0'));

it("lets the workers started while the data is read have their own limits, and holds the build flags again after", async () => {
  // As in the build process: started with BUILD_NODE_FLAGS (8 MB semi-spaces: 16 MB of new space),
  // which override a worker's limits (48 MB of young generation: 32 MB of new space).
  for (const flag of BUILD_NODE_FLAGS) setFlagsFromString(flag);
  expect(await workerNewSpaceMb()).toBeLessThanOrEqual(16);
  const limited = await withWorkerHeapLimits(workerNewSpaceMb);
  expect(limited).toBeGreaterThan(16);
  expect(limited).toBeLessThanOrEqual(WORKER_LIMITS.maxYoungGenerationSizeMb);
  expect(await workerNewSpaceMb()).toBeLessThanOrEqual(16);
});
