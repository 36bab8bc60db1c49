// One read of a snapshot file, or of a half or a pass of it: rows validated and tallied as they are
// parsed, then made into the ingest, after merging the reads of the other halves or passes.
import { sumsLayout } from '../stats/aggregate.ts';
import { choiceItems } from './column-plan.ts';
import type { ColumnPlan } from './column-plan.ts';
import type { ByteRange, Encoding } from '../read/decode.ts';
import { PolkuError } from '../common/errors.ts';
import { CellTally, type TallyState } from './cells.ts';
import { DayTally, type DaysState } from './days.ts';
import { dataInHeader, readsAsData } from './fields.ts';
import { RowReader, type RowOptions } from './rows.ts';
import { mergeAccount, type FileAccount, type IngestOptions, type SnapshotIngest } from './types.ts';
import { readCsv, type CsvFormat, type CsvSink, type CsvSummary } from '../read/read-csv.ts';
import { readCsvThreaded } from './read-csv-threaded.ts';
import { fileBytes } from './open-file.ts';
import { TooManyRespondents } from './respondent-index.ts';

/** How readIngest reads: the whole file, a byte range of whole lines (a half), or a pass over it. */
export interface ReadOptions extends RowOptions {
  parseInWorker: boolean;
  range?: ByteRange;
  /** The range comes after the header, which the read of the file's start found (CsvOptions.after). */
  after?: { header: string[]; format: CsvFormat };
  /** false: the bytes read are not hashed (CsvOptions.sha256). */
  sha256?: boolean;
  /** Stop at a batch of rows longer than this (CsvOptions.maxBatchChars). */
  maxBatchChars?: number;
  /** Stop with TooManyRespondents once the respondents take more memory than this. */
  maxRespondentBytes?: number;
  /** Told the file's header and format once they are read (the read of a file's start). */
  onHeader?: (header: string[], format: CsvFormat, plan: ColumnPlan) => void;
  onProgress?: (rows: number, bytesRead: number) => void;
}

/** A read as data, which another thread can be sent: its tally's arrays are views of the read's own, so the read is done with. */
export type ReadState = TallyState & DaysState & { account: FileAccount; summary: CsvSummary };

/** A file, a half or a pass read: finish() makes the ingest; the reads of the rest are merged first. */
export interface IngestRead {
  account: FileAccount;
  summary: CsvSummary;
  state(): ReadState;
  /**
   * Merges the read of the half after this one (one, before finish()); false when it cannot: a
   * respondent rated the same touchpoint in both halves, and the later rating, a duplicate, would
   * already be counted. 'beside': a read of the same lines, with other respondents (another pass; any
   * number of them).
   */
  absorb(next: ReadState, place?: 'after' | 'beside'): boolean;
  /**
   * Lets go of the respondents, keeping only how many each scope has, which is all that reads beside
   * this one (other passes, other respondents) add to: the memory for the next pass's.
   */
  keepCounts(): void;
  finish(): SnapshotIngest;
}

