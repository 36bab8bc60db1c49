// The reports leadership reads: every page there for every snapshot, the figures on them equal to the
// open data, light pages (no JavaScript but the search box's loader, under 300 KB with their inline SVG), accessible
// charts, suppression, and the PDFs that `npm run pdf` prints.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/lib/project/config.ts';
import { formatter, translator } from '../src/site/i18n.ts';
import { buildSite, PROJECT } from './build-site.ts';

const settings = loadConfig(PROJECT).site;
const fmt = formatter(settings.lang);
const t = translator(settings.lang);
const SUPPRESSED = t('suppressed', { min: 10 });
/** 2026-01-01T00:00:00Z: the PDFs' creation date in this build. */
const EPOCH = 1767225600;

const ids = readdirSync(join(PROJECT, 'data/snapshots')).filter((f) => f.endsWith('.csv')).map((f) => f.replace(/\.csv$/, '')).sort();
const journeys = readdirSync(join(PROJECT, 'content/journeys')).map((f) => f.replace(/\.yaml$/, ''));

let dir: string;
let dist: string;
let build = { stdout: '', stderr: '' };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'polku-reports-'));
  dist = join(dir, 'dist');
  const result = buildSite(dist, { SOURCE_DATE_EPOCH: String(EPOCH) }, ['--pdf']);
  if (result.status !== 0) throw new Error(`npm run pdf failed:\n${result.stdout}\n${result.stderr}`);
  build = result;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// ---- reading the built HTML ------------------------------------------------------------------

const page = (root: string, path: string) => readFileSync(join(root, path), 'utf8');
const data = (id: string) => JSON.parse(page(dist, `data/${id}.json`));

/** Text of an HTML fragment as a reader sees it. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The cells of each row of a fragment's tables, as text. */
function rows(html: string): string[][] {
  return [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => text(c[1]!)));
}

/** The one table row holding a link to `path`. */
function rowLinking(html: string, path: string): string[] {
  const found = [...html.matchAll(/<tr[^>]*>((?:(?!<\/tr>)[\s\S])*?)<\/tr>/g)].filter((r) => r[1]!.includes(`href="${path}"`));
  expect(found, `rows linking ${path}`).toHaveLength(1);
  return rows(found[0]![0])[0]!;
}

/** A journey's section of a snapshot report. */
function section(html: string, id: string): string {
  const match = new RegExp(`<section[^>]*aria-labelledby="${id}"[^>]*>([\\s\\S]*?)</section>`).exec(html);
  expect(match, `section ${id}`).not.toBeNull();
  return match![1]!;
}

/** The chart figures of a page (figure.chart … /figure; charts contain no figure). */
function charts(html: string): string[] {
  return html.split('<figure class="chart">').slice(1).map((rest) => rest.slice(0, rest.indexOf('</figure>')));
}

/** The headline values (NPS, CSAT, CES, emotion) of the first figures list in a fragment. */
function headline(html: string): string[] {
  const list = /<ul class="figures"[^>]*>([\s\S]*?)<\/ul>/.exec(html);
  expect(list).not.toBeNull();
  return [...list![1]!.matchAll(/<div class="value">([\s\S]*?)<\/div>/g)].map((m) => text(m[1]!));
}

function allFiles(root: string): string[] {
  return readdirSync(root, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(root, e.name)) : [join(root, e.name)]));
}

const reportPages = () => allFiles(join(dist, 'reports')).filter((f) => f.endsWith('.html'));

// ---- the figures as the pages format them (src/site/headline.ts, src/components/*) -------------

/* eslint-disable @typescript-eslint/no-explicit-any */
type Cell = any;

function expectedHeadline(cell: Cell): string[] {
  const f = cell.figures;
  return [
    f.nps ? fmt.signed(f.nps.value) : '–',
    f.csat ? fmt.percent(f.csat.satisfied.value) : '–',
    f.ces?.mean ? fmt.decimal(f.ces.mean.value, 2) : '–',
    f.emotion?.mean ? fmt.signed(f.emotion.mean.value, 2) : '–',
  ];
}

const touchpointsOf = (journey: Cell): Cell[] => journey.stages.flatMap((s: Cell) => s.touchpoints);
const change = (test: Cell, digits = 0) => (test ? `${fmt.signed(test.delta, digits)}${test.significant ? ' *' : ''}` : '–');

