// The emotion curve of a journey: touchpoints in journey order along x, grouped by stage bands;
// the mean emotion with its 95% interval, the target (dashed) and the expected (dotted) curve.
// Suppressed cells show no value at all: the line and band break and "n < 10" stands in the gap.
import { area, curveMonotoneX, line, range, scaleBand, scaleLinear } from 'd3';
import { annotation, type Box, type Segment } from './annotation.ts';
import { chartFrame, legend, LEGEND_ROW } from './frame.ts';
import { chartFormats, type ChartFormats } from './format.ts';
import { downTriangle, halo, intervalStyle, lineStyle, pathOf, swatch } from './marks.ts';
import { spreadLabels } from './nps-bar.ts';
import { h, round2, type SvgNode } from './svg.ts';
import { charsThatFit, estimateWidth, truncate, wrapText } from './text.ts';
import { color, font } from './theme.ts';

export interface CurvePoint {
  id: string;
  title: string;
  stageId: string;
  mean: number | null;
  low: number | null;
  high: number | null;
  suppressed: boolean;
  /** What stands in the gap of a point without a value that is not suppressed ("not asked"); else the suppressed label. */
  note?: string;
  /** null where the touchpoint sets no target on the curve's measure: the target line breaks there. */
  target: number | null;
  expected: number | null;
}

export interface EmotionCurveData {
  title: string;
  description: string;
  scale: { min: number; max: number };
  stages: { id: string; title: string }[];
  points: CurvePoint[];
  /** Moments of truth: short text next to a point. */
  annotations?: { pointId: string; text: string }[];
}

export interface EmotionCurveOptions {
  id: string;
  width?: number;
  height?: number;
  /** `mean` and `interval` add legend entries when given. */
  labels: { target: string; expected: string; suppressed: string; belowTarget: string; axis: string; mean?: string; interval?: string };
  formats?: Partial<ChartFormats>;
}

/** Plot margins: legend row and one row of stage titles on top, up to 3 lines of touchpoint titles below. */
export const EMOTION_CURVE_MARGIN = { top: 50, right: 16, bottom: 50, left: 48 } as const;
/** Below this many characters per line, wrapped titles become unreadable; turn them upright instead. */
const MIN_WRAP_CHARS = 8;
const ROTATED_BOTTOM = 130;
/** Stage titles that do not fit side by side take up to this many staggered rows. */
const MAX_STAGE_ROWS = 3;
const STAGE_ROW = 15;

// Monotone interpolation never overshoots the points, so the curve invents no highs or lows.
const curve = curveMonotoneX;

export function emotionCurve(data: EmotionCurveData, options: EmotionCurveOptions): SvgNode {
  const { labels } = options;
  const fmt = chartFormats(options.formats);
  const points = data.points;
  const at = curveLayout(data, options);
  const { width, height, left, right, band, top, bottom, y, cx, shown, meanY, gapY } = at;

  const meanPath = line<CurvePoint>().defined(shown).x(cx).y(meanY).curve(curve).digits(2);
  const intervalPath = area<CurvePoint>()
    .defined((p) => shown(p) && p.low !== null && p.high !== null)
    .x(cx).y0((p) => y(p.low ?? 0)).y1((p) => y(p.high ?? 0))
    .curve(curve).digits(2);
  // Expected experience may be measured from the same respondents, so it breaks where they are suppressed.
  const expectedPath = line<CurvePoint>().defined((p) => !p.suppressed && p.expected !== null).x(cx).y((p) => y(p.expected ?? 0)).curve(curve).digits(2);
  // The target is a design value, not data: one level per touchpoint band, continuous across gaps in
  // the data, broken only where a touchpoint sets no target.
  const targetRuns = runsWithTarget(points).map((run) => withoutMiddleOfFlats(run.flatMap((p): [number, number][] => [[cx(p) - band / 2, y(p.target!)], [cx(p) + band / 2, y(p.target!)]])));
  const targetSegments = targetRuns.flatMap((steps) => steps.slice(1).map((end, i): Segment => [steps[i]!, end]));

  return chartFrame(
    { id: options.id, kind: 'chart-emotion-curve', width, height, title: data.title, description: data.description },
    h('g', { class: 'stages' }, at.stages.draw(top, bottom)),
    h('g', { class: 'y-axis' }, yAxis(y, data.scale, left, right, labels.axis, fmt)),
    pathOf('interval', intervalPath(points), intervalStyle),
    pathOf('target', targetRuns.map((steps) => line().digits(2)(steps)).join('') || null, lineStyle.target),
    pathOf('expected', expectedPath(points), lineStyle.expected),
    pathOf('mean', meanPath(points), lineStyle.value),
    h('g', { class: 'points' }, pointMarks(points, at, labels.belowTarget, fmt)),
    h('g', { class: 'suppressed', fill: color.muted, 'font-style': 'italic', 'text-anchor': 'middle' }, points.flatMap((p, i) =>
      shown(p) ? [] : [h('text', { x: cx(p), y: gapY(i) + 4, ...halo }, gapText(p, labels.suppressed))],
    )),
    h('g', { class: 'annotations' }, annotationMarks(data, options.id, at, [...targetSegments, ...obstaclesOf(points, at, labels.suppressed)])),
    h('g', { class: 'x-axis', 'text-anchor': at.rotate ? 'end' : 'middle' }, points.map((p) => touchpointLabel(p.title, cx(p), bottom, at.rotate ? null : at.wrapChars))),
    at.legendBlock.node,
  );
}

