import { describe, expect, it } from 'vitest';
import { findAll, findOne, textOf, titleOf } from './find.test-helper.ts';
import { overlaps, priorityChart, priorityLayout, type PriorityData, type PriorityOptions, type PriorityPoint } from './priority.ts';

// Geometry by hand. Margins top 16, right 16, bottom 44, left 52 (PRIORITY_MARGIN); width 400,
// height 300: the plot spans x 52…384 (332 px) and y 16…256 (240 px).
// x: the largest high is 0.4, × 1.05 = 0.42, made nice → 0…0.5, so x(0.1) = 52 + 0.2 · 332 = 118.4,
// x(0.3) = 251.2, and the mean weight 0.2 at 184.8.
// y: both targets are 1, so the split is the target; values 0 and 1 padded by a tenth of the scale
// (0.6) → −0.6…1.6, nice → −1…2: y(v) = 256 − (v + 1) / 3 · 240, y(0) = 176, y(1) = 96.
const point = (p: Partial<PriorityPoint> & Pick<PriorityPoint, 'id' | 'weight' | 'performance'>): PriorityPoint => ({
  title: p.id, low: p.weight - 0.05, high: p.weight + 0.1, target: 1, fixFirst: false, ...p,
});
const data: PriorityData = {
  title: 'Impact and performance',
  description: 'Fix first: queue.',
  scale: { min: -3, max: 3 },
  points: [point({ id: 'web', weight: 0.1, performance: 1 }), point({ id: 'queue', weight: 0.3, performance: 0, fixFirst: true })],
};
const options: PriorityOptions = {
  id: 'drivers-x',
  width: 400,
  height: 300,
  labels: {
    impact: 'Impact', performance: 'Emotion', fixFirst: 'fix first', target: 'Target', meanPerformance: 'mean',
    quadrants: { highImpactLow: 'High impact, low score', highImpactHigh: 'High impact, high score', lowImpactLow: 'Low impact, low score', lowImpactHigh: 'Low impact, high score' },
  },
};

describe('priorityChart', () => {
  const svg = priorityChart(data, options);

  it('is an accessible image named by its title and desc', () => {
    expect(svg.attrs).toMatchObject({ role: 'img', viewBox: '0 0 400 300', 'aria-labelledby': 'drivers-x-title drivers-x-desc' });
    expect(textOf(findOne(svg, 'desc'))).toBe('Fix first: queue.');
  });

  it('places each point at its weight and performance, its interval as a line', () => {
    expect(findOne(svg, 'circle', { class: 'point' }).attrs).toMatchObject({ cx: 118.4, cy: 96 });
    const lines = findAll(findOne(svg, 'g', { class: 'intervals' }), 'line');
    // web 0.05…0.2, queue 0.25…0.4.
    expect(lines.map((l) => [l.attrs.x1, l.attrs.x2, l.attrs.y1])).toEqual([[85.2, 184.8, 96], [218, 317.6, 176]]);
  });

  it('splits the quadrants at the mean weight and at the shared target, drawn as the target line', () => {
    expect(findOne(svg, 'line', { class: 'split-impact' }).attrs).toMatchObject({ x1: 184.8, x2: 184.8, y1: 16, y2: 256 });
    expect(findOne(svg, 'line', { class: 'target' }).attrs).toMatchObject({ x1: 52, x2: 384, y1: 96, y2: 96, 'stroke-dasharray': '6 4' });
    expect(findAll(findOne(svg, 'g', { class: 'quadrants' }), 'text').map(textOf)).toEqual(['Low impact, high score', 'High impact, high score', 'Low impact, low score', 'High impact, low score']);
  });

  it('marks a touchpoint to fix first by shape and colour and in words', () => {
    const fix = findOne(svg, 'polygon', { class: 'fix-first' });
    expect(titleOf(fix)).toBe('queue: 30% (95%: 25%…40%), 0.0, fix first');
    const labels = findAll(findOne(svg, 'g', { class: 'point-labels' }), 'text').map(textOf);
    expect(labels).toEqual(['queuefix first', 'web']);
  });

  it('marks each target at its point when the touchpoints’ targets differ, and splits at the mean performance', () => {
    const mixed = { ...data, points: [data.points[0]!, { ...data.points[1]!, target: 0.5 }] };
    const chart = priorityChart(mixed, options);
    expect(findAll(chart, 'line', { class: 'target' })).toEqual([]);
    expect(findAll(findOne(chart, 'g', { class: 'targets' }), 'line')).toHaveLength(2);
    const { y, split } = priorityLayout(mixed, options);
    expect(split).toEqual({ value: 0.5, target: false });
    expect(findOne(chart, 'line', { class: 'split-performance' }).attrs.y1).toBe(Math.round(y(0.5) * 100) / 100);
    // The line says what it is, and the legend what the marks at the points are.
    expect(textOf(findOne(chart, 'text', { class: 'split-label' }))).toBe('mean 0.5');
    expect(textOf(findOne(chart, 'g', { class: 'legend' }))).toBe('Target');
    expect(textOf(findOne(svg, 'text', { class: 'split-label' }))).toBe('Target');
    expect(findAll(svg, 'g', { class: 'legend' })).toEqual([]);
  });
});

