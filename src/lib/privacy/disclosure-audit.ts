// Disclosure audit of one snapshot's published tables, as statistical offices audit theirs (τ-ARGUS,
// sdcTable): the attacker knows every published cell and that the cells add up (a total is the sum of
// its parts), and solves linear programs for the least and the most a hidden cell can hold. That is
// done for every count the cells publish, not only their ratings: the answers per score add up the same
// way, and a hidden group whose answers per score come back exactly is disclosed however uncertain its
// size. A cell hidden for being small is protected when, for each count, the feasible range is at
// least as wide as the smallest group that may be published, or as the count in the smallest published
// total holding the cell when that is less (a total with 3 answers of 0 leaves its hidden parts at most
// 3 to share). Cells are suppressed further until every one is. Cells hidden only to protect others are
// groups large enough to publish: they need no range of their own (as in τ-ARGUS, only the primary
// cells carry protection levels). Pure: the solver is HiGHS (compiled to WebAssembly, no I/O after it is
// loaded), given as an argument by the caller.
import type { Highs } from 'highs';

export interface AuditCell {
  /** The cell's additive counts, ratings first (then, for example, the answers per score value). */
  counts: number[];
  suppressed: boolean;
  /** Hidden for having too few respondents: the cell whose ranges must stay wide. */
  sensitive: boolean;
  /** What the attacker knows besides the sums: a published breakdown key has at least one rating, a cell labelled as hidden to protect another at least the minimum group. */
  lower: number;
  /** …and a touchpoint's cell no more ratings (so no more of any count) than a published group that rated it at most once each has respondents. */
  upper: number;
}

/** `cells[total].counts = Σ cells[part].counts`, by index. */
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
function relationsByCell(cellCount: number, relations: AuditRelation[]): number[][] {
  const byCell: number[][] = Array.from({ length: cellCount }, () => []);
  relations.forEach((r, i) => {
    for (const c of new Set([r.total, ...r.parts])) byCell[c]!.push(i);
  });
  return byCell;
}

/**
 * The attacker's linear programs over the hidden cells tied to one cell: a column per hidden cell, a
 * row per sum that holds one. The matrix is the same for every count; a count changes only the
 * right-hand sides (published totals less published parts) and the bounds, so one HiGHS model is
 * built and solved again from its last basis, which is many times faster than a model per question.
 */
class AttackerModel implements Disposable {
  private readonly model: ReturnType<Highs['createModel']>;
  private readonly column = new Map<number, number>();
  private readonly rows: number[];
  private readonly highs: Highs;
  private readonly hidden: number[];
  private readonly cells: AuditCell[];
  private readonly relations: AuditRelation[];

  constructor(highs: Highs, hidden: number[], cells: AuditCell[], byCell: number[][], relations: AuditRelation[]) {
    this.highs = highs;
    this.hidden = hidden;
    this.cells = cells;
    this.relations = relations;
    hidden.forEach((c, j) => this.column.set(c, j));
    this.rows = [...new Set(hidden.flatMap((c) => byCell[c]!))].sort((a, b) => a - b);
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (const r of this.rows) {
      // Σ hidden parts − hidden total = published total − Σ published parts
      const coefficient = new Map<number, number>();
      for (const [c, sign] of this.signed(r)) if (cells[c]!.suppressed) coefficient.set(c, (coefficient.get(c) ?? 0) + sign);
      for (const [c, k] of [...coefficient].sort((a, b) => a[0] - b[0])) if (k !== 0) (indices.push(this.column.get(c)!), values.push(k));
      starts.push(indices.length);
    }
    const n = hidden.length;
    const zeros = new Array<number>(this.rows.length).fill(0);
    this.model = highs.createModel({
      numCols: n,
      numRows: this.rows.length,
      colCost: new Array<number>(n).fill(0),
      colLower: new Array<number>(n).fill(0),
      colUpper: new Array<number>(n).fill(highs.infinity),
      rowLower: zeros,
      rowUpper: zeros,
      matrix: { format: 'csr', numRows: this.rows.length, numCols: n, starts, indices, values },
    });
    this.model.options.set('output_flag', false);
  }