/** Where everything goes: the plot's box below the legend and stage titles, the scales, and each point's place. */
function curveLayout(data: EmotionCurveData, options: EmotionCurveOptions) {
  const { labels } = options;
  const width = options.width ?? 720;
  const height = options.height ?? 380;
  const points = data.points;
  const ids = points.map((p) => p.id);
  if (!(data.scale.max > data.scale.min)) throw new Error(`Emotion curve ${options.id}: scale ${data.scale.min}…${data.scale.max} is empty`);
  if (new Set(ids).size !== ids.length) throw new Error(`Emotion curve ${options.id}: touchpoint ids are not unique (${ids.join(', ')})`);

  const { left } = EMOTION_CURVE_MARGIN;
  const right = width - EMOTION_CURVE_MARGIN.right;
  const x = scaleBand(ids, [left, right]);
  const band = x.bandwidth();
  const stages = stageTitles(data, points, x, band, left, right);
  const legendItems = [
    labels.mean ? swatch.value(labels.mean) : null,
    labels.interval ? swatch.interval(labels.interval) : null,
    points.some((p) => p.target !== null) ? swatch.target(labels.target) : null,
    points.some((p) => !p.suppressed && p.expected !== null) ? swatch.expected(labels.expected) : null,
    points.some((p) => !p.suppressed && p.mean !== null && p.target !== null && p.mean < p.target) ? swatch.belowTarget(labels.belowTarget) : null,
  ].filter((item) => item !== null);
  const legendBlock = legend(legendItems, left, 14, right);
  // The stage titles' rows sit between the legend and the plot, inside the stage bands.
  const top = EMOTION_CURVE_MARGIN.top + (legendBlock.rows - 1) * LEGEND_ROW + (stages.rows - 1) * STAGE_ROW;
  const wrapChars = Math.min(16, charsThatFit(band - 4, font.tick));
  const rotate = wrapChars < MIN_WRAP_CHARS;
  const bottom = height - (rotate ? ROTATED_BOTTOM : EMOTION_CURVE_MARGIN.bottom);
  const y = scaleLinear([data.scale.min, data.scale.max], [bottom, top]);
  const cx = (p: CurvePoint) => (x(p.id) ?? 0) + band / 2;

  const shown = (p: CurvePoint) => !p.suppressed && p.mean !== null;
  const meanY = (p: CurvePoint) => y(p.mean ?? 0);
  const isBelow = (p: CurvePoint) => shown(p) && p.target !== null && (p.mean ?? 0) < p.target;
  /** Where a hidden point's "n < 10" goes: in the gap between its neighbours, else mid-scale. */
  const gapY = (i: number) => {
    const near = [points[i - 1], points[i + 1]].filter((p): p is CurvePoint => p !== undefined && shown(p));
    return near.length ? near.reduce((s, p) => s + meanY(p), 0) / near.length : y((data.scale.min + data.scale.max) / 2);
  };
  const markY = (i: number) => (shown(points[i]!) ? meanY(points[i]!) : gapY(i));
  return { width, height, ids, left, right, band, stages, legendBlock, top, bottom, wrapChars, rotate, y, cx, shown, meanY, isBelow, gapY, markY };
}

type CurveLayout = ReturnType<typeof curveLayout>;

