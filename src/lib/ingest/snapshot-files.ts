// The snapshot files of data/snapshots/: which entries are snapshots, their ids, and the entries
// refused with advice (spreadsheets, links, pipes, hidden files named like snapshots).
import { lstatSync, readdirSync, statSync, type Stats } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { PolkuError } from '../common/errors.ts';
import { SlugError, toSlug } from '../common/slug.ts';

export interface SnapshotFile {
  id: string;
  path: string;
  file: string;
  /** A period cut from an export (periods.ts): the export's id, whose mapping applies. */
  from?: string;
}

// .parquet: an aggregate (aggregate-input.ts); a .csv may be one too, told by its header.
const SNAPSHOT_EXTENSIONS = new Set(['.csv', '.tsv', '.txt', '.parquet']);
const SPREADSHEETS = new Set(['.xlsx', '.xls', '.xlsm', '.ods', '.numbers']);

/**
 * What an entry of the snapshot folder is when it is not a regular file, or null. Only its metadata is
 * read (lstat, then stat through a link): a named pipe opened for reading would wait for a writer forever.
 */
function notARegularFile(path: string): string | null {
  let stats: Stats = lstatSync(path);
  if (stats.isSymbolicLink()) {
    try {
      stats = statSync(path);
    } catch (error) {
      // ELOOP: the link points to itself, or to links that lead back to it.
      return (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'a symbolic link that points to itself (a loop of links)' : 'a symbolic link to a file that does not exist';
    }
  }
  if (stats.isFile()) return null;
  const kind = stats.isDirectory() ? 'a folder' : stats.isFIFO() ? 'a named pipe (FIFO)' : stats.isSocket() ? 'a socket' : 'a device';
  return `${kind}, not a regular file`;
}

/**
 * Snapshot files in data/snapshots/, sorted by name; spreadsheets, entries that are not regular files
 * and hidden files named like snapshots are refused with advice. Other hidden files (.DS_Store) and a
 * README are skipped.
 */
export function listSnapshotFiles(dir: string, root: string): SnapshotFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    throw new PolkuError('the snapshot folder does not exist', { file: relative(root, dir) || dir }, 'create it and put the survey exports (CSV) in it, or set "snapshots" in polku.config.jsonc.');
  }
  const files: SnapshotFile[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const file = relative(root, path);
    const ext = extname(name).toLowerCase();
    if (name.startsWith('.')) {
      // "..csv" or macOS's "._2026-q3.csv" would be left out of the site without a word.
      if (SNAPSHOT_EXTENSIONS.has(ext) || SPREADSHEETS.has(ext)) throw new PolkuError('a hidden file named like a snapshot: hidden files are not read', { file }, 'rename it without the leading dot to read it as a snapshot, or move it out of the snapshot folder (a "._" file is a copy of macOS metadata: delete it).');
      continue;
    }
    if (name.toLowerCase() === 'readme.md') continue;
    const odd = notARegularFile(path);
    if (odd) throw new PolkuError(`${odd}: the snapshot folder holds only files`, { file }, 'remove it, or replace it with the CSV export itself (a link must point to a file that exists).');
    if (SPREADSHEETS.has(ext)) throw new PolkuError('a spreadsheet workbook is not a snapshot', { file }, 'save it as CSV (UTF-8 or semicolon-separated) with the same name and remove the workbook from this folder.');
    if (!SNAPSHOT_EXTENSIONS.has(ext)) throw new PolkuError(`unexpected file type "${ext}" in the snapshot folder`, { file }, 'keep only CSV exports (.csv, .tsv or .txt) or aggregates (.csv, .parquet) in data/snapshots/.');
    let id: string;
    try {
      id = toSlug(name.slice(0, -ext.length), 'snapshot file name');
    } catch (error) {
      if (error instanceof SlugError) throw new PolkuError(error.message, { file }, 'rename the file, e.g. 2026-q3.csv.');
      throw error;
    }
    if (files.some((f) => f.id === id)) throw new PolkuError(`two files give the snapshot id "${id}"`, { file }, 'keep one file per snapshot.');
    files.push({ id, path, file });
  }
  if (files.length === 0) throw new PolkuError('there are no snapshot files', { file: relative(root, dir) }, 'add at least one CSV export, e.g. data/snapshots/2026-q3.csv.');
  return files;
}
