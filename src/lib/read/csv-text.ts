// The text of a CSV file as papaparse is fed it: decoded, hashed as it is read, and held back until
// the header line and a few lines after it are in, so that the delimiter is decided from all of them.
import type { Hash } from 'node:crypto';
import { decodeFile, type ByteRange, type Encoding } from './decode.ts';
import { detectDelimiter, headerAndSample, SAMPLE_LINES, SEP_LINE, type Delimiter } from './csv-delimiter.ts';
import { FedText } from './csv-lines.ts';
import { PolkuError } from '../common/errors.ts';

export interface CsvTextOptions {
  encoding: Encoding | 'auto';
  delimiter: Delimiter | 'auto';
  range?: ByteRange;
  fd?: number;
  /** The text is a range after the header: it is fed as it comes, the delimiter given. */
  afterHeader: boolean;
}

export class CsvText {
  /** Decided by the decoder as it reads the start. */
  encoding: Encoding = 'utf-8';
  /** Given, or decided once the header and the lines after it are in. */
  delimiter: Delimiter | null;
  charsFed = 0;
  bytesRead = 0;
  readonly fed = new FedText();
  private readonly path: string;
  private readonly file: string;
  private readonly options: CsvTextOptions;
  private readonly sha: Hash | null;

  constructor(path: string, file: string, options: CsvTextOptions, sha: Hash | null) {
    this.path = path;
    this.file = file;
    this.options = options;
    this.sha = sha;
    this.delimiter = options.delimiter === 'auto' ? null : options.delimiter;
  }

  async *chunks(): AsyncGenerator<string> {
    let pending = '';
    let started = this.options.afterHeader;
    const { sha } = this;
    for await (const chunk of decodeFile(this.path, this.file, this.options.encoding, (e) => (this.encoding = e), sha ? (bytes) => sha.update(bytes) : undefined, this.options.range, this.options.fd)) {
      this.charsFed += chunk.text.length;
      this.bytesRead = chunk.bytesRead;
      if (started) {
        this.fed.add(chunk.text);
        yield chunk.text;
        continue;
      }
      pending += chunk.text;
      const start = this.startOfText(pending, false);
      if (start === null) continue;
      started = true;
      this.fed.add(start);
      yield start;
    }
    // A short file: what there is decides. (A file of blank lines papaparse then reports as having no header.)
    if (!started && pending) {
      const start = this.startOfText(pending, true) ?? pending;
      this.fed.add(start);
      yield start;
    }
  }

  /**
   * The start of the text to parse, once the header line and the sample lines after it are in (or
   * the file has ended), with the delimiter decided; null while more text is needed. Excel's "sep=;"
   * line names the delimiter (unless the mapping does) and is blanked, not removed, so that lines keep
   * their numbers.
   */
  private startOfText(pending: string, atEnd: boolean): string | null {
    const sep = SEP_LINE.exec(pending);
    if (sep) {
      if (!atEnd && !/[\r\n]/.test(pending.charAt(sep[0].length))) return null;
      this.delimiter ??= sep[1] as Delimiter;
      return pending.slice(sep[0].length);
    }
    if (this.delimiter !== null) return pending;
    const lines = pending.split(/\r\n|\n|\r/);
    if (!atEnd) lines.pop(); // the last line may be cut off
    const { header, sample } = headerAndSample(lines);
    if (header === null) return atEnd ? pending : null;
    if (!atEnd && sample.length < SAMPLE_LINES && pending.length < 1 << 16) return null;
    this.delimiter = detectDelimiter(header, sample);
    if (this.delimiter === null) {
      throw new PolkuError(
        'the header line has no delimiter (comma, semicolon, tab or |), so this is not a CSV export',
        { file: this.file, line: 1, column: 1 },
        'export the survey as CSV with one column per field, or set "delimiter" in data/mapping.jsonc.',
      );
    }
    return pending;
  }
}
