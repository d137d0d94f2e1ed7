import { normalizeText } from '../../domain/text/normalize.ts';
import { segmentForSearch, segmentNormalized } from '../../domain/text/tokenize.ts';

/**
 * What full-text search (全文检索) stores and asks for, as pure functions:
 * the case's search document as a PostgreSQL `tsvector` literal and the
 * user's query as a `tsquery` literal. Both are built here from jieba's
 * words, never by PostgreSQL's own parser, so the result does not depend on
 * the server's locale or text-search configuration (a C-locale server would
 * drop CJK characters in `to_tsvector`).
 *
 * Text is normalised first (half-width, traditional → simplified, lower
 * case; numbers are kept, so case numbers and house numbers stay findable),
 * so 運城 and 运城 are the same word on both sides.
 */

/** The texts of one case, by weight: title A, content B, replies and notes C. */
export interface SearchSource {
  title: string;
  content: string;
  /** Reply drafts and the approved reply (答复). */
  replies?: readonly (string | null | undefined)[];
  /** Notes of the case history (办理意见, reasons, instructions). */
  notes?: readonly (string | null | undefined)[];
}

/** Words too common to help a search; left out of documents and queries. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  '的', '了', '是', '在', '和', '与', '及', '或', '也', '就', '都', '而', '着', '吗', '呢', '吧', '啊', '呀', '我', '我们',
  '你', '您', '他', '她', '它', '这', '那', '有', '一个', '没有', '对', '把', '被', '给', '让', '等', '但', '又', '还',
]);

/** PostgreSQL keeps word positions up to 16,383 and at most 256 positions per word. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_WORD = 256;
/** Longer "words" (a run of Latin letters, a pasted URL) are left out; PostgreSQL's limit is 2 KB. */
const MAX_WORD_LENGTH = 60;
/** A gap between fields, so that proximity ranking does not join the end of one text to the next. */
const FIELD_GAP = 8;

/** The canonical form for search: {@link normalizeText} with numbers kept. */
export function searchNormalize(text: string): string {
  return normalizeText(text, { maskNumbers: false });
}

/** The indexed words of a text, in order (search mode: words and the dictionary words inside them). */
export function documentWords(text: string): string[] {
  return segmentForSearch(searchNormalize(text)).filter((w) => w.length <= MAX_WORD_LENGTH && !STOP_WORDS.has(w));
}

/** A word as a quoted tsvector/tsquery lexeme: `'it''s'`. */
function lexeme(word: string): string {
  return QUOTED.test(word) ? `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : `'${word}'`;
}
const QUOTED = /['\\]/;

/**
 * The search document of a case as a `tsvector` literal (cast it with
 * `::tsvector`): every word with its positions and weights.
 * `searchDocument({ title: '網約車', content: '绕路' })` → `'网约车':1A '绕路':10B`.
 * Pure and deterministic: intake computes it before its one INSERT.
 */
export function searchDocument(source: SearchSource): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  const add = (text: string | null | undefined, weight: 'A' | 'B' | 'C') => {
    if (!text) return;
    for (const word of documentWords(text)) {
      position = Math.min(position + 1, MAX_POSITION);
      let list = positions.get(word);
      if (!list) positions.set(word, (list = []));
      if (list.length < MAX_POSITIONS_PER_WORD) list.push(`${position}${weight}`);
    }
    position = Math.min(position + FIELD_GAP, MAX_POSITION);
  };
  add(source.title, 'A');
  add(source.content, 'B');
  for (const reply of source.replies ?? []) add(reply, 'C');
  for (const note of source.notes ?? []) add(note, 'C');
  let out = '';
  for (const [word, list] of positions) {
    // At the position cap several words share 16383: PostgreSQL would merge them; keep each once.
    const unique = position >= MAX_POSITION ? [...new Set(list)] : list;
    out += `${out ? ' ' : ''}${lexeme(word)}:${unique.join(',')}`;
  }
  return out;
}

/** A parsed search box entry. */
export interface SearchQuery {
  /** The words to find (simplified, lower case), for the tsquery and the highlighting. */
  words: string[];
  /** The `tsquery` literal (all words must occur), or null when the entry has no word. */
  tsquery: string | null;
  /**
   * The entry when it looks like a code (case number, query code, plate):
   * Latin letters, digits and dashes, three or more, matched as a substring
   * of the case number through the trigram index.
   */
  code: string | null;
}

const CODE = /^[a-z0-9][a-z0-9-]{2,39}$/;
const SINGLE_HAN = /^\p{Script=Han}$/u;
const ALPHANUMERIC = /^[a-z0-9]+$/;

/**
 * Parses what a user typed into the search box: normalised like the
 * documents, cut by jieba in accurate mode, stop words dropped (unless
 * nothing else is left). A single Chinese character or a Latin/digit word
 * is matched as a prefix (水 → 水费, 水管; ab12 → ab123), the other words
 * exactly; all words must occur.
 */
export function parseSearchQuery(input: string): SearchQuery {
  const normalized = searchNormalize(input);
  const all = [...new Set(segmentNormalized(normalized).filter((w) => w.length <= MAX_WORD_LENGTH))];
  const kept = all.filter((w) => !STOP_WORDS.has(w));
  const words = kept.length ? kept : all;
  const tsquery = words.length
    ? words.map((w) => (SINGLE_HAN.test(w) || ALPHANUMERIC.test(w) ? `${lexeme(w)}:*` : lexeme(w))).join(' & ')
    : null;
  const compact = normalized.replace(/\s+/g, '');
  return { words, tsquery, code: CODE.test(compact) ? compact : null };
}
