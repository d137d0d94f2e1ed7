import { sql, type Kysely } from 'kysely';

/**
 * Frozen: full-text search over cases (docs/search.md).
 *
 * - case_search: one jieba-segmented tsvector per case (title A, content B,
 *   replies and notes C) with a GIN index. A side table rather than a column
 *   of cases: cases is updated by every action (state, version), and each
 *   such non-HOT update would re-insert ~100 words into a GIN index on cases;
 *   here the document is only written when its text changes.
 * - case_search_pending: cases whose document is to be (re)built in
 *   TypeScript (jieba cannot run in SQL): every existing case now; drained
 *   by the search backfill job and `minsheng search reindex`.
 * - pg_trgm and a trigram index on cases.number, for partial case numbers
 *   and other codes. Without the extension (a server without contrib) the
 *   search still works, the number match just reads the table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE case_search (
      case_id integer PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
      doc tsvector NOT NULL,
      indexed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX case_search_doc_idx ON case_search USING gin (doc);
    CREATE TABLE case_search_pending (
      case_id integer PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE
    );
    INSERT INTO case_search_pending (case_id) SELECT id FROM cases;
    DO $$
    BEGIN
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN OTHERS THEN
      RAISE NOTICE 'pg_trgm is not available (%): case numbers are matched without a trigram index', SQLERRM;
    END $$;
    DO $$
    BEGIN
      IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX cases_number_trgm_idx ON cases USING gin (number gin_trgm_ops);
      END IF;
    END $$;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS cases_number_trgm_idx;
    DROP TABLE IF EXISTS case_search_pending;
    DROP TABLE IF EXISTS case_search;
  `.execute(db);
}
