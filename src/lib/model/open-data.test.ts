import { describe, expect, it } from 'vitest';
import { figuresOf } from '../stats/figures.ts';
import { changesOf, MEASURES } from '../stats/measures.ts';
import { fourRespondents } from '../stats/measures.fixture.ts';
import { DEFAULT_SCALES as S } from '../stats/metrics.ts';
import { touchpointCsv } from './open-data.ts';
import type { CellModel, SnapshotModel } from './site-model.ts';

/** A snapshot of one journey, one stage and two touchpoints: one published, one suppressed. */
function snapshot(): SnapshotModel {
  const stats = fourRespondents();
  const published: CellModel = { respondents: 4, ratings: 4, suppressed: false, figures: figuresOf(stats, S), change: changesOf(stats, stats, S), stats };
  const suppressed: CellModel = { respondents: null, ratings: null, suppressed: true, figures: null, change: null, stats: null };
  const touchpoints = [
    { id: 'pickup-desk', cell: published, channels: {}, segments: {} },
    { id: 'locker', cell: suppressed, channels: {}, segments: {} },
  ];
  return { id: '2026-q1', journeys: [{ id: 'electronics-pickup', stages: [{ id: 'pickup', touchpoints }] }] } as unknown as SnapshotModel;
}

describe('open-data CSV from the measure registry', () => {
  const [header, row, suppressedRow] = touchpointCsv(snapshot()).split('\r\n');

  it('header: the ids, then each measure’s columns in registry order (schema polku.snapshot/4)', () => {
    expect(header).toBe(
      'snapshot,journey,stage,touchpoint,respondents,suppressed,' +
        'nps,nps_low,nps_high,nps_change,nps_change_significant,' +
        'csat_satisfied,csat_satisfied_low,csat_satisfied_high,csat_mean,' +
        'ces_mean,ces_mean_low,ces_mean_high,ces_easy,' +
        'emotion_mean,emotion_mean_low,emotion_mean_high,emotion_change,emotion_change_significant,' +
        'expectation_mean,gap_mean,' +
        'agreement_top2,agreement_top2_low,agreement_top2_high,agreement_mean,' +
        'rating_mean,rating_mean_low,rating_mean_high,rating_top_box,' +
        'yes_share,yes_share_low,yes_share_high',
    );
    for (const m of MEASURES) expect(header!.split(',')).toContain(m.openData.column);
  });

  it('row: the hand-computed figures of measures.test.ts, rounded as the registry says, under their own columns', () => {
    // NPS 25 ± 81.255814 (2 digits); Wilson 2 of 4 = 0.150039…0.849961; CES 4.75 ± 4.184846, easy 3 of 4; emotion 0.5 ± 19.059307.
    // The snapshot against itself: every change 0, not significant.
    expect(row).toBe(
      '2026-q1,electronics-pickup,pickup,pickup-desk,4,0,' +
        '25,-56.26,106.26,0,0,' +
        '0.5,0.15,0.85,3,' +
        '4.75,0.5652,8.9348,0.75,' +
        '0.5,-18.5593,19.5593,0,0,' +
        '0.5,0,' +
        // agreement 2 of 3 = 0.20766…0.938508, mean 4; rating 4 ± 2.250329, top box 2 of 4; yes 3 of 4 = 0.300642…0.954413
        '0.6667,0.2077,0.9385,4,' +
        '4,1.7497,6.2503,0.5,' +
        '0.75,0.3006,0.9544',
    );
    expect(row!.split(',')).toHaveLength(header!.split(',').length);
  });

  it('a suppressed touchpoint: ids, "suppressed" 1 and every figure empty', () => {
    expect(suppressedRow).toBe('2026-q1,electronics-pickup,pickup,locker,,1' + ','.repeat(header!.split(',').length - 6));
  });
});
