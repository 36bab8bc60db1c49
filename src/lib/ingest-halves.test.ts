// A file read in two halves side by side (ingestInHalves) gives exactly the ingest of a read from
// start to end; where it cannot know that it would, it declines and the whole file is read.
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../../test/temp-files.ts';
import { ingestInHalves, ingestSnapshot, stageLookup, type IngestOptions, type SharedOptions } from './ingest.ts';
import { mappingFor, type MappingFile } from './mapping.ts';
import { DEFAULT_SCALES } from './metrics.ts';
import { createRedactor } from './redact.ts';

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
  it('gives the ingest of a read from start to end: counts, rejections and their lines, respondents, comments', async () => {
    const path = tempFile('long.csv', export_(2000));
    const { whole, halves } = await bothWays(path);
    expect(halves).not.toBeNull();
    expect(halves).toEqual(whole);
    // The rejections of the second half have their lines in the file, after the first half's.
    const a = whole.account;
    expect(a.rejected).toBeGreaterThan(20);
    expect(a.rejections.map((r) => r.line)).toEqual([...a.rejections.map((r) => r.line)].sort((x, y) => x - y));
    expect(Object.keys(a.rejectedByReason).sort()).toEqual(['date not understood', 'duplicate rating', 'nps out of range', 'wrong number of fields']);
    expect(whole.respondents).toBeGreaterThan(1900);
  });

  it('with CRLF line ends, and in Windows-1252 when the mapping says so', async () => {
    const crlf = await bothWays(tempFile('crlf.csv', export_(600, undefined, '\r\n')));
    expect(crlf.halves).not.toBeNull();
    expect(crlf.halves).toEqual(crlf.whole);
    const text = export_(600).replaceAll('Hyvä', 'Hyvä äö');
    const cp1252 = await bothWays(tempFile('cp1252.csv', Buffer.from(text, 'latin1')), { encoding: 'windows-1252' });
    expect(cp1252.halves).not.toBeNull();
    expect(cp1252.halves).toEqual(cp1252.whole);
    expect(cp1252.whole.comments['j1']!['ad']!.some((c) => c.text.includes('äö'))).toBe(true);
  });

  it('declines a respondent who rated a touchpoint in both halves: the second rating is a duplicate', async () => {
    const path = tempFile('duplicate.csv', export_(600, (r, k) => (r === 590 && k === 0 ? 'R1,1.3.2026,j1,ad,web,new,5,3,4,0,0,' : null)));
    const { whole, halves } = await bothWays(path);
    expect(halves).toBeNull();
    expect(whole.account.rejections.some((r) => r.reason.includes('"R1" already rated touchpoint "ad"'))).toBe(true);
    expect(await ingestSnapshot({ ...options(path), parseInWorker: true })).toEqual(whole);
  });

  it('cuts at a line that reads as a record, not inside a comment over many lines', async () => {
    const rows = 'R2,1.3.2026,j1,ad,web,new,5,3,4,0,0,\n'.repeat(3);
    const { whole, halves } = await bothWays(tempFile('multiline.csv', `${HEADER}\nR1,1.3.2026,j1,ad,web,new,5,3,4,0,0,"${'a long comment\n'.repeat(400)}"\n${rows}`));
    expect(halves).not.toBeNull();
    expect(halves).toEqual(whole);
  });

  it('declines fractional scores: their sums would differ in the last bits', async () => {
    const path = tempFile('fractional.csv', export_(600, (r, k) => (r === 400 && k === 0 ? 'R400,1.3.2026,j1,ad,web,new,5,3,4,0.1,0.7,' : null)));
    const { whole, halves } = await bothWays(path);
    expect(halves).toBeNull();
    expect(await ingestSnapshot({ ...options(path), parseInWorker: true })).toEqual(whole);
  });

  it('declines a cut inside a quoted field, and the whole read says what is wrong', async () => {
    // Lines in a comment that read as records: the cut lands there, and the first half ends inside the quotes.
    const path = tempFile('record-like.csv', `${HEADER}\nR1,1.3.2026,j1,ad,web,new,5,3,4,0,0,"${'a,b,c,d,e,f,g,h,i,j,k,l\n'.repeat(400)}"\n${'R2,1.3.2026,j1,ad,web,new,5,3,4,0,0,\n'.repeat(3)}`);
    expect(await ingestInHalves({ ...options(path), parseInWorker: true }, shared, statSync(path).size)).toBeNull();
    const failure = (read: Promise<unknown>) => read.then(() => 'read', (e: Error) => e.message);
    const whole = await failure(ingestSnapshot({ ...options(path), parseInWorker: false }));
    expect(whole).toContain('a record starts on line 2 and runs over 401 lines');
    expect(await failure(ingestSnapshot({ ...options(path), parseInWorker: true }))).toBe(whole);
  });

  it('reads a wide export in halves, and declines one without respondent ids (each row is a respondent named by its line)', async () => {
    // The first half answers one question, the second the other: a row of each half shares its line number in that half, not a touchpoint.
    const rows = Array.from({ length: 900 }, (_, r) => `R${r},${(r % 28) + 1}.3.2026,${r < 450 ? r % 11 : ''},${r < 450 ? '' : (r % 7) - 3},"kiitos, ${r}"`);
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
    expect(whole.respondents).toBe(900);
    expect(await ingestSnapshot({ ...options(path, wide(false)), parseInWorker: true })).toEqual(whole);
  });

  it('declines a file that is not UTF-8 when the mapping says "auto": the whole read decides the encoding', async () => {
    const path = tempFile('auto-1252.csv', Buffer.from(export_(600).replaceAll('Hyvä', 'Hyvä äö'), 'latin1'));
    const { whole, halves } = await bothWays(path);
    expect(halves).toBeNull();
    expect(whole.account.encoding).toBe('windows-1252');
    expect(await ingestSnapshot({ ...options(path), parseInWorker: true })).toEqual(whole);
  });
});
