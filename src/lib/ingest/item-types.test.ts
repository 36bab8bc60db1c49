// Agreement (Likert), rating and yes/no items read from exports: labels through a named answer scale,
// figures by hand, the read in halves equal to a read from start to end.
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../../../test/temp-files.ts';
import { mappingFor, type MappingFile } from '../project/mapping.ts';
import { figuresOf } from '../stats/figures.ts';
import { DEFAULT_SCALES, type Scales } from '../stats/metrics.ts';
import { ingestInHalves } from './halves.ts';
import { ingestSnapshot, stageLookup, type IngestOptions, type SharedOptions } from './ingest.ts';

const tempFile = useTempFiles('polku-items-');
const SCALES: Scales = { ...DEFAULT_SCALES, rating: { min: 1, max: 10, integer: true } };

function options(path: string, mapping: MappingFile, shared?: SharedOptions): IngestOptions {
  return { path, file: 'kurssi.csv', id: '2026-q1', mapping: mappingFor(mapping, '2026-q1', 'data/mapping.jsonc'), scales: SCALES, stageOf: () => 's', ...(shared ? { stageOf: stageLookup(shared.stages), shared } : {}) };
}

/** A course feedback export from Excel in Finnish: semicolons, CRLF, Windows-1252, answer texts. */
const COURSE = [
  'Vastaaja;Opetus oli selkeää;Materiaali oli hyödyllistä;Kokonaisarvosana;Suosittelisitko?',
  'V1;Täysin samaa mieltä;Jokseenkin samaa mieltä;9;Kyllä',
  'V2;Jokseenkin samaa mieltä;Täysin samaa mieltä;10;Kyllä',
  'V3;Ei samaa eikä eri mieltä;Jokseenkin eri mieltä;6;Ei',
  'V4;Täysin eri mieltä;;3;Ei',
  'V5;Täysin samaa mieltä;Täysin samaa mieltä;10;kyllä',
  'V6;Jokseenkin samaa mieltä;Jokseenkin samaa mielta;8;Kyllä',
].join('\r\n');

const SAMAA_MIELTA = { 'Täysin eri mieltä': 1, 'Jokseenkin eri mieltä': 2, 'Ei samaa eikä eri mieltä': 3, 'Jokseenkin samaa mieltä': 4, 'Täysin samaa mieltä': 5 };
const COURSE_MAPPING: MappingFile = {
  layout: 'wide',
  columns: { response_id: 'Vastaaja' },
  constants: { journey: 'kurssi' },
  answerScales: { samaa5: { values: SAMAA_MIELTA }, kyllaei: { values: { Kyllä: 1, Ei: 0 } } },
  questions: [
    { touchpoint: 'opetus', agreement: { column: 'Opetus oli selkeää', scale: 'samaa5' }, rating: 'Kokonaisarvosana', yesno: { column: 'Suosittelisitko?', scale: 'kyllaei' } },
    { touchpoint: 'materiaali', agreement: { column: 'Materiaali oli hyödyllistä', scale: 'samaa5' } },
  ],
};

describe('agreement, rating and yes/no items in a Finnish Excel export', () => {
  it('reads labels through the named scales and gives the hand-computed figures', async () => {
    const r = await ingestSnapshot(options(tempFile('kurssi.csv', Buffer.from(COURSE, 'latin1')), COURSE_MAPPING));
    const opetus = r.journeys['kurssi']!.touchpoints['opetus']!.all;
    // V6 is rejected (next test). Agreement 5, 4, 3, 1, 5: top two (4–5) 3 of 5, mean 18/5
    expect(opetus.scores.agreement).toMatchObject({ n: 5, sum: 18, bins: [1, 0, 1, 1, 2] });
    // Rating 9, 10, 6, 3, 10 on 1–10: mean 38/5, top box (10) 2 of 5; yes 3 of 5 ("kyllä" in any case)
    expect(opetus.scores.rating).toMatchObject({ n: 5, sum: 38 });
    expect(opetus.scores.yesno).toMatchObject({ n: 5, sum: 3, bins: [2, 3] });
    const f = figuresOf({ ...opetus, respondents: 5 }, SCALES);
    expect(f.agreement!.topTwo.value).toBe(0.6);
    // Wilson at 3 of 5: (s + z²/2n ± z √(s(1 − s)/n + z²/4n²)) / (1 + z²/n)
    expect(f.agreement!.topTwo.low).toBeCloseTo(0.2307, 4);
    expect(f.agreement!.topTwo.high).toBeCloseTo(0.8824, 4);
    expect(f.agreement!.mean!.value).toBeCloseTo(3.6, 10);
    expect(f.rating!.mean!.value).toBeCloseTo(7.6, 10);
    expect(f.rating!.topBox.value).toBe(0.4);
    expect(f.yesno!.yes.value).toBe(0.6);
    // V4 left the material question blank: no rating of it. Material 4, 5, 2, 5.
    expect(r.journeys['kurssi']!.touchpoints['materiaali']!.all.scores.agreement).toMatchObject({ n: 4, sum: 16 });
  });

  it('a label not in the scale rejects its row, naming the nearest label', async () => {
    const r = await ingestSnapshot(options(tempFile('kurssi.csv', Buffer.from(COURSE, 'latin1')), COURSE_MAPPING));
    expect(r.account.rejections).toEqual([
      { line: 7, column: 3, columnName: 'Materiaali oli hyödyllistä', reason: 'agreement: "Jokseenkin samaa mielta" is not in the "values" table, nor a number; the nearest label is "jokseenkin samaa mieltä"' },
    ]);
  });
});

describe('agreement, rating and yes/no read in halves', () => {
  const shared: SharedOptions = { stages: [['j1', 'a', 's1'], ['j1', 'b', 's2']], redaction: { names: [] } };
  const rows = ['response_id,journey,touchpoint,agreement,rating,yesno,comment'];
  for (let r = 0; r < 30000; r++) {
    for (const tp of ['a', 'b']) rows.push(`R${r},j1,${tp},${r % 6 === 0 ? '' : (r % 5) + 1},${(r * 7) % 10 + 1},${r % 3 === 0 ? 0 : 1},${r % 11 === 0 ? 'ok' : ''}`);
  }

  it('merge to exactly the ingest of a read from start to end', async () => {
    const path = tempFile('long.csv', rows.join('\n') + '\n');
    const whole = await ingestSnapshot({ ...options(path, {}, shared), parseInWorker: false });
    const halves = await ingestInHalves({ ...options(path, {}, shared), parseInWorker: true }, shared, statSync(path).size);
    expect(halves).not.toBeNull();
    expect(halves).toEqual(whole);
    expect(whole.journeys['j1']!.touchpoints['a']!.all.scores.yesno).toMatchObject({ n: 30000, sum: 20000 });
  });
});
