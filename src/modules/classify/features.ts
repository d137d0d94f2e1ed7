import { normalizeText } from '../../domain/text/normalize.ts';
import { segmentNormalized } from '../../domain/text/tokenize.ts';
import { combine, fmix32, hashString, IntMap } from './hashing.ts';

/**
 * Text → sparse TF-IDF vector. A message gives four blocks of terms: jieba
 * words and character n-grams of the whole message (title + detail), and the
 * same two of the title alone, so a word in the title counts twice and in
 * its own namespace. Each block is TF-IDF weighted, L2-normalised on its own
 * and scaled by its block weight, so a long detail cannot drown the title.
 */

/** What the classifier reads of a message; `detail` may be empty (title-only messages). */
export interface MessageText {
  title?: string;
  detail?: string;
}

export interface FeatureOptions {
  /** 1: words; 2: words and adjacent word pairs. */
  wordNgrams: number;
  /** Character n-grams from `charNgramMin` to `charNgramMax` units (0 disables). */
  charNgramMin: number;
  charNgramMax: number;
  /** Block weights: whole-message words and character n-grams, title words and title n-grams. */
  wordWeight: number;
  charWeight: number;
  titleWordWeight: number;
  titleCharWeight: number;
  /** 1 + ln(tf) instead of tf. */
  sublinearTf: boolean;
  /** Terms in fewer training messages are dropped. */
  minDf: number;
  /** Keep at most this many terms (the most frequent); 0 = no limit. */
  maxFeatures: number;
  /** Characters of title and of detail read (a bound on the cost of a huge message). */
  maxChars: number;
  /** jieba HMM for unknown words. */
  hmm: boolean;
}

export const defaultFeatureOptions: FeatureOptions = {
  wordNgrams: 1,
  charNgramMin: 1,
  charNgramMax: 3,
  wordWeight: 1,
  charWeight: 1,
  titleWordWeight: 0.6,
  titleCharWeight: 0.6,
  sublinearTf: true,
  minDf: 3,
  maxFeatures: 0,
  maxChars: 20_000,
  hmm: false,
};

/** The four term blocks of one message as term ids with repeats: whole words, whole n-grams, title words, title n-grams. */
export type TermBlocks = [Int32Array, Int32Array, Int32Array, Int32Array];
/** Hash seeds that put each block's terms in a namespace of their own. */
const BLOCK_SEED = [0x5f3759df, 0x2545f491, 0x68e31da4, 0x1b873593];
const LATIN_SEED = 0x7feb352d;

export interface SparseVector {
  index: Int32Array;
  value: Float32Array;
}

function wordIds(normalized: string, o: FeatureOptions, seed: number): Int32Array {
  const words = segmentNormalized(normalized, o.hmm);
  const pairs = o.wordNgrams >= 2 ? Math.max(0, words.length - 1) : 0;
  const out = new Int32Array(words.length + pairs);
  for (let i = 0; i < words.length; i++) out[i] = hashString(words[i], seed);
  for (let i = 0; i < pairs; i++) out[words.length + i] = fmix32(combine(out[i], out[i + 1]) ^ 2);
  return out;
}

const isHan = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3134f);
const isLatinOrDigit = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);

/**
 * Character n-grams of normalised text. A unit is one CJK character or one
 * run of Latin letters and digits (so `a3`, `PHONE` and `12345` each count
 * as one); any other character (punctuation, space) ends a run, and n-grams
 * never cross a run's end.
 */
function charNgramIds(s: string, o: FeatureOptions, seed: number): Int32Array {
  const out: number[] = [];
  if (o.charNgramMax < 1) return new Int32Array(0);
  const units: number[] = [];
  const flushRun = () => {
    for (let i = 0; i < units.length; i++) {
      let h = seed;
      for (let n = 1; n <= o.charNgramMax && i + n <= units.length; n++) {
        h = combine(h, units[i + n - 1]);
        if (n >= o.charNgramMin) out.push(fmix32(h ^ n));
      }
    }
    units.length = 0;
  };
  let latinStart = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    if (isLatinOrDigit(c)) { if (latinStart < 0) latinStart = i; continue; }
    if (latinStart >= 0) { units.push(hashString(s, LATIN_SEED, latinStart, i)); latinStart = -1; }
    if (isHan(c)) units.push(c);
    else flushRun();
    if (c > 0xffff) i++;
  }
  if (latinStart >= 0) units.push(hashString(s, LATIN_SEED, latinStart, s.length));
  flushRun();
  return Int32Array.from(out);
}

/** The term blocks of a message, before any vocabulary. */
export function extractTerms(message: MessageText, o: FeatureOptions): TermBlocks {
  const title = normalizeText((message.title ?? '').slice(0, o.maxChars));
  const detail = normalizeText((message.detail ?? '').slice(0, o.maxChars));
  const whole = detail ? (title ? `${title}。${detail}` : detail) : title;
  const none = new Int32Array(0);
  return [
    o.wordWeight ? wordIds(whole, o, BLOCK_SEED[0]) : none,
    o.charWeight ? charNgramIds(whole, o, BLOCK_SEED[1]) : none,
    o.titleWordWeight ? wordIds(title, o, BLOCK_SEED[2]) : none,
    o.titleCharWeight ? charNgramIds(title, o, BLOCK_SEED[3]) : none,
  ];
}

