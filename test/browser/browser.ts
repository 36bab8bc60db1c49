// Shared setup of the browser tests: the sample site built once per test file into a temporary
// folder, served on localhost, and Debian's Chromium driven by playwright-core (no browser download).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { buildSite, PROJECT } from '../build-site.ts';
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

/** Builds the sample site (with the given environment, e.g. POLKU_BASE), serves it, starts Chromium. */
export async function startSite(env: Record<string, string> = {}): Promise<Site> {
  const executablePath = chromiumPath();
  const dir = mkdtempSync(join(tmpdir(), 'polku-browser-'));
  const dist = join(dir, 'dist');
  const result = buildSite(dist, env);
  if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
  const server = await serveStatic(dist, env.POLKU_BASE ?? '/');
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
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
