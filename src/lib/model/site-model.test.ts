import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../../../test/temp-files.ts';
import { loadConfig } from '../project/config.ts';
import { loadContent } from '../project/content.ts';
import { ingestSnapshot } from '../ingest/ingest.ts';
import { mappingFor } from '../project/mapping.ts';
import { publishedAccount, snapshotJson, touchpointCsv } from './open-data.ts';
import type { FileAccount } from '../ingest/ingest.ts';
import { attackSnapshot, type Count, type PublishedCell } from '../../../test/disclosure-attack.ts';
import { publishedUnmatched, siteModel } from './site-model.ts';
import { orderSnapshots, overlapWarnings } from './snapshot-order.ts';

const tempFile = useTempFiles('polku-model-');

describe('orderSnapshots', () => {
  const s = (id: string, first?: number, last?: number, median?: number) => ({ id, period: first === undefined ? null : { first, last: last!, ...(median === undefined ? {} : { median }) } });

  it('orders by the middle of the period (an aggregate has no median), then by the period and id; undated files last', () => {
    const ordered = orderSnapshots([s('b', 20, 20), s('undated'), s('a', 10, 40), s('c', 10, 20), s('aa', 20, 20)]);
    expect(ordered.map((x) => x.id)).toEqual(['c', 'aa', 'b', 'a', 'undated']);
  });

  it('orders by the median day: one row with a mistyped year does not make the latest snapshot the oldest', () => {
    // 2026-q3 has one row dated 2025-01-05 (day 20093) among rows of July to September 2026.
    const ordered = orderSnapshots([s('2026-q3', 20093, 20726, 20680), s('2025-q4', 20362, 20453, 20410), s('2026-q2', 20544, 20634, 20590)]);
    expect(ordered.map((x) => x.id)).toEqual(['2025-q4', '2026-q2', '2026-q3']);
    const account = (file: string) => ({ file }) as FileAccount;
    const warnings = overlapWarnings(ordered.map((x) => ({ ...x, account: account(`data/snapshots/${x.id}.csv`) })));
    expect(warnings).toEqual([
      'data/snapshots/2026-q2.csv (2026-04-01 to 2026-06-30) and data/snapshots/2026-q3.csv (2025-01-05 to 2026-09-30) cover some of the same days. Snapshots are ordered by the median day of their rows, so the order holds, but a row with a mistyped date stretches a period: check the first and last dates of these files. If one file\'s rows include the other\'s (a cumulative export), do not publish both: their difference gives away the few rows between them, which no suppression of either can see.',
    ]);
  });
});

describe('siteModel: headers neither mapped nor ignored', () => {
  const root = join(import.meta.dirname, '../../..');
  const config = loadConfig(root, {});
  const content = loadContent(config.content, root);
  const model = async (header: string) => {
    const path = tempFile('unmapped.csv', `response_id,journey,touchpoint,nps,${header}\nR1,washing-machine,search-ad,9,x\n`);
    const ingest = await ingestSnapshot({ path, file: 'data/snapshots/unmapped.csv', id: 'unmapped', mapping: mappingFor({}, 'unmapped', 'mapping'), scales: config.scales, stageOf: content.stageOf });
    return siteModel([ingest], content, config);
  };

  it('warns naming the column and the field it resembles, and how to account for it', async () => {
    expect((await model('emotio')).warnings).toContain('data/snapshots/unmapped.csv: column "emotio" is not mapped; did you mean "emotion"? Map it, or list it under "ignore" in data/mapping.jsonc.');
  });

  it('lists several in one warning, personal data in a header redacted', async () => {
    expect((await model('Comments,matti.virtanen@example.com')).warnings).toContain('data/snapshots/unmapped.csv: 2 columns are not mapped: "Comments" (did you mean "comment"?), "[email]". Map them, or list them under "ignore" in data/mapping.jsonc.');
  });

  it('publishes a header with personal data only redacted: in the account the data-quality page and open data show', async () => {
    const m = await model('matti.virtanen@example.com');
    expect(m.snapshots[0]!.account.unmapped).toEqual([{ column: '[email]', suggestion: null }]);
    expect(snapshotJson(m, m.snapshots[0]!)).not.toContain('virtanen');
  });
});

