// Streams a CSV file through papaparse in batches of rows, each with the physical line it starts on
// (papaparse's own row index is not a line number once a quoted field spans lines).
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { decodeFile, type ByteRange, type Encoding } from './decode.ts';
import { PolkuError } from '../common/errors.ts';

export type Delimiter = ',' | ';' | '\t' | '|';

export interface CsvOptions {
  encoding: Encoding | 'auto';
  delimiter: Delimiter | 'auto';
  /** Non-blank lines of header (default 1): the first names the columns, the others are left out. */
  headerRows?: number;
  /** Only these bytes, whole lines; the whole file when absent. */
  range?: ByteRange;
  /**
   * The range comes after the header, which the read of the file's start found, with the line
   * break (CsvFormat); `delimiter` and `encoding` must be given. Lines are counted from the range's
   * start (1).
   */
  after?: { header: string[]; linebreak: string };
  /** The longest record, in characters (MAX_RECORD_CHARS when absent; the mapping's "maxRecordChars"). */
  maxRecordChars?: number;
  /**
   * Fail at a batch of rows longer than this (in characters): it holds a record nearly that long,
   * which a read of another range could cut differently (a read in halves declines such a file).
   */
  maxBatchChars?: number;
  /** Hash the bytes read (CsvSummary.sha256, the default); false: a range of a file hashed elsewhere, sha256 ''. */
  sha256?: boolean;
}

/** How the start of a file is written, once its header is read. */
export interface CsvFormat {
  delimiter: Delimiter;
  encoding: Encoding;
  linebreak: string;
}

export interface CsvSink {
  /** The first non-blank row. */
  header(fields: string[], line: number, format: CsvFormat): void;
  /** A batch of data rows, the line each starts on, and papaparse's complaint about a row, if any. */
  rows(rows: string[][], lines: ArrayLike<number>, problems: Map<number, string>): void;
  /** Called after each batch, for progress. */
  progress?(bytesRead: number): void;
}

export interface CsvSummary {
  encoding: Encoding;
  delimiter: Delimiter;
  /** Lines that were empty or held only empty fields; not rows. */
  blankLines: number;
  /** Header rows after the first (CsvOptions.headerRows), with their lines; not rows. */
  extraHeaderRows: { line: number; fields: string[] }[];
  /** Physical lines in the file. */
  lines: number;
  /** SHA-256 of the bytes read, hex, computed in the same pass; '' when not asked for (CsvOptions.sha256). */
  sha256: string;
}

/**
 * The longest record read, in characters, by default: papaparse holds a record whole until it ends, and
 * a quote that never closes would make the rest of the file one record.
 */
export const MAX_RECORD_CHARS = 1 << 20;

/**
 * A malformed record (a quote problem, or not the header's number of fields) over more lines than
 * this has swallowed rows: a stray quote opened a field that a later quote happened to close, and the
 * rows in between would be one rejection. Stopping names the line instead. A comment written over
 * many lines in a well-formed record is not affected.
 */
export const MAX_MALFORMED_RECORD_LINES = 1;

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
const SAMPLE_LINES = 5;

/** Excel's "sep=;" line before the header names the delimiter. */
const SEP_LINE = /^[ \t]*"?sep=([,;\t|])"?[ \t]*(?=\r|\n|$)/i;

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

function isBlank(row: string[]): boolean {
  for (const field of row) if (field.trim() !== '') return false;
  return true;
}

/** The character counted as a line: '\r' in a file of Mac line ends, else '\n' (also of '\r\n'). */
const breakMark = (linebreak: string) => (linebreak === '\r' ? '\r' : '\n');

function countBreaks(row: string[], linebreak: string): number {
  const mark = breakMark(linebreak);
  let breaks = 0;
  for (const field of row) {
    let at = field.indexOf(mark);
    while (at !== -1) {
      breaks++;
      at = field.indexOf(mark, at + 1);
    }
  }
  return breaks;
}

/**
 * The text handed to papaparse that it has not consumed yet. A batch of rows is counted in lines with
 * one scan of the text it came from, instead of a search of each of its fields: when the text holds
 * as many line breaks as rows that end in one, no field holds a line break and every row is one line.
 */
class FedText {
  private pieces: string[] = [];
  /** Offset, in the text fed so far, of pieces[0], and of the end of what papaparse has consumed. */
  private start = 0;
  private consumed = 0;

  add(text: string): void {
    this.pieces.push(text);
  }

  /** The text papaparse has not consumed: the record it holds until the record ends. */
  rest(): string {
    return this.pieces.join('').slice(this.consumed - this.start);
  }

  /** Line breaks (`mark`) up to papaparse's cursor since the last call, and whether that text ends with one. */
  consume(cursor: number, mark: string): { breaks: number; endsWithBreak: boolean } {
    let breaks = 0;
    let endsWithBreak = false;
    let offset = this.start;
    let dropped = 0;
    for (const piece of this.pieces) {
      const end = offset + piece.length;
      const from = Math.max(this.consumed, offset) - offset;
      const to = Math.min(cursor, end) - offset;
      for (let at = piece.indexOf(mark, from); at !== -1 && at < to; at = piece.indexOf(mark, at + 1)) breaks++;
      if (to > from) endsWithBreak = piece.charAt(to - 1) === mark;
      if (end > cursor) break;
      dropped++;
      offset = end;
    }
    if (dropped) this.pieces.splice(0, dropped);
    this.start = offset;
    this.consumed = cursor;
    return { breaks, endsWithBreak };
  }
}

