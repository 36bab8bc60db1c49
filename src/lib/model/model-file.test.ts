import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { useTempFiles } from '../../../test/temp-files.ts';
import { readModelFile, writeModelFile } from './model-file.ts';
import type { SiteModel } from './site-model.ts';

const tempFile = useTempFiles('polku-model-file-');

const cell = (respondents: number) => ({ respondents, ratings: respondents, suppressed: respondents < 10, figures: null, change: null });
// Breakdowns before the last key: the reader keeps the order whatever it is.
const touchpoint = (id: string, n: number) => ({ id, channels: { web: cell(n - 1), 'myymälä ä': cell(1) }, cell: cell(n), segments: { uusi: cell(n) } });
const snapshot = (id: string, n: number) => ({
  id,
  period: null,
  previous: null,
  total: cell(n),
  journeys: [
    { id: 'osto', cell: cell(n), stages: [{ id: 'a', cell: cell(n), touchpoints: [touchpoint('t1', n), touchpoint('t2', n + 1)] }, { id: 'b', cell: cell(n), touchpoints: [touchpoint('t3', n + 2)] }], channels: { web: cell(n) }, segments: {} },
    { id: 'tuki', cell: cell(n), stages: [{ id: 'c', cell: cell(n), touchpoints: [touchpoint('t1', n + 3)] }], channels: {}, segments: {} },
  ],
  comments: { osto: { t1: [{ text: 'Rivi 1\nrivi 2 "lainaus" ä', group: null, emotion: 1.5 }] } },
});
const model = { schemaVersion: 1, site: { title: 'Polku ä' }, warnings: ['w'], snapshots: [snapshot('q1', 20), snapshot('q2', 30), snapshot('q3', 40)] } as unknown as SiteModel;

it('reads back the model it wrote, the same values in the same order, two lines per snapshot, with their hash', () => {
  const path = tempFile('model.json', '');
  const digests = writeModelFile(path, model);
  const read = readModelFile(path);
  expect(JSON.stringify(read)).toBe(JSON.stringify(model));
  expect(read).toEqual(model);
  const lines = readFileSync(path, 'utf8').split('\n');
  expect(lines).toHaveLength(8); // settings, two lines for each of three snapshots, the end
  expect(lines[1]).not.toContain('myymälä');
  expect(lines[2]).toContain('myymälä');
  expect(digests.map((d) => d.id)).toEqual(['q1', 'q2', 'q3']);
  expect(digests[1]!.sha256).toBe(createHash('sha256').update(`${lines[3]}\n${lines[4]}\n`).digest('hex'));
});

it('reads a snapshot’s breakdowns only when a page asks for them, and again after others were read', () => {
  const path = tempFile('model.json', '');
  writeModelFile(path, model);
  // q2's breakdowns made unreadable, at the same length: reading the model and q1's and q3's must not touch them.
  const lines = readFileSync(path, 'utf8').split('\n');
  lines[4] = '!'.repeat(Buffer.byteLength(lines[4]!));
  writeFileSync(path, lines.join('\n'));
  const read = readModelFile(path);
  const at = (s: number, j: number, st: number, t: number) => read.snapshots[s]!.journeys[j]!.stages[st]!.touchpoints[t]!;
  expect(read.snapshots[1]!.journeys[0]!.stages[1]!.touchpoints[0]!.cell).toEqual(cell(32));
  for (const s of [0, 2, 0, 2]) {
    expect(at(s, 0, 1, 0).channels).toEqual({ web: cell(19 + 10 * s + 2), 'myymälä ä': cell(1) });
    expect(at(s, 1, 0, 0).segments).toEqual({ uusi: cell(20 + 10 * s + 3) });
  }
  expect(() => at(1, 0, 0, 0).channels).toThrow(SyntaxError);
});

it('says so when the file was cut short, rather than failing later in a page', () => {
  const path = tempFile('model.json', '');
  writeModelFile(path, model);
  const bytes = readFileSync(path);
  const lines = bytes.toString('utf8').split('\n');
  writeFileSync(path, bytes.subarray(0, bytes.length - 10));
  expect(() => readModelFile(path)).toThrow(/cut short/);
  writeFileSync(path, `${lines.slice(0, 4).join('\n')}\n`); // settings, q1's two lines, q2 without its breakdowns
  expect(() => readModelFile(path)).toThrow(/ends in the middle of a snapshot/);
  writeModelFile(path, model);
  const read = readModelFile(path);
  writeFileSync(path, bytes.subarray(0, bytes.length / 2));
  expect(() => read.snapshots[2]!.journeys[0]!.stages[0]!.touchpoints[0]!.channels).toThrow(/shorter than when it was read/);
});
