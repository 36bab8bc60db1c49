// Text layout without a DOM: SVG text does not wrap, and there is nothing to measure with at
// build time, so widths are estimated from character counts.

/** Average advance of a glyph in mixed text, in ems: wide enough for DejaVu Sans, the sans-serif of Debian's Chromium, where 0.5 let neighbouring labels overlap. */
const AVERAGE_CHAR_EM = 0.6;

/** Bold glyphs are wider: DejaVu Sans Bold's advance is about 12% more than its regular's. */
const BOLD_FACTOR = 1.12;

export function estimateWidth(text: string, fontSize: number, bold = false): number {
  return [...text].length * fontSize * AVERAGE_CHAR_EM * (bold ? BOLD_FACTOR : 1);
}

/** How many characters fit in `width` at `fontSize`. */
export function charsThatFit(width: number, fontSize: number): number {
  return Math.floor(width / (fontSize * AVERAGE_CHAR_EM));
}

/**
 * Greedy word wrap into at most `maxLines` lines of about `maxChars` characters. Words longer than
 * a line (Finnish compounds) are split with a hyphen; text that still does not fit ends in "…".
 * `truncated` tells the caller to keep the full text somewhere (a <title>).
 */
export function wrapText(text: string, maxChars: number, maxLines: number): { lines: string[]; truncated: boolean } {
  const width = Math.max(2, maxChars);
  const words = text.trim().split(/\s+/).filter(Boolean).flatMap((w) => splitLongWord(w, width));
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    // A line ending in a split word's hyphen takes no further words.
    if (last !== undefined && !last.endsWith('-') && [...last].length + 1 + [...word].length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length <= maxLines) return { lines, truncated: false };
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = withEllipsis(kept[maxLines - 1]!.replace(/-$/, ''), width);
  return { lines: kept, truncated: true };
}

/** The text itself when it has at most `maxChars` characters, else its start ending in "…". */
export function truncate(text: string, maxChars: number): string {
  return [...text].length <= maxChars ? text : withEllipsis(text, maxChars);
}

function withEllipsis(text: string, maxChars: number): string {
  const chars = [...text];
  return chars.length < maxChars ? `${text}…` : `${chars.slice(0, Math.max(1, maxChars - 1)).join('').trimEnd()}…`;
}

const VOWEL = /[aeiouyäöå]/i;
const LETTER = /\p{L}/u;

/**
 * Splits a word longer than a line into hyphenated pieces of similar length, breaking before a
 * consonant followed by a vowel where possible (the Finnish syllable rule; it also finds most
 * compound boundaries: "Asiakas-palvelun", "takaisin-soittopyyntö").
 */
function splitLongWord(word: string, width: number): string[] {
  const chars = [...word];
  if (chars.length <= width) return [word];
  const balanced = Math.ceil(chars.length / Math.ceil(chars.length / (width - 1)));
  let cut = width - 1;
  for (let i = 2, best = Infinity; i <= width - 1 && i <= chars.length - 2; i++) {
    const syllable = LETTER.test(chars[i]!) && !VOWEL.test(chars[i]!) && VOWEL.test(chars[i + 1]!);
    if (syllable && Math.abs(i - balanced) < best) [cut, best] = [i, Math.abs(i - balanced)];
  }
  return [`${chars.slice(0, cut).join('')}-`, ...splitLongWord(chars.slice(cut).join(''), width)];
}