export async function readCsv(path: string, file: string, options: CsvOptions, sink: CsvSink): Promise<CsvSummary> {
  const { after } = options;
  if (after && (options.delimiter === 'auto' || options.encoding === 'auto')) throw new Error('a range after the header is read with its delimiter and encoding given');
  let encoding: Encoding = 'utf-8';
  let delimiter: Delimiter | null = options.delimiter === 'auto' ? null : options.delimiter;
  let charsFed = 0;
  let bytesRead = 0;
  const fed = new FedText();
  const sha = options.sha256 === false ? null : createHash('sha256');
  const maxRecordChars = options.maxRecordChars ?? MAX_RECORD_CHARS;

  const decide = (headerLine: string, sample: string[]) => {
    delimiter = detectDelimiter(headerLine, sample);
    if (delimiter === null) {
      throw new PolkuError(
        'the header line has no delimiter (comma, semicolon, tab or |), so this is not a CSV export',
        { file, line: 1, column: 1 },
        'export the survey as CSV with one column per field, or set "delimiter" in data/mapping.jsonc.',
      );
    }
  };

  // Text is held back until the header line and a few lines after it are in, so the delimiter is
  // decided from all of them.
  async function* text() {
    let pending = '';
    let started = after !== undefined;
    for await (const chunk of decodeFile(path, file, options.encoding, (e) => (encoding = e), sha ? (bytes) => sha.update(bytes) : undefined, options.range)) {
      charsFed += chunk.text.length;
      bytesRead = chunk.bytesRead;
      if (started) {
        fed.add(chunk.text);
        yield chunk.text;
        continue;
      }
      pending += chunk.text;
      const start = startOfText(pending, false);
      if (start === null) continue;
      started = true;
      fed.add(start);
      yield start;
    }
    // A short file: what there is decides. (A file of blank lines papaparse then reports as having no header.)
    if (!started && pending) {
      const start = startOfText(pending, true) ?? pending;
      fed.add(start);
      yield start;
    }
  }

  /**
   * The start of the text to parse, once the header line and the sample lines after it are in (or
   * the file has ended), with the delimiter decided; null while more text is needed. Excel's "sep=;"
   * line names the delimiter (unless the mapping does) and is blanked, not removed, so that lines keep
   * their numbers.
   */
  function startOfText(pending: string, atEnd: boolean): string | null {
    const sep = SEP_LINE.exec(pending);
    if (sep) {
      if (!atEnd && !/[\r\n]/.test(pending.charAt(sep[0].length))) return null;
      delimiter ??= sep[1] as Delimiter;
      return pending.slice(sep[0].length);
    }
    if (delimiter !== null) return pending;
    const lines = pending.split(/\r\n|\n|\r/);
    if (!atEnd) lines.pop(); // the last line may be cut off
    const { header, sample } = headerAndSample(lines);
    if (header === null) return atEnd ? pending : null;
    if (!atEnd && sample.length < SAMPLE_LINES && pending.length < 1 << 16) return null;
    decide(header, sample);
    return pending;
  }

  let nextLine = 1;
  let blankLines = 0;
  const extraHeaderRows: CsvSummary['extraHeaderRows'] = [];
  const moreHeaderRows = after ? 0 : (options.headerRows ?? 1) - 1;
  let headerSeen = after !== undefined;
  let headerFields = after?.header.length ?? 0;
  let linebreak = after?.linebreak ?? '\n';
  let batchStart = 0;

  await new Promise<void>((resolve, reject) => {
    const input = Readable.from(text(), { objectMode: true });
    let failed = false;
    const fail = (error: unknown, parser?: Papa.Parser) => {
      if (failed) return;
      failed = true;
      parser?.abort();
      // papaparse stops listening to a stream it fails on, but leaves it flowing: the file would be
      // read and decoded to its end, unused (a read that stops early, such as a pass of ingestWhole
      // that finds too many respondents, would go on beside the next).
      input.destroy();
      reject(error);
    };
    Papa.parse<string[], NodeJS.ReadableStream>(input, {
      delimiter: () => delimiter ?? ',',
      // A range after the header goes on with the line break papaparse found at the file's start.
      ...(after ? { newline: after.linebreak } : {}),
      header: false,
      dynamicTyping: false,
      skipEmptyLines: false,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        if (failed) return;
        linebreak = results.meta.linebreak || linebreak;
        const problems = new Map<number, string>();
        for (const e of results.errors) {
          if (e.code === 'MissingQuotes') {
            return fail(unclosedQuote(file, lineOfRow(results.data, e.row ?? 0)), parser);
          }
          if (e.row !== undefined) problems.set(e.row, e.message);
        }
        const rows: string[][] = [];
        const lines: number[] = [];
        const kept = new Map<number, string>();
        const data = results.data;
        // Every row ends in a line break but the file's last one, when it has none (papaparse's last
        // batch is that unfinished line alone).
        const { breaks, endsWithBreak } = fed.consume(results.meta.cursor, breakMark(linebreak));
        const oneLineEach = breaks === (endsWithBreak ? data.length : data.length - 1);
        for (let i = 0; i < data.length; i++) {
          const row = data[i]!;
          const line = nextLine;
          const span = oneLineEach ? 1 : 1 + countBreaks(row, linebreak);
          nextLine += span;
          if (isBlank(row)) {
            blankLines++;
            continue;
          }
          if (!headerSeen) {
            headerSeen = true;
            headerFields = row.length;
            sink.header(row, line, { delimiter: delimiter ?? ',', encoding, linebreak });
            continue;
          }
          if (extraHeaderRows.length < moreHeaderRows) {
            extraHeaderRows.push({ line, fields: row });
            continue;
          }
          const problem = problems.get(i);
          if (span > MAX_MALFORMED_RECORD_LINES && (problem !== undefined || row.length !== headerFields)) {
            return fail(swallowedRows(file, line, span, problem ?? `${row.length} fields where the header has ${headerFields}`), parser);
          }
          // Well-formed, yet a line inside a field has a whole row's delimiters: a stray quote that the
          // next row's closing quote closed, with that row now text in a comment.
          const inside = span > 1 ? rowInsideField(row, delimiter ?? ',', headerFields) : 0;
          if (inside > 0) return fail(swallowedRows(file, line, span, `line ${line + inside} inside a quoted field has as many fields as a row`), parser);
          if (problem) kept.set(rows.length, problem);
          rows.push(row);
          lines.push(line);
        }
        if (rows.length) sink.rows(rows, lines, kept);
        sink.progress?.(bytesRead);
        if (charsFed - results.meta.cursor > maxRecordChars) {
          // Lines with a whole row's fields inside it: a quote that never closes has swallowed rows.
          const swallowing = rowInsideField([fed.rest()], delimiter ?? ',', headerFields) > 0;
          fail(swallowing ? unclosedQuote(file, nextLine) : recordOverLimit(file, nextLine, maxRecordChars), parser);
        }
        if (options.maxBatchChars !== undefined && results.meta.cursor - batchStart > options.maxBatchChars) fail(new Error(`a batch of ${results.meta.cursor - batchStart} characters before line ${nextLine}`), parser);
        batchStart = results.meta.cursor;
      },
      complete: () => (failed ? undefined : resolve()),
      error: (error: Error) => fail(error),
    } as Papa.ParseLocalConfig<string[], NodeJS.ReadableStream>);

    function lineOfRow(data: string[][], row: number): number {
      let line = nextLine;
      for (let i = 0; i < row && i < data.length; i++) line += 1 + countBreaks(data[i]!, linebreak);
      return line;
    }
  });

  if (!headerSeen) {
    throw new PolkuError('the file has no header line (it is empty or blank)', { file }, 'export the survey data again with column headers on the first line.');
  }
  return { encoding, delimiter: delimiter ?? ',', blankLines, extraHeaderRows, lines: nextLine - 1, sha256: sha ? sha.digest('hex') : '' };
}

