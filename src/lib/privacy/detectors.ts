// The built-in detectors of personal data: each a regex for the shape of a candidate (an e-mail
// address, a URL, an IBAN, a henkilötunnus, an IMEI, a card or phone number) and what of a
// candidate it accepts, with the quick tests that let text without candidates skip them all.
import { acceptHetu, creditorReferenceValid, ibanValid, luhnValid } from './check-digits.ts';

/**
 * A detector finds candidates with a regex; `accept` decides how much of a candidate is
 * really personal data: n > 0 redacts the first n characters, 0 rejects (scanning resumes one
 * character later), n < 0 rejects and skips -n characters (the candidate is known harmless, so
 * its tail must not be re-read as something else). Candidates are deliberately a little greedy
 * and `accept` falls back to shorter prefixes, so a trailing unrelated number cannot hide a match.
 */
export interface Detector {
  re: RegExp;
  marker: string;
  /** `before`: up to BEFORE_CHARS characters of the text before the candidate. */
  accept: (candidate: string, following: string, before: string) => number;
}

export const MARKER = {
  email: '[email]',
  phone: '[phone]',
  id: '[id]',
  iban: '[iban]',
  card: '[card]',
  url: '[url]',
  name: '[name]',
} as const;

/** How much of the text before a candidate a detector is shown (Detector.accept's `before`). */
export const BEFORE_CHARS = 12;

/** "(at)", "[at]", "{ät}": the '@' of an address written so that harvesters miss it, as people do. */
const BRACKETED_AT = String.raw`[([{]\s*(?:at|ät)\s*[)\]}]`;
/** "(a)" and a URL's "%40", only between the parts of an address: "vaihtoehto (a) tai (b)" is a list. */
const TIGHT_AT = String.raw`[([{]a[)\]}]|%40`;
const WRITTEN_AT_SOURCE = `${BRACKETED_AT}|${TIGHT_AT}`;

/** "matti at example dot fi": "at" as a word, an address spelled out without brackets. */
export const SPELLED_AT = /\s(?:at|ät)\s/i;

// Every built-in detector needs a digit, '@', '?', a written-out "(at)" or the word "at" (in the
// normalised text), so text without them skips the built-ins.
export const CANDIDATE = new RegExp(`[0-9@?]|${WRITTEN_AT_SOURCE}|${SPELLED_AT.source}`, 'i');
export const WRITTEN_AT = new RegExp(WRITTEN_AT_SOURCE, 'i');
export const DIGIT = /[0-9]/;

// Separators between the digit groups of a number: white space and line breaks (a number broken by
// Alt+Enter in a cell), hyphens and dashes (a word processor's en dash, a minus), dots, middle dots and
// bullets, slashes, underscores and tildes; up to three together ("040 - 123", "FI21  1234", CR LF).
// After normalisation thin and no-break spaces are plain spaces.
const SEP_CHARS = String.raw`\s./_~\-\u2010-\u2015\u2212\u00B7\u2022\u2027\u2219\u22C5\u30FB\u301C`;
const SEP = `(?:[${SEP_CHARS}]{1,3})`;
const SEP_CHAR = new RegExp(`[${SEP_CHARS}]`);

const URL_RE = new RegExp(
  '(?:\\b(?:https?|ftp)://|\\bwww\\.|(?<![\\p{L}\\p{N}@._-])[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}/)' +
    // Host and path up to the '?', then a query that does not end in sentence punctuation,
    // so a URL followed by "?" as a question mark stays a plain (harmless) URL.
    '[^\\s?#<>"\'`]*\\?[^\\s<>"\'`]*[^\\s<>"\'`.,;:!?)\\]}]',
  'giu',
);

