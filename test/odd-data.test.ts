// Every odd entry in data/snapshots/ gives one message (file, what is wrong, how to fix) and exit code
// 1: never a Node stack trace, never a hang (a FIFO opened for reading would wait for a writer).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromSystemError } from '../src/lib/common/errors.ts';
import { validate } from '../src/lib/model/validate.ts';
import { buildSite, PROJECT, runScript } from './build-site.ts';
import { captured } from './captured.ts';

const HEADER = 'response_id,submitted_at,journey,touchpoint,channel,segment,nps,csat,ces,emotion,expectation,comment';
const ROW = (id: string, comment = '') => `${id},2026-02-01,electronics-pickup,online-ad,web,new,9,4,5,1,1,${comment}`;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'polku-odd-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A project with one good snapshot and one odd entry made by `make` in its snapshot folder. */
function project(name: string, make: (path: string) => void): Record<string, string> {
  const root = mkdtempSync(join(dir, 'project-'));
  const snapshots = join(root, 'data/snapshots');
  mkdirSync(snapshots, { recursive: true });
  writeFileSync(join(snapshots, '2026-q1.csv'), `${HEADER}\n${ROW('R1')}\n`);
  make(join(snapshots, name));
  writeFileSync(join(root, 'polku.config.jsonc'), JSON.stringify({ content: join(PROJECT, 'content') }));
  return { POLKU_CONFIG: join(root, 'polku.config.jsonc') };
}

/** The message: an `error:` line naming the file and a how-to-fix line, and no stack frames. */
function expectOneMessage(result: { status: number | null; stderr: string }, first: string): void {
  expect(result.status, result.stderr).toBe(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  const lines = result.stderr.trim().split('\n');
  expect(lines[0]).toBe(`error: ${first}`);
  expect(lines[1]).toMatch(/^ {2}How to fix: /);
}

const CASES: [kind: string, name: string, make: (path: string) => void, first: string][] = [
  ['a dangling symbolic link', '2026-q2.csv', (path) => symlinkSync(join(dir, 'gone.csv'), path), 'data/snapshots/2026-q2.csv: a symbolic link to a file that does not exist: the snapshot folder holds only files'],
  ['a folder with a .csv name', '2026-q4.csv', (path) => mkdirSync(path), 'data/snapshots/2026-q4.csv: a folder, not a regular file: the snapshot folder holds only files'],
  ['a FIFO', '2026-q2.csv', (path) => execFileSync('mkfifo', [path]), 'data/snapshots/2026-q2.csv: a named pipe (FIFO), not a regular file: the snapshot folder holds only files'],
  ['a hidden file named like a snapshot', '..csv', (path) => writeFileSync(path, `${HEADER}\n${ROW('R1')}\n`), 'data/snapshots/..csv: a hidden file named like a snapshot: hidden files are not read'],
  ['UTF-16LE without a byte-order mark', '2026-q2.csv', (path) => writeFileSync(path, Buffer.from(`${HEADER}\r\n${ROW('R1')}\r\n`, 'utf16le')), 'data/snapshots/2026-q2.csv: the file looks like UTF-16 (little-endian) text without a byte-order mark: every other byte is NUL'],
  ['a record over the limit', '2026-q2.csv', (path) => writeFileSync(path, `${HEADER}\n${ROW('R1', `"${'pitkä, '.repeat(160_000)}"`)}\n${ROW('R2')}\n`), 'data/snapshots/2026-q2.csv:2: the record (row) that starts on line 2 is over the limit of 1,048,576 characters a record and has not ended: a field that long, or a quoted field whose quote never closes and swallows the rest of the file'],
  ['text in two encodings, Windows-1252 first', '2026-q2.csv', (path) => writeFileSync(path, Buffer.concat([Buffer.from(`${HEADER}\n${ROW('R1', 'hyv\xe4')}\n`, 'latin1'), Buffer.from(`${ROW('R2', 'hyvästä')}\n`, 'utf8')])), 'data/snapshots/2026-q2.csv:3:65: the file mixes two encodings: it reads as Windows-1252 (an Excel export: byte 0xE4, "ä", on line 2 is not UTF-8), but here is UTF-8 text (bytes 0xC3 0xA4, "ä" in UTF-8, "Ã¤" in Windows-1252), as when rows from a UTF-8 file are pasted into an Excel export'],
];

const isFifo = ([kind]: (typeof CASES)[number]) => kind === 'a FIFO';

describe('npm run validate on odd entries in data/snapshots/', () => {
  // In this process, with the output it would print (src/lib/model/validate.ts).
  it.each(CASES.filter((c) => !isFifo(c)))('%s: one message, exit code 1', { timeout: 90_000 }, async (_, name, make, first) => {
    const result = captured();
    const status = await validate(PROJECT, project(name, make), [], result.effects);
    expectOneMessage({ status, stderr: result.stderr() }, first);
  });

  // As a command: a hang (a FIFO opened for reading) fails the test, as the script is killed after 60 s.
  it.each(CASES.filter(isFifo))('%s: one message, exit code 1, from the command', { timeout: 90_000 }, (_, name, make, first) => {
    expectOneMessage(runScript('scripts/validate.ts', project(name, make), [], 60_000), first);
  });
});

describe('npm run build on odd entries in data/snapshots/', () => {
  it.each(CASES.filter(([kind]) => kind === 'a FIFO' || kind === 'a dangling symbolic link'))('%s: one message, exit code 1, before rendering', { timeout: 120_000 }, (_, name, make, first) => {
    const result = buildSite(join(dir, 'dist'), project(name, make));
    expect(result.stderr).toContain('The previous dist/ (if any) is unchanged.');
    expectOneMessage({ status: result.status, stderr: result.stderr.replace('The previous dist/ (if any) is unchanged.', '') }, first);
  });
});

describe('a file that cannot be read', () => {
  // Tests run as root, whom chmod 000 does not stop: the read error is given as the file system gives it.
  it('is one message naming the file, from the error the file system gives', () => {
    const error = Object.assign(new Error("EACCES: permission denied, open '/p/data/snapshots/2026-q1.csv'"), { code: 'EACCES', errno: -13, syscall: 'open', path: '/p/data/snapshots/2026-q1.csv' });
    expect(fromSystemError(error, '/p')?.format()).toBe('data/snapshots/2026-q1.csv: cannot open the file (EACCES: permission denied)\n  How to fix: give the user who builds permission to read it (chmod a+r), or remove it.');
    expect(fromSystemError(new Error('a bug'), '/p')).toBeNull();
  });
});
