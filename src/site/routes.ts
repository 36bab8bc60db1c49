// Every address of the site, written once: pages, components, the build script, the PDF printer,
// the sitemap and the playbook link check take their paths from here, and nothing reads an id back
// out of a path. Paths are inside the site, without the base ('/reports/2026-q3/'); withBase puts a
// site served from a sub-folder (POLKU_BASE) in front. Plain TypeScript: the build script and
// astro.config.mjs use it before Astro runs.

export const route = {
  home: () => '/',
  reports: () => '/reports/',
  /** A snapshot's report. */
  report: (snapshot: string) => `/reports/${snapshot}/`,
  /** A journey's section of a snapshot's report (there is no page of its own). */
  reportJourney: (snapshot: string, journey: string) => `${route.report(snapshot)}#${journey}`,
  /** A snapshot against the one before it; only snapshots with a previous one have it. */
  compare: (snapshot: string) => `${route.report(snapshot)}compare/`,
  touchpointReport: (snapshot: string, journey: string, touchpoint: string) => `${route.report(snapshot)}${journey}/${touchpoint}/`,
  /** Written by `npm run pdf` only. */
  reportPdf: (snapshot: string) => `${route.report(snapshot)}${snapshot}.pdf`,
  journeys: () => '/journeys/',
  journey: (journey: string) => `/journeys/${journey}/`,
  playbooks: () => '/playbooks/',
  playbook: (journey: string, touchpoint: string) => `/playbooks/${journey}/${touchpoint}/`,
  dataQuality: () => '/data-quality/',
  /** The methodology page, or one of its sections. */
  methodology: (section?: string) => (section ? `/methodology/#${section}` : '/methodology/'),
  authoring: () => '/authoring/',
  search: () => '/search/',
  notFound: () => '/404.html',
  snapshotJson: (snapshot: string) => `/data/${snapshot}.json`,
  snapshotCsv: (snapshot: string) => `/data/${snapshot}.csv`,
  /** A touchpoint's row of every snapshot's table. */
  touchpointHistoryCsv: (journey: string, touchpoint: string) => `/data/history/${journey}/${touchpoint}.csv`,
};

/**
 * A path in a language: the default language's pages are at the root, each other language's under its
 * prefix ('/fi/reports/'). Files (open data, PDFs) have one address for every language: a page's path
 * ends in '/' (or '/#section'), a file's does not.
 */
export function inLanguage(path: string, lang: string, defaultLang: string): string {
  const isPage = /\/(#.*)?$/.test(path);
  return lang === defaultLang || !isPage ? path : `/${lang}${path}`;
}

/** The language of a path inside the site (without the base): its prefix, else the default. */
export function languageOf(path: string, languages: readonly string[], defaultLang: string): string {
  const prefix = /^\/([a-z]{2})(\/|$)/.exec(path)?.[1];
  return prefix && prefix !== defaultLang && languages.includes(prefix) ? prefix : defaultLang;
}

/** The same page in another language: `/fi/journeys/x/` → `/journeys/x/` (default en), and back. */
export function translatedPath(path: string, to: string, languages: readonly string[], defaultLang: string): string {
  const from = languageOf(path, languages, defaultLang);
  const bare = from === defaultLang ? path : path.slice(from.length + 1);
  return inLanguage(bare, to, defaultLang);
}

/** A path inside the site under the base the site is served from ('/' or '/polku/', with or without the last slash). */
export function withBase(base: string, path: string): string {
  return `${base.replace(/\/$/, '')}/${path.replace(/^\//, '')}`;
}

/** Where a path's file or folder is in the built site, relative to it: '/data/x.json' → 'data/x.json', '/reports/x/' → 'reports/x'. */
export function outputPath(path: string): string {
  return path.replace(/^\//, '').replace(/\/$/, '');
}

/** What decides the site's addresses: the snapshots (oldest first) and each journey's touchpoints. */
export interface SiteOutline {
  /** `previous: null` for the oldest, and wherever the order is not known yet (no comparison then). */
  snapshots: { id: string; previous: string | null }[];
  journeys: { id: string; touchpoints: string[] }[];
}

/** The outline of a site model (src/lib/model/site-model.ts), or of anything shaped like it. */
export function outlineOf(model: { snapshots: { id: string; previous: string | null }[]; journeys: { id: string; stages: { touchpoints: { id: string }[] }[] }[] }): SiteOutline {
  return {
    snapshots: model.snapshots.map(({ id, previous }) => ({ id, previous })),
    journeys: model.journeys.map((j) => ({ id: j.id, touchpoints: j.stages.flatMap((s) => s.touchpoints.map((t) => t.id)) })),
  };
}

/** Each touchpoint report of a snapshot, as the route's parameters. */
export function touchpointReports(snapshot: string, journeys: SiteOutline['journeys']): { snapshot: string; journey: string; touchpoint: string }[] {
  return journeys.flatMap((j) => j.touchpoints.map((touchpoint) => ({ snapshot, journey: j.id, touchpoint })));
}

/** Every path the site has, pages and open data (not the 404 page, nor PDFs, which only `npm run pdf` writes), in the default language. */
export function sitePaths(outline: SiteOutline): string[] {
  const paths = [route.home(), route.reports(), route.journeys(), route.playbooks(), route.methodology(), route.dataQuality(), route.authoring(), route.search()];
  for (const { id, previous } of outline.snapshots) {
    paths.push(route.report(id), route.snapshotJson(id), route.snapshotCsv(id));
    if (previous !== null) paths.push(route.compare(id));
    for (const r of touchpointReports(id, outline.journeys)) paths.push(route.touchpointReport(r.snapshot, r.journey, r.touchpoint));
  }
  for (const j of outline.journeys) {
    paths.push(route.journey(j.id));
    for (const touchpoint of j.touchpoints) paths.push(route.playbook(j.id, touchpoint), route.touchpointHistoryCsv(j.id, touchpoint));
  }
  return paths;
}
