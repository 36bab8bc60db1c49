// Ingestion of real-looking exports (test/fixtures/): every expected number below was counted by hand
// from the fixture files; physical lines count the header as line 1 and a quoted newline as a line.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempFiles } from '../../../test/temp-files.ts';
import { PolkuError } from '../common/errors.ts';
import { ingestSnapshot, LINES_PER_REASON, type FileAccount, type SnapshotIngest } from './ingest.ts';
import { mappingFor, type MappingFile } from '../project/mapping.ts';
import { DEFAULT_SCALES } from '../stats/metrics.ts';
import { formatDay } from '../read/parse-value.ts';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/', import.meta.url));
const CANON = 'response_id,submitted_at,journey,touchpoint,channel,segment,nps,csat,ces,emotion,expectation,comment';

type StageOf = (journey: string, touchpoint: string) => string | null;

function ingestPath(path: string, file: string, mappingFile: MappingFile = {}, stageOf: StageOf = () => 's'): Promise<SnapshotIngest> {
  return ingestSnapshot({ path, file, id: '2026-q1', mapping: mappingFor(mappingFile, '2026-q1', 'data/mapping.jsonc'), scales: DEFAULT_SCALES, stageOf });
}

const ingest = (name: string, mappingFile?: MappingFile, stageOf?: StageOf) => ingestPath(join(FIXTURES, name), name, mappingFile, stageOf);

/** The PolkuError a file stops the build with. */
async function fatal(promise: Promise<unknown>): Promise<PolkuError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PolkuError);
  return error as PolkuError;
}

function expectBalanced(a: FileAccount): void {
  expect(a.accepted + a.rejected + a.empty).toBe(a.rowsRead);
  expect(Object.values(a.rejectedByReason).reduce((x, y) => x + y, 0)).toBe(a.rejected);
  expect(a.rejections.length).toBe(a.rejected);
  // Each reason's first lines are among the rejections' lines, in file order.
  for (const [reason, lines] of Object.entries(a.linesByReason)) {
    expect(lines.length).toBe(Math.min(a.rejectedByReason[reason]!, LINES_PER_REASON));
    expect([...lines].sort((x, y) => x - y)).toEqual(lines);
    for (const line of lines) expect(a.rejections.some((r) => r.line === line)).toBe(true);
  }
}

const emotionSum = (r: SnapshotIngest, journey: string, tp: string) => r.journeys[journey]!.touchpoints[tp]!.all.scores.emotion.sum;
const npsBins = (r: SnapshotIngest, journey: string, tp: string) => r.journeys[journey]!.touchpoints[tp]!.all.scores.nps.bins;

const tempFile = useTempFiles('polku-ingest-');

const FINNISH_EXCEL: MappingFile = {
  columns: {
    response_id: 'Vastaustunnus',
    submitted_at: 'Päivämäärä',
    journey: 'Polku',
    touchpoint: 'Kosketuspiste',
    channel: 'Kanava',
    segment: 'Asiakasryhmä',
    nps: 'Suositteluhalukkuus',
    csat: 'Tyytyväisyys',
    ces: 'Vaivattomuus',
    emotion: 'Tunne',
    expectation: 'Odotus',
    comment: 'Kommentti',
  },
};

describe('excel-fi-1252.csv: Excel in Finnish (Windows-1252, semicolons, CRLF, decimal commas)', () => {
  let r: SnapshotIngest;
  beforeAll(async () => {
    r = await ingest('excel-fi-1252.csv', FINNISH_EXCEL);
  });

  it('detects Windows-1252 and the semicolon from the header, though comments hold more commas', () => {
    expect(r.account.encoding).toBe('windows-1252');
    expect(r.account.delimiter).toBe(';');
    expect(r.account.layout).toBe('long');
  });

  it('counts lines, the blank ;;; row and rows, and balances', () => {
    // 13 physical lines: the Alt+Enter comment (lines 4–5) is one row, line 7 is ";;;;;;;;;;;".
    expect(r.account.lines).toBe(13);
    expect(r.account.blankLines).toBe(1);
    expect(r.account.rowsRead).toBe(10);
    expect(r.account.accepted).toBe(8);
    expect(r.account.rejected).toBe(2);
    expect(r.account.ratings).toBe(8);
    expectBalanced(r.account);
    expect(r.account.bytes).toBe(1138);
    expect(r.account.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects the impossible date and the decimal NPS, naming the Finnish headers', () => {
    expect(r.account.rejections).toEqual([
      { line: 10, column: 2, columnName: 'Päivämäärä', reason: 'submitted_at: "31.2.2026" is not a date like 2026-03-31 or 31.3.2026' },
      { line: 12, column: 7, columnName: 'Suositteluhalukkuus', reason: 'nps: 9.5 is not a whole number' },
    ]);
    expect(r.account.rejectedByReason).toEqual({ 'date not understood': 1, 'nps not a whole number': 1 });
  });

  it('aggregates verkkotilaus (touchpoint ids are lower-cased: "Verkkotilaus" on line 8)', () => {
    const cell = r.journeys['nouto']!.touchpoints['verkkotilaus']!;
    // NPS 9, 10, 3, 9 (lines 2, 4, 8, 11); emotion 2, 3, −2, 1.5.
    expect(npsBins(r, 'nouto', 'verkkotilaus')).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 1]);
    expect(emotionSum(r, 'nouto', 'verkkotilaus')).toBe(4.5);
    expect(cell.all.scores.emotion.bins).toEqual([0, 1, 0, 0, 0, 2, 1]); // 1.5 rounds into the 2 bin
    expect(cell.all.ratings).toBe(4);
    expect(cell.all.respondents).toBe(4);
    expect(cell.all.comments).toBe(4);
    expect(Object.keys(cell.channels).sort()).toEqual(['sovellus', 'verkko']);
    expect(cell.channels['verkko']!.ratings).toBe(3);
    expect(cell.segments['kanta-asiakas']!.ratings).toBe(1);
  });

  it('aggregates noutopiste, with ä in the channel name and decimal-comma emotions', () => {
    const cell = r.journeys['nouto']!.touchpoints['noutopiste']!.all;
    // NPS 6, 8, 0, 9; CSAT 3, 4, 1, 4; emotion −1.5, 0.5, −3, 2; expectation −1, 0, −2, 1.
    expect(cell.scores.nps.bins).toEqual([1, 0, 0, 0, 0, 0, 1, 0, 1, 1, 0]);
    expect(cell.scores.csat.bins).toEqual([1, 0, 1, 2, 0]);
    expect(cell.scores.emotion.sum).toBe(-2);
    expect(cell.scores.emotion.bins).toEqual([1, 1, 0, 0, 1, 1, 0]); // −1.5 → −2 and 0.5 → 1 (halves away from zero)
    expect(cell.gap).toEqual({ n: 4, sum: 0, sumSq: 2.5 });
    expect(cell.emotionByNpsGroup).toEqual({
      detractor: { n: 2, sum: -4.5, sumSq: 11.25 },
      passive: { n: 1, sum: 0.5, sumSq: 0.25 },
      promoter: { n: 1, sum: 2, sumSq: 4 },
    });
    expect(Object.keys(r.journeys['nouto']!.touchpoints['noutopiste']!.channels)).toEqual(['myymälä']);
  });

  it('counts distinct respondents and the period from d.m.yyyy dates (with a time on line 13)', () => {
    expect(r.respondents).toBe(5); // 1001, 1002, 1003, 1005, 1006; 1004 was rejected
    expect(r.journeys['nouto']!.respondents).toEqual({
      all: 5,
      stages: { s: 5 },
      channels: { verkko: 3, myymälä: 4, sovellus: 1 },
      segments: { uusi: 3, 'kanta-asiakas': 2 },
    });
    expect(formatDay(r.period!.first)).toBe('2026-03-03');
    expect(formatDay(r.period!.last)).toBe('2026-03-12');
  });

  it('reads the same file with "encoding": "windows-1252" and ";" given explicitly', async () => {
    const explicit = await ingest('excel-fi-1252.csv', { ...FINNISH_EXCEL, encoding: 'windows-1252', delimiter: ';' });
    expect(explicit.account).toEqual(r.account);
  });
});

