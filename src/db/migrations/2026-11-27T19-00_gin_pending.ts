import { sql, type Kysely } from 'kysely';

/**
 * Frozen: a smaller pending list for the two GIN indexes written at every
 * intake — the search document (`case_search_doc_idx`) and the case number
 * trigrams (`cases_number_trgm_idx`, absent where pg_trgm is not available).
 *
 * GIN collects new entries in a pending list and merges them into the index
 * when the list outgrows `gin_pending_list_limit` (4 MB by default); the
 * intake that crosses the limit does the whole merge before it can commit,
 * and its batch waits. At 256 kB the merges come more often but each is
 * short: measured with real texts (BENCHMARKS.md, intake), p99 137 → 73 ms at
 * the same throughput; a search also scans a shorter unsorted list.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER INDEX case_search_doc_idx SET (gin_pending_list_limit = 256)`.execute(db);
  await sql`ALTER INDEX IF EXISTS cases_number_trgm_idx SET (gin_pending_list_limit = 256)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER INDEX IF EXISTS cases_number_trgm_idx RESET (gin_pending_list_limit)`.execute(db);
  await sql`ALTER INDEX case_search_doc_idx RESET (gin_pending_list_limit)`.execute(db);
}
