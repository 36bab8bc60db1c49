// Turns every snapshot file into its SnapshotIngest: raw responses through ingestSnapshot, or an
// aggregate made elsewhere (CSV or Parquet, see aggregate-input.ts), each from the cache when the
// same file was read before under the same settings.
import { relative } from 'node:path';
import { isAggregateCsv, readAggregateCsv, readAggregateParquet } from './aggregate-input.ts';
import type { Config } from './config.ts';
import type { Content } from './content.ts';
import { PolkuError } from './errors.ts';
import { ingestSnapshot, type SnapshotIngest } from './ingest.ts';
import { loadMappingFile, mappingFor } from './mapping.ts';
import { createRedactor } from './redact.ts';
import { cacheKey, readCachedIngest, sha256File, stageMap, writeCachedIngest } from './snapshot-cache.ts';

export interface SnapshotFile {
  id: string;
  path: string;
  file: string;
}

export interface ReadOptions {
  /** Folder of cached ingests; null or absent reads every file. */
  cacheDir?: string | null;
  /** Told about each snapshot once it is in hand. */
  onSnapshot?: (event: { id: string; file: string; from: 'cache' | 'file'; kind: SnapshotKind }) => void;
  /** Told when the cache could not be written (the build goes on). */
  onCacheProblem?: (message: string) => void;
}

export type SnapshotKind = 'responses' | 'aggregate-csv' | 'aggregate-parquet';

export function snapshotKind(path: string): SnapshotKind {
  if (path.toLowerCase().endsWith('.parquet')) return 'aggregate-parquet';
  return isAggregateCsv(path) ? 'aggregate-csv' : 'responses';
}

/** Reads every snapshot once, in the order given. */
export async function readSnapshots(files: SnapshotFile[], config: Config, content: Content, options: ReadOptions = {}): Promise<SnapshotIngest[]> {
  const mappingSource = relative(config.root, config.mapping);
  const mappingFile = loadMappingFile(config.mapping, mappingSource);
  let redact: (text: string) => string;
  try {
    redact = createRedactor({ names: config.privacy.names, patterns: config.privacy.patterns });
  } catch (error) {
    throw new PolkuError(`"privacy": ${(error as Error).message}`, { file: 'polku.config.jsonc' }, 'fix the redaction names or patterns.');
  }
  const { cacheDir = null } = options;
  const stages = cacheDir === null ? [] : stageMap(content);
  const out: SnapshotIngest[] = [];
  for (const f of files) {
    const mapping = mappingFor(mappingFile, f.id, mappingSource);
    const kind = snapshotKind(f.path);
    const read = (): Promise<SnapshotIngest> => {
      if (kind === 'aggregate-csv') return readAggregateCsv({ path: f.path, file: f.file, id: f.id, scales: config.scales });
      if (kind === 'aggregate-parquet') return readAggregateParquet({ path: f.path, file: f.file, id: f.id, scales: config.scales });
      return ingestSnapshot({ path: f.path, file: f.file, id: f.id, mapping, scales: config.scales, stageOf: content.stageOf, redact });
    };
    if (cacheDir === null) {
      out.push(await read());
      options.onSnapshot?.({ id: f.id, file: f.file, from: 'file', kind });
      continue;
    }
    const redaction = { names: config.privacy.names, patterns: config.privacy.patterns };
    const key = cacheKey({ kind, id: f.id, file: f.file, sha256: await sha256File(f.path), mapping, scales: config.scales, redaction, stages });
    const cached = readCachedIngest(cacheDir, f.id, key);
    if (cached) {
      out.push(cached);
      options.onSnapshot?.({ id: f.id, file: f.file, from: 'cache', kind });
      continue;
    }
    const ingest = await read();
    const problem = writeCachedIngest(cacheDir, f.id, key, ingest);
    if (problem) options.onCacheProblem?.(problem);
    out.push(ingest);
    options.onSnapshot?.({ id: f.id, file: f.file, from: 'file', kind });
  }
  return out;
}
