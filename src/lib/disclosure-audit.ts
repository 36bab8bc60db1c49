// Disclosure audit of one snapshot's published tables, as statistical offices audit theirs (τ-ARGUS,
// sdcTable): the attacker knows every published cell and that the cells add up (a total is the sum of
// its parts), and solves two linear programs per suppressed cell for the least and the most ratings it
// can have. A cell hidden for being small is protected when that feasible range is at least as wide as
// the smallest group that may be published; cells are suppressed further until every one is. Cells
// hidden only to protect others are groups large enough to publish: they need no range of their own
// (as in τ-ARGUS, only the primary cells carry protection levels). Pure: the solver is HiGHS
// (compiled to WebAssembly, no I/O after it is loaded), given as an argument by the caller.
import type { Highs } from 'highs';

export interface AuditCell {
  /** Ratings in the cell: the additive size the tables are audited on. */
  ratings: number;
  suppressed: boolean;
  /** Hidden for having too few respondents: the cell whose range must stay wide. */
  sensitive: boolean;
  /** What the attacker knows besides the sums: a published breakdown key has at least one rating. */
  lower: number;
  /** …and a touchpoint's cell no more ratings than a published group that rated it at most once each has respondents. */
  upper: number;
}

/** `cells[total].ratings = Σ cells[part].ratings`, by index. */
export interface AuditRelation {
  total: number;
  parts: number[];
}

export interface FeasibleRange {
  low: number;
  high: number;
}

/**
 * The hidden cells that sums tie to `start`: two hidden cells are linked when one relation holds both.
 * Only they can move when `start` moves, so its linear programs need no other variable.
 */
function linkedHidden(start: number, cells: AuditCell[], byCell: number[][], relations: AuditRelation[]): number[] {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length) {
    for (const r of byCell[queue.pop()!]!) {
      const { total, parts } = relations[r]!;
      for (const c of [total, ...parts]) {
        if (cells[c]!.suppressed && !seen.has(c)) {
          seen.add(c);
          queue.push(c);
        }
      }
    }
  }
  return [...seen].sort((a, b) => a - b);
}

/** Relations by cell: the indices of the relations each cell is the total or a part of. */
export function relationsByCell(cellCount: number, relations: AuditRelation[]): number[][] {
  const byCell: number[][] = Array.from({ length: cellCount }, () => []);
  relations.forEach((r, i) => {
    for (const c of new Set([r.total, ...r.parts])) byCell[c]!.push(i);
  });
  return byCell;
}

/** The attacker's model in CPLEX LP format, without its objective: the sums that hold hidden cells, and every hidden cell's bounds. */
function constraintsText(hidden: number[], cells: AuditCell[], byCell: number[][], relations: AuditRelation[]): string {
  const rows: string[] = [];
  const used = new Set<number>();
  for (const c of hidden) for (const r of byCell[c]!) used.add(r);
  for (const r of [...used].sort((a, b) => a - b)) {
    const { total, parts } = relations[r]!;
    // Σ hidden parts − hidden total = published total − Σ published parts
    const coefficient = new Map<number, number>();
    let constant = 0;
    for (const [c, sign] of [[total, -1] as const, ...parts.map((p) => [p, 1] as const)]) {
      if (cells[c]!.suppressed) coefficient.set(c, (coefficient.get(c) ?? 0) + sign);
      else constant -= sign * cells[c]!.ratings;
    }
    const terms = [...coefficient].filter(([, k]) => k !== 0).map(([c, k]) => `${k < 0 ? '-' : '+'} ${Math.abs(k)} x${c}`);
    if (terms.length) rows.push(` r${r}: ${terms.join(' ')} = ${constant}`);
  }
  const bounds = hidden.map((c) => ` ${cells[c]!.lower} <= x${c}${Number.isFinite(cells[c]!.upper) ? ` <= ${cells[c]!.upper}` : ''}`);
  return `Subject To\n${rows.length ? rows.join('\n') : ' r: 0 x0 = 0'}\nBounds\n${bounds.join('\n')}\nEnd\n`;
}

function solveFor(highs: Highs, cell: number, sense: 'Minimize' | 'Maximize', constraints: string): number {
  const solution = highs.solve(`${sense}\n obj: x${cell}\n${constraints}`);
  if (solution.Status === 'Unbounded') return sense === 'Maximize' ? Infinity : -Infinity;
  if (solution.Status !== 'Optimal') throw new Error(`the disclosure audit's linear program ended "${solution.Status}"; the published tables are inconsistent`);
  return solution.ObjectiveValue;
}

/** The least and most ratings a suppressed cell can have, given everything published. */
export function feasibleRange(highs: Highs, cell: number, cells: AuditCell[], relations: AuditRelation[], byCell = relationsByCell(cells.length, relations)): FeasibleRange {
  const constraints = constraintsText(linkedHidden(cell, cells, byCell, relations), cells, byCell, relations);
  return { low: solveFor(highs, cell, 'Minimize', constraints), high: solveFor(highs, cell, 'Maximize', constraints) };
}

/**
 * Suppresses cells until the feasible range of every sensitive cell with ratings is at least
 * `minWidth` wide (the minimum group: a hidden group of 3 could then be anything from under the
 * minimum to beyond it). Adding a suppression only widens every range, so a cell that passed stays
 * passed. Returns the cells it suppressed, in order.
 */
export function protectSuppressed(highs: Highs, cells: AuditCell[], relations: AuditRelation[], minWidth: number): number[] {
  const byCell = relationsByCell(cells.length, relations);
  const added: number[] = [];
  for (const [cell, { sensitive, ratings }] of cells.entries()) {
    if (!sensitive || ratings === 0) continue; // nobody to protect
    for (;;) {
      const { low, high } = feasibleRange(highs, cell, cells, relations, byCell);
      if (high - low >= minWidth) break;
      const shield = shieldFor(cell, cells, byCell, relations);
      if (shield === null) break; // every cell tied to it is hidden: nothing more can widen its range
      cells[shield]!.suppressed = true;
      added.push(shield);
    }
  }
  return added;
}

/**
 * The published cell to suppress next for `cell`, from the sums that hold it or the hidden cells tied
 * to it. A range widens only along a cycle of hidden cells (row, column, row …), so the best is a cell
 * whose sums already hold two hidden cells (it closes a cycle), then one that extends the chain. Cells
 * that are no sum's total (a touchpoint's channel or segment) come before totals, which readers use
 * most; the smallest comes first among equals.
 */
function shieldFor(cell: number, cells: AuditCell[], byCell: number[][], relations: AuditRelation[]): number | null {
  const isTotal = (c: number) => byCell[c]!.some((r) => relations[r]!.total === c);
  const hiddenSums = (c: number) => byCell[c]!.filter((r) => [relations[r]!.total, ...relations[r]!.parts].some((x) => x !== c && cells[x]!.suppressed)).length;
  let best: { index: number; rank: [number, number, number] } | null = null;
  for (const r of new Set(linkedHidden(cell, cells, byCell, relations).flatMap((c) => byCell[c]!))) {
    const { total, parts } = relations[r]!;
    for (const c of [...parts, total]) {
      if (cells[c]!.suppressed || cells[c]!.ratings === 0) continue;
      const rank: [number, number, number] = [isTotal(c) ? 1 : 0, -Math.min(2, hiddenSums(c)), cells[c]!.ratings];
      if (!best || compare(rank, best.rank) < 0) best = { index: c, rank };
    }
  }
  return best?.index ?? null;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
