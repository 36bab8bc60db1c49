// A snapshot given as its aggregate instead of raw responses: the sufficient statistics that
// ingestSnapshot computes (aggregate.ts), in a flat long layout that any SQL engine can produce
// (sql/aggregate.sql) and write as CSV or Parquet. The site builds from it exactly as from the raw
// rows; only the comment samples are missing (an aggregate has no free text). README.md,
// "Aggregates as input", documents the layout.
import { createHash } from 'node:crypto';
import { readSync, readFileSync, statSync } from 'node:fs';
import Papa from 'papaparse';
import { emptyCell, mergeCell, type CellStats } from '../stats/aggregate.ts';
import { firstLine, listed, PolkuError, quoted } from '../common/errors.ts';
import { emptyAccount, type FileAccount, type JourneyRespondents, type SnapshotIngest, type TouchpointCells } from './ingest.ts';
import { METRICS, type Metric, type Scales } from '../stats/metrics.ts';
import { builtInRedactor } from '../privacy/redact.ts';
import { emptyMoments, emptyPairs, pairIndex, type DriverMoments, type DriverSpec } from '../stats/driver-moments.ts';

/** The columns, in this order, of an aggregate CSV's header or a Parquet file's schema. */
export const AGGREGATE_COLUMNS = ['kind', 'journey', 'stage', 'touchpoint', 'channel', 'segment', 'measure', 'score', 'n', 'sum', 'sum_sq', 'sum_y', 'sum_yy', 'sum_xy'] as const;
type Column = (typeof AGGREGATE_COLUMNS)[number];
export type AggregateRow = Record<Column, string | number | null>;

/** Moments rows of a cell: `measure` → where its n, sum and sum_sq go. */
const MOMENTS = ['nps', 'csat', 'ces', 'emotion', 'expectation', 'gap', 'emotion_detractor', 'emotion_passive', 'emotion_promoter'] as const;
const SNAPSHOT_MEASURES = ['first_day', 'last_day', 'median_day', 'rows_read', 'accepted', 'empty', 'ratings'] as const;

/** The drivers sql/aggregate.sql computes: what Polku's ingest chooses for the canonical long layout (driverSpec). */
const SQL_DRIVER_SPEC: DriverSpec = { outcome: { kind: 'mean-nps', metric: 'nps' }, predictor: 'emotion' };

const HEADER_LINE = AGGREGATE_COLUMNS.join(',');

/** Whether a .csv file (its open descriptor) is an aggregate: its first line is the aggregate header (a BOM allowed). */
export function isAggregateCsv(fd: number): boolean {
  const head = Buffer.alloc(HEADER_LINE.length + 8);
  const n = readSync(fd, head, 0, head.length, 0);
  const text = head.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '').toLowerCase();
  return text.startsWith(HEADER_LINE) && /^[\r\n]/.test(text.slice(HEADER_LINE.length) || '\n');
}

interface ReadOptions {
  path: string;
  /** Path shown in messages. */
  file: string;
  id: string;
  scales: Scales;
  /** Redacts channel and segment names, as the ingest does; the built-in detectors when not given. */
  redact?: (text: string) => string;
}

export async function readAggregateCsv(options: ReadOptions): Promise<SnapshotIngest> {
  const bytes = readFileSync(options.path);
  const parsed = Papa.parse<string[]>(bytes.toString('utf8').replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: true });
  const error = parsed.errors[0];
  if (error) throw new PolkuError(`not a readable aggregate CSV: ${error.message}`, { file: options.file, line: (error.row ?? 0) + 1 }, 'write the aggregate again with the SQL engine (CSV with a header line).');
  const [header = [], ...rows] = parsed.data;
  checkColumns(header.map((h) => h.trim().toLowerCase()), options.file);
  const records = rows.map((fields, i) => ({ line: i + 2, row: Object.fromEntries(AGGREGATE_COLUMNS.map((c, k) => [c, fields[k] ?? null])) as AggregateRow }));
  return fromRows(records, account(options, bytes, rows.length + 1), options);
}

