import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PolkuError } from '../common/errors.ts';
import { formatDay, parseDay } from '../read/parse-value.ts';
import { buildSiteModel } from '../model/site-model.ts';
import { loadConfig } from './config.ts';
import { readExportSample, scaffoldExport, type Scaffold } from './scaffold.ts';
import { idFrom } from './recognise-column.ts';
import { writeScaffold } from './scaffold-files.ts';

const EXPORTS = resolve(import.meta.dirname, '../../../test/fixtures/exports');
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function scaffoldOf(name: string, journey = name): Promise<Scaffold> {
  return scaffoldExport(await readExportSample(join(EXPORTS, `${name}.csv`), `${name}.csv`), { journey });
}

/** A new project with only the export initialised in it; its model, read by the pipeline itself. */
async function initialised(name: string) {
  const root = mkdtempSync(join(tmpdir(), `polku-init-${name}-`));
  made.push(root);
  const config = loadConfig(root, {});
  writeScaffold(config, await scaffoldOf(name), join(EXPORTS, `${name}.csv`), { snapshotId: name });
  return { root, model: await buildSiteModel(loadConfig(root, {})) };
}

const roleOf = (s: Scaffold, header: string) => s.choices.find((c) => c.header === header)?.role;

// Every fixture has 12 respondents. Recommend: 10 9 9 10 8 7 6 3 9 10 8 5 → 6 promoters, 3 passives,
// 3 detractors: NPS (6 − 3)/12 = +25. Satisfaction: 5 4 4 5 3 2 4 1 5 4 3 4 → 8 of 12 satisfied
// (4–5), mean 44/12 = 3.667.
const NPS = { value: 25, promoters: 6, passives: 3, detractors: 3, n: 12 };

describe('presets: each tool recognised from its header', () => {
  it.each([
    ['qualtrics', 'qualtrics', 3],
    ['surveymonkey', 'surveymonkey', 2],
    ['google-forms', 'google-forms', undefined],
    ['microsoft-forms', 'microsoft-forms', undefined],
    ['webropol', 'webropol', undefined],
  ])('%s', async (name, preset, headerRows) => {
    const s = await scaffoldOf(name);
    expect(s.preset?.id).toBe(preset);
    expect(s.mapping.headerRows).toBe(headerRows);
    expect(s.mapping.layout).toBe('wide');
  });

  it('Qualtrics: metadata ignored on purpose, IP, names, e-mail and location never mapped, choice texts turned into numbers', async () => {
    const s = await scaffoldOf('qualtrics');
    for (const h of ['StartDate', 'EndDate', 'Status', 'Progress', 'Duration (in seconds)', 'Finished', 'DistributionChannel', 'UserLanguage']) expect(roleOf(s, h)).toBe('metadata');
    for (const h of ['IPAddress', 'RecipientLastName', 'RecipientFirstName', 'RecipientEmail', 'LocationLatitude', 'LocationLongitude']) expect(roleOf(s, h)).toBe('personal');
    expect(s.mapping.columns).toEqual({ submitted_at: 'RecordedDate', response_id: 'ResponseId' });
    expect(s.mapping.questions![1]!.csat).toEqual({ column: 'Q2', values: { 'Very satisfied': 5, Satisfied: 4, 'Neither satisfied nor dissatisfied': 3, Dissatisfied: 2, 'Very dissatisfied': 1 } });
    expect(s.mapping.questions![1]!.comment).toBe('Q3');
    // The question text (line 2) names the touchpoint, not "Q1".
    expect(s.journeys[0]!.touchpoints.map((t) => t.id)).toEqual(['recommend-delivery-service-friend', 'satisfied-with-installation']);
  });

  it('a personal column is never mapped, in any export, and the mapping says so', async () => {
    for (const name of ['qualtrics', 'surveymonkey', 'microsoft-forms', 'webropol']) {
      const s = await scaffoldOf(name);
      const personal = s.choices.filter((c) => c.role === 'personal').map((c) => c.header);
      expect(personal.length).toBeGreaterThan(0);
      // Listed under "ignore" (on purpose, so the build does not warn of it), and nowhere else.
      const mapped = JSON.stringify({ ...s.mapping, ignore: undefined });
      for (const header of personal) {
        expect(mapped).not.toContain(JSON.stringify(header));
        expect(s.mapping.ignore).toContain(header);
        expect(s.mappingText).toMatch(new RegExp(`${JSON.stringify(header).replace(/[()]/g, '\\$&')}( \\(.*\\))? NEVER mapped`));
      }
    }
  });

  it('month-first dates (SurveyMonkey, Microsoft Forms) give dateFormat m/d/yyyy', async () => {
    expect((await scaffoldOf('surveymonkey')).mapping.dateFormat).toBe('m/d/yyyy');
    expect((await scaffoldOf('microsoft-forms')).mapping.dateFormat).toBe('m/d/yyyy');
    expect((await scaffoldOf('webropol')).mapping.dateFormat).toBeUndefined();
  });

  it('a Finnish Excel export in the long layout: every column by its Finnish name', async () => {
    const s = await scaffoldOf('excel-fi-long', 'ignored');
    expect(s.preset).toBeNull();
    expect(s.mapping).toEqual({
      layout: 'long',
      columns: { response_id: 'Vastaustunnus', submitted_at: 'Päivämäärä', journey: 'Polku', touchpoint: 'Kosketuspiste', channel: 'Kanava', nps: 'Suositteluhalukkuus', csat: 'Tyytyväisyys', emotion: 'Tunne', comment: 'Kommentti' },
    });
    expect(s.journeys).toMatchObject([{ id: 'verkkokauppa', touchpoints: [{ id: 'tilaus' }, { id: 'toimitus' }] }]);
  });
});