describe('siteModel: ids that no content defines', () => {
  const root = join(import.meta.dirname, '../../..');
  const config = loadConfig(root, {});
  const content = loadContent(config.content, root);
  it('lists them for the data-quality page with personal data redacted', async () => {
    const path = tempFile('unmatched.csv', 'response_id,journey,touchpoint,nps\nR1,washing-machine,matti.virtanen@example.com,9\nR2,washing-machine,search-ad,7\n');
    const ingest = await ingestSnapshot({ path, file: 'unmatched.csv', id: 'unmatched', mapping: mappingFor({}, 'unmatched', 'mapping'), scales: config.scales, stageOf: content.stageOf });
    const model = siteModel([ingest], content, config);
    expect(model.snapshots[0]!.unmatched).toEqual([{ journey: 'washing-machine', touchpoint: '[email]', ratings: 1 }]);
    expect(model.warnings.join('\n')).toContain('washing-machine/[email] (fewer than 10 ratings)');
    expect(publishedUnmatched(model.snapshots[0]!, config.privacy)).toEqual([{ journey: 'washing-machine', touchpoint: '[email]', ratings: null }]);
    expect(publishedUnmatched({ unmatched: [{ journey: 'j', touchpoint: 'a', ratings: 9 }, { journey: 'j', touchpoint: 'b', ratings: 10 }] }, { minRespondents: 10 }).map((u) => u.ratings)).toEqual([null, 10]);
    expect(JSON.stringify(model)).not.toContain('virtanen');
  });

  it('lists ids that redaction makes the same once, with their ratings together', async () => {
    const path = tempFile('unmatched-twice.csv', 'response_id,journey,touchpoint,nps\nR1,washing-machine,matti@example.com,9\nR2,washing-machine,liisa@example.com,7\nR3,washing-machine,040 123 4567,7\n');
    const ingest = await ingestSnapshot({ path, file: 'unmatched-twice.csv', id: 'unmatched-twice', mapping: mappingFor({}, 'unmatched-twice', 'mapping'), scales: config.scales, stageOf: content.stageOf });
    expect(siteModel([ingest], content, config).snapshots[0]!.unmatched).toEqual([
      { journey: 'washing-machine', touchpoint: '[phone]', ratings: 1 },
      { journey: 'washing-machine', touchpoint: '[email]', ratings: 2 },
    ]);
  });
});

describe("open data: the file's counts of a snapshot whose total is hidden", () => {
  const root = join(import.meta.dirname, '../../..');
  const config = loadConfig(root, {});
  const content = loadContent(config.content, root);
  // Excel in Finnish (semicolons, CRLF, decimal comma): 11 ratings, web 7 and phone 4, and 2 rows
  // rejected. Every cell is hidden; the file's 11 ratings less the web's 7 would give the phone's 4.
  const csv = (rows: number) => [
    'response_id;journey;touchpoint;channel;nps;emotion',
    ...Array.from({ length: rows }, (_, i) => `R${i};washing-machine;search-ad;${i < 7 ? 'web' : 'phone'};${i % 11};1,5`),
    'X1;washing-machine;search-ad;web;11;0',
    'X2;washing-machine;search-ad;web;abc;0',
  ].join('\r\n') + '\r\n';
  const modelOf = async (rows: number) => {
    const path = tempFile(`small-${rows}.csv`, csv(rows));
    const ingest = await ingestSnapshot({ path, file: `small-${rows}.csv`, id: 'small', mapping: mappingFor({}, 'small', 'mapping'), scales: config.scales, stageOf: content.stageOf });
    return siteModel([ingest], content, config);
  };

  it('publishes them as null, with the reasons but not their counts', async () => {
    const model = await modelOf(11);
    const snapshot = model.snapshots[0]!;
    expect(snapshot.total.suppressed).toBe(true);
    expect(snapshot.account).toMatchObject({ rowsRead: 13, accepted: 11, rejected: 2, ratings: 11, lines: 14, blankLines: 0 }); // the terminal report keeps them
    const { source } = JSON.parse(snapshotJson(model, snapshot));
    expect(source).toMatchObject({ file: 'small-11.csv', layout: 'long', rowsRead: null, accepted: null, rejected: null, ratings: null, lines: null, blankLines: null });
    expect(source.rejectedByReason).toEqual({ 'nps out of range': null, 'nps not a number': null });
    expect(Object.keys(source).sort()).toEqual(Object.keys(publishedAccount({ ...snapshot, total: { ...snapshot.total, suppressed: false } })).sort()); // the same shape
    expect(JSON.stringify(source)).not.toMatch(/:(11|13|14|2)\b/);
  });

  it('publishes them when the total is published', async () => {
    const model = await modelOf(30);
    const { source } = JSON.parse(snapshotJson(model, model.snapshots[0]!));
    expect(source).toMatchObject({ rowsRead: 32, accepted: 30, rejected: 2, ratings: 30, lines: 33, blankLines: 0, rejectedByReason: { 'nps out of range': 1, 'nps not a number': 1 } });
  });
});

