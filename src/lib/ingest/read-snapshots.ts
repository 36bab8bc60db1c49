// Turns every snapshot file into its SnapshotIngest: raw responses through ingestSnapshot, or an
// aggregate made elsewhere (CSV or Parquet, see aggregate-input.ts), each from the cache when the
// same file was read before under the same settings.
import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { isAggregateCsv, readAggregateCsv, readAggregateParquet } from './aggregate-input.ts';
import type { Config } from '../project/config.ts';
import type { Content } from '../project/content.ts';
import { sha256Of } from '../read/decode.ts';
import { PolkuError } from '../common/errors.ts';
import { ingestWorkers, inParallel } from './ingest-in-worker.ts';
import { ingestSnapshot, type SnapshotIngest } from './ingest.ts';
import { checkDuckDbMapping, ingestWithDuckDb } from './duckdb-ingest.ts';
import { loadMappingFile, mappingFor, type Mapping } from '../project/mapping.ts';
import { createRedactor } from '../privacy/redact.ts';
import { listSnapshotFiles, type SnapshotFile } from './snapshot-files.ts';
import { withOpenFile } from './open-file.ts';
import { periodSnapshots } from './periods.ts';
import { cachedSnapshotIds, cacheKey, readCachedIngest, stageMap, writeCachedIngest } from './snapshot-cache.ts';

export interface ReadOptions {
  /** Folder of cached ingests; null or absent reads every file. */
  cacheDir?: string | null;
  /** Told about each snapshot once it is in hand (files read side by side: in the order they finish). */
  onSnapshot?: (event: { id: string; file: string; from: 'cache' | 'file'; kind: SnapshotKind }) => void;
  /** Told when the cache could not be written (the build goes on). */
  onCacheProblem?: (message: string) => void;
  /** Told, in one line naming the file and the problem, when an entry was discarded and its file is read again. */
  onCacheDiscarded?: (message: string) => void;
  /** Whether files may be read in worker threads (Effects.workers in common/effects.ts); absent, they may. */
  workers?: boolean;
}

export type SnapshotKind = 'responses' | 'aggregate-csv' | 'aggregate-parquet';

/** What a snapshot file holds, from its name and the first bytes of `fd`, its open descriptor. */
export function snapshotKind(path: string, fd: number): SnapshotKind {
  if (path.toLowerCase().endsWith('.parquet')) return 'aggregate-parquet';
  return isAggregateCsv(fd) ? 'aggregate-csv' : 'responses';
}

