import { describe, expect, it } from 'vitest';
import { emotionCurve, type CurvePoint, type EmotionCurveData, type EmotionCurveOptions } from './emotion-curve.ts';
import { findAll, findOne, subpaths, textOf, titleOf } from './find.test-helper.ts';
import { toSvgString } from './svg.ts';

// Geometry by hand. Margins are top 50, right 16, bottom 50, left 48 (EMOTION_CURVE_MARGIN).
// width 464: the plot spans x 48…448 = 400 px, four bands of 100 → centres 98, 198, 298, 398.
// height 310: the plot spans y 50…260 = 210 px for −3…3, i.e. 35 px per unit:
//   y(0) = 50 + 3·35 = 155, y(1) = 120, y(0.5) = 137.5, y(−2) = 50 + 5·35 = 225.
const WIDTH = 464;
const HEIGHT = 310;

const point = (p: Partial<CurvePoint> & Pick<CurvePoint, 'id' | 'title' | 'stageId'>): CurvePoint => ({
  mean: null, low: null, high: null, suppressed: false, target: 0, expected: null, ...p,
});

function fixture(): EmotionCurveData {
  return {
    title: 'Support journey',
    description: 'Emotion by touchpoint',
    scale: { min: -3, max: 3 },
    stages: [{ id: 'find', title: 'Find help' }, { id: 'resolve', title: 'Resolve' }],
    points: [
      point({ id: 'web', title: 'Website', stageId: 'find', mean: 1, low: 0.5, high: 1.5, expected: 1 }),
      // Suppressed, yet carrying a value, as a bug upstream might leave it: the chart must not show it.
      point({ id: 'queue', title: 'Service desk queue', stageId: 'find', mean: 2.7, low: 2.2, high: 2.9, suppressed: true, expected: 0.5 }),
      point({ id: 'chat', title: 'Chat', stageId: 'resolve', mean: -2, low: -2.4, high: -1.6, target: 0.5, expected: 0 }),
      point({ id: 'invoice', title: 'Invoice', stageId: 'resolve', mean: 0.5, low: 0.1, high: 0.9, expected: 0 }),
    ],
    annotations: [{ pointId: 'chat', text: 'Moment of truth' }],
  };
}

const options: EmotionCurveOptions = {
  id: 'curve-support',
  width: WIDTH,
  height: HEIGHT,
  labels: { target: 'Target', expected: 'Expected', suppressed: 'n < 10', belowTarget: 'below target', axis: 'Emotion' },
};

