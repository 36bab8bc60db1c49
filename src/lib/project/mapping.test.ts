import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolkuError } from '../common/errors.ts';
import { planColumns } from '../ingest/column-plan.ts';
import { loadMappingFile, mappingFor, type MappingFile } from './mapping.ts';

const SOURCE = 'data/mapping.jsonc';
const CANON = ['response_id', 'submitted_at', 'journey', 'touchpoint', 'channel', 'segment', 'nps', 'csat', 'ces', 'emotion', 'expectation', 'comment'];
const plan = (file: MappingFile, header: string[], id = '2026-q1') => planColumns(mappingFor(file, id, SOURCE), header, 'data/snapshots/2026-q1.csv');

function thrown(f: () => unknown): PolkuError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PolkuError);
    return e as PolkuError;
  }
  throw new Error('expected a PolkuError');
}

describe('mappingFor', () => {
  it('defaults every key: long layout, automatic encoding, delimiter and dates', () => {
    expect(mappingFor({}, '2026-q1', SOURCE)).toEqual({
      engine: 'polku',
      layout: 'long',
      ignore: [],
      blankResponseId: 'reject',
      encoding: 'auto',
      delimiter: 'auto',
      dateFormat: 'auto',
      headerRows: 1,
      maxRecordChars: 1048576,
      columns: {},
      constants: {},
      notApplicable: [],
      answerScales: {},
      questions: [],
      commentPlaceholders: [],
      minCommentChars: 0,
      source: SOURCE,
    });
  });

  it('reads with DuckDB where "engine" says so, for all snapshots or one', () => {
    expect(mappingFor({ engine: 'duckdb' }, '2026-q1', SOURCE).engine).toBe('duckdb');
    const file: MappingFile = { files: { '2026-q3': { engine: 'duckdb' } } };
    expect(mappingFor(file, '2026-q3', SOURCE).engine).toBe('duckdb');
    expect(mappingFor(file, '2026-q2', SOURCE).engine).toBe('polku');
  });

  it('infers the wide layout from questions', () => {
    expect(mappingFor({ constants: { journey: 'j' }, questions: [{ touchpoint: 'a', nps: 'Q1' }] }, 'x', SOURCE).layout).toBe('wide');
  });

  it('a snapshot\'s own entry replaces top-level keys whole; other snapshots keep the top level', () => {
    const file: MappingFile = {
      delimiter: ',',
      columns: { response_id: 'Id', nps: 'Score' },
      files: { '2025-q4': { delimiter: ';', encoding: 'windows-1252', columns: { response_id: 'Vastaustunnus' } } },
    };
    const old = mappingFor(file, '2025-q4', SOURCE);
    expect(old.delimiter).toBe(';');
    expect(old.encoding).toBe('windows-1252');
    expect(old.columns).toEqual({ response_id: 'Vastaustunnus' }); // not merged with the top-level columns
    const current = mappingFor(file, '2026-q1', SOURCE);
    expect(current.delimiter).toBe(',');
    expect(current.encoding).toBe('auto');
    expect(current.columns).toEqual({ response_id: 'Id', nps: 'Score' });
  });

  it('refuses a wide layout without questions and questions in the long layout', () => {
    const wide = thrown(() => mappingFor({ layout: 'wide' }, '2026-q1', SOURCE));
    expect(wide.message).toBe('the wide layout needs "questions" (snapshot 2026-q1)');
    expect(wide.location).toEqual({ file: SOURCE });
    const long = thrown(() => mappingFor({ layout: 'long', questions: [{ touchpoint: 'a', nps: 'Q' }] }, '2026-q1', SOURCE));
    expect(long.message).toBe('"questions" only applies to the wide layout (snapshot 2026-q1)');
  });
});

