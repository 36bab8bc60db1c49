// A comment's terms: its words tokenised, stop words dropped, and stemmed (Snowball, through
// @orama/stemmers), so that "jonossa", "jono" and "jonotin" are one term. Pure: no I/O.
import { stemmer as finnishStem } from '@orama/stemmers/finnish';
import { stemmer as englishStem } from '@orama/stemmers/english';
import { ENGLISH_STOP_WORDS, FINNISH_STOP_WORDS } from './stop-words.ts';

/** Runs of letters (with their combining marks), an apostrophe inside a word kept: "don't" is one word. */
const WORD = /[\p{L}\p{M}]+(?:'[\p{L}\p{M}]+)*/gu;

/** Redaction's markers ("[name]", "[email]") are not words the customer wrote. */
const MARKER = /\[[^\]\s]{1,30}\]/g;

/**
 * Finnish Snowball keeps a verb's derivational t: "jonotin" and "jonottaa" stem to "jonot" where
 * "jonossa" and "jono" stem to "jono". After stemming, a final t after a vowel is dropped, so that the
 * noun and the verb made from it group. Applied to every Finnish stem, it also joins a few verbs to
 * others ("toimittaa", deliver, to "toimia", work); a noun in -tus is left whole, as "toimitus"
 * (delivery), customers' most common word about it, would otherwise be counted as "toimi".
 */
const FINNISH_DERIVATION = /([aeiouyäö])t$/;

export function finnishTerm(word: string): string {
  const stem = finnishStem(word);
  return stem.length > 3 ? stem.replace(FINNISH_DERIVATION, '$1') : stem;
}

/**
 * A comment's language, decided cheaply: Finnish when a word has ä or ö; else by which list's stop
 * words it has more of (Finnish on a tie); without any, Finnish when most of its words end in a vowel
 * (most Finnish words do, few English ones). A comment is stemmed in one language.
 */
function isFinnish(words: string[]): boolean {
  let finnish = 0;
  let english = 0;
  for (const w of words) {
    if (/[äö]/.test(w)) return true;
    if (FINNISH_STOP_WORDS.has(w)) finnish++;
    else if (ENGLISH_STOP_WORDS.has(w)) english++;
  }
  if (finnish + english > 0) return finnish >= english;
  return 2 * words.filter((w) => /[aeiouy]$/.test(w)).length > words.length;
}

/**
 * The distinct terms of a comment, each with the first form it was written in (lower case): text
 * read as NFKC, lower-cased, cut into words of two letters or more, stop words and redaction markers
 * left out. A short comment seen before is not read again (REMEMBERED_COMMENTS).
 */
export function commentTerms(text: string): ReadonlyMap<string, string> {
  const remembered = REMEMBERED_COMMENTS.get(text);
  if (remembered) return remembered;
  const terms = termsOf(text);
  if (text.length <= MAX_REMEMBERED_CHARS && REMEMBERED_COMMENTS.size < MAX_REMEMBERED_COMMENTS) REMEMBERED_COMMENTS.set(text, terms);
  return terms;
}

/**
 * Short comments recur ("Hyvä palvelu", "Kaikki ok", "Too slow"): their terms are remembered, at most
 * this many of at most this length (about 2 MB). Reading a comment was most of the themes' cost.
 */
const MAX_REMEMBERED_COMMENTS = 10_000;
const MAX_REMEMBERED_CHARS = 120;
const REMEMBERED_COMMENTS = new Map<string, ReadonlyMap<string, string>>();

function termsOf(text: string): ReadonlyMap<string, string> {
  const words = (text.normalize('NFKC').toLowerCase().replace(/’/g, "'").replace(MARKER, ' ').match(WORD) ?? []).filter(longerThanOneLetter);
  const finnish = isFinnish(words);
  const stop = finnish ? FINNISH_STOP_WORDS : ENGLISH_STOP_WORDS;
  const stems = finnish ? FINNISH_STEMS : ENGLISH_STEMS;
  const terms = new Map<string, string>();
  for (const word of words) {
    if (stop.has(word)) continue;
    let term = stems.get(word);
    if (term === undefined) {
      term = finnish ? finnishTerm(word) : englishStem(word);
      if (stems.size < MAX_REMEMBERED_STEMS) stems.set(word, term);
    }
    if (term.length > 1 && !terms.has(term)) terms.set(term, word);
  }
  return terms;
}

/** Two letters or more (a letter outside the BMP is two UTF-16 units). */
const longerThanOneLetter = (w: string) => w.length > 2 || (w.length === 2 && w.codePointAt(0)! <= 0xffff);

/**
 * Stems already found, per language: a file's comments repeat a few thousand words, and stemming was a
 * tenth of a read's time (the stemmers are pure, so remembering changes no result). Bounded: beyond
 * this, words are stemmed each time.
 */
const MAX_REMEMBERED_STEMS = 50_000;
const FINNISH_STEMS = new Map<string, string>();
const ENGLISH_STEMS = new Map<string, string>();
