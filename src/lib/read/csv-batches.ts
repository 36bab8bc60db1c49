// papaparse's batches of rows turned into the sink's calls: each row with the line it starts on, blank
// lines and header rows set apart, and the read stopped at a record that has swallowed rows.
import type Papa from 'papaparse';
import { countBreaks, breakMark } from './csv-lines.ts';
import type { CsvText } from './csv-text.ts';
import type { Delimiter } from './csv-delimiter.ts';
import type { Encoding } from './decode.ts';
import { PolkuError } from '../common/errors.ts';

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

export interface BatchLimits {
  /** Header rows after the first, left out of the rows. */
  moreHeaderRows: number;
  maxRecordChars: number;
  maxBatchChars?: number;
  maxMalformedRecordLines: number;
}

export class RowBatches {
  nextLine = 1;
  blankLines = 0;
  readonly extraHeaderRows: { line: number; fields: string[] }[] = [];
  headerSeen: boolean;
  linebreak: string;
  private headerFields: number;
  private batchStart = 0;
  private readonly file: string;
  private readonly text: CsvText;
  private readonly sink: CsvSink;
  private readonly limits: BatchLimits;

  /** `after`: the batches are of a range after the header, read with the line break of the file's start. */
  constructor(file: string, text: CsvText, sink: CsvSink, limits: BatchLimits, after?: { header: string[]; linebreak: string }) {
    this.file = file;
    this.text = text;
    this.sink = sink;
    this.limits = limits;
    this.linebreak = after?.linebreak ?? '\n';
    this.headerSeen = after !== undefined;
    this.headerFields = after?.header.length ?? 0;
  }

  /** Takes one batch; the error to stop the read with, or null. */
  take(results: Papa.ParseResult<string[]>): Error | null {
    this.linebreak = results.meta.linebreak || this.linebreak;
    const problems = new Map<number, string>();
    for (const e of results.errors) {
      if (e.code === 'MissingQuotes') return unclosedQuote(this.file, this.lineOfRow(results.data, e.row ?? 0));
      if (e.row !== undefined) problems.set(e.row, e.message);
    }
    const stop = this.sortRows(results, problems);
    if (stop) return stop;
    this.sink.progress?.(this.text.bytesRead);
    const { cursor } = results.meta;
    if (this.text.charsFed - cursor > this.limits.maxRecordChars) {
      // Lines with a whole row's fields inside it: a quote that never closes has swallowed rows.
      const swallowing = rowInsideField([this.text.fed.rest()], this.delimiter, this.headerFields) > 0;
      return swallowing ? unclosedQuote(this.file, this.nextLine) : recordOverLimit(this.file, this.nextLine, this.limits.maxRecordChars);
    }
    if (this.limits.maxBatchChars !== undefined && cursor - this.batchStart > this.limits.maxBatchChars) return new Error(`a batch of ${cursor - this.batchStart} characters before line ${this.nextLine}`);
    this.batchStart = cursor;
    return null;
  }

  private get delimiter(): string {
    return this.text.delimiter ?? ',';
  }

  /** The batch's rows to the sink, each with its line, blank lines and header rows set apart. */
  private sortRows(results: Papa.ParseResult<string[]>, problems: Map<number, string>): Error | null {
    const rows: string[][] = [];
    const lines: number[] = [];
    const kept = new Map<number, string>();
    const data = results.data;
    // Every row ends in a line break but the file's last one, when it has none (papaparse's last
    // batch is that unfinished line alone).
    const { breaks, endsWithBreak } = this.text.fed.consume(results.meta.cursor, breakMark(this.linebreak));
    const oneLineEach = breaks === (endsWithBreak ? data.length : data.length - 1);
    for (let i = 0; i < data.length; i++) {
      const row = data[i]!;
      const line = this.nextLine;
      const span = oneLineEach ? 1 : 1 + countBreaks(row, this.linebreak);
      this.nextLine += span;
      if (isBlank(row)) {
        this.blankLines++;
        continue;
      }
      if (!this.headerSeen) {
        this.headerSeen = true;
        this.headerFields = row.length;
        this.sink.header(row, line, { delimiter: this.text.delimiter ?? ',', encoding: this.text.encoding, linebreak: this.linebreak });
        continue;
      }
      if (this.extraHeaderRows.length < this.limits.moreHeaderRows) {
        this.extraHeaderRows.push({ line, fields: row });
        continue;
      }
      const problem = problems.get(i);
      const malformed = this.malformed(row, line, span, problem);
      if (malformed) return malformed;
      if (problem) kept.set(rows.length, problem);
      rows.push(row);
      lines.push(line);
    }
    if (rows.length) this.sink.rows(rows, lines, kept);
    return null;
  }

  /** A record over several lines that has swallowed rows, as the error that says so; else null. */
  private malformed(row: string[], line: number, span: number, problem: string | undefined): PolkuError | null {
    if (span > this.limits.maxMalformedRecordLines && (problem !== undefined || row.length !== this.headerFields)) {
      return swallowedRows(this.file, line, span, problem ?? `${row.length} fields where the header has ${this.headerFields}`);
    }
    // Well-formed, yet a line inside a field has a whole row's delimiters: a stray quote that the
    // next row's closing quote closed, with that row now text in a comment.
    const inside = span > 1 ? rowInsideField(row, this.delimiter, this.headerFields) : 0;
    return inside > 0 ? swallowedRows(this.file, line, span, `line ${line + inside} inside a quoted field has as many fields as a row`) : null;
  }

  private lineOfRow(data: string[][], row: number): number {
    let line = this.nextLine;
    for (let i = 0; i < row && i < data.length; i++) line += 1 + countBreaks(data[i]!, this.linebreak);
    return line;
  }
}

function isBlank(row: string[]): boolean {
  for (const field of row) if (field.trim() !== '') return false;
  return true;
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
