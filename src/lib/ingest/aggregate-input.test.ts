// sql/aggregate.sql run by DuckDB gives, read back as an aggregate snapshot (CSV or Parquet), the same
// SnapshotIngest as Polku's own ingest of the raw file, comment samples aside: on the sample data and
// on a file with every kind of rejected row the SQL knows. So does its PostgreSQL rendering on a real
// server, on that file.
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempFiles } from '../../../test/temp-files.ts';
import { aggregateWithPostgres, postgresBinaries, startPostgres, type PostgresServer } from '../../../test/postgres-server.ts';
import { isAggregateCsv, readAggregateCsv, readAggregateParquet } from './aggregate-input.ts';
import type { PolkuError } from '../common/errors.ts';
import { loadConfig } from '../project/config.ts';
import { loadContent } from '../project/content.ts';
import { aggregateWithDuckDb } from './duckdb-aggregate.ts';
import { ingestSnapshot, type SnapshotIngest } from './ingest.ts';
import { mappingFor } from '../project/mapping.ts';
import { stageMap } from './snapshot-cache.ts';
import { addRespondent, emptyMoments, pairIndex } from '../stats/driver-moments.ts';

const PROJECT = join(import.meta.dirname, '..', '..', '..');
const config = loadConfig(PROJECT, {});
const content = loadContent(config.content, config.root);
const tempFile = useTempFiles('polku-aggregate-');

const HEADER = 'response_id,submitted_at,journey,touchpoint,channel,segment,nps,csat,ces,emotion,expectation,comment';
const MESSY = [
  HEADER,
  'A1,2026-02-01,electronics-pickup,online-ad,web,new,9,5,7,2,1,Hyvä palvelu',
  'A1,2026-02-01,electronics-pickup,online-ad,web,new,3,2,2,-2,0,second rating of the same touchpoint',
  'A2,2026-02-02T10:00:00Z, Electronics-Pickup , ONLINE-AD ,,,7,4,,"1,5",-0.5,',
  'A2,2026-02-02 10:00,electronics-pickup,web-order,app,returning,8,4,6,2.5,-2.5,',
  'A3,2026-02-31,electronics-pickup,web-order,app,returning,8,4,6,1,1,',
  'A4,,electronics-pickup,web-order,app,returning,11,4,6,1,1,',
  'A4,,electronics-pickup,web-order,app,returning,10,4,6,1,1,valid after a rejected row',
  'A5,2026-02-03,electronics-pickup,web-order,app,new,x,4,6,1,1,',
  'A6,2026-02-03,electronics-pickup,web-order,app,new,7.5,4,6,1,1,',
  ',2026-02-03,electronics-pickup,web-order,app,new,7,4,6,1,1,',
  'A7,2026-02-03,electronics-pickup,web-order,app,new,,,,,,only a comment',
  'A8,2026-02-03,,web-order,app,new,7,4,6,1,1,',
  'A9,2026-02-04,electronics-pickup,mystery-touchpoint,web,new,7,4,6,1,1,',
  'A10,2026-02-04,washing-machine,search-ad,web,business,0,1,1,-3,3,',
  'A11,2026-02-04,washing-machine,search-ad,web,business,5,6,1,-3,3,',
  'A12,2026-02-04,washing-machine,search-ad,web,business,5,3,1,−2,4,',
  'A13,2026-02-05,group-trip,booking,phone,family,10,5,7,3,2,',
  'A13,2026-02-05,group-trip,arrival,phone,family,9,,,,,',
].join('\n');

/** What an aggregate can reproduce: everything but comments (samples and themes) and how the source file looked. */
function comparable(ingest: SnapshotIngest): unknown {
  const { rowsRead, accepted, rejected, empty, ratings, rejectedByReason } = ingest.account;
  const sorted = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(sorted) : x !== null && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sorted((x as Record<string, unknown>)[k])])) : x;
  return sorted(JSON.parse(JSON.stringify({ ...ingest, comments: null, themes: undefined, account: { rowsRead, accepted, rejected, empty, ratings, rejectedByReason } })));
}

