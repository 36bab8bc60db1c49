// Loud diagnostics on exports as people have them: every header accounted for, answers that differ
// only by invisible characters, blank responses, two-digit years, rows without ids, 0 for "not
// applicable". Every count and message below was worked out by hand from the file in its test.
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../../../test/temp-files.ts';
import { PolkuError } from '../common/errors.ts';
import { ingestSnapshot, type SnapshotIngest } from './ingest.ts';
import { mappingFor, type MappingFile } from '../project/mapping.ts';
import { DEFAULT_SCALES } from '../stats/metrics.ts';
import { formatDay } from '../read/parse-value.ts';

const tempFile = useTempFiles('polku-diagnostics-');

function read(name: string, content: string | Buffer, mappingFile: MappingFile = {}): Promise<SnapshotIngest> {
  const path = tempFile(name, content);
  return ingestSnapshot({ path, file: name, id: 'x', mapping: mappingFor(mappingFile, 'x', 'data/mapping.jsonc'), scales: DEFAULT_SCALES, stageOf: () => 's' });
}

const nps = (i: SnapshotIngest, journey: string, touchpoint: string) => i.journeys[journey]!.touchpoints[touchpoint]!.all.scores.nps.bins;

describe('every column accounted for', () => {
  // Excel in Finnish: semicolons, decimal comma, Windows-1252 (ä is one byte), CRLF.
  const excel = Buffer.from(
    ['Vastaustunnus;Päivämäärä;Polku;Kosketuspiste;Suositteluhalukkuus;emotio;Tunne;IP-osoite', 'V1;31.3.2026;polku;kassa;9;x;1,5;10.0.0.1', 'V2;31.3.2026;polku;kassa;6;y;-1;10.0.0.2', ''].join('\r\n'),
    'latin1',
  );
  const finnish: MappingFile = {
    columns: { response_id: 'Vastaustunnus', submitted_at: 'Päivämäärä', journey: 'Polku', touchpoint: 'Kosketuspiste', nps: 'Suositteluhalukkuus', emotion: 'Tunne' },
    ignore: ['ip-osoite'],
  };

  it('reports a header neither mapped nor ignored, with the field it resembles (one edit away)', async () => {
    const { account } = await read('excel.csv', excel, finnish);
    expect(account.encoding).toBe('windows-1252');
    expect(account.accepted).toBe(2);
    expect(account.unmapped).toEqual([{ column: 'emotio', suggestion: 'did you mean "emotion"?' }]);
    expect(account.unmappedCount).toBe(1);
  });

  it('lists a header under "ignore" as left out on purpose (any case), and any other as unmapped', async () => {
    const { account } = await read('excel-no-ignore.csv', excel, { ...finnish, ignore: ['IP-OSOITE', 'emotio'] });
    expect(account.unmappedCount).toBe(0);
    const without = await read('excel-no-ignore2.csv', excel, { ...finnish, ignore: undefined });
    expect(without.account.unmapped).toEqual([
      { column: 'emotio', suggestion: 'did you mean "emotion"?' },
      { column: 'IP-osoite', suggestion: null },
    ]);
  });

  it('suggests the field a common other name stands for: a "date" column left unmapped would leave the snapshot without dates', async () => {
    const { account } = await read('date.csv', 'response_id,Date,journey,touchpoint,nps\nR1,2018-09-08,j,a,9\n');
    expect(account.unmapped).toEqual([{ column: 'Date', suggestion: 'did you mean "submitted_at"?' }]);
  });

  it('matches a header with a zero-width space or a no-break space; names a Cyrillic look-alike', async () => {
    // "nps" + U+200B is read as nps; "touch point" with a no-break space as touchpoint; "еmotion" starts with Cyrillic е (U+0435).
    const csv = 'response_id,journey,touch\u00a0point,nps\u200b,\u0435motion\nR1,j,a,9,2\nR2,j,a,10,1\n';
    const i = await read('lookalike.csv', csv);
    expect(i.account.accepted).toBe(2);
    expect(nps(i, 'j', 'a')).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    expect(i.account.unmapped).toEqual([{ column: '\u0435motion', suggestion: 'did you mean "emotion"? (it has Cyrillic "е" (U+0435) for Latin "e" at the start)' }]);
  });

  it('names the header a mapped column resembles when the mapping does not match any', async () => {
    const csv = 'response_id,journey,touchpoint,Suositteluhalukkuus\u00a0(0–10)\u200b\nR1,j,a,9\n';
    const e = await read('near.csv', csv, { columns: { nps: 'Suositteluhalukuus (0–10)' } }).catch((error: unknown) => error);
    expect(e).toBeInstanceOf(PolkuError);
    expect((e as PolkuError).message).toBe(
      'the mapping names column "Suositteluhalukuus (0–10)", which this file\'s header does not have; the header has "Suositteluhalukkuus\u00a0(0–10)\u200b" (it has a no-break space (U+00A0) after "eluhalukkuus", a zero-width space (U+200B) after "kkuus\u00a0(0–10)")',
    );
  });

  it('refuses "comment" or a score under "columns" in the wide layout: it belongs in a question', () => {
    const e = (() => {
      try {
        mappingFor({ layout: 'wide', columns: { comment: 'Comments' }, questions: [{ touchpoint: 'a', nps: 'Q1' }] }, 'x', 'data/mapping.jsonc');
      } catch (error) {
        return error as PolkuError;
      }
      return null;
    })();
    expect(e?.message).toBe('"comment" under "columns" does not apply to the wide layout (snapshot x)');
    expect(e?.hint).toBe('move it into the entry of the touchpoint the column belongs to in "questions", e.g. {"touchpoint": "...", "comment": "Comments"}.');
  });
});

