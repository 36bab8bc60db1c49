// Comment themes in the model: what detractors and promoters say, from every comment, and no word
// that fewer than privacy.minComments respondents used in any output.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../../../test/temp-files.ts';
import { loadConfig } from '../project/config.ts';
import { loadContent } from '../project/content.ts';
import { ingestSnapshot } from '../ingest/ingest.ts';
import { mappingFor } from '../project/mapping.ts';
import { readCachedIngest, writeCachedIngest } from '../ingest/snapshot-cache.ts';
import { snapshotJson } from './open-data.ts';
import { siteModel } from './site-model.ts';
import { publishedTerms } from './themes.ts';
import { groupTermsFrom } from '../stats/term-counts.ts';
import { weightedLogOdds } from '../stats/themes.ts';

const tempFile = useTempFiles('polku-themes-');
const root = join(import.meta.dirname, '../../..');
const config = loadConfig(root, {});
const content = loadContent(config.content, root);

/**
 * An Excel export in Finnish (semicolons, CRLF): 60 detractors write of the queue and the order not
 * ready, 60 promoters of fast and kind service, 30 passives of the weather. Nine detractors (one
 * fewer than minComments) name "Ainomarjatta", whom redaction does not know.
 */
function export_(): string {
  const rows = ['vastaus;matka;kohta;nps;kommentti'];
  for (let r = 0; r < 150; r++) {
    const [nps, text] = r < 60 ? [r % 7, r < 9 ? 'Ainomarjatta jonotti kanssani' : r % 2 ? 'Jonossa meni tunti, tilaus ei ollut valmis' : 'Jonotin pitkään'] : r < 120 ? [9 + (r % 2), r % 2 ? 'Nopea ja ystävällinen palvelu' : 'Nopeasti hoidettu, kiitos'] : [7 + (r % 2), 'Sää oli sateinen'];
    rows.push(`R${r};washing-machine;search-ad;${nps};${text}`);
  }
  return rows.join('\r\n') + '\r\n';
}

const mapping = mappingFor({ columns: { response_id: 'vastaus', journey: 'matka', touchpoint: 'kohta', nps: 'nps', comment: 'kommentti' } }, 'themes', 'mapping');

async function ingest() {
  const path = tempFile('themes.csv', export_());
  return ingestSnapshot({ path, file: 'themes.csv', id: 'themes', mapping, scales: config.scales, stageOf: content.stageOf });
}

const touchpointOf = (model: ReturnType<typeof siteModel>) => model.snapshots[0]!.journeys.find((j) => j.id === 'washing-machine')!.stages.flatMap((s) => s.touchpoints).find((t) => t.id === 'search-ad')!;

