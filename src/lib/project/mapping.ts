// The mapping file (data/mapping.jsonc) says how a CSV export's own columns become Polku's fields,
// for the long layout (a row per rating) and the wide one (a row per respondent, a column per
// question, as Google Forms and SurveyMonkey export). `planColumns` (column-plan.ts) resolves it
// against a header.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { PolkuError } from '../common/errors.ts';
import { readJsoncFile } from '../common/jsonc-file.ts';
import { METRICS, type Metric } from '../stats/metrics.ts';
import { MAX_RECORD_CHARS } from '../read/read-csv.ts';
import { isDateFormat } from '../read/parse-value.ts';

const header = z.string().min(1);

/** Answer texts to numbers, e.g. {"Very easy": 7}; matched ignoring case, spaces and invisible characters. */
const AnswerValues = z.record(z.string(), z.number());

/** A score column: its header, or the header with a table of answer labels (its own, or a named scale's) and a shift. */
const ScoreColumn = z.union([
  header,
  z.strictObject({
    column: header,
    /** The name of an entry of "answerScales" whose labels the column's answers are. */
    scale: z.string().min(1).optional(),
    /** The column's own labels; with "scale", added to the scale's (and taking precedence). */
    values: AnswerValues.optional(),
    /** Added to every number, e.g. -4 turns a 1–7 answer into the −3…+3 emotion scale. */
    offset: z.number().optional(),
    /** Answers meaning "not applicable" in this column; replaces the top-level list. */
    notApplicable: z.array(z.string()).optional(),
  }),
]);
export type ScoreColumn = z.output<typeof ScoreColumn>;

/** A single-choice item: its answers counted per option, e.g. {"id": "pace", "column": "Pace", "options": ["Too slow", "About right", "Too fast"]}. */
const Choice = z.strictObject({
  /** Names the item in open data and on pages; the same id at several touchpoints is the same item. */
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected an id of lower-case letters, digits, "-" and "_", e.g. "pace"'),
  column: header,
  /** The answers, in the order they are shown; matched ignoring case, spaces and invisible characters. */
  options: z.array(z.string().min(1)).min(2),
});
export type Choice = z.output<typeof Choice>;

const scoreColumns = Object.fromEntries(METRICS.map((m) => [m, ScoreColumn.optional()])) as Record<Metric, z.ZodOptional<typeof ScoreColumn>>;

const Columns = z.strictObject({
  response_id: header.optional(),
  submitted_at: header.optional(),
  journey: header.optional(),
  touchpoint: header.optional(),
  channel: header.optional(),
  segment: header.optional(),
  comment: header.optional(),
  ...scoreColumns,
  choices: z.array(Choice).optional(),
});

const Constants = z.strictObject({
  journey: z.string().min(1).optional(),
  touchpoint: z.string().min(1).optional(),
  channel: z.string().min(1).optional(),
  segment: z.string().min(1).optional(),
});

/** Wide layout: one touchpoint's questions, or with "level": "journey" the questions about the whole journey. */
const Question = z.strictObject({
  touchpoint: z.string().min(1).optional(),
  /** "journey": an overall question (and comment) about the whole journey, in its own cell, without a touchpoint. */
  level: z.enum(['touchpoint', 'journey']).optional(),
  journey: z.string().min(1).optional(),
  channel: z.string().min(1).optional(),
  comment: header.optional(),
  ...scoreColumns,
  choices: z.array(Choice).optional(),
});

/** A comment placeholder: a regular expression, matched ignoring case against the whole trimmed comment. */
const Placeholder = z.string().min(1).refine(
  (pattern) => placeholderPattern(pattern) !== null,
  { error: (issue) => `${JSON.stringify(issue.input)} is not a regular expression (JavaScript's syntax; a backslash is written twice in JSON: "^\\\\w+ customer review$")` },
);

/** A placeholder pattern compiled (ignoring case, Unicode), or null when it is not a regular expression. */
export function placeholderPattern(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, 'iu');
  } catch {
    return null;
  }
}

/** How a snapshot's raw rows are read: Polku's own reader, or sql/aggregate.sql in DuckDB (ingest/duckdb-ingest.ts). */
export const ENGINES = ['polku', 'duckdb'] as const;

