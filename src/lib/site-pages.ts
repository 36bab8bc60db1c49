// Every path the site will have (without the base), known before Astro renders: the playbook link
// check in the MDX pipeline tests links against it.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { touchpointHistoryPath } from './open-data.ts';

const STATIC_PAGES = ['/', '/reports/', '/journeys/', '/playbooks/', '/methodology/', '/data-quality/', '/authoring/', '/search/'];

const names = (dir: string, pattern: RegExp) => (existsSync(dir) ? readdirSync(dir).filter((n) => pattern.test(n)).map((n) => n.replace(pattern, '')) : []);

export function sitePages(contentDir: string, snapshotIds: string[]): Set<string> {
  const pages = new Set(STATIC_PAGES);
  for (const id of snapshotIds) {
    pages.add(`/reports/${id}/`);
    pages.add(`/data/${id}.json`);
    pages.add(`/data/${id}.csv`);
  }
  for (const journey of names(join(contentDir, 'journeys'), /\.ya?ml$/)) pages.add(`/journeys/${journey}/`);
  const touchpoints = join(contentDir, 'touchpoints');
  for (const journey of existsSync(touchpoints) ? readdirSync(touchpoints) : []) {
    for (const touchpoint of names(join(touchpoints, journey), /\.mdx?$/)) {
      pages.add(`/playbooks/${journey}/${touchpoint}/`);
      pages.add(touchpointHistoryPath(journey, touchpoint));
    }
  }
  return pages;
}
