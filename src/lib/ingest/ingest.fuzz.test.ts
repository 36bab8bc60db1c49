// Property test: whatever bytes arrive, ingestion either balances its accounts or stops with a
// PolkuError for people; it never throws anything else and never hangs. Likewise whatever entries a
// snapshot folder holds, and whatever mix of Windows-1252 and UTF-8 rows a file holds.
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../../../test/temp-files.ts';
import { PolkuError } from '../common/errors.ts';
import { ingestSnapshot } from './ingest.ts';
import { mappingFor } from '../project/mapping.ts';
import { DEFAULT_SCALES } from '../stats/metrics.ts';
import { listSnapshotFiles } from './snapshot-files.ts';

const tempFile = useTempFiles('polku-fuzz-');

/** mulberry32: a seeded generator, so a failing case can be replayed from its seed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALID = [
  'response_id,submitted_at,journey,touchpoint,channel,segment,nps,csat,ces,emotion,expectation,comment',
  'R1,2026-03-01,j,a,web,new,9,5,6,2,1,"hyvä, nopea"',
  'R2,1.3.2026,j,b,store,new,3,2,2,-2,0,"jono ""pitkä""\nsoitin"',
  'R3,2026-03-02,j,a,app,returning,7,4,5,"1,5",1,',
].join('\r\n');

/** Pieces that break CSV readers (after the csv-spectrum corpus) and survey exports. */
const PIECES = ['"', '""', ',', ';', '\t', '\r', '\n', '\r\n', '\uFEFF', 'ä', '€', '\u0000', '__proto__', '=1+1', '-', '−', '1,5', '31.2.2026', '', ' ', 'R1', 'j', 'a', '11', '-3'];

function mutate(next: () => number, text: string): Buffer {
  let s = text;
  const edits = 1 + Math.floor(next() * 6);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * (s.length + 1));
    const kind = next();
    if (kind < 0.4) s = s.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + s.slice(at);
    else if (kind < 0.7) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(next() * 8));
    else s = s.slice(0, at) + s.slice(at, at + Math.floor(next() * 40)).repeat(2) + s.slice(at);
  }
  const bytes = Buffer.from(s, 'utf8');
  // Sometimes flip raw bytes, so invalid UTF-8 and stray encodings turn up too.
  if (next() < 0.3) for (let i = 0; i < 3; i++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
  return bytes;
}

function randomBytes(next: () => number): Buffer {
  const alphabet = ['a', '1', ',', ';', '"', '\n', '\r', ' ', '-', 'ä', '\t'];
  let s = '';
  const length = Math.floor(next() * 300);
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(next() * alphabet.length)];
  return Buffer.from(s, 'utf8');
}

async function ingestBytes(bytes: Buffer, name: string) {
  const path = tempFile(name, bytes);
  return ingestSnapshot({ path, file: name, id: 'fuzz', mapping: mappingFor({}, 'fuzz', 'mapping'), scales: DEFAULT_SCALES, stageOf: () => 's' });
}

describe('ingesting random and mutated CSV bytes', () => {
  it('balances or stops with a PolkuError, for 400 seeded cases', async () => {
    let balanced = 0;
    let stopped = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const next = random(seed);
      const bytes = seed % 4 === 0 ? randomBytes(next) : mutate(next, VALID);
      try {
        const r = await ingestBytes(bytes, `case-${seed}.csv`);
        expect(r.account.accepted + r.account.rejected + r.account.empty, `seed ${seed}`).toBe(r.account.rowsRead);
        expect(r.account.rejections.length, `seed ${seed}`).toBe(Math.min(r.account.rejected, 10_000));
        balanced++;
      } catch (error) {
        if (!(error instanceof PolkuError)) throw new Error(`seed ${seed}: ${String(error)}\n${bytes.toString('utf8')}`);
        expect(error.format(), `seed ${seed}`).toMatch(/How to fix: /);
        stopped++;
      }
    }
    // Both outcomes occur, so the property is exercised on each side.
    expect(balanced).toBeGreaterThan(50);
    expect(stopped).toBeGreaterThan(20);
  });
});

