// A file read in two halves side by side (ingestInHalves) gives exactly the ingest of a read from
// start to end; where it cannot know that it would, it declines and the whole file is read.
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../../../test/temp-files.ts';
import type { PolkuError } from '../common/errors.ts';
import { ingestSnapshot, stageLookup, type IngestOptions, type SharedOptions } from './ingest.ts';
import { ingestInHalves } from './halves.ts';
import { mappingFor, type MappingFile } from '../project/mapping.ts';
import { DEFAULT_SCALES } from '../stats/metrics.ts';
import { createRedactor } from '../privacy/redact.ts';
import { fingerprint, scramble, TooManyRespondents } from './respondent-index.ts';

const tempFile = useTempFiles('polku-halves-');
const HEADER = 'response_id,submitted_at,journey,touchpoint,channel,segment,nps,csat,ces,emotion,expectation,comment';
const TOUCHPOINTS = ['ad', 'order', 'pickup', 'queue', 'desk', 'home', 'install', 'support'];
const shared: SharedOptions = {
  // "support" has no stage: rated, but counted among no journey's respondents.
  stages: TOUCHPOINTS.filter((t) => t !== 'support').map((t, i) => ['j1', t, `s${i % 3}`]),
  redaction: { names: ['Matti Virtanen'] },
};

function options(path: string, mapping: MappingFile = {}): IngestOptions {
  return { path, file: 'x.csv', id: 'x', mapping: mappingFor(mapping, 'x', 'data/mapping.jsonc'), scales: DEFAULT_SCALES, stageOf: stageLookup(shared.stages), redact: createRedactor(shared.redaction), shared };
}

/** The ingest of a read from start to end, and of a read in halves (null where it declined). */
async function bothWays(path: string, mapping?: MappingFile) {
  const whole = await ingestSnapshot({ ...options(path, mapping), parseInWorker: false });
  const halves = await ingestInHalves({ ...options(path, mapping), parseInWorker: true }, shared, statSync(path).size);
  return { whole, halves };
}

/**
 * Respondents of 1–8 ratings in a row, some over the middle; channels, segments, dates, comments with
 * quotes, names and line breaks; and rejections in both halves: a score out of range, a date, a
 * duplicate rating, a row of too many fields.
 */
function export_(respondents: number, row: (r: number, k: number) => string | null = () => null, eol = '\n'): string {
  const lines = [HEADER];
  for (let r = 0; r < respondents; r++) {
    for (let k = 0; k <= r % 8; k++) {
      const special = row(r, k);
      if (special !== null) {
        lines.push(special);
        continue;
      }
      const nps = (r * 7 + k * 3) % 11;
      const comment = r % 5 === 0 ? `"Hyvä ""palvelu"", kiitos Matti Virtanen${r % 10 === 0 ? '\nja rivinvaihto' : ''}"` : '';
      const date = r % 97 === 0 ? 'eilen' : `${(r % 28) + 1}.3.2026`;
      lines.push(`R${r},${date},j1,${TOUCHPOINTS[k]},${['web', 'app', 'store'][r % 3]},${['new', 'returning'][k % 2]},${r % 211 === 0 ? 12 : nps},${(r % 5) + 1},${(k % 7) + 1},${(r % 7) - 3},${(k % 7) - 3},${comment}`);
      if (r % 301 === 0 && k === 0) lines.push(`R${r},1.3.2026,j1,${TOUCHPOINTS[k]},web,new,5,3,4,0,0,a second rating`);
      if (r % 401 === 0 && k === 0) lines.push(`R${r}x,1.3.2026,j1,ad,web,new,5,3,4,0,0,too,many,fields`);
    }
  }
  return lines.join(eol) + eol;
}

