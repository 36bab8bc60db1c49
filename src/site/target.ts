// Delivered experience (mean emotion) against a touchpoint's target, as pages state it.
import type { CellModel } from '../lib/model/site-model';

export type TargetStatus =
  | { state: 'no-data' }
  | { state: 'suppressed' }
  | { state: 'below' | 'meets'; mean: number; target: number; digits: number };

export function targetStatus(cell: CellModel | null | undefined, target: number): TargetStatus {
  if (!cell || (!cell.suppressed && !cell.figures?.emotion?.mean)) return { state: 'no-data' };
  if (cell.suppressed) return { state: 'suppressed' };
  const mean = cell.figures!.emotion!.mean!.value;
  return mean < target ? { state: 'below', mean, target, digits: digitsApart(mean, target) } : { state: 'meets', mean, target, digits: 1 };
}

/**
 * Decimals to write a mean below its target with: one, or as many as it takes (up to three) not to
 * read as equal to it (1.49 against 1.5 is "+1.49 (target +1.50)", not "+1.5 (target +1.5)").
 */
export function digitsApart(mean: number, target: number): number {
  for (let digits = 1; digits < 3; digits++) if (mean.toFixed(digits) !== target.toFixed(digits)) return digits;
  return 3;
}
