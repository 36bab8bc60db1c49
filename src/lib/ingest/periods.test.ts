import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../project/config.ts';
import { loadContent } from '../project/content.ts';
import { ingestAll } from './read-snapshots.ts';
import { periodOf } from './periods.ts';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

// An Excel export in Finnish (semicolons, Windows-1252, d.m.yyyy dates), one row per respondent:
// January 3 rows, February 2, March 1 (Q1: 6); April 2, June 1 (Q2: 3); one row without a date.
const HEADER = 'Vastaustunnus;Päivämäärä;Suositteluhalukkuus;Kommentti\r\n';
const ROWS = [
  ['a1', '3.1.2026', '10', 'Hyvä'], ['a2', '15.1.2026', '9', ''], ['a3', '31.1.2026', '3', 'Hidas'],
  ['b1', '1.2.2026', '7', ''], ['b2', '28.2.2026', '8', 'Ok'],
  ['c1', '31.3.2026', '6', ''],
  ['d1', '1.4.2026', '10', ''], ['d2', '30.4.2026', '5', 'Myöhässä'],
  ['f1', '15.6.2026', '9', ''],
  ['x1', '', '8', 'ei päivää'],
];
const csv = (rows: string[][]) => Buffer.from(HEADER + rows.map((r) => `${r.join(';')}\r\n`).join(''), 'latin1');

function project(period: string, rows = ROWS) {
  const root = mkdtempSync(join(tmpdir(), 'polku-periods-'));
  made.push(root);
  mkdirSync(join(root, 'data/snapshots'), { recursive: true });
  mkdirSync(join(root, 'content/journeys'), { recursive: true });
  mkdirSync(join(root, 'content/touchpoints/shop'), { recursive: true });
  writeFileSync(join(root, 'content/journeys/shop.yaml'), 'title: Shop\nsummary: S\nstages:\n  - id: all\n    title: All\n');
  writeFileSync(join(root, 'content/touchpoints/shop/order.mdx'), '---\ntitle: Order\njourney: shop\nstage: all\norder: 1\nowner: O\npromise: P\ntarget: 1\nexpected: 0\nescalation: E\n---\n');
  writeFileSync(join(root, 'polku.config.jsonc'), `{ "periods": "${period}" }`);
  writeFileSync(join(root, 'data/mapping.jsonc'), JSON.stringify({
    columns: { response_id: 'Vastaustunnus', submitted_at: 'Päivämäärä', nps: 'Suositteluhalukkuus', comment: 'Kommentti' },
    constants: { journey: 'shop', touchpoint: 'order' },
  }));
  writeFileSync(join(root, 'data/snapshots/export.csv'), csv(rows));
  return root;
}

async function read(root: string, cacheDir: string | null = null) {
  const config = loadConfig(root, {});
  const events: Record<string, string> = {};
  const ingests = await ingestAll(config, loadContent(config.content, root), { cacheDir, onSnapshot: (e) => void (events[e.id] = e.from) });
  return { ingests, events, counts: Object.fromEntries(ingests.map((i) => [i.id, [i.account.rowsRead, i.account.accepted]])) };
}

describe('periodOf', () => {
  const day = (iso: string) => Date.parse(iso) / 86_400_000;
  it.each([
    ['2026-03-31', 'month', '2026-03'], ['2026-03-31', 'quarter', '2026-q1'], ['2026-04-01', 'quarter', '2026-q2'],
    ['2026-06-30', 'half', '2026-h1'], ['2026-07-01', 'half', '2026-h2'], ['2026-12-31', 'year', '2026'],
  ] as const)('%s by %s is %s', (iso, period, id) => expect(periodOf(day(iso), period)).toBe(id));
});

describe('"periods": one export, a snapshot per period', () => {
  it('by quarter: 2026-q1 has 6 rows, 2026-q2 the 3 dated ones and the undated row (the latest period)', async () => {
    const { counts, ingests } = await read(project('quarter'));
    expect(counts).toEqual({ '2026-q1': [6, 6], '2026-q2': [4, 4] });
    expect(ingests.find((i) => i.id === '2026-q1')!.account.file).toBe('.polku/periods/2026-q1.csv');
  });

  it('by month: January 3, February 2, March 1, April 2, June 1 (+1 undated)', async () => {
    const { counts } = await read(project('month'));
    expect(counts).toEqual({ '2026-01': [3, 3], '2026-02': [2, 2], '2026-03': [1, 1], '2026-04': [2, 2], '2026-06': [2, 2] });
  });

  it('by half and by year', async () => {
    expect((await read(project('half'))).counts).toEqual({ '2026-h1': [10, 10] });
    expect((await read(project('year'))).counts).toEqual({ '2026': [10, 10] });
  });

  it('the cut keeps the export\'s text: Windows-1252 comments arrive as written', async () => {
    const root = project('quarter');
    await read(root);
    expect(readFileSync(join(root, '.polku/periods/2026-q2.csv'), 'utf8')).toContain('d2,30.4.2026,5,Myöhässä');
  });

  it('adding a month of rows to the export aggregates only the period that changed; the others come from the cache', async () => {
    const root = project('quarter');
    const cache = join(root, '.polku/cache');
    expect((await read(root, cache)).events).toEqual({ '2026-q1': 'file', '2026-q2': 'file' });
    appendFileSync(join(root, 'data/snapshots/export.csv'), csv([['g1', '2.7.2026', '9', ''], ['g2', '20.7.2026', '10', '']]).subarray(Buffer.byteLength(HEADER, 'latin1')));
    const { events, counts } = await read(root, cache);
    // The undated row moves to the new latest period, so 2026-q2 changed too; 2026-q1 did not.
    expect(events).toEqual({ '2026-q1': 'cache', '2026-q2': 'file', '2026-q3': 'file' });
    expect(counts).toEqual({ '2026-q1': [6, 6], '2026-q2': [3, 3], '2026-q3': [3, 3] });
  });
});
