// Turns a file's bytes into text chunks. Decoding the byte stream ourselves, with a streaming
// TextDecoder, keeps a multibyte character that straddles two reads intact; decoding per chunk would
// not. With "auto", the whole file decides: UTF-8 unless a byte is not UTF-8, and then Windows-1252
// (an Excel export), unless the file also has UTF-8 text, which stops the read (Utf8Evidence).
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createReadStream, read } from 'node:fs';
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import { PolkuError } from '../common/errors.ts';

/**
 * Bytes per read. 64 KiB keeps the text papaparse holds small (peak RSS for a million rows fell from
 * ~390 MB at 1 MiB to ~260 MB here) at no cost in speed.
 */
const READ_CHUNK_BYTES = 1 << 16;

export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** fs.read as a promise: a read of an open file at a position. */
export const readAt = promisify(read);

/**
 * SHA-256 of the bytes of an open file (`fd`, which the caller closes), far cheaper than parsing
 * them. Read through one buffer: a read stream's new Buffer per read is freed only by a garbage
 * collection, which hashing alone hardly triggers (some 40 MB of RSS at the end of a 10M-row read in
 * halves, measured). `stop` ends it early.
 */
export async function sha256Of(fd: number, stop?: AbortSignal): Promise<string> {
  const sha = createHash('sha256');
  const buffer = Buffer.alloc(1 << 20);
  for (let position = 0, bytesRead = -1; bytesRead !== 0; position += bytesRead) {
    stop?.throwIfAborted();
    ({ bytesRead } = await readAt(fd, buffer, 0, buffer.length, position));
    sha.update(buffer.subarray(0, bytesRead));
  }
  return sha.digest('hex');
}

/**
 * How a read stream reads a descriptor it is lent: a stream closes its descriptor when it ends or is
 * destroyed (autoClose: false keeps it open only at the end), and the owner closes this one.
 */
const LENT_DESCRIPTOR = { read, close: (_fd: number, done: (error: null) => void) => done(null) };

/** Thrown when bytes are not UTF-8, so the caller can read the file again as Windows-1252. */
export class NotUtf8Error extends Error {
  readonly byteOffset: number;
  /** A file that announces UTF-8 with a BOM is not read again in another encoding. */
  readonly announced: boolean;
  constructor(byteOffset: number, announced: boolean) {
    super(`not valid UTF-8 near byte ${byteOffset}`);
    this.byteOffset = byteOffset;
    this.announced = announced;
  }
}

export interface DecodedChunk {
  text: string;
  /** Bytes read from the file so far, for progress. */
  bytesRead: number;
}

/** The encoding a byte-order mark announces, and its length. */
export function sniffBom(head: Uint8Array): { encoding: Encoding; length: number } | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** Refuses files that are plainly not text, with a message that says what they probably are. */
export function assertText(head: Uint8Array, file: string, isUtf16: boolean): void {
  if (head.length === 0) {
    throw new PolkuError('the file is empty', { file }, 'export the survey data again; a snapshot needs a header line and at least one row.');
  }
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    throw new PolkuError('this is a zip file (an Excel .xlsx workbook?), not CSV', { file, line: 1, column: 1 }, 'open it in Excel and save it as "CSV UTF-8 (comma delimited)" or "CSV (semicolon delimited)".');
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new PolkuError('this is an old Excel workbook (.xls), not CSV', { file, line: 1, column: 1 }, 'open it in Excel and save it as "CSV UTF-8 (comma delimited)" or "CSV (semicolon delimited)".');
  }
  if (!isUtf16) {
    const nul = head.indexOf(0);
    if (nul !== -1 && utf16WithoutBom(head) === 'utf-16le') {
      throw new PolkuError('the file looks like UTF-16 (little-endian) text without a byte-order mark: every other byte is NUL', { file }, 'set "encoding": "utf-16le" for it in data/mapping.jsonc, or save it again as "CSV UTF-8" in Excel.');
    }
    if (nul !== -1 && utf16WithoutBom(head) === 'utf-16be') {
      throw new PolkuError('the file looks like UTF-16 (big-endian) text without a byte-order mark: every other byte is NUL', { file }, 'save it again as "CSV UTF-8" (Polku reads UTF-16 big-endian only with its byte-order mark).');
    }
    if (nul !== -1) {
      throw new PolkuError(`binary data (a NUL byte at byte ${nul}), not CSV text`, { file }, 'export the data as CSV; if it is "Unicode text" from Excel, save it again as "CSV UTF-8".');
    }
  }
}

