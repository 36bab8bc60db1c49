import { describe, expect, it } from 'vitest';
import { addRating, cellFromSums, emptyCell, emptySums, mergeCell, npsGroup, sumsLayout, type CellStats, type RatingScores } from './aggregate.ts';
import { DEFAULT_SCALES, type Scales } from './metrics.ts';

const S = DEFAULT_SCALES;
type Score = number | null;
const rating = (nps: Score, csat: Score, ces: Score, emotion: Score, expectation: Score, agreement: Score = null, ratingScore: Score = null, yesno: Score = null): RatingScores =>
  ({ nps, csat, ces, emotion, expectation, agreement, rating: ratingScore, yesno });

/** `counted: false` adds every rating to the sums, as for scales too wide to count. */
function cellOf(ratings: [RatingScores, boolean][], scales: Scales = S, { counted = true } = {}): CellStats {
  const layout = counted ? sumsLayout(scales) : { ...sumsLayout(scales), tally: null };
  const sums = emptySums(layout);
  for (const [r, comment] of ratings) addRating(sums, layout, r, comment);
  const cell = cellFromSums(sums, layout);
  cell.respondents = ratings.length;
  return cell;
}

// Twelve ratings, some with missing scores, fractional emotions and comments.
const RATINGS: [RatingScores, boolean][] = [
  [rating(10, 5, 7, 3, 2), true],
  [rating(9, 4, 6, 1.5, 1), false],
  [rating(8, 4, 5, 0.5, 0), false],
  [rating(7, 3, 4, 0, 1), true],
  [rating(6, 3, 4, -1, 0), false],
  [rating(3, 2, 2, -2.5, -1), true],
  [rating(0, 1, 1, -3, -3), false],
  [rating(null, 5, 7, 2, null), false],
  [rating(9, null, null, null, null), true],
  [rating(null, null, null, -0.5, 0.5), false],
  [rating(5, 2, 3, null, 1), false],
  [rating(10, 5, 6, 2.5, 3), true],
  [rating(null, null, null, null, null, 5, 4, 1), false],
  [rating(null, null, null, null, null, 2, 1, 0), true],
];

describe('emptyCell', () => {
  it('has a bin per whole score of each scale', () => {
    const cell = emptyCell(S);
    expect(cell.scores.nps.bins).toHaveLength(11);
    expect(cell.scores.csat.bins).toHaveLength(5);
    expect(cell.scores.ces.bins).toHaveLength(7);
    expect(cell.scores.emotion.bins).toHaveLength(7);
    expect(cell.scores.expectation.bins).toHaveLength(7);
    expect(cell.scores.agreement.bins).toHaveLength(5);
    expect(cell.scores.rating.bins).toHaveLength(5);
    expect(cell.scores.yesno.bins).toHaveLength(2);
    expect(cell.respondents + cell.ratings + cell.comments + cell.gap.n + cell.emotionNps.n).toBe(0);
  });
});