/** A dot per published point, a red triangle where it is below target, each titled with its figures. */
function pointMarks(points: CurvePoint[], { cx, meanY, shown, isBelow }: CurveLayout, belowTarget: string, fmt: ChartFormats): SvgNode[] {
  const describe = (p: CurvePoint) =>
    `${p.title}: ${fmt.value(p.mean ?? 0)}` +
    (p.low !== null && p.high !== null ? ` (95%: ${fmt.value(p.low)}…${fmt.value(p.high)})` : '') +
    (isBelow(p) ? `, ${belowTarget} ${fmt.value(p.target!)}` : '');
  return points.filter(shown).map((p) =>
    isBelow(p)
      ? h('polygon', { class: 'point below-target', points: downTriangle(cx(p), meanY(p)), fill: color.bad, stroke: color.background, 'stroke-width': 1 }, h('title', {}, describe(p)))
      : h('circle', { class: 'point', cx: cx(p), cy: meanY(p), r: 4.5, fill: color.value, stroke: color.background, 'stroke-width': 1.5 }, h('title', {}, describe(p))),
  );
}

/** What annotation text should not cover: the curve (straight between points), intervals, marks, "n < 10". */
function obstaclesOf(points: CurvePoint[], { cx, y, shown, meanY, gapY }: CurveLayout, suppressedLabel: string): Segment[] {
  return points.flatMap((p, i): Segment[] => {
    const c = cx(p);
    if (!shown(p)) {
      const half = estimateWidth(gapText(p, suppressedLabel), font.tick) / 2;
      return [[[c - half, gapY(i)], [c + half, gapY(i)]]];
    }
    const next = points[i + 1];
    return [
      [[c - 6, meanY(p)], [c + 6, meanY(p)]],
      ...(p.low !== null && p.high !== null ? [[[c, y(p.high)], [c, y(p.low)]] as Segment] : []),
      ...(next && shown(next) ? [[[c, meanY(p)], [cx(next), meanY(next)]] as Segment] : []),
    ];
  });
}

/** Each moment of truth's text beside its point, off the curve's marks and off the annotations placed before it. */
function annotationMarks(data: EmotionCurveData, chartId: string, { ids, top, bottom, left, right, cx, markY }: CurveLayout, obstacles: Segment[]): SvgNode[] {
  const points = data.points;
  const placedTexts: Box[] = [];
  return (data.annotations ?? []).map((a) => {
    const i = ids.indexOf(a.pointId);
    if (i < 0) throw new Error(`Emotion curve ${chartId}: annotation for unknown touchpoint ${JSON.stringify(a.pointId)}`);
    const neighbours = [i - 1, i + 1].filter((j) => points[j] !== undefined).map(markY);
    const py = markY(i);
    // Below a dip and above a peak is where the curve is not.
    const peak = neighbours.length ? neighbours.reduce((sum, n) => sum + n, 0) / neighbours.length > py : py > (top + bottom) / 2;
    const placed = annotation(a.text, [cx(points[i]!), py], peak ? 'above' : 'below', obstacles, { x0: left, x1: right, y0: top, y1: bottom }, placedTexts);
    placedTexts.push(placed.box);
    return placed.node;
  });
}

/** Drops vertices in the middle of a horizontal run, so a step line has one segment per level. */
/** The text in a point's gap: why it has no value. */
const gapText = (p: CurvePoint, suppressedLabel: string) => (p.suppressed ? suppressedLabel : (p.note ?? suppressedLabel));

/** Consecutive points that each set a target. */
function runsWithTarget(points: CurvePoint[]): CurvePoint[][] {
  const runs: CurvePoint[][] = [];
  points.forEach((p, i) => {
    if (p.target === null) return;
    if (i > 0 && points[i - 1]!.target !== null) runs.at(-1)!.push(p);
    else runs.push([p]);
  });
  return runs;
}

function withoutMiddleOfFlats(vertices: [number, number][]): [number, number][] {
  return vertices.filter(([, y], i) => vertices[i - 1]?.[1] !== y || vertices[i + 1]?.[1] !== y);
}

/**
 * Alternating light bands, one per run of consecutive touchpoints in a stage, titled on top. Titles
 * keep their whole text: where neighbours would touch they are staggered over up to 3 rows (every
 * 2nd or 3rd title on a row), moved apart within a row only as far as needed and no further than
 * the middle of a title leaving its band; titles are shortened only when wider than the plot.
 */
