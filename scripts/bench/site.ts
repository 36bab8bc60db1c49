// The large site of `npm run bench`: 3 journeys × 30 touchpoints of generated content and up to 41
// weekly snapshots of 250,000 rows each, generated (seeded, reused between runs) into .polku/bench/site/.
// A size is a temporary project with the first N snapshots; it is built cold (empty snapshot cache),
// then warm after adding snapshot N + 1, each build in its own process with the process tree's RSS
// sampled from /proc.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lineWriter, mulberry32, scoreFields } from './generate.ts';
import { BUILD_NODE_FLAGS } from '../build-flags.ts';

export const JOURNEYS = 3;
export const TOUCHPOINTS_PER_JOURNEY = 30;
/** How many journeys of how many touchpoints, in how many stages, a generated site has. */
export interface SiteShape {
  journeys: number;
  touchpoints: number;
  stages: number;
}
const LARGE_SITE: SiteShape = { journeys: JOURNEYS, touchpoints: TOUCHPOINTS_PER_JOURNEY, stages: 5 };
const VERSION = 1; // bump when generated content or rows change
const HEADER = 'response_id,submitted_at,journey,touchpoint,channel,segment,nps,csat,ces,emotion,expectation,comment';
const CHANNELS = ['web', 'app', 'store', 'phone', 'email'];
const SEGMENTS = ['new', 'returning', 'business', 'family'];

const journeyId = (j: number) => `journey-${j + 1}`;
const touchpointId = (t: number) => `touchpoint-${String(t + 1).padStart(2, '0')}`;
const stageId = (s: number) => `stage-${s + 1}`;
export const snapshotId = (k: number) => `2026-w${String(k).padStart(2, '0')}`;

/** Generated content: journeys of the shape's stages, its touchpoint playbooks spread evenly over them. */
export function writeContent(dir: string, shape: SiteShape): void {
  const { touchpoints, stages: stageCount } = shape;
  for (let j = 0; j < shape.journeys; j++) {
    mkdirSync(join(dir, 'touchpoints', journeyId(j)), { recursive: true });
    mkdirSync(join(dir, 'journeys'), { recursive: true });
    const stages = Array.from({ length: stageCount }, (_, s) => `  - id: ${stageId(s)}\n    title: Stage ${s + 1}\n`).join('');
    writeFileSync(join(dir, 'journeys', `${journeyId(j)}.yaml`), `title: Journey ${j + 1}\nsummary: A generated journey of ${touchpoints} touchpoints for the benchmark.\nlang: en\nstages:\n${stages}`);
    for (let t = 0; t < touchpoints; t++) {
      const stage = stageId(Math.floor(t / (touchpoints / stageCount)));
      writeFileSync(
        join(dir, 'touchpoints', journeyId(j), `${touchpointId(t)}.mdx`),
        `---\ntitle: "Touchpoint ${t + 1} of journey ${j + 1}"\njourney: ${journeyId(j)}\nstage: ${stage}\norder: ${t + 1}\nchannels: [web, app]\nowner: "Team ${(t % 4) + 1}"\npromise: "I get what I came for without having to ask twice."\ntarget: 1.5\nexpected: 1.0\nescalation: "Service manager, service@example.com"\n---\n\n## What good looks like\n\nThe customer finishes this step on the first try and knows what happens next.\n\n## Step by step\n\n1. Check the promise against what the customer sees.\n2. Fix what the comments name first.\n`,
      );
    }
  }
}

/**
 * Snapshot k (1-based): one week of ratings, ~30% of a journey's touchpoints per respondent, listed
 * together. Another seed gives another export of the same week.
 */
export async function writeSnapshot(path: string, k: number, rows: number, shape: SiteShape, seed = 20260000 + k): Promise<void> {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const day0 = Date.UTC(2026, 0, 5) + (k - 1) * 7 * 86_400_000;
  const days = Array.from({ length: 7 }, (_, i) => new Date(day0 + i * 86_400_000).toISOString().slice(0, 10));
  const out = lineWriter(path, HEADER);
  let written = 0;
  for (let respondent = 1; written < rows; respondent++) {
    const j = int(shape.journeys);
    const id = `W${k}-${String(respondent).padStart(7, '0')}`;
    const segment = SEGMENTS[int(SEGMENTS.length)]!;
    const mood = rnd() * 4 - 2 + Math.sin(k / 6) * 0.4;
    const day = days[int(7)]!;
    for (let t = 0; t < shape.touchpoints && written < rows; t++) {
      if (rnd() >= 0.3) continue;
      // Every seventh touchpoint from the fourth on hurts a little: the emotion curve has dips.
      const scores = scoreFields(rnd, mood - (t % 7 === 3 ? 1 : 0), 0.2);
      await out.push(`${id},${day},${journeyId(j)},${touchpointId(t)},${CHANNELS[int(CHANNELS.length)]},${segment},${scores}`);
      written++;
    }
  }
  await out.close();
}

