// "periods" in polku.config.jsonc: one continuous export becomes a snapshot per month, quarter, half
// or year of its rows' submitted_at. Each period's rows are written to a file of their own in
// .polku/periods/ (UTF-8, comma-separated, the export's header lines first), and each such file is
// then an ordinary snapshot: read, validated and cached on its own. Adding a month of rows to the
// export re-reads the export to cut it again, but a period whose rows did not change gives the same
// bytes, so its snapshot comes from the snapshot cache (keyed by the file's SHA-256); only the
// periods that changed are aggregated again.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PolkuError } from '../common/errors.ts';
import type { Config, Period } from '../project/config.ts';
import { loadMappingFile, mappingFor, type MappingFile } from '../project/mapping.ts';
import { parseDay } from '../read/parse-value.ts';
import { readCsv } from '../read/read-csv.ts';

/** Where the periods cut from exports are written, relative to the project. */
export const PERIODS_DIR = '.polku/periods';

export interface PeriodCut {
  /** The period's snapshot id: 2026-03, 2026-q1, 2026-h1 or 2026. */
  id: string;
  path: string;
  /** The file as shown in messages: the cut, whose lines the messages count. */
  file: string;
  /** The export's snapshot id, whose mapping applies to the cut. */
  from: string;
}

/** The period a day (days since 1970-01-01) falls in, as a snapshot id. */
export function periodOf(day: number, period: Period): string {
  const date = new Date(day * 86_400_000);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  if (period === 'month') return `${year}-${String(month).padStart(2, '0')}`;
  if (period === 'quarter') return `${year}-q${Math.ceil(month / 3)}`;
  if (period === 'half') return `${year}-h${month <= 6 ? 1 : 2}`;
  return String(year);
}

const headerKey = (text: string) => text.trim().toLowerCase().replace(/[\s_-]+/g, '');

/** A CSV field as RFC 4180 writes it: quoted when it holds a delimiter, quote, line break or edge space. */
const field = (text: string) => (/[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const line = (fields: string[]) => `${fields.map(field).join(',')}\r\n`;

/**
 * Cuts one export into its periods. Rows whose date is blank or cannot be read go to the latest
 * period, where the read accepts a blank date and rejects an unreadable one with its reason, as in
 * any snapshot: every row of the export is in one period's account.
 */
export async function cutIntoPeriods(
  export_: { id: string; path: string; file: string },
  period: Period,
  config: Config,
  mappingFile: MappingFile,
  mappingSource: string,
): Promise<PeriodCut[]> {
  const mapping = mappingFor(mappingFile, export_.id, mappingSource);
  const dateHeader = mapping.columns.submitted_at ?? 'submitted_at';
  let header: string[] = [];
  let dateColumn = -1;
  const byPeriod = new Map<string, string[]>();
  const undated: string[] = [];
  const summary = await readCsv(export_.path, export_.file, { encoding: mapping.encoding, delimiter: mapping.delimiter, headerRows: mapping.headerRows, maxRecordChars: mapping.maxRecordChars, sha256: false }, {
    header: (fields) => {
      header = fields;
      dateColumn = fields.findIndex((h) => h.trim() === dateHeader.trim());
      if (dateColumn < 0) dateColumn = fields.findIndex((h) => headerKey(h) === headerKey(dateHeader));
      if (dateColumn < 0) {
        throw new PolkuError(
          `"periods": "${period}" cuts the export by its dates, and it has no column ${JSON.stringify(dateHeader)}`,
          { file: export_.file, line: 1 },
          'map the date column as "submitted_at" in data/mapping.jsonc, or remove "periods" from polku.config.jsonc.',
        );
      }
    },
    rows: (rows) => {
      for (const row of rows) {
        const day = parseDay(row[dateColumn] ?? '', mapping.dateFormat);
        const text = line(row);
        if (day === null) undated.push(text);
        else {
          const id = periodOf(day, period);
          const list = byPeriod.get(id);
          if (list) list.push(text);
          else byPeriod.set(id, [text]);
        }
      }
    },
  });
  const ids = [...byPeriod.keys()].sort();
  if (ids.length === 0) throw new PolkuError(`"periods": no row of the export has a date in column ${JSON.stringify(header[dateColumn])}`, { file: export_.file }, 'check "dateFormat" in data/mapping.jsonc, or remove "periods" from polku.config.jsonc.');
  byPeriod.get(ids.at(-1)!)!.push(...undated);
  const dir = join(config.root, PERIODS_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const head = [header, ...summary.extraHeaderRows.map((r) => r.fields)].map(line).join('');
  return ids.map((id): PeriodCut => {
    const path = join(dir, `${id}.csv`);
    const text = head + byPeriod.get(id)!.join('');
    // Written only when it changed: an unchanged period keeps its bytes, and so its cache entry.
    if (readIfExists(path) !== text) writeFileSync(path, text, { mode: 0o600 });
    return { id, path, file: relative(config.root, path), from: export_.id };
  });
}

/**
 * The snapshots to read when "periods" is set: each export's periods; an aggregate given as input
 * stays as it is. Two files with rows in the same period would be two snapshots of one id.
 */
export async function periodSnapshots<F extends { id: string; path: string; file: string }>(files: F[], period: Period, config: Config, isExport: (f: F) => boolean): Promise<(F | PeriodCut)[]> {
  const mappingSource = relative(config.root, config.mapping);
  const mappingFile = loadMappingFile(config.mapping, mappingSource);
  const out: (F | PeriodCut)[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    for (const cut of isExport(f) ? await cutIntoPeriods(f, period, config, mappingFile, mappingSource) : [f]) {
      const other = seen.get(cut.id);
      if (other !== undefined) {
        throw new PolkuError(`two files give the snapshot ${cut.id}: ${other} and ${f.file}`, { file: f.file }, `keep one export per period (with "periods": "${period}" each export is cut by its dates), or move the older one out of the snapshot folder.`);
      }
      seen.set(cut.id, f.file);
      out.push(cut);
    }
  }
  return out;
}

function readIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
