// Output linear in the history: a page shows the last `site.historyLength` snapshots, so what each
// snapshot adds to dist/ (bytes, files) and the largest touchpoint report stay the same size however
// many snapshots came before; the full series is in open data.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32, scoreFields } from '../scripts/bench/generate.ts';
import { buildSite, PROJECT } from './build-site.ts';
import { distFiles } from './dist-files.ts';

const JOURNEY = 'electronics-pickup';
const TOUCHPOINTS = ['online-ad', 'price-comparison', 'web-order', 'pickup-code', 'store-arrival', 'service-desk-queue', 'desk-handover', 'follow-up'];
const HISTORY_LENGTH = 4;

let dir: string;

/** A tiny export for month `m` (1-based, from 2024-01): 20 respondents who each rate every touchpoint. */
function snapshotCsv(m: number): string {
  const rnd = mulberry32(m);
  const month = new Date(Date.UTC(2024, m - 1, 15)).toISOString().slice(0, 10);
  const lines = ['response_id,submitted_at,journey,touchpoint,channel,segment,nps,csat,ces,emotion,expectation,comment'];
  for (let r = 1; r <= 20; r++) {
    const mood = rnd() * 4 - 2;
    for (const tp of TOUCHPOINTS) lines.push(`M${m}-${r},${month},${JOURNEY},${tp},web,new,${scoreFields(rnd, mood, 0.2)}`);
  }
  return lines.join('\n') + '\n';
}

interface Sizes {
  /** All of dist/, divided by the snapshots. */
  bytesPerSnapshot: number;
  /** A snapshot's own files (its reports, comparison and open data), on average. */
  ownBytesPerSnapshot: number;
  filesPerSnapshot: number;
  largestTouchpointReport: number;
  out: string;
}

/** Builds a project of `count` monthly snapshots and measures its dist/. */
function buildWith(count: number): Sizes {
  const root = join(dir, `project-${count}`);
  mkdirSync(join(root, 'data/snapshots'), { recursive: true });
  mkdirSync(join(root, 'content/journeys'), { recursive: true });
  cpSync(join(PROJECT, `content/journeys/${JOURNEY}.yaml`), join(root, `content/journeys/${JOURNEY}.yaml`));
  cpSync(join(PROJECT, `content/touchpoints/${JOURNEY}`), join(root, `content/touchpoints/${JOURNEY}`), { recursive: true });
  for (let m = 1; m <= count; m++) writeFileSync(join(root, `data/snapshots/m${String(m).padStart(2, '0')}.csv`), snapshotCsv(m));
  writeFileSync(join(root, 'polku.config.jsonc'), JSON.stringify({ site: { historyLength: HISTORY_LENGTH } }));
  const out = join(dir, `dist-${count}`);
  const result = buildSite(out, { POLKU_CONFIG: join(root, 'polku.config.jsonc'), POLKU_NO_CACHE: '1' });
  expect(result.status, result.stderr).toBe(0);
  const site = distFiles(out);
  const sum = (files: [string, Buffer][]) => files.reduce((total, [, b]) => total + b.length, 0);
  const own = [...site].filter(([path]) => /^(reports\/m\d+\/|data\/m\d+\.)/.test(path));
  const reports = [...site].filter(([path]) => /^reports\/m\d+\/[^/]+\/[^/]+\/index\.html$/.test(path));
  expect(reports).toHaveLength(count * TOUCHPOINTS.length);
  return { bytesPerSnapshot: sum([...site]) / count, ownBytesPerSnapshot: sum(own) / count, filesPerSnapshot: site.size / count, largestTouchpointReport: Math.max(...reports.map(([, b]) => b.length)), out };
}

let small: Sizes;
let large: Sizes;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'polku-history-'));
  small = buildWith(4);
  large = buildWith(32);
  const kb = (x: number) => (x / 1024).toFixed(1);
  console.log(
    [small, large]
      .map((s, i) => `${[4, 32][i]} snapshots: ${kb(s.bytesPerSnapshot)} KiB (${kb(s.ownBytesPerSnapshot)} its own) and ${s.filesPerSnapshot} files a snapshot, largest touchpoint report ${kb(s.largestTouchpointReport)} KiB`)
      .join('; '),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('output linear in the history', () => {
  it('keeps what a snapshot adds to dist/ flat from 4 to 32 snapshots', () => {
    // Pages and files shared by all snapshots (assets, search index, playbooks) weigh less per snapshot
    // as snapshots are added, so the whole dist/ per snapshot shrinks; a snapshot's own files stay
    // the same (their comments and figures differ a little from snapshot to snapshot).
    expect(large.bytesPerSnapshot).toBeLessThanOrEqual(small.bytesPerSnapshot);
    expect(large.filesPerSnapshot).toBeLessThanOrEqual(small.filesPerSnapshot);
    expect(large.ownBytesPerSnapshot).toBeLessThanOrEqual(small.ownBytesPerSnapshot * 1.05);
  });

  it('keeps the largest touchpoint report the same size', () => {
    expect(large.largestTouchpointReport).toBeLessThanOrEqual(small.largestTouchpointReport * 1.05);
  });

  it('puts the full series in open data and links it from the touchpoint report', () => {
    const history = readFileSync(join(large.out, `data/history/${JOURNEY}/online-ad.csv`), 'utf8').trimEnd().split('\r\n');
    const snapshotRows = Array.from({ length: 32 }, (_, i) =>
      readFileSync(join(large.out, `data/m${String(i + 1).padStart(2, '0')}.csv`), 'utf8').split('\r\n').find((line) => line.includes(`,${JOURNEY},awareness,online-ad,`)),
    );
    expect(history.slice(1)).toEqual(snapshotRows);
    const report = readFileSync(join(large.out, `reports/m20/${JOURNEY}/online-ad/index.html`), 'utf8');
    expect(report).toContain(`href="/data/history/${JOURNEY}/online-ad.csv"`);
    // The trend's table: the touchpoint's row, then one column per snapshot in the window.
    expect([...report.matchAll(/<th scope="col" class="num">(m\d+)<\/th>/g)].map((m) => m[1])).toEqual(['m17', 'm18', 'm19', 'm20']);
  });
});
