// `npm run bench`: (1) Polku's ingest of a 1,000,000-row snapshot against a bare papaparse parse of
// the same file and against the engine path (sql/aggregate.sql in DuckDB, then Polku reading the
// aggregate), each run in a fresh process (its own peak RSS), alternating; (2) a large site (3 journeys
// × 30 touchpoints, 250,000 rows per weekly snapshot) built cold and warm at 10, 20 and 40 snapshots;
// (3) a small site (one journey of ten touchpoints, scripts/bench/small-site.ts) built cold, after a
// data change and with nothing changed, and the sample site's cold build against a base commit.
// Progress on stderr, results on stdout and in BENCHMARKS.md. A benchmark, not a test: it says whether
// targets are met, never fails.
//   --skip-ingest / --skip-site / --skip-small-site   leave a part out; its latest results are kept in BENCHMARKS.md
//   --only ingest|site|small-site  run that part alone
//   --sizes 10,20,40              snapshot counts of the large site
//   --rows 250000                 rows per snapshot of the large site
//   --large-rows 10000000,25000000  rows of the larger files that show peak RSS by file size (0: none)
//   --small-rows 100000,1000000   rows of the small site's export
//   --base 4748f33 --sample-runs 3  the commit the sample site's cold build is compared with, and runs of each (0: none)
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { ensureSnapshot } from './bench/generate.ts';
import { ensureSiteData, JOURNEYS, measureSize, TOUCHPOINTS_PER_JOURNEY, type SizeResult } from './bench/site.ts';
import { measureSampleCold, measureSmallSite, smallSiteSection, type SmallSiteResults } from './bench/small-site.ts';
import { BUILD_NODE_FLAGS } from './build-flags.ts';

const ROWS = 1_000_000;
const SEED = 20260101;
const RUNS = 3;
const MIN_RATIO = 0.6;
const MAX_RSS_MB = 300;
const SITE_MAX_RSS_MB = 1000;
const SITE_MAX_WARM_S = 30;
const MB = 1e6;
const root = join(import.meta.dirname, '..');
const log = (line: string) => process.stderr.write(`${line}\n`);
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const SIZES = (arg('--sizes') ?? '10,20,40').split(',').map(Number);
const SITE_ROWS = Number(arg('--rows') ?? 250_000);
const LARGE_ROWS = (arg('--large-rows') ?? '10000000,25000000').split(',').map(Number).filter((rows) => rows > 0);
const SMALL_ROWS = (arg('--small-rows') ?? '100000,1000000').split(',').map(Number);
/** The commit before issue #24's work on the small build: the sample site's cold build is compared with it. */
const BASE_COMMIT = arg('--base') ?? '4748f33';
const SAMPLE_RUNS = Number(arg('--sample-runs') ?? RUNS);
const runs = (part: 'ingest' | 'site' | 'small-site') => (arg('--only') ?? part) === part && !process.argv.includes(`--skip-${part}`);

type Mode = 'bare' | 'polku' | 'duckdb' | 'site';
interface Sample { ms: number; rows: number; maxRssKb: number; accepted?: number; rejected?: number; respondents?: number; sqlMs?: number; readMs?: number; aggregateRows?: number }

/** One measurement in a fresh process; bare papaparse reads several files in turn; a site's ingest runs with the build's flags. */
function measure(mode: Mode, ...paths: string[]): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const flags = mode === 'site' ? BUILD_NODE_FLAGS : [];
    const child = spawn(process.execPath, [...flags, join(import.meta.dirname, 'bench', 'measure.ts'), mode, ...paths], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Sample) : reject(new Error(`${mode} run exited with ${code}`))));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number, digits = 0) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const git = (...args: string[]) => {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};
const stamp = () => ({
  date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  commit: `${git('rev-parse', '--short', 'HEAD') || 'unknown'}${git('status', '--porcelain', '--untracked-files=no', '--', 'src', 'scripts', 'sql') ? ' + uncommitted changes' : ''}`,
  machine: `${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB`,
  node: `${process.version} (${os.platform()} ${os.arch()})`,
  load: os.loadavg().map((x) => x.toFixed(1)).join(' '),
});
type Stamp = ReturnType<typeof stamp>;

const dir = join(root, '.polku', 'bench');
mkdirSync(dir, { recursive: true });
const met = (ok: boolean) => (ok ? 'met' : '**NOT met**');

