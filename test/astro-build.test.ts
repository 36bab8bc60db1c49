// `astro build` on its own builds the sample site: the Polku integration computes the model, runs the
// playbooks' Markdown plugins, gives pages virtual:polku/model and writes the search index.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, PROJECT, type BuildResult } from './build-site.ts';

const ids = readdirSync(join(PROJECT, 'data/snapshots')).filter((f) => f.endsWith('.csv')).map((f) => f.replace(/\.csv$/, ''));
let out: string;
let dist: string;
let temp: string;
let result: BuildResult;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'polku-astro-build-'));
  dist = join(out, 'dist');
  // The build's own temporary directory: the private folder of the model must be gone from it after.
  temp = join(out, 'tmp');
  mkdirSync(temp);
  result = astroBuild(dist, { TMPDIR: temp });
  if (result.status !== 0) throw new Error(`astro build failed:\n${result.stdout}\n${result.stderr}`);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const htmlFiles = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.html'));

describe('astro build with the Polku integration', () => {
  it('renders every snapshot report and its open data from the model the integration computed', () => {
    expect(ids.length).toBe(4);
    for (const id of ids) {
      expect(existsSync(join(dist, `reports/${id}/index.html`)), id).toBe(true);
      expect(existsSync(join(dist, `data/${id}.json`)), id).toBe(true);
    }
    expect(result.stdout).toContain('4 snapshots, 24476 rows read, 24476 accepted, 0 rejected');
  });

  it('runs the playbook plugins: glossary terms link to the methodology', () => {
    const playbooks = htmlFiles(join(dist, 'playbooks')).map((p) => readFileSync(join(dist, 'playbooks', p), 'utf8'));
    expect(playbooks.some((html) => html.includes('href="/methodology/#nps"'))).toBe(true);
  });

  it('writes the search index over the pages marked for it', () => {
    const indexed = htmlFiles(dist).filter((p) => readFileSync(join(dist, p), 'utf8').includes('data-pagefind-body'));
    expect(indexed.length).toBeGreaterThan(ids.length);
    expect(result.stdout).toContain(`search index: ${indexed.length} pages`);
    expect(existsSync(join(dist, 'pagefind/pagefind.js'))).toBe(true);
    expect(readdirSync(join(dist, 'pagefind/fragment')).length).toBeGreaterThan(0);
  });

  it('removes its private folder of the model when done', () => {
    expect(readdirSync(temp).filter((name) => name.startsWith('polku-build-'))).toEqual([]);
  });
});
