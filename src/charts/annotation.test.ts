import { describe, expect, it } from 'vitest';
import { annotation, crosses, type Box, type Segment } from './annotation.ts';
import { findAll, findOne, textOf } from './find.test-helper.ts';

const plot: Box = { x0: 0, y0: 0, x1: 400, y1: 200 };

describe('annotation', () => {
  it('takes the preferred side when it is free', () => {
    const { node: note } = annotation('Moment of truth', [200, 100], 'above', [], plot);
    expect(note.attrs.class).toBe('annotation annotation-above');
    // One line, 13 px tall, ending 22 px above the point: box 65…78, baseline at 75.
    expect(findOne(note, 'text').attrs).toMatchObject({ x: 200, y: 75 });
  });

  it('moves to the right when the preferred side is outside the plot', () => {
    const { node: note } = annotation('Moment of truth', [200, 190], 'below', [], plot);
    expect(note.attrs.class).toBe('annotation annotation-right');
    expect(findOne(note, 'text').attrs).toMatchObject({ x: 220, 'text-anchor': 'start' });
  });

  it('avoids a side where the curve runs', () => {
    const curve: Segment = [[200, 100], [260, 60]];
    expect(annotation('Note', [200, 100], 'above', [curve], plot).node.attrs.class).toBe('annotation annotation-above');
    const across: Segment = [[150, 70], [250, 70]];
    expect(annotation('Note', [200, 100], 'above', [across], plot).node.attrs.class).toBe('annotation annotation-right');
  });

  it('wraps long text into two lines of at most 24 characters', () => {
    const { node: note } = annotation('Waiting without an estimate of time', [200, 100], 'below', [], plot);
    expect(findAll(note, 'tspan').map(textOf)).toEqual(['Waiting without an', 'estimate of time']);
  });
});

describe('crosses', () => {
  const box: Box = { x0: 10, y0: 10, x1: 20, y1: 20 };
  it('finds segments that touch a box and not those that pass by', () => {
    expect(crosses([[0, 0], [30, 30]], box)).toBe(true);
    expect(crosses([[15, 15], [15, 15]], box)).toBe(true);
    expect(crosses([[0, 0], [30, 0]], box)).toBe(false);
    expect(crosses([[0, 30], [30, 25]], box)).toBe(false);
  });
});
