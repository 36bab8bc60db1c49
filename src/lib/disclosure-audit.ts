// Disclosure audit of one snapshot's published tables, as statistical offices audit theirs (τ-ARGUS,
// sdcTable): the attacker knows every published cell and that the cells add up (a total is the sum of
// its parts), and solves two linear programs per suppressed cell for the least and the most ratings it
// can have. A suppressed cell is protected when that feasible range is at least as wide as its
// protection interval; cells are suppressed further until every one is. Pure: the solver is HiGHS
// (compiled to WebAssembly, no I/O after it is loaded), given as an argument by the caller.
import type { Highs } from 'highs';

export interface AuditCell {
  /** Ratings in the cell: the additive size the tables are audited on. */
  ratings: number;
  suppressed: boolean;
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

export interface ProtectionRule {
  minRespondents: number;
  /** The range must also be at least this share of the cell's own ratings wide. */
  share: number;
}

/** The least width of a suppressed cell's feasible range: the minimum group, or a share of the cell when that is more. */
export function protectionWidth(ratings: number, rule: ProtectionRule): number {
  return Math.max(rule.minRespondents, Math.ceil(rule.share * ratings));
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
 * Suppresses cells until the feasible range of every suppressed cell with ratings is at least its
 * protection width. A failing cell is shielded by suppressing a published cell that shares a sum with
 * it: preferably one whose other sums already hold a hidden cell (it then completes a cycle of hidden
 * cells rather than exposing itself), else the smallest. Adding a suppression only widens every other
 * range, so a cell that passed stays passed. Returns the cells it suppressed, in order.
 */
export function protectSuppressed(highs: Highs, cells: AuditCell[], relations: AuditRelation[], rule: ProtectionRule): number[] {
  const byCell = relationsByCell(cells.length, relations);
  const added: number[] = [];
  const queue = cells.flatMap((c, i) => (c.suppressed ? [i] : []));
  while (queue.length) {
    const cell = queue.shift()!;
    if (cells[cell]!.ratings === 0) continue; // nobody to protect
    for (;;) {
      const { low, high } = feasibleRange(highs, cell, cells, relations, byCell);
      if (high - low >= protectionWidth(cells[cell]!.ratings, rule)) break;
      const shield = shieldFor(cell, cells, byCell, relations);
      if (shield === null) break; // every cell tied to it is hidden: nothing more can widen its range
      cells[shield]!.suppressed = true;
      added.push(shield);
      queue.push(shield);
    }
  }
  return added;
}

/**
 * The published cell to suppress for `cell`: from the sums that hold it, else from the sums that hold
 * the hidden cells tied to it (every cell of its own sums may be hidden already).
 */
function shieldFor(cell: number, cells: AuditCell[], byCell: number[][], relations: AuditRelation[]): number | null {
  const nearest = (from: number[]) => {
    let best: { index: number; linked: boolean; ratings: number } | null = null;
    for (const r of new Set(from.flatMap((c) => byCell[c]!))) {
      const { total, parts } = relations[r]!;
      for (const c of [...parts, total]) {
        if (cells[c]!.suppressed || cells[c]!.ratings === 0) continue;
        const linked = byCell[c]!.some((other) => other !== r && [relations[other]!.total, ...relations[other]!.parts].some((x) => x !== c && cells[x]!.suppressed));
        if (!best || (linked && !best.linked) || (linked === best.linked && cells[c]!.ratings < best.ratings)) best = { index: c, linked, ratings: cells[c]!.ratings };
      }
    }
    return best?.index ?? null;
  };
  return nearest([cell]) ?? nearest(linkedHidden(cell, cells, byCell, relations));
}
