// Three real cases end to end (issue #21), with invented data shaped like the exports: `npm run init`
// (scaffoldExport and writeScaffold, in a new project) gives a mapping that builds and publishes what
// a hand computation from the fixture's rows gives. Every expected figure is computed here from the
// CSV as papaparse reads it, never with Polku's own code. Where init cannot get it right, the test
// makes the one edit a user makes, and says why.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSiteModel } from '../src/lib/model/site-model.ts';
import { loadConfig } from '../src/lib/project/config.ts';
import { readExportSample, scaffoldExport } from '../src/lib/project/scaffold.ts';
import { writeScaffold } from '../src/lib/project/scaffold-files.ts';
import { buildSite } from './build-site.ts';

const CASES = resolve(import.meta.dirname, 'fixtures/exports/cases');
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The fixture's data rows, by header, as papaparse reads them. */
function rowsOf(name: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(join(CASES, `${name}.csv`), 'utf8'), { header: true, skipEmptyLines: true }).data;
}

/** A new project with the export initialised in it, as `npm run init -- <export> --journey <journey>` does. */
async function initialised(name: string, journey: string) {
  const root = mkdtempSync(join(tmpdir(), `polku-case-${name}-`));
  made.push(root);
  const scaffold = scaffoldExport(await readExportSample(join(CASES, `${name}.csv`), `${name}.csv`), { journey });
  writeScaffold(loadConfig(root, {}), scaffold, join(CASES, `${name}.csv`), { snapshotId: name });
  return { root, scaffold };
}

/** The user's edit of data/mapping.jsonc: one key set, its comments kept. */
function editMapping(root: string, path: (string | number)[], value: unknown): void {
  const file = join(root, 'data/mapping.jsonc');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, applyEdits(text, modify(text, path, value, { formattingOptions: { insertSpaces: true, tabSize: 2 } })));
}

const modelOf = (root: string) => buildSiteModel(loadConfig(root, {}));
const touchpointsOf = (model: Awaited<ReturnType<typeof modelOf>>) => model.snapshots[0]!.journeys[0]!.stages[0]!.touchpoints;

/** Satisfied (4–5) and mean of a 1–5 column whose 0 means "not applicable", from the raw answers. */
function csatByHand(answers: string[]) {
  const scores = answers.map(Number).filter((n) => n >= 1);
  return { n: scores.length, satisfied: scores.filter((n) => n >= 4).length / scores.length, mean: scores.reduce((a, b) => a + b, 0) / scores.length };
}

const AIRLINE_SERVICES = ['Check-in', 'Baggage Drop', 'Security Wait', 'Boarding', 'Seat Comfort', 'Legroom', 'Cabin Staff Service', 'Food & Beverages', 'Inflight Entertainment', 'Wifi & Connectivity', 'Cleanliness', 'Punctuality', 'Baggage Delivery', 'Value For Money'];

