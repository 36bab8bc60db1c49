// Respondents as small dense numbers. A 64-bit fingerprint of each respondent id is looked up once
// per respondent (exports list a respondent's rows together), and everything keyed by respondent —
// duplicate ratings, distinct counts per journey, stage, channel and segment — becomes a bit in a
// bit set: 1 bit per respondent and scope, where a hash set of (respondent, scope) pairs costs
// 16 bytes a pair and a cache miss a lookup. Two different ids share a fingerprint with probability
// 2^-64 per pair (about 10^-8 for any false match among a million respondents).

/** murmur3's 32-bit finalizer: spreads every input bit over the output. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A well-spread 32-bit number from two integers, e.g. a respondent and a touchpoint. */
export function scramble(a: number, b: number): number {
  return fmix(Math.imul(a + 1, 0x9e3779b1) ^ fmix(b));
}

/** Two independent 32-bit hashes of a string (FNV-1a with two primes and seeds). */
export function fingerprint(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return [fmix(a), fmix(b ^ text.length)];
}

/**
 * Gives each distinct fingerprint a number 0, 1, 2, … in order of first appearance. The fingerprints
 * are kept by number (8 bytes each), and the hash table holds only numbers (4 bytes a slot, at most
 * 3/4 full): 13–24 bytes a respondent in all, where slots of fingerprint and number took 24–48.
 */
export class RespondentIndex {
  /** Number + 1 per slot; 0 marks an empty slot. */
  private slots: Uint32Array;
  private mask: number;
  /** hi and lo of number n at 2n and 2n + 1. */
  private byNumber: Uint32Array;
  size = 0;

  constructor(initialCapacity = 1024) {
    this.byNumber = new Uint32Array(Math.max(16, initialCapacity) * 2);
    this.slots = new Uint32Array(0);
    this.mask = -1;
    this.rehash(initialCapacity);
  }

  /** The number of a fingerprint, or -1 when it has none. */
  find(hi: number, lo: number): number {
    const { slots, byNumber } = this;
    for (let i = hi & this.mask; ; i = (i + 1) & this.mask) {
      const stored = slots[i]!;
      if (stored === 0) return -1;
      if (byNumber[2 * stored - 2] === hi && byNumber[2 * stored - 1] === lo) return stored - 1;
    }
  }

  numberOf(hash: readonly [number, number]): number {
    const [hi, lo] = hash;
    const { slots, byNumber } = this;
    for (let i = hi & this.mask; ; i = (i + 1) & this.mask) {
      const stored = slots[i]!;
      if (stored === 0) return this.add(i, hi, lo);
      if (byNumber[2 * stored - 2] === hi && byNumber[2 * stored - 1] === lo) return stored - 1;
    }
  }

  /** The fingerprints by number, hi and lo of number n at 2n and 2n + 1: a view, to hand over once the index is done with. */
  prints(): Uint32Array {
    return this.byNumber.subarray(0, this.size * 2);
  }

  private add(slot: number, hi: number, lo: number): number {
    const n = this.size++;
    if (2 * this.size > this.byNumber.length) {
      const grown = new Uint32Array(this.byNumber.length * 2);
      grown.set(this.byNumber);
      this.byNumber = grown;
    }
    this.byNumber[2 * n] = hi;
    this.byNumber[2 * n + 1] = lo;
    this.slots[slot] = n + 1;
    if (4 * this.size > 3 * this.slots.length) this.rehash(this.size);
    return n;
  }

  /** A table at most half full for `count` fingerprints, holding those numbered so far. */
  private rehash(count: number): void {
    let capacity = 16;
    while (capacity < count * 2) capacity *= 2;
    const slots = new Uint32Array(capacity);
    const mask = capacity - 1;
    for (let n = 0; n < this.size; n++) {
      let i = this.byNumber[2 * n]! & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = n + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** A growable set of small non-negative integers. */
export class BitSet {
  private bits = new Uint32Array(64);
  size = 0;

  has(n: number): boolean {
    const word = n >>> 5;
    return n >= 0 && word < this.bits.length && (this.bits[word]! & (1 << (n & 31))) !== 0;
  }

  /** The set as words, bit i of word k standing for 32k + i: a view, to hand over once the set is done with. */
  words(): Uint32Array {
    return this.bits.subarray(0, wordsUsed(this.bits));
  }

  /** Whether any number of a set given as words, renumbered by `numbers` (−1: none here), is in this one. */
  overlaps(words: Uint32Array, numbers: Int32Array): boolean {
    let found = false;
    forEachIn(words, (n) => (found ||= this.has(numbers[n]!)));
    return found;
  }

  /** How many numbers of a set given as words, renumbered by `numbers` (−1: none here), are not in this one. */
  countNew(words: Uint32Array, numbers: Int32Array): number {
    let count = 0;
    forEachIn(words, (n) => void (this.has(numbers[n]!) || count++));
    return count;
  }

  /** Adds n; false when it was already there. */
  add(n: number): boolean {
    const word = n >>> 5;
    if (word >= this.bits.length) {
      let length = this.bits.length * 2;
      while (length <= word) length *= 2;
      const grown = new Uint32Array(length);
      grown.set(this.bits);
      this.bits = grown;
    }
    const bit = 1 << (n & 31);
    const before = this.bits[word]!;
    if (before & bit) return false;
    this.bits[word] = before | bit;
    this.size++;
    return true;
  }
}

function wordsUsed(words: Uint32Array): number {
  let n = words.length;
  while (n > 0 && words[n - 1] === 0) n--;
  return n;
}

function forEachIn(words: Uint32Array, visit: (n: number) => void): void {
  for (let k = 0; k < words.length; k++) {
    for (let word = words[k]!; word !== 0; word &= word - 1) visit(k * 32 + (31 - Math.clz32(word & -word)));
  }
}

/**
 * A read's respondents outgrew, or would outgrow, its memory budget. `estimate`: the bytes they would
 * take by the end of the file, from the share read so far; the caller reads the file in enough passes,
 * each counting a disjoint share of the respondents.
 */
export class TooManyRespondents extends Error {
  readonly estimate: number;
  constructor(estimate: number) {
    super(`the respondents would take about ${Math.round(estimate / 2 ** 20)} MB to count in one read`);
    this.name = 'TooManyRespondents';
    this.estimate = estimate;
  }
}