// ---- 1. Ingest of one 1M-row file: bare papaparse, Polku, DuckDB + Polku reading the aggregate ----

interface Summary { ms: number; mbps: number; rowsps: number; rssMb: number }
/** One run each of bare papaparse and Polku on a larger file made the same way: peak RSS by file size. */
interface LargeFile { file: string; rows: number; bytes: number; respondents: number; bareMs: number; polkuMs: number; rssMb: number; duckdbMs?: number; duckdbRssMb?: number }
interface IngestResults { stamp: Stamp; loadAfter: string; file: string; bytes: number; accepted: number; rejected: number; respondents: number; bare: Summary; polku: Summary; duckdb: Summary & { sqlMs: number; readMs: number; aggregateRows: number }; large: LargeFile[] }

async function benchIngest(): Promise<IngestResults> {
  const t0 = performance.now();
  const snapshot = await ensureSnapshot(dir, ROWS, SEED);
  log(`snapshot: ${relative(root, snapshot.path)}, ${fmt(snapshot.bytes / MB, 1)} MB, ${snapshot.cached ? 'cached' : `generated in ${fmt((performance.now() - t0) / 1000, 1)} s`}`);
  const started = stamp();
  const samples: Record<Exclude<Mode, 'site'>, Sample[]> = { bare: [], polku: [], duckdb: [] };
  for (let run = 1; run <= RUNS; run++) {
    for (const mode of ['bare', 'polku', 'duckdb'] as const) {
      const s = await measure(mode, snapshot.path);
      samples[mode].push(s);
      log(`run ${run}/${RUNS} ${mode.padEnd(6)}: ${fmt(s.ms)} ms, ${fmt(s.rows)} rows, peak RSS ${fmt((s.maxRssKb * 1024) / MB)} MB`);
    }
  }
  const summarise = (xs: Sample[]): Summary => {
    const ms = median(xs.map((s) => s.ms));
    return { ms, mbps: snapshot.bytes / MB / (ms / 1000), rowsps: ROWS / (ms / 1000), rssMb: (Math.max(...xs.map((s) => s.maxRssKb)) * 1024) / MB };
  };
  const last = samples.polku.at(-1)!;
  const duck = samples.duckdb;
  const large: LargeFile[] = [];
  for (const rows of LARGE_ROWS) {
    const t1 = performance.now();
    const big = await ensureSnapshot(dir, rows, SEED);
    log(`larger snapshot: ${relative(root, big.path)}, ${fmt(big.bytes / MB, 1)} MB, ${big.cached ? 'cached' : `generated in ${fmt((performance.now() - t1) / 1000, 1)} s`}`);
    const bare = await measure('bare', big.path);
    log(`larger file bare  : ${fmt(bare.ms)} ms`);
    const polku = await measure('polku', big.path);
    log(`larger file polku : ${fmt(polku.ms)} ms, peak RSS ${fmt((polku.maxRssKb * 1024) / MB)} MB`);
    const duck = await measure('duckdb', big.path);
    log(`larger file duckdb: ${fmt(duck.ms)} ms, peak RSS ${fmt((duck.maxRssKb * 1024) / MB)} MB`);
    large.push({ file: relative(root, big.path), rows, bytes: big.bytes, respondents: polku.respondents ?? 0, bareMs: bare.ms, polkuMs: polku.ms, rssMb: (polku.maxRssKb * 1024) / MB, duckdbMs: duck.ms, duckdbRssMb: (duck.maxRssKb * 1024) / MB });
  }
  return {
    stamp: started,
    loadAfter: os.loadavg().map((x) => x.toFixed(1)).join(' '),
    file: relative(root, snapshot.path),
    bytes: snapshot.bytes,
    accepted: last.accepted ?? 0,
    rejected: last.rejected ?? 0,
    respondents: last.respondents ?? 0,
    bare: summarise(samples.bare),
    polku: summarise(samples.polku),
    duckdb: { ...summarise(duck), sqlMs: median(duck.map((s) => s.sqlMs ?? 0)), readMs: median(duck.map((s) => s.readMs ?? 0)), aggregateRows: duck.at(-1)?.aggregateRows ?? 0 },
    large,
  };
}

