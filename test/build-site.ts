// Runs `npm run build` (scripts/build.ts) as a new user would, into a folder of the test's choosing;
// or Astro's own `astro build`, with the Polku integration computing the model itself; or gives the one
// build of the sample site that every test file reading it shares (sharedBuild).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'jsonc-parser';
import { inject } from 'vitest';
import { BUILD_NODE_FLAGS } from '../scripts/build-flags.ts';

export const PROJECT = resolve(import.meta.dirname, '..');

/** The sample's own settings (polku.config.jsonc: its languages), for a test's project that is to build the same site as the sample. */
export const SAMPLE_SETTINGS: { site?: Record<string, unknown> } = parse(readFileSync(join(PROJECT, 'polku.config.jsonc'), 'utf8'));

export interface BuildResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

// Vitest puts Vite's import.meta.env into process.env (BASE_URL=/, MODE=test, DEV=1, …); a build that
// inherited them would take BASE_URL over POLKU_BASE, so a child gets the environment a user's shell has.
const VITE_ENV = ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'TEST', 'VITEST', 'VITEST_MODE', 'VITEST_POOL_ID', 'VITEST_WORKER_ID'];
function userEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of VITE_ENV) delete env[key];
  return env;
}

export function buildSite(outDir: string, env: Record<string, string> = {}, args: string[] = []): BuildResult {
  const result = spawnSync(process.execPath, [...BUILD_NODE_FLAGS, 'scripts/build.ts', ...args], {
    cwd: PROJECT,
    env: { ...userEnv(), POLKU_OUT_DIR: outDir, POLKU_QUIET: '1', ...env },
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A build started in the background (its output piped), for a test that stops it midway. */
export function startBuild(outDir: string, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [...BUILD_NODE_FLAGS, 'scripts/build.ts'], { cwd: PROJECT, env: { ...userEnv(), POLKU_OUT_DIR: outDir, POLKU_QUIET: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function runScript(script: string, env: Record<string, string> = {}, args: string[] = [], timeout = 240_000): BuildResult {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: PROJECT, env: { ...userEnv(), ...env }, encoding: 'utf8', timeout });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `astro build` without scripts/build.ts, as in any Astro project, into `outDir`. */
export function astroBuild(outDir: string, env: Record<string, string> = {}): BuildResult {
  return runScript('node_modules/astro/bin/astro.mjs', { ASTRO_TELEMETRY_DISABLED: '1', ...env }, ['build', '--outDir', outDir]);
}

/** A build of the sample site: its content and snapshots, with these settings, environment and arguments. */
export interface SampleBuild {
  /** polku.config.jsonc's settings besides the content and snapshots (e.g. `{ site: { lang: 'fi' } }`). */
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  args?: string[];
}

/**
 * The sample site built once per test run for each `SampleBuild`, into the run's folder (made and
 * removed by shared-builds.setup.ts): for test files that only read the site. It reads every file
 * (POLKU_NO_CACHE), so it depends on no cache and leaves nothing in the project's .polku/. The build
 * replaces dist/ only when it succeeded, so a dist/ there is a whole site. Test files that build run
 * one at a time (vitest.config.ts), so no two make the same build.
 */
export function sharedBuild(options: SampleBuild = {}): string {
  const runFolder = inject('sharedBuilds');
  if (!runFolder) throw new Error('sharedBuild needs the global setup of the "site" project in vitest.config.ts: run the tests with npx vitest.');
  const dir = join(runFolder, createHash('sha256').update(JSON.stringify(options)).digest('hex').slice(0, 16));
  const dist = join(dir, 'dist');
  if (existsSync(dist)) return dist;
  mkdirSync(dir, { recursive: true });
  const env: Record<string, string> = { POLKU_NO_CACHE: '1', ...options.env };
  if (options.settings) {
    const settings = { ...options.settings, content: join(PROJECT, 'content'), snapshots: join(PROJECT, 'data/snapshots') };
    writeFileSync(join(dir, 'polku.config.jsonc'), `// The sample's content and snapshots, with settings of a test's choosing\n${JSON.stringify(settings, null, 2)}\n`);
    env.POLKU_CONFIG = join(dir, 'polku.config.jsonc');
  }
  const result = buildSite(dist, env, options.args);
  if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
  return dist;
}

/** The sample site in Finnish, for the tests of a Finnish site's pages and search. */
export const FINNISH: SampleBuild = { settings: { site: { lang: 'fi' } } };
