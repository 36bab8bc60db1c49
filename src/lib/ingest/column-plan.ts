// A mapping (mapping.ts) resolved against a file's header: which column holds what, for the row
// loop. Apart from the mapping file's schema, so that a worker thread that reads rows does not load
// the schema library (zod: about 150 ms of a worker's start).
import { listed, PolkuError, quoted } from '../common/errors.ts';
import type { Choice, Mapping, ScoreColumn } from '../project/mapping.ts';
import type { ChoiceItem } from '../stats/aggregate.ts';
import { DEFAULT_SCALES, METRICS, type Metric, type Scales } from '../stats/metrics.ts';
import { parseScore } from '../read/parse-value.ts';
import { closest, comparable, headerKey, hiddenCharacters, keyOf } from '../project/similar-text.ts';

/** Where a field's value comes from in a row: a column, or the same text for every row. */
export type FieldSource = { index: number } | { constant: string };

export interface ScoreSource {
  index: number;
  header: string;
  /** Answer labels to numbers, keyed by answerKey. */
  values: Map<string, number> | null;
  offset: number;
  /** Lower-cased answers that mean "not applicable": no rating, no rejection. */
  notApplicable: Set<string>;
}

/** A single-choice column: the option each answer is (by answerKey), counted in item `item` of the sums' layout. */
export interface ChoiceSource {
  index: number;
  /** The item's id and options as the mapping writes them, for messages. */
  id: string;
  labels: string[];
  item: number;
  options: Map<string, number>;
}

/** How to read one rating out of a row; the long layout has one, the wide layout one per question. */
export interface RatingPlan {
  journey: FieldSource;
  touchpoint: FieldSource;
  channel: FieldSource | null;
  segment: FieldSource | null;
  comment: number | null;
  scores: [Metric, ScoreSource][];
  choices: ChoiceSource[];
}

/** A header that is neither mapped nor ignored, and the field or column it resembles. */
export interface UnmappedColumn {
  column: string;
  /** e.g. `did you mean "emotion"?`, with the characters that differ when they are invisible. */
  suggestion: string | null;
}

export interface ColumnPlan {
  /** null in a wide export without respondent ids: each row is then its own respondent. */
  responseId: number | null;
  /** Whether a row without an id (no column, or a blank one under "blankResponseId") is its own respondent. */
  ownRespondents: boolean;
  submittedAt: number | null;
  ratings: RatingPlan[];
  /** The first MAX_LISTED_COLUMNS headers neither mapped nor ignored, and how many there are. */
  unmapped: UnmappedColumn[];
  unmappedCount: number;
}

/** Unmapped headers kept with their suggestions, as many as a message lists: a header can have 200,000. */
export const MAX_LISTED_COLUMNS = 20;

/**
 * The touchpoint id under which a journey-level question's ratings are tallied: a cell of its own,
 * in no stage, so in none of the journey's sums. Not a slug, so no content's touchpoint can have it.
 */
export const JOURNEY_LEVEL = '*journey';

/** How an answer label or a "not applicable" code is looked up: as a reader sees it, any case. */
export const answerKey = (text: string) => comparable(text).toLowerCase();



/** Polku's field names, which an unmapped header may be meant as. */
const FIELDS = ['response_id', 'submitted_at', 'journey', 'touchpoint', 'channel', 'segment', 'comment', ...METRICS];

/** Headers (as headerKey gives them) that exports use for a field under another name. */
const SYNONYMS: Record<string, string> = {
  date: 'submitted_at', timestamp: 'submitted_at', päivämäärä: 'submitted_at', aikaleima: 'submitted_at',
  id: 'response_id', respondentid: 'response_id', responseid: 'response_id', vastaustunnus: 'response_id',
  comments: 'comment', kommentti: 'comment', feedback: 'comment',
};

/** Appends in place, not a copy per column: a header can repeat one name 200,000 times. */
function addColumn(columns: Map<string, number[]>, name: string, index: number): void {
  const list = columns.get(name);
  if (list) list.push(index);
  else columns.set(name, [index]);
}

/** A file's header: its columns found by the names a mapping gives them, written exactly or by key. */
class Header {
  private readonly byKey = new Map<string, number[]>();
  private readonly byText = new Map<string, number[]>();
  /** Each header's key ('' for a blank one), and the columns a field was found in. */
  readonly keys: string[];
  readonly used = new Set<number>();
  /** The headers, listed for messages. */
  readonly known: string;
  private readonly row: string[];
  private readonly file: string;
  private readonly mapping: Mapping;
  private readonly scales: Scales;