/** Reads every snapshot once, in the order given. */
export async function readSnapshots(files: SnapshotFile[], config: Config, content: Content, options: ReadOptions = {}): Promise<SnapshotIngest[]> {
  const mappingSource = relative(config.root, config.mapping);
  const mappingFile = loadMappingFile(config.mapping, mappingSource);
  const redaction = { names: config.privacy.names, patterns: config.privacy.patterns };
  let redact: (text: string) => string;
  try {
    redact = createRedactor(redaction);
  } catch (error) {
    throw new PolkuError(`"privacy": ${(error as Error).message}`, { file: 'polku.config.jsonc' }, 'fix the redaction names or patterns.');
  }
  const { cacheDir = null } = options;
  const stages = stageMap(content);
  const out: SnapshotIngest[] = new Array(files.length);

  // From the cache what can come from it; the rest is read below. A snapshot without an entry is not
  // hashed first (a cold build would read every file twice): its read hashes the bytes it parses,
  // and the entry written after is keyed by that hash.
  const keyOf = (f: SnapshotFile, kind: SnapshotKind, mapping: Mapping, sha256: string) => cacheKey({ kind, id: f.id, file: f.file, sha256, mapping, scales: config.scales, redaction, stages });
  const inCache = cacheDir === null ? new Set<string>() : cachedSnapshotIds(cacheDir);
  const toRead: { index: number; f: SnapshotFile; mapping: Mapping }[] = [];
  for (const [index, f] of files.entries()) {
    // A period's cut is written as UTF-8 with commas, whatever the export was.
    const mapping = f.from === undefined ? mappingFor(mappingFile, f.id, mappingSource) : { ...mappingFor(mappingFile, f.from, mappingSource), encoding: 'utf-8' as const, delimiter: ',' as const };
    if (mapping.engine === 'duckdb') checkDuckDbMapping(mapping, f.id, f.from !== undefined);
    const cached = inCache.has(f.id) ? await withOpenFile(f.path, async (fd) => {
      const kind = snapshotKind(f.path, fd);
      return { kind, entry: readCachedIngest(cacheDir!, f.id, keyOf(f, kind, mapping, await sha256Of(fd)), config.scales) };
    }) : null;
    const entry = cached?.entry;
    if (entry && 'problem' in entry) options.onCacheDiscarded?.(`${f.file}: its snapshot cache entry was discarded, as ${entry.problem}; the file is read again.`);
    if (entry && 'ingest' in entry) {
      out[index] = entry.ingest;
      options.onSnapshot?.({ id: f.id, file: f.file, from: 'cache', kind: cached!.kind });
    } else toRead.push({ index, f, mapping });
  }

  // Several files to read (a cold build): side by side in worker threads, one per core. (A pool
  // starts its workers as it is given files: aggregates, read in this thread, start none.)
  const workers = options.workers !== false && toRead.filter((t) => !t.f.path.toLowerCase().endsWith('.parquet') && t.mapping.engine !== 'duckdb').length > 1 ? ingestWorkers() : null;
  const read = ({ f, mapping }: (typeof toRead)[number], fd: number, kind: SnapshotKind): Promise<SnapshotIngest> => {
    if (kind === 'aggregate-csv') return readAggregateCsv({ path: f.path, file: f.file, id: f.id, scales: config.scales, redact });
    if (kind === 'aggregate-parquet') return readAggregateParquet({ path: f.path, file: f.file, id: f.id, scales: config.scales, redact });
    // DuckDB runs its own threads: the export is read in this one.
    if (mapping.engine === 'duckdb') return ingestWithDuckDb({ path: f.path, fd, file: f.file, id: f.id, mapping, scales: config.scales, stages, redact });
    if (workers) return workers.ingest({ path: f.path, fd, file: f.file, id: f.id, mapping, scales: config.scales, stages, redaction });
    return ingestSnapshot({ path: f.path, fd, file: f.file, id: f.id, mapping, scales: config.scales, stageOf: content.stageOf, redact, shared: { stages, redaction } });
  };
  // Opened once for its kind, its read and the hash the read makes.
  const tasks = toRead.map((t) => () => withOpenFile(t.f.path, async (fd) => {
    const kind = snapshotKind(t.f.path, fd);
    const ingest = await read(t, fd, kind);
    if (cacheDir !== null) {
      const problem = writeCachedIngest(cacheDir, t.f.id, keyOf(t.f, kind, t.mapping, ingest.account.sha256), ingest);
      if (problem) options.onCacheProblem?.(problem);
    }
    out[t.index] = ingest;
    options.onSnapshot?.({ id: t.f.id, file: t.f.file, from: 'file', kind });
  }));
  try {
    // Each worker holds one file's ingest (~200 MB at a million rows): at most 4, whatever the cores.
    await inParallel(tasks, workers ? Math.min(availableParallelism(), 4) : 1);
  } finally {
    await workers?.close();
  }
  return out;
}

/** Reads every snapshot file once (from the cache when `options.cacheDir` is given and holds it), an export cut into periods where the settings ask for them. */
export async function ingestAll(config: Config, content: Content, options: ReadOptions = {}): Promise<SnapshotIngest[]> {
  const files = listSnapshotFiles(config.snapshots, config.root);
  if (!config.periods) return readSnapshots(files, config, content, options);
  // Refused before the exports are cut, which reads each of them whole.
  const mappingFile = loadMappingFile(config.mapping, relative(config.root, config.mapping));
  for (const f of files) {
    const mapping = mappingFor(mappingFile, f.id, relative(config.root, config.mapping));
    if (mapping.engine === 'duckdb') checkDuckDbMapping(mapping, f.id, true);
  }
  // Only survey exports are cut into periods; an aggregate given as input is one snapshot as it is.
  const exports = new Set<string>();
  for (const f of files) if ((await withOpenFile(f.path, async (fd) => snapshotKind(f.path, fd))) === 'responses') exports.add(f.id);
  return readSnapshots(await periodSnapshots(files, config.periods, config, (f) => exports.has(f.id)), config, content, options);
}
