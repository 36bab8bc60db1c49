// A snapshot file is opened once for all that is read of it (open-file.ts): its kind, the hash that
// keys its cache entry, and its read, whether in one pass or in two halves in worker threads.
import fs, { closeSync, openSync, readFileSync, unlinkSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTempFiles } from '../../../test/temp-files.ts';
import { loadConfig } from '../project/config.ts';
import { loadContent } from '../project/content.ts';
import { mappingFor } from '../project/mapping.ts';
import { createRedactor } from '../privacy/redact.ts';
import { DEFAULT_SCALES } from '../stats/metrics.ts';
import { ingestSnapshot, stageLookup, type IngestOptions, type SharedOptions } from './ingest.ts';
import { ingestInHalves } from './halves.ts';
import { readSnapshots } from './read-snapshots.ts';

const tempFile = useTempFiles('polku-open-file-');
const PROJECT = join(import.meta.dirname, '../../..');

/** Counts the openings of `path` in this thread, by any of node:fs's ways (a read stream opens with fs.open). */
function countOpens(path: string): () => number {
  let opened = 0;
  const spy = (on: object, name: string) => {
    const target = on as Record<string, (...args: unknown[]) => unknown>;
    const real = target[name]!;
    vi.spyOn(target, name).mockImplementation((...args: unknown[]) => {
      if (args[0] === path) opened++;
      return real.apply(on, args);
    });
  };
  spy(fs, 'open');
  spy(fs, 'openSync');
  spy(fs.promises, 'open');
  // Modules that import { openSync } from 'node:fs' see the spies only after this.
  syncBuiltinESMExports();
  return () => opened;
}

afterEach(() => {
  vi.restoreAllMocks();
  syncBuiltinESMExports();
});

describe('a snapshot file opened once', () => {
  const sample = readFileSync(join(PROJECT, 'data/snapshots/2026-q1.csv'));

  it('a read in one pass opens the file once (kind and read), and a warm read once (kind and hash)', async () => {
    const path = tempFile('2026-q1.csv', sample);
    const config = loadConfig(PROJECT, {});
    const content = loadContent(config.content, config.root);
    const cacheDir = join(dirname(path), 'cache');
    const file = { id: '2026-q1', path, file: 'data/snapshots/2026-q1.csv' };
    const opens = countOpens(path);
    const cold = await readSnapshots([file], config, content, { cacheDir });
    expect(opens()).toBe(1);
    const warm = await readSnapshots([file], config, content, { cacheDir });
    expect(opens()).toBe(2);
    expect(warm).toEqual(cold);
  });

  it('a read in halves goes through the descriptor it is given, in both workers and for the hash', async () => {
    const shared: SharedOptions = { stages: [['j1', 'ad', 's1']], redaction: { names: [] } };
    const rows = Array.from({ length: 30_000 }, (_, r) => `R${r},1.3.2026,j1,ad,${['web', 'app'][r % 2]},new,${r % 11},comment number ${r}`);
    const path = tempFile('large.csv', `response_id,submitted_at,journey,touchpoint,channel,segment,nps,comment\n${rows.join('\n')}\n`);
    const options: IngestOptions = { path, file: 'large.csv', id: 'large', mapping: mappingFor({}, 'large', 'data/mapping.jsonc'), scales: DEFAULT_SCALES, stageOf: stageLookup(shared.stages), redact: createRedactor(shared.redaction), shared };
    const whole = await ingestSnapshot({ ...options, parseInWorker: false });
    const bytes = fs.statSync(path).size;
    const fd = openSync(path, 'r');
    // Gone by its name: anything that opened the file again would fail, and the halves decline (null).
    unlinkSync(path);
    try {
      const halves = await ingestInHalves({ ...options, fd, parseInWorker: true }, shared, bytes);
      expect(halves).toEqual(whole);
    } finally {
      closeSync(fd);
    }
  });

  it('ingestSnapshot opens the file once when it reads it in halves', async () => {
    const shared: SharedOptions = { stages: [['j1', 'ad', 's1']], redaction: { names: [] } };
    const rows = Array.from({ length: 60_000 }, (_, r) => `R${r},1.3.2026,j1,ad,web,new,${r % 11}`);
    const path = tempFile('halves.csv', `response_id,submitted_at,journey,touchpoint,channel,segment,nps\n${rows.join('\n')}\n`);
    const options: IngestOptions = { path, file: 'halves.csv', id: 'halves', mapping: mappingFor({}, 'halves', 'data/mapping.jsonc'), scales: DEFAULT_SCALES, stageOf: stageLookup(shared.stages), shared, parseInWorker: true };
    const opens = countOpens(path);
    const ingest = await ingestSnapshot(options);
    expect(ingest.account.sha256).toMatch(/^[0-9a-f]{64}$/);
    // This thread's openings: the middle-record search and the hash share the one the read opened.
    expect(opens()).toBe(1);
  });
});
