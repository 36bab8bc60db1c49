// Open-data files for analysts: dist/data/<snapshot>.json (every aggregate the reports show),
// dist/data/<snapshot>.csv (the touchpoint table) and dist/data/history/<journey>/<touchpoint>.csv
// (a touchpoint's rows of every snapshot: the full series, where pages show the last few). Aggregates only: no row, no comment, no
// respondent id, and suppressed cells carry no figure.
import { csvRow } from './csv-cell.ts';
import type { FileAccount } from './ingest.ts';
import type { CellModel, SiteModel, SnapshotModel } from './site-model.ts';

/** Bump on any change a consumer would notice; documented in README.md ("Open data"). */
export const OPEN_DATA_SCHEMA = 'polku.snapshot/1';

type Counted = 'lines' | 'blankLines' | 'rowsRead' | 'accepted' | 'rejected' | 'ratings';
const COUNTED: Counted[] = ['lines', 'blankLines', 'rowsRead', 'accepted', 'rejected', 'ratings'];

/** A file's account as published: its counts are null when they would give a hidden total away. */
export type PublishedAccount = Omit<FileAccount, 'rejections' | 'linesByReason' | Counted | 'rejectedByReason'> & Record<Counted, number | null> & { rejectedByReason: Record<string, number | null> };

/**
 * The account of the snapshot's file, for open data and the data-quality page. When the snapshot's
 * total is hidden for being small, so are the file's counts: its ratings less the published parts
 * would give the hidden ones back (11 ratings, 7 of them on the web: 4 by phone). The lines of the
 * file count its rows too. Rejected rows are in no figure, but rows read = accepted + rejected.
 */
export function publishedAccount(snapshot: SnapshotModel): PublishedAccount {
  const { rejections: _rows, linesByReason: _lines, ...account } = snapshot.account; // reasons can quote respondent ids; lines are for the data-quality page
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
    scales: model.scales,
    source: publishedAccount(snapshot),
    total: snapshot.total,
    journeys: snapshot.journeys,
  });
}

const CSV_COLUMNS = [
  'snapshot', 'journey', 'stage', 'touchpoint', 'respondents', 'suppressed',
  'nps', 'nps_low', 'nps_high', 'nps_change', 'nps_change_significant',
  'csat_satisfied', 'csat_satisfied_low', 'csat_satisfied_high', 'csat_mean',
  'ces_mean', 'ces_mean_low', 'ces_mean_high', 'ces_easy',
  'emotion_mean', 'emotion_mean_low', 'emotion_mean_high', 'emotion_change', 'emotion_change_significant',
  'expectation_mean', 'gap_mean',
] as const;

const round = (x: number | null | undefined, digits = 4) => (x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(digits)));
const flag = (b: boolean | undefined) => (b === undefined ? null : b ? 1 : 0);

function cellColumns(cell: CellModel): (number | string | null)[] {
  const f = cell.figures;
  const c = cell.change;
  return [
    cell.respondents, cell.suppressed ? 1 : 0,
    round(f?.nps?.value, 2), round(f?.nps?.low, 2), round(f?.nps?.high, 2), round(c?.nps?.delta, 2), flag(c?.nps?.significant),
    round(f?.csat?.satisfied.value), round(f?.csat?.satisfied.low), round(f?.csat?.satisfied.high), round(f?.csat?.mean?.value),
    round(f?.ces?.mean?.value), round(f?.ces?.mean?.low), round(f?.ces?.mean?.high), round(f?.ces?.easy.value),
    round(f?.emotion?.mean?.value), round(f?.emotion?.mean?.low), round(f?.emotion?.mean?.high), round(c?.emotionMean?.delta), flag(c?.emotionMean?.significant),
    round(f?.expectation?.mean?.value), round(f?.gap?.mean?.value),
  ];
}

/** A touchpoint's row of each snapshot's table, with the ids that say whose it is. */
function* touchpointRows(snapshot: SnapshotModel): Generator<{ journey: string; touchpoint: string; row: () => string }> {
  for (const j of snapshot.journeys) {
    for (const s of j.stages) {
      for (const t of s.touchpoints) yield { journey: j.id, touchpoint: t.id, row: () => csvRow([snapshot.id, j.id, s.id, t.id, ...cellColumns(t.cell)]) };
    }
  }
}

const csvFile = (rows: string[]) => [csvRow([...CSV_COLUMNS]), ...rows].join('\r\n') + '\r\n';

export function touchpointCsv(snapshot: SnapshotModel): string {
  return csvFile([...touchpointRows(snapshot)].map((r) => r.row()));
}

/** Where a touchpoint's full series is: its row of every snapshot's table, oldest first. */
export const touchpointHistoryPath = (journey: string, touchpoint: string) => `/data/history/${journey}/${touchpoint}.csv`;

export function touchpointHistoryCsv(model: SiteModel, journey: string, touchpoint: string): string {
  const rows = model.snapshots.flatMap((snapshot) => [...touchpointRows(snapshot)].filter((r) => r.journey === journey && r.touchpoint === touchpoint).map((r) => r.row()));
  return csvFile(rows);
}