  private signed(r: number): [number, number][] {
    const { total, parts } = this.relations[r]!;
    return [[total, -1], ...parts.map((p): [number, number] => [p, 1])];
  }

  /** Sets the model to count `k`: its right-hand sides and every hidden cell's bounds. */
  count(k: number): this {
    const rhs = this.rows.map((r) => this.signed(r).reduce((sum, [c, sign]) => (this.cells[c]!.suppressed ? sum : sum - sign * this.cells[c]!.counts[k]!), 0));
    this.model.changeRowsBounds({ kind: 'range', from: 0, to: this.rows.length - 1 }, rhs, rhs);
    const lower = this.hidden.map((c) => (k === 0 ? this.cells[c]!.lower : 0));
    const upper = this.hidden.map((c) => (Number.isFinite(this.cells[c]!.upper) ? this.cells[c]!.upper : this.highs.infinity));
    if (this.hidden.length) this.model.changeColsBounds({ kind: 'range', from: 0, to: this.hidden.length - 1 }, lower, upper);
    return this;
  }

  /** The least or most the current count of `cell` can be. */
  extreme(cell: number, sense: 'min' | 'max'): number {
    const costs = this.hidden.map((c) => (c === cell ? 1 : 0));
    this.model.changeColsCost({ kind: 'range', from: 0, to: this.hidden.length - 1 }, costs);
    this.model.changeObjectiveSense(this.highs.constants.objectiveSense[sense === 'min' ? 'minimize' : 'maximize']);
    const { modelStatus } = this.model.run();
    const status = this.highs.constants.modelStatus;
    if (modelStatus === status.unbounded) return sense === 'max' ? Infinity : -Infinity;
    if (modelStatus !== status.optimal) throw new Error(`the disclosure audit's linear program ended with status ${modelStatus}; the published tables are inconsistent`);
    return this.model.getObjectiveValue();
  }

  [Symbol.dispose](): void {
    this.model.dispose();
  }
}

/** The least and most of count `k` (0: ratings) a suppressed cell can hold, given everything published. */
export function feasibleRange(highs: Highs, cell: number, cells: AuditCell[], relations: AuditRelation[], k = 0, byCell = relationsByCell(cells.length, relations)): FeasibleRange {
  using attacker = new AttackerModel(highs, linkedHidden(cell, cells, byCell, relations), cells, byCell, relations);
  attacker.count(k);
  return { low: attacker.extreme(cell, 'min'), high: attacker.extreme(cell, 'max') };
}

/**
 * The width each count of a sensitive cell needs: the minimum group, or the count in the smallest
 * published total that holds the cell when that is less (its hidden parts share no more than that).
 */
function requiredWidths(cell: number, cells: AuditCell[], byCell: number[][], relations: AuditRelation[], minWidth: number): number[] {
  const widths = cells[cell]!.counts.map(() => minWidth);
  const seen = new Set([cell]);
  const queue = [cell];
  while (queue.length) {
    const part = queue.pop()!;
    for (const r of byCell[part]!) {
      const { total, parts } = relations[r]!;
      if (!parts.includes(part) || seen.has(total)) continue;
      seen.add(total);
      if (cells[total]!.suppressed) queue.push(total);
      else cells[total]!.counts.forEach((n, k) => (widths[k] = Math.min(widths[k]!, n)));
    }
  }
  return widths;
}

/** A question's counts among a cell's: how many answered it, and how many gave each of its values. */
export interface AuditQuestion {
  answered: number;
  values: number[];
}