/** Parquet has no reader in Polku: DuckDB (@duckdb/node-api) reads it, loaded only for Parquet files. */
export async function readAggregateParquet(options: ReadOptions): Promise<SnapshotIngest> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  // The file's bytes as DuckDB reads them: the snapshot cache keys its entry by their hash.
  const bytes = readFileSync(options.path);
  try {
    const escaped = options.path.replaceAll("'", "''");
    const names = (await connection.runAndReadAll(`SELECT name FROM parquet_schema('${escaped}') WHERE num_children IS NULL`)).getRowObjects().map((r) => String(r.name).toLowerCase());
    checkColumns(names, options.file);
    const result = await connection.runAndReadAll(`SELECT ${AGGREGATE_COLUMNS.map((c) => `"${c}"`).join(', ')} FROM read_parquet('${escaped}')`);
    const records = result.getRowObjects().map((r, i) => ({ line: i + 1, row: Object.fromEntries(AGGREGATE_COLUMNS.map((c) => [c, plain(r[c])])) as AggregateRow }));
    if (!readFileSync(options.path).equals(bytes)) {
      throw new PolkuError('the file changed while it was being read', { file: options.file }, 'build again once the file is written in full.');
    }
    return fromRows(records, account(options, bytes, records.length), options);
  } catch (error) {
    if (error instanceof PolkuError) throw error;
    // DuckDB names the file by its absolute path; the message names it as every other one does.
    const says = firstLine(String((error as Error).message ?? error).replaceAll(options.path, options.file));
    throw new PolkuError(
      `not a Parquet aggregate that can be read: expected a Parquet file written by \`npm run aggregate\` (sql/aggregate.sql), with the columns ${AGGREGATE_COLUMNS.join(', ')}. DuckDB says: ${says}`,
      { file: options.file },
      `write it again: npm run aggregate -- <export.csv> ${options.file} (or export the SQL's result as Parquet again). A copy that stopped halfway leaves a file cut short; a CSV renamed .parquet is not Parquet. See "Aggregates as input" in README.md.`,
    );
  } finally {
    connection.closeSync();
    db.closeSync();
  }
}

/** DuckDB's values as JavaScript numbers and strings (BIGINT comes as bigint, DECIMAL as an object). */
function plain(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string') return value;
  return Number(String(value));
}

function checkColumns(names: string[], file: string): void {
  const missing = AGGREGATE_COLUMNS.filter((c, i) => names[i] !== c);
  if (missing.length) {
    throw new PolkuError(`an aggregate needs the columns ${AGGREGATE_COLUMNS.join(', ')} in this order; this one has ${listed(names, quoted)}`, { file, line: 1 }, 'produce it with sql/aggregate.sql (see "Aggregates as input" in README.md).');
  }
}

function account(options: ReadOptions, bytes: Buffer, lines: number): FileAccount {
  const account = emptyAccount(options.file, statSync(options.path).size, 'aggregate');
  return { ...account, sha256: createHash('sha256').update(bytes).digest('hex'), lines };
}

