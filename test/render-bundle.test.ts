// A build after a data change renders with the previous build's bundle (src/integration/render-bundle.ts)
// and writes the same site, byte for byte, as Astro's full build of the same data; a change to the
// content (which the bundle is built from) or a bundle cut short runs the full build again.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, PROJECT, SAMPLE_SETTINGS } from './build-site.ts';
import { expectSameSite } from './dist-files.ts';
import { bundleDir } from '../src/integration/render-bundle.ts';

let dir: string;
let root: string;
let env: Record<string, string>;
const FAST = 'pages: rendered with the bundle of the previous build';
const pagesLine = (stdout: string) => /^pages: .*$/m.exec(stdout)?.[0];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'polku-bundle-'));
  root = join(dir, 'project');
  mkdirSync(join(root, 'data'), { recursive: true });
  cpSync(join(PROJECT, 'data/snapshots'), join(root, 'data/snapshots'), { recursive: true });
  cpSync(join(PROJECT, 'content'), join(root, 'content'), { recursive: true });
  writeFileSync(join(root, 'polku.config.jsonc'), JSON.stringify({ ...SAMPLE_SETTINGS, content: 'content' }));
  env = { POLKU_CONFIG: join(root, 'polku.config.jsonc'), POLKU_CACHE_DIR: join(dir, 'cache') };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function build(out: string, extra: Record<string, string> = {}): string {
  const result = buildSite(out, { ...env, ...extra });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

/** The latest snapshot without its last `rows` rows: a change of data only. */
function dropRows(rows: number): void {
  const file = join(root, 'data/snapshots/2026-q3.csv');
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  writeFileSync(file, `${lines.slice(0, -rows).join('\n')}\n`);
}

describe('a build with the previous build’s bundle', () => {
  it('after a data change writes the same site as a full build of that data', () => {
    const site = join(dir, 'site');
    expect(pagesLine(build(site))).toBe("pages: Astro's full build (no bundle kept from a previous build)");
    const before = readFileSync(join(site, 'data-quality/index.html'), 'utf8');

    dropRows(400);
    expect(pagesLine(build(site))).toBe(`${FAST} (code, content and settings unchanged)`);
    // The data change shows (the rows read are fewer) …
    expect(readFileSync(join(site, 'data-quality/index.html'), 'utf8')).not.toBe(before);
    // … and the site is Astro's full build of the same data, byte for byte (the cache off: no bundle either).
    const full = join(dir, 'full');
    expect(pagesLine(build(full, { POLKU_NO_CACHE: '1' }))).toBe("pages: Astro's full build (the cache is off)");
    expectSameSite(site, full);
  });

  it('runs the full build when the content changed, and when the kept bundle is incomplete', () => {
    const site = join(dir, 'site');
    const playbook = join(root, 'content/touchpoints/group-trip/booking.mdx');
    writeFileSync(playbook, `${readFileSync(playbook, 'utf8')}\nBook the rooms before the flights.\n`);
    expect(pagesLine(build(site))).toBe("pages: Astro's full build (the code, content or settings changed since the bundle was built)");
    expect(readFileSync(join(site, 'playbooks/group-trip/booking/index.html'), 'utf8')).toContain('Book the rooms before the flights.');

    const kept = join(bundleDir(join(dir, 'cache'), site), 'bundle');
    const entry = readdirSync(kept).find((name) => name.startsWith('prerender-entry'))!;
    rmSync(join(kept, entry));
    dropRows(10);
    expect(pagesLine(build(site))).toBe("pages: Astro's full build (the kept bundle is incomplete)");
    // The full build kept a whole bundle again.
    dropRows(10);
    expect(pagesLine(build(site))).toBe(`${FAST} (code, content and settings unchanged)`);
  });
});
