// Kept pages: a build that keeps old snapshots' touchpoint reports and open data from the previous
// build into the same folder is the same site, byte for byte, as a build that renders every page; and
// whatever those depend on (a snapshot before theirs, the content, a file edited by hand) renders them again.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, PROJECT, SAMPLE_SETTINGS, sharedBuild } from './build-site.ts';
import { expectSameSite } from './dist-files.ts';

let dir: string;
let root: string;
let env: Record<string, string>;
const kept = (stdout: string) => /touchpoint reports and open data: (\d+) of (\d+) snapshots' kept/.exec(stdout)?.slice(1).map(Number);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'polku-kept-'));
  root = join(dir, 'project');
  mkdirSync(join(root, 'data'), { recursive: true });
  cpSync(join(PROJECT, 'data/snapshots'), join(root, 'data/snapshots'), { recursive: true });
  cpSync(join(PROJECT, 'content'), join(root, 'content'), { recursive: true });
  // The latest snapshot waits outside until a test adds it.
  renameSync(join(root, 'data/snapshots/2026-q3.csv'), join(dir, '2026-q3.csv'));
  writeFileSync(join(root, 'polku.config.jsonc'), JSON.stringify({ ...SAMPLE_SETTINGS, content: 'content' }));
  env = { POLKU_CONFIG: join(root, 'polku.config.jsonc'), POLKU_CACHE_DIR: join(dir, 'cache') };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `site` is the same as a build of the project with the caches off, which reads every file although the cache holds them all. */
function expectSameAsFullBuild(site: string): void {
  const full = buildSite(join(dir, 'full'), { ...env, POLKU_NO_CACHE: '1' });
  expect(full.status, full.stderr).toBe(0);
  expect(full.stdout).toContain('snapshots: 0 from cache, 4 read from their files (cache off)');
  expectSameSite(site, join(dir, 'full'));
  rmSync(join(dir, 'full'), { recursive: true, force: true });
}

describe('kept pages', () => {
  it('keep the old snapshots’ touchpoint reports when a snapshot is added, and the site is the same', () => {
    const site = join(dir, 'site');
    const first = buildSite(site, env);
    expect(first.status, first.stderr).toBe(0);
    expect(kept(first.stdout)).toEqual([0, 3]);
    expect(first.stdout).toContain('snapshots: 0 from cache, 3 read from their files (cache: ');

    renameSync(join(dir, '2026-q3.csv'), join(root, 'data/snapshots/2026-q3.csv'));
    const page = join(site, 'reports/2025-q4/electronics-pickup/online-ad/index.html');
    const before = readFileSync(page, 'utf8');
    const added = buildSite(site, env);
    expect(added.status, added.stderr).toBe(0);
    // 2025-q4 and 2026-q1; 2026-q2 was the latest (its reports are in the search index) and is rendered again.
    expect(kept(added.stdout)).toEqual([2, 4]);
    expect(readFileSync(page, 'utf8')).toBe(before);
    // The project is now the sample's content and snapshots: the shared build of the sample renders every page.
    expectSameSite(site, sharedBuild());
  });

  it('render again the reports and open data of a snapshot edited by hand in the built site', () => {
    const site = join(dir, 'site');
    const page = join(site, 'reports/2026-q1/washing-machine/courier-delivery/index.html');
    const original = readFileSync(page, 'utf8');
    writeFileSync(page, original.replace('</main>', '<p>edited</p></main>'));
    const openData = join(site, 'data/2025-q4.csv');
    const originalData = readFileSync(openData, 'utf8');
    writeFileSync(openData, originalData.replace('2025-q4', '2025-q5'));
    const again = buildSite(site, env);
    expect(again.status, again.stderr).toBe(0);
    expect(kept(again.stdout)).toEqual([1, 4]); // 2026-q2; not 2026-q1 nor 2025-q4
    expect(readFileSync(page, 'utf8')).toBe(original);
    expect(readFileSync(openData, 'utf8')).toBe(originalData);
  });

  it('render every report again when the content changes, or a snapshot before theirs', () => {
    const site = join(dir, 'site');
    const touchpoint = join(root, 'content/touchpoints/electronics-pickup/online-ad.mdx');
    writeFileSync(touchpoint, readFileSync(touchpoint, 'utf8').replace(/^title: .*$/m, 'title: "Mainos verkossa"'));
    const retitled = buildSite(site, env);
    expect(retitled.status, retitled.stderr).toBe(0);
    expect(kept(retitled.stdout)).toEqual([0, 4]);
    // online-ad.mdx is the Finnish playbook (online-ad.en.mdx the English one): its title is on the Finnish report.
    expect(readFileSync(join(site, 'fi/reports/2025-q4/electronics-pickup/online-ad/index.html'), 'utf8')).toContain('Mainos verkossa');

    // One changed rating in the first snapshot: every later snapshot's trend and change include it.
    const csv = join(root, 'data/snapshots/2025-q4.csv');
    const bytes = readFileSync(csv);
    bytes[bytes.indexOf(',web,') + 3] = 'x'.charCodeAt(0);
    writeFileSync(csv, bytes);
    const changed = buildSite(site, env);
    expect(changed.status, changed.stderr).toBe(0);
    expect(kept(changed.stdout)).toEqual([0, 4]);
    expectSameAsFullBuild(site);
  });

  it('keep a report whose history window did not change when a snapshot before the window did', () => {
    const site = join(dir, 'site');
    writeFileSync(join(root, 'polku.config.jsonc'), JSON.stringify({ ...SAMPLE_SETTINGS, content: 'content', site: { ...SAMPLE_SETTINGS.site, historyLength: 2 } }));
    const windowed = buildSite(site, env);
    expect(windowed.status, windowed.stderr).toBe(0);
    expect(kept(windowed.stdout)).toEqual([0, 4]);

    // A rejected row in the first snapshot changes its account, not the figures of the next: 2026-q2's
    // window (2026-q1, 2026-q2) is as it was, 2026-q1's (2025-q4, 2026-q1) is not.
    const csv = join(root, 'data/snapshots/2025-q4.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8') + 'R25Q4-999999,2025-11-15,electronics-pickup,online-ad,web,new,11,,,,,\n');
    const changed = buildSite(site, env);
    expect(changed.status, changed.stderr).toBe(0);
    expect(kept(changed.stdout)).toEqual([1, 4]);
    expectSameAsFullBuild(site);
  });
});
