// The site model for pages, from the Polku integration (src/integration/): `virtual:polku/model`
// reads the model file the build wrote.
import { keptPages, model, pdf } from 'virtual:polku/model';
import { formatter, translator, type Lang } from './i18n.ts';
import { inLanguage, languageOf as languageOfPath, withBase } from './routes.ts';
import type { CellModel, SiteModel, TouchpointModel } from '../lib/model/site-model.ts';
import { suppressionLabel } from './suppression-label.ts';

export { model };
/** Report pages link their PDF: `npm run pdf` writes each beside its report. */
export const linksPdf = pdf;

/** The site's languages, the default (at the root) first. */
export const languages = model.site.languages;
export const defaultLang = model.site.lang;

/** Everything a page writes in its language: strings, number formats, links and the content in that language. */
export type PageLanguage = ReturnType<typeof languageOf>;

function languageOf(lang: Lang) {
  const t = translator(lang);
  const fmt = formatter(lang);
  const journeys = model.journeys.map((j) => journeyIn(j, lang));
  const journeyInfo = (id: string) => journeys.find((j) => j.id === id)!;
  const touchpointInfo = (journeyId: string, touchpointId: string) => findTouchpoint(journeyInfo(journeyId), touchpointId);
  return {
    lang,
    t,
    fmt,
    /** A page's path (a `route` of src/site/routes.ts) in this language, under the configured base; a file's as it is. */
    href: (path: string) => siteHref(inLanguage(path, lang, defaultLang)),
    /** What a cell hidden for too few respondents shows instead of its figures (charts, where a point has no cell). */
    suppressedText: t('suppressed', { min: model.privacy.minRespondents }),
    /** What a suppressed cell shows instead of its figures: the reason it is hidden. */
    hiddenText: (cell: Pick<CellModel, 'suppressedFor'>) => suppressionLabel(t, model.privacy.minRespondents, cell),
    /** Number formats for chart labels. */
    chartNumbers: { value: (x: number) => fmt.decimal(x, 1), integer: fmt.integer, percent: (x: number) => fmt.percent(x), signed: (x: number) => fmt.signed(x) },
    /** The journeys as this language's pages show them: translated where a translation exists, each part marked with the language it is in. */
    journeys,
    journeyInfo,
    touchpointInfo,
    stageTitle: (journeyId: string, stageId: string) => journeyInfo(journeyId).stages.find((s) => s.id === stageId)?.title ?? stageId,
    touchpointTitle: (journeyId: string, touchpointId: string) => touchpointInfo(journeyId, touchpointId)?.touchpoint.title ?? touchpointId,
  };
}

const byLanguage = new Map<Lang, PageLanguage>();
/** A language's strings, formats and content, made once per build. */
export function strings(lang: Lang): PageLanguage {
  let page = byLanguage.get(lang);
  if (!page) byLanguage.set(lang, (page = languageOf(lang)));
  return page;
}

/** The language of the page being rendered, from its address (`/fi/…`; the default language at the root). */
export function pageLanguage(astro: { url: URL }): PageLanguage {
  return strings(languageOfPath(sitePath(astro.url.pathname), languages, defaultLang) as Lang);
}

/** A path as routes.ts writes it: without the base the site is served from. */
export function sitePath(pathname: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  return pathname.startsWith(base) ? pathname.slice(base.length) || '/' : pathname;
}

/** The journey in `lang` where it is translated; each part keeps its own `lang` where it is not. */
function journeyIn(journey: SiteModel['journeys'][number], lang: Lang): JourneyInfo {
  const own = journey.lang ?? defaultLang;
  const text = own === lang ? undefined : journey.translations[lang];
  return {
    ...journey,
    lang: text ? lang : own,
    title: text?.title ?? journey.title,
    summary: text?.summary ?? journey.summary,
    personas: text?.personas ?? journey.personas,
    stages: journey.stages.map((stage) => ({
      ...stage,
      title: text?.stages[stage.id] ?? stage.title,
      touchpoints: stage.touchpoints.map((tp) => {
        const words = (tp.lang ?? own) === lang ? undefined : tp.translations[lang];
        return words ? { ...tp, ...words, lang } : { ...tp, lang: tp.lang ?? own };
      }),
    })),
  };
}