describe('npsGroup', () => {
  it('0–6 detractors, 7–8 passives, 9–10 promoters', () => {
    expect([0, 3, 6, 7, 8, 9, 10].map(npsGroup)).toEqual(['detractor', 'detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
  });
});

describe('addRating', () => {
  const cell = cellOf(RATINGS);

  it('counts ratings and comments', () => {
    expect(cell.ratings).toBe(14);
    expect(cell.comments).toBe(6);
  });

  it('bins each score from the scale minimum; fractions go to the nearest bin, halves away from zero', () => {
    // NPS 10, 9, 8, 7, 6, 3, 0, 9, 5, 10
    expect(cell.scores.nps.bins).toEqual([1, 0, 0, 1, 0, 1, 1, 1, 1, 2, 2]);
    expect(cell.scores.nps).toMatchObject({ n: 10, sum: 67, sumSq: 100 + 81 + 64 + 49 + 36 + 9 + 0 + 81 + 25 + 100 });
    // CSAT 5, 4, 4, 3, 3, 2, 1, 5, 2, 5 on 1–5
    expect(cell.scores.csat.bins).toEqual([1, 2, 2, 2, 3]);
    // Emotion 3, 1.5→2, 0.5→1, 0, −1, −2.5→−3, −3, 2, −0.5→−1, 2.5→3: symmetric around 0
    expect(cell.scores.emotion.bins).toEqual([2, 0, 2, 1, 1, 2, 2]);
    expect(cell.scores.emotion).toMatchObject({ n: 10, sum: 2.5 });
    // Agreement 5, 2; rating 4, 1; yes, no
    expect(cell.scores.agreement).toEqual({ n: 2, sum: 7, sumSq: 29, bins: [0, 1, 0, 0, 1] });
    expect(cell.scores.rating).toEqual({ n: 2, sum: 5, sumSq: 17, bins: [1, 0, 0, 1, 0] });
    expect(cell.scores.yesno).toEqual({ n: 2, sum: 1, sumSq: 1, bins: [1, 1] });
  });

  it('gap is emotion − expectation over ratings with both', () => {
    // (3−2) (1.5−1) (0.5−0) (0−1) (−1−0) (−2.5+1) (−3+3) (−0.5−0.5) (2.5−3)
    const gaps = [1, 0.5, 0.5, -1, -1, -1.5, 0, -1, -0.5];
    expect(cell.gap).toEqual({ n: 9, sum: -3, sumSq: gaps.reduce((a, x) => a + x * x, 0) });
  });

  it('emotion by NPS group and the emotion–NPS pair sums', () => {
    expect(cell.emotionByNpsGroup).toEqual({
      detractor: { n: 3, sum: -6.5, sumSq: 1 + 6.25 + 9 }, // NPS 6, 3, 0
      passive: { n: 2, sum: 0.5, sumSq: 0.25 }, // NPS 8, 7
      promoter: { n: 3, sum: 7, sumSq: 9 + 2.25 + 6.25 }, // NPS 10, 9, 10
    });
    expect(cell.emotionNps).toEqual({
      n: 8,
      sumX: 1,
      sumY: 53,
      sumXX: 9 + 2.25 + 0.25 + 0 + 1 + 6.25 + 9 + 6.25,
      sumYY: 100 + 81 + 64 + 49 + 36 + 9 + 0 + 100,
      sumXY: 30 + 13.5 + 4 + 0 - 6 - 7.5 + 0 + 25,
    });
  });

  it('uses the configured scale minimum for the bin index', () => {
    const scales: Scales = { ...S, csat: { min: 1, max: 7, integer: true }, ces: { min: 0, max: 4, integer: true } };
    const c = cellOf([[rating(null, 7, 0, null, null), false]], scales);
    expect(c.scores.csat.bins).toEqual([0, 0, 0, 0, 0, 0, 1]);
    expect(c.scores.ces.bins).toEqual([1, 0, 0, 0, 0]);
  });
});

describe('addRating: whole-number ratings counted, then summed once', () => {
  // A seeded generator (mulberry32): the same ratings on every run.
  function random(seed: number): () => number {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const draw = (next: () => number, scales: Scales, halves: boolean): [RatingScores, boolean][] =>
    Array.from({ length: 2000 }, () => {
      const score = (m: keyof Scales) => {
        if (next() < 0.15) return null;
        const { min, max } = scales[m];
        const whole = min + Math.floor(next() * (max - min + 1));
        return halves && !scales[m].integer && next() < 0.3 && whole < max ? whole + 0.5 : whole;
      };
      return [rating(score('nps'), score('csat'), score('ces'), score('emotion'), score('expectation'), score('agreement'), score('rating'), score('yesno')), next() < 0.2];
    });

  it('gives exactly the sums of adding each rating, whole numbers and halves mixed', () => {
    for (const halves of [false, true]) {
      const ratings = draw(random(halves ? 7 : 8), S, halves);
      expect(cellOf(ratings)).toEqual(cellOf(ratings, S, { counted: false }));
    }
  });

  it('on other scales too, and adds every rating to the sums when the scales are too wide to count', () => {
    const wide: Scales = { ...S, csat: { min: 0, max: 10, integer: true }, emotion: { min: -50, max: 50, integer: false }, expectation: { min: -50, max: 50, integer: false } };
    expect(sumsLayout(wide).tally).toBeNull();
    const shifted: Scales = { ...S, ces: { min: 0, max: 4, integer: true }, emotion: { min: -5, max: 5, integer: false } };
    expect(sumsLayout(shifted).tally).not.toBeNull();
    for (const scales of [wide, shifted]) {
      const ratings = draw(random(9), scales, true);
      const cell = cellOf(ratings, scales);
      expect(cell).toEqual(cellOf(ratings, scales, { counted: false }));
      expect(cell.scores.emotion.n).toBe(ratings.filter(([r]) => r.emotion !== null).length);
    }
  });
});

describe('mergeCell', () => {
  it('merging two cells equals adding all ratings to one', () => {
    for (const cut of [0, 1, 5, 11, 12, 13, 14]) {
      const merged = mergeCell(cellOf(RATINGS.slice(0, cut)), cellOf(RATINGS.slice(cut)));
      expect(merged).toEqual(cellOf(RATINGS));
    }
  });

  it('is order-independent and returns its first argument', () => {
    const a = cellOf(RATINGS.slice(0, 4));
    const b = cellOf(RATINGS.slice(4));
    const ab = mergeCell(a, b);
    expect(ab).toBe(a);
    expect(mergeCell(cellOf(RATINGS.slice(4)), cellOf(RATINGS.slice(0, 4)))).toEqual(ab);
  });

  it('adds respondents (right for disjoint groups only)', () => {
    expect(mergeCell(cellOf(RATINGS.slice(0, 3)), cellOf(RATINGS.slice(3))).respondents).toBe(14);
  });

  it('refuses cells on different scales', () => {
    const other: Scales = { ...S, csat: { min: 1, max: 7, integer: true } };
    expect(() => mergeCell(emptyCell(S), emptyCell(other))).toThrow('cannot merge csat aggregates on different scales');
  });
});
