// The site in Finnish: `"site": { "lang": "fi" }` in polku.config.jsonc (here a temporary one whose
// content and snapshots are the project's own, the build shared with test/browser/finnish.test.ts)
// gives Finnish pages, menus, number formats and search.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatter, translator } from '../src/site/i18n.ts';
import { FINNISH, sharedBuild } from './build-site.ts';

const t = translator('fi');
const fmt = formatter('fi');
let dist: string;

beforeAll(() => {
  dist = sharedBuild(FINNISH);
});

function htmlFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'pagefind' ? [] : htmlFiles(join(folder, e.name))) : e.name.endsWith('.html') ? [join(folder, e.name)] : [],
  );
}
const page = (path: string) => readFileSync(join(dist, path), 'utf8');

describe('a site with "lang": "fi"', () => {
  it('says lang="fi" on every page', () => {
    const files = htmlFiles(dist);
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) expect(readFileSync(file, 'utf8'), file).toMatch(/^<!DOCTYPE html><html lang="fi"/i);
  });

  it('has the menu, skip link, search and 404 page in Finnish', () => {
    const home = page('index.html');
    for (const label of ['reports', 'journeys', 'playbooks', 'search', 'dataQuality', 'methodology'] as const) expect(home).toContain(`>${t(label)}</a>`);
    expect(t('reports')).toBe('Raportit');
    expect(home).toContain(`>${t('skip')}</a>`);
    expect(home).toContain(`placeholder="${t('searchSite')}"`);
    expect(page('search/index.html')).toContain(`<h1>${t('search')}</h1>`);
    expect(page('404.html')).toContain(`<h1>${t('notFound')}</h1>`);
  });

  it('has no language switcher and no hreflang alternates: the site is in one language', () => {
    for (const path of ['index.html', 'playbooks/washing-machine/installation/index.html', 'search/index.html']) {
      expect(page(path), path).not.toContain('class="languages"');
      expect(page(path), path).not.toContain('hreflang');
    }
    expect(existsSync(join(dist, 'fi'))).toBe(false);
  });

  it('writes numbers, percentages and dates the Finnish way (1 234,5 and 45 %)', () => {
    expect(fmt.decimal(1234.5)).toBe('1\u00a0234,5');
    expect(fmt.percent(0.45)).toBe('45\u00a0%');
    const latest = readdirSync(join(dist, 'data')).filter((f) => f.endsWith('.json')).sort().at(-1)!;
    const data = JSON.parse(page(`data/${latest}`));
    const quality = page('data-quality/index.html');
    expect(data.source.rowsRead).toBeGreaterThan(999);
    expect(quality).toContain(fmt.integer(data.source.rowsRead));
    expect(quality).toMatch(/\d\u00a0\d{3}/);
    const report = page(`reports/${data.snapshot}/index.html`);
    expect(report).toContain(fmt.percent(data.total.figures.csat.satisfied.value));
    expect(report).toContain(fmt.date(data.period.first));
    expect(report).toMatch(/\d,\d\d/);
  });

  it('stems the search index as Finnish', () => {
    const files = readdirSync(join(dist, 'pagefind'));
    expect(files.some((f) => /^pagefind\.fi_.*\.pf_meta$/.test(f)), files.join(', ')).toBe(true);
    expect(files.some((f) => /^pagefind\.en_/.test(f))).toBe(false);
    expect(existsSync(join(dist, 'pagefind/wasm.fi.pagefind'))).toBe(true);
  });
});
