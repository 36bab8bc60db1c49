import { describe, expect, it } from 'vitest';
import { distinctiveTerms, shareChanges, weightedLogOdds } from './themes.ts';
import { addComment, emptyGroupTerms, mergeGroupTerms, termBudget, type GroupTerms } from './term-counts.ts';
import { commentTerms } from './terms.ts';

const corpus = (words: number, counts: Record<string, number>) => ({ words, counts: new Map(Object.entries(counts)) });
const countsOf = (g: GroupTerms) => ({ words: g.words, counts: new Map([...g.terms].map(([t, c]) => [t, c.n])) });

describe('comment terms', () => {
  it('groups Finnish inflections and the verb made from a noun: jonossa, jono, jonotin', () => {
    expect(['Jonossa', 'jono', 'jonotin', 'jonottaa'].map((w) => [...commentTerms(`${w} pitkään`).keys()][0])).toEqual(['jono', 'jono', 'jono', 'jono']);
    // A noun in -tus stays whole: delivery is not "works".
    expect([...commentTerms('Toimitus ei toimi').keys()]).toEqual(['toimitus', 'toimi']);
    expect([...commentTerms('The queues were long, I waited').keys()]).toEqual(['queue', 'long', 'wait']);
    // Redaction's markers and stop words are not terms; a comment counts a term once.
    expect([...commentTerms('[name] oli ja jono jono').keys()]).toEqual(['jono']);
    // The negative verb with -kä and adverbs that carry no theme (added to Snowball's Finnish list).
    expect([...commentTerms('Toimitus myöhästyi, eikä seurantakoodi toiminut vielä').keys()]).toEqual(['toimitus', 'myöhästyi', 'seurantakood', 'toiminu']);
  });

  it('a short comment seen again is not read again; a long one is, and gives the same terms', () => {
    expect(commentTerms('Jonossa meni kauan')).toBe(commentTerms('Jonossa meni kauan'));
    const long = `Jonossa meni kauan. ${'Palvelu oli muuten hyvää. '.repeat(5)}`;
    expect(commentTerms(long)).not.toBe(commentTerms(long));
    expect(commentTerms(long)).toEqual(commentTerms(long));
  });

  it('a read turns away new terms beyond its budget, and counts what it turned away', () => {
    const group = emptyGroupTerms();
    const budget = { ...termBudget(), left: 2 };
    addComment(group, 'desk slow door', budget);
    addComment(group, 'desk door', budget);
    expect([...group.terms.keys()]).toEqual(['desk', 'slow']);
    expect([budget.dropped, group.words, group.comments]).toEqual([2, 5, 2]);
  });
});

describe('weighted log-odds (Fightin\' Words)', () => {
  it('matches a hand computation on a tiny corpus', () => {
    // α0 = 10, prior shares a 5/10, b 5/10: α_a = α_b = 5. Low: 10 words, a 4, b 1; high: a 1, b 4.
    // δ_a = ln((4+5)/(10+10−4−5)) − ln((1+5)/(10+10−1−5)) = ln(9/11) − ln(6/14) = −0.200671 + 0.847298 = 0.646627
    // var = 1/9 + 1/6 = 0.277778, z = 0.646627 / 0.527046 = 1.226887; b is its mirror.
    const scores = weightedLogOdds(corpus(10, { a: 4, b: 1 }), corpus(10, { a: 1, b: 4 }), corpus(10, { a: 5, b: 5 }), 10);
    expect(scores[0]!.delta).toBeCloseTo(0.646627, 5);
    expect(scores[0]!.z).toBeCloseTo(1.226887, 5);
    expect(scores[1]!.z).toBeCloseTo(-1.226887, 5);
    // Below 1.96: neither side shows them.
    expect(distinctiveTerms(scores)).toEqual({ low: [], high: [] });
  });

  it('agrees with a naive computation straight from the comments, on a random corpus', () => {
    // Words English Snowball leaves as they are, none ending in a vowel (read as English).
    const vocabulary = ['desk', 'slow', 'fast', 'cold', 'card', 'shelf', 'help', 'door'];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const comments = (n: number, bias: number) => Array.from({ length: n }, () => Array.from({ length: 1 + Math.floor(random() * 5) }, () => vocabulary[Math.min(7, Math.floor(random() ** bias * 8))]).join(' '));
    const lowText = comments(400, 0.5);
    const highText = comments(300, 2);
    // Second path: split on spaces, each word once per comment, the formula written out.
    const naive = (texts: string[]) => {
      const counts: Record<string, number> = {};
      let words = 0;
      for (const t of texts) for (const w of new Set(t.split(' '))) (counts[w] = (counts[w] ?? 0) + 1), words++;
      return { counts, words };
    };
    const l = naive(lowText);
    const h = naive(highText);
    const all = naive([...lowText, ...highText]);
    const budget = termBudget();
    const low = emptyGroupTerms();
    const high = emptyGroupTerms();
    for (const t of lowText) addComment(low, t, budget);
    // Counted in two reads and merged, as halves are.
    const a = emptyGroupTerms();
    const b = emptyGroupTerms();
    highText.forEach((t, i) => addComment(i % 2 ? a : b, t, budget));
    mergeGroupTerms(high, a, budget);
    mergeGroupTerms(high, b, budget);
    const prior = { words: all.words, counts: new Map(Object.entries(all.counts)) };
    const scores = weightedLogOdds(countsOf(low), countsOf(high), prior, 1000);
    for (const s of scores) {
      const alpha = (1000 * all.counts[s.term]!) / all.words;
      const [yl, yh] = [l.counts[s.term] ?? 0, h.counts[s.term] ?? 0];
      const delta = Math.log((yl + alpha) / (l.words + 1000 - yl - alpha)) - Math.log((yh + alpha) / (h.words + 1000 - yh - alpha));
      expect(s.z).toBeCloseTo(delta / Math.sqrt(1 / (yl + alpha) + 1 / (yh + alpha)), 9);
    }
    expect(scores.length).toBe(Object.keys(all.counts).length);
    const sides = distinctiveTerms(scores);
    expect(sides.low.length + sides.high.length).toBeGreaterThan(0);
  });
});

describe('rising and falling terms', () => {
  it('tests each share of comments against the previous snapshot\'s (two proportions, unpooled)', () => {
    // queue: 60/100 now, 30/100 then: se = √(.6·.4/100 + .3·.7/100) = √.0045 = 0.067082, z = .3/.067082 = 4.472136.
    // staff: 20/100 and 22/100: z = −.02/√(.16/100 + .1716/100) = −0.347314, not significant. kind: not counted then.
    const { rising, falling } = shareChanges({ comments: 100, counts: new Map([['queue', 60], ['staff', 20], ['kind', 50]]) }, { comments: 100, counts: new Map([['queue', 30], ['staff', 22]]) });
    expect(rising).toEqual([{ term: 'queue', share: 0.6, previousShare: 0.3, z: expect.closeTo(4.472136, 5) }]);
    expect(falling).toEqual([]);
  });
});
