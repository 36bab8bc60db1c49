// Delivered experience (mean emotion) against a touchpoint's target, as pages state it.
import type { CellModel } from '../lib/site-model';

export type TargetStatus =
  | { state: 'no-data' }
  | { state: 'suppressed' }
  | { state: 'below' | 'meets'; mean: number; target: number };

export function targetStatus(cell: CellModel | null | undefined, target: number): TargetStatus {
  if (!cell || (!cell.suppressed && !cell.figures?.emotion?.mean)) return { state: 'no-data' };
  if (cell.suppressed) return { state: 'suppressed' };
  const mean = cell.figures!.emotion!.mean!.value;
  return { state: mean < target ? 'below' : 'meets', mean, target };
}
