// Numbers and dates as spreadsheets write them: decimal comma or point, a Unicode minus,
// ISO 8601 or Finnish d.m.yyyy dates. Each parser returns null for text it does not understand,
// never a guess.

/** A score such as `7`, `-2`, `1,5`, `1.5`, `−3`, `+2`. No thousands separators: scores are small. */
export function parseScore(text: string): number | null {
  const s = text.trim();
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

export type DateOrder = 'auto' | 'd/m/yyyy' | 'm/d/yyyy';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(?:klo\s+)?(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?)?$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?(?:\s+[A-Za-z]{2,5})?)?$/;

/**
 * The calendar day of a timestamp, as days since 1970-01-01 (the local date the respondent saw; time
 * zones are ignored because a report period is a set of days). Slashed dates are ambiguous between
 * d/m and m/d, so they are read only when the mapping says which.
 */
export function parseDay(text: string, order: DateOrder = 'auto'): number | null {
  const s = text.trim();
  let m = ISO.exec(s);
  if (m) return dayNumber(+m[1]!, +m[2]!, +m[3]!, m[4], m[5], m[6]);
  m = DOTTED.exec(s);
  if (m) return dayNumber(+m[3]!, +m[2]!, +m[1]!, m[4], m[5], m[6]);
  m = SLASHED.exec(s);
  if (m && order !== 'auto') {
    const [a, b] = [+m[1]!, +m[2]!];
    return order === 'd/m/yyyy' ? dayNumber(+m[3]!, b, a, m[4], m[5], m[6]) : dayNumber(+m[3]!, a, b, m[4], m[5], m[6]);
  }
  return null;
}

function dayNumber(year: number, month: number, day: number, hh?: string, mm?: string, ss?: string): number | null {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2999) return null;
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCDate() !== day) return null; // 31.2. rolls over into March
  if (hh !== undefined && (+hh > 23 || +(mm ?? 0) > 59 || +(ss ?? 0) > 60)) return null;
  return ms / 86_400_000;
}

/** `YYYY-MM-DD` of a day number. */
export function formatDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