/**
 * Whether the published tables give away something of a sensitive cell's answers: its ratings to
 * within fewer than its width; any other count provably above zero (someone in the group gave that
 * answer) and to within fewer than its width; or every answer of a question that someone in the group
 * provably answered falling on one value (nothing else can be above zero), which tells what the whole
 * group answered however uncertain each count is.
 */
function discloses(attacker: AttackerModel, cell: number, own: number[], widths: number[], questions: AuditQuestion[]): boolean {
  const solve = (k: number, sense: 'min' | 'max') => (widths[k]! <= 0 ? 0 : attacker.count(k).extreme(cell, sense));
  const low: number[] = [];
  const lowOf = (k: number) => (low[k] ??= solve(k, 'min'));
  for (const [k, width] of widths.entries()) {
    // A count the cell does not have cannot be proved above zero; a published total without it (width
    // 0) shows the cell has none, as any table does.
    if (width <= 0 || (k > 0 && own[k] === 0)) continue;
    // The range holds the cell's own count: a maximum far enough above it settles the width alone.
    const high = solve(k, 'max');
    if (high - own[k]! >= width) continue;
    if (high - lowOf(k) < width && (k === 0 || lowOf(k) > 0)) return true;
  }
  // Where all the cell's answers to a question share one value, can it have another that the published
  // totals still allow? (If they allow none, the totals themselves tell, as any table does.)
  return questions.some(({ answered, values }) => {
    const given = values.filter((v) => own[v]! > 0);
    const others = values.filter((v) => v !== given[0] && widths[v]! > 0);
    return given.length === 1 && others.length > 0 && lowOf(answered) > 0 && !others.some((v) => solve(v, 'max') > 0);
  });
}

/**
 * Suppresses cells until no sensitive cell with ratings is disclosed (see discloses). Each count
 * needs a range as wide as the minimum group, or as the count in the smallest published total that
 * holds the cell when that is less (its hidden parts share no more than that). Adding a suppression
 * only widens every range, so a cell that passed stays passed. Returns the cells it suppressed, in order.
 */
export function protectSuppressed(highs: Highs, cells: AuditCell[], relations: AuditRelation[], minWidth: number, questions: AuditQuestion[] = []): number[] {
  const byCell = relationsByCell(cells.length, relations);
  const added: number[] = [];
  // Sensitive cells tied together share one model until a suppression changes it.
  let shared = null as { hidden: Set<number>; attacker: AttackerModel } | null;
  const attackerFor = (cell: number) => {
    if (shared?.hidden.has(cell)) return shared.attacker;
    shared?.attacker[Symbol.dispose]();
    const hidden = linkedHidden(cell, cells, byCell, relations);
    shared = { hidden: new Set(hidden), attacker: new AttackerModel(highs, hidden, cells, byCell, relations) };
    return shared.attacker;
  };
  try {
    for (const [cell, { sensitive, counts }] of cells.entries()) {
      if (!sensitive || counts[0] === 0) continue; // nobody to protect
      const widths = requiredWidths(cell, cells, byCell, relations, minWidth);
      while (discloses(attackerFor(cell), cell, counts, widths, questions)) {
        const shield = shieldFor(cell, cells, byCell, relations);
        if (shield === null) break; // every cell tied to it is hidden: nothing more can widen its ranges
        cells[shield]!.suppressed = true;
        // Published as hidden to protect another: so known to hold at least the minimum group.
        cells[shield]!.lower = Math.max(cells[shield]!.lower, minWidth);
        added.push(shield);
        shared!.hidden.clear(); // the model no longer describes the tables
      }
    }
  } finally {
    shared?.attacker[Symbol.dispose]();
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
      if (cells[c]!.suppressed || cells[c]!.counts[0] === 0) continue;
      const rank: [number, number, number] = [isTotal(c) ? 1 : 0, -Math.min(2, hiddenSums(c)), cells[c]!.counts[0]!];
      if (!best || compare(rank, best.rank) < 0) best = { index: c, rank };
    }
  }
  return best?.index ?? null;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
