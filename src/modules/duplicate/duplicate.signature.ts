/**
 * A text signature for finding similar appeals by an index (并单, the text
 * source of candidates): MinHash locality-sensitive hashing over the same
 * character bigrams the scorer compares (src/domain/similarity.ts).
 *
 * The bigram set of `dup_text` gets `bands × rows` min-hashes; each band of
 * `rows` of them, with the 30-day period of the appeal's arrival, hashes to
 * one int4. Two texts share a band with probability J^rows per band (J: the
 * Jaccard index of their bigram sets), so texts alike enough share at least
 * one of the `bands` values — found through a GIN index on `cases.dup_bands`
 * with `&&` — while unrelated texts rarely do. The period in the value keeps
 * the index lookup to the window: an appeal asks with the values of every
 * period its window touches.
 *
 * With 3 rows × 16 bands: a pair with Dice 0.6 (J ≈ 0.43) shares a band
 * with probability 0.72, Dice 0.7 (J ≈ 0.54) 0.93, Dice 0.3 (J ≈ 0.18) 0.09,
 * Dice 0.1 (J ≈ 0.05) 0.002. Pure and deterministic: stored at intake,
 * recomputed for a query.
 */

export const signatureRows = 3;
export const signatureBands = 16;
/** Days per period mixed into the band values. */
export const periodDays = 30;
const dayMs = 86_400_000;

/** 32-bit mix (murmur3 finaliser). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const seeds = Array.from({ length: signatureRows * signatureBands }, (_, i) => mix(0x9e3779b9 ^ Math.imul(i + 1, 0x2545f491)));

/** The last texts hashed: intake asks for a text's query bands and then its stored bands. */
const recent = new Map<string, Uint32Array>();

/** The min-hashes of a normalised text's bigram set (null for a text under two characters). */
function minHashes(normalized: string): Uint32Array | null {
  if (normalized.length < 2) return null;
  const hit = recent.get(normalized);
  if (hit) return hit;
  const mins = computeMinHashes(normalized);
  if (recent.size >= 256) recent.delete(recent.keys().next().value!);
  recent.set(normalized, mins);
  return mins;
}

function computeMinHashes(normalized: string): Uint32Array {
  const mins = new Uint32Array(seeds.length).fill(0xffffffff);
  const seen = new Set<number>();
  for (let i = 0; i + 1 < normalized.length; i++) {
    const code = ((normalized.charCodeAt(i) << 16) | normalized.charCodeAt(i + 1)) >>> 0;
    if (seen.has(code)) continue;
    seen.add(code);
    const base = mix(code);
    for (let k = 0; k < seeds.length; k++) {
      const h = mix(base ^ seeds[k]);
      if (h < mins[k]) mins[k] = h;
    }
  }
  return mins;
}

/** The period (30 days since the epoch) of an instant. */
export function periodOf(at: Date): number {
  return Math.floor(at.getTime() / (periodDays * dayMs));
}

function bandValues(mins: Uint32Array, period: number): number[] {
  const out: number[] = [];
  for (let b = 0; b < signatureBands; b++) {
    let h = mix(Math.imul(b + 1, 0x27d4eb2f) ^ period);
    for (let r = 0; r < signatureRows; r++) h = mix(h ^ mins[b * signatureRows + r]);
    out.push(h | 0); // int4
  }
  return out;
}

/** The band values stored with a case (`dup_bands`): null for a text too short to compare. */
export function textBands(dupText: string, at: Date): number[] | null {
  const mins = minHashes(dupText);
  return mins ? bandValues(mins, periodOf(at)) : null;
}

/** The band values to look for: this text's, for every period the window [from, to] touches. */
export function textBandsBetween(dupText: string, from: Date, to: Date): number[] | null {
  const mins = minHashes(dupText);
  if (!mins) return null;
  const out: number[] = [];
  for (let p = periodOf(from); p <= periodOf(to); p++) out.push(...bandValues(mins, p));
  return out;
}
