// Property: every kind of identifier the redactor knows, written with any of the separators people
// and programs put in it, in any Unicode form, glued to the words around it, is redacted: no digit of
// it (the words around it have none), no part of an e-mail address, reaches the output. Seeded
// (mulberry32), so a failing variant is the same on every run.
import { describe, expect, it } from 'vitest';
import { mulberry32 as prng } from '../../../scripts/bench/generate.ts';
import { createRedactor } from './redact.ts';

const redact = createRedactor();

type Rng = ReturnType<typeof prng>;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const digits = (rng: Rng, n: number): string => Array.from({ length: n }, () => Math.floor(rng() * 10)).join('');

// Between digit groups: spaces (plain, double, thin, narrow and ordinary no-break), hyphen, en dash,
// minus, spaced hyphen, dot, middle dot, bullet, slash, underscore, tilde, line breaks (LF, CR LF:
// Excel's Alt+Enter in a quoted field).
const SEPARATORS = [' ', '  ', '\u2009', '\u202F', '\u00A0', '-', '\u2013', '\u2212', ' - ', '.', '\u00B7', '\u2022', '/', '_', '~', '\n', '\r\n'];
const INVISIBLE = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'];

/** An identifier as groups of characters; `contiguous` whether it may also be written without separators. */
interface Written {
  groups: string[];
  contiguous: boolean;
}

// ---- generators of valid identifiers

function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

