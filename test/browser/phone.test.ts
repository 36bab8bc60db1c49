// The sample site on a phone, in Chromium: text size and label overlaps in the charts at 375 px (from
// bounding boxes, as the reader sees them), no sideways scrolling at 360 px, the journey map's stages
// all in reach, and each table row's key figure visible without scrolling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartLabels, overlappingLabels, startSite, textSizes, type Site } from './browser.ts';

const PAGES = {
  home: '/',
  reports: '/reports/',
  report: '/reports/2026-q3/',
  'touchpoint report': '/reports/2026-q3/electronics-pickup/service-desk-queue/',
  journeys: '/journeys/',
  journey: '/journeys/washing-machine/',
  playbooks: '/playbooks/',
  playbook: '/playbooks/washing-machine/complaint-handling/',
  search: '/search/',
  'data quality': '/data-quality/',
  methodology: '/methodology/',
  authoring: '/authoring/',
  404: '/no-such-page/',
};
const PHONE = { width: 375, height: 800 };
const MIN_TEXT_PX = 11;

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

describe('on a 375 px phone', () => {
  it.each([PAGES.report, PAGES.journey, PAGES['touchpoint report']])('%s has no text under 11 CSS px, charts included', async (path) => {
    const page = await site.open(path, { viewport: PHONE });
    const sizes = await textSizes(page);
    expect(sizes.filter((s) => s.text.length > 0).length).toBeGreaterThan(20);
    // Chart text is there and counted.
    const inCharts = await page.evaluate(() => [...document.querySelectorAll('figure.chart svg text')].filter((t) => t.getBoundingClientRect().width > 0).length);
    expect(inCharts).toBeGreaterThan(10);
    expect(sizes.filter((s) => s.px < MIN_TEXT_PX)).toEqual([]);
  });

  it.each([PAGES.report, PAGES.journey, PAGES['touchpoint report']])('%s: no two labels of a chart overlap, at 375 and 1280 px', async (path) => {
    for (const viewport of [PHONE, { width: 1280, height: 900 }]) {
      const page = await site.open(path, { viewport });
      const charts = await chartLabels(page);
      expect(charts.length).toBeGreaterThan(0);
      expect(overlappingLabels(charts, viewport.width)).toEqual([]);
    }
  });

  it('shows every stage of the journey map whole, at 375 and 1280 px', async () => {
    for (const viewport of [PHONE, { width: 1280, height: 900 }]) {
      const page = await site.open(PAGES.journey, { viewport });
      const stages = await page.evaluate(() => [...document.querySelectorAll('.journey-map > section')].map((s) => {
        const r = s.getBoundingClientRect();
        return { title: s.querySelector('h2')!.textContent, x0: r.left, x1: r.right, width: document.documentElement.clientWidth };
      }));
      expect(stages.map((s) => s.title)).toEqual(['Awareness', 'Consideration', 'Purchase', 'Delivery', 'Installation', 'Aftercare']);
      for (const s of stages) expect(s.x0 >= 0 && s.x1 <= s.width, `${viewport.width} px: ${JSON.stringify(s)}`).toBe(true);
    }
  });

  it("keeps each touchpoint row's figures in view without sideways scrolling", async () => {
    const page = await site.open(PAGES.report, { viewport: PHONE });
    const cells = await page.evaluate(() => {
      const table = document.querySelector('table.stacked')!;
      const width = document.documentElement.clientWidth;
      return [...table.querySelectorAll('tbody td')].map((td) => {
        const r = td.getBoundingClientRect();
        return { text: td.textContent!.trim(), label: td.getAttribute('data-label'), inView: r.left >= 0 && r.right <= width };
      });
    });
    expect(cells.length).toBeGreaterThan(10);
    expect(cells.filter((c) => !c.inView)).toEqual([]);
    // Each figure says which column it is.
    expect(cells.filter((c) => c.text !== 'n < 10' && !c.label)).toEqual([]);
  });
});

describe('on a 360 px phone', () => {
  it.each(Object.entries(PAGES))('the %s page (%s) does not scroll sideways', async (_, path) => {
    const page = await site.open(path, { viewport: { width: 360, height: 740 } });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
});
