// The site model for pages: read from the file scripts/build.ts wrote (POLKU_MODEL), or computed
// here once when Astro runs on its own (astro dev).
import { readFileSync } from 'node:fs';
import { loadConfig } from '../lib/config.ts';
import { formatter, translator } from '../lib/i18n.ts';
import { buildSiteModel, type SiteModel } from '../lib/site-model.ts';

export const model: SiteModel = process.env.POLKU_MODEL
  ? JSON.parse(readFileSync(process.env.POLKU_MODEL, 'utf8'))
  : await buildSiteModel(loadConfig());

export const lang = model.site.lang;
export const t = translator(lang);
export const fmt = formatter(lang);

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

/** A path inside the site, under the configured base. */
export function href(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  return `${base}/${path.replace(/^\//, '')}`;
}
