// Replaces personal data in free-text feedback with visible markers before anything is published.

export interface RedactionOptions {
  names?: string[];
  patterns?: { pattern: string; flags?: string; marker: string }[];
}

export type RedactionKind = 'email' | 'phone' | 'id' | 'iban' | 'card' | 'url' | 'name' | string;

/**
 * A detector finds candidates with a regex; `accept` decides how much of a candidate is
 * really personal data: n > 0 redacts the first n characters, 0 rejects (scanning resumes one
 * character later), n < 0 rejects and skips -n characters (the candidate is known harmless, so
 * its tail must not be re-read as something else). Candidates are deliberately a little greedy
 * and `accept` falls back to shorter prefixes, so a trailing unrelated number cannot hide a match.
 */
interface Detector {
  re: RegExp;
  marker: string;
  /** `before`: up to BEFORE_CHARS characters of the text before the candidate. */
  accept: (candidate: string, following: string, before: string) => number;
}

const MARKER = {
  email: '[email]',
  phone: '[phone]',
  id: '[id]',
  iban: '[iban]',
  card: '[card]',
  url: '[url]',
  name: '[name]',
} as const;

/** "(at)", "[at]", "{ät}": the '@' of an address written so that harvesters miss it, as people do. */
const WRITTEN_AT_SOURCE = String.raw`[([{]\s*(?:at|ät)\s*[)\]}]`;
const AT_WORD = String.raw`\s*${WRITTEN_AT_SOURCE}\s*`;

/** "matti at example dot fi": "at" as a word, an address spelled out without brackets. */
const SPELLED_AT = /\s(?:at|ät)\s/i;

// Every built-in detector needs a digit, '@', '?', a written-out "(at)" or the word "at", so text
// without them skips the built-ins.
const CANDIDATE = new RegExp(`[0-9@?]|${WRITTEN_AT_SOURCE}|${SPELLED_AT.source}`, 'i');
const WRITTEN_AT = new RegExp(WRITTEN_AT_SOURCE, 'i');
const DIGIT = /[0-9]/;

// Digit-group separators: space, hyphen, the en dash a word processor makes of it, and the no-break
// spaces Finnish typography uses.
const SEP = '[ \\u00A0\\u202F\\u2013-]';
const SEP_CHAR = /[ \u00A0\u202F\u2013-]/;

// ---------------------------------------------------------------------------------------------
// Check-digit algorithms

/** Luhn (ISO/IEC 7812-1 Annex B): double every second digit from the right, sum must be 0 mod 10. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * ISO 13616 / ISO 7064 MOD 97-10: move the first four characters to the end, map A=10..Z=35,
 * and the resulting integer must be 1 mod 97. Computed incrementally to stay within doubles.
 */
function ibanValid(compact: string): boolean {
  if (compact.length < 15 || compact.length > 34) return false;
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(compact)) return false;
  // Real BBANs are mostly digits; this keeps ordinary words after "AB12" from being candidates.
  const bban = compact.slice(4);
  const letters = bban.replace(/[0-9]/g, '').length;
  if (letters > bban.length - letters) return false;
  const rearranged = bban + compact.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    if (c <= 57) rem = (rem * 10 + (c - 48)) % 97;
    else rem = (rem * 100 + (c - 55)) % 97; // letters are two-digit numbers 10..35
  }
  return rem === 1;
}

// Finnish personal identity code (henkilötunnus), DVV specification incl. the 2023 century signs.
const HETU_CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const HETU_CENTURY: Record<string, number> = {
  '+': 1800,
  '-': 1900, '\u2010': 1900, '\u2011': 1900, '\u2012': 1900, '\u2013': 1900, '\u2212': 1900,
  Y: 1900, X: 1900, W: 1900, V: 1900, U: 1900,
  A: 2000, B: 2000, C: 2000, D: 2000, E: 2000, F: 2000,
};

