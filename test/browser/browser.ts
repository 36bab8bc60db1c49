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
  const executablePath = chromiumPath();
  const dist = sharedBuild(options);
  const server = await serveStatic(dist, options.env?.POLKU_BASE ?? '/');
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
