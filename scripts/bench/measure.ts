// One measurement in its own process, so peak RSS is its own: `node measure.ts bare <file>...` (each
// file in turn) or `node measure.ts polku|duckdb <file>`. Prints {"ms", "rows", "maxRssKb", ...} as
// JSON on stdout.
import { createReadStream, rmSync } from 'node:fs';
import Papa from 'papaparse';
import { readAggregateCsv } from '../../src/lib/aggregate-input.ts';
import { aggregateWithDuckDb } from '../../src/lib/duckdb-aggregate.ts';
import { ingestSnapshot } from '../../src/lib/ingest.ts';
import { mappingFor } from '../../src/lib/mapping.ts';
import { DEFAULT_SCALES } from '../../src/lib/metrics.ts';
import { stageOf, stageRows } from './generate.ts';

const [mode, ...paths] = process.argv.slice(2);
const path = paths[0];
if ((mode !== 'bare' && mode !== 'polku' && mode !== 'duckdb') || !path || (mode !== 'bare' && paths.length > 1)) throw new Error('usage: measure.ts bare <file>... | polku|duckdb <file>');

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

const start = performance.now();
let counts: Record<string, number> = { rows: 0 };
if (mode === 'bare') for (const p of paths) counts.rows! += (await bare(p)).rows!;
else counts = await (mode === 'polku' ? polku(path) : duckdb(path));
const ms = performance.now() - start;
process.stdout.write(JSON.stringify({ mode, ms, ...counts, maxRssKb: process.resourceUsage().maxRSS }) + '\n');
