// What a page is in the site search (Pagefind): its type and, where it has them, the journey, stage
// and channels that the search page filters by. Layout.astro renders these as empty elements with
// data-pagefind-filter / data-pagefind-meta attributes inside the indexed <main>.
import { defaultLang, latest, strings, type PageLanguage } from './model';

export type SearchType = 'playbook' | 'journey' | 'report';

export interface SearchEntry {
  type: SearchType;
  /** Journey id; its title is what the filter and the result show. */
  journey?: string;
  /** Stage id of that journey. */
  stage?: string;
  channels?: string[];
  /** Words the page is also found by, not shown (e.g. the English words of a Finnish playbook's id). */
  keywords?: string[];
}

/** Filter and meta values of an entry, in the page's language and the content's titles in it. */
export interface SearchFacets {
  type: string;
  journey?: string;
  stage?: string;
  channels: string[];
  keywords: string;
}

/**
 * Filter names as the search page shows them: Pagefind's filter pane titles each group with the
 * filter's own name, so the names are the interface words of the page's language (each language has
 * its own index, so its own filters).
 */
export const searchFilterName = ({ t }: PageLanguage) => ({
  type: t('type'),
  journey: t('journey'),
  stage: t('stage'),
  channel: t('channel'),
});

/**
 * A page says what it is with Layout's `search` prop, from what it shows (never from its path):
 * journey maps, playbooks, and the latest snapshot's reports are searchable (older snapshots would
 * repeat every touchpoint once per quarter in the results; they are one click away on the reports
 * page). Home, lists, methodology and data quality are not indexed.
 *
 * A report of `snapshot` (its report, comparison, or the touchpoint report of `at`): indexed only for
 * the latest snapshot; a touchpoint report gets its journey's, stage's and channels' filters.
 */
export function reportSearch(snapshot: string, at?: { journey: string; touchpoint: string }): SearchEntry | false {
  if (snapshot !== latest.id) return false;
  return at ? touchpointSearch('report', at.journey, at.touchpoint) : { type: 'report' };
}

/** A playbook's or touchpoint report's entry: its journey, stage, channels, and its ids' words. */
export function touchpointSearch(type: SearchType, journey: string, touchpoint: string): SearchEntry {
  // Stage and channels are the same in every language.
  const found = strings(defaultLang).touchpointInfo(journey, touchpoint);
  if (!found) return { type, journey };
  // Ids are the authors' English names: a Finnish playbook in pickup-code.mdx is found by "pickup code".
  const keywords = [touchpoint, found.stage.id].map((id) => id.replace(/-/g, ' '));
  return { type, journey, stage: found.stage.id, channels: found.touchpoint.channels, keywords };
}

export function searchFacets({ t, journeyInfo }: PageLanguage, entry: SearchEntry): SearchFacets {
  const journey = entry.journey ? journeyInfo(entry.journey) : undefined;
  const stage = journey && entry.stage ? journey.stages.find((s) => s.id === entry.stage)?.title : undefined;
  return { type: t(entry.type), journey: journey?.title, stage, channels: [...new Set(entry.channels ?? [])], keywords: (entry.keywords ?? []).join(' ') };
}