describe('siteModel: secondary suppression across touchpoints', () => {
  it("hides a second touchpoint's channel when one is hidden, so the journey's channel less the other does not give it away", async () => {
    // A hostile-input test's case: search-ad phone 3 (hidden), product-page phone 12; the journey's
    // phone cell less product-page's phone gave the 3 answers.
    const rows: string[] = [];
    const add = (tp: string, channel: string, n: number) => {
      for (let i = 0; i < n; i++) rows.push(`${tp}-${channel}-${i},washing-machine,${tp},${channel},0`);
    };
    add('search-ad', 'web', 20);
    add('search-ad', 'phone', 3);
    add('product-page', 'web', 20);
    add('product-page', 'phone', 12);
    const root = join(import.meta.dirname, '../../..');
    const config = loadConfig(root, {});
    const content = loadContent(config.content, root);
    const path = tempFile('differencing.csv', `response_id,journey,touchpoint,channel,nps\n${rows.join('\n')}\n`);
    const ingest = await ingestSnapshot({ path, file: 'differencing.csv', id: 'differencing', mapping: mappingFor({}, 'differencing', 'mapping'), scales: config.scales, stageOf: content.stageOf });
    const journey = siteModel([ingest], content, config).snapshots[0]!.journeys.find((j) => j.id === 'washing-machine')!;
    const touchpoint = (id: string) => journey.stages.flatMap((s) => s.touchpoints).find((t) => t.id === id)!;
    // product-page's phone is labelled as hidden to protect another, so known to be at least 10: the
    // journey's phone (15) less it would give search-ad's as at most 5, so the audit hides it too.
    expect(journey.channels['phone']).toMatchObject({ suppressed: true, suppressedFor: 'protection' });
    expect(touchpoint('search-ad').channels['phone']!.suppressed).toBe(true);
    expect(touchpoint('product-page').channels['phone']!.suppressed).toBe(true);
    expect(touchpoint('product-page').channels['phone']!.stats).toBeNull();
  });
});

