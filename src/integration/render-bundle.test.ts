import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ASTRO_VERSION, bundleDir, bundleProblem, installedAstroVersion } from './render-bundle.ts';

const root = mkdtempSync(join(tmpdir(), 'polku-render-bundle-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A kept bundle as a full build leaves it: its record, and the entry the record names. */
function keptBundle(name: string, meta: Record<string, unknown>, entry = true): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'bundle'), { recursive: true });
  writeFileSync(join(dir, 'bundle.json'), JSON.stringify({ astro: ASTRO_VERSION, fingerprint: 'f1', entry: 'prerender-entry.abc.mjs', ...meta }));
  if (entry) writeFileSync(join(dir, 'bundle', 'prerender-entry.abc.mjs'), 'export const app = null;\n');
  return dir;
}

describe('the kept render bundle', () => {
  it('is written for the installed Astro: an upgrade needs render-bundle.ts checked against its internals, then ASTRO_VERSION raised', () => {
    expect(installedAstroVersion()).toBe(ASTRO_VERSION);
  });

  it('renders a build whose code, content and settings have the fingerprint it was built from', () => {
    expect(bundleProblem(keptBundle('same', {}), 'f1', ASTRO_VERSION)).toBeNull();
  });

  it('is not used when the fingerprint differs, Astro is another version, or it is missing or incomplete', () => {
    expect(bundleProblem(keptBundle('changed', {}), 'f2', ASTRO_VERSION)).toBe('the code, content or settings changed since the bundle was built');
    expect(bundleProblem(keptBundle('upgraded', {}), 'f1', '7.4.0')).toBe(`the kept bundle is of Astro ${ASTRO_VERSION}, Astro 7.4.0 is installed, and Polku renders with kept bundles of Astro ${ASTRO_VERSION} only`);
    expect(bundleProblem(keptBundle('older', { astro: '7.2.0' }), 'f1', ASTRO_VERSION)).toContain('the kept bundle is of Astro 7.2.0');
    expect(bundleProblem(join(root, 'none'), 'f1', ASTRO_VERSION)).toBe('no bundle kept from a previous build');
    expect(bundleProblem(keptBundle('cut-short', {}, false), 'f1', ASTRO_VERSION)).toBe('the kept bundle is incomplete');
  });

  it('is kept per output folder, in the snapshot cache', () => {
    expect(bundleDir('/c', 'dist')).toBe(bundleDir('/c', join(process.cwd(), 'dist')));
    expect(bundleDir('/c', '/a/dist')).not.toBe(bundleDir('/c', '/b/dist'));
    expect(bundleDir('/c', '/a/dist').startsWith('/c/bundle/')).toBe(true);
  });
});