/** The SnapshotIngest that raw rows with these statistics would have given, without comment samples. */
export function fromRows(records: Iterable<{ line: number; row: AggregateRow }>, account: FileAccount, { file, id, scales, redact = builtInRedactor() }: ReadOptions): SnapshotIngest {
  // Published names, redacted like the ingest's: an engine's aggregate carries the export's free text.
  const group = (name: string) => redact(name) || 'unknown';
  const journeys: JourneyTally = new Map();
  const journeyOf = (journey: string) => {
    let j = journeys.get(journey);
    if (!j) journeys.set(journey, (j = { respondents: { all: 0, stages: Object.create(null), channels: Object.create(null), segments: Object.create(null) }, touchpoints: new Map() }));
    return j;
  };
  const snapshot: Record<(typeof SNAPSHOT_MEASURES)[number], number | null> = { first_day: null, last_day: null, median_day: null, rows_read: null, accepted: null, empty: null, ratings: null };
  let respondents = 0;
  let rejected = 0;
  const rejectedByReason: Record<string, number> = Object.create(null);
  const drivers = new Map<string, DriverRow[]>();

  for (const { line, row } of records) {
    const fail = (problem: string): never => {
      throw new PolkuError(problem, { file, line }, 'produce the aggregate with sql/aggregate.sql (see "Aggregates as input" in README.md), with the scales of polku.config.jsonc.');
    };
    const text = (c: Column) => (row[c] === null ? '' : String(row[c]).trim());
    const id = (c: Column) => text(c).toLowerCase();
    const number = (c: Column, whole = false): number => {
      const raw = row[c];
      if (raw === null || raw === '') return 0;
      const x = typeof raw === 'number' ? raw : Number(raw);
      if (!Number.isFinite(x) || (whole && (!Number.isInteger(x) || x < 0))) fail(`${c}: ${quoted(String(raw))} is not ${whole ? 'a count (a whole number ≥ 0)' : 'a number'}`);
      return x;
    };
    const kind = id('kind');
    const measure = id('measure');
    const n = number('n', kind !== 'snapshot' || !measure.endsWith('_day'));
    if (kind === 'cell' || kind === 'bin') {
      const journey = id('journey');
      const touchpoint = id('touchpoint');
      if (!journey || !touchpoint) fail(`a ${kind} row needs a journey and a touchpoint`);
      const channel = group(text('channel'));
      const segment = group(text('segment'));
      const j = journeyOf(journey);
      let cells = j.touchpoints.get(touchpoint);
      if (!cells) j.touchpoints.set(touchpoint, (cells = new Map()));
      const key = `${channel}\u0000${segment}`;
      let entry = cells.get(key);
      if (!entry) cells.set(key, (entry = { channel, segment, cell: emptyCell(scales) }));
      addToCell(entry.cell, kind, measure, n, scales, { row, number, fail });
    } else if (kind === 'respondents') {
      const total = addRespondents({ fail, text, id }, n, journeyOf, group, drivers);
      if (total !== null) respondents = total;
    } else if (kind === 'driver') {
      addDriverRow({ fail, text, id, number }, measure, n, drivers);
    } else if (kind === 'snapshot') {
      if (!(SNAPSHOT_MEASURES as readonly string[]).includes(measure)) fail(`unknown snapshot measure ${quoted(measure)} (one of ${SNAPSHOT_MEASURES.join(', ')})`);
      snapshot[measure as (typeof SNAPSHOT_MEASURES)[number]] = n;
    } else if (kind === 'rejected') {
      rejected += n;
      rejectedByReason[measure] = (rejectedByReason[measure] ?? 0) + n;
    } else fail(`unknown kind ${quoted(kind)} (one of cell, bin, respondents, snapshot, rejected, driver)`);
  }

  const { journeys: out, comments, ratings } = touchpointsOf(journeys, scales, file);
  const accepted = snapshot.accepted ?? ratings;
  const empty = snapshot.empty ?? 0;
  Object.assign(account, { accepted, rejected, empty, rowsRead: snapshot.rows_read ?? accepted + rejected + empty, ratings: snapshot.ratings ?? ratings, rejectedByReason });
  if (account.rowsRead !== account.accepted + account.rejected + account.empty) {
    throw new PolkuError(`rows_read ${account.rowsRead} is not accepted ${account.accepted} + rejected ${account.rejected} + empty ${account.empty}`, { file }, 'produce the aggregate with sql/aggregate.sql, which accounts for every row.');
  }
  const { first_day: first, last_day: last, median_day: median } = snapshot;
  const period = first !== null && last !== null ? { first, last, ...(median === null ? {} : { median }) } : null;
  return { id, account, period, respondents, journeys: out, comments, drivers: Object.fromEntries([...drivers].map(([journey, rows]) => [journey, momentsOf(rows)])) };
}

/** One aggregate row's fields, read and checked (fail stops with the row's file and line). */
interface RowFields {
  fail: (problem: string) => never;
  text: (c: Column) => string;
  id: (c: Column) => string;
  number: (c: Column, whole?: boolean) => number;
}

