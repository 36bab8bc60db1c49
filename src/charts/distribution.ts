// The distribution of answers on a score scale: one bar per score value from `min`, with the count
// written on top of each bar, so no y axis is needed.
import { range, scaleBand, scaleLinear } from 'd3';
import { chartFrame } from './frame.ts';
import { chartFormats, type ChartFormats } from './format.ts';
import { h, type SvgNode } from './svg.ts';
import { color, font } from './theme.ts';

export interface DistributionData {
  title: string;
  description: string;
  /** The score of counts[0]; counts[i] is the number of answers with score min + i. */
  min: number;
  counts: number[];
}

export interface DistributionOptions {
  id: string;
  width?: number;
  height?: number;
  labels: { answers: string };
  formats?: Partial<ChartFormats>;
}

export const DISTRIBUTION_MARGIN = { top: 24, right: 16, bottom: 28, left: 16 } as const;

export function distribution(data: DistributionData, options: DistributionOptions): SvgNode {
  const width = options.width ?? 720;
  const height = options.height ?? 220;
  const fmt = chartFormats(options.formats);
  if (data.counts.some((c) => !Number.isFinite(c) || c < 0)) throw new Error(`Distribution ${options.id}: counts must be finite and ≥ 0`);
  const { top, left } = DISTRIBUTION_MARGIN;
  const right = width - DISTRIBUTION_MARGIN.right;
  const bottom = height - DISTRIBUTION_MARGIN.bottom;
  const scores = range(data.counts.length).map((i) => data.min + i);
  const x = scaleBand(scores, [left, right]).paddingInner(0.2).paddingOuter(0.1);
  // The tallest bar reaches the top; an all-zero distribution keeps a valid domain.
  const y = scaleLinear([0, Math.max(1, ...data.counts)], [bottom, top]);
  const bars = scores.map((score, i) => ({ score, count: data.counts[i]!, x: x(score) ?? 0 }));
  const listed = bars.map((b) => `${fmt.integer(b.score)}: ${fmt.integer(b.count)}`).join(', ');
  const description = [data.description, bars.length ? `${options.labels.answers} — ${listed}.` : ''].filter(Boolean).join(' ');

  return chartFrame(
    { id: options.id, kind: 'chart-distribution', width, height, title: data.title, description },
    bars.map((b) => h('g', { class: 'bar' },
      h('rect', { x: b.x, y: y(b.count), width: x.bandwidth(), height: bottom - y(b.count), fill: color.value },
        h('title', {}, `${fmt.integer(b.score)}: ${fmt.integer(b.count)} ${options.labels.answers}`)),
      h('text', { class: 'count', x: b.x + x.bandwidth() / 2, y: y(b.count) - 5, 'text-anchor': 'middle' }, fmt.integer(b.count)),
      h('text', { class: 'score', x: b.x + x.bandwidth() / 2, y: bottom + 17, 'text-anchor': 'middle', fill: color.muted, 'font-size': font.label }, fmt.integer(b.score)),
    )),
    h('line', { class: 'baseline', x1: left, x2: right, y1: bottom, y2: bottom, stroke: color.muted }),
  );
}
