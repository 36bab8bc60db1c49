// Reads one snapshot file into aggregates, accepting or rejecting every row with a reason and its
// line, so that for every file accepted + rejected = rows read.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { addRating, emptyCell, type CellStats, type RatingScores } from './aggregate.ts';
import { NotUtf8Error, type Encoding } from './decode.ts';
import { PolkuError } from './errors.ts';
import { fingerprint, FingerprintSet } from './fingerprint-set.ts';
import { planColumns, type ColumnPlan, type FieldSource, type Mapping, type RatingPlan } from './mapping.ts';
import type { Scales } from './metrics.ts';
import { parseDay, parseScore } from './parse-value.ts';
import { terminalProgress } from './progress.ts';
import { readCsv, type Delimiter } from './read-csv.ts';

export interface Rejection {
  line: number;
  /** 1-based field number and its header, when one field is at fault. */
  column?: number;
  columnName?: string;
  reason: string;
}

/** How many rejections are kept with their lines; beyond that only counts per reason. */
export const MAX_LISTED_REJECTIONS = 10_000;

export interface FileAccount {
  file: string;
  sha256: string;
  bytes: number;
  encoding: Encoding;
  delimiter: Delimiter;
  layout: Mapping['layout'];
  lines: number;
  blankLines: number;
  rowsRead: number;
  accepted: number;
  rejected: number;
  /** Ratings from accepted rows (more than rows in the wide layout). */
  ratings: number;
  rejectedByReason: Record<string, number>;
  rejections: Rejection[];
}

export interface TouchpointCells {
  all: CellStats;
  channels: Record<string, CellStats>;
  segments: Record<string, CellStats>;
}

/** Distinct respondents of a journey, overall and per stage, channel and segment. */
export interface JourneyRespondents {
  all: number;
  stages: Record<string, number>;
  channels: Record<string, number>;
  segments: Record<string, number>;
}

export interface SnapshotIngest {
  id: string;
  account: FileAccount;
  /** First and last day (days since 1970-01-01) of submitted_at, or null without dates. */
  period: { first: number; last: number } | null;
  /** Distinct respondents who rated a touchpoint that content defines. */
  respondents: number;
  journeys: Record<string, { respondents: JourneyRespondents; touchpoints: Record<string, TouchpointCells> }>;
}

export interface IngestOptions {
  path: string;
  /** Path shown in messages. */
  file: string;
  id: string;
  mapping: Mapping;
  scales: Scales;
  /**
   * The stage a touchpoint belongs to, from content. Ratings of touchpoints that content does not
   * define (null) are aggregated for the warning, but not counted among any journey's respondents.
   */
  stageOf: (journey: string, touchpoint: string) => string | null;
}

/** Reads a snapshot; a file that is not valid UTF-8 (and has no BOM) is read again as Windows-1252. */
export async function ingestSnapshot(options: IngestOptions): Promise<SnapshotIngest> {
  const mappingEncoding = options.mapping.encoding;
  try {
    return await ingestWith(options, mappingEncoding);
  } catch (error) {
    if (error instanceof NotUtf8Error && mappingEncoding === 'auto') return ingestWith(options, 'windows-1252');
    if (error instanceof NotUtf8Error) {
      throw new PolkuError(`the file is not valid UTF-8 (near byte ${error.byteOffset})`, { file: options.file }, 'set "encoding": "windows-1252" (or "auto") in the mapping, or export the file as UTF-8.');
    }
    throw error;
  }
}

const lower = (s: string) => s.trim().toLowerCase();

interface Parsed {
  journey: string;
  touchpoint: string;
  channel: string;
  segment: string;
  scores: RatingScores;
  hasComment: boolean;
}

/** Per-journey bookkeeping while a file is read: cells, and scope numbers for distinct respondents. */
interface JourneyState {
  scope: number;
  stages: Map<string, number>;
  channels: Map<string, number>;
  segments: Map<string, number>;
  /** stageScope is -1 for a touchpoint that content does not define. */
  touchpoints: Map<string, { cells: TouchpointCells; duplicateScope: number; stageScope: number }>;
}