/** A respondents row into its journey's counts; the snapshot's total (no journey) is returned, else null. */
function addRespondents({ fail, text, id }: Omit<RowFields, 'number'>, n: number, journeyOf: (journey: string) => { respondents: JourneyRespondents }, group: (name: string) => string, drivers: Map<string, DriverRow[]>): number | null {
  const journey = id('journey');
  const [stage, channel, segment] = [id('stage'), text('channel'), text('segment')];
  if ([stage, channel, segment].filter(Boolean).length > 1) fail('a respondents row names at most one of stage, channel and segment');
  if (!journey) {
    if (stage || channel || segment) fail('a respondents row without a journey is the snapshot total: it names no stage, channel or segment');
    return n;
  }
  const r = journeyOf(journey).respondents;
  if (stage) r.stages[stage] = n;
  // Two names that redact alike: the larger count, a lower bound of the people in both.
  else if (channel) r.channels[group(channel)] = Math.max(r.channels[group(channel)] ?? 0, n);
  else if (segment) r.segments[group(segment)] = Math.max(r.segments[group(segment)] ?? 0, n);
  else {
    r.all = n;
    // As in the ingest: every journey with respondents has drivers' moments, empty without driver rows.
    if (!drivers.has(journey)) drivers.set(journey, []);
  }
  return null;
}

/** A driver row: one pair's sums in one stratum of a journey. */
function addDriverRow({ fail, id, number }: RowFields, measure: string, n: number, drivers: Map<string, DriverRow[]>): void {
  const journey = id('journey');
  if (!journey) fail('a driver row needs a journey');
  const stratum = number('score', true);
  const [x, y] = [id('touchpoint'), measure];
  if (stratum === 0 && (!x || !y)) fail('a driver row of stratum (score) 0, respondents without an NPS answer, has no outcome: touchpoint and measure name touchpoints');
  let rows = drivers.get(journey);
  if (!rows) drivers.set(journey, (rows = []));
  rows.push({ x, y, stratum, n, sums: [number('sum'), number('sum_sq'), number('sum_y'), number('sum_yy'), number('sum_xy')] });
}

/** A driver row: a pair's variables (a touchpoint; '' the outcome), the stratum, n and sums x, xx, y, yy, xy. */
interface DriverRow {
  x: string;
  y: string;
  stratum: number;
  n: number;
  sums: [number, number, number, number, number];
}

/** A journey's moments from its driver rows, in the ingest's order: touchpoints sorted, the outcome last, each pair (i ≤ j). */
function momentsOf(rows: DriverRow[]): DriverMoments {
  const touchpoints = [...new Set(rows.flatMap((r) => [r.x, r.y]).filter(Boolean))].sort();
  const moments = emptyMoments(SQL_DRIVER_SPEC, touchpoints);
  const k = touchpoints.length + 1;
  const at = (variable: string) => (variable ? touchpoints.indexOf(variable) : k - 1);
  for (const { x, y, stratum, n, sums } of rows) {
    // The engine orders a pair's touchpoints by its own collation: swapped where Polku's order differs.
    const [i, j] = [at(x), at(y)];
    const [sumX, sumXX, sumY, sumYY, sumXY] = i <= j ? sums : [sums[2], sums[3], sums[0], sums[1], sums[4]];
    const p = (moments.strata[stratum] ??= emptyPairs(k))[pairIndex(Math.min(i, j), Math.max(i, j), k)]!;
    p.n += n;
    p.sumX += sumX;
    p.sumXX += sumXX;
    p.sumY += sumY;
    p.sumYY += sumYY;
    p.sumXY += sumXY;
  }
  return moments;
}

/** The respondents and the channel × segment cells of each touchpoint, by journey, as the rows give them. */
type JourneyTally = Map<string, { respondents: JourneyRespondents; touchpoints: Map<string, Map<string, { channel: string; segment: string; cell: CellStats }>> }>;

/** A row of the aggregate, its numbers read, and how to refuse it (naming its line). */
interface RowReader {
  row: AggregateRow;
  number: (c: Column) => number;
  fail: (problem: string) => never;
}

