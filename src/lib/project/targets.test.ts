import { describe, expect, it } from 'vitest';
import { PolkuError } from '../common/errors.ts';
import { measure } from '../stats/measures.ts';
import { DEFAULT_SCALES } from '../stats/metrics.ts';
import type { Content, Touchpoint } from './content.ts';
import { checkTargets, targetOf } from './targets.ts';

const touchpoint = (fields: Partial<Touchpoint>): Touchpoint =>
  ({ id: 'queue', file: 'content/touchpoints/pickup/queue.mdx', title: 'Queue', journey: 'pickup', stage: 'pickup', order: 1, channels: [], owner: 'Store', promise: 'Fast.', escalation: 'Manager', ...fields }) as Touchpoint;
const content = (tp: Touchpoint): Content => ({ journeys: [{ id: 'pickup', file: 'content/journeys/pickup.yaml', title: 'Pickup', summary: '.', personas: [], translations: {}, stages: [{ id: 'pickup', title: 'Pickup', touchpoints: [tp] }] }], stageOf: () => 'pickup' });

function failure(tp: Touchpoint): PolkuError {
  try {
    checkTargets(content(tp), DEFAULT_SCALES);
  } catch (error) {
    if (error instanceof PolkuError) return error;
    throw error;
  }
  throw new Error('expected a PolkuError');
}

describe('targets', () => {
  it('reads `target` as the emotion target and `targets` by measure id; none where not set', () => {
    const tp = touchpoint({ target: 1, targets: { csatMean: 4.2, nps: 20 } });
    expect(targetOf(tp, measure('emotionMean'))).toBe(1);
    expect(targetOf(tp, measure('csatMean'))).toBe(4.2);
    expect(targetOf(tp, measure('nps'))).toBe(20);
    expect(targetOf(touchpoint({}), measure('emotionMean'))).toBeNull();
    expect(targetOf(touchpoint({}), measure('csatMean'))).toBeNull();
  });

  it('accepts targets on their scales, and none at all', () => {
    expect(() => checkTargets(content(touchpoint({ target: 3, expected: -3, targets: { csatMean: 5, nps: -100 } })), DEFAULT_SCALES)).not.toThrow();
    expect(() => checkTargets(content(touchpoint({})), DEFAULT_SCALES)).not.toThrow();
  });

  it('names the file and the field of a target outside its measure scale', () => {
    const csat = failure(touchpoint({ targets: { csatMean: 42 } }));
    expect(csat.format()).toBe('content/touchpoints/pickup/queue.mdx: field "targets.csatMean": 42 is outside its scale 1…5\n  How to fix: give a value from 1 to 5, or leave the field out.');
    expect(failure(touchpoint({ target: 4 })).message).toBe('field "target": 4 is outside its scale -3…3');
    expect(failure(touchpoint({ targets: { nps: 120 } })).message).toBe('field "targets.nps": 120 is outside its scale -100…100');
    expect(failure(touchpoint({ expected: -5 })).message).toBe('field "expected": -5 is outside its scale -3…3');
  });
});