describe('bom-crlf.csv: UTF-8 with BOM, CRLF, doubled quotes and a quoted CRLF', () => {
  let r: SnapshotIngest;
  beforeAll(async () => {
    r = await ingest('bom-crlf.csv');
  });

  it('strips the BOM (the first header is response_id) and counts the quoted newline as a line', () => {
    expect(r.account.encoding).toBe('utf-8');
    expect(r.account.delimiter).toBe(',');
    expect(r.account.lines).toBe(7);
    expect(r.account.blankLines).toBe(0);
    expect(r.account.rowsRead).toBe(5);
    expect(r.account.accepted).toBe(5);
    expect(r.account.rejected).toBe(0);
    expectBalanced(r.account);
  });

  it('aggregates touchpoint a and b', () => {
    const a = r.journeys['verkkokauppa']!.touchpoints['a']!.all;
    expect(a.scores.nps.bins).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1]); // 10, 9, 5
    expect(a.scores.emotion.sum).toBe(4); // 3 + 2 − 1
    expect(a.comments).toBe(2);
    const b = r.journeys['verkkokauppa']!.touchpoints['b']!.all;
    expect(b.scores.nps.bins).toEqual([0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0]); // 7, 4
    expect(b.comments).toBe(0);
    expect(r.respondents).toBe(3);
    expect(r.journeys['verkkokauppa']!.respondents.channels).toEqual({ web: 2, app: 1 });
  });

  it('reads ISO dates with a time and zone', () => {
    expect(formatDay(r.period!.first)).toBe('2026-03-02');
    expect(formatDay(r.period!.last)).toBe('2026-03-04');
  });
});

describe('tab.tsv: tab-delimited, unquoted commas and semicolons in comments', () => {
  it('detects the tab and aggregates, with a Unicode minus and a plus sign', async () => {
    const r = await ingest('tab.tsv');
    expect(r.account.delimiter).toBe('\t');
    expect(r.account.encoding).toBe('utf-8');
    expect(r.account.lines).toBe(7);
    expect(r.account.rowsRead).toBe(6);
    expect(r.account.accepted).toBe(6);
    expectBalanced(r.account);
    const a = r.journeys['j']!.touchpoints['a']!.all;
    expect(a.scores.nps.bins).toEqual([0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0]); // 9, 7, 2
    expect(a.scores.emotion.sum).toBe(-1); // 1 + 0 + (−2 written with U+2212)
    expect(a.comments).toBe(2);
    const b = r.journeys['j']!.touchpoints['b']!.all;
    expect(b.scores.nps.n).toBe(2); // T5 left NPS empty but answered the rest
    expect(b.scores.csat).toMatchObject({ n: 3, sum: 12 });
    expect(b.scores.emotion.sum).toBe(3); // −1 + 3 + (+1)
    expect(b.ratings).toBe(3);
    expect(r.respondents).toBe(5);
    expect(r.journeys['j']!.respondents.segments).toEqual({ new: 3, returning: 2 });
  });
});

describe('wide-google-forms.csv: a row per respondent, no ids, emotion asked 1–7, 0 = not applicable', () => {
  const GOOGLE_FORMS: MappingFile = {
    layout: 'wide',
    columns: { submitted_at: 'Timestamp', segment: 'Asiakastyyppi' },
    constants: { journey: 'nouto', channel: 'web' },
    dateFormat: 'm/d/yyyy',
    notApplicable: ['0'],
    questions: [
      { touchpoint: 'verkkotilaus', emotion: { column: 'Miltä verkkotilaus tuntui? (1–7)', offset: -4 } },
      {
        touchpoint: 'noutopiste',
        emotion: { column: 'Miltä nouto tuntui, kun hait paketin? (1–7)', offset: -4 },
        // 0 is a real NPS answer: this column has no "not applicable" code.
        nps: { column: 'Kuinka todennäköisesti suosittelisit noutoa ystävällesi? (0–10)', notApplicable: [] },
        comment: 'Vapaa palaute',
      },
    ],
  };
  let r: SnapshotIngest;
  beforeAll(async () => {
    r = await ingest('wide-google-forms.csv', GOOGLE_FORMS);
  });

  it('accepts every answered row and rejects the one that answered nothing', () => {
    expect(r.account.layout).toBe('wide');
    expect(r.account.delimiter).toBe(','); // the quoted comma in a question header is not counted
    expect(r.account.lines).toBe(9);
    expect(r.account.rowsRead).toBe(7);
    expect(r.account.accepted).toBe(6);
    expect(r.account.rejected).toBe(1);
    expect(r.account.ratings).toBe(11); // 2+2+2+2+2+1
    expect(r.account.rejections).toEqual([{ line: 4, reason: 'no touchpoint question is answered' }]);
    expect(r.account.rejectedByReason).toEqual({ 'no score': 1 });
    expectBalanced(r.account);
  });

  it('shifts 1–7 answers by −4 and skips the not-applicable 0', () => {
    const v = r.journeys['nouto']!.touchpoints['verkkotilaus']!.all;
    expect(v.scores.emotion).toMatchObject({ n: 5, sum: 4 }); // 2, 3, −2, 0, 1
    expect(v.scores.emotion.bins).toEqual([0, 1, 0, 1, 1, 1, 1]);
    expect(v.ratings).toBe(5);
    const n = r.journeys['nouto']!.touchpoints['noutopiste']!.all;
    expect(n.ratings).toBe(6);
    expect(n.scores.emotion).toMatchObject({ n: 4, sum: -2 }); // 1, −3, 1, −1
    expect(n.scores.nps.bins).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 1, 1, 1]); // 9, 10, 3, 7, 8, 2
    expect(n.comments).toBe(4);
    expect(n.emotionByNpsGroup.detractor).toEqual({ n: 2, sum: -4, sumSq: 10 });
    expect(n.emotionByNpsGroup.passive).toEqual({ n: 1, sum: 1, sumSq: 1 });
    expect(n.emotionByNpsGroup.promoter).toEqual({ n: 1, sum: 1, sumSq: 1 });
  });

  it('counts each row as its own respondent; empty segment is "unknown"; constant channel', () => {
    expect(r.respondents).toBe(6);
    expect(r.journeys['nouto']!.respondents).toEqual({
      all: 6,
      stages: { s: 6 },
      channels: { web: 6 },
      segments: { Uusi: 3, 'Kanta-asiakas': 2, unknown: 1 },
    });
    expect(formatDay(r.period!.first)).toBe('2026-03-12');
    expect(formatDay(r.period!.last)).toBe('2026-03-16');
  });
});