// The lookbehind makes the engine start only at the beginning of a local part (linear time). The
// '@' may have spaces or a line break around it, or be written out ("matti(at)example.fi",
// "matti(a)example.fi", "matti%40example.fi"), and then the dots too ("example(dot)fi", "example[.]fi",
// "example dot fi", "gmail . com").
const DOT_WORD = String.raw`\s*[([{]\s*(?:dot|piste|\.)\s*[)\]}]\s*`;
const SPACED_DOT = String.raw`\s+(?:dot|piste|\.)\s+`;
const LABEL = String.raw`[\p{L}\p{N}-]+`;
const TOP_LEVEL = 'fi|com|net|org|eu|se|no|dk|de|ee|uk|nl|fr|es|it|ru|us|ca|io|info|biz|me|co|edu|gov';
/** Mail services common in Finland: after the '@' an address even without its top-level domain ("matti@gmail"). */
const MAIL_SERVICE =
  'gmail|googlemail|hotmail|outlook|yahoo|icloud|aol|gmx|protonmail|proton|luukku|suomi24|elisanet|saunalahti|kolumbus|welho|netti';
// The last label of the domain is letters ("fi", "com"): "Arrived (at) 10.30" is a time, not an address;
// after a spaced or spelled dot a common top-level domain: "matti@kauppa . Kiitos" ends a sentence.
const EMAIL_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+(?:\s*(?:@|${BRACKETED_AT})\s*|${TIGHT_AT})` +
    String.raw`(?:${LABEL}(?:(?:\.|${DOT_WORD}|${SPACED_DOT})${LABEL})*(?:(?:\.|${DOT_WORD})\p{L}{2,}|${SPACED_DOT}(?:${TOP_LEVEL}))|(?:${MAIL_SERVICE}))(?![\p{L}\p{N}-])`,
  'giu',
);

// Spelled out without brackets ("matti dot virtanen at example dot fi", "m.virtanen ät posti.fi"),
// "at" and "dot" are everyday words ("looking at the dot matrix"): such an address must end in a
// common top-level domain, and spell a dot, have a local part that looks like one, or be at a common
// mail service ("matti at gmail.com"; acceptSpelled).
const SPELLED_DOT = String.raw`\s+(?:dot|piste)\s+`;
const LOCAL = String.raw`[\p{L}\p{N}._%+-]+`;
// The spelled-out parts are bounded: every word can start a match, and an unbounded "a dot a dot …"
// would make the scan quadratic.
const SPELLED_EMAIL_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}._%+-])${LOCAL}(?:${SPELLED_DOT}${LOCAL}){0,3}\s+(?:at|ät)\s+${LABEL}(?:(?:\.|${SPACED_DOT})${LABEL}){0,4}(?:\.|${SPACED_DOT})(?:${TOP_LEVEL})(?![\p{L}\p{N}-])`,
  'giu',
);
const SPELLED_DOT_WORD = /\s(?:dot|piste)\s/i;
/** A local part such as "matti.virtanen" or "m_virtanen" (a letter and . _ % + or -), unlike "it" in "bought it at shop.com". */
const ADDRESS_LIKE = /^(?=[^\s]*\p{L})[^\s]*[._%+-]/u;
const AT_MAIL_SERVICE = new RegExp(String.raw`^\s+(?:at|ät)\s+(?:${MAIL_SERVICE})(?![\p{L}\p{N}-])`, 'iu');

function acceptSpelled(c: string): number {
  const at = c.search(/\s+(?:at|ät)\s+/i);
  const local = c.slice(0, at);
  return SPELLED_DOT_WORD.test(c) || ADDRESS_LIKE.test(local) || AT_MAIL_SERVICE.test(c.slice(at)) ? c.length : 0;
}

/** IBAN lengths by country (SWIFT's IBAN registry): a glued or unspaced IBAN is cut at its length. */
const IBAN_LENGTH: Record<string, number> = Object.fromEntries(
  ('AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 EE20 EG29 ES24 ' +
    'FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 ' +
    'LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 PL28 PS29 PT25 QA29 RO24 RS22 ' +
    'SA24 SC31 SD18 SE24 SI19 SK24 SM27 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20')
    .split(' ')
    .map((e) => [e.slice(0, 2), Number(e.slice(2))]),
);