/** DDMMYYCZZZQ: real calendar date, and Q = HETU_CHECK[DDMMYYZZZ mod 31]. */
function hetuValid(candidate: string): boolean {
  const s = candidate.toUpperCase();
  const century = HETU_CENTURY[s.charAt(6)];
  if (century === undefined) return false;
  const day = Number(s.slice(0, 2));
  const month = Number(s.slice(2, 4));
  const year = century + Number(s.slice(4, 6));
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return false;
  const n = Number(s.slice(0, 6) + s.slice(7, 10));
  return HETU_CHECK.charAt(n % 31) === s.charAt(10);
}

// ---------------------------------------------------------------------------------------------
// Candidate shapes

const URL_RE = new RegExp(
  '(?:\\b(?:https?|ftp)://|\\bwww\\.|(?<![\\p{L}\\p{N}@._-])[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}/)' +
    // Host and path up to the '?', then a query that does not end in sentence punctuation,
    // so a URL followed by "?" as a question mark stays a plain (harmless) URL.
    '[^\\s?#<>"\'`]*\\?[^\\s<>"\'`]*[^\\s<>"\'`.,;:!?)\\]}]',
  'giu',
);

// The lookbehind makes the engine start only at the beginning of a local part (linear time). The
// '@' may be written out ("matti(at)example.fi"), and then the dots too ("example(dot)fi").
const DOT_WORD = String.raw`\s*[([{]\s*(?:dot|piste)\s*[)\]}]\s*`;
// The last label of the domain is letters ("fi", "com"): "Arrived (at) 10.30" is a time, not an address.
const EMAIL_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+(?:@|${AT_WORD})[\p{L}\p{N}-]+(?:(?:\.|${DOT_WORD})[\p{L}\p{N}-]+)*(?:\.|${DOT_WORD})\p{L}{2,}(?![\p{L}\p{N}-])`,
  'giu',
);

// Spelled out without brackets ("matti dot virtanen at example dot fi", "m.virtanen ät posti.fi"),
// "at" and "dot" are everyday words ("looking at the dot matrix"): such an address must end in a
// common top-level domain, and spell a dot or have a local part that looks like one (acceptSpelled).
const SPELLED_DOT = String.raw`\s+(?:dot|piste)\s+`;
const LOCAL = String.raw`[\p{L}\p{N}._%+-]+`;
const TOP_LEVEL = 'fi|com|net|org|eu|se|no|dk|de|ee|uk|nl|fr|es|it|ru|us|ca|io|info|biz|me|co|edu|gov';
// The spelled-out parts are bounded: every word can start a match, and an unbounded "a dot a dot …"
// would make the scan quadratic.
const SPELLED_EMAIL_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}._%+-])${LOCAL}(?:${SPELLED_DOT}${LOCAL}){0,3}\s+(?:at|ät)\s+[\p{L}\p{N}-]+(?:(?:\.|${SPELLED_DOT})[\p{L}\p{N}-]+){0,4}(?:\.|${SPELLED_DOT})(?:${TOP_LEVEL})(?![\p{L}\p{N}-])`,
  'giu',
);
const SPELLED_DOT_WORD = /\s(?:dot|piste)\s/i;
/** A local part such as "matti.virtanen" or "m_virtanen" (a letter and . _ % + or -), unlike "it" in "bought it at shop.com". */
const ADDRESS_LIKE = /^(?=[^\s]*\p{L})[^\s]*[._%+-]/u;

function acceptSpelled(c: string): number {
  const local = c.slice(0, c.search(/\s+(?:at|ät)\s+/i));
  return SPELLED_DOT_WORD.test(c) || ADDRESS_LIKE.test(local) ? c.length : 0;
}

const IBAN_RE = new RegExp(
  '(?<![\\p{L}\\p{N}])[A-Za-z]{2}[0-9]{2}(?:[ \\u00A0]?[A-Za-z0-9]{4}){2,7}(?:[ \\u00A0]?[A-Za-z0-9]{1,3})?(?![\\p{L}\\p{N}])',
  'gu',
);

