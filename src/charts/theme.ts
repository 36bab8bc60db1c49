// Colours as the site's CSS variables (--fg, --muted, … in styles/site.css, which switches for dark
// mode), with the light palette as the fallback, for an SVG file opened on its own. (A layer of
// --chart-* variables before them was never set by any page, and cost a report 22 KB.) Text colours
// keep ≥ 4.5:1 contrast on #ffffff and on #121417 (checked for the site palette: muted text 7.1:1
// light, 8.7:1 dark).

export const color = {
  /** Titles, tick labels, annotations. */
  text: 'var(--fg, #1b1f24)',
  /** Secondary text: "n < 10", axis titles. */
  muted: 'var(--muted, #4f5964)',
  background: 'var(--bg, #ffffff)',
  grid: 'var(--line, #d5dae0)',
  /** Every other stage band behind the curve. */
  band: 'var(--panel, #f4f6f8)',
  /** The measured value (mean, trend line, bars). */
  value: 'var(--accent, #0b5cad)',
  target: 'var(--fg, #1b1f24)',
  expected: 'var(--muted, #4f5964)',
  bad: 'var(--bad, #a8281e)',
  good: 'var(--good, #1d6b36)',
  neutral: 'var(--line, #d5dae0)',
} as const;

/** Opacity of the 95% interval band drawn in the value colour. */
export const INTERVAL_OPACITY = 0.2;

/** Dash patterns carry the meaning of a line, so it does not depend on colour. */
export const dash = { target: '6 4', expected: '1 4' } as const;

export const font = {
  family: 'var(--font, system-ui, sans-serif)',
  /** The smallest text a chart draws: at full size (see layout.ts) no text is under 11 CSS px. The trend's panels leave it to the svg's size: keep it equal to `tick`. */
  small: 11,
  tick: 11,
  label: 12,
  lineHeight: 13,
} as const;

/**
 * Every chart on the site is drawn twice and styles/site.css shows one, so text keeps its size
 * rather than being scaled down with the drawing: the narrow one (320 units) for phones, at least full
 * size from a 352-px screen; the wide one (720 units) from 48rem (768 px), where it is at least full
 * size too.
 */
export const CHART_LAYOUTS = [
  { name: 'wide', width: 720, idSuffix: '' },
  { name: 'narrow', width: 320, idSuffix: '-narrow' },
] as const;

export type ChartLayout = (typeof CHART_LAYOUTS)[number];
