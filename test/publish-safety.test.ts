// The public site may hold no personal data, no raw rows, no small group and no live markup from
// data: a build with planted canaries is scanned file by file, the search index included.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, PROJECT } from './build-site.ts';
import { attackSnapshot } from './disclosure-attack.ts';

const HEADER = 'response_id,submitted_at,journey,touchpoint,channel,segment,nps,csat,ces,emotion,expectation,comment';
const PII = ['040 123 4567', '+358 40 7654321', 'matti.meikalainen@example.fi', '131052-308T', 'FI21 1234 5600 0007 85', '4111 1111 1111 1111', 'https://shop.example/order?email=a@b.fi'];
const SMALL_GROUP_CANARY = 'CANARY-SMALLGROUP-5d1e';
const XSS = ['</title><svg onload=alert(1)>', '<img src=x onerror=alert(1)>', '<script>alert(1)</script>'];

let dir: string;
let first: string;
let second: string;

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** 60 respondents at the queue with PII and markup in their comments; 3 at pickup-code with a canary. */
function snapshot(): string {
  const lines = [HEADER];
  for (let i = 0; i < 60; i++) {
    const comment = i < PII.length ? `Soittakaa ${PII[i]} kiitos` : XSS[i % XSS.length]!;
    lines.push(`C${String(i).padStart(4, '0')},2026-02-0${1 + (i % 9)},electronics-pickup,service-desk-queue,store,segment-${i % 2},${i % 11},${1 + (i % 5)},${1 + (i % 7)},${(i % 7) - 3},0,${csvField(comment)}`);
  }
  for (let i = 0; i < 3; i++) lines.push(`S${i},2026-02-01,electronics-pickup,pickup-code,sms,new,2,1,1,-3,0,${SMALL_GROUP_CANARY} ${i}`);
  return lines.join('\r\n') + '\r\n';
}

function allFiles(root: string): string[] {
  return readdirSync(root, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(root, e.name)) : [join(root, e.name)]));
}

/** A file's text as a reader or a crawler gets it; Pagefind's fragments and indexes are gzipped. */
function textOf(file: string): string {
  const bytes = readFileSync(file);
  const unzipped = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  return unzipped.toString('utf8');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'polku-safety-'));
  mkdirSync(join(dir, 'data/snapshots'), { recursive: true });
  writeFileSync(join(dir, 'data/snapshots/2026-q1.csv'), snapshot());
  writeFileSync(join(dir, 'polku.config.jsonc'), JSON.stringify({ content: join(PROJECT, 'content') }));
  const env = { POLKU_CONFIG: join(dir, 'polku.config.jsonc') };
  first = join(dir, 'dist-1');
  second = join(dir, 'dist-2');
  for (const out of [first, second]) {
    const result = buildSite(out, env);
    if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a site built from hostile data', () => {
  it('holds no personal data, respondent id, small-group comment or raw row in any file, search index included', () => {
    const files = allFiles(first);
    expect(files.some((f) => f.includes(`${join('pagefind', 'fragment')}`))).toBe(true);
    for (const file of files) {
      const text = textOf(file);
      for (const pii of PII) expect(text.includes(pii), `${pii} in ${file}`).toBe(false);
      expect(text.includes(SMALL_GROUP_CANARY), `small-group comment in ${file}`).toBe(false);
      expect(/\bC00\d\d\b/.test(text), `respondent id in ${file}`).toBe(false);
      expect(text.includes(HEADER), `raw CSV in ${file}`).toBe(false);
    }
  });

  it('renders no markup that came from data', () => {
    for (const file of allFiles(first).filter((f) => /\.(html|svg|json|csv|js)$/.test(f))) {
      const text = textOf(file);
      for (const x of XSS) expect(text.includes(x), `${x} live in ${file}`).toBe(false);
    }
  });

  it('publishes no figure of the three-respondent touchpoint', () => {
    const data = JSON.parse(readFileSync(join(first, 'data/2026-q1.json'), 'utf8'));
    const journey = data.journeys.find((j: { id: string }) => j.id === 'electronics-pickup');
    const pickup = journey.stages.flatMap((s: any) => s.touchpoints).find((t: any) => t.id === 'pickup-code');
    expect(pickup.cell).toEqual({ respondents: null, ratings: null, suppressed: true, suppressedFor: 'fewRespondents', figures: null, change: null, stats: null });
    // The stage total minus the queue would give the three away, so the queue (the only other
    // touchpoint of the stage with data) is suppressed too, while the stage of 63 is published.
    const stage = journey.stages.find((s: any) => s.touchpoints.some((t: any) => t.id === 'pickup-code'));
    const queue = stage.touchpoints.find((t: any) => t.id === 'service-desk-queue');
    expect(stage.cell.suppressed).toBe(false);
    expect(stage.cell.respondents).toBe(63);
    expect(queue.cell.suppressed).toBe(true);
    expect(queue.cell.suppressedFor).toBe('protection');
  });

  it('leaves the three-respondent touchpoint and its channel and segment a range of at least the minimum group, against an attacker written apart from the build', () => {
    const data = JSON.parse(readFileSync(join(first, 'data/2026-q1.json'), 'utf8'));
    const small = attackSnapshot(data).filter((e) => e.path.includes('pickup-code'));
    expect(small.map((e) => e.path).sort()).toEqual(['electronics-pickup/pickup-code/channel:sms', 'electronics-pickup/pickup-code/segment:new', 'electronics-pickup/pickup/pickup-code']);
    for (const { path, low, high } of small) expect(high - low, `${path}: ${low}…${high}`).toBeGreaterThanOrEqual(data.minRespondents);
  });

  it('is byte-identical when built twice from the same inputs, search index included', () => {
    const a = allFiles(first).map((f) => f.slice(first.length)).sort();
    const b = allFiles(second).map((f) => f.slice(second.length)).sort();
    expect(b).toEqual(a);
    for (const f of a) expect(readFileSync(join(second, f)).equals(readFileSync(join(first, f))), f).toBe(true);
  });
});
