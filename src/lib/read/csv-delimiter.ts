// Which delimiter a CSV file uses, from its header line, the lines after it and Excel's "sep=" line.

export type Delimiter = ',' | ';' | '\t' | '|';

const CANDIDATES: Delimiter[] = [',', ';', '\t', '|'];

/** How many times `d` occurs outside double quotes in one line. */
function countOutsideQuotes(line: string, d: string): number {
  let count = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) count++;
  }
  return count;
}

/** Whether one line reads as a whole record with `delimiters` delimiters, as a header line has: its quotes all close. */
export function isWholeRecord(line: string, delimiter: string, delimiters: number): boolean {
  let quotes = 0;
  for (let at = line.indexOf('"'); at !== -1; at = line.indexOf('"', at + 1)) quotes++;
  return quotes % 2 === 0 && countOutsideQuotes(line, delimiter) === delimiters;
}

/** Delimiters outside quotes in a header line, or in any whole record. */
export const delimitersIn = countOutsideQuotes;

/**
 * The delimiter of a file from its header line and a few lines after it: among the candidates that
 * split every sample line into as many fields as the header, the one that splits the header most.
 * The header alone is not enough (Finnish Excel leaves commas in a semicolon file's headers unquoted),
 * nor the body alone (comments are full of commas); without a candidate that fits every line, the
 * header decides.
 */
export function detectDelimiter(headerLine: string, sample: string[] = []): Delimiter | null {
  let best: Delimiter | null = null;
  let bestCount = 0;
  let bestFits = false;
  for (const d of CANDIDATES) {
    const count = countOutsideQuotes(headerLine, d);
    if (count === 0) continue;
    const fits = sample.every((line) => countOutsideQuotes(line, d) === count);
    if ((fits && !bestFits) || (fits === bestFits && count > bestCount)) {
      best = d;
      bestCount = count;
      bestFits = fits;
    }
  }
  return best;
}

/** Lines of a sample after the header, blank ones left out: enough to check a delimiter against. */
export const SAMPLE_LINES = 5;

/** Excel's "sep=;" line before the header names the delimiter. */
export const SEP_LINE = /^[ \t]*"?sep=([,;\t|])"?[ \t]*(?=\r|\n|$)/i;

/**
 * From a file's first whole lines: the delimiter its Excel "sep=" line names, the header line (the
 * first non-blank one after), and the non-blank lines after it that decide the delimiter.
 */
export function headerAndSample(lines: string[]): { sep: Delimiter | null; header: string | null; sample: string[] } {
  const sep = lines.length > 0 ? SEP_LINE.exec(lines[0]!) : null;
  const at = lines.findIndex((line, i) => line.trim() !== '' && !(i === 0 && sep));
  const sample = at < 0 ? [] : lines.slice(at + 1).filter((line) => line.trim() !== '').slice(0, SAMPLE_LINES);
  return { sep: sep ? (sep[1] as Delimiter) : null, header: at < 0 ? null : lines[at]!, sample };
}
