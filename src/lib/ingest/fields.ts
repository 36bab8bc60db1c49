// Reading a row's fields: the rating readers a column plan is laid out as, and the texts, ids and
// answers read from the fields, with the messages a rejected value gets.
import { answerKey, type ChoiceSource, type ColumnPlan, type FieldSource, type RatingPlan } from './column-plan.ts';
import { PolkuError, quoted } from '../common/errors.ts';
import { detach } from '../common/detach.ts';
import { closest, hiddenCharacters } from '../project/similar-text.ts';
import type { Group } from './types.ts';
import type { Mapping } from '../project/mapping.ts';
import type { Metric, Scales } from '../stats/metrics.ts';
import { parseScore } from '../read/parse-value.ts';

/** The texts an id or name lookup keeps (interned). */
const MAX_INTERNED = 10_000;

/**
 * Ids and names repeat on almost every row: each distinct text is normalised once, and consecutive
 * rows mostly repeat the last one, which a string comparison finds cheaper than a lookup. The first
 * MAX_INTERNED texts are kept: texts that all come to a few ids or names (free text redacted to
 * "[email]", rows rejected later) are normalised each time instead of filling memory.
 */
export function interned<T>(normalise: (raw: string) => T): (raw: string, field: FieldReader<T>) => T {
  const table = new Map<string, T>();
  return (raw, field) => {
    if (raw === field.lastRaw) return field.last as T;
    let value = table.get(raw);
    if (value === undefined) {
      value = normalise(raw);
      if (table.size < MAX_INTERNED) table.set(detach(raw), value);
    }
    field.lastRaw = raw;
    field.last = value;
    return value;
  };
}

type ScoreReader = RatingReader['scores'][number];

/** A score column's answer in a row, trimmed; '' when unanswered or "not applicable". */
export function answerText(row: string[], s: ScoreReader): string {
  const text = trimmed(row[s.index] ?? '');
  return text !== '' && s.notApplicable.size > 0 && s.notApplicable.has(text.toLowerCase()) ? '' : text;
}

/** The number an answer stands for (the column's answer table first), or null. */
export function answerValue(text: string, s: ScoreReader): number | null {
  return s.values === null ? parseScore(text) : (s.values.get(text.toLowerCase()) ?? parseScore(text));
}

/**
 * The number of an answer that did not read as written, compared as a reader sees it (answerKey): a
 * label with a no-break space or a zero-width character matches its table. 'n/a' for a "not
 * applicable" code, null when it is still no answer.
 */
export function normalisedAnswerValue(text: string, s: ScoreReader): number | 'n/a' | null {
  const key = answerKey(text);
  if (s.notApplicable.has(key)) return 'n/a';
  return s.values?.get(key) ?? parseScore(key);
}

/** Why an answer is no score: not a number, or (with an answer table) no label of it, and the label it resembles. */
export function unreadAnswer(text: string, s: ScoreReader, header: string): { problem: string; kind: string; fix: string } {
  if (s.values === null) {
    const hidden = hiddenCharacters(text);
    return {
      problem: `${s.metric}: ${quoted(text)} is not a number${hidden ? ` (it has ${hidden})` : ''}`,
      kind: `${s.metric} not a number`,
      fix: `give column ${quoted(header)} a "values" table for its answer texts (e.g. {"column": ${JSON.stringify(header)}, "values": {${JSON.stringify(text)}: 1}}), or list ${quoted(text)} under "notApplicable" if it means no answer.`,
    };
  }
  const near = closest(text, [...s.values.keys()]);
  const hidden = hiddenCharacters(text);
  return {
    problem: `${s.metric}: ${quoted(text)} is not in the "values" table, nor a number${near === null ? '' : `; the nearest label is ${quoted(near)}`}${hidden ? ` (the answer has ${hidden})` : ''}`,
    kind: `${s.metric} not a number`,
    fix: `add ${quoted(text)} to the "values" table of column ${quoted(header)}${near === null ? '' : ` (or correct it to ${quoted(near)} in the export)`}, or list it under "notApplicable" if it means no answer.`,
  };
}

/** Why a single-choice answer is none of the item's options, and the option it resembles. */
export function unreadChoice(text: string, c: ChoiceSource, header: string): { problem: string; kind: string; fix: string } {
  const near = closest(text, c.labels);
  const hidden = hiddenCharacters(text);
  return {
    problem: `${c.id}: ${quoted(text)} is not one of the options${near === null ? '' : `; the nearest is ${quoted(near)}`}${hidden ? ` (the answer has ${hidden})` : ''}`,
    kind: `${c.id} not an option`,
    fix: `add ${quoted(text)} to the "options" of item ${quoted(c.id)} (column ${quoted(header)})${near === null ? '' : `, or correct it to ${quoted(near)} in the export`}, or list it under "notApplicable" if it means no answer.`,
  };
}