const ingestRaw = (path: string, id: string) => ingestSnapshot({ path, file: `${id}.csv`, id, mapping: mappingFor({}, id, 'mapping'), scales: config.scales, stageOf: content.stageOf });

async function both(path: string, id: string): Promise<{ raw: SnapshotIngest; csv: SnapshotIngest; parquet: SnapshotIngest; csvPath: string }> {
  const raw = await ingestRaw(path, id);
  const out = dirname(tempFile(`${id}.marker`, ''));
  const csvPath = join(out, `${id}.aggregate.csv`);
  const parquetPath = join(out, `${id}.parquet`);
  for (const output of [csvPath, parquetPath]) await aggregateWithDuckDb({ input: path, output, stages: stageMap(content), scales: config.scales, threads: 2 });
  const options = { file: `${id}.agg`, id, scales: config.scales };
  return { raw, csv: await readAggregateCsv({ ...options, path: csvPath }), parquet: await readAggregateParquet({ ...options, path: parquetPath }), csvPath };
}

describe('sql/aggregate.sql in DuckDB', () => {
  const samples = readdirSync(join(PROJECT, 'data/snapshots')).filter((f) => f.endsWith('.csv'));

  it.each(samples)('gives the aggregate Polku computes from %s', async (name) => {
    const { raw, csv, parquet } = await both(join(PROJECT, 'data/snapshots', name), name.replace(/\.csv$/, ''));
    expect(comparable(csv)).toEqual(comparable(raw));
    expect(comparable(parquet)).toEqual(comparable(raw));
    expect(csv.account.layout).toBe('aggregate');
    expect(Object.values(csv.comments).flatMap((j) => Object.values(j).flat())).toEqual([]);
  });

  it('rejects the rows Polku rejects, for the same reasons, and keeps the first of duplicate ratings', async () => {
    const { raw, csv, parquet } = await both(tempFile('messy.csv', MESSY), 'messy');
    expect(raw.account.rejectedByReason).toEqual({
      'duplicate rating': 1, 'date not understood': 1, 'nps out of range': 1, 'nps not a number': 1, 'nps not a whole number': 1,
      'response_id empty': 1, 'no score': 1, 'journey empty': 1, 'csat out of range': 1, 'expectation out of range': 1,
    });
    // Key drivers, by hand: at the pickup's defined touchpoints A1 and A4 answered NPS once (stratum 1), A2 twice (stratum 2).
    const drivers = raw.drivers!['electronics-pickup']!;
    expect(drivers.touchpoints).toEqual(['online-ad', 'web-order']);
    expect(drivers.strata[1]![pairIndex(2, 2, 3)]).toEqual({ n: 2, sumX: 19, sumY: 19, sumXX: 181, sumYY: 181, sumXY: 181 });
    expect(drivers.strata[2]![pairIndex(0, 1, 3)]).toEqual({ n: 1, sumX: 1.5, sumY: 2.5, sumXX: 2.25, sumYY: 6.25, sumXY: 3.75 });
    expect(drivers.strata[2]![pairIndex(1, 2, 3)]).toEqual({ n: 1, sumX: 2.5, sumY: 15, sumXX: 6.25, sumYY: 225, sumXY: 37.5 });
    expect(comparable(csv)).toEqual(comparable(raw));
    expect(comparable(parquet)).toEqual(comparable(raw));
  });
});

