// WorkerPool keeps a worker for the next task, starts another for a task run beside it, never
// reuses a worker whose task failed or that exited, and survives a worker's late error.
import { describe, expect, it } from 'vitest';
import { WorkerPool } from './threads.ts';

const ECHO = new URL('../../../test/fixtures/workers/echo.ts', import.meta.url);

type EchoPool = WorkerPool<number, { threadId: number; failed: boolean }>;

/** Runs `test` with a pool of echo workers (each task's answer is its worker's thread id), closed after. */
async function withEchoPool(test: (pool: EchoPool) => Promise<void>): Promise<void> {
  const pool: EchoPool = new WorkerPool(ECHO, (m) => {
    if (m.failed) throw new Error(`task failed in thread ${m.threadId}`);
    return m.threadId;
  });
  try {
    await test(pool);
  } finally {
    await pool.close();
  }
}

describe('WorkerPool', () => {
  it('runs tasks in turn on one worker, and side by side on two', () =>
    withEchoPool(async (pool) => {
      const first = await pool.run('answer', 'task 1');
      expect(await pool.run('answer', 'task 2')).toBe(first);
      const [a, b] = await Promise.all([pool.run('answer', 'task 3'), pool.run('answer', 'task 4')]);
      expect(a).not.toBe(b);
      expect([a, b]).toContain(first);
    }));

  it('stops a worker whose task failed or exited, and starts a new one for the next task', () =>
    withEchoPool(async (pool) => {
      const first = await pool.run('answer', 'task 1');
      await expect(pool.run('fail', 'task 2')).rejects.toThrow(`task failed in thread ${first}`);
      const second = await pool.run('answer', 'task 3');
      expect(second).not.toBe(first);
      await expect(pool.run('exit', 'task 4')).rejects.toThrow('task 4 stopped early (exit code 3)');
      expect(await pool.run('answer', 'task 5')).not.toBe(second);
    }));

  it('rejects with the error of a worker that throws, naming the task', () =>
    withEchoPool(async (pool) => {
      await expect(pool.run('throw', 'task 1')).rejects.toThrow('task 1 stopped: boom');
      expect(await pool.run('answer', 'task 2')).toBeGreaterThan(0);
    }));

  it('outlives a worker that throws after its task settled, and does not reuse it', () =>
    withEchoPool(async (pool) => {
      const first = await pool.run('answer, then throw', 'task 1');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await pool.run('answer', 'task 2')).not.toBe(first);
    }));

  it('rejects an input that cannot be posted and keeps the worker for the next task', () =>
    withEchoPool(async (pool) => {
      const first = await pool.run('answer', 'task 1');
      await expect(pool.run(() => 'a function', 'task 2')).rejects.toThrow(/could not be cloned/);
      expect(await pool.run('answer', 'task 3')).toBe(first);
    }));

  it('stops its workers on close; used again, it starts new ones', () =>
    withEchoPool(async (pool) => {
      const first = await pool.run('answer', 'task 1');
      await pool.close();
      expect(await pool.run('answer', 'task 2')).not.toBe(first);
    }));
});