// A letter may come before an IBAN ("tilinumeroFI21…", a space missed) or after it; acceptIban
// decides. Groups of any size (fours, pairs), separated or not.
export const IBAN_RE = new RegExp(`(?<!\\p{N})[A-Za-z]{2}[0-9]{2}(?:${SEP}?[A-Za-z0-9]){5,30}(?!\\p{N})`, 'gu');
const ALNUM = /[A-Za-z0-9]/;
const compactIban = (s: string) => s.replace(/[^A-Za-z0-9]/g, '').toUpperCase();

/** End of the group of letters and digits that holds the last digit of `c`. */
function lastDigitGroupEnd(c: string): number {
  let end = c.search(/[0-9][^0-9]*$/) + 1;
  while (end < c.length && ALNUM.test(c.charAt(end))) end++;
  return end;
}

/**
 * An IBAN is redacted. An IBAN of a listed country and its length whose check fails (a mistyped
 * account number) and a creditor reference (not personal data) are kept whole, read by no other
 * detector (-length). Any other shape is no IBAN: its digits are left to the card and phone detectors.
 */
export function acceptIban(c: string, _following: string, before: string): number {
  const country = c.slice(0, 2).toUpperCase();
  if (country === 'RF') {
    const end = lastDigitGroupEnd(c);
    return creditorReferenceValid(compactIban(c.slice(0, end))) ? -end : 0;
  }
  const length = IBAN_LENGTH[country];
  if (length === undefined) {
    // A country the registry above does not list: not glued to a word, and all its digits (also for a
    // creditor reference above), so that a chance check on a prefix ("XS12 6011 7159 6550" of a card
    // number) cannot hide the rest.
    const end = lastDigitGroupEnd(c);
    return !LETTER.test(before.slice(-1)) && ibanValid(compactIban(c.slice(0, end))) ? end : 0;
  }
  // The prefix that holds exactly the country's number of letters and digits.
  let end = 0;
  for (let n = 0; n < length && end < c.length; end++) if (ALNUM.test(c.charAt(end))) n++;
  const compact = compactIban(c.slice(0, end));
  if (compact.length !== length) return 0;
  if (ibanValid(compact)) return end;
  // A mistyped IBAN: digits, and nothing more of the run that could be a card or phone number.
  return /^[A-Z]{2}[0-9]{3}/.test(compact) && end === lastDigitGroupEnd(c) ? -end : 0;
}

// The century sign '-' also as a word processor writes it: an en dash, a minus or a non-breaking hyphen
// (NFKC makes that a U+2010 hyphen), with a space either side at most; or no sign, a space, slash or
// dot in its place ("131052 308T", "131052/308T"). The date may be spaced or dotted ("13 10 52-308T").
// A word may come before or after it ("hetu131052-308T", "050667-187Ckiitos"): the date and the check
// character (one in 31 by chance) rule out chance.
const HETU_RE = /(?<!\p{N})[0-9]{2}([ .]?)[0-9]{2}\1[0-9]{2}(?:\s?[-+A-FU-Y\u2010-\u2015\u2212]\s?|[\s/.])[0-9]{3}[0-9A-Y](?!\p{N})/giu;

// The groupings cards are printed or typed in: contiguous, 4-4-4-4(-1..3), 4-4-4-1..3, 4-6-4/5 and
// 8-8, with any separators. Only a Luhn-valid 13 to 19 digits is a card.
const CARD_RE = new RegExp(
  `(?<![\\p{N}+])(?:[0-9]{13,19}` +
    `|[0-9]{4}${SEP}[0-9]{4}${SEP}[0-9]{4}${SEP}[0-9]{1,4}(?:${SEP}[0-9]{1,3})?` +
    `|[0-9]{4}${SEP}[0-9]{6}${SEP}[0-9]{4,5}` +
    `|[0-9]{8}${SEP}[0-9]{5,11})(?!\\p{N})`,
  'gu',
);

// A device's IMEI (15 digits, Luhn, printed 2-6-6-1) identifies its owner as a card number does, and
// is redacted as an id. A 15-digit American Express number (34, 37) stays a card.
const IMEI_RE = new RegExp(`(?<![\\p{N}+])(?:[0-9]{15}|[0-9]{2}${SEP}[0-9]{6}${SEP}[0-9]{6}${SEP}[0-9])(?!\\p{N})`, 'gu');
const AMEX = /^3[47]/;

