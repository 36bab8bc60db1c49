// A small cell whose every figure is worked out by hand in measures.test.ts, for the tests of the
// modules that list the registry's measures.
import { addRating, cellFromSums, emptySums, sumsLayout, type CellStats, type RatingScores } from './aggregate.ts';
import { DEFAULT_SCALES } from './metrics.ts';

/** Four respondents, one touchpoint rating each; only the first two gave emotion and expectation, the first three agreement. */
export function fourRespondents(): CellStats {
  const rows: RatingScores[] = [
    { nps: 10, csat: 5, ces: 7, emotion: 2, expectation: 1, agreement: 5, rating: 5, yesno: 1 },
    { nps: 9, csat: 4, ces: 5, emotion: -1, expectation: 0, agreement: 4, rating: 5, yesno: 1 },
    { nps: 8, csat: 2, ces: 6, emotion: null, expectation: null, agreement: 3, rating: 4, yesno: 0 },
    { nps: 0, csat: 1, ces: 1, emotion: null, expectation: null, agreement: null, rating: 2, yesno: 1 },
  ];
  const layout = sumsLayout(DEFAULT_SCALES);
  const sums = emptySums(layout);
  for (const r of rows) addRating(sums, layout, r, false);
  return { ...cellFromSums(sums, layout), respondents: 4 };
}
