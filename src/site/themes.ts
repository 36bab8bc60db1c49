// A ThemesModel (src/lib/model/model-types.ts) as the pages write it: the two groups named after the
// answers that split them, each group's words with their shares and example quote, and the words
// that rose or fell since the previous snapshot in one line. Pure: tested without the site's model.
import type { ThemeBasis, ThemeChange, ThemesModel, ThemeTerm } from '../lib/model/model-types.ts';
import type { Formats } from './number-text.ts';
import type { translator } from './i18n.ts';

type Words = { t: ReturnType<typeof translator>; fmt: Formats };
const upperFirst = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** Words shown per group: the strongest; the rest are in open data. */
export const TERMS_SHOWN = 5;

/** The low and high groups as readers know them: "detractors (0–6)", "1–2 stars", "answered no". */
export function themeGroups({ t, fmt }: Words, basis: ThemeBasis): { low: string; high: string } {
  if (basis.kind === 'nps') return { low: t('themeNpsLow'), high: t('themeNpsHigh') };
  if (basis.kind === 'yesno') return { low: t('themeNo'), high: t('themeYes') };
  const range = ([a, b]: [number, number]) => (a === b ? fmt.integer(a) : `${fmt.integer(a)}–${fmt.integer(b)}`);
  const key = basis.metric === 'rating' ? 'themeBoxStars' : 'themeBox';
  return { low: t(key, { range: range(basis.low) }), high: t(key, { range: range(basis.high) }) };
}

export interface ThemeItem {
  label: string;
  /** "32% vs 8%": the low group's share first, as the lists' key (ThemesText.key) says. */
  shares: string;
  example: string | null;
}

export interface ThemeList {
  group: 'low' | 'high';
  /** "Said more by detractors (0–6)". */
  heading: string;
  items: ThemeItem[];
}

/** What a page shows of a model's themes: the lead line, each group's words, and the change line (or null). */
export function themesText(w: Words, themes: ThemesModel, minRespondents: number, previous: string | null) {
  const { t, fmt } = w;
  const groups = themeGroups(w, themes.basis);
  const item = (term: ThemeTerm): ThemeItem => ({
    label: term.label,
    shares: t('themesShares', { low: fmt.percent(term.lowShare), high: fmt.percent(term.highShare) }),
    example: term.example,
  });
  const lists: ThemeList[] = (['low', 'high'] as const).map((group) => ({
    group,
    heading: t('themesMoreBy', { group: groups[group] }),
    items: themes[group].slice(0, TERMS_SHOWN).map(item),
  }));
  return {
    lead: t('themesLead', { low: fmt.integer(themes.lowComments), high: fmt.integer(themes.highComments), min: minRespondents }),
    /** The groups named once for every word's two shares. */
    key: t('themesSharesKey', groups),
    lists,
    changes: themeChanges(w, themes, previous),
  };
}

/** Words per group in the report's one line about its themes; the lists have the rest. */
export const BRIEF_TERMS = 3;

/** The report's brief look at a model's themes: each group, capitalised, with its strongest words ("jonossa, valmis, odottaa"). */
export function themesBrief(w: Words, themes: ThemesModel): { group: 'low' | 'high'; name: string; words: string }[] {
  const groups = themeGroups(w, themes.basis);
  return (['low', 'high'] as const).map((group) => ({
    group,
    name: upperFirst(groups[group]),
    words: themes[group].length ? themes[group].slice(0, BRIEF_TERMS).map((term) => term.label).join(', ') : w.t('themesNoWordBrief'),
  }));
}

/** "more often than in 2026-q2: jono ▲ (12% → 20%); less often: nopea ▼ (30% → 18%)", or null without changes. */
export function themeChanges({ t, fmt }: Words, themes: Pick<ThemesModel, 'rising' | 'falling'>, previous: string | null): string | null {
  const words = (changes: ThemeChange[], arrow: string) => changes.slice(0, TERMS_SHOWN).map((c) => `${c.label} ${arrow} (${fmt.percent(c.previousShare)} → ${fmt.percent(c.share)})`).join(', ');
  const parts = [
    themes.rising.length ? t('themesRising', { previous: previous ?? '', words: words(themes.rising, '▲') }) : '',
    themes.falling.length ? t('themesFalling', { words: words(themes.falling, '▼') }) : '',
  ].filter(Boolean);
  if (!parts.length) return null;
  return `${upperFirst(parts.join('; '))}.`;
}