// ---- 2. The large site at several sizes, cold and warm ----

/**
 * The cold ingest phase against its yardstick, RUNS times alternating, each in a fresh process: bare
 * papaparse over the size's files in turn, and the ingest phase of a cold build of the size alone.
 */
type SizeWithIngestRuns = SizeResult & { ingestRuns?: { bareMs: number[]; polkuMs: number[] } };
interface SiteResults { stamp: Stamp; loadAfter: string; rowsPerSnapshot: number; sizes: SizeWithIngestRuns[] }

async function benchSite(): Promise<SiteResults> {
  const max = Math.max(...SIZES);
  const data = await ensureSiteData(dir, max + 1, SITE_ROWS, log);
  log(`large site data: ${max + 1} snapshots of ${fmt(SITE_ROWS)} rows, ${fmt(data.bytes.reduce((a, b) => a + b, 0) / MB)} MB (${fmt(data.generatedSeconds, 1)} s)`);
  const started = stamp();
  const sizes: SizeWithIngestRuns[] = [];
  for (const n of SIZES) {
    const ingestRuns = { bareMs: [] as number[], polkuMs: [] as number[] };
    const size = await measureSize(root, join(dir, 'site-work'), data, n, SITE_ROWS, log, async (config) => {
      for (let run = 1; run <= RUNS; run++) {
        const bare = await measure('bare', ...data.snapshots.slice(0, n));
        const polku = await measure('site', config);
        if (polku.rows !== n * SITE_ROWS) throw new Error(`the ingest phase of size ${n} read ${polku.rows} rows`);
        ingestRuns.bareMs.push(bare.ms);
        ingestRuns.polkuMs.push(polku.ms);
        log(`size ${n}: run ${run}/${RUNS}: bare papaparse over the ${n} files ${fmt(bare.ms / 1000, 1)} s, the cold ingest phase alone ${fmt(polku.ms / 1000, 1)} s`);
      }
    });
    sizes.push({ ...size, ingestRuns });
  }
  return { stamp: started, loadAfter: os.loadavg().map((x) => x.toFixed(1)).join(' '), rowsPerSnapshot: SITE_ROWS, sizes };
}

const resultsFile = (benchmark: string) => join(dir, `results-${benchmark}.json`);
const load = <T>(benchmark: string): T | null => (existsSync(resultsFile(benchmark)) ? (JSON.parse(readFileSync(resultsFile(benchmark), 'utf8')) as T) : null);

// ---- 3. The small site: cold, after a data change, nothing changed; the sample's cold build ----

async function benchSmallSite(): Promise<SmallSiteResults> {
  const started = stamp();
  const results = [];
  for (const rows of SMALL_ROWS) results.push(await measureSmallSite(root, dir, rows, log));
  const sample = SAMPLE_RUNS > 0 ? { baseCommit: BASE_COMMIT, ...(await measureSampleCold(root, dir, BASE_COMMIT, SAMPLE_RUNS, log)) } : null;
  return { stamp: started, loadAfter: os.loadavg().map((x) => x.toFixed(1)).join(' '), runs: results, sample };
}

let ingest = load<IngestResults>('ingest');
let site = load<SiteResults>('site');
let small = load<SmallSiteResults>('small-site');
let newIngestRun = false;
if (runs('ingest')) {
  ingest = await benchIngest();
  newIngestRun = true;
  writeFileSync(resultsFile('ingest'), JSON.stringify(ingest, null, 1));
}
if (runs('site')) {
  site = await benchSite();
  writeFileSync(resultsFile('site'), JSON.stringify(site, null, 1));
}
if (runs('small-site')) {
  small = await benchSmallSite();
  writeFileSync(resultsFile('small-site'), JSON.stringify(small, null, 1));
}

// ---- BENCHMARKS.md ----