describe('answers that differ from their table only by invisible characters', () => {
  // A SurveyMonkey-like wide export whose labels came with no-break spaces; the table is typed with ordinary ones.
  const csv = [
    'Respondent ID,How much of the course was useful?,Comments',
    '1001,About\u00a0half of it,Ok',
    '1002,All of it,',
    '1003,En\u00a0osaa sanoa,',
    '1004,About half of i,',
    '',
  ].join('\n');
  const mapping: MappingFile = {
    layout: 'wide',
    columns: { response_id: 'Respondent ID' },
    constants: { journey: 'course' },
    notApplicable: ['En osaa sanoa'],
    questions: [{ touchpoint: 'content', comment: 'Comments', csat: { column: 'How much of the course was useful?', values: { 'About half of it': 3, 'All of it': 5 } } }],
  };

  it('accepts the label with a no-break space and the "not applicable" code with one; names the nearest label for a typo', async () => {
    const i = await read('nbsp.csv', csv, mapping);
    expect(i.account).toMatchObject({ rowsRead: 4, accepted: 2, rejected: 2, empty: 0 });
    expect(i.journeys['course']!.touchpoints['content']!.all.scores.csat.bins).toEqual([0, 0, 1, 0, 1]);
    expect(i.account.rejections).toEqual([
      { line: 4, reason: 'no touchpoint question is answered' },
      { line: 5, column: 2, columnName: 'How much of the course was useful?', reason: 'csat: "About half of i" is not in the "values" table, nor a number; the nearest label is "about half of it"' },
    ]);
    expect(i.account.fixByReason['csat not a number']).toBe(
      'add "About half of i" to the "values" table of column "How much of the course was useful?" (or correct it to "about half of it" in the export), or list it under "notApplicable" if it means no answer.',
    );
  });
});

describe('blank responses are empty, not rejected', () => {
  // Google Forms: no ids, a timestamp on every row; rows 3 and 5 were sent with nothing answered.
  const csv = ['Timestamp,How did ordering feel?,Comment', '2026/03/12 10:45:00 AM EET,6,', '2026/03/12 11:00:00 AM EET,,', '2026/03/13 09:10:00 AM EET,,Liian hidas', '2026/03/13 09:30:00 AM EET, ,', ''].join('\n');
  const mapping: MappingFile = {
    layout: 'wide',
    columns: { submitted_at: 'Timestamp' },
    constants: { journey: 'shop' },
    questions: [{ touchpoint: 'order', comment: 'Comment', emotion: { column: 'How did ordering feel?', offset: -4 } }],
  };

  it('counts them apart: rows read 4 = accepted 1 + rejected 1 (a comment without a score) + empty 2', async () => {
    const { account } = await read('blank.csv', csv, mapping);
    expect(account).toMatchObject({ rowsRead: 4, accepted: 1, rejected: 1, empty: 2, ownRespondentRows: 1 });
    expect(account.rejectedByReason).toEqual({ 'no score': 1 });
    expect(account.linesByReason).toEqual({ 'no score': [4] });
  });
});

