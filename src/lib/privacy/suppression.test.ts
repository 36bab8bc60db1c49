import { describe, expect, it } from 'vitest';
import { suppressPrimary, suppressSecondary, type SuppressibleCell } from './suppression.ts';

const cell = (respondents: number, min = 10): SuppressibleCell => {
  const c = { respondents, ratings: respondents, suppressed: false };
  suppressPrimary(c, min);
  return c;
};

describe('primary suppression', () => {
  it('hides cells below the minimum, keeps those at it', () => {
    expect(cell(9).suppressed).toBe(true);
    expect(cell(10).suppressed).toBe(false);
    expect(cell(0).suppressed).toBe(true);
  });
});

describe('secondary suppression', () => {
  it('hides the smallest published sibling when exactly one sibling is hidden under a published total', () => {
    // total 60 = 3 + 12 + 20 + 25: the 3 could be recovered as 60 − 12 − 20 − 25.
    const parts = [cell(3), cell(20), cell(12), cell(25)];
    const added = suppressSecondary([{ total: cell(60), parts }], 10);
    expect(added).toBe(1);
    expect(parts.map((p) => p.suppressed)).toEqual([true, false, true, false]);
  });

  it('leaves a group alone when two or more siblings are hidden and together are a large enough group', () => {
    const parts = [cell(3), cell(8), cell(30)];
    expect(suppressSecondary([{ total: cell(41), parts, disjoint: true }], 10)).toBe(0);
    expect(parts.map((p) => p.suppressed)).toEqual([true, true, false]);
  });

  it('hides another sibling when the hidden ones together are fewer than the minimum', () => {
    // A hostile-input test's case: web 20, app 20, kiosk 1, fax 1 under a total of 42; the total less
    // web and app gave kiosk and fax together, a group of 2.
    const parts = [cell(20), cell(20), cell(1), cell(1)];
    expect(suppressSecondary([{ total: cell(42), parts, disjoint: true }], 10)).toBe(1);
    expect(parts.map((p) => p.suppressed)).toEqual([true, false, true, true]);
  });

  it('counts hidden parts that may share respondents as only as many as the largest', () => {
    // A review's case: two touchpoints of a stage rated by the same 6 people; 6 + 6 is not 12 people.
    const parts = [cell(46), cell(46), cell(6), cell(6)];
    expect(suppressSecondary([{ total: cell(52), parts }], 10)).toBe(1);
    expect(parts.map((p) => p.suppressed)).toEqual([true, false, true, true]);
  });

  it('ignores empty siblings: a part with no ratings hides nothing', () => {
    const empty = { respondents: 0, ratings: 0, suppressed: true };
    const parts = [empty, cell(15), cell(20)];
    expect(suppressSecondary([{ total: cell(35), parts }], 10)).toBe(0);
  });

  it('hides the total when the hidden cell has no published sibling to hide behind', () => {
    const total = cell(14);
    const parts = [cell(14 - 0)]; // a single part equal to its total
    parts[0]!.suppressed = true;
    suppressSecondary([{ total, parts }], 10);
    expect(total.suppressed).toBe(true);
  });

  it('hides a part of a hidden total whose parts are all published: their sum would give it away', () => {
    // A touchpoint hidden to protect its stage sibling, with one channel: the channel is the touchpoint.
    const total = cell(40);
    total.suppressed = true;
    const parts = [cell(25), cell(15)];
    expect(suppressSecondary([{ total, parts }], 10)).toBe(1);
    expect(parts.map((p) => p.suppressed)).toEqual([false, true]);
    // With a part hidden already, the total and that part are two unknowns in one sum: nothing to add.
    expect(suppressSecondary([{ total, parts }], 10)).toBe(0);
  });

  it('repeats until stable when a new suppression exposes a cell in another group', () => {
    // Touchpoint B is hidden in stage S (B = S − A − C); the rule hides C (12). C is also a part of the
    // channel group of another total, where it is now the only hidden part: its smallest sibling goes too.
    const a = cell(30);
    const b = cell(5);
    const c = cell(12);
    const d = cell(15);
    const e = cell(40);
    suppressSecondary([
      { total: cell(47), parts: [a, b, c] },
      { total: cell(67), parts: [c, d, e] },
    ], 10);
    expect([a, b, c, d, e].map((x) => x.suppressed)).toEqual([false, true, true, true, false]);
  });
});