/**
 * The fitted vocabulary (term ids, see hashing.ts) and IDF weights; turns
 * term blocks into TF-IDF vectors. Immutable once built; IDF is float32 so
 * that a saved and loaded model computes bit-identical vectors.
 */
export class Vectorizer {
  private readonly lookup: IntMap;

  /** `terms[f]` is the id of feature f; `idf[f]` its weight. */
  constructor(readonly options: FeatureOptions, readonly terms: Int32Array, readonly idf: Float32Array) {
    if (terms.length !== idf.length) throw new Error(`vectorizer: ${terms.length} terms but ${idf.length} IDF weights`);
    this.lookup = new IntMap(terms.length);
    terms.forEach((t, f) => this.lookup.set(t, f));
  }

  /** Number of features. */
  get size(): number {
    return this.terms.length;
  }

  /**
   * Learns vocabulary and IDF from training messages' term blocks and
   * returns the training vectors with it (the same as {@link transform}
   * would give, without looking every term up twice).
   */
  static fitTransform(docs: readonly TermBlocks[], options: FeatureOptions): { vectorizer: Vectorizer; vectors: SparseVector[] } {
    // Provisional ids in order of first appearance, and document frequencies.
    const provisional = new IntMap(1 << 16);
    let term = new Int32Array(1 << 16);
    let df = new Int32Array(1 << 16);
    let lastSeen = new Int32Array(1 << 16);
    const ids = docs.map((blocks, d) => blocks.map((list) => {
      const out = new Int32Array(list.length);
      for (let j = 0; j < list.length; j++) {
        let id = provisional.get(list[j]);
        if (id < 0) {
          id = provisional.size;
          provisional.set(list[j], id);
          if (id === term.length) {
            const grow = (a: Int32Array) => { const b = new Int32Array(a.length * 2); b.set(a); return b; };
            term = grow(term); df = grow(df); lastSeen = grow(lastSeen);
          }
          term[id] = list[j];
          lastSeen[id] = -1;
        }
        out[j] = id;
        if (lastSeen[id] !== d) { lastSeen[id] = d; df[id]++; }
      }
      return out;
    }));
    // Keep terms seen in at least minDf messages (the most frequent when capped),
    // most frequent first, ties by id: the order depends on the data only.
    let kept: number[] = [];
    for (let id = 0; id < provisional.size; id++) if (df[id] >= options.minDf) kept.push(id);
    kept.sort((a, b) => df[b] - df[a] || term[a] - term[b]);
    if (options.maxFeatures > 0) kept = kept.slice(0, options.maxFeatures);
    const n = docs.length;
    const idf = Float32Array.from(kept, (id) => Math.log((1 + n) / (1 + df[id])) + 1);
    const remap = new Int32Array(provisional.size).fill(-1);
    kept.forEach((id, f) => { remap[id] = f; });
    const vectorizer = new Vectorizer(options, Int32Array.from(kept, (id) => term[id]), idf);
    const vectors = ids.map((blocks) => vectorizer.weigh(blocks.map((list) => {
      const out = new Int32Array(list.length);
      for (let j = 0; j < list.length; j++) out[j] = remap[list[j]];
      return out;
    })));
    return { vectorizer, vectors };
  }

  /** The TF-IDF vector of a message's term blocks. */
  transform(blocks: TermBlocks): SparseVector {
    return this.weigh(blocks.map((list) => {
      const out = new Int32Array(list.length);
      for (let j = 0; j < list.length; j++) out[j] = this.lookup.get(list[j]);
      return out;
    }));
  }

  /** {@link extractTerms} then {@link transform}. */
  vectorize(message: MessageText): SparseVector {
    return this.transform(extractTerms(message, this.options));
  }

  /**
   * Feature indices per block (with repeats; -1 = not in the vocabulary) →
   * (sublinear) TF × IDF, each block L2-normalised and scaled by its
   * weight. Indices ascend within each block; an index in two blocks (a
   * hash collision across blocks) appears twice, and its values add up in
   * every dot product.
   */
  private weigh(blocks: Int32Array[]): SparseVector {
    const o = this.options;
    const weights = [o.wordWeight, o.charWeight, o.titleWordWeight, o.titleCharWeight];
    let total = 0;
    for (const list of blocks) total += list.length;
    const index = new Int32Array(total);
    const value = new Float32Array(total);
    let nnz = 0;
    for (let b = 0; b < 4; b++) {
      const sorted = blocks[b].slice().sort();
      const start = nnz;
      let norm = 0;
      for (let j = 0; j < sorted.length; ) {
        const f = sorted[j];
        let tf = 0;
        while (j < sorted.length && sorted[j] === f) { tf++; j++; }
        if (f < 0) continue;
        const w = (o.sublinearTf ? 1 + Math.log(tf) : tf) * this.idf[f];
        index[nnz] = f;
        value[nnz++] = w;
        norm += w * w;
      }
      const scale = norm > 0 ? weights[b] / Math.sqrt(norm) : 0;
      for (let j = start; j < nnz; j++) value[j] *= scale;
    }
    return { index: index.slice(0, nnz), value: value.slice(0, nnz) };
  }
}