export async function readIngest(options: IngestOptions, encoding: Encoding | 'auto', how: ReadOptions): Promise<IngestRead> {
  const { path, file, mapping, scales } = options;
  const bytes = fileBytes(options);
  const tally = new CellTally(file, sumsLayout(scales, choiceItems(mapping)), options.stageOf);
  const days = new DayTally();
  const rows = new RowReader(options, bytes, tally, days, how);
  const account = rows.account;
  const sink: CsvSink = {
    header(fields, _line, format) {
      const plan = rows.planFor(fields);
      how.onHeader?.(rows.header, format, plan);
    },
    rows: (batch, lines, problems) => rows.rows(batch, lines, problems),
    progress: respondentWatch(how, bytes, () => account.rowsRead, {
      bytes: () => tally.respondentBytes(),
      vectors: () => tally.drivers?.bytes() ?? 0,
      // Where a respondent's rows were found apart, every key-driver vector stays open to the end.
      fold: options.driverRowsApart ? null : () => tally.foldDrivers(),
    }),
  };
  const csvOptions = { encoding, delimiter: mapping.delimiter, headerRows: mapping.headerRows, maxRecordChars: mapping.maxRecordChars, maxBatchChars: how.maxBatchChars, sha256: how.sha256, fd: options.fd };
  let summary: CsvSummary;
  if (how.after) {
    const { header: fields, format } = how.after;
    rows.planFor(fields);
    summary = await readCsv(path, file, { ...csvOptions, encoding: format.encoding, delimiter: format.delimiter, range: how.range, after: { header: fields, linebreak: format.linebreak } }, sink);
  } else if (how.range) summary = await readCsv(path, file, { ...csvOptions, range: how.range }, sink);
  else summary = await readCsvThreaded(path, file, csvOptions, sink, how.parseInWorker);
  days.endRun();

  // A read merges one half after it, or any number of passes beside it.
  let absorbed = false;
  const absorb = (next: ReadState, place: 'after' | 'beside' = 'after'): boolean => {
    // Counts grow by the members new to this read's scopes, which are not grown: halves merged after
    // this one could share a respondent, who would count twice; passes beside it do not.
    if (place === 'after') {
      if (absorbed) throw new Error('a read merges one half after it');
      absorbed = true;
    }
    // Where the other read's lines are counted from.
    const lines = place === 'after' ? summary.lines : 0;
    if (!tally.absorb(next, lines)) return false;
    mergeAccount(account, next.account, lines);
    days.absorb(next);
    if (place === 'after') summary = { ...summary, lines: summary.lines + next.summary.lines, blankLines: summary.blankLines + next.summary.blankLines };
    return true;
  };
  const keepCounts = () => {
    tally.keepCounts();
    // A half after this one would be checked against respondents no longer here.
    absorbed = true;
  };
  const finish = (): SnapshotIngest => {
    if (account.rowsRead === 0) {
      throw new PolkuError('the file has a header but no rows', { file, line: 2 }, 'export the survey data again with its responses, or remove the file from data/snapshots/.');
    }
    Object.assign(account, { sha256: summary.sha256, encoding: summary.encoding, delimiter: summary.delimiter, lines: summary.lines, blankLines: summary.blankLines, extraHeaderRows: summary.extraHeaderRows.length });
    for (const { line, fields } of summary.extraHeaderRows) if (readsAsData(fields, rows.readers)) throw dataInHeader(file, line, mapping);
    if (tally.droppedTerms > 0) account.droppedTerms = tally.droppedTerms;
    return { id: options.id, account, period: days.period(), ...tally.result(scales) };
  };
  return {
    account,
    get summary() {
      return summary;
    },
    state: () => ({ account, summary, ...days.state(), ...tally.state() }),
    absorb,
    keepCounts,
    finish,
  };
}

/** The memory a read's respondents take: in all, in key-driver vectors, which `fold` frees (null: it may not). */
interface RespondentMemory {
  bytes(): number;
  vectors(): number;
  fold: (() => boolean) | null;
}

/**
 * The sink's progress: tells onProgress, and stops the read with TooManyRespondents once the
 * respondents outgrow how.maxRespondentBytes, or once a quarter is read, when they are bound to. The
 * respondents' key-driver vectors are folded first (DriverTally.fold), which frees most of their memory.
 */
function respondentWatch(how: ReadOptions, bytes: number, rowsRead: () => number, respondents: RespondentMemory): (bytesRead: number) => void {
  const rangeBytes = how.range ? how.range.end - how.range.start : bytes;
  // Bytes read and respondents' memory at two points, moved up as the read doubles its bytes: the
  // rate since `mark` is over at least the later half of what was read.
  let mark = { bytes: 0, used: 0 };
  let pending = mark;
  return (bytesRead) => {
    how.onProgress?.(rowsRead(), bytesRead);
    if (how.maxRespondentBytes === undefined) return;
    let used = respondents.bytes();
    if (used > how.maxRespondentBytes && respondents.fold?.()) used = respondents.bytes();
    // The rate is of what folding cannot free: the vectors, folded, stay a few hundred KB.
    const lasting = respondents.fold ? used - respondents.vectors() : used;
    if (bytesRead >= 2 * pending.bytes) [mark, pending] = [pending, { bytes: bytesRead, used: lasting }];
    // Once a quarter is read, a read bound to outgrow the budget stops early, with less memory in use
    // and time spent: as if the rest brought as many new respondents per byte as the later half or
    // more of what was read (a file sorted by touchpoint has all its respondents in the first
    // touchpoint's rows, and few new ones after).
    const expected = lasting + ((lasting - mark.used) / Math.max(bytesRead - mark.bytes, 1)) * (rangeBytes - bytesRead);
    const early = 4 * bytesRead >= rangeBytes;
    if (used > how.maxRespondentBytes || (early && expected > how.maxRespondentBytes)) {
      // Stopped before a quarter: nothing to go by but what is in use.
      throw new TooManyRespondents(((early ? expected : used) * bytes) / rangeBytes);
    }
  };
}
