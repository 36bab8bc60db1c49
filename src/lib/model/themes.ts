// Comment themes of each published touchpoint and journey: the words a snapshot's low scorers use
// more than its high scorers and the reverse, and the words whose share rose or fell since the
// previous snapshot. Only words that privacy.minComments respondents used at one touchpoint are
// counted at all; the statistics are in stats/themes.ts.
import { groupTermsFrom, labelOf, type GroupTerms } from '../stats/term-counts.ts';
import { commentTerms } from '../stats/terms.ts';
import { distinctiveTerms, shareChanges, weightedLogOdds, type TermCorpus, type TermScore } from '../stats/themes.ts';
import type { SnapshotIngest } from '../ingest/ingest.ts';
import type { CommentSample } from '../ingest/types.ts';
import type { SnapshotModel, ThemeBasis, ThemesModel, ThemeTerm } from './model-types.ts';

/** A scope's published counts: per word its respondents in each group, and the words' forms. */
interface ScopeTerms {
  low: GroupTerms;
  high: GroupTerms;
  /** Respondents who used each word: at a touchpoint, both groups'; for a journey, the most at one touchpoint (a lower bound). */
  respondents: Map<string, number>;
}

/** Each journey's and published touchpoint's counts of a snapshot, kept for the next snapshot's changes. */
export type SnapshotTerms = Map<string, { journey: ScopeTerms | null; touchpoints: Map<string, ScopeTerms> }>;

/**
 * A touchpoint's counts without the words fewer than `minComments` respondents used there (low and
 * high together: each respondent rates a touchpoint once). Exact once the snapshot's reads are merged.
 */
export function publishedTerms(terms: { low: GroupTerms; high: GroupTerms }, minComments: number): ScopeTerms {
  const respondents = new Map<string, number>();
  for (const term of new Set([...terms.low.terms.keys(), ...terms.high.terms.keys()])) {
    const n = (terms.low.terms.get(term)?.n ?? 0) + (terms.high.terms.get(term)?.n ?? 0);
    if (n >= minComments) respondents.set(term, n);
  }
  const keep = (g: GroupTerms): GroupTerms => ({ ...g, terms: new Map([...g.terms].filter(([term]) => respondents.has(term))) });
  return { low: keep(terms.low), high: keep(terms.high), respondents };
}

/** A journey's counts: its published touchpoints' added up; a word's respondents the most at one of them. */
function journeyTerms(touchpoints: ScopeTerms[]): ScopeTerms | null {
  if (touchpoints.length === 0) return null;
  const sum = (groups: GroupTerms[]): GroupTerms => {
    const out: GroupTerms = { comments: 0, words: 0, terms: new Map() };
    for (const g of groups) {
      out.comments += g.comments;
      out.words += g.words;
      for (const [term, c] of g.terms) {
        const into = out.terms.get(term) ?? { n: 0, forms: new Map<string, number>() };
        into.n += c.n;
        for (const [form, k] of c.forms) into.forms.set(form, (into.forms.get(form) ?? 0) + k);
        out.terms.set(term, into);
      }
    }
    return out;
  };
  const respondents = new Map<string, number>();
  for (const t of touchpoints) for (const [term, n] of t.respondents) respondents.set(term, Math.max(n, respondents.get(term) ?? 0));
  return { low: sum(touchpoints.map((t) => t.low)), high: sum(touchpoints.map((t) => t.high)), respondents };
}

const counts = (g: GroupTerms) => new Map([...g.terms].map(([term, c]) => [term, c.n]));
const corpus = (g: GroupTerms): TermCorpus => ({ words: g.words, counts: counts(g) });

/**
 * The prior: the journey's words of both groups, its total every word counted, the words pruned as too
 * rare included (a total of the published words alone made each α_w several times too large, and
 * shrank the journey's strongest theme, "jono" on the sample, from z = 3.9 to below 1.96).
 */
function priorOf(journey: ScopeTerms): TermCorpus {
  const all = new Map<string, number>();
  for (const g of [journey.low, journey.high]) for (const [term, c] of g.terms) all.set(term, (all.get(term) ?? 0) + c.n);
  return { words: journey.low.words + journey.high.words, counts: all };
}