function stageTitles(data: EmotionCurveData, points: CurvePoint[], x: (id: string) => number | undefined, band: number, left: number, right: number) {
  const runs: { title: string; x0: number; w: number }[] = [];
  let stageId: string | undefined;
  for (const p of points) {
    const last = runs.at(-1);
    if (last && stageId === p.stageId) last.w += band;
    else runs.push({ title: data.stages.find((s) => s.id === p.stageId)?.title ?? p.stageId, x0: x(p.id) ?? 0, w: band });
    stageId = p.stageId;
  }
  const GAP = 10;
  const place = (rows: number) => {
    const centres = runs.map((r) => r.x0 + r.w / 2);
    const titles = runs.map((r) => truncate(r.title, charsThatFit(right - left, font.label) - 1));
    const widths = titles.map((t) => estimateWidth(t, font.label, true));
    for (let row = 0; row < rows; row++) {
      const members = runs.map((_, i) => i).filter((i) => i % rows === row);
      const spread = spreadLabels(members.map((i) => centres[i]!), members.map((i) => widths[i]!), left, right, GAP);
      members.forEach((i, k) => (centres[i] = spread[k]!));
    }
    // A title still reads as its band's while its middle is over the band.
    const fits = runs.every((r, i) => centres[i]! >= r.x0 && centres[i]! <= r.x0 + r.w);
    return { rows, centres, titles, fits };
  };
  const layouts = range(1, MAX_STAGE_ROWS + 1).map(place);
  const { rows, centres, titles } = layouts.find((l) => l.fits) ?? layouts.at(-1)!;
  return {
    rows: runs.length ? rows : 1,
    /** The bands from above the titles' rows down to the plot's bottom; the titles after all bands, which they may reach into. */
    draw: (top: number, bottom: number): SvgNode[] => [
      ...runs.map((run, k) => h('rect', { class: 'stage', x: run.x0, y: top - 24 - (rows - 1) * STAGE_ROW, width: run.w, height: bottom - top + 24 + (rows - 1) * STAGE_ROW, fill: k % 2 === 0 ? color.band : 'none' })),
      h('g', { class: 'stage-titles', 'text-anchor': 'middle', 'font-size': font.label, 'font-weight': 600 }, runs.map((run, k) =>
        h('text', { x: centres[k]!, y: top - 8 - (rows - 1 - (k % rows)) * STAGE_ROW }, titles[k] === run.title ? run.title : [h('title', {}, run.title), titles[k]!]))),
    ],
  };
}

function yAxis(y: (v: number) => number, scale: { min: number; max: number }, left: number, right: number, title: string, fmt: ChartFormats): SvgNode[] {
  const integers = range(Math.ceil(scale.min), Math.floor(scale.max) + 1);
  // Integer ticks suit the short emotion scales; a long scale gets at most ~10.
  const ticks = integers.length <= 11 ? integers : scaleLinear([scale.min, scale.max], [0, 1]).ticks(10);
  const mid = (y(scale.min) + y(scale.max)) / 2;
  return [
    ...ticks.map((t) => h('g', { class: t === 0 ? 'tick zero' : 'tick' },
      h('line', { x1: left, x2: right, y1: y(t), y2: y(t), stroke: t === 0 ? color.muted : color.grid, 'stroke-width': t === 0 ? 1.25 : 1 }),
      h('text', { x: left - 8, y: y(t) + 4, 'text-anchor': 'end' }, fmt.integer(t)),
    )),
    h('text', { class: 'axis-title', transform: `translate(14 ${round2(mid)}) rotate(-90)`, 'text-anchor': 'middle', fill: color.muted }, title),
  ];
}

/** A touchpoint title under its band: wrapped into ≤ 3 lines, or rotated when bands are narrow. */
function touchpointLabel(title: string, cx: number, bottom: number, wrapChars: number | null): SvgNode {
  if (wrapChars === null) {
    // Upright (reading upwards), so neighbours never overlap however narrow the bands.
    const shown = truncate(title, charsThatFit(ROTATED_BOTTOM - 16, font.tick));
    return h('text', { transform: `translate(${round2(cx + 4)} ${round2(bottom + 8)}) rotate(-90)` }, shown === title ? title : [h('title', {}, title), shown]);
  }
  const { lines, truncated } = wrapText(title, wrapChars, 3);
  return h('text', { y: bottom + 16 }, truncated && h('title', {}, title), lines.map((l, i) => h('tspan', { x: cx, dy: i === 0 ? 0 : font.lineHeight }, l)));
}
