// The disclosure audit over single-choice items: an option's counts add up across cells like a score's
// bins, so a small hidden cell's answers must not come back from the published totals.
import { describe, expect, it } from 'vitest';
import { emptyCell } from '../stats/aggregate.ts';
import { DEFAULT_SCALES } from '../stats/metrics.ts';
import { highs } from '../privacy/lp-solver.ts';
import { suppressAudited, type SiblingGroup } from '../privacy/suppression.ts';
import { auditedCounts, type CellModel } from './site-model.ts';

const MIN = 10;
const OPTIONS = ['Too slow', 'About right', 'Too fast'];

/** A cell of `respondents` who each answered once; `pace` their answers per option (none: the item not asked). */
function cell(respondents: number, suppressed: boolean, pace?: number[]): CellModel {
  const stats = { ...emptyCell(DEFAULT_SCALES), respondents, ratings: respondents };
  if (pace) stats.choices = { pace: { options: OPTIONS, counts: pace } };
  return { respondents, ratings: respondents, suppressed, figures: null, change: null, stats };
}

/**
 * Touchpoints × channels with their margins, all four inner cells hidden: a (4 respondents, below the
 * minimum) and three of 40 hidden beside it. Their ratings keep a wide range (a from 0 to 34, as b,
 * c, d are at least 10 each). But pace was asked only at a's touchpoint and channel, and all 4 said
 * "too fast": the row's and the column's 4 "too fast" are a's, exactly, whatever the ratings.
 */
function table() {
  const a = cell(4, true, [0, 0, 4]);
  const [b, c, d] = [cell(40, true), cell(40, true), cell(40, true)];
  const row0 = cell(44, false, [0, 0, 4]);
  const row1 = cell(80, false);
  const column0 = cell(44, false, [0, 0, 4]);
  const column1 = cell(80, false);
  const grand = cell(124, false, [0, 0, 4]);
  const groups: SiblingGroup<CellModel>[] = [
    { total: row0, parts: [a, b] },
    { total: row1, parts: [c, d] },
    { total: column0, parts: [a, c] },
    { total: column1, parts: [b, d] },
    { total: grand, parts: [row0, row1] },
    { total: grand, parts: [column0, column1] },
  ];
  const cells = [...new Set(groups.flatMap((g) => [g.total, ...g.parts]))];
  return { groups, cells, margins: [row0, row1, column0, column1] };
}

describe('the disclosure audit of single-choice items', () => {
  it('suppresses further when a hidden small cell\'s option counts follow from the published totals', async () => {
    const { groups, cells, margins } = table();
    const added = suppressAudited(highs, groups, MIN, auditedCounts(cells));
    expect(added).toBeGreaterThan(0);
    expect(margins.some((m) => m.suppressed)).toBe(true);
  });

  it('lists every item for every cell: the option counts at the same indices, 0 where not asked', () => {
    const { cells } = table();
    const counts = auditedCounts(cells);
    const asked = counts(cells[0]!);
    const notAsked = counts(cells.find((c) => !c.stats!.choices['pace'])!);
    expect(notAsked.counts.length).toBe(asked.counts.length);
    const pace = asked.questions.at(-1)!;
    expect(pace.values.map((i) => asked.counts[i])).toEqual([0, 0, 4]);
    expect(asked.counts[pace.answered]).toBe(4);
    expect(pace.values.map((i) => notAsked.counts[i])).toEqual([0, 0, 0]);
  });
});