/**
 * The line (1 = the record's second) within a field of a multi-line record that splits into at least
 * as many fields as the header, or 0. Only with 3 fields or more: fewer could be any text.
 */
function rowInsideField(row: string[], delimiter: string, fields: number): number {
  if (fields < 3) return 0;
  let offset = 0;
  for (const field of row) {
    const lines = field.split(/\r\n|\n|\r/);
    for (let k = 1; k < lines.length; k++) if (lines[k]!.split(delimiter).length >= fields) return offset + k;
    offset += lines.length - 1;
  }
  return 0;
}

function swallowedRows(file: string, line: number, lines: number, problem: string): PolkuError {
  return new PolkuError(
    `a record starts on line ${line} and runs over ${lines} lines, to line ${line + lines - 1}, and is malformed (${problem}): a double quote at the start of a field on line ${line} opened a quoted field that swallowed the rows after it`,
    { file, line },
    'if that quote is part of the text, double it ("") or remove it; a quoted field must end with a quote right before the delimiter or the end of the line. Re-exporting from the survey tool usually fixes it.',
  );
}

function recordOverLimit(file: string, line: number, limit: number): PolkuError {
  return new PolkuError(
    `the record (row) that starts on line ${line} is over the limit of ${limit.toLocaleString('en-US')} characters a record and has not ended: a field that long, or a quoted field whose quote never closes and swallows the rest of the file`,
    { file, line },
    `if the record is meant to be that long (a long comment), raise "maxRecordChars" in data/mapping.jsonc (now ${limit}); otherwise close the quote (a double quote inside a field is doubled: "") or re-export the file from the survey tool.`,
  );
}

function unclosedQuote(file: string, line: number): PolkuError {
  return new PolkuError(
    `a quoted field that starts on line ${line} is never closed, so it swallows the rest of the file`,
    { file, line },
    'close the quote (a field with a double quote inside must double it: "" ), or re-export the file from the survey tool.',
  );
}
