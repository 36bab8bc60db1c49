// npm run build (through scripts/build.ts): the data pipeline once, then Astro (with the Polku integration given the model)
// into a temporary folder that replaces dist/ only when every step succeeded, so a failed build
// leaves the previous site untouched; one that was killed is repaired by the next
// (scripts/output-dir.ts). With nothing changed since the last build into the same folder, it says so
// and stops (scripts/up-to-date.ts); --force builds anyway. Astro, the integration and the data
// pipeline are imported only once a build is needed: loading them takes longer than that check.
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadConfig, type Config } from '../src/lib/project/config.ts';
import { fromSystemError, PolkuError } from '../src/lib/common/errors.ts';
import type { Lang } from '../src/site/i18n.ts';
import { keptSnapshots, linkKeptPages, manifestPath, recordKeptPages, renderFingerprint, snapshotKeys, type SnapshotPages } from '../src/lib/model/kept-pages.ts';
import { inLanguage, outputPath, route } from '../src/site/routes.ts';
import type { SiteModel } from '../src/lib/model/site-model.ts';
import { snapshotCacheDir } from '../src/lib/ingest/snapshot-cache.ts';
import { limitHeapGrowth, withWorkerHeapLimits } from './build-flags.ts';
import { buildFolders, recoverOutput, swapIn } from './output-dir.ts';
import { pagesBreakdown } from './astro-phases.ts';
import { bundleDir, bundleProblem, renderWithBundle } from '../src/integration/render-bundle.ts';
import { buildSettings, forgetBuild, inputPaths, recordBuild, stampPath, takeInputs, upToDateSince } from './up-to-date.ts';
import { privateTempDir, removeOnExit, removeStaleTempDirs } from '../src/integration/private-temp.ts';

limitHeapGrowth();

const root = process.cwd();
const outDir = resolve(root, process.env.POLKU_OUT_DIR ?? 'dist');
const { work, astroCache } = buildFolders(outDir);
// Seconds per phase, printed at the end (npm run bench reads the line).
const phases = { ingest: 0, aggregate: 0, pages: 0, search: 0 };
const since = (start: number) => (performance.now() - start) / 1000;
// npm run pdf (--pdf): the report pages link their PDF, printed after the build (scripts/pdf.ts).
const pdf = process.argv.includes('--pdf');

/** What the build needs after the data pipeline; the ingests and the model themselves are not kept. */
interface PipelineResult {
  site: SiteModel['site'];
  snapshotIds: string[];
  modelFile: string;
  cacheDir: string | null;
  /** Each snapshot's pages that may be kept, and the key of each snapshot whose pages may be kept (kept-pages.ts). */
  reports: SnapshotPages[];
  keys: Map<string, string>;
}

/**
 * Reads the data and writes the site model for Astro. Only the few facts the build needs later leave
 * this function: the ingests and the model are garbage while Astro renders (they are hundreds of MB
 * at 40 snapshots, and Astro reads its own copy of the model).
 */
async function dataPipeline(config: Config, code: string, started: number, privateDir: string): Promise<PipelineResult> {
  // Snapshots read before come from .polku/cache/ (see src/lib/ingest/snapshot-cache.ts); --no-cache reads every file.
  const cacheDir = snapshotCacheDir(config, process.env, process.argv);
  // In this build's private folder (removed however the build ends; the pages read it until Astro is
  // done): builds running side by side (tests) never read each other's.
  const modelFile = join(privateDir, 'model.json');
  const { writeSiteModel } = await import('../src/integration/data-pipeline.ts');
  const { model, digests } = await writeSiteModel(config, { cacheDir, modelFile, read: withWorkerHeapLimits, onRead: () => (phases.ingest = since(started)) });
  console.log(`data pipeline: ${((performance.now() - started) / 1000).toFixed(2)} s`);
  const { snapshots, ...rest } = model;
  const keys = cacheDir === null ? new Map<string, string>() : snapshotKeys(sharedPageInputs(config, code, rest), digests, config.site.historyLength);
  phases.aggregate = since(started) - phases.ingest;
  return { site: model.site, snapshotIds: snapshots.map((s) => s.id), modelFile, cacheDir, reports: snapshots.map((s) => keptPaths(s, model.site)), keys };
}

/** A snapshot's pages that may be kept: its touchpoint reports' folders (src/pages/reports/[snapshot]/[journey]/[touchpoint]) in every language and its open data (src/pages/data/). */
function keptPaths(s: SiteModel['snapshots'][number], site: SiteModel['site']): SnapshotPages {
  const reports = s.journeys.flatMap((j) => j.stages.flatMap((st) => st.touchpoints.flatMap((t) => site.languages.map((lang) => inLanguage(route.touchpointReport(s.id, j.id, t.id), lang, site.lang)))));
  return { id: s.id, paths: [...reports, route.snapshotJson(s.id), route.snapshotCsv(s.id)].map(outputPath) };
}

