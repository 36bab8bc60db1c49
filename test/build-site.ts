// Runs `npm run build` (scripts/build.ts) as a new user would, into a folder of the test's choosing;
// or Astro's own `astro build`, with the Polku integration computing the model itself.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { BUILD_NODE_FLAGS } from '../scripts/build-flags.ts';

export const PROJECT = resolve(import.meta.dirname, '..');

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