function ibanOf(country: string, bban: string): string {
  const numeric = (bban + country + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rem = 0;
  for (const d of numeric) rem = (rem * 10 + Number(d)) % 97;
  return country + String(98 - rem).padStart(2, '0') + bban;
}

const fours = (s: string): string[] => s.match(/.{1,4}/g)!;
/** Country and check, then pairs: "FI21 12 34 56 00 00 07 85". */
const pairs = (s: string): string[] => [s.slice(0, 4), ...s.slice(4).match(/.{1,2}/g)!];

const phones: ((rng: Rng) => Written)[] = [
  // Finnish mobile, national and international.
  (rng) => ({ groups: [pick(rng, ['040', '041', '044', '045', '046', '050']), digits(rng, 3), digits(rng, 4)], contiguous: true }),
  (rng) => ({ groups: [pick(rng, ['+358', '(+358)', '00358', '358']), pick(rng, ['40', '44', '50']), digits(rng, 3), digits(rng, 4)], contiguous: true }),
  (rng) => ({ groups: ['+358', '(0)40', digits(rng, 3), digits(rng, 4)], contiguous: false }),
  // Finnish landline, national (with a separator: a run of a landline's digits is not told from a code) and international.
  (rng) => ({ groups: [pick(rng, ['09', '(09)', '02', '013', '(017)']), digits(rng, 3), digits(rng, 4)], contiguous: false }),
  (rng) => ({ groups: ['+358', pick(rng, ['9', '2', '17']), digits(rng, 3), digits(rng, 4)], contiguous: true }),
  // Other countries.
  (rng) => ({ groups: ['+44', '20', digits(rng, 4), digits(rng, 4)], contiguous: true }),
  (rng) => ({ groups: ['+1', `(${1 + Math.floor(rng() * 9)}${digits(rng, 2)})`, digits(rng, 3), digits(rng, 4)], contiguous: false }),
  (rng) => ({ groups: ['+46', '8', digits(rng, 3), digits(rng, 3), digits(rng, 2)], contiguous: true }),
  (rng) => ({ groups: ['0049', '30', digits(rng, 8)], contiguous: true }),
];

/** Finnish numbers as they also come: from a numeric spreadsheet column ("358401234567.0"), or with the letter O for the trunk 0. */
const oddlyTypedPhones: ((rng: Rng) => Written)[] = [
  (rng) => ({ groups: [`${pick(rng, ['358', '0'])}${pick(rng, ['40', '44', '50'])}${digits(rng, 7)}.0`], contiguous: true }),
  (rng) => ({ groups: [pick(rng, ['O40', 'o44', 'O50', '(O9)']), digits(rng, 3), digits(rng, 4)], contiguous: false }),
];

function hetu(rng: Rng): Written {
  const year = 1850 + Math.floor(rng() * 180);
  const date = new Date(Date.UTC(year, Math.floor(rng() * 12), 1 + Math.floor(rng() * 28)));
  const dd = String(date.getUTCDate()).padStart(2, '0');
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  const yy = String(year % 100).padStart(2, '0');
  const individual = String(2 + Math.floor(rng() * 898)).padStart(3, '0');
  const check = '0123456789ABCDEFHJKLMNPRSTUVWXY'[Number(dd + mm + yy + individual) % 31]!;
  // The century signs, the 2023 ones too, and the hyphen as word processors write it.
  const sign = year < 1900 ? '+' : year < 2000 ? pick(rng, ['-', '\u2013', '\u2212', '\u2011', 'Y', 'X', 'W', 'V', 'U']) : pick(rng, ['A', 'B', 'C', 'D', 'E', 'F']);
  const last = rng() < 0.3 ? check.toLowerCase() : check;
  // Also without its sign, or with the date spaced or dotted.
  const written = rng() < 0.3 ? pick(rng, [' ', '/', '.']) : sign;
  const dateSep = rng() < 0.2 ? pick(rng, [' ', '.']) : '';
  return { groups: [dd + dateSep + mm + dateSep + yy + written + individual + last], contiguous: true };
}

const ibans: ((rng: Rng) => Written)[] = [
  (rng) => ({ groups: fours(ibanOf('FI', digits(rng, 14))), contiguous: true }),
  (rng) => ({ groups: fours(ibanOf('DE', digits(rng, 18))), contiguous: true }),
  (rng) => ({ groups: fours(ibanOf('GB', pick(rng, ['NWBK', 'BARC', 'HBUK']) + digits(rng, 14))), contiguous: true }),
  (rng) => ({ groups: pairs(ibanOf('FI', digits(rng, 14))), contiguous: true }),
];

function card(prefix: string, length: number, grouping: number[]) {
  return (rng: Rng): Written => {
    const body = prefix + digits(rng, length - prefix.length - 1);
    const number = body + luhnCheckDigit(body);
    let at = 0;
    return { groups: grouping.map((n) => number.slice(at, (at += n))), contiguous: true };
  };
}
const cards = [
  card('4', 16, [4, 4, 4, 4]), // Visa
  card('4', 16, [8, 8]),
  card('4', 13, [4, 4, 4, 1]),
  card('5', 16, [4, 4, 4, 4]), // Mastercard
  card('2221', 16, [4, 4, 4, 4]),
  card('37', 15, [4, 6, 5]), // American Express
  card('6011', 16, [4, 4, 4, 4]), // Discover
  card('36', 14, [4, 6, 4]), // Diners Club
];
// IMEI: a reporting body (35, 86, 01), the rest of the type allocation code, serial, Luhn check digit.
const imeis = [card('35', 15, [2, 6, 6, 1]), card('86', 15, [15]), card('01', 15, [2, 6, 6, 1])];

// ---- variants

function fullWidth(s: string): string {
  return s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');
}

function withInvisible(rng: Rng, s: string): string {
  const chars = [...s];
  for (let n = 1 + Math.floor(rng() * 3); n > 0; n--) chars.splice(1 + Math.floor(rng() * (chars.length - 1)), 0, pick(rng, INVISIBLE));
  return chars.join('');
}

/** The identifier written one way, then in a context: spaced or glued to the word before or after. */
function variant(rng: Rng, written: Written, sentence: { before: string; glued: string; after: string }): string {
  const { groups } = written;
  let text = groups[0]!;
  const uniform = rng() < 0.5 ? pick(rng, SEPARATORS) : null;
  const none = written.contiguous && rng() < 0.2;
  for (const g of groups.slice(1)) text += (none ? '' : (uniform ?? pick(rng, SEPARATORS))) + g;
  if (rng() < 0.3) text = fullWidth(text);
  if (rng() < 0.3) text = withInvisible(rng, text);
  if (rng() < 0.3) text = text.normalize('NFD');
  const where = rng();
  if (where < 0.25) return `${sentence.glued}${text} ${sentence.after}`;
  if (where < 0.5) return `${sentence.before} ${text}${sentence.after}`;
  return `${sentence.before} ${text} ${sentence.after}`;
}

/** Up to three variants in which a digit survives (the contexts have none, but for `before`'s own). */
function leaks(seed: number, generators: ((rng: Rng) => Written)[], sentence: { before: string; glued: string; after: string }): string[] {
  const rng = prng(seed);
  const found: string[] = [];
  for (let i = 0; i < 600 && found.length < 3; i++) {
    const text = variant(rng, pick(rng, generators)(rng), sentence);
    const out = redact(text);
    if (/[0-9]/.test(out.normalize('NFKC').replace(sentence.before, ''))) found.push(`${JSON.stringify(text)} → ${JSON.stringify(out)}`);
  }
  return found;
}

describe('createRedactor: every variant of a known identifier is redacted (seeded property)', () => {
  it('phone numbers: Finnish mobile and landline, national and international, other countries', () => {
    expect(leaks(18_1, phones, { before: 'Soita minulle', glued: 'puhelin', after: 'kiitos' })).toEqual([]);
  });
  it('phone numbers glued to "_" or "#", exported with ".0", with the letter O for the trunk 0', () => {
    const all = [...phones, ...oddlyTypedPhones];
    expect(leaks(18_6, all, { before: 'Soita minulle', glued: 'matti_', after: 'kiitos' })).toEqual([]);
    expect(leaks(18_7, all, { before: 'Soita minulle', glued: 'soita #', after: 'kiitos' })).toEqual([]);
  });
  it('phone and card numbers after a word shaped like the start of an IBAN', () => {
    expect(leaks(18_8, phones, { before: 'malli WM40', glued: 'puhelin', after: 'kiitos' })).toEqual([]);
    expect(leaks(18_9, cards, { before: 'kortti XS12', glued: 'kortti', after: 'kiitos' })).toEqual([]);
  });
  it('IMEI device ids', () => {
    expect(leaks(18_10, imeis, { before: 'Puhelimen IMEI', glued: 'IMEI', after: 'kiitos' })).toEqual([]);
  });
  it('henkilötunnus with every century sign, or none, its date spaced or dotted', () => {
    expect(leaks(18_2, [hetu], { before: 'Henkilötunnukseni on', glued: 'hetu', after: 'kiitos' })).toEqual([]);
  });
  it('IBANs: Finnish, German and British', () => {
    expect(leaks(18_3, ibans, { before: 'Tilinumero', glued: 'tilinumero', after: 'kiitos' })).toEqual([]);
  });
  it('card numbers of several networks, Luhn-valid, in their printed groupings', () => {
    expect(leaks(18_4, cards, { before: 'Kortti', glued: 'kortti', after: 'veloitettiin' })).toEqual([]);
  });
  it('e-mail addresses: spaces or a line break around @, full-width, invisible characters, decomposed letters', () => {
    expect(emailLeaks(18_5, ['@', ' @ ', '@\n', '\n@', '\uFF20'], ['.'])).toEqual([]);
  });
  it('e-mail addresses with the @ and the dot written out or encoded', () => {
    expect(emailLeaks(18_11, ['@', ' @ ', '(at)', ' [at] ', '(a)', '%40', '{ät}'], ['.', ' . ', ' dot ', '[.]', '(dot)', ' (piste) '])).toEqual([]);
    // "at" as a word: at a common mail service.
    expect(emailLeaks(18_12, [' at ', ' ät '], ['.', ' . ', ' dot '], ['gmail', 'hotmail', 'outlook'])).toEqual([]);
  });
});

/** Up to three addresses, written with `ats` and `dots`, of which a part reaches the output. */
function emailLeaks(seed: number, ats: string[], dots: string[], domains = ['esimerkki', 'pöllö', 'example']): string[] {
  const rng = prng(seed);
  const found: string[] = [];
  for (let i = 0; i < 600 && found.length < 3; i++) {
    const local = pick(rng, ['matti', 'jää', 'anna.virtanen', 'pekka_k', 'öljy+palaute']);
    const domain = pick(rng, domains);
    const at = pick(rng, ats);
    let address = `${local}${at}${domain}${pick(rng, dots)}${pick(rng, ['fi', 'com'])}`;
    if (rng() < 0.3) address = fullWidth(address);
    if (rng() < 0.3) address = withInvisible(rng, address);
    if (rng() < 0.5) address = address.normalize('NFD');
    const text = `Sähköposti: ${address}, kiitos`;
    const out = redact(text).normalize('NFC').toLowerCase();
    if (out.includes(local) || out.includes(domain)) found.push(`${JSON.stringify(text)} → ${JSON.stringify(out)}`);
  }
  return found;
}