describe('sql/aggregate.sql in PostgreSQL', () => {
  let server: PostgresServer | undefined;
  beforeAll(() => {
    server = startPostgres();
  }, 60_000);
  afterAll(() => server?.stop());

  it('rejects the rows Polku rejects, for the same reasons (2026-02-31 too), and keeps the first of duplicate ratings', async () => {
    const path = tempFile('messy-postgres.csv', MESSY);
    const output = tempFile('messy-postgres.aggregate.csv', '');
    aggregateWithPostgres(server!, { input: path, output, stages: stageMap(content), scales: config.scales });
    const aggregate = await readAggregateCsv({ path: output, file: 'messy.agg', id: 'messy', scales: config.scales });
    expect(aggregate.account.rejectedByReason['date not understood']).toBe(1);
    expect(comparable(aggregate)).toEqual(comparable(await ingestRaw(path, 'messy')));
  });

  it('fails saying what to install where the server is missing, rather than being skipped', () => {
    expect(() => postgresBinaries('/nonexistent/postgresql')).toThrow("PostgreSQL's server is not installed (no /nonexistent/postgresql/<version>/bin/initdb). This test runs sql/aggregate.sql on a real server: install Debian's package with `apt-get install -y postgresql` (.ci/run does).");
    expect(postgresBinaries()).toMatch(/^\/usr\/lib\/postgresql\/\d+\/bin$/);
  });
});

