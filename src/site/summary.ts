// The executive summary at the top of a snapshot's report: three to five sentences written from the
// figures by fixed templates, each linking to the figure it states. A change is called one only when
// it is significant; a suppressed cell is never mentioned. Pure: strings and formats are arguments.
import type { Moments } from '../lib/model/moments.ts';
import type { CellModel, JourneyModel, SnapshotModel } from '../lib/model/site-model.ts';
import { HEADLINE_MEASURES, type Changes, type RegisteredMeasure } from '../lib/stats/measures.ts';
import type { translator } from './i18n.ts';
import { deltaText, valueText, type Formats } from './number-text.ts';

export interface SummarySentence {
  text: string;
  /** The part of `text` that links to the figure (the whole sentence when it states no number). */
  figure: string;
  /** The id of the figure on the page. */
  anchor: string;
}

export interface SummaryInput {
  snapshot: SnapshotModel;
  /** Whether the previous snapshot covers the same journeys (else the total's change is not shown). */
  comparable: boolean;
  /** The snapshot's moments of truth, improvements significant ones only (src/site/moments.ts). */
  moments: Moments;
  journeyTitle: (journey: string) => string;
  touchpointTitle: (journey: string, touchpoint: string) => string;
  t: ReturnType<typeof translator>;
  fmt: Formats;
}

/** Anchors of the figures the summary links to; the report page gives its elements these ids. */
export const anchors = {
  figures: (scope: 'total' | string) => `figures-${scope}`,
  shortfall: (journey: string, touchpoint: string) => `shortfall-${journey}-${touchpoint}`,
  improvement: (journey: string, touchpoint: string) => `improvement-${journey}-${touchpoint}`,
  improvements: 'improvements',
  /** A journey's full lists of comment themes, which its brief line links to. */
  themes: (journey: string) => `themes-${journey}`,
};

/** At most two journeys' significant changes are named, so the summary stays within five sentences. */
const JOURNEY_CHANGES = 2;

export function executiveSummary({ snapshot, comparable, moments, journeyTitle, touchpointTitle, t, fmt }: SummaryInput): SummarySentence[] {
  const previous = snapshot.previous;
  const sentences: SummarySentence[] = [];
  const [nps] = HEADLINE_MEASURES;

  const movement = (m: RegisteredMeasure, cell: CellModel, where: string, anchor: string): SummarySentence | null => {
    const x = cell.figures && m.of(cell.figures);
    const test = cell.change?.[m.id as keyof Changes];
    if (!x || !test?.significant || !previous) return null;
    const value = valueText(fmt, m.format, x.value);
    const delta = deltaText(fmt, m.format, Math.abs(test.delta)).replace(/^\+/, '');
    const text = t(test.delta > 0 ? 'summaryRose' : 'summaryFell', { measure: t(m.label), where, delta, previous, value });
    return { text, figure: value, anchor };
  };

  // The total's NPS, with its change when the previous snapshot covers the same journeys.
  const total = snapshot.total;
  const x = !total.suppressed && total.figures ? nps!.of(total.figures) : null;
  if (x) {
    const where = t('whereAll');
    const anchor = anchors.figures('total');
    const value = valueText(fmt, nps!.format, x.value);
    const changed = comparable ? movement(nps!, total, where, anchor) : null;
    const tested = comparable && previous && total.change?.nps;
    sentences.push(changed ?? { text: t(tested ? 'summarySteady' : 'summaryIs', { measure: t(nps!.label), where, value, previous: previous ?? '' }), figure: value, anchor });
  }

  // Where it moved: the journeys' significant changes, the largest first.
  const moved = snapshot.journeys
    .filter((j) => !j.cell.suppressed)
    .flatMap((j: JourneyModel) =>
      HEADLINE_MEASURES.map((m) => ({ z: Math.abs(j.cell.change?.[m.id as keyof Changes]?.z ?? 0), sentence: movement(m, j.cell, t('whereJourney', { journey: journeyTitle(j.id) }), anchors.figures(j.id)) })),
    )
    .filter((c): c is { z: number; sentence: SummarySentence } => c.sentence !== null)
    .sort((a, b) => b.z - a.z)
    .slice(0, JOURNEY_CHANGES);
  sentences.push(...moved.map((c) => c.sentence));

  // The moment of truth that costs most: furthest below its target.
  const shortfall = moments.shortfalls[0];
  if (shortfall) {
    const value = fmt.signed(shortfall.mean, 2);
    const text = t('summaryCosts', { touchpoint: touchpointTitle(shortfall.journey, shortfall.touchpoint), journey: journeyTitle(shortfall.journey), value, target: fmt.signed(shortfall.target, 1) });
    sentences.push({ text, figure: value, anchor: anchors.shortfall(shortfall.journey, shortfall.touchpoint) });
  }

  // What improved (significantly), or that nothing did.
  if (previous) {
    const best = moments.improvements.find((m) => m.significant);
    if (best) {
      const delta = fmt.signed(best.delta, 2);
      const text = t('summaryImproved', { touchpoint: touchpointTitle(best.journey, best.touchpoint), journey: journeyTitle(best.journey), delta, previous });
      sentences.push({ text, figure: delta, anchor: anchors.improvement(best.journey, best.touchpoint) });
    } else {
      const text = t('summaryNoImprovement', { previous });
      sentences.push({ text, figure: text, anchor: anchors.improvements });
    }
  }
  return sentences;
}

/** The journeys a snapshot has feedback for (a journey too small to publish counts: it has some). */
export function coveredJourneys(snapshot: Pick<SnapshotModel, 'journeys'>): string[] {
  return snapshot.journeys.filter((j) => j.cell.suppressedFor !== 'noData').map((j) => j.id);
}

/** Whether two snapshots cover the same journeys, so that their totals can be compared. */
export function sameCoverage(a: Pick<SnapshotModel, 'journeys'>, b: Pick<SnapshotModel, 'journeys'>): boolean {
  const [x, y] = [coveredJourneys(a), coveredJourneys(b)];
  return x.length === y.length && x.every((id) => y.includes(id));
}
