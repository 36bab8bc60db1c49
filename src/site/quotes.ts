// The quotes under a report's group headings: each group's own comments, from the touchpoints that
// explain its score. Detractors and passives are quoted first where their own mean emotion is lowest
// (what held them back), promoters where theirs is highest (what won them). A group's mean is used
// only where the group has at least the minimum of respondents; touchpoints without one follow in
// journey order. Pure, over published samples.
import type { CommentSample } from '../lib/ingest/types.ts';
import type { JourneyModel } from '../lib/model/site-model.ts';
import type { NpsGroup } from '../lib/stats/aggregate.ts';

const QUOTE_GROUPS: readonly NpsGroup[] = ['detractor', 'passive', 'promoter'];

export interface Quote {
  text: string;
  touchpoint: string;
}

/** At most this many quotes of a group from one touchpoint, so that one stage does not speak for all. */
const PER_TOUCHPOINT = 2;

export function quotesByGroup(journey: Pick<JourneyModel, 'stages'>, comments: Record<string, CommentSample[]>, minRespondents: number, perGroup: number): { group: NpsGroup; quotes: Quote[] }[] {
  const touchpoints = journey.stages.flatMap((s) => s.touchpoints);
  return QUOTE_GROUPS.map((group) => {
    const meanOf = (t: (typeof touchpoints)[number]) => {
      const g = t.cell.stats?.emotionByNpsGroup[group];
      return g && g.n >= minRespondents ? g.sum / g.n : null;
    };
    const sign = group === 'promoter' ? -1 : 1;
    const ranked = touchpoints
      .map((t, order) => ({ id: t.id, mean: meanOf(t), order }))
      .sort((a, b) => (a.mean === null ? 1 : 0) - (b.mean === null ? 1 : 0) || sign * ((a.mean ?? 0) - (b.mean ?? 0)) || a.order - b.order);
    const seen = new Set<string>();
    const quotes: Quote[] = [];
    for (const { id } of ranked) {
      let here = 0;
      for (const c of comments[id] ?? []) {
        // The same words from several customers are quoted once.
        if (c.group !== group || seen.has(c.text) || here === PER_TOUCHPOINT || quotes.length === perGroup) continue;
        seen.add(c.text);
        here++;
        quotes.push({ text: c.text, touchpoint: id });
      }
    }
    return { group, quotes };
  }).filter((g) => g.quotes.length > 0);
}
