// A set of 64-bit fingerprints in one typed array: 16 bytes a key at most, where a Set of strings
// costs 60–100. It finds duplicate (respondent, touchpoint) pairs and counts distinct respondents in
// million-row files within a fixed memory budget. Two different keys share a fingerprint with
// probability 2^-64 per pair (about 3·10^-6 for any false match among ten million keys).

/** murmur3's 32-bit finalizer: spreads every input bit over the output. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
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

export class FingerprintSet {
  private slots: Uint32Array;
  private mask: number;
  size = 0;

  constructor(initialCapacity = 1024) {
    let capacity = 16;
    while (capacity < initialCapacity * 2) capacity *= 2;
    this.slots = new Uint32Array(capacity * 2);
    this.mask = capacity - 1;
  }

  /**
   * Adds the fingerprint of a key within a scope (a small integer naming, say, a touchpoint), so one
   * hashed string serves many scopes. Returns false when it was already there.
   */
  add(hash: readonly [number, number], scope: number): boolean {
    return this.probe(hash, scope, true);
  }

  has(hash: readonly [number, number], scope: number): boolean {
    return !this.probe(hash, scope, false);
  }

  /** True when the key was absent (and, with `insert`, is now present). */
  private probe(hash: readonly [number, number], scope: number, insert: boolean): boolean {
    const hi = fmix(hash[0] ^ Math.imul(scope + 1, 0x9e3779b1));
    const lo = (fmix(hash[1] + Math.imul(scope + 1, 0x85ebca6b)) | 1) >>> 0; // never 0: 0/0 marks an empty slot
    const slots = this.slots;
    let i = hi & this.mask;
    for (;;) {
      const at = i * 2;
      const sHi = slots[at]!;
      const sLo = slots[at + 1]!;
      if (sLo === 0) {
        if (!insert) return true;
        slots[at] = hi;
        slots[at + 1] = lo;
        if (++this.size * 2 > this.mask) this.grow();
        return true;
      }
      if (sHi === hi && sLo === lo) return false;
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    this.slots = new Uint32Array(capacity * 2);
    this.mask = capacity - 1;
    for (let at = 0; at < old.length; at += 2) {
      const lo = old[at + 1]!;
      if (lo === 0) continue;
      let i = old[at]! & this.mask;
      while (this.slots[i * 2 + 1] !== 0) i = (i + 1) & this.mask;
      this.slots[i * 2] = old[at]!;
      this.slots[i * 2 + 1] = lo;
    }
  }
}
