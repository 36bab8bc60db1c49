// A cell's figures as text, one way everywhere: "–" when a figure does not exist. Which measures
// there are and how each is written: src/lib/stats/measures.ts.
import type { Figures } from '../lib/stats/figures';
import type { Measure, NumberFormat } from '../lib/stats/measures';
import type { ChangeTest } from '../lib/stats/stats';
import { fmt } from './model';

/** A value in its measure's format: "+23", "45 %", "5,20". */
export function formatValue(format: NumberFormat, x: number): string {
  return format.style === 'percent' ? fmt.percent(x, format.digits) : format.style === 'signed' ? fmt.signed(x, format.digits) : fmt.decimal(x, format.digits);
}

/** A change in its measure's format, always signed, a share's in percentage points: "+5", "−3 pp", "+0,40". */
export function formatDelta(format: NumberFormat, delta: number): string {
  return format.style === 'percent' ? fmt.signedPoints(delta, format.digits) : fmt.signed(delta, format.digits);
}

/** Which way a change goes as written: one that rounds to zero in its format goes nowhere (and has no arrow). */
export function changeDirection(format: NumberFormat, delta: number): 'up' | 'down' | 'flat' {
  const written = Math.round(delta * 10 ** (format.digits + (format.style === 'percent' ? 2 : 0)));
  return written > 0 ? 'up' : written < 0 ? 'down' : 'flat';
}

/** A measure's value in a cell, or "–"; with `margin`, "+23 ± 6". */
export function figureText(m: Measure, f: Figures | null | undefined, margin = false): string {
  const x = f ? m.of(f) : null;
  if (!x) return '–';
  return margin ? `${formatValue(m.format, x.value)} ± ${fmt.decimal(x.margin, m.format.digits)}` : formatValue(m.format, x.value);
}

/** The change marker of tables: the signed change, " *" when significant, "–" without a change. */
export function changeMark(m: Measure, test: ChangeTest | null | undefined): string {
  return test ? `${formatDelta(m.format, test.delta)}${test.significant ? ' *' : ''}` : '–';
}
