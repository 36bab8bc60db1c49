// Incremental builds: a build from cached snapshot aggregates is the same site, byte for byte, as a
// build that reads every file; and a changed byte of one file, or of one snapshot's mapping,
// invalidates exactly that snapshot.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/lib/project/config.ts';
import { loadContent } from '../src/lib/project/content.ts';
import { ingestAll } from '../src/lib/ingest/read-snapshots.ts';
import { buildSite, PROJECT, SAMPLE_SETTINGS, sharedBuild } from './build-site.ts';
import { distFiles } from './dist-files.ts';

let dir: string;
let root: string;
let env: Record<string, string>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'polku-cache-'));
  root = join(dir, 'project');
  mkdirSync(join(root, 'data'), { recursive: true });
  cpSync(join(PROJECT, 'data/snapshots'), join(root, 'data/snapshots'), { recursive: true });
  writeFileSync(join(root, 'polku.config.jsonc'), JSON.stringify({ ...SAMPLE_SETTINGS, content: join(PROJECT, 'content') }));
  env = { POLKU_CONFIG: join(root, 'polku.config.jsonc') };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Which snapshots a read of the temporary project takes from the cache and which from their files. */
async function readWithCache(cacheDir: string): Promise<{ cache: string[]; file: string[] }> {
  const config = loadConfig(PROJECT, env);
  const seen = { cache: [] as string[], file: [] as string[] };
  // On this thread: what comes from where is decided here, and four worker threads would start for small files.
  await ingestAll(config, loadContent(config.content, config.root), { cacheDir, workers: false, onSnapshot: (s) => seen[s.from].push(s.id) });
  return { cache: seen.cache.sort(), file: seen.file.sort() };
}

describe('the snapshot cache', () => {
  it('gives a build byte-identical to one that reads every file', async () => {
    const cacheDir = join(dir, 'cache-build');
    // The cache as a cold build leaves it: the same read, in this process.
    expect(await readWithCache(cacheDir)).toEqual({ cache: [], file: ['2025-q4', '2026-q1', '2026-q2', '2026-q3'] });
    const warm = buildSite(join(dir, 'dist-warm'), { ...env, POLKU_CACHE_DIR: cacheDir });
    expect(warm.status, warm.stderr).toBe(0);
    expect(warm.stdout).toContain('snapshots: 4 from cache, 0 read from their files');
    expect(warm.stdout).toMatch(/phases: ingest [\d.]+ s, aggregate [\d.]+ s, pages [\d.]+ s, search index [\d.]+ s/);

    // The project is the sample's content and snapshots: its shared build reads every file.
    const a = distFiles(sharedBuild());
    const b = distFiles(join(dir, 'dist-warm'));
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    const differing = [...a].filter(([path, bytes]) => !bytes.equals(b.get(path)!)).map(([path]) => path);
    expect(differing).toEqual([]);
    expect(a.size).toBeGreaterThan(100);
  });

  it('reads again exactly the snapshot whose file or mapping changed', async () => {
    const cacheDir = join(dir, 'cache-change');
    expect(await readWithCache(cacheDir)).toEqual({ cache: [], file: ['2025-q4', '2026-q1', '2026-q2', '2026-q3'] });
    expect(await readWithCache(cacheDir)).toEqual({ cache: ['2025-q4', '2026-q1', '2026-q2', '2026-q3'], file: [] });

    // One byte of one file: a channel "web" becomes "wex".
    const path = join(root, 'data/snapshots/2026-q1.csv');
    const bytes = readFileSync(path);
    const at = bytes.indexOf(',web,') + 3;
    bytes[at] = 'x'.charCodeAt(0);
    writeFileSync(path, bytes);
    expect(await readWithCache(cacheDir)).toEqual({ cache: ['2025-q4', '2026-q2', '2026-q3'], file: ['2026-q1'] });
    expect(await readWithCache(cacheDir)).toEqual({ cache: ['2025-q4', '2026-q1', '2026-q2', '2026-q3'], file: [] });

    // The mapping of one snapshot.
    writeFileSync(join(root, 'data/mapping.jsonc'), '{ "files": { "2026-q2": { "delimiter": "," } } }');
    expect(await readWithCache(cacheDir)).toEqual({ cache: ['2025-q4', '2026-q1', '2026-q3'], file: ['2026-q2'] });

    // Settings every snapshot depends on: the redaction names.
    writeFileSync(join(root, 'polku.config.jsonc'), JSON.stringify({ content: join(PROJECT, 'content'), privacy: { names: ['Aino'] } }));
    expect((await readWithCache(cacheDir)).file).toHaveLength(4);
    // One entry per snapshot: older entries of a snapshot are removed when it is written again.
    expect(readdirSync(cacheDir).filter((n) => n.endsWith('.json'))).toHaveLength(4);
  });

  it('gives the same aggregates as reading the files', async () => {
    const config = loadConfig(PROJECT, env);
    const content = loadContent(config.content, config.root);
    const cacheDir = join(dir, 'cache-equal');
    await ingestAll(config, content, { cacheDir });
    const cached = await ingestAll(config, content, { cacheDir });
    expect(JSON.stringify(cached)).toBe(JSON.stringify(await ingestAll(config, content)));
    // Records looked up by id have no prototype, as the ingest makes them: "constructor" finds nothing.
    for (const ingest of cached) {
      for (const record of [ingest.journeys, ingest.comments, ...Object.values(ingest.journeys).flatMap((j) => [j.touchpoints, j.respondents.stages, j.respondents.channels, j.respondents.segments])]) {
        expect(Object.getPrototypeOf(record)).toBe(null);
      }
    }
  });
});