describe('reading an aggregate', () => {
  const header = 'kind,journey,stage,touchpoint,channel,segment,measure,score,n,sum,sum_sq,sum_y,sum_yy,sum_xy';
  const read = (name: string, lines: string[]) => readAggregateCsv({ path: tempFile(name, [header, ...lines].join('\n')), file: name, id: 'x', scales: config.scales });

  it('is told from a raw export by its header', () => {
    const isAggregateFile = (path: string) => {
      const fd = openSync(path, 'r');
      try {
        return isAggregateCsv(fd);
      } finally {
        closeSync(fd);
      }
    };
    expect(isAggregateFile(tempFile('agg.csv', `\uFEFF${header}\r\nsnapshot,,,,,,rows_read,,0,,,,,\r\n`))).toBe(true);
    expect(isAggregateFile(tempFile('raw.csv', `${HEADER}\nA,2026-01-01,j,t,web,new,9,,,,,\n`))).toBe(false);
    expect(isAggregateFile(tempFile('longer.csv', `${header},extra\n`))).toBe(false);
  });

  it('redacts channel and segment names as the ingest does', async () => {
    const ingest = await read('names.csv', [
      'cell,j,,t,Other: matti@virtanen.fi,new,ratings,,1,,,,,', 'cell,j,,t,Other: matti@virtanen.fi,new,nps,,1,9,81,,,', 'bin,j,,t,Other: matti@virtanen.fi,new,nps,9,1,,,,,',
      'respondents,,,,,,respondents,,1,,,,,', 'respondents,j,,,,,respondents,,1,,,,,', 'respondents,j,,,Other: matti@virtanen.fi,,respondents,,1,,,,,',
    ]);
    expect(Object.keys(ingest.journeys.j!.touchpoints.t!.channels)).toEqual(['Other: [email]']);
    expect(ingest.journeys.j!.respondents.channels).toEqual({ 'Other: [email]': 1 });
    expect(JSON.stringify(ingest)).not.toContain('virtanen');
  });

  it('builds cells from their channel × segment parts', async () => {
    const ingest = await read('ok.csv', [
      'cell,j,,t,web,new,ratings,,2,,,,,', 'cell,j,,t,web,new,nps,,2,19,181,,,', 'bin,j,,t,web,new,nps,9,1,,,,,', 'bin,j,,t,web,new,nps,10,1,,,,,',
      'cell,j,,t,app,new,ratings,,1,,,,,', 'cell,j,,t,app,new,nps,,1,0,0,,,', 'bin,j,,t,app,new,nps,0,1,,,,,',
      'respondents,,,,,,respondents,,3,,,,,', 'respondents,j,,,,,respondents,,3,,,,,', 'snapshot,,,,,,first_day,,20454,,,,,', 'snapshot,,,,,,last_day,,20460,,,,,',
    ]);
    const cells = ingest.journeys.j!.touchpoints.t!;
    expect(cells.all.ratings).toBe(3);
    expect(cells.all.scores.nps.bins).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    expect(cells.channels.web!.respondents).toBe(2);
    expect(cells.segments.new!.scores.nps.sum).toBe(19);
    expect(ingest.period).toEqual({ first: 20454, last: 20460 });
    expect(ingest.account).toMatchObject({ rowsRead: 3, accepted: 3, rejected: 0, ratings: 3 });
  });

  it('counts empty responses apart: rows read = accepted + rejected + empty', async () => {
    const counts = ['cell,j,,t,web,new,ratings,,1,,,,,', 'cell,j,,t,web,new,nps,,1,9,81,,,', 'bin,j,,t,web,new,nps,9,1,,,,,', 'respondents,,,,,,respondents,,1,,,,,', 'respondents,j,,,,,respondents,,1,,,,,'];
    const ingest = await read('empty.csv', [...counts, 'snapshot,,,,,,rows_read,,4,,,,,', 'snapshot,,,,,,accepted,,1,,,,,', 'snapshot,,,,,,empty,,2,,,,,', 'rejected,,,,,,no score,,1,,,,,']);
    expect(ingest.account).toMatchObject({ rowsRead: 4, accepted: 1, rejected: 1, empty: 2, rejectedByReason: { 'no score': 1 } });
    await expect(read('uncounted.csv', [...counts, 'snapshot,,,,,,rows_read,,4,,,,,', 'snapshot,,,,,,accepted,,1,,,,,', 'rejected,,,,,,no score,,1,,,,,'])).rejects.toThrow('rows_read 4 is not accepted 1 + rejected 1 + empty 0');
  });

  it.each([
    ['bins that do not add up', ['cell,j,,t,web,new,ratings,,2,,,,,', 'cell,j,,t,web,new,nps,,2,19,181,,,', 'bin,j,,t,web,new,nps,9,1,,,,,'], 'nps has 2 answers but its bins count 1'],
    ['a score outside the scale', ['cell,j,,t,web,new,ratings,,1,,,,,', 'bin,j,,t,web,new,csat,7,1,,,,,'], 'outside the scale 1 to 5'],
    ['an unknown kind', ['total,j,,t,web,new,ratings,,1,,,,,'], 'unknown kind "total"'],
    ['a count that is not whole', ['cell,j,,t,web,new,ratings,,1.5,,,,,'], 'is not a count'],
    ['a driver row without a journey', ['driver,,,a,,,a,1,1,1,1,1,1,1'], 'a driver row needs a journey'],
    ['a driver stratum that is not a count', ['driver,j,,a,,,a,1.5,1,1,1,1,1,1'], 'score: "1.5" is not a count'],
    ['an outcome in stratum 0 (no NPS answer)', ['driver,j,,a,,,,0,1,1,1,9,81,9'], 'has no outcome'],
  ])('refuses %s, naming the line', async (_what, lines, message) => {
    const error = await read('bad.csv', lines).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(message);
  });

  it('reads driver rows into the moments the ingest gives, a pair the engine ordered otherwise turned round', async () => {
    // Two respondents who each answered NPS once: emotion at a and b, then NPS: (1, 2, 9) and (0, 1, 7).
    const ingest = await read('drivers.csv', [
      'respondents,j,,,,,respondents,,2,,,,,', 'respondents,k,,,,,respondents,,1,,,,,',
      'driver,j,,a,,,a,1,2,1,1,1,1,1', 'driver,j,,b,,,a,1,2,3,5,1,1,2', 'driver,j,,b,,,b,1,2,3,5,3,5,5',
      'driver,j,,a,,,,1,2,1,1,16,130,9', 'driver,j,,b,,,,1,2,3,5,16,130,25', 'driver,j,,,,,,1,2,16,130,16,130,130',
    ]);
    // The second path: the same respondents added one by one, as the ingest adds them.
    const expected = emptyMoments({ outcome: { kind: 'mean-nps', metric: 'nps' }, predictor: 'emotion' }, ['a', 'b']);
    addRespondent(expected, [1, 2, 9], 1);
    addRespondent(expected, [0, 1, 7], 1);
    expect(ingest.drivers!.j).toEqual(expected);
    expect(ingest.drivers!.j!.strata[1]![pairIndex(0, 1, 3)]).toEqual({ n: 2, sumX: 1, sumXX: 1, sumY: 3, sumYY: 5, sumXY: 2 });
    // A journey with respondents and no driver rows has empty moments, as in the ingest.
    expect(ingest.drivers!.k).toEqual({ outcome: { kind: 'mean-nps', metric: 'nps' }, predictor: 'emotion', touchpoints: [], strata: {} });
  });

  it('refuses other columns', async () => {
    const path = tempFile('columns.csv', 'kind,journey\ncell,j\n');
    await expect(readAggregateCsv({ path, file: 'columns.csv', id: 'x', scales: config.scales })).rejects.toThrow('an aggregate needs the columns');
  });

  it('refuses a header of 200,000 columns in a message under 2 KB', async () => {
    const path = tempFile('wide.csv', `kind,journey,${Array.from({ length: 200_000 }, (_, i) => `c${i}`).join(',')}\ncell,j\n`);
    const error = (await readAggregateCsv({ path, file: 'wide.csv', id: 'x', scales: config.scales }).catch((e: unknown) => e)) as PolkuError;
    expect(error.message).toMatch(/^an aggregate needs the columns kind, journey, .*; this one has "kind", "journey", "c0", .* "c17" … and 199,982 more$/);
    expect(error.format().length).toBeLessThan(2048);
  });

  it.each([
    ['cut short (a copy that stopped halfway)', (good: Buffer) => good.subarray(0, good.length >> 1), "No magic bytes found at end of file 'data/snapshots/2026-q3.parquet'"],
    ['a CSV renamed .parquet', () => Buffer.from('kind,journey\ncell,j\n'), "No magic bytes found at end of file 'data/snapshots/2026-q3.parquet'"],
    ['garbage in the middle', (good: Buffer) => Buffer.from(good).fill(0x41, 100, 400), 'DuckDB says: '],
  ])('a broken Parquet file, %s: named as in the project, what was expected and how to fix it, then DuckDB briefly', async (_what, damage, says) => {
    const good = tempFile('good.parquet', '');
    await aggregateWithDuckDb({ input: tempFile('export.csv', MESSY), output: good, stages: stageMap(content), scales: config.scales, threads: 1 });
    const path = tempFile('broken.parquet', damage(readFileSync(good)));
    const error = (await readAggregateParquet({ path, file: 'data/snapshots/2026-q3.parquet', id: '2026-q3', scales: config.scales }).catch((e: unknown) => e)) as PolkuError;
    expect(error.constructor.name).toBe('PolkuError');
    expect(error.location).toEqual({ file: 'data/snapshots/2026-q3.parquet' });
    expect(error.message).toMatch(/^not a Parquet aggregate that can be read: expected a Parquet file written by `npm run aggregate` \(sql\/aggregate\.sql\), with the columns kind, journey, stage, .*, sum_xy\. DuckDB says: .+$/);
    expect(error.message).toContain(says);
    expect(error.message).not.toContain(dirname(path));
    expect(error.message).not.toContain('\n');
    expect(error.hint).toBe(`write it again: npm run aggregate -- <export.csv> data/snapshots/2026-q3.parquet (or export the SQL's result as Parquet again). A copy that stopped halfway leaves a file cut short; a CSV renamed .parquet is not Parquet. See "Aggregates as input" in README.md.`);
  });

  it('holds no comment text: the SQL only counts comments', async () => {
    const { csvPath } = await both(tempFile('comments.csv', MESSY), 'comments');
    const text = readFileSync(csvPath, 'utf8');
    expect(text).not.toContain('Hyvä');
    expect(text).toContain('cell,electronics-pickup,,online-ad,web,new,comments,,1,');
  });
});
