// A snapshot read in a worker thread is the same SnapshotIngest as one read in this thread, errors
// included, whichever files the worker read before; inParallel keeps the order of its tasks and the
// limit.
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { useTempFiles } from '../../../test/temp-files.ts';
import { fromSystemError, PolkuError } from '../common/errors.ts';
import { ingestWorkers, inParallel, type IngestJob } from './ingest-in-worker.ts';
import { ingestSnapshot, type SnapshotIngest } from './ingest.ts';
import { mappingFor } from '../project/mapping.ts';
import { DEFAULT_SCALES } from '../stats/metrics.ts';
import { createRedactor } from '../privacy/redact.ts';

const DATA = fileURLToPath(new URL('../../../data/snapshots/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/', import.meta.url));
const tempFile = useTempFiles('polku-ingest-worker-');

const stages: IngestJob['stages'] = [
  ['electronics-pickup', 'pickup-code', 'pickup'],
  ['electronics-pickup', 'store-arrival', 'pickup'],
  ['washing-machine', 'installation', 'delivery'],
];
const redaction = { names: ['Matti Meikäläinen'], patterns: [] };

// One pool for every test below: its worker reads the files in turn, as in a cold build.
const workers = ingestWorkers()!;
afterAll(() => workers.close());

/**
 * One file read in this thread and in a worker at once: both outcomes, the ingest or the error it
 * stopped with. Both are awaited together: the worker may finish first, and an error it stops with
 * must not be left without a handler meanwhile.
 */
function both(path: string, file: string): Promise<[here: SnapshotIngest | unknown, there: SnapshotIngest | unknown]> {
  const job: IngestJob = { path, file, id: '2026-q1', mapping: mappingFor({}, '2026-q1', 'data/mapping.jsonc'), scales: DEFAULT_SCALES, stages, redaction };
  const byKey = new Map(stages.map(([j, t, s]) => [`${j}/${t}`, s]));
  const here = ingestSnapshot({ ...job, stageOf: (j, t) => byKey.get(`${j}/${t}`) ?? null, redact: createRedactor(redaction) });
  return Promise.all([here.catch((e: unknown) => e), workers.ingest(job).catch((e: unknown) => e)]);
}

describe('ingestWorkers', () => {
  it('reads a sample snapshot into the same ingest as this thread does', async () => {
    const [expected, got] = (await both(join(DATA, '2026-q1.csv'), 'data/snapshots/2026-q1.csv')) as SnapshotIngest[];
    expect(expected!.account.accepted).toBeGreaterThan(1000);
    expect(got).toEqual(expected);
    // Records looked up by id have no prototype, as in this thread: "constructor" finds nothing.
    const j = got!.journeys['electronics-pickup']!;
    for (const record of [got!.journeys, got!.comments, j.touchpoints, j.respondents.stages, j.touchpoints['pickup-code']!.channels]) {
      expect(Object.getPrototypeOf(record)).toBe(null);
    }
    expect(got!.journeys['constructor']).toBeUndefined();
  });

  it('rejects rows the same way, with their lines', async () => {
    const [expected, got] = (await both(join(FIXTURES, 'malformed-rows.csv'), 'malformed-rows.csv')) as SnapshotIngest[];
    expect(expected!.account.rejected).toBeGreaterThan(0);
    expect(got).toEqual(expected);
  });

  it('stops with the same PolkuError, as a PolkuError', async () => {
    const path = tempFile('header-only.csv', 'response_id,journey,touchpoint,nps\n');
    const [expected, error] = await both(path, 'header-only.csv');
    expect(expected).toBeInstanceOf(PolkuError);
    expect(error).toBeInstanceOf(PolkuError);
    expect((error as PolkuError).format()).toBe((expected as PolkuError).format());
  });

  it.each([
    ['a folder where the file should be (EISDIR)', () => dirname(tempFile('marker', '')), 'EISDIR', 'read', 'illegal operation on a directory'],
    ['a file removed before it is read (ENOENT)', () => join(dirname(tempFile('marker', '')), 'gone.csv'), 'ENOENT', 'stat', 'no such file or directory'],
  ])('a file-system error in the worker keeps its code, file and call: %s gives the one-line message', async (_what, pathOf, code, syscall, what) => {
    const path = pathOf();
    const root = dirname(path);
    const [expected, error] = await both(path, 'data/snapshots/2026-q1.csv');
    expect((error as NodeJS.ErrnoException).code).toBe(code);
    const message = fromSystemError(error, root);
    expect(message).toBeInstanceOf(PolkuError);
    expect(message!.format()).toBe(fromSystemError(expected, root)!.format());
    expect(message!.format().split('\n')[0]).toBe(`${relative(root, path)}: cannot ${syscall} the file (${code}: ${what})`);
  });

  it('reads the next file the same after one that failed', async () => {
    const [expected, got] = await both(join(FIXTURES, 'malformed-rows.csv'), 'malformed-rows.csv');
    expect(expected).toHaveProperty('account');
    expect(got).toEqual(expected);
  });

  it('reads files side by side, each as this thread does', async () => {
    const read = (await Promise.all(['2026-q1.csv', '2026-q2.csv', '2026-q3.csv'].map((name) => both(join(DATA, name), `data/snapshots/${name}`)))) as SnapshotIngest[][];
    for (const [expected, got] of read) expect(got).toEqual(expected);
    expect(new Set(read.map(([, got]) => got!.account.sha256)).size).toBe(3);
  });
});

describe('inParallel', () => {
  it('runs at most `limit` tasks at a time and keeps their order', async () => {
    let running = 0;
    let most = 0;
    const tasks = [30, 5, 20, 1, 10].map((ms, i) => async () => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return i;
    });
    expect(await inParallel(tasks, 2)).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it('starts no task after a failure and reports the earliest failing task', async () => {
    const started: number[] = [];
    const tasks = [40, 5, 1, 1, 1, 1].map((ms, i) => async () => {
      started.push(i);
      await new Promise((resolve) => setTimeout(resolve, ms));
      if (i === 0 || i === 1) throw new Error(`task ${i}`);
      return i;
    });
    // Task 1 fails first in time; task 0, already running, fails later and is earlier in order.
    await expect(inParallel(tasks, 2)).rejects.toThrow('task 0');
    expect(started).toEqual([0, 1]);
  });
});