describe('columns recognised by their answers', () => {
  const sample = (header: string[], rows: string[][]) => scaffoldExport({ file: 'x.csv', header, rows, encoding: 'utf-8', delimiter: ',' }, { journey: 'j' });
  const rows = Array.from({ length: 12 }, (_, i) => [String(i % 11), String((i % 5) + 1), `2026-03-${String(i + 1).padStart(2, '0')}`, `A comment long enough to be free text, number ${i}`, i % 2 ? 'Helsinki' : 'Tampere']);

  it('headers the build would take for one (one with a zero-width space) are both ignored, as the build would refuse the mapping', () => {
    const s = sample(['Q1', 'Q1\u200b', 'b'], rows.map((r) => [r[0]!, r[0]!, r[1]!]));
    expect(s.choices.slice(0, 2).map((c) => c.role)).toEqual(['ignored', 'ignored']);
    expect(s.choices[0]!.why).toMatch(/same name/);
  });

  it('0–10 → NPS, 1–5 → satisfaction, dates → submitted_at, free text → comment; a list of short answers is ignored', () => {
    const s = sample(['a', 'b', 'c', 'd', 'e'], rows);
    expect(s.choices.map((c) => c.role)).toEqual(['nps', 'csat', 'submitted_at', 'comment', 'ignored']);
    expect(s.mappingText).toMatch(/"e" ignored: short answers from a list/);
  });

  it('0 on a 1–5 question named like satisfaction is "not applicable" for that column only', () => {
    const s = sample(['Satisfaction'], rows.map((r) => [String(Number(r[1]) - 1)]));
    expect(s.mapping.questions![0]!.csat).toEqual({ column: 'Satisfaction', notApplicable: ['0'] });
  });

  it('dates with two-digit years and times get the dateFormat that reads them', () => {
    const s = sample(['Date', 'nps'], rows.map((r, i) => [`9/${i + 13}/18 15:29`, r[0]!]));
    expect(s.mapping.columns).toEqual({ submitted_at: 'Date' });
    expect(s.mapping.dateFormat).toBe('m/d/yy H:mm');
    expect(formatDay(parseDay('9/13/18 15:29', s.mapping.dateFormat)!)).toBe('2018-09-13');
  });

  it('free-text columns before the only score: the first is its comment, the others ignored with the reason, none left unaccounted for', () => {
    const s = sample(['First thoughts', 'Second thoughts', 'nps'], rows.map((r) => [r[3]!, `${r[3]!} and more`, r[0]!]));
    expect(s.mapping.questions).toEqual([{ touchpoint: 'nps', nps: 'nps', comment: 'First thoughts' }]);
    expect(s.mapping.ignore).toEqual(['Second thoughts']);
  });

  it('an export with no score stops with the columns listed', () => {
    expect(() => sample(['name', 'city'], rows.map((r) => [r[3]!, r[4]!]))).toThrow(PolkuError);
  });

  it('ids from question words', () => {
    expect(idFrom('How likely are you to recommend our delivery service to a friend?', 'x')).toBe('recommend-delivery-service-friend');
    expect(idFrom('Kuinka tyytyväinen olit palveluun?', 'x')).toBe('tyytyvainen-palveluun');
    expect(idFrom('???', 'question-1')).toBe('question-1');
  });
});

