// Per-snapshot aggregates (SnapshotIngest) kept on disk between builds, so that adding one snapshot
// to forty parses only the new file. An entry is found by a key over everything its content depends
// on: the file's bytes (SHA-256), the snapshot's resolved mapping, the scales, the redaction settings
// (comments are redacted at ingest), the content's stage map (it decides which ratings count as a
// journey's respondents), the aggregate schema version and the code of the ingest pipeline itself.
// Anything else changed means another key, so a stale entry is never read. The folder is
// .polku/cache/ in the project (POLKU_CACHE_DIR elsewhere): safe to delete at any time.
// An entry is published only if it is what a read could have given: its first line holds a SHA-256
// of its key and content (a damaged or hand-edited entry fails it), and its aggregates must pass
// checkIngestConsistency (an edit whose digest was recomputed fails that, if it made them disagree).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../project/config.ts';
import type { Content } from '../project/content.ts';
import { checkIngestConsistency } from './consistency.ts';
import { withoutPrototypes, type SnapshotIngest } from './ingest.ts';
import type { Mapping } from '../project/mapping.ts';
import type { Scales } from '../stats/metrics.ts';

/** Bump when the shape or meaning of SnapshotIngest changes in a way the code fingerprint does not see. */
export const AGGREGATE_SCHEMA_VERSION = 6;

/** The cache folder, relative to the project (the folder of the settings file). */
export const DEFAULT_CACHE_DIR = '.polku/cache';

/** The folder for cache entries, or null when caching is off (POLKU_NO_CACHE=1 or --no-cache). */
export function snapshotCacheDir(config: Config, env: NodeJS.ProcessEnv = process.env, args: string[] = []): string | null {
  if (args.includes('--no-cache') || env.POLKU_NO_CACHE === '1' || env.POLKU_NO_CACHE === 'true') return null;
  return env.POLKU_CACHE_DIR ? resolve(env.POLKU_CACHE_DIR) : join(config.root, DEFAULT_CACHE_DIR);
}

/** The modules whose code decides what an ingest produces, as paths from src/lib. */
export const PIPELINE_MODULES = [
  'common/detach.ts', 'ingest/aggregate-input.ts', 'ingest/cells.ts', 'ingest/column-plan.ts', 'ingest/comments.ts',
  'ingest/consistency.ts', 'ingest/days.ts', 'ingest/driver-tally.ts', 'ingest/duckdb-aggregate.ts', 'ingest/duckdb-ingest.ts', 'ingest/fields.ts', 'ingest/halves.ts',
  'ingest/ingest-worker.ts', 'ingest/ingest.ts', 'ingest/large-file-worker.ts', 'ingest/open-file.ts', 'ingest/passes.ts',
  'ingest/read-csv-threaded.ts', 'ingest/read-csv-worker.ts', 'ingest/read-range.ts',
  'ingest/respondent-index.ts', 'ingest/rows.ts', 'ingest/snapshot-cache.ts', 'ingest/sql-dialects.ts', 'ingest/types.ts',
  'privacy/check-digits.ts', 'privacy/detectors.ts', 'privacy/normalise.ts', 'privacy/redact.ts', 'project/mapping.ts', 'project/similar-text.ts', 'read/csv-batches.ts', 'read/csv-delimiter.ts',
  'read/csv-lines.ts', 'read/csv-text.ts', 'read/decode.ts', 'read/parse-value.ts', 'read/read-csv.ts',
  'stats/aggregate.ts', 'stats/driver-moments.ts', 'stats/figures.ts', 'stats/measures.ts', 'stats/metrics.ts', 'stats/stats.ts', 'stats/stop-words.ts', 'stats/term-counts.ts', 'stats/terms.ts', 'stats/theme-groups.ts',
  // The query the "duckdb" engine runs.
  '../../sql/aggregate.sql',
];
let codeFingerprint: string | null = null;

/** A hash of the ingest pipeline's source: editing it invalidates every entry without a version bump. */
function pipelineFingerprint(): string {
  if (codeFingerprint === null) {
    const hash = createHash('sha256');
    for (const name of PIPELINE_MODULES) hash.update(name).update('\u0000').update(readFileSync(join(import.meta.dirname, '..', name))).update('\u0000');
    codeFingerprint = hash.digest('hex');
  }
  return codeFingerprint;
}