describe('planColumns: long layout', () => {
  it('finds Polku\'s own headers', () => {
    const p = plan({}, CANON);
    expect(p.responseId).toBe(0);
    expect(p.submittedAt).toBe(1);
    expect(p.ratings).toHaveLength(1);
    const r = p.ratings[0]!;
    expect(r).toMatchObject({ journey: { index: 2 }, touchpoint: { index: 3 }, channel: { index: 4 }, segment: { index: 5 }, comment: 11 });
    expect(r.scores.map(([m, s]) => [m, s.index, s.header, s.values, s.offset])).toEqual([
      ['nps', 6, 'nps', null, 0],
      ['csat', 7, 'csat', null, 0],
      ['ces', 8, 'ces', null, 0],
      ['emotion', 9, 'emotion', null, 0],
      ['expectation', 10, 'expectation', null, 0],
    ]);
  });

  it('matches headers ignoring case, spaces, hyphens and underscores; a header written exactly as named wins', () => {
    const p = plan({}, [' Response ID ', 'Submitted-At', 'JOURNEY', 'Touch point', 'NPS', 'nps', 'Emotion']);
    expect(p.responseId).toBe(0);
    expect(p.submittedAt).toBe(1);
    expect(p.ratings[0]!.journey).toEqual({ index: 2 });
    expect(p.ratings[0]!.touchpoint).toEqual({ index: 3 });
    expect(p.ratings[0]!.scores.map(([m, s]) => [m, s.index, s.header])).toEqual([
      ['nps', 5, 'nps'],
      ['emotion', 6, 'Emotion'],
    ]);
    expect(p.ratings[0]!.channel).toBeNull();
    expect(p.ratings[0]!.segment).toBeNull();
    expect(p.ratings[0]!.comment).toBeNull();
  });

  it('refuses a name that two headers match equally, rather than reading one of them by luck', () => {
    // Qualtrics: Q1_1 and Q11 have the same key; the exact header decides.
    const header = ['ResponseId', 'journey', 'touchpoint', 'Q1_1', 'Q11'];
    expect(plan({ columns: { response_id: 'ResponseId', nps: 'Q11' } }, header).ratings[0]!.scores[0]![1].index).toBe(4);
    expect(plan({ columns: { response_id: 'ResponseId', nps: 'Q1_1' } }, header).ratings[0]!.scores[0]![1].index).toBe(3);
    const loose = thrown(() => plan({ columns: { response_id: 'ResponseId', nps: 'q 11' } }, header));
    expect(loose.message).toContain('column "q 11", and the header has more than one that matches it: columns 4 ("Q1_1") and 5 ("Q11")');
    expect(loose.location).toMatchObject({ file: 'data/snapshots/2026-q1.csv', line: 1, column: 5 });
    expect(loose.hint).toContain('exactly as the header writes it');
    // Google Forms: the same question title twice.
    const twice = thrown(() => plan({ columns: { nps: 'How did it feel?' } }, ['response_id', 'journey', 'touchpoint', 'How did it feel?', 'How did it feel?']));
    expect(twice.message).toContain('columns 4 ("How did it feel?") and 5 ("How did it feel?")');
    expect(twice.hint).toContain('rename the repeated headers');
    // Polku's own names, unmapped, are refused the same way.
    expect(thrown(() => plan({}, ['response_id', 'journey', 'touchpoint', 'Emotion', 'e motion'])).message).toContain('Polku looks for column "emotion"');
  });

  it('uses mapped headers, answer tables (lower-cased, trimmed) and offsets', () => {
    const p = plan(
      {
        columns: {
          response_id: 'Vastaustunnus',
          touchpoint: 'Kosketuspiste',
          ces: { column: 'Vaivattomuus', values: { ' Erittäin helppoa ': 7, 'Erittäin VAIKEAA': 1 } },
          emotion: { column: 'Tunne', offset: -4 },
        },
        constants: { journey: 'nouto', channel: 'myymälä' },
        notApplicable: [' N/A ', 'En osaa sanoa'],
      },
      ['Vastaustunnus', 'Kosketuspiste', 'Vaivattomuus', 'Tunne'],
    );
    const r = p.ratings[0]!;
    expect(r.journey).toEqual({ constant: 'nouto' });
    expect(r.channel).toEqual({ constant: 'myymälä' });
    expect(r.touchpoint).toEqual({ index: 1 });
    const [ces, emotion] = r.scores;
    expect(ces![0]).toBe('ces');
    expect([...ces![1].values!]).toEqual([
      ['erittäin helppoa', 7],
      ['erittäin vaikeaa', 1],
    ]);
    expect(emotion![1]).toEqual({ index: 3, header: 'Tunne', values: null, offset: -4, notApplicable: new Set(['n/a', 'en osaa sanoa']) });
    expect(p.submittedAt).toBeNull();
  });

  it('refuses a "not applicable" code that is a real answer of a mapped score, instead of dropping those answers', () => {
    const mapping = mappingFor({ notApplicable: ['0'], columns: { nps: 'Suosittelu' } }, 's', 'data/mapping.jsonc');
    expect(() => planColumns(mapping, ['response_id', 'journey', 'touchpoint', 'Suosittelu'], 'x.csv')).toThrow(
      'the "not applicable" code "0" is a valid nps answer (0 on 0–10) in column "Suosittelu"',
    );
    const own = mappingFor({ notApplicable: ['0'], columns: { nps: { column: 'Suosittelu', notApplicable: [] } } }, 's', 'data/mapping.jsonc');
    expect(planColumns(own, ['response_id', 'journey', 'touchpoint', 'Suosittelu'], 'x.csv').ratings[0]!.scores[0]![1].notApplicable.size).toBe(0);
  });

  it('a constant wins over a column of the same name', () => {
    expect(plan({ constants: { journey: 'j' } }, CANON).ratings[0]!.journey).toEqual({ constant: 'j' });
  });

  it('names the missing required column and lists the header', () => {
    const noId = thrown(() => plan({}, ['journey', 'touchpoint', 'nps']));
    expect(noId.message).toBe('required column "response_id" is missing');
    expect(noId.location).toEqual({ file: 'data/snapshots/2026-q1.csv', line: 1 });
    expect(noId.hint).toContain('The header has: "journey", "touchpoint", "nps".');
    expect(thrown(() => plan({}, ['response_id', 'touchpoint', 'nps'])).message).toBe('required column "journey" is missing');
    expect(thrown(() => plan({}, ['response_id', 'journey', 'nps'])).message).toBe('required column "touchpoint" is missing');
    expect(thrown(() => plan({}, ['response_id', 'journey', 'touchpoint', 'comment'])).message).toBe(
      'required column with a score (nps, csat, ces, emotion, expectation, agreement, rating or yesno) is missing',
    );
  });

  it('a header of 200,000 columns: the message names the first 20, each cut to 60 characters, and stays short', () => {
    const header = Array.from({ length: 200_000 }, (_, i) => `Kysymys ${i + 1}: ${'kuinka tyytyväinen olit '.repeat(5)}`);
    const e = thrown(() => plan({}, header));
    expect(e.message).toBe('required column "response_id" is missing');
    const text = e.format();
    expect(text.length).toBeLessThan(2048);
    expect(e.hint).toContain(`"Kysymys 1: ${'kuinka tyytyväinen olit '.repeat(5).slice(0, 60 - 'Kysymys 1: '.length)}…", "Kysymys 2: `);
    expect(e.hint).toContain('"Kysymys 20: ');
    expect(e.hint).not.toContain('"Kysymys 21: ');
    expect(e.hint).toMatch(/ … and 199,980 more\.$/);
  }, 30_000); // large on purpose: seconds on a busy machine

  it('200,000 columns that match one name: the message lists the first 20', () => {
    const e = thrown(() => plan({}, ['response_id', 'journey', 'touchpoint', ...Array.from({ length: 200_000 }, () => 'NPS')]));
    expect(e.message).toMatch(/^Polku looks for column "nps", and the header has more than one that matches it: columns 4 \("NPS"\) and 5 \("NPS"\) and .* and 23 \("NPS"\) … and 199,980 more$/);
    expect(e.format().length).toBeLessThan(2048);
  });

  it('a mapped column that the header lacks is an error, even an optional one', () => {
    const e = thrown(() => plan({ columns: { segment: 'Asiakasryhmä' } }, CANON));
    expect(e.message).toBe('the mapping names column "Asiakasryhmä", which this file\'s header does not have');
    expect(e.location).toEqual({ file: 'data/snapshots/2026-q1.csv', line: 1 });
    expect(e.hint).toContain(`fix the mapping in ${SOURCE}`);
  });
});

