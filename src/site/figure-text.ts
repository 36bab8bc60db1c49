// A cell's figures as text, one way everywhere: "–" when a figure does not exist. Which measures
// there are and how each is written: src/lib/stats/measures.ts. `fmt` is the page language's formats.
import type { Figures } from '../lib/stats/figures';
import { answered, type Measure } from '../lib/stats/measures';
import type { ChangeTest } from '../lib/stats/stats';
import type { PageLanguage } from './model';
import { deltaText, valueText, type Formats } from './number-text';

/** A scale as readers write it: "−3…+3", "1–7". */
export function scaleRange(fmt: Formats, { min, max }: { min: number; max: number }): string {
  return min < 0 ? `${fmt.signed(min)}…${fmt.signed(max)}` : `${fmt.integer(min)}–${fmt.integer(max)}`;
}

/** A measure's value in a cell, or "–"; with `margin`, "+23 ± 6". */
export function figureText(fmt: Formats, m: Measure, f: Figures | null | undefined, margin = false): string {
  const x = f ? m.of(f) : null;
  if (!x) return '–';
  return margin ? `${valueText(fmt, m.format, x.value)} ± ${fmt.decimal(x.margin, m.format.digits)}` : valueText(fmt, m.format, x.value);
}

/**
 * A measure's value in a published cell as tables write it: "not asked" where the cell has no answers
 * for it (a small group says "n < 10" instead, in place of all its figures).
 */
export function cellText(l: Pick<PageLanguage, 't' | 'fmt'>, m: Measure, f: Figures | null | undefined, margin = false): string {
  return f && !answered(m, f) ? l.t('notAsked') : figureText(l.fmt, m, f, margin);
}

/** The change marker of tables: the signed change, " *" when significant, "–" without a change. */
export function changeMark(fmt: Formats, m: Measure, test: ChangeTest | null | undefined): string {
  return test ? `${deltaText(fmt, m.format, test.delta)}${test.significant ? ' *' : ''}` : '–';
}
