import { describe, expect, it } from 'vitest';
import { fingerprint, FingerprintSet } from './fingerprint-set.ts';

describe('fingerprint', () => {
  it('is two unsigned 32-bit numbers, the same for the same text', () => {
    const [a, b] = fingerprint('R26Q1-000001');
    expect(Number.isInteger(a) && a >= 0 && a < 2 ** 32).toBe(true);
    expect(Number.isInteger(b) && b >= 0 && b < 2 ** 32).toBe(true);
    expect(fingerprint('R26Q1-000001')).toEqual([a, b]);
  });

  it('tells apart ids that differ only in leading zeros, case or length', () => {
    const texts = ['007', '7', '0007', 'a', 'A', '', '\0', 'ab', 'ba'];
    const seen = new Set(texts.map((t) => fingerprint(t).join(':')));
    expect(seen.size).toBe(texts.length);
  });
});

describe('FingerprintSet', () => {
  it('add is true the first time and false after; has agrees', () => {
    const set = new FingerprintSet();
    const h = fingerprint('R1');
    expect(set.has(h, 0)).toBe(false);
    expect(set.add(h, 0)).toBe(true);
    expect(set.has(h, 0)).toBe(true);
    expect(set.add(h, 0)).toBe(false);
    expect(set.size).toBe(1);
  });

  it('keeps scopes independent', () => {
    const set = new FingerprintSet();
    const h = fingerprint('R1');
    expect(set.add(h, 0)).toBe(true);
    expect(set.has(h, 1)).toBe(false);
    expect(set.add(h, 1)).toBe(true);
    expect(set.add(h, 7)).toBe(true);
    expect(set.add(h, 1)).toBe(false);
    expect(set.has(fingerprint('R2'), 0)).toBe(false);
    expect(set.size).toBe(3);
  });

  it('grows from a small capacity without losing anything (200,000 keys in 3 scopes)', () => {
    const set = new FingerprintSet(1);
    const N = 200_000;
    let added = 0;
    for (let i = 0; i < N; i++) if (set.add(fingerprint(`R${i}`), i % 3)) added++;
    expect(added).toBe(N);
    expect(set.size).toBe(N);
    let present = 0;
    let duplicates = 0;
    let otherScope = 0;
    for (let i = 0; i < N; i++) {
      const h = fingerprint(`R${i}`);
      if (set.has(h, i % 3)) present++;
      if (!set.add(h, i % 3)) duplicates++;
      if (set.has(h, (i % 3) + 1)) otherScope++;
    }
    expect(present).toBe(N);
    expect(duplicates).toBe(N);
    expect(otherScope).toBe(0);
    expect(set.size).toBe(N);
    let absent = 0;
    for (let i = N; i < N + 10_000; i++) if (!set.has(fingerprint(`R${i}`), i % 3)) absent++;
    expect(absent).toBe(10_000);
  });

  it('counts distinct keys among many duplicates', () => {
    const set = new FingerprintSet(16);
    let added = 0;
    for (let round = 0; round < 5; round++) for (let i = 0; i < 1000; i++) if (set.add(fingerprint(`id-${i}`), 4)) added++;
    expect(added).toBe(1000);
    expect(set.size).toBe(1000);
  });
});
