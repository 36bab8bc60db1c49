// The "duckdb" engine (the mapping's "engine"): a raw export in the canonical long layout read by
// sql/aggregate.sql in DuckDB inside the build, for exports too big for a quick read by Polku's own
// reader. Its aggregate goes to a private temporary file and is read back as any aggregate snapshot
// (aggregate-input.ts); the account is then the export's own: its hash, size, delimiter and unmapped
// columns, and the rows read, accepted, rejected by reason and empty as the SQL counts them. What the
// SQL cannot give (the lines of rejected rows, comment samples, the file's line count) it marks with
// `engine: 'duckdb'`, which the data-quality page shows. README.md, "The DuckDB engine".
import { fstatSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { firstLine, listed, PolkuError, quoted } from '../common/errors.ts';
import type { Mapping } from '../project/mapping.ts';
import { readAt, sha256Of, sniffBom } from '../read/decode.ts';
import { detectDelimiter, headerAndSample, type Delimiter } from '../read/csv-delimiter.ts';
import type { Scales } from '../stats/metrics.ts';
import { readAggregateParquet } from './aggregate-input.ts';
import { planColumns } from './column-plan.ts';
import { aggregateWithDuckDb } from './duckdb-aggregate.ts';
import type { SharedOptions, SnapshotIngest } from './types.ts';

/** The columns sql/aggregate.sql reads, by these exact names (any case): Polku's long layout. */
export const CANONICAL_COLUMNS = ['response_id', 'submitted_at', 'journey', 'touchpoint', 'channel', 'segment', 'nps', 'csat', 'ces', 'emotion', 'expectation', 'comment'] as const;

const SETTING = '"engine": "duckdb"';

/** The mapping's features that sql/aggregate.sql does not apply, as the mapping writes them; none: the engine can read the snapshot. */
export function unsupportedByDuckDb(mapping: Mapping, periods: boolean): string[] {
  const columns = Object.entries(mapping.columns).filter(([key, spec]) => key === 'choices' || typeof spec !== 'string' || spec.trim().toLowerCase() !== key);
  const features: [boolean, string][] = [
    [mapping.layout === 'wide', '"layout": "wide" (the SQL reads the long layout, a row per rating)'],
    [mapping.encoding !== 'auto' && mapping.encoding !== 'utf-8', `"encoding": "${mapping.encoding}" (DuckDB reads UTF-8)`],
    [mapping.dateFormat !== 'auto' && !mapping.dateFormat.startsWith('yyyy-mm-dd'), `"dateFormat": "${mapping.dateFormat}" (the SQL reads ISO dates, 2026-03-31)`],
    [mapping.blankResponseId !== 'reject', `"blankResponseId": "${mapping.blankResponseId}"`],
    [mapping.headerRows !== 1, `"headerRows": ${mapping.headerRows}`],
    [columns.length > 0, `"columns" ${listed(columns.map(([key]) => key), quoted)} (the SQL reads the columns by their canonical names, without value tables, offsets or single-choice items)`],
    [Object.keys(mapping.constants).length > 0, '"constants"'],
    [mapping.notApplicable.length > 0, '"notApplicable"'],
    [Object.keys(mapping.answerScales).length > 0, '"answerScales"'],
    [mapping.commentPlaceholders.length > 0, '"commentPlaceholders" (the SQL counts every comment)'],
    [mapping.minCommentChars > 0, '"minCommentChars" (the SQL counts every comment)'],
    [periods, '"periods" in polku.config.jsonc (a snapshot read by DuckDB is not cut into periods)'],
  ];
  return features.filter(([unsupported]) => unsupported).map(([, feature]) => feature);
}

/** Refuses a snapshot whose mapping the "duckdb" engine cannot apply, naming the setting and each feature. */
export function checkDuckDbMapping(mapping: Mapping, snapshot: string, periods: boolean): void {
  const features = unsupportedByDuckDb(mapping, periods);
  if (features.length === 0) return;
  throw new PolkuError(
    `${SETTING} (snapshot ${snapshot}) cannot apply ${listed(features, (f) => f, '; ')}`,
    { file: mapping.source },
    `remove ${SETTING} for this snapshot (Polku's own reader applies the whole mapping), or leave out what the DuckDB engine does not apply; README.md, "The DuckDB engine", lists what it reads.`,
  );
}

/** The header line of the export and its delimiter, from its first 64 KiB, as Polku's reader decides them. */
async function readHeader(fd: number, file: string): Promise<{ header: string[]; delimiter: Delimiter }> {
  const head = Buffer.alloc(1 << 16);
  const { bytesRead } = await readAt(fd, head, 0, head.length, 0);
  const bom = sniffBom(head.subarray(0, bytesRead));
  if (bom && bom.encoding !== 'utf-8') throw new PolkuError(`the file is ${bom.encoding}; ${SETTING} reads UTF-8`, { file, line: 1 }, `save the export as UTF-8, or remove ${SETTING} for this snapshot.`);
  const lines = head.subarray(bom?.length ?? 0, bytesRead).toString('utf8').split(/\r\n|\n|\r/);
  if (bytesRead === head.length) lines.pop(); // the last line may be cut off
  const { sep, header, sample } = headerAndSample(lines);
  if (sep) throw new PolkuError(`the file starts with Excel's "sep=" line, which ${SETTING} does not skip`, { file, line: 1 }, `remove that line, or remove ${SETTING} for this snapshot.`);
  const delimiter = header === null ? null : detectDelimiter(header, sample);
  if (header === null || delimiter === null) throw new PolkuError('the header line has no delimiter (comma, semicolon, tab or |), so this is not a CSV export', { file, line: 1, column: 1 }, 'export the survey as CSV with one column per field.');
  return { header: Papa.parse<string[]>(header, { delimiter }).data[0] ?? [], delimiter };
}

export interface DuckDbIngestOptions {
  path: string;
  /** The open descriptor of `path` (its header and its hash are read through it); the caller closes it. */
  fd: number;
  /** Path shown in messages. */
  file: string;
  id: string;
  mapping: Mapping;
  scales: Scales;
  stages: SharedOptions['stages'];
  redact: (text: string) => string;
}

/** A raw export read by sql/aggregate.sql in DuckDB: the SnapshotIngest of its aggregate, with the export's own account. */
export async function ingestWithDuckDb(options: DuckDbIngestOptions): Promise<SnapshotIngest> {
  const { path, fd, file, id, mapping, scales } = options;
  const { header, delimiter } = await readHeader(fd, file);
  const names = header.map((h) => h.toLowerCase());
  const missing = CANONICAL_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) {
    throw new PolkuError(`${SETTING} reads the columns ${CANONICAL_COLUMNS.join(', ')} by these names; this file has no ${listed(missing, quoted)}`, { file, line: 1 }, `add ${missing.length === 1 ? 'the column' : 'the columns'} (empty will do) or rename the header, or remove ${SETTING} for this snapshot.`);
  }
  // The same unmapped columns as Polku's reader reports; a score column of another item type is refused, as the SQL would leave it out.
  const plan = planColumns(mapping, header, file, scales);
  const others = plan.ratings.flatMap((r) => r.scores.map(([metric]) => metric)).filter((m) => !(CANONICAL_COLUMNS as readonly string[]).includes(m));
  if (others.length) throw new PolkuError(`${SETTING} reads nps, csat, ces, emotion and expectation; this file also has ${listed(others, quoted)}`, { file, line: 1 }, `remove ${SETTING} for this snapshot, or leave ${others.length === 1 ? 'that column' : 'those columns'} out with "ignore".`);
  const sha256 = await sha256Of(fd);
  // The aggregate holds channel and segment names before redaction: a private folder (mkdtemp: 0700), removed after.
  const dir = mkdtempSync(join(tmpdir(), 'polku-duckdb-'));
  try {
    const output = join(dir, 'aggregate.parquet');
    try {
      await aggregateWithDuckDb({ input: path, output, stages: options.stages, scales, delimiter });
    } catch (error) {
      const says = firstLine(String((error as Error).message ?? error).replaceAll(path, file));
      throw new PolkuError(`DuckDB could not read the export (${SETTING}): ${says}`, { file }, `remove ${SETTING} for this snapshot: Polku's own reader names the line at fault.`);
    }
    const ingest = await readAggregateParquet({ path: output, file, id, scales, redact: options.redact });
    const { size } = fstatSync(fd);
    ingest.account = { ...ingest.account, file, sha256, bytes: size, encoding: 'utf-8', delimiter, layout: 'long', lines: 0, unmapped: plan.unmapped, unmappedCount: plan.unmappedCount, engine: 'duckdb' };
    return ingest;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