describe('emotionCurve', () => {
  const svg = emotionCurve(fixture(), options);

  it('is an accessible image named by its title and desc', () => {
    expect(svg.attrs).toMatchObject({ role: 'img', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, 'aria-labelledby': 'curve-support-title curve-support-desc' });
    expect(svg.attrs.width).toBeUndefined();
    expect(textOf(findOne(svg, 'title', { id: 'curve-support-title' }))).toBe('Support journey');
    expect(textOf(findOne(svg, 'desc', { id: 'curve-support-desc' }))).toBe('Emotion by touchpoint');
  });

  it('draws the zero gridline where y = 0 lands', () => {
    const zero = findOne(svg, 'g', { class: 'zero' });
    expect(findOne(zero, 'line').attrs).toMatchObject({ x1: 48, x2: 448, y1: 155, y2: 155 });
    expect(findAll(svg, 'g', { class: 'tick' })).toHaveLength(7);
  });

  it('puts a mean above target on a circle at its band centre', () => {
    const circles = findAll(svg, 'circle', { class: 'point' });
    expect(circles.map((c) => [c.attrs.cx, c.attrs.cy])).toEqual([[98, 120], [398, 137.5]]);
    expect(titleOf(circles[0]!)).toBe('Website: 1.0 (95%: 0.5…1.5)');
  });

  it('draws a point below target as a downward triangle, not a circle', () => {
    const below = findOne(svg, 'polygon', { class: 'below-target' });
    // Triangle of size 6 around (298, 225): top edge at 225 − 3.6, tip at 225 + 6.
    expect(below.attrs.points).toBe('292,221.4 304,221.4 298,231');
    expect(titleOf(below)).toBe('Chat: −2.0 (95%: −2.4…−1.6), below target 0.5');
    expect(findAll(svg, 'circle', { cx: 298 })).toEqual([]);
  });

  it('shows nothing of a suppressed point: no mark, no value, a break in line and band, "n < 10" in the gap', () => {
    expect(findAll(svg, 'circle', { cx: 198 })).toEqual([]);
    expect(findAll(svg, 'polygon', { points: /^19\d/ })).toEqual([]);
    // Neither as text (titles included) nor as a position: y(2.7) = 60.5, y(0.5) of its expected = 137.5 at x 198.
    expect(textOf(svg)).not.toMatch(/2\.7|2\.2|2\.9/);
    expect(textOf(svg)).not.toContain('Service desk queue:');
    const out = toSvgString(svg);
    expect(out).not.toContain('60.5');
    expect(out).not.toContain('198,137.5');

    const mean = findOne(svg, 'path', { class: 'mean' });
    expect(subpaths(mean.attrs.d)).toBe(2);
    expect(String(mean.attrs.d)).toMatch(/^M98,120Z?M298,225/);
    expect(subpaths(findOne(svg, 'path', { class: 'interval' }).attrs.d)).toBe(2);

    const label = findOne(findOne(svg, 'g', { class: 'suppressed' }), 'text');
    expect(textOf(label)).toBe('n < 10');
    // x at the band centre; y between the neighbours' means (120 and 225), +4 to centre the text.
    expect(label.attrs).toMatchObject({ x: 198, y: 176.5 });
    expect(out).toContain('>n &lt; 10</text>');
  });

  it('draws no mean, band or point at all when every touchpoint is suppressed', () => {
    const data = fixture();
    data.points = data.points.map((p) => ({ ...p, suppressed: true }));
    data.annotations = [];
    const all = emotionCurve(data, options);
    expect(findAll(all, 'path', { class: /mean|interval|expected/ })).toEqual([]);
    expect(findAll(all, 'circle')).toEqual([]);
    expect(findAll(all, 'polygon', { class: 'point' })).toEqual([]);
    expect(findAll(findOne(all, 'g', { class: 'suppressed' }), 'text')).toHaveLength(4);
    expect(findAll(all, 'path', { class: 'target' })).toHaveLength(1);
  });

  it('draws the target dashed and the expected dotted, so neither depends on colour', () => {
    const target = findOne(svg, 'path', { class: 'target' });
    expect(target.attrs['stroke-dasharray']).toBe('6 4');
    // A step from the left edge at target 0 (y 155), up to 0.5 (y 137.5) at the chat band, back to 0.
    // Target 0 (y 155) across the first two bands, 0.5 (y 137.5) across the chat band, then 0 again; it is
    // a design value, so it continues across the suppressed touchpoint.
    expect(target.attrs.d).toBe('M48,155L248,155L248,137.5L348,137.5L348,155L448,155');
    const expected = findOne(svg, 'path', { class: 'expected' });
    expect(expected.attrs['stroke-dasharray']).toBe('1 4');
    // Expected experience may be measured from the same respondents, so it breaks at the suppressed point too.
    expect(subpaths(expected.attrs.d)).toBe(2);
  });

  it('groups touchpoints into alternating stage bands titled on top', () => {
    expect(findAll(findOne(svg, 'g', { class: 'stage-titles' }), 'text').map(textOf)).toEqual(['Find help', 'Resolve']);
    expect(findAll(svg, 'rect', { class: 'stage' }).map((r) => r.attrs)).toEqual([
      expect.objectContaining({ x: 48, width: 200, fill: expect.stringContaining('--panel') }),
      expect.objectContaining({ x: 248, width: 200, fill: 'none' }),
    ]);
  });

  it('writes an annotation below a dip, with a leader line from the point', () => {
    const note = findOne(svg, 'g', { class: 'annotation' });
    expect(textOf(note)).toBe('Moment of truth');
    // Chat (298, 225) lies below both neighbours, so the text goes below: box top at 225 + 22 = 247,
    // first baseline 10 lower; the leader runs from 7 px under the point to 3 px above the box.
    expect(note.attrs.class).toBe('annotation annotation-below');
    expect(findOne(note, 'text').attrs).toMatchObject({ x: 298, y: 257, 'text-anchor': 'middle' });
    expect(findOne(note, 'line').attrs).toMatchObject({ x1: 298, y1: 232, x2: 298, y2: 244 });
  });

  it('wraps long touchpoint titles into at most 3 lines under their band', () => {
    const data = fixture();
    data.points[0]!.title = 'Asiakaspalvelun puhelinjono ja takaisinsoittopyyntö tänään';
    const labels = findAll(emotionCurve(data, options), 'g', { class: 'x-axis' })[0]!;
    const first = labels.children[0] as typeof svg;
    const lines = findAll(first, 'tspan');
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.attrs.x === 98)).toBe(true);
    expect(lines.every((l) => [...textOf(l)].length <= 16)).toBe(true);
    // The full title stays available where it had to be cut.
    expect(titleOf(first)).toBe(data.points[0]!.title);
  });

  it('rotates touchpoint titles when bands are too narrow to wrap them', () => {
    const data = fixture();
    data.points = Array.from({ length: 24 }, (_, i) => point({ id: `tp${i}`, title: `Touchpoint number ${i}`, stageId: 'find', mean: 0 }));
    data.annotations = [];
    const labels = findAll(emotionCurve(data, { ...options, width: 720 }), 'g', { class: 'x-axis' })[0]!;
    expect(findAll(labels, 'text').every((t) => /rotate\(-90\)/.test(String(t.attrs.transform)))).toBe(true);
  });

  it('staggers stage titles that would touch onto rows, keeping each whole and over its band', () => {
    // Width 464: 6 bands of 400 / 6 = 66.67 px. Bold 12-px titles are estimated at 8.06 px a letter:
    // "Consideration" 104.8 px and "Installation" 96.8 px cannot sit side by side over 67-px bands.
    const titles = ['Awareness', 'Consideration', 'Purchase', 'Delivery', 'Installation', 'Aftercare'];
    const data = fixture();
    data.stages = titles.map((title, i) => ({ id: `s${i}`, title }));
    data.points = titles.map((_, i) => point({ id: `tp${i}`, title: `Step ${i}`, stageId: `s${i}`, mean: 0 }));
    data.annotations = [];
    const svg = emotionCurve(data, options);
    const bands = findAll(svg, 'rect', { class: 'stage' });
    const texts = findAll(findOne(svg, 'g', { class: 'stage-titles' }), 'text');
    expect(texts.map(textOf)).toEqual(titles);
    // Two rows: every 2nd title 15 px higher, and the plot starts 15 px lower (top 65): titles at 57 and 42.
    expect(texts.map((t) => t.attrs.y)).toEqual([42, 57, 42, 57, 42, 57]);
    const boxes = texts.map((t, i) => ({ y: t.attrs.y, x0: Number(t.attrs.x) - (titles[i]!.length * 12 * 0.6 * 1.12) / 2, x1: Number(t.attrs.x) + (titles[i]!.length * 12 * 0.6 * 1.12) / 2 }));
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) if (a.y === b.y) expect(a.x1 < b.x0 || b.x1 < a.x0, `${JSON.stringify(a)} ${JSON.stringify(b)}`).toBe(true);
      const band = bands[i]!.attrs;
      const middle = (a.x0 + a.x1) / 2;
      expect(middle >= Number(band.x) && middle <= Number(band.x) + Number(band.width)).toBe(true);
    }
  });

  it('keeps an annotation off the dashed target line', () => {
    // One stage, two points: the target sits at +1 (y 120), 35 px above a point at 0 (y 155). The
    // annotation "above" the peak would be at y 120 - 22 - 13 … 155 - 22 = 120 … 133: on the target line.
    // Below is free, so it goes there.
    const data = fixture();
    data.points = [
      point({ id: 'a', title: 'A', stageId: 'find', mean: -1, target: 1 }),
      point({ id: 'b', title: 'B', stageId: 'find', mean: 0, target: 1 }),
      point({ id: 'c', title: 'C', stageId: 'find', mean: -1, target: 1 }),
    ];
    data.annotations = [{ pointId: 'b', text: 'Peak' }];
    const note = findOne(emotionCurve(data, options), 'g', { class: 'annotations' }).children[0] as ReturnType<typeof findOne>;
    expect(note.attrs.class).not.toBe('annotation annotation-above');
  });

  it('keeps two annotations on neighbouring points off each other', () => {
    // Bands 100 px apart; each text is about 24 letters of bold 11 px (≈ 177 px) wide, so side by side
    // above their points they would overlap: the second goes elsewhere.
    const data = fixture();
    data.points = ['a', 'b', 'c', 'd'].map((id, i) => point({ id, title: id, stageId: 'find', mean: [0, 1, 1.2, 0][i]!, target: -3 }));
    data.annotations = [{ pointId: 'b', text: 'Where the curve falls most' }, { pointId: 'c', text: 'Furthest below the target' }];
    const notes = findOne(emotionCurve(data, options), 'g', { class: 'annotations' }).children as ReturnType<typeof findOne>[];
    const boxes = notes.map((n) => {
      const text = findOne(n, 'text');
      const lines = findAll(text, 'tspan').map(textOf);
      const width = Math.max(...lines.map((l) => l.length * 11 * 0.6 * 1.12));
      const x = Number(text.attrs.x);
      const x0 = text.attrs['text-anchor'] === 'start' ? x : text.attrs['text-anchor'] === 'end' ? x - width : x - width / 2;
      const y0 = Number(text.attrs.y) - 10;
      return { x0, x1: x0 + width, y0, y1: y0 + lines.length * 13 };
    });
    const [a, b] = boxes as [typeof boxes[0], typeof boxes[0]];
    expect(a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0, JSON.stringify(boxes)).toBe(true);
  });

  it('wraps the legend onto a second row on a narrow chart and moves the plot down by it', () => {
    const data = fixture();
    data.annotations = [];
    // At 240 px wide the entries (Target 100 px, Expected 113 px, below target 127 px with gaps) need 2 rows from x 48 to 224.
    const narrow = emotionCurve(data, { ...options, width: 240 });
    const items = findAll(findOne(narrow, 'g', { class: 'legend' }), 'text').map((t) => t.attrs.y);
    expect(new Set(items).size).toBe(2);
    // Top 50 + 18 for the second legend row = 68; bands of 44 px turn titles upright, bottom 310 − 130 = 180.
    expect(findOne(findOne(narrow, 'g', { class: 'zero' }), 'line').attrs.y1).toBe((68 + 180) / 2);
  });

  it('escapes markup in titles everywhere it appears', () => {
    const evil = '</title><svg onload=alert(1)>';
    const data = fixture();
    data.title = evil;
    data.description = evil;
    data.stages[0]!.title = evil;
    data.points[0]!.title = evil;
    data.annotations = [{ pointId: 'chat', text: evil }];
    const out = toSvgString(emotionCurve(data, { ...options, labels: { ...options.labels, suppressed: evil } }));
    expect(out).toContain('&lt;/title&gt;&lt;svg onload=alert(1)&gt;');
    expect(out).not.toContain('<svg onload');
    expect(out.match(/<svg/g)).toHaveLength(1);
    expect(out.match(/<\/title>/g)?.length).toBe(findAllTitles(out));
  });

  it('is deterministic and leaves its input alone', () => {
    const data = fixture();
    const before = JSON.stringify(data);
    expect(toSvgString(emotionCurve(data, options))).toBe(toSvgString(emotionCurve(fixture(), options)));
    expect(JSON.stringify(data)).toBe(before);
  });

  it('refuses ids that cannot be referenced and annotations of unknown touchpoints', () => {
    expect(() => emotionCurve(fixture(), { ...options, id: 'two words' })).toThrow(/Chart id/);
    expect(() => emotionCurve({ ...fixture(), annotations: [{ pointId: 'nope', text: 'x' }] }, options)).toThrow(/unknown touchpoint "nope"/);
    const data = fixture();
    data.points[1]!.id = 'web';
    expect(() => emotionCurve(data, options)).toThrow(/not unique/);
  });
});

