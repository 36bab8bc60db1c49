// Pages fit the measures the data has: a site whose data has no emotion draws its journey curve,
// trends and cards from the CSAT mean (or NPS), names the axis after it, writes "not asked" where a
// touchpoint has no answers for a measure asked elsewhere, and never "n < 10" for a large group
// without answers. Playbooks without `target` or `expected` build. One full build per fixture site.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from './build-site.ts';

const HEADER = 'response_id,submitted_at,journey,touchpoint,channel,segment,nps,csat,ces';
const JOURNEY = 'title: Order and return\nsummary: A customer orders online and returns what does not fit.\nstages:\n  - id: buy\n    title: Buy\n  - id: return\n    title: Return\n';
const playbook = (title: string, stage: string, order: number, extra: string) =>
  `---\ntitle: ${title}\njourney: shop\nstage: ${stage}\norder: ${order}\nowner: Shop\npromise: It works.\n${extra}escalation: Manager\n---\n\nText.\n`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'polku-fit-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A project with one journey of three touchpoints and 40 respondents at each: `web` and `checkout`
 * answer only `score` (CSAT or NPS); `returns` answers only a measure lower in the curve's order (NPS
 * on the CSAT site, CES on the NPS site), so it has figures, but none on the curve's measure.
 */
function project(name: string, score: 'csat' | 'nps'): { env: Record<string, string>; out: string } {
  const root = join(dir, name);
  const content = join(root, 'content');
  mkdirSync(join(root, 'data/snapshots'), { recursive: true });
  mkdirSync(join(content, 'journeys'), { recursive: true });
  mkdirSync(join(content, 'touchpoints/shop'), { recursive: true });
  writeFileSync(join(content, 'journeys/shop.yaml'), JOURNEY);
  // No target or expected on the emotion scale; per-measure targets where set.
  writeFileSync(join(content, 'touchpoints/shop/web.mdx'), playbook('Web shop', 'buy', 1, 'targets:\n  csatMean: 4.2\n  nps: 20\n'));
  writeFileSync(join(content, 'touchpoints/shop/checkout.mdx'), playbook('Checkout', 'buy', 2, ''));
  writeFileSync(join(content, 'touchpoints/shop/returns.mdx'), playbook('Returns', 'return', 1, ''));
  const rows: string[] = [];
  for (let i = 0; i < 40; i++) {
    // CSAT 5, 4, 4, 3 repeating: mean 4.00 at web; 5, 5, 4, 3: mean 4.25 at checkout. NPS 10, 9, 7, 3: 50% − 25% = +25.
    const csat = (tp: string) => (tp === 'web' ? [5, 4, 4, 3] : [5, 5, 4, 3])[i % 4]!;
    const nps = [10, 9, 7, 3][i % 4]!;
    const answers = { nps: '', csat: '', ces: '' } as Record<'nps' | 'csat' | 'ces', number | ''>;
    const row = (tp: string, day: string, given: Partial<typeof answers>) => `R${i},2026-02-${day},shop,${tp},web,new,${Object.values({ ...answers, ...given }).join(',')}`;
    for (const tp of ['web', 'checkout']) rows.push(row(tp, '01', score === 'csat' ? { csat: csat(tp) } : { nps }));
    rows.push(row('returns', '10', score === 'csat' ? { nps } : { ces: 1 + (i % 7) }));
  }
  writeFileSync(join(root, 'data/snapshots/2026-q1.csv'), `${HEADER}\n${rows.join('\n')}\n`);
  writeFileSync(join(root, 'polku.config.jsonc'), JSON.stringify({ content, site: { title: 'Shop', lang: 'en' } }));
  return { env: { POLKU_CONFIG: join(root, 'polku.config.jsonc') }, out: join(root, 'dist') };
}

/** Visible text of a page, tags removed, whitespace collapsed. */
const text = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/\s+/g, ' ');

describe.each([
  { score: 'csat' as const, axis: 'CSAT (mean), 1–5', card: 'Web shop · Shop ▼ CSAT (mean) 4.0 (Target 4.2: below target)', curve: 'Journey curve (CSAT (mean))' },
  { score: 'nps' as const, axis: 'NPS, −100…+100', card: 'Web shop · Shop ▲ NPS +25 (Target +20: meets target)', curve: 'Journey curve (NPS)' },
])('a site whose data has $score and no emotion', { timeout: 240_000 }, ({ score, axis, card, curve }) => {
  let pages: { journey: string; report: string; playbook: string };
  beforeAll(() => {
    const { env, out } = project(`only-${score}`, score);
    const result = buildSite(out, env);
    expect(result.status, result.stderr).toBe(0);
    const read = (path: string) => readFileSync(join(out, path), 'utf8');
    pages = { journey: read('journeys/shop/index.html'), report: read('reports/2026-q1/index.html'), playbook: read('playbooks/shop/web/index.html') };
  }, 240_000);

  it('draws the journey curve of that measure, its axis named after it and its scale', () => {
    expect(pages.journey).toContain(`>${axis}</text>`);
    expect(text(pages.journey)).toContain(`${curve}: Order and return (2026-q1)`);
  });

  it('holds a touchpoint against its target on that measure, on the map card and the playbook', () => {
    expect(text(pages.journey)).toContain(card);
    // Checkout sets no target: its value alone.
    expect(text(pages.journey)).toContain(score === 'csat' ? 'Checkout · Shop CSAT (mean) 4.3 ' : 'Checkout · Shop NPS +25 ');
    const warning = 'Below target: customers rate this touchpoint 4.0 against a target of 4.2.';
    if (score === 'csat') expect(text(pages.playbook)).toContain(warning);
    else expect(text(pages.playbook)).not.toContain('Below target');
  });

  it('says "not asked" for a touchpoint without answers on a measure asked elsewhere, and never "n < 10" for a group of 40', () => {
    for (const page of Object.values(pages)) expect(text(page)).not.toContain('n < 10');
    expect(text(pages.journey)).toContain('Returns not asked');
    // The touchpoint table: Returns has figures, but none on the measure of the others.
    expect(pages.report).toContain(`<td class="num" data-label="${score === 'csat' ? 'CSAT (mean)' : 'NPS'}">not asked</td>`);
    expect(text(pages.journey)).not.toContain('no feedback yet');
  });

  it('leaves out of the headline cards and tables the measures nobody was asked', () => {
    const cards = [...pages.report.matchAll(/<div class="label">([^<]*)<\/div>/g)].map((m) => m[1]);
    expect(new Set(cards)).toEqual(new Set(score === 'csat' ? ['NPS', 'CSAT (satisfied)'] : ['NPS', 'CES (mean)']));
    const headers = new Set([...pages.report.matchAll(/<th scope="col" class="num">([^<]*)<\/th>/g)].map((m) => m[1]));
    expect(headers.has('Emotion')).toBe(false);
    expect(headers.has('Gap to expectation')).toBe(false);
    expect(headers.has('CSAT (mean)')).toBe(score === 'csat');
    expect(headers.has('CES (mean)')).toBe(score === 'nps');
    expect(headers.has('NPS')).toBe(true);
  });
});