/** A hash of the code and content every page is rendered from and of the settings that change pages. */
function codeFingerprint(config: Config): string {
  return renderFingerprint(
    [join(root, 'src'), join(root, 'astro.config.mjs'), join(root, 'package-lock.json'), join(root, 'scripts', 'build.ts'), join(root, 'scripts', 'build-main.ts'), config.content],
    { POLKU_BASE: process.env.POLKU_BASE, POLKU_SITE: process.env.POLKU_SITE, pdf: pdf ? '1' : undefined },
  );
}

/**
 * What a snapshot's touchpoint reports depend on besides the snapshots: the code and content they are
 * rendered from, the settings, and the model's parts other than snapshots and warnings (which only
 * the data-quality page shows).
 */
function sharedPageInputs(config: Config, code: string, model: Omit<SiteModel, 'snapshots'>): string {
  const { warnings: _warnings, ...rest } = model;
  return JSON.stringify({ code, config, model: rest });
}

/**
 * What the bundle of pages is built from (render-bundle.ts): the code and content, the settings, and
 * the snapshots' ids (the playbooks' links to reports are checked against them while bundling), but
 * not the data.
 */
function bundleFingerprint(config: Config, code: string, snapshotIds: string[]): string {
  return createHash('sha256').update(JSON.stringify({ code, config, snapshotIds, public: renderFingerprint([join(root, 'public'), join(root, 'tsconfig.json')], {}) })).digest('hex');
}

/**
 * Renders the pages into `work` with the bundle kept from an earlier build when it was built from the
 * same code, content and settings; otherwise runs Astro's whole build, which keeps its bundle for the
 * next. Returns the seconds the search index took.
 */
async function buildPages(model: { modelFile: string; keptPages: string[] }, bundle: { dir: string; fingerprint: string } | null, privateDir: string): Promise<number> {
  const problem = bundle === null ? 'the cache is off' : bundleProblem(bundle.dir, bundle.fingerprint);
  if (bundle && problem === null) {
    console.log('pages: rendered with the bundle of the previous build (code, content and settings unchanged)');
    const [{ setModelModuleContent }, { indexForSearch }] = await Promise.all([import('../src/integration/virtual-model.ts'), import('../src/integration/search-index.ts')]);
    setModelModuleContent({ ...model, pdf });
    await renderWithBundle(bundle.dir, work).catch((caught: unknown) => {
      throw new PageBuildError(caught);
    });
    const mark = performance.now();
    await indexForSearch(work);
    return since(mark);
  }
  console.log(`pages: Astro's full build (${problem})`);
  // Astro's content-layer state from an earlier build can name content files that no longer exist:
  // every build starts from the content as it is now, with a cache of its own.
  rmSync(join(root, '.astro'), { recursive: true, force: true });
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  let search = 0;
  const mark = performance.now();
  // Loaded only here, as Astro: a build rendering with a kept bundle does without them.
  const [{ polku }, { build }] = await Promise.all([import('../src/integration/index.ts'), import('astro')]);
  const loaded = since(mark);
  const timerFile = join(privateDir, 'astro-timer.json');
  process.env.ASTRO_TIMER_PATH = timerFile;
  // The search index is written in the integration's astro:build:done hook.
  const integration = polku({ ...model, pdf, keepBundle: bundle ?? undefined, onSearchIndexed: (seconds) => (search = seconds) });
  await build({ root, outDir: work, cacheDir: astroCache, logLevel: process.env.POLKU_QUIET ? 'warn' : 'info', integrations: [integration] }).catch((caught: unknown) => {
    throw new PageBuildError(caught);
  });
  console.log(pagesBreakdown(timerFile, loaded, search) ?? 'pages: Astro wrote no timings');
  return search;
}

