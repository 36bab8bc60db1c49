// The priority chart of a journey's key drivers: impact (relative weight, with its interval as a
// line) along x, performance (the touchpoint's mean on the predictor) along y, split into quadrants
// at the mean weight (the fix-first rule's line) and at the target, or the mean performance where the
// touchpoints share no one target. A touchpoint to fix first is a red triangle AND says so in its
// label, so the mark does not depend on colour. Labels are placed beside their points, off every
// other label, point and quadrant title (boxes estimated from character counts, as text.ts does).
import { scaleLinear } from 'd3';
import type { Box } from './annotation.ts';
import { chartFrame, legend, LEGEND_ROW } from './frame.ts';
import { chartFormats, type ChartFormats } from './format.ts';
import { downTriangle, halo, lineStyle, swatch } from './marks.ts';
import { h, round2, type SvgNode } from './svg.ts';
import { charsThatFit, estimateWidth, wrapText } from './text.ts';
import { color, font } from './theme.ts';

export interface PriorityPoint {
  id: string;
  title: string;
  /** Relative weight and its 95% interval, on the outcome's share of variance (0–1). */
  weight: number;
  low: number;
  high: number;
  performance: number;
  target: number | null;
  fixFirst: boolean;
}

export interface PriorityData {
  title: string;
  description: string;
  /** The predictor's scale: performance is drawn within it. */
  scale: { min: number; max: number };
  points: PriorityPoint[];
}

export interface PriorityOptions {
  id: string;
  width?: number;
  height?: number;
  labels: {
    /** Axis titles. */
    impact: string;
    performance: string;
    fixFirst: string;
    target: string;
    meanPerformance: string;
    /** Quadrants: high impact and low performance first, as a reader looks for it. */
    quadrants: { highImpactLow: string; highImpactHigh: string; lowImpactLow: string; lowImpactHigh: string };
  };
  formats?: Partial<ChartFormats>;
}

export const PRIORITY_MARGIN = { top: 16, right: 16, bottom: 44, left: 52 } as const;
const LABEL_GAP = 8;
const POINT_RADIUS = 5;
/** A label's widths to wrap its name at, narrowest first, as shares of the plot's width. */
const LABEL_SHARES = [0.45, 0.6];

export function priorityChart(data: PriorityData, options: PriorityOptions): SvgNode {
  const at = priorityLayout(data, options);
  const { labels } = options;
  const fmt = chartFormats(options.formats);
  const { left, right, top, bottom, x, y, split, quadrantTitles } = at;
  const points = data.points;
  return chartFrame(
    { id: options.id, kind: 'chart-priority', width: at.width, height: at.height, title: data.title, description: data.description },
    h('g', { class: 'y-axis' }, y.ticks(6).map((v) => h('g', { class: 'tick' },
      h('line', { x1: left, x2: right, y1: y(v), y2: y(v), stroke: color.grid }),
      h('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end' }, fmt.value(v)),
    )), h('text', { class: 'axis-title', transform: `translate(14 ${round2((top + bottom) / 2)}) rotate(-90)`, 'text-anchor': 'middle', fill: color.muted }, labels.performance)),
    h('g', { class: 'x-axis', 'text-anchor': 'middle' }, at.xTicks.map((v) => h('text', { x: x(v), y: bottom + 19 }, fmt.percent(v))),
      h('text', { class: 'axis-title', x: (left + right) / 2, y: bottom + 36, fill: color.muted }, labels.impact)),
    h('line', { class: 'split-impact', x1: x(at.meanWeight), x2: x(at.meanWeight), y1: top, y2: bottom, stroke: color.muted, 'stroke-width': 1 }),
    h('line', { class: split.target ? 'split-performance target' : 'split-performance', x1: left, x2: right, y1: y(split.value), y2: y(split.value), ...(split.target ? lineStyle.target : { stroke: color.muted, 'stroke-width': 1 }) }),
    h('text', { class: 'split-label', x: at.splitLabel.x, y: at.splitLabel.y, 'text-anchor': 'end', fill: color.muted, ...halo }, at.splitLabel.text),
    // Touchpoints with targets of their own: each target a short dashed mark at its point.
    h('g', { class: 'targets' }, split.target ? [] : points.filter((p) => p.target !== null).map((p) => h('line', { x1: x(p.weight) - 10, x2: x(p.weight) + 10, y1: y(p.target!), y2: y(p.target!), ...lineStyle.target }))),
    h('g', { class: 'quadrants', fill: color.muted, 'font-style': 'italic' }, quadrantTitles.map((q) => h('text', { x: q.x, y: q.y, 'text-anchor': q.anchor }, q.lines.map((l, i) => h('tspan', { x: q.x, dy: i === 0 ? 0 : font.lineHeight }, l))))),
    h('g', { class: 'intervals' }, points.map((p) => h('line', { x1: x(p.low), x2: x(p.high), y1: y(p.performance), y2: y(p.performance), stroke: p.fixFirst ? color.bad : color.value, 'stroke-width': 2, 'stroke-opacity': 0.5 }))),
    h('g', { class: 'points' }, points.map((p) => {
      const describe = `${p.title}: ${fmt.percent(p.weight)} (95%: ${fmt.percent(p.low)}…${fmt.percent(p.high)}), ${fmt.value(p.performance)}${p.fixFirst ? `, ${labels.fixFirst}` : ''}`;
      return p.fixFirst
        ? h('polygon', { class: 'point fix-first', points: downTriangle(x(p.weight), y(p.performance), 7), fill: color.bad, stroke: color.background, 'stroke-width': 1 }, h('title', {}, describe))
        : h('circle', { class: 'point', cx: x(p.weight), cy: y(p.performance), r: POINT_RADIUS, fill: color.value, stroke: color.background, 'stroke-width': 1.5 }, h('title', {}, describe));
    })),
    // A label moved away from its point is tied to it by a thin line.
    h('g', { class: 'leaders', stroke: color.muted, 'stroke-width': 0.75 }, at.pointLabels.flatMap(({ point, box }) => {
      const [px, py] = [x(point.weight), y(point.performance)];
      const [bx, by] = [Math.min(Math.max(px, box.x0), box.x1), Math.min(Math.max(py, box.y0), box.y1)];
      return Math.hypot(bx - px, by - py) > LABEL_GAP + 6 ? [h('line', { x1: px, y1: py, x2: bx, y2: by })] : [];
    })),
    h('g', { class: 'point-labels' }, at.pointLabels.map(({ point, lines, box }) => h('text', { y: box.y0 + font.lineHeight - 3, ...halo, fill: point.fixFirst ? color.bad : color.text, 'font-weight': point.fixFirst ? 600 : undefined },
      lines.map((l, i) => h('tspan', { x: box.x0, dy: i === 0 ? 0 : font.lineHeight }, l))))),
    at.legendBlock?.node ?? null,
  );
}

