// The site built for a sub-folder (POLKU_BASE=/polku/) and with its public address (POLKU_SITE), served
// from that folder only: the search finds and opens pages under the folder, nothing loads from the
// server's root, and the sitemap lists absolute URLs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { distFiles } from '../dist-files.ts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type Site } from './browser.ts';
import { openSearchResult, searchResults } from './search.ts';

const BASE = '/polku/';
const SITE = 'https://cx.example.fi';
let site: Site;

beforeAll(async () => {
  site = await startSite({ env: { POLKU_BASE: BASE, POLKU_SITE: SITE } });
});
afterAll(async () => {
  await site?.close();
});

describe('a site served from a sub-folder', () => {
  it('searches from the header and opens the playbook under the folder, loading nothing from outside it', async () => {
    const failed: string[] = [];
    const watched = (page: Page) => page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    const page = watched(await site.open('/'));
    const results = await searchResults(page, 'header', 'jono');
    expect(results.every((r) => r.href.startsWith(BASE)), JSON.stringify(results)).toBe(true);
    // A Finnish word finds the Finnish playbook in the Finnish site's search (/fi/ under the folder).
    const fi = watched(await site.open('/fi/'));
    await openSearchResult(fi, 'noutokoodi', `${BASE}fi/playbooks/electronics-pickup/pickup-code/`);
    expect(new URL(fi.url()).pathname).toBe(`${BASE}fi/playbooks/electronics-pickup/pickup-code/`);
    expect(await fi.locator('main h1').count()).toBe(1);
    expect(failed).toEqual([]);
  });

  it('links the menu, stylesheet and favicon under the folder', async () => {
    const page = await site.open('/methodology/');
    const hrefs = await page.locator('header a[href], link[href]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('href')!));
    // The hreflang alternates are absolute (POLKU_SITE is set), under the folder too.
    expect(hrefs.filter((h) => !h.startsWith(BASE) && !h.startsWith(`${SITE}${BASE}`) && !h.startsWith('#'))).toEqual([]);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('header.site')!).borderBottomStyle)).toBe('solid');
  });

  it('writes sitemap.xml with absolute URLs when POLKU_SITE is set', () => {
    const sitemap = readFileSync(join(site.dist, 'sitemap.xml'), 'utf8');
    const urls = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(urls).toContain(`${SITE}${BASE}`);
    expect(urls).toContain(`${SITE}${BASE}playbooks/electronics-pickup/pickup-code/`);
    expect(urls).toContain(`${SITE}${BASE}search/`);
    expect(urls.every((u) => u.startsWith(`${SITE}${BASE}`) && u.endsWith('/'))).toBe(true);
    // Every listed page exists.
    for (const url of urls) expect(existsSync(join(site.dist, url.slice(`${SITE}${BASE}`.length), 'index.html')), url).toBe(true);
    // And every page is listed: touchpoint reports and comparisons too. Only the 404 page is left out on purpose.
    const listed = new Set(urls.map((u) => `${u.slice(`${SITE}${BASE}`.length)}index.html`));
    const pages = [...distFiles(site.dist).keys()].map((f) => f.split('\\').join('/')).filter((f) => f.endsWith('.html'));
    expect(pages.filter((f) => !listed.has(f) && f !== '404.html')).toEqual([]);
    expect(listed).toContain('reports/2026-q1/compare/index.html');
    expect(listed).toContain('reports/2026-q1/electronics-pickup/pickup-code/index.html');
  });
});