/** Every </title> in the output closes a <title> element the chart made, none came from data. */
function findAllTitles(out: string): number {
  return (out.match(/<title[ >]/g) ?? []).length;
}

describe('emotionCurve without targets or values on some touchpoints', () => {
  it('breaks the target where a touchpoint sets none, and says why a point without a value that is not hidden has none', () => {
    const data = fixture();
    data.points = data.points.map((p) => (p.id === 'queue' ? { ...p, mean: null, suppressed: false, target: null, note: 'not asked' } : p));
    const svg = emotionCurve(data, options);
    // Target 0 across the web band, none at the queue band, then 0.5 and 0 as before.
    expect(findOne(svg, 'path', { class: 'target' }).attrs.d).toBe('M48,155L148,155M248,137.5L348,137.5L348,155L448,155');
    expect(findAll(findOne(svg, 'g', { class: 'suppressed' }), 'text').map(textOf)).toEqual(['not asked']);
  });

  it('leaves out the target line and its legend entry when no touchpoint sets a target', () => {
    const data = fixture();
    data.points = data.points.map((p) => ({ ...p, target: null }));
    const svg = emotionCurve(data, options);
    expect(findAll(svg, 'path', { class: 'target' })).toEqual([]);
    expect(findAll(svg, 'polygon', { class: /below-target/ })).toEqual([]);
    expect(toSvgString(svg)).not.toContain('>Target<');
  });
});