describe('an airline\'s passenger survey: wide, 14 services rated 1–5 with 0 = not applicable, dates like "June 2022"', () => {
  const rows = rowsOf('airline-reviews');

  it('init maps the 14 services as satisfaction with 0 as "not applicable", reads the dates by month, and the overall 1–10 rating and yes/no recommend as journey-level questions', async () => {
    const { root, scaffold } = await initialised('airline-reviews', 'flight');
    expect(scaffold.mapping.dateFormat).toBe('month yyyy');
    expect(scaffold.mapping.columns).toEqual({ submitted_at: 'Date Flown' });
    const [whole, ...services] = scaffold.mapping.questions!;
    // A service no one marked 0 is read as it is.
    expect(services.map((q) => q.csat)).toEqual(AIRLINE_SERVICES.map((column) => (rows.some((r) => r[column] === '0') ? { column, notApplicable: ['0'] } : column)));
    expect(whole).toEqual({ level: 'journey', rating: 'Overall_Rating', yesno: { column: 'Recommended', scale: 'yesno' } });
    expect(scaffold.mapping.answerScales).toEqual({ yesno: { values: { Yes: 1, No: 0 } } });
    expect(scaffold.mapping.ignore).toEqual(expect.arrayContaining(['Airline Name', 'Route']));
    expect(scaffold.mapping.ignore).not.toContain('Overall_Rating');
    expect(scaffold.mappingText).toMatch(/"Overall_Rating" → rating \(journey level\): its name \("Overall"\); a rating on 1–10; about the whole experience/);
    // The rating's 1–10 scale is the project's setting, written by init.
    expect(scaffold.settings).toEqual({ scales: { rating: [1, 10] } });
    expect(loadConfig(root, {}).scales.rating).toMatchObject({ min: 1, max: 10 });
    // Free text before the first score goes to the first questions (a user moves the review to the journey level by hand).
    expect(services.slice(0, 2).map((q) => q.comment)).toEqual(['Review_Title', 'Review']);
  });

  it('builds with each service\'s share satisfied and mean as computed by hand; placeholder titles are counted, not quoted', async () => {
    const { root } = await initialised('airline-reviews', 'flight');
    // The user's one edit: the export's "Finnair customer review" titles are the tool's, not the passenger's.
    editMapping(root, ['commentPlaceholders'], ['^\\w+ customer review$']);
    const model = await modelOf(root);
    const [snapshot] = model.snapshots;
    expect(snapshot!.account).toMatchObject({ rowsRead: 36, accepted: 36, rejected: 0, empty: 0, ownRespondentRows: 36 });
    // June 2022 … September 2022, each the month's first day.
    expect(snapshot!.period).toEqual({ first: '2022-06-01', last: '2022-09-01' });
    const touchpoints = touchpointsOf(model);
    expect(touchpoints).toHaveLength(14);
    for (const [i, service] of AIRLINE_SERVICES.entries()) {
      const hand = csatByHand(rows.map((r) => r[service]!));
      const csat = touchpoints[i]!.cell.figures!.csat!;
      expect([service, csat.n]).toEqual([service, hand.n]);
      expect(csat.satisfied.value).toBeCloseTo(hand.satisfied, 10);
      expect(csat.mean!.value).toBeCloseTo(hand.mean, 10);
    }
    // The title goes with "Check-in": quoted only where that question was answered (not 0).
    const answered = rows.filter((r) => r['Check-in'] !== '0');
    const placeholders = answered.filter((r) => r.Review_Title === 'Finnair customer review').length;
    expect(placeholders).toBeGreaterThan(0);
    expect(snapshot!.account.placeholderComments).toBe(placeholders);
    expect(touchpoints[0]!.cell.stats!.comments).toBe(answered.length - placeholders);
    // The whole flight: the overall rating's mean and top box (10 of 10), and the share recommending.
    const overall = snapshot!.journeys[0]!.overall!.figures!;
    const ratings = rows.map((r) => Number(r.Overall_Rating));
    expect(overall.rating!.n).toBe(36);
    expect(overall.rating!.mean!.value).toBeCloseTo(ratings.reduce((a, b) => a + b, 0) / 36, 10);
    expect(overall.rating!.topBox.value).toBeCloseTo(ratings.filter((n) => n === 10).length / 36, 10);
    expect(overall.yesno!.yes.value).toBeCloseTo(rows.filter((r) => r.Recommended === 'yes').length / 36, 10);
    expect(overall.csat).toBeNull();
  });
});

