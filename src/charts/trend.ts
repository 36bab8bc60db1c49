// Small multiples of a measure over snapshots: one panel per series on a shared scale, with the
// value, its 95% interval and the target. A suppressed snapshot is a gap marked "n < 10".
import { area, curveLinear, line, range, scaleLinear, scalePoint } from 'd3';
import { chartFrame, legend } from './frame.ts';
import { chartFormats, type ChartFormats } from './format.ts';
import { halo, intervalStyle, lineStyle, pathOf, swatch } from './marks.ts';
import { h, type SvgNode } from './svg.ts';
import { charsThatFit, estimateWidth, wrapText } from './text.ts';
import { color, font } from './theme.ts';

export interface TrendValue {
  value: number;
  low: number;
  high: number;
}

export interface TrendSeries {
  id: string;
  title: string;
  /** One per snapshot, in the same order; null where the value is suppressed or missing. */
  values: (TrendValue | null)[];
  /** What each snapshot without a value says ("not asked"); the suppressed label where not given. */
  gaps?: (string | null)[];
  target?: number;
}

export interface TrendData {
  title: string;
  description: string;
  snapshots: string[];
  series: TrendSeries[];
  scale: { min: number; max: number };
}

export interface TrendOptions {
  id: string;
  width?: number;
  columns?: number;
  panelHeight?: number;
  /** `target` and `interval` add legend entries when given. */
  labels: { suppressed: string; target?: string; interval?: string };
  formats?: Partial<ChartFormats>;
}

/** Vertical space inside a panel: a two-line title above the plot (clear of the top tick's label), snapshot labels below; y labels on the left. */
export const TREND_LAYOUT = { gap: 20, legend: 28, title: 38, xAxis: 20, yAxis: 30, right: 8 } as const;

/**
 * Up to this many snapshots every value gets a marker with its figure as a tooltip. Beyond it the
 * markers crowd each other (a 220-px panel of 40 weeks puts them 5 px apart) and, on a report of 90
 * touchpoints, make most of the page's bytes: only the latest value is marked; the table behind the
 * chart has every figure.
 */
export const MARKED_VALUES_MAX = 12;

export function trendSmallMultiples(data: TrendData, options: TrendOptions): SvgNode {
  const width = options.width ?? 720;
  const columns = Math.max(1, Math.min(options.columns ?? 3, data.series.length || 1));
  const panelHeight = options.panelHeight ?? 160;
  const fmt = chartFormats(options.formats);
  const { gap } = TREND_LAYOUT;
  for (const s of data.series) {
    if (s.values.length !== data.snapshots.length) {
      throw new Error(`Trend ${options.id}: series ${JSON.stringify(s.id)} has ${s.values.length} values for ${data.snapshots.length} snapshots`);
    }
  }
  const legendItems = [
    options.labels.interval ? swatch.interval(options.labels.interval) : null,
    options.labels.target && data.series.some((s) => s.target !== undefined) ? swatch.target(options.labels.target) : null,
  ].filter((item) => item !== null);
  const { node: legendNode, rows: legendRows } = legend(legendItems, 0, 14, width);
  const top = legendRows * TREND_LAYOUT.legend;
  const rows = Math.ceil(data.series.length / columns);
  const panelWidth = (width - gap * (columns - 1)) / columns;
  const height = top + rows * panelHeight + Math.max(0, rows - 1) * gap;

  return chartFrame(
    { id: options.id, kind: 'chart-trend', width, height: Math.max(height, 1), title: data.title, description: data.description },
    legendItems.length ? legendNode : null,
    data.series.map((s, i) =>
      panel(s, data, options.labels.suppressed, fmt, {
        x: (i % columns) * (panelWidth + gap),
        y: top + Math.floor(i / columns) * (panelHeight + gap),
        width: panelWidth,
        height: panelHeight,
      }),
    ),
  );
}

type Box = { x: number; y: number; width: number; height: number };

