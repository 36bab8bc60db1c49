// One column of an export recognised: by its name (English and Finnish) and by its answers (0–10 →
// NPS, 1–5 → satisfaction, agreement and yes/no labels, a rating from 1, free text → comment, dates →
// submitted_at), with the reason written for the mapping's comments (scaffold.ts).
import { quoted } from '../common/errors.ts';
import { formatsThatRead, parseDay, parseScore, type DateOrder } from '../read/parse-value.ts';
import type { Metric, Scale, Scales } from '../stats/metrics.ts';
import type { ScoreColumn } from './mapping.ts';
import type { Preset } from './presets.ts';

export type Field = 'response_id' | 'submitted_at' | 'journey' | 'touchpoint' | 'channel' | 'segment' | 'comment' | Metric;

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
export const OVERALL_NAME = /overall|kokonais|whole|\bkoko\b/i;

/** A rating's scale from its answers' largest: stars 1–5, 1–7 or 1–10. */
const ratingTop = (max: number) => (max <= 5 ? 5 : max <= 7 ? 7 : 10);

/** A choice text that starts with its number: `10 - Extremely likely`, `1 (Very dissatisfied)`. */
const LEADING_NUMBER = /^(\d{1,2})\s*[-–:(.)]/;


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

export function recogniseColumn(header: string, question: string, values: string[], preset: Preset | null, scales: Scales, taken: Set<Field>): ColumnChoice {
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

export const unique = (id: string, used: Set<string>) => {
  let candidate = id;
  for (let n = 2; used.has(candidate); n++) candidate = `${id}-${n}`;
  used.add(candidate);
  return candidate;
};