describe('wide-surveymonkey.csv: respondent ids, a second header row, answer labels', () => {
  const SURVEYMONKEY: MappingFile = {
    layout: 'wide',
    columns: { response_id: 'Respondent ID', submitted_at: 'End Date' },
    constants: { journey: 'nouto' },
    dateFormat: 'm/d/yyyy',
    headerRows: 2,
    questions: [
      {
        touchpoint: 'verkkokauppa',
        nps: {
          column: 'How likely is it that you would recommend our online store to a friend or colleague?',
          values: { 'Extremely likely': 10, 'Not at all likely': 0 },
        },
      },
      {
        touchpoint: 'noutopiste',
        ces: {
          column: 'How easy was it to pick up your order?',
          values: { 'Very difficult': 1, Difficult: 2, 'Somewhat difficult': 3, 'Neither easy nor difficult': 4, 'Somewhat easy': 5, Easy: 6, 'Very easy': 7 },
        },
        csat: {
          column: 'How satisfied were you with the pickup?',
          values: { 'Very dissatisfied': 1, Dissatisfied: 2, Neutral: 3, Satisfied: 4, 'Very satisfied': 5 },
        },
        comment: 'Any other comments?',
      },
    ],
  };
  // verkkokauppa is not in content (stage null): rated, aggregated, but nobody's respondent.
  const stageOf: StageOf = (_j, tp) => (tp === 'noutopiste' ? 'nouto-vaihe' : null);
  let r: SnapshotIngest;
  beforeAll(async () => {
    r = await ingest('wide-surveymonkey.csv', SURVEYMONKEY, stageOf);
  });

  it('leaves out the second header row (headerRows: 2), rejects the duplicated respondent and an unmapped label', () => {
    expect(r.account.lines).toBe(9);
    expect(r.account.extraHeaderRows).toBe(1);
    expect(r.account.rowsRead).toBe(7);
    expect(r.account.accepted).toBe(5);
    expect(r.account.rejected).toBe(2);
    expect(r.account.ratings).toBe(9);
    expect(r.account.rejections).toEqual([
      { line: 7, reason: 'duplicate: respondent "114500000002" already rated touchpoint "verkkokauppa" of "nouto" earlier in this file' },
      { line: 9, column: 7, columnName: 'How satisfied were you with the pickup?', reason: 'csat: "Extremely satisfied" is not in the "values" table, nor a number' },
    ]);
    expect(r.account.rejectedByReason).toEqual({ 'duplicate rating': 1, 'csat not a number': 1 });
    expect(r.account.linesByReason).toEqual({ 'duplicate rating': [7], 'csat not a number': [9] });
    expectBalanced(r.account);
  });

  it('maps answer labels to numbers, and plain numbers still parse', () => {
    const v = r.journeys['nouto']!.touchpoints['verkkokauppa']!.all;
    expect(v.scores.nps.bins).toEqual([1, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1]); // 9, 10, 0, 6, 7
    const n = r.journeys['nouto']!.touchpoints['noutopiste']!.all;
    expect(n.scores.ces).toMatchObject({ n: 4, sum: 19 }); // 7, 6, 1, 5
    expect(n.scores.csat).toMatchObject({ n: 4, sum: 13 }); // 5, 4, 1, 3
    expect(n.comments).toBe(3);
    expect(n.respondents).toBe(4);
  });

  it('counts respondents only through touchpoints that content defines', () => {
    expect(r.respondents).toBe(4); // 114500000004 rated only verkkokauppa
    expect(r.journeys['nouto']!.respondents).toEqual({ all: 4, stages: { 'nouto-vaihe': 4 }, channels: { unknown: 4 }, segments: { unknown: 4 } });
    expect(r.journeys['nouto']!.touchpoints['verkkokauppa']!.all.respondents).toBe(5);
    expect(formatDay(r.period!.first)).toBe('2026-03-12');
    expect(formatDay(r.period!.last)).toBe('2026-03-14');
  });
});

describe('malformed-rows.csv: every kind of bad row', () => {
  let r: SnapshotIngest;
  beforeAll(async () => {
    r = await ingest('malformed-rows.csv');
  });

  it('balances: 16 rows = 5 accepted + 10 rejected + 1 empty (line 8: no score, no comment)', () => {
    expect(r.account.lines).toBe(17);
    expect(r.account.rowsRead).toBe(16);
    expect(r.account.accepted).toBe(5);
    expect(r.account.rejected).toBe(10);
    expect(r.account.empty).toBe(1);
    expectBalanced(r.account);
  });

  it('lists each rejection with its line, field and reason', () => {
    expect(r.account.rejections).toEqual([
      { line: 3, column: 7, columnName: 'nps', reason: 'nps: 11 is outside the scale 0 to 10' },
      { line: 4, column: 8, columnName: 'csat', reason: 'csat: "abc" is not a number' },
      { line: 5, reason: 'duplicate: respondent "M01" already rated touchpoint "a" of "verkkokauppa" earlier in this file' },
      { line: 6, column: 2, columnName: 'submitted_at', reason: 'submitted_at: "31.2.2026" is not a date like 2026-03-31 or 31.3.2026' },
      { line: 7, column: 1, columnName: 'response_id', reason: 'response_id is empty' },
      { line: 9, reason: 'no score: every score column is empty' },
      { line: 13, column: 3, columnName: 'journey', reason: 'journey is empty' },
      { line: 14, reason: 'malformed CSV: Trailing quote on quoted field is malformed' },
      { line: 16, reason: 'expected 12 fields like the header, found 13' },
      { line: 17, column: 9, columnName: 'ces', reason: 'ces: 8 is outside the scale 1 to 7' },
    ]);
    expect(r.account.rejectedByReason).toEqual({
      'nps out of range': 1,
      'csat not a number': 1,
      'duplicate rating': 1,
      'date not understood': 1,
      'response_id empty': 1,
      'wrong number of fields': 1,
      'no score': 1,
      'journey empty': 1,
      'malformed CSV': 1,
      'ces out of range': 1,
    });
  });

  it('accepts "1,5", a stray quote inside an unquoted field, and doubled quotes', () => {
    const a = r.journeys['verkkokauppa']!.touchpoints['a']!;
    expect(a.all.scores.nps.bins).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1]); // 9, 6, 10
    expect(a.all.scores.emotion.sum).toBe(4.5); // 1 + 1.5 + 2
    expect(a.all.comments).toBe(2);
    // The duplicate on line 5 (channel app) left no trace.
    expect(Object.keys(a.channels)).toEqual(['web']);
    const b = r.journeys['verkkokauppa']!.touchpoints['b']!.all;
    expect(b.scores.nps.bins).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0]); // 3, 9
    expect(b.gap).toEqual({ n: 2, sum: 0, sumSq: 2 }); // −1 − (−2), 2 − 3
    expect(b.comments).toBe(1);
    expect(r.respondents).toBe(5);
  });
});

