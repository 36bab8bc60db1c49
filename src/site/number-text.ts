// A measure's numbers as text in a given language's formats: pure, for modules tested without the
// site's model (src/site/summary.ts); src/site/figure-text.ts binds them to the site's language.
import type { NumberFormat } from '../lib/stats/measures.ts';
import type { formatter } from './i18n.ts';

export type Formats = ReturnType<typeof formatter>;

/** A value in its measure's format: "+23", "45 %", "5,20". */
export function valueText(fmt: Formats, format: NumberFormat, x: number): string {
  return format.style === 'percent' ? fmt.percent(x, format.digits) : format.style === 'signed' ? fmt.signed(x, format.digits) : fmt.decimal(x, format.digits);
}

/** A change in its measure's format, always signed, a share's in percentage points: "+5", "−3 pp", "+0,40". */
export function deltaText(fmt: Formats, format: NumberFormat, delta: number): string {
  return format.style === 'percent' ? fmt.signedPoints(delta, format.digits) : fmt.signed(delta, format.digits);
}

/** Which way a change goes as written: one that rounds to zero in its format goes nowhere (and has no arrow). */
export function changeDirection(format: NumberFormat, delta: number): 'up' | 'down' | 'flat' {
  const written = Math.round(delta * 10 ** (format.digits + (format.style === 'percent' ? 2 : 0)));
  return written > 0 ? 'up' : written < 0 ? 'down' : 'flat';
}
