// The publishing recipes in docs/publish/ run what this test runs: their commands are the project's
// npm scripts, and their build, with a base path, builds a project that `npm run init` made from a
// Qualtrics export on the first try, with the figures a hand computation gives.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, PROJECT, runScript, type BuildResult } from './build-site.ts';

const DOCS = join(PROJECT, 'docs/publish');
const scripts = Object.keys((JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

interface Step {
  run: string;
  env: Record<string, string>;
}

/** The `run:` steps of the GitHub workflow, with their env; GitHub's expressions given example values. */
function githubSteps(): Step[] {
  const workflow = yaml.load(readFileSync(join(DOCS, 'github-pages.yml'), 'utf8')) as { jobs: Record<string, { steps: { run?: string; env?: Record<string, string> }[] }> };
  const example = (text: string) => text.replace('${{ github.event.repository.name }}', 'cx-reports').replace('${{ github.repository_owner }}', 'example');
  return Object.values(workflow.jobs).flatMap((job) => job.steps.filter((s) => s.run).map((s) => ({ run: s.run!, env: Object.fromEntries(Object.entries(s.env ?? {}).map(([k, v]) => [k, example(v)])) })));
}

function gitlabCommands(): string[] {
  const ci = yaml.load(readFileSync(join(DOCS, 'gitlab-pages.yml'), 'utf8')) as { pages: { script: string[] } };
  return ci.pages.script;
}

const netlifyCommand = () => /command = "([^"]+)"/.exec(readFileSync(join(DOCS, 'netlify.toml'), 'utf8'))![1]!;

/** The npm script a command runs, or null for `npm ci`; anything else is not a recipe's business. */
function npmScript(command: string): string | null {
  if (command === 'npm ci') return null;
  const match = /^npm run ([\w:-]+)(?: -- [\w -]+)?$/.exec(command);
  if (!match) throw new Error(`not an npm command: ${command}`);
  return match[1]!;
}

describe('docs/publish: the recipes run npm scripts that exist', () => {
  it.each([
    ['GitHub Pages', () => githubSteps().map((s) => s.run)],
    ['GitLab Pages', () => gitlabCommands().filter((c) => c !== 'mv dist public')],
    ['Netlify', () => [netlifyCommand()]],
  ])('%s', (_name, commands) => {
    const used = commands().map(npmScript);
    expect(used).toContain('build');
    for (const script of used) if (script !== null) expect(scripts).toContain(script);
  });

  it('the GitHub workflow builds under the repository\'s sub-folder and runs on a new export', () => {
    const build = githubSteps().find((s) => npmScript(s.run) === 'build')!;
    expect(build.env.POLKU_BASE).toBe('/cx-reports/');
    const workflow = readFileSync(join(DOCS, 'github-pages.yml'), 'utf8');
    expect(workflow).toContain("paths: ['data/**'");
  });
});

describe('init, then the workflow\'s build with its base path', () => {
  let root = '';
  let out = '';
  let init: BuildResult;
  let build: BuildResult;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'polku-publish-'));
    out = join(root, 'dist');
    const env = { POLKU_CONFIG: join(root, 'polku.config.jsonc') };
    init = runScript('scripts/init.ts', env, [join(PROJECT, 'test/fixtures/exports/qualtrics.csv'), '--journey', 'delivery', '--periods', 'quarter']);
    const step = githubSteps().find((s) => npmScript(s.run) === 'build')!;
    build = buildSite(out, { ...env, ...step.env });
  }, 300_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('init writes the mapping, the stubs and the snapshot, and says what to run next', () => {
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    expect(init.stdout).toContain('recognised a Qualtrics export');
    expect(init.stdout).toContain('next: npm run build');
    expect(existsSync(join(root, 'data/mapping.jsonc'))).toBe(true);
    expect(existsSync(join(root, 'content/touchpoints/delivery/satisfied-with-installation.mdx'))).toBe(true);
  });

  it('builds on the first try, every link under the base path', () => {
    expect(build.stderr).not.toMatch(/error/i);
    expect(build.status).toBe(0);
    const home = readFileSync(join(out, 'index.html'), 'utf8');
    expect(home).toContain('href="/cx-reports/reports/2026-q1/"');
    expect(readFileSync(join(out, 'sitemap.xml'), 'utf8')).toContain('https://example.github.io/cx-reports/');
  });

  it('publishes the hand-computed figures: 12 respondents, NPS +25, 8 of 12 satisfied, IP addresses nowhere', () => {
    const json = readFileSync(join(out, 'data/2026-q1.json'), 'utf8');
    const data = JSON.parse(json) as { journeys: { stages: { touchpoints: { id: string; cell: { respondents: number; figures: { nps: { value: number } | null; csat: { satisfied: { value: number } } | null } } }[] }[] }[] };
    const touchpoints = data.journeys[0]!.stages[0]!.touchpoints;
    const nps = touchpoints.find((t) => t.id === 'recommend-delivery-service-friend')!;
    expect(nps.cell.respondents).toBe(12);
    expect(nps.cell.figures.nps!.value).toBe(25);
    expect(touchpoints.find((t) => t.id === 'satisfied-with-installation')!.cell.figures.csat!.satisfied.value).toBeCloseTo(8 / 12, 10);
    expect(json).not.toContain('192.0.2.');
  });
});
