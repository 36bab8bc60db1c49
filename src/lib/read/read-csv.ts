// Streams a CSV file through papaparse in batches of rows, each with the physical line it starts on
// (papaparse's own row index is not a line number once a quoted field spans lines).
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import type { ByteRange, Encoding } from './decode.ts';
import { RowBatches, type CsvSink } from './csv-batches.ts';
import { CsvText } from './csv-text.ts';
import type { Delimiter } from './csv-delimiter.ts';
import { PolkuError } from '../common/errors.ts';

export type { CsvFormat, CsvSink } from './csv-batches.ts';
export type { Delimiter } from './csv-delimiter.ts';

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
  /** An open descriptor of the file, read instead of opening it again (decodeFile); the caller closes it. */
  fd?: number;
  /** Hash the bytes read (CsvSummary.sha256, the default); false: a range of a file hashed elsewhere, sha256 ''. */
  sha256?: boolean;
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

/**
 * Reads a CSV file (or a range of it) into the sink in batches of rows, with the encoding and
 * delimiter given or decided from its start; hashes the bytes read unless told not to.
 */
export async function readCsv(path: string, file: string, options: CsvOptions, sink: CsvSink): Promise<CsvSummary> {
  const { after } = options;
  if (after && (options.delimiter === 'auto' || options.encoding === 'auto')) throw new Error('a range after the header is read with its delimiter and encoding given');
  const sha = options.sha256 === false ? null : createHash('sha256');
  const text = new CsvText(path, file, { encoding: options.encoding, delimiter: options.delimiter, range: options.range, fd: options.fd, afterHeader: after !== undefined }, sha);
  const limits = { moreHeaderRows: after ? 0 : (options.headerRows ?? 1) - 1, maxRecordChars: options.maxRecordChars ?? MAX_RECORD_CHARS, maxBatchChars: options.maxBatchChars, maxMalformedRecordLines: MAX_MALFORMED_RECORD_LINES };
  const batches = new RowBatches(file, text, sink, limits, after);
  await parse(text, batches, after?.linebreak);
  if (!batches.headerSeen) {
    throw new PolkuError('the file has no header line (it is empty or blank)', { file }, 'export the survey data again with column headers on the first line.');
  }
  return { encoding: text.encoding, delimiter: text.delimiter ?? ',', blankLines: batches.blankLines, extraHeaderRows: batches.extraHeaderRows, lines: batches.nextLine - 1, sha256: sha ? sha.digest('hex') : '' };
}

/** Feeds the text through papaparse into the batches; rejects with the first error a batch stops at. */
function parse(text: CsvText, batches: RowBatches, newline: string | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const input = Readable.from(text.chunks(), { objectMode: true });
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
      delimiter: () => text.delimiter ?? ',',
      // A range after the header goes on with the line break papaparse found at the file's start.
      ...(newline !== undefined ? { newline } : {}),
      header: false,
      dynamicTyping: false,
      skipEmptyLines: false,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        if (failed) return;
        const error = batches.take(results);
        if (error) fail(error, parser);
      },
      complete: () => (failed ? undefined : resolve()),
      error: (error: Error) => fail(error),
    } as Papa.ParseLocalConfig<string[], NodeJS.ReadableStream>);
  });
}
