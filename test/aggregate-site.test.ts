// A site built from DuckDB's aggregates (sql/aggregate.sql over the sample CSVs, two snapshots as CSV
// and two as Parquet) is the site built by reading the raw rows, byte for byte, except where a page
// describes the source files themselves. So is one built from the aggregates that a real PostgreSQL
// server computes with the same SQL rendered for it (Debian's postgresql package, test/postgres-server.ts),
// and the site built with "engine": "duckdb" in the mapping, which runs the SQL inside the build,
// through the snapshot cache. Aggregates hold no comments, so all builds publish none
// (minCommentRespondents and minComments above any group: no quotes, no themes); the comment counts are in all.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/lib/project/config.ts';
import { loadContent } from '../src/lib/project/content.ts';
import { aggregateWithDuckDb } from '../src/lib/ingest/duckdb-aggregate.ts';
import { stageMap } from '../src/lib/ingest/snapshot-cache.ts';
import { buildSite, PROJECT } from './build-site.ts';
import { aggregateWithPostgres, startPostgres, type PostgresServer } from './postgres-server.ts';
import { distFiles } from './dist-files.ts';

const SAMPLES = join(PROJECT, 'data/snapshots');
const ids = readdirSync(SAMPLES).filter((f) => f.endsWith('.csv')).map((f) => f.replace(/\.csv$/, '')).sort();
const config = loadConfig(PROJECT, {});
const stages = stageMap(loadContent(config.content, config.root));
let dir: string;

function project(name: string, snapshots: string, settings: Record<string, string> = {}): Record<string, string> {
  const config = join(dir, `${name}.jsonc`);
  writeFileSync(config, JSON.stringify({ content: join(PROJECT, 'content'), snapshots, privacy: { minCommentRespondents: 1_000_000_000, minComments: 1_000_000_000 }, ...settings }));
  return { POLKU_CONFIG: config, POLKU_NO_CACHE: '1' };
}

/** The sample read by DuckDB inside the build, with the snapshot cache in the test's folder. */
function engineProject(): Record<string, string> {
  writeFileSync(join(dir, 'engine-mapping.jsonc'), '// every snapshot through sql/aggregate.sql\n{ "engine": "duckdb" }\n');
  const { POLKU_NO_CACHE: _, ...env } = project('engine', SAMPLES, { mapping: join(dir, 'engine-mapping.jsonc') });
  return { ...env, POLKU_CACHE_DIR: join(dir, 'engine-cache') };
}
const engineBuilds: Record<'cold' | 'warm', string> = { cold: '', warm: '' };

/** Pages about the source files (which differ: an aggregate is not the export) and the search index over them. */
const DESCRIBES_SOURCES = (path: string) => path === 'data-quality/index.html' || path.startsWith('pagefind/') || /^data\/[^/]+\.json$/.test(path);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'polku-aggregate-site-'));
  const aggregates = join(dir, 'aggregates');
  mkdirSync(aggregates);
  for (const [i, id] of ids.entries()) {
    const output = join(aggregates, `${id}.${i % 2 === 0 ? 'csv' : 'parquet'}`);
    await aggregateWithDuckDb({ input: join(SAMPLES, `${id}.csv`), output, stages, scales: config.scales, threads: 2 });
  }
  for (const [name, snapshots] of [['raw', SAMPLES], ['aggregates', aggregates]] as const) {
    const result = buildSite(join(dir, `dist-${name}`), project(name, snapshots));
    if (result.status !== 0) throw new Error(`${name} build failed:\n${result.stdout}\n${result.stderr}`);
  }
  for (const name of ['cold', 'warm'] as const) {
    const result = buildSite(join(dir, `dist-engine-${name}`), engineProject());
    if (result.status !== 0) throw new Error(`engine ${name} build failed:\n${result.stdout}\n${result.stderr}`);
    engineBuilds[name] = result.stdout;
  }
}, 600_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every page but those describing the source files is the raw site's, byte for byte. */
function expectSamePages(name: string): void {
  const raw = distFiles(join(dir, 'dist-raw'));
  const agg = distFiles(join(dir, `dist-${name}`));
  expect([...agg.keys()].sort()).toEqual([...raw.keys()].sort());
  const compared = [...raw.keys()].filter((p) => !DESCRIBES_SOURCES(p));
  const differing = compared.filter((p) => !raw.get(p)!.equals(agg.get(p)!));
  expect(differing).toEqual([]);
  const reports = compared.filter((p) => p.startsWith('reports/') && p.endsWith('.html'));
  expect(reports.length).toBeGreaterThanOrEqual(ids.length * 20);
  // Key drivers are on the pages compared (the aggregate's driver rows), not absent from both.
  expect(reports.filter((p) => raw.get(p)!.toString('utf8').includes('class="key-drivers')).length).toBeGreaterThan(0);
  for (const id of ids) expect(compared).toContain(`data/${id}.csv`);
}