function panel(series: TrendSeries, data: TrendData, suppressedLabel: string, fmt: ChartFormats, box: Box): SvgNode {
  const left = box.x + TREND_LAYOUT.yAxis;
  const right = box.x + box.width - TREND_LAYOUT.right;
  const top = box.y + TREND_LAYOUT.title;
  const bottom = box.y + box.height - TREND_LAYOUT.xAxis;
  const x = scalePoint(range(data.snapshots.length), [left, right]).padding(0.5);
  const y = scaleLinear([data.scale.min, data.scale.max], [bottom, top]);
  const at = (i: number) => x(i) ?? 0;
  const indices = range(data.snapshots.length);
  const value = (i: number) => series.values[i] ?? null;
  const present = (i: number) => value(i) !== null;

  // Linear between snapshots: a trend is read point to point, and nothing is implied in between.
  const valuePath = line<number>().defined(present).x(at).y((i) => y(value(i)?.value ?? 0)).curve(curveLinear).digits(2);
  const intervalPath = area<number>().defined(present).x(at).y0((i) => y(value(i)?.low ?? 0)).y1((i) => y(value(i)?.high ?? 0)).curve(curveLinear).digits(2);

  const gridValues = [data.scale.min, ...(data.scale.min < 0 && data.scale.max > 0 ? [0] : []), data.scale.max];
  const title = wrapText(series.title, charsThatFit(box.width, font.label), 2);
  const mid = (top + bottom) / 2;

  // Ticks, gaps and snapshot labels are at the svg's own size (font.tick, which font.small equals),
  // and the ticks share one text-anchor: on each of them these cost a report 6 KB.
  return h('g', { class: 'panel' },
    h('text', { x: box.x, y: box.y + 12, 'font-size': font.label, 'font-weight': 600 },
      title.truncated && h('title', {}, series.title),
      title.lines.map((l, i) => h('tspan', { x: box.x, dy: i === 0 ? 0 : font.lineHeight }, l))),
    h('g', { class: 'ticks', 'text-anchor': 'end' }, gridValues.map((v) => h('g', { class: v === 0 ? 'tick zero' : 'tick' },
      h('line', { x1: left, x2: right, y1: y(v), y2: y(v), stroke: v === 0 ? color.muted : color.grid }),
      h('text', { x: left - 4, y: y(v) + 3.5 }, fmt.integer(v))))),
    series.target !== undefined && h('line', { class: 'target', x1: left, x2: right, y1: y(series.target), y2: y(series.target), ...lineStyle.target }),
    pathOf('interval', intervalPath(indices), intervalStyle),
    pathOf('value', valuePath(indices), { ...lineStyle.value, 'stroke-width': 2 }),
    indices.map((i) => {
      if (value(i) !== null) return null;
      // Alternate heights so marks of neighbouring gaps do not overlap.
      return h('text', { class: 'suppressed', x: at(i), y: mid + (i % 2 ? 10 : -2), 'text-anchor': 'middle', 'font-style': 'italic', fill: color.muted, ...halo }, series.gaps?.[i] ?? suppressedLabel);
    }),
    // The markers inherit their colours from the group: a report repeats them hundreds of times.
    h('g', { class: 'points', fill: color.value, stroke: color.background, 'stroke-width': 1 },
      indices.map((i) => {
        const v = value(i);
        // Beyond MARKED_VALUES_MAX: the latest value, and a value between gaps, which no line shows.
        const isolated = !present(i - 1) && !present(i + 1);
        if (v === null || (indices.length > MARKED_VALUES_MAX && i !== indices.length - 1 && !isolated)) return null;
        const text = `${series.title}, ${data.snapshots[i]}: ${fmt.value(v.value)} (95%: ${fmt.value(v.low)}…${fmt.value(v.high)})`;
        return h('circle', { class: 'point', cx: at(i), cy: y(v.value), r: 3 }, h('title', {}, text));
      })),
    snapshotLabels(data.snapshots, at, left, right, bottom),
  );
}

/** All snapshot labels when they fit side by side, else the first and the last. */
function snapshotLabels(snapshots: string[], at: (i: number) => number, left: number, right: number, bottom: number): SvgNode {
  const widest = Math.max(0, ...snapshots.map((s) => estimateWidth(s, font.small)));
  const all = snapshots.length * (widest + 6) <= right - left;
  const shown = all ? range(snapshots.length) : [...new Set([0, snapshots.length - 1])].filter((i) => i >= 0);
  return h('g', { class: 'x-axis', fill: color.muted }, shown.map((i) =>
    // The outer labels are anchored inward so they stay inside the panel.
    h('text', { x: at(i), y: bottom + 13, 'text-anchor': all || shown.length === 1 ? 'middle' : i === 0 ? 'start' : 'end' }, snapshots[i] ?? ''),
  ));
}