describe('a training organisation\'s post-course survey: no ids, m/d/yy H:mm, no-break spaces in answers, 0–10 recommend', () => {
  const rows = rowsOf('training-feedback');
  const RECOMMEND = 'How likely are you to recommend this course to a friend or colleague?';

  it('builds as init wrote it: the agreement items, the recommend question as the journey\'s NPS, each row its own respondent, the unanswered form an empty response', async () => {
    const { root, scaffold } = await initialised('training-feedback', 'course');
    expect(scaffold.mapping.dateFormat).toBe('m/d/yy H:mm');
    // The share of new content and the pace are single-choice items, not a measure yet: ignored, and the mapping says why.
    expect(scaffold.mapping.ignore).toEqual(['Course', 'How much of the content was new to you?', 'The pace of the course was']);
    expect(scaffold.mappingText).toMatch(/"The pace of the course was" ignored: short answers from a list \(single-choice items are not a measure yet\)/);
    expect(scaffold.mapping.questions).toEqual([
      { level: 'journey', nps: expect.objectContaining({ column: RECOMMEND }), comment: 'What could we improve?' },
      { touchpoint: 'trainer-well-prepared', agreement: { column: 'The trainer was well prepared', scale: 'agreement' } },
      { touchpoint: 'materials-useful', agreement: { column: 'The materials were useful', scale: 'agreement' } },
    ]);
    expect(scaffold.settings).toEqual({});
    const model = await modelOf(root);
    const [snapshot] = model.snapshots;
    const answered = rows.filter((r) => r[RECOMMEND] !== '');
    expect(snapshot!.account).toMatchObject({ rowsRead: rows.length, accepted: answered.length, rejected: 0, empty: rows.length - answered.length, ownRespondentRows: answered.length });
    expect(rows.length - answered.length).toBe(1);
    // "10 - Extremely likely" and "10\u00a0- Extremely\u00a0likely" are both 10.
    const scores = answered.map((r) => Number(/^\d+/.exec(r[RECOMMEND]!)![0]));
    expect(answered.some((r) => r[RECOMMEND]!.includes('\u00a0'))).toBe(true);
    const promoters = scores.filter((s) => s >= 9).length;
    const detractors = scores.filter((s) => s <= 6).length;
    const overall = snapshot!.journeys[0]!.overall!;
    const nps = overall.figures!.nps!;
    expect(nps).toMatchObject({ n: scores.length, promoters, detractors, passives: scores.length - promoters - detractors });
    expect(nps.value).toBeCloseTo((100 * (promoters - detractors)) / scores.length, 10);
    expect(overall.stats!.comments).toBe(rows.filter((r) => r['What could we improve?'] !== '').length);
    // Each agreement item: the share in the top two (agree, strongly agree) and the mean on 1–5, labels read by hand.
    const AGREE: Record<string, number> = { 'strongly disagree': 1, disagree: 2, 'neither agree nor disagree': 3, agree: 4, 'strongly agree': 5 };
    for (const [i, item] of ['The trainer was well prepared', 'The materials were useful'].entries()) {
      const answers = answered.map((r) => AGREE[r[item]!.replace(/\u00a0/g, ' ').toLowerCase()]!);
      expect(answers.every((n) => n >= 1)).toBe(true);
      const agreement = touchpointsOf(model)[i]!.cell.figures!.agreement!;
      expect(agreement.n).toBe(answers.length);
      expect(agreement.topTwo.value).toBeCloseTo(answers.filter((n) => n >= 4).length / answers.length, 10);
      expect(agreement.mean!.value).toBeCloseTo(answers.reduce((a, b) => a + b, 0) / answers.length, 10);
    }
    expect(rows.some((r) => r['The materials were useful']!.includes('\u00a0'))).toBe(true);
    expect(snapshot!.period).toEqual({ first: '2018-09-01', last: '2018-10-26' });
  });
});

describe('an online shop\'s reviews: one review a row, 1–5 scores with comments', () => {
  const rows = rowsOf('shop-reviews');
  const hand = csatByHand(rows.map((r) => r.review_score!));

  it('init gives one question for the score with the message as its comment; the ids, the title and the second date are left out', async () => {
    const { root, scaffold } = await initialised('shop-reviews', 'online-shop');
    expect(scaffold.mapping).toMatchObject({
      layout: 'wide',
      columns: { submitted_at: 'review_creation_date' },
      questions: [{ touchpoint: 'review-score', csat: 'review_score', comment: 'review_comment_message' }],
    });
    expect(scaffold.mapping.ignore).toEqual(['review_id', 'order_id', 'review_comment_title', 'review_answer_timestamp']);
    const csat = touchpointsOf(await modelOf(root))[0]!.cell.figures!.csat!;
    expect(csat.n).toBe(40);
    expect(csat.satisfied.value).toBeCloseTo(hand.satisfied, 10);
    expect(csat.mean!.value).toBeCloseTo(hand.mean, 10);
  });

  it('the same figures from the long layout with constants, as README\'s mapping writes it; one-word comments are counted, not quoted', async () => {
    const { root } = await initialised('shop-reviews', 'online-shop');
    writeFileSync(
      join(root, 'data/mapping.jsonc'),
      JSON.stringify({
        layout: 'long',
        columns: { submitted_at: 'review_creation_date', csat: 'review_score', comment: 'review_comment_message' },
        constants: { journey: 'online-shop', touchpoint: 'review-score' },
        blankResponseId: 'own-respondent',
        ignore: ['review_id', 'order_id', 'review_comment_title', 'review_answer_timestamp'],
        minCommentChars: 10,
      }),
    );
    const model = await modelOf(root);
    const csat = touchpointsOf(model)[0]!.cell.figures!.csat!;
    expect(csat.n).toBe(40);
    expect(csat.satisfied.value).toBeCloseTo(hand.satisfied, 10);
    expect(csat.mean!.value).toBeCloseTo(hand.mean, 10);
    const comments = rows.map((r) => r.review_comment_message!).filter((c) => c !== '');
    const short = comments.filter((c) => c.length < 10).length;
    expect(short).toBeGreaterThan(0);
    expect(model.snapshots[0]!.account).toMatchObject({ shortComments: short, placeholderComments: 0 });
    expect(touchpointsOf(model)[0]!.cell.stats!.comments).toBe(comments.length - short);
  });
});

