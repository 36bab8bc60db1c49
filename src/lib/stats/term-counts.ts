// Term counts of a group of comments (a touchpoint's low or high scorers), mergeable: counted while a
// file is read, added across halves and passes, stored in the snapshot cache.
import { commentTerms } from './terms.ts';

/** A term's comments, and the forms it was written in with their counts (for its label). */
export interface TermCount {
  n: number;
  forms: Map<string, number>;
}

export interface GroupTerms {
  comments: number;
  /** Terms counted, each once per comment, before any cap: the word total of Fightin' Words. */
  words: number;
  terms: Map<string, TermCount>;
}

/** As data (the ingest, the cache): terms sorted, each [term, comments, [form, count][] by count]. */
export interface GroupTermsData {
  comments: number;
  words: number;
  terms: [term: string, n: number, forms: [string, number][]][];
}

/** Forms kept per term: the label is the most common of them; beyond this, a new form is not counted. */
export const FORMS_PER_TERM = 4;

/** The (term, group) entries one read may hold; beyond, new terms are turned away and counted in `dropped`. */
export const MAX_TERM_ENTRIES = 200_000;

/** What a read may still add: entries left, and the term counts turned away. */
export interface TermBudget {
  left: number;
  dropped: number;
}

export const termBudget = (): TermBudget => ({ left: MAX_TERM_ENTRIES, dropped: 0 });
export const emptyGroupTerms = (): GroupTerms => ({ comments: 0, words: 0, terms: new Map() });

/** A term's count in the group, made when the budget allows (else null, the count turned away). */
function countOf(group: GroupTerms, term: string, n: number, budget: TermBudget): TermCount | null {
  let count = group.terms.get(term);
  if (!count) {
    if (budget.left <= 0) return (budget.dropped += n), null;
    budget.left--;
    group.terms.set(term, (count = { n: 0, forms: new Map() }));
  }
  count.n += n;
  return count;
}

function addForm(count: TermCount, form: string, k: number): void {
  const had = count.forms.get(form);
  if (had !== undefined) count.forms.set(form, had + k);
  else if (count.forms.size < FORMS_PER_TERM) count.forms.set(form, k);
}

/** Counts a comment (already redacted): each of its terms once. */
export function addComment(group: GroupTerms, text: string, budget: TermBudget): void {
  const terms = commentTerms(text);
  group.comments++;
  group.words += terms.size;
  // Once per term of every comment of a file: no array made for its one form.
  for (const [term, form] of terms) {
    const count = countOf(group, term, 1, budget);
    if (count) addForm(count, form, 1);
  }
}

/** Adds another read's counts of the same group. */
export function mergeGroupTerms(into: GroupTerms, from: GroupTerms, budget: TermBudget): void {
  into.comments += from.comments;
  into.words += from.words;
  for (const [term, count] of from.terms) {
    const sum = countOf(into, term, count.n, budget);
    if (sum) for (const [form, k] of count.forms) addForm(sum, form, k);
  }
}

const byCount = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

export function groupTermsData(group: GroupTerms): GroupTermsData {
  const terms = [...group.terms].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { comments: group.comments, words: group.words, terms: terms.map(([term, c]) => [term, c.n, [...c.forms].sort(byCount)]) };
}

export function groupTermsFrom(data: GroupTermsData): GroupTerms {
  return { comments: data.comments, words: data.words, terms: new Map(data.terms.map(([term, n, forms]) => [term, { n, forms: new Map(forms) }])) };
}

/** The form a term is shown as: its most common (the first in alphabetical order among equals). */
export function labelOf(count: TermCount): string {
  return [...count.forms].sort(byCount)[0]?.[0] ?? '';
}