function acceptImei(c: string): number {
  const digits = c.replace(/[^0-9]/g, '');
  return digits.length === 15 && !AMEX.test(digits) && luhnValid(digits) ? c.length : 0;
}

// Phone numbers have no check digit, so their shape decides (phoneValid, acceptPhone). Caught:
// - international: '+' or '00' and a country code (also in parentheses, "(+358)"), 7 to 15 digits;
// - Finnish without the '+': 358 and 8 or 9 more digits ("358401234567");
// - Finnish national: a trunk 0 and a non-zero digit (so not the postal code 00100; 011 and 012 are no
//   Finnish prefix), 7 to 11 digits in all, in groups with any separators ("040/1234567",
//   "040.123.4567", "(09) 123 4567"); written as one run of digits only a mobile number of 9 or 10
//   digits (04x, 050: "tilaus 04012345" is an order number) or after a word such as "puh" or "tel".
//   The trunk 0 may be typed as a letter O ("O40 123 4567") when no letter comes before it.
// A number may end in ".0", as a spreadsheet or pandas exports a numeric column ("358401234567.0").
// Not caught: a number without its trunk 0 or country code ("40 123 4567"), a run of digits of a
// landline number with no word before it ("0912345", an order number as much as a phone number), a
// number whose groups are joined by other characters (commas, letters), or a number spelled in words.
// A number must not continue a date or an id (2026-03-12, ORD-2026-000123), and a candidate that starts
// with a date or time (03.12.2026, 09.30, 0800-1600) is skipped past it (DATE_OR_TIME).
const TRUNK = '(?:0|(?<!\\p{L})[Oo])';
const PHONE_RE = new RegExp(
  `(?<![\\p{N}+])(?<!\\p{N}[-/.:,])(?:` +
    `(?:\\(\\s*)?(?:\\+|00)\\s?[1-9][0-9]{0,2}(?:\\s*\\))?(?:${SEP}?\\(\\s*[0-9]{1,4}\\s*\\))?${SEP}?[0-9]{1,12}(?:${SEP}[0-9]{1,8}){0,5}` +
    `|358(?:${SEP}?[1-9][0-9]{0,2}(?:${SEP}[0-9]{2,8}){1,3}|[1-9][0-9]{7,9})` +
    `|(?:${TRUNK}[1-9][0-9]{0,2}|\\(\\s*${TRUNK}[1-9][0-9]{0,2}\\s*\\))${SEP}?[0-9]{2,8}(?:${SEP}[0-9]{2,4}){0,3}` +
    // A letter may follow ("040 123 4567ja", a space missed), a digit may not.
    ')(?:\\.0)?(?!\\p{N}|[-/.:,]\\p{N})',
  'gu',
);

// Dates and times that a phone candidate may start with: 03.12.2026, 1.3., 05 03 2026, 03/2026, 09.30
// and opening hours 0800-1600.
const DATE_OR_TIME = new RegExp(
  '^(?:[0-9]{1,2}([./-])[0-9]{1,2}\\1(?:(?:19|20)?[0-9]{2}(?![0-9]))?' +
    '|[0-9]{2} (?:0[1-9]|1[0-2]) (?:19|20)[0-9]{2}' +
    '|(?:0?[1-9]|1[0-2])[./-](?:19|20)[0-9]{2}' +
    '|[0-9]{1,2}[.:][0-5][0-9]' +
    '|(?:[01][0-9]|2[0-3])[0-5][0-9]-(?:[01][0-9]|2[0-3])[0-5][0-9])(?![0-9])',
);

