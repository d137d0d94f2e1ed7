import type { Queryable } from '../../db/database.ts';
import { shanghaiDate } from '../../domain/calendar.ts';
import * as repo from './knowledge.repository.ts';
import { markWords, queryWords, snippetOf, tsqueryLiteral, type Snippet } from './knowledge.text.ts';

/** What leaves the server about knowledge entries (staff only; nothing personal is in them). */

export function presentEntry(row: repo.EntryRow, today: string) {
  return {
    id: row.id,
    category: row.categoryId !== null ? { id: row.categoryId, name: row.categoryName ?? '' } : null,
    question: row.question,
    answer: row.answer,
    keywords: row.keywords,
    validFrom: row.validFrom,
    validTo: row.validTo,
    active: row.active,
    /** Active and inside its validity dates today (Asia/Shanghai): usable to answer a case. */
    usable: row.active && row.validFrom <= today && (row.validTo === null || row.validTo >= today),
    useCount: row.useCount,
    version: row.version,
    createdBy: row.createdBy !== null ? { id: row.createdBy, name: row.createdByName ?? '' } : null,
    updatedBy: row.updatedBy !== null ? { id: row.updatedBy, name: row.updatedByName ?? '' } : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export interface KnowledgeQuery {
  q?: string;
  categoryId?: number;
  includeExpired?: boolean;
  includeInactive?: boolean;
  limit: number;
  offset: number;
}

/**
 * Searches the base: the query's words (simplified, segmented) against the
 * entries' search vectors, best first, each result with its matched words
 * marked in the question and in a passage of the answer. Entries outside
 * their validity dates today are left out unless `includeExpired`.
 */
export async function searchKnowledge(db: Queryable, query: KnowledgeQuery, now: Date) {
  const today = shanghaiDate(now);
  const text = query.q?.trim() ?? '';
  const words = text ? queryWords(text) : [];
  const tsquery = tsqueryLiteral(words);
  if (text && !tsquery) return { total: 0, words, items: [] };
  const { total, rows } = await repo.searchEntries(db, {
    tsquery, categoryId: query.categoryId, validOn: query.includeExpired ? null : today,
    includeInactive: query.includeInactive ?? false, limit: query.limit, offset: query.offset,
  });
  return {
    total,
    words,
    items: rows.map((row) => {
      const question = markWords(row.question, words);
      const snippet: Snippet = snippetOf(row.answer, words);
      return { ...presentEntry(row, today), rank: Number(row.rank), highlight: { question: question.marks, snippet } };
    }),
  };
}
