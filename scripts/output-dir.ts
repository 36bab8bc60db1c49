// The output folder (dist/, or POLKU_OUT_DIR) is replaced only by a whole new site, and a build that
// died on the way leaves nothing the next build does not repair. A build renders into
// <out>.tmp-<pid> (Astro's cache in <out>.tmp-<pid>-cache) and swaps it in with two renames: the old
// site to <out>.old-<pid>, the new one to <out>. A process killed between them leaves no <out> and the
// old site in <out>.old-<pid>: the next build puts it back before anything else, and says so. It also
// removes the folders of builds whose process is gone. A folder of a build still running (builds side
// by side into other folders, or a pid in use again) is left alone.
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pidIsRunning } from '../src/integration/private-temp.ts';

/** The file-system steps of the swap and of the repair; a test replaces them to stop between steps. */
export interface OutputFs {
  exists(path: string): boolean;
  rename(from: string, to: string): void;
  remove(path: string): void;
  list(dir: string): string[];
}

export const nodeFs: OutputFs = {
  exists: existsSync,
  rename: renameSync,
  remove: (path) => rmSync(path, { recursive: true, force: true }),
  list: (dir) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
};

/** The folders a build with this pid renders into and keeps the previous site in. */
export function buildFolders(outDir: string, pid = process.pid): { work: string; astroCache: string; previous: string } {
  return { work: `${outDir}.tmp-${pid}`, astroCache: `${outDir}.tmp-${pid}-cache`, previous: `${outDir}.old-${pid}` };
}

/**
 * Replaces `outDir` with `work`. Between the two renames `outDir` does not exist: a build killed there
 * is repaired by the next one (recoverOutput). One that fails there (an error, not a kill) puts the
 * previous site back itself.
 */
export function swapIn(outDir: string, work: string, fs: OutputFs = nodeFs, pid = process.pid): void {
  const { previous } = buildFolders(outDir, pid);
  const hadSite = fs.exists(outDir);
  if (hadSite) fs.rename(outDir, previous);
  try {
    fs.rename(work, outDir);
  } catch (error) {
    if (hadSite) fs.rename(previous, outDir);
    throw error;
  }
  if (hadSite) fs.remove(previous);
}

const LEFTOVER = /^\.(tmp|old)-(\d+)(-cache)?$/;

/**
 * Repairs what builds that died left next to `outDir`: the previous site is put back where a build
 * was killed in the middle of its swap (there is no `outDir`), and the temporary and previous-site
 * folders of dead builds are removed. Returns one message per thing done.
 */
export function recoverOutput(outDir: string, fs: OutputFs = nodeFs, running: (pid: number) => boolean = pidIsRunning): string[] {
  const name = basename(outDir);
  const parent = dirname(outDir);
  const messages: string[] = [];
  const dead = fs
    .list(parent)
    .filter((entry) => entry.startsWith(name))
    .map((entry) => ({ path: join(parent, entry), match: LEFTOVER.exec(entry.slice(name.length)) }))
    .filter((x): x is { path: string; match: RegExpExecArray } => x.match !== null && (x.match[1] === 'tmp' || x.match[3] === undefined))
    .filter(({ match }) => Number(match[2]) !== process.pid && !running(Number(match[2])));
  for (const { path, match } of dead) {
    if (match[1] === 'old' && !fs.exists(outDir)) {
      fs.rename(path, outDir);
      messages.push(`restored the previous site: ${outDir} was missing and ${path} held it (a build, process ${match[2]}, was stopped while replacing it)`);
    } else {
      fs.remove(path);
      messages.push(`removed ${path}, left by a build that was stopped (process ${match[2]})`);
    }
  }
  return messages;
}
