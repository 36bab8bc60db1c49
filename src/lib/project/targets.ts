// A touchpoint's targets, one per measure a journey's curve can show: `target` is the emotion target
// (the field older content has), `targets` the others by measure id. Each is optional and must lie on
// its measure's scale, as must `expected` on the expectation scale.
import { PolkuError } from '../common/errors.ts';
import { CURVE_MEASURES, type Measure } from '../stats/measures.ts';
import type { Scales } from '../stats/metrics.ts';
import type { Content } from './content.ts';
import type { TouchpointData } from './content-schema.ts';

type Targets = Pick<TouchpointData, 'target' | 'targets'>;

/** The field a measure's target is written in. */
const targetKey = (m: Measure) => (m.metric === 'emotion' ? 'target' : `targets.${m.id}`);

/** A touchpoint's target on a measure, or null when it sets none. */
export function targetOf(tp: Targets, m: Measure): number | null {
  return (m.metric === 'emotion' ? tp.target : tp.targets?.[m.id]) ?? null;
}

/** Fails on the first target or expected experience outside its scale, naming the file and the field. */
export function checkTargets(content: Content, scales: Scales): void {
  const range = ({ min, max }: { min: number; max: number }) => `${min}…${max}`;
  for (const tp of content.journeys.flatMap((j) => j.stages.flatMap((s) => s.touchpoints))) {
    const fields = CURVE_MEASURES.map((m) => ({ key: targetKey(m), value: targetOf(tp, m), scale: m.curve!.scale(scales) }));
    fields.push({ key: 'expected', value: tp.expected ?? null, scale: scales.expectation });
    for (const { key, value, scale } of fields) {
      if (value === null || (value >= scale.min && value <= scale.max)) continue;
      throw new PolkuError(`field "${key}": ${value} is outside its scale ${range(scale)}`, { file: tp.file }, `give a value from ${scale.min} to ${scale.max}, or leave the field out.`);
    }
  }
}
