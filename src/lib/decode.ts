// Turns a file's bytes into text chunks. Decoding the byte stream ourselves, with a streaming
// TextDecoder, keeps a multibyte character that straddles two reads intact; decoding per chunk would
// not. UTF-8 is tried first; a file that is not valid UTF-8 is an Excel export in Windows-1252.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { PolkuError } from './errors.ts';

/**
 * Bytes per read. 64 KiB keeps the text papaparse holds small (peak RSS for a million rows fell from
 * ~390 MB at 1 MiB to ~260 MB here) at no cost in speed.
 */
const READ_CHUNK_BYTES = 1 << 16;

export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/**
 * SHA-256 of a file's bytes, far cheaper than parsing them. Read through one buffer: a read stream's
 * new Buffer per read is freed only by a garbage collection, which hashing alone hardly triggers
 * (some 40 MB of RSS at the end of a 10M-row read in halves, measured). `stop` ends it early.
 */
export async function sha256File(path: string, stop?: AbortSignal): Promise<string> {
  const file = await open(path);
  try {
    const sha = createHash('sha256');
    const buffer = Buffer.alloc(1 << 20);
    for (let read = -1; read !== 0; ) {
      stop?.throwIfAborted();
      ({ bytesRead: read } = await file.read(buffer, 0, buffer.length));
      sha.update(buffer.subarray(0, read));
    }
    return sha.digest('hex');
  } finally {
    await file.close();
  }
}

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

/**
 * The first byte of a file that is not UTF-8: its offset and value, its line and column (characters),
 * and whether a character of several bytes (valid UTF-8 beyond ASCII, such as ä) came before it.
 */
export async function firstNonUtf8(path: string): Promise<{ byteOffset: number; byte: number; line: number; column: number; afterUtf8: boolean } | null> {
  let need = 0;
  let line = 1;
  let column = 0;
  let offset = 0;
  // The character being read: a sequence that breaks off is reported at its first byte.
  let lead = { byteOffset: 0, byte: 0, line: 1, column: 0, afterUtf8: false };
  let afterUtf8 = false;
  for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++, offset++) {
      const b = chunk[i]!;
      if (need > 0) {
        if ((b & 0xc0) !== 0x80) return lead;
        if (--need === 0) afterUtf8 = true;
        continue;
      }
      column++;
      if (b < 0x80) {
        if (b === 0x0a) (line++, (column = 0));
        continue;
      }
      lead = { byteOffset: offset, byte: b, line, column, afterUtf8 };
      need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
      if (need < 0) return lead;
    }
  }
  return need > 0 ? lead : null;
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
    if (nul !== -1) {
      throw new PolkuError(`binary data (a NUL byte at byte ${nul}), not CSV text`, { file }, 'export the data as CSV; if it is "Unicode text" from Excel, save it again as "CSV UTF-8".');
    }
  }
}

/** Bytes from `start` up to (not including) `end`. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Streams a file (or a range of it) as decoded text. With `encoding` 'auto', a BOM decides; otherwise
 * UTF-8 is decoded strictly and a NotUtf8Error is thrown at the first invalid byte.
 */
export async function* decodeFile(
  path: string,
  displayName: string,
  encoding: Encoding | 'auto',
  onEncoding: (encoding: Encoding) => void,
  onBytes?: (bytes: Buffer) => void,
  range?: ByteRange,
): AsyncGenerator<DecodedChunk> {
  let decoder: TextDecoder | null = null;
  let announced = false;
  let bytesRead = 0;
  // A range after the start has no byte-order mark to look for.
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES, start: range?.start ?? 0, end: range ? range.end - 1 : undefined });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    onBytes?.(chunk);
    let bytes: Uint8Array = chunk;
    if (!decoder) {
      const bom = range && range.start > 0 ? null : sniffBom(bytes);
      const chosen: Encoding = bom && encoding === 'auto' ? bom.encoding : encoding === 'auto' ? 'utf-8' : encoding;
      assertText(bytes, displayName, chosen.startsWith('utf-16'));
      if (bom && bom.encoding === chosen) bytes = bytes.subarray(bom.length);
      announced = bom?.encoding === 'utf-8';
      // UTF-8 is decoded strictly: a bad byte is an encoding to report or retry, never a silent U+FFFD.
      decoder = new TextDecoder(chosen, { fatal: chosen === 'utf-8', ignoreBOM: true });
      onEncoding(chosen);
    }
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: true });
    } catch {
      throw new NotUtf8Error(bytesRead, announced);
    }
    bytesRead += chunk.length;
    yield { text, bytesRead };
  }
  if (!decoder) assertText(new Uint8Array(0), displayName, false);
  let tail: string;
  try {
    tail = decoder!.decode();
  } catch {
    throw new NotUtf8Error(bytesRead, announced);
  }
  if (tail) yield { text: tail, bytesRead };
}
