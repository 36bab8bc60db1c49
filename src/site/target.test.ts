import { describe, expect, it } from 'vitest';
import type { CellModel } from '../lib/model/site-model';
import { digitsApart, targetStatus } from './target.ts';

const cell = (mean: number) => ({ suppressed: false, figures: { emotion: { n: 50, mean: { value: mean, low: mean - 0.1, high: mean + 0.1, margin: 0.1 } } } }) as unknown as CellModel;

describe('targetStatus', () => {
  it('writes a mean just below its target with the decimals that tell them apart', () => {
    expect(targetStatus(cell(1.49), 1.5)).toEqual({ state: 'below', mean: 1.49, target: 1.5, digits: 2 });
    expect(targetStatus(cell(1.2), 1.5)).toMatchObject({ state: 'below', digits: 1 });
    expect(targetStatus(cell(1.5), 1.5)).toMatchObject({ state: 'meets', digits: 1 });
    expect(targetStatus(cell(1.51), 1.5)).toMatchObject({ state: 'meets', digits: 1 });
    expect(digitsApart(1.4996, 1.5)).toBe(3);
  });

  it('says when there is no figure or it is suppressed', () => {
    expect(targetStatus(null, 1)).toEqual({ state: 'no-data' });
    expect(targetStatus({ suppressed: true, figures: null } as unknown as CellModel, 1)).toEqual({ state: 'suppressed' });
  });
});