describe('comment themes in the model', () => {
  it('finds what detractors say that promoters do not, and the reverse, with a quote', async () => {
    const model = siteModel([await ingest()], content, config);
    const themes = touchpointOf(model).themes!;
    expect(themes.basis).toEqual({ kind: 'nps' });
    expect([themes.lowComments, themes.highComments]).toEqual([60, 60]);
    // "Jonossa" and "Jonotin" in all 60 detractors' comments: one term, the first of their side.
    expect(themes.low[0]).toMatchObject({ stem: 'jono', lowShare: 1, highShare: 0, respondents: 60 });
    expect(themes.low.map((t) => t.stem)).toContain('tilaus');
    expect(themes.high.find((t) => t.stem === 'nope')).toMatchObject({ label: 'nopea', highShare: 0.5, lowShare: 0, respondents: 30 });
    expect(themes.low[0]!.example).toMatch(/jono/i);
    expect(model.snapshots[0]!.journeys.find((j) => j.id === 'washing-machine')!.themes!.low[0]!.stem).toBe('jono');
  });

  it('weighs each word against a prior of every word counted, the rare ones left unpublished included', async () => {
    const read = await ingest();
    const tp = read.themes!.journeys['washing-machine']!['search-ad']!;
    const corpus = (g: typeof tp.low) => ({ words: g.words, counts: new Map(g.terms.map(([t, n]) => [t, n] as const)) });
    const [low, high] = [corpus(tp.low), corpus(tp.high)];
    const terms = new Set([...low.counts.keys(), ...high.counts.keys()]);
    const prior = { words: low.words + high.words, counts: new Map([...terms].map((t) => [t, (low.counts.get(t) ?? 0) + (high.counts.get(t) ?? 0)])) };
    const expected = weightedLogOdds(low, high, prior).find((s) => s.term === 'jono')!.z;
    const model = siteModel([read], content, config);
    expect(touchpointOf(model).themes!.low.find((t) => t.stem === 'jono')!.z).toBeCloseTo(expected, 12);
  });

  it('publishes no word that fewer than minComments respondents used: not in the model, open data, nor a model from the cache', async () => {
    const first = await ingest();
    // The word is counted (redaction does not know it), so only the rule keeps it out.
    expect(first.themes!.journeys['washing-machine']!['search-ad']!.low.terms.find(([t]) => t.startsWith('ainomarja'))?.[1]).toBe(9);
    const dir = mkdtempSync(join(tmpdir(), 'polku-themes-cache-'));
    expect(writeCachedIngest(dir, 'themes', 'k'.repeat(32), first)).toBeNull();
    const cached = readCachedIngest(dir, 'themes', 'k'.repeat(32), config.scales);
    for (const i of [first, 'ingest' in cached! ? cached.ingest : null]) {
      const model = siteModel([i!], content, config);
      expect(touchpointOf(model).themes).not.toBeNull();
      expect(JSON.stringify(model.snapshots[0]!.journeys)).not.toMatch(/ainomarja/i);
      expect(snapshotJson(model, model.snapshots[0]!)).not.toMatch(/ainomarja/i);
    }
    // The rule itself: the word's 9 respondents are one fewer than needed, and enough at 9.
    const counts = groupTermsFrom(first.themes!.journeys['washing-machine']!['search-ad']!.low);
    const empty = { comments: 0, words: 0, terms: new Map() };
    const rare = [...counts.terms.keys()].find((t) => t.startsWith('ainomarja'))!;
    expect(publishedTerms({ low: counts, high: empty }, 10).low.terms.has(rare)).toBe(false);
    expect(publishedTerms({ low: counts, high: empty }, 10).respondents.has(rare)).toBe(false);
    expect(publishedTerms({ low: counts, high: empty }, 9).respondents.get(rare)).toBe(9);
  });

  it('open data has the themes without quotes', async () => {
    const model = siteModel([await ingest()], content, config);
    const json = JSON.parse(snapshotJson(model, model.snapshots[0]!));
    const tp = json.journeys.find((j: { id: string }) => j.id === 'washing-machine').stages.flatMap((s: { touchpoints: unknown[] }) => s.touchpoints).find((t: { id: string }) => t.id === 'search-ad');
    expect(tp.themes.low[0]).toMatchObject({ stem: 'jono', example: null });
    expect(json.minComments).toBe(10);
  });

  it('no themes where a group has fewer than minComments comments, or the touchpoint is suppressed', async () => {
    const few = (n: number) => tempFile(`few-${n}.csv`, ['vastaus;matka;kohta;nps;kommentti', ...Array.from({ length: n }, (_, r) => `R${r};washing-machine;search-ad;${r < 9 ? 2 : 10};${r < 9 ? 'jonotin' : 'nopea palvelu'}`)].join('\r\n') + '\r\n');
    for (const n of [40, 8]) {
      const i = await ingestSnapshot({ path: few(n), file: 'few.csv', id: 'few', mapping, scales: config.scales, stageOf: content.stageOf });
      expect(touchpointOf(siteModel([i], content, config)).themes).toBeNull();
    }
  });
});