  constructor(row: string[], file: string, mapping: Mapping, scales: Scales) {
    this.row = row;
    this.file = file;
    this.mapping = mapping;
    this.scales = scales;
    this.keys = row.map((h, i) => {
      const text = comparable(h);
      const key = keyOf(text);
      if (key) {
        addColumn(this.byKey, key, i);
        addColumn(this.byText, text, i);
      }
      return key;
    });
    this.known = listed(row, (h) => quoted(h.trim()));
  }

  /**
   * The header written exactly as named wins; otherwise one whose key matches. Two candidates are an
   * error: Q1_1 and Q11 (the same key) or a question title asked twice must not pick a column by luck.
   */
  columnOf(name: string, mapped: boolean): number | null {
    const { file, mapping } = this;
    const exact = this.byText.get(comparable(name));
    const candidates = exact ?? this.byKey.get(headerKey(name)) ?? [];
    if (candidates.length === 1) return this.used.add(candidates[0]!), candidates[0]!;
    if (candidates.length > 1) {
      const columns = listed(candidates, (i) => `${i + 1} (${quoted(this.row[i]!.trim())})`, ' and ');
      throw new PolkuError(
        `${mapped ? 'the mapping names' : 'Polku looks for'} column ${quoted(name)}, and the header has more than one that matches it: columns ${columns}`,
        { file, line: 1, column: candidates[1]! + 1 },
        exact
          ? 'rename the repeated headers in the export so that each is different (e.g. add the touchpoint to a question asked twice), then name the one you mean in the mapping.'
          : `name the column exactly as the header writes it in ${mapping.source} (case, spaces and underscores count then), or rename the headers so that they differ by more than those.`,
      );
    }
    if (!mapped) return null;
    const near = closest(name, this.row);
    throw new PolkuError(
      `the mapping names column ${quoted(name)}, which this file's header does not have${near === null ? '' : `; the header has ${quoted(near.trim())}${differences(near)}`}`,
      { file, line: 1 },
      `use one of the headers in the file (${this.known}), or fix the mapping in ${mapping.source}.`,
    );
  }

  /** A field's column; long-layout defaults: Polku's own field names as headers. */
  column(field: Exclude<keyof Mapping['columns'], 'choices'>): number | null {
    const spec = this.mapping.columns[field];
    if (spec === undefined) return this.columnOf(field, false);
    return this.columnOf(typeof spec === 'string' ? spec : spec.column, true);
  }

  source(field: 'journey' | 'touchpoint' | 'channel' | 'segment'): FieldSource | null {
    const constant = this.mapping.constants[field];
    if (constant !== undefined) return { constant };
    const index = this.column(field);
    return index === null ? null : { index };
  }

  /** The single-choice columns of a mapping entry, each with its item's place in `items` (choiceItems). */
  choices(choices: Choice[] | undefined, items: ChoiceItem[]): ChoiceSource[] {
    return (choices ?? []).map((c) => ({
      index: this.columnOf(c.column, true)!,
      id: c.id,
      labels: c.options,
      item: items.findIndex((item) => item.id === c.id),
      options: new Map(c.options.map((o, i) => [answerKey(o), i])),
    }));
  }

  score(spec: ScoreColumn | undefined, metric: Metric, mapped: boolean): ScoreSource | null {
    const { mapping, scales } = this;
    const name = spec === undefined ? metric : typeof spec === 'string' ? spec : spec.column;
    const index = this.columnOf(name, mapped && spec !== undefined);
    if (index === null) return null;
    const table = typeof spec === 'object' ? this.answerTable(spec, name) : undefined;
    const values = table ? new Map(Object.entries(table).map(([k, v]) => [answerKey(k), v])) : null;
    const offset = typeof spec === 'object' ? (spec.offset ?? 0) : 0;
    const own = typeof spec === 'object' ? spec.notApplicable : undefined;
    const notApplicable = new Set((own ?? mapping.notApplicable).map(answerKey));
    // A "not applicable" code that is also a real answer would drop real answers without a trace.
    for (const code of notApplicable) {
      const number = values?.get(code) ?? parseScore(code);
      const value = number === null ? null : number + offset;
      if (value !== null && value >= scales[metric].min && value <= scales[metric].max) {
        throw new PolkuError(
          `the "not applicable" code ${JSON.stringify(code)} is a valid ${metric} answer (${value} on ${scales[metric].min}–${scales[metric].max}) in column ${JSON.stringify(name)}`,
          { file: mapping.source },
          `give this column its own list, e.g. {"column": ${JSON.stringify(name)}, "notApplicable": []}, or remove the code from the top-level "notApplicable".`,
        );
      }
    }
    return { index, header: this.row[index]!.trim(), values, offset, notApplicable };
  }

