// The "duckdb" engine reads an export as Polku's reader does, as far as the SQL can: the same figures
// and the same account (rows read, accepted, rejected by reason, empty, ratings, unmapped columns,
// delimiter, hash), on a Finnish Excel-style export; it refuses what the SQL does not apply, naming
// the setting and the feature; and inside the build it goes through the snapshot cache.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolkuError } from '../common/errors.ts';
import { loadConfig } from '../project/config.ts';
import { loadContent } from '../project/content.ts';
import { mappingFor, type MappingFile } from '../project/mapping.ts';
import { builtInRedactor } from '../privacy/redact.ts';
import { checkDuckDbMapping, ingestWithDuckDb, unsupportedByDuckDb } from './duckdb-ingest.ts';
import { ingestSnapshot, type SnapshotIngest } from './ingest.ts';
import { withOpenFile } from './open-file.ts';
import { ingestAll, readSnapshots } from './read-snapshots.ts';
import { stageMap } from './snapshot-cache.ts';
import { listSnapshotFiles } from './snapshot-files.ts';

const PROJECT = join(import.meta.dirname, '..', '..', '..');
const config = loadConfig(PROJECT, {});
const content = loadContent(config.content, config.root);
const SOURCE = 'data/mapping.jsonc';

// Excel in Finnish, saved as CSV UTF-8: a byte-order mark, semicolons, decimal commas, CRLF, a
// column the mapping does not name (the handler's name), and rows of every fate.
const HEADER = 'response_id;submitted_at;journey;touchpoint;channel;segment;nps;csat;ces;emotion;expectation;comment;Käsittelijä';
const EXPORT = '\uFEFF' + [
  HEADER,
  'V1;2026-03-02;electronics-pickup;online-ad;verkko;uusi;9;5;7;2,5;1;Hyvä palvelu;Matti', // accepted
  'V1;2026-03-02;electronics-pickup;online-ad;verkko;uusi;3;2;2;-2;0;toinen arvio;Matti', // duplicate rating
  'V2;2026-03-03;electronics-pickup;web-order;sovellus;kanta;8;4;6;1,5;-0,5;;', // accepted
  'V3;2026-03-03;electronics-pickup;web-order;sovellus;kanta;11;4;6;1;1;;', // nps out of range
  'V4;2026-03-04;electronics-pickup;web-order;;;;;;;;;', // empty response
  ';;electronics-pickup;web-order;;;;;;;;;', // empty response, no id
  'V5;2026-03-04;electronics-pickup;web-order;;;7;;;;;"Jono oli pitkä; odotin 20 min";', // accepted, channel and segment unknown
  'V6;2026-03-05;electronics-pickup;web-order;puhelin;uusi;;;;;;pelkkä kommentti;', // no score
  'V7;2026-03-05;;web-order;puhelin;uusi;6;3;4;0;0;;', // journey empty
].join('\r\n') + '\r\n';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'polku-duckdb-ingest-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const polkuRead = (path: string, id: string) => ingestSnapshot({ path, file: `${id}.csv`, id, mapping: mappingFor({}, id, SOURCE), scales: config.scales, stageOf: content.stageOf });
const duckDbRead = (path: string, id: string, file: MappingFile = { engine: 'duckdb' }) =>
  withOpenFile(path, (fd) => ingestWithDuckDb({ path, fd, file: `${id}.csv`, id, mapping: mappingFor(file, id, SOURCE), scales: config.scales, stages: stageMap(content), redact: builtInRedactor() }));

async function refusal(run: () => unknown): Promise<PolkuError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof PolkuError) return error;
    throw error;
  }
  throw new Error('expected a PolkuError');
}

/** Everything but comment samples, and the account's fields that the SQL cannot give. */
function figures(ingest: SnapshotIngest): unknown {
  return JSON.parse(JSON.stringify({ ...ingest, comments: null, themes: undefined, account: null }));
}