function ingestSection(r: IngestResults): string {
  const line = (name: string, x: Summary) => `| ${name} | ${fmt(x.ms)} ms | ${fmt(x.mbps, 1)} | ${fmt(x.rowsps)} | ${fmt(x.rssMb)} MB |`;
  const ratio = r.bare.ms / r.polku.ms;
  // Results from before the larger files were a list had one or none.
  const larger: LargeFile[] = Array.isArray(r.large) ? r.large : r.large ? [r.large] : [];
  const rssOk = [r.polku.rssMb, ...larger.map((big) => big.rssMb)].every((mb) => mb < MAX_RSS_MB);
  const bySize = larger.length
    ? `

Time and peak RSS by file size, Polku and the DuckDB path (the larger files made the same way, one run of each):

| Rows | File MB | Respondents | Polku time | × bare papaparse | Polku peak RSS | DuckDB path | × Polku's speed | DuckDB peak RSS |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| ${fmt(ROWS)} | ${fmt(r.bytes / MB)} | ${fmt(r.respondents ?? 0)} | ${fmt(r.polku.ms)} ms | ${ratio.toFixed(2)} | ${fmt(r.polku.rssMb)} MB | ${fmt(r.duckdb.ms)} ms | ${(r.polku.ms / r.duckdb.ms).toFixed(2)} | ${fmt(r.duckdb.rssMb)} MB |
${larger.map((big) => `| ${fmt(big.rows)} | ${fmt(big.bytes / MB)} | ${fmt(big.respondents)} | ${fmt(big.polkuMs)} ms | ${(big.bareMs / big.polkuMs).toFixed(2)} | ${fmt(big.rssMb)} MB | ${big.duckdbMs ? `${fmt(big.duckdbMs)} ms | ${(big.polkuMs / big.duckdbMs).toFixed(2)} | ${fmt(big.duckdbRssMb ?? 0)} MB` : '– | – | –'} |`).join('\n')}`
    : '';
  return `- Command: \`npm run bench\`
- Date: ${r.stamp.date}; commit ${r.stamp.commit}
- Machine: ${r.stamp.machine}; Node ${r.stamp.node}; load average (1, 5, 15 min) ${r.stamp.load} at the start, ${r.loadAfter} at the end
- Snapshot: \`${r.file}\`, ${fmt(ROWS)} rows, ${fmt(r.bytes)} bytes, seed ${SEED}; Polku accepted ${fmt(r.accepted)}, rejected ${fmt(r.rejected)}

| Measurement | Median time | MB/s | rows/s | Peak RSS (max of runs) |
| --- | ---: | ---: | ---: | ---: |
${line('bare papaparse (array rows, counted)', r.bare)}
${line('Polku ingest + validate + aggregate', r.polku)}
${line('DuckDB sql/aggregate.sql → aggregate CSV, then Polku reads it', r.duckdb)}

- Throughput: ${ratio.toFixed(2)} × bare papaparse (target ≥ ${MIN_RATIO}): ${met(ratio >= MIN_RATIO)}
- Peak RSS: ${fmt(r.polku.rssMb)} MB${larger.map((big) => `, ${fmt(big.rssMb)} MB at ${fmt(big.rows)} rows`).join('')} (target < ${MAX_RSS_MB} MB whatever the file size): ${met(rssOk)}
- DuckDB path: the SQL ${fmt(r.duckdb.sqlMs)} ms (DuckDB's default threads: all ${os.availableParallelism()} cores; memory_limit 250 MB, spilling beyond it), Polku reading its ${fmt(r.duckdb.aggregateRows)}-row aggregate ${fmt(r.duckdb.readMs)} ms; ${(r.polku.ms / r.duckdb.ms).toFixed(2)} × Polku's ingest speed. Its peak RSS is DuckDB's (native memory, in the same process).${bySize}`;
}