  /** A column's answer labels: its named scale's, then its own. */
  private answerTable(spec: Exclude<ScoreColumn, string>, name: string): Record<string, number> | undefined {
    if (spec.scale === undefined) return spec.values;
    const scales = this.mapping.answerScales;
    const named = Object.hasOwn(scales, spec.scale) ? scales[spec.scale] : undefined;
    if (named === undefined) {
      const known = Object.keys(scales);
      const near = closest(spec.scale, known);
      throw new PolkuError(
        `column ${quoted(name)} names the answer scale ${quoted(spec.scale)}, which "answerScales" does not define${near === null ? '' : `; did you mean ${quoted(near)}?`}`,
        { file: this.mapping.source },
        known.length === 0 ? `define it once at the top of the mapping: "answerScales": {${JSON.stringify(spec.scale)}: {"values": {"Agree": 4, …}}}.` : `use one of ${listed(known, quoted)}, or define ${quoted(spec.scale)} under "answerScales".`,
      );
    }
    return { ...named.values, ...spec.values };
  }

  /** The score columns a mapping entry names (`of(metric)`), in the order of METRICS. */
  scores(of: (metric: Metric) => ScoreColumn | undefined, named: boolean): [Metric, ScoreSource][] {
    return METRICS.flatMap((m) => {
      const spec = of(m);
      const s = named && spec === undefined ? null : this.score(spec, m, true);
      return s ? [[m, s] as [Metric, ScoreSource]] : [];
    });
  }

  missing(what: string, hint: string): PolkuError {
    return new PolkuError(`required column ${what} is missing`, { file: this.file, line: 1 }, `${hint} The header has: ${this.known}.`);
  }
}

/**
 * The single-choice items a mapping names, in order of first mention: the sums' layout (sumsLayout).
 * An id met again (the same item at another touchpoint) must list the same options.
 */
export function choiceItems(mapping: Mapping): ChoiceItem[] {
  const items = new Map<string, string[]>();
  for (const choice of [...(mapping.columns.choices ?? []), ...mapping.questions.flatMap((q) => q.choices ?? [])]) {
    const known = items.get(choice.id);
    const keys = choice.options.map(answerKey);
    const repeated = keys.find((k, i) => keys.indexOf(k) !== i);
    if (repeated !== undefined) {
      throw new PolkuError(`single-choice item ${quoted(choice.id)} lists the option ${quoted(choice.options[keys.indexOf(repeated)]!)} twice (options are compared ignoring case and spaces)`, { file: mapping.source }, 'list each option once.');
    }
    if (known === undefined) items.set(choice.id, choice.options);
    else if (known.length !== keys.length || known.some((o, i) => answerKey(o) !== keys[i])) {
      throw new PolkuError(
        `single-choice item ${quoted(choice.id)} is listed with different options (${listed(known, quoted)}, then ${listed(choice.options, quoted)})`,
        { file: mapping.source },
        'the same id is the same item wherever it is asked: give it the same options in the same order, or give the other item an id of its own.',
      );
    }
  }
  return [...items].map(([id, options]) => ({ id, options }));
}

/** The columns every rating of a row shares, where the mapping does not set them per question. */
type RowFields = Pick<RatingPlan, 'channel' | 'segment' | 'comment'> & { journey: FieldSource | null };

export function planColumns(mapping: Mapping, headerRow: string[], file: string, scales: Scales = DEFAULT_SCALES): ColumnPlan {
  const header = new Header(headerRow, file, mapping, scales);
  const responseId = header.column('response_id');
  if (responseId === null && mapping.layout === 'long' && mapping.blankResponseId === 'reject') {
    throw header.missing('"response_id"', `add it to the export, or name the column in ${mapping.source} ("columns": {"response_id": "..."}).`);
  }
  // The wide layout's comments are in its questions (mapping.ts refuses "comment" under "columns").
  const comment = mapping.layout === 'long' ? header.column('comment') : null;
  const row: RowFields = { journey: header.source('journey'), channel: header.source('channel'), segment: header.source('segment'), comment };
  const items = choiceItems(mapping);
  const ratings = mapping.layout === 'long' ? [longRating(header, mapping, row, items)] : wideRatings(header, mapping, row, items);
  const submittedAt = header.column('submitted_at');
  const ownRespondents = responseId === null || mapping.blankResponseId === 'own-respondent';
  return { responseId, ownRespondents, submittedAt, ratings, ...unmappedColumns(headerRow, header.keys, header.used, mapping) };
}

/** What tells a header apart from the name it resembles, when a reader cannot see it. */
function differences(header: string): string {
  const hidden = hiddenCharacters(header);
  return hidden === null ? '' : ` (it has ${hidden})`;
}

