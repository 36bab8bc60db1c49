// npm run aggregate -- <export.csv> <out.csv|out.parquet>: runs sql/aggregate.sql in DuckDB over one
// raw export in Polku's long layout and writes the aggregate that Polku reads as a snapshot (put it in
// data/snapshots/ as <snapshot>.csv or <snapshot>.parquet). With the content's touchpoint → stage map
// and the scales of polku.config.jsonc.
// npm run aggregate -- --stages <stages.csv>: writes that stage map (journey,touchpoint,stage) as CSV,
// for running the same SQL in another engine.
// npm run aggregate -- --dialect duckdb|postgres|spark|bigquery|trino [out.sql]: prints (or writes) the
// SQL rendered for that engine, with the scales of polku.config.jsonc.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../src/lib/project/config.ts';
import { loadContent } from '../src/lib/project/content.ts';
import { csvRow } from '../src/lib/common/csv-cell.ts';
import { aggregateWithDuckDb } from '../src/lib/ingest/duckdb-aggregate.ts';
import { aggregateSql, SQL_DIALECTS, type SqlDialect } from '../src/lib/ingest/sql-dialects.ts';
import { PolkuError } from '../src/lib/common/errors.ts';
import { stageMap } from '../src/lib/ingest/snapshot-cache.ts';

const args = process.argv.slice(2);
try {
  const config = loadConfig();
  const stages = stageMap(loadContent(config.content, config.root));
  if (args[0] === '--stages' && args[1]) {
    writeFileSync(resolve(args[1]), [csvRow(['journey', 'touchpoint', 'stage']), ...stages.map((r) => csvRow(r))].join('\r\n') + '\r\n');
    console.log(`wrote ${args[1]}: ${stages.length} touchpoints`);
  } else if (args[0] === '--dialect' && args.length <= 3) {
    const dialect = args[1] as SqlDialect;
    if (!SQL_DIALECTS.includes(dialect)) throw new PolkuError(`unknown SQL dialect ${JSON.stringify(args[1] ?? '')}`, undefined, `name one of ${SQL_DIALECTS.join(', ')}: npm run aggregate -- --dialect postgres`);
    const sql = `${aggregateSql(config.scales, dialect)};\n`;
    if (args[2]) {
      writeFileSync(resolve(args[2]), sql);
      console.log(`wrote ${args[2]}: sql/aggregate.sql for ${dialect}`);
    } else process.stdout.write(sql);
  } else if (args.length === 2) {
    const started = performance.now();
    await aggregateWithDuckDb({ input: resolve(args[0]!), output: resolve(args[1]!), stages, scales: config.scales });
    console.log(`wrote ${args[1]} in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  } else {
    console.error(`usage: npm run aggregate -- <export.csv> <out.csv|out.parquet>\n       npm run aggregate -- --stages <stages.csv>\n       npm run aggregate -- --dialect ${SQL_DIALECTS.join('|')} [out.sql]`);
    process.exitCode = 2;
  }
} catch (error) {
  if (!(error instanceof PolkuError)) throw error;
  console.error(`error: ${error.format()}`);
  process.exitCode = 1;
}