function siteSection(r: SiteResults): string {
  const s = (x: number) => fmt(x, 1);
  const other = (b: SizeResult['cold']) => b.seconds - b.phases.ingest - b.phases.aggregate - b.phases.pages - b.phases.search;
  const phases = (b: SizeResult['cold']) => `${s(b.phases.ingest)} / ${s(b.phases.aggregate)} / ${s(b.phases.pages)} / ${s(b.phases.search)} / ${s(other(b))}`;
  const rows = r.sizes.map((z) =>
    `| ${z.snapshots} | ${fmt(z.snapshots * z.rows)} | ${fmt(z.csvMb)} | ${s(z.cold.seconds)} | ${phases(z.cold)} | ${s(z.warm.seconds)} (${z.warm.fromCache} cached, ${z.warm.readFromFiles} read) | ${phases(z.warm)} | ${fmt(z.cold.pages)} → ${fmt(z.warm.pages)} | ${fmt(z.warm.distMb)} | ${fmt(Math.max(z.cold.nodePeakMb, z.warm.nodePeakMb))} / ${fmt(Math.max(z.cold.treePeakMb, z.warm.treePeakMb))} |`,
  );
  // The cold ingest phase against bare papaparse over the same files (medians of the alternating runs): MB/s each, and their ratio.
  const coldIngest = (z: SizeWithIngestRuns) => {
    if (z.ingestRuns === undefined) return { text: `${s(z.csvMb / z.cold.phases.ingest)} MB/s in the cold build` };
    const [bareS, polkuS] = [median(z.ingestRuns.bareMs) / 1000, median(z.ingestRuns.polkuMs) / 1000];
    const ratio = bareS / polkuS;
    return { ratio, text: `${s(z.csvMb / polkuS)} MB/s = ${ratio.toFixed(2)} × bare's ${s(z.csvMb / bareS)} MB/s` };
  };
  const perSnapshot = (x: number | undefined, z: SizeResult, digits: number) => (x === undefined ? '–' : fmt(x / z.snapshots, digits));
  const growth = r.sizes.map((z) => `| ${z.snapshots} | ${s(z.cold.seconds / z.snapshots)} | ${s(z.warm.seconds / (z.snapshots + 1))} | ${fmt(z.cold.pages / z.snapshots, 1)} | ${perSnapshot(z.cold.distMb, z, 2)} | ${perSnapshot(z.cold.files, z, 1)} | ${s(z.cold.phases.ingest / z.snapshots)} | ${coldIngest(z).text} | ${fmt((z.cold.phases.pages / z.cold.pages) * 1000)} ms |`);
  const warmOk = r.sizes.every((z) => z.warm.seconds < SITE_MAX_WARM_S);
  const rssMax = Math.max(...r.sizes.flatMap((z) => [z.cold.treePeakMb, z.warm.treePeakMb]));
  const ratios = r.sizes.map((z) => coldIngest(z).ratio);
  const ingestOk = ratios.every((x) => x !== undefined) ? ratios.every((x) => x! >= MIN_RATIO) : undefined;
  return `- Command: \`npm run bench\` (this part alone: \`npm run bench -- --skip-ingest\`)
- Date: ${r.stamp.date}; commit ${r.stamp.commit}
- Machine: ${r.stamp.machine}; Node ${r.stamp.node}; load average (1, 5, 15 min) ${r.stamp.load} at the start, ${r.loadAfter} at the end
- Site: ${JOURNEYS} journeys × ${TOUCHPOINTS_PER_JOURNEY} touchpoints of generated content, weekly snapshots of ${fmt(r.rowsPerSnapshot)} rows (~9 ratings per respondent, 20% with a comment); each size a project of the first N snapshots, built cold (empty snapshot cache), then warm after adding snapshot N + 1. Each build is \`scripts/build.ts\` in its own process: data pipeline (a cold build reads the files in worker threads, one per core, each reading file after file), Astro, Pagefind, swap of \`dist/\`. Between the cold and the warm build of a size, ${RUNS} times alternating, each in a fresh process: bare papaparse (as in part 1) reads the same snapshot files in turn, the yardstick, and the cold build's ingest phase runs alone (\`scripts/bench/measure.ts site\`: the content, then every file read in worker threads into an empty snapshot cache, with the build's Node flags). The ingest ratio is of their medians: on this shared host, one cold build against one bare run, minutes apart, gave 0.54 to 0.91 with the same code.
- Phases (seconds): ingest (read, validate, aggregate every file, or load it from the cache) / aggregate (site model: cells, suppression, figures, changes, model file) / pages (Astro) / Pagefind / other (process start, loading Astro, content and config, the swap of \`dist/\`: the wall time less the phases). Peak RSS: Node's own (\`maxRSS\` of the build process) / the process tree's (Node + Pagefind's and esbuild's binaries, sampled every 200 ms from /proc; a child forked but not yet running its own binary is not counted twice).

| Snapshots | Rows | CSV MB | Cold build s | Cold phases | Warm rebuild s (+1 snapshot) | Warm phases | Pages cold → warm | dist MB (warm) | Peak RSS MB, Node / tree |
| ---: | ---: | ---: | ---: | --- | --- | --- | ---: | ---: | ---: |
${rows.join('\n')}

Growth (linear means the per-snapshot figures stay flat):

- dist MB / snapshot and files / snapshot: the cold build's \`dist/\` (every file, bytes and count) divided by its snapshots; a page shows at most \`site.historyLength\` snapshots, so they stay flat (the files shared by all snapshots weigh less per snapshot as snapshots are added).

| Snapshots | Cold s per snapshot | Warm s per snapshot | Pages per snapshot | dist MB / snapshot | Files / snapshot | Cold build's ingest s per snapshot | Ingest phase alone, MB/s, median of ${RUNS} (× bare papaparse's over the same files) | Astro ms per page |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${growth.join('\n')}

- Warm rebuild under ${SITE_MAX_WARM_S} s at every size: ${met(warmOk)} (${r.sizes.map((z) => `${z.snapshots}: ${s(z.warm.seconds)} s`).join(', ')})
- Peak RSS under ${fmt(SITE_MAX_RSS_MB)} MB (process tree): ${met(rssMax < SITE_MAX_RSS_MB)} (largest ${fmt(rssMax)} MB)
- Cold ingest phase at least ${MIN_RATIO} × bare papaparse at every size: ${ingestOk === undefined ? 'not measured' : met(ingestOk)} (${r.sizes.map((z) => `${z.snapshots}: ${coldIngest(z).ratio?.toFixed(2) ?? '–'}`).join(', ')})`;
}

