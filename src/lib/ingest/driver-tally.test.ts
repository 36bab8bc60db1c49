// The key drivers' tally folds all but the newest respondents' vectors as a large read goes, and must
// give the moments of a tally that kept every vector: checked against sums formed here by hand.
import { describe, expect, it } from 'vitest';
import { DriverTally, RespondentRowsApart } from './driver-tally.ts';
import { noScores } from '../stats/aggregate.ts';
import { pairIndex, type DriverSpec } from '../stats/driver-moments.ts';
import { DEFAULT_SCALES } from '../stats/metrics.ts';

// Outcome: each respondent's mean NPS at the journey's touchpoints; predictor: CSAT there.
const SPEC: DriverSpec = { outcome: { kind: 'mean-nps', metric: 'nps' }, predictor: 'csat' };
const RESPONDENTS = 12_000;

/** Respondent r's ratings: CSAT 1–5 at "a" and "b" (b not for every third), NPS 0–10 at "a" only. */
function ratingsOf(r: number): [touchpoint: string, csat: number, nps: number | null][] {
  const a: [string, number, number | null] = ['a', (r % 5) + 1, (r * 7) % 11];
  return r % 3 === 0 ? [a] : [a, ['b', ((r * 3) % 5) + 1, null]];
}

function add(tally: DriverTally, n: number, [touchpoint, csat, nps]: [string, number, number | null]): void {
  tally.add('j1', touchpoint, true, n, { ...noScores(), csat, nps });
}

/** Respondents from..to − 1 added in order, their number in this tally being `number(r)`. */
function addAll(tally: DriverTally, from: number, to: number, number = (r: number) => r): void {
  for (let r = from; r < to; r++) for (const rating of ratingsOf(r)) add(tally, number(r), rating);
}

describe('DriverTally: folding older vectors while reading', () => {
  it('gives the moments of a tally that kept every vector, and the sums formed here', () => {
    const kept = new DriverTally(SPEC, DEFAULT_SCALES);
    addAll(kept, 0, RESPONDENTS);
    const folding = new DriverTally(SPEC, DEFAULT_SCALES);
    let folds = 0;
    for (let r = 0; r < RESPONDENTS; r += 1000) {
      addAll(folding, r, r + 1000);
      if (folding.fold(r + 1000)) folds++;
    }
    // From 5,000 respondents on (64 in the head and 4,096 newest kept), every thousand folds.
    expect(folds).toBe(8);
    const result = folding.result(RESPONDENTS)['j1']!;
    expect(result).toEqual(kept.result(RESPONDENTS)['j1']);
    expect(result.touchpoints).toEqual(['a', 'b']);
    // Variables a, b, outcome (the sum of one NPS answer: stratum 1). Pair (a, outcome) by hand.
    let n = 0, sumX = 0, sumY = 0, sumXY = 0;
    for (let r = 0; r < RESPONDENTS; r++) {
      const x = (r % 5) + 1, y = (r * 7) % 11;
      n++, sumX += x, sumY += y, sumXY += x * y;
    }
    expect(result.strata['1']![pairIndex(0, 2, 3)]).toMatchObject({ n, sumX, sumY, sumXY });
    // b is answered by two in three: (b, b) over 8,000 respondents.
    expect(result.strata['1']![pairIndex(1, 1, 3)]!.n).toBe(8000);
  });

  it('lets the folded memory go', () => {
    const tally = new DriverTally(SPEC, DEFAULT_SCALES);
    addAll(tally, 0, 100_000);
    const open = tally.bytes();
    expect(tally.fold(100_000)).toBe(true);
    // Three columns of 131,072 one-byte slots, then of 8,192 (64 + 4,096 kept).
    expect([open, tally.bytes()]).toEqual([4 * 131_072, 4 * 8192]);
    expect(tally.fold(100_000)).toBe(false);
  });

  it('a rating of a respondent already folded: their rows are apart, which the read must start again for', () => {
    const tally = new DriverTally(SPEC, DEFAULT_SCALES);
    addAll(tally, 0, 10_000);
    tally.fold(10_000);
    // The head (the first 64 respondents) and the newest 4,096 stay open; respondent 100 is folded.
    add(tally, 5, ['b', 3, null]);
    add(tally, 9000, ['c', 3, null]);
    expect(() => add(tally, 100, ['c', 3, null])).toThrow(RespondentRowsApart);
  });

  it('halves merge where the respondent over the cut is open in both, and decline where one folded them', () => {
    const whole = new DriverTally(SPEC, DEFAULT_SCALES);
    addAll(whole, 0, RESPONDENTS);
    // Respondent 6,001's first rating ends the first half, the second opens the second half (number 0 there).
    const cut = 6001;
    const first = new DriverTally(SPEC, DEFAULT_SCALES);
    addAll(first, 0, cut);
    add(first, cut, ratingsOf(cut)[0]!);
    first.fold(cut + 1);
    const second = new DriverTally(SPEC, DEFAULT_SCALES);
    add(second, 0, ratingsOf(cut)[1]!);
    addAll(second, cut + 1, RESPONDENTS, (r) => r - cut);
    second.fold(RESPONDENTS - cut);
    // The second half's respondent m is the first's 6,001 where m is 0, else new there.
    const numbers = Int32Array.from({ length: RESPONDENTS - cut }, (_, m) => (m === 0 ? cut : -1));
    expect(first.canAbsorb(second.state(), numbers)).toBe(true);
    first.absorb(second.state(), numbers);
    expect(first.result(cut + 1)['j1']).toEqual(whole.result(RESPONDENTS)['j1']);
    // A respondent the second half folded (its number 100) who is also the first's: declined.
    numbers[100] = 5999;
    expect(first.canAbsorb(second.state(), numbers)).toBe(false);
    // One the first half folded (its number 100), open in the second: declined too.
    numbers[100] = -1;
    numbers[RESPONDENTS - cut - 1] = 100;
    expect(first.canAbsorb(second.state(), numbers)).toBe(false);
  });
});