describe('report pages', () => {
  it('exist: /reports/, every snapshot, the comparison for every snapshot with a previous one, a report for every touchpoint', () => {
    expect(existsSync(join(dist, 'reports/index.html'))).toBe(true);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    let touchpointPages = 0;
    for (const id of ids) {
      expect(existsSync(join(dist, `reports/${id}/index.html`)), id).toBe(true);
      const snapshot = data(id);
      expect(existsSync(join(dist, `reports/${id}/compare/index.html`)), `${id} compare`).toBe(snapshot.previous !== null);
      for (const journey of journeys) {
        for (const file of readdirSync(join(PROJECT, 'content/touchpoints', journey))) {
          const path = `reports/${id}/${journey}/${file.replace(/(\.(en|fi))?\.mdx$/, '')}/index.html`;
          expect(existsSync(join(dist, path)), path).toBe(true);
          touchpointPages++;
        }
      }
    }
    expect(ids.filter((id) => data(id).previous !== null)).toHaveLength(ids.length - 1);
    expect(touchpointPages).toBeGreaterThan(ids.length * 20);
  });

  it('list every snapshot, newest first, with the headline NPS, CSAT and CES of the open data', () => {
    const html = page(dist, 'reports/index.html');
    const order = [...ids].reverse().map((id) => html.indexOf(`href="/reports/${id}/"`));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    for (const id of ids) {
      const [nps, csat, ces] = expectedHeadline(data(id).total);
      const cells = rowLinking(html, `/reports/${id}/`);
      expect(cells[2]!.startsWith(nps!), `${id} NPS ${cells[2]}`).toBe(true);
      expect(cells[3]!.startsWith(csat!), `${id} CSAT ${cells[3]}`).toBe(true);
      expect(cells[4]!.startsWith(ces!), `${id} CES ${cells[4]}`).toBe(true);
    }
  });

  it("show a snapshot's headline figures, each journey's, and every touchpoint's row as the open data has them", () => {
    let checked = 0;
    for (const id of ids) {
      const snapshot = data(id);
      const html = page(dist, `reports/${id}/index.html`);
      expect(headline(section(html, 'summary'))).toEqual(expectedHeadline(snapshot.total));
      for (const journey of snapshot.journeys) {
        const part = section(html, journey.id);
        if (!journey.cell.suppressed) expect(headline(part), `${id} ${journey.id}`).toEqual(expectedHeadline(journey.cell));
        const curve = charts(part).find((c) => c.includes('chart-emotion-curve'));
        expect(curve, `${id} ${journey.id} curve`).toBeDefined();
        const curveRows = rows(curve!.slice(curve!.indexOf('<tbody>')));
        const touchpoints = touchpointsOf(journey);
        expect(curveRows).toHaveLength(touchpoints.length);
        touchpoints.forEach((tp, i) => {
          const row = rowLinking(part, `/reports/${id}/${journey.id}/${tp.id}/`);
          const where = `${id} ${journey.id}/${tp.id}`;
          if (tp.cell.suppressed) return; // the suppression test below
          const f = tp.cell.figures;
          expect(row.slice(2, 10), where).toEqual([
            fmt.integer(tp.cell.respondents),
            f.nps ? `${fmt.signed(f.nps.value)} ± ${fmt.decimal(f.nps.margin, 0)}` : '–',
            f.csat ? fmt.percent(f.csat.satisfied.value) : '–',
            f.csat?.mean ? fmt.decimal(f.csat.mean.value, 2) : '–',
            f.ces?.mean ? fmt.decimal(f.ces.mean.value, 2) : '–',
            f.ces ? fmt.percent(f.ces.easy.value) : '–',
            f.emotion?.mean ? fmt.signed(f.emotion.mean.value, 2) : '–',
            row[9]!, // the target, from content
          ]);
          expect(row[10], where).toBe(f.gap?.mean ? fmt.signed(f.gap.mean.value, 2) : '–');
          expect(row[11], where).toBe(change(tp.cell.change?.emotionMean, 2));
          // The curve's table: the same mean, with its interval.
          const m = f.emotion.mean;
          expect(curveRows[i]![1]!.startsWith(fmt.signed(m.value, 2)), where).toBe(true);
          expect(curveRows[i]![2], where).toBe(`${fmt.signed(m.low, 2)} … ${fmt.signed(m.high, 2)}`);
          checked++;
        });
      }
    }
    expect(checked).toBeGreaterThan(ids.length * 20);
  });

  it("show on a touchpoint's report its headline figures and NPS groups as the open data has them", () => {
    let checked = 0;
    for (const id of ids) {
      for (const journey of data(id).journeys) {
        for (const tp of touchpointsOf(journey)) {
          if (tp.cell.suppressed) continue;
          const html = page(dist, `reports/${id}/${journey.id}/${tp.id}/index.html`);
          expect(headline(html), `${id} ${journey.id}/${tp.id}`).toEqual(expectedHeadline(tp.cell));
          const nps = tp.cell.figures.nps;
          const bar = charts(html).find((c) => c.includes('chart-nps'))!;
          expect(rows(bar.slice(bar.indexOf('<tbody>'))).map((r) => r[1])).toEqual([nps.detractors, nps.passives, nps.promoters].map((n) => fmt.integer(n)));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(ids.length * 20);
  });

  it('compare each snapshot with the previous one: NPS and emotion then, now, and the tested change', () => {
    for (const id of ids) {
      const now = data(id);
      if (!now.previous) continue;
      const then = data(now.previous);
      const nps = (c?: Cell) => (!c ? '–' : c.suppressed ? SUPPRESSED : c.figures?.nps ? fmt.signed(c.figures.nps.value) : '–');
      const emotion = (c?: Cell) => (!c ? '–' : c.suppressed ? SUPPRESSED : c.figures?.emotion?.mean ? fmt.signed(c.figures.emotion.mean.value, 2) : '–');
      const line = (a: Cell, b: Cell | undefined) => [nps(b), nps(a), change(a.change?.nps), emotion(b), emotion(a), change(a.change?.emotionMean, 2)];
      const expected = [line(now.total, then.total)];
      for (const j of now.journeys) {
        const before = then.journeys.find((x: Cell) => x.id === j.id);
        expected.push(line(j.cell, before?.cell));
        for (const tp of touchpointsOf(j)) expected.push(line(tp.cell, before && touchpointsOf(before).find((x: Cell) => x.id === tp.id)?.cell));
      }
      const html = page(dist, `reports/${id}/compare/index.html`);
      const body = rows(html.slice(html.indexOf('<tbody>'))).map((r) => r.slice(1));
      expect(body).toEqual(expected);
    }
  });

  it('link their open data and, built with --pdf, their PDF', () => {
    for (const id of ids) {
      const html = page(dist, `reports/${id}/index.html`);
      expect(html).toContain(`href="/data/${id}.json"`);
      expect(html).toContain(`href="/data/${id}.csv"`);
      expect(html).toContain(`href="/reports/${id}/${id}.pdf"`);
    }
  });

  it('weigh under 300 KB each, inline SVG included, and ship no script but the search box’s loader', () => {
    const pages = reportPages();
    expect(pages.length).toBeGreaterThan(ids.length * 20);
    let largest = 0;
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      largest = Math.max(largest, statSync(file).size);
      expect(statSync(file).size, relative(dist, file)).toBeLessThan(300 * 1024);
      for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) {
        const src = /\ssrc="([^"]*)"/.exec(tag)?.[1];
        const type = /\stype="([^"]*)"/.exec(tag)?.[1] ?? '';
        // Runs in the browser: only the inline loader of Pagefind's UI (SearchBox.astro), which loads it on
        // first use. Templates and data blocks (any other type) never run.
        const runs = type === '' || type === 'module' || /javascript|ecmascript/i.test(type);
        if (runs) expect(src ?? 'the search loader', `${relative(dist, file)}: ${tag}`).toBe('the search loader');
      }
      expect(html, relative(dist, file)).not.toMatch(/\son[a-z]+="/i);
    }
    console.log(`report pages: ${pages.length}, largest ${(largest / 1024).toFixed(0)} KB`);
  });

  it('draw every chart as an image with a title and a description, a caption in words and the table behind it', () => {
    let count = 0;
    for (const file of reportPages()) {
      const html = readFileSync(file, 'utf8');
      const figures = charts(html);
      // Each chart is drawn for a phone and for a wide screen (CHART_LAYOUTS), both inside its figure.
      expect((html.match(/<svg\b/g) ?? []).length, relative(dist, file)).toBe(2 * figures.length);
      for (const chart of figures) {
        const svgs = chart.match(/<svg\b[^>]*>/g) ?? [];
        const where = `${relative(dist, file)}: ${svgs[0]?.slice(0, 120)}`;
        expect(svgs, where).toHaveLength(2);
        for (const svg of svgs) expect(svg, where).toContain('role="img"');
        expect(chart.match(/<title[^>]*>[^<]+<\/title>/g)?.length, where).toBeGreaterThanOrEqual(2);
        expect(chart, where).toMatch(/<desc[^>]*>[^<]+<\/desc>/);
        expect(chart, where).toMatch(/<figcaption>[^<]+<\/figcaption>/);
        expect(chart, where).toMatch(/<table[\s\S]*<tbody>[\s\S]*<td/);
        count++;
      }
    }
    expect(count).toBeGreaterThan(ids.length * 60);
  });
});