const file = join(root, 'BENCHMARKS.md');
const [START, END] = ['<!-- bench:history:start -->', '<!-- bench:history:end -->'];
const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
const history = old.includes(START) ? old.slice(old.indexOf(START), old.indexOf(END)).split('\n').filter((l) => /^\| \d{4}-/.test(l)) : [];
// Notes written by hand about the latest results (analysis, proposals) are kept as they are.
const [NOTES_START, NOTES_END] = ['<!-- bench:notes:start -->', '<!-- bench:notes:end -->'];
/** The text between two markers in BENCHMARKS.md as it was, or null. */
const between = (start: string, end: string) => (old.includes(start) ? old.slice(old.indexOf(start) + start.length, old.indexOf(end)).trim() : null);
const notes = between(NOTES_START, NOTES_END) ?? '';
const [SMALL_NOTES_START, SMALL_NOTES_END] = ['<!-- bench:small-notes:start -->', '<!-- bench:small-notes:end -->'];
const smallNotes = between(SMALL_NOTES_START, SMALL_NOTES_END) ?? '';

/**
 * A part's results between its markers: from this run or the latest results file; without one (another
 * checkout, a cleaned .polku/), what BENCHMARKS.md already says, so that running one part never wipes another.
 */
function part(name: string, heading: string, fresh: string | null): string {
  const [start, end] = [`<!-- bench:${name}:start -->`, `<!-- bench:${name}:end -->`];
  return `${start}
${fresh ?? between(start, end) ?? unmarked(heading) ?? '_Not run yet._'}
${end}`;
}

