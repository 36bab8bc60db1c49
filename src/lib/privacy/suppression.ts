// Small-group protection. Primary: a cell with fewer respondents than the minimum is suppressed.
// Secondary: the sums behind a cell (counts per answer) add up across its siblings to their total,
// so a published total less its published parts gives the hidden parts together. When one part is
// hidden, or several whose respondents together are fewer than the minimum, the smallest published
// sibling is suppressed too (or the total, when none is left). A hidden total whose parts are all
// published is their sum, so its smallest part is suppressed. Repeated until nothing changes,
// because a new suppression can expose a cell in another group. These rules look at one group at a
// time; the audit (suppressAudited) then checks everything together, as an attacker would.
import type { Highs } from 'highs';
import { protectSuppressed, type AuditCell, type AuditQuestion } from './disclosure-audit.ts';

export interface SuppressibleCell {
  /** Distinct respondents, known to the pipeline even when the cell will not be published. */
  respondents: number | null;
  ratings: number | null;
  suppressed: boolean;
}

/** A total and the disjoint parts whose ratings add up to it. */
export interface SiblingGroup<C extends SuppressibleCell> {
  total: C;
  parts: C[];
  /**
   * Whether no respondent is in two parts (a touchpoint's channels: one rating each). Otherwise (the
   * touchpoints of a stage) hidden parts may be the same people, and together they are only known to
   * be as many as the largest of them.
   */
  disjoint?: boolean;
  /** Each respondent gives each part at most one rating: a part has no more ratings than the total has respondents. */
  perRespondent?: boolean;
  /** The parts are a breakdown whose names are published: each has at least one rating. */
  listed?: boolean;
}

export function suppressPrimary(cell: SuppressibleCell, minRespondents: number): void {
  if ((cell.respondents ?? 0) < minRespondents) cell.suppressed = true;
}

/** Returns how many cells were suppressed secondarily. */
export function suppressSecondary<C extends SuppressibleCell>(groups: SiblingGroup<C>[], minRespondents: number): number {
  let added = 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (const { total, parts, disjoint } of groups) {
      const withData = parts.filter((p) => (p.ratings ?? 0) > 0);
      const hidden = withData.filter((p) => p.suppressed);
      if (total.suppressed) {
        // A hidden total is the sum of its parts: with every part published, it is given away.
        if (withData.length === 0 || hidden.length > 0) continue;
        smallest(withData).suppressed = true;
        added++;
        changed = true;
        continue;
      }
      if (hidden.length === 0) continue;
      // One hidden part is recovered exactly; several only as their sum, which must be a group large enough.
      const together = hidden.reduce((n, p) => (disjoint ? n + (p.respondents ?? 0) : Math.max(n, p.respondents ?? 0)), 0);
      if (hidden.length > 1 && together >= minRespondents) continue;
      const shown = withData.filter((p) => !p.suppressed);
      // Nothing to hide it behind: then the total itself would give the cells away.
      const next = shown.length ? smallest(shown) : total;
      next.suppressed = true;
      added++;
      changed = true;
    }
  }
  return added;
}

function smallest<C extends SuppressibleCell>(cells: C[]): C {
  return cells.reduce((a, b) => ((b.respondents ?? 0) < (a.respondents ?? 0) ? b : a));
}

/**
 * Suppresses further until no count of a cell hidden for being small (`counts` gives them, ratings
 * first) can be narrowed, from every group's published cells together, to a range narrower than it
 * needs (disclosure-audit.ts). Returns how many cells it suppressed.
 */
export function suppressAudited<C extends SuppressibleCell>(highs: Highs, groups: SiblingGroup<C>[], minRespondents: number, counts: (cell: C) => { counts: number[]; questions: AuditQuestion[] }): number {
  const index = new Map<C, number>();
  const members: C[] = [];
  const cells: AuditCell[] = [];
  let questions: AuditQuestion[] = [];
  const of = (c: C) => {
    let i = index.get(c);
    if (i === undefined) {
      index.set(c, (i = members.length));
      members.push(c);
      const layout = counts(c);
      questions = layout.questions; // the same for every cell
      // Pages say why a cell is hidden: one without ratings is published as such (so it is no
      // unknown), and one hidden to protect another as having at least the minimum of respondents.
      const sensitive = (c.respondents ?? 0) < minRespondents;
      cells.push({ counts: layout.counts, suppressed: c.suppressed && layout.counts[0]! > 0, sensitive, lower: c.suppressed && !sensitive ? minRespondents : 0, upper: Infinity });
    }
    return i;
  };
  const relations = groups.map((g) => ({ total: of(g.total), parts: g.parts.map(of) }));
  groups.forEach((g, r) => {
    for (const p of relations[r]!.parts) {
      const cell = cells[p]!;
      if (g.listed) cell.lower = Math.max(cell.lower, Math.min(1, cell.counts[0]!));
      if (g.perRespondent && !g.total.suppressed) cell.upper = Math.min(cell.upper, g.total.respondents ?? Infinity);
    }
  });
  const added = protectSuppressed(highs, cells, relations, minRespondents, questions);
  for (const i of added) members[i]!.suppressed = true;
  return added.length;
}