/** Adds a cell or bin row's counts to its channel × segment cell. */
function addToCell(cell: CellStats, kind: 'cell' | 'bin', measure: string, n: number, scales: Scales, { row, number, fail }: RowReader): void {
  if (kind === 'bin') {
    if (!(METRICS as readonly string[]).includes(measure)) fail(`unknown measure ${quoted(measure)} for a bin (one of ${METRICS.join(', ')})`);
    const scale = scales[measure as Metric];
    const score = number('score');
    if (!Number.isInteger(score) || score < scale.min || score > scale.max) fail(`${measure} score ${quoted(String(row.score))} is outside the scale ${scale.min} to ${scale.max} (the aggregate was made with other scales than polku.config.jsonc?)`);
    cell.scores[measure as Metric].bins[score - scale.min]! += n;
  } else if (measure === 'ratings') cell.ratings += n;
  else if (measure === 'comments') cell.comments += n;
  else if (measure === 'emotion_nps') {
    const p = cell.emotionNps;
    p.n += n;
    p.sumX += number('sum');
    p.sumXX += number('sum_sq');
    p.sumY += number('sum_y');
    p.sumYY += number('sum_yy');
    p.sumXY += number('sum_xy');
  } else if ((MOMENTS as readonly string[]).includes(measure)) {
    const m = measure === 'gap' ? cell.gap : measure.startsWith('emotion_') ? cell.emotionByNpsGroup[measure.slice(8) as 'detractor' | 'passive' | 'promoter'] : cell.scores[measure as Metric];
    m.n += n;
    m.sum += number('sum');
    m.sumSq += number('sum_sq');
  } else fail(`unknown measure ${quoted(measure)} for a cell`);
}

/** Each touchpoint's cells, by channel and by segment, from its channel × segment cells, checked; and the ratings they hold. */
function touchpointsOf(journeys: JourneyTally, scales: Scales, file: string): Pick<SnapshotIngest, 'journeys' | 'comments'> & { ratings: number } {
  let ratings = 0;
  const out: SnapshotIngest['journeys'] = Object.create(null);
  const comments: SnapshotIngest['comments'] = Object.create(null);
  for (const [journey, j] of journeys) {
    const touchpoints: Record<string, TouchpointCells> = Object.create(null);
    for (const [touchpoint, groupCells] of j.touchpoints) {
      const cells: TouchpointCells = { all: emptyCell(scales), channels: Object.create(null), segments: Object.create(null) };
      for (const entry of groupCells.values()) {
        checkCell(entry.cell, `${journey}/${touchpoint} (${entry.channel}, ${entry.segment})`, file);
        ratings += entry.cell.ratings;
        // As in the ingest: within one channel × segment cell a rating is a respondent.
        entry.cell.respondents = entry.cell.ratings;
        mergeCell(cells.all, entry.cell);
        mergeCell((cells.channels[entry.channel] ??= emptyCell(scales)), entry.cell);
        mergeCell((cells.segments[entry.segment] ??= emptyCell(scales)), entry.cell);
      }
      touchpoints[touchpoint] = cells;
    }
    out[journey] = { respondents: j.respondents, touchpoints };
    comments[journey] = Object.fromEntries([...j.touchpoints.keys()].map((tp) => [tp, []]));
  }
  return { journeys: out, comments, ratings };
}

/** A cell whose counts disagree was not made by the SQL: refuse it rather than publish odd figures. */
function checkCell(cell: CellStats, where: string, file: string): void {
  for (const m of METRICS) {
    const s = cell.scores[m];
    const binned = s.bins.reduce((a, b) => a + b, 0);
    if (binned !== s.n) throw new PolkuError(`${where}: ${m} has ${s.n} answers but its bins count ${binned}`, { file }, 'produce the aggregate with sql/aggregate.sql: every answer is in n and in one bin.');
    if (s.n > cell.ratings) throw new PolkuError(`${where}: ${m} has ${s.n} answers from ${cell.ratings} ratings`, { file }, 'produce the aggregate with sql/aggregate.sql.');
  }
  if (cell.ratings === 0) throw new PolkuError(`${where}: a cell without ratings`, { file }, 'leave out cells without ratings, or produce the aggregate with sql/aggregate.sql.');
}
