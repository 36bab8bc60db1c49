// The small site of `npm run bench` (issue #24's job): one journey of ten touchpoints and one weekly
// feedback export of 100,000 or 1,000,000 rows (NPS, CSAT, emotion per touchpoint), generated with
// the large site's generator (seeded, reused between runs) into .polku/bench/. In a temporary project
// it is built (1) cold, without cache or dist/; (2) after a data change: the export replaced by a new
// export of the same week (another seed: every row differs, as when an analyst downloads the period
// again); (3) with nothing changed. Each build in its own process (runBuild: wall time, phases, peak
// RSS of the process tree, dist/). The sample site's cold build is measured against the code at a base
// commit (extracted with git archive, sharing node_modules), alternating.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBuild, writeContent, writeSnapshot, type BuildSample, type SiteShape } from './site.ts';

const SHAPE: SiteShape = { journeys: 1, touchpoints: 10, stages: 5 };
const VERSION = 1; // bump when generated content or rows change
const WEEK = 1;
/** The seeds of the first export of the week and of the one that replaces it. */
const SEEDS = [20260101, 20260102];

export interface SmallSiteRun {
  rows: number;
  csvMb: number;
  cold: BuildSample;
  dataChange: BuildSample;
  nothingChanged: BuildSample;
}

/** The content and both exports of `rows` rows, generated unless already there for this version. */
async function ensureData(dir: string, rows: number, log: (line: string) => void): Promise<{ content: string; exports: string[] }> {
  const base = join(dir, `small-site-v${VERSION}-${rows}`);
  const content = join(base, 'content');
  if (!existsSync(join(content, '.done'))) {
    rmSync(content, { recursive: true, force: true });
    writeContent(content, SHAPE);
    writeFileSync(join(content, '.done'), '');
  }
  const exports = SEEDS.map((seed) => join(base, `export-seed${seed}.csv`));
  for (const [i, path] of exports.entries()) {
    if (existsSync(path)) continue;
    await writeSnapshot(`${path}.tmp`, WEEK, rows, SHAPE, SEEDS[i]);
    renameSync(`${path}.tmp`, path);
    log(`generated ${path}`);
  }
  return { content, exports };
}

/** The three builds of the small site with an export of `rows` rows, in a project of its own. */
export async function measureSmallSite(projectRoot: string, dir: string, rows: number, log: (line: string) => void): Promise<SmallSiteRun> {
  const { content, exports } = await ensureData(dir, rows, log);
  const project = join(dir, 'small-site-work', `rows-${rows}`);
  rmSync(project, { recursive: true, force: true });
  mkdirSync(join(project, 'snapshots'), { recursive: true });
  const config = join(project, 'polku.config.jsonc');
  writeFileSync(config, JSON.stringify({ site: { title: 'Polku benchmark', lang: 'en' }, content, snapshots: 'snapshots', mapping: 'mapping.jsonc' }));
  const snapshot = join(project, 'snapshots', '2026-w01.csv');
  symlinkSync(exports[0]!, snapshot);
  const [dist, cache] = [join(project, 'dist'), join(project, 'cache')];
  const build = async (what: string) => {
    const sample = await runBuild(projectRoot, config, dist, cache);
    log(`small site, ${rows} rows, ${what}: ${sample.seconds.toFixed(2)} s${sample.upToDate ? ' (up to date)' : ''}, peak RSS (tree) ${sample.treePeakMb} MB`);
    return sample;
  };
  const cold = await build('cold');
  // The new export replaces the old one under the same name.
  rmSync(snapshot);
  symlinkSync(exports[1]!, snapshot);
  const dataChange = await build('after a data change');
  const nothingChanged = await build('nothing changed');
  rmSync(project, { recursive: true, force: true });
  return { rows, csvMb: statSync(exports[0]!).size / 1e6, cold, dataChange, nothingChanged };
}

/** The sample project's cold builds (no cache, no dist/), alternating the code at `baseCommit` and the current code. */
export async function measureSampleCold(projectRoot: string, dir: string, baseCommit: string, runs: number, log: (line: string) => void): Promise<{ base: number[]; current: number[] }> {
  const baseRoot = join(dir, `base-${baseCommit}`);
  if (!existsSync(join(baseRoot, 'package.json'))) {
    rmSync(baseRoot, { recursive: true, force: true });
    mkdirSync(baseRoot, { recursive: true });
    const archive = execFileSync('git', ['archive', baseCommit], { cwd: projectRoot, maxBuffer: 1 << 30 });
    execFileSync('tar', ['-x', '-C', baseRoot], { input: archive });
    symlinkSync(join(projectRoot, 'node_modules'), join(baseRoot, 'node_modules'));
  }
  const times = { base: [] as number[], current: [] as number[] };
  for (let run = 1; run <= runs; run++) {
    for (const [which, root] of [['base', baseRoot], ['current', projectRoot]] as const) {
      const work = join(dir, 'sample-cold');
      rmSync(work, { recursive: true, force: true });
      const sample = await runBuild(root, join(root, 'polku.config.jsonc'), join(work, 'dist'), join(work, 'cache'));
      times[which].push(sample.seconds);
      log(`sample site cold, run ${run}/${runs}, ${which === 'base' ? `base ${baseCommit}` : 'this code'}: ${sample.seconds.toFixed(2)} s`);
    }
  }
  rmSync(join(dir, 'sample-cold'), { recursive: true, force: true });
  return times;
}

