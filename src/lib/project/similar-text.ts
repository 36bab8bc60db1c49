// Headers and answer labels that a person reads as the same text but a computer does not: a
// no-break space or a zero-width character copied from a survey tool, a Cyrillic "о" for a Latin
// "o", a letter missing. Used only on headers, answer tables and values that failed to match (few),
// never on every cell.
import { normalise } from '../privacy/normalise.ts';

/** Printable ASCII: nothing for normalise to change (a header of 200,000 columns is mostly this). */
const PLAIN = /^[\x20-\x7E]*$/;

/** Text as it is compared: NFKC (a no-break space is a space), invisible characters removed, runs of spaces as one. */
export function comparable(text: string): string {
  if (PLAIN.test(text)) return text.includes('  ') ? text.replace(/ +/g, ' ').trim() : text.trim();
  return normalise(text).replace(/\s+/g, ' ').trim();
}

/** Cyrillic and Greek letters drawn like Latin ones. */
const LOOK_ALIKES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
};

const SCRIPT_OF = (c: string) => (/\p{Script=Cyrillic}/u.test(c) ? 'Cyrillic' : 'Greek');

/** What a reader sees: look-alike letters as Latin; case, spaces, hyphens and underscores ignored. */
export function skeleton(text: string): string {
  let out = '';
  for (const c of comparable(text).toLowerCase()) out += LOOK_ALIKES[c] ?? c;
  return out.replace(/[\s_-]+/g, '');
}

/** Levenshtein distance, or `limit + 1` once it is certain to exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]!);
    }
    if (best > limit) return limit + 1;
    previous = row;
  }
  return previous[b.length]!;
}

const MAX_COMPARED = 1000;

/**
 * The candidate a text most likely means: the same skeleton, else at most 2 edits away (1 for names
 * of up to 5 letters, none for 2 or fewer: "nps" is not "ces").
 */
export function closest(text: string, candidates: readonly string[]): string | null {
  const key = skeleton(text);
  if (key === '') return null;
  const limit = Math.min(2, Math.floor(key.length / 3));
  let best: string | null = null;
  let bestDistance = limit + 1;
  let compared = 0;
  for (const candidate of candidates) {
    // Cheap before the skeleton: a header of 200,000 columns is looked through, but only its first few of about this length compared.
    if (Math.abs(candidate.length - text.length) > limit + 8 || compared++ > MAX_COMPARED) continue;
    const distance = editDistance(key, skeleton(candidate), limit);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

const INVISIBLE_NAMES: Record<number, string> = {
  0x00a0: 'a no-break space', 0x202f: 'a narrow no-break space', 0x2007: 'a figure space', 0x200b: 'a zero-width space',
  0x200c: 'a zero-width non-joiner', 0x200d: 'a zero-width joiner', 0x2060: 'a word joiner', 0xfeff: 'a byte-order mark', 0x00ad: 'a soft hyphen',
};

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The characters of `text` a reader cannot tell apart from ordinary ones, named with their place:
 * `a no-break space (U+00A0) after "About"`, `Cyrillic "о" (U+043E) for Latin "o" after "n"`;
 * null when there are none.
 */
export function hiddenCharacters(text: string): string | null {
  const found: string[] = [];
  let before = '';
  for (const c of text) {
    const after = before ? ` after ${JSON.stringify(before.slice(-12))}` : ' at the start';
    const name = INVISIBLE_NAMES[c.codePointAt(0)!] ?? (/[\p{Default_Ignorable_Code_Point}\p{Zs}]/u.test(c) && c !== ' ' ? 'an invisible character' : null);
    if (name) found.push(`${name} (${codePoint(c)})${after}`);
    else if (LOOK_ALIKES[c.toLowerCase()]) found.push(`${SCRIPT_OF(c)} ${JSON.stringify(c)} (${codePoint(c)}) for Latin ${JSON.stringify(LOOK_ALIKES[c.toLowerCase()])}${after}`);
    before += c;
  }
  return found.length ? found.join(', ') : null;
}

/** A header as Polku matches it to a name: compared text, any case, spaces, hyphens and underscores left out ("Response ID" = "response_id"). */
export function headerKey(text: string): string {
  return keyOf(comparable(text));
}

/** The key of text already made comparable. */
export const keyOf = (comparableText: string) => comparableText.toLowerCase().replace(/[\s_-]+/g, '');
