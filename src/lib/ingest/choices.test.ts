// Single-choice items (pace: too slow / about right / too fast) read from exports: counts per option
// by hand, an answer that is no option rejected with the nearest one, halves equal to one read.
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../../../test/temp-files.ts';
import { mappingFor, type MappingFile } from '../project/mapping.ts';
import { figuresOf } from '../stats/figures.ts';
import { DEFAULT_SCALES } from '../stats/metrics.ts';
import { ingestInHalves } from './halves.ts';
import { ingestSnapshot, stageLookup, type IngestOptions, type SharedOptions } from './ingest.ts';
import { PolkuError } from '../common/errors.ts';

const tempFile = useTempFiles('polku-choices-');

function options(path: string, mapping: MappingFile, shared?: SharedOptions): IngestOptions {
  return { path, file: 'kurssi.csv', id: '2026-q1', mapping: mappingFor(mapping, '2026-q1', 'data/mapping.jsonc'), scales: DEFAULT_SCALES, stageOf: () => 's', ...(shared ? { stageOf: stageLookup(shared.stages), shared } : {}) };
}

/** A course feedback export from Excel in Finnish: semicolons, CRLF, Windows-1252; V6's answer has a no-break space. */
const COURSE = [
  'Vastaaja;Opetuksen tahti;Opetus oli selkeää;Tila',
  'V1;Sopiva;5;Liian pieni',
  'V2;Liian nopea;4;',
  'V3;sopiva;;Sopiva',
  'V4;Liian hidas;2;Sopiva',
  'V5;Sopiva;4;',
  'V6;Liian\u00a0nopea;3;',
  'V7;Liian hidaz;5;',
  'V8;;4;',
].join('\r\n');

const PACE = { id: 'pace', column: 'Opetuksen tahti', options: ['Liian hidas', 'Sopiva', 'Liian nopea'] };
const COURSE_MAPPING: MappingFile = {
  layout: 'wide',
  columns: { response_id: 'Vastaaja' },
  constants: { journey: 'kurssi' },
  questions: [
    { touchpoint: 'opetus', csat: 'Opetus oli selkeää', choices: [PACE] },
    { touchpoint: 'tilat', choices: [{ id: 'room', column: 'Tila', options: ['Liian pieni', 'Sopiva', 'Liian suuri'] }] },
  ],
};

describe('single-choice items in a Finnish Excel export', () => {
  it('counts answers per option, in any case and with invisible characters, and gives shares with Wilson intervals', async () => {
    const r = await ingestSnapshot(options(tempFile('kurssi.csv', Buffer.from(COURSE, 'latin1')), COURSE_MAPPING));
    const opetus = r.journeys['kurssi']!.touchpoints['opetus']!.all;
    // V7 is rejected (next test); V8 did not answer the pace. Too slow: V4; right: V1, V3, V5; too fast: V2, V6.
    expect(opetus.choices).toEqual({ pace: { options: ['Liian hidas', 'Sopiva', 'Liian nopea'], counts: [1, 3, 2] } });
    expect(opetus.ratings).toBe(7);
    // A touchpoint whose only question is a choice: V1, V3, V4 answered it.
    expect(r.journeys['kurssi']!.touchpoints['tilat']!.all.choices).toEqual({ room: { options: ['Liian pieni', 'Sopiva', 'Liian suuri'], counts: [1, 2, 0] } });
    const f = figuresOf({ ...opetus, respondents: 7 }, DEFAULT_SCALES).choices['pace']!;
    expect(f.n).toBe(6);
    expect(f.options.map((o) => [o.option, o.count, o.share.value])).toEqual([['Liian hidas', 1, 1 / 6], ['Sopiva', 3, 0.5], ['Liian nopea', 2, 1 / 3]]);
    // Wilson at 3 of 6, z = 1.96: centre (3 + z²/2)/(6 + z²) = 0.5, half z/(6 + z²) √(3·3/6 + z²/4) = 0.3124
    expect(f.options[1]!.share.low).toBeCloseTo(0.1876, 4);
    expect(f.options[1]!.share.high).toBeCloseTo(0.8124, 4);
    // Wilson at 1 of 6: (1 + 1.9207 ± 1.96 √(1·5/6 + 0.9604)) / 9.8415 = 0.0301 to 0.5635
    expect(f.options[0]!.share.low).toBeCloseTo(0.0301, 4);
    expect(f.options[0]!.share.high).toBeCloseTo(0.5635, 4);
  });

  it('an answer that is no option rejects its row, naming the nearest option', async () => {
    const r = await ingestSnapshot(options(tempFile('kurssi.csv', Buffer.from(COURSE, 'latin1')), COURSE_MAPPING));
    expect(r.account.rejections).toEqual([{ line: 8, column: 2, columnName: 'Opetuksen tahti', reason: 'pace: "Liian hidaz" is not one of the options; the nearest is "Liian hidas"' }]);
    expect(r.account.fixByReason['pace not an option']).toContain('"Liian hidas"');
  });

  it('the same id with other options is refused, naming both lists', async () => {
    const mapping: MappingFile = { ...COURSE_MAPPING, questions: [COURSE_MAPPING.questions![0]!, { touchpoint: 'tilat', choices: [{ ...PACE, column: 'Tila', options: ['Hidas', 'Nopea'] }] }] };
    await expect(ingestSnapshot(options(tempFile('kurssi.csv', Buffer.from(COURSE, 'latin1')), mapping))).rejects.toThrow(PolkuError);
    await expect(ingestSnapshot(options(tempFile('kurssi.csv', Buffer.from(COURSE, 'latin1')), mapping))).rejects.toThrow(/"pace" is listed with different options/);
  });
});

describe('single-choice items read in halves', () => {
  const shared: SharedOptions = { stages: [['j1', 'a', 's1'], ['j1', 'b', 's2']], redaction: { names: [] } };
  const OPTIONS = ['Too slow', 'About right', 'Too fast'];
  const rows = ['response_id,journey,touchpoint,csat,Pace'];
  for (let r = 0; r < 30000; r++) {
    for (const tp of ['a', 'b']) rows.push(`R${r},j1,${tp},${(r % 5) + 1},${r % 4 === 3 ? '' : OPTIONS[r % 4]}`);
  }
  const mapping: MappingFile = { columns: { choices: [{ id: 'pace', column: 'Pace', options: OPTIONS }] } };

  it('merge to exactly the ingest of a read from start to end', async () => {
    const path = tempFile('long.csv', rows.join('\n') + '\n');
    const whole = await ingestSnapshot({ ...options(path, mapping, shared), parseInWorker: false });
    const halves = await ingestInHalves({ ...options(path, mapping, shared), parseInWorker: true }, shared, statSync(path).size);
    expect(halves).not.toBeNull();
    expect(halves).toEqual(whole);
    // r % 4 = 0, 1, 2 each 7,500 times; 3 is unanswered.
    expect(whole.journeys['j1']!.touchpoints['a']!.all.choices).toEqual({ pace: { options: OPTIONS, counts: [7500, 7500, 7500] } });
  });
});
