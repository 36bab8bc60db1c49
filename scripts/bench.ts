// `npm run bench`: Polku's ingest of a 1,000,000-row snapshot against a bare papaparse parse of the
// same file, each run in a fresh process (its own peak RSS), alternating. Progress on stderr, results
// on stdout and in BENCHMARKS.md. A benchmark, not a test: it says whether targets are met, never fails.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { ensureSnapshot } from './bench/generate.ts';

const ROWS = 1_000_000;
const SEED = 20260101;
const RUNS = 3;
const MIN_RATIO = 0.6;
const MAX_RSS_MB = 300;
const MB = 1e6;
const root = join(import.meta.dirname, '..');
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Sample { ms: number; rows: number; maxRssKb: number; accepted?: number; rejected?: number }

function measure(mode: 'bare' | 'polku', path: string): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'bench', 'measure.ts'), mode, path], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Sample) : reject(new Error(`${mode} run exited with ${code}`))));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number, digits = 0) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const dir = join(root, '.polku', 'bench');
mkdirSync(dir, { recursive: true });
const t0 = performance.now();
const snapshot = await ensureSnapshot(dir, ROWS, SEED);
log(`snapshot: ${relative(root, snapshot.path)}, ${fmt(snapshot.bytes / MB, 1)} MB, ${snapshot.cached ? 'cached' : `generated in ${fmt((performance.now() - t0) / 1000, 1)} s`}`);

const samples: Record<'bare' | 'polku', Sample[]> = { bare: [], polku: [] };
for (let run = 1; run <= RUNS; run++) {
  for (const mode of ['bare', 'polku'] as const) {
    const s = await measure(mode, snapshot.path);
    samples[mode].push(s);
    log(`run ${run}/${RUNS} ${mode.padEnd(5)}: ${fmt(s.ms)} ms, ${fmt(s.rows)} rows, peak RSS ${fmt((s.maxRssKb * 1024) / MB)} MB`);
  }
}

const summarise = (xs: Sample[]) => {
  const ms = median(xs.map((s) => s.ms));
  return { ms, mbps: snapshot.bytes / MB / (ms / 1000), rowsps: ROWS / (ms / 1000), rssMb: Math.max(...xs.map((s) => s.maxRssKb)) * 1024 / MB };
};
const bare = summarise(samples.bare);
const polku = summarise(samples.polku);
const ratio = bare.ms / polku.ms;
const last = samples.polku.at(-1)!;

const machine = `${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB`;
const git = (...args: string[]) => {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};
const commit = `${git('rev-parse', '--short', 'HEAD') || 'unknown'}${git('status', '--porcelain', '--untracked-files=no', '--', 'src', 'scripts') ? ' + uncommitted changes' : ''}`;
const date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
const met = (ok: boolean) => (ok ? 'met' : '**NOT met**');
const line = (name: string, x: typeof bare) => `| ${name} | ${fmt(x.ms)} ms | ${fmt(x.mbps, 1)} | ${fmt(x.rowsps)} | ${fmt(x.rssMb)} MB |`;
const table = `| Measurement | Median time | MB/s | rows/s | Peak RSS (max of runs) |
| --- | ---: | ---: | ---: | ---: |
${line('bare papaparse (array rows, counted)', bare)}
${line('Polku ingest + validate + aggregate', polku)}

- Throughput: ${ratio.toFixed(2)} × bare papaparse (target ≥ ${MIN_RATIO}): ${met(ratio >= MIN_RATIO)}
- Peak RSS: ${fmt(polku.rssMb)} MB (target < ${MAX_RSS_MB} MB): ${met(polku.rssMb < MAX_RSS_MB)}`;
const row = `| ${date} | ${commit} | ${machine} | ${process.version} | ${fmt(snapshot.bytes / MB)} | ${fmt(polku.mbps, 1)} | ${fmt(polku.rowsps)} | ${fmt(bare.mbps, 1)} | ${ratio.toFixed(2)} | ${fmt(polku.rssMb)} |`;
process.stdout.write(`\n${table}\n\nHistory row for BENCHMARKS.md:\n${row}\n`);

// BENCHMARKS.md: the latest run in full, and one row per run kept between the history markers.
const file = join(root, 'BENCHMARKS.md');
const [START, END] = ['<!-- bench:history:start -->', '<!-- bench:history:end -->'];
const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
const history = old.includes(START) ? old.slice(old.indexOf(START), old.indexOf(END)).split('\n').filter((l) => /^\| \d{4}-/.test(l)) : [];
writeFileSync(file, `# Benchmarks

\`npm run bench\` (scripts/bench.ts) rewrites this file on every run and keeps the history rows.
It generates a seeded ${fmt(ROWS)}-row long-layout snapshot (the sample's 3 journeys and 27 touchpoints,
~8 ratings per respondent listed together, ~25% of rows with a short comment, some quoted) into
\`.polku/bench/\`, reused while rows, seed and generator version stay the same. Then, alternating, each in
a fresh Node process, ${RUNS} times: a bare papaparse parse of the file (1 MiB UTF-8 read stream, array rows
counted per chunk) and Polku's \`ingestSnapshot\` (decode, SHA-256, parse, line numbers, validation, duplicate
check, aggregates, distinct respondents, comment samples). Times are medians; peak RSS is the largest
\`process.resourceUsage().maxRSS\` of the runs. MB = 10^6 bytes; ratio = bare median time / Polku median time.
Targets: Polku at least ${MIN_RATIO} × bare papaparse's throughput, and peak RSS under ${MAX_RSS_MB} MB.

## Latest run

- Command: \`npm run bench\`
- Date: ${date}
- Commit: ${commit}
- Machine: ${machine}; Node ${process.version} (${os.platform()} ${os.arch()})
- Snapshot: \`${relative(root, snapshot.path)}\`, ${fmt(ROWS)} rows, ${fmt(snapshot.bytes)} bytes, seed ${SEED}; Polku accepted ${fmt(last.accepted ?? 0)}, rejected ${fmt(last.rejected ?? 0)}

${table}

## History

${START}
| Date | Commit | Machine | Node | File MB | Polku MB/s | Polku rows/s | Bare MB/s | Ratio | Peak RSS MB |
| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
${[...history, row].join('\n')}
${END}
`);
log(`wrote ${relative(root, file)}`);