/** A blank response: every score and comment column of the row empty (a form opened and sent unanswered). */
export function isBlankResponse(row: string[], readers: RatingReader[]): boolean {
  for (const r of readers) {
    for (const s of r.scores) if (trimmed(row[s.index] ?? '') !== '') return false;
    for (const c of r.choices) if (trimmed(row[c.index] ?? '') !== '') return false;
    if (r.comment >= 0 && trimmed(row[r.comment] ?? '') !== '') return false;
  }
  return true;
}

/** Whether a row has an answer in a score column and every answer reads as a score. */
export function readsAsData(row: string[], readers: RatingReader[]): boolean {
  let answers = 0;
  for (const r of readers) {
    for (const s of r.scores) {
      const text = answerText(row, s);
      if (text === '') continue;
      if (answerValue(text, s) === null) return false;
      answers++;
    }
  }
  return answers > 0;
}

export function dataInHeader(file: string, line: number, mapping: Mapping): PolkuError {
  return new PolkuError(
    `line ${line} is left out as a header line ("headerRows": ${mapping.headerRows}), but its scores read as answers: it looks like data`,
    { file, line },
    `set "headerRows" in ${mapping.source} to the number of lines this export's header has (1 when only the first line names the columns).`,
  );
}

/** A field's column (index ≥ 0) or, with index −1, the same text on every row. */
export interface FieldReader<T> {
  index: number;
  constant: string;
  /** The last text read and its normalised id or group (a one-entry cache). */
  lastRaw: string | null;
  last: T | null;
}

/** A rating plan laid out for the row loop: plain fields, no lookups by name. */
export interface RatingReader {
  journey: FieldReader<string>;
  touchpoint: FieldReader<string>;
  channel: FieldReader<Group>;
  segment: FieldReader<Group>;
  comment: number;
  choices: ChoiceSource[];
  /** Lower-cased answers that mean "not applicable" in a single-choice column (the top-level list). */
  choiceNotApplicable: Set<string>;
  scores: {
    metric: Metric;
    index: number;
    values: Map<string, number> | null;
    notApplicable: Set<string>;
    /** Neither an answer table nor "not applicable" codes: a number is read as it is. */
    plain: boolean;
    offset: number;
    min: number;
    max: number;
    integer: boolean;
  }[];
}

function fieldReader<T>(source: FieldSource | null): FieldReader<T> {
  const reader: FieldReader<T> = { index: -1, constant: '', lastRaw: null, last: null };
  if (source === null) return reader;
  return 'constant' in source ? { ...reader, constant: source.constant } : { ...reader, index: source.index };
}

export function ratingReader(r: RatingPlan, scales: Scales, notApplicable: string[]): RatingReader {
  return {
    choices: r.choices,
    choiceNotApplicable: new Set(notApplicable.map(answerKey)),
    journey: fieldReader(r.journey),
    touchpoint: fieldReader(r.touchpoint),
    channel: fieldReader(r.channel),
    segment: fieldReader(r.segment),
    comment: r.comment ?? -1,
    scores: r.scores.map(([metric, s]) => ({ metric, index: s.index, values: s.values, notApplicable: s.notApplicable, plain: s.values === null && s.notApplicable.size === 0, offset: s.offset, ...scales[metric] })),
  };
}


/**
 * A row's respondent; a wide export without ids (Google Forms) has one respondent per row, and so
 * does a row with a blank id under "blankResponseId": "own-respondent".
 */
export function responseIdOf(row: string[], line: number, p: ColumnPlan): string {
  if (p.responseId === null) return `line ${line}`;
  const id = trimmed(row[p.responseId] ?? '');
  return id === '' && p.ownRespondents ? `line ${line}` : id;
}

/** trim() without a call when there is nothing to trim, the common case. */
export function trimmed(text: string): string {
  const n = text.length;
  return n === 0 || (text.charCodeAt(0) > 32 && text.charCodeAt(n - 1) > 32) ? text : text.trim();
}

/** Excel pads rows with empty trailing fields (`;;;`); those are not extra data. */
export function extraFieldsAreEmpty(row: string[], expected: number): boolean {
  for (let i = expected; i < row.length; i++) if (row[i]!.trim() !== '') return false;
  return true;
}
