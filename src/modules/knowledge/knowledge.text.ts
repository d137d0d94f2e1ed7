import { createRequire } from 'node:module';
import type { Jieba as JiebaInstance } from '@node-rs/jieba';
import * as OpenCC from 'opencc-js/t2cn';

/**
 * Text handling of the knowledge base, no I/O: PostgreSQL's parser cannot
 * split Chinese into words, so the application does it. Text is brought to
 * one form (NFKC, simplified characters via OpenCC, lower case), cut into
 * words by jieba in search mode (which also yields the parts of long words:
 * 社会保障 → 社会, 保障, 社会保障), and handed to PostgreSQL as ready-made
 * tsvector and tsquery literals, so no text-search configuration is involved.
 * The same steps for entries and queries make 社會保障卡 find 社会保障卡.
 */

const require = createRequire(import.meta.url);
let jieba: JiebaInstance | undefined;

/**
 * Loads the dictionary on first use, then reuses it. Loading takes about a
 * second of synchronous work, so a server warms it up when it starts
 * listening (`warmUpSegmenter`), not on a staff member's first search.
 */
function segmenter(): JiebaInstance {
  if (!jieba) {
    const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    jieba = Jieba.withDict(dict);
  }
  return jieba;
}

/** Loads the word segmenter now rather than on the first search or write. */
export function warmUpSegmenter(): void {
  segmenter().cut('知识库', false);
}

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/** Traditional characters made simplified, full-width forms folded (NFKC), Latin letters lower-cased. */
export function normalizeText(text: string): string {
  return toSimplified(text).normalize('NFKC').toLowerCase();
}

/**
 * `normalizeText` character by character, remembering where each folded
 * character came from, so matches found in the folded text can be marked in
 * the text as written (18℃ folds to 18°c: three characters for two).
 * OpenCC maps character for character; in the rare case it changes the
 * length, the simplified text is what gets shown.
 */
function foldWithOrigins(text: string): { shown: string; folded: string; start: number[]; end: number[] } {
  const simplified = toSimplified(text);
  const shown = simplified.length === text.length ? text : simplified;
  let folded = '';
  const start: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < simplified.length;) {
    const ch = String.fromCodePoint(simplified.codePointAt(i)!);
    const f = ch.normalize('NFKC').toLowerCase();
    for (let k = 0; k < f.length; k++) {
      start.push(i);
      end.push(i + ch.length);
    }
    folded += f;
    i += ch.length;
  }
  return { shown, folded, start, end };
}

/** Words that carry no meaning for search (question words, particles, pronouns). */
const stopWords = new Set([
  '的', '了', '吗', '呢', '啊', '吧', '呀', '嘛', '么', '着', '过', '和', '与', '及', '或', '是', '在', '有', '没有',
  '我', '你', '您', '他', '她', '它', '我们', '你们', '他们', '这', '那', '这个', '那个', '哪', '哪里', '哪儿', '哪些',
  '怎么', '怎样', '怎么样', '如何', '什么', '为什么', '多少', '几', '请问', '请', '问', '想', '要', '能', '能不能', '可以',
  '可不可以', '需要', '一下', '都', '也', '就', '还', '又', '被', '把', '给', '对', '为', '从', '到', '个', '些', '吗',
  '谁', '该', '应该', '是否', '会', '去', '让', '跟', '向', '以', '之', '等', '其', '已', '已经', '现在',
]);

const wordPattern = /^[\p{L}\p{N}]+$/u;

/**
 * The search words of a text: jieba search-mode words of the normalised
 * text, without punctuation and stop words, in order (repeats kept).
 */
export function searchWords(text: string): string[] {
  return segmenter()
    .cutForSearch(normalizeText(text), true)
    .map((w) => w.trim())
    .filter((w) => w !== '' && wordPattern.test(w) && !stopWords.has(w));
}

/** The distinct search words of a query, longest first (the order snippets mark them in). */
export function queryWords(query: string): string[] {
  return [...new Set(searchWords(query))].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

const quote = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_WORD = 200;

/** A part of an entry and its weight in ranking: A counts most, D least. */
export interface WeightedText {
  text: string;
  weight: 'A' | 'B' | 'C' | 'D';
}

/**
 * A tsvector literal ('word':1A,4A 'other':2B …) of the parts' search words,
 * with positions in reading order, for `$1::tsvector`. Whole keywords are
 * added as words of their own, so an exact keyword always matches.
 */
export function tsvectorLiteral(parts: readonly WeightedText[], keywords: readonly string[] = []): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  const add = (word: string, weight: string) => {
    position = Math.min(position + 1, MAX_POSITION);
    const list = positions.get(word) ?? [];
    if (list.length < MAX_POSITIONS_PER_WORD) list.push(`${position}${weight}`);
    positions.set(word, list);
  };
  for (const part of parts) for (const word of searchWords(part.text)) add(word, part.weight);
  for (const keyword of keywords) {
    const whole = normalizeText(keyword).replace(/[^\p{L}\p{N}]/gu, '');
    if (whole) add(whole, 'A');
    for (const word of searchWords(keyword)) add(word, 'A');
  }
  return [...positions].map(([word, list]) => `${quote(word)}:${[...new Set(list)].join(',')}`).join(' ');
}

/**
 * A tsquery literal matching any of the words ('社会' | '保障' | '卡'), for
 * `$1::tsquery`; ts_rank puts entries matching more of them, and in the
 * question or keywords, first. Null when the query has no search word.
 */
export function tsqueryLiteral(words: readonly string[]): string | null {
  return words.length ? words.map(quote).join(' | ') : null;
}

export interface Snippet {
  text: string;
  /** [start, end) offsets into `text` (UTF-16 code units, as JavaScript strings count) of the matched words. */
  marks: Array<[number, number]>;
}

/**
 * Where the query words occur in `text`, as merged [start, end) ranges of
 * the text as written: words are looked for in the folded form (simplified,
 * NFKC, lower case) and their positions mapped back.
 */
export function markWords(text: string, words: readonly string[]): { text: string; marks: Array<[number, number]> } {
  const { shown, folded, start, end } = foldWithOrigins(text);
  const ranges: Array<[number, number]> = [];
  for (const word of words) {
    if (!word) continue;
    for (let at = folded.indexOf(word); at !== -1; at = folded.indexOf(word, at + 1)) {
      ranges.push([start[at], end[at + word.length - 1]]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const [s, e] of ranges) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return { text: shown, marks: merged };
}

/**
 * A passage of about `width` characters of `text` around the densest
 * cluster of query words, with the words marked; '…' where it was cut.
 * Without a match, the beginning of the text.
 */
export function snippetOf(text: string, words: readonly string[], width = 90): Snippet {
  const { text: shown, marks } = markWords(text, words);
  if (shown.length <= width) return { text: shown, marks };
  let start = 0;
  let best = -1;
  for (const [s] of marks) {
    const from = Math.max(0, Math.min(s - 15, shown.length - width));
    const inside = marks.filter(([a, b]) => a >= from && b <= from + width).length;
    if (inside > best) [best, start] = [inside, from];
  }
  const end = Math.min(shown.length, start + width);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < shown.length ? '…' : '';
  const shift = prefix.length - start;
  return {
    text: `${prefix}${shown.slice(start, end)}${suffix}`,
    marks: marks.filter(([a, b]) => a >= start && b <= end).map(([a, b]): [number, number] => [a + shift, b + shift]),
  };
}
