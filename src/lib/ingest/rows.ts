// Validation of a file's rows: each row is accepted, and its ratings tallied, or rejected with a
// reason and its line.
import { addRating, noScores, type RatingScores } from '../stats/aggregate.ts';
import { answerKey, planColumns, type ColumnPlan } from './column-plan.ts';
import type { CellTally, TouchpointState } from './cells.ts';
import { commentFilter, sampleComment, type DroppedComment } from './comments.ts';
import type { DayTally } from './days.ts';
import { answerText, answerValue, extraFieldsAreEmpty, interned, isBlankResponse, normalisedAnswerValue, ratingReader, responseIdOf, trimmed, unreadAnswer, unreadChoice, type RatingReader } from './fields.ts';
import { detach } from '../common/detach.ts';
import { quoted } from '../common/errors.ts';
import { emptyAccount, LINES_PER_REASON, MAX_LISTED_REJECTIONS, type FileAccount, type IngestOptions } from './types.ts';
import { formatsThatRead, parseDay, parseScore } from '../read/parse-value.ts';
import { builtInRedactor } from '../privacy/redact.ts';
import { fingerprint, scramble } from './respondent-index.ts';
import { themeBasis, themeGroup } from '../stats/theme-groups.ts';
import { DriverTally, driverSpec } from './driver-tally.ts';

/** One rating read from a row, in a slot reused for every row. */
interface Slot {
  journey: string;
  touchpoint: string;
  /** Known only once the row is accepted: a rejected row leaves no touchpoint behind. */
  place: TouchpointState | null;
  /** Whether the duplicate check already recorded (respondent, touchpoint). */
  recorded: boolean;
  /** The rating's reader, and its channel and segment as written: they become groups once the row is accepted. */
  reader: RatingReader | null;
  channel: string;
  segment: string;
  scores: RatingScores;
  /** The option chosen of each single-choice item of the sums' layout, -1 for none. */
  chosen: Int32Array;
  comment: string;
}

const emptySlot = (choiceItems: number): Slot => ({ journey: '', touchpoint: '', place: null, recorded: false, reader: null, channel: '', segment: '', comment: '', scores: noScores(), chosen: new Int32Array(choiceItems) });

/** How rows are read: which respondents' rows (a pass), and whether a score with a fraction stops the read (a half). */
export interface RowOptions {
  /** Read only the rows of the respondents whose fingerprint is `index` modulo `count` (one of the passes). */
  shard?: { index: number; count: number };
  /** Stop at the first score with a fraction (a read in halves declines those, see ingestInHalves). */
  stopAtFraction?: boolean;
}

/** Reads rows into a file's account, its days and its cell tally. */
export class RowReader {
  readonly account: FileAccount;
  header: string[] = [];
  plan: ColumnPlan | null = null;
  readers: RatingReader[] = [];
  private slots: Slot[] = [];
  /** Fields in the row being read, when fewer than the header's (Excel drops empty trailing fields). */
  private shortRow = 0;
  private readonly redact: (comment: string) => string;
  private readonly notWorthQuoting: (comment: string) => DroppedComment | null;
  private readonly idOf = interned((raw) => detach(raw.trim().toLowerCase()));
  // Channel and segment names are published: an export's free-text "Other: …" answer can hold an
  // e-mail address or a phone number, redacted like a comment.
  private readonly groupOf = interned((raw) => this.tally.groupNamed(this.redact(trimmed(raw)) || 'unknown'));
  private previousId = '';
  private previousNumber = -1;
  private previousPrint: [number, number] = [0, 0];
  private lastDateText = '';
  private lastDay: number | null = null;
  private shardId: string | null = null;
  private shardIndex = 0;
  private readonly options: IngestOptions;
  private readonly tally: CellTally;
  private readonly days: DayTally;
  private readonly how: RowOptions;

  constructor(options: IngestOptions, bytes: number, tally: CellTally, days: DayTally, how: RowOptions) {
    this.options = options;
    this.tally = tally;
    this.days = days;
    this.how = how;
    this.account = emptyAccount(options.file, bytes, options.mapping.layout);
    this.redact = options.redact ?? builtInRedactor();
    this.notWorthQuoting = commentFilter(options.mapping);
  }