/** Scales, the quadrant split, and every label's place; exported for the tests of label placement. */
export function priorityLayout(data: PriorityData, options: PriorityOptions) {
  const width = options.width ?? 720;
  const height = options.height ?? 380;
  const { labels } = options;
  const points = data.points;
  if (!(data.scale.max > data.scale.min)) throw new Error(`Priority chart ${options.id}: scale ${data.scale.min}…${data.scale.max} is empty`);
  const left = PRIORITY_MARGIN.left;
  const right = width - PRIORITY_MARGIN.right;
  const bottom = height - PRIORITY_MARGIN.bottom;
  const meanWeight = points.length ? points.reduce((s, p) => s + p.weight, 0) / points.length : 0;
  const x = scaleLinear([0, Math.max(0.01, ...points.map((p) => p.high)) * 1.05], [left, right]).nice(5);
  const xTicks = x.ticks(width < 480 ? 4 : 6);
  // One target for all: it splits the quadrants; else the mean performance does, and each target is marked at its point.
  const targets = [...new Set(points.map((p) => p.target))];
  const commonTarget = targets.length === 1 && targets[0] !== null ? targets[0]! : null;
  const meanPerformance = points.length ? points.reduce((s, p) => s + p.performance, 0) / points.length : (data.scale.min + data.scale.max) / 2;
  const split = commonTarget !== null ? { value: commonTarget, target: true } : { value: meanPerformance, target: false };
  // Targets marked at their points need a legend entry to be read as targets.
  const legendBlock = !split.target && points.some((p) => p.target !== null) ? legend([swatch.target(labels.target)], left, 14, right) : null;
  const top = PRIORITY_MARGIN.top + (legendBlock ? legendBlock.rows * LEGEND_ROW : 0);
  // Performance within the scale, around the points and targets, so that differences show.
  const values = [...points.flatMap((p) => (p.target === null ? [p.performance] : [p.performance, p.target])), split.value];
  const pad = (data.scale.max - data.scale.min) / 10;
  const y = scaleLinear([Math.max(data.scale.min, Math.min(...values) - pad), Math.min(data.scale.max, Math.max(...values) + pad)], [bottom, top]).nice(5);

  const half = charsThatFit((right - left) / 2 - 12, font.tick);
  const quadrant = (text: string, corner: 'tl' | 'tr' | 'bl' | 'br') => {
    const { lines } = wrapText(text, half, 2);
    const w = Math.max(...lines.map((l) => estimateWidth(l, font.tick)));
    const hgt = lines.length * font.lineHeight;
    const right_ = corner.endsWith('r');
    const xAt = right_ ? right - 4 : left + 4;
    const y0 = corner.startsWith('t') ? top + 4 : bottom - 4 - hgt;
    return { lines, x: xAt, y: y0 + font.lineHeight - 3, anchor: right_ ? 'end' : 'start', box: { x0: right_ ? xAt - w : xAt, x1: right_ ? xAt : xAt + w, y0, y1: y0 + hgt } };
  };
  const q = labels.quadrants;
  const quadrantTitles = [quadrant(q.lowImpactHigh, 'tl'), quadrant(q.highImpactHigh, 'tr'), quadrant(q.lowImpactLow, 'bl'), quadrant(q.highImpactLow, 'br')];

  // The split line says what it is at its right end: the target, or the mean performance.
  const splitText = split.target ? labels.target : `${labels.meanPerformance} ${chartFormats(options.formats).value(split.value)}`;
  const splitWidth = estimateWidth(splitText, font.tick);
  const splitLabel = { text: splitText, x: right - 4, y: y(split.value) - 4, box: { x0: right - 4 - splitWidth, x1: right - 4, y0: y(split.value) - 4 - font.lineHeight + 3, y1: y(split.value) - 1 } };
  const plot: Box = { x0: left, x1: right, y0: top, y1: bottom };
  const pointBoxes = points.map((p): Box => ({ x0: x(p.weight) - 7, x1: x(p.weight) + 7, y0: y(p.performance) - 7, y1: y(p.performance) + 7 }));
  const taken: Box[] = [...quadrantTitles.map((t) => t.box), splitLabel.box, ...pointBoxes];
  // Interval lines: a label may cross one where nothing else is free, never text or a point.
  const lines: Box[] = points.map((p) => ({ x0: x(p.low), x1: x(p.high), y0: y(p.performance) - 1, y1: y(p.performance) + 1 }));
  // A long name wraps rather than losing its end ("Handover at the…" said nothing on a phone): at the
  // narrowest of LABEL_SHARES that holds it in two lines, else three narrow lines, else cut; the first
  // of those shapes that finds a place clear of other text and points is taken.
  const chars = (share: number) => Math.max(8, charsThatFit((right - left) * share, font.tick));
  const shapes = (title: string) => {
    const wrapped = [...LABEL_SHARES.map((share) => wrapText(title, chars(share), 2)), wrapText(title, chars(LABEL_SHARES[0]! * 0.75), 3)];
    return [...wrapped.filter((w) => !w.truncated), wrapText(title, chars(LABEL_SHARES.at(-1)!), 2)].map((w) => w.lines);
  };
  // The strongest drivers are placed first: theirs are the labels a reader needs most.
  const order = points.map((_, i) => i).sort((a, b) => points[b]!.weight - points[a]!.weight);
  const pointLabels = order.map((i) => {
    const point = points[i]!;
    const placed = shapes(point.title).map((name) => {
      const text = [...name, ...(point.fixFirst ? [labels.fixFirst] : [])];
      const w = Math.max(...text.map((l) => estimateWidth(l, font.tick, point.fixFirst)));
      return { lines: text, box: placeLabel([x(point.weight), y(point.performance)], w, text.length * font.lineHeight, plot, taken, lines) };
    });
    const { lines: text, box } = placed.find((p) => !taken.some((t) => overlaps(p.box, t))) ?? placed[0]!;
    taken.push(box);
    return { point, lines: text, box };
  });
  return { width, height, left, right, top, bottom, x, y, xTicks, meanWeight, split, splitLabel, legendBlock, quadrantTitles, pointLabels };
}

