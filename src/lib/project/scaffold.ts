// `npm run init`: from one survey export to a mapping (data/mapping.jsonc) and content stubs that
// build on the first try. The export's tool is recognised from its header (presets.ts); each column
// is then recognised by its name (English and Finnish) and its answers (0–10 → NPS, 1–5 →
// satisfaction, agreement and yes/no labels, a rating from 1, free text → comment, dates →
// submitted_at); questions about the whole experience go to the journey level. Every choice is
// written into the mapping as a comment, with the columns left out and why.
import { PolkuError, listed, quoted } from '../common/errors.ts';
import { formatsThatRead, parseDay, parseScore, type DateOrder } from '../read/parse-value.ts';
import { readCsv, type Delimiter } from '../read/read-csv.ts';
import type { Encoding } from '../read/decode.ts';
import { DEFAULT_SCALES, type Metric, type Scale, type Scales } from '../stats/metrics.ts';
import type { FileMapping, ScoreColumn } from './mapping.ts';
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

type Field = 'response_id' | 'submitted_at' | 'journey' | 'touchpoint' | 'channel' | 'segment' | 'comment' | Metric;

/** What became of a column, and why: written into the mapping's comments. */
export interface ColumnChoice {
  header: string;
  /** The question as the export words it (Qualtrics' second line), when it differs from the header. */
  question: string;
  role: Field | 'metadata' | 'personal' | 'ignored';
  why: string;
  spec?: ScoreColumn;
  dateFormat?: DateOrder;
  /** The named answer scale (answerScales) the column's labels are, when they are a known set. */
  answerScale?: { name: LabelSet; values: Record<string, number> };
  /** A rating's scale, read from its answers (polku.config.jsonc "scales.rating"). */
  ratingScale?: [number, number];
  /** A question about the whole experience: the journey-level entry of the wide layout. */
  level?: 'journey';
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

const NAME_RULES: [Field, RegExp][] = [
  ['response_id', /^(id|response ?_?id|respondent( id)?|vastaaja(n)?( ?id| tunnus)?|vastaustunnus)$/i],
  ['submitted_at', /date|päivä|submitted|timestamp|aikaleima|recorded|completion time|vastausaika|pvm/i],
  ['journey', /^(journey|polku|asiakaspolku)$/i],
  ['touchpoint', /^(touchpoint|kosketuspiste)$/i],
  ['channel', /^(channel|kanava)$/i],
  ['segment', /^(segment|asiakasryhmä|customer type|asiakastyyppi)$/i],
  ['nps', /recommend|suosittel|\bnps\b/i],
  ['csat', /satisf|tyytyv|\bcsat\b/i],
  ['ces', /effort|vaiva|\bces\b|easy|helppo/i],
  ['emotion', /emotion|feel|tunne|tunte/i],
  ['expectation', /expect|odot/i],
  ['agreement', /\bagree|samaa mieltä|eri mieltä/i],
  ['rating', /rating|overall|arvosana|arvio|tähde|tähti|\bstars?\b/i],
  ['comment', /comment|kommentti|palaute|feedback|\bwhy\b|miksi|open-ended|kerro/i],
];

/** Who answered or where from: never mapped to anything, whatever the tool. */
const PERSONAL = /ip ?address|e-?mail|sähköposti|first ?name|last ?name|^name$|^nimi$|etunimi|sukunimi|latitude|longitude|phone|puhelin|recipient/i;

/** Answer texts that survey tools write for a 5-point satisfaction question, English and Finnish. */
const SATISFACTION_LABELS: Record<string, number> = {
  'very satisfied': 5, satisfied: 4, 'somewhat satisfied': 4, 'neither satisfied nor dissatisfied': 3, 'somewhat dissatisfied': 2, dissatisfied: 2, 'very dissatisfied': 1,
  'erittäin tyytyväinen': 5, tyytyväinen: 4, 'melko tyytyväinen': 4, 'ei tyytyväinen eikä tyytymätön': 3, 'melko tyytymätön': 2, tyytymätön: 2, 'erittäin tyytymätön': 1,
};
/** The end labels a 0–10 recommendation question's choice texts have. */
const NPS_LABELS: Record<string, number> = { 'not at all likely': 0, 'extremely likely': 10, 'en lainkaan todennäköisesti': 0, 'erittäin todennäköisesti': 10 };
/**
 * Answer labels of the item types that have a fixed set of them, English and Finnish, as written into
 * the mapping's answerScales. A frequency item ("never" … "always") is mapped as agreement for now:
 * both are five ordered labels whose top two are the favourable answers, and Polku has no frequency
 * measure of its own.
 */
const LABEL_SETS = {
  agreement: {
    en: { 'Strongly disagree': 1, Disagree: 2, 'Neither agree nor disagree': 3, Agree: 4, 'Strongly agree': 5 },
    fi: { 'Täysin eri mieltä': 1, 'Jokseenkin eri mieltä': 2, 'Ei samaa eikä eri mieltä': 3, 'Jokseenkin samaa mieltä': 4, 'Täysin samaa mieltä': 5 },
  },
  frequency: {
    en: { Never: 1, Rarely: 2, Sometimes: 3, Often: 4, Always: 5 },
    fi: { 'Ei koskaan': 1, Harvoin: 2, Joskus: 3, Usein: 4, Aina: 5 },
  },
  yesno: { en: { Yes: 1, No: 0 }, fi: { Kyllä: 1, Ei: 0 } },
} satisfies Record<string, Record<string, Record<string, number>>>;
type LabelSet = keyof typeof LABEL_SETS;
const LABEL_SET_METRIC: Record<LabelSet, Metric> = { agreement: 'agreement', frequency: 'agreement', yesno: 'yesno' };

/** A label as the build matches it: no-break spaces and invisible characters folded, case and runs of spaces ignored. */
const labelKey = (text: string) => text.normalize('NFKC').replace(/\p{Cf}/gu, '').replace(/\s+/g, ' ').trim().toLowerCase();

/** The label set every answer belongs to, with the labels of the languages the answers are in; or null. */
function labelSetOf(values: string[]): { name: LabelSet; values: Record<string, number> } | null {
  const answers = new Set(values.map(labelKey));
  for (const [name, languages] of Object.entries(LABEL_SETS) as [LabelSet, Record<string, Record<string, number>>][]) {
    const used = Object.values(languages).filter((labels) => Object.keys(labels).some((l) => answers.has(labelKey(l))));
    const known = new Set(used.flatMap((labels) => Object.keys(labels).map(labelKey)));
    if (used.length && [...answers].every((a) => known.has(a))) return { name, values: Object.assign({}, ...used) };
  }
  return null;
}

/** A yes/no question asked as 1/0: named like these, since 0 and 1 alone could be any scale's. */
const YES_NO_NAME = /recommend|suosittel|would|again|uudelleen|yes|kyllä/i;
/** A question about the whole experience rather than one touchpoint. */
const OVERALL_NAME = /overall|kokonais|whole|\bkoko\b/i;

/** A rating's scale from its answers' largest: stars 1–5, 1–7 or 1–10. */
const ratingTop = (max: number) => (max <= 5 ? 5 : max <= 7 ? 7 : 10);

/** A choice text that starts with its number: `10 - Extremely likely`, `1 (Very dissatisfied)`. */
const LEADING_NUMBER = /^(\d{1,2})\s*[-–:(.)]/;

const headerKey = (text: string) => text.trim().toLowerCase().replace(/[\s_-]+/g, '');

/** How a column's answers read: as dates in which order, as whole numbers, or as text. */
function dateOrder(values: string[], preset: Preset | null): DateOrder | null {
  if (values.every((v) => parseDay(v) !== null)) return 'auto';
  // The common formats that read every answer (a dateFormat reads the answers' times too).
  let formats = values.length ? formatsThatRead(values[0]!) : [];
  for (const v of values.slice(1)) formats = formats.filter((f) => formatsThatRead(v).includes(f));
  if (formats.length <= 1) return formats[0] ?? null;
  // Every day is 12 or less: the tool's locale decides (the American tools write month first).
  const monthFirst = preset !== null && preset.id !== 'webropol' && preset.id !== 'google-forms';
  return formats.find((f) => f.startsWith(monthFirst ? 'm/' : 'd')) ?? formats[0]!;
}

/** A score column for `metric`, or why the answers do not fit its scale. */
function scoreSpec(header: string, values: string[], scale: Scale, metric: Metric): { spec: ScoreColumn; note: string } | { problem: string } {
  const labels: Record<string, number> = {};
  const known = metric === 'csat' ? SATISFACTION_LABELS : metric === 'nps' ? NPS_LABELS : {};
  let zeros = 0;
  // One label per answer as the build matches it (a no-break space makes no second label).
  const answers = new Map<string, string>();
  for (const v of values) if (!answers.has(labelKey(v))) answers.set(labelKey(v), v.trim());
  for (const raw of answers.values()) {
    let n = parseScore(raw);
    if (n === null) {
      const leading = LEADING_NUMBER.exec(raw);
      n = leading ? +leading[1]! : (known[raw.toLowerCase()] ?? null);
      if (n === null) return { problem: `answers such as ${quoted(raw)} are not numbers on the ${metric} scale` };
      labels[raw] = n;
    }
    if (scale.integer && !Number.isInteger(n)) return { problem: `answers such as ${quoted(raw)} are not whole numbers` };
    if (n === 0 && scale.min > 0) zeros++;
    else if (n < scale.min || n > scale.max) return { problem: `answers such as ${quoted(raw)} are outside ${scale.min}–${scale.max}` };
  }
  const notApplicable = zeros > 0 ? ['0'] : undefined;
  const hasLabels = Object.keys(labels).length > 0;
  const notes = [hasLabels ? 'answer texts turned into numbers by the table below' : '', notApplicable ? `0 is outside ${scale.min}–${scale.max}, so it is read as "not applicable"` : ''].filter(Boolean);
  const spec: ScoreColumn = hasLabels || notApplicable ? { column: header, ...(hasLabels ? { values: labels } : {}), ...(notApplicable ? { notApplicable } : {}) } : header;
  return { spec, note: notes.length ? `; ${notes.join('; ')}` : '' };
}

const isWhole = (v: string) => {
  const n = parseScore(v);
  return n !== null && Number.isInteger(n);
};

function recogniseColumn(header: string, question: string, values: string[], preset: Preset | null, scales: Scales, taken: Set<Field>): ColumnChoice {
  const name = header.trim();
  const base = { header: name, question };
  if (preset?.personal.test(name) || PERSONAL.test(name)) return { ...base, role: 'personal', why: 'personal data (who answered or where from): never mapped' };
  if (preset?.responseId?.test(name) && !taken.has('response_id')) return { ...base, role: 'response_id', why: `${preset.name}'s respondent id` };
  if (preset?.submittedAt?.test(name) && !taken.has('submitted_at')) {
    const order = values.length ? dateOrder(values, preset) : 'auto';
    if (order !== null) return { ...base, role: 'submitted_at', why: `${preset.name}'s time of the answer`, dateFormat: order };
  }
  if (preset?.metadata.test(name)) return { ...base, role: 'metadata', why: `${preset.name}'s own metadata` };
  if (values.length === 0) return { ...base, role: 'ignored', why: 'no answers in the export' };
  const labelled = labelSetOf(values);
  if (labelled) {
    const labels = Object.keys(labelled.values);
    const frequency = labelled.name === 'frequency' ? '; a frequency item is mapped as agreement for now (Polku has no frequency measure; its top two, often and always, are counted as agreeing)' : '';
    return {
      ...base,
      role: LABEL_SET_METRIC[labelled.name],
      why: `its answers are ${labelled.name === 'yesno' ? 'yes/no' : labelled.name} labels (${labelled.name === 'yesno' ? labels.join('/') : `${labels[0]} … ${labels.at(-1)}`}), turned into numbers by answerScales ${quoted(labelled.name)}${frequency}`,
      spec: { column: name, scale: labelled.name },
      answerScale: labelled,
    };
  }
  if (values.every((v) => v === '0' || v === '1') && YES_NO_NAME.test(`${name} ${question}`)) {
    return { ...base, role: 'yesno', why: `its answers are 1 and 0 and its name (${quoted(YES_NO_NAME.exec(`${name} ${question}`)![0])}) asks yes or no`, spec: name };
  }

  const misfits: string[] = [];
  // By name first: a rule whose name matches and whose answers fit wins. A whole-name rule (^…$)
  // is for the header; the others read the question's words too.
  for (const [field, pattern] of NAME_RULES) {
    const words = pattern.source.startsWith('^') || !question ? name : `${name} ${question}`;
    if (!pattern.test(words) || (taken.has(field) && field !== 'comment')) continue;
    const choice = fitByAnswers(field, base, values, preset, scales, `its name (${quoted(pattern.exec(words)![0])})`);
    if ('role' in choice) return choice;
    misfits.push(`named like ${field} but ${choice.problem}`);
  }
  // Then by the answers alone.
  const numbers = values.every(isWhole) ? values.map((v) => parseScore(v)!) : null;
  if (numbers) {
    const [min, max] = [Math.min(...numbers), Math.max(...numbers)];
    // A recommendation is asked 0–10; a score from 1 up to more than 5 is a rating on another scale (an overall 1–10).
    if (min === 0 && max <= 10 && max > scales.csat.max && !taken.has('nps')) return { ...base, role: 'nps', why: `its answers are whole numbers ${min}–${max} (0–10)`, spec: name };
    if (min > 0 && max > scales.csat.max) {
      const choice = fitByAnswers('rating', base, values, preset, scales, `its answers are whole numbers ${min}–${max}: a rating from 1, not a 0–10 recommendation`);
      if ('role' in choice) return choice;
    }
    // 0 on an otherwise 1–5 question is "not applicable" (scoreSpec).
    if (min >= 0 && max <= scales.csat.max && max >= scales.csat.min) {
      const choice = fitByAnswers('csat', base, values, preset, scales, `its answers are whole numbers ${min}–${max} (${scales.csat.min}–${scales.csat.max}: satisfaction)`);
      if ('role' in choice) return choice;
    }
  }
  const order = dateOrder(values, preset);
  if (order !== null && taken.has('submitted_at')) return { ...base, role: 'ignored', why: 'its answers are dates, and another column already gives the time of the answer' };
  if (order !== null) return { ...base, role: 'submitted_at', why: 'its answers are dates', dateFormat: order };
  if (!numbers && isFreeText(values)) return { ...base, role: 'comment', why: 'its answers are free text' };
  const why = misfits[0] ?? (numbers ? 'numbers on no scale Polku measures' : 'short answers from a list (single-choice items are not a measure yet)');
  return { ...base, role: 'ignored', why };
}

function fitByAnswers(field: Field, base: { header: string; question: string }, values: string[], preset: Preset | null, scales: Scales, by: string): ColumnChoice | { problem: string } {
  switch (field) {
    case 'submitted_at': {
      const order = dateOrder(values, preset);
      return order === null ? { problem: 'its answers are not dates' } : { ...base, role: field, why: `${by}; its answers are dates`, dateFormat: order };
    }
    case 'comment':
      if (values.every(isWhole)) return { problem: 'its answers are numbers' };
      return areWords(values) ? { ...base, role: field, why: `${by}; free text` } : { problem: 'most of its answers are a single word (a title or a code, not a comment)' };
    case 'response_id': case 'journey': case 'touchpoint': case 'channel': case 'segment':
      return { ...base, role: field, why: by };
    case 'rating': {
      // The scale is read from the answers (a 0 is "not applicable"); the build reads it from polku.config.jsonc.
      const numbers = values.every(isWhole) ? values.map((v) => parseScore(v)!) : null;
      if (!numbers || Math.min(...numbers) < 0 || Math.max(...numbers) > 10) return { problem: 'its answers are not whole numbers from 1 up to 10' };
      const ratingScale: [number, number] = [1, ratingTop(Math.max(...numbers))];
      const score = scoreSpec(base.header, values, { min: 1, max: ratingScale[1], integer: true }, field);
      return 'problem' in score ? score : { ...base, role: field, why: `${by}; a rating on ${ratingScale.join('–')}${score.note}`, spec: score.spec, ratingScale };
    }
    default: {
      const score = scoreSpec(base.header, values, scales[field], field);
      return 'problem' in score ? score : { ...base, role: field, why: `${by}${score.note}`, spec: score.spec };
    }
  }
}

/** Most answers have words: an id or a code has no space. */
const areWords = (values: string[]) => values.filter((v) => /\s/.test(v.trim())).length >= values.length / 2;

/**
 * Free text, not a list of choices nor ids: most answers are words (an id or code has no space), and
 * long, or nearly all different. A text on every row (a course's name, a title the tool writes) is a list.
 */
function isFreeText(values: string[]): boolean {
  const mean = values.reduce((sum, v) => sum + v.trim().length, 0) / values.length;
  const words = areWords(values);
  const distinct = new Set(values).size / values.length;
  return words && ((mean >= 20 && distinct > 0.5) || (values.length >= 3 && distinct > 0.8 && mean >= 8));
}

/** Words that say nothing about which touchpoint a question is about. */
const FILLER = new Set('a an and are did do for how in is it likely of on or our please the to us was we were what would you your kuinka miten mita oliko olit olitko oletko te teidan ja tai'.split(' '));

/** An id for content from a question's words: ASCII, lowercase, the first five words that say something. */
export function idFrom(text: string, fallback: string): string {
  const all = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
  const telling = all.filter((w) => !FILLER.has(w));
  let id = '';
  for (const word of (telling.length ? telling : all).slice(0, 5)) {
    if (id && id.length + word.length >= 40) break;
    id = id ? `${id}-${word}` : word.slice(0, 40);
  }
  return id || fallback;
}

const unique = (id: string, used: Set<string>) => {
  let candidate = id;
  for (let n = 2; used.has(candidate); n++) candidate = `${id}-${n}`;
  used.add(candidate);
  return candidate;
};

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