export interface SiteData {
  content: string;
  snapshots: string[];
  bytes: number[];
  generatedSeconds: number;
}

/** Content and `count` snapshots of `rows` rows, generated unless already there for this version. */
export async function ensureSiteData(dir: string, count: number, rows: number, log: (line: string) => void): Promise<SiteData> {
  const base = join(dir, `site-v${VERSION}-${rows}`);
  const content = join(base, 'content');
  const started = performance.now();
  if (!existsSync(join(content, '.done'))) {
    rmSync(content, { recursive: true, force: true });
    writeContent(content, LARGE_SITE);
    writeFileSync(join(content, '.done'), '');
  }
  mkdirSync(join(base, 'snapshots'), { recursive: true });
  const snapshots: string[] = [];
  for (let k = 1; k <= count; k++) {
    const path = join(base, 'snapshots', `${snapshotId(k)}.csv`);
    if (!existsSync(path)) {
      await writeSnapshot(`${path}.tmp`, k, rows, LARGE_SITE);
      renameSync(`${path}.tmp`, path);
      log(`generated ${snapshotId(k)} (${k}/${count})`);
    }
    snapshots.push(path);
  }
  return { content, snapshots, bytes: snapshots.map((p) => statSync(p).size), generatedSeconds: (performance.now() - started) / 1000 };
}

export interface BuildSample {
  seconds: number;
  phases: { ingest: number; aggregate: number; pages: number; search: number };
  fromCache: number;
  readFromFiles: number;
  nodePeakMb: number;
  /** Largest sampled sum of VmRSS over the build process and its children (Pagefind's binary). */
  treePeakMb: number;
  pages: number;
  distMb: number;
  /** Every file in dist/ (absent in results written before it was counted). */
  files?: number;
  /** Bytes of JavaScript (.js, .mjs) in dist/. */
  jsBytes?: number;
  searchPages: number;
  /** The build found nothing changed since the last one and stopped (scripts/up-to-date.ts). */
  upToDate?: boolean;
  /** The pages phase split by Astro's timer (scripts/astro-phases.ts), in seconds. */
  pagesSplit?: { load: number; setup: number; content: number; bundling: number; rendering: number };
}

/** Every process below `pid` (its children, theirs, …). */
function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = parents.get(ppid) ?? [];
      list.push(Number(name));
      parents.set(ppid, list);
    } catch {
      // the process ended meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const child of parents.get(p) ?? []) out.push(child), walk(child);
  };
  walk(pid);
  return out;
}

function exeOf(pid: number): string {
  try {
    return readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return '';
  }
}

function rssKb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

function walkDist(dir: string): { pages: number; bytes: number; files: number; jsBytes: number } {
  const sum = { pages: 0, bytes: 0, files: 0, jsBytes: 0 };
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      const sub = walkDist(path);
      for (const key of Object.keys(sum) as (keyof typeof sum)[]) sum[key] += sub[key];
    } else {
      const size = statSync(path).size;
      sum.bytes += size;
      sum.files++;
      if (e.name.endsWith('.html')) sum.pages++;
      if (/\.m?js$/.test(e.name)) sum.jsBytes += size;
    }
  }
  return sum;
}