describe('files that stop the build', () => {
  it('an empty file', async () => {
    const e = await fatal(ingest('fatal/empty.csv'));
    expect(e.message).toBe('the file is empty');
    expect(e.location).toEqual({ file: 'fatal/empty.csv' });
  });

  it('a header without rows: line 2 is where the rows should be', async () => {
    const e = await fatal(ingest('fatal/header-only.csv'));
    expect(e.message).toBe('the file has a header but no rows');
    expect(e.location).toEqual({ file: 'fatal/header-only.csv', line: 2 });
    expect(e.format()).toMatch(/^fatal\/header-only\.csv:2: the file has a header but no rows\n {2}How to fix: /);
  });

  it('a header followed only by blank and padding lines is header-only too', async () => {
    const e = await fatal(ingestPath(tempFile('padding.csv', `${CANON}\n,,,,,,,,,,,\n\n`), 'padding.csv'));
    expect(e.message).toBe('the file has a header but no rows');
  });

  it('a header with no delimiter (one word)', async () => {
    const e = await fatal(ingest('fatal/one-word.csv'));
    expect(e.message).toBe('the header line has no delimiter (comma, semicolon, tab or |), so this is not a CSV export');
    expect(e.location).toEqual({ file: 'fatal/one-word.csv', line: 1, column: 1 });
  });

  it('an .xlsx workbook saved under a .csv name', async () => {
    const e = await fatal(ingest('fatal/xlsx-saved-as-csv.csv'));
    expect(e.message).toBe('this is a zip file (an Excel .xlsx workbook?), not CSV');
    expect(e.location).toEqual({ file: 'fatal/xlsx-saved-as-csv.csv', line: 1, column: 1 });
    expect(e.hint).toContain('CSV UTF-8');
  });

  it('an old .xls workbook saved under a .csv name', async () => {
    // The compound-file signature every .xls starts with, then the zeros that follow it.
    const path = tempFile('xls-saved-as-csv.csv', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const e = await fatal(ingestPath(path, 'xls-saved-as-csv.csv'));
    expect(e.message).toBe('this is an old Excel workbook (.xls), not CSV');
    expect(e.hint).toContain('CSV UTF-8');
  });

  it('UTF-16 without a BOM: named as UTF-16, not binary data, with the setting that reads it', async () => {
    const e = await fatal(ingest('fatal/utf16-no-bom.txt'));
    expect(e.message).toBe('the file looks like UTF-16 (little-endian) text without a byte-order mark: every other byte is NUL');
    expect(e.location).toEqual({ file: 'fatal/utf16-no-bom.txt' });
    expect(e.hint).toContain('"encoding": "utf-16le"');
  });

  it('a missing required column, listing the header it has', async () => {
    const e = await fatal(ingest('fatal/missing-touchpoint.csv'));
    expect(e.message).toBe('required column "touchpoint" is missing');
    expect(e.location).toEqual({ file: 'fatal/missing-touchpoint.csv', line: 1 });
    expect(e.hint).toContain('"response_id", "submitted_at", "journey", "channel"');
  });

  it('a header of 200,000 columns without response_id: one short message that names it', async () => {
    const header = Array.from({ length: 200_000 }, (_, i) => i.toString(36)).join(';');
    const e = await fatal(ingestPath(tempFile('wide-header.csv', `${header}\n${header}\n`), 'wide-header.csv'));
    expect(e.message).toBe('required column "response_id" is missing');
    expect(e.format().length).toBeLessThan(2048);
    expect(e.hint).toContain('The header has: "0", "1", "2",');
    expect(e.hint).toContain('"j" … and 199,980 more.');
  });

  it('a mapping naming a column the header does not have', async () => {
    const e = await fatal(ingest('bom-crlf.csv', { columns: { nps: 'Suositteluhalukkuus' } }));
    expect(e.message).toBe('the mapping names column "Suositteluhalukkuus", which this file\'s header does not have');
    expect(e.location).toEqual({ file: 'bom-crlf.csv', line: 1 });
    expect(e.hint).toContain('data/mapping.jsonc');
  });

  it('a wide mapping naming a question column the header does not have', async () => {
    const e = await fatal(ingest('wide-google-forms.csv', { layout: 'wide', constants: { journey: 'j' }, questions: [{ touchpoint: 'a', emotion: 'Miltä tuntui?' }] }));
    expect(e.message).toBe('the mapping names column "Miltä tuntui?", which this file\'s header does not have');
    expect(e.location?.line).toBe(1);
  });

  it('an unclosed quote: the error names the line the quote opens on, not the end of the file', async () => {
    const e = await fatal(ingest('fatal/unclosed-quote.csv'));
    expect(e.message).toBe('a quoted field that starts on line 4 is never closed, so it swallows the rest of the file');
    expect(e.location).toEqual({ file: 'fatal/unclosed-quote.csv', line: 4 });
  });

  it('an unclosed quote in a file of several megabytes (the record-length limit)', async () => {
    const lines = [CANON, 'U1,2026-03-02,j,a,web,new,9,5,6,1,0,', 'U2,2026-03-02,j,a,web,new,9,5,6,1,0,"never closed'];
    for (let i = 3, size = 0; size < 3 * 1024 * 1024; i++) {
      const line = `U${i},2026-03-02,j,a,web,new,9,5,6,1,0,tavallinen rivi`;
      lines.push(line);
      size += line.length + 1;
    }
    const e = await fatal(ingestPath(tempFile('big-unclosed.csv', lines.join('\n') + '\n'), 'big-unclosed.csv'));
    expect(e.message).toBe('a quoted field that starts on line 3 is never closed, so it swallows the rest of the file');
    expect(e.location?.line).toBe(3);
  });

  it('UTF-16 without a byte-order mark is named as such, with the mapping setting that reads it', async () => {
    const text = 'response_id,journey,touchpoint,nps\r\nR1,j,a,9\r\n';
    const le = await fatal(ingestPath(tempFile('utf16le.csv', Buffer.from(text, 'utf16le')), 'utf16le.csv'));
    expect(le.message).toBe('the file looks like UTF-16 (little-endian) text without a byte-order mark: every other byte is NUL');
    expect(le.hint).toContain('set "encoding": "utf-16le" for it in data/mapping.jsonc');
    const read = await ingestPath(tempFile('utf16le.csv', Buffer.from(text, 'utf16le')), 'utf16le.csv', { encoding: 'utf-16le' });
    expect(read.account).toMatchObject({ encoding: 'utf-16le', accepted: 1 });
    const be = await fatal(ingestPath(tempFile('utf16be.csv', Buffer.from(text, 'utf16le').swap16()), 'utf16be.csv'));
    expect(be.message).toBe('the file looks like UTF-16 (big-endian) text without a byte-order mark: every other byte is NUL');
    const binary = await fatal(ingestPath(tempFile('binary.csv', Buffer.from([0x41, 0x42, 0, 0, 0x43, 0x01, 0, 0x44])), 'binary.csv'));
    expect(binary.message).toMatch(/^binary data \(a NUL byte at byte 2\)/);
  });

  it('a record over the limit is named as one, with the limit and the setting that raises it', async () => {
    const row = (id: string, comment: string) => `${id},2026-03-02,j,a,web,new,9,5,6,1,0,${comment}`;
    // A closed quoted comment of 1.1 MiB, and an unquoted field of 3 MB: neither is an unclosed quote.
    const long = [CANON, row('L1', 'lyhyt'), row('L2', `"${'pitkä kommentti, '.repeat(68_000)}"`), row('L3', 'lyhyt')].join('\n') + '\n';
    const unquoted = [CANON, row('L1', 'lyhyt'), row('L2', 'x'.repeat(3_000_000)), row('L3', 'lyhyt')].join('\n') + '\n';
    for (const [name, text] of [['long-comment.csv', long], ['long-field.csv', unquoted]]) {
      const e = await fatal(ingestPath(tempFile(name!, text!), name!));
      expect(e.message).toBe('the record (row) that starts on line 3 is over the limit of 1,048,576 characters a record and has not ended: a field that long, or a quoted field whose quote never closes and swallows the rest of the file');
      expect(e.location).toEqual({ file: name, line: 3 });
      expect(e.hint).toContain('raise "maxRecordChars" in data/mapping.jsonc (now 1048576)');
    }
    const raised = await ingestPath(tempFile('long-comment.csv', long), 'long-comment.csv', { maxRecordChars: 4 << 20 });
    expect(raised.account).toMatchObject({ rowsRead: 3, accepted: 3, rejected: 0 });
  });

  // Free text or ids mapped as groups or touchpoints: every value a group or touchpoint of its own,
  // each too small to publish, and memory (bit sets, cells) for each.
  const rows = (n: number, row: (i: number) => string) => [CANON, ...Array.from({ length: n }, (_, i) => row(i))].join('\n') + '\n';

  it('more than 500 channel and segment names between them: the line of the 501st', async () => {
    // 300 channels and 300 segments, a new one of each on every row until each has 300.
    const text = rows(400, (i) => `R${i},2026-03-02,j,a,ch${i % 300},seg${i % 300},9,5,6,1,0,`);
    const e = await fatal(ingestPath(tempFile('groups.csv', text), 'groups.csv'));
    expect(e.message).toBe('channel and segment have more than 500 different values between them (the next is "ch250"): too many groups to report, each too small to publish');
    // Row 251 (line 252) brings the 501st and 502nd names.
    expect(e.location).toEqual({ file: 'groups.csv', line: 252 });
    expect(e.hint).toContain('not to a free-text or id column');
    // 250 of each is fine.
    const fine = await ingestPath(tempFile('groups-250.csv', rows(400, (i) => `R${i},2026-03-02,j,a,ch${i % 250},seg${i % 250},9,5,6,1,0,`)), 'groups-250.csv');
    expect(Object.keys(fine.journeys['j']!.touchpoints['a']!.channels)).toHaveLength(250);
  });

  it('more than 2,000 touchpoints: the line of the 2,001st', async () => {
    const e = await fatal(ingestPath(tempFile('touchpoints.csv', rows(2100, (i) => `R${i},2026-03-02,j,t${i},web,new,9,5,6,1,0,`)), 'touchpoints.csv'));
    expect(e.message).toBe('the file rates more than 2,000 different touchpoints (the next is "t2000" of journey "j"): more than a journey has');
    expect(e.location).toEqual({ file: 'touchpoints.csv', line: 2002 });
  });

  it('more than 20,000 cells of touchpoint × channel × segment', async () => {
    // 100 touchpoints × 10 channels × 21 segments met together, within the limits on each.
    const text = rows(21_000, (i) => `R${i},2026-03-02,j,t${i % 100},ch${Math.floor(i / 100) % 10},seg${Math.floor(i / 1000)},9,5,6,1,0,`);
    const e = await fatal(ingestPath(tempFile('cells.csv', text), 'cells.csv'));
    expect(e.message).toBe('the ratings fall into more than 20,000 cells of touchpoint × channel × segment: too many to report, each too small to publish');
  });
});

describe('encodings and the 1 MiB read boundary', () => {
  it('re-reads as Windows-1252 when the first non-UTF-8 byte comes after 2 MB', async () => {
    const rows = [CANON];
    for (let size = 0; size < 2 * 1024 * 1024 + 1000; ) {
      const row = `R${rows.length},2026-03-02,j,a,web,new,${rows.length % 11},4,5,1,0,`;
      rows.push(row);
      size += row.length + 2;
    }
    const before = rows.length - 1;
    const text = [...rows, `X1,2026-03-03,j,a,web,new,9,5,6,1,0,Kiitos k\u00e4ytt\u00e4j\u00e4lle`, `X2,2026-03-03,j,a,web,new,12,5,6,1,0,`].join('\r\n') + '\r\n';
    const bytes = Buffer.from(text, 'latin1');
    expect(bytes.indexOf(0xe4)).toBeGreaterThan(2 * 1024 * 1024);
    const r = await ingestPath(tempFile('late-1252.csv', bytes), 'late-1252.csv');
    expect(r.account.encoding).toBe('windows-1252');
    expect(r.account.rowsRead).toBe(before + 2);
    expect(r.account.accepted).toBe(before + 1);
    expect(r.account.rejections).toEqual([{ line: before + 3, column: 7, columnName: 'nps', reason: 'nps: 12 is outside the scale 0 to 10' }]);
    expect(r.account.lines).toBe(before + 3);
    expect(r.journeys['j']!.touchpoints['a']!.all.comments).toBe(1);
    expectBalanced(r.account);
  });

  it('keeps an ä that straddles byte 1,048,576 (UTF-8, not re-read as Windows-1252)', async () => {
    const head = `${CANON}\n`;
    const rows: string[] = [];
    let size = Buffer.byteLength(head);
    // Filler rows up to just before the boundary; the last row's comment is padded so ä starts at byte 1,048,575.
    while (size < (1 << 20) - 200) {
      const row = `F${rows.length},2026-03-02,j,a,web,new,8,4,5,0,0,\n`;
      rows.push(row);
      size += row.length;
    }
    const prefix = `S1,2026-03-02,j,b,web,new,9,5,6,1,0,`;
    const pad = 'x'.repeat((1 << 20) - 1 - size - prefix.length);
    rows.push(`${prefix}${pad}ä loppu\n`);
    rows.push('S2,2026-03-02,j,b,web,new,99,5,6,1,0,\n');
    const bytes = Buffer.from(head + rows.join(''), 'utf8');
    expect(bytes.subarray((1 << 20) - 1, (1 << 20) + 1)).toEqual(Buffer.from('ä', 'utf8'));
    const r = await ingestPath(tempFile('boundary.csv', bytes), 'boundary.csv');
    expect(r.account.encoding).toBe('utf-8');
    expect(r.account.rowsRead).toBe(rows.length);
    expect(r.account.accepted).toBe(rows.length - 1);
    expect(r.account.rejections).toEqual([{ line: rows.length + 1, column: 7, columnName: 'nps', reason: 'nps: 99 is outside the scale 0 to 10' }]);
    expect(r.journeys['j']!.touchpoints['b']!.all.comments).toBe(1);
    expectBalanced(r.account);
  });

  it('reads a UTF-16LE "Unicode Text" export with its BOM', async () => {
    const text = `${CANON.replaceAll(',', '\t')}\r\nR1\t2026-03-02\tj\ta\tweb\tnew\t9\t5\t6\t1\t0\tHyvää päivää\r\nR2\t2026-03-02\tj\ta\tweb\tnew\t4\t2\t3\t-1\t0\t\r\n`;
    const r = await ingestPath(tempFile('unicode.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])), 'unicode.txt');
    expect(r.account.encoding).toBe('utf-16le');
    expect(r.account.delimiter).toBe('\t');
    expect(r.account.accepted).toBe(2);
    expect(r.journeys['j']!.touchpoints['a']!.all.scores.nps.bins).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]);
  });
});

describe('edge cases: names, ids and the last line', () => {
  it('quotes a long value in a reason cut short: 10,000 reasons are kept, a field can be a megabyte', async () => {
    const junk = 'ä'.repeat(100_000);
    const text = [CANON, `L1,2026-03-02,j,a,web,new,${junk},5,6,1,0,`, `L2,${junk},j,a,web,new,9,5,6,1,0,`, `${junk},2026-03-02,j,a,web,new,9,5,6,1,0,`, `${junk},2026-03-02,j,a,web,new,9,5,6,1,0,`].join('\n') + '\n';
    const r = await ingestPath(tempFile('long-values.csv', text), 'long-values.csv');
    const short = `"${'ä'.repeat(60)}…"`;
    expect(r.account.rejections.map((x) => x.reason)).toEqual([
      `nps: ${short} is not a number`,
      `submitted_at: ${short} is not a date like 2026-03-31 or 31.3.2026`,
      `duplicate: respondent ${short} already rated touchpoint "a" of "j" earlier in this file`,
    ]);
  });

  it('__proto__, constructor and toString are ordinary names and values', async () => {
    const r = await ingest('prototype-names.csv');
    expect(r.account.accepted).toBe(3);
    expectBalanced(r.account);
    expect(Object.keys(r.journeys)).toEqual(['__proto__']);
    const j = r.journeys['__proto__']!;
    expect(Object.keys(j.touchpoints)).toEqual(['__proto__', 'hasownproperty']);
    const tp = j.touchpoints['__proto__']!;
    expect(Object.hasOwn(j.touchpoints, '__proto__')).toBe(true);
    expect(tp.all.ratings).toBe(2);
    expect(Object.keys(tp.channels)).toEqual(['__proto__', 'toString']);
    expect(tp.channels['__proto__']!.scores.nps.bins[9]).toBe(1);
    expect(tp.channels['toString']!.scores.nps.bins[3]).toBe(1);
    expect(Object.keys(tp.segments)).toEqual(['constructor', '__proto__']);
    expect(Object.entries(j.respondents.channels)).toEqual([
      ['__proto__', 2],
      ['toString', 1],
    ]);
    expect(Object.entries(j.respondents.segments)).toEqual([
      ['constructor', 2],
      ['__proto__', 1],
    ]);
    expect(({} as Record<string, unknown>)['ratings']).toBeUndefined();
    expect(r.respondents).toBe(3);
  });

  it('ids keep leading zeros: 007, 7 and 0007 are three respondents; " 007 " is 007 again', async () => {
    const r = await ingest('leading-zeros.csv');
    expect(r.account.rowsRead).toBe(5);
    expect(r.account.accepted).toBe(4);
    expect(r.account.rejections).toEqual([{ line: 5, reason: 'duplicate: respondent "007" already rated touchpoint "a" of "j" earlier in this file' }]);
    expectBalanced(r.account);
    expect(r.respondents).toBe(3);
    expect(r.journeys['j']!.touchpoints['a']!.all.respondents).toBe(3);
    expect(npsBins(r, 'j', 'a')).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1]); // 9, 6, 10
    expect(r.journeys['j']!.touchpoints['b']!.all.respondents).toBe(1);
    expect(r.period).toBeNull(); // no submitted_at column
  });

  it('a trailing newline or none gives the same counts (LF and CRLF)', async () => {
    const body = [CANON, 'R1,2026-03-02,j,a,web,new,9,5,6,1,0,', 'R2,2026-03-02,j,a,web,new,11,5,6,1,0,', 'R3,2026-03-03,j,a,web,new,3,2,2,-1,0,"viimeinen"'];
    const accounts: FileAccount[] = [];
    for (const [name, text] of [
      ['lf-trailing.csv', body.join('\n') + '\n'],
      ['lf-none.csv', body.join('\n')],
      ['crlf-trailing.csv', body.join('\r\n') + '\r\n'],
      ['crlf-none.csv', body.join('\r\n')],
    ] as const) {
      accounts.push((await ingestPath(tempFile(name, text), name)).account);
    }
    for (const a of accounts) {
      expect({ lines: a.lines, blankLines: a.blankLines, rowsRead: a.rowsRead, accepted: a.accepted, rejected: a.rejected, rejections: a.rejections }).toEqual({
        lines: 4,
        blankLines: 0,
        rowsRead: 3,
        accepted: 2,
        rejected: 1,
        rejections: [{ line: 3, column: 7, columnName: 'nps', reason: 'nps: 11 is outside the scale 0 to 10' }],
      });
    }
  });

  it('blank lines before the header and between rows are counted, not read', async () => {
    const text = `\n\n${CANON}\n\nR1,2026-03-02,j,a,web,new,9,5,6,1,0,\n,,,,,,,,,,,\nR2,2026-03-02,j,a,web,new,x,5,6,1,0,\n\n`;
    const r = await ingestPath(tempFile('blanks.csv', text), 'blanks.csv');
    expect(r.account.lines).toBe(8);
    expect(r.account.blankLines).toBe(5);
    expect(r.account.rowsRead).toBe(2);
    expect(r.account.rejections).toEqual([{ line: 7, column: 7, columnName: 'nps', reason: 'nps: "x" is not a number' }]);
  });
});