describe('item types: agreement, frequency, rating, yes/no and journey-level questions', () => {
  const sample = (header: string[], rows: string[][]) => scaffoldExport({ file: 'x.csv', header, rows, encoding: 'utf-8', delimiter: ',' }, { journey: 'j' });
  const column = (values: string[]) => values.map((v) => [v]);

  // A Finnish Excel export (semicolons, Windows-1252, a no-break space in some labels), 12 respondents:
  // agreement 5 4 4 3 5 2 1 4 5 3 4 4 → 8 of 12 agree (4–5), mean 44/12; frequency (ei koskaan = 1 …
  // aina = 5) 1 2 3 4 5 5 4 3 2 1 5 5 → 6 of 12, mean 40/12; "again" 1/0 → 7 of 12 yes; the overall
  // grade 1–10: 10 9 8 7 6 5 10 9 8 7 4 3 → mean 86/12, 2 of 12 a 10; recommend Kyllä 9 of 12.
  const AGREE = ['', 'Täysin eri mieltä', 'Jokseenkin eri mieltä', 'Ei samaa eikä eri mieltä', 'Jokseenkin\u00a0samaa mieltä', 'Täysin samaa mieltä'];
  const OFTEN = ['', 'Ei koskaan', 'Harvoin', 'Joskus', 'Usein', 'Aina'];
  const agreement = [5, 4, 4, 3, 5, 2, 1, 4, 5, 3, 4, 4];
  const frequency = [1, 2, 3, 4, 5, 5, 4, 3, 2, 1, 5, 5];
  const again = [1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 1, 1];
  const grade = [10, 9, 8, 7, 6, 5, 10, 9, 8, 7, 4, 3];
  const recommend = [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1];
  const csv = [
    'Vastaaja;Päivämäärä;Opettaja oli valmistautunut;Kuinka usein materiaali auttoi?;Osallistuisitko uudelleen?;Kokonaisarvosana;Suosittelisitko kurssia?',
    ...agreement.map((a, i) => `V${i + 1};${i + 2}.3.2026;${AGREE[a]};${OFTEN[frequency[i]!]};${again[i]};${grade[i]};${recommend[i] ? 'Kyllä' : 'Ei'}`),
  ].join('\r\n');

  it('a Finnish Excel export: the labels as named scales, the grade as a 1–10 rating and the recommendation at the journey level; the figures as counted by hand', async () => {
    const root = mkdtempSync(join(tmpdir(), 'polku-init-items-'));
    made.push(root);
    const file = join(root, 'kurssi.csv');
    writeFileSync(file, Buffer.from(csv, 'latin1'));
    const s = scaffoldExport(await readExportSample(file, 'kurssi.csv'), { journey: 'kurssi' });
    expect(s.mapping.questions).toEqual([
      { touchpoint: 'opettaja-oli-valmistautunut', agreement: { column: 'Opettaja oli valmistautunut', scale: 'agreement' } },
      { touchpoint: 'usein-materiaali-auttoi', agreement: { column: 'Kuinka usein materiaali auttoi?', scale: 'frequency' } },
      { touchpoint: 'osallistuisitko-uudelleen', yesno: 'Osallistuisitko uudelleen?' },
      { level: 'journey', rating: 'Kokonaisarvosana', yesno: { column: 'Suosittelisitko kurssia?', scale: 'yesno' } },
    ]);
    // Defined once each, in the answers' language only.
    expect(s.mapping.answerScales).toEqual({
      agreement: { values: { 'Täysin eri mieltä': 1, 'Jokseenkin eri mieltä': 2, 'Ei samaa eikä eri mieltä': 3, 'Jokseenkin samaa mieltä': 4, 'Täysin samaa mieltä': 5 } },
      frequency: { values: { 'Ei koskaan': 1, Harvoin: 2, Joskus: 3, Usein: 4, Aina: 5 } },
      yesno: { values: { Kyllä: 1, Ei: 0 } },
    });
    expect(s.mappingText).toMatch(/"Kuinka usein materiaali auttoi\?" → agreement: its answers are frequency labels \(Ei koskaan … Aina\).*mapped as agreement for now/);
    expect(s.mappingText).toMatch(/"Suosittelisitko kurssia\?" → yesno \(journey level\): .*about the whole experience \(a recommendation\), beside 3 questions about touchpoints/);
    expect(s.settings).toEqual({ scales: { rating: [1, 10] } });

    writeScaffold(loadConfig(root, {}), s, file, { snapshotId: 'kurssi' });
    const model = await buildSiteModel(loadConfig(root, {}));
    const [journey] = model.snapshots[0]!.journeys;
    const [agree, often, yes] = journey!.stages[0]!.touchpoints.map((t) => t.cell.figures!);
    expect(agree!.agreement!.topTwo.value).toBeCloseTo(8 / 12, 10);
    expect(agree!.agreement!.mean!.value).toBeCloseTo(44 / 12, 10);
    expect(often!.agreement!.topTwo.value).toBeCloseTo(6 / 12, 10);
    expect(often!.agreement!.mean!.value).toBeCloseTo(40 / 12, 10);
    expect(yes!.yesno!.yes.value).toBeCloseTo(7 / 12, 10);
    const overall = journey!.overall!.figures!;
    expect(overall.rating!.mean!.value).toBeCloseTo(86 / 12, 10);
    expect(overall.rating!.topBox.value).toBeCloseTo(2 / 12, 10);
    expect(overall.yesno!.yes.value).toBeCloseTo(9 / 12, 10);
  });

  it('English frequency labels are agreement through the scale "frequency"', () => {
    const s = sample(['How often did you use the app?'], column(['Never', 'Rarely', 'Sometimes', 'Often', 'Always', 'often', 'never']));
    expect(s.mapping.questions![0]!.agreement).toEqual({ column: 'How often did you use the app?', scale: 'frequency' });
    expect(s.mapping.answerScales).toEqual({ frequency: { values: { Never: 1, Rarely: 2, Sometimes: 3, Often: 4, Always: 5 } } });
  });

  it('stars 1–5 named so are a rating on the default scale; a second rating on another scale is left out, saying why', () => {
    const stars = ['1', '2', '3', '4', '5', '5'];
    expect(sample(['Tähdet'], column(stars)).choices[0]).toMatchObject({ role: 'rating', ratingScale: [1, 5] });
    expect(sample(['Tähdet'], column(stars)).settings).toEqual({});
    // Not named so: satisfaction, as before.
    expect(sample(['Palvelu'], column(stars)).choices[0]!.role).toBe('csat');
    const both = sample(['Overall rating', 'Stars'], ['1', '4', '7', '10', '9', '8'].map((v, i) => [v, stars[i]!]));
    expect(both.choices.map((c) => c.role)).toEqual(['rating', 'ignored']);
    expect(both.choices[1]!.why).toMatch(/a rating on 1–5, while "Overall rating" is on 1–10: a project has one rating scale/);
  });

  it('1/0 answers are yes/no only when the name asks yes or no', () => {
    const ones = column(['1', '0', '1', '1', '0']);
    expect(sample(['Would you recommend us?'], ones).choices[0]).toMatchObject({ role: 'yesno', spec: 'Would you recommend us?' });
    expect(sample(['Q7'], ones).choices[0]!.role).not.toBe('yesno');
  });

  it('an overall question goes to the journey level only beside two or more touchpoint questions', () => {
    const rows = [['9', '4', '5'], ['10', '5', '3'], ['3', '2', '4'], ['7', '4', '4']];
    expect(sample(['Recommend', 'Delivery', 'Installation'], rows).mapping.questions![0]).toEqual({ level: 'journey', nps: 'Recommend' });
    expect(sample(['Recommend', 'Delivery'], rows.map((r) => r.slice(0, 2))).mapping.questions![0]).toEqual({ touchpoint: 'recommend', nps: 'Recommend' });
  });
});

