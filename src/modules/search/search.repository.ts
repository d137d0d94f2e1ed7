import { sql } from 'kysely';
import type { Db, Queryable, Trx } from '../../db/database.ts';
import { searchDocument, type SearchSource } from './search.document.ts';

/**
 * Writing the search documents (case_search). Intake writes the first one
 * inside its own INSERT (case.create.ts); every later change of searchable
 * text rebuilds it with {@link refreshCaseSearch} in the same transaction;
 * {@link drainPending} builds those queued by the migration or a reindex.
 */

interface SourceRow {
  id: number;
  title: string;
  content: string;
  replyContent: string | null;
  replies: string[] | null;
  notes: string[] | null;
}

/** The texts of the given cases: title, content, replies (approved and drafts) and history notes. */
async function loadSources(db: Queryable, caseIds: readonly number[]): Promise<Map<number, SearchSource>> {
  if (!caseIds.length) return new Map();
  const { rows } = await sql<SourceRow>`
    SELECT c.id, c.title, c.content, c.reply_content,
           (SELECT array_agg(r.content ORDER BY r.id) FROM case_replies r WHERE r.case_id = c.id) AS replies,
           (SELECT array_agg(h.note ORDER BY h.id) FROM case_history h WHERE h.case_id = c.id AND h.note IS NOT NULL) AS notes
      FROM cases c
     WHERE c.id = ANY(${[...caseIds]}::int[])`.execute(db);
  return new Map(rows.map((r) => {
    // A reply draft is also the note of its history entry, the approved reply one of the drafts: each text once.
    const replies = [...new Set([r.replyContent, ...(r.replies ?? [])].filter((t): t is string => Boolean(t)))];
    const seen = new Set(replies);
    const notes = [...new Set((r.notes ?? []).filter((n) => !seen.has(n)))];
    return [r.id, { title: r.title, content: r.content, replies, notes }];
  }));
}

async function writeDocuments(db: Queryable, docs: ReadonlyMap<number, string>) {
  if (!docs.size) return;
  await sql`
    INSERT INTO case_search (case_id, doc, indexed_at)
    SELECT d.case_id, d.doc::tsvector, now() FROM unnest(${[...docs.keys()]}::int[], ${[...docs.values()]}::text[]) AS d (case_id, doc)
    ON CONFLICT (case_id) DO UPDATE SET doc = excluded.doc, indexed_at = excluded.indexed_at`.execute(db);
}

/**
 * Rebuilds one case's search document from its current texts, in the
 * caller's transaction: a rollback takes the new document back with the change.
 */
export async function refreshCaseSearch(trx: Trx, caseId: number): Promise<void> {
  const sources = await loadSources(trx, [caseId]);
  const source = sources.get(caseId);
  if (!source) return;
  await writeDocuments(trx, new Map([[caseId, searchDocument(source)]]));
  await trx.deleteFrom('caseSearchPending').where('caseId', '=', caseId).execute();
}

/** Queues every case for a rebuild (after a dictionary change, say). Returns how many are queued. */
export async function queueReindex(db: Queryable): Promise<number> {
  await sql`INSERT INTO case_search_pending (case_id) SELECT id FROM cases ON CONFLICT DO NOTHING`.execute(db);
  const { rows: [{ n }] } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_search_pending`.execute(db);
  return n;
}

/**
 * Builds the documents of up to `batch` queued cases (newest first) in one
 * transaction and takes them off the queue. Rows another process is
 * working on are skipped, so several may drain at once.
 * @returns how many documents were written (0 when the queue is empty).
 */
export async function drainPendingBatch(db: Db, batch = 500): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ caseId: number }>`
      SELECT case_id FROM case_search_pending ORDER BY case_id DESC LIMIT ${batch} FOR UPDATE SKIP LOCKED`.execute(trx);
    if (!rows.length) return 0;
    const ids = rows.map((r) => r.caseId);
    const sources = await loadSources(trx, ids);
    const docs = new Map<number, string>();
    for (const [id, source] of sources) docs.set(id, searchDocument(source));
    await writeDocuments(trx, docs);
    await sql`DELETE FROM case_search_pending WHERE case_id = ANY(${ids}::int[])`.execute(trx);
    return ids.length;
  });
}

/** Drains the whole queue; `onBatch` hears the running total. */
export async function drainPending(db: Db, { batch = 500, onBatch }: { batch?: number; onBatch?: (done: number) => void } = {}): Promise<number> {
  let done = 0;
  for (;;) {
    const n = await drainPendingBatch(db, batch);
    if (!n) return done;
    done += n;
    onBatch?.(done);
  }
}
