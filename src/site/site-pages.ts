// Every path the site will have (without the base), known before Astro renders, from the content's
// files and the snapshot files' ids: the playbook link check in the MDX pipeline tests links against
// it. The snapshots' order is not known yet, so comparison pages are not in it (the sitemap, made from
// the model, has them).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGE_SUFFIX } from '../lib/project/content.ts';
import { sitePaths } from './routes.ts';

const names = (dir: string, pattern: RegExp) => (existsSync(dir) ? readdirSync(dir).filter((n) => pattern.test(n)).map((n) => n.replace(pattern, '')) : []);

export function sitePages(contentDir: string, snapshotIds: string[]): Set<string> {
  const touchpoints = join(contentDir, 'touchpoints');
  const folders = existsSync(touchpoints) ? readdirSync(touchpoints) : [];
  const journeys = [...new Set([...names(join(contentDir, 'journeys'), /\.ya?ml$/), ...folders])];
  return new Set(
    sitePaths({
      snapshots: snapshotIds.map((id) => ({ id, previous: null })),
      journeys: journeys.map((id) => ({ id, touchpoints: [...new Set(names(join(touchpoints, id), /\.mdx?$/).map((n) => n.replace(LANGUAGE_SUFFIX, '')))] })),
    }),
  );
}
