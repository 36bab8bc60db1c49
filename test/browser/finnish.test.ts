// The search of a Finnish site (`"site": { "lang": "fi" }`): Pagefind stems Finnish, so an inflected
// form that no page has finds the pages with other forms of the word; the search page and its filters
// speak Finnish.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/site/i18n.ts';
import { FINNISH } from '../build-site.ts';
import { startSite, type Site } from './browser.ts';
import { searchResults } from './search.ts';

const t = translator('fi');
let site: Site;

beforeAll(async () => {
  site = await startSite(FINNISH);
});
afterAll(async () => {
  await site?.close();
});

describe('the search of a Finnish site', () => {
  it('finds "jonoissa", a form no page has, on every playbook with another form of jono', async () => {
    // An English index finds two of these by similarity alone; the Finnish stemmer finds them all.
    const page = await site.open('/search/', { viewport: { width: 1280, height: 3000 } });
    const results = await searchResults(page, 'main', 'jonoissa');
    const playbooks = results.filter((r) => r.kind.startsWith(`${t('playbook')} · `)).map((r) => r.href);
    for (const touchpoint of ['service-desk-queue', 'desk-handover', 'store-arrival', 'follow-up']) {
      expect(playbooks).toContain(`/playbooks/electronics-pickup/${touchpoint}/`);
    }
  });

  it('has its search page, filters and Pagefind texts in Finnish', async () => {
    const page = await site.open('/search/');
    await searchResults(page, 'main', 'asiakas');
    const groups = await page.locator('main pagefind-filter-pane .pf-filter-group-name').allTextContents();
    expect(groups.sort()).toEqual([t('channel'), t('journey'), t('stage'), t('type')].sort());
    expect(await page.locator('main pagefind-summary').innerText()).not.toMatch(/results? for/);
    expect(await page.locator('main pagefind-input input').getAttribute('placeholder')).not.toBe('Search');
  });
});
