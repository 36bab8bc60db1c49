// A cell's figures as text, one way everywhere: "–" when a figure does not exist. Which measures
// there are and how each is written: src/lib/stats/measures.ts.
import type { Figures } from '../lib/stats/figures';
import { answered, type Measure, type NumberFormat } from '../lib/stats/measures';
import type { ChangeTest } from '../lib/stats/stats';
import { fmt, t } from './model';
import { deltaText, valueText } from './number-text';

/** A scale as readers write it: "−3…+3", "1–7". */
export function scaleRange({ min, max }: { min: number; max: number }): string {
  return min < 0 ? `${fmt.signed(min)}…${fmt.signed(max)}` : `${fmt.integer(min)}–${fmt.integer(max)}`;
}

/** A value in its measure's format: "+23", "45 %", "5,20". */
export const formatValue = (format: NumberFormat, x: number) => valueText(fmt, format, x);

/** A change in its measure's format, always signed, a share's in percentage points: "+5", "−3 pp", "+0,40". */
export const formatDelta = (format: NumberFormat, delta: number) => deltaText(fmt, format, delta);

/** A measure's value in a cell, or "–"; with `margin`, "+23 ± 6". */
export function figureText(m: Measure, f: Figures | null | undefined, margin = false): string {
  const x = f ? m.of(f) : null;
  if (!x) return '–';
  return margin ? `${formatValue(m.format, x.value)} ± ${fmt.decimal(x.margin, m.format.digits)}` : formatValue(m.format, x.value);
}

/**
 * A measure's value in a published cell as tables write it: "not asked" where the cell has no answers
 * for it (a small group says "n < 10" instead, in place of all its figures).
 */
export function cellText(m: Measure, f: Figures | null | undefined, margin = false): string {
  return f && !answered(m, f) ? t('notAsked') : figureText(m, f, margin);
}

/** The change marker of tables: the signed change, " *" when significant, "–" without a change. */
export function changeMark(m: Measure, test: ChangeTest | null | undefined): string {
  return test ? `${formatDelta(m.format, test.delta)}${test.significant ? ' *' : ''}` : '–';
}
