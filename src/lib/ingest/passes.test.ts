// How many times a file is read when its respondents outgrow a read's budget (IngestOptions.respondentBytes):
// the estimate of the passes must not be fooled by the order of the rows. readCsv is counted.
import { describe, expect, it, vi } from 'vitest';
import { useTempFiles } from '../../../test/temp-files.ts';
import { ingestSnapshot, stageLookup, type IngestOptions } from './ingest.ts';
import { mappingFor } from '../project/mapping.ts';
import { DEFAULT_SCALES } from '../stats/metrics.ts';
import { PolkuError } from '../common/errors.ts';

const reads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../read/read-csv.ts', async (original) => {
  const module = await original<typeof import('../read/read-csv.ts')>();
  return { ...module, readCsv: (...args: Parameters<typeof module.readCsv>) => (reads.count++, module.readCsv(...args)) };
});

const tempFile = useTempFiles('polku-passes-');
const HEADER = 'response_id,submitted_at,journey,touchpoint,channel,segment,nps,csat,ces,emotion,expectation,comment';
const touchpoints = (n: number) => Array.from({ length: n }, (_, k) => `t${k}`);

/** Reads in this thread (no worker: every read is counted), with `budget` bytes for respondents; `driverRowsApart`: no key-driver vector folded. */
async function readCounted(path: string, budget?: number, tps = touchpoints(8), driverRowsApart = false) {
  const options: IngestOptions = { path, file: 'x.csv', id: 'x', mapping: mappingFor({}, 'x', 'data/mapping.jsonc'), scales: DEFAULT_SCALES, stageOf: stageLookup(tps.map((t) => ['j1', t, 's1'])), parseInWorker: false, driverRowsApart };
  reads.count = 0;
  const ingest = await ingestSnapshot(budget === undefined ? options : { ...options, respondentBytes: budget });
  return { ingest, reads: reads.count };
}

/** Every respondent rates every touchpoint; rows sorted by touchpoint or by respondent. */
function export_(respondents: number, tps: string[], byTouchpoint: boolean): string {
  const row = (r: number, t: string) => `R${r},2.3.2026,j1,${t},web,new,${r % 11},3,4,0,0,`;
  const rows = byTouchpoint ? tps.flatMap((t) => Array.from({ length: respondents }, (_, r) => row(r, t))) : Array.from({ length: respondents }, (_, r) => tps.map((t) => row(r, t))).flat();
  return [HEADER, ...rows].join('\n') + '\n';
}

