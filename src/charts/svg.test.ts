import { describe, expect, it } from 'vitest';
import { h, pointsAttr, round2, toSvgString, type SvgNode } from './svg.ts';

describe('h', () => {
  it('flattens children and drops null, false and undefined', () => {
    const node = h('g', {}, null, 'a', false, [h('line'), undefined, ['b']]);
    expect(node.children).toEqual(['a', { tag: 'line', attrs: {}, children: [] }, 'b']);
  });

  it('rounds numbers in attributes to 2 decimals and drops undefined and empty ones', () => {
    expect(h('circle', { cx: 1.23456, cy: -0.001, r: undefined, class: '' }).attrs).toEqual({ cx: 1.23, cy: 0 });
    expect(round2(-0.004)).toBe(0);
    expect(Object.is(round2(-0.004), -0)).toBe(false);
    expect(pointsAttr([[1.005, 2], [3.333, 4.666]])).toBe('1,2 3.33,4.67');
  });

  it('rejects tags outside the allow-list', () => {
    expect(() => h('script')).toThrow(/<script> is not allowed/);
    expect(() => h('foreignObject')).toThrow();
    expect(() => h('a')).toThrow();
  });

  it('rejects event handlers and attribute names that could break out of the tag', () => {
    expect(() => h('svg', { onload: 'alert(1)' })).toThrow(/"onload" is not allowed/);
    expect(() => h('rect', { ONCLICK: 'x' })).toThrow();
    expect(() => h('rect', { 'x" onload="alert(1)': 1 })).toThrow();
    expect(() => h('rect', { 'a b': 1 })).toThrow();
    expect(() => h('rect', { '': 1 })).toThrow();
  });

  it('rejects non-finite numbers instead of writing NaN into a coordinate', () => {
    expect(() => h('circle', { cx: Number.NaN })).toThrow(/cx on <circle> is NaN/);
  });
});

describe('toSvgString', () => {
  it('escapes text and attribute values', () => {
    const svg = h('svg', { 'aria-label': `"quoted" & 'single' <b>` }, h('title', {}, '</title><svg onload=alert(1)>'), h('text', {}, 'a & b'));
    expect(toSvgString(svg)).toBe(
      '<svg aria-label="&quot;quoted&quot; &amp; &#39;single&#39; &lt;b&gt;"><title>&lt;/title&gt;&lt;svg onload=alert(1)&gt;</title><text>a &amp; b</text></svg>',
    );
  });

  it('self-closes empty elements', () => {
    expect(toSvgString(h('line', { x1: 0, x2: 1 }))).toBe('<line x1="0" x2="1"/>');
  });

  it('re-checks trees that were not built with h()', () => {
    const forged: SvgNode = { tag: 'g', attrs: {}, children: [{ tag: 'script', attrs: {}, children: ['alert(1)'] }] };
    expect(() => toSvgString(forged)).toThrow(/<script>/);
    expect(() => toSvgString({ tag: 'g', attrs: { onclick: 'x' }, children: [] })).toThrow();
  });
});
