// npm run build: the data pipeline once, then Astro into a temporary folder that replaces dist/
// only when every step succeeded, so a failed build leaves the previous site untouched.
import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'astro';
import * as pagefind from 'pagefind';
import { loadConfig } from '../src/lib/config.ts';
import { formatDataReport, strictFailure } from '../src/lib/data-report.ts';
import { PolkuError } from '../src/lib/errors.ts';
import { buildSiteModel } from '../src/lib/site-model.ts';

const root = process.cwd();
const outDir = resolve(root, process.env.POLKU_OUT_DIR ?? 'dist');
const work = `${outDir}.tmp-${process.pid}`;

async function main(): Promise<void> {
  const config = loadConfig(root);
  if (process.argv.includes('--strict')) config.strict = true;
  const started = performance.now();
  const model = await buildSiteModel(config);
  console.log(formatDataReport(model));
  const failure = config.strict ? strictFailure(model) : null;
  if (failure) throw new PolkuError(failure);
  console.log(`data pipeline: ${((performance.now() - started) / 1000).toFixed(2)} s`);

  const cache = join(root, '.polku');
  mkdirSync(cache, { recursive: true });
  const modelFile = join(cache, 'model.json');
  writeFileSync(modelFile, JSON.stringify(model));
  process.env.POLKU_MODEL = modelFile;

  rmSync(work, { recursive: true, force: true });
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  try {
    await build({ root, outDir: work, logLevel: process.env.POLKU_QUIET ? 'warn' : 'info' });
    await indexForSearch(work, model.site.lang);
    const old = `${outDir}.old-${process.pid}`;
    if (existsSync(outDir)) renameSync(outDir, old);
    renameSync(work, outDir);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`built ${outDir}`);
}

/** Pagefind indexes what pages mark with data-pagefind-body, stemming in the site's language. */
async function indexForSearch(dir: string, lang: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: lang });
  if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
  const added = await index.addDirectory({ path: dir });
  const written = await index.writeFiles({ outputPath: join(dir, 'pagefind') });
  const problems = [...added.errors, ...written.errors];
  await pagefind.close();
  if (problems.length) throw new Error(`Pagefind: ${problems.join('; ')}`);
  console.log(`search index: ${added.page_count} pages`);
}

main().catch((error: unknown) => {
  console.error(error instanceof PolkuError ? `error: ${error.format()}` : error);
  console.error('The previous dist/ (if any) is unchanged.');
  process.exitCode = 1;
});