describe('dates with two-digit years and times', () => {
  // m/d/yy H:mm, as an American export writes it.
  const csv = 'response_id,submitted_at,journey,touchpoint,nps\nR1,9/8/18 15:29,j,a,9\nR2,12/31/69 0:05,j,a,7\nR3,1/2/70 23:59,j,a,8\n';

  it('reads them with "dateFormat": "m/d/yy H:mm" (yy below 70 is 20yy, from 70 19yy)', async () => {
    const i = await read('dates.csv', csv, { dateFormat: 'm/d/yy H:mm' });
    expect(i.account.accepted).toBe(3);
    expect(formatDay(i.period!.first)).toBe('1970-01-02');
    expect(formatDay(i.period!.last)).toBe('2069-12-31');
  });

  it('names the format that was expected, and the one that would read the date', async () => {
    const i = await read('dates-wrong.csv', csv, { dateFormat: 'm/d/yyyy' });
    expect(i.account.rejected).toBe(3);
    expect(i.account.rejections[0]).toEqual({ line: 2, column: 2, columnName: 'submitted_at', reason: 'submitted_at: "9/8/18 15:29" is not a date in the format m/d/yyyy set by "dateFormat"' });
    expect(i.account.fixByReason['date not understood']).toBe(
      '"9/8/18 15:29" reads with "dateFormat": "m/d/yy H:mm" or "dateFormat": "d/m/yy H:mm" (whichever order of day and month the export writes) in data/mapping.jsonc instead of "m/d/yyyy".',
    );
  });
});

describe('respondents without ids', () => {
  const csv = 'response_id,journey,touchpoint,nps\nR1,j,a,9\n,j,a,10\n ,j,a,3\n';

  it('rejects a blank id by default, with the setting as the fix', async () => {
    const { account } = await read('ids.csv', csv);
    expect(account).toMatchObject({ accepted: 1, rejected: 2, ownRespondentRows: 0 });
    expect(account.fixByReason['response_id empty']).toBe('fill in the ids, or set "blankResponseId": "own-respondent" in the mapping to count each such row as a respondent of its own.');
  });

  it('with "blankResponseId": "own-respondent" counts each such row as a respondent of its own', async () => {
    const i = await read('ids-own.csv', csv, { blankResponseId: 'own-respondent' });
    expect(i.account).toMatchObject({ accepted: 3, rejected: 0, ownRespondentRows: 2 });
    expect(i.journeys['j']!.touchpoints['a']!.all.respondents).toBe(3);
  });

  it('also without the column at all', async () => {
    const i = await read('ids-none.csv', 'journey,touchpoint,nps\nj,a,9\nj,a,4\n', { blankResponseId: 'own-respondent' });
    expect(i.account).toMatchObject({ accepted: 2, ownRespondentRows: 2 });
  });
});

describe('0 for "not applicable" below a scale from 1', () => {
  it('is its own reason, with "notApplicable" as the fix', async () => {
    const { account } = await read('zero.csv', 'response_id,journey,touchpoint,csat\nR1,j,a,0\nR2,j,a,6\nR3,j,a,4\n');
    expect(account.rejectedByReason).toEqual({ 'csat 0 out of range': 1, 'csat out of range': 1 });
    expect(account.fixByReason['csat 0 out of range']).toBe('if 0 means "not applicable" in column "csat", add "notApplicable": ["0"] to data/mapping.jsonc (for one column: {"column": ..., "notApplicable": ["0"]}).');
  });
});