describe('planColumns: wide layout', () => {
  const HEADER = ['Timestamp', 'Asiakastyyppi', 'Q1 tunne', 'Q2 tunne', 'Q2 suosittelu', 'Q2 kommentti'];

  it('one rating plan per question; no respondent id is allowed', () => {
    const p = plan(
      {
        layout: 'wide',
        columns: { submitted_at: 'Timestamp', segment: 'Asiakastyyppi' },
        constants: { journey: 'nouto', channel: 'web' },
        questions: [
          { touchpoint: 'verkkotilaus', emotion: { column: 'Q1 tunne', offset: -4 } },
          { touchpoint: 'noutopiste', journey: 'toinen', channel: 'myymälä', emotion: 'Q2 tunne', nps: 'Q2 suosittelu', comment: 'Q2 kommentti' },
        ],
      },
      HEADER,
    );
    expect(p.responseId).toBeNull();
    expect(p.submittedAt).toBe(0);
    expect(p.ratings).toHaveLength(2);
    const [a, b] = p.ratings;
    expect(a).toMatchObject({ journey: { constant: 'nouto' }, touchpoint: { constant: 'verkkotilaus' }, channel: { constant: 'web' }, segment: { index: 1 }, comment: null });
    expect(a!.scores.map(([m, s]) => [m, s.index, s.offset])).toEqual([['emotion', 2, -4]]);
    expect(b).toMatchObject({ journey: { constant: 'toinen' }, touchpoint: { constant: 'noutopiste' }, channel: { constant: 'myymälä' }, comment: 5 });
    expect(b!.scores.map(([m, s]) => [m, s.index])).toEqual([
      ['nps', 4],
      ['emotion', 3],
    ]);
  });

  const AGREE5 = { values: { 'Strongly disagree': 1, Disagree: 2, 'Neither agree nor disagree': 3, Agree: 4, 'Strongly agree': 5 } };

  it('a named answer scale is defined once and read by every question that names it; a column\'s own labels add to it', () => {
    const p = plan(
      {
        layout: 'wide',
        constants: { journey: 'course' },
        answerScales: { agree5: AGREE5 },
        questions: [
          { touchpoint: 'teaching', agreement: { column: 'Q1 tunne', scale: 'agree5' } },
          { touchpoint: 'materials', agreement: { column: 'Q2 tunne', scale: 'agree5', values: { 'Täysin samaa mieltä': 5 } } },
        ],
      },
      HEADER,
    );
    const [a, b] = p.ratings.map((r) => r.scores[0]!);
    expect(a![0]).toBe('agreement');
    expect(a![1].values!.get('strongly agree')).toBe(5);
    expect(a![1].values!.size).toBe(5);
    expect(b![1].values!.get('neither agree nor disagree')).toBe(3);
    expect(b![1].values!.get('täysin samaa mieltä')).toBe(5);
  });

  it('a scale that "answerScales" does not define is an error naming it and the nearest defined one', () => {
    const e = thrown(() =>
      plan({ layout: 'wide', constants: { journey: 'j' }, answerScales: { agree5: AGREE5 }, questions: [{ touchpoint: 'a', agreement: { column: 'Q1 tunne', scale: 'agree6' } }] }, HEADER),
    );
    expect(e.message).toBe('column "Q1 tunne" names the answer scale "agree6", which "answerScales" does not define; did you mean "agree5"?');
    expect(e.location).toEqual({ file: SOURCE });
    expect(e.hint).toContain('"agree5"');
    const none = thrown(() => plan({ layout: 'wide', constants: { journey: 'j' }, questions: [{ touchpoint: 'a', agreement: { column: 'Q1 tunne', scale: 'agree5' } }] }, HEADER));
    expect(none.hint).toContain('"answerScales": {"agree5": {"values"');
  });

  it('a question needs a journey and a score column', () => {
    const noJourney = thrown(() => plan({ layout: 'wide', questions: [{ touchpoint: 'a', emotion: 'Q1 tunne' }] }, HEADER));
    expect(noJourney.message).toBe('question 1 (a) has no journey');
    expect(noJourney.location).toEqual({ file: SOURCE });
    const noScore = thrown(() => plan({ layout: 'wide', constants: { journey: 'j' }, questions: [{ touchpoint: 'a', comment: 'Q2 kommentti' }] }, HEADER));
    expect(noScore.message).toBe('question 1 (a) names no score column');
  });
});

