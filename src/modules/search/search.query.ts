import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { parseSearchQuery, type SearchQuery } from './search.document.ts';
import { highlightAll, plainSnippet, snippet } from './search.snippet.ts';

/**
 * Reading the search index for the case list (GET /api/cases?q=…): the
 * caller's filtered, scoped query over `cases` is narrowed to the matches,
 * the newest {@link SEARCH_WINDOW} matches are ranked (ts_rank_cd: title
 * hits above content hits above replies and notes; a case-number hit above
 * all), and the total is counted up to {@link COUNT_CAP}. Ranking every
 * match of a common word among a million cases would read each of their
 * documents; the window keeps a search at a few milliseconds whatever the
 * word (docs/search.md).
 */

/** How many of the newest matches are ranked when there are many (more when a page reaches further). */
export const SEARCH_WINDOW = 200;
/**
 * Below this many documents holding the words, every match is found through
 * the GIN index, counted exactly and ranked; above, the newest matches are
 * found by walking the cases newest first (a common word occurs every few
 * cases), and the total says "at least".
 */
export const FEW_MATCHES = 1000;
/** The newest documents looked at first: 1 % of them holding the words means many matches. */
export const DENSITY_SAMPLE = 1000;
/** With many matches, the newest are first looked for among this many newest cases (bounds the walk whatever the filters). */
export const RECENT_CASES = 50_000;

/**
 * Which matches a page ranks: all of them (`size` null, found through the
 * index), or the newest `size` (found by walking the cases newest first),
 * optionally only among cases above `minId`.
 */
export interface SearchWindow {
  size: number | null;
  minId: number | null;
}

type CaseQuery = SelectQueryBuilder<Database, 'cases', object>;

export { parseSearchQuery, type SearchQuery };

