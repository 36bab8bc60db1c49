// A cold read of several survey exports goes through worker threads kept from file to file: the
// snapshots come back in the order of the files, as this thread reads them, and a file that stops
// the build stops it with that file's own error (the earliest such file, in order).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../project/config.ts';
import { loadContent } from '../project/content.ts';
import { PolkuError } from '../common/errors.ts';
import { ingestSnapshot } from './ingest.ts';
import { mappingFor } from '../project/mapping.ts';
import { readSnapshots } from './read-snapshots.ts';
import { listSnapshotFiles, type SnapshotFile } from './snapshot-files.ts';

const PROJECT = fileURLToPath(new URL('../../../', import.meta.url));
const SAMPLES = ['2025-q4', '2026-q1', '2026-q2', '2026-q3'];
let root = '';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'polku-read-snapshots-'));
  mkdirSync(join(root, 'data/snapshots'), { recursive: true });
  for (const id of SAMPLES) copyFileSync(join(PROJECT, 'data/snapshots', `${id}.csv`), join(root, 'data/snapshots', `${id}.csv`));
  writeFileSync(join(root, 'polku.config.jsonc'), JSON.stringify({ content: join(PROJECT, 'content') }));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function project() {
  const config = loadConfig(root, {});
  return { config, content: loadContent(config.content, config.root) };
}

/** The files of the project, with `broken` (id → text) in place of or beside the samples. */
function filesWith(broken: Record<string, string>): SnapshotFile[] {
  for (const [id, text] of Object.entries(broken)) writeFileSync(join(root, 'data/snapshots', `${id}.csv`), text);
  return listSnapshotFiles(project().config.snapshots, root);
}

describe('readSnapshots of several exports', () => {
  it('gives each file the ingest this thread gives it, in the order of the files', async () => {
    const { config, content } = project();
    const files = listSnapshotFiles(config.snapshots, root);
    const read = await readSnapshots(files, config, content);
    expect(read.map((s) => s.id)).toEqual(SAMPLES);
    const here = await ingestSnapshot({ ...files[2]!, mapping: mappingFor({}, files[2]!.id, 'data/mapping.jsonc'), scales: config.scales, stageOf: content.stageOf });
    expect(read[2]).toEqual(here);
  });

  it('gives the same ingests with worker threads turned off (workers: false, as tests read), read on this thread', async () => {
    const { config, content } = project();
    const files = listSnapshotFiles(config.snapshots, root);
    const here = await readSnapshots(files, config, content, { workers: false });
    expect(JSON.stringify(here)).toBe(JSON.stringify(await readSnapshots(files, config, content)));
  });

  it("stops with the earliest broken file's own error", async () => {
    const files = filesWith({ '2026-q1b': 'response_id,journey,touchpoint,nps\n', '2026-q2b': '' });
    const { config, content } = project();
    const error = await readSnapshots(files, config, content).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolkuError);
    expect((error as PolkuError).format()).toContain('data/snapshots/2026-q1b.csv:2');
    expect((error as PolkuError).format()).toContain('the file has a header but no rows');
  });
});
