import { describe, expect, it } from 'vitest';
import { findAll, findOne, subpaths, textOf, titleOf } from './find.test-helper.ts';
import { toSvgString } from './svg.ts';
import { MARKED_VALUES_MAX, trendSmallMultiples, type TrendData, type TrendOptions } from './trend.ts';

// Geometry by hand (TREND_LAYOUT: gap 20, title 38, xAxis 20, yAxis 30, right 8; no legend row
// because no target/interval labels are given):
// width 396, 2 columns → panels 188 wide at x 0 and 208. Plot x of the first panel: 30…180 = 150 px;
// three snapshots on a point scale with padding 0.5 → step 50, at 55, 105, 155 (second panel +208).
// panelHeight 158 → plot y 38…138 = 100 px for the scale 0…10, 10 px per unit: y(7) = 68, y(8) = 58, y(6) = 78.
const data = (): TrendData => ({
  title: 'Emotion over time',
  description: 'Two touchpoints, three snapshots',
  snapshots: ['2024-Q1', '2024-Q2', '2024-Q3'],
  scale: { min: 0, max: 10 },
  series: [
    { id: 'web', title: 'Website', values: [{ value: 7, low: 6.5, high: 7.5 }, null, { value: 8, low: 7.6, high: 8.4 }], target: 6 },
    { id: 'chat', title: 'Chat', values: [{ value: 5, low: 4, high: 6 }, { value: 6, low: 5, high: 7 }, { value: 4, low: 3, high: 5 }] },
  ],
});
const options: TrendOptions = { id: 'trend', width: 396, columns: 2, panelHeight: 158, labels: { suppressed: 'n < 10' } };

describe('trendSmallMultiples', () => {
  const svg = trendSmallMultiples(data(), options);
  const [web, chat] = findAll(svg, 'g', { class: 'panel' });

  it('lays out one panel per series in a grid, sized by the viewBox only', () => {
    expect(svg.attrs.viewBox).toBe('0 0 396 158');
    expect(findAll(svg, 'g', { class: 'panel' })).toHaveLength(2);
    expect(textOf(findAll(web!, 'text')[0]!)).toBe('Website');
  });

  it('places values at the snapshot positions of their panel', () => {
    expect(findAll(web!, 'circle').map((c) => [c.attrs.cx, c.attrs.cy])).toEqual([[55, 68], [155, 58]]);
    expect(findAll(chat!, 'circle').map((c) => c.attrs.cx)).toEqual([263, 313, 363]);
    expect(titleOf(findAll(web!, 'circle')[0]!)).toBe('Website, 2024-Q1: 7.0 (95%: 6.5…7.5)');
  });

  it('leaves a gap with an "n < 10" mark where a value is missing', () => {
    expect(subpaths(findOne(web!, 'path', { class: 'value' }).attrs.d)).toBe(2);
    expect(subpaths(findOne(web!, 'path', { class: 'interval' }).attrs.d)).toBe(2);
    const mark = findOne(web!, 'text', { class: 'suppressed' });
    expect(textOf(mark)).toBe('n < 10');
    expect(mark.attrs.x).toBe(105);
    expect(subpaths(findOne(chat!, 'path', { class: 'value' }).attrs.d)).toBe(1);
  });

  it('draws the target as a dashed line only where a series has one', () => {
    expect(findOne(web!, 'line', { class: 'target' }).attrs).toMatchObject({ x1: 30, x2: 180, y1: 78, 'stroke-dasharray': '6 4' });
    expect(findAll(chat!, 'line', { class: 'target' })).toEqual([]);
  });

  it('adds a legend row when labels for it are given', () => {
    const withLegend = trendSmallMultiples(data(), { ...options, labels: { suppressed: 'n < 10', target: 'Target', interval: '95% interval' } });
    expect(withLegend.attrs.viewBox).toBe('0 0 396 186');
    expect(findAll(withLegend, 'g', { class: 'legend-item' }).map(textOf)).toEqual(['95% interval', 'Target']);
  });

  it('marks only the latest value beyond MARKED_VALUES_MAX snapshots, and still labels suppressed ones', () => {
    const weeks = Array.from({ length: MARKED_VALUES_MAX + 1 }, (_, i) => `2026-w${String(i + 1).padStart(2, '0')}`);
    const values = weeks.map((_, i) => (i === 3 ? null : { value: 5, low: 4, high: 6 }));
    const many = trendSmallMultiples({ ...data(), snapshots: weeks, series: [{ id: 'web', title: 'Website', values }] }, { ...options, columns: 1 });
    const points = findAll(many, 'circle', { class: 'point' });
    expect(points).toHaveLength(1);
    expect(titleOf(points[0]!)).toBe(`Website, ${weeks.at(-1)}: 5.0 (95%: 4.0…6.0)`);
    expect(findAll(many, 'text', { class: 'suppressed' })).toHaveLength(1);
    expect(subpaths(findOne(many, 'path', { class: 'value' }).attrs.d)).toBe(2);
    // A value between two suppressed ones has no line to show it: it keeps its marker.
    const gappy = weeks.map((_, i) => (i % 2 ? null : { value: 5, low: 4, high: 6 }));
    const alone = trendSmallMultiples({ ...data(), snapshots: weeks, series: [{ id: 'web', title: 'Website', values: gappy }] }, { ...options, columns: 1 });
    expect(findAll(alone, 'circle', { class: 'point' })).toHaveLength(gappy.filter(Boolean).length);
    const few = trendSmallMultiples({ ...data(), snapshots: weeks.slice(1), series: [{ id: 'web', title: 'Website', values: values.slice(1) }] }, { ...options, columns: 1 });
    expect(findAll(few, 'circle', { class: 'point' })).toHaveLength(MARKED_VALUES_MAX - 1);
  });

  it('refuses a series whose values do not match the snapshots', () => {
    const bad = data();
    bad.series[0]!.values.pop();
    expect(() => trendSmallMultiples(bad, options)).toThrow(/2 values for 3 snapshots/);
  });

  it('is deterministic and escapes titles', () => {
    const evil = data();
    evil.series[0]!.title = '</title><svg onload=alert(1)>';
    const out = toSvgString(trendSmallMultiples(evil, options));
    expect(out).toBe(toSvgString(trendSmallMultiples(evil, options)));
    expect(out).toContain('&lt;/title&gt;&lt;svg onload=alert(1)&gt;');
    expect(out).not.toContain('<svg onload');
  });
});
