// Open-data files for analysts: dist/data/<snapshot>.json (every aggregate the reports show),
// dist/data/<snapshot>.csv (the touchpoint table) and dist/data/history/<journey>/<touchpoint>.csv
// (a touchpoint's rows of every snapshot: the full series, where pages show the last few). Aggregates only: no row, no comment, no
// respondent id, and suppressed cells carry no figure.
import { csvRow } from '../common/csv-cell.ts';
import type { FileAccount } from '../ingest/ingest.ts';
import { MEASURES, type Changes, type Measure } from '../stats/measures.ts';
import type { CellModel, SiteModel, SnapshotModel } from './site-model.ts';
import type { JourneyModel, ThemesModel } from './model-types.ts';

/** Bump on any change a consumer would notice; documented in README.md ("Open data"). */
export const OPEN_DATA_SCHEMA = 'polku.snapshot/5';

type Counted = 'lines' | 'blankLines' | 'rowsRead' | 'accepted' | 'rejected' | 'empty' | 'ownRespondentRows' | 'placeholderComments' | 'shortComments' | 'ratings';
const COUNTED: Counted[] = ['lines', 'blankLines', 'rowsRead', 'accepted', 'rejected', 'empty', 'ownRespondentRows', 'placeholderComments', 'shortComments', 'ratings'];

/** A file's account as published: its counts are null when they would give a hidden total away. */
export type PublishedAccount = Omit<FileAccount, 'rejections' | 'linesByReason' | 'fixByReason' | Counted | 'rejectedByReason'> & Record<Counted, number | null> & { rejectedByReason: Record<string, number | null> };

/**
 * The account of the snapshot's file, for open data and the data-quality page. When the snapshot's
 * total is hidden for being small, so are the file's counts: its ratings less the published parts
 * would give the hidden ones back (11 ratings, 7 of them on the web: 4 by phone). The lines of the
 * file count its rows too. Rejected rows are in no figure, but rows read = accepted + rejected + empty.
 */
export function publishedAccount(snapshot: SnapshotModel): PublishedAccount {
  const { rejections: _rows, linesByReason: _lines, fixByReason: _fixes, ...account } = snapshot.account; // reasons and fixes can quote values; lines are for the data-quality page
  if (!snapshot.total.suppressed) return account;
  const hidden = Object.fromEntries(COUNTED.map((k) => [k, null])) as Record<Counted, null>;
  return { ...account, ...hidden, rejectedByReason: Object.fromEntries(Object.keys(account.rejectedByReason).map((reason) => [reason, null])) };
}

/** Compact JSON: a snapshot of 90 touchpoints is ~3 MB of figures, read by programs rather than people. */
export function snapshotJson(model: SiteModel, snapshot: SnapshotModel): string {
  return JSON.stringify({
    schema: OPEN_DATA_SCHEMA,
    snapshot: snapshot.id,
    period: snapshot.period,
    previous: snapshot.previous,
    minRespondents: model.privacy.minRespondents,
    minComments: model.privacy.minComments,
    scales: model.scales,
    source: publishedAccount(snapshot),
    total: snapshot.total,
    journeys: snapshot.journeys.map(withoutQuotes),
  });
}

/** Themes without their example quotes: open data holds no comment. */
function withoutQuotes(journey: JourneyModel): JourneyModel {
  const themes = (t: ThemesModel | null): ThemesModel | null => t && { ...t, low: t.low.map((x) => ({ ...x, example: null })), high: t.high.map((x) => ({ ...x, example: null })) };
  return { ...journey, themes: themes(journey.themes), stages: journey.stages.map((s) => ({ ...s, touchpoints: s.touchpoints.map((tp) => ({ ...tp, themes: themes(tp.themes) })) })) };
}

const round = (x: number | null | undefined, digits = 4) => (x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(digits)));
const flag = (b: boolean | undefined) => (b === undefined ? null : b ? 1 : 0);

interface CsvRow {
  snapshot: string;
  journey: string;
  stage: string;
  touchpoint: string;
  cell: CellModel;
}
type CsvColumn = [name: string, value: (row: CsvRow) => number | string | null];

/** A measure's columns: its value, then its interval and its change where the registry asks for them. */
function measureColumns(m: Measure): CsvColumn[] {
  const { column, digits, interval, change } = m.openData;
  const value = (row: CsvRow) => (row.cell.figures ? m.of(row.cell.figures) : null);
  const test = (row: CsvRow) => row.cell.change?.[m.id as keyof Changes];
  return [
    [column, (row) => round(value(row)?.value, digits)],
    ...(interval ? ([[`${column}_low`, (row) => round(value(row)?.low, digits)], [`${column}_high`, (row) => round(value(row)?.high, digits)]] as CsvColumn[]) : []),
    ...(change ? ([[change, (row) => round(test(row)?.delta, digits)], [`${change}_significant`, (row) => flag(test(row)?.significant)]] as CsvColumn[]) : []),
  ];
}

/** A measure's column names in open-data CSV, in order (the methodology page lists them). */
export const measureColumnNames = (m: Measure): string[] => measureColumns(m).map(([name]) => name);

/** The touchpoint table's columns, each a name and how its value is read: one list, so names and values cannot drift apart. */
export const CSV_COLUMNS: readonly CsvColumn[] = [
  ['snapshot', (row) => row.snapshot],
  ['journey', (row) => row.journey],
  ['stage', (row) => row.stage],
  ['touchpoint', (row) => row.touchpoint],
  ['respondents', (row) => row.cell.respondents],
  ['suppressed', (row) => (row.cell.suppressed ? 1 : 0)],
  ...MEASURES.flatMap(measureColumns),
];

/** A touchpoint's row of each snapshot's table, with the ids that say whose it is. */
function* touchpointRows(snapshot: SnapshotModel): Generator<{ journey: string; touchpoint: string; row: () => string }> {
  for (const j of snapshot.journeys) {
    for (const s of j.stages) {
      for (const t of s.touchpoints) yield { journey: j.id, touchpoint: t.id, row: () => csvRow(CSV_COLUMNS.map(([, value]) => value({ snapshot: snapshot.id, journey: j.id, stage: s.id, touchpoint: t.id, cell: t.cell }))) };
    }
  }
}

const csvFile = (rows: string[]) => [csvRow(CSV_COLUMNS.map(([name]) => name)), ...rows].join('\r\n') + '\r\n';

export function touchpointCsv(snapshot: SnapshotModel): string {
  return csvFile([...touchpointRows(snapshot)].map((r) => r.row()));
}

export function touchpointHistoryCsv(model: SiteModel, journey: string, touchpoint: string): string {
  const rows = model.snapshots.flatMap((snapshot) => [...touchpointRows(snapshot)].filter((r) => r.journey === journey && r.touchpoint === touchpoint).map((r) => r.row()));
  return csvFile(rows);
}
