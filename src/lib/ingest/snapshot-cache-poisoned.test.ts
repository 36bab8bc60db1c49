// A cache entry that is not what a read gave is never published: an edited number (digest left as
// it was, or recomputed), a truncated entry and garbage are each discarded with a one-line warning
// naming the file, the file is read again, and its entry written anew.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../project/config.ts';
import { loadContent } from '../project/content.ts';
import type { SnapshotIngest } from './ingest.ts';
import { ingestAll } from './read-snapshots.ts';

const PROJECT = join(import.meta.dirname, '..', '..', '..');
let dir: string;
let env: Record<string, string>;
let fresh: string;

/** A read of the sample data with the cache in `cacheDir`: what it gives, and what it warned. */
async function read(cacheDir: string): Promise<{ json: string; warnings: string[]; fromCache: string[] }> {
  const config = loadConfig(PROJECT, env);
  const warnings: string[] = [];
  const fromCache: string[] = [];
  const ingests = await ingestAll(config, loadContent(config.content, config.root), {
    cacheDir,
    onCacheDiscarded: (message) => warnings.push(message),
    onSnapshot: (s) => s.from === 'cache' && fromCache.push(s.id),
  });
  return { json: JSON.stringify(ingests), warnings, fromCache: fromCache.sort() };
}

/** The entry of 2026-q1: its path, key, digest line and JSON. */
function entry(cacheDir: string): { path: string; key: string; head: string; json: string } {
  const name = readdirSync(cacheDir).find((n) => n.startsWith('2026-q1.') && n.endsWith('.json'))!;
  const text = readFileSync(join(cacheDir, name), 'utf8');
  const newline = text.indexOf('\n');
  return { path: join(cacheDir, name), key: name.split('.')[1]!, head: text.slice(0, newline), json: text.slice(newline + 1) };
}

/** The detractors of one touchpoint's NPS turned into promoters in the bins: the sum is left as it was. */
function promoted(json: string): string {
  const ingest = JSON.parse(json) as SnapshotIngest;
  const nps = ingest.journeys['electronics-pickup']!.touchpoints['service-desk-queue']!.all.scores.nps;
  const detractors = nps.bins.slice(0, 7).reduce((a, b) => a + b, 0);
  nps.bins.fill(0, 0, 7);
  nps.bins[10]! += detractors;
  return JSON.stringify(ingest);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'polku-poisoned-'));
  const root = join(dir, 'project');
  mkdirSync(join(root, 'data'), { recursive: true });
  cpSync(join(PROJECT, 'data/snapshots'), join(root, 'data/snapshots'), { recursive: true });
  writeFileSync(join(root, 'polku.config.jsonc'), JSON.stringify({ content: join(PROJECT, 'content') }));
  env = { POLKU_CONFIG: join(root, 'polku.config.jsonc') };
  fresh = (await read(join(dir, 'no-cache'))).json;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a poisoned snapshot cache', () => {
  it.each<[string, (e: ReturnType<typeof entry>) => string, RegExp]>([
    ['an edited number, the digest left', (e) => `${e.head}\n${promoted(e.json)}`, /its content does not match its digest \(damaged or edited\)/],
    [
      'an edited number, the digest recomputed',
      (e) => {
        const json = promoted(e.json);
        return `polku-snapshot-cache/1 sha256:${createHash('sha256').update(e.key).update('\n').update(json).digest('hex')}\n${json}`;
      },
      /its figures cannot come from a read: electronics-pickup\/service-desk-queue: nps sum \(from its bins\) is \d+, outside \d+…\d+/,
    ],
    ['a truncated entry', (e) => `${e.head}\n${e.json.slice(0, e.json.length / 2)}`, /its content does not match its digest/],
    ['garbage', () => 'garbage\u0000\u0001', /it has no digest line/],
  ])('%s: warns, publishes what the file gives, and writes the entry again', async (name, poison, problem) => {
    const cacheDir = join(dir, `cache-${name.replaceAll(/\W+/g, '-')}`);
    expect((await read(cacheDir)).json).toBe(fresh);
    const e = entry(cacheDir);
    writeFileSync(e.path, poison(e));

    const poisoned = await read(cacheDir);
    expect(poisoned.warnings).toHaveLength(1);
    expect(poisoned.warnings[0]).toMatch(/^data\/snapshots\/2026-q1\.csv: its snapshot cache entry was discarded, as .+; the file is read again\.$/);
    expect(poisoned.warnings[0]).toMatch(problem);
    expect(poisoned.fromCache).toEqual(['2025-q4', '2026-q2', '2026-q3']);
    expect(poisoned.json).toBe(fresh);

    const again = await read(cacheDir);
    expect(again).toEqual({ json: fresh, warnings: [], fromCache: ['2025-q4', '2026-q1', '2026-q2', '2026-q3'] });
  });
});