describe('ingestInHalves', () => {
  it('counts every comment\'s terms, after redaction, as a read from start to end does', async () => {
    const words = ['jono', 'jonossa', 'jonotin', 'tilaus', 'valmis', 'nopea', 'ystävällinen', 'myyjä', 'odotin', 'kiitos', 'rikki', 'paketti'];
    const line = (r: number, k: number) => `R${r},2.3.2026,j1,${TOUCHPOINTS[k]},web,new,${(r + k) % 11},3,4,0,0,${words[r % 12]} ${words[(r * 7 + k) % 12]} ja Matti Virtanen`;
    const { whole, halves } = await bothWays(tempFile('terms.csv', export_(5000, (r, k) => (r % 3 === 0 ? null : line(r, k)))));
    expect(halves).not.toBeNull();
    expect(halves!.themes).toEqual(whole.themes);
    expect(halves).toEqual(whole);
    const order = whole.themes!.journeys['j1']!['order']!;
    expect(whole.themes!.basis).toEqual({ kind: 'nps' });
    expect(order.low.comments).toBeGreaterThan(500);
    // "jono", "jonossa" and "jonotin" are one term; the name is redacted before it is counted.
    expect(order.low.terms.find(([term]) => term === 'jono')![2].map(([form]) => form).sort()).toEqual(['jono', 'jonossa', 'jonotin']);
    expect(JSON.stringify(whole.themes)).not.toMatch(/matti|virtan/i);
  });

  it('gives the ingest of a read from start to end: counts, rejections and their lines, respondents, comments', async () => {
    const path = tempFile('long.csv', export_(5000));
    const { whole, halves } = await bothWays(path);
    expect(halves).not.toBeNull();
    expect(halves).toEqual(whole);
    // The rejections of the second half have their lines in the file, after the first half's.
    const a = whole.account;
    expect(a.rejected).toBeGreaterThan(20);
    expect(a.rejections.map((r) => r.line)).toEqual([...a.rejections.map((r) => r.line)].sort((x, y) => x - y));
    expect(Object.keys(a.rejectedByReason).sort()).toEqual(['date not understood', 'duplicate rating', 'nps out of range', 'wrong number of fields']);
    expect(whole.respondents).toBeGreaterThan(1900);
    // Key drivers: the mean of each respondent's NPS answers, explained by emotion at the 7 touchpoints with a stage.
    const drivers = whole.drivers!['j1']!;
    expect([drivers.outcome, drivers.predictor, drivers.touchpoints]).toEqual([{ kind: 'mean-nps', metric: 'nps' }, 'emotion', ['ad', 'desk', 'home', 'install', 'order', 'pickup', 'queue']]);
  });

  it('with CRLF line ends, and in Windows-1252 when the mapping says so', async () => {
    const crlf = await bothWays(tempFile('crlf.csv', export_(5000, undefined, '\r\n')));
    expect(crlf.halves).not.toBeNull();
    expect(crlf.halves).toEqual(crlf.whole);
    const text = export_(5000).replaceAll('Hyvä', 'Hyvä äö');
    const cp1252 = await bothWays(tempFile('cp1252.csv', Buffer.from(text, 'latin1')), { encoding: 'windows-1252' });
    expect(cp1252.halves).not.toBeNull();
    expect(cp1252.halves).toEqual(cp1252.whole);
    expect(cp1252.whole.comments['j1']!['ad']!.some((c) => c.text.includes('äö'))).toBe(true);
  });

  it('an Excel export in Finnish: a "sep=;" line, semicolons, CRLF', async () => {
    const text = `sep=;\r\n${export_(5000, undefined, '\r\n').replaceAll(',', ';')}`;
    const { whole, halves } = await bothWays(tempFile('excel.csv', Buffer.from(text, 'latin1')), { encoding: 'windows-1252' });
    expect(halves).not.toBeNull();
    expect(halves).toEqual(whole);
    expect(whole.account.delimiter).toBe(';');
  });

  it('declines a respondent who rated a touchpoint in both halves: the second rating is a duplicate', async () => {
    const path = tempFile('duplicate.csv', export_(5000, (r, k) => (r === 4900 && k === 0 ? 'R1,1.3.2026,j1,ad,web,new,5,3,4,0,0,' : null)));
    const { whole, halves } = await bothWays(path);
    expect(halves).toBeNull();
    expect(whole.account.rejections.some((r) => r.reason.includes('"R1" already rated touchpoint "ad"'))).toBe(true);
    expect(await ingestSnapshot({ ...options(path), parseInWorker: true })).toEqual(whole);
  });

  it('cuts at a line that reads as a record, not inside a comment over many lines', async () => {
    const rows = (from: number) => Array.from({ length: 15_000 }, (_, i) => `R${from + i},1.3.2026,j1,ad,web,new,5,3,4,0,0,\n`).join('');
    const { whole, halves } = await bothWays(tempFile('multiline.csv', `${HEADER}\n${rows(0)}R1,1.3.2026,j1,order,web,new,5,3,4,0,0,"${'a long comment\n'.repeat(6000)}"\n${rows(15_000)}`));
    expect(halves).not.toBeNull();
    expect(halves).toEqual(whole);
  });

  it('declines fractional scores: their sums would differ in the last bits', async () => {
    const path = tempFile('fractional.csv', export_(5000, (r, k) => (r === 4000 && k === 0 ? 'R4000,1.3.2026,j1,ad,web,new,5,3,4,0.1,0.7,' : null)));
    const { whole, halves } = await bothWays(path);
    expect(halves).toBeNull();
    expect(await ingestSnapshot({ ...options(path), parseInWorker: true })).toEqual(whole);
  });

  it('declines a cut inside a quoted field, and the whole read says what is wrong', async () => {
    // Lines in a comment that read as records: the cut lands there, and the first half ends inside the quotes.
    const rows = (from: number) => Array.from({ length: 15_000 }, (_, i) => `R${from + i},1.3.2026,j1,ad,web,new,5,3,4,0,0,\n`).join('');
    const path = tempFile('record-like.csv', `${HEADER}\n${rows(0)}R1,1.3.2026,j1,order,web,new,5,3,4,0,0,"${'a,b,c,d,e,f,g,h,i,j,k,l\n'.repeat(4000)}"\n${rows(15_000)}`);
    expect(await ingestInHalves({ ...options(path), parseInWorker: true }, shared, statSync(path).size)).toBeNull();
    const failure = (read: Promise<unknown>) => read.then(() => 'read', (e: Error) => e.message);
    const whole = await failure(ingestSnapshot({ ...options(path), parseInWorker: false }));
    expect(whole).toContain('a record starts on line 15002 and runs over 4001 lines');
    expect(await failure(ingestSnapshot({ ...options(path), parseInWorker: true }))).toBe(whole);
  });

  it('reads a wide export in halves, and declines one without respondent ids (each row is a respondent named by its line)', async () => {
    // The first half answers one question, the second the other: a row of each half shares its line number in that half, not a touchpoint.
    const rows = Array.from({ length: 40_000 }, (_, r) => `R${r},${(r % 28) + 1}.3.2026,${r < 20_000 ? r % 11 : ''},${r < 20_000 ? '' : (r % 7) - 3},"kiitos, ${r}"`);
    const text = `id,date,ad nps,pickup emotion,comment\n${rows.join('\n')}\n`;
    const wide = (ids: boolean): MappingFile => ({
      layout: 'wide',
      columns: { ...(ids ? { response_id: 'id' } : {}), submitted_at: 'date' },
      constants: { journey: 'j1' },
      questions: [{ touchpoint: 'ad', nps: 'ad nps', comment: 'comment' }, { touchpoint: 'pickup', emotion: 'pickup emotion' }],
    });
    const path = tempFile('wide.csv', text);
    const withIds = await bothWays(path, wide(true));
    expect(withIds.halves).not.toBeNull();
    expect(withIds.halves).toEqual(withIds.whole);
    const { whole, halves } = await bothWays(path, wide(false));
    expect(halves).toBeNull();
    expect(whole.respondents).toBe(40_000);
    expect(await ingestSnapshot({ ...options(path, wide(false)), parseInWorker: true })).toEqual(whole);
  });

  it('declines a file that is not UTF-8 when the mapping says "auto": the whole read decides the encoding', async () => {
    const path = tempFile('auto-1252.csv', Buffer.from(export_(5000).replaceAll('Hyvä', 'Hyvä äö'), 'latin1'));
    const { whole, halves } = await bothWays(path);
    expect(halves).toBeNull();
    expect(whole.account.encoding).toBe('windows-1252');
    expect(await ingestSnapshot({ ...options(path), parseInWorker: true })).toEqual(whole);
  });

  it('stops a file in two encodings whose second half has the other one, read in halves or whole', async () => {
    const lines = export_(5000).split('\n');
    const late = lines.length - 10; // in the second half
    const expected = `R${lines[late]!.slice(1).split(',')[0]},1.3.2026,j1,ad,web,new,`;
    lines[late] = expected + '5,3,4,0,0,hyvästä';
    // UTF-8 comments ("Hyvä") in the first half, a Windows-1252 ä in the second.
    const utf8First = Buffer.concat([Buffer.from(lines.slice(0, late).join('\n') + '\n', 'utf8'), Buffer.from(lines.slice(late).join('\n'), 'latin1')]);
    // Windows-1252 comments in the first half, a UTF-8 ä in the second.
    const cp1252First = Buffer.concat([Buffer.from(lines.slice(0, late).join('\n') + '\n', 'latin1'), Buffer.from(lines.slice(late).join('\n'), 'utf8')]);
    for (const [name, bytes, kind] of [['utf8-first.csv', utf8First, 'it has UTF-8 text'], ['1252-first.csv', cp1252First, 'it reads as Windows-1252']] as const) {
      const path = tempFile(name, bytes);
      expect(statSync(path).size).toBeGreaterThan(2 * (512 << 10));
      for (const parseInWorker of [true, false]) {
        const error: PolkuError = await ingestSnapshot({ ...options(path), parseInWorker }).then(() => expect.fail('read'), (e: PolkuError) => e);
        expect(error.message).toContain(`the file mixes two encodings: ${kind}`);
        expect(error.location).toEqual({ file: 'x.csv', line: late + 1, column: expected.length + '5,3,4,0,0,hyv'.length + 1 });
      }
    }
  });
});

