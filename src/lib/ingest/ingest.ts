// Reads one snapshot file into aggregates, accepting or rejecting every row with a reason and its
// line, so that for every file accepted + rejected = rows read. This module chooses how: in halves
// side by side (halves.ts), else from start to end in one pass or more (passes.ts);
// each of those reads rows (read-range.ts, rows.ts) into a tally of cells (cells.ts).
import { NotUtf8Error } from '../read/decode.ts';
import { PolkuError, withFilePath } from '../common/errors.ts';
import { ingestInHalves } from './halves.ts';
import { ingestWhole, passesFor } from './passes.ts';
import type { IngestOptions, SnapshotIngest } from './types.ts';
import { fileBytes, withDescriptor } from './open-file.ts';
import { WORKER_MIN_BYTES } from './read-csv-threaded.ts';
import { TooManyRespondents } from './respondent-index.ts';

// The public names, where other modules find them.
export {
  COMMENTS_PER_GROUP, emptyAccount, LINES_PER_REASON, MAX_LISTED_REJECTIONS, RESPONDENT_BYTES, stageLookup, withoutPrototypes,
  type CommentSample, type FileAccount, type IngestOptions, type JourneyRespondents, type Rejection, type SharedOptions, type SnapshotIngest, type TouchpointCells,
} from './types.ts';

/**
 * Reads a snapshot. With "encoding": "auto" the read from start to end decides between UTF-8 and
 * Windows-1252 on the whole file (decodeFile); a read in halves is of UTF-8 only, and declines others.
 * The file is opened once (unless `options.fd` is given), whatever the read.
 */
export async function ingestSnapshot(options: IngestOptions): Promise<SnapshotIngest> {
  try {
    return await withDescriptor(options, ingestFile);
  } catch (error) {
    throw withFilePath(error, options.path);
  }
}

async function ingestFile(options: IngestOptions): Promise<SnapshotIngest> {
  const encoding = options.mapping.encoding;
  const bytes = fileBytes(options);
  let passes = options.passes ?? 1;
  if (options.shared && (options.parseInWorker ?? bytes >= WORKER_MIN_BYTES) && !encoding.startsWith('utf-16')) {
    try {
      const ingest = await ingestInHalves(options, options.shared, bytes);
      if (ingest) return ingest;
    } catch (error) {
      if (!(error instanceof TooManyRespondents)) throw error;
      passes = passesFor(error, 1, options);
    }
  }
  try {
    return await ingestWhole(options, encoding, passes);
  } catch (error) {
    if (!(error instanceof NotUtf8Error)) throw error;
    throw new PolkuError(
      `the file is not valid UTF-8 (near byte ${error.byteOffset})${error.announced ? ', although it starts with a UTF-8 byte-order mark' : ''}`,
      { file: options.file },
      'export the file again as UTF-8, or set "encoding": "windows-1252" in the mapping if it is an Excel export in Windows-1252.',
    );
  }
}
