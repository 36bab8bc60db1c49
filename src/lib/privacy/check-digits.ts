// The check digits that tell a real identifier from a number of the same shape: Luhn (cards, IMEI),
// MOD 97-10 (IBAN, creditor reference) and the henkilötunnus's check character.

/** Luhn (ISO/IEC 7812-1 Annex B): double every second digit from the right, sum must be 0 mod 10. */
export function luhnValid(digits: string): boolean {
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
export function ibanValid(compact: string): boolean {
  if (compact.length < 15 || compact.length > 34) return false;
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(compact)) return false;
  // Real BBANs are mostly digits; this keeps ordinary words after "AB12" from being candidates.
  const bban = compact.slice(4);
  const letters = bban.replace(/[0-9]/g, '').length;
  if (letters > bban.length - letters) return false;
  return mod97Valid(compact);
}

/** A creditor reference (ISO 11649, "RF18 5390 0754 7034"): RF, two check digits, up to 21 letters and digits, the IBAN's MOD 97-10. */
export function creditorReferenceValid(compact: string): boolean {
  return /^RF[0-9]{2}[A-Z0-9]{1,21}$/.test(compact) && mod97Valid(compact);
}

function mod97Valid(compact: string): boolean {
  const rearranged = compact.slice(4) + compact.slice(0, 4);
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
  '-': 1900, '\u2010': 1900, '\u2011': 1900, '\u2012': 1900, '\u2013': 1900, '\u2014': 1900, '\u2015': 1900, '\u2212': 1900,
  Y: 1900, X: 1900, W: 1900, V: 1900, U: 1900,
  A: 2000, B: 2000, C: 2000, D: 2000, E: 2000, F: 2000,
};

/** Without its century sign ("131052 308T", "131052/308T") a code is of the 1900s or 2000s. */
const CENTURIES_WITHOUT_SIGN = [1900, 2000];
const HETU_PARTS = /^([0-9]{2})[ .]?([0-9]{2})[ .]?([0-9]{2})\s?(\S|\s)\s?([0-9]{3})(.)$/;
/** The end of a number, and a separator. */
const AFTER_NUMBER = /\p{N}[\s./:,-]?$/u;

/**
 * DDMMYYCZZZQ: real calendar date, and Q = HETU_CHECK[DDMMYYZZZ mod 31]. A code without its sign must
 * not continue a number (`before`): "300895/0531" of the card number "3624/300895/0531" checks by chance.
 */
export function acceptHetu(candidate: string, _following: string, before: string): number {
  const parts = HETU_PARTS.exec(candidate.toUpperCase());
  if (!parts) return 0;
  const [, dd = '', mm = '', yy = '', sign = '', individual = '', check = ''] = parts;
  const century = HETU_CENTURY[sign];
  if (century === undefined && AFTER_NUMBER.test(before)) return 0;
  const day = Number(dd);
  const month = Number(mm);
  if (month < 1 || month > 12 || day < 1) return 0;
  const realDate = (c: number) => day <= new Date(Date.UTC(c + Number(yy), month, 0)).getUTCDate();
  if (!(century === undefined ? CENTURIES_WITHOUT_SIGN.some(realDate) : realDate(century))) return 0;
  return HETU_CHECK.charAt(Number(dd + mm + yy + individual) % 31) === check ? candidate.length : 0;
}