const likePattern = (code: string) => `%${code.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The case-number (trigram) part of a match, as a boolean over `cases`. */
const numberHit = (s: PlannedSearch) =>
  s.codeIds ? sql<boolean>`cases.id = ANY(${s.codeIds}::int[])` : sql<boolean>`cases.number ILIKE ${likePattern(s.code!)}`;

/** A search with the cases whose number contains its code looked up once (one trigram index scan per search). */
export type PlannedSearch = SearchQuery & { codeIds?: number[] };

/** Cases matching the query: document words (GIN), or a case number containing the code (trigram index). */
export function matchesSearch(s: PlannedSearch) {
  return (_eb: ExpressionBuilder<Database, 'cases'>) => {
    const parts = [];
    if (s.tsquery) parts.push(sql`SELECT cs.case_id FROM case_search cs WHERE cs.doc @@ ${s.tsquery}::tsquery`);
    if (s.code) {
      parts.push(s.codeIds ? sql`SELECT unnest(${s.codeIds}::int[])` : sql`SELECT cn.id FROM cases cn WHERE cn.number ILIKE ${likePattern(s.code)}`);
    }
    if (!parts.length) return sql<boolean>`false`;
    if (parts.length === 1 && s.tsquery) {
      // Words only: a semi-join the planner can drive from either side.
      return sql<boolean>`EXISTS (SELECT 1 FROM case_search cs WHERE cs.case_id = cases.id AND cs.doc @@ ${s.tsquery}::tsquery)`;
    }
    return sql<boolean>`cases.id IN (${sql.join(parts, sql` UNION `)})`;
  };
}

/**
 * The matching cases of `query` (already filtered and scoped) with their
 * rank: all of them, or the newest `window.size` (at least `reach`, the end
 * of the page asked for).
 */
export function rankedWindow(query: CaseQuery, s: PlannedSearch, window: SearchWindow, reach = 0) {
  const rank = s.tsquery ? sql<number>`coalesce(ts_rank_cd(s.doc, ${s.tsquery}::tsquery), 0)` : sql<number>`0`;
  const bonus = s.code ? sql<number>`CASE WHEN ${numberHit(s)} THEN 10 ELSE 0 END` : sql<number>`0`;
  let matched;
  if (window.size === null) {
    // Few matches: through the indexes (GIN for words, trigram for the number).
    matched = s.code || !s.tsquery
      ? query.leftJoin('caseSearch as s', 's.caseId', 'cases.id').where(matchesSearch(s))
      : query.innerJoin('caseSearch as s', 's.caseId', 'cases.id').where(sql<boolean>`s.doc @@ ${s.tsquery}::tsquery`);
  } else {
    // Many matches: newest first along the primary key. ts_match_vq is the @@ operator in a form no index
    // serves, so the planner cannot trade the early stop for a bitmap of every match.
    const words = s.tsquery ? sql<boolean>`ts_match_vq(s.doc, ${s.tsquery}::tsquery)` : sql<boolean>`false`;
    matched = query.leftJoin('caseSearch as s', 's.caseId', 'cases.id')
      .where(s.code ? sql<boolean>`(${words} OR ${numberHit(s)})` : words);
  }
  if (window.minId !== null) matched = matched.where('cases.id', '>', window.minId);
  const selected = matched.select(['cases.id', sql<number>`${rank} + ${bonus}`.as('rank')]);
  return window.size === null ? selected : selected.orderBy('cases.id', 'desc').limit(Math.max(window.size, reach));
}

/**
 * The ranked window with its size (`matches`), best first; one page of it
 * when `page` is given: only those rows are then joined to the case columns
 * the list shows.
 */
export function rankedPage(db: Queryable, query: CaseQuery, s: PlannedSearch, window: SearchWindow, page: { limit: number; offset: number } | null) {
  const ranked = db
    .selectFrom(rankedWindow(query, s, window, page ? page.offset + page.limit : 0).as('w'))
    .select(['w.id', 'w.rank', sql<number>`count(*) OVER ()`.as('matches')]);
  return page ? ranked.orderBy('w.rank', 'desc').orderBy('w.id', 'desc').limit(page.limit).offset(page.offset) : ranked;
}

/** How a search runs: the windows to try in order, and the total when it is known before the page. */
export interface SearchPlan {
  /** The search to run, with its case-number hits looked up. */
  search: PlannedSearch;
  windows: SearchWindow[];
  /** Exact total (few matches); null when it comes from the window (many matches). */
  total: number | null;
}

/**
 * Probes how many documents hold the words (whatever the filters): 1 % of
 * the newest {@link DENSITY_SAMPLE}, or {@link FEW_MATCHES} through the GIN
 * index, are many. Few: count and rank all
 * matches. Many: the newest among the {@link RECENT_CASES} newest cases,
 * then (when that leaves the page short) the newest among all.
 */
export async function planSearch(db: Queryable, query: CaseQuery, entry: SearchQuery): Promise<SearchPlan> {
  let s: PlannedSearch = entry;
  if (entry.code) {
    const { rows } = await sql<{ id: number }>`SELECT id FROM cases WHERE number ILIKE ${likePattern(entry.code)} LIMIT ${FEW_MATCHES}`.execute(db);
    s = { ...entry, codeIds: rows.map((r) => r.id) };
  }
  const { rows: [{ maxId }] } = await sql<{ maxId: number }>`SELECT coalesce(max(id), 0) AS max_id FROM cases`.execute(db);
  let many = false;
  if (s.tsquery) {
    // First the newest documents: a common word shows up there, and the GIN bitmap of every match is not needed.
    const { rows: [recent] } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM case_search
       WHERE case_id > ${maxId - DENSITY_SAMPLE} AND ts_match_vq(doc, ${s.tsquery}::tsquery)`.execute(db);
    many = recent.n >= DENSITY_SAMPLE / 100 && maxId > DENSITY_SAMPLE;
    if (!many) {
      const { rows: [probe] } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM (SELECT 1 FROM case_search WHERE doc @@ ${s.tsquery}::tsquery LIMIT ${FEW_MATCHES}) p`.execute(db);
      many = probe.n >= FEW_MATCHES;
    }
  }
  if (!many) {
    const counted = query.where(matchesSearch(s)).select(sql`1`.as('one'));
    const { rows: [{ n }] } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (${counted}) m`.execute(db);
    return { search: s, windows: [{ size: null, minId: null }], total: n };
  }
  const everything: SearchWindow = { size: SEARCH_WINDOW, minId: null };
  return { search: s, windows: maxId > RECENT_CASES ? [{ size: SEARCH_WINDOW, minId: maxId - RECENT_CASES }, everything] : [everything], total: null };
}

/** What the list shows of a search hit: the title and a snippet with the query words in `<mark>` (HTML-escaped). */
export interface SearchHighlight {
  title: string;
  snippet: string;
}

/**
 * Highlights for the listed cases: the title marked, and a window of the
 * first of content, reply, replies and notes that contains a query word
 * (else the start of the content).
 */
export async function highlightCases(db: Queryable, caseIds: readonly number[], s: SearchQuery): Promise<Map<number, SearchHighlight>> {
  if (!caseIds.length) return new Map();
  const { rows } = await sql<{ id: number; title: string; content: string; replyContent: string | null; replies: string[] | null; notes: string[] | null }>`
    SELECT c.id, c.title, c.content, c.reply_content,
           (SELECT array_agg(r.content ORDER BY r.id DESC) FROM case_replies r WHERE r.case_id = c.id) AS replies,
           (SELECT array_agg(h.note ORDER BY h.id DESC) FROM case_history h WHERE h.case_id = c.id AND h.note IS NOT NULL) AS notes
      FROM cases c WHERE c.id = ANY(${[...caseIds]}::int[])`.execute(db);
  return new Map(rows.map((r) => [r.id, {
    title: highlightAll(r.title, s.words),
    snippet: snippet([r.content, r.replyContent, ...(r.replies ?? []), ...(r.notes ?? [])], s.words) ?? plainSnippet(r.content),
  }]));
}
