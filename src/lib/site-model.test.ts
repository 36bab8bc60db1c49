import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../../test/temp-files.ts';
import { PolkuError } from './errors.ts';
import { loadConfig } from './config.ts';
import { loadContent } from './content.ts';
import { ingestSnapshot } from './ingest.ts';
import { mappingFor } from './mapping.ts';
import { listSnapshotFiles, orderSnapshots, siteModel } from './site-model.ts';

const tempFile = useTempFiles('polku-model-');

function folderWith(names: string[]): string {
  const dir = dirname(tempFile(`marker-${names.join('-').replace(/[^a-z0-9]/gi, '')}`, ''));
  const folder = join(dir, `snapshots-${Math.random().toString(36).slice(2)}`);
  mkdirSync(folder);
  for (const name of names) writeFileSync(join(folder, name), 'x');
  return folder;
}

describe('listSnapshotFiles', () => {
  it('takes ids from file names, sorted, skipping hidden files and a README', () => {
    const folder = folderWith(['2026-q2.csv', '2026-q1.CSV', '.DS_Store', 'README.md', 'export.tsv']);
    expect(listSnapshotFiles(folder, dirname(folder)).map((f) => f.id)).toEqual(['2026-q1', '2026-q2', 'export']);
  });

  it.each([
    ['Q3 2026.csv', 'snapshot file name'],
    ['a%2e%2e%2fb.csv', 'snapshot file name'],
    ['ä-2026.csv', 'snapshot file name'],
  ])('refuses a file name that cannot be a URL segment: %s', (name, what) => {
    const folder = folderWith([name]);
    expect(() => listSnapshotFiles(folder, dirname(folder))).toThrow(PolkuError);
    expect(() => listSnapshotFiles(folder, dirname(folder))).toThrow(what);
  });

  it('refuses a workbook with advice to save it as CSV', () => {
    const folder = folderWith(['2026-q3.xlsx']);
    expect(() => listSnapshotFiles(folder, dirname(folder))).toThrow('a spreadsheet workbook is not a snapshot');
  });
});

describe('orderSnapshots', () => {
  it('orders by the days the rows cover, then by id; undated files last', () => {
    const s = (id: string, first?: number, last?: number) => ({ id, period: first === undefined ? null : { first, last: last! } });
    const ordered = orderSnapshots([s('b', 20), s('undated'), s('a', 10, 40), s('c', 10, 20), s('aa', 20, 20)]);
    expect(ordered.map((x) => x.id)).toEqual(['c', 'a', 'aa', 'b', 'undated']);
  });
});

describe('siteModel: ids that no content defines', () => {
  it('lists them for the data-quality page with personal data redacted', async () => {
    const root = join(import.meta.dirname, '../..');
    const config = loadConfig(root, {});
    const content = loadContent(config.content, root);
    const path = tempFile('unmatched.csv', 'response_id,journey,touchpoint,nps\nR1,washing-machine,matti.virtanen@example.com,9\nR2,washing-machine,search-ad,7\n');
    const ingest = await ingestSnapshot({ path, file: 'unmatched.csv', id: 'unmatched', mapping: mappingFor({}, 'unmatched', 'mapping'), scales: config.scales, stageOf: content.stageOf });
    const model = siteModel([ingest], content, config);
    expect(model.snapshots[0]!.unmatched).toEqual([{ journey: 'washing-machine', touchpoint: '[email]', ratings: 1 }]);
    expect(model.warnings.join('\n')).toContain('washing-machine/[email] (1 ratings)');
    expect(JSON.stringify(model)).not.toContain('virtanen');
  });
});