describe('reading an export with DuckDB', () => {
  it('gives the account and figures of Polku\'s reader on a Finnish Excel export', async () => {
    const path = write('fi.csv', EXPORT);
    const polku = await polkuRead(path, 'fi');
    const duckdb = await duckDbRead(path, 'fi');
    // Counted by hand from the rows above.
    expect(duckdb.account).toMatchObject({
      file: 'fi.csv', layout: 'long', encoding: 'utf-8', delimiter: ';', engine: 'duckdb',
      rowsRead: 9, accepted: 3, rejected: 4, empty: 2, ratings: 3,
      rejectedByReason: { 'duplicate rating': 1, 'nps out of range': 1, 'no score': 1, 'journey empty': 1 },
      unmapped: [{ column: 'Käsittelijä', suggestion: null }], unmappedCount: 1,
      linesByReason: {}, rejections: [],
    });
    for (const key of ['sha256', 'bytes', 'rowsRead', 'accepted', 'rejected', 'empty', 'ratings', 'rejectedByReason', 'unmapped', 'unmappedCount', 'delimiter', 'encoding', 'layout'] as const) {
      expect(duckdb.account[key], key).toEqual(polku.account[key]);
    }
    expect(figures(duckdb)).toEqual(figures(polku));
    expect(duckdb.journeys['electronics-pickup']!.touchpoints['online-ad']!.all.scores.emotion.sum).toBe(2.5); // a decimal comma
    expect(Object.values(duckdb.comments).flatMap((j) => Object.values(j).flat())).toEqual([]);
  });

  it('refuses a header without the canonical columns, or with a score the SQL leaves out, naming the setting', async () => {
    const noExpectation = write('no-exp.csv', 'response_id,submitted_at,journey,touchpoint,channel,segment,nps,csat,ces,emotion,comment\nA,2026-01-01,j,t,,,9,,,,\n');
    const e = await refusal(() => duckDbRead(noExpectation, 'no-exp'));
    expect(e.message).toBe('"engine": "duckdb" reads the columns response_id, submitted_at, journey, touchpoint, channel, segment, nps, csat, ces, emotion, expectation, comment by these names; this file has no "expectation"');
    expect(e.location).toEqual({ file: 'no-exp.csv', line: 1 });
    expect(e.hint).toContain('remove "engine": "duckdb"');
    const rating = write('rating.csv', 'response_id,submitted_at,journey,touchpoint,channel,segment,nps,csat,ces,emotion,expectation,comment,rating\nA,2026-01-01,j,t,,,9,,,,,,4\n');
    expect((await refusal(() => duckDbRead(rating, 'rating'))).message).toBe('"engine": "duckdb" reads nps, csat, ces, emotion and expectation; this file also has "rating"');
  });

  it('refuses a UTF-16 export before DuckDB reads it', async () => {
    const path = write('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(EXPORT.slice(1), 'utf16le')]));
    expect((await refusal(() => duckDbRead(path, 'utf16'))).message).toBe('the file is utf-16le; "engine": "duckdb" reads UTF-8');
  });
});

describe('what the DuckDB engine refuses', () => {
  it('names each mapping feature that sql/aggregate.sql does not apply', () => {
    const features = (file: MappingFile, periods = false) => unsupportedByDuckDb(mappingFor({ engine: 'duckdb', ...file }, 's', SOURCE), periods);
    expect(features({})).toEqual([]);
    expect(features({ columns: { nps: 'NPS', comment: 'comment' }, dateFormat: 'yyyy-mm-dd HH:mm', encoding: 'utf-8', delimiter: ';' })).toEqual([]);
    expect(features({ layout: 'wide', questions: [{ touchpoint: 't', nps: 'Q1' }], constants: { journey: 'j' } })).toEqual([
      '"layout": "wide" (the SQL reads the long layout, a row per rating)',
      '"constants"',
    ]);
    expect(features({ encoding: 'windows-1252', dateFormat: 'd.m.yyyy', blankResponseId: 'own-respondent', headerRows: 3 })).toEqual([
      '"encoding": "windows-1252" (DuckDB reads UTF-8)',
      '"dateFormat": "d.m.yyyy" (the SQL reads ISO dates, 2026-03-31)',
      '"blankResponseId": "own-respondent"',
      '"headerRows": 3',
    ]);
    expect(features({ columns: { response_id: 'Vastaustunnus', csat: { column: 'csat', values: { Hyvä: 4 } }, choices: [{ id: 'pace', column: 'Pace', options: ['a', 'b'] }] } })).toEqual([
      '"columns" "response_id", "csat", "choices" (the SQL reads the columns by their canonical names, without value tables, offsets or single-choice items)',
    ]);
    expect(features({ notApplicable: ['EOS'], answerScales: { agree5: { values: { Samaa: 4 } } }, commentPlaceholders: ['^-$'], minCommentChars: 3 })).toEqual([
      '"notApplicable"', '"answerScales"', '"commentPlaceholders" (the SQL counts every comment)', '"minCommentChars" (the SQL counts every comment)',
    ]);
    expect(features({}, true)).toEqual(['"periods" in polku.config.jsonc (a snapshot read by DuckDB is not cut into periods)']);
  });

  it('refuses in one message naming the setting, the snapshot and the mapping file, with how to fix it', () => {
    const mapping = mappingFor({ files: { '2026-q3': { engine: 'duckdb', encoding: 'windows-1252', minCommentChars: 5 } } }, '2026-q3', SOURCE);
    const e = (() => {
      try {
        checkDuckDbMapping(mapping, '2026-q3', false);
      } catch (error) {
        return error as PolkuError;
      }
      throw new Error('expected a PolkuError');
    })();
    expect(e).toBeInstanceOf(PolkuError);
    expect(e.message).toBe('"engine": "duckdb" (snapshot 2026-q3) cannot apply "encoding": "windows-1252" (DuckDB reads UTF-8); "minCommentChars" (the SQL counts every comment)');
    expect(e.location).toEqual({ file: SOURCE });
    expect(e.hint).toMatch(/^remove "engine": "duckdb" for this snapshot/);
  });
});

describe('the DuckDB engine in a build\'s read', () => {
  function project(mapping: MappingFile, settings: object = {}): { root: string; cache: string } {
    const root = mkdtempSync(join(dir, 'project-'));
    mkdirSync(join(root, 'data/snapshots'), { recursive: true });
    writeFileSync(join(root, 'data/snapshots/2026-q1.csv'), EXPORT);
    writeFileSync(join(root, 'data/mapping.jsonc'), JSON.stringify(mapping));
    writeFileSync(join(root, 'polku.config.jsonc'), JSON.stringify({ content: join(PROJECT, 'content'), ...settings }));
    return { root, cache: join(root, 'cache') };
  }

  it('reads the snapshot with DuckDB once, then from the snapshot cache', async () => {
    const { root, cache } = project({ files: { '2026-q1': { engine: 'duckdb' } } });
    const cfg = loadConfig(root, {});
    const files = listSnapshotFiles(cfg.snapshots, cfg.root);
    const read = async () => {
      const from: string[] = [];
      const [ingest] = await readSnapshots(files, cfg, content, { cacheDir: cache, workers: false, onSnapshot: (e) => from.push(e.from) });
      return { ingest: ingest!, from };
    };
    const first = await read();
    expect(first.from).toEqual(['file']);
    expect(first.ingest.account.engine).toBe('duckdb');
    const second = await read();
    expect(second.from).toEqual(['cache']);
    expect(second.ingest.account).toEqual(first.ingest.account);
    expect(figures(second.ingest)).toEqual(figures(first.ingest));
  });

  it('reads the file again when the engine changes: an entry of one engine is not taken for the other', async () => {
    const { root, cache } = project({});
    const read = async () => {
      const cfg = loadConfig(root, {});
      const from: string[] = [];
      const [ingest] = await readSnapshots(listSnapshotFiles(cfg.snapshots, cfg.root), cfg, content, { cacheDir: cache, workers: false, onSnapshot: (e) => from.push(e.from) });
      return { engine: ingest!.account.engine, from };
    };
    expect(await read()).toEqual({ engine: undefined, from: ['file'] });
    writeFileSync(join(root, 'data/mapping.jsonc'), JSON.stringify({ engine: 'duckdb' }));
    expect(await read()).toEqual({ engine: 'duckdb', from: ['file'] });
    expect(await read()).toEqual({ engine: 'duckdb', from: ['cache'] });
  });

  it('refuses periods before cutting the export, and a mapping feature before reading it', async () => {
    const periods = project({ engine: 'duckdb' }, { periods: 'quarter' });
    // Without dates the cut itself would stop the build: the refusal comes before it.
    writeFileSync(join(periods.root, 'data/snapshots/2026-q1.csv'), EXPORT.replaceAll(/;2026-03-0\d;/g, ';;'));
    const cfg = loadConfig(periods.root, {});
    expect((await refusal(() => ingestAll(cfg, content, { workers: false }))).message).toBe('"engine": "duckdb" (snapshot 2026-q1) cannot apply "periods" in polku.config.jsonc (a snapshot read by DuckDB is not cut into periods)');
    const wide = project({ engine: 'duckdb', commentPlaceholders: ['^-$'] });
    const wideCfg = loadConfig(wide.root, {});
    expect((await refusal(() => ingestAll(wideCfg, content, { workers: false }))).message).toBe('"engine": "duckdb" (snapshot 2026-q1) cannot apply "commentPlaceholders" (the SQL counts every comment)');
  });
});
