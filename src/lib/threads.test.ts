// WorkerPool keeps a worker for the next task, starts another for a task run beside it, and never
// reuses a worker whose task failed or that exited.
import { describe, expect, it } from 'vitest';
import { WorkerPool } from './threads.ts';

const ECHO = new URL('../../test/fixtures/workers/echo.ts', import.meta.url);

function echoPool() {
  return new WorkerPool(ECHO, (m: { threadId: number; failed: boolean }) => {
    if (m.failed) throw new Error(`task failed in thread ${m.threadId}`);
    return m.threadId;
  });
}

describe('WorkerPool', () => {
  it('runs tasks in turn on one worker, and side by side on two', async () => {
    const pool = echoPool();
    try {
      const first = await pool.run('answer', 'task 1');
      expect(await pool.run('answer', 'task 2')).toBe(first);
      const [a, b] = await Promise.all([pool.run('answer', 'task 3'), pool.run('answer', 'task 4')]);
      expect(a).not.toBe(b);
      expect([a, b]).toContain(first);
    } finally {
      await pool.close();
    }
  });

  it('stops a worker whose task failed or exited, and starts a new one for the next task', async () => {
    const pool = echoPool();
    try {
      const first = await pool.run('answer', 'task 1');
      await expect(pool.run('fail', 'task 2')).rejects.toThrow(`task failed in thread ${first}`);
      const second = await pool.run('answer', 'task 3');
      expect(second).not.toBe(first);
      await expect(pool.run('exit', 'task 4')).rejects.toThrow('task 4 stopped early (exit code 3)');
      expect(await pool.run('answer', 'task 5')).not.toBe(second);
    } finally {
      await pool.close();
    }
  });

  it('stops its workers on close; used again, it starts new ones', async () => {
    const pool = echoPool();
    const first = await pool.run('answer', 'task 1');
    await pool.close();
    expect(await pool.run('answer', 'task 2')).not.toBe(first);
    await pool.close();
  });
});
