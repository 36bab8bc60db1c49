// Formats values as CSV cells that spreadsheet programs will not execute as formulas (OWASP CSV injection).

// Leading characters that make Excel/LibreOffice/Sheets treat a cell as a formula.
const FORMULA_START = /^[=+\-@\t\r\n\0]/;
const NEEDS_QUOTES = /[",\r\n]|^ | $/;

/**
 * One CSV cell. Finite numbers are written as plain numbers, so callers must pass numeric data as
 * numbers: the string "-5" is treated as text and gets the `'` guard, the number -5 does not.
 * null, undefined, NaN and ±Infinity become an empty cell.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  if (NEEDS_QUOTES.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** One CSV record without the line terminator. */
export function csvRow(values: (string | number | null | undefined)[]): string {
  return values.map(csvCell).join(',');
}
