import { describe, expect, it } from 'vitest';
import { feasibleRange, protectSuppressed, type AuditCell, type AuditRelation } from './disclosure-audit.ts';
import { highs } from './lp-solver.ts';

const MIN = 10;

/**
 * A two-way table with its margins, as the audit sees it: cell (r, c) is index r × columns + c, then
 * the row totals, the column totals and the grand total.
 */
function table(values: number[][], hidden: [number, number][]) {
  const rows = values.length;
  const columns = values[0]!.length;
  const cellAt = (r: number, c: number) => r * columns + c;
  const rowTotal = (r: number) => rows * columns + r;
  const columnTotal = (c: number) => rows * columns + rows + c;
  const grand = rows * columns + rows + columns;
  const ratings = [...values.flat(), ...values.map((row) => row.reduce((a, b) => a + b)), ...values[0]!.map((_, c) => values.reduce((a, row) => a + row[c]!, 0))];
  ratings.push(values.flat().reduce((a, b) => a + b));
  const cells: AuditCell[] = ratings.map((n) => ({ counts: [n], suppressed: false, sensitive: false, lower: 0, upper: Infinity }));
  for (const [r, c] of hidden) Object.assign(cells[cellAt(r, c)]!, { suppressed: true, sensitive: values[r]![c]! < MIN });
  const relations: AuditRelation[] = [
    ...values.map((_, r) => ({ total: rowTotal(r), parts: values[0]!.map((__, c) => cellAt(r, c)) })),
    ...values[0]!.map((_, c) => ({ total: columnTotal(c), parts: values.map((__, r) => cellAt(r, c)) })),
    { total: grand, parts: values.map((_, r) => rowTotal(r)) },
    { total: grand, parts: values[0]!.map((_, c) => columnTotal(c)) },
  ];
  return { cells, relations, cellAt };
}

/**
 * The bridge from the hostile review: two blocks of four hidden cells, each a closed cycle, joined by
 * one hidden cell of 3 (row 1, column 2). Rows 0–1 less their published cells give block A plus the
 * bridge; columns 0–1 less theirs give block A alone: the difference is the bridge, exactly.
 */
const BRIDGE = [
  [3, 4, 20, 25],
  [5, 2, 3, 30],
  [22, 27, 4, 3],
  [21, 24, 2, 5],
];
const BRIDGE_HIDDEN: [number, number][] = [[0, 0], [0, 1], [1, 0], [1, 1], [2, 2], [2, 3], [3, 2], [3, 3], [1, 2]];


/** Every integer filling of the hidden cells that keeps the margins: the attacker's range by brute force, no LP. */
function rangeByEnumeration(values: number[][], hidden: [number, number][], target: [number, number]): { low: number; high: number } {
  const rowSums = values.map((row) => row.reduce((a, b) => a + b));
  const columnSums = values[0]!.map((_, c) => values.reduce((a, row) => a + row[c]!, 0));
  const free = values.map((row, r) => row.map((v, c) => (hidden.some(([hr, hc]) => hr === r && hc === c) ? null : v)));
  let low = Infinity;
  let high = -Infinity;
  const fill = (k: number, grid: (number | null)[][]) => {
    if (k === hidden.length) {
      const ok = grid.every((row, r) => row.reduce((a: number, b) => a + b!, 0) === rowSums[r]) && columnSums.every((s, c) => grid.reduce((a, row) => a + row[c]!, 0) === s);
      if (!ok) return;
      const v = grid[target[0]]![target[1]]!;
      low = Math.min(low, v);
      high = Math.max(high, v);
      return;
    }
    const [r, c] = hidden[k]!;
    const rowLeft = rowSums[r]! - grid[r]!.reduce((a: number, b) => a + (b ?? 0), 0);
    for (let v = 0; v <= rowLeft; v++) {
      grid[r]![c] = v;
      fill(k + 1, grid);
    }
    grid[r]![c] = null;
  };
  fill(0, free.map((row) => [...row]));
  return { low, high };
}

describe('feasibleRange', () => {
  it('recovers a lone hidden cell of a row exactly', () => {
    const { cells, relations, cellAt } = table([[3, 20], [15, 12]], [[0, 0]]);
    expect(feasibleRange(highs, cellAt(0, 0), cells, relations)).toEqual({ low: 3, high: 3 });
  });

  it('gives a closed cycle of four hidden cells the range the margins allow (by hand: 0 to 18)', () => {
    // a + b = 23, c + d = 27, a + c = 18, b + d = 32, all ≥ 0: a from max(0, 23 − 32, 18 − 27) = 0 to min(23, 18) = 18.
    const { cells, relations, cellAt } = table([[3, 20], [15, 12]], [[0, 0], [0, 1], [1, 0], [1, 1]]);
    expect(feasibleRange(highs, cellAt(0, 0), cells, relations)).toEqual({ low: 0, high: 18 });
    expect(rangeByEnumeration([[3, 20], [15, 12]], [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0])).toEqual({ low: 0, high: 18 });
  });

  it('finds the bridge between two hidden blocks exactly, as the hostile review did', () => {
    const { cells, relations, cellAt } = table(BRIDGE, BRIDGE_HIDDEN);
    expect(feasibleRange(highs, cellAt(1, 2), cells, relations)).toEqual({ low: 3, high: 3 });
  });

  it('agrees with brute-force enumeration on every hidden cell of a small table', () => {
    const values = [[3, 6, 2], [4, 1, 5], [2, 7, 3]];
    const hidden: [number, number][] = [[0, 0], [0, 2], [1, 0], [1, 1], [2, 1], [2, 2]];
    const { cells, relations, cellAt } = table(values, hidden);
    for (const target of hidden) expect(feasibleRange(highs, cellAt(...target), cells, relations)).toEqual(rangeByEnumeration(values, hidden, target));
  });

  it('uses what the attacker knows besides the sums: a listed cell has at least one rating', () => {
    const { cells, relations, cellAt } = table([[3, 20], [15, 12]], [[0, 0], [0, 1], [1, 0], [1, 1]]);
    for (const c of cells) c.lower = 1;
    expect(feasibleRange(highs, cellAt(0, 0), cells, relations)).toEqual({ low: 1, high: 17 });
  });
});

describe('protectSuppressed', () => {
  it('suppresses further until the bridge and every other small hidden cell keeps a range of at least the minimum group', () => {
    const { cells, relations, cellAt } = table(BRIDGE, BRIDGE_HIDDEN);
    const added = protectSuppressed(highs, cells, relations, MIN);
    expect(added.length).toBeGreaterThan(0);
    // Two more cells close the cycle through the bridge; no margin is hidden.
    expect(added.every((c) => c < 16)).toBe(true);
    for (const [r, c] of BRIDGE_HIDDEN) {
      const { low, high } = feasibleRange(highs, cellAt(r, c), cells, relations);
      expect(high - low, `cell ${r},${c} (${BRIDGE[r]![c]} ratings)`).toBeGreaterThanOrEqual(MIN);
    }
  });

  it('leaves a pattern alone that already protects every cell', () => {
    const { cells, relations } = table([[30, 20], [15, 42]], [[0, 0], [0, 1], [1, 0], [1, 1]]);
    expect(protectSuppressed(highs, cells, relations, MIN)).toEqual([]);
  });
});
