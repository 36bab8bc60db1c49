// Which snapshots have an entry in the cache decides which files are hashed before they are read.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../../../test/temp-files.ts';
import type { SnapshotIngest } from './ingest.ts';
import { cachedSnapshotIds, writeCachedIngest } from './snapshot-cache.ts';

const tempFile = useTempFiles('polku-snapshot-cache-');

describe('cachedSnapshotIds', () => {
  it('names the snapshots with an entry, and nothing else', () => {
    const dir = join(tempFile('marker', ''), '..', 'cache');
    const ingest = (id: string) => ({ id }) as SnapshotIngest;
    expect(writeCachedIngest(dir, '2026-q1', 'a'.repeat(32), ingest('2026-q1'))).toBe(null);
    expect(writeCachedIngest(dir, '2026-q2', 'b'.repeat(32), ingest('2026-q2'))).toBe(null);
    // A write another build left half-done, and files that are not entries.
    writeFileSync(join(dir, `.2026-q3.${'c'.repeat(32)}.json.123.tmp`), '{');
    writeFileSync(join(dir, '2026-q4.json'), '{}');
    writeFileSync(join(dir, 'notes.txt'), '');
    expect(cachedSnapshotIds(dir)).toEqual(new Set(['2026-q1', '2026-q2']));
  });

  it('is empty when there is no cache folder yet', () => {
    expect(cachedSnapshotIds(join(tempFile('marker2', ''), '..', 'no-such-folder'))).toEqual(new Set());
  });
});