describe('reading in passes: how many reads', () => {
  it('one read where the respondents fit, however the rows are sorted', async () => {
    // 8,000 respondents need 8,000 × (12 + 12 bit sets / 8 + 10 key-driver bytes) = 188 KB of a
    // 384 KB budget. Sorted by touchpoint, all of them come in the first eighth of the file.
    for (const byTouchpoint of [false, true]) {
      const path = tempFile(`fit-${byTouchpoint}.csv`, export_(8000, touchpoints(8), byTouchpoint));
      const { ingest, reads } = await readCounted(path, 384 << 10);
      expect(reads).toBe(1);
      expect(ingest).toEqual((await readCounted(path)).ingest);
    }
  });

  it('one read where only the key drivers\' vectors would not fit: the older ones are folded as it reads', { timeout: 20_000 }, async () => {
    // 20,000 respondents grouped by respondent: 20,000 × (12 + 13 bit sets / 8) = 272 KB of index and
    // bit sets, and 10 columns of 32,768 one-byte slots = 328 KB of vectors, over a 400 KB budget
    // until all but the newest 4,160 are folded into moments (82 KB).
    const path = tempFile('grouped.csv', export_(20_000, touchpoints(8), false));
    const { ingest, reads } = await readCounted(path, 400 << 10);
    expect(reads).toBe(1);
    const whole = (await readCounted(path)).ingest;
    expect(ingest).toEqual(whole);
    expect(whole.drivers!['j1']!.touchpoints).toHaveLength(8);
    // Kept open to the end, the vectors need passes: the first read stops at the limit, two follow.
    const { ingest: open, reads: openReads } = await readCounted(path, 400 << 10, touchpoints(8), true);
    expect(openReads).toBe(3);
    expect(open).toEqual(whole);
  });

  it('rows apart after a respondent\'s vector was folded: read again, in passes, with every vector open', { timeout: 20_000 }, async () => {
    // Sorted by touchpoint: the first touchpoint's 20,000 respondents (272 KB of index and bit sets)
    // outgrow 320 KB with their vectors (98 KB), which fold; the second touchpoint's rows come back to
    // them, and the read stops there (line 20,066). Then passes with every vector open: two, stopped
    // at a quarter (the estimate takes the first touchpoint's new respondents for the rate), then five.
    const tps = touchpoints(8);
    const path = tempFile('apart.csv', export_(20_000, tps, true));
    const { ingest, reads } = await readCounted(path, 320 << 10, tps);
    expect(reads).toBe(7);
    expect(ingest).toEqual((await readCounted(path, undefined, tps)).ingest);
    expect(ingest.drivers!['j1']!.touchpoints).toEqual(tps);
  });

  it('passes count the comments\' terms as one read does', async () => {
    const tps = touchpoints(20);
    const words = ['queue', 'queues', 'waiting', 'delivery', 'damaged', 'kind', 'fast', 'staff'];
    const rows = tps.flatMap((t, k) => Array.from({ length: 2000 }, (_, r) => `R${r},2.3.2026,j1,${t},web,new,${(r + k) % 11},3,4,0,0,${words[r % 8]} ${words[(r * 3 + k) % 8]} was the thing`));
    const path = tempFile('terms.csv', [HEADER, ...rows].join('\n') + '\n');
    const { ingest, reads } = await readCounted(path, 24 << 10, tps);
    expect(reads).toBeGreaterThan(2);
    const single = (await readCounted(path, undefined, tps)).ingest;
    expect(ingest.themes).toEqual(single.themes);
    expect(ingest).toEqual(single);
    expect(single.themes!.journeys['j1']!['t0']!.high.terms.find(([term]) => term === 'queue')![1]).toBeGreaterThan(100);
  });

  it('a few passes where the respondents do not fit: 2,000 respondents × 100 touchpoints, sorted by touchpoint', { timeout: 20_000 }, async () => {
    // 2,000 × (12 + 105 bit sets / 8 + 102 key-driver bytes) = 254 KB at a budget of 200 KB: the first
    // read stops at the limit; two passes of about 130 KB follow.
    const tps = touchpoints(100);
    const path = tempFile('sorted.csv', export_(2000, tps, true));
    const { ingest, reads } = await readCounted(path, 200 << 10, tps);
    expect(reads).toBe(3);
    expect(ingest).toEqual((await readCounted(path, undefined, tps)).ingest);
  });

  it('a rejected row does not count towards the limit on channel and segment names', async () => {
    // 498 + 2 names from accepted rows; a 501st only on a duplicate rating, which is rejected.
    const rows = [HEADER, ...Array.from({ length: 498 }, (_, r) => `U${r},2.3.2026,j1,t0,c${r},new,5,3,4,0,0,`)];
    for (let r = 0; r < 20_000; r++) rows.push(`R${r},2.3.2026,j1,t0,web,new,5,3,4,0,0,`);
    rows.push('R4,2.3.2026,j1,t0,extra,new,5,3,4,0,0,');
    const path = tempFile('names.csv', rows.join('\n') + '\n');
    const whole = (await readCounted(path)).ingest;
    expect(whole.account.rejectedByReason).toEqual({ 'duplicate rating': 1 });
    expect(Object.keys(whole.journeys['j1']!.touchpoints['t0']!.channels)).toHaveLength(499);
    expect((await readCounted(path, 64 << 10)).ingest).toEqual(whole);
  });

  it('a limit reached while passes merge names no line of the file', async () => {
    // 2,100 touchpoints among 20,000 rows: the whole read stops at the 2,001st, on line 2002; each
    // pass has fewer, and the limit is reached when they merge.
    const path = tempFile('touchpoints.csv', [HEADER, ...Array.from({ length: 20_000 }, (_, r) => `R${r},2.3.2026,j1,t${r < 2100 ? r : 0},web,new,5,3,4,0,0,`)].join('\n') + '\n');
    const failure = (read: Promise<unknown>) => read.then(() => null, (e: unknown) => e as PolkuError);
    const whole = await failure(readCounted(path));
    expect(whole?.location).toEqual({ file: 'x.csv', line: 2002 });
    const inPasses = await failure(readCounted(path, 64 << 10));
    expect(inPasses).toBeInstanceOf(PolkuError);
    expect(inPasses!.message).toMatch(/^the file rates more than 2,000 different touchpoints/);
    expect(inPasses!.location).toEqual({ file: 'x.csv' });
  });
});