describe('init on each fixture builds, with the figures a hand computation gives', () => {
  it.each(['qualtrics', 'surveymonkey', 'google-forms', 'microsoft-forms', 'webropol'])('%s: 12 respondents, NPS +25, 8 of 12 satisfied', async (name) => {
    const { model } = await initialised(name);
    const [snapshot] = model.snapshots;
    expect(snapshot!.account).toMatchObject({ rowsRead: 12, accepted: 12, rejected: 0 });
    expect(snapshot!.period).toEqual({ first: '2026-03-02', last: '2026-03-27' });
    const touchpoints = snapshot!.journeys[0]!.stages[0]!.touchpoints;
    // Google Forms' "recommend us" beside two touchpoints' questions is about the whole journey.
    const overall = snapshot!.journeys[0]!.overall;
    expect(overall !== null).toBe(name === 'google-forms');
    const nps = (overall ?? touchpoints.find((t) => t.cell.figures?.nps)!.cell).figures!.nps!;
    expect(nps).toMatchObject(NPS);
    const csat = touchpoints.find((t) => t.cell.figures?.csat)!.cell.figures!.csat!;
    expect(csat.n).toBe(12);
    expect(csat.satisfied.value).toBeCloseTo(8 / 12, 10);
    expect(csat.mean!.value).toBeCloseTo(44 / 12, 10);
  });

  it('google-forms: the effort question on 1–7: 9 of 12 easy (5–7), mean 64/12', async () => {
    const { model } = await initialised('google-forms');
    const ces = model.snapshots[0]!.journeys[0]!.stages[0]!.touchpoints.find((t) => t.id === 'easy-place-order')!.cell.figures!.ces!;
    expect(ces.easy.value).toBeCloseTo(9 / 12, 10);
    expect(ces.mean!.value).toBeCloseTo(64 / 12, 10);
  });

  it('excel-fi-long: the Finnish long export, both touchpoints; emotion 2 1,5 1 −0,5 2,5 −1 0 −3 3 1 0,5 1: mean 8/12', async () => {
    const { model } = await initialised('excel-fi-long');
    const [snapshot] = model.snapshots;
    expect(snapshot!.account).toMatchObject({ rowsRead: 24, accepted: 24, rejected: 0, encoding: 'windows-1252' });
    const [tilaus, toimitus] = snapshot!.journeys[0]!.stages[0]!.touchpoints;
    expect(tilaus!.cell.figures!.nps).toMatchObject(NPS);
    expect(tilaus!.cell.figures!.emotion!.mean!.value).toBeCloseTo(8 / 12, 10);
    expect(toimitus!.cell.figures!.csat!.n).toBe(12);
  });
});

