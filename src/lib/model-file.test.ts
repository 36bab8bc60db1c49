import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { useTempFiles } from '../../test/temp-files.ts';
import { readModelFile, writeModelFile } from './model-file.ts';
import type { SiteModel } from './site-model.ts';

const tempFile = useTempFiles('polku-model-file-');

it('reads back the model it wrote, a line per snapshot, with each line’s hash', () => {
  const snapshot = (id: string) => ({ id, comments: { j: { t: [{ text: 'Rivi 1\nrivi 2 "lainaus" ä', group: null, emotion: 1.5 }] } } });
  const model = { schemaVersion: 1, site: { title: 'Polku ä' }, warnings: ['w'], snapshots: [snapshot('q1'), snapshot('q2')] } as unknown as SiteModel;
  const path = tempFile('model.json', '');
  const digests = writeModelFile(path, model);
  expect(readModelFile(path)).toEqual(model);
  const lines = readFileSync(path, 'utf8').split('\n');
  expect(lines).toHaveLength(4); // settings, two snapshots, the end
  expect(digests).toEqual([
    { id: 'q1', sha256: createHash('sha256').update(lines[1]!).digest('hex') },
    { id: 'q2', sha256: createHash('sha256').update(lines[2]!).digest('hex') },
  ]);
});
