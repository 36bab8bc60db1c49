// The bilingual sample site (English at the root, Finnish under /fi/) in Chromium: the language
// switcher keeps the reader on the same page, and each language's search finds what a reader of that
// language types first. The relevance terms are the (#22); each needs the playbook written in
// the language searched: desk-handover.en.mdx and installation.fi.mdx are. A playbook on a phone, in
// both languages, screenshot into test-results/screenshots/ (not committed; docs/screenshots/ holds the ones a person looked at).
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/site/i18n.ts';
import { PROJECT } from '../build-site.ts';
import { ARTEFACTS, startSite, type Site } from './browser.ts';
import { resultCount, searchResults, waitFor } from './search.ts';

const latest = readdirSync(join(PROJECT, 'data/snapshots')).map((f) => f.replace(/\.csv$/, '')).sort().at(-1)!;
let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

describe('the language switcher', () => {
  it.each([
    ['playbook', '/playbooks/electronics-pickup/desk-handover/'],
    ['report', `/reports/${latest}/`],
    ['journey', '/journeys/electronics-pickup/'],
  ])('keeps the reader on the same %s page in the other language, and back', async (_, path) => {
    const page = await site.open(path);
    await Promise.all([page.waitForURL((url) => url.pathname === `/fi${path}`), page.locator('nav.languages').getByRole('link', { name: 'suomi' }).click()]);
    expect(await page.locator('html').getAttribute('lang')).toBe('fi');
    await Promise.all([page.waitForURL((url) => url.pathname === path), page.locator('nav.languages').getByRole('link', { name: 'English' }).click()]);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });
});

describe('search in each language', () => {
  // [start page, term, the first result's address]
  const firsts: [string, string, string][] = [
    ['/', 'pickup counter', '/playbooks/electronics-pickup/desk-handover/'],
    ['/', 'installation', '/playbooks/washing-machine/installation/'],
    ['/fi/', 'luovutus', '/fi/playbooks/electronics-pickup/desk-handover/'],
    ['/fi/', 'asennus', '/fi/playbooks/washing-machine/installation/'],
  ];

  it.each(firsts)('on %s, "%s" finds %s first from the header', async (start, term, first) => {
    const page = await site.open(start);
    const results = await searchResults(page, 'header', term);
    expect(results[0]?.href, JSON.stringify(results, null, 1)).toBe(first);
  });

  it.each(firsts)('on %ssearch/, "%s" finds %s first', async (start, term, first) => {
    const page = await site.open(`${start}search/`);
    const results = await searchResults(page, 'main', term);
    expect(results[0]?.href, JSON.stringify(results, null, 1)).toBe(first);
    // Only pages of the reader's language.
    for (const r of results) expect(r.href.startsWith('/fi/'), r.href).toBe(start === '/fi/');
  });

  it('filters the Finnish search page by type', async () => {
    const t = translator('fi');
    const page = await site.open('/fi/search/');
    await searchResults(page, 'main', 'asiakas');
    const total = await resultCount(page);
    await page.locator('main pagefind-filter-pane').getByRole('checkbox', { name: new RegExp(`^${t('playbook')} \\d+$`) }).check();
    await waitFor(async () => {
      const count = await resultCount(page);
      const now = await searchResults(page, 'main');
      return count < total && now.every((r) => r.kind.startsWith(`${t('playbook')} · `)) ? count : null;
    }, 'Finnish playbooks only');
  });
});

describe('what the search index holds', () => {
  it.each([`/reports/${latest}/`, `/reports/${latest}/electronics-pickup/desk-handover/`, '/journeys/electronics-pickup/', '/playbooks/electronics-pickup/desk-handover/'])(
    'leaves the charts, tables and figure cards of %s out (data-pagefind-ignore)',
    async (path) => {
      const page = await site.open(path);
      const indexed = await page.evaluate(() =>
        [...document.querySelectorAll('[data-pagefind-body] :is(svg, table, ul.figures, .card .score)')].filter((e) => !e.closest('[data-pagefind-ignore]')).map((e) => e.outerHTML.slice(0, 80)),
      );
      expect(await page.locator('[data-pagefind-body]').count()).toBe(1);
      expect(indexed).toEqual([]);
    },
  );
});

describe('a playbook on a phone (375 px)', () => {
  it.each([
    ['en', '/playbooks/electronics-pickup/desk-handover/'],
    ['fi', '/fi/playbooks/electronics-pickup/desk-handover/'],
  ])('in %s, shows the service promise and the steps before the figures, lists its sections, and is screenshot into test-results/screenshots/', async (lang, path) => {
    const page = await site.open(path, { viewport: { width: 375, height: 812 } });
    const top = (selector: string) => page.locator(selector).first().evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
    const promise = await top('blockquote.promise');
    const steps = await top('article ol');
    const figures = await top('#figures');
    // The promise on the first screen, the steps before the figures.
    expect(promise).toBeLessThan(812);
    expect(steps).toBeLessThan(figures);
    const listed = await page.locator('nav.on-this-page a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(listed).toContain('#figures');
    for (const link of listed) expect(await page.locator(link).count(), link).toBe(1);
    const dir = ARTEFACTS;
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `playbook-${lang}-375.png`);
    await page.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(10_000);
  });
});