/** journey/touchpoint → stage for every touchpoint content defines, in a stable order. */
export function stageMap(content: Content): [journey: string, touchpoint: string, stage: string][] {
  const rows: [string, string, string][] = [];
  for (const j of content.journeys) for (const s of j.stages) for (const t of s.touchpoints) rows.push([j.id, t.id, s.id]);
  return rows.sort((a, b) => (a[0] + '\u0000' + a[1] < b[0] + '\u0000' + b[1] ? -1 : 1));
}

export interface CacheKeyInputs {
  /** How the file is read: raw responses or an aggregate (CSV, Parquet). */
  kind: string;
  id: string;
  /** The path shown in messages and on the data-quality page. */
  file: string;
  sha256: string;
  mapping: Mapping;
  scales: Config['scales'];
  redaction: { names: string[]; patterns: Config['privacy']['patterns'] };
  stages: ReturnType<typeof stageMap>;
}

export function cacheKey(inputs: CacheKeyInputs): string {
  const material = JSON.stringify({ version: AGGREGATE_SCHEMA_VERSION, code: pipelineFingerprint(), ...inputs });
  return createHash('sha256').update(material).digest('hex').slice(0, 32);
}

const entryName = (id: string, key: string) => `${id}.${key}.json`;
const ENTRY_NAME = /^(.+)\.[0-9a-f]{32}\.json$/;

/** The snapshot ids that have an entry in the cache folder (none when there is no folder). */
export function cachedSnapshotIds(dir: string): Set<string> {
  const ids = new Set<string>();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return ids;
  }
  for (const name of names) {
    const match = ENTRY_NAME.exec(name);
    if (match) ids.add(match[1]!);
  }
  return ids;
}

/** An entry's first line: the format and the digest of what follows, with the key. */
const DIGEST_LINE = /^polku-snapshot-cache\/1 sha256:([0-9a-f]{64})$/;

/** SHA-256 of the entry's key and its JSON: an entry copied under another key fails it too. */
const digest = (key: string, json: string) => createHash('sha256').update(key).update('\n').update(json).digest('hex');

/**
 * The cached ingest; null when there is no entry for this key; or why the entry there cannot be
 * published (damaged, edited, or figures a read could not give): the caller reads the file again.
 */
export function readCachedIngest(dir: string, id: string, key: string, scales: Scales): { ingest: SnapshotIngest } | { problem: string } | null {
  let text: string;
  try {
    text = readFileSync(join(dir, entryName(id, key)), 'utf8');
  } catch {
    return null;
  }
  const newline = text.indexOf('\n');
  const expected = DIGEST_LINE.exec(newline === -1 ? '' : text.slice(0, newline));
  if (!expected) return { problem: 'it has no digest line (damaged, or written by another version)' };
  const json = text.slice(newline + 1);
  if (digest(key, json) !== expected[1]) return { problem: 'its content does not match its digest (damaged or edited)' };
  let ingest: SnapshotIngest;
  try {
    ingest = JSON.parse(json) as SnapshotIngest;
  } catch (error) {
    return { problem: `it is not JSON (${(error as Error).message})` };
  }
  if (ingest?.id !== id) return { problem: `it holds the snapshot ${JSON.stringify(ingest?.id)}` };
  const problem = checkIngestConsistency(ingest, scales);
  return problem === null ? { ingest: withoutPrototypes(ingest) } : { problem: `its figures cannot come from a read: ${problem}` };
}

/**
 * Stores an ingest (written to a temporary name, then renamed, so a reader never sees half a file)
 * and removes the snapshot's older entries: the cache holds at most one entry per snapshot id.
 * A cache that cannot be written costs speed, never the build: the reason is returned.
 */
export function writeCachedIngest(dir: string, id: string, key: string, ingest: SnapshotIngest): string | null {
  const name = entryName(id, key);
  try {
    mkdirSync(dir, { recursive: true });
    const temporary = join(dir, `.${name}.${process.pid}.tmp`);
    const json = JSON.stringify(ingest);
    writeFileSync(temporary, `polku-snapshot-cache/1 sha256:${digest(key, json)}\n${json}`);
    renameSync(temporary, join(dir, name));
    for (const other of readdirSync(dir)) {
      if (other !== name && other.startsWith(`${id}.`) && other.endsWith('.json') && other.split('.').length === 3) rmSync(join(dir, other), { force: true });
    }
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