const FileMapping = z.strictObject({
  /** "duckdb" for a big export in the canonical long layout: read by DuckDB inside the build; "polku" (the default) otherwise. */
  engine: z.enum(ENGINES).optional(),
  layout: z.enum(['long', 'wide']).optional(),
  encoding: z.enum(['auto', 'utf-8', 'windows-1252', 'utf-16le']).optional(),
  delimiter: z.enum(['auto', ',', ';', '\t', '|']).optional(),
  /** 'auto', the order of d, m and yyyy (or yy) with a time if the export writes one ("m/d/yy H:mm"), or "month yyyy". */
  dateFormat: z
    .string()
    .refine(isDateFormat, 'expected "auto", "month yyyy" or a format such as "d/m/yyyy", "m/d/yy H:mm", "d.m.yy" or "yyyy-mm-dd HH:mm:ss"')
    .optional(),
  /** Headers left out on purpose: every other header is mapped or reported. */
  ignore: z.array(header).optional(),
  /** "own-respondent": a row whose response_id is blank (or a file without the column) is a respondent of its own. */
  blankResponseId: z.enum(['reject', 'own-respondent']).optional(),
  /** Lines of header: Qualtrics writes 3 (names, question texts, import ids), SurveyMonkey 2. */
  headerRows: z.number().int().min(1).max(20).optional(),
  /** The longest record (row) read, in characters; a longer one stops the read (read-csv.ts). */
  maxRecordChars: z.number().int().min(1024).max(1 << 30).optional(),
  columns: Columns.optional(),
  constants: Constants.optional(),
  notApplicable: z.array(z.string()).optional(),
  /** Answer scales defined once and named by score columns ("scale"): {"agree5": {"values": {"Agree": 4, …}}}. */
  answerScales: z.record(z.string(), z.strictObject({ values: AnswerValues })).optional(),
  questions: z.array(Question).min(1).optional(),
  /** Comments that are the tool's text, not the customer's (e.g. "^\\w+ customer review$"): never quoted, counted. */
  commentPlaceholders: z.array(Placeholder).optional(),
  /** Comments shorter than this many characters are never quoted, counted. */
  minCommentChars: z.number().int().min(0).max(1000).optional(),
});

const MappingFile = FileMapping.extend({
  /** Overrides for single snapshots, keyed by snapshot id; each key replaces the top-level one. */
  files: z.record(z.string(), FileMapping).optional(),
});

export type FileMapping = z.output<typeof FileMapping>;
export type MappingFile = z.output<typeof MappingFile>;

export interface Mapping {
  engine: (typeof ENGINES)[number];
  layout: 'long' | 'wide';
  encoding: 'auto' | 'utf-8' | 'windows-1252' | 'utf-16le';
  delimiter: 'auto' | ',' | ';' | '\t' | '|';
  dateFormat: string;
  ignore: string[];
  blankResponseId: 'reject' | 'own-respondent';
  headerRows: number;
  maxRecordChars: number;
  columns: z.output<typeof Columns>;
  constants: z.output<typeof Constants>;
  notApplicable: string[];
  answerScales: Record<string, { values: Record<string, number> }>;
  questions: z.output<typeof Question>[];
  commentPlaceholders: string[];
  minCommentChars: number;
  /** The file the mapping came from, for messages. */
  source: string;
}

const columnName = (spec: ScoreColumn) => (typeof spec === 'string' ? spec : spec.column);

export function loadMappingFile(file: string, displayName: string): MappingFile {
  return existsSync(file) ? readJsoncFile(file, MappingFile, displayName) : {};
}

/** The mapping that applies to one snapshot: the file's own entry over the top level. */
export function mappingFor(file: MappingFile, snapshotId: string, source: string): Mapping {
  const own = file.files?.[snapshotId] ?? {};
  const pick = <K extends keyof FileMapping>(key: K) => own[key] ?? file[key];
  const mapping: Mapping = {
    engine: pick('engine') ?? 'polku',
    layout: pick('layout') ?? (pick('questions') ? 'wide' : 'long'),
    encoding: pick('encoding') ?? 'auto',
    delimiter: pick('delimiter') ?? 'auto',
    dateFormat: pick('dateFormat') ?? 'auto',
    ignore: pick('ignore') ?? [],
    blankResponseId: pick('blankResponseId') ?? 'reject',
    headerRows: pick('headerRows') ?? 1,
    maxRecordChars: pick('maxRecordChars') ?? MAX_RECORD_CHARS,
    columns: pick('columns') ?? {},
    constants: pick('constants') ?? {},
    notApplicable: pick('notApplicable') ?? [],
    answerScales: pick('answerScales') ?? {},
    questions: pick('questions') ?? [],
    commentPlaceholders: pick('commentPlaceholders') ?? [],
    minCommentChars: pick('minCommentChars') ?? 0,
    source,
  };
  if (mapping.layout === 'wide' && mapping.questions.length === 0) {
    throw new PolkuError(`the wide layout needs "questions" (snapshot ${snapshotId})`, { file: source }, 'list each touchpoint with the columns that hold its scores; see "Mapping file" in README.md.');
  }
  // In the wide layout a touchpoint's scores and comment are in its question entry; under "columns" they would be read by no one.
  const misplaced = mapping.layout === 'wide' ? (['touchpoint', 'comment', 'choices', ...METRICS] as const).filter((key) => mapping.columns[key] !== undefined) : [];
  const first = misplaced[0];
  if (first !== undefined) {
    throw new PolkuError(
      `${misplaced.map((key) => `"${key}"`).join(', ')} under "columns" does not apply to the wide layout (snapshot ${snapshotId})`,
      { file: source },
      `move ${misplaced.length === 1 ? 'it' : 'them'} into the entry of the touchpoint the column belongs to in "questions", e.g. {"touchpoint": "...", "${first}": ${JSON.stringify(first === 'choices' ? mapping.columns.choices : columnName(mapping.columns[first]!))}}.`,
    );
  }
  if (mapping.layout === 'long' && mapping.questions.length > 0) {
    throw new PolkuError(`"questions" only applies to the wide layout (snapshot ${snapshotId})`, { file: source }, 'set "layout": "wide", or remove "questions".');
  }
  return mapping;
}
