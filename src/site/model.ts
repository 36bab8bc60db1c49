// The site model for pages, from the Polku integration (src/integration/): `virtual:polku/model`
// reads the model file the build wrote.
import { keptPages, model, pdf } from 'virtual:polku/model';
import { formatter, translator } from './i18n.ts';
import { withBase } from './routes.ts';
import type { CellModel, SiteModel, TouchpointModel } from '../lib/model/site-model.ts';
import { suppressionLabel } from './suppression-label.ts';

export { model };
/** Report pages link their PDF: `npm run pdf` writes each beside its report. */
export const linksPdf = pdf;

export const lang = model.site.lang;
export const t = translator(lang);
export const fmt = formatter(lang);
/** What a cell hidden for too few respondents shows instead of its figures (charts, where a point has no cell). */
export const suppressedText = t('suppressed', { min: model.privacy.minRespondents });
/** What a suppressed cell shows instead of its figures: the reason it is hidden. */
export const hiddenText = (cell: Pick<CellModel, 'suppressedFor'>) => suppressionLabel(t, model.privacy.minRespondents, cell);
/** Number formats for chart labels, in the site's language. */
export const chartNumbers = { value: (x: number) => fmt.decimal(x, 1), integer: fmt.integer, percent: (x: number) => fmt.percent(x), signed: (x: number) => fmt.signed(x) };

/**
 * The snapshots whose touchpoint reports and open data this build renders: not those it keeps from
 * the previous build (scripts/build.ts, src/lib/model/kept-pages.ts).
 */
const kept = new Set(keptPages);
export const renderedSnapshots = model.snapshots.filter((s) => !kept.has(s.id));

/** Newest first, as readers look for them. */
export const snapshotsNewestFirst = [...model.snapshots].reverse();
export const latest = model.snapshots.at(-1)!;

export function journeyInfo(id: string) {
  return model.journeys.find((j) => j.id === id)!;
}

export function stageTitle(journeyId: string, stageId: string): string {
  return journeyInfo(journeyId).stages.find((s) => s.id === stageId)?.title ?? stageId;
}

export function touchpointTitle(journeyId: string, touchpointId: string): string {
  for (const s of journeyInfo(journeyId).stages) for (const tp of s.touchpoints) if (tp.id === touchpointId) return tp.title;
  return touchpointId;
}

/** A path inside the site (a `route` of src/site/routes.ts), under the configured base. */
export function href(path: string): string {
  return withBase(import.meta.env.BASE_URL, path);
}

export type JourneyInfo = SiteModel['journeys'][number];
export type TouchpointInfo = JourneyInfo['stages'][number]['touchpoints'][number];

export function touchpointInfo(journeyId: string, touchpointId: string): { stage: JourneyInfo['stages'][number]; touchpoint: TouchpointInfo } | null {
  for (const stage of journeyInfo(journeyId).stages) for (const touchpoint of stage.touchpoints) if (touchpoint.id === touchpointId) return { stage, touchpoint };
  return null;
}

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

export function latestTouchpoint(journeyId: string, touchpointId: string) {
  return touchpointHistory(journeyId, touchpointId).at(-1)!.touchpoint;
}

/** Redacted comments of the latest snapshot at a touchpoint (empty when none may be published). */
export function latestComments(journeyId: string, touchpointId: string) {
  return latest.comments[journeyId]?.[touchpointId] ?? [];
}

/** The language a journey's content is written in. */
export function contentLang(journeyId: string): string {
  return journeyInfo(journeyId).lang ?? lang;
}

export function snapshotById(id: string | null) {
  return id === null ? undefined : model.snapshots.find((s) => s.id === id);
}
