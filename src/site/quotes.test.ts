import { describe, expect, it } from 'vitest';
import type { CommentSample } from '../lib/ingest/types.ts';
import type { JourneyModel } from '../lib/model/site-model.ts';
import type { NpsGroup } from '../lib/stats/aggregate.ts';
import { quotesByGroup } from './quotes.ts';

/** A touchpoint whose groups have `n` respondents each, with these mean emotions. */
function touchpoint(id: string, means: Record<NpsGroup, number>, n = 20) {
  const group = (mean: number) => ({ n, sum: mean * n, sumSq: mean * mean * n });
  return { id, cell: { stats: { emotionByNpsGroup: { detractor: group(means.detractor), passive: group(means.passive), promoter: group(means.promoter) } } } };
}
const journey = (...touchpoints: ReturnType<typeof touchpoint>[]) => ({ stages: [{ id: 's', touchpoints }] }) as unknown as Pick<JourneyModel, 'stages'>;
const say = (group: NpsGroup | null, text: string): CommentSample => ({ group, text, emotion: null });

// The first stage's comments come first in the samples, as they did in the report's flattened list.
const j = journey(
  touchpoint('offer', { detractor: 0.5, passive: 1.0, promoter: 2.0 }),
  touchpoint('queue', { detractor: -2.1, passive: -0.4, promoter: 0.8 }),
  touchpoint('pickup', { detractor: -1.0, passive: 0.2, promoter: 2.6 }),
);
const comments = {
  offer: [say('detractor', 'Offer was fine'), say('promoter', 'Clear offer, price shown at once'), say('passive', 'Offer ok'), say(null, 'No NPS given')],
  queue: [say('detractor', 'Queued 40 minutes'), say('detractor', 'Nobody at the desk'), say('detractor', 'One desk open'), say('passive', 'Slow queue'), say('promoter', 'Queue moved')],
  pickup: [say('detractor', 'Box was damaged'), say('promoter', 'Code worked at once'), say('promoter', 'Code worked at once')],
};

describe('quotesByGroup', () => {
  it("quotes each group only from its own respondents, first where the group's own score explains it", () => {
    const quotes = quotesByGroup(j, comments, 10, 3);
    expect(quotes).toEqual([
      // Detractors scored lowest at the queue (−2.1), then pickup (−1.0): at most two from one touchpoint.
      { group: 'detractor', quotes: [{ text: 'Queued 40 minutes', touchpoint: 'queue' }, { text: 'Nobody at the desk', touchpoint: 'queue' }, { text: 'Box was damaged', touchpoint: 'pickup' }] },
      { group: 'passive', quotes: [{ text: 'Slow queue', touchpoint: 'queue' }, { text: 'Offer ok', touchpoint: 'offer' }] },
      // Promoters scored highest at pickup (+2.6), then the offer (+2.0); the same words once.
      { group: 'promoter', quotes: [{ text: 'Code worked at once', touchpoint: 'pickup' }, { text: 'Clear offer, price shown at once', touchpoint: 'offer' }, { text: 'Queue moved', touchpoint: 'queue' }] },
    ]);
    for (const { group, quotes: q } of quotes) for (const quote of q) expect(comments[quote.touchpoint as keyof typeof comments].find((c) => c.text === quote.text)!.group).toBe(group);
  });

  it("ranks by a group's mean only where the group is large enough; other touchpoints follow in journey order", () => {
    const small = journey(touchpoint('offer', { detractor: 0.5, passive: 0, promoter: 0 }), touchpoint('queue', { detractor: -2.1, passive: 0, promoter: 0 }, 9));
    expect(quotesByGroup(small, comments, 10, 2)[0]).toEqual({ group: 'detractor', quotes: [{ text: 'Offer was fine', touchpoint: 'offer' }, { text: 'Queued 40 minutes', touchpoint: 'queue' }] });
  });
});
