import * as OpenCC from 'opencc-js/t2cn';

/**
 * How alike two appeals are, for the repeat check (并单). Pure: no I/O.
 *
 * Text: both texts are normalised — Unicode NFKC (full-width letters and
 * digits become half-width), traditional characters to simplified (OpenCC,
 * Taiwan phrases included), lower case, and everything that is not a letter
 * or a digit removed (punctuation, spaces, line breaks) — and cut to their
 * first {@link dupTextLength} characters. Each becomes the SET of its
 * character bigrams (“噪音扰民” → 噪音, 音扰, 扰民), and the text similarity is
 * their Dice coefficient, 2·|A∩B| / (|A| + |B|): 1 for the same text, 0 for
 * texts without a common pair of characters. Bigrams suit Chinese, which has
 * no spaces: most words are two characters, and a one-character difference
 * changes at most two bigrams.
 *
 * Score: the text similarity t, the same caller (phone) and the same place
 * (same region unit, overlapping addresses, or coordinates within
 * {@link nearbyMeters} m) combine as independent pieces of evidence
 * (noisy-OR):
 *
 *     score = 1 − (1 − t) · (1 − 0.4·[same phone]) · (1 − 0.2·[same place])
 *
 * so identical texts score 1 whatever else, the same caller alone 0.4, the
 * same place alone 0.2, and each signal raises a text match. A candidate is
 * OFFERED as a likely repeat when it has the same phone, or the same place
 * and t ≥ {@link similarTextThreshold}: a repeat call about anything is worth
 * showing the operator; a different caller only when it is about the same
 * problem at the same place. docs/duplicates.md has the measured precision
 * and recall.
 */

/** Characters of normalised title + content compared: the head of an appeal says what it is about. */
export const dupTextLength = 300;
/** Text similarity from which two appeals at the same place count as the same problem (tuned on development data, docs/duplicates.md). */
export const similarTextThreshold = 0.3;
/** Coordinates at most this far apart are the same place. */
export const nearbyMeters = 200;
export const phoneWeight = 0.4;
export const placeWeight = 0.2;

let converter: ((s: string) => string) | undefined;
/** Traditional → simplified; built on first use (about 20 ms). */
export function toSimplified(s: string): string {
  const convert = (converter ??= OpenCC.Converter({ from: 'twp', to: 'cn' }));
  return convert(s);
}

const notLetterOrDigit = /[^\p{L}\p{N}]+/gu;

/** NFKC, simplified characters, lower case, letters and digits only. */
export function normalizeText(s: string): string {
  return toSimplified(s.normalize('NFKC')).toLowerCase().replace(notLetterOrDigit, '');
}

/**
 * What the repeat check compares of an appeal: the normalised head of its
 * title and content (stored with the case as `dup_text`).
 */
export function duplicateText(title: string, content: string): string {
  // Normalisation only shortens text (punctuation and spaces go): cut first, with room for them, then cut exactly.
  return normalizeText(`${title}\n${content.slice(0, dupTextLength + 100)}`).slice(0, dupTextLength);
}

/** The set of character bigrams (a text of one character is its own “bigram”). */
export function bigrams(normalized: string): Set<number> {
  const out = new Set<number>();
  if (normalized.length === 1) out.add(normalized.charCodeAt(0));
  for (let i = 0; i + 1 < normalized.length; i++) out.add(normalized.charCodeAt(i) * 65536 + normalized.charCodeAt(i + 1));
  return out;
}

/** Dice coefficient of two bigram sets; 0 when either is empty. */
export function dice(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const x of small) if (large.has(x)) common++;
  return (2 * common) / (a.size + b.size);
}

/**
 * The sorted, distinct bigram codes of a normalised text (the set
 * {@link bigrams} gives, as a typed array): two such arrays intersect by one
 * merge.
 */
export function bigramCodes(normalized: string): Uint32Array {
  const n = normalized.length;
  if (n === 0) return new Uint32Array(0);
  if (n === 1) return Uint32Array.of(normalized.charCodeAt(0));
  const codes = new Uint32Array(n - 1);
  for (let i = 0; i + 1 < n; i++) codes[i] = ((normalized.charCodeAt(i) << 16) | normalized.charCodeAt(i + 1)) >>> 0;
  codes.sort();
  let size = 0;
  for (let i = 0; i < codes.length; i++) if (i === 0 || codes[i] !== codes[i - 1]) codes[size++] = codes[i];
  return codes.subarray(0, size);
}

/** Dice coefficient of two {@link bigramCodes} arrays; 0 when either is empty. */
export function diceOfCodes(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x === y) { common++; i++; j++; } else if (x < y) i++; else j++;
  }
  return (2 * common) / (a.length + b.length);
}

/**
 * {@link dice} of one normalised text against many: the repeat check scores
 * dozens of candidates at every intake, and the same candidates (the latest
 * cases of a busy region) again at the next. Each text's bigram set is
 * built once as a sorted array ({@link bigramCodes}) and kept in a bounded
 * cache keyed by the text itself (so a corrected text is a new key), and
 * a score is one merge of two arrays. Gives exactly what
 * `dice(bigrams(text), bigrams(other))` gives.
 */
