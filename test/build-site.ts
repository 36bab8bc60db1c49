// Runs `npm run build` (scripts/build.ts) as a new user would, into a folder of the test's choosing.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const PROJECT = resolve(import.meta.dirname, '..');

export interface BuildResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function buildSite(outDir: string, env: Record<string, string> = {}, args: string[] = []): BuildResult {
  const result = spawnSync(process.execPath, ['scripts/build.ts', ...args], {
    cwd: PROJECT,
    env: { ...process.env, POLKU_OUT_DIR: outDir, POLKU_QUIET: '1', ...env },
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function runScript(script: string, env: Record<string, string> = {}, args: string[] = []): BuildResult {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: PROJECT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 240_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