describe('npm run build on the airline case', () => {
  it('builds the site, and the data-quality page counts the placeholder titles', async () => {
    const { root } = await initialised('airline-reviews', 'flight');
    editMapping(root, ['commentPlaceholders'], ['^\\w+ customer review$']);
    // init wrote the ratings' 1–10 scale there.
    expect(readFileSync(join(root, 'polku.config.jsonc'), 'utf8')).toMatch(/"rating": \[\s*1,\s*10\s*\]/);
    const out = join(root, 'dist');
    const result = buildSite(out, { POLKU_CONFIG: join(root, 'polku.config.jsonc'), POLKU_CACHE_DIR: join(root, 'cache') });
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    const quality = readFileSync(join(out, 'data-quality/index.html'), 'utf8');
    const placeholders = rowsOf('airline-reviews').filter((r) => r['Check-in'] !== '0' && r.Review_Title === 'Finnair customer review').length;
    expect(/placeholder texts [^<]*<\/dt><dd>(\d+)<\/dd>/.exec(quality)?.[1]).toBe(String(placeholders));
    const json = JSON.parse(readFileSync(join(out, 'data/airline-reviews.json'), 'utf8'));
    expect(json.source).toMatchObject({ rowsRead: 36, accepted: 36, placeholderComments: placeholders, shortComments: 0 });
    expect(readFileSync(join(out, 'reports/index.html'), 'utf8')).not.toContain('Finnair customer review');
  }, 300_000);
});

describe('npm run build on the training case', () => {
  it('builds the site as init wrote it: the agreement items and the whole course\'s NPS published as counted by hand', async () => {
    const { root } = await initialised('training-feedback', 'course');
    writeFileSync(join(root, 'polku.config.jsonc'), '{}\n');
    const out = join(root, 'dist');
    const result = buildSite(out, { POLKU_CONFIG: join(root, 'polku.config.jsonc'), POLKU_CACHE_DIR: join(root, 'cache') });
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    const answered = rowsOf('training-feedback').filter((r) => r['The trainer was well prepared'] !== '');
    const json = JSON.parse(readFileSync(join(out, 'data/training-feedback.json'), 'utf8'));
    expect(json.source).toMatchObject({ rowsRead: answered.length + 1, rejected: 0, empty: 1 });
    const scores = answered.map((r) => Number(/^\d+/.exec(r['How likely are you to recommend this course to a friend or colleague?']!)![0]));
    const nps = (100 * (scores.filter((s) => s >= 9).length - scores.filter((s) => s <= 6).length)) / scores.length;
    expect(json.journeys[0].overall.figures.nps.value).toBeCloseTo(nps, 10);
    // The touchpoint table: each item's share agreeing (agree, strongly agree), as published to 4 decimals.
    const table = Papa.parse<Record<string, string>>(readFileSync(join(out, 'data/training-feedback.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    for (const [touchpoint, item] of [['trainer-well-prepared', 'The trainer was well prepared'], ['materials-useful', 'The materials were useful']] as const) {
      const agree = answered.filter((r) => /^(strongly )?agree$/i.test(r[item]!.replace(/\u00a0/g, ' '))).length;
      expect(Number(table.find((r) => r.touchpoint === touchpoint)!.agreement_top2)).toBeCloseTo(agree / answered.length, 4);
    }
  }, 300_000);
});
