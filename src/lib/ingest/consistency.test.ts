// The invariants every ingest satisfies: fresh reads of the sample data and of messy exports pass,
// and each edit of a number that a read could not have given is named. Expected figures were counted
// by hand from test/fixtures/excel-fi-1252.csv (see ingest.test.ts).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../project/config.ts';
import { loadContent } from '../project/content.ts';
import { checkIngestConsistency } from './consistency.ts';
import { ingestSnapshot, type SnapshotIngest } from './ingest.ts';
import { mappingFor } from '../project/mapping.ts';
import { DEFAULT_SCALES } from '../stats/metrics.ts';
import { ingestAll } from './read-snapshots.ts';

const PROJECT = join(import.meta.dirname, '..', '..', '..');
const FIXTURES = join(PROJECT, 'test/fixtures');

const FINNISH_EXCEL = {
  columns: {
    response_id: 'Vastaustunnus', submitted_at: 'Päivämäärä', journey: 'Polku', touchpoint: 'Kosketuspiste', channel: 'Kanava', segment: 'Asiakasryhmä',
    nps: 'Suositteluhalukkuus', csat: 'Tyytyväisyys', ces: 'Vaivattomuus', emotion: 'Tunne', expectation: 'Odotus', comment: 'Kommentti',
  },
};

function read(name: string, mapping = {}, stageOf = (_j: string, tp: string) => (tp === 'mystery' ? null : 's')): Promise<SnapshotIngest> {
  return ingestSnapshot({ path: join(FIXTURES, name), file: name, id: '2026-q1', mapping: mappingFor(mapping, '2026-q1', 'data/mapping.jsonc'), scales: DEFAULT_SCALES, stageOf });
}

describe('checkIngestConsistency on fresh reads', () => {
  it('passes every snapshot of the sample data', async () => {
    const config = loadConfig(PROJECT, {});
    const ingests = await ingestAll(config, loadContent(config.content, config.root));
    expect(ingests).toHaveLength(4);
    for (const ingest of ingests) expect(checkIngestConsistency(ingest, config.scales)).toBe(null);
  });

  it.each(['excel-fi-1252.csv', 'malformed-rows.csv', 'bom-crlf.csv', 'leading-zeros.csv', 'tab.tsv', 'prototype-names.csv'])('passes %s', async (name) => {
    const ingest = await read(name, name.startsWith('excel-fi') ? FINNISH_EXCEL : {});
    expect(checkIngestConsistency(ingest, DEFAULT_SCALES)).toBe(null);
  });
});

