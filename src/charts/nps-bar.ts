// NPS as one 100% stacked bar: detractors, passives, promoters. The shares are written as text
// under each segment, so the meaning never rests on colour; the score itself is in the title row
// and in the description.
import { scaleLinear } from 'd3';
import { chartFrame } from './frame.ts';
import { chartFormats, type ChartFormats } from './format.ts';
import { h, type SvgNode } from './svg.ts';
import { estimateWidth } from './text.ts';
import { color, font } from './theme.ts';

export interface NpsBarData {
  title: string;
  description: string;
  /** Counts (or shares); they are normalised to their sum. */
  detractors: number;
  passives: number;
  promoters: number;
}

export interface NpsBarOptions {
  id: string;
  width?: number;
  labels: { detractors: string; passives: string; promoters: string; nps?: string };
  formats?: Partial<ChartFormats>;
}

export const NPS_BAR_LAYOUT = { side: 16, barTop: 30, barHeight: 32, height: 112 } as const;

export function npsBar(data: NpsBarData, options: NpsBarOptions): SvgNode {
  const width = options.width ?? 720;
  const fmt = chartFormats(options.formats);
  const { side, barTop, barHeight, height } = NPS_BAR_LAYOUT;
  const counts = [data.detractors, data.passives, data.promoters];
  if (counts.some((c) => !Number.isFinite(c) || c < 0)) throw new Error(`NPS bar ${options.id}: counts must be finite and ≥ 0, got ${counts.join(', ')}`);
  const total = counts.reduce((s, c) => s + c, 0);
  // Each share rounded on its own, as the page's table and caption round it: the three may add up to
  // 99 or 101, but a figure reads the same in the chart as beside it.
  const shares = counts.map((c) => (total === 0 ? 0 : c / total));
  const nps = total === 0 ? null : (100 * (data.promoters - data.detractors)) / total;
  const npsLabel = options.labels.nps ?? 'NPS';
  const names = [options.labels.detractors, options.labels.passives, options.labels.promoters];
  const fills = [color.bad, color.neutral, color.good];

  const x = scaleLinear([0, Math.max(total, 1)], [side, width - side]);
  let start = 0;
  const segments = counts.map((c, i) => {
    const seg = { name: names[i]!, share: shares[i]!, fill: fills[i]!, x0: x(start), x1: x(start + c) };
    start += c;
    return seg;
  });
  const centres = spreadLabels(
    segments.map((s) => (s.x0 + s.x1) / 2),
    segments.map((s) => Math.max(estimateWidth(s.name, font.tick), estimateWidth(fmt.percent(1), font.label))),
    side,
    width - side,
  );
  const shareText = segments.map((s) => `${s.name} ${fmt.percent(s.share)}`);
  const description = [data.description, nps === null ? '' : `${npsLabel} ${fmt.signed(nps)}: ${[...shareText].reverse().join(', ')}.`].filter(Boolean).join(' ');

  return chartFrame(
    { id: options.id, kind: 'chart-nps', width, height, title: data.title, description },
    h('text', { class: 'nps-value', x: side, y: 18, 'font-size': 14, 'font-weight': 700 }, `${npsLabel} ${nps === null ? '–' : fmt.signed(nps)}`),
    h('rect', { class: 'track', x: side, y: barTop, width: width - 2 * side, height: barHeight, fill: 'none', stroke: color.grid }),
    segments.map((s, i) => h('g', { class: 'segment' },
      s.x1 > s.x0 && h('rect', { x: s.x0, y: barTop, width: s.x1 - s.x0, height: barHeight, fill: s.fill, stroke: color.background, 'stroke-width': 2 }, h('title', {}, shareText[i]!)),
      h('line', { x1: (s.x0 + s.x1) / 2, y1: barTop + barHeight, x2: centres[i]!, y2: barTop + barHeight + 8, stroke: color.muted }),
      h('text', { x: centres[i]!, y: barTop + barHeight + 22, 'text-anchor': 'middle' }, s.name),
      h('text', { x: centres[i]!, y: barTop + barHeight + 37, 'text-anchor': 'middle', 'font-size': font.label, 'font-weight': 700 }, fmt.percent(s.share)),
    )),
  );
}

/** Moves label centres apart so labels of `widths` do not overlap, keeping them within [min, max]. */
export function spreadLabels(centres: number[], widths: number[], min: number, max: number, space = 10): number[] {
  const out = [...centres];
  const half = (i: number) => widths[i]! / 2;
  for (let i = 0; i < out.length; i++) {
    const floor = i === 0 ? min + half(i) : out[i - 1]! + half(i - 1) + space + half(i);
    out[i] = Math.max(out[i]!, floor);
  }
  for (let i = out.length - 1; i >= 0; i--) {
    const ceiling = i === out.length - 1 ? max - half(i) : out[i + 1]! - half(i + 1) - space - half(i);
    out[i] = Math.min(out[i]!, ceiling);
  }
  return out;
}