/** The first kept comment that uses the word, from the word's group where the samples say it (NPS). */
function exampleOf(term: string, side: 'low' | 'high', samples: CommentSample[]): string | null {
  const group = side === 'low' ? 'detractor' : 'promoter';
  const using = samples.filter((s) => commentTerms(s.text).has(term));
  return (using.find((s) => s.group === group) ?? using.find((s) => s.group === null))?.text ?? null;
}

function themesOf(scope: ScopeTerms, prior: TermCorpus, basis: ThemeBasis, before: ScopeTerms | undefined, samples: CommentSample[]): ThemesModel {
  const { low, high } = scope;
  const term = (side: 'low' | 'high') => (s: TermScore): ThemeTerm => {
    const count = low.terms.get(s.term) ?? high.terms.get(s.term)!;
    return {
      stem: s.term,
      label: labelOf(count),
      z: s.z,
      lowShare: (low.terms.get(s.term)?.n ?? 0) / low.comments,
      highShare: (high.terms.get(s.term)?.n ?? 0) / high.comments,
      respondents: scope.respondents.get(s.term)!,
      example: exampleOf(s.term, side, samples),
    };
  };
  const sides = distinctiveTerms(weightedLogOdds(corpus(low), corpus(high), prior));
  // Shares of the comments of both groups, each comment counted where it was written.
  const shares = (s: ScopeTerms) => ({ comments: s.low.comments + s.high.comments, counts: new Map([...s.respondents.keys()].map((t) => [t, (s.low.terms.get(t)?.n ?? 0) + (s.high.terms.get(t)?.n ?? 0)])) });
  const changes = before ? shareChanges(shares(scope), shares(before)) : { rising: [], falling: [] };
  const change = (c: (typeof changes.rising)[number]) => ({ stem: c.term, label: labelOf(low.terms.get(c.term) ?? high.terms.get(c.term)!), share: c.share, previousShare: c.previousShare, z: c.z });
  return { basis, lowComments: low.comments, highComments: high.comments, low: sides.low.map(term('low')), high: sides.high.map(term('high')), rising: changes.rising.map(change), falling: changes.falling.map(change) };
}

/** Both groups have at least `minComments` comments: no share of a smaller group is published. */
const enough = (s: ScopeTerms | null, minComments: number): s is ScopeTerms => s !== null && s.low.comments >= minComments && s.high.comments >= minComments;

/**
 * Fills the themes of a published snapshot's journeys and touchpoints (null for a suppressed
 * touchpoint, too few comments, or no counts), against the previous snapshot's counts; returns this
 * snapshot's, for the next.
 */
export function addThemes(snapshot: SnapshotModel, ingest: SnapshotIngest, previous: SnapshotTerms | null, minComments: number): SnapshotTerms {
  const out: SnapshotTerms = new Map();
  const themes = ingest.themes;
  if (!themes) return out;
  for (const j of snapshot.journeys) {
    const touchpoints = new Map<string, ScopeTerms>();
    for (const t of j.stages.flatMap((s) => s.touchpoints)) {
      const data = themes.journeys[j.id]?.[t.id];
      if (data && !t.cell.suppressed) touchpoints.set(t.id, publishedTerms({ low: groupTermsFrom(data.low), high: groupTermsFrom(data.high) }, minComments));
    }
    const journey = journeyTerms([...touchpoints.values()]);
    out.set(j.id, { journey, touchpoints });
    if (!enough(journey, minComments)) continue;
    const prior = priorOf(journey);
    const samples = (tp: string) => snapshot.comments[j.id]?.[tp] ?? [];
    // Changes only against a scope whose themes were published then.
    const then = (s: ScopeTerms | null | undefined) => (s && enough(s, minComments) ? s : undefined);
    const before = previous?.get(j.id);
    for (const t of j.stages.flatMap((s) => s.touchpoints)) {
      const scope = touchpoints.get(t.id) ?? null;
      if (enough(scope, minComments)) t.themes = themesOf(scope, prior, themes.basis, then(before?.touchpoints.get(t.id)), samples(t.id));
    }
    j.themes = themesOf(journey, prior, themes.basis, then(before?.journey), [...touchpoints.keys()].flatMap(samples));
  }
  return out;
}
