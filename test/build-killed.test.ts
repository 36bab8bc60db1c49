// A build stopped midway: killed outright (kill -9), its leftovers are removed by the next build,
// which replaces the site as usual; stopped by SIGTERM, it removes them itself. While it runs, the
// model file (comments, redaction names) is readable by its user only.
import { type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, PROJECT, startBuild } from './build-site.ts';

let dir: string;
let temp: string;
let env: Record<string, string>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'polku-killed-'));
  // The builds' own temporary directory: their private folders are found there, and only theirs.
  temp = join(dir, 'tmp');
  mkdirSync(temp);
  const root = join(dir, 'project');
  mkdirSync(join(root, 'data'), { recursive: true });
  cpSync(join(PROJECT, 'data/snapshots'), join(root, 'data/snapshots'), { recursive: true });
  writeFileSync(join(root, 'polku.config.jsonc'), JSON.stringify({ content: join(PROJECT, 'content'), privacy: { names: ['Aino'] } }));
  env = { POLKU_CONFIG: join(root, 'polku.config.jsonc'), POLKU_CACHE_DIR: join(dir, 'cache'), TMPDIR: temp };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Polku's files and folders in the builds' temporary directory, with their mode bits. */
function polkuTempFiles(): { path: string; mode: number }[] {
  return readdirSync(temp, { recursive: true, encoding: 'utf8' })
    .filter((p) => p.startsWith('polku-'))
    .map((p) => ({ path: p, mode: statSync(join(temp, p)).mode & 0o777 }));
}

/** Waits until Astro renders (its folders beside the output exist), noting the modes of Polku's temp files meanwhile; then stops the build with `signal`. */
async function stopWhileRendering(build: ChildProcess, out: string, signal: NodeJS.Signals): Promise<{ modes: { path: string; mode: number }[]; code: number | null; signal: NodeJS.Signals | null }> {
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => build.on('exit', (code, signal) => resolve({ code, signal })));
  build.stdout!.resume();
  build.stderr!.resume();
  const modes: { path: string; mode: number }[] = [];
  const rendering = () => existsSync(`${out}.tmp-${build.pid}`) || existsSync(`${out}.tmp-${build.pid}-cache`);
  for (let waited = 0; !rendering(); waited += 50) {
    if (build.exitCode !== null || waited > 120_000) throw new Error('the build ended before it rendered');
    modes.push(...polkuTempFiles());
    await new Promise((r) => setTimeout(r, 50));
  }
  modes.push(...polkuTempFiles());
  build.kill(signal);
  return { modes, ...(await exited) };
}

describe('a build stopped while it renders', () => {
  it('killed: leaves no world-readable data, and the next build removes what it left and replaces the site', async () => {
    const out = join(dir, 'dist');
    mkdirSync(out);
    writeFileSync(join(out, 'marker.txt'), 'previous build');
    const build = startBuild(out, env);
    const stopped = await stopWhileRendering(build, out, 'SIGKILL');
    expect(stopped.signal).toBe('SIGKILL');
    // The private folder (0700) and the model in it (0600) were seen, and nothing else of Polku's.
    expect(stopped.modes.some((f) => /^polku-build-\d+-\w+$/.test(f.path) && f.mode === 0o700)).toBe(true);
    expect(stopped.modes.some((f) => /^polku-build-\d+-\w+\/model\.json$/.test(f.path) && f.mode === 0o600)).toBe(true);
    expect(stopped.modes.filter((f) => !/^polku-build-\d+-\w+(\/model\.json)?$/.test(f.path) || (f.mode & 0o077) !== 0)).toEqual([]);
    // What kill -9 leaves: the site as it was, the build's folders beside it and in the temporary directory.
    expect(readFileSync(join(out, 'marker.txt'), 'utf8')).toBe('previous build');
    const left = readdirSync(dir).filter((n) => n.startsWith(`dist.tmp-${build.pid}`));
    expect(left.length).toBeGreaterThan(0);
    expect(polkuTempFiles().some((f) => f.path.startsWith(`polku-build-${build.pid}-`))).toBe(true);

    const next = buildSite(out, env);
    expect(next.status, next.stderr).toBe(0);
    for (const name of left) expect(next.stdout).toContain(`removed ${join(dir, name)}, left by a build that was stopped (process ${build.pid})`);
    expect(next.stdout).toMatch(new RegExp(`removed ${temp}/polku-build-${build.pid}-\\w+, the temporary files of a build that was stopped`));
    expect(readdirSync(dir).sort()).toEqual(['cache', 'dist', 'project', 'tmp']);
    expect(polkuTempFiles()).toEqual([]);
    expect(existsSync(join(out, 'marker.txt'))).toBe(false);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  });

  it('stopped by SIGTERM: removes its own folders and temporary files', async () => {
    const out = join(dir, 'dist-term');
    const build = startBuild(out, env);
    const stopped = await stopWhileRendering(build, out, 'SIGTERM');
    expect(stopped.code).toBe(143);
    expect(readdirSync(dir).filter((n) => n.startsWith('dist-term'))).toEqual([]);
    expect(polkuTempFiles()).toEqual([]);
  });
});
