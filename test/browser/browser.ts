// Shared setup of the browser tests: the sample site built once per test run for each set of options
// (sharedBuild: the other test files that read the same build share it), served on localhost, and
// Debian's Chromium driven by playwright-core (no browser download).
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { PROJECT, sharedBuild, type SampleBuild } from '../build-site.ts';
import { chromiumPath, CHROMIUM_ARGS } from './chromium.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

export const AXE = resolve(PROJECT, 'node_modules/axe-core/axe.min.js');
export const ARTEFACTS = resolve(PROJECT, 'test-results/screenshots');

export interface Site {
  dist: string;
  server: StaticServer;
  browser: Browser;
  /** A page of the site in a new browser context (light scheme unless told). */
  open(path: string, options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

/** The sample site built with the given options (e.g. POLKU_BASE in the environment), served, and Chromium started. */
export async function startSite(options: SampleBuild = {}): Promise<Site> {
  return serveSite(sharedBuild(options), options.env?.POLKU_BASE ?? '/');
}

/** A built site in `dist`, served under `base`, and Chromium started. */
export async function serveSite(dist: string, base = '/'): Promise<Site> {
  const executablePath = chromiumPath();
  const server = await serveStatic(dist, base);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const pages: Page[] = [];
  return {
    dist,
    server,
    browser,
    async open(path, options = {}) {
      const context = await browser.newContext({ colorScheme: 'light', viewport: { width: 1280, height: 900 }, ...options });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      pages.push(page);
      const response = await page.goto(new URL(path.replace(/^\//, ''), server.url).href);
      if (!response) throw new Error(`no response for ${path}`);
      if (errors.length) throw new Error(`script errors on ${path}: ${errors.join('; ')}`);
      return page;
    },
    async close() {
      for (const page of pages) await page.context().close().catch(() => {});
      await browser.close();
      await server.close();
    },
  };
}

/** Every visible text in the page with its rendered font size in CSS px (an SVG's scale included). */
export function textSizes(page: Page) {
  return page.evaluate(() => {
    const out: { text: string; px: number }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      const text = node.textContent?.trim();
      if (!el || !text || el.closest('title, desc, script, style, .visually-hidden, .skip')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rect = range.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const svg = el.closest('svg');
      // An SVG scales its text by its drawn width over its viewBox width.
      const scale = svg && svg.viewBox.baseVal?.width ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1;
      out.push({ text: text.slice(0, 40), px: Math.round(parseFloat(getComputedStyle(el).fontSize) * scale * 10) / 10 });
    }
    return out;
  });
}

/** Bounding boxes of the visible text elements of each visible chart, as drawn. */
export function chartLabels(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('figure.chart svg[role="img"]')]
      .filter((svg) => svg.getBoundingClientRect().width > 0)
      .map((svg) => ({
        chart: svg.id || svg.getAttribute('aria-labelledby')!,
        labels: [...svg.querySelectorAll('text')].map((t) => {
          const r = t.getBoundingClientRect();
          return { text: t.textContent!.trim().slice(0, 30), x0: r.left, x1: r.right, y0: r.top, y1: r.bottom };
        }).filter((b) => b.text && b.x1 > b.x0),
      })),
  );
}

/** Each pair of labels of a chart whose boxes overlap, as "375 px, chart: "a" and "b"". */
export function overlappingLabels(charts: Awaited<ReturnType<typeof chartLabels>>, width: number): string[] {
  const overlaps: string[] = [];
  for (const { chart, labels } of charts) {
    // Half a pixel of tolerance: glyph boxes of neighbouring lines of one label touch.
    labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => {
      const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
      const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
      if (w > 0.5 && h > 0.5) overlaps.push(`${width} px, ${chart}: "${a.text}" and "${b.text}"`);
    }));
  }
  return overlaps;
}

/** axe-core's WCAG 2.1 A and AA violations on the page as it is now, with where and why. */
export async function axeViolations(page: Page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => (window as any).axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return (result.violations as any[]).map((v) => ({
    rule: v.id,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n: any) => `${n.target.join(' ')}: ${n.failureSummary}`),
  }));
}