/**
 * UTF-16 text without a byte-order mark, from the pattern of its NULs: in mostly-ASCII text each
 * character's high byte is NUL, at odd offsets in little-endian, at even ones in big-endian.
 */
function utf16WithoutBom(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.min(head.length >> 1, 2048);
  let odd = 0;
  let even = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) even++;
    if (head[2 * i + 1] === 0) odd++;
  }
  if (pairs >= 2 && odd >= pairs * 0.7 && even === 0) return 'utf-16le';
  if (pairs >= 2 && even >= pairs * 0.7 && odd === 0) return 'utf-16be';
  return null;
}

/** Bytes from `start` up to (not including) `end`. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Streams a file (or a range of it) as decoded text. With `encoding` 'auto', a BOM decides; without
 * one, a whole file is UTF-8 unless one of its bytes is not, and then Windows-1252, decided on all its
 * bytes (Utf8Evidence): a file with both stops with mixedEncodings. Without a BOM a range, which
 * cannot decide for the file, and any file given as 'utf-8' are decoded strictly, and a NotUtf8Error is
 * thrown at the first invalid byte (the caller reads the whole file, or reports it). Given `fd`, an
 * open descriptor of the file, reads through it (positioned, so several reads may share it) and
 * leaves it open.
 */
export async function* decodeFile(
  path: string,
  displayName: string,
  encoding: Encoding | 'auto',
  onEncoding: (encoding: Encoding) => void,
  onBytes?: (bytes: Buffer) => void,
  range?: ByteRange,
  fd?: number,
): AsyncGenerator<DecodedChunk> {
  let decoder: TextDecoder | null = null;
  let announced = false;
  let bytesRead = 0;
  const rangeStart = range?.start ?? 0;
  // Bytes kept for the evidence of an 'auto' read of a whole file: the chunk before, whose last
  // character may continue into the next.
  let evidence: Utf8Evidence | null = null;
  let previous: { bytes: Buffer; start: number } | null = null;
  // A range after the start has no byte-order mark to look for.
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES, start: rangeStart, end: range ? range.end - 1 : undefined, ...(fd === undefined ? {} : { fd, fs: LENT_DESCRIPTOR }) });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    onBytes?.(chunk);
    const chunkStart = rangeStart + bytesRead;
    let bytes: Uint8Array = chunk;
    if (!decoder) {
      const bom = range && range.start > 0 ? null : sniffBom(bytes);
      const chosen: Encoding = bom && encoding === 'auto' ? bom.encoding : encoding === 'auto' ? 'utf-8' : encoding;
      assertText(bytes, displayName, chosen.startsWith('utf-16'));
      if (bom && bom.encoding === chosen) bytes = bytes.subarray(bom.length);
      announced = bom?.encoding === 'utf-8';
      if (encoding === 'auto' && !bom && !range) evidence = new Utf8Evidence();
      // UTF-8 is decoded strictly: a bad byte is an encoding to report or decide on, never a silent U+FFFD.
      decoder = new TextDecoder(chosen, { fatal: chosen === 'utf-8', ignoreBOM: true });
      onEncoding(chosen);
    }
    let text: string | null = null;
    // Until a UTF-8 character of several bytes is read, and in Windows-1252, every byte beyond ASCII is
    // evidence; once UTF-8 is established the strict decoder finds what contradicts it.
    if (evidence && !evidence.isUtf8()) {
      if (evidence.pending() || !isAscii(chunk)) evidence.add(chunk, chunkStart);
      if (evidence.conflict() !== null) throw await mixedEncodings(path, displayName, evidence);
      if (evidence.firstInvalid >= 0 && decoder.encoding === 'utf-8') {
        // Everything before the first invalid byte was ASCII, the same in both: decoded from there on as
        // Windows-1252, including the start of its character in the chunk before, if it began there.
        decoder = new TextDecoder('windows-1252');
        onEncoding('windows-1252');
        const carried = previous && evidence.firstInvalid < chunkStart ? decoder.decode(previous.bytes.subarray(evidence.firstInvalid - previous.start)) : '';
        text = carried + decoder.decode(chunk);
      }
    }
    try {
      text ??= decoder.decode(bytes, { stream: true });
    } catch {
      if (evidence?.withInvalidIn(previous, chunk, chunkStart).conflict() != null) throw await mixedEncodings(path, displayName, evidence);
      throw new NotUtf8Error(bytesRead, announced);
    }
    // A last chunk of a few bytes keeps the bytes before it: the character they end may start there.
    previous = chunk.length >= 4 || !previous ? { bytes: chunk, start: chunkStart } : { bytes: Buffer.concat([previous.bytes.subarray(-3), chunk]), start: chunkStart - Math.min(3, previous.bytes.length) };
    bytesRead += chunk.length;
    yield { text, bytesRead };
  }
  if (!decoder) assertText(new Uint8Array(0), displayName, false);
  let tail: string;
  try {
    tail = decoder!.decode();
  } catch {
    // A character cut off by the end of the file.
    if (!evidence || !previous) throw new NotUtf8Error(bytesRead, announced);
    evidence.withInvalidIn(previous, null, rangeStart + bytesRead);
    if (evidence.conflict() !== null) throw await mixedEncodings(path, displayName, evidence);
    if (evidence.firstInvalid < previous.start) throw new NotUtf8Error(bytesRead, announced);
    // ASCII up to a byte beyond it at the very end: Windows-1252.
    onEncoding('windows-1252');
    tail = new TextDecoder('windows-1252').decode(previous.bytes.subarray(evidence.firstInvalid - previous.start));
  }
  if (tail) yield { text: tail, bytesRead };
}

