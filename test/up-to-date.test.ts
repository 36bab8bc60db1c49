// `npm run build` with nothing changed says so and stops before Astro; --force builds; a build that
// fails leaves no stamp that could call its output up to date (scripts/up-to-date.ts).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stampPath } from '../scripts/up-to-date.ts';
import { buildSite, PROJECT } from './build-site.ts';

let root: string;
let dist: string;
let env: Record<string, string>;
const UP_TO_DATE = /is up to date \(nothing changed since the build at \d{4}-\d\d-\d\dT[\d:.]+Z\); use --force to rebuild/;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'polku-up-to-date-'));
  cpSync(join(PROJECT, 'content'), join(root, 'content'), { recursive: true });
  cpSync(join(PROJECT, 'data'), join(root, 'data'), { recursive: true });
  writeFileSync(join(root, 'polku.config.jsonc'), '{}');
  dist = join(root, 'dist');
  env = { POLKU_CONFIG: join(root, 'polku.config.jsonc'), POLKU_CACHE_DIR: join(root, 'cache') };
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a build with nothing changed', () => {
  it('says the output is up to date and stops, leaving it as it was; --force builds', () => {
    const first = buildSite(dist, env);
    expect(first.status, first.stderr).toBe(0);
    expect(existsSync(stampPath(join(root, 'cache'), dist)!)).toBe(true);
    const index = readFileSync(join(dist, 'index.html'), 'utf8');

    const again = buildSite(dist, env);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(UP_TO_DATE);
    expect(again.stdout).not.toContain('phases:');
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).toBe(index);

    const forced = buildSite(dist, env, ['--force']);
    expect(forced.status, forced.stderr).toBe(0);
    expect(forced.stdout).not.toMatch(UP_TO_DATE);
    expect(forced.stdout).toContain('phases:');
  });

  it('a failed build leaves no stamp, so the next build runs again', () => {
    const csv = join(root, 'data/snapshots/2026-q1.csv');
    const original = readFileSync(csv);
    writeFileSync(csv, `${original.toString('utf8').split('\n')[0]}\n`); // the header only: the build stops
    const failed = buildSite(dist, env);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('the file has a header but no rows');
    expect(existsSync(stampPath(join(root, 'cache'), dist)!)).toBe(false);
    // The file as it was when the site in dist/ was built: without a stamp, it is built again.
    writeFileSync(csv, original);
    const rebuilt = buildSite(dist, env);
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).not.toMatch(UP_TO_DATE);
    expect(buildSite(dist, env).stdout).toMatch(UP_TO_DATE);
  });
});
