// The output folder's swap and its repair, on real folders: a build killed between the swap's two
// renames leaves no dist/, and the next build puts the previous site back and says so; leftovers of
// dead builds go, those of running builds stay.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildFolders, nodeFs, recoverOutput, swapIn, type OutputFs } from './output-dir.ts';
import { privateTempDir, removeStaleTempDirs } from '../src/integration/private-temp.ts';

let dir: string;
let dist: string;
const DEAD = 999_999_001;
const ALIVE = 999_999_002;
const running = (pid: number) => pid === ALIVE;

/** A site folder holding one page with `text`. */
function site(path: string, text: string): void {
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, 'index.html'), text);
}
const page = (path: string) => readFileSync(join(path, 'index.html'), 'utf8');

/** The file system of a process killed after its `steps`-th rename or removal: nothing after it happens. */
function killedAfter(steps: number): OutputFs {
  let done = 0;
  const step = <A extends unknown[]>(op: (...args: A) => void) => (...args: A) => {
    if (done++ >= steps) throw new Error('killed');
    op(...args);
  };
  return { ...nodeFs, rename: step(nodeFs.rename), remove: step(nodeFs.remove) };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'polku-output-'));
  dist = join(dir, 'dist');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('swapIn', () => {
  it('replaces the site and leaves nothing beside it', () => {
    site(dist, 'previous');
    site(buildFolders(dist, DEAD).work, 'new');
    swapIn(dist, buildFolders(dist, DEAD).work, nodeFs, DEAD);
    expect(page(dist)).toBe('new');
    expect(readdirSync(dir)).toEqual(['dist']);
  });

  it('puts the previous site back itself when the second rename fails', () => {
    site(dist, 'previous');
    expect(() => swapIn(dist, join(dir, 'no-such-folder'), nodeFs, DEAD)).toThrow(/ENOENT/);
    expect(page(dist)).toBe('previous');
    expect(readdirSync(dir)).toEqual(['dist']);
  });
});

describe('a build killed in the middle of its swap', () => {
  it.each([
    [1, 'previous', 'restored the previous site'],
    [2, 'new', 'removed'],
  ])('after step %i: the next build gives dist/ the %s site and says what it did', (steps, expected, said) => {
    const { work, previous } = buildFolders(dist, DEAD);
    site(dist, 'previous');
    site(work, 'new');
    expect(() => swapIn(dist, work, killedAfter(steps), DEAD)).toThrow('killed');
    expect(existsSync(dist)).toBe(steps >= 2);

    const messages = recoverOutput(dist, nodeFs, running);
    expect(page(dist)).toBe(expected);
    // The new site in the work folder, if the kill left it there, goes too.
    expect(messages).toHaveLength(steps === 1 ? 2 : 1);
    expect(messages.find((m) => m.includes(previous))).toMatch(new RegExp(`^${said}.*process ${DEAD}`));
    expect(readdirSync(dir)).toEqual(['dist']);
  });
});

describe('recoverOutput', () => {
  it("removes dead builds' folders, keeps running builds' and other folders", () => {
    site(dist, 'current');
    const dead = buildFolders(dist, DEAD);
    const alive = buildFolders(dist, ALIVE);
    for (const path of [dead.work, dead.astroCache, dead.previous, alive.work, alive.astroCache, alive.previous, join(dir, 'dist.tmp-12x'), join(dir, 'dist-other.tmp-1')]) site(path, 'x');
    const messages = recoverOutput(dist, nodeFs, running);
    expect(messages.sort()).toEqual([dead.work, dead.astroCache, dead.previous].map((p) => `removed ${p}, left by a build that was stopped (process ${DEAD})`).sort());
    expect(readdirSync(dir).sort()).toEqual(['dist', 'dist-other.tmp-1', `dist.old-${ALIVE}`, 'dist.tmp-12x', `dist.tmp-${ALIVE}`, `dist.tmp-${ALIVE}-cache`]);
    expect(page(dist)).toBe('current');
  });

  it('leaves a running build mid-swap alone: dist/ is its to put in place', () => {
    site(buildFolders(dist, ALIVE).previous, 'previous');
    expect(recoverOutput(dist, nodeFs, running)).toEqual([]);
    expect(existsSync(dist)).toBe(false);
  });
});

describe('private temporary folders', () => {
  it('are mode 0700, and those of dead builds are removed', () => {
    const mine = privateTempDir(dir);
    const dead = privateTempDir(dir, DEAD);
    const alive = privateTempDir(dir, ALIVE);
    expect(statSync(mine).mode & 0o777).toBe(0o700);
    expect(removeStaleTempDirs(dir, running)).toEqual([`removed ${dead}, the temporary files of a build that was stopped (process ${DEAD})`]);
    expect(existsSync(mine) && existsSync(alive) && !existsSync(dead)).toBe(true);
  });
});
