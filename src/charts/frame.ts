// The root every chart shares: an accessible <svg role="img"> named by its <title> and <desc>,
// sized only by its viewBox so CSS scales it to the container.
import { color, font } from './theme.ts';
import { h, type SvgNode } from './svg.ts';
import { estimateWidth } from './text.ts';

/** Ids become id/aria-labelledby values; a space would split the reference list. */
const CHART_ID = /^[a-z][a-z0-9_.-]*$/i;

export interface FrameOptions {
  /** Unique on the page; the title and desc ids are derived from it. */
  id: string;
  /** A class naming the chart type, e.g. "chart-emotion-curve". */
  kind: string;
  width: number;
  height: number;
  title: string;
  description: string;
}

export function chartFrame(o: FrameOptions, ...content: (SvgNode | null | false | SvgNode[])[]): SvgNode {
  if (!CHART_ID.test(o.id)) throw new Error(`Chart id ${JSON.stringify(o.id)} must be letters, digits, '-', '_' or '.', starting with a letter`);
  if (!(o.width > 0 && o.height > 0)) throw new Error(`Chart ${o.id} needs a positive width and height, got ${o.width}×${o.height}`);
  return h(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      class: `chart ${o.kind}`,
      viewBox: `0 0 ${o.width} ${o.height}`,
      role: 'img',
      'aria-labelledby': `${o.id}-title ${o.id}-desc`,
      'font-family': font.family,
      'font-size': font.tick,
      fill: color.text,
    },
    h('title', { id: `${o.id}-title` }, o.title),
    h('desc', { id: `${o.id}-desc` }, o.description),
    ...content,
  );
}

/** One entry of a legend: a 24 × 12 swatch (line, dashed line, shape …) and its label. */
export interface LegendItem {
  label: string;
  swatch: (x: number, y: number) => SvgNode;
}

/** Height of one row of legend entries. */
export const LEGEND_ROW = 18;

/**
 * Legend entries from (x, y = first text baseline), wrapping onto a new row where an entry would cross
 * `maxX`. `rows` says how many rows it took, for the layout below it.
 */
export function legend(items: LegendItem[], x: number, y: number, maxX = Infinity): { node: SvgNode; rows: number } {
  let [cursor, baseline, rows] = [x, y, items.length ? 1 : 0];
  const entries = items.map((item) => {
    const width = 30 + estimateWidth(item.label, font.tick);
    if (cursor > x && cursor + width > maxX) [cursor, baseline, rows] = [x, baseline + LEGEND_ROW, rows + 1];
    const entry = h('g', { class: 'legend-item' }, item.swatch(cursor, baseline - 4), h('text', { x: cursor + 30, y: baseline }, item.label));
    cursor += width + 18;
    return entry;
  });
  return { node: h('g', { class: 'legend' }, entries), rows };
}