/** A part's results in a BENCHMARKS.md written before the markers: from its "- Command:" line to the next heading. */
function unmarked(heading: string): string | null {
  const at = old.indexOf(heading);
  if (at < 0) return null;
  const next = old.slice(at + heading.length).search(/\n#{2,3} /);
  const body = old.slice(at, next < 0 ? undefined : at + heading.length + next);
  const command = body.indexOf('\n- Command:');
  return command < 0 ? null : body.slice(command + 1).trim();
}
if (ingest && newIngestRun) {
  const r = ingest;
  history.push(`| ${r.stamp.date} | ${r.stamp.commit} | ${r.stamp.machine} | ${process.version} | ${fmt(r.bytes / MB)} | ${fmt(r.polku.mbps, 1)} | ${fmt(r.polku.rowsps)} | ${fmt(r.bare.mbps, 1)} | ${(r.bare.ms / r.polku.ms).toFixed(2)} | ${fmt(r.polku.rssMb)} |`);
}
const text = `# Benchmarks

\`npm run bench\` (scripts/bench.ts) rewrites this file on every run and keeps the history rows. Its raw
results are in \`.polku/bench/results-*.json\`; a part that was skipped keeps its latest results here.
The machine is shared: the load average at the start and end of each part is printed with it.

## 1. Ingest of one 1,000,000-row snapshot

It generates a seeded ${fmt(ROWS)}-row long-layout snapshot (the sample's 3 journeys and 27 touchpoints,
~8 ratings per respondent listed together, ~25% of rows with a short comment, some quoted) into
\`.polku/bench/\`, reused while rows, seed and generator version stay the same. Then, alternating, each in
a fresh Node process, ${RUNS} times: a bare papaparse parse of the file (1 MiB UTF-8 read stream, array rows
counted per chunk); Polku's \`ingestSnapshot\` (decode, SHA-256, parse, line numbers, validation, duplicate
check, aggregates, distinct respondents, comment samples; as in a build, the file is read in two
halves side by side, each in a worker thread, and their aggregates merged); and the engine path: \`sql/aggregate.sql\` in
DuckDB over the same file to an aggregate CSV, which Polku then reads as a snapshot. Times are medians;
peak RSS is the largest \`process.resourceUsage().maxRSS\` of the runs. MB = 10^6 bytes; ratio = bare
median time / Polku median time. Targets: Polku at least ${MIN_RATIO} × bare papaparse's throughput, and
peak RSS under ${MAX_RSS_MB} MB. Then one run of each on larger files made the same way (${LARGE_ROWS.map((rows) => fmt(rows)).join(' and ')} rows,
kept in \`.polku/bench/\` too; \`--large-rows 0\` leaves them out): peak RSS by file size. A file whose
respondents outgrow one read's budget (\`RESPONDENT_BYTES\` in \`src/lib/ingest/ingest.ts\`) is read in passes,
each counting a share of them: the 25,000,000-row file takes three.

${part('ingest', '## 1. Ingest', ingest && ingestSection(ingest))}

## 2. A large site: 40 snapshots × 3 journeys × 30 touchpoints

Targets: warm rebuild after adding one snapshot under ${SITE_MAX_WARM_S} s on this 2-core machine; the cold
build's ingest phase at least ${MIN_RATIO} of bare papaparse's throughput; peak RSS under ${fmt(SITE_MAX_RSS_MB)} MB; page
count and build time growing linearly with the snapshots (sizes ${SIZES.join(', ')}).

${part('site', '## 2. A large site', site && siteSection(site))}

### What the figures say

${NOTES_START}
${notes || '_Notes on the latest results go here; npm run bench keeps them._'}
${NOTES_END}

## 3. A small site: one journey of ten touchpoints

Issue #24's job: one journey of ten touchpoints (five stages), one weekly export of ${SMALL_ROWS.map((rows) => fmt(rows)).join(' and ')}
rows generated like the large site's (NPS, CSAT, CES, emotion, expectation; 20% with a comment), the
pages Polku makes of it (journey, touchpoint reports with their charts and tables, open data, search).
Each size is a temporary project built three times, each build \`scripts/build.ts\` in its own process:
cold (no snapshot cache, no \`dist/\`); after a data change (the export replaced by a new export of the
same week under the same name, every row different: an analyst downloading the period again); and
with nothing changed. Then the sample site (\`content/\`, \`data/snapshots/\`) built cold ${SAMPLE_RUNS} times
alternating with the code at ${BASE_COMMIT} (\`git archive\` into \`.polku/bench/\`, same \`node_modules\`).
Targets: a rebuild after a data change ≤ 2 s, a build with nothing changed ≤ 1 s, peak RSS of the
build's process tree ≤ 300 MB, the sample's cold build no slower than at ${BASE_COMMIT}.

${part('small-site', '## 3. A small site', small && smallSiteSection(small, SAMPLE_RUNS))}

### Where a small build's time goes

${SMALL_NOTES_START}
${smallNotes || '_Notes written by hand on a profile of the small build; npm run bench keeps them._'}
${SMALL_NOTES_END}

## History (ingest of the 1M-row file)

${START}
| Date | Commit | Machine | Node | File MB | Polku MB/s | Polku rows/s | Bare MB/s | Ratio | Peak RSS MB |
| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
${history.join('\n')}
${END}
`;
writeFileSync(file, text);
process.stdout.write(`\n${ingest ? ingestSection(ingest) : ''}\n\n${site ? siteSection(site) : ''}\n\n${small ? smallSiteSection(small, SAMPLE_RUNS) : ''}\n`);
log(`wrote ${relative(root, file)}`);
