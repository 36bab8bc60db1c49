// The one place where SQL engines differ for sql/aggregate.sql: the template marks each difference
// as NAME or NAME argument in double braces, and a dialect renders it. DuckDB and PostgreSQL run
// in tests (byte-identical pages); Spark SQL, BigQuery and Trino renderings are checked by parsers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PolkuError } from '../common/errors.ts';
import type { Scales } from '../stats/metrics.ts';

export const AGGREGATE_SQL = join(import.meta.dirname, '..', '..', '..', 'sql', 'aggregate.sql');

export const SQL_DIALECTS = ['duckdb', 'postgres', 'spark', 'bigquery', 'trino'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

interface Dialect {
  name: string;
  /** How `responses.row_order` is made in this engine: a comment above the rendered query. */
  rowOrder: string;
  /** The text, or NULL where it is not a number (a double). */
  tryDouble: (text: string) => string;
  /** The ISO date text, or NULL where it is not a date. */
  tryDate: (text: string) => string;
  /** Days since 1970-01-01 of a date. */
  days: (date: string) => string;
  /** A 64-bit hash of some text columns (any hash: a collision only costs a closer look). */
  keyHash: (columns: string[]) => string;
  /** The lower median of a column of dates (orders snapshots), as an aggregate. */
  lowerMedian: (column: string) => string;
  integer: string;
  double: string;
  text: string;
}

// PostgreSQL has no safe cast: the text is checked first, and CASE does not evaluate a branch whose
// condition is false, so the cast never sees text it would refuse.
const PG_NUMBER = `'^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]{1,3})?$'`;
const pgDate = (t: string) =>
  `CASE WHEN ${t} ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' AND SUBSTR(${t}, 1, 4) <> '0000' THEN ` +
  `CASE WHEN CAST(SUBSTR(${t}, 9, 2) AS integer) <= EXTRACT(DAY FROM DATE_TRUNC('month', CAST(SUBSTR(${t}, 1, 7) || '-01' AS date)) + INTERVAL '1 month - 1 day') THEN CAST(${t} AS date) END END`;

const DIALECTS: Record<SqlDialect, Dialect> = {
  duckdb: {
    name: 'DuckDB',
    rowOrder: "CREATE VIEW responses AS SELECT row_number() OVER () AS row_order, * FROM read_csv('export.csv', all_varchar = true, header = true)",
    tryDouble: (t) => `TRY_CAST(${t} AS DOUBLE)`,
    tryDate: (t) => `TRY_CAST(${t} AS DATE)`,
    days: (d) => `(${d} - DATE '1970-01-01')`,
    keyHash: (c) => `HASH(${c.join(', ')})`,
    lowerMedian: (c) => `QUANTILE_DISC(${c}, 0.5)`,
    integer: 'INTEGER',
    double: 'DOUBLE',
    text: 'VARCHAR',
  },
  postgres: {
    name: 'PostgreSQL (also Citus, Greenplum; Redshift speaks a close dialect)',
    rowOrder: 'CREATE TABLE responses (row_order bigint GENERATED ALWAYS AS IDENTITY, response_id text, …); COPY responses (response_id, …) FROM STDIN (FORMAT csv, HEADER true): COPY numbers the rows in file order',
    tryDouble: (t) => `CASE WHEN ${t} ~ ${PG_NUMBER} THEN CAST(${t} AS double precision) END`,
    tryDate: pgDate,
    days: (d) => `(${d} - DATE '1970-01-01')`,
    keyHash: (c) => `HASHTEXTEXTENDED(${c.join(" || '|' || ")}, 0)`,
    lowerMedian: (c) => `PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY ${c})`,
    integer: 'integer',
    double: 'double precision',
    text: 'text',
  },
  spark: {
    name: 'Spark SQL (3.4 or newer, ANSI mode or not)',
    rowOrder: 'monotonically_increasing_id() over the file as loaded (increasing in file order, not consecutive)',
    tryDouble: (t) => `TRY_CAST(${t} AS DOUBLE)`,
    tryDate: (t) => `TRY_CAST(${t} AS DATE)`,
    days: (d) => `DATEDIFF(${d}, DATE '1970-01-01')`,
    keyHash: (c) => `XXHASH64(${c.join(', ')})`,
    lowerMedian: (c) => `PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY ${c})`,
    integer: 'INT',
    double: 'DOUBLE',
    text: 'STRING',
  },
  bigquery: {
    name: 'BigQuery (GoogleSQL)',
    rowOrder: 'an ingestion sequence or the line number the load wrote (BigQuery keeps no file order)',
    tryDouble: (t) => `SAFE_CAST(${t} AS FLOAT64)`,
    tryDate: (t) => `SAFE_CAST(${t} AS DATE)`,
    days: (d) => `UNIX_DATE(${d})`,
    keyHash: (c) => `FARM_FINGERPRINT(CONCAT(${c.join(", '|', ")}))`,
    lowerMedian: (c) => `ARRAY_AGG(${c} IGNORE NULLS ORDER BY ${c})[SAFE_OFFSET(DIV(COUNT(${c}) - 1, 2))]`,
    integer: 'INT64',
    double: 'FLOAT64',
    text: 'STRING',
  },
  trino: {
    name: 'Trino',
    rowOrder: 'an ingestion sequence or the line number the load wrote (a table has no file order)',
    tryDouble: (t) => `TRY_CAST(${t} AS DOUBLE)`,
    tryDate: (t) => `TRY_CAST(${t} AS DATE)`,
    days: (d) => `DATE_DIFF('day', DATE '1970-01-01', ${d})`,
    keyHash: (c) => `XXHASH64(TO_UTF8(${c.join(" || '|' || ")}))`,
    // No exact percentile aggregate: the sorted dates, taken at the lower middle (1-based).
    lowerMedian: (c) => `ELEMENT_AT(ARRAY_SORT(ARRAY_AGG(${c}) FILTER (WHERE ${c} IS NOT NULL)), (COUNT(${c}) + 1) / 2)`,
    integer: 'INTEGER',
    double: 'DOUBLE',
    text: 'VARCHAR',
  },
};

// Shorthands the same in every engine.
const SHARED_MARKS: Record<string, (argument: string) => string> = {
  /**
   * A score's text with spaces trimmed, a decimal comma and a minus sign (U+2212) read (empty text stays
   * empty, which no safe cast reads). No NULLIF: DuckDB would compute its argument for every row, not
   * only where the plain cast failed (it takes the repeated argument out as a common subexpression).
   */
  CLEAN_NUMBER: (t) => `REPLACE(REPLACE(TRIM(${t}), ',', '.'), '−', '-')`,
  /** Whether a field has text other than spaces. */
  GIVEN: (t) => `COALESCE(TRIM(${t}), '') <> ''`,
};

const MARK = /\{\{(\w+)(?: ([^{}]*))?\}\}/g;

/** sql/aggregate.sql rendered for one engine, with these scales. */
export function aggregateSql(scales: Scales, dialect: SqlDialect = 'duckdb'): string {
  const d = DIALECTS[dialect];
  const scaleValues: Record<string, number> = {};
  for (const m of ['csat', 'ces', 'emotion', 'expectation'] as const) Object.assign(scaleValues, { [`${m}_min`]: scales[m].min, [`${m}_max`]: scales[m].max });
  const marks: Record<string, (argument: string) => string> = {
    ...SHARED_MARKS,
    TRY_DOUBLE: d.tryDouble,
    TRY_DATE: d.tryDate,
    DAYS: d.days,
    LOWER_MEDIAN: d.lowerMedian,
    KEY_HASH: (columns) => d.keyHash(columns.split(',').map((c) => c.trim())),
    INTEGER: () => d.integer,
    DOUBLE: () => d.double,
    TEXT: () => d.text,
  };
  let sql = readFileSync(AGGREGATE_SQL, 'utf8');
  // Innermost marks first: an argument may hold another mark.
  for (let before = ''; before !== sql; ) {
    before = sql;
    sql = sql.replace(MARK, (whole, name: string, argument = '') => {
      if (name in scaleValues) return String(scaleValues[name]);
      const render = marks[name];
      if (!render) throw new PolkuError(`unknown mark ${whole} in the aggregate SQL`, { file: AGGREGATE_SQL }, `use one of ${[...Object.keys(marks), ...Object.keys(scaleValues)].join(', ')}.`);
      return render(argument);
    });
  }
  return `-- Rendered for ${d.name}.\n-- responses.row_order: ${d.rowOrder}\n${sql.replace(/;\s*$/, '')}`;
}
