// Moments of truth of a snapshot, in the page language's words, for the executive summary and curve labels.
import { momentsOfTruth, type Moments } from '../lib/model/moments';
import type { SnapshotModel } from '../lib/model/site-model';
import { targetOf } from '../lib/project/targets';
import { measure } from '../lib/stats/measures';
import { defaultLang, model, strings, type PageLanguage } from './model';

// Targets are the same in every language.
const target = (journey: string, touchpoint: string) => targetOf(strings(defaultLang).touchpointInfo(journey, touchpoint)!.touchpoint, measure('emotionMean'));

const computed = new Map<string, Moments>();

/**
 * The moments of truth; improvements and declines only significant ones: a change that is not is not
 * called one. Computed once per build for each snapshot, journey and length (pages in every language ask).
 */
export function snapshotMoments(snapshot: SnapshotModel, journeyId?: string, top = 3): Moments {
  const key = `${snapshot.id}\u0000${journeyId ?? ''}\u0000${top}`;
  let moments = computed.get(key);
  if (!moments) computed.set(key, (moments = momentsOf(snapshot, journeyId, top)));
  return moments;
}

function momentsOf(snapshot: SnapshotModel, journeyId: string | undefined, top: number): Moments {
  const journeys = journeyId ? snapshot.journeys.filter((j) => j.id === journeyId) : snapshot.journeys;
  const m = momentsOfTruth(journeys, target, model.privacy.minRespondents, Infinity);
  const first = <T,>(list: T[]) => list.slice(0, top);
  return { falls: first(m.falls), shortfalls: first(m.shortfalls), separations: first(m.separations), improvements: first(m.improvements.filter((x) => x.significant)), declines: first(m.declines.filter((x) => x.significant)) };
}

/** "Service desk queue (Order online, pick up in store)" */
export const placeName = (l: PageLanguage, journey: string, touchpoint: string) => `${l.touchpointTitle(journey, touchpoint)} (${l.journeyInfo(journey).title})`;

/** Labels on a journey's curve: where it falls most and where it is furthest below target. */
export function curveAnnotations({ t, fmt }: PageLanguage, snapshot: SnapshotModel, journeyId: string): { pointId: string; text: string }[] {
  const m = snapshotMoments(snapshot, journeyId, 1);
  const notes = new Map<string, string[]>();
  const add = (id: string, text: string) => notes.set(id, [...(notes.get(id) ?? []), text]);
  const fall = m.falls[0];
  if (fall) add(fall.touchpoint, `${t('fallsMost')} (${fmt.signed(fall.drop, 1)})`);
  const shortfall = m.shortfalls[0];
  if (shortfall) add(shortfall.touchpoint, `${t('furthestBelow')} (−${fmt.decimal(shortfall.gap, 1)})`);
  return [...notes].map(([pointId, texts]) => ({ pointId, text: texts.join('; ') }));
}
