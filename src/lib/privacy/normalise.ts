// The text as redaction's detectors read it, as a reader sees it: invisible characters dropped,
// Unicode compatibility forms folded (full-width digits and '＠', thin and no-break spaces), every
// script's digits as ASCII digits.

/** Text that is ASCII and precomposed Latin-1 letters has nothing for normalise to change. */
export const NEEDS_NORMALISING = /[^\x00-\x7F\u00C0-\u00FF]/;
// Unicode's default-ignorable code points (zero-width space, joiners, word joiner, BOM, soft hyphen,
// bidi controls, variation selectors, tags) are invisible: typed inside a number or an address they
// hide it from a pattern. They are kept only after a pictograph, where they join or style an emoji.
// (The lookbehind is slow, so the plain test goes first.)
const HAS_INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;
const INVISIBLE = /(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\u{E0020}-\u{E007F}])\p{Default_Ignorable_Code_Point}/gu;
// Decimal digits of other scripts (Arabic-Indic ٠١٢, Devanagari …; NFKC folds only the full-width and
// mathematical ones). They lie in these blocks, a cheap test before the slow \p{Nd}.
const MAYBE_OTHER_DIGIT = /[\u0660-\u1C59\uA620-\uABF9\uD801-\uD83A]/;
const OTHER_DIGIT = /(?![0-9])\p{Nd}/gu;
const DECIMAL_DIGIT = /\p{Nd}/u;
/** Combining marks on a digit (a keycap, an underline) would split a number into characters. */
const MARK_ON_DIGIT = /([0-9])[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]+/g;

/** Each script's digits are a run of ten code points from zero (some runs hold several sets of ten). */
function digitValue(digit: string): string {
  const cp = digit.codePointAt(0)!;
  let start = cp;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return String((cp - start) % 10);
}

/**
 * The text as detectors read it: invisible characters removed, NFKC (full-width forms and
 * compatibility spaces folded, decomposed letters composed), every script's digits as ASCII digits.
 */
export function normalise(text: string): string {
  let out = (HAS_INVISIBLE.test(text) ? text.replace(INVISIBLE, '') : text).normalize('NFKC');
  if (MAYBE_OTHER_DIGIT.test(out)) out = out.replace(OTHER_DIGIT, digitValue);
  return out.replace(MARK_ON_DIGIT, '$1');
}
