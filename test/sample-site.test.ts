// The bundled sample site (one build, shared with the other files that read it) and what a reader and an analyst get from it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { validate } from '../src/lib/model/validate.ts';
import { loadConfig } from '../src/lib/project/config.ts';
import { MEASURES } from '../src/lib/stats/measures.ts';
import { formatter, translator } from '../src/site/i18n.ts';
import { inLanguage } from '../src/site/routes.ts';
import { PROJECT, sharedBuild } from './build-site.ts';
import { captured } from './captured.ts';

const defaultLang = loadConfig(PROJECT).site.lang;
const fmt = formatter(defaultLang);
const t = translator(loadConfig(PROJECT).site.lang);

const SNAPSHOTS = readdirSync(join(PROJECT, 'data/snapshots')).filter((f) => f.endsWith('.csv')).sort();
const ids = SNAPSHOTS.map((f) => f.replace(/\.csv$/, ''));
let dist: string;

beforeAll(() => {
  dist = sharedBuild();
});

const page = (path: string) => readFileSync(join(dist, path), 'utf8');

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('the sample site', () => {
  it('has a home page, a page per snapshot, the data-quality and methodology pages, and open data', () => {
    for (const path of ['index.html', 'reports/index.html', 'data-quality/index.html', 'methodology/index.html']) expect(existsSync(join(dist, path)), path).toBe(true);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    for (const id of ids) {
      expect(existsSync(join(dist, `reports/${id}/index.html`))).toBe(true);
      expect(existsSync(join(dist, `data/${id}.json`))).toBe(true);
      expect(existsSync(join(dist, `data/${id}.csv`))).toBe(true);
    }
  });

  it('shows on each snapshot page the headline NPS that the open data holds', () => {
    for (const id of ids) {
      const data = JSON.parse(page(`data/${id}.json`));
      const html = page(`reports/${id}/index.html`);
      expect(html).toContain(`<div class="value">${fmt.signed(data.total.figures.nps.value)}</div>`);
      for (const j of data.journeys) {
        expect(html).toContain(`id="${j.id}"`);
        if (!j.cell.suppressed) expect(html).toContain(`<div class="value">${fmt.signed(j.cell.figures.nps.value)}</div>`);
      }
    }
  });

  it('accounts for every row: read = accepted + rejected + empty, with the SHA-256 of each file on the data-quality page', () => {
    const html = page('data-quality/index.html');
    for (const file of SNAPSHOTS) {
      const bytes = readFileSync(join(PROJECT, 'data/snapshots', file));
      expect(html).toContain(createHash('sha256').update(bytes).digest('hex'));
      const data = JSON.parse(page(`data/${file.replace(/\.csv$/, '')}.json`));
      const rows = Papa.parse(bytes.toString('utf8'), { skipEmptyLines: true }).data.length - 1;
      expect(data.source.rowsRead).toBe(rows);
      expect(data.source.accepted + data.source.rejected + data.source.empty).toBe(data.source.rowsRead);
    }
  });

  it('publishes no raw row, no respondent id, and no comment with personal data', () => {
    const rows = SNAPSHOTS.flatMap((file) => Papa.parse<string[]>(readFileSync(join(PROJECT, 'data/snapshots', file), 'utf8'), { skipEmptyLines: true }).data.slice(1));
    const personal = rows.map((r) => r[11]!).filter((c) => /@|\d{3}[ -]?\d{3}/.test(c));
    const responseIds = rows.slice(0, 300).map((r) => r[0]!);
    expect(personal.length).toBeGreaterThan(5); // the sample plants some, as real exports have them
    for (const file of allFiles(dist)) {
      expect(file.endsWith('.csv') && !file.includes(`${join('dist', 'data')}`), `raw CSV copied: ${file}`).toBe(false);
      const text = readFileSync(file, 'utf8');
      for (const c of personal) expect(text.includes(c), `comment with personal data in ${file}: ${c}`).toBe(false);
      for (const r of responseIds) expect(text.includes(r), `respondent id in ${file}: ${r}`).toBe(false);
    }
  });

  it('suppresses cells below the minimum: no figure in pages or open data', () => {
    const data = JSON.parse(page(`data/${ids.at(-1)}.json`));
    const cells = data.journeys.flatMap((j: any) => j.stages.flatMap((s: any) => s.touchpoints.flatMap((t: any) => Object.values(t.segments)))) as any[];
    const suppressed = cells.filter((c) => c.suppressed);
    expect(suppressed.length).toBeGreaterThan(0);
    for (const c of suppressed) expect(c).toMatchObject({ respondents: null, ratings: null, figures: null, stats: null, change: null });
    for (const c of cells.filter((c) => !c.suppressed)) expect(c.respondents).toBeGreaterThanOrEqual(data.minRespondents);
  });

  it('writes a touchpoint table as open-data CSV with one row per touchpoint', () => {
    const data = JSON.parse(page(`data/${ids[0]}.json`));
    const rows = Papa.parse<Record<string, string>>(page(`data/${ids[0]}.csv`), { header: true, skipEmptyLines: true }).data;
    const touchpoints = data.journeys.flatMap((j: any) => j.stages.flatMap((s: any) => s.touchpoints));
    expect(rows).toHaveLength(touchpoints.length);
    const first = touchpoints.find((t: any) => !t.cell.suppressed);
    const row = rows.find((r) => r.touchpoint === first.id)!;
    expect(Number(row.respondents)).toBe(first.cell.respondents);
    expect(Number(row.nps)).toBeCloseTo(first.cell.figures.nps.value, 2);
  });
});

