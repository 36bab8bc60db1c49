// The pages of comment themes and key drivers (issue #23), rendered from the sample with themes and
// drivers put into its model (test/analyses-build.ts; the model gives null until the analyses land):
// what the report, the touchpoint report and the playbook say, in English and Finnish; and in
// Chromium at 375 and 1280 px: no sideways scrolling, no text under 11 px, no overlapping labels in
// the drivers' chart, no WCAG 2.1 A/AA violation, and screenshots to look at; and in print (A4).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReportPdfs } from '../../scripts/pdf.ts';
import { runScript } from '../build-site.ts';
import { WITHOUT_ANALYSES } from '../../src/site/analyses.test-helper.ts';
import { ARTEFACTS, axeViolations, chartLabels, overlappingLabels, serveSite, textSizes, type Site } from './browser.ts';

const REPORT = '/reports/2026-q3/';
const TOUCHPOINT = '/reports/2026-q3/electronics-pickup/service-desk-queue/';
const PLAYBOOK = '/playbooks/electronics-pickup/service-desk-queue/';
const VIEWPORTS = [{ width: 375, height: 800 }, { width: 1280, height: 900 }];

let dir: string;
let site: Site;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'polku-analyses-site-'));
  const result = runScript('test/analyses-build.ts', {}, [join(dir, 'dist')]);
  if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
  site = await serveSite(join(dir, 'dist'));
});
afterAll(async () => {
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

const html = (path: string) => readFileSync(join(dir, 'dist', path, 'index.html'), 'utf8');
const text = (fragment: string) => fragment.replace(/<svg[\s\S]*?<\/svg>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
/** A journey's section of a report. */
const section = (page: string, journey: string) => page.slice(page.indexOf(`id="${journey}"`), page.indexOf('</section>', page.indexOf(`id="${journey}"`)));

describe('the report', () => {
  it('shows a journey’s themes beside its quotes: both groups, shares, example quotes and the change line', () => {
    const pickup = text(section(html(REPORT), 'electronics-pickup'));
    expect(pickup).toContain('Each word: the share of detractors (0–6) vs promoters (9–10) who used it.');
    expect(pickup).toContain('Said more by detractors (0–6) jonossa — 31% vs 5% Jonossa meni puoli tuntia, vaikka tilaus oli maksettu.');
    expect(pickup).toContain('Said more by promoters (9–10) nopeasti — 4% vs 28%');
    expect(pickup).toContain('More often than in 2026-q2: jonossa ▲ (12% → 20%); less often: nopeasti ▼ (30% → 18%).');
  });

  it('shows the key drivers: what explains what, the chart, the table with fix first in words, and association not cause', () => {
    const pickup = section(html(REPORT), 'electronics-pickup');
    expect(text(pickup)).toContain('What explains customers’ overall likelihood to recommend (their mean NPS answer across the journey): emotion (mean) at each touchpoint. Together the touchpoints explain 48% of its variance (R², 176 respondents).');
    expect(pickup.match(/class="chart chart-priority"/g)).toHaveLength(2);
    expect(text(pickup)).toContain('Queueing at the service desk 14.0% 11.0% … 18.0% 29% +0.2 +1.0 180 fix first');
    expect(text(pickup)).toContain('Pickup notice and pickup code 5.0% 2.0% … 9.0% 10% +1.1 +1.0 180 –');
    expect(text(pickup)).toContain('Association, not proof of cause');
  });

  it('says the why in brief beside the quotes and folds the full lists, linked from the brief line', () => {
    const page = html(REPORT);
    const pickup = section(page, 'electronics-pickup');
    expect(text(pickup)).toContain('Words that set the groups apart ( all words and quotes ) Detractors (0–6): jonossa, valmis, odottaa Promoters (9–10): nopeasti, ystävällinen');
    expect(pickup).toContain('<a href="#themes-electronics-pickup">');
    // The full lists in a fold of their own, left out of print (the digest prints).
    const fold = pickup.slice(pickup.indexOf('<details class="analyst print-omit"><summary>Comment themes'));
    expect(fold).toMatch(/^<details class="analyst print-omit"><summary>Comment themes in detail<\/summary>/);
    expect(fold.slice(0, fold.indexOf('</details>'))).toContain('id="themes-electronics-pickup"');
  });

  it('shows no drivers and no themes of a journey without them: its curve and quotes stand alone', () => {
    const washing = section(html(REPORT), WITHOUT_ANALYSES);
    expect(washing).toContain('class="quote-groups"');
    expect(washing).toContain('class="chart chart-emotion-curve"');
    expect(washing).not.toContain('Key drivers');
    expect(washing).not.toContain('class="themes');
    expect(washing).not.toContain('print-open');
  });

  it('is written in Finnish on the Finnish site', () => {
    const pickup = text(section(html(`/fi${REPORT}`), 'electronics-pickup'));
    expect(pickup).toContain('Useammin: arvostelijat (0–6) jonossa — 31 % vs. 5 %');
    expect(pickup).toContain('Arvostelijat (0–6): jonossa, valmis, odottaa Suosittelijat (9–10): nopeasti, ystävällinen');
    expect(pickup).toContain('Mikä selittää asiakkaiden halukkuutta suositella');
    expect(pickup).toContain('korjaa ensin');
    expect(pickup).toContain('Yhteys, ei todiste syystä');
  });
});

describe('the touchpoint report and the playbook', () => {
  it('show the touchpoint’s themes under what customers say, its groups named on the box basis', () => {
    for (const path of [TOUCHPOINT, PLAYBOOK]) {
      const page = text(html(path));
      expect(page, path).toContain('Each word: the share of 1–2 stars vs 4–5 stars who used it.');
      expect(page, path).toContain('Said more by 1–2 stars jono — 40% vs 8% Liian pitkä jono.');
      expect(page, path).toContain('Said more by 4–5 stars No word stands out.');
    }
  });

  it('say in one quiet line why a touchpoint without themes has none', () => {
    expect(text(html('/reports/2026-q3/electronics-pickup/web-order/'))).toContain('Not enough comments to compare groups.');
    expect(text(html('/playbooks/washing-machine/complaint-handling/'))).toContain('Not enough comments to compare groups.');
  });
});

describe('in Chromium', () => {
  it.each([REPORT, TOUCHPOINT, PLAYBOOK])('%s does not scroll sideways and has no text under 11 px, at 375 and 1280 px', async (path) => {
    for (const viewport of VIEWPORTS) {
      const page = await site.open(path, { viewport });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${viewport.width} px`).toBeLessThanOrEqual(viewport.width);
      expect((await textSizes(page)).filter((s) => s.px < 11), `${viewport.width} px`).toEqual([]);
    }
  });

  it('draws the drivers’ chart with no two labels overlapping, at 375 and 1280 px', async () => {
    for (const viewport of VIEWPORTS) {
      const page = await site.open(REPORT, { viewport });
      const charts = (await chartLabels(page)).filter((c) => c.chart.startsWith('drivers-'));
      // The pickup journey's drivers put in, and the group trip's the sample's own (10 touchpoints).
      expect(charts.length, `${viewport.width} px`).toBe(2);
      expect(overlappingLabels(charts, viewport.width)).toEqual([]);
    }
  });

  it.each([REPORT, TOUCHPOINT, PLAYBOOK, `/fi${REPORT}`])('%s has no WCAG 2.1 A/AA violations, light and dark', async (path) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await site.open(path, { colorScheme });
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      expect(await axeViolations(page), colorScheme).toEqual([]);
    }
  });

  it('screenshots the pickup journey’s themes and drivers at 375 and 1280 px into test-results/screenshots/', async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    for (const viewport of VIEWPORTS) {
      const page = await site.open(REPORT, { viewport });
      await page.locator('#electronics-pickup').locator('..').screenshot({ path: join(ARTEFACTS, `analyses-report-${viewport.width}.png`) });
      await page.locator('section:has(#electronics-pickup) .key-drivers').screenshot({ path: join(ARTEFACTS, `analyses-drivers-${viewport.width}.png`) });
      const playbook = await site.open(PLAYBOOK, { viewport });
      await playbook.locator('#customers-say').locator('..').screenshot({ path: join(ARTEFACTS, `analyses-playbook-${viewport.width}.png`) });
    }
  });
});

describe('in print', () => {
  // A4 less print.css's margins of 12 mm a side: 186 mm, 703 CSS px; the chart at most 90 mm (340 px) tall.
  it('keeps the drivers’ chart within the page width and 90 mm, and no chart, table row or theme split across pages', async () => {
    const page = await site.open(REPORT, { viewport: { width: 703, height: 1000 } });
    await page.emulateMedia({ media: 'print' });
    const layout = await page.evaluate(() => {
      const svg = [...document.querySelectorAll('.key-drivers figure.chart svg')].find((s) => s.getBoundingClientRect().width > 0)!.getBoundingClientRect();
      const unsplit = [...document.querySelectorAll('.key-drivers figure, .key-drivers tr, .theme-terms li')].map((e) => getComputedStyle(e).breakInside);
      return { width: svg.width, height: svg.height, unsplit: [...new Set(unsplit)] };
    });
    expect(layout.width).toBeLessThanOrEqual(703);
    expect(layout.height).toBeLessThanOrEqual(341);
    expect(layout.unsplit).toEqual(['avoid']);
  });

  it('prints the drivers’ table, its fix-first marks and the themes into the report’s PDF', async () => {
    const [pdf] = await renderReportPdfs({ dir: join(dir, 'dist'), base: undefined, snapshots: ['2026-q3'], siteTitle: 'Polku', lang: 'en' });
    const pages = spawnSync('pdftotext', ['-enc', 'UTF-8', pdf!.file, '-'], { encoding: 'utf8' }).stdout.split('\f');
    const all = pages.join(' ').replace(/\s+/g, ' ');
    // Themes print as their one-line digest (print.css), the full lists left to the screen.
    expect(all).toContain('Words that set the groups apart Detractors (0–6): jonossa');
    expect(all).not.toContain('Said more by detractors (0–6)');
    expect(all).toContain('Queueing at the service desk 14.0%');
    expect(all).toContain('Association, not proof of cause');
    // The chart's labels are text in the PDF, on the page of its caption.
    const chartPage = pages.find((p) => p.includes('Fix first: Queueing at the service desk, Web order'))!.replace(/\s+/g, ' ');
    expect(chartPage).toContain('High impact, low score');
  });
});