/**
 * The snapshots whose touchpoint reports and open data this build renders: not those it keeps from
 * the previous build (scripts/build.ts, src/lib/model/kept-pages.ts).
 */
const kept = new Set(keptPages);
export const renderedSnapshots = model.snapshots.filter((s) => !kept.has(s.id));

/** Newest first, as readers look for them. */
export const snapshotsNewestFirst = [...model.snapshots].reverse();
export const latest = model.snapshots.at(-1)!;

/** A path inside the site under the configured base, the same in every language (the search bundle's folder); pages take theirs from `href` of their language. */
export const siteHref = (path: string) => withBase(import.meta.env.BASE_URL, path);

/** A journey as a language's pages show it; its `lang`, and each touchpoint's, is the language its words are in. */
export type JourneyInfo = SiteModel['journeys'][number];
export type TouchpointInfo = JourneyInfo['stages'][number]['touchpoints'][number];

/** Each snapshot's touchpoints by `journey/touchpoint`, indexed once: pages look them up by the thousand. */
const touchpointsBySnapshot = new Map(
  model.snapshots.map((snapshot) => {
    const byKey = new Map<string, TouchpointModel>();
    for (const j of snapshot.journeys) for (const s of j.stages) for (const t of s.touchpoints) byKey.set(`${j.id}/${t.id}`, t);
    return [snapshot.id, byKey];
  }),
);

/** How many snapshots a page's history shows (`site.historyLength`); the full series is in open data. */
export const historyLength = model.site.historyLength;

/** The snapshots a page's history shows: the last `historyLength` up to `id`, oldest first, itself last. */
export function recentSnapshots(id: string) {
  const index = model.snapshots.findIndex((s) => s.id === id);
  return model.snapshots.slice(Math.max(0, index + 1 - historyLength), index + 1);
}

/** A touchpoint's cell in each of the recent snapshots up to `upTo` (the latest unless given), oldest first. */
export function touchpointHistory(journeyId: string, touchpointId: string, upTo: string = latest.id) {
  const key = `${journeyId}/${touchpointId}`;
  return recentSnapshots(upTo).map((snapshot) => ({ snapshot, touchpoint: touchpointsBySnapshot.get(snapshot.id)!.get(key) ?? null }));
}

function findTouchpoint(journey: JourneyInfo, touchpointId: string): { stage: JourneyInfo['stages'][number]; touchpoint: TouchpointInfo } | null {
  for (const stage of journey.stages) for (const touchpoint of stage.touchpoints) if (touchpoint.id === touchpointId) return { stage, touchpoint };
  return null;
}

export function latestTouchpoint(journeyId: string, touchpointId: string) {
  return touchpointHistory(journeyId, touchpointId).at(-1)!.touchpoint;
}

/** The newest snapshot where a touchpoint is published, with its model there; null when it never is. */
export function latestPublished(journeyId: string, touchpointId: string) {
  const key = `${journeyId}/${touchpointId}`;
  for (const snapshot of snapshotsNewestFirst) {
    const touchpoint = touchpointsBySnapshot.get(snapshot.id)!.get(key);
    if (touchpoint && !touchpoint.cell.suppressed) return { snapshot, touchpoint };
  }
  return null;
}

/** Redacted comments of the latest snapshot at a touchpoint (empty when none may be published). */
export function latestComments(journeyId: string, touchpointId: string) {
  return latest.comments[journeyId]?.[touchpointId] ?? [];
}

export function snapshotById(id: string | null) {
  return id === null ? undefined : model.snapshots.find((s) => s.id === id);
}
