import { createRequire } from 'node:module';
import { DOMAIN_WORDS, userDictionary } from './dictionary.ts';
import { normalizeText, type NormalizeOptions } from './normalize.ts';

/**
 * Word segmentation (分词) with jieba and the domain user dictionary, on the
 * canonical form from {@link normalizeText}, so traditional and simplified,
 * full- and half-width text give the same tokens.
 */

interface JiebaInstance {
  cut(sentence: string, hmm?: boolean): string[];
  cutForSearch(sentence: string, hmm?: boolean): string[];
  loadDict(dict: Uint8Array): void;
}
interface JiebaModule {
  Jieba: { withDict(dict: Uint8Array): JiebaInstance };
}

let jieba: JiebaInstance | undefined;

/** The process-wide jieba with the default and the domain dictionary (~150 ms to build, once). */
function segmenter(): JiebaInstance {
  if (!jieba) {
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as JiebaModule;
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    jieba = Jieba.withDict(dict);
    jieba.loadDict(userDictionary(DOMAIN_WORDS));
  }
  return jieba;
}

/** A token worth keeping: it holds a letter, a digit or a CJK character (not punctuation or space). */
const WORDLIKE = /[\p{L}\p{N}]/u;

export interface SegmentOptions extends NormalizeOptions {
  /** Let jieba's HMM guess words it does not know (default false: dictionary words only). */
  hmm?: boolean;
}

/** The words of already normalised text, punctuation and spaces dropped. */
export function segmentNormalized(normalized: string, hmm = false): string[] {
  if (!normalized) return [];
  return segmenter().cut(normalized, hmm).filter((w) => WORDLIKE.test(w));
}

/**
 * The words of a text: normalised ({@link normalizeText}), cut by jieba with
 * the domain dictionary, punctuation and spaces dropped.
 * `segment('我叫了網約車')` → `['我', '叫', '了', '网约车']`.
 */
export function segment(text: string, options: SegmentOptions = {}): string[] {
  return segmentNormalized(normalizeText(text, options), options.hmm ?? false);
}

/**
 * The words of already normalised text in jieba's search mode (搜索引擎模式):
 * besides each word, the dictionary words inside it (运城市 → 运城, 城市,
 * 运城市), so that a shorter query word still finds the longer word.
 * Punctuation and spaces dropped; dictionary words only (no HMM).
 */
export function segmentForSearch(normalized: string): string[] {
  if (!normalized) return [];
  return segmenter().cutForSearch(normalized, false).filter((w) => WORDLIKE.test(w));
}