/**
 * What decides a file between UTF-8 and Windows-1252, gathered over its bytes in order: where its
 * first character of several bytes that is valid UTF-8 starts (firstMultibyte), and its first byte
 * that is not UTF-8 (firstInvalid; a sequence that breaks off counts at its first byte). A Windows-1252
 * export has bytes that are not UTF-8 and, in practice, never a valid UTF-8 sequence (an uppercase
 * accented letter followed by a symbol such as "Ä»"); a UTF-8 file has no invalid byte. Both is a file
 * in two encodings.
 */
export class Utf8Evidence {
  firstMultibyte = -1;
  firstInvalid = -1;
  /** Bytes still to come of the sequence that starts at `lead`, and the range of the next one. */
  private need = 0;
  private lead = 0;
  private low = 0x80;
  private high = 0xbf;

  /** UTF-8 established: a character of several bytes read, and nothing that is not UTF-8 before it. */
  isUtf8(): boolean {
    return this.firstMultibyte >= 0 && this.firstInvalid < 0;
  }

  /** A sequence is open at the end of what was added. */
  pending(): boolean {
    return this.need > 0;
  }

  /** The offset of the first byte that contradicts the encoding the bytes before it established, or null. */
  conflict(): number | null {
    return this.firstMultibyte >= 0 && this.firstInvalid >= 0 ? Math.max(this.firstMultibyte, this.firstInvalid) : null;
  }

  /** Adds bytes that start at file offset `start`, continuing the bytes added before. */
  add(bytes: Uint8Array, start: number): void {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (this.need > 0) {
        if (b >= this.low && b <= this.high) {
          this.low = 0x80;
          this.high = 0xbf;
          if (--this.need === 0 && this.firstMultibyte < 0) this.firstMultibyte = this.lead;
          continue;
        }
        this.invalid(this.lead);
      }
      if (b < 0x80) continue;
      this.lead = start + i;
      // The ranges TextDecoder accepts: no overlong forms, no surrogates, nothing above U+10FFFF.
      if (b >= 0xc2 && b <= 0xdf) this.open(1, 0x80, 0xbf);
      else if (b === 0xe0) this.open(2, 0xa0, 0xbf);
      else if (b === 0xed) this.open(2, 0x80, 0x9f);
      else if (b >= 0xe1 && b <= 0xef) this.open(2, 0x80, 0xbf);
      else if (b === 0xf0) this.open(3, 0x90, 0xbf);
      else if (b >= 0xf1 && b <= 0xf3) this.open(3, 0x80, 0xbf);
      else if (b === 0xf4) this.open(3, 0x80, 0x8f);
      else this.invalid(this.lead);
    }
  }

  /** The end of the file: a sequence still open is cut off. */
  end(): void {
    if (this.need > 0) this.invalid(this.lead);
  }

  /**
   * Once UTF-8 is established, the strict decoder failed in `chunk` (null: at the end of the file):
   * finds the invalid byte from the chunk before, which it decoded, starting at its first character.
   */
  withInvalidIn(previous: { bytes: Uint8Array; start: number } | null, chunk: Uint8Array | null, chunkStart: number): this {
    const scan = new Utf8Evidence();
    if (previous) {
      let from = 0;
      while (from < previous.bytes.length && (previous.bytes[from]! & 0xc0) === 0x80) from++;
      scan.add(previous.bytes.subarray(from), previous.start + from);
    }
    if (chunk) scan.add(chunk, chunkStart);
    else scan.end();
    if (this.firstInvalid < 0) this.firstInvalid = scan.firstInvalid;
    return this;
  }

  private open(need: number, low: number, high: number): void {
    this.need = need;
    this.low = low;
    this.high = high;
  }

  private invalid(at: number): void {
    this.need = 0;
    this.low = 0x80;
    this.high = 0xbf;
    if (this.firstInvalid < 0) this.firstInvalid = at;
  }
}