/**
 * A label's box beside its point: right, left, above, below, then up to fourteen lines further up and
 * down on either side, then further out sideways; of those inside the plot, the first that covers the fewest `taken` boxes (text and points),
 * then the fewest `crossed` ones (lines a label may cross if it must).
 */
export function placeLabel([px, py]: [number, number], w: number, hgt: number, plot: Box, taken: Box[], crossed: Box[] = []): Box {
  const beside = (dy: number, dx = 0): Box[] => [
    { x0: px + LABEL_GAP + dx, x1: px + LABEL_GAP + dx + w, y0: py - hgt / 2 + dy, y1: py + hgt / 2 + dy },
    { x0: px - LABEL_GAP - dx - w, x1: px - LABEL_GAP - dx, y0: py - hgt / 2 + dy, y1: py + hgt / 2 + dy },
  ];
  const shifts = Array.from({ length: 14 }, (_, i) => i + 1).flatMap((k) => [-k * font.lineHeight, k * font.lineHeight]);
  const candidates = [
    ...beside(0),
    { x0: px - w / 2, x1: px + w / 2, y0: py - LABEL_GAP - hgt, y1: py - LABEL_GAP },
    { x0: px - w / 2, x1: px + w / 2, y0: py + LABEL_GAP, y1: py + LABEL_GAP + hgt },
    ...shifts.flatMap((dy) => beside(dy)),
    // Further out sideways, for a crowded corner (a thin line then ties the label to its point).
    ...[30, 60, 90, 120].flatMap((dx) => [0, ...shifts].flatMap((dy) => beside(dy, dx))),
  ];
  const inside = candidates.filter((b) => b.x0 >= plot.x0 && b.x1 <= plot.x1 && b.y0 >= plot.y0 && b.y1 <= plot.y1);
  const penalty = (b: Box) => 100 * taken.filter((t) => overlaps(b, t)).length + crossed.filter((c) => overlaps(b, c)).length;
  let best = inside[0] ?? candidates[0]!;
  for (const b of inside) if (penalty(b) < penalty(best)) best = b;
  return best;
}

export const overlaps = (a: Box, b: Box) => Math.min(a.x1, b.x1) > Math.max(a.x0, b.x0) && Math.min(a.y1, b.y1) > Math.max(a.y0, b.y0);
