// The snapshot cache's code fingerprint covers every module an ingest runs: a module left out of
// PIPELINE_MODULES could change what a read gives while old cache entries are still taken.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PIPELINE_MODULES } from './snapshot-cache.ts';

/** Modules an ingest runs that decide no figure: messages, progress on the terminal, threads. */
const DECIDE_NOTHING = ['errors.ts', 'jsonc-file.ts', 'progress.ts', 'threads.ts'];

/** The modules in src/lib that `entries` import, directly or not; `import type` loads no code. */
function importedModules(entries: string[]): string[] {
  const seen = new Set<string>();
  const todo = [...entries];
  while (todo.length > 0) {
    const name = todo.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const source = readFileSync(join(import.meta.dirname, name), 'utf8');
    for (const [, kind, target] of source.matchAll(/^import (type )?[^;]*?from '\.\/([\w.-]+\.ts)';/gms)) if (!kind) todo.push(target!);
    // Worker threads' modules are named, not imported.
    for (const [, target] of source.matchAll(/ = '\.\/([\w-]+worker\.ts)';/g)) todo.push(target!);
  }
  return [...seen].sort();
}

describe('PIPELINE_MODULES', () => {
  it("lists every module the ingest and its workers run, but those that decide no figure", () => {
    const missing = importedModules(['ingest.ts', 'ingest-worker.ts', 'aggregate-input.ts']).filter((name) => !PIPELINE_MODULES.includes(name) && !DECIDE_NOTHING.includes(name));
    expect(missing).toEqual([]);
  });
});
