import { searchNormalize } from './search.document.ts';

/**
 * Highlighted snippets (高亮摘要) for search results. PostgreSQL's
 * `ts_headline` cannot find jieba's words in Chinese text, so the words of
 * the query are looked up here, in the normalised form of each text (so a
 * simplified query marks the traditional original: 运城 marks 運城), and
 * the hits are wrapped in `<mark>`. Everything else is HTML-escaped: the
 * result is safe to insert as HTML.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

type Range = [start: number, end: number];

/** The text as shown (white space collapsed) and its normalised twin of the same length, when there is one. */
function aligned(text: string): { shown: string; canon: string } {
  const shown = text.replace(/\s+/g, ' ').trim();
  const canon = searchNormalize(shown);
  // Conversion kept every character in place (the usual case); otherwise show the normalised text.
  return canon.length === shown.length ? { shown, canon } : { shown: canon, canon };
}

/** Where the words occur in `canon`, sorted, overlaps merged. */
function hits(canon: string, words: readonly string[]): Range[] {
  const found: Range[] = [];
  for (const word of words) {
    if (!word) continue;
    for (let at = canon.indexOf(word); at >= 0; at = canon.indexOf(word, at + word.length)) found.push([at, at + word.length]);
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Range[] = [];
  for (const r of found) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** `shown[from, to)` escaped, with the ranges inside it marked. */
function mark(shown: string, ranges: readonly Range[], from: number, to: number): string {
  let out = '';
  let at = from;
  for (const [s, e] of ranges) {
    if (e <= from || s >= to) continue;
    const start = Math.max(s, from);
    const end = Math.min(e, to);
    out += escapeHtml(shown.slice(at, start)) + '<mark>' + escapeHtml(shown.slice(start, end)) + '</mark>';
    at = end;
  }
  return out + escapeHtml(shown.slice(at, to));
}

/** The whole text, escaped, with every occurrence of the words marked. */
export function highlightAll(text: string, words: readonly string[]): string {
  const { shown, canon } = aligned(text);
  return mark(shown, hits(canon, words), 0, shown.length);
}

export interface SnippetOptions {
  /** Characters of text in the snippet (default 80). */
  width?: number;
  /** Characters shown before the first hit (default 20). */
  before?: number;
}

/**
 * A window of the first text that contains a word, escaped, hits marked,
 * `…` where text was cut; null when no text contains any word.
 */
export function snippet(texts: readonly (string | null | undefined)[], words: readonly string[], options: SnippetOptions = {}): string | null {
  const width = options.width ?? 80;
  const before = options.before ?? 20;
  for (const text of texts) {
    if (!text) continue;
    const { shown, canon } = aligned(text);
    const ranges = hits(canon, words);
    if (!ranges.length) continue;
    const from = Math.max(0, Math.min(ranges[0][0] - before, shown.length - width));
    const to = Math.min(shown.length, from + width);
    return (from > 0 ? '…' : '') + mark(shown, ranges, from, to) + (to < shown.length ? '…' : '');
  }
  return null;
}

/** The start of a text, escaped: the snippet when the match was elsewhere (a case number, a note). */
export function plainSnippet(text: string | null | undefined, width = 80): string {
  const shown = (text ?? '').replace(/\s+/g, ' ').trim();
  return escapeHtml(shown.slice(0, width)) + (shown.length > width ? '…' : '');
}
