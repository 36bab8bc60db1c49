import { describe, expect, it } from 'vitest';
import { BitSet, fingerprint, RespondentIndex, scramble } from './respondent-index.ts';

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

describe('RespondentIndex', () => {
  it('numbers respondents 0, 1, 2 … in order of first appearance, the same number on every return', () => {
    const index = new RespondentIndex();
    expect(index.numberOf(fingerprint('R1'))).toBe(0);
    expect(index.numberOf(fingerprint('R2'))).toBe(1);
    expect(index.numberOf(fingerprint('R1'))).toBe(0);
    expect(index.numberOf(fingerprint('007'))).toBe(2);
    expect(index.numberOf(fingerprint('7'))).toBe(3);
    expect(index.size).toBe(4);
  });

  it('grows from a small capacity without losing or renumbering anyone (300,000 ids)', () => {
    const index = new RespondentIndex(1);
    const N = 300_000;
    for (let i = 0; i < N; i++) expect(index.numberOf(fingerprint(`R${i}`))).toBe(i);
    let same = 0;
    for (let i = 0; i < N; i += 7) if (index.numberOf(fingerprint(`R${i}`)) === i) same++;
    expect(same).toBe(Math.ceil(N / 7));
    expect(index.size).toBe(N);
  }, 30_000); // large on purpose: seconds on a busy machine
});

describe('BitSet', () => {
  it('adds once, reports membership, counts its members and grows', () => {
    const set = new BitSet();
    expect(set.has(5)).toBe(false);
    expect(set.add(5)).toBe(true);
    expect(set.add(5)).toBe(false);
    expect(set.has(5)).toBe(true);
    expect(set.add(0)).toBe(true);
    expect(set.add(31)).toBe(true);
    expect(set.add(32)).toBe(true);
    expect(set.add(1_000_003)).toBe(true);
    expect(set.has(1_000_003)).toBe(true);
    expect(set.has(1_000_002)).toBe(false);
    expect(set.has(99_999_999)).toBe(false);
    expect(set.size).toBe(5);
  });
});

describe('BitSet.overlaps and countNew: a set from another index, renumbered', () => {
  it('finds the shared members and counts the others, −1 standing for a respondent this index has not seen', () => {
    const here = new BitSet();
    for (const n of [0, 3, 40]) here.add(n);
    const there = new BitSet();
    for (const n of [0, 1, 2, 33]) there.add(n);
    // There, 0 is here's 3 and 33 is here's 5; 1 and 2 are new here.
    const numbers = new Int32Array(34).fill(-1);
    numbers[0] = 3;
    numbers[33] = 5;
    expect(here.overlaps(there.words(), numbers)).toBe(true);
    expect(here.countNew(there.words(), numbers)).toBe(3); // 1, 2 and 33 (here's 5)
    numbers[0] = 7;
    expect(here.overlaps(there.words(), numbers)).toBe(false);
    expect(here.countNew(there.words(), numbers)).toBe(4);
    expect(here.size).toBe(3);
  });
});

describe('scramble', () => {
  it('spreads consecutive respondents over the 32-bit range', () => {
    const values = Array.from({ length: 1000 }, (_, i) => scramble(i, 3));
    expect(new Set(values).size).toBe(1000);
    expect(values.filter((v) => v < 2 ** 31).length).toBeGreaterThan(400);
    expect(values.filter((v) => v < 2 ** 31).length).toBeLessThan(600);
  });
});
