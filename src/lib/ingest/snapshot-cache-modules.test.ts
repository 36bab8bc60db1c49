// The snapshot cache's code fingerprint covers every module an ingest runs: a module left out of
// PIPELINE_MODULES could change what a read gives while old cache entries are still taken.
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PIPELINE_MODULES } from './snapshot-cache.ts';

const LIB = join(import.meta.dirname, '..');

/** Modules an ingest runs that decide no figure: messages, progress on the terminal, threads and their compile cache. */
const DECIDE_NOTHING = ['common/compile-cache.ts', 'common/errors.ts', 'common/jsonc-file.ts', 'common/progress.ts', 'ingest/threads.ts'];

/** The modules in src/lib (as paths from it) that `entries` import, directly or not; `import type` loads no code. */
function importedModules(entries: string[]): string[] {
  const seen = new Set<string>();
  const todo = [...entries];
  while (todo.length > 0) {
    const name = todo.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const source = readFileSync(join(LIB, name), 'utf8');
    const beside = (target: string) => normalize(join(dirname(name), target));
    for (const [, kind, target] of source.matchAll(/^import (type )?[^;]*?from '(\.\.?\/[\w./-]+\.ts)';/gms)) if (!kind) todo.push(beside(target!));
    // Worker threads' modules are named, not imported.
    for (const [, target] of source.matchAll(/ = '(\.\/[\w-]+worker\.ts)';/g)) todo.push(beside(target!));
  }
  return [...seen].sort();
}

describe('PIPELINE_MODULES', () => {
  it("lists every module the ingest and its workers run, but those that decide no figure", () => {
    const imported = importedModules(['ingest/ingest.ts', 'ingest/ingest-worker.ts', 'ingest/aggregate-input.ts', 'ingest/duckdb-ingest.ts']);
    expect(imported).toContain('read/read-csv.ts');
    expect(imported).toContain('ingest/duckdb-aggregate.ts');
    const missing = imported.filter((name) => !PIPELINE_MODULES.includes(name) && !DECIDE_NOTHING.includes(name));
    expect(missing).toEqual([]);
  });

  it('lists the SQL that the "duckdb" engine runs, which decides its figures as much as any module', () => {
    expect(PIPELINE_MODULES).toContain('../../sql/aggregate.sql');
    expect(readFileSync(join(LIB, '../../sql/aggregate.sql'), 'utf8')).toContain('WITH');
  });
});
