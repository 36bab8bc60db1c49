// A rebuild after adding a snapshot renders again only what can have changed. The touchpoint reports
// of the snapshots before the latest are nearly all of a large site's pages (3,690 of 3,873 at 40
// snapshots), and what one shows depends only on the snapshots in its history window (the last
// site.historyLength up to its own), the settings, the content and the code; so does a snapshot's open data (data/<id>.json and .csv). When none of these
// changed since the previous build into the same folder, that build's files are kept (linked into
// the new build) instead of rendered again.
//
// The latest snapshot's reports are always rendered: they are the ones in the search index.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const MANIFEST_VERSION = 3;

/** A snapshot's id and the files and folders that may be kept: its touchpoint reports' folders, its open data. */
export interface SnapshotPages {
  id: string;
  paths: string[];
}

/** Size and modification time of each file, by path relative to the site folder. */
type FileStamps = Record<string, [size: number, mtimeMs: number]>;

/** What a build recorded about the pages it may keep, written into one folder. */
interface Manifest {
  version: typeof MANIFEST_VERSION;
  snapshots: Record<string, { key: string; files: FileStamps }>;
}

const sha256 = () => createHash('sha256');

/**
 * A hash of the files and settings every page is rendered from, whatever the data: the given files
 * and folders (every file in them, by path and content) and the environment variables that change
 * pages. A path that does not exist counts as such.
 */
export function renderFingerprint(paths: string[], env: Record<string, string | undefined>): string {
  const hash = sha256();
  for (const path of paths) {
    hash.update(`${path}\u0000`);
    if (!existsSync(path)) {
      hash.update('missing\u0000');
      continue;
    }
    const files = statSync(path).isDirectory() ? filesUnder(path).map((f) => join(path, f)) : [path];
    for (const file of files) hash.update(`${relative(path, file)}\u0000`).update(readFileSync(file)).update('\u0000');
  }
  for (const name of Object.keys(env).sort()) hash.update(`${name}=${env[name] ?? '\u0001unset'}\u0000`);
  return hash.digest('hex');
}

/**
 * Each snapshot's key, but the latest's: a hash of what is shared by every page (`shared`), of the
 * snapshots in its history window in order (the last `historyLength` up to it; the SHA-256 of each
 * one's JSON), and of its not being the latest. A snapshot inserted into the window, or a change to
 * one in it, changes its key; a snapshot before the window does not, so a key does not depend on how
 * many snapshots came before (the JSON names the previous snapshot, which a window of 2 or more holds).
 */
export function snapshotKeys(shared: string, snapshots: { id: string; sha256: string }[], historyLength: number): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [i, s] of snapshots.slice(0, -1).entries()) {
    const hash = sha256().update(`kept-pages ${MANIFEST_VERSION}\u0000`).update(shared);
    for (const inWindow of snapshots.slice(Math.max(0, i + 1 - historyLength), i + 1)) hash.update('\u0000').update(inWindow.sha256);
    keys.set(s.id, hash.digest('hex'));
  }
  return keys;
}

/** Where the manifest of the pages built into `outDir` lives in the cache folder. */
export function manifestPath(cacheDir: string, outDir: string): string {
  return join(cacheDir, 'pages', `${sha256().update(resolve(outDir)).digest('hex').slice(0, 16)}.json`);
}

/**
 * The snapshots whose pages in `outDir` can be kept: the previous build recorded the
 * same key for them, and their files are still the ones it wrote (same paths, sizes and times), so a
 * file edited or removed by hand since is rendered again rather than published.
 */
export function keptSnapshots(manifestFile: string, outDir: string, keys: Map<string, string>, snapshots: SnapshotPages[]): string[] {
  const manifest = readManifest(manifestFile);
  if (!manifest) return [];
  return snapshots
    .filter(({ id, paths }) => {
      const recorded = manifest.snapshots[id];
      if (!recorded || recorded.key !== keys.get(id)) return false;
      const now = filesAt(outDir, paths);
      const files = Object.keys(recorded.files);
      return files.length > 0 && files.length === Object.keys(now).length && files.every((f) => sameStamp(now[f], recorded.files[f]!));
    })
    .map((s) => s.id);
}

/** Puts the kept snapshots' pages from `fromDir` into `toDir`, leaving `fromDir` as it was. */
export function linkKeptPages(fromDir: string, toDir: string, kept: SnapshotPages[]): void {
  for (const { paths } of kept) {
    for (const file of Object.keys(filesAt(fromDir, paths))) {
      const target = join(toDir, file);
      if (existsSync(target)) throw new Error(`kept page ${file} was also rendered in this build`);
      mkdirSync(dirname(target), { recursive: true });
      try {
        linkSync(join(fromDir, file), target);
      } catch {
        copyFileSync(join(fromDir, file), target); // a file system without hard links
      }
    }
  }
}

/**
 * Records the pages that may be kept of the snapshots that have a key, as they are now in `outDir`. A
 * manifest that cannot be written costs the next build speed, never correctness: the reason is returned.
 */
export function recordKeptPages(manifestFile: string, outDir: string, keys: Map<string, string>, snapshots: SnapshotPages[]): string | null {
  const manifest: Manifest = { version: MANIFEST_VERSION, snapshots: {} };
  for (const { id, paths } of snapshots) {
    const key = keys.get(id);
    if (key !== undefined) manifest.snapshots[id] = { key, files: filesAt(outDir, paths) };
  }
  return writeRecord(manifestFile, manifest);
}

/** A build's record as JSON, whole or not at all (written aside, then renamed); why it could not be written, or null. */
export function writeRecord(file: string, record: unknown): string | null {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(record));
    renameSync(temporary, file);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

function readManifest(file: string): Manifest | null {
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    return manifest.version === MANIFEST_VERSION && manifest.snapshots ? manifest : null;
  } catch {
    return null; // none yet, or unreadable: nothing is kept
  }
}

/** The given files, and the files in the given folders (and below), relative to `dir` with '/', with their stamps. */
function filesAt(dir: string, paths: string[]): FileStamps {
  const stamps: FileStamps = {};
  for (const path of paths) {
    if (!existsSync(join(dir, path))) continue;
    const files = statSync(join(dir, path)).isDirectory() ? filesUnder(join(dir, path)).map((file) => [path, ...file.split(sep)].join('/')) : [path];
    for (const file of files) {
      const stat = statSync(join(dir, file));
      stamps[file] = [stat.size, stat.mtimeMs];
    }
  }
  return stamps;
}

function sameStamp(a: [number, number] | undefined, b: [number, number]): boolean {
  return a !== undefined && a[0] === b[0] && a[1] === b[1];
}

/** Every file under `dir` (a link to a file counts as the file: snapshots are often linked), relative to it, sorted. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() || (entry.isSymbolicLink() && existsSync(join(entry.parentPath, entry.name)) && statSync(join(entry.parentPath, entry.name)).isFile()))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}
