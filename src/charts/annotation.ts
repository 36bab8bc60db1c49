// Placing an annotation (a moment of truth) next to its point without a DOM to measure: try a few
// positions around the point and take the first that overlaps nothing already drawn.
import { halo } from './marks.ts';
import { h, type SvgNode } from './svg.ts';
import { estimateWidth, wrapText } from './text.ts';
import { color, font } from './theme.ts';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Something drawn that text should not cover: a line segment (a point is a segment of length 0). */
export type Segment = [[number, number], [number, number]];

type Side = 'above' | 'below' | 'right' | 'left';

/** Distance from the point's centre to the text box, room for a leader line. */
const OFFSET = { vertical: 22, horizontal: 20 } as const;
const OUTSIDE_PLOT = 1000;
/** Text over other text is worse than text over any number of lines. */
const OVER_TEXT = 100;
/** When every side near the point is taken, the sides again this many times further out. */
const FAR = 2.5;

/**
 * Annotation text with a leader line. `prefer` is the side away from the curve's neighbours (below a
 * dip, above a peak); the sides are tried in that order, then right, left and the opposite side, and
 * the one crossing the fewest obstacles wins; it must not cover `texts` (annotations placed before),
 * and may move further out to avoid them. Returns the text's box, for the next one's `texts`.
 */
export function annotation(text: string, point: [number, number], prefer: 'above' | 'below', obstacles: Segment[], plot: Box, texts: Box[] = []): { node: SvgNode; box: Box } {
  const { lines } = wrapText(text, 24, 2);
  const width = Math.max(...lines.map((l) => estimateWidth(l, font.tick, true)));
  const height = lines.length * font.lineHeight;
  const order: Side[] = [prefer, 'right', 'left', prefer === 'above' ? 'below' : 'above'];
  const candidates = [1, FAR].flatMap((distance) => order.map((side) => ({ side, box: boxOn(side, point, width, height, plot, distance) })));
  const penalty = (box: Box) =>
    (inside(box, plot) ? 0 : OUTSIDE_PLOT) + OVER_TEXT * texts.filter((t) => overlaps(t, box)).length + obstacles.filter((s) => crosses(s, box)).length;
  const best = candidates.reduce((a, b) => (penalty(b.box) < penalty(a.box) ? b : a));
  const { box, side } = best;

  const anchor = side === 'right' ? 'start' : side === 'left' ? 'end' : 'middle';
  const tx = side === 'right' ? box.x0 : side === 'left' ? box.x1 : (box.x0 + box.x1) / 2;
  // The leader runs from just outside the mark to just outside the text box, towards its nearest point.
  const [px, py] = point;
  const to: [number, number] = [clamp(px, box.x0, box.x1), clamp(py, box.y0, box.y1)];
  const length = Math.hypot(to[0] - px, to[1] - py) || 1;
  const along = (d: number): [number, number] => [px + ((to[0] - px) * d) / length, py + ((to[1] - py) * d) / length];
  const [start, end] = [along(7), along(length - 3)];
  const node = h('g', { class: `annotation annotation-${side}` },
    h('line', { x1: start[0], y1: start[1], x2: end[0], y2: end[1], stroke: color.text, 'stroke-width': 1 }),
    h('text', { x: tx, y: box.y0 + 10, 'text-anchor': anchor, 'font-weight': 600, ...halo },
      lines.map((l, i) => h('tspan', { x: tx, dy: i === 0 ? 0 : font.lineHeight }, l))),
  );
  return { node, box };
}

function boxOn(side: Side, [px, py]: [number, number], width: number, height: number, plot: Box, distance: number): Box {
  const offset = { vertical: OFFSET.vertical * distance, horizontal: OFFSET.horizontal * distance };
  if (side === 'right') return { x0: px + offset.horizontal, x1: px + offset.horizontal + width, y0: py - height / 2, y1: py + height / 2 };
  if (side === 'left') return { x0: px - offset.horizontal - width, x1: px - offset.horizontal, y0: py - height / 2, y1: py + height / 2 };
  // Above and below, centred on the point but kept inside the plot horizontally.
  const cx = clamp(px, plot.x0 + width / 2 + 2, plot.x1 - width / 2 - 2);
  const y0 = side === 'above' ? py - offset.vertical - height : py + offset.vertical;
  return { x0: cx - width / 2, x1: cx + width / 2, y0, y1: y0 + height };
}

/** Whether two boxes share more than an edge. */
function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

function inside(b: Box, plot: Box): boolean {
  return b.x0 >= plot.x0 && b.x1 <= plot.x1 && b.y0 >= plot.y0 && b.y1 <= plot.y1;
}

/** Whether a segment touches a box: Liang–Barsky clipping (Liang & Barsky 1984). */
export function crosses([[x1, y1], [x2, y2]]: Segment, b: Box): boolean {
  const dx = x2 - x1;
  const dy = y2 - y1;
  let t0 = 0;
  let t1 = 1;
  for (const [p, q] of [[-dx, x1 - b.x0], [dx, b.x1 - x1], [-dy, y1 - b.y0], [dy, b.y1 - y1]] as const) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}
