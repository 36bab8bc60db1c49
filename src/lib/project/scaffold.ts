// `npm run init`: from one survey export to a mapping (data/mapping.jsonc) and content stubs that
// build on the first try. The export's tool is recognised from its header (presets.ts); each column
// is then recognised by its name (English and Finnish) and its answers (0–10 → NPS, 1–5 →
// satisfaction, agreement and yes/no labels, a rating from 1, free text → comment, dates →
// submitted_at); questions about the whole experience go to the journey level. Every choice is
// written into the mapping as a comment, with the columns left out and why.
import { PolkuError, listed, quoted } from '../common/errors.ts';
import { readCsv, type Delimiter } from '../read/read-csv.ts';
import type { Encoding } from '../read/decode.ts';
import { DEFAULT_SCALES, type Metric, type Scales } from '../stats/metrics.ts';
import type { FileMapping } from './mapping.ts';
import { idFrom, OVERALL_NAME, recogniseColumn, unique, type ColumnChoice, type Field } from './recognise-column.ts';
import { headerKey } from './similar-text.ts';
import { detectPreset, type Preset } from './presets.ts';

/** The start of an export: its first line and the lines after it (header lines included). */
export interface ExportSample {
  /** The export as named in messages and comments. */
  file: string;
  header: string[];
  rows: string[][];
  encoding: Encoding;
  delimiter: Delimiter;
}

/** Lines looked at to recognise the columns; enough to see every answer of a scale. */
const SAMPLE_ROWS = 2000;

export async function readExportSample(path: string, file: string): Promise<ExportSample> {
  let header: string[] = [];
  const rows: string[][] = [];
  const summary = await readCsv(path, file, { encoding: 'auto', delimiter: 'auto', sha256: false }, {
    header: (fields) => void (header = fields),
    rows: (batch) => {
      for (const row of batch) if (rows.length < SAMPLE_ROWS) rows.push(row);
    },
  });
  return { file, header, rows, encoding: summary.encoding, delimiter: summary.delimiter };
}

export interface TouchpointStub {
  id: string;
  title: string;
  /** The column or value it came from, for the stub's text. */
  from: string;
}

export interface JourneyStub {
  id: string;
  title: string;
  touchpoints: TouchpointStub[];
}

export interface Scaffold {
  preset: Preset | null;
  mapping: FileMapping;
  choices: ColumnChoice[];
  /** The journeys and touchpoints to write stubs for. */
  journeys: JourneyStub[];
  /** data/mapping.jsonc as written, comments included. */
  mappingText: string;
  /** Settings the mapping needs in polku.config.jsonc: a rating's scale when it is not the project's. */
  settings: { scales?: { rating: [number, number] } };
}

export interface ScaffoldOptions {
  /** The journey's id (lowercase letters, digits, hyphens). */
  journey: string;
  /** The project's scales (polku.config.jsonc), which the answers must fit. */
  scales?: Scales;
}

