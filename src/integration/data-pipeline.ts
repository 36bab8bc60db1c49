// The data pipeline as a build runs it: every snapshot read (or taken from the snapshot cache), the
// data report printed with its warnings of lost data, a snapshot without one accepted row and strict mode failing it, and the site model written to a file for the pages.
// scripts/build.ts runs it before Astro (it needs the model's digests for kept pages); the Polku
// integration runs it itself when Astro runs on its own (`astro build`, `astro dev`).
import { relative } from 'node:path';
import type { Config } from '../lib/project/config.ts';
import { dataLossFailure, dataLossWarnings, formatDataReport, strictFailure } from '../lib/model/data-report.ts';
import { PolkuError } from '../lib/common/errors.ts';
import { loadContent } from '../lib/project/content.ts';
import { writeModelFile } from '../lib/model/model-file.ts';
import { ingestAll } from '../lib/ingest/read-snapshots.ts';
import { modelWithKeptIntervals, type SiteModel } from '../lib/model/site-model.ts';

export interface PipelineOptions {
  /** The snapshot cache's folder, or null when it is off (src/lib/ingest/snapshot-cache.ts). */
  cacheDir: string | null;
  /** Where the model is written (readable by this user only). */
  modelFile: string;
  /** Runs the reading of the files (scripts/build.ts sizes the worker threads' heaps around it). */
  read?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Called when every file is read, before the model is computed. */
  onRead?: () => void;
}

/** Reads the data and writes the model; returns the model and each snapshot's digest (writeModelFile). */
export async function writeSiteModel(config: Config, options: PipelineOptions): Promise<{ model: SiteModel; digests: ReturnType<typeof writeModelFile> }> {
  const { cacheDir, read = (work) => work() } = options;
  const counts = { cache: 0, file: 0 };
  const content = loadContent(config.content, config.root);
  const ingests = await read(() =>
    ingestAll(config, content, {
      cacheDir,
      onSnapshot: (s) => counts[s.from]++,
      onCacheProblem: (message) => console.warn(`warning: the snapshot cache could not be written (${message}); the build goes on without it.`),
      onCacheDiscarded: (message) => console.warn(`warning: ${message}`),
    }),
  );
  options.onRead?.();
  const model = modelWithKeptIntervals(ingests, content, config, cacheDir);
  console.log(formatDataReport(model));
  for (const warning of dataLossWarnings(model, config.checks.maxRejectedShare)) console.warn(`warning: ${warning}`);
  const failure = dataLossFailure(model) ?? (config.strict ? strictFailure(model) : null);
  if (failure) throw new PolkuError(failure);
  console.log(`snapshots: ${counts.cache} from cache, ${counts.file} read from their files (${cacheDir ? `cache: ${relative(process.cwd(), cacheDir) || cacheDir}/, safe to delete` : 'cache off'})`);
  return { model, digests: writeModelFile(options.modelFile, model) };
}