describe('regressions found in review', () => {
  it('a UTF-8 BOM file with a bad byte later is an error, not re-read as Windows-1252 with the BOM in its header', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('response_id,journey,touchpoint,nps,comment\nR1,j,a,9,k'), Buffer.from([0xe4]), Buffer.from('ytt\n')]);
    const error = await fatal(ingestPath(tempFile('bom-bad.csv', bytes), 'bom-bad.csv'));
    expect(error.message).toBe('the file is not valid UTF-8 (near byte 0), although it starts with a UTF-8 byte-order mark');
  });

  it('"encoding": "utf-8" reports bad bytes instead of turning them into U+FFFD', async () => {
    const bytes = Buffer.concat([Buffer.from('response_id,journey,touchpoint,nps,comment\nR1,j,a,9,k'), Buffer.from([0xe4]), Buffer.from('ytt\n')]);
    const error = await fatal(ingestPath(tempFile('latin1.csv', bytes), 'latin1.csv', { encoding: 'utf-8' }));
    expect(error.message).toMatch(/^the file is not valid UTF-8/);
  });

  it('a file of blank lines has no header line', async () => {
    const error = await fatal(ingestPath(tempFile('blank.csv', '\r\n   \r\n\r\n'), 'blank.csv'));
    expect(error.message).toBe('the file has no header line (it is empty or blank)');
  });

  it('a rejected wide row leaves no touchpoint behind', async () => {
    const mapping: MappingFile = { layout: 'wide', columns: { response_id: 'id' }, constants: { journey: 'j' }, questions: [{ touchpoint: 'a', nps: 'A' }, { touchpoint: 'b', nps: 'B' }, { touchpoint: 'c', nps: 'C' }] };
    const r = await ingestPath(tempFile('wide-trace.csv', 'id,A,B,C\nR1,9,,\nR2,,7,11\nR1,8,5,\n'), 'wide-trace.csv', mapping);
    expect(r.account).toMatchObject({ rowsRead: 3, accepted: 1, rejected: 2 });
    expect(Object.keys(r.journeys['j']!.touchpoints)).toEqual(['a']);
  });

  it('reads a Google Forms timestamp (year first, AM/PM and a zone) without a dateFormat', async () => {
    const r = await ingestPath(tempFile('gforms.csv', 'response_id,submitted_at,journey,touchpoint,nps\nR1,2026/03/12 10:45:00 AM EET,j,a,9\nR2,2026/03/13 1:05:00 PM GMT+2,j,a,7\n'), 'gforms.csv');
    expect(r.account.accepted).toBe(2);
    expect(r.period && [formatDay(r.period.first), formatDay(r.period.last)]).toEqual(['2026-03-12', '2026-03-13']);
  });

  it('a row that Excel shortened (empty trailing fields dropped) is read with those fields empty', async () => {
    const r = await ingestPath(tempFile('short.csv', `${CANON}\nR1,2026-03-01,j,a,web,new,9,5,6,1,0\nR2,2026-03-01,j,a,web,new,7\n`), 'short.csv');
    expect(r.account).toMatchObject({ rowsRead: 2, accepted: 2, rejected: 0 });
    expect(r.journeys['j']!.touchpoints['a']!.all.scores.csat.n).toBe(1);
  });
});