/** Line and column (characters, in the encoding of the bytes before it) of a byte of a file. */
async function positionOf(path: string, offset: number, utf8: boolean): Promise<{ line: number; column: number }> {
  let line = 1;
  let column = 1;
  let at = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK_BYTES, end: Math.max(offset - 1, 0) }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length && at < offset; i++, at++) {
      const b = chunk[i]!;
      if (b === 0x0a) (line++, (column = 1));
      // A UTF-8 character's continuation bytes are not columns of their own.
      else if (!utf8 || (b & 0xc0) !== 0x80) column++;
    }
  }
  return { line, column };
}

/** The bytes of a file from `offset`, up to `length`. */
async function bytesAt(path: string, offset: number, length: number): Promise<Buffer> {
  const file = await open(path);
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await file.read(buffer, 0, length, offset);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

const hex = (bytes: Uint8Array) => [...bytes].map((b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`).join(' ');
const cp1252 = (bytes: Uint8Array) => new TextDecoder('windows-1252').decode(bytes);

/**
 * A file with UTF-8 text and bytes that are not UTF-8: read either way, some text would be garbled
 * (comments, group names, and names to redact that would no longer match). Named at the first byte
 * that contradicts the encoding the bytes before it established.
 */
async function mixedEncodings(path: string, file: string, evidence: Utf8Evidence): Promise<PolkuError> {
  const at = evidence.conflict()!;
  const utf8First = evidence.firstMultibyte < evidence.firstInvalid;
  const { line, column } = await positionOf(path, at, utf8First);
  const hint =
    'save the whole file again in one encoding, UTF-8 (in Excel: "CSV UTF-8 (comma delimited)"), or retype the characters that differ; "encoding" in the mapping reads the whole file one way, garbling the rest.';
  if (utf8First) {
    const byte = await bytesAt(path, at, 1);
    return new PolkuError(
      `the file mixes two encodings: it has UTF-8 text with letters such as ä or ö before a character that is not UTF-8 (byte ${hex(byte)}, "${cp1252(byte)}" in Windows-1252), as when rows from an Excel export in Windows-1252 are pasted into a UTF-8 file`,
      { file, line, column },
      hint,
    );
  }
  const first = await bytesAt(path, evidence.firstInvalid, 1);
  const firstAt = await positionOf(path, evidence.firstInvalid, false);
  const lead = await bytesAt(path, at, 4);
  const length = lead[0]! >= 0xf0 ? 4 : lead[0]! >= 0xe0 ? 3 : 2;
  const sequence = lead.subarray(0, length);
  return new PolkuError(
    `the file mixes two encodings: it reads as Windows-1252 (an Excel export: byte ${hex(first)}, "${cp1252(first)}", on line ${firstAt.line} is not UTF-8), but here is UTF-8 text (bytes ${hex(sequence)}, "${sequence.toString('utf8')}" in UTF-8, "${cp1252(sequence)}" in Windows-1252), as when rows from a UTF-8 file are pasted into an Excel export`,
    { file, line, column },
    hint,
  );
}