/** One `scripts/build.ts` run of a project, in its own process; a build that found nothing changed has no phases. */
export async function runBuild(projectRoot: string, config: string, outDir: string, cacheDir: string): Promise<BuildSample> {
  const started = performance.now();
  const child = spawn(process.execPath, [...BUILD_NODE_FLAGS, join(projectRoot, 'scripts', 'build.ts')], {
    cwd: projectRoot,
    env: { ...process.env, POLKU_CONFIG: config, POLKU_OUT_DIR: outDir, POLKU_CACHE_DIR: cacheDir, POLKU_QUIET: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  let peakKb = 0;
  const timer = setInterval(() => {
    if (child.pid === undefined) return;
    // A child that is still the build's own executable is one forked but not yet turned into
    // esbuild or Pagefind: its pages are the build's, shared, and counting them again doubled the peak.
    const own = exeOf(child.pid);
    const total = [child.pid, ...descendants(child.pid).filter((pid) => exeOf(pid) !== own)].reduce((sum, pid) => sum + rssKb(pid), 0);
    if (total > peakKb) peakKb = total;
  }, 200);
  const [code] = (await once(child, 'close')) as [number | null];
  clearInterval(timer);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`build of ${config} failed (${code}):\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`);
  const upToDate = /is up to date \(nothing changed since/.test(stdout);
  const phases = /phases: ingest ([\d.]+) s, aggregate ([\d.]+) s, pages ([\d.]+) s, search index ([\d.]+) s; total [\d.]+ s; peak RSS \(Node\) (\d+) MB/.exec(stdout);
  const cache = /snapshots: (\d+) from cache, (\d+) read from their files/.exec(stdout);
  const search = /search index: (\d+) pages/.exec(stdout);
  const split = /pages: loading Astro ([\d.]+) s, setup (-?[\d.]+) s, content ([\d.]+) s, bundling \(Vite\) ([\d.]+) s, rendering ([\d.]+) s/.exec(stdout);
  if (!upToDate && (!phases || !cache)) throw new Error(`unexpected build output:\n${stdout.slice(-3000)}`);
  const dist = walkDist(outDir);
  const n = (match: RegExpExecArray | null, i: number) => (match ? Number(match[i]) : 0);
  return {
    seconds,
    phases: { ingest: n(phases, 1), aggregate: n(phases, 2), pages: n(phases, 3), search: n(phases, 4) },
    fromCache: n(cache, 1),
    readFromFiles: n(cache, 2),
    nodePeakMb: n(phases, 5),
    treePeakMb: Math.round((peakKb * 1024) / 1e6),
    pages: dist.pages,
    distMb: dist.bytes / 1e6,
    files: dist.files,
    jsBytes: dist.jsBytes,
    searchPages: n(search, 1),
    upToDate,
    pagesSplit: split ? { load: n(split, 1), setup: n(split, 2), content: n(split, 3), bundling: n(split, 4), rendering: n(split, 5) } : undefined,
  };
}

export interface SizeResult {
  snapshots: number;
  rows: number;
  csvMb: number;
  cold: BuildSample;
  warm: BuildSample;
}

/**
 * A project of the first n snapshots: built cold, then warm after adding snapshot n + 1. `afterCold`
 * runs between the two builds, given the project's config.
 */
export async function measureSize(projectRoot: string, work: string, data: SiteData, n: number, rows: number, log: (line: string) => void, afterCold?: (config: string) => Promise<void>): Promise<SizeResult> {
  const dir = join(work, `size-${n}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'snapshots'), { recursive: true });
  const config = join(dir, 'polku.config.jsonc');
  // Comments are published from 10 respondents on, as by default; the generated content is English.
  writeFileSync(config, JSON.stringify({ site: { title: 'Polku benchmark', lang: 'en' }, content: data.content, snapshots: 'snapshots', mapping: 'mapping.jsonc' }));
  for (let k = 0; k < n; k++) symlinkSync(data.snapshots[k]!, join(dir, 'snapshots', `${snapshotId(k + 1)}.csv`));
  const cacheDir = join(dir, 'cache');
  log(`size ${n}: cold build…`);
  const cold = await runBuild(projectRoot, config, join(dir, 'dist'), cacheDir);
  await afterCold?.(config);
  log(`size ${n}: cold ${cold.seconds.toFixed(1)} s, ${cold.pages} pages; adding ${snapshotId(n + 1)}, warm build…`);
  symlinkSync(data.snapshots[n]!, join(dir, 'snapshots', `${snapshotId(n + 1)}.csv`));
  const warm = await runBuild(projectRoot, config, join(dir, 'dist'), cacheDir);
  log(`size ${n}: warm ${warm.seconds.toFixed(1)} s (${warm.fromCache} from cache, ${warm.readFromFiles} read)`);
  const result = { snapshots: n, rows, csvMb: data.bytes.slice(0, n).reduce((a, b) => a + b, 0) / 1e6, cold, warm };
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
  return result;
}
