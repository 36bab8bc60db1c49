// The make-style check of scripts/up-to-date.ts on a project in a temporary folder: up to date when
// nothing changed, not when any one kind of input or the output folder changed.
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/lib/project/config.ts';
import { buildSettings, forgetBuild, inputPaths, recordBuild, stampPath, takeInputs, upToDateSince } from './up-to-date.ts';

let root: string;
let dist: string;
let stamp: string;
const env = { POLKU_BASE: '/raportit/' };
const args = ['--strict'];

// An Excel export in Finnish: semicolons, decimal comma, Windows-1252 (ä is the byte 0xE4).
const EXPORT = Buffer.from('vastaaja;pvm;polku;kosketuspiste;nps;tyytyv\xe4isyys\r\nR1;1.2.2026;nouto;kassa;9;4,5\r\nR2;1.2.2026;nouto;kassa;3;2,0\r\n', 'latin1');

function write(path: string, text: string | Buffer): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

const inputs = (e: Record<string, string> = env, a: string[] = args) => takeInputs(inputPaths(root, loadConfig(root, e), e), buildSettings(e, a));
const upToDate = (e: Record<string, string> = env, a: string[] = args) => upToDateSince(stamp, inputs(e, a), dist) !== null;

/** Flips one byte of a file, keeping its size. */
function flipByte(path: string, at: number): void {
  const bytes = readFileSync(path);
  bytes[at] = bytes[at]! ^ 1;
  writeFileSync(path, bytes);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'polku-up-to-date-'));
  write(join(root, 'polku.config.jsonc'), '{ "site": { "title": "Asiakaskokemus" } }\n');
  write(join(root, 'data/snapshots/2026-q1.csv'), EXPORT);
  write(join(root, 'data/mapping.jsonc'), '{ "columns": { "vastaaja": "response_id" } }\n');
  write(join(root, 'content/touchpoints/nouto/kassa.mdx'), '---\ntitle: Kassa\n---\n\nAsiakas maksaa.\n');
  write(join(root, 'src/pages/index.astro'), '<h1>Polku</h1>\n');
  write(join(root, 'public/robots.txt'), 'User-agent: *\n');
  write(join(root, 'sql/aggregate.sql'), 'SELECT 1;\n');
  write(join(root, 'astro.config.mjs'), 'export default {};\n');
  write(join(root, 'package.json'), '{ "version": "0.1.0" }\n');
  write(join(root, 'package-lock.json'), '{}\n');
  dist = join(root, 'dist');
  write(join(dist, 'index.html'), '<h1>Polku</h1>\n');
  write(join(dist, 'reports/2026-q1/index.html'), '<p>NPS 0</p>\n');
  stamp = stampPath(join(root, '.polku/cache'), dist)!;
  expect(recordBuild(stamp, inputs(), dist)).toBeNull();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('upToDateSince', () => {
  it('gives the time of the build when nothing changed', () => {
    const since = upToDateSince(stamp, inputs(), dist);
    expect(since).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(upToDate()).toBe(true);
  });

  it.each([
    ['a byte of a snapshot file', () => flipByte(join(root, 'data/snapshots/2026-q1.csv'), 60)],
    ['a new snapshot file', () => write(join(root, 'data/snapshots/2026-q2.csv'), EXPORT)],
    ['a snapshot file removed', () => unlinkSync(join(root, 'data/snapshots/2026-q1.csv'))],
    ['the mapping', () => appendFileSync(join(root, 'data/mapping.jsonc'), '\n')],
    ['the settings file', () => write(join(root, 'polku.config.jsonc'), '{ "site": { "title": "Asiakaskokemu5" } }\n')],
    ['a content file', () => flipByte(join(root, 'content/touchpoints/nouto/kassa.mdx'), 30)],
    ['a source file', () => write(join(root, 'src/pages/index.astro'), '<h1>Polkú</h1>\n')],
    ['the SQL of the engine', () => write(join(root, 'sql/aggregate.sql'), 'SELECT 2;\n')],
    ['a public file', () => write(join(root, 'public/favicon.svg'), '<svg/>')],
    ['astro.config.mjs', () => write(join(root, 'astro.config.mjs'), 'export default { };\n')],
    ['the version in package.json', () => write(join(root, 'package.json'), '{ "version": "0.1.1" }\n')],
    ['package-lock.json', () => write(join(root, 'package-lock.json'), '{ }\n')],
    ['a page of dist/ deleted', () => unlinkSync(join(dist, 'reports/2026-q1/index.html'))],
    ['a page of dist/ edited', () => flipByte(join(dist, 'index.html'), 4)],
    ['a file added to dist/', () => write(join(dist, 'extra.html'), '')],
    ['dist/ removed', () => rmSync(dist, { recursive: true })],
  ])('is not up to date after a change to %s', (_what, change) => {
    change();
    expect(upToDate()).toBe(false);
  });

  it('is not up to date when a linked snapshot is linked to another export', () => {
    const [first, second] = [join(root, 'exports/first.csv'), join(root, 'exports/second.csv')];
    write(first, EXPORT);
    write(second, Buffer.concat([EXPORT, Buffer.from('R3;2.2.2026;nouto;kassa;10;5,0\r\n')]));
    const link = join(root, 'data/snapshots/2026-q2.csv');
    symlinkSync(first, link);
    expect(recordBuild(stamp, inputs(), dist)).toBeNull();
    expect(upToDate()).toBe(true);
    unlinkSync(link);
    symlinkSync(second, link);
    expect(upToDate()).toBe(false);
  });

  it('is not up to date when a setting that changes the output differs', () => {
    expect(upToDate({ POLKU_BASE: '/' })).toBe(false);
    expect(upToDate({})).toBe(false);
    expect(upToDate({ ...env, POLKU_SITE: 'https://example.fi' })).toBe(false);
    expect(upToDate(env, [])).toBe(false);
    expect(upToDate(env, [...args, '--pdf'])).toBe(false);
    // The log's verbosity and --force do not change what is built.
    expect(upToDate({ ...env, POLKU_QUIET: '1' }, [...args, '--force'])).toBe(true);
  });

  it('compares the content of a file written in the same tick of the file-system clock as its state was taken', () => {
    // A file edited within the same clock tick keeps its times: the stamp is made to hold the edited
    // file's times to stand for that, and only the hash recorded for a recently written file tells.
    const file = join(root, 'data/snapshots/2026-q1.csv');
    flipByte(file, 60);
    const recorded = JSON.parse(readFileSync(stamp, 'utf8')) as { inputs: Record<string, [number, string, string, string, string | null]> };
    const now = statSync(file, { bigint: true });
    const [size, , , , hash] = recorded.inputs[file]!;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    recorded.inputs[file] = [size, String(now.mtimeNs), String(now.ctimeNs), String(now.ino), hash];
    writeFileSync(stamp, JSON.stringify(recorded));
    expect(upToDate()).toBe(false);
  });

  it('trusts the times of a file written well before its state was taken, without reading it', () => {
    const later = Date.now() + 60_000;
    expect(recordBuild(stamp, takeInputs(inputPaths(root, loadConfig(root, env), env), buildSettings(env, args), later), dist, later)).toBeNull();
    const recorded = JSON.parse(readFileSync(stamp, 'utf8')) as { inputs: Record<string, unknown[]> };
    expect(Object.values(recorded.inputs).every((state) => state === null || state[4] === null)).toBe(true);
    expect(upToDate()).toBe(true);
    // With no hash to compare, the times and size tell (the size here: an edit within this test's tick keeps the times).
    appendFileSync(join(root, 'content/touchpoints/nouto/kassa.mdx'), 'Kuitti tulee sähköpostiin.\n');
    expect(upToDate()).toBe(false);
  });

  it('is not up to date without a stamp, after forgetBuild, or without a cache folder', () => {
    forgetBuild(stamp);
    expect(upToDate()).toBe(false);
    expect(stampPath(null, dist)).toBeNull();
    expect(upToDateSince(null, inputs(), dist)).toBeNull();
  });
});
