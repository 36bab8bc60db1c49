import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keptSnapshots, linkKeptPages, manifestPath, recordKeptPages, renderFingerprint, snapshotKeys } from './kept-pages.ts';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'polku-kept-unit-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (path: string, text: string) => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
};

describe('snapshotKeys', () => {
  const s = (id: string, json = `{"id":"${id}"}`) => ({ id, sha256: createHash('sha256').update(json).digest('hex') });

  it('gives every snapshot but the latest a key', () => {
    expect([...snapshotKeys('x', [s('a'), s('b'), s('c')], 12).keys()]).toEqual(['a', 'b']);
    expect(snapshotKeys('x', [s('a')], 12).size).toBe(0);
  });

  it('keeps a key when a snapshot is added after it, and changes it for anything before or in it', () => {
    const keys = snapshotKeys('x', [s('a'), s('b'), s('c')], 12);
    const added = snapshotKeys('x', [s('a'), s('b'), s('c'), s('d')], 12);
    expect(added.get('a')).toBe(keys.get('a'));
    expect(added.get('b')).toBe(keys.get('b'));
    expect(added.get('c')).toBeDefined(); // was the latest

    const changedFirst = snapshotKeys('x', [s('a', '{"id":"a","n":1}'), s('b'), s('c')], 12);
    expect(changedFirst.get('a')).not.toBe(keys.get('a'));
    expect(changedFirst.get('b')).not.toBe(keys.get('b'));
    const inserted = snapshotKeys('x', [s('a'), s('a2'), s('b'), s('c')], 12);
    expect(inserted.get('a')).toBe(keys.get('a'));
    expect(inserted.get('b')).not.toBe(keys.get('b'));
    expect(snapshotKeys('y', [s('a'), s('b'), s('c')], 12).get('a')).not.toBe(keys.get('a'));
  });

  it('depends only on the snapshots in the history window', () => {
    const keys = snapshotKeys('x', [s('a'), s('b'), s('c'), s('d')], 2);
    // b's window is a, b; c's is b, c: a change to a changes b's key and not c's.
    const changedFirst = snapshotKeys('x', [s('a', '{"id":"a","n":1}'), s('b'), s('c'), s('d')], 2);
    expect(changedFirst.get('b')).not.toBe(keys.get('b'));
    expect(changedFirst.get('c')).toBe(keys.get('c'));
    // Fewer snapshots before the window: the same key.
    expect(snapshotKeys('x', [s('b'), s('c'), s('d')], 2).get('c')).toBe(keys.get('c'));
    expect(snapshotKeys('x', [s('a'), s('b'), s('c'), s('d')], 3).get('c')).not.toBe(keys.get('c'));
  });
});

describe('renderFingerprint', () => {
  it('changes with a file’s content, a file added, or an environment variable', () => {
    write(join(dir, 'src/a.ts'), 'a');
    const paths = [join(dir, 'src'), join(dir, 'config.mjs')];
    const first = renderFingerprint(paths, { BASE: '/' });
    expect(renderFingerprint(paths, { BASE: '/' })).toBe(first);
    expect(renderFingerprint(paths, { BASE: '/polku/' })).not.toBe(first);
    expect(renderFingerprint(paths, { BASE: undefined })).not.toBe(first);
    write(join(dir, 'config.mjs'), '');
    const withConfig = renderFingerprint(paths, { BASE: '/' });
    expect(withConfig).not.toBe(first);
    write(join(dir, 'src/deep/b.ts'), 'b');
    const withB = renderFingerprint(paths, { BASE: '/' });
    expect(withB).not.toBe(withConfig);
    write(join(dir, 'src/deep/b.ts'), 'c');
    expect(renderFingerprint(paths, { BASE: '/' })).not.toBe(withB);
  });
});

describe('keptSnapshots, linkKeptPages and recordKeptPages', () => {
  // Touchpoint reports' folders, and a file: the open data.
  const paths = (id: string) => [`reports/${id}/trip/ad`, `reports/${id}/trip/desk`, `data/${id}.json`];
  const reports = [
    { id: 'q1', paths: paths('q1') },
    { id: 'q2', paths: paths('q2') },
  ];
  const keys = new Map([['q1', 'k1']]);
  const page = (site: string, id: string, tp: string) => join(site, 'reports', id, 'trip', tp, 'index.html');

  function builtSite(): { site: string; manifest: string } {
    const site = join(dir, 'dist');
    for (const id of ['q1', 'q2']) {
      for (const tp of ['ad', 'desk']) write(page(site, id, tp), `${id} ${tp}`);
      write(join(site, 'data', `${id}.json`), `{"snapshot":"${id}"}`);
    }
    // Not a touchpoint report: a journey's folder may hold another page (a journey with the id "compare").
    write(join(site, 'reports', 'q1', 'trip', 'index.html'), 'another page');
    const manifest = manifestPath(join(dir, 'cache'), site);
    expect(recordKeptPages(manifest, site, keys, reports)).toBeNull();
    return { site, manifest };
  }

  it('keeps a snapshot whose key and files are as recorded, and links its files into the new build', () => {
    const { site, manifest } = builtSite();
    expect(keptSnapshots(manifest, site, keys, reports)).toEqual(['q1']);
    const next = join(dir, 'next');
    linkKeptPages(site, next, [reports[0]!]);
    expect(readFileSync(page(next, 'q1', 'ad'), 'utf8')).toBe('q1 ad');
    expect(readFileSync(page(next, 'q1', 'desk'), 'utf8')).toBe('q1 desk');
    expect(readFileSync(join(next, 'data', 'q1.json'), 'utf8')).toBe('{"snapshot":"q1"}');
    expect(existsSync(join(next, 'data', 'q2.json'))).toBe(false);
    expect(existsSync(join(next, 'reports', 'q1', 'trip', 'index.html'))).toBe(false);
    expect(readFileSync(page(site, 'q1', 'ad'), 'utf8')).toBe('q1 ad'); // the previous build is left as it was
    expect(() => linkKeptPages(site, next, [reports[0]!])).toThrow(/also rendered/);
  });

  it('keeps nothing for another key, another folder, or without a record', () => {
    const { site, manifest } = builtSite();
    expect(keptSnapshots(manifest, site, new Map([['q1', 'other']]), reports)).toEqual([]);
    expect(manifestPath(join(dir, 'cache'), join(dir, 'elsewhere'))).not.toBe(manifest);
    expect(keptSnapshots(join(dir, 'cache/pages/none.json'), site, keys, reports)).toEqual([]);
    writeFileSync(manifest, '{"version":0,"snapshots":{}}');
    expect(keptSnapshots(manifest, site, keys, reports)).toEqual([]);
    writeFileSync(manifest, 'not json');
    expect(keptSnapshots(manifest, site, keys, reports)).toEqual([]);
  });

  it('keeps nothing of a snapshot whose files changed, went missing or gained one since', () => {
    for (const change of [
      (site: string) => writeFileSync(page(site, 'q1', 'ad'), 'q1 ad edited'),
      (site: string) => utimesSync(page(site, 'q1', 'ad'), new Date(0), new Date(0)),
      (site: string) => rmSync(page(site, 'q1', 'desk')),
      (site: string) => writeFileSync(join(site, 'data', 'q1.json'), '{}'),
      (site: string) => write(join(site, 'reports', 'q1', 'trip', 'ad', 'extra.html'), 'x'),
    ]) {
      rmSync(dir, { recursive: true, force: true });
      const { site, manifest } = builtSite();
      change(site);
      expect(keptSnapshots(manifest, site, keys, reports)).toEqual([]);
    }
  });
});
