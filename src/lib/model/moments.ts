// Moments of truth in one snapshot, read from mean emotion (data without it has none): where the
// emotion curve falls most, where delivered experience is furthest below target, and which touchpoints
// most separate promoters from detractors; and the biggest improvements and declines since the
// previous snapshot. Pure, over published cells only.
import { meanWithInterval } from '../stats/stats.ts';
import type { JourneyModel, TouchpointModel } from './site-model.ts';

export interface TouchpointRef {
  journey: string;
  touchpoint: string;
}

export interface Fall extends TouchpointRef {
  /** The published touchpoint before it along the journey. */
  from: string;
  /** Mean emotion here minus there (negative: a fall). */
  drop: number;
}

export interface Shortfall extends TouchpointRef {
  mean: number;
  target: number;
  /** target − mean, > 0. */
  gap: number;
}

export interface Separation extends TouchpointRef {
  /** Mean emotion of the touchpoint's promoters minus that of its detractors. */
  difference: number;
  promoters: number;
  detractors: number;
}

export interface Movement extends TouchpointRef {
  delta: number;
  significant: boolean;
}

export interface Moments {
  falls: Fall[];
  shortfalls: Shortfall[];
  separations: Separation[];
  improvements: Movement[];
  declines: Movement[];
}

const emotionOf = (t: TouchpointModel) => t.cell.figures?.emotion?.mean?.value ?? null;

/**
 * `targets` gives each touchpoint's emotion target (from content; null where it sets none); `minRespondents` guards the
 * promoter/detractor split, whose groups are smaller than the touchpoint.
 */
export function momentsOfTruth(journeys: JourneyModel[], targets: (journey: string, touchpoint: string) => number | null, minRespondents: number, top = 3): Moments {
  const falls: Fall[] = [];
  const shortfalls: Shortfall[] = [];
  const separations: Separation[] = [];
  const movements: Movement[] = [];
  for (const j of journeys) {
    let previous: { id: string; mean: number } | null = null;
    for (const t of j.stages.flatMap((s) => s.touchpoints)) {
      const mean = emotionOf(t);
      if (mean === null) continue; // a suppressed touchpoint is skipped, not bridged with a value
      const ref = { journey: j.id, touchpoint: t.id };
      if (previous && mean < previous.mean) falls.push({ ...ref, from: previous.id, drop: mean - previous.mean });
      previous = { id: t.id, mean };
      const target = targets(j.id, t.id);
      if (target !== null && mean < target) shortfalls.push({ ...ref, mean, target, gap: target - mean });
      const groups = t.cell.stats?.emotionByNpsGroup;
      if (groups && groups.promoter.n >= minRespondents && groups.detractor.n >= minRespondents) {
        const promoters = meanWithInterval(groups.promoter.n, groups.promoter.sum, groups.promoter.sumSq)!.value;
        const detractors = meanWithInterval(groups.detractor.n, groups.detractor.sum, groups.detractor.sumSq)!.value;
        separations.push({ ...ref, difference: promoters - detractors, promoters, detractors });
      }
      const change = t.cell.change?.emotionMean;
      if (change) movements.push({ ...ref, delta: change.delta, significant: change.significant });
    }
  }
  const byId = (a: TouchpointRef, b: TouchpointRef) => (a.journey + a.touchpoint < b.journey + b.touchpoint ? -1 : 1);
  return {
    falls: falls.sort((a, b) => a.drop - b.drop || byId(a, b)).slice(0, top),
    shortfalls: shortfalls.sort((a, b) => b.gap - a.gap || byId(a, b)).slice(0, top),
    separations: separations.sort((a, b) => b.difference - a.difference || byId(a, b)).slice(0, top),
    improvements: movements.filter((m) => m.delta > 0).sort((a, b) => b.delta - a.delta || byId(a, b)).slice(0, top),
    declines: movements.filter((m) => m.delta < 0).sort((a, b) => a.delta - b.delta || byId(a, b)).slice(0, top),
  };
}