describe('loadMappingFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'polku-mapping-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is empty when the file does not exist', () => {
    expect(loadMappingFile(join(dir, 'none.jsonc'), SOURCE)).toEqual({});
  });

  it('reads JSON with comments and trailing commas', () => {
    const path = join(dir, 'mapping.jsonc');
    writeFileSync(path, '{\n  // Excel in Finnish\n  "delimiter": ";",\n  "columns": { "response_id": "Vastaustunnus", },\n}\n');
    const file = loadMappingFile(path, SOURCE);
    expect(file.delimiter).toBe(';');
    expect(file.columns).toEqual({ response_id: 'Vastaustunnus' });
  });

  it('reads a file saved with a byte-order mark, or in Windows-1252 (Notepad, Excel)', () => {
    const bom = join(dir, 'bom.jsonc');
    writeFileSync(bom, '\uFEFF{ "columns": { "segment": "Asiakasryhmä" } }\n');
    expect(loadMappingFile(bom, SOURCE).columns).toEqual({ segment: 'Asiakasryhmä' });
    const latin = join(dir, '1252.jsonc');
    writeFileSync(latin, Buffer.from('{ "columns": { "segment": "Asiakasryhm\xe4" } }\n', 'latin1'));
    expect(loadMappingFile(latin, SOURCE).columns).toEqual({ segment: 'Asiakasryhmä' });
  });

  it('reports a wrong value at its line and column', () => {
    const path = join(dir, 'bad.jsonc');
    writeFileSync(path, '{\n  "columns": { "nps": { "column": "x", "offset": "-4" } }\n}\n');
    const e = thrown(() => loadMappingFile(path, SOURCE));
    expect(e.message).toBe('"columns.nps": Invalid input');
    expect(e.location).toEqual({ file: SOURCE, line: 2, column: 16 });
  });

  it('refuses an engine it does not know, naming the ones it does', () => {
    const path = join(dir, 'engine.jsonc');
    writeFileSync(path, '{\n  "files": { "2026-q3": { "engine": "spark" } }\n}\n');
    const e = thrown(() => loadMappingFile(path, SOURCE));
    expect(e.message).toContain('"files.2026-q3.engine"');
    expect(e.message).toContain('"polku"');
    expect(e.message).toContain('"duckdb"');
    expect(e.location).toMatchObject({ file: SOURCE, line: 2 });
  });

  it('refuses an unknown key', () => {
    const path = join(dir, 'typo.jsonc');
    writeFileSync(path, '{\n  "column": {}\n}\n');
    const error = thrown(() => loadMappingFile(path, SOURCE));
    expect(error.message).toBe('unknown key "column"');
    expect(error.location).toMatchObject({ line: 2, column: 3 }); // the key itself, not the object around it
  });
});