async function ingestWith(options: IngestOptions, encoding: Encoding | 'auto'): Promise<SnapshotIngest> {
  const { path, file, mapping, scales } = options;
  const bytes = statSync(path).size;
  const sha = createHash('sha256');
  const progress = terminalProgress(file, bytes);

  const account: FileAccount = {
    file,
    sha256: '',
    bytes,
    encoding: 'utf-8',
    delimiter: ',',
    layout: mapping.layout,
    lines: 0,
    blankLines: 0,
    rowsRead: 0,
    accepted: 0,
    rejected: 0,
    ratings: 0,
    rejectedByReason: {},
    rejections: [],
  };
  let header: string[] = [];
  const reject = (line: number, reason: string, kind: string, column?: number): '' => {
    account.rejected++;
    account.rejectedByReason[kind] = (account.rejectedByReason[kind] ?? 0) + 1;
    if (account.rejections.length < MAX_LISTED_REJECTIONS) {
      account.rejections.push(column === undefined ? { line, reason } : { line, column: column + 1, columnName: header[column]?.trim() ?? '', reason });
    }
    return '';
  };

  let first = Infinity;
  let last = -Infinity;

  // Distinct respondents: one fingerprint set; each scope (a journey, a stage, …) is a small integer.
  const seen = new FingerprintSet(1 << 16);
  const counts: number[] = [0];
  const TOTAL = 0;
  const newScope = () => counts.push(0) - 1;
  const scopeIn = (map: Map<string, number>, key: string) => {
    let id = map.get(key);
    if (id === undefined) map.set(key, (id = newScope()));
    return id;
  };
  const journeys = new Map<string, JourneyState>();
  const touchpointOf = (journey: string, touchpoint: string) => {
    let j = journeys.get(journey);
    if (!j) journeys.set(journey, (j = { scope: newScope(), stages: new Map(), channels: new Map(), segments: new Map(), touchpoints: new Map() }));
    let t = j.touchpoints.get(touchpoint);
    if (!t) {
      const cells = { all: emptyCell(scales), channels: Object.create(null), segments: Object.create(null) };
      const stage = options.stageOf(journey, touchpoint);
      t = { cells, duplicateScope: newScope(), stageScope: stage === null ? -1 : scopeIn(j.stages, stage) };
      j.touchpoints.set(touchpoint, t);
    }
    return { j, t };
  };

  const valueOf = (row: string[], source: FieldSource | null) =>
    source === null ? '' : 'constant' in source ? source.constant : (row[source.index] ?? '');
  const indexOf = (source: FieldSource) => ('index' in source ? source.index : undefined);

  /** One rating of a row; '' when the row was rejected, null for an unanswered wide-layout question. */
  const parseRating = (row: string[], r: RatingPlan, p: ColumnPlan, line: number, wide: boolean): Parsed | null | '' => {
    const scores: RatingScores = { nps: null, csat: null, ces: null, emotion: null, expectation: null };
    let answered = 0;
    for (const [metric, source] of r.scores) {
      const text = (row[source.index] ?? '').trim();
      if (text === '' || p.notApplicable.has(text.toLowerCase())) continue;
      const parsed = source.values?.get(text.toLowerCase()) ?? parseScore(text);
      if (parsed === null) return reject(line, `${metric}: ${JSON.stringify(text)} is not a number`, `${metric} not a number`, source.index);
      const value = parsed + source.offset;
      const scale = scales[metric];
      if (scale.integer && !Number.isInteger(value)) return reject(line, `${metric}: ${value} is not a whole number`, `${metric} not a whole number`, source.index);
      if (value < scale.min || value > scale.max) return reject(line, `${metric}: ${value} is outside the scale ${scale.min}–${scale.max}`, `${metric} out of range`, source.index);
      scores[metric] = value;
      answered++;
    }
    if (answered === 0) return wide ? null : reject(line, 'no score: every score column is empty', 'no score');
    const journey = lower(valueOf(row, r.journey));
    if (!journey) return reject(line, 'journey is empty', 'journey empty', indexOf(r.journey));
    const touchpoint = lower(valueOf(row, r.touchpoint));
    if (!touchpoint) return reject(line, 'touchpoint is empty', 'touchpoint empty', indexOf(r.touchpoint));
    return {
      journey,
      touchpoint,
      channel: valueOf(row, r.channel).trim() || 'unknown',
      segment: valueOf(row, r.segment).trim() || 'unknown',
      scores,
      hasComment: r.comment !== null && (row[r.comment] ?? '').trim() !== '',
    };
  };

  let previousId = '';
  let previousScopes: number[] = [];

  const readRow = (row: string[], line: number, p: ColumnPlan) => {
    const wide = mapping.layout === 'wide';
    // A wide export without ids (Google Forms) has one respondent per row.
    const responseId = p.responseId === null ? `line ${line}` : (row[p.responseId] ?? '').trim();
    if (!responseId) return reject(line, 'response_id is empty', 'response_id empty', p.responseId ?? undefined);
    let day: number | null = null;
    if (p.submittedAt !== null) {
      const text = (row[p.submittedAt] ?? '').trim();
      if (text) {
        day = parseDay(text, mapping.dateFormat);
        if (day === null) {
          const hint = mapping.dateFormat === 'auto' && text.includes('/') ? ' (set "dateFormat" in the mapping for d/m/yyyy or m/d/yyyy)' : '';
          return reject(line, `submitted_at: ${JSON.stringify(text)} is not a date like 2026-03-31 or 31.3.2026${hint}`, 'date not understood', p.submittedAt);
        }
      }
    }
    const parsed: Parsed[] = [];
    for (const r of p.ratings) {
      const result = parseRating(row, r, p, line, wide);
      if (result === '') return;
      if (result) parsed.push(result);
    }
    if (parsed.length === 0) return reject(line, 'no touchpoint question is answered', 'no score');
    const hash = fingerprint(responseId);
    const places = parsed.map((x) => touchpointOf(x.journey, x.touchpoint));
    // Duplicates are checked before anything is counted, so a rejected row leaves no trace.
    for (let i = 0; i < places.length; i++) {
      if (seen.has(hash, places[i]!.t.duplicateScope)) {
        return reject(line, `duplicate: respondent ${JSON.stringify(responseId)} already rated touchpoint "${parsed[i]!.touchpoint}" of "${parsed[i]!.journey}" earlier in this file`, 'duplicate rating');
      }
    }
    account.accepted++;
    account.ratings += parsed.length;
    if (day !== null) {
      if (day < first) first = day;
      if (day > last) last = day;
    }
    const scopes: number[] = [];
    for (let i = 0; i < parsed.length; i++) {
      const x = parsed[i]!;
      const { j, t } = places[i]!;
      seen.add(hash, t.duplicateScope);
      const cells = t.cells;
      for (const cell of [cells.all, (cells.channels[x.channel] ??= emptyCell(scales)), (cells.segments[x.segment] ??= emptyCell(scales))]) {
        addRating(cell, x.scores, x.hasComment, scales);
        cell.respondents++; // one rating per respondent and touchpoint: duplicates were rejected
      }
      if (t.stageScope !== -1) scopes.push(j.scope, t.stageScope, scopeIn(j.channels, x.channel), scopeIn(j.segments, x.segment));
    }
    if (scopes.length > 0) scopes.push(TOTAL);
    // Exports list a respondent's ratings together: scopes the previous row counted need no lookup.
    const sameRespondent = responseId === previousId;
    for (const s of scopes) {
      if (sameRespondent && previousScopes.includes(s)) continue;
      if (seen.add(hash, s)) counts[s]!++;
    }
    previousId = responseId;
    previousScopes = scopes;
  };

  let plan: ColumnPlan | null = null;
  const summary = await readCsv(path, file, { encoding, delimiter: mapping.delimiter, onBytes: (chunk) => sha.update(chunk) }, {
    header(fields) {
      header = fields;
      plan = planColumns(mapping, fields, file);
    },
    rows(rows, lines, problems) {
      const p = plan!;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        const line = lines[i]!;
        account.rowsRead++;
        const problem = problems.get(i);
        if (problem) reject(line, `malformed CSV: ${problem}`, 'malformed CSV');
        else if (row.length !== header.length && !extraFieldsAreEmpty(row, header.length)) {
          reject(line, `expected ${header.length} fields like the header, found ${row.length}`, 'wrong number of fields');
        } else readRow(row, line, p);
      }
    },
    progress(bytesRead) {
      progress.update(account.rowsRead, bytesRead);
    },
  });
  progress.done(account.rowsRead, bytes);

  if (account.rowsRead === 0) {
    throw new PolkuError('the file has a header but no rows', { file, line: 2 }, 'export the survey data again with its responses, or remove the file from data/snapshots/.');
  }
  Object.assign(account, { sha256: sha.digest('hex'), encoding: summary.encoding, delimiter: summary.delimiter, lines: summary.lines, blankLines: summary.blankLines });

  const countsOf = (map: Map<string, number>) => Object.fromEntries([...map].map(([key, id]) => [key, counts[id]!]));
  const out: SnapshotIngest['journeys'] = Object.create(null);
  for (const [id, j] of journeys) {
    out[id] = {
      respondents: { all: counts[j.scope]!, stages: countsOf(j.stages), channels: countsOf(j.channels), segments: countsOf(j.segments) },
      touchpoints: Object.fromEntries([...j.touchpoints].map(([tp, t]) => [tp, t.cells])),
    };
  }
  return { id: options.id, account, period: first <= last ? { first, last } : null, respondents: counts[TOTAL]!, journeys: out };
}

/** Excel pads rows with empty trailing fields (`;;;`); those are not extra data. */
function extraFieldsAreEmpty(row: string[], expected: number): boolean {
  if (row.length < expected) return false;
  for (let i = expected; i < row.length; i++) if (row[i]!.trim() !== '') return false;
  return true;
}
