// Reads one snapshot file into aggregates, accepting or rejecting every row with a reason and its
// line, so that for every file accepted + rejected = rows read.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { addRating, emptyCell, npsGroup, type CellStats, type NpsGroup, type RatingScores } from './aggregate.ts';
import { NotUtf8Error, type Encoding } from './decode.ts';
import { PolkuError } from './errors.ts';
import { fingerprint, FingerprintSet } from './fingerprint-set.ts';
import { planColumns, type ColumnPlan, type FieldSource, type Mapping, type RatingPlan } from './mapping.ts';
import type { Scales } from './metrics.ts';
import { parseDay, parseScore } from './parse-value.ts';
import { terminalProgress } from './progress.ts';
import { readCsv, type Delimiter } from './read-csv.ts';
import { createRedactor } from './redact.ts';

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

/** A redacted comment kept as a sample of what customers say at a touchpoint. */
export interface CommentSample {
  text: string;
  /** The NPS group of the rating the comment came with, null without an NPS answer. */
  group: NpsGroup | null;
  emotion: number | null;
}

/** Comments kept per touchpoint and NPS group: enough to quote, bounded whatever the file size. */
export const COMMENTS_PER_GROUP = 8;

export interface SnapshotIngest {
  id: string;
  account: FileAccount;
  /** First and last day (days since 1970-01-01) of submitted_at, or null without dates. */
  period: { first: number; last: number } | null;
  /** Distinct respondents who rated a touchpoint that content defines. */
  respondents: number;
  journeys: Record<string, { respondents: JourneyRespondents; touchpoints: Record<string, TouchpointCells> }>;
  /** Redacted comment samples per journey and touchpoint. */
  comments: Record<string, Record<string, CommentSample[]>>;
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
  /** Removes personal data from every comment Polku keeps; the built-in detectors when not given. */
  redact?: (comment: string) => string;
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
  /** The raw comment; only a sampled one is kept, and only after redaction. */
  comment: string;
}

/** Per-journey bookkeeping while a file is read: cells, and scope numbers for distinct respondents. */
interface JourneyState {
  scope: number;
  stages: Map<string, number>;
  channels: Map<string, number>;
  segments: Map<string, number>;
  /** stageScope is -1 for a touchpoint that content does not define. */
  touchpoints: Map<string, { cells: TouchpointCells; duplicateScope: number; stageScope: number; comments: SampledComments }>;
}

async function ingestWith(options: IngestOptions, encoding: Encoding | 'auto'): Promise<SnapshotIngest> {
  const { path, file, mapping, scales } = options;
  const redact = options.redact ?? defaultRedactor();
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
      t = { cells, duplicateScope: newScope(), stageScope: stage === null ? -1 : scopeIn(j.stages, stage), comments: { detractor: [], passive: [], promoter: [], none: [] } };
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
      comment: r.comment === null ? '' : (row[r.comment] ?? '').trim(),
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
      const hasComment = x.comment !== '';
      if (hasComment) sampleComment(t.comments, x, (hash[0] ^ Math.imul(t.duplicateScope + 1, 0x9e3779b1)) >>> 0, redact);
      for (const cell of [cells.all, (cells.channels[x.channel] ??= emptyCell(scales)), (cells.segments[x.segment] ??= emptyCell(scales))]) {
        addRating(cell, x.scores, hasComment, scales);
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
  const comments: SnapshotIngest['comments'] = Object.create(null);
  for (const [id, j] of journeys) {
    out[id] = {
      respondents: { all: counts[j.scope]!, stages: countsOf(j.stages), channels: countsOf(j.channels), segments: countsOf(j.segments) },
      touchpoints: Object.fromEntries([...j.touchpoints].map(([tp, t]) => [tp, t.cells])),
    };
    comments[id] = Object.fromEntries([...j.touchpoints].map(([tp, t]) => [tp, keptComments(t.comments)]));
  }
  return { id: options.id, account, period: first <= last ? { first, last } : null, respondents: counts[TOTAL]!, journeys: out, comments };
}

let builtIn: ((text: string) => string) | null = null;
const defaultRedactor = () => (builtIn ??= createRedactor());

type SampledComments = Record<NpsGroup | 'none', (CommentSample & { priority: number })[]>;

/**
 * Keeps the comments with the smallest priorities (a hash of the respondent and touchpoint): a sample
 * that is the same on every build, unbiased by the file's order, and bounded in size. Only a comment
 * that enters the sample is redacted, and only the redacted text is kept.
 */
function sampleComment(sample: SampledComments, x: Parsed, priority: number, redact: (text: string) => string): void {
  const group = x.scores.nps === null ? null : npsGroup(x.scores.nps);
  const kept = sample[group ?? 'none'];
  if (kept.length >= COMMENTS_PER_GROUP) {
    let worst = 0;
    for (let i = 1; i < kept.length; i++) if (kept[i]!.priority > kept[worst]!.priority) worst = i;
    if (priority >= kept[worst]!.priority) return;
    kept.splice(worst, 1);
  }
  kept.push({ text: redact(x.comment), group, emotion: x.scores.emotion, priority });
}

function keptComments(sample: SampledComments): CommentSample[] {
  return Object.values(sample)
    .flat()
    .sort((a, b) => a.priority - b.priority)
    .map(({ priority: _p, ...comment }) => comment);
}

/** Excel pads rows with empty trailing fields (`;;;`); those are not extra data. */
function extraFieldsAreEmpty(row: string[], expected: number): boolean {
  if (row.length < expected) return false;
  for (let i = expected; i < row.length; i++) if (row[i]!.trim() !== '') return false;
  return true;
}
