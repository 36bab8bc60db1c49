// `npm run build` with nothing changed says so and stops, as make does, before Astro is even loaded
// (loading it alone takes over a second). A successful build records a stamp: the state of every
// input as the build started (the settings file, mapping, snapshots, content, the code, the SQL and
// public files, package.json and its lock, the Polku environment variables and arguments, Node's
// version) and of every file of the output folder as it ended. The next build compares. A file is the same when its
// size, modification and change times (to the nanosecond) and inode are; the change time cannot be
// set back by copying tools, so any write to a file or replacement of it shows. A file that was
// written less than RACY_MS before its state was taken could be written again within the same tick
// of the file-system clock without a visible change: its SHA-256 is recorded too and compared
// (git's "racily clean" entries). The stamp is kept beside the record of kept pages in the cache
// folder, not in the output folder, which is published: it names the data's files.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { configFile, type Config } from '../src/lib/project/config.ts';
import { filesUnder, manifestPath, writeRecord } from '../src/lib/model/kept-pages.ts';

const STAMP_VERSION = 1;
/** Older than this, a file's timestamps would have moved had it been written after its state was taken. */
export const RACY_MS = 2000;

/** Size, modification and change time in ns, inode; the SHA-256 of a file that was racy when recorded. */
type FileState = [size: number, mtimeNs: string, ctimeNs: string, ino: string, sha256: string | null];
/** Each file by absolute path; a given path that did not exist is recorded as null. */
type FileStates = Record<string, FileState | null>;

interface Stamp {
  version: typeof STAMP_VERSION;
  builtAt: string;
  settings: string;
  inputs: FileStates;
  output: FileStates;
}

/** What a build reads, taken as it starts: the settings that change its output and its input files' states. */
export interface BuildInputs {
  settings: string;
  inputs: FileStates;
}

/** The files and folders a build's output depends on, besides the dependencies that package-lock.json pins. */
export function inputPaths(root: string, config: Config, env: NodeJS.ProcessEnv): string[] {
  const project = ['src', 'scripts', 'sql', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'].map((p) => join(root, p));
  return [configFile(root, env), config.mapping, config.snapshots, config.content, ...project];
}

/**
 * The settings that change what a build writes: every POLKU_ variable but POLKU_QUIET (which only
 * quiets the log), SOURCE_DATE_EPOCH, NODE_ENV, the arguments (but --force) and Node's version.
 */
export function buildSettings(env: NodeJS.ProcessEnv, args: string[]): string {
  const names = Object.keys(env).filter((name) => (name.startsWith('POLKU_') && name !== 'POLKU_QUIET') || name === 'SOURCE_DATE_EPOCH' || name === 'NODE_ENV');
  return JSON.stringify({ env: names.sort().map((name) => [name, env[name]]), args: args.filter((a) => a !== '--force'), node: process.version });
}

export function takeInputs(paths: string[], settings: string, now = Date.now()): BuildInputs {
  return { settings, inputs: fileStates(paths, now) };
}

/** Where the stamp of the build into `outDir` is kept: beside its kept pages' record; none without a cache folder. */
export function stampPath(cacheDir: string | null, outDir: string): string | null {
  return cacheDir === null ? null : manifestPath(cacheDir, outDir).replace(/\.json$/, '.build.json');
}

/**
 * When the output folder is what the build recorded in `stampFile` wrote, from the same inputs and
 * settings: the time of that build; otherwise null.
 */
export function upToDateSince(stampFile: string | null, current: BuildInputs, outDir: string): string | null {
  if (stampFile === null) return null;
  let stamp: Stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as Stamp;
  } catch {
    return null; // no build recorded, or a stamp that cannot be read: build
  }
  if (stamp.version !== STAMP_VERSION || stamp.settings !== current.settings) return null;
  if (!sameFiles(stamp.inputs, current.inputs)) return null;
  // The output's racy files were hashed when recorded; compared here, they need no hash of their own.
  return sameFiles(stamp.output, fileStates([outDir], null)) ? stamp.builtAt : null;
}

/** Removed as a build starts, so that a build that fails leaves no stamp that could claim its output up to date. */
export function forgetBuild(stampFile: string | null): void {
  if (stampFile !== null) rmSync(stampFile, { force: true });
}

/**
 * Records a successful build: the inputs as it started, the output folder as it is now. A stamp that
 * cannot be written costs the next build its check, never correctness: the reason is returned.
 */
export function recordBuild(stampFile: string | null, inputs: BuildInputs, outDir: string, now = Date.now()): string | null {
  if (stampFile === null) return null;
  const stamp: Stamp = { version: STAMP_VERSION, builtAt: new Date(now).toISOString(), ...inputs, output: fileStates([outDir], now) };
  return writeRecord(stampFile, stamp);
}

/** Every file at or under the given paths, with its state; with the time `now`, a racy one (see RACY_MS) with its hash. */
function fileStates(paths: string[], now: number | null): FileStates {
  const states: FileStates = {};
  for (const path of paths) {
    if (!existsSync(path)) {
      states[path] = null;
      continue;
    }
    const files = statSync(path).isDirectory() ? filesUnder(path).map((file) => join(path, file)) : [path];
    for (const file of files) {
      const stat = statSync(file, { bigint: true });
      const racy = now !== null && (now - Number(stat.ctimeMs) < RACY_MS || now - Number(stat.mtimeMs) < RACY_MS);
      states[file] = [Number(stat.size), String(stat.mtimeNs), String(stat.ctimeNs), String(stat.ino), racy ? sha256(file) : null];
    }
  }
  return states;
}

/** The same files with the same states; a file recorded as racy must also have the same content. */
function sameFiles(recorded: FileStates, now: FileStates): boolean {
  const names = Object.keys(recorded);
  if (names.length !== Object.keys(now).length) return false;
  return names.every((name) => {
    const [a, b] = [recorded[name], now[name]];
    if (a === undefined || b === undefined || a === null || b === null) return a === b;
    if (a[0] !== b[0] || a[1] !== b[1] || a[2] !== b[2] || a[3] !== b[3]) return false;
    return a[4] === null || a[4] === (b[4] ?? sha256(name));
  });
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