export const SMALL_TARGETS = { dataChangeS: 2, nothingChangedS: 1, rssMb: 300 };

export interface SmallSiteResults {
  stamp: { date: string; commit: string; machine: string; node: string; load: string };
  loadAfter: string;
  runs: SmallSiteRun[];
  sample: { baseCommit: string; base: number[]; current: number[] } | null;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number, digits = 1) => x.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const met = (ok: boolean) => (ok ? 'met' : '**NOT met**');

/** BENCHMARKS.md's part on the small site: a row per build, then the targets. */
export function smallSiteSection(r: SmallSiteResults, runsPerSide: number): string {
  const row = (run: SmallSiteRun, name: string, b: BuildSample) => {
    const p = b.phases;
    const other = b.seconds - p.ingest - p.aggregate - p.pages - p.search;
    const phases = b.upToDate ? 'up to date: no phases' : `${fmt(p.ingest, 2)} / ${fmt(p.aggregate, 2)} / ${fmt(p.pages, 2)} / ${fmt(p.search, 2)} / ${fmt(other, 2)}`;
    const split = b.pagesSplit ? `${fmt(b.pagesSplit.load, 2)} / ${fmt(b.pagesSplit.setup, 2)} / ${fmt(b.pagesSplit.content, 2)} / ${fmt(b.pagesSplit.bundling, 2)} / ${fmt(b.pagesSplit.rendering, 2)}` : '–';
    return `| ${fmt(run.rows, 0)} | ${name} | ${fmt(b.seconds, 2)} | ${phases} | ${split} | ${b.nodePeakMb ? fmt(b.nodePeakMb, 0) : '–'} / ${fmt(b.treePeakMb, 0)} | ${fmt(b.distMb, 2)} | ${fmt((b.jsBytes ?? 0) / 1e3, 0)} | ${b.pages} |`;
  };
  const rows = r.runs.flatMap((run) => [row(run, 'cold', run.cold), row(run, 'data changed', run.dataChange), row(run, 'nothing changed', run.nothingChanged)]);
  const all = r.runs.flatMap((run) => [run.cold, run.dataChange, run.nothingChanged]);
  const each = (pick: (run: SmallSiteRun) => number) => r.runs.map((run) => `${fmt(run.rows, 0)} rows: ${fmt(pick(run), 2)} s`).join(', ');
  const rss = Math.max(...all.map((b) => b.treePeakMb));
  const sample = r.sample
    ? (() => {
        const [base, current] = [median(r.sample.base), median(r.sample.current)];
        return `- The sample site's cold build no slower than at ${r.sample.baseCommit}: ${met(current <= base)} (medians of ${runsPerSide} alternating cold builds each: ${fmt(current, 2)} s now, ${fmt(base, 2)} s at ${r.sample.baseCommit}; runs ${r.sample.current.map((x) => fmt(x, 1)).join(', ')} and ${r.sample.base.map((x) => fmt(x, 1)).join(', ')} s)`;
      })()
    : "- The sample site's cold build: not measured in this run (`--sample-runs 0`)";
  return `- Command: \`npm run bench\` (this part alone: \`npm run bench -- --only small-site\`)
- Date: ${r.stamp.date}; commit ${r.stamp.commit}
- Machine: ${r.stamp.machine}; Node ${r.stamp.node}; load average (1, 5, 15 min) ${r.stamp.load} at the start, ${r.loadAfter} at the end
- Phases (seconds): ingest / aggregate / pages / Pagefind / other (process start, the up-to-date check, config, the swap of \`dist/\`); pages split by Astro's own timer: loading Astro's modules / setup (config, integrations, routes) / content layer / bundling (Vite: prerender and client builds) / rendering. Peak RSS: Node's own (\`maxRSS\`) / the process tree's (sampled every 200 ms from /proc: a build under a second may peak between samples). JS: bytes of \`.js\` and \`.mjs\` files in \`dist/\` (Pagefind's included).

| Rows | Build | Wall s | Phases | Pages phase split | Peak RSS MB, Node / tree | dist MB | JS kB | Pages |
| ---: | --- | ---: | --- | --- | ---: | ---: | ---: | ---: |
${rows.join('\n')}

- Rebuild after a data change ≤ ${SMALL_TARGETS.dataChangeS} s: ${met(r.runs.every((run) => !run.dataChange.upToDate && run.dataChange.seconds <= SMALL_TARGETS.dataChangeS))} (${each((run) => run.dataChange.seconds)})
- Build with nothing changed ≤ ${SMALL_TARGETS.nothingChangedS} s: ${met(r.runs.every((run) => run.nothingChanged.upToDate === true && run.nothingChanged.seconds <= SMALL_TARGETS.nothingChangedS))} (${each((run) => run.nothingChanged.seconds)})
- Peak RSS of the process tree ≤ ${SMALL_TARGETS.rssMb} MB in every build: ${met(rss <= SMALL_TARGETS.rssMb)} (largest ${fmt(rss, 0)} MB)
${sample}`;
}