describe('siteModel: the disclosure audit', () => {
  it('publishes no touchpoint × channel table from which a small hidden cell comes back to within fewer ratings than the minimum group', async () => {
    // Small cells that the one-group-at-a-time rules left with published sums around them from which
    // the cell of 31 (search-ad × store) comes back to within fewer than 10 ratings (found by a random
    // search of 5 × 4 tables against those rules).
    const touchpoints = ['search-ad', 'product-page', 'express-order', 'delivery-booking', 'courier-delivery'];
    const channels = ['web', 'phone', 'store', 'chat'];
    const counts = [
      [48, 49, 31, 1],
      [11, 29, 38, 1],
      [7, 39, 30, 14],
      [48, 15, 2, 1],
      [2, 9, 27, 41],
    ];
    const rows: string[] = [];
    counts.forEach((row, t) => row.forEach((n, c) => {
      for (let i = 0; i < n; i++) rows.push(`${touchpoints[t]}-${channels[c]}-${i},washing-machine,${touchpoints[t]},${channels[c]},${i % 11}`);
    }));
    const root = join(import.meta.dirname, '../../..');
    const config = loadConfig(root, {});
    const content = loadContent(config.content, root);
    const path = tempFile('bridge.csv', `response_id,journey,touchpoint,channel,nps\n${rows.join('\n')}\n`);
    const ingest = await ingestSnapshot({ path, file: 'bridge.csv', id: 'bridge', mapping: mappingFor({}, 'bridge', 'mapping'), scales: config.scales, stageOf: content.stageOf });
    const model = siteModel([ingest], content, config);
    const published = JSON.parse(snapshotJson(model, model.snapshots[0]!));
    const truth = new Map<string, number>(touchpoints.flatMap((tp, t) => channels.map((ch, c) => [`washing-machine/${tp}/channel:${ch}`, counts[t]![c]!] as const)));
    const exposures = attackSnapshot(published).filter((e) => truth.has(e.path));
    expect(exposures.map((e) => e.path)).toContain('washing-machine/search-ad/channel:store');
    for (const { path: cell, low, high } of exposures) {
      if (truth.get(cell)! >= config.privacy.minRespondents) continue; // hidden to protect another: large enough to publish
      expect(high - low, `${cell}: ${truth.get(cell)} ratings, feasible ${low}…${high}`).toBeGreaterThanOrEqual(config.privacy.minRespondents);
    }
    expect(model.snapshots[0]!.suppression.audit).toBeGreaterThan(0);
  });

  it("publishes no count of a small hidden group's answers that the sums give back, for every score value", async () => {
    // A hostile review's case: search-ad's 3 phone respondents all gave NPS 0. Their touchpoint's total
    // (3 zeros) less the web cell (none), with the journey's store channel (no zeros at all), gave the
    // three zeros back exactly, though the group's size stayed uncertain.
    const rows: string[] = [];
    let id = 0;
    const add = (tp: string, channel: string, n: number, nps: number, csat: number) => {
      for (let i = 0; i < n; i++) rows.push(`r${id++},washing-machine,${tp},${channel},${nps},${csat}`);
    };
    add('search-ad', 'web', 20, 9, 4);
    add('search-ad', 'phone', 3, 0, 1);
    add('search-ad', 'store', 12, 9, 5);
    add('product-page', 'web', 30, 9, 4);
    add('product-page', 'phone', 15, 8, 4);
    add('product-page', 'store', 15, 8, 4);
    const root = join(import.meta.dirname, '../../..');
    const config = loadConfig(root, {});
    const content = loadContent(config.content, root);
    const path = tempFile('bins.csv', `response_id,journey,touchpoint,channel,nps,csat\n${rows.join('\n')}\n`);
    const ingest = await ingestSnapshot({ path, file: 'bins.csv', id: 'bins', mapping: mappingFor({}, 'bins', 'mapping'), scales: config.scales, stageOf: content.stageOf });
    const model = siteModel([ingest], content, config);
    const published = JSON.parse(snapshotJson(model, model.snapshots[0]!));
    const journey = published.journeys.find((j: { id: string }) => j.id === 'washing-machine');
    const searchAd = journey.stages.flatMap((s: any) => s.touchpoints).find((t: any) => t.id === 'search-ad');
    expect(searchAd.cell.suppressed).toBe(false);
    expect(searchAd.channels.phone.suppressed).toBe(true);
    const counts: [string, Count][] = [['ratings', (c) => c.ratings!]];
    for (const metric of ['nps', 'csat']) {
      counts.push([`${metric} answers`, (c) => c.stats!.scores[metric]!.n]);
      searchAd.cell.stats.scores[metric].bins.forEach((_: number, b: number) => counts.push([`${metric} bin ${b}`, (c) => c.stats!.scores[metric]!.bins[b]!]));
    }
    for (const [name, count] of counts) {
      const phone = attackSnapshot(published, count).find((e) => e.path === 'washing-machine/search-ad/channel:phone')!;
      // The most the three could share with other hidden cells: the count in a published total that holds them.
      const totals = [searchAd.cell, journey.channels.phone].filter((c: PublishedCell) => !c.suppressed).map(count);
      const needed = Math.min(config.privacy.minRespondents, ...totals);
      expect(phone.high - phone.low, `${name}: feasible ${phone.low}…${phone.high}, needed ${needed}`).toBeGreaterThanOrEqual(needed);
    }
  });
});

