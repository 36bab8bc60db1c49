import { describe, expect, it } from 'vitest';
import { formatter, translator } from './i18n.ts';
import { themeChanges, themeGroups, themesBrief, themesText } from './themes.ts';
import { boxThemes, pickupThemes } from './analyses.test-helper.ts';

const en = { t: translator('en'), fmt: formatter('en') };
const fi = { t: translator('fi'), fmt: formatter('fi') };

describe('themeGroups', () => {
  it('names the groups after the answers that split them, in English and Finnish', () => {
    expect(themeGroups(en, { kind: 'nps' })).toEqual({ low: 'detractors (0–6)', high: 'promoters (9–10)' });
    expect(themeGroups(fi, { kind: 'nps' })).toEqual({ low: 'arvostelijat (0–6)', high: 'suosittelijat (9–10)' });
    expect(themeGroups(en, { kind: 'box', metric: 'rating', low: [1, 2], high: [4, 5] })).toEqual({ low: '1–2 stars', high: '4–5 stars' });
    expect(themeGroups(fi, { kind: 'box', metric: 'rating', low: [1, 2], high: [9, 10] })).toEqual({ low: '1–2 tähteä', high: '9–10 tähteä' });
    expect(themeGroups(en, { kind: 'box', metric: 'csat', low: [1, 1], high: [5, 5] })).toEqual({ low: 'answers 1', high: 'answers 5' });
    expect(themeGroups(en, { kind: 'yesno' })).toEqual({ low: 'answered no', high: 'answered yes' });
    expect(themeGroups(fi, { kind: 'yesno' })).toEqual({ low: 'vastasi ei', high: 'vastasi kyllä' });
  });
});

describe('themesText', () => {
  it('lists each group’s words with both shares and the example quote, and the counts in the lead', () => {
    const text = themesText(en, pickupThemes(), 5, '2026-q2');
    expect(text.lead).toContain('from 84 and 120 comments');
    expect(text.lead).toContain('at least 5 respondents');
    expect(text.lists.map((l) => l.heading)).toEqual(['Said more by detractors (0–6)', 'Said more by promoters (9–10)']);
    expect(text.key).toBe('Each word: the share of detractors (0–6) vs promoters (9–10) who used it.');
    expect(text.lists[0]!.items[0]).toEqual({ label: 'jonossa', shares: '31% vs 5%', example: 'Jonossa meni puoli tuntia, vaikka tilaus oli maksettu.' });
    expect(text.lists[0]!.items[2]!.example).toBeNull();
    expect(text.lists[1]!.items.map((i) => i.label)).toEqual(['nopeasti', 'ystävällinen']);
  });

  it('shows at most five words a group, the strongest', () => {
    const themes = pickupThemes();
    themes.low = Array.from({ length: 8 }, (_, i) => ({ ...themes.low[0]!, label: `w${i}` }));
    expect(themesText(en, themes, 5, null).lists[0]!.items.map((i) => i.label)).toEqual(['w0', 'w1', 'w2', 'w3', 'w4']);
  });

  it('writes Finnish shares with the Finnish percent', () => {
    const text = themesText(fi, boxThemes(), 5, null);
    expect(text.lists[0]!.items[0]!.shares).toBe('40\u00a0% vs. 8\u00a0%');
    expect(text.key).toBe('Kunkin sanan osuus: kuinka moni ryhmästä 1–2 tähteä vs. ryhmästä 4–5 tähteä käytti sitä.');
  });
});

describe('themesBrief', () => {
  it('names each group once, capitalised, with its three strongest words', () => {
    const themes = pickupThemes();
    themes.high = [...themes.high, { ...themes.high[0]!, label: 'hyvin' }, { ...themes.high[0]!, label: 'kiitos' }];
    expect(themesBrief(en, themes)).toEqual([
      { group: 'low', name: 'Detractors (0–6)', words: 'jonossa, valmis, odottaa' },
      { group: 'high', name: 'Promoters (9–10)', words: 'nopeasti, ystävällinen, hyvin' },
    ]);
  });

  it('says so when no word of a group stands out, in English and Finnish', () => {
    expect(themesBrief(en, boxThemes())[1]).toEqual({ group: 'high', name: '4–5 stars', words: 'no word stands out' });
    expect(themesBrief(fi, boxThemes())).toEqual([
      { group: 'low', name: '1–2 tähteä', words: 'jono' },
      { group: 'high', name: '4–5 tähteä', words: 'mikään sana ei erotu' },
    ]);
  });
});

describe('themeChanges', () => {
  it('says which words rose and fell, with arrows and both shares, as one line', () => {
    expect(themeChanges(en, pickupThemes(), '2026-q2')).toBe('More often than in 2026-q2: jonossa ▲ (12% → 20%); less often: nopeasti ▼ (30% → 18%).');
    expect(themeChanges(en, { rising: [], falling: pickupThemes().falling }, '2026-q2')).toBe('Less often: nopeasti ▼ (30% → 18%).');
  });

  it('is null without changes', () => {
    expect(themeChanges(en, boxThemes(), '2026-q2')).toBeNull();
  });
});