describe('journeys and playbooks', () => {
  const content = (path: string) => readFileSync(join(PROJECT, 'content', path), 'utf8');
  const journeys = readdirSync(join(PROJECT, 'content/journeys')).map((f) => f.replace(/\.yaml$/, ''));

  it('has a journey map for every journey and a playbook for every touchpoint, each translation at its language\'s address', () => {
    for (const journey of journeys) {
      expect(existsSync(join(dist, `journeys/${journey}/index.html`))).toBe(true);
      const journeyLang = /^lang: (\w+)$/m.exec(content(`journeys/${journey}.yaml`))![1]!;
      for (const file of readdirSync(join(PROJECT, 'content/touchpoints', journey))) {
        // desk-handover.en.mdx is the English page of desk-handover; desk-handover.mdx is in its journey's language.
        const [, id, lang = journeyLang] = /^(.+?)(?:\.([a-z]{2}))?\.mdx$/.exec(file)!;
        const html = page(`${inLanguage(`/playbooks/${journey}/${id}/`, lang, defaultLang).slice(1)}index.html`);
        const promise = /promise: "([^"]+)"/.exec(content(`touchpoints/${journey}/${file}`))![1]!;
        expect(html).toContain(promise.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
      }
    }
  });

  it("shows on a playbook the figures the pipeline computed for its touchpoint", () => {
    const latest = ids.at(-1)!;
    const data = JSON.parse(page(`data/${latest}.json`));
    let checked = 0;
    for (const j of data.journeys) {
      for (const s of j.stages) {
        for (const t of s.touchpoints) {
          const html = page(`playbooks/${j.id}/${t.id}/index.html`);
          if (t.cell.suppressed) {
            expect(html).toContain('n &lt; 10');
            continue;
          }
          expect(html).toContain(`<div class="value">${fmt.signed(t.cell.figures.nps.value)}</div>`);
          expect(html).toContain(`<div class="value">${fmt.signed(t.cell.figures.emotion.mean.value, 2)}</div>`);
          expect(html).toContain(`Respondents: ${fmt.integer(t.cell.respondents)}`);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('warns on a playbook whose touchpoint is below target, and draws the journey curve as SVG', () => {
    const queue = page('playbooks/electronics-pickup/service-desk-queue/index.html');
    expect(queue).toContain('below target');
    const map = page('journeys/electronics-pickup/index.html');
    expect(map).toMatch(/<svg[^>]*role="img"/);
    expect(map).toContain('<title');
  });

  it('lists every measure of the registry on the methodology page, with its open-data columns', () => {
    const html = page('methodology/index.html');
    const table = html.slice(html.indexOf('id="measures"'), html.indexOf('id="cells"'));
    for (const m of MEASURES) {
      const row = table.slice(table.indexOf(`<th scope="row">${t(m.label)}</th>`));
      expect(row.slice(0, row.indexOf('</tr>')), m.id).toContain(`<code>${m.openData.column}</code>`);
    }
  });

  it('links glossary terms to the methodology page', () => {
    const html = journeys.flatMap((j) => readdirSync(join(dist, 'playbooks', j)).map((t) => page(`playbooks/${j}/${t}/index.html`))).join('');
    expect(html).toMatch(/<a href="\/methodology\/#(nps|emotion|csat|ces)"/);
  });
});

describe('npm run validate', () => {
  it('prints the accounting of every file without building', async () => {
    const result = captured({ workers: false });
    expect(await validate(PROJECT, {}, [], result.effects)).toBe(0);
    expect(result.stderr()).toBe('');
    for (const file of SNAPSHOTS) expect(result.stdout()).toMatch(new RegExp(`data/snapshots/${file}[\\s\\S]*rows read \\d+ = accepted \\d+ \\+ rejected 0`));
  });
});

describe('comment themes on a playbook with few comments', () => {
  it('says in one line that no word sets the groups apart, instead of two empty lists', () => {
    // The group trip's booking: 14 and 13 comments in 2026-q3, no word at |z| ≥ 1.96 on either side.
    const html = page('playbooks/group-trip/booking/index.html');
    expect(html).toContain(t('themesNoWordAtAll'));
    expect(html).not.toContain(t('themesNoWord'));
  });
});