describe('siteModel: channel and segment names that hold personal data', () => {
  const root = join(import.meta.dirname, '../../..');
  const config = loadConfig(root, {});
  const content = loadContent(config.content, root);
  // Excel in Finnish: semicolons, CRLF; 12 respondents on the web and 12 whose "channel" is a phone
  // number typed as free text, in two ways.
  const rows = ['response_id;journey;touchpoint;channel;segment;nps'];
  for (let i = 0; i < 12; i++) rows.push(`W${i};washing-machine;search-ad;web;uusi;9`);
  for (let i = 0; i < 12; i++) rows.push(`P${i};washing-machine;search-ad;${i % 2 ? '040/1234512' : '(+358) 40 123 4512'};uusi;${i % 11}`);
  const file = 'phone-as-channel.csv';
  const read = (redact?: (text: string) => string) =>
    ingestSnapshot({ path: tempFile(file, rows.join('\r\n') + '\r\n'), file, id: 'phone-as-channel', mapping: mappingFor({}, 'phone-as-channel', 'mapping'), scales: config.scales, stageOf: content.stageOf, ...(redact ? { redact } : {}) });
  const published = (model: ReturnType<typeof siteModel>) => [JSON.stringify(model), ...model.snapshots.map((s) => snapshotJson(model, s) + touchpointCsv(s))].join('\n');

  it('do not reach the model or open data: redacted at ingest, the two spellings one key', async () => {
    const model = siteModel([await read()], content, config);
    const journey = model.snapshots[0]!.journeys.find((j) => j.id === 'washing-machine')!;
    expect(Object.keys(journey.channels)).toEqual(['[phone]', 'web']);
    expect(journey.channels['[phone]']!.respondents).toBe(12);
    expect(published(model)).not.toMatch(/1234512|123 4512/);
  });

  it('read without redaction (an aggregate or a cache from an older redactor) are published only as a suppressed marker, with a warning that does not repeat them', async () => {
    const model = siteModel([await read((text) => text)], content, config);
    const journey = model.snapshots[0]!.journeys.find((j) => j.id === 'washing-machine')!;
    const searchAd = journey.stages.flatMap((s) => s.touchpoints).find((t) => t.id === 'search-ad')!;
    for (const channels of [journey.channels, searchAd.channels]) {
      expect(Object.keys(channels)).toEqual(['[phone]', 'web']);
      expect(channels['[phone]']).toMatchObject({ suppressed: true, respondents: null, figures: null, stats: null });
    }
    expect(published(model)).not.toMatch(/1234512|123 4512/);
    const warning = model.warnings.find((w) => w.startsWith(`${file}: a channel name holds personal data`));
    expect(warning).toBeDefined();
    expect(model.warnings.join('\n')).not.toMatch(/4512/);
  });
});

describe('siteModel: why a cell is hidden', () => {
  it('marks a segment of at least the minimum hidden by secondary suppression as hidden to protect another, not as small', async () => {
    // At search-ad: family 3 (too few), single 101, senior 200. The journey less senior and single
    // would give family away, so single, the smallest published sibling, is hidden too.
    const rows: string[] = [];
    const add = (segment: string, n: number) => {
      for (let i = 0; i < n; i++) rows.push(`${segment}-${i},washing-machine,search-ad,${segment},7`);
    };
    add('family', 3);
    add('single', 101);
    add('senior', 200);
    const root = join(import.meta.dirname, '../../..');
    const config = loadConfig(root, {});
    const content = loadContent(config.content, root);
    const path = tempFile('reasons.csv', `response_id,journey,touchpoint,segment,nps\n${rows.join('\n')}\n`);
    const ingest = await ingestSnapshot({ path, file: 'reasons.csv', id: 'reasons', mapping: mappingFor({}, 'reasons', 'mapping'), scales: config.scales, stageOf: content.stageOf });
    const snapshot = siteModel([ingest], content, config).snapshots[0]!;
    const journey = snapshot.journeys.find((j) => j.id === 'washing-machine')!;
    expect(journey.segments['single']).toMatchObject({ suppressed: true, suppressedFor: 'protection', respondents: null });
    expect(journey.segments['family']).toMatchObject({ suppressed: true, suppressedFor: 'fewRespondents' });
    expect(journey.segments['senior']).toMatchObject({ suppressed: false });
    expect(journey.segments['senior']!.suppressedFor).toBeUndefined();
    // A journey nobody rated is published as having no feedback.
    expect(snapshot.journeys.find((j) => j.id !== 'washing-machine')!.cell).toMatchObject({ suppressed: true, suppressedFor: 'noData' });
  });
});
