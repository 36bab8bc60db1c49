import { describe, expect, it } from 'vitest';
import { emptyCell } from '../stats/aggregate.ts';
import { DEFAULT_SCALES } from '../stats/metrics.ts';
import { momentsOfTruth } from './moments.ts';
import type { CellModel, JourneyModel } from './site-model.ts';

/** A published touchpoint cell with a given mean emotion and, optionally, a change and NPS groups. */
function cell(mean: number | null, extra: { delta?: number; significant?: boolean; promoters?: number[]; detractors?: number[] } = {}): CellModel {
  const stats = emptyCell(DEFAULT_SCALES);
  const group = (values: number[] = []) => ({ n: values.length, sum: values.reduce((a, b) => a + b, 0), sumSq: values.reduce((a, b) => a + b * b, 0) });
  stats.emotionByNpsGroup = { promoter: group(extra.promoters), passive: group(), detractor: group(extra.detractors) };
  return {
    respondents: mean === null ? null : 50,
    ratings: mean === null ? null : 50,
    suppressed: mean === null,
    figures: mean === null ? null : ({ emotion: { n: 50, mean: { value: mean, low: mean - 0.2, high: mean + 0.2, margin: 0.2 } } } as CellModel['figures']),
    change: extra.delta === undefined ? null : { nps: null, csatSatisfied: null, cesMean: null, emotionMean: { delta: extra.delta, z: 3, significant: extra.significant ?? true }, agreementTopTwo: null, ratingMean: null, yesShare: null },
    stats: mean === null ? null : stats,
  };
}

const journey = (id: string, touchpoints: [string, CellModel][]): JourneyModel => ({
  id,
  cell: cell(0),
  overall: null,
  channels: {},
  segments: {},
  themes: null,
  drivers: null,
  stages: [{ id: 's', cell: cell(0), touchpoints: touchpoints.map(([tid, c]) => ({ id: tid, cell: c, channels: {}, segments: {}, themes: null })) }],
});

const ten = (x: number) => Array.from({ length: 10 }, () => x);

describe('momentsOfTruth', () => {
  const journeys = [
    journey('pickup', [
      ['ad', cell(1.5)],
      ['order', cell(-0.5, { delta: 0.1, significant: false })], // falls 2.0 from ad
      ['code', cell(null)], // suppressed: skipped, not bridged
      ['queue', cell(-2.2, { delta: 0.9, promoters: ten(1), detractors: ten(-3) })], // falls 1.7 from order
      ['handover', cell(-1.0, { delta: -0.4 })],
    ]),
    journey('trip', [
      ['arrival', cell(2.0)],
      ['mid', cell(-1.0, { delta: -0.6, promoters: ten(1), detractors: [-1, -1] })], // falls 3.0; detractors too few to compare
    ]),
  ];
  const targets = (_j: string, t: string) => (t === 'arrival' ? 2.5 : 0.5);
  const m = momentsOfTruth(journeys, targets, 10);

  it('finds the steepest falls between consecutive published touchpoints', () => {
    expect(m.falls.map((f) => [f.touchpoint, f.from, Number(f.drop.toFixed(2))])).toEqual([
      ['mid', 'arrival', -3],
      ['order', 'ad', -2],
      ['queue', 'order', -1.7],
    ]);
  });

  it('ranks shortfalls below target by target − mean', () => {
    // queue 0.5 − (−2.2) = 2.7; mid 1.5; handover 1.5; order 1.0; arrival 0.5 (ad 1.5 ≥ 0.5 is not short)
    expect(m.shortfalls.map((s) => [s.touchpoint, Number(s.gap.toFixed(2))])).toEqual([
      ['queue', 2.7],
      ['handover', 1.5],
      ['mid', 1.5],
    ]);
  });

  it('compares promoters with detractors only where both groups are large enough', () => {
    expect(m.separations).toEqual([{ journey: 'pickup', touchpoint: 'queue', difference: 4, promoters: 1, detractors: -3 }]);
  });

  it('lists improvements and declines with their significance', () => {
    expect(m.improvements.map((x) => [x.touchpoint, x.delta, x.significant])).toEqual([
      ['queue', 0.9, true],
      ['order', 0.1, false],
    ]);
    expect(m.declines.map((x) => [x.touchpoint, x.delta])).toEqual([
      ['mid', -0.6],
      ['handover', -0.4],
    ]);
  });
});