// ---- the PDFs ----------------------------------------------------------------------------------

const POPPLER = 'apt-get install -y poppler-utils';

/** The text of a PDF by pdftotext (Debian's poppler-utils); pages are separated by form feeds. */
function pdfText(file: string): string {
  const result = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  if (result.error) throw new Error(`pdftotext is needed to read the PDFs' text: ${POPPLER} (${result.error.message})`);
  if (result.status !== 0) throw new Error(`pdftotext ${file}: ${result.stderr}`);
  return result.stdout;
}

/** Pages of a PDF as Chromium (Skia) writes it: one uncompressed `/Type /Page` object each, no object streams. */
function pdfPages(bytes: Buffer): number {
  const raw = bytes.toString('latin1');
  expect(raw).not.toContain('/ObjStm');
  return (raw.match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;
}

describe('npm run pdf', () => {
  it('prints every report to reports/<snapshot>/<snapshot>.pdf in at most 8 pages, none of them mostly blank', () => {
    expect(build.stdout).toMatch(/PDF: \d+ reports/);
    for (const id of ids) {
      const bytes = readFileSync(join(dist, `reports/${id}/${id}.pdf`));
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const pages = pdfPages(bytes);
      // A board pack: the summary, then the journeys one after another (the analyst's detail stays on the screen).
      expect(pages, id).toBeGreaterThanOrEqual(1);
      expect(pages, id).toBeLessThanOrEqual(8);
      const texts = pdfText(join(dist, `reports/${id}/${id}.pdf`)).split('\f').filter((p) => p.trim());
      expect(texts.length, `${id}: pages with text`).toBe(pages);
      // Every page but the last is filled: a forced page break once left a page of 6 lines and its footer.
      texts.slice(0, -1).forEach((p, i) => expect(p.split('\n').filter((line) => line.trim()).length, `${id} page ${i + 1}: lines`).toBeGreaterThan(25));
      console.log(`${id}.pdf: ${pages} pages, ${(bytes.length / 1024).toFixed(0)} KiB`);
    }
  });

  it("holds the report's headline figures and each journey's, with the snapshot and page numbers in every footer", () => {
    for (const id of ids) {
      const snapshot = data(id);
      const text = pdfText(join(dist, `reports/${id}/${id}.pdf`));
      const pages = text.split('\f').filter((p) => p.trim());
      for (const value of expectedHeadline(snapshot.total)) expect(text, `${id}: ${value}`).toContain(value);
      for (const journey of snapshot.journeys) {
        if (journey.cell.suppressed) continue;
        for (const value of expectedHeadline(journey.cell)) expect(text, `${id} ${journey.id}: ${value}`).toContain(value);
      }
      pages.forEach((p, i) => {
        expect(p, `${id} page ${i + 1}`).toContain(`${settings.title} · ${t('snapshot')} ${id}`);
        expect(p, `${id} page ${i + 1}`).toContain(t('pdfPage', { page: i + 1, pages: pages.length }));
      });
    }
  });

  it('prints no addresses after links, no link to the PDF itself, and no analyst detail', () => {
    for (const id of ids) {
      const text = pdfText(join(dist, `reports/${id}/${id}.pdf`));
      expect(text, id).not.toMatch(/\(\/[\w/.-]*\)|https?:/);
      expect(text, id).not.toContain(t('pdf'));
      for (const detail of [t('byChannel'), t('trend'), t('openData')]) expect(text, `${id}: ${detail}`).not.toContain(detail);
      expect(readFileSync(join(dist, `reports/${id}/${id}.pdf`)).toString('latin1'), id).not.toMatch(/\/URI\s*\([^)]*\.pdf\)/);
    }
  });

  it('links to no local address, and dates itself from SOURCE_DATE_EPOCH', () => {
    for (const id of ids) {
      const raw = readFileSync(join(dist, `reports/${id}/${id}.pdf`)).toString('latin1');
      expect(raw).not.toMatch(/127\.0\.0\.1|localhost/);
      expect(raw).toContain("/CreationDate (D:20260101000000+00'00')");
      expect(raw).toContain("/ModDate (D:20260101000000+00'00')");
    }
  });
});