describe('checkIngestConsistency on edited numbers', () => {
  let fresh: SnapshotIngest;
  beforeAll(async () => {
    fresh = await read('excel-fi-1252.csv', FINNISH_EXCEL);
  });
  /** nouto/verkkotilaus: 4 ratings from 4 respondents, NPS 9, 10, 3, 9 (sum 31), emotion 2, 3, −2, 1.5 (sum 4.5). */
  const edited = (edit: (i: SnapshotIngest, tp: SnapshotIngest['journeys'][string]['touchpoints'][string]) => void): string | null => {
    const copy = structuredClone(fresh);
    edit(copy, copy.journeys.nouto!.touchpoints.verkkotilaus!);
    return checkIngestConsistency(copy, DEFAULT_SCALES);
  };

  it('finds nothing in the read itself', () => {
    expect(checkIngestConsistency(fresh, DEFAULT_SCALES)).toBe(null);
    expect(fresh.respondents).toBe(5);
    expect(fresh.journeys.nouto!.touchpoints.verkkotilaus!.all.scores.nps.bins).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 1]);
  });

  it.each<[string, Parameters<typeof edited>[0], string]>([
    // The detractor's answer moved to promoter: NPS −17 would read +50, but the sum still says 3.
    ['a bin moved, the sum left', (_, t) => { t.all.scores.nps.bins[3]!--; t.all.scores.nps.bins[9]!++; }, 'nouto/verkkotilaus: nps sum (from its bins) is 31, outside 37…37'],
    ['more answers than ratings', (_, t) => { t.all.scores.nps.n += 1272; t.all.scores.nps.bins[10]! += 1272; t.all.scores.nps.sum += 12720; t.all.scores.nps.sumSq += 127200; }, 'nouto/verkkotilaus: nps has 1276 answers from 4 ratings'],
    ['bins that do not count n', (_, t) => { t.all.scores.csat.n = 5; t.all.scores.csat.sum += 5; t.all.scores.csat.sumSq += 25; }, 'nouto/verkkotilaus: csat has 5 answers but its bins count 4'],
    ['a fractional sum beyond its bins', (_, t) => { t.all.scores.emotion.sum = 7; }, 'nouto/verkkotilaus: emotion sum (from its bins) is 7, outside 3…6.5'],
    ['squares too small for the sum', (_, t) => { t.all.scores.emotion.sumSq = 5; }, 'nouto/verkkotilaus: emotion sum of squares of 4 answers is 5, outside 5.0625…36'],
    ['a sum outside the scale', (_, t) => { t.all.gap.sum = 100; }, 'nouto/verkkotilaus: gap sum of 4 answers is 100, outside -24…24'],
    ['more respondents than ratings', (_, t) => { t.all.respondents = 376; }, 'nouto/verkkotilaus: 376 respondents gave 4 ratings'],
    ['more comments than ratings', (_, t) => { t.all.comments = 9; }, 'nouto/verkkotilaus: 9 comments on 4 ratings'],
    ['a channel that does not add up', (_, t) => { t.channels.verkko!.ratings++; t.channels.verkko!.respondents++; }, 'nouto/verkkotilaus (by channel): ratings is 4, its parts add up to 5'],
    ['a segment bin that does not add up', (_, t) => { t.segments.uusi!.scores.nps.bins[10]!++; t.segments.uusi!.scores.nps.bins[9]!--; t.segments.uusi!.scores.nps.sum++; t.segments.uusi!.scores.nps.sumSq += 19; }, 'nouto/verkkotilaus (by segment): nps bin 9 is 2, its parts add up to 1'],
    ['a NPS group emotion without its pair', (_, t) => { t.all.emotionByNpsGroup.passive = { n: 1, sum: 1, sumSq: 1 }; }, "nouto/verkkotilaus: emotion of 1 passives, but 0 NPS answers are passives"],
    ['a journey larger than the snapshot', (i) => { i.journeys.nouto!.respondents.all = 6; }, "nouto: 6 respondents, more than the snapshot's 5"],
    ['a stage larger than its journey', (i) => { i.journeys.nouto!.respondents.stages.s = 6; }, "nouto (stage s): 6 respondents, more than the journey's 5"],
    ['more respondents than ratings in all', (i) => { i.respondents = 376; i.journeys.nouto!.respondents.all = 376; }, 'nouto: 376 respondents gave 8 ratings'],
    ['rows that do not balance', (i) => { i.account.accepted = 9; }, 'rows read 10 is not accepted 9 + rejected 2 + empty 0'],
    ['reasons that do not count the rejections', (i) => { i.account.rejectedByReason['date not understood'] = 2; }, '2 rejected rows, but 3 by reason'],
    ['an account of other ratings', (i) => { i.account.ratings = 9; }, "the file's account has 9 ratings, its touchpoints 8"],
    ['more sampled comments than written', (_, t) => { t.all.comments = 0; for (const c of Object.values(t.channels)) c.comments = 0; for (const c of Object.values(t.segments)) c.comments = 0; }, 'nouto/verkkotilaus: 4 comments sampled from 0'],
    ['a period out of order', (i) => { i.period!.median = i.period!.last + 1; }, `the period 20515…20524 (median 20525) is out of order`],
    ['a count that is no count', (_, t) => { t.all.ratings = 4.5; }, 'nouto/verkkotilaus: ratings is 4.5, not a count'],
  ])('names %s', (_, edit, problem) => {
    expect(edited(edit)).toBe(problem);
  });

  it('calls an entry of another shape malformed', () => {
    expect(checkIngestConsistency({ id: '2026-q1' } as SnapshotIngest, DEFAULT_SCALES)).toBe('no account of the file');
    expect(edited((i) => { (i.journeys.nouto as { touchpoints: unknown }).touchpoints = { verkkotilaus: {} }; })).toBe('nouto/verkkotilaus: ratings is undefined, not a count');
    expect(edited((i) => { (i.journeys as unknown as Record<string, object>).nouto = {}; })).toMatch(/^malformed: /);
  });
});