function expectSameOpenData(name: string): void {
  let withDrivers = 0;
  for (const id of ids) {
    const read = (site: string) => JSON.parse(readFileSync(join(dir, `dist-${site}`, 'data', `${id}.json`), 'utf8'));
    const raw = read('raw');
    const agg = read(name);
    expect(agg.source.layout).toBe('aggregate');
    for (const key of ['rowsRead', 'accepted', 'rejected', 'ratings', 'rejectedByReason'] as const) expect(agg.source[key]).toEqual(raw.source[key]);
    withDrivers += raw.journeys.filter((j: { drivers: { drivers: unknown[] } | null }) => (j.drivers?.drivers.length ?? 0) > 0).length;
    expect({ ...agg, source: null }).toEqual({ ...raw, source: null });
  }
  // The journeys' key drivers are in the data compared, not absent from both.
  expect(withDrivers).toBeGreaterThan(0);
}

describe('a site built from DuckDB aggregates', () => {
  it('has byte-identical report pages, journeys, playbooks and open-data CSVs', () => expectSamePages('aggregates'));

  it('has the same open-data JSON apart from the source file it describes', () => expectSameOpenData('aggregates'));

  it('built with "engine": "duckdb", has byte-identical pages apart from the sources, and the export\'s own account', () => {
    const raw = distFiles(join(dir, 'dist-raw'));
    const engine = distFiles(join(dir, 'dist-engine-cold'));
    expect([...engine.keys()].sort()).toEqual([...raw.keys()].sort());
    expect([...raw.keys()].filter((p) => !DESCRIBES_SOURCES(p) && !raw.get(p)!.equals(engine.get(p)!))).toEqual([]);
    for (const id of ids) {
      const read = (name: string) => JSON.parse(readFileSync(join(dir, `dist-${name}`, 'data', `${id}.json`), 'utf8'));
      const [a, b] = [read('raw'), read('engine-cold')];
      expect(b.source).toEqual({ ...a.source, engine: 'duckdb', lines: 0, blankLines: 0 });
      expect({ ...b, source: null }).toEqual({ ...a, source: null });
    }
    const html = readFileSync(join(dir, 'dist-engine-cold/data-quality/index.html'), 'utf8');
    expect(html).toContain('DuckDB (sql/aggregate.sql), which counts rows read');
    expect(html).toContain(`${ids[0]}.csv`);
  });

  it('built with "engine": "duckdb" again, takes every snapshot from the cache and gives the same site', () => {
    expect(engineBuilds.cold).toContain(`snapshots: 0 from cache, ${ids.length} read from their files`);
    expect(engineBuilds.warm).toContain(`snapshots: ${ids.length} from cache, 0 read from their files`);
    const cold = distFiles(join(dir, 'dist-engine-cold'));
    const warm = distFiles(join(dir, 'dist-engine-warm'));
    expect([...warm.keys()].sort()).toEqual([...cold.keys()].sort());
    expect([...cold.keys()].filter((p) => !cold.get(p)!.equals(warm.get(p)!))).toEqual([]);
  });

  it('names the aggregate files and their layout on the data-quality page', () => {
    const html = readFileSync(join(dir, 'dist-aggregates/data-quality/index.html'), 'utf8');
    expect(html).toContain(`${ids[1]}.parquet`);
    expect(html).toContain('aggregate');
  });
});

describe('a site built from PostgreSQL aggregates', () => {
  let server: PostgresServer | undefined;
  beforeAll(() => {
    server = startPostgres();
    const aggregates = join(dir, 'aggregates-postgres');
    mkdirSync(aggregates);
    for (const id of ids) aggregateWithPostgres(server, { input: join(SAMPLES, `${id}.csv`), output: join(aggregates, `${id}.csv`), stages, scales: config.scales });
    const result = buildSite(join(dir, 'dist-postgres'), project('postgres', aggregates));
    if (result.status !== 0) throw new Error(`postgres build failed:\n${result.stdout}\n${result.stderr}`);
  }, 300_000);
  afterAll(() => server?.stop());

  it('has byte-identical report pages, journeys, playbooks and open-data CSVs', () => expectSamePages('postgres'));

  it('has the same open-data JSON apart from the source file it describes', () => expectSameOpenData('postgres'));
});