const MOBILE = /^0(?:4[0-9]|50)/;
/** Area codes 011 and 012 do not exist: "0123 4567 8901" is a receipt number. */
const NOT_A_PREFIX = /^01[12]/;
/** A number read from a numeric spreadsheet column: its digits and ".0". */
const FLOAT_EXPORT = /^\+?[0-9]+\.0$/;
/** A letter O typed for the trunk 0, read as the 0. */
const LETTER_O_TRUNK = /^(\(\s*)?[Oo]/;

/** `announced`: after a word such as "puh", where a run of digits of a landline number is a phone too. */
function phoneValid(s: string, announced: boolean): boolean {
  const digits = s.replace(/[^0-9]/g, '');
  if (/^[(\s]*\+/.test(s)) return digits.length >= 7 && digits.length <= 15; // E.164 maximum
  if (digits.startsWith('00')) return digits.length >= 9 && digits.length <= 17; // 00 + E.164
  if (digits.startsWith('358')) return digits.length >= 11 && digits.length <= 12;
  if (digits.length < 7 || digits.length > 11 || NOT_A_PREFIX.test(digits)) return false; // trunk 0 and 6 to 10 digits
  return announced || /[^0-9]/.test(s) || (MOBILE.test(digits) && digits.length >= 9 && digits.length <= 10);
}

const LETTER = /\p{L}/u;
/** What a number may be glued to: a letter, or "_" and "#" ("matti_0401234567", "#0401234567"). */
const GLUED = /[\p{L}_#]/u;

/**
 * Digits a number run into the word before it needs to be read as a phone: a whole mobile or
 * landline number, or after a word that announces one ("puh09123456"), a short landline number.
 */
const MIN_DIGITS_AFTER_LETTER = 9;
const MIN_DIGITS_AFTER_PHONE_WORD = 7;
const PHONE_WORD = /(?<!\p{L})(?:puh(?:elin)?|tel(?:efon|ephone)?|gsm|numero|nro|phone|mob(?:ile)?|soita)[.:]?\s*$/iu;

function acceptPhone(candidate: string, following: string, before: string): number {
  // Skip the whole date or time, or "03 2026" inside "05 03 2026" would be read as a phone number.
  const dateOrTime = DATE_OR_TIME.exec(candidate);
  if (dateOrTime) return -dateOrTime[0].length;
  const c = candidate.replace(LETTER_O_TRUNK, '$10'); // same length
  const announced = PHONE_WORD.test(before);
  const valid = (s: string) => phoneValid(s, announced);
  if (FLOAT_EXPORT.test(c) && valid(c.slice(0, -2))) return c.length;
  // Run into a word ("040 123 4567ja", a space missed), a number is a phone when written in groups and
  // long, or with a country code, or a mobile number; "0123456789X" is a code, left whole.
  if (GLUED.test(following) && !((SEP_CHAR.test(c) && countDigits(c) >= 8) || /^[(\s]*(?:\+|00|358)/.test(c) || MOBILE.test(c))) return -c.length;
  // Run into the word before it ("puhelin0401234567"), a number is a phone only when it is long
  // enough to be a whole one; "SKU0123" and "x0800-1600" are codes.
  if (GLUED.test(before.slice(-1))) {
    const length = longestValidPrefix(c, SEP_CHAR, valid);
    const min = announced ? MIN_DIGITS_AFTER_PHONE_WORD : MIN_DIGITS_AFTER_LETTER;
    return length > 0 && countDigits(c.slice(0, length)) >= min ? length : -c.length;
  }
  return longestValidPrefix(c, SEP_CHAR, valid);
}

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
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

export const IBAN_DETECTOR: Detector = { re: IBAN_RE, marker: MARKER.iban, accept: acceptIban };
/** Run after the IBANs, outside the account numbers and references kept whole. */
export const BUILTIN_BY_DIGITS: Detector[] = [
  { re: HETU_RE, marker: MARKER.id, accept: acceptHetu },
  { re: IMEI_RE, marker: MARKER.id, accept: acceptImei },
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

export const URL_DETECTOR: Detector = { re: URL_RE, marker: MARKER.url, accept: (c) => c.length };
export const EMAIL_DETECTOR: Detector = { re: EMAIL_RE, marker: MARKER.email, accept: (c) => c.length };
export const SPELLED_EMAIL_DETECTOR: Detector = { re: SPELLED_EMAIL_RE, marker: MARKER.email, accept: acceptSpelled };
