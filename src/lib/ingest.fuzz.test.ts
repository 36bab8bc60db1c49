// Property test: whatever bytes arrive, ingestion either balances its accounts or stops with a
// PolkuError for people; it never throws anything else and never hangs.
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../../test/temp-files.ts';
import { PolkuError } from './errors.ts';
import { ingestSnapshot } from './ingest.ts';
import { mappingFor } from './mapping.ts';
import { DEFAULT_SCALES } from './metrics.ts';

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
        expect(r.account.accepted + r.account.rejected, `seed ${seed}`).toBe(r.account.rowsRead);
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
