// Small marks shared by the charts: point shapes, legend swatches, a text halo.
import { color, dash, INTERVAL_OPACITY } from './theme.ts';
import { h, pointsAttr, type Attrs, type SvgNode } from './svg.ts';
import type { LegendItem } from './frame.ts';

/** A downward triangle centred on (cx, cy): the shape, not only the colour, says "below target". */
export function downTriangle(cx: number, cy: number, size = 6): string {
  return pointsAttr([
    [cx - size, cy - size * 0.6],
    [cx + size, cy - size * 0.6],
    [cx, cy + size],
  ]);
}

/** Drawn under text that may cross lines or bands, so the text keeps its contrast. */
export const halo: Attrs = { stroke: color.background, 'stroke-width': 3, 'stroke-linejoin': 'round', 'paint-order': 'stroke' };

/** A path, or nothing when the generator found no defined points (d3 returns null or ""). */
export function pathOf(className: string, d: string | null, style: Attrs): SvgNode | null {
  return d ? h('path', { class: className, d, ...style }) : null;
}

export const lineStyle = {
  value: { stroke: color.value, 'stroke-width': 2.5, fill: 'none' },
  target: { stroke: color.target, 'stroke-width': 1.5, 'stroke-dasharray': dash.target, fill: 'none' },
  expected: { stroke: color.expected, 'stroke-width': 2, 'stroke-dasharray': dash.expected, 'stroke-linecap': 'round', fill: 'none' },
} satisfies Record<string, Attrs>;

export const intervalStyle: Attrs = { fill: color.value, 'fill-opacity': INTERVAL_OPACITY, stroke: 'none' };

const swatchLine = (style: Attrs) => (x: number, y: number) => h('line', { x1: x, y1: y, x2: x + 24, y2: y, ...style });

export const swatch = {
  value: (label: string): LegendItem => ({
    label,
    swatch: (x, y) => h('g', {}, swatchLine(lineStyle.value)(x, y), h('circle', { cx: x + 12, cy: y, r: 4, fill: color.value })),
  }),
  interval: (label: string): LegendItem => ({ label, swatch: (x, y) => h('rect', { x, y: y - 6, width: 24, height: 12, ...intervalStyle }) }),
  target: (label: string): LegendItem => ({ label, swatch: swatchLine(lineStyle.target) }),
  expected: (label: string): LegendItem => ({ label, swatch: swatchLine(lineStyle.expected) }),
  belowTarget: (label: string): LegendItem => ({ label, swatch: (x, y) => h('polygon', { points: downTriangle(x + 12, y), fill: color.bad }) }),
};