export class DiceScorer {
  /** Texts scored lately and their codes; the oldest go first when the codes kept pass `cacheCodes`. */
  private static readonly seen = new Map<string, Uint32Array>();
  private static codesKept = 0;
  /** At most this many codes (4 bytes each) are kept: ~13,000 repeat texts of 300 characters, fewer long replies. */
  static readonly cacheCodes = 4_000_000;
  private readonly codes: Uint32Array;

  constructor(normalized: string) {
    this.codes = DiceScorer.codesOf(normalized);
  }

  private static codesOf(text: string): Uint32Array {
    let codes = DiceScorer.seen.get(text);
    if (!codes) {
      codes = bigramCodes(text);
      for (const [oldest, kept] of DiceScorer.seen) {
        if (DiceScorer.codesKept + codes.length <= DiceScorer.cacheCodes) break;
        DiceScorer.seen.delete(oldest);
        DiceScorer.codesKept -= kept.length;
      }
      DiceScorer.seen.set(text, codes);
      DiceScorer.codesKept += codes.length;
    }
    return codes;
  }

  /** Dice coefficient of this text's bigram set and `other`'s (normalised). */
  score(other: string): number {
    if (this.codes.length === 0 || other.length === 0) return 0;
    return diceOfCodes(this.codes, DiceScorer.codesOf(other));
  }
}

/** Similarity (0–1) of two raw texts, normalised as above. */
export function textSimilarity(a: string, b: string): number {
  return dice(bigrams(normalizeText(a)), bigrams(normalizeText(b)));
}

/** What the repeat check compares of an address: normalised (stored as `dup_place`); null when under 4 characters (“本市”, “家里” say nothing). */
export function placeText(address: string | null | undefined): string | null {
  if (!address) return null;
  const place = normalizeText(address);
  return place.length >= 4 ? place : null;
}

/**
 * The start of a normalised address under which candidates are looked up
 * when an appeal has no region unit: ten characters reach about the street
 * (“安澜市临澜县三里街道”), four would only reach the county.
 */
export const placePrefixLength = 10;

/**
 * Two normalised addresses name the same place when one contains the other
 * or their bigram Dice reaches 0.6 (`scorerOfX`: a {@link DiceScorer} of `x`
 * when comparing it with many).
 */
export function placesOverlap(x: string | null, y: string | null, scorerOfX?: DiceScorer): boolean {
  if (!x || !y || x.length < 4 || y.length < 4) return false;
  if (x.includes(y) || y.includes(x)) return true;
  return (scorerOfX ? scorerOfX.score(y) : dice(bigrams(x), bigrams(y))) >= 0.6;
}

/** {@link placesOverlap} of two raw addresses. */
export function addressesOverlap(a: string | null | undefined, b: string | null | undefined): boolean {
  return placesOverlap(placeText(a), placeText(b));
}

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export type DuplicateReason = 'same_phone' | 'same_region' | 'address_overlap' | 'nearby' | 'similar_text';

export const duplicateReasonLabels: Record<DuplicateReason, { zh: string; en: string }> = {
  same_phone: { zh: '同一来电号码', en: 'same phone number' },
  same_region: { zh: '同一区域', en: 'same region' },
  address_overlap: { zh: '地址相同或相近', en: 'same or overlapping address' },
  nearby: { zh: `位置相距${nearbyMeters}米以内`, en: `within ${nearbyMeters} m` },
  similar_text: { zh: '诉求内容相似', en: 'similar text' },
};

export interface DuplicateSignals {
  /** Text similarity, 0–1. */
  text: number;
  samePhone: boolean;
  sameRegion: boolean;
  addressOverlap: boolean;
  /** Distance between the two locations, when both have one. */
  distanceMeters: number | null;
}

export interface DuplicateVerdict {
  /** 0–1, see the module comment. */
  score: number;
  /** Whether the candidate is offered as a likely repeat. */
  offered: boolean;
  reasons: DuplicateReason[];
}

/** The score and verdict for one pair, from its signals. */
export function judgeDuplicate(s: DuplicateSignals): DuplicateVerdict {
  const nearby = s.distanceMeters !== null && s.distanceMeters <= nearbyMeters;
  const samePlace = s.sameRegion || s.addressOverlap || nearby;
  const text = Math.min(1, Math.max(0, s.text));
  const score = 1 - (1 - text) * (1 - (s.samePhone ? phoneWeight : 0)) * (1 - (samePlace ? placeWeight : 0));
  const similar = text >= similarTextThreshold;
  const reasons: DuplicateReason[] = [];
  if (s.samePhone) reasons.push('same_phone');
  if (s.sameRegion) reasons.push('same_region');
  if (s.addressOverlap) reasons.push('address_overlap');
  if (nearby) reasons.push('nearby');
  if (similar) reasons.push('similar_text');
  return { score: Math.round(score * 1000) / 1000, offered: s.samePhone || (samePlace && similar), reasons };
}