// The century sign '-' also as a word processor writes it: an en dash, a minus or a non-breaking hyphen.
// A letter may come before it ("hetu131052-308T", a space missed): the check character rules out chance.
const HETU_RE = /(?<![\p{N}])[0-9]{6}[-+A-FU-Y\u2010-\u2013\u2212][0-9]{3}[0-9A-Y](?![\p{L}\p{N}])/giu;

// Digits right after an IBAN-shaped prefix belong to a (mistyped) IBAN, not to a card or phone.
// The digit lookahead keeps this backwards scan off every other position.
const NOT_IN_IBAN = '(?=[0-9(+])(?<!\\b[A-Za-z]{2}[0-9]{2}(?:[ \\u00A0]?[A-Za-z0-9]{4}){0,7}[ \\u00A0]?)';

// Only the groupings cards are actually printed in: contiguous, 4-4-4-4(-1..3), 4-4-4-1..3, 4-6-4/5.
const CARD_RE = new RegExp(
  `(?<![\\p{N}+])${NOT_IN_IBAN}(?:[0-9]{13,19}` +
    `|[0-9]{4}(${SEP})[0-9]{4}\\1[0-9]{4}\\1[0-9]{1,4}(?:\\1[0-9]{1,3})?` +
    `|[0-9]{4}(${SEP})[0-9]{6}\\2[0-9]{4,5})(?!\\p{N})`,
  'gu',
);

// Phones must start with '+', '00' or a trunk '0' followed by a non-zero digit (so postal codes
// like 00100 and zero-padded order numbers are out), and must not continue a date or an id such
// as 2026-03-12 or ORD-2026-000123. Dots are not separators, so times and dates never qualify.
// A letter may come before the number (acceptPhone decides).
const PHONE_RE = new RegExp(
  `(?<![\\p{N}_+#])(?<!\\p{N}[-/.:,])${NOT_IN_IBAN}(?:` +
    `(?:\\+|00)[1-9][0-9]{0,2}(?:${SEP}?\\([0-9]{1,4}\\))?${SEP}?[0-9]{1,12}(?:${SEP}[0-9]{1,8}){0,4}` +
    `|(?:0[1-9][0-9]{0,2}|\\(0[1-9][0-9]{0,2}\\))${SEP}?[0-9]{2,8}(?:${SEP}[0-9]{2,4}){0,3}` +
    // A letter may follow ("040 123 4567ja", a space missed), a digit may not.
    ')(?![\\p{N}_]|[-/.:,]\\p{N})',
  'gu',
);

// 03-12-2026 / 05 03 2026: a date, not a phone number.
const DATE_LIKE = /^[0-9]{2}([- \u00A0])(?:0[1-9]|1[0-2])\1(?:19|20)[0-9]{2}$/;

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

function phoneValid(s: string): boolean {
  const digits = countDigits(s);
  if (s.charCodeAt(0) === 43 /* + */) return digits >= 7 && digits <= 15; // E.164 maximum
  if (s.startsWith('00')) return digits >= 9 && digits <= 17; // 00 + E.164
  return digits >= 6 && digits <= 12; // Finnish national numbers with trunk 0
}

const LETTER = /\p{L}/u;
const SPACED = /[ \u00A0\u202F]/;

/**
 * Digits a number run into the word before it needs to be read as a phone: a whole mobile or
 * landline number, or after a word that announces one ("puh09123456"), a short landline number.
 */
const MIN_DIGITS_AFTER_LETTER = 9;
const MIN_DIGITS_AFTER_PHONE_WORD = 7;
const PHONE_WORD = /(?<!\p{L})(?:puh(?:elin)?|tel(?:efon|ephone)?|gsm|numero|nro|phone|mob(?:ile)?|soita)[.:]?$/iu;

