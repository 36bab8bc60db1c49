// The snapshot report says what its figures cover: a total compared only with a snapshot of the same
// journeys, journeys without feedback named in one line, hidden cells labelled with their real reason,
// no arrow on a zero change, one minus sign. A built project of two small snapshots.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, PROJECT } from './build-site.ts';

const HEADER = 'response_id,submitted_at,journey,touchpoint,channel,segment,nps,csat,ces,emotion,expectation,comment';
/** `n` respondents of a segment at one touchpoint, NPS 3 for even ids and 9 for odd. */
const rows = (prefix: string, journey: string, touchpoint: string, segment: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}-${segment}-${i},2026-02-01,${journey},${touchpoint},web,${segment},${i % 2 ? 9 : 3},4,5,${i % 2 ? 1 : -2},1,`);
// Pickup the same in both: family 3 (too few), single 12, senior 40, so single is hidden beside family.
const pickup = (prefix: string) => [...rows(prefix, 'electronics-pickup', 'online-ad', 'family', 3), ...rows(prefix, 'electronics-pickup', 'online-ad', 'single', 12), ...rows(prefix, 'electronics-pickup', 'online-ad', 'senior', 40)];

let dir: string;
let q2: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'polku-board-'));
  const snapshots = join(dir, 'data/snapshots');
  mkdirSync(snapshots, { recursive: true });
  const q1 = [...pickup('A'), ...rows('A', 'group-trip', 'booking', 'senior', 30), ...rows('A', 'washing-machine', 'aftercare', 'senior', 30)];
  writeFileSync(join(snapshots, '2026-q1.csv'), `${HEADER}\n${q1.join('\n')}\n`);
  writeFileSync(join(snapshots, '2026-q2.csv'), `${HEADER}\n${pickup('B').join('\n')}\n`);
  writeFileSync(join(dir, 'polku.config.jsonc'), JSON.stringify({ content: join(PROJECT, 'content') }));
  const result = buildSite(join(dir, 'dist'), { POLKU_CONFIG: join(dir, 'polku.config.jsonc'), POLKU_CACHE_DIR: join(dir, 'cache') });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
  q2 = readFileSync(join(dir, 'dist/reports/2026-q2/index.html'), 'utf8');
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
/** The element with this id, up to its closing tag (a <ul> or <section> without one nested). */
const element = (html: string, id: string, tag: string) => html.slice(html.indexOf(`id="${id}"`), html.indexOf(`</${tag}>`, html.indexOf(`id="${id}"`)));

describe('a snapshot report covering fewer journeys than the previous one', () => {
  it('shows the total without a change and says what each snapshot covered', () => {
    expect(text(element(q2, 'figures-total', 'ul'))).not.toMatch(/[▲▼]|significant/);
    expect(text(q2)).toContain('No change since 2026-q1 is shown: that snapshot covered Order online, pick up in store, Group trip with many decision makers, Washing machine with express delivery and installation, this one covers Order online, pick up in store.');
  });

  it('names the journeys without feedback in one line and gives them no section', () => {
    expect(text(q2)).toContain('No feedback in this snapshot: Group trip with many decision makers, Washing machine with express delivery and installation.');
    expect(q2).not.toContain('id="group-trip"');
    expect(q2).not.toContain('id="washing-machine"');
    expect(q2).toContain('id="electronics-pickup"');
  });

  it('shows a journey’s change of exactly zero without an arrow', () => {
    const figures = text(element(q2, 'figures-electronics-pickup', 'ul'));
    expect(figures).toContain('change since 2026-q1');
    expect(figures).not.toMatch(/[▲▼■]/);
  });

  it('labels a segment of 12 hidden beside one of 3 as hidden to protect another group, and only the 3 as n < 10', () => {
    const segments = text(element(q2, 'electronics-pickup', 'section'));
    expect(segments).toMatch(/ single hidden to protect another group /);
    expect(segments).toMatch(/ family n &lt; 10 /);
  });

  it('writes every negative number with one minus sign, U+2212', () => {
    const words = text(q2.replace(/<(script|style)[\s\S]*?<\/\1>/g, '')).replace(/\d{4}-q\d/g, '');
    expect(words).toMatch(/\u2212\d/);
    expect(words).not.toMatch(/(^|[\s(])-\d/);
  });
});
