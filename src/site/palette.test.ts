// The site's colours (src/styles/site.css), which the charts use too (src/charts/theme.ts): every text
// colour keeps a contrast of at least 4.5:1 on the page and on panels, in light and in dark mode, and
// form-field borders at least 3:1. axe-core checks the rendered HTML; this also covers SVG chart text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(join(import.meta.dirname, '../styles/site.css'), 'utf8');

function palette(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}
const light = palette(css.slice(css.indexOf(':root {'), css.indexOf('}', css.indexOf(':root {'))));
const darkStart = css.indexOf('@media (prefers-color-scheme: dark)');
const dark = { ...light, ...palette(css.slice(darkStart, css.indexOf('}', darkStart))) };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('the colour palette', () => {
  it('has both schemes', () => {
    expect(Object.keys(light)).toEqual(expect.arrayContaining(['bg', 'fg', 'muted', 'panel', 'accent', 'good', 'bad', 'field']));
    expect(dark.bg).not.toBe(light.bg);
  });

  for (const [scheme, p] of [['light', light], ['dark', dark]] as const) {
    it.each(['fg', 'muted', 'accent', 'good', 'bad'])(`${scheme}: --%s text is at least 4.5:1 on --bg and --panel`, (name) => {
      expect(contrast(p[name]!, p.bg!)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(p[name]!, p.panel!)).toBeGreaterThanOrEqual(4.5);
    });
    it(`${scheme}: form-field borders are at least 3:1`, () => {
      expect(contrast(p.field!, p.bg!)).toBeGreaterThanOrEqual(3);
    });
  }
});