describe('writing a project', () => {
  const project = () => {
    const root = mkdtempSync(join(tmpdir(), 'polku-init-files-'));
    made.push(root);
    return root;
  };

  it('never overwrites a mapping or content without --force', async () => {
    const root = project();
    const s = await scaffoldOf('webropol');
    const exportPath = join(EXPORTS, 'webropol.csv');
    writeScaffold(loadConfig(root, {}), s, exportPath, { snapshotId: 'webropol' });
    writeFileSync(join(root, 'data/mapping.jsonc'), '{} // mine');
    expect(() => writeScaffold(loadConfig(root, {}), s, exportPath, { snapshotId: 'webropol' })).toThrow(/init would overwrite data\/mapping.jsonc, content\/journeys\/webropol.yaml/);
    expect(readFileSync(join(root, 'data/mapping.jsonc'), 'utf8')).toBe('{} // mine');
    writeScaffold(loadConfig(root, {}), s, exportPath, { snapshotId: 'webropol', force: true });
    expect(readFileSync(join(root, 'data/mapping.jsonc'), 'utf8')).toBe(s.mappingText);
  });

  it('refuses while other exports are in the snapshot folder; --replace-sample moves them and the content to sample/', async () => {
    const root = project();
    mkdirSync(join(root, 'data'), { recursive: true });
    cpSync(resolve(import.meta.dirname, '../../../data/snapshots'), join(root, 'data/snapshots'), { recursive: true });
    cpSync(resolve(import.meta.dirname, '../../../content'), join(root, 'content'), { recursive: true });
    const s = await scaffoldOf('google-forms');
    const exportPath = join(EXPORTS, 'google-forms.csv');
    expect(() => writeScaffold(loadConfig(root, {}), s, exportPath, { snapshotId: 'google-forms' })).toThrow(/other exports too \(2025-q4.csv, 2026-q1.csv/);
    expect(existsSync(join(root, 'content/journeys/google-forms.yaml'))).toBe(false);
    const written = writeScaffold(loadConfig(root, {}), s, exportPath, { snapshotId: 'google-forms', replaceSample: true, periods: 'quarter' });
    expect(readdirSync(join(root, 'sample/data/snapshots'))).toEqual(['2025-q4.csv', '2026-q1.csv', '2026-q2.csv', '2026-q3.csv']);
    expect(readdirSync(join(root, 'sample/content/journeys'))).toEqual(['electronics-pickup.yaml', 'group-trip.yaml', 'washing-machine.yaml']);
    expect(readdirSync(join(root, 'data/snapshots'))).toEqual(['google-forms.csv']);
    expect(readdirSync(join(root, 'content/journeys'))).toEqual(['google-forms.yaml']);
    expect(written.files).toContain('polku.config.jsonc');
    expect(loadConfig(root, {}).periods).toBe('quarter');
  });
});