  /** Plans the columns for the header's fields. */
  planFor(fields: string[]): ColumnPlan {
    const { mapping, file, scales } = this.options;
    this.header = fields.map(detach);
    this.plan = planColumns(mapping, this.header, file, scales);
    this.account.unmapped = this.plan.unmapped;
    this.account.unmappedCount = this.plan.unmappedCount;
    this.readers = this.plan.ratings.map((r) => ratingReader(r, scales, mapping.notApplicable));
    this.slots = this.plan.ratings.map(() => emptySlot(this.tally.layout.choices.length));
    this.tally.themeBasis = themeBasis(new Set(this.readers.flatMap((r) => r.scores.map((s) => s.metric))), scales);
    const spec = driverSpec(this.plan);
    this.tally.drivers = spec && new DriverTally(spec, scales);
    return this.plan;
  }

  /** A batch of rows from the CSV reader, with their lines and the parser's problems by index. */
  rows(rows: string[][], lines: ArrayLike<number>, problems: Map<number, string>): void {
    const p = this.plan!;
    const shard = this.how.shard;
    const header = this.header;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const line = lines[i]!;
      if (shard && this.shardOf(responseIdOf(row, line, p), shard.count) !== shard.index) continue;
      this.account.rowsRead++;
      const problem = problems.get(i);
      if (problem) this.reject(line, `malformed CSV: ${problem}`, 'malformed CSV');
      else if (row.length > header.length && !extraFieldsAreEmpty(row, header.length)) {
        this.reject(line, `expected ${header.length} fields like the header, found ${row.length}`, 'wrong number of fields');
      } else {
        // A short row reads its missing trailing fields as empty.
        this.shortRow = row.length < header.length ? row.length : 0;
        this.readRow(row, line, p);
        this.shortRow = 0;
      }
    }
  }

  /** `fix`: how to fix it, asked for only for the first row of its kind. */
  private reject(line: number, problem: string, kind: string, column?: number, fix?: () => string): false {
    const { account, header } = this;
    const reason = this.shortRow ? `${problem} (the row has ${this.shortRow} of ${header.length} fields)` : problem;
    account.rejected++;
    if (fix && account.fixByReason[kind] === undefined) account.fixByReason[kind] = fix();
    account.rejectedByReason[kind] = (account.rejectedByReason[kind] ?? 0) + 1;
    const lines = (account.linesByReason[kind] ??= []);
    if (lines.length < LINES_PER_REASON) lines.push(line);
    if (account.rejections.length < MAX_LISTED_REJECTIONS) {
      account.rejections.push(column === undefined ? { line, reason } : { line, column: column + 1, columnName: header[column]?.trim() ?? '', reason });
    }
    return false;
  }

  /** A row that cannot be accepted: an empty response when it has no answer at all (nothing is lost), else rejected. */
  private rejectUnlessBlank(row: string[], line: number, problem: string, kind: string, column?: number, fix?: () => string): false {
    if (!isBlankResponse(row, this.readers)) return this.reject(line, problem, kind, column, fix);
    this.account.empty++;
    return false;
  }

  /**
   * A row belongs to the pass of its respondent, so that a pass sees all of a respondent's rows; any
   * row, even one to be rejected, to exactly one pass.
   */
  private shardOf(responseId: string, count: number): number {
    if (responseId !== this.shardId) {
      this.shardId = responseId;
      this.shardIndex = fingerprint(responseId)[1] % count;
    }
    return this.shardIndex;
  }

  private readRow(row: string[], line: number, p: ColumnPlan): void {
    this.tally.line = line;
    const responseId = responseIdOf(row, line, p);
    if (!responseId) return void this.rejectUnlessBlank(row, line, 'response_id is empty', 'response_id empty', p.responseId ?? undefined, () => `fill in the ids, or set "blankResponseId": "own-respondent" in the mapping to count each such row as a respondent of its own.`);
    const day = this.dayOf(row, line, p);
    if (day === false) return;
    let filled = 0;
    for (let k = 0; k < this.readers.length; k++) {
      const read = this.readRating(row, this.readers[k]!, line, this.slots[filled]!);
      if (read === false) return;
      if (read) filled++;
    }
    if (filled === 0) return void this.rejectUnlessBlank(row, line, 'no touchpoint question is answered', 'no score');
    // Exports list a respondent's rows together: the id is looked up once per respondent.
    const print = responseId === this.previousId ? this.previousPrint : fingerprint(responseId);
    const number = responseId === this.previousId ? this.previousNumber : this.tally.respondents.numberOf(print);
    if (this.isDuplicate(filled, number, responseId, line)) return;
    // Not detached, like lastDateText: replaced with the next respondent.
    this.previousId = responseId;
    this.previousNumber = number;
    this.previousPrint = print;
    this.account.accepted++;
    this.account.ratings += filled;
    if (p.ownRespondents && (p.responseId === null || trimmed(row[p.responseId] ?? '') === '')) this.account.ownRespondentRows++;
    if (day !== null) this.days.add(day);
    this.count(filled, number, print, line);
  }

  /** The row's day, null without one, false when the row is rejected. */
  private dayOf(row: string[], line: number, p: ColumnPlan): number | null | false {
    if (p.submittedAt === null) return null;
    const text = trimmed(row[p.submittedAt] ?? '');
    if (!text) return null;
    // A respondent's rows mostly share one timestamp: parsed once.
    const dateFormat = this.options.mapping.dateFormat;
    if (text !== this.lastDateText) {
      // Not detached: it holds at most the batch it came from, until the next timestamp.
      this.lastDateText = text;
      this.lastDay = parseDay(text, dateFormat);
    }
    if (this.lastDay !== null) return this.lastDay;
    const expected = dateFormat === 'auto' ? 'a date like 2026-03-31 or 31.3.2026' : `a date in the format ${dateFormat} set by "dateFormat"`;
    return this.rejectUnlessBlank(row, line, `submitted_at: ${quoted(text)} is not ${expected}`, 'date not understood', p.submittedAt, () => dateFix(text, dateFormat, this.options.mapping.source));
  }

  /**
   * Duplicates are checked before anything is counted, so a rejected row leaves no trace; a row with
   * one rating (the long layout) is checked and marked in one step.
   */
  private isDuplicate(filled: number, number: number, responseId: string, line: number): boolean {
    for (let i = 0; i < filled; i++) {
      const x = this.slots[i]!;
      x.place = this.tally.journeys.get(x.journey)?.touchpoints.get(x.touchpoint) ?? null;
      x.recorded = filled === 1 && x.place !== null;
      if (x.place && (x.recorded ? !x.place.raters.add(number) : x.place.raters.has(number))) {
        this.reject(line, `duplicate: respondent ${quoted(responseId)} already rated touchpoint ${quoted(x.touchpoint)} of ${quoted(x.journey)} earlier in this file`, 'duplicate rating');
        return true;
      }
    }
    return false;
  }

  /** Tallies an accepted row's ratings. */
  private count(filled: number, number: number, print: [number, number], line: number): void {
    const tally = this.tally;
    for (let i = 0; i < filled; i++) {
      const x = this.slots[i]!;
      const t = x.place ?? tally.touchpointOf(x.journey, x.touchpoint);
      if (!x.recorded) t.raters.add(number);
      const dropped = x.comment === '' ? null : this.notWorthQuoting(x.comment);
      if (dropped) this.account[dropped]++;
      const hasComment = x.comment !== '' && dropped === null;
      if (hasComment) {
        // Redacted once, for both uses: every comment of a theme group is counted, a few are sampled.
        let redacted: string | null = null;
        const redactOnce = (text: string) => (redacted ??= this.redact(text));
        const group = tally.themeBasis && themeGroup(tally.themeBasis, x.scores);
        if (group) tally.addTerms(t, group, redactOnce(x.comment));
        // By fingerprint, not number: the same in a file read in halves or passes, where numbers differ.
        sampleComment(t.comments, x.comment, x.scores, scramble(print[0], print[1] ^ t.seed), line, redactOnce);
      }
      const cell = tally.cellOf(t, this.groupOf(x.channel, x.reader!.channel), this.groupOf(x.segment, x.reader!.segment));
      addRating(cell.sums, tally.layout, x.scores, hasComment, x.chosen);
      if (t.stageScope !== -1) tally.countRespondent(t, cell, number);
      tally.drivers?.add(x.journey, x.touchpoint, t.stageScope !== -1, number, x.scores);
    }
  }

  /** Reads one rating into a slot: true when read, null for an unanswered wide-layout question, false when the row is rejected. */
  private readRating(row: string[], r: RatingReader, line: number, slot: Slot): boolean | null {
    const scores = slot.scores;
    scores.nps = scores.csat = scores.ces = scores.emotion = scores.expectation = scores.agreement = scores.rating = scores.yesno = null;
    let answered = 0;
    for (let k = 0; k < r.scores.length; k++) {
      const s = r.scores[k]!;
      const raw = row[s.index] ?? '';
      if (raw === '') continue;
      // Most answers are plain numbers, read as they are; the rest are trimmed and looked up first.
      let parsed = s.plain ? parseScore(raw) : null;
      if (parsed === null) {
        const text = answerText(row, s);
        if (text === '') continue;
        parsed = answerValue(text, s);
        if (parsed === null) {
          // Rare: an answer with a no-break space or zero-width character is compared again as a reader sees it.
          const normalised = normalisedAnswerValue(text, s);
          if (normalised === 'n/a') continue;
          if (normalised === null) {
            const { problem, kind, fix } = unreadAnswer(text, s, this.header[s.index]!.trim());
            return this.reject(line, problem, kind, s.index, () => fix);
          }
          parsed = normalised;
        }
      }
      const value = parsed + s.offset;
      if (!Number.isInteger(value)) {
        if (s.integer) return this.reject(line, `${s.metric}: ${value} is not a whole number`, `${s.metric} not a whole number`, s.index);
        if (this.how.stopAtFraction) throw new Error(`a score with a fraction on line ${line}`);
      }
      if (value < s.min || value > s.max) {
        // An export's 0 for "not applicable" below a scale that starts at 1: its own reason, with its fix.
        const zero = parsed === 0 && s.min > 0;
        return this.reject(line, `${s.metric}: ${value} is outside the scale ${s.min} to ${s.max}`, zero ? `${s.metric} 0 out of range` : `${s.metric} out of range`, s.index, () =>
          zero
            ? `if 0 means "not applicable" in column ${quoted(this.header[s.index]!.trim())}, add "notApplicable": ["0"] to ${this.options.mapping.source} (for one column: {"column": ..., "notApplicable": ["0"]}).`
            : `check the scale of ${s.metric} ("scales" in polku.config.jsonc) and the column's "offset" in ${this.options.mapping.source}.`,
        );
      }
      switch (s.metric) {
        case 'nps': scores.nps = value; break;
        case 'csat': scores.csat = value; break;
        case 'ces': scores.ces = value; break;
        case 'emotion': scores.emotion = value; break;
        case 'expectation': scores.expectation = value; break;
        case 'agreement': scores.agreement = value; break;
        case 'rating': scores.rating = value; break;
        case 'yesno': scores.yesno = value; break;
      }
      answered++;
    }
    const chosen = slot.chosen.fill(-1);
    for (let k = 0; k < r.choices.length; k++) {
      const c = r.choices[k]!;
      const text = trimmed(row[c.index] ?? '');
      if (text === '') continue;
      const key = answerKey(text);
      if (r.choiceNotApplicable.has(key)) continue;
      const option = c.options.get(key);
      if (option === undefined) {
        const { problem, kind, fix } = unreadChoice(text, c, this.header[c.index]!.trim());
        return this.reject(line, problem, kind, c.index, () => fix);
      }
      chosen[c.item] = option;
      answered++;
    }
    if (answered === 0) return this.options.mapping.layout === 'wide' ? null : this.rejectUnlessBlank(row, line, 'no score: every score column is empty', 'no score');
    return this.readPlace(row, r, slot, line);
  }

  /** The rating's journey, touchpoint, channel, segment and comment; false when the row is rejected. */
  private readPlace(row: string[], r: RatingReader, slot: Slot, line: number): boolean {
    const journey = this.idOf(r.journey.index < 0 ? r.journey.constant : (row[r.journey.index] ?? ''), r.journey);
    if (!journey) return this.reject(line, 'journey is empty', 'journey empty', r.journey.index < 0 ? undefined : r.journey.index);
    const touchpoint = this.idOf(r.touchpoint.index < 0 ? r.touchpoint.constant : (row[r.touchpoint.index] ?? ''), r.touchpoint);
    if (!touchpoint) return this.reject(line, 'touchpoint is empty', 'touchpoint empty', r.touchpoint.index < 0 ? undefined : r.touchpoint.index);
    slot.journey = journey;
    slot.touchpoint = touchpoint;
    slot.reader = r;
    slot.channel = r.channel.index < 0 ? r.channel.constant : (row[r.channel.index] ?? '');
    slot.segment = r.segment.index < 0 ? r.segment.constant : (row[r.segment.index] ?? '');
    slot.comment = r.comment < 0 ? '' : trimmed(row[r.comment] ?? '');
    return true;
  }
}

/** The dateFormat that would read a date the mapping's did not, or where to read about it. */
function dateFix(text: string, dateFormat: string, source: string): string {
  const formats = formatsThatRead(text);
  if (formats.length === 0) return `write dates as 2026-03-31 or 31.3.2026, or set "dateFormat" in ${source} to the export's format (README.md, "Mapping file").`;
  const named = formats.map((f) => `"dateFormat": "${f}"`).join(' or ');
  const which = formats.length > 1 ? ' (whichever order of day and month the export writes)' : '';
  return `${quoted(text)} reads with ${named}${which} in ${source}${dateFormat === 'auto' ? '' : ` instead of "${dateFormat}"`}.`;
}
