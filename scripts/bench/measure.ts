// One measurement in its own process, so peak RSS is its own: `node measure.ts bare <file>...` (each
// file in turn), `node measure.ts polku|duckdb <file>`, or `node measure.ts site <polku.config.jsonc>`
// (a cold build's ingest phase alone; started with the build's flags). Prints {"ms", "rows",
// "maxRssKb", ...} as JSON on stdout.
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { limitHeapGrowth, withWorkerHeapLimits } from '../build-flags.ts';
import { readAggregateCsv } from '../../src/lib/ingest/aggregate-input.ts';
import { loadConfig } from '../../src/lib/project/config.ts';
import { loadContent } from '../../src/lib/project/content.ts';
import { aggregateWithDuckDb } from '../../src/lib/ingest/duckdb-aggregate.ts';
import { ingestSnapshot } from '../../src/lib/ingest/ingest.ts';
import { mappingFor } from '../../src/lib/project/mapping.ts';
import { DEFAULT_SCALES } from '../../src/lib/stats/metrics.ts';
import { ingestAll } from '../../src/lib/ingest/read-snapshots.ts';
import { stageOf, stageRows } from './generate.ts';

const [mode, ...paths] = process.argv.slice(2);
const path = paths[0];
if (!['bare', 'polku', 'duckdb', 'site'].includes(mode!) || !path || (mode !== 'bare' && paths.length > 1)) throw new Error('usage: measure.ts bare <file>... | polku|duckdb <file> | site <config>');

/** Bare papaparse: array rows in chunks, counted, nothing else. */
function bare(file: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    let count = 0;
    const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
    Papa.parse<string[], NodeJS.ReadableStream>(stream, {
      header: false,
      chunk(results: Papa.ParseResult<string[]>) {
        count += results.data.length;
      },
      complete: () => resolve({ rows: count - 1 }), // minus the header
      error: (error: Error) => reject(error),
    } as Papa.ParseLocalConfig<string[], NodeJS.ReadableStream>);
  });
}

/** Polku: decode, parse, validate every row and aggregate, as the build does. */
async function polku(file: string): Promise<Record<string, number>> {
  const mapping = mappingFor({}, 'bench', 'mapping');
  const result = await ingestSnapshot({ path: file, file: 'bench.csv', id: 'bench', mapping, scales: DEFAULT_SCALES, stageOf, shared: { stages: stageRows(), redaction: {} } });
  const { rowsRead, accepted, rejected, ratings } = result.account;
  return { rows: rowsRead, accepted, rejected, ratings, respondents: result.respondents };
}

/** The engine path: sql/aggregate.sql in DuckDB (its default threads) to an aggregate CSV, which Polku then reads as a snapshot. */
async function duckdb(file: string): Promise<Record<string, number>> {
  const output = `${file}.aggregate-${process.pid}.csv`;
  try {
    const started = performance.now();
    await aggregateWithDuckDb({ input: file, output, stages: stageRows(), scales: DEFAULT_SCALES });
    const sqlMs = performance.now() - started;
    const result = await readAggregateCsv({ path: output, file: 'bench.aggregate.csv', id: 'bench', scales: DEFAULT_SCALES });
    const { rowsRead, accepted, rejected, ratings } = result.account;
    return { rows: rowsRead, accepted, rejected, ratings, respondents: result.respondents, sqlMs, readMs: performance.now() - started - sqlMs, aggregateRows: result.account.lines - 1 };
  } finally {
    rmSync(output, { force: true });
  }
}

/**
 * What a cold build of the project does before its model (scripts/build.ts, the ingest phase): the
 * content, then every snapshot file read in worker threads into an empty snapshot cache. Timed from
 * after the config is read, as the build times it.
 */
async function site(config: string): Promise<Record<string, number>> {
  limitHeapGrowth(); // as scripts/build.ts does as it starts
  process.env.POLKU_CONFIG = config;
  const settings = loadConfig(process.cwd());
  const cacheDir = mkdtempSync(join(tmpdir(), 'polku-bench-cache-'));
  try {
    const started = performance.now();
    const content = loadContent(settings.content, settings.root);
    const ingests = await withWorkerHeapLimits(() => ingestAll(settings, content, { cacheDir }));
    return { ms: performance.now() - started, rows: ingests.reduce((sum, i) => sum + i.account.rowsRead, 0), files: ingests.length };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

const start = performance.now();
let counts: Record<string, number> = { rows: 0 };
if (mode === 'bare') for (const p of paths) counts.rows! += (await bare(p)).rows!;
else counts = await (mode === 'polku' ? polku(path) : mode === 'duckdb' ? duckdb(path) : site(path));
const ms = counts.ms ?? performance.now() - start;
process.stdout.write(JSON.stringify({ mode, ...counts, ms, maxRssKb: process.resourceUsage().maxRSS }) + '\n');
