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

/** Gives each distinct fingerprint a number 0, 1, 2, … in order of first appearance. */
export class RespondentIndex {
  /** hi, lo, number + 1 per slot; 0 in the last marks an empty slot. */
  private slots: Uint32Array;
  private mask: number;
  size = 0;

  constructor(initialCapacity = 1024) {
    let capacity = 16;
    while (capacity < initialCapacity * 2) capacity *= 2;
    this.slots = new Uint32Array(capacity * 3);
    this.mask = capacity - 1;
  }

  /** The number of a fingerprint, or -1 when it has none. */
  find(hi: number, lo: number): number {
    const slots = this.slots;
    for (let i = hi & this.mask; ; i = (i + 1) & this.mask) {
      const stored = slots[i * 3 + 2]!;
      if (stored === 0) return -1;
      if (slots[i * 3] === hi && slots[i * 3 + 1] === lo) return stored - 1;
    }
  }

  numberOf(hash: readonly [number, number]): number {
    const [hi, lo] = hash;
    const slots = this.slots;
    for (let i = hi & this.mask; ; i = (i + 1) & this.mask) {
      const at = i * 3;
      const stored = slots[at + 2]!;
      if (stored === 0) {
        slots[at] = hi;
        slots[at + 1] = lo;
        slots[at + 2] = ++this.size;
        if (this.size * 2 > this.mask) this.grow();
        return this.size - 1;
      }
      if (slots[at] === hi && slots[at + 1] === lo) return stored - 1;
    }
  }

  /** The fingerprints by number: hi and lo of number n at 2n and 2n + 1. */
  prints(): Uint32Array {
    const out = new Uint32Array(this.size * 2);
    const slots = this.slots;
    for (let at = 0; at < slots.length; at += 3) {
      const stored = slots[at + 2]!;
      if (stored === 0) continue;
      out[2 * (stored - 1)] = slots[at]!;
      out[2 * (stored - 1) + 1] = slots[at + 1]!;
    }
    return out;
  }

  private grow(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    this.slots = new Uint32Array(capacity * 3);
    this.mask = capacity - 1;
    for (let at = 0; at < old.length; at += 3) {
      if (old[at + 2] === 0) continue;
      let i = old[at]! & this.mask;
      while (this.slots[i * 3 + 2] !== 0) i = (i + 1) & this.mask;
      this.slots.set(old.subarray(at, at + 3), i * 3);
    }
  }
}

/** A growable set of small non-negative integers. */
export class BitSet {
  private bits = new Uint32Array(64);
  size = 0;

  has(n: number): boolean {
    const word = n >>> 5;
    return word < this.bits.length && (this.bits[word]! & (1 << (n & 31))) !== 0;
  }

  /** The set as words, bit i of word k standing for 32k + i: a copy, for another thread. */
  words(): Uint32Array {
    return this.bits.slice(0, wordsUsed(this.bits));
  }

  /** Whether any number of a set given as words, renumbered by `numbers`, is in this one. */
  overlaps(words: Uint32Array, numbers: Int32Array): boolean {
    let found = false;
    forEachIn(words, (n) => (found ||= this.has(numbers[n]!)));
    return found;
  }

  /** Adds every number of a set given as words, renumbered by `numbers`. */
  addAll(words: Uint32Array, numbers: Int32Array): void {
    forEachIn(words, (n) => void this.add(numbers[n]!));
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
