import { describe, expect, it } from 'vitest';
import { findAll, findOne, textOf } from './find.test-helper.ts';
import { npsBar, spreadLabels, type NpsBarOptions } from './nps-bar.ts';
import { toSvgString } from './svg.ts';

const options: NpsBarOptions = { id: 'nps', labels: { detractors: 'Detractors', passives: 'Passives', promoters: 'Promoters' } };
const data = { title: 'NPS', description: 'All respondents.', detractors: 22, passives: 33, promoters: 45 };

describe('npsBar', () => {
  const svg = npsBar(data, options);
  const segments = findAll(svg, 'g', { class: 'segment' });

  it('splits the bar (x 16…704 at width 720) by the shares', () => {
    // 688 px: detractors 22% = 151.36 px, passives 33% = 227.04 px, promoters 45% = 309.6 px.
    expect(segments.map((s) => findOne(s, 'rect').attrs.x)).toEqual([16, 167.36, 394.4]);
    expect(segments.map((s) => findOne(s, 'rect').attrs.width)).toEqual([151.36, 227.04, 309.6]);
  });

  it('writes each share and its name as text, so colour carries no meaning alone', () => {
    expect(segments.map((s) => findAll(s, 'text').map(textOf))).toEqual([
      ['Detractors', '22%'],
      ['Passives', '33%'],
      ['Promoters', '45%'],
    ]);
  });

  it('states the score in the chart and in the description', () => {
    expect(textOf(findOne(svg, 'text', { class: 'nps-value' }))).toBe('NPS +23');
    expect(textOf(findOne(svg, 'desc'))).toBe('All respondents. NPS +23: Promoters 45%, Passives 33%, Detractors 22%.');
  });

  it('keeps labels of narrow segments apart', () => {
    const narrow = npsBar({ ...data, detractors: 1, passives: 1, promoters: 98 }, options);
    const xs = findAll(narrow, 'g', { class: 'segment' }).map((s) => Number(findAll(s, 'text')[0]!.attrs.x));
    expect(xs[1]! - xs[0]!).toBeGreaterThan(50);
    expect(xs[0]!).toBeGreaterThanOrEqual(16);
  });

  it('draws no segment and no score without answers', () => {
    const empty = npsBar({ ...data, detractors: 0, passives: 0, promoters: 0 }, options);
    expect(findAll(empty, 'rect', { fill: /--(bad|good|line)\b/ })).toEqual([]);
    expect(textOf(findOne(empty, 'text', { class: 'nps-value' }))).toBe('NPS –');
  });

  it('refuses negative counts and escapes labels', () => {
    expect(() => npsBar({ ...data, passives: -1 }, options)).toThrow(/≥ 0/);
    const out = toSvgString(npsBar(data, { ...options, labels: { ...options.labels, promoters: '<script>' } }));
    expect(out).toContain('&lt;script&gt;');
    expect(out).not.toContain('<script');
  });
});

describe('npsBar shares', () => {
  it('rounds each share on its own, as the table beside it does, even when they add up to 99', () => {
    const svg = npsBar({ title: 'Thirds', description: 'One of each.', detractors: 1, passives: 1, promoters: 1 }, { id: 'thirds', labels: { detractors: 'Detractors', passives: 'Passives', promoters: 'Promoters' } });
    expect(textOf(findOne(svg, 'desc'))).toContain('Promoters 33%, Passives 33%, Detractors 33%');
  });
});

describe('spreadLabels', () => {
  it('moves overlapping labels apart within the bounds', () => {
    expect(spreadLabels([10, 12, 100], [20, 20, 20], 0, 200)).toEqual([10, 40, 100]);
    expect(spreadLabels([195, 198], [20, 20], 0, 200)).toEqual([160, 190]);
  });
});