// ---- suppression, and a build without --pdf ------------------------------------------------------

describe('a snapshot with a touchpoint below the minimum, built without --pdf', () => {
  const HEADER = 'response_id,submitted_at,journey,touchpoint,channel,segment,nps,csat,ces,emotion,expectation,comment';
  let small: string;
  let snapshot: Cell;

  beforeAll(() => {
    const root = join(dir, 'small');
    mkdirSync(join(root, 'data/snapshots'), { recursive: true });
    const lines = [HEADER];
    // Two channels and two segments per touchpoint, as real data has: with one of each, a touchpoint
    // would be its own channel, and protecting the small one would hide the whole journey.
    const segment = (i: number) => (i % 2 ? 'returning' : 'new');
    for (let i = 0; i < 40; i++) lines.push(`A${i},2026-02-0${1 + (i % 9)},electronics-pickup,service-desk-queue,${i % 3 ? 'store' : 'app'},${segment(i)},${i % 11},${1 + (i % 5)},${1 + (i % 7)},${(i % 7) - 3},0,`);
    for (let i = 0; i < 30; i++) lines.push(`B${i},2026-02-0${1 + (i % 9)},electronics-pickup,web-order,${i % 3 ? 'web' : 'app'},${segment(i)},${(i * 3) % 11},${1 + (i % 5)},${1 + (i % 7)},${(i % 5) - 2},1,`);
    for (let i = 0; i < 3; i++) lines.push(`C${i},2026-02-01,electronics-pickup,pickup-code,sms,new,2,1,1,-3,0,`);
    writeFileSync(join(root, 'data/snapshots/2026-q1.csv'), lines.join('\n') + '\n');
    writeFileSync(join(root, 'polku.config.jsonc'), JSON.stringify({ content: join(PROJECT, 'content') }));
    small = join(root, 'dist');
    // POLKU_PDF in the environment does not make a page link a PDF that was never printed.
    const result = buildSite(small, { POLKU_CONFIG: join(root, 'polku.config.jsonc'), POLKU_PDF: '1' });
    if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
    snapshot = JSON.parse(page(small, 'data/2026-q1.json'));
  });

  it('shows "n < 10" and no figure for it in the touchpoint table, the curve, its table and its own report', () => {
    const journey = snapshot.journeys.find((j: Cell) => j.id === 'electronics-pickup');
    const touchpoints = touchpointsOf(journey);
    const hidden = touchpoints.filter((tp) => tp.cell.suppressed && tp.cell.suppressedFor === 'fewRespondents');
    expect(hidden.map((tp) => tp.id)).toEqual(['pickup-code']);
    // Touchpoints nobody rated are not labelled as small groups: they have no feedback.
    const unrated = touchpoints.filter((tp) => tp.cell.suppressedFor === 'noData');
    expect(unrated.length).toBeGreaterThan(0);
    const html = page(small, 'reports/2026-q1/index.html');
    const part = section(html, 'electronics-pickup');
    const curve = charts(part).find((c) => c.includes('chart-emotion-curve'))!;
    const svg = curve.slice(0, curve.indexOf('</svg>'));
    const curveRows = rows(curve.slice(curve.indexOf('<tbody>')));
    for (const tp of hidden) {
      const where = `pickup-code: ${tp.id}`;
      // The table: stage, name, then "n < 10" across the figures' columns.
      expect(rowLinking(part, `/reports/2026-q1/electronics-pickup/${tp.id}/`).slice(2), where).toEqual([SUPPRESSED]);
      // The curve's table: no mean, no interval, no expected value; the target comes from content.
      const row = curveRows[touchpoints.indexOf(tp)]!;
      expect([row[1], row[3]], where).toEqual([SUPPRESSED, '–']);
      expect(row).toHaveLength(4);
      const report = page(small, `reports/2026-q1/electronics-pickup/${tp.id}/index.html`);
      expect(headline(report), where).toEqual(['–', '–', '–', '–']);
      expect(report).toContain(`n &lt; 10`);
      expect(report).not.toContain('chart-nps');
      expect(report).not.toContain('chart-distribution');
    }
    for (const tp of unrated) {
      expect(rowLinking(part, `/reports/2026-q1/electronics-pickup/${tp.id}/`).slice(2), tp.id).toEqual([t('noFeedback')]);
      expect(curveRows[touchpoints.indexOf(tp)]![1], tp.id).toBe(t('noFeedback'));
    }
    // The curve breaks where the touchpoint is, labelled in words.
    expect(svg).toContain('>n &lt; 10<');
    const shown = touchpoints.filter((tp) => !tp.cell.suppressed && tp.cell.figures?.emotion);
    expect(shown.length).toBeGreaterThan(0);
    for (const tp of shown) expect(part).toContain(fmt.signed(tp.cell.figures.emotion.mean.value, 2));
  });

  it('links no PDF', () => {
    const html = page(small, 'reports/2026-q1/index.html');
    expect(html).not.toMatch(/href="[^"]*\.pdf"/);
    expect(existsSync(join(small, 'reports/2026-q1/2026-q1.pdf'))).toBe(false);
  });
});