function acceptPhone(c: string, following: string, before: string): number {
  // Skip the whole date, or "03 2026" inside "05 03 2026" would be read as a phone number.
  if (DATE_LIKE.test(c)) return -c.length;
  // Run into a word ("040 123 4567ja", a space missed), a number is a phone only when written in
  // spaced groups and long; "0800-1600ma-pe" and "0123456789X" are opening hours and codes, left whole.
  if (LETTER.test(following) && !(SPACED.test(c) && countDigits(c) >= 8)) return -c.length;
  // Run into the word before it ("puhelin0401234567"), a number is a phone only when it is long
  // enough to be a whole one; "SKU0123" and "x0800-1600" are codes.
  if (LETTER.test(before.slice(-1))) {
    const length = longestValidPrefix(c, SEP_CHAR, phoneValid);
    const min = PHONE_WORD.test(before) ? MIN_DIGITS_AFTER_PHONE_WORD : MIN_DIGITS_AFTER_LETTER;
    return length > 0 && countDigits(c.slice(0, length)) >= min ? length : -c.length;
  }
  return longestValidPrefix(c, SEP_CHAR, phoneValid);
}

/**
 * Length of the longest prefix of `candidate` that ends at a group boundary (end of string or
 * just before a separator) and passes `valid`; 0 when none does.
 */
function longestValidPrefix(candidate: string, sep: RegExp, valid: (s: string) => boolean): number {
  let end = candidate.length;
  while (end > 0) {
    if (valid(candidate.slice(0, end))) return end;
    // Step back to the previous group end: skip the current group, then its separators.
    let i = end - 1;
    while (i >= 0 && !sep.test(candidate.charAt(i))) i--;
    while (i >= 0 && sep.test(candidate.charAt(i))) i--;
    end = i + 1;
  }
  return 0;
}

const BUILTIN_BY_DIGITS: Detector[] = [
  {
    re: IBAN_RE,
    marker: MARKER.iban,
    accept: (c) =>
      longestValidPrefix(c, /[ \u00A0]/, (s) => ibanValid(s.replace(/[ \u00A0]/g, '').toUpperCase())),
  },
  { re: HETU_RE, marker: MARKER.id, accept: (c) => (hetuValid(c) ? c.length : 0) },
  {
    re: CARD_RE,
    marker: MARKER.card,
    accept: (c) =>
      longestValidPrefix(c, SEP_CHAR, (s) => {
        const digits = s.replace(/[^0-9]/g, '');
        return digits.length >= 13 && digits.length <= 19 && luhnValid(digits);
      }),
  },
  { re: PHONE_RE, marker: MARKER.phone, accept: acceptPhone },
];

const URL_DETECTOR: Detector = { re: URL_RE, marker: MARKER.url, accept: (c) => c.length };
const EMAIL_DETECTOR: Detector = { re: EMAIL_RE, marker: MARKER.email, accept: (c) => c.length };
const SPELLED_EMAIL_DETECTOR: Detector = { re: SPELLED_EMAIL_RE, marker: MARKER.email, accept: acceptSpelled };

// ---------------------------------------------------------------------------------------------
// Scanning

const BEFORE_CHARS = 12;

function runDetector(text: string, d: Detector): string {
  const re = d.re;
  re.lastIndex = 0;
  let out = '';
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    const len = m[0].length === 0 ? 0 : d.accept(m[0], text.charAt(start + m[0].length), text.slice(Math.max(0, start - BEFORE_CHARS), start));
    if (len > 0) {
      out += text.slice(last, start) + d.marker;
      last = start + len;
      re.lastIndex = last; // rescan what follows a shortened match
    } else {
      re.lastIndex = start + (len < 0 ? -len : 1);
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Runs `d` only on the text between existing markers, so markers are never redacted again. */
function applyOutsideMarkers(text: string, d: Detector, markerRe: RegExp): string {
  markerRe.lastIndex = 0;
  let out = '';
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = markerRe.exec(text)) !== null) {
    out += runDetector(text.slice(last, m.index), d) + m[0];
    last = m.index + m[0].length;
  }
  return last === 0 ? runDetector(text, d) : out + runDetector(text.slice(last), d);
}