/** Recognises the export's columns and writes the mapping for them. Pure: no files are touched. */
export function scaffoldExport(sample: ExportSample, options: ScaffoldOptions): Scaffold {
  const preset = detectPreset(sample.header, sample.rows);
  const headerRows = preset ? preset.headerRows(sample.rows) : 1;
  const data = sample.rows.slice(headerRows - 1);
  const questions = preset?.id === 'qualtrics' ? sample.rows[0] ?? [] : [];
  const keys = sample.header.map(headerKey);
  const taken = new Set<Field>();
  const choices = sample.header.map((h, i): ColumnChoice => {
    const question = (questions[i] ?? '').trim();
    if (!h.trim()) return { header: '', question, role: 'ignored', why: `column ${i + 1} has no name in the first header line, so the mapping cannot name it` };
    if (keys.filter((k) => k === keys[i]).length > 1) return { header: h.trim(), question, role: 'ignored', why: 'another column has the same name (ignoring case, spaces, hyphens and underscores), so the mapping cannot tell them apart' };
    const values = data.map((row) => (row[i] ?? '').trim()).filter((v) => v !== '');
    const choice = recogniseColumn(h, question, values, preset, options.scales ?? DEFAULT_SCALES, taken);
    if (['response_id', 'submitted_at', 'journey', 'touchpoint', 'channel', 'segment'].includes(choice.role)) taken.add(choice.role as Field);
    if (choice.role === 'nps') taken.add('nps');
    return choice;
  });
  const ratingScale = oneRatingScale(choices);
  const ids = choices.find((c) => c.role === 'response_id');
  const idColumn = ids ? sample.header.findIndex((h) => h.trim() === ids.header) : -1;
  const repeated = idColumn >= 0 && new Set(data.map((r) => r[idColumn])).size < data.length;
  const long = choices.some((c) => c.role === 'touchpoint') && (repeated || choices.some((c) => c.role === 'journey'));
  const journeys = new Map<string, JourneyStub>();
  const journeyOf = (id: string) => journeys.get(id) ?? journeys.set(id, { id, title: titleFrom(id), touchpoints: [] }).get(id)!;
  const mapping: FileMapping = {};
  if (headerRows > 1) mapping.headerRows = headerRows;
  const date = choices.find((c) => c.role === 'submitted_at');
  if (date?.dateFormat && date.dateFormat !== 'auto') mapping.dateFormat = date.dateFormat;
  const scores = choices.filter((c) => c.spec !== undefined);
  if (scores.length === 0) {
    throw new PolkuError(
      'no column of the export reads as a score (0–10 recommendation, 1–5 satisfaction, or a column named like nps, csat, ces, emotion)',
      { file: sample.file, line: 1 },
      `write data/mapping.jsonc by hand (see "Mapping file" in README.md). The columns: ${listed(choices, (c) => `${quoted(c.header)} (${c.why})`)}.`,
    );
  }
  const columns: NonNullable<FileMapping['columns']> = {};
  for (const c of choices) if (['response_id', 'submitted_at', 'journey', 'touchpoint', 'channel', 'segment'].includes(c.role)) columns[c.role as 'response_id'] = c.header;
  if (long) {
    mapping.layout = 'long';
    for (const c of choices) if (c.spec !== undefined || c.role === 'comment') columns[c.role as 'comment'] = (c.spec ?? c.header) as string;
    if (!columns.journey) mapping.constants = { journey: options.journey };
    // Content for every journey and touchpoint id the rows hold; values that cannot be ids (spaces,
    // capitals inside) get none and are reported by the build as ids without content.
    const column = (name: string | undefined) => sample.header.findIndex((h) => h.trim() === name);
    const [jColumn, tColumn] = [column(columns.journey), column(columns.touchpoint)];
    const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
    for (const row of data) {
      const j = jColumn >= 0 ? (row[jColumn] ?? '').trim().toLowerCase() : options.journey;
      const t = (row[tColumn] ?? '').trim().toLowerCase();
      if (!ID.test(j) || !ID.test(t)) continue;
      const stubs = journeyOf(j).touchpoints;
      if (!stubs.some((s) => s.id === t)) stubs.push({ id: t, title: titleFrom(t), from: `the value ${quoted(t)} of column ${quoted(columns.touchpoint!)}` });
    }
  } else {
    mapping.layout = 'wide';
    mapping.constants = { journey: options.journey };
    markJourneyLevel(scores);
    mapping.questions = wideQuestions(choices, journeyOf(options.journey));
  }
  const answerScales = Object.fromEntries(choices.flatMap((c) => (c.answerScale ? [[c.answerScale.name, { values: c.answerScale.values }]] : [])));
  if (Object.keys(answerScales).length) mapping.answerScales = answerScales;
  const projectRating = options.scales?.rating ?? DEFAULT_SCALES.rating;
  const settings: Scaffold['settings'] = ratingScale && (ratingScale[0] !== projectRating.min || ratingScale[1] !== projectRating.max) ? { scales: { rating: ratingScale } } : {};
  // Every column is accounted for: the build warns of a column neither mapped nor ignored.
  const ignored = choices.filter((c) => ['ignored', 'metadata', 'personal'].includes(c.role) && c.header !== '').map((c) => c.header);
  if (ignored.length) mapping.ignore = ignored;
  if (Object.keys(columns).length) mapping.columns = columns;
  return { preset, mapping, choices, journeys: [...journeys.values()], mappingText: mappingText(sample, preset, mapping, choices, settings), settings };
}

/** The project has one rating scale (polku.config.jsonc): the first rating's; a rating on another is left out, saying why. */
function oneRatingScale(choices: ColumnChoice[]): [number, number] | null {
  let scale: [number, number] | null = null;
  for (const c of choices) {
    if (!c.ratingScale) continue;
    if (!scale) scale = c.ratingScale;
    else if (c.ratingScale[1] !== scale[1]) {
      c.why = `a rating on ${c.ratingScale.join('–')}, while ${quoted(choices.find((r) => r.ratingScale === scale)!.header)} is on ${scale.join('–')}: a project has one rating scale ("scales" in polku.config.jsonc)`;
      c.role = 'ignored';
      delete c.spec;
    }
  }
  return scale;
}

/**
 * Questions about the whole experience go to the journey level: those named like "overall" or
 * "kokonais", and a recommendation (0–10 or yes/no), which is about the whole course, flight or shop,
 * the first of each measure. Only when at least two questions stay with touchpoints: in a short
 * form whose one other question is a touchpoint's, the recommendation is as likely to be about it.
 */
function markJourneyLevel(scores: ColumnChoice[]): void {
  const metrics = new Set<string>();
  const overall = scores.filter((c) => {
    const words = `${c.header} ${c.question}`;
    const about = OVERALL_NAME.test(words) || c.role === 'nps' || (c.role === 'yesno' && /recommend|suosittel/i.test(words));
    if (!about || metrics.has(c.role)) return false;
    metrics.add(c.role);
    return true;
  });
  if (scores.length - overall.length < 2) return;
  for (const c of overall) {
    c.level = 'journey';
    c.why += `; about the whole experience (${OVERALL_NAME.test(`${c.header} ${c.question}`) ? 'named so' : 'a recommendation'}), beside ${scores.length - overall.length} questions about touchpoints: a journey-level question`;
  }
}

