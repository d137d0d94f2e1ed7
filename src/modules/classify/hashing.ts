/**
 * 32-bit term ids. The classifier never keeps term strings: a word or an
 * n-gram is known by a hash of it (so the model file holds no text of the
 * messages it was trained on, and lookups need no string allocation).
 * Two different terms share an id only by a hash collision: n distinct terms
 * give about n² / 2³³ colliding pairs (5 among the 200,000 terms a model
 * typically keeps; the 43,857 distinct words of the development data have
 * none), nearly all between rare terms.
 */

/** MurmurHash3's finaliser: spreads every input bit over the output. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** One step of combining `value` into the running hash `h`. */
export function combine(h: number, value: number): number {
  return Math.imul(((h ^ value) << 13) | ((h ^ value) >>> 19), 5) + 0xe6546b64;
}

/** Hash of the UTF-16 code units of `text[start, end)` under `seed`. */
export function hashString(text: string, seed: number, start = 0, end = text.length): number {
  let h = seed;
  for (let i = start; i < end; i++) h = combine(h, Math.imul(text.charCodeAt(i), 0xcc9e2d51));
  return fmix32(h ^ (end - start));
}

/**
 * An open-addressing map from int32 keys to non-negative int32 values
 * (linear probing, grows at half load). Far lighter than a Map for
 * millions of numeric keys.
 */
export class IntMap {
  private keys: Int32Array;
  private values: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let n = 16;
    while (n < capacity * 2) n *= 2;
    this.keys = new Int32Array(n);
    this.values = new Int32Array(n).fill(-1);
    this.mask = n - 1;
  }

  /** The value of `key`, or -1. */
  get(key: number): number {
    const { keys, values, mask } = this;
    for (let i = fmix32(key) & mask; ; i = (i + 1) & mask) {
      const v = values[i];
      if (v < 0 || keys[i] === key) return v;
    }
  }

  /** Sets `key` to `value` (≥ 0). */
  set(key: number, value: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const { keys, values, mask } = this;
    for (let i = fmix32(key) & mask; ; i = (i + 1) & mask) {
      if (values[i] < 0) { keys[i] = key; values[i] = value; this.size++; return; }
      if (keys[i] === key) { values[i] = value; return; }
    }
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.values = new Int32Array(keys.length * 2).fill(-1);
    this.mask = this.keys.length - 1;
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (values[i] >= 0) this.set(keys[i], values[i]);
  }
}
