// Number formats for chart text. The site passes its own (Finnish "−0,3", "45 %") from
// site/i18n.ts; these defaults keep charts usable in tests and on their own.
import { format } from 'd3';

export interface ChartFormats {
  /** A mean or interval bound on the chart's scale: "−2.1". */
  value: (x: number) => string;
  /** A count: "1,234". */
  integer: (x: number) => string;
  /** A share 0…1 as a percentage: "45%". */
  percent: (share: number) => string;
  /** A score with its sign, for NPS: "+23", "−5", "0". */
  signed: (x: number) => string;
}

const signedInteger = format('+.0f');

export const defaultFormats: ChartFormats = {
  // d3-format drops the sign of a value that rounds to zero: −0.04 → "0.0", not "−0.0".
  value: format('.1f'),
  integer: format(',.0f'),
  percent: format('.0%'),
  signed: (x) => (Math.round(x) === 0 ? '0' : signedInteger(x)),
};

export function chartFormats(overrides: Partial<ChartFormats> = {}): ChartFormats {
  return { ...defaultFormats, ...overrides };
}