async function main(): Promise<void> {
  // What builds that were killed left: the previous site put back first, then their folders removed.
  for (const message of [...recoverOutput(outDir), ...removeStaleTempDirs()]) console.log(message);
  const config = loadConfig(root);
  // The stamp of the last build into outDir is kept with the caches: --no-cache builds and records nothing.
  const stampFile = stampPath(snapshotCacheDir(config, process.env, process.argv), outDir);
  const inputs = takeInputs(inputPaths(root, config, process.env), buildSettings(process.env, process.argv.slice(2)));
  const builtAt = process.argv.includes('--force') ? null : upToDateSince(stampFile, inputs, outDir);
  if (builtAt !== null) {
    const shown = relative(root, outDir);
    console.log(`${shown && !shown.startsWith('..') ? shown : outDir}/ is up to date (nothing changed since the build at ${builtAt}); use --force to rebuild`);
    return;
  }
  forgetBuild(stampFile);
  const privateDir = privateTempDir();
  removeOnExit([privateDir, work, astroCache]);
  if (process.argv.includes('--strict')) config.strict = true;
  const started = performance.now();
  const code = codeFingerprint(config);
  const { site, snapshotIds, modelFile, cacheDir, reports, keys } = await dataPipeline(config, code, started, privateDir);
  // Old snapshots' touchpoint reports and open data unchanged since the previous build into outDir are kept from it.
  const manifest = cacheDir === null ? null : manifestPath(cacheDir, outDir);
  const kept = manifest === null ? [] : keptSnapshots(manifest, outDir, keys, reports);
  console.log(`touchpoint reports and open data: ${kept.length} of ${reports.length} snapshots' kept from the previous build${manifest ? '' : ' (cache off)'}`);

  rmSync(work, { recursive: true, force: true });
  const bundle = cacheDir === null ? null : { dir: bundleDir(cacheDir, outDir), fingerprint: bundleFingerprint(config, code, snapshotIds) };
  try {
    const mark = performance.now();
    phases.search = await buildPages({ modelFile, keptPages: kept }, bundle, privateDir);
    phases.pages = since(mark) - phases.search;
    if (pdf) await printReports(work, site.title, site.lang, snapshotIds);
    linkKeptPages(outDir, work, reports.filter((r) => kept.includes(r.id)));
    swapIn(outDir, work);
    const problem = manifest === null ? null : recordKeptPages(manifest, outDir, keys, reports);
    if (problem) console.warn(`warning: the record of built pages could not be written (${problem}); the next build renders every page.`);
    const unrecorded = recordBuild(stampFile, inputs, outDir);
    if (unrecorded) console.warn(`warning: the stamp of this build could not be written (${unrecorded}); the next build cannot tell that nothing changed.`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(astroCache, { recursive: true, force: true });
  }
  const s = (x: number) => `${x.toFixed(2)} s`;
  const rss = Math.round((process.resourceUsage().maxRSS * 1024) / 1e6);
  console.log(`phases: ingest ${s(phases.ingest)}, aggregate ${s(phases.aggregate)}, pages ${s(phases.pages)}, search index ${s(phases.search)}; total ${s(since(started))}; peak RSS (Node) ${rss} MB`);
  console.log(`built ${outDir}`);
}

/** An error from Astro's build of the pages: a content mistake (a broken link, a wrong prop) or a bug. */
class PageBuildError extends Error {
  constructor(caught: unknown) {
    super(caught instanceof Error ? caught.message : String(caught), { cause: caught });
  }
}

/**
 * A content mistake found while Astro built the pages, as one message without the bundler's stack:
 * the remark plugins and components already say where and what (file:line:column). The stack is
 * printed with POLKU_DEBUG=1, for a bug in Polku itself.
 */
function pageBuildError(caught: unknown): PolkuError | null {
  if (!(caught instanceof PageBuildError) || process.env.POLKU_DEBUG) return null;
  const lines = caught.message
    .split('\n')
    .map((line) => line.replace(/^\w*Error: /, '').trim())
    // The bundler's wrapping: its count of errors, the plugin and absolute path it names.
    .filter((line) => line !== '' && !/^Build failed with \d+ errors?:$/.test(line) && !/^\[plugin [^\]]+\] /.test(line) && !/^at /.test(line));
  return new PolkuError(`the pages could not be built: ${[...new Set(lines)].join('\n')}`, undefined, 'fix the content at the place named above and build again (POLKU_DEBUG=1 prints the stack, for a bug report).');
}

/** Each snapshot's report as reports/<snapshot>/<snapshot>.pdf in the built site. */
async function printReports(dir: string, siteTitle: string, lang: Lang, snapshots: string[]): Promise<void> {
  const started = performance.now();
  const epoch = process.env.SOURCE_DATE_EPOCH;
  // Loaded only for `npm run pdf`: Playwright alone is a fifth of a small site's build to load.
  const { renderReportPdfs } = await import('./pdf.ts');
  const pdfs = await renderReportPdfs({
    dir,
    base: process.env.POLKU_BASE,
    snapshots,
    siteTitle,
    lang,
    publicSite: process.env.POLKU_SITE || undefined,
    sourceDateEpoch: epoch && /^\d+$/.test(epoch) ? Number(epoch) : undefined,
  });
  const kib = pdfs.reduce((sum, p) => sum + p.bytes, 0) / 1024;
  console.log(`PDF: ${pdfs.length} reports, ${kib.toFixed(0)} KiB, ${((performance.now() - started) / 1000).toFixed(2)} s`);
}

main().catch((caught: unknown) => {
  const error = caught instanceof PolkuError ? caught : (fromSystemError(caught, root) ?? pageBuildError(caught));
  console.error(error ? `error: ${error.format()}` : caught);
  console.error('The previous dist/ (if any) is unchanged.');
  process.exitCode = 1;
});