// Inputs a review found where the halves once differed from a whole read (an ingest or an error).
describe('ingestSnapshot in halves or whole: the same outcome', () => {
  const row = (id: string, tp = 'ad', comment = '') => `${id},1.3.2026,j1,${tp},web,new,5,3,4,0,0,${comment}`;
  const outcome = (read: Promise<unknown>) => read.then((v) => JSON.stringify(v), (e: Error) => `error: ${e.message}`);
  // Passes may list journeys, touchpoints and groups in another order: the same ingest, compared as values.
  const sameAs = (passes: string, whole: string) => (whole.startsWith('{') ? expect(JSON.parse(passes)).toEqual(JSON.parse(whole)) : expect(passes).toBe(whole));
  let files = 0;
  async function threeWays(text: string, mapping?: MappingFile) {
    const path = tempFile(`review-${files++}.csv`, text);
    return {
      whole: await outcome(ingestSnapshot({ ...options(path, mapping), parseInWorker: false })),
      halves: await outcome(ingestInHalves({ ...options(path, mapping), parseInWorker: true }, shared, statSync(path).size)),
      inHalvesOrWhole: await outcome(ingestSnapshot({ ...options(path, mapping), parseInWorker: true })),
      // Passes, with a budget of about 20,000 respondents.
      inPasses: await outcome(ingestSnapshot({ ...options(path, mapping), parseInWorker: false, respondentBytes: 256 << 10 })),
    };
  }

  it('declines a record over 256 KiB: whether a whole read finds one over 1 MiB unclosed depends on where its chunks fall', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 15_000; i++) lines.push(row(`A${i}`, 'order', 'x'.repeat(50)));
    lines.push(row('LONG', 'ad', `"${'y'.repeat((1 << 20) + 20_000)}"`), ...Array.from({ length: 10 }, (_, k) => row(`C${k}`)));
    const r = await threeWays(lines.join('\n') + '\n');
    expect(r.halves).toBe('null');
    expect(r.inHalvesOrWhole).toBe(r.whole);
    sameAs(r.inPasses, r.whole);
  });

  it('comments of equal priority: the sample keeps the one that came first, whichever half or pass it is in', async () => {
    const seed = fingerprint('j1\u0000ad')[0];
    const priority = (id: string) => {
      const print = fingerprint(id);
      return scramble(print[0], print[1] ^ seed);
    };
    // Two ids of equal priority (32 bits: found among some 10^5), and seven of smaller priority. In
    // two passes (26,009 respondents need 338 KB at the budget of 256 KB) the later id, c, is read
    // in the first pass and a in the second: a comes first by its line, not by when it is merged.
    const pass = (id: string) => fingerprint(id)[1] % 2;
    const seen = new Map<number, string>();
    let [a, c, tie] = ['', '', 0];
    for (let n = 0; !a; n++) {
      const p = priority(`T${n}`);
      const earlier = seen.get(p);
      if (earlier !== undefined && p > 2 ** 31 && pass(earlier) === 1 && pass(`T${n}`) === 0) [a, c, tie] = [earlier, `T${n}`, p];
      seen.set(p, `T${n}`);
    }
    const smaller = Array.from({ length: 200 }, (_, n) => `S${n}`).filter((id) => priority(id) < tie).slice(0, 7);
    const fill = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => row(`${prefix}${i}`, 'order', 'x'.repeat(40)));
    const text = [HEADER, row(a, 'ad', 'comment of a'), ...fill('F', 14_000), row(c, 'ad', 'comment of c'), ...smaller.map((id) => row(id, 'ad', `comment of ${id}`)), ...fill('G', 12_000)].join('\n') + '\n';
    const r = await threeWays(text);
    expect(r.halves).not.toBe('null');
    expect(r.halves).toBe(r.whole);
    sameAs(r.inPasses, r.whole);
    expect(r.whole).toContain('comment of a');
  });

  it('a CRLF file with a bare line feed at the cut: declined', async () => {
    const body = [HEADER, ...Array.from({ length: 24_000 }, (_, i) => row(`R${i}`, ['ad', 'order', 'pickup'][i % 3]))].join('\r\n') + '\r\n';
    const lf = body.indexOf('\n', Math.floor(body.length / 2));
    const r = await threeWays(body.slice(0, lf - 1) + body.slice(lf));
    expect(r.whole).toContain('runs over 2 lines');
    expect(r.halves).toBe('null');
    expect(r.inHalvesOrWhole).toBe(r.whole);
  });

  it('small files: a second header row near the middle, a delimiter decided on few lines', async () => {
    const header2 = 'Response,Date,Journey,Touchpoint,Channel,Segment,Recommend,Satisfied,Effort,Feeling,Expectation,Comment';
    const twoRows = await threeWays([HEADER + ' '.repeat(400), header2, row('R1'), row('R2')].join('\n') + '\n', { headerRows: 2 });
    expect(twoRows.inHalvesOrWhole).toBe(twoRows.whole);
    const [p, q] = ['p'.repeat(600), 'q'.repeat(130)];
    const text = ['id;touchpoint;nps;x,y', `a;ad;5;1,${p}`, `b;ad;6;1,${p}`, ...Array.from({ length: 6 }, (_, i) => `c${i};order;7,${q}`)].join('\n') + '\n';
    const fewLines = await threeWays(text, { columns: { response_id: 'id', touchpoint: 'touchpoint', nps: 'nps' }, constants: { journey: 'j1' } });
    expect(fewLines.whole).toContain('the mapping names column "id"');
    expect(fewLines.inHalvesOrWhole).toBe(fewLines.whole);
  });
});