describe('ingestSnapshot: channel and segment names are published', () => {
  it('redacts personal data in a group name, as in a comment, and counts the redacted groups together', async () => {
    const rows = [
      'R1,2026-03-01,j,a,web,Other: matti@virtanen.fi 040 765 4321,9,5,6,1,0',
      'R2,2026-03-01,j,a,web,Other: anna@example.fi 040 765 4321,7,4,5,0,0',
      'R3,2026-03-01,j,a, store ,new,8,4,5,0,0',
    ];
    const r = await ingestPath(tempFile('groups.csv', `${CANON}\n${rows.join('\n')}\n`), 'groups.csv');
    const cells = r.journeys['j']!.touchpoints['a']!;
    expect(Object.keys(cells.segments).sort()).toEqual(['Other: [email] [phone]', 'new']);
    expect(cells.segments['Other: [email] [phone]']!.ratings).toBe(2);
    expect(Object.keys(cells.channels).sort()).toEqual(['store', 'web']);
    expect(r.journeys['j']!.respondents.segments).toEqual({ 'Other: [email] [phone]': 2, new: 1 });
  });
});

describe('ingestSnapshot: the period', () => {
  it('has the first, last and median day of the accepted rows', async () => {
    const rows = ['R1,2025-01-05,j,a,9', 'R2,2026-07-10,j,a,9', 'R3,2026-07-10,j,a,9', 'R4,2026-08-01,j,a,9', 'R5,bad,j,a,9'];
    const r = await ingestPath(tempFile('period.csv', `response_id,submitted_at,journey,touchpoint,nps\n${rows.join('\n')}\n`), 'period.csv');
    expect(r.period && [r.period.first, r.period.last, r.period.median].map((d) => formatDay(d!))).toEqual(['2025-01-05', '2026-08-01', '2026-07-10']);
  });
});

