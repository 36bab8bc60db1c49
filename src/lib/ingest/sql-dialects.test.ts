// The renderings of sql/aggregate.sql that no test runs (Spark SQL, BigQuery, Trino) are at least
// valid SQL to a parser of each dialect; DuckDB's and PostgreSQL's run in aggregate-input.test.ts and
// test/aggregate-site.test.ts. Every rendering has each template mark replaced.
import { SparkSQL, TrinoSQL } from 'dt-sql-parser';
import { parse } from 'sql-parser-cst';
import { describe, expect, it } from 'vitest';
import { aggregateSql, SQL_DIALECTS, type SqlDialect } from './sql-dialects.ts';
import { DEFAULT_SCALES, type Scales } from '../stats/metrics.ts';

/** The syntax errors a parser of the dialect reports, as text (none: []). */
function syntaxErrors(sql: string, dialect: 'spark' | 'trino' | 'bigquery'): string[] {
  if (dialect === 'bigquery') {
    try {
      parse(sql, { dialect: 'bigquery' });
      return [];
    } catch (error) {
      return [(error as Error).message.split('\n')[0]!];
    }
  }
  const parser = dialect === 'spark' ? new SparkSQL() : new TrinoSQL();
  return parser.validate(sql).map((e) => `line ${e.startLine}:${e.startColumn} ${e.message}`);
}

describe('aggregateSql', () => {
  it.each(['spark', 'trino', 'bigquery'] as const)('renders SQL that a %s parser reads without a syntax error', (dialect) => {
    expect(syntaxErrors(aggregateSql(DEFAULT_SCALES, dialect), dialect)).toEqual([]);
  }, 120_000); // the ANTLR parsers take seconds to warm up on a busy machine

  it.each(['spark', 'trino', 'bigquery'] as const)('and the %s parser does report a syntax error', (dialect) => {
    const broken = aggregateSql(DEFAULT_SCALES, dialect).replace('GROUP BY GROUPING SETS', 'GROUP GROUPING SETS');
    expect(syntaxErrors(broken, dialect).length).toBeGreaterThan(0);
  }, 120_000);

  it.each(SQL_DIALECTS)('leaves no template mark in the %s rendering, and uses its own functions', (dialect: SqlDialect) => {
    const sql = aggregateSql(DEFAULT_SCALES, dialect);
    expect(sql).not.toMatch(/\{\{|\}\}/);
    const own: Record<SqlDialect, string[]> = {
      duckdb: ['TRY_CAST(nps AS DOUBLE)', "QUANTILE_DISC(submitted_on, 0.5) - DATE '1970-01-01'"],
      postgres: ['CAST(nps AS double precision)', 'PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY submitted_on)'],
      spark: ['TRY_CAST(nps AS DOUBLE)', "DATEDIFF(MIN(submitted_on), DATE '1970-01-01')"],
      bigquery: ['SAFE_CAST(nps AS FLOAT64)', 'UNIX_DATE(MIN(submitted_on))', 'CAST(score AS INT64)'],
      trino: ['TRY_CAST(nps AS DOUBLE)', "DATE_DIFF('day', DATE '1970-01-01', MIN(submitted_on))"],
    };
    for (const text of own[dialect]) expect(sql).toContain(text);
  });

  it('writes the configured scales into the checks', () => {
    const scales: Scales = { ...DEFAULT_SCALES, csat: { min: 1, max: 7, integer: true }, emotion: { min: -2, max: 2, integer: false } };
    const sql = aggregateSql(scales, 'postgres');
    expect(sql).toContain('csat < 1 OR csat > 7');
    expect(sql).toContain('emotion < -2 OR emotion > 2');
    expect(sql).toContain('ces < 1 OR ces > 7');
  });
});
