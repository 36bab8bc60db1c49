import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../../../test/temp-files.ts';
import { PolkuError } from '../common/errors.ts';
import { listSnapshotFiles } from './snapshot-files.ts';

const tempFile = useTempFiles('polku-snapshot-files-');

function folderWith(names: string[]): string {
  const dir = dirname(tempFile(`marker-${names.join('-').replace(/[^a-z0-9]/gi, '')}`, ''));
  const folder = join(dir, `snapshots-${Math.random().toString(36).slice(2)}`);
  mkdirSync(folder);
  for (const name of names) writeFileSync(join(folder, name), 'x');
  return folder;
}

describe('listSnapshotFiles', () => {
  it('takes ids from file names, sorted, skipping hidden files and a README', () => {
    const folder = folderWith(['2026-q2.csv', '2026-q1.CSV', '.DS_Store', 'README.md', 'export.tsv']);
    expect(listSnapshotFiles(folder, dirname(folder)).map((f) => f.id)).toEqual(['2026-q1', '2026-q2', 'export']);
  });

  it.each([
    ['Q3 2026.csv', 'snapshot file name'],
    ['a%2e%2e%2fb.csv', 'snapshot file name'],
    ['ä-2026.csv', 'snapshot file name'],
  ])('refuses a file name that cannot be a URL segment: %s', (name, what) => {
    const folder = folderWith([name]);
    expect(() => listSnapshotFiles(folder, dirname(folder))).toThrow(PolkuError);
    expect(() => listSnapshotFiles(folder, dirname(folder))).toThrow(what);
  });

  it.each([
    ['a dangling symbolic link', '2026-q1.csv', (path: string) => symlinkSync(join(dirname(path), 'gone.csv'), path), 'data/2026-q1.csv: a symbolic link to a file that does not exist: the snapshot folder holds only files'],
    ['a symbolic link to itself', '2026-q1.csv', (path: string) => symlinkSync(path, path), 'data/2026-q1.csv: a symbolic link that points to itself (a loop of links): the snapshot folder holds only files'],
    ['two symbolic links to each other', '2026-q1.csv', (path: string) => (symlinkSync(path, join(dirname(path), 'b.csv')), symlinkSync(join(dirname(path), 'b.csv'), path)), 'data/2026-q1.csv: a symbolic link that points to itself (a loop of links): the snapshot folder holds only files'],
    ['a folder with a .csv name', '2026-q4.csv', (path: string) => mkdirSync(path), 'data/2026-q4.csv: a folder, not a regular file: the snapshot folder holds only files'],
    ['a named pipe, without opening it', '2026-q2.csv', (path: string) => execFileSync('mkfifo', [path]), 'data/2026-q2.csv: a named pipe (FIFO), not a regular file: the snapshot folder holds only files'],
    ['a hidden file named like a snapshot', '..csv', (path: string) => writeFileSync(path, 'x'), 'data/..csv: a hidden file named like a snapshot: hidden files are not read'],
  ])('refuses %s, in one message', { timeout: 5000 }, (_, name, make, message) => {
    const folder = folderWith(['2026-q3.csv']);
    make(join(folder, name));
    const error = (() => {
      try {
        listSnapshotFiles(folder, dirname(folder));
      } catch (e) {
        return e as PolkuError;
      }
    })();
    expect(error).toBeInstanceOf(PolkuError);
    expect(error!.format().split('\n')[0]!.replace(/^snapshots-[a-z0-9]+/, 'data')).toBe(message);
  });

  it('refuses a workbook with advice to save it as CSV', () => {
    const folder = folderWith(['2026-q3.xlsx']);
    expect(() => listSnapshotFiles(folder, dirname(folder))).toThrow('a spreadsheet workbook is not a snapshot');
  });
});
