import { describe, expect, it } from 'vitest';
import type { CellModel } from '../lib/model/site-model';
import { measure } from '../lib/stats/measures';
import { digitsApart, targetStatus } from './target.ts';

const emotion = measure('emotionMean');

const cell = (mean: number) => ({ suppressed: false, figures: { emotion: { n: 50, mean: { value: mean, low: mean - 0.1, high: mean + 0.1, margin: 0.1 } } } }) as unknown as CellModel;

describe('targetStatus', () => {
  it('writes a mean just below its target with the decimals that tell them apart', () => {
    expect(targetStatus(cell(1.49), emotion, 1.5)).toEqual({ state: 'below', mean: 1.49, target: 1.5, digits: 2 });
    expect(targetStatus(cell(1.2), emotion, 1.5)).toMatchObject({ state: 'below', digits: 1 });
    expect(targetStatus(cell(1.5), emotion, 1.5)).toMatchObject({ state: 'meets', digits: 1 });
    expect(targetStatus(cell(1.51), emotion, 1.5)).toMatchObject({ state: 'meets', digits: 1 });
    expect(digitsApart(1.4996, 1.5)).toBe(3);
  });

  it('says when there is no figure or it is suppressed', () => {
    expect(targetStatus(null, emotion, 1)).toEqual({ state: 'no-data' });
    expect(targetStatus({ suppressed: true, figures: null } as unknown as CellModel, emotion, 1)).toEqual({ state: 'suppressed' });
  });

  it('holds a measure other than emotion against its own target, and says where it was not asked', () => {
    const csatOnly = { suppressed: false, figures: { emotion: null, csat: { n: 40, satisfied: { value: 0.7, low: 0.6, high: 0.8, margin: 0.1 }, mean: { value: 4.12, low: 4, high: 4.24, margin: 0.12 } } } } as unknown as CellModel;
    expect(targetStatus(csatOnly, emotion, 1)).toEqual({ state: 'not-asked' });
    expect(targetStatus(csatOnly, measure('csatMean'), 4.2)).toEqual({ state: 'below', mean: 4.12, target: 4.2, digits: 1 });
    expect(targetStatus(csatOnly, measure('csatMean'), null)).toEqual({ state: 'no-target', mean: 4.12, digits: 1 });
    // A touchpoint nobody rated has no feedback; it is not a small group.
    expect(targetStatus({ suppressed: true, suppressedFor: 'noData', figures: null } as unknown as CellModel, emotion, 1)).toEqual({ state: 'no-data' });
  });
});
