// Numbers and dates as spreadsheets write them: decimal comma or point, a Unicode minus,
// ISO 8601 or Finnish d.m.yyyy dates. Each parser returns null for text it does not understand,
// never a guess.

/** A score such as `7`, `-2`, `1,5`, `1.5`, `−3`, `+2`. No thousands separators: scores are small. */
export function parseScore(text: string): number | null {
  const last = text.length - 1;
  const s = last >= 0 && text.charCodeAt(0) > 32 && text.charCodeAt(last) > 32 ? text : text.trim();
  const first = s.charCodeAt(0);
  const negative = first === 45 /* - */ || first === 0x2212; /* − */
  const start = negative || first === 43 /* + */ ? 1 : 0;
  // Fast path for the common case, a small whole number: no regex, no allocation.
  let value = 0;
  let i = start;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
  }
  if (i === start) return null;
  if (i < s.length) {
    const c = s.charCodeAt(i);
    const fraction = s.slice(i + 1);
    if ((c !== 44 /* , */ && c !== 46) /* . */ || !/^\d+$/.test(fraction)) return null;
    value = Number(`${value}.${fraction}`);
  }
  return negative ? -value : value;
}

/** 'auto', or a format such as `m/d/yyyy`, `d.m.yy`, `m/d/yy H:mm` or `yyyy-mm-dd HH:mm:ss` (compileDateFormat). */
export type DateOrder = string;

