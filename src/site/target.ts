// Delivered experience on a measure (the journey's primary one, src/site/curve.ts) against a
// touchpoint's target on that measure, as pages state it.
import type { CellModel } from '../lib/model/site-model';
import { answered, type Measure } from '../lib/stats/measures';

export type TargetStatus =
  | { state: 'no-data' }
  | { state: 'not-asked' }
  | { state: 'suppressed' }
  /** A value, and no target on its measure to hold it against. */
  | { state: 'no-target'; mean: number; digits: number }
  | { state: 'below' | 'meets'; mean: number; target: number; digits: number };

export function targetStatus(cell: CellModel | null | undefined, m: Measure, target: number | null): TargetStatus {
  if (!cell || cell.suppressedFor === 'noData') return { state: 'no-data' };
  if (cell.suppressed) return { state: 'suppressed' };
  if (cell.figures && !answered(m, cell.figures)) return { state: 'not-asked' };
  const mean = cell.figures ? m.of(cell.figures)?.value : undefined;
  if (mean === undefined) return { state: 'no-data' };
  const digits = Math.min(1, m.format.digits);
  if (target === null) return { state: 'no-target', mean, digits };
  return mean < target ? { state: 'below', mean, target, digits: digitsApart(mean, target) } : { state: 'meets', mean, target, digits };
}

/**
 * Decimals to write a mean below its target with: one, or as many as it takes (up to three) not to
 * read as equal to it (1.49 against 1.5 is "+1.49 (target +1.50)", not "+1.5 (target +1.5)").
 */
export function digitsApart(mean: number, target: number): number {
  for (let digits = 1; digits < 3; digits++) if (mean.toFixed(digits) !== target.toFixed(digits)) return digits;
  return 3;
}