describe('ingestSnapshot: a file in two encodings', () => {
  const head = 'response_id,journey,touchpoint,segment,nps\n';
  const utf8Rows = (n: number) => Array.from({ length: n }, (_, i) => `R${i},j,a,yksityisasiakas-ä,9\n`).join('');

  it('stops at the first character that is not UTF-8 after UTF-8 letters, with its line and column', async () => {
    for (const parseInWorker of [false, true]) {
      // Rows pasted from a Windows-1252 export at the end of a UTF-8 file; large enough for several reads.
      const bytes = Buffer.concat([Buffer.from(head + utf8Rows(5000), 'utf8'), Buffer.from('R9999,j,a,yksityisasiakas-\xe4,9\n', 'latin1')]);
      const path = tempFile('mixed.csv', bytes);
      const error = await fatal(ingestSnapshot({ path, file: 'mixed.csv', id: 'mixed', mapping: mappingFor({}, 'mixed', 'mapping'), scales: DEFAULT_SCALES, stageOf: () => 's', parseInWorker }));
      expect(error.message).toMatch(/^the file mixes two encodings: .* \(byte 0xE4, "ä" in Windows-1252\)/);
      expect(error.location).toEqual({ file: 'mixed.csv', line: 5002, column: 27 });
    }
  });

  it('stops also when both are in the first read of a small file', async () => {
    const bytes = Buffer.concat([Buffer.from(head + 'R1,j,a,Hyvä palvelu,9\n', 'utf8'), Buffer.from('R2,j,a,Hyv\xe4,9\n', 'latin1')]);
    const error = await fatal(ingestPath(tempFile('mixed-small.csv', bytes), 'mixed-small.csv'));
    expect(error.message).toMatch(/^the file mixes two encodings/);
    expect(error.location).toEqual({ file: 'mixed-small.csv', line: 3, column: 11 });
  });

  it('stops at the first UTF-8 character after Windows-1252 letters, with its line and column', async () => {
    const ingestOf = (path: string, parseInWorker: boolean) => ingestSnapshot({ path, file: 'mixed.csv', id: 'mixed', mapping: mappingFor({}, 'mixed', 'mapping'), scales: DEFAULT_SCALES, stageOf: () => 's', parseInWorker });
    // An Excel export in Windows-1252 with UTF-8 rows pasted far after its first ä (past several 64 KiB reads).
    const rows1252 = Array.from({ length: 5000 }, (_, i) => `R${i},j,a,yksityisasiakas-\xe4,9\n`).join('');
    const bytes = Buffer.concat([Buffer.from(head + rows1252, 'latin1'), Buffer.from('R9999,j,a,hyvästä palvelusta,9\n', 'utf8')]);
    const path = tempFile('mixed-1252-first.csv', bytes);
    for (const parseInWorker of [false, true]) {
      const error = await fatal(ingestOf(path, parseInWorker));
      expect(error.message).toBe(
        'the file mixes two encodings: it reads as Windows-1252 (an Excel export: byte 0xE4, "ä", on line 2 is not UTF-8), but here is UTF-8 text (bytes 0xC3 0xA4, "ä" in UTF-8, "Ã¤" in Windows-1252), as when rows from a UTF-8 file are pasted into an Excel export',
      );
      // "R9999,j,a,hyv" is 13 characters: the ä is the 14th.
      expect(error.location).toEqual({ file: 'mixed.csv', line: 5002, column: 14 });
    }
    // The UTF-8 character cut by a read's end (its first byte the last of the first 64 KiB): found at that byte.
    const prefix = Buffer.from(head + 'R1,j,a,\xe4,9\n', 'latin1');
    const filler = (1 << 16) - 1 - prefix.length - ',j,a,'.length;
    const cut = Buffer.concat([prefix, Buffer.from('x'.repeat(filler)), Buffer.from(',j,a,ä,9\n', 'utf8')]);
    expect(cut.indexOf(Buffer.from('ä', 'utf8'))).toBe((1 << 16) - 1);
    const error = await fatal(ingestOf(tempFile('mixed-cut.csv', cut), false));
    expect(error.location).toEqual({ file: 'mixed.csv', line: 3, column: filler + 6 });
  });

  it('stops at the first not-UTF-8 byte cut by a read of 64 KiB, after UTF-8', async () => {
    // ä in UTF-8 on line 2; on line 3 a Windows-1252 ä is the last byte of the first read, followed by ASCII.
    const start = Buffer.from(head + 'R1,j,a,ä,9\nR2,j,a,', 'utf8');
    const bytes = Buffer.concat([start, Buffer.from('x'.repeat((1 << 16) - start.length - 1)), Buffer.from('\xe4,9\n', 'latin1')]);
    const error = await fatal(ingestPath(tempFile('mixed-cut-utf8.csv', bytes), 'mixed-cut-utf8.csv'));
    expect(error.message).toMatch(/^the file mixes two encodings: it has UTF-8 text .* \(byte 0xE4, "ä" in Windows-1252\)/);
    expect(error.location).toEqual({ file: 'mixed-cut-utf8.csv', line: 3, column: (1 << 16) - start.length - 1 + 8 });
  });

  it('reads Windows-1252 whose first letter beyond ASCII comes after a read of 64 KiB, or is the last byte', async () => {
    const filler = Array.from({ length: 3000 }, (_, i) => `F${i},j,a,perus,9\n`).join('');
    const late = await ingestPath(tempFile('late.csv', Buffer.from(head + filler + 'R1,j,a,yksityisasiakas-\xe4,9\n', 'latin1')), 'late.csv');
    expect(late.account.encoding).toBe('windows-1252');
    expect(Object.keys(late.journeys['j']!.touchpoints['a']!.segments).sort()).toEqual(['perus', 'yksityisasiakas-ä']);
    const last = await ingestPath(tempFile('last.csv', Buffer.from('response_id,journey,touchpoint,nps,segment\nR1,j,a,9,perus-\xe4', 'latin1')), 'last.csv');
    expect(last.account.encoding).toBe('windows-1252');
    expect(Object.keys(last.journeys['j']!.touchpoints['a']!.segments)).toEqual(['perus-ä']);
  });

  it('still reads a file that is Windows-1252 throughout', async () => {
    const path = tempFile('all-1252.csv', Buffer.from(head + 'R1,j,a,yksityisasiakas-\xe4,9\n', 'latin1'));
    const r = await ingestPath(path, 'all-1252.csv');
    expect(Object.keys(r.journeys['j']!.touchpoints['a']!.segments)).toEqual(['yksityisasiakas-ä']);
  });
});

describe('ingestSnapshot: headerRows', () => {
  it('refuses to leave out a line as a header line when its scores read as answers', async () => {
    const path = tempFile('one-header.csv', 'response_id,journey,touchpoint,nps\nR1,j,a,9\nR2,j,a,7\n');
    const error = await fatal(ingestPath(path, 'one-header.csv', { headerRows: 2 }));
    expect(error.message).toBe('line 2 is left out as a header line ("headerRows": 2), but its scores read as answers: it looks like data');
    expect(error.location).toEqual({ file: 'one-header.csv', line: 2 });
  });
});
