// Runs sql/aggregate.sql in DuckDB (@duckdb/node-api) over one raw export in Polku's long layout and
// writes the aggregate as CSV or Parquet: what an organisation's own engine (Spark SQL, BigQuery,
// Trino) does with the same SQL, on one machine. Used by `npm run aggregate`, the tests and the bench.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Scales } from '../stats/metrics.ts';
import { aggregateSql } from './sql-dialects.ts';

export { aggregateSql };

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

export interface DuckDbAggregateOptions {
  /** A raw export in Polku's long layout (CSV with a header line). */
  input: string;
  /** Where the aggregate goes: .parquet writes Parquet, anything else CSV with a header. */
  output: string;
  /** journey, touchpoint, stage of every touchpoint content defines (snapshot-cache.ts `stageMap`). */
  stages: [string, string, string][];
  scales: Scales;
  /** The export's delimiter, as Polku's reader decides it (default: DuckDB's own sniffing). */
  delimiter?: string;
  /** DuckDB's worker threads (default: its own choice, the machine's cores). */
  threads?: number;
  /**
   * DuckDB's memory limit; beyond it, it spills to a temporary folder. The default, 250MB, keeps peak RSS
   * near 400-460 MB at 1M rows, but spills there already: about twice the CPU of a run without a limit.
   */
  memoryLimit?: string;
}

export async function aggregateWithDuckDb(options: DuckDbAggregateOptions): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  // Within the memory limit, DuckDB spills the grouping of a large export to disk, in a folder of its own.
  const spill = mkdtempSync(join(tmpdir(), 'polku-duckdb-'));
  const settings: Record<string, string> = { memory_limit: options.memoryLimit ?? '250MB', temp_directory: spill };
  if (options.threads) settings.threads = String(options.threads);
  const db = await DuckDBInstance.create(':memory:', settings);
  const connection = await db.connect();
  try {
    await connection.run(`CREATE VIEW responses AS SELECT row_number() OVER () AS row_order, * FROM read_csv(${quote(options.input)}, all_varchar = true, header = true${options.delimiter ? `, delim = ${quote(options.delimiter)}` : ''})`);
    await connection.run('CREATE TABLE stages (journey VARCHAR, touchpoint VARCHAR, stage VARCHAR)');
    if (options.stages.length) await connection.run(`INSERT INTO stages VALUES ${options.stages.map((r) => `(${r.map(quote).join(', ')})`).join(', ')}`);
    const format = options.output.toLowerCase().endsWith('.parquet') ? '(FORMAT parquet)' : '(FORMAT csv, HEADER true)';
    await connection.run(`COPY (${aggregateSql(options.scales)}) TO ${quote(options.output)} ${format}`);
  } finally {
    connection.closeSync();
    db.closeSync();
    rmSync(spill, { recursive: true, force: true });
  }
}
