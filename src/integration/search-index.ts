// The site's search index, written after Astro built the pages (the Polku integration's
// astro:build:done hook).
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import * as pagefind from 'pagefind';

/**
 * Pagefind indexes what pages mark with data-pagefind-body (see src/layouts/Layout.astro), an index
 * per language by each page's <html lang>, stemming in that language: a reader's search box searches
 * the index of the page's language. Only those pages are handed to it: it would otherwise parse every page of
 * every snapshot only to skip it (most of its time at 40 snapshots). Sorted, so the index is the same
 * from build to build.
 */
export async function indexForSearch(dir: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
  const problems: string[] = [];
  let pages = 0;
  for (const sourcePath of htmlFiles(dir).sort()) {
    const content = readFileSync(join(dir, sourcePath), 'utf8');
    if (!content.includes('data-pagefind-body')) continue;
    const added = await index.addHTMLFile({ sourcePath, content });
    problems.push(...added.errors);
    pages++;
  }
  const written = await index.writeFiles({ outputPath: join(dir, 'pagefind') });
  problems.push(...written.errors);
  await pagefind.close();
  if (problems.length) throw new Error(`Pagefind: ${problems.join('; ')}`);
  console.log(`search index: ${pages} pages`);
}

/** Paths of the HTML files under `dir`, relative to it, with '/' between folders. */
function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.html'))
    .map((path) => path.split(sep).join('/'));
}
