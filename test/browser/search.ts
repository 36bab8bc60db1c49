// Drives Pagefind's search components the way a reader does: type, wait for the results to settle,
// read each result's title, type · journey line and link.
import type { Page } from 'playwright-core';

export interface Result {
  title: string;
  kind: string;
  href: string;
}

// The header's box is a form until its first focus loads Pagefind, whose box then takes its place.
const INPUT = { header: 'header [role="search"]:not([hidden]) input', main: 'main pagefind-input input' } as const;
const RESULT = {
  header: 'header a.pf-searchbox-result[href]',
  main: 'main pagefind-results li.pf-result:not([aria-hidden])',
} as const;

/** Polls until `probe` returns something other than null (at most `ms`), else fails with `what`. */
export async function waitFor<T>(probe: () => Promise<T | null>, what: string, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function read(page: Page, where: keyof typeof RESULT): Promise<Result[]> {
  return page.locator(RESULT[where]).evaluateAll((nodes) =>
    nodes.map((node) => {
      const link = (node.matches('a') ? node : node.querySelector('a')) as HTMLAnchorElement | null;
      const title = node.querySelector('.pf-searchbox-result-title, .pf-result-title');
      return { title: title?.textContent?.trim() ?? '', kind: node.querySelector('.search-result-kind')?.textContent?.trim() ?? '', href: link?.getAttribute('href') ?? '' };
    }),
  );
}

/**
 * Types `term` (when given) into the header's search box or the search page's input, and returns the
 * results once at least one is there and they stop changing.
 */
export async function searchResults(page: Page, where: 'header' | 'main', term?: string): Promise<Result[]> {
  if (term !== undefined) await page.locator(INPUT[where]).fill(term);
  let previous = '';
  return waitFor(async () => {
    const results = await read(page, where);
    const key = JSON.stringify(results);
    const settled = results.length > 0 && results.every((r) => r.title && r.href) && key === previous;
    previous = key;
    return settled ? results : null;
  }, `search results for "${term ?? '(filtered)'}"`);
}

/** The number of matching pages that Pagefind's summary on the search page reports. */
export async function resultCount(page: Page): Promise<number> {
  return waitFor(async () => {
    const text = await page.locator('main pagefind-summary').innerText();
    const match = /\d+/.exec(text);
    return match ? Number(match[0]) : null;
  }, 'the search summary');
}

/** Searches from the header and follows the result that links to `path`, as a mouse user would. */
export async function openSearchResult(page: Page, term: string, path: string): Promise<void> {
  const results = await searchResults(page, 'header', term);
  const index = results.findIndex((r) => r.href.endsWith(path));
  if (index < 0) throw new Error(`no result for "${term}" links to ${path}: ${JSON.stringify(results)}`);
  await Promise.all([page.waitForURL((url) => url.pathname.endsWith(path)), page.locator(RESULT.header).nth(index).click()]);
  await page.waitForLoadState('load');
}
