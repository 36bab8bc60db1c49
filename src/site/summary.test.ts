import { describe, expect, it } from 'vitest';
import type { Moments } from '../lib/model/moments.ts';
import type { CellModel, JourneyModel, SnapshotModel } from '../lib/model/site-model.ts';
import { formatter, translator, type Lang } from './i18n.ts';
import { executiveSummary, sameCoverage, type SummaryInput } from './summary.ts';

const interval = (value: number, margin = 5) => ({ value, low: value - margin, high: value + margin, margin });
const test = (delta: number, significant: boolean) => ({ delta, z: significant ? delta * 3 : 0.5, significant });

/** A published cell: NPS, CSAT satisfied and emotion, with their changes. */
function cell(nps: number, change: Partial<Record<'nps' | 'csatSatisfied' | 'cesMean' | 'emotionMean', ReturnType<typeof test>>> | null): CellModel {
  return {
    respondents: 400, ratings: 900, suppressed: false, stats: null,
    figures: { nps: interval(nps), csat: { satisfied: interval(0.78, 0.04), mean: interval(4.1, 0.1) }, ces: { mean: interval(4.99, 0.1), easy: interval(0.6, 0.04) }, emotion: { mean: interval(0.53, 0.1) } },
    change: change && { nps: null, csatSatisfied: null, cesMean: null, emotionMean: null, ...change },
  } as unknown as CellModel;
}
const hidden = (suppressedFor: CellModel['suppressedFor']) => ({ respondents: null, ratings: null, suppressed: true, suppressedFor, figures: null, change: null, stats: null }) as CellModel;
const journey = (id: string, c: CellModel) => ({ id, cell: c, overall: null, stages: [], channels: {}, segments: {}, themes: null, drivers: null }) as JourneyModel;

const titles: Record<string, string> = { pickup: 'Pickup', washer: 'Washing machine', queue: 'Service desk queue', install: 'Installation' };
const moments = (over: Partial<Moments> = {}): Moments => ({ falls: [], shortfalls: [], separations: [], improvements: [], declines: [], ...over });

function summary(lang: Lang, snapshot: Partial<SnapshotModel>, m: Moments, comparable = true) {
  const input: SummaryInput = {
    snapshot: { id: '2026-q3', previous: '2026-q2', journeys: [], ...snapshot } as SnapshotModel,
    comparable,
    moments: m,
    journeyTitle: (id) => titles[id]!,
    touchpointTitle: (_, id) => titles[id]!,
    t: translator(lang),
    fmt: formatter(lang),
  };
  return executiveSummary(input);
}

// Pickup's NPS fell 14 points (significant), its CSAT rose 4 points (not significant); the washer's
// CSAT rose 6 points (significant); the queue is furthest below target; installation improved.
const q3: Partial<SnapshotModel> = {
  total: cell(12, { nps: test(-3, false) }),
  journeys: [journey('pickup', cell(-36, { nps: test(-14, true), csatSatisfied: test(0.04, false) })), journey('washer', cell(20, { csatSatisfied: test(0.06, true) })), journey('hidden', hidden('fewRespondents'))],
};
const q3Moments = moments({
  shortfalls: [{ journey: 'pickup', touchpoint: 'queue', mean: -1.2, target: 0.5, gap: 1.7 }],
  improvements: [{ journey: 'washer', touchpoint: 'install', delta: 0.45, significant: true }],
});

describe('executiveSummary', () => {
  it('writes what moved significantly and where, the costliest moment of truth and what improved, in English', () => {
    expect(summary('en', q3, q3Moments)).toEqual([
      { text: 'NPS across all journeys is +12, with no significant change since 2026-q2.', figure: '+12', anchor: 'figures-total' },
      { text: 'NPS in Pickup fell by 14 since 2026-q2, to \u221236.', figure: '\u221236', anchor: 'figures-pickup' },
      { text: 'CSAT (satisfied) in Washing machine rose by 6 pp since 2026-q2, to 78%.', figure: '78%', anchor: 'figures-washer' },
      { text: 'The moment of truth that costs most is Service desk queue (Pickup): emotion \u22121.20 against a target of +0.5.', figure: '\u22121.20', anchor: 'shortfall-pickup-queue' },
      { text: 'Emotion improved most at Installation (Washing machine): +0.45 since 2026-q2.', figure: '+0.45', anchor: 'improvement-washer-install' },
    ]);
  });

  it('writes the same in Finnish', () => {
    expect(summary('fi', q3, q3Moments).map((s) => s.text)).toEqual([
      'NPS kaikilla poluilla on +12, eikä se ole muuttunut merkitsevästi jaksosta 2026-q2.',
      'NPS polulla Pickup laski jaksosta 2026-q2 14, lukuun \u221236.',
      'CSAT (tyytyväiset) polulla Washing machine nousi jaksosta 2026-q2 6 %-yks., lukuun 78\u00a0%.',
      'Eniten maksava totuuden hetki on Service desk queue (Pickup): tunne \u22121,20, tavoite +0,5.',
      'Tunne parani eniten kohdassa Installation (Washing machine): +0,45 jaksosta 2026-q2.',
    ]);
  });

  it('does not call a change that is not significant a change, and says nothing of a suppressed cell', () => {
    const text = summary('en', q3, q3Moments).map((s) => s.text).join(' ');
    expect(text).not.toContain('CSAT (satisfied) in Pickup'); // +4 pp, not significant
    expect(text).not.toContain('hidden');
    const hiddenTotal = summary('en', { total: hidden('fewRespondents'), journeys: [journey('hidden', hidden('fewRespondents'))] }, moments());
    expect(hiddenTotal).toEqual([{ text: 'No touchpoint’s emotion improved significantly since 2026-q2.', figure: 'No touchpoint’s emotion improved significantly since 2026-q2.', anchor: 'improvements' }]);
  });

  it('states the total without its change when the previous snapshot covered other journeys, and a significant total change when it did not', () => {
    const moved = { ...q3, total: cell(12, { nps: test(5, true) }) };
    expect(summary('en', moved, moments(), false)[0]!.text).toBe('NPS across all journeys is +12.');
    expect(summary('en', moved, moments())[0]!.text).toBe('NPS across all journeys rose by 5 since 2026-q2, to +12.');
    expect(summary('en', { ...moved, previous: null }, moments(), false).map((s) => s.text)).toEqual(['NPS across all journeys is +12.']);
  });
});

describe('sameCoverage', () => {
  it('compares the journeys with feedback, counting one too small to publish as covered', () => {
    const three = { journeys: [journey('pickup', cell(1, null)), journey('washer', hidden('fewRespondents')), journey('x', cell(2, null))] };
    const one = { journeys: [journey('pickup', cell(1, null)), journey('washer', hidden('noData')), journey('x', hidden('noData'))] };
    expect(sameCoverage(three, three)).toBe(true);
    expect(sameCoverage(three, one)).toBe(false);
  });
});
