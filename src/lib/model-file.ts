// The site model as scripts/build.ts hands it to Astro: one line of JSON for the settings and
// content, then one line per snapshot. Written and read a snapshot at a time, so neither side holds
// the whole text (~100 MB at 40 snapshots, twice that as a string with ä in it) beside the objects.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { SiteModel } from './site-model.ts';

/** Writes the model; returns each snapshot's id and the SHA-256 of its line (the keys of kept pages). */
export function writeModelFile(path: string, model: SiteModel): { id: string; sha256: string }[] {
  const { snapshots, ...rest } = model;
  const digests: { id: string; sha256: string }[] = [];
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, `${JSON.stringify(rest)}\n`);
    for (const snapshot of snapshots) {
      const json = JSON.stringify(snapshot);
      writeSync(fd, `${json}\n`);
      digests.push({ id: snapshot.id, sha256: createHash('sha256').update(json).digest('hex') });
    }
  } finally {
    closeSync(fd);
  }
  return digests;
}

export function readModelFile(path: string): SiteModel {
  const bytes = readFileSync(path);
  const lines: unknown[] = [];
  // JSON.stringify escapes every newline inside a value: a newline byte ends a line.
  for (let start = 0; start < bytes.length; ) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    lines.push(JSON.parse(bytes.toString('utf8', start, end)));
    start = end + 1;
  }
  const [rest, ...snapshots] = lines as [Omit<SiteModel, 'snapshots'>, ...SiteModel['snapshots']];
  return { ...rest, snapshots };
}
