/**
 * A tiny seeded pseudo-random generator for demo data. Deterministic: the same
 * seed always yields the same sequence, on every platform, so demo databases,
 * screenshots and tests are reproducible. Not for anything security-related.
 */

/** A seeded random source with the helpers the demo generators need. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One element, with probability proportional to its weight (weights ≥ 0, sum > 0). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** An index in [0, n) with P(i) ∝ 1 / (i + 1)^s: a few items common, a long tail rare. */
  zipfIndex(n: number, s: number): number;
  /** A new, independent generator derived from this one's seed and a label. */
  fork(label: string | number): Rng;
}

/**
 * mulberry32: 32-bit state, good enough statistical quality for fake data.
 * @throws RangeError from helpers given empty arrays or impossible ranges.
 */
export function createRng(seed: number): Rng {
  const origin = seed >>> 0;
  let state = origin;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int(min, max) {
      if (!(max >= min)) throw new RangeError(`int(${min}, ${max}): empty range`);
      return min + Math.floor(next() * (max - min + 1));
    },
    pick(items) {
      if (items.length === 0) throw new RangeError('pick() from an empty array');
      return items[Math.floor(next() * items.length)];
    },
    weighted(items, weights) {
      if (items.length === 0 || items.length !== weights.length) {
        throw new RangeError('weighted(): items and weights must be non-empty and of equal length');
      }
      let total = 0;
      for (const w of weights) total += Math.max(0, w);
      if (!(total > 0)) throw new RangeError('weighted(): weights sum to zero');
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        r -= Math.max(0, weights[i]);
        if (r < 0) return items[i];
      }
      return items[items.length - 1];
    },
    chance(p) {
      return next() < p;
    },
    zipfIndex(n, s) {
      const cdf = zipfCdf(n, s);
      const r = next();
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cdf[mid] > r) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
    fork(label) {
      return createRng(hashSeed(origin, label));
    },
  };
  return rng;
}

const zipfCache = new Map<string, Float64Array>();

/** Cumulative Zipf distribution over n ranks, cached per (n, s). */
function zipfCdf(n: number, s: number): Float64Array {
  if (!(n >= 1)) throw new RangeError(`zipfIndex(${n}): n must be ≥ 1`);
  const key = `${n}:${s}`;
  let cdf = zipfCache.get(key);
  if (!cdf) {
    cdf = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += 1 / Math.pow(i + 1, s);
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += 1 / Math.pow(i + 1, s) / sum;
      cdf[i] = acc;
    }
    cdf[n - 1] = 1;
    zipfCache.set(key, cdf);
  }
  return cdf;
}

/**
 * A stable 32-bit seed from any mix of strings and numbers (FNV-1a), so a
 * generator can give every unit or account its own stream: adding a unit then
 * does not change the names of all the others.
 */
export function hashSeed(...parts: Array<string | number>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = `${typeof part}:${part}|`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h >>> 0;
}