describe('ingesting random splices of Windows-1252 and UTF-8 rows', () => {
  const HEAD = 'response_id,journey,touchpoint,segment,nps,comment\n';
  // Each row's comment has an ä in one encoding or none; padding moves rows across the 64 KiB reads.
  const row = (i: number, kind: number, pad: number) => {
    const text = `R${i},j,a,s,9,${'x'.repeat(pad)}hyv${kind === 0 ? 'a' : 'ä'}\n`;
    return Buffer.from(text, kind === 1 ? 'latin1' : 'utf8');
  };

  it('reads one encoding, or stops at the first row of the second, for 60 seeded files', async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const next = random(seed * 7919);
      const kinds = Array.from({ length: 20 + Math.floor(next() * 200) }, () => (next() < 0.6 ? 0 : next() < 0.5 ? 1 : 2));
      const rows = kinds.map((kind, i) => row(i, kind, Math.floor(next() * (next() < 0.1 ? 40_000 : 60))));
      const first1252 = kinds.indexOf(1);
      const firstUtf8 = kinds.indexOf(2);
      const outcome = await ingestBytes(Buffer.concat([Buffer.from(HEAD), ...rows]), `splice-${seed}.csv`).then(
        (r) => r,
        (e: unknown) => e,
      );
      if (first1252 >= 0 && firstUtf8 >= 0) {
        const conflict = Math.max(first1252, firstUtf8);
        expect(outcome, `seed ${seed}`).toBeInstanceOf(PolkuError);
        const error = outcome as PolkuError;
        expect(error.message, `seed ${seed}`).toMatch(/^the file mixes two encodings/);
        // The ä of the first row of the encoding that came second: its line, after its 'hyv'.
        const text = rows[conflict]!.toString('latin1');
        expect(error.location, `seed ${seed}`).toEqual({ file: `splice-${seed}.csv`, line: conflict + 2, column: text.indexOf('hyv') + 4 });
      } else {
        if (!(outcome && typeof outcome === 'object' && 'account' in outcome)) throw outcome;
        const { account } = outcome as { account: { encoding: string; accepted: number } };
        expect(account.encoding, `seed ${seed}`).toBe(first1252 >= 0 ? 'windows-1252' : 'utf-8');
        expect(account.accepted, `seed ${seed}`).toBe(kinds.length);
      }
    }
  });
});

describe('listing a snapshot folder with random odd entries', () => {
  const makers: ((path: string) => void)[] = [
    (path) => writeFileSync(path, 'response_id,journey,touchpoint,nps\nR1,j,a,9\n'),
    (path) => mkdirSync(path),
    (path) => symlinkSync(`${path}-gone`, path),
    (path) => execFileSync('mkfifo', [path]),
  ];
  const NAMES = ['2026-q1.csv', '..csv', '.hidden.csv', '.DS_Store', 'README.md', 'notes.txt', 'x.xlsx', 'a b.csv', '2026-q2.tsv', 'sub'];

  it('lists regular files or stops with one PolkuError, never opening anything, for 40 seeded folders', { timeout: 20_000 }, () => {
    for (let seed = 1; seed <= 40; seed++) {
      const next = random(seed * 104729);
      const folder = join(dirname(tempFile(`fs-${seed}`, '')), `snapshots-fs-${seed}`);
      mkdirSync(folder);
      for (const name of NAMES) if (next() < 0.4) makers[Math.floor(next() * makers.length)]!(join(folder, name));
      try {
        const files = listSnapshotFiles(folder, dirname(folder));
        for (const f of files) expect(statSync(f.path).isFile(), `seed ${seed}: ${f.file}`).toBe(true);
      } catch (error) {
        if (!(error instanceof PolkuError)) throw new Error(`seed ${seed}: ${String(error)}`);
        expect(error.format().split('\n'), `seed ${seed}`).toHaveLength(2);
      }
    }
  });
});
