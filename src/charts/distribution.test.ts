import { describe, expect, it } from 'vitest';
import { distribution } from './distribution.ts';
import { findAll, findOne, textOf } from './find.test-helper.ts';
import { toSvgString } from './svg.ts';

// Margins top 24, right 16, bottom 28, left 16. Width 400 → x 16…384 = 368 px for 4 bars with inner
// padding 0.2 and outer 0.1: step 368 / 4 = 92, bar width 73.6, first bar at 16 + 9.2 = 25.2.
// Height 220 → y 24…192 for counts 0…5: 33.6 px per answer.
const data = { title: 'Scores', description: 'How satisfied, 1–4.', min: 1, counts: [2, 0, 5, 3] };
const options = { id: 'dist', width: 400, height: 220, labels: { answers: 'answers' } };

describe('distribution', () => {
  const svg = distribution(data, options);
  const bars = findAll(svg, 'g', { class: 'bar' });

  it('draws one bar per score from min, as tall as its count', () => {
    expect(bars.map((b) => findOne(b, 'rect').attrs)).toEqual([
      expect.objectContaining({ x: 25.2, y: 124.8, width: 73.6, height: 67.2 }),
      expect.objectContaining({ x: 117.2, y: 192, height: 0 }),
      expect.objectContaining({ x: 209.2, y: 24, height: 168 }),
      expect.objectContaining({ x: 301.2, y: 91.2, height: 100.8 }),
    ]);
  });

  it('labels counts on top and scores below', () => {
    expect(bars.map((b) => textOf(findOne(b, 'text', { class: 'count' })))).toEqual(['2', '0', '5', '3']);
    expect(findOne(bars[2]!, 'text', { class: 'count' }).attrs).toMatchObject({ x: 246, y: 19 });
    expect(bars.map((b) => textOf(findOne(b, 'text', { class: 'score' })))).toEqual(['1', '2', '3', '4']);
  });

  it('lists the counts in the description for screen readers', () => {
    expect(textOf(findOne(svg, 'desc'))).toBe('How satisfied, 1–4. answers — 1: 2, 2: 0, 3: 5, 4: 3.');
  });

  it('handles an all-zero distribution and is deterministic', () => {
    const zero = distribution({ ...data, counts: [0, 0] }, options);
    expect(findAll(zero, 'rect').every((r) => r.attrs.height === 0)).toBe(true);
    expect(toSvgString(distribution(data, options))).toBe(toSvgString(svg));
  });
});