describe('priorityLayout', () => {
  // Eight touchpoints, six of them crowded into a corner, on a phone's 320 units.
  const crowded: PriorityData = {
    ...data,
    points: [
      point({ id: 'a', title: 'Service desk queue', weight: 0.14, performance: 0.2, fixFirst: true }),
      point({ id: 'b', title: 'Web order', weight: 0.1, performance: 0.6, target: 1.5, fixFirst: true }),
      point({ id: 'c', title: 'Desk handover', weight: 0.08, performance: 1.3, target: 1.5, fixFirst: true }),
      point({ id: 'd', title: 'Pickup code', weight: 0.05, performance: 1.1 }),
      point({ id: 'e', title: 'Store arrival', weight: 0.04, performance: 1.2 }),
      point({ id: 'f', title: 'Follow-up', weight: 0.03, performance: 0.9 }),
      point({ id: 'g', title: 'Online ad', weight: 0.02, performance: 1.4, target: 1.5 }),
      point({ id: 'h', title: 'Price comparison', weight: 0.02, performance: 1.5, target: 1.5 }),
    ],
  };

  /** Each label outside the plot, or over another label, a quadrant title or a point. */
  function placementProblems(chart: PriorityData, at: ReturnType<typeof priorityLayout>): string[] {
    const boxes = at.pointLabels.map((l) => l.box);
    const problems: string[] = [];
    boxes.forEach((a, i) => {
      if (a.x0 < at.left || a.x1 > at.right || a.y0 < at.top || a.y1 > at.bottom) problems.push(`${at.pointLabels[i]!.lines[0]} outside the plot`);
      boxes.slice(i + 1).forEach((b, k) => overlaps(a, b) && problems.push(`${at.pointLabels[i]!.lines[0]} over ${at.pointLabels[i + 1 + k]!.lines[0]}`));
      at.quadrantTitles.forEach((q) => overlaps(a, q.box) && problems.push(`${at.pointLabels[i]!.lines[0]} over ${q.lines[0]}`));
      chart.points.forEach((p) => {
        const [px, py] = [at.x(p.weight), at.y(p.performance)];
        if (overlaps(a, { x0: px - 5, x1: px + 5, y0: py - 5, y1: py + 5 })) problems.push(`${at.pointLabels[i]!.lines[0]} over point ${p.id}`);
      });
    });
    return problems;
  }

  it.each([320, 720])('keeps every label at %i units inside the plot, off the other labels, the points and the quadrant titles', (width) => {
    const at = priorityLayout(crowded, { ...options, width, height: 340 });
    expect(at.pointLabels).toHaveLength(8);
    expect(placementProblems(crowded, at)).toEqual([]);
  });

  // The sample's group trip in 2026-q3 (weights, intervals and emotion rounded): ten touchpoints,
  // eight of them under 5% impact, with long names, on a phone (320 units, 400 high as KeyDrivers draws it).
  const groupTrip: PriorityData = {
    ...data,
    points: [
      point({ id: 'mid', title: 'Mid-trip: weather, food and excursions', weight: 0.43, low: 0.29, high: 0.51, performance: -0.92, target: 1.2, fixFirst: true }),
      point({ id: 'next', title: 'Next-trip decision', weight: 0.19, low: 0.1, high: 0.27, performance: 0.26, target: 1.5, fixFirst: true }),
      point({ id: 'budget', title: 'Group decision and budget', weight: 0.047, low: 0.011, high: 0.13, performance: 0.33, target: 0.8 }),
      point({ id: 'ideas', title: 'Inspiration and first ideas', weight: 0.041, low: 0.008, high: 0.12, performance: 1.07, target: 1 }),
      point({ id: 'suppliers', title: 'Research and supplier comparison', weight: 0.023, low: 0.005, high: 0.076, performance: 0.51, target: 1 }),
      point({ id: 'return', title: 'Return journey', weight: 0.023, low: 0.002, high: 0.092, performance: 0.59, target: 1 }),
      point({ id: 'booking', title: 'Booking', weight: 0.021, low: 0.005, high: 0.089, performance: 0.94, target: 1.2 }),
      point({ id: 'first', title: 'First days', weight: 0.02, low: 0.003, high: 0.092, performance: 2.06, target: 2 }),
      point({ id: 'arrival', title: 'Arrival and transfer', weight: 0.013, low: 0.002, high: 0.067, performance: 1.96, target: 2 }),
      point({ id: 'memories', title: 'Memories and sharing', weight: 0.006, low: 0.003, high: 0.043, performance: 1.31, target: 1.3 }),
    ],
  };

  it('wraps a long name to a second line on a phone instead of cutting it, and keeps every label clear', () => {
    const at = priorityLayout(groupTrip, { ...options, width: 320, height: 400 });
    const shown = (id: string) => at.pointLabels.find((l) => l.point.id === id)!.lines;
    // 320 units: labels of up to 60% of the 252-unit plot, charsThatFit(151) characters a line.
    expect(at.pointLabels.flatMap((l) => l.lines).filter((line) => line.includes('…'))).toEqual([]);
    expect(shown('mid').join(' ')).toBe('Mid-trip: weather, food and excursions fix first');
    expect(shown('suppliers').join(' ')).toBe('Research and supplier comparison');
    expect(placementProblems(groupTrip, at)).toEqual([]);
  });

  it('gives a label a narrower shape when its two-line shape finds no clear place (the crowded corner with long names)', () => {
    const names: Record<string, string> = { a: 'Queueing at the service desk', b: 'Web order for store pickup', c: 'Handover at the pickup counter', d: 'Pickup notice and pickup code', e: 'Arriving at the store', f: 'Follow-up and support', g: 'Online ad', h: 'Price comparison and reviews' };
    // The crowded touchpoints with the sample's pickup names and intervals as src/site/analyses.test-helper.ts gives them.
    const named = { ...crowded, points: crowded.points.map((p) => ({ ...p, title: names[p.id]!, low: Math.max(0, p.weight - 0.03), high: p.weight + 0.04 })) };
    const at = priorityLayout(named, { ...options, width: 320, height: 432 });
    expect(placementProblems(named, at)).toEqual([]);
    expect(at.pointLabels.flatMap((l) => l.lines).filter((line) => line.includes('…'))).toEqual([]);
  });
});

describe('leader lines', () => {
  it('tie a label moved away from its point to it, and only such a label', () => {
    // Three points on one spot, at x 251.2, y 176: above and below it are taken first, the third label moves away.
    const triplets = { ...data, points: ['first', 'second', 'third'].map((id) => point({ id, weight: 0.3, performance: 0 })) };
    const at = priorityLayout(triplets, options);
    const distance = (b: { x0: number; x1: number; y0: number; y1: number }) => Math.hypot(Math.min(Math.max(251.2, b.x0), b.x1) - 251.2, Math.min(Math.max(176, b.y0), b.y1) - 176);
    const far = at.pointLabels.filter((l) => distance(l.box) > 14);
    expect(far.length).toBeGreaterThan(0);
    const leaders = findAll(findOne(priorityChart(triplets, options), 'g', { class: 'leaders' }), 'line');
    expect(leaders).toHaveLength(far.length);
    expect(leaders.every((l) => l.attrs.x1 === 251.2 && l.attrs.y1 === 176)).toBe(true);
  });
});