/** Headers neither mapped nor ignored; each with the field it may be meant as. */
function unmappedColumns(headerRow: string[], keys: string[], used: Set<number>, mapping: Mapping): Pick<ColumnPlan, 'unmapped' | 'unmappedCount'> {
  const ignored = new Set(mapping.ignore.map(headerKey));
  const unmapped: UnmappedColumn[] = [];
  let unmappedCount = 0;
  headerRow.forEach((h, i) => {
    const key = keys[i]!;
    if (used.has(i) || key === '' || ignored.has(key)) return;
    if (unmappedCount++ >= MAX_LISTED_COLUMNS) return;
    const near = SYNONYMS[key] ?? closest(h, FIELDS);
    unmapped.push({ column: h.trim(), suggestion: near === null ? null : `did you mean ${quoted(near)}?${differences(h)}` });
  });
  return { unmapped, unmappedCount };
}

/** The long layout: a row is one rating, of the touchpoint and with the scores its columns give. */
function longRating(header: Header, mapping: Mapping, { journey, channel, segment, comment }: RowFields, items: ChoiceItem[]): RatingPlan {
  const touchpoint = header.source('touchpoint');
  if (!journey) throw header.missing('"journey"', `name it in ${mapping.source}, or give one journey for the whole file ("constants": {"journey": "..."}).`);
  if (!touchpoint) throw header.missing('"touchpoint"', `name it in ${mapping.source} ("columns": {"touchpoint": "..."}).`);
  const scores = header.scores((m) => mapping.columns[m], false);
  const choices = header.choices(mapping.columns.choices, items);
  if (scores.length === 0 && choices.length === 0) throw header.missing(`with a score (${METRICS.slice(0, -1).join(', ')} or ${METRICS.at(-1)})`, `name the score columns (or "choices") in ${mapping.source}.`);
  return { journey, touchpoint, channel, segment, comment, scores, choices };
}

/** A question's touchpoint id; JOURNEY_LEVEL for a question about the whole journey. */
function questionTouchpoint(q: Mapping['questions'][number], i: number, source: string): string {
  if (q.level === 'journey') {
    if (q.touchpoint === undefined) return JOURNEY_LEVEL;
    throw new PolkuError(`question ${i + 1} is about the whole journey ("level": "journey") and names touchpoint ${quoted(q.touchpoint)}`, { file: source }, 'remove "touchpoint" from a journey-level question, or "level" from a touchpoint\'s.');
  }
  if (q.touchpoint !== undefined) return q.touchpoint;
  throw new PolkuError(`question ${i + 1} names no touchpoint`, { file: source }, 'give it "touchpoint": "...", or "level": "journey" for a question about the whole journey (an overall NPS, rating or comment).');
}

/** The wide layout: a row holds a rating of each question's touchpoint, from its own columns. */
function wideRatings(header: Header, mapping: Mapping, { journey, channel, segment }: RowFields, items: ChoiceItem[]): RatingPlan[] {
  const seenTouchpoints = new Set<string>();
  return mapping.questions.map((q, i) => {
    const touchpoint = questionTouchpoint(q, i, mapping.source);
    const name = touchpoint === JOURNEY_LEVEL ? 'the journey' : touchpoint;
    const key = `${q.journey ?? ''}\u0000${touchpoint.trim().toLowerCase()}`;
    if (seenTouchpoints.has(key)) {
      throw new PolkuError(`question ${i + 1} names ${touchpoint === JOURNEY_LEVEL ? 'the journey level' : `touchpoint "${touchpoint}"`} again`, { file: mapping.source }, `give each touchpoint, and each journey's overall questions, one entry in "questions", with all its score columns.`);
    }
    seenTouchpoints.add(key);
    const qJourney: FieldSource | null = q.journey ? { constant: q.journey } : journey;
    if (!qJourney) {
      throw new PolkuError(`question ${i + 1} (${name}) has no journey`, { file: mapping.source }, 'set "constants": {"journey": "..."} or "journey" on the question.');
    }
    const scores = header.scores((m) => q[m], true);
    const choices = header.choices(q.choices, items);
    if (scores.length === 0 && choices.length === 0) {
      throw new PolkuError(`question ${i + 1} (${name}) names no score column`, { file: mapping.source }, `give at least one of ${METRICS.join(', ')}, or "choices".`);
    }
    return {
      journey: qJourney,
      touchpoint: { constant: touchpoint },
      channel: q.channel ? { constant: q.channel } : channel,
      segment,
      comment: q.comment === undefined ? null : header.columnOf(q.comment, true),
      scores,
      choices,
    };
  });
}