// A read's respondents take memory (their fingerprints, a bit per scope); past IngestOptions.respondentBytes
// the file is read in passes, each counting a disjoint share of them.
describe('a file whose respondents outgrow the budget: read in passes, with the same ingest', () => {
  const BUDGET = 256 << 10;

  it('from start to end, here or in a worker, and after a read in halves finds the budget too small', { timeout: 60_000 }, async () => {
    // 24,000 respondents: 456 KB of fingerprints, table and 18 bit sets in one read (2 passes at this
    // budget), 228 KB in each half (over their 128 KB).
    const path = tempFile('many.csv', export_(24_000));
    const whole = await ingestSnapshot({ ...options(path), parseInWorker: false });
    expect(whole.respondents).toBeGreaterThan(20_000);
    expect(whole.account.rejected).toBeGreaterThan(200);
    // In a worker given the options as data (`shared`), and without them in this thread.
    const inPasses = await ingestSnapshot({ ...options(path), parseInWorker: false, respondentBytes: BUDGET });
    expect(inPasses).toEqual(whole);
    const { shared: _, ...here } = options(path);
    expect(await ingestSnapshot({ ...here, parseInWorker: false, respondentBytes: BUDGET })).toEqual(whole);
    expect(inPasses.account.rejections.map((r) => r.line)).toEqual(whole.account.rejections.map((r) => r.line));
    expect(inPasses.account.linesByReason).toEqual(whole.account.linesByReason);
    // The halves' workers stop with TooManyRespondents, which crosses to this thread as itself.
    expect(await ingestSnapshot({ ...options(path), parseInWorker: true, respondentBytes: BUDGET })).toEqual(whole);
  });

  it('halves that fold their older key-driver vectors as they read merge into the ingest of one read', { timeout: 60_000 }, async () => {
    // 12,000 respondents a half: 171 KB of index and bit sets fit in a half's 256 KB, not beside their
    // vectors open to the end (9 columns of 16,384 slots: 147 KB). The cut falls inside a respondent's rows.
    const path = tempFile('folded.csv', export_(24_000));
    const whole = await ingestSnapshot({ ...options(path), parseInWorker: false });
    const halves = await ingestInHalves({ ...options(path), respondentBytes: 2 * BUDGET }, shared, statSync(path).size);
    expect(halves).toEqual(whole);
    expect(whole.drivers!['j1']!.touchpoints).toHaveLength(7);
    const open = ingestInHalves({ ...options(path), respondentBytes: 2 * BUDGET, driverRowsApart: true }, shared, statSync(path).size);
    await expect(open).rejects.toBeInstanceOf(TooManyRespondents);
  });

  it('rows without respondent ids: each row its own respondent, in the pass its line falls to', { timeout: 60_000 }, async () => {
    const rows = Array.from({ length: 30_000 }, (_, r) => `${(r % 28) + 1}.3.2026,${r % 11},${r % 3 ? '' : (r % 7) - 3}`);
    const path = tempFile('no-ids.csv', `date,ad nps,pickup emotion\n${rows.join('\n')}\n`);
    const mapping: MappingFile = { layout: 'wide', columns: { submitted_at: 'date' }, constants: { journey: 'j1' }, questions: [{ touchpoint: 'ad', nps: 'ad nps' }, { touchpoint: 'pickup', emotion: 'pickup emotion' }] };
    const whole = await ingestSnapshot({ ...options(path, mapping), parseInWorker: false });
    expect(whole.respondents).toBe(30_000);
    expect(await ingestSnapshot({ ...options(path, mapping), parseInWorker: false, respondentBytes: BUDGET })).toEqual(whole);
  });

  it('stops with a message when even many passes would not do', async () => {
    const path = tempFile('too-many.csv', export_(3000));
    const read = ingestSnapshot({ ...options(path), parseInWorker: false, respondentBytes: 1024 });
    await expect(read).rejects.toThrow("the file's respondents are too many to count in 64 passes over it, each with 1 KB for them");
  });
});