/** What may follow an ISO date: a time, seconds, fractions and a zone (`T19:06:20Z`, ` 10:45+02:00`). */
const ISO_TIME = /[T ](?:[01]?\d|2[0-3]):[0-5]\d(?::(?:[0-5]\d|60)(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$/y;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(?:klo\s+)?(?:[01]?\d|2[0-3])[.:][0-5]\d(?:[.:][0-5]\d)?)?$/;
/** A clock time as survey tools write it after a date: `10:45`, `10:45:00 AM`, `10:45:00 AM EET`, `10:45 GMT+2`. */
const CLOCK = String.raw`(?:\s+(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+(?:[A-Za-z]{2,5}|(?:GMT|UTC)[+-]\d{1,2}(?::?\d{2})?))?)?`;
/** Google Forms: `2026/03/12 10:45:00 AM EET`; year first, so not ambiguous. */
const YEAR_SLASHED = new RegExp(String.raw`^(\d{4})/(\d{1,2})/(\d{1,2})${CLOCK}$`);

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const isDigit = (s: string, i: number) => s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;

/**
 * The calendar day of a timestamp, as days since 1970-01-01 (the local date the respondent saw; time
 * zones are ignored because a report period is a set of days). Slashed dates are ambiguous between
 * d/m and m/d, so they are read only when the mapping says which.
 */
export function parseDay(text: string, order: DateOrder = 'auto'): number | null {
  const s = text.trim();
  // ISO 8601 without a regular expression: timestamps are on every row and rarely repeat.
  if (s.length >= 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
    if (!(isDigit(s, 0) && isDigit(s, 1) && isDigit(s, 2) && isDigit(s, 3) && isDigit(s, 5) && isDigit(s, 6) && isDigit(s, 8) && isDigit(s, 9))) return null;
    if (s.length > 10 && !isUtcSeconds(s)) {
      ISO_TIME.lastIndex = 10;
      if (!ISO_TIME.test(s)) return null;
    }
    const year = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
    return dayNumber(year, digit(s, 5) * 10 + digit(s, 6), digit(s, 8) * 10 + digit(s, 9));
  }
  let m = DOTTED.exec(s);
  if (m) return dayNumber(+m[3]!, +m[2]!, +m[1]!);
  m = YEAR_SLASHED.exec(s);
  if (m) return dayNumber(+m[1]!, +m[2]!, +m[3]!);
  if (order === MONTH_YEAR) return monthYearDay(s);
  const format = order === 'auto' ? null : compileDateFormat(order);
  m = format ? format.pattern.exec(s) : null;
  if (m) return dayNumber(format!.twoDigitYear ? century(+m[format!.year]!) : +m[format!.year]!, +m[format!.month]!, +m[format!.day]!);
  return null;
}

/** The dateFormat of exports that give only the month: `June 2022`, `Jun 2022`, `kesäkuu 2022`, `6/2022`. */
export const MONTH_YEAR = 'month yyyy';

/** Month names, English (full and abbreviated) and Finnish, by their first letters: each name's number. */
const MONTH_NAMES = new Map<string, number>(
  [
    ['january', 'jan', 'tammikuu'], ['february', 'feb', 'helmikuu'], ['march', 'mar', 'maaliskuu'], ['april', 'apr', 'huhtikuu'],
    ['may', 'may', 'toukokuu'], ['june', 'jun', 'kesäkuu'], ['july', 'jul', 'heinäkuu'], ['august', 'aug', 'elokuu'],
    ['september', 'sep', 'syyskuu'], ['october', 'oct', 'lokakuu'], ['november', 'nov', 'marraskuu'], ['december', 'dec', 'joulukuu'],
  ].flatMap((names, i) => names.map((name) => [name, i + 1] as [string, number])).concat([['sept', 9]]),
);
/** A month's name (an abbreviation may end in a dot; Finnish also in the partitive, `kesäkuuta`) or number, and a four-digit year. */
const MONTH_YEAR_TEXT = /^(?:(\p{L}+?)(?:ta|\.)?\s+|(\d{1,2})\/)(\d{4})$/u;

/** A month and year as the month's first day: periods and ordering then treat it as any other date. */
function monthYearDay(text: string): number | null {
  const m = MONTH_YEAR_TEXT.exec(text);
  if (!m) return null;
  const month = m[1] !== undefined ? MONTH_NAMES.get(m[1].toLowerCase()) : +m[2]!;
  return month === undefined ? null : dayNumber(+m[3]!, month, 1);
}

/** Whether a dateFormat is one Polku reads: 'auto', MONTH_YEAR, or one compileDateFormat compiles. */
export const isDateFormat = (format: string) => format === 'auto' || format === MONTH_YEAR || compileDateFormat(format) !== null;

/** A two-digit year: 00–69 are 2000–2069, 70–99 are 1970–1999 (the POSIX rule; fixed, so a file reads the same every year). */
const century = (yy: number) => (yy < 70 ? 2000 + yy : 1900 + yy);

/** A dateFormat as a pattern, with the groups that hold the day, month and year. */
export interface DateFormat {
  pattern: RegExp;
  day: number;
  month: number;
  year: number;
  twoDigitYear: boolean;
}

const DATE_TOKEN = { d: String.raw`(\d{1,2})`, dd: String.raw`(\d{2})`, m: String.raw`(\d{1,2})`, mm: String.raw`(\d{2})`, yy: String.raw`(\d{2})`, yyyy: String.raw`(\d{4})` } as const;
const DATE_PART = /^(d{1,2}|m{1,2}|y{2}|y{4})([./-])(d{1,2}|m{1,2}|y{2}|y{4})\2(d{1,2}|m{1,2}|y{2}|y{4})$/;
const TIME_PART = /^(H{1,2}):mm(:ss)?$/;
const compiledFormats = new Map<string, DateFormat | null>();

/**
 * A format of day (d, dd), month (m, mm) and year (yyyy, or yy read by the POSIX rule) in any order,
 * separated by `/`, `.` or `-`, and optionally a time after a space: `H:mm`, `HH:mm:ss` (checked,
 * not kept: a report period is a set of days). A format without a time allows one, as exports add it.
 * Null when the format is not one of these.
 */
export function compileDateFormat(format: string): DateFormat | null {
  let compiled = compiledFormats.get(format);
  if (compiled !== undefined) return compiled;
  const [date = '', time, ...rest] = format.trim().split(/\s+/);
  const parts = DATE_PART.exec(date);
  const clock = time === undefined ? null : TIME_PART.exec(time);
  const tokens = parts ? [parts[1]!, parts[3]!, parts[4]!] : [];
  const at = (letter: string) => tokens.findIndex((t) => t[0] === letter) + 1;
  compiled = null;
  if (parts && rest.length === 0 && (time === undefined || clock) && at('d') && at('m') && at('y')) {
    const separator = parts[2] === '.' ? String.raw`\.` : parts[2]!;
    const timePattern = clock ? String.raw`\s+${clock[1] === 'HH' ? '(?:[01]\\d|2[0-3])' : '(?:[01]?\\d|2[0-3])'}:[0-5]\d${clock[2] ? ':[0-5]\\d' : ''}` : CLOCK;
    const pattern = new RegExp(`^${tokens.map((t) => DATE_TOKEN[t as keyof typeof DATE_TOKEN]).join(separator)}${timePattern}$`);
    compiled = { pattern, day: at('d'), month: at('m'), year: at('y'), twoDigitYear: tokens[at('y') - 1] === 'yy' };
  }
  compiledFormats.set(format, compiled);
  return compiled;
}

/** Formats that exports write dates in, tried when a date does not read, to name one that would. */
const KNOWN_FORMATS = ['m/d/yy H:mm', 'd/m/yy H:mm', 'm/d/yyyy H:mm', 'd/m/yyyy H:mm', 'd.m.yy H:mm', 'm/d/yy', 'd/m/yy', 'm/d/yyyy', 'd/m/yyyy', 'd.m.yy', 'd-m-yyyy', MONTH_YEAR];

/**
 * The formats among the common ones that read `text`, the one with a time where the text has one
 * (m/d and d/m both, when the day is 12 or less).
 */
export function formatsThatRead(text: string): string[] {
  const dateParts = new Set<string>();
  return KNOWN_FORMATS.filter((format) => {
    const datePart = format.split(' ')[0]!;
    if (dateParts.has(datePart) || parseDay(text, format) === null) return false;
    dateParts.add(datePart);
    return true;
  });
}

/** `…THH:MM:SSZ`, the commonest tail of a timestamp, checked without the regular expression. */
function isUtcSeconds(s: string): boolean {
  if (s.length !== 20 || s.charCodeAt(10) !== 84 /* T */ || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 90 /* Z */) return false;
  if (!(isDigit(s, 11) && isDigit(s, 12) && isDigit(s, 14) && isDigit(s, 15) && isDigit(s, 17) && isDigit(s, 18))) return false;
  return digit(s, 11) * 10 + digit(s, 12) <= 23 && digit(s, 14) <= 5 && digit(s, 17) * 10 + digit(s, 18) <= 60;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 of a valid calendar date, else null (Hinnant's days_from_civil). */
function dayNumber(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2999) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > DAYS_IN_MONTH[month - 1]! + (month === 2 && leap ? 1 : 0)) return null;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** `YYYY-MM-DD` of a day number. */
export function formatDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