/** The wide layout's questions: one per score column, each with the free-text column after it as its comment. */
function wideQuestions(choices: ColumnChoice[], journey: JourneyStub): NonNullable<FileMapping['questions']> {
  const used = new Set<string>();
  const entries: NonNullable<FileMapping['questions']> = [];
  let last: (typeof entries)[number] | null = null;
  let whole: (typeof entries)[number] | null = null;
  const pendingComments: ColumnChoice[] = [];
  const lastScore = choices.findLastIndex((c) => c.spec !== undefined);
  for (const [i, c] of choices.entries()) {
    if (c.spec !== undefined && c.level === 'journey') {
      // One entry holds the journey's questions; it takes a comment only as below.
      if (!whole) entries.push((whole = { level: 'journey' }));
      whole[c.role as Metric] = c.spec;
    } else if (c.role === 'comment' && i > lastScore && whole && !whole.comment) {
      // The form's closing free text ("anything else?", "what could we improve?"), after every score, is about the whole journey.
      whole.comment = c.header;
      c.why += '; after the last question, so the comment on the whole journey';
    } else if (c.spec !== undefined) {
      const title = c.question || c.header;
      const id = unique(idFrom(title, `question-${entries.length + 1}`), used);
      last = { touchpoint: id, [c.role]: c.spec };
      if (pendingComments.length) last.comment = pendingComments.shift()!.header;
      entries.push(last);
      journey.touchpoints.push({ id, title, from: `column ${quoted(c.header)}` });
    } else if (c.role === 'comment') {
      // A comment goes with the question before it (the usual "why?" after a score).
      if (last && !last.comment) last.comment = c.header;
      else if (!last) pendingComments.push(c);
      else c.role = 'ignored', (c.why = 'a second free-text column for the same question (a question takes one comment)');
    }
  }
  // More free-text columns before the first score than questions: each must still be accounted for.
  for (const c of pendingComments) (c.role = 'ignored'), (c.why = 'free text before the questions, more such columns than questions to give them to (a question takes one comment)');
  return entries;
}

const titleFrom = (id: string) => id.charAt(0).toUpperCase() + id.slice(1).replace(/-/g, ' ');

function mappingText(sample: ExportSample, preset: Preset | null, mapping: FileMapping, choices: ColumnChoice[], settings: Scaffold['settings']): string {
  const lines = [
    `// Written by \`npm run init\` from ${sample.file} (${sample.encoding}, delimiter ${JSON.stringify(sample.delimiter)}).`,
    preset ? `// Recognised as a ${preset.name} export. Structure: ${preset.source}.` : '// Not recognised as a known tool\'s export: the columns were recognised by their names and answers.',
    '// Edit freely (see "Mapping file" in README.md), then run `npm run build`.',
    '//',
    '// Every column of the export:',
  ];
  for (const c of choices) {
    const label = c.header ? quoted(c.header) : '(no name)';
    const question = c.question && c.question !== c.header ? ` ("${c.question.slice(0, 60)}")` : '';
    const what = c.role === 'metadata' ? 'ignored on purpose' : c.role === 'personal' ? 'NEVER mapped' : c.role === 'ignored' ? 'ignored' : `→ ${c.role}`;
    lines.push(`//   ${label}${question} ${what}${c.level ? ' (journey level)' : ''}: ${c.why}`);
  }
  if (settings.scales) lines.push('//', `// polku.config.jsonc: "scales": { "rating": [${settings.scales.rating.join(', ')}] } (written by init): the ratings' scale, which the build reads there.`);
  return `${lines.join('\n')}\n${JSON.stringify(mapping, null, 2)}\n`;
}

/** The journey's YAML, with one stage for every touchpoint until the stages are written. */
export function journeyStub(journey: JourneyStub): string {
  return [
    '# Written by `npm run init`: give the journey its title, summary and stages, then move each',
    '# touchpoint to its stage (the "stage" field of its playbook).',
    `title: ${JSON.stringify(journey.title)}`,
    `summary: ${JSON.stringify(`Customers' feedback on ${journey.title.toLowerCase()}, by touchpoint.`)}`,
    'stages:',
    '  - id: experience',
    '    title: Experience',
    '',
  ].join('\n');
}

export function touchpointStub(journeyId: string, touchpoint: TouchpointStub, order: number): string {
  return [
    '---',
    `title: ${JSON.stringify(touchpoint.title.slice(0, 120))}`,
    `journey: ${journeyId}`,
    'stage: experience',
    `order: ${order}`,
    'channels: []',
    'owner: "To be named"',
    `promise: ${JSON.stringify('To be written: the promise in the customer\'s words.')}`,
    'target: 1',
    'expected: 0',
    'escalation: "To be named"',
    '---',
    '',
    `A stub written by \`npm run init\` for ${touchpoint.from}. Write the playbook here: what the customer`,
    'should experience, what the front line does, and how to recover when it goes wrong.',
    '',
  ].join('\n');
}
