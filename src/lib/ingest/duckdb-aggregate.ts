// Runs sql/aggregate.sql in DuckDB (@duckdb/node-api) over one raw export in Polku's long layout and
// writes the aggregate as CSV or Parquet: what an organisation's own engine (Spark SQL, BigQuery,
// Trino) does with the same SQL, on one machine. Used by `npm run aggregate`, the tests and the bench.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scales } from '../stats/metrics.ts';

export const AGGREGATE_SQL = join(import.meta.dirname, '..', '..', '..', 'sql', 'aggregate.sql');

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The aggregate query, with the `scales` CTE set to the given scales. */
export function aggregateSql(scales: Scales): string {
  const sql = readFileSync(AGGREGATE_SQL, 'utf8');
  const cte = /scales AS \(\s*SELECT[\s\S]*?\n\)/;
  if (!cte.test(sql)) throw new Error(`${AGGREGATE_SQL}: the "scales" CTE is missing`);
  const columns = (['csat', 'ces', 'emotion', 'expectation'] as const).map((m) => `${scales[m].min} AS ${m}_min, ${scales[m].max} AS ${m}_max`).join(', ');
  return sql.replace(cte, `scales AS (\n  SELECT ${columns}\n)`).replace(/;\s*$/, '');
}

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
}

export async function aggregateWithDuckDb(options: DuckDbAggregateOptions): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:', options.threads ? { threads: String(options.threads) } : {});
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
  }
}
