// The drivers' intervals kept between builds: the same figures as computed, computed once for data
// that did not change, and never a reason for a build to fail.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedIntervals } from './drivers-cache.ts';
import { weightIntervals } from '../stats/relative-weights.ts';

const A = [[1, 0.4, 0.5], [0.4, 1, 0.3], [0.5, 0.3, 1]];
const B = [[1, 0.1, 0.6], [0.1, 1, 0.2], [0.6, 0.2, 1]];
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const cacheDir = () => (dirs.push(mkdtempSync(join(tmpdir(), 'polku-drivers-cache-'))), dirs.at(-1)!);

/** weightIntervals, counting its calls. */
function counted() {
  const calls: number[][][] = [];
  return { calls, compute: (corr: number[][], n: number) => (calls.push(corr), weightIntervals(corr, n)) };
}

describe('cachedIntervals', () => {
  it('gives what weightIntervals gives, computed once for the same correlations and n', () => {
    const dir = cacheDir();
    const first = counted();
    const build1 = cachedIntervals(dir, first.compute);
    expect(build1.intervals(A, 200)).toEqual(weightIntervals(A, 200));
    expect(build1.intervals(B, 150)).toEqual(weightIntervals(B, 150));
    build1.save();
    expect(first.calls).toHaveLength(2);
    // The next build: A again (taken), A over other respondents and a new matrix (computed).
    const second = counted();
    const build2 = cachedIntervals(dir, second.compute);
    expect(build2.intervals(A, 200)).toEqual(weightIntervals(A, 200));
    build2.intervals(A, 201);
    build2.save();
    expect(second.calls).toEqual([A]);
    // What this build did not use is gone: B is computed again by the next.
    const third = counted();
    cachedIntervals(dir, third.compute).intervals(B, 150);
    expect(third.calls).toEqual([B]);
  });

  it('computes as without a cache when it is off, or its file is broken or written by other code', () => {
    const off = counted();
    const none = cachedIntervals(null, off.compute);
    none.intervals(A, 200);
    none.save();
    expect(off.calls).toHaveLength(1);
    const dir = cacheDir();
    writeFileSync(join(dir, 'drivers-intervals.json'), '{"code": "trunc');
    const broken = counted();
    const build = cachedIntervals(dir, broken.compute);
    expect(build.intervals(A, 200)).toEqual(weightIntervals(A, 200));
    build.save();
    const file = JSON.parse(readFileSync(join(dir, 'drivers-intervals.json'), 'utf8'));
    writeFileSync(join(dir, 'drivers-intervals.json'), JSON.stringify({ ...file, code: 'another version' }));
    const foreign = counted();
    cachedIntervals(dir, foreign.compute).intervals(A, 200);
    expect([broken.calls.length, foreign.calls.length]).toEqual([1, 1]);
  });

  it('keeps only published figures and hashes: no correlation, no count', () => {
    const dir = cacheDir();
    const build = cachedIntervals(dir);
    build.intervals(A, 200);
    build.save();
    const text = readFileSync(join(dir, 'drivers-intervals.json'), 'utf8');
    expect(text).not.toContain('0.4,');
    expect(Object.keys(JSON.parse(text).entries)[0]).toMatch(/^[0-9a-f]{64}$/);
  });
});
