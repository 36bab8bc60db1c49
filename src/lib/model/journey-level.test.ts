// Journey-level questions (an overall NPS and a comment about the whole journey, wide layout): their
// own published cell, in none of the journey's sums, suppressed when small like any other cell.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../../../test/temp-files.ts';
import { JOURNEY_LEVEL, planColumns } from '../ingest/column-plan.ts';
import { ingestSnapshot } from '../ingest/ingest.ts';
import { loadConfig } from '../project/config.ts';
import { loadContent } from '../project/content.ts';
import { mappingFor, type MappingFile } from '../project/mapping.ts';
import { siteModel } from './site-model.ts';

const tempFile = useTempFiles('polku-journey-level-');
const root = join(import.meta.dirname, '../../..');
const config = loadConfig(root, {});
const content = loadContent(config.content, root);

// Excel in Finnish: semicolons, CRLF. 12 respondents rate the search ad 1–5 and the whole journey 0–10.
const OVERALL = [10, 10, 9, 9, 9, 8, 8, 7, 3, 0, 10, 6];
const csv = (respondents: number) =>
  [
    'Vastaaja;Mainos;Suosittelisitko koko kokemusta?;Vapaa palaute',
    ...OVERALL.slice(0, respondents).map((nps, i) => `V${i};${(i % 5) + 1};${nps};${i % 4 === 0 ? 'Hyvä kokemus kaikkiaan, toimitus nopea' : ''}`),
  ].join('\r\n') + '\r\n';

const MAPPING: MappingFile = {
  layout: 'wide',
  columns: { response_id: 'Vastaaja' },
  constants: { journey: 'washing-machine' },
  questions: [
    { touchpoint: 'search-ad', csat: 'Mainos' },
    { level: 'journey', nps: 'Suosittelisitko koko kokemusta?', comment: 'Vapaa palaute' },
  ],
};

async function modelOf(respondents: number, mapping: MappingFile = MAPPING) {
  const path = tempFile(`overall-${respondents}.csv`, csv(respondents));
  const ingest = await ingestSnapshot({ path, file: 'overall.csv', id: 'overall', mapping: mappingFor(mapping, 'overall', 'mapping'), scales: config.scales, stageOf: content.stageOf });
  return siteModel([ingest], content, config).snapshots[0]!;
}
const journeyOf = (s: Awaited<ReturnType<typeof modelOf>>) => s.journeys.find((j) => j.id === 'washing-machine')!;

describe('journey-level questions', () => {
  it("publish the journey's overall cell: NPS 25 ± 46.91 of 12 answers computed by hand", async () => {
    const overall = journeyOf(await modelOf(12)).overall!;
    // 6 promoters (10, 10, 9, 9, 9, 10), 3 detractors (3, 0, 6) of 12: 100 (0.5 − 0.25) ± 100 z √((0.75 − 0.0625) / 12)
    expect(overall).toMatchObject({ respondents: 12, ratings: 12, suppressed: false });
    expect(overall.figures!.nps).toMatchObject({ promoters: 6, detractors: 3, passives: 3, n: 12 });
    expect(overall.figures!.nps!.value).toBeCloseTo(25, 10);
    expect(overall.figures!.nps!.margin).toBeCloseTo(46.9131, 4);
  });

  it("leave the journey's, stages' and touchpoints' figures as they are without them, and are no id that content lacks", async () => {
    const withOverall = await modelOf(12);
    const without = await modelOf(12, { ...MAPPING, questions: [MAPPING.questions![0]!], ignore: ['Suosittelisitko koko kokemusta?', 'Vapaa palaute'] });
    const j = journeyOf(withOverall);
    expect(j.cell).toEqual(journeyOf(without).cell);
    expect(j.stages).toEqual(journeyOf(without).stages);
    expect(withOverall.total).toEqual(without.total);
    expect(j.cell.figures!.nps).toBeNull();
    expect(withOverall.unmatched).toEqual([]);
    expect(journeyOf(without).overall).toBeNull();
  });

  it('of a journey no content defines are listed with its ids, not lost without a word', async () => {
    const s = await modelOf(12, { ...MAPPING, constants: { journey: 'moving-house' } });
    expect(s.unmatched).toContainEqual({ journey: 'moving-house', touchpoint: JOURNEY_LEVEL, ratings: 12 });
  });

  it("keep the journey's comments with the overall cell", async () => {
    const s = await modelOf(12);
    expect(s.comments['washing-machine']?.[JOURNEY_LEVEL]?.map((c) => c.text)).toEqual(Array(3).fill('Hyvä kokemus kaikkiaan, toimitus nopea'));
  });

  it('a small overall cell is suppressed, counted as hidden for its size', async () => {
    const s = await modelOf(6);
    expect(journeyOf(s).overall).toMatchObject({ suppressed: true, suppressedFor: 'fewRespondents', respondents: null, figures: null, stats: null });
    expect(s.suppression.primary).toBeGreaterThanOrEqual(1);
  });

  it('a journey-level question with a touchpoint, or a question with neither, is an error saying which', () => {
    const header = ['Vastaaja', 'Mainos'];
    const plan = (q: NonNullable<MappingFile['questions']>[number]) => () => planColumns(mappingFor({ ...MAPPING, questions: [q] }, 'x', 'mapping'), header, 'x.csv');
    expect(plan({ level: 'journey', touchpoint: 'search-ad', nps: 'Mainos' })).toThrow('question 1 is about the whole journey ("level": "journey") and names touchpoint "search-ad"');
    expect(plan({ nps: 'Mainos' })).toThrow('question 1 names no touchpoint');
  });
});