// Only the characters that are syntax in 'u' mode may be escaped there.
function escapeRegExp(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function compileNames(names: readonly string[]): Detector | null {
  const variants = new Set<string>();
  for (const raw of names) {
    if (typeof raw !== 'string') continue;
    const name = raw.trim();
    if (name === '') continue;
    // Text may arrive decomposed (a + U+0308); match both normal forms of each name.
    variants.add(name.normalize('NFC'));
    variants.add(name.normalize('NFD'));
  }
  if (variants.size === 0) return null;
  // Longest first so "Matti Meikäläinen" wins over "Matti".
  const alternatives = [...variants]
    .sort((a, b) => b.length - a.length)
    .map((n) => n.split(/\s+/).map(escapeRegExp).join('\\s+'));
  const re = new RegExp(
    `(?<![\\p{L}\\p{M}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{M}\\p{N}_])`,
    'giu',
  );
  return { re, marker: MARKER.name, accept: (c) => c.length };
}

function compilePatterns(patterns: NonNullable<RedactionOptions['patterns']>): Detector[] {
  return patterns.map((p, i) => {
    if (typeof p.marker !== 'string' || p.marker === '') {
      throw new Error(`redaction pattern #${i + 1} (${JSON.stringify(p.pattern)}) needs a non-empty "marker"`);
    }
    // Always global for scanning; sticky would stop at the first non-match.
    const flags = [...new Set(((p.flags ?? '') + 'g').replace(/y/g, ''))].join('');
    let re: RegExp;
    try {
      re = new RegExp(p.pattern, flags);
    } catch (err) {
      throw new Error(
        `redaction pattern #${i + 1} ${JSON.stringify(p.pattern)} with flags ${JSON.stringify(p.flags ?? '')} is not a valid regular expression: ${(err as Error).message}`,
      );
    }
    return { re, marker: p.marker, accept: (c: string) => c.length };
  });
}

/** Compile once per build (options come from config); the returned function is pure and fast (it runs on every comment of million-row files: avoid per-call regex construction, and return the input unchanged quickly when no candidate character pattern is present). */
export function createRedactor(options: RedactionOptions = {}): (text: string) => string {
  const nameDetector = compileNames(options.names ?? []);
  const extra = compilePatterns(options.patterns ?? []);
  const markers = new Set<string>([...Object.values(MARKER), ...extra.map((d) => d.marker)]);
  const markerRe = new RegExp(
    [...markers].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'),
    'g',
  );
  const allMarkersBracketed = [...markers].every((m) => m.startsWith('['));
  const protect = (text: string, d: Detector): string =>
    allMarkersBracketed && !text.includes('[') ? runDetector(text, d) : applyOutsideMarkers(text, d, markerRe);

  return (text: string): string => {
    if (typeof text !== 'string' || text === '') return text;
    const hasCandidate = CANDIDATE.test(text);
    if (!hasCandidate && nameDetector === null && extra.length === 0) return text;

    let out = text;
    if (hasCandidate) {
      // URLs first: their query strings may contain e-mails and numbers, all of which go.
      if (out.includes('?')) out = protect(out, URL_DETECTOR);
      if (out.includes('@') || WRITTEN_AT.test(out)) out = protect(out, EMAIL_DETECTOR);
      if (SPELLED_AT.test(out)) out = protect(out, SPELLED_EMAIL_DETECTOR);
      if (DIGIT.test(out)) {
        // Most specific first: IBAN and henkilötunnus before the looser card and phone shapes.
        for (const d of BUILTIN_BY_DIGITS) out = protect(out, d);
      }
    }
    if (nameDetector !== null) out = protect(out, nameDetector);
    // Operator patterns last, so a built-in kind is never left half-redacted by them.
    for (const d of extra) out = protect(out, d);
    return out;
  };
}

let builtIn: ((text: string) => string) | null = null;
/** The redactor with the built-in detectors only, compiled once. */
export const builtInRedactor = (): ((text: string) => string) => (builtIn ??= createRedactor());
