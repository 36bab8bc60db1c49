// A build's temporary files that hold data (the site model: comments, the names redaction looks
// for) live in a folder only the build's user can read: polku-build-<pid>-XXXXXX in the system's
// temporary directory, made by mkdtemp (mode 0700), each file mode 0600. The folder is removed when
// the build ends, by an error or by Ctrl-C / SIGTERM too; a build killed outright (kill -9) leaves
// it, and the next build removes the folders of builds that are no longer running.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'polku-build-';
const FOLDER = /^polku-build-(\d+)-/;

/** Whether a process with this id exists (one of another user's counts: EPERM). */
export function pidIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A new private folder for this build (mode 0700). */
export function privateTempDir(dir = tmpdir(), pid = process.pid): string {
  return mkdtempSync(join(dir, `${PREFIX}${pid}-`));
}

/** Removes the private folders of builds that are no longer running; returns a message for each. */
export function removeStaleTempDirs(dir = tmpdir(), running: (pid: number) => boolean = pidIsRunning): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const messages: string[] = [];
  for (const name of names) {
    const pid = Number(FOLDER.exec(name)?.[1]);
    if (!pid || pid === process.pid || running(pid)) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    messages.push(`removed ${join(dir, name)}, the temporary files of a build that was stopped (process ${pid})`);
  }
  return messages;
}

/**
 * Removes `paths` when the process exits, however it ends: normally, by an error, or by SIGINT or
 * SIGTERM (turned into an exit with 128 + the signal's number, as a shell reports it).
 */
export function removeOnExit(paths: string[]): void {
  process.once('exit', () => {
    for (const path of paths) rmSync(path, { recursive: true, force: true });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(128 + (signal === 'SIGINT' ? 2 : 15)));
}
