// Small-group protection. Primary: a cell with fewer respondents than the minimum is suppressed.
// Secondary: the sums behind a cell (counts per answer) add up across its siblings to their total,
// so when exactly one sibling with data is suppressed and the total is published, the suppressed one
// could be recovered by subtraction; the smallest published sibling is then suppressed too. Repeated
// until nothing changes, because a new suppression can expose a cell in another group.

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
}

export function suppressPrimary(cell: SuppressibleCell, minRespondents: number): void {
  if ((cell.respondents ?? 0) < minRespondents) cell.suppressed = true;
}

/** Returns how many cells were suppressed secondarily. */
export function suppressSecondary<C extends SuppressibleCell>(groups: SiblingGroup<C>[]): number {
  let added = 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (const { total, parts } of groups) {
      if (total.suppressed) continue;
      const withData = parts.filter((p) => (p.ratings ?? 0) > 0);
      const hidden = withData.filter((p) => p.suppressed);
      if (hidden.length !== 1) continue;
      const shown = withData.filter((p) => !p.suppressed).sort((a, b) => (a.respondents ?? 0) - (b.respondents ?? 0));
      // Nothing to hide it behind: then the total itself would give the cell away.
      const next = shown[0] ?? total;
      next.suppressed = true;
      added++;
      changed = true;
    }
  }
  return added;
}
