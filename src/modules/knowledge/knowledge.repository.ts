import { sql, type Insertable } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import { DomainError } from '../../domain/errors.ts';
import type { KnowledgeEntryTable } from './knowledge.table.ts';

/** Plain queries over the knowledge base; no rules here. Dates are read as 'YYYY-MM-DD' text. */

const columns = [
  'k.id', 'k.categoryId', 'k.question', 'k.answer', 'k.keywords', 'k.active', 'k.useCount', 'k.version',
  'k.createdAt', 'k.updatedAt', 'c.fullName as categoryName', 'cu.displayName as createdByName', 'uu.displayName as updatedByName',
  'k.createdBy', 'k.updatedBy',
  sql<string>`to_char(k.valid_from, 'YYYY-MM-DD')`.as('validFrom'),
  sql<string | null>`to_char(k.valid_to, 'YYYY-MM-DD')`.as('validTo'),
] as const;

function entries(db: Queryable) {
  return db
    .selectFrom('knowledgeEntries as k')
    .leftJoin('categories as c', 'c.id', 'k.categoryId')
    .leftJoin('users as cu', 'cu.id', 'k.createdBy')
    .leftJoin('users as uu', 'uu.id', 'k.updatedBy');
}

/** @throws NOT_FOUND when there is no such entry. */
export async function findEntry(db: Queryable, id: number) {
  const row = await entries(db).select(columns).where('k.id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND');
  return row;
}
export type EntryRow = Awaited<ReturnType<typeof findEntry>>;

export interface SearchFilter {
  /** tsquery literal; absent: no text condition, most used first. */
  tsquery: string | null;
  categoryId?: number;
  /** Shanghai civil date the validity is judged on; null shows entries whatever their dates. */
  validOn: string | null;
  /** Inactive (停用) entries too: for the people who maintain the base. */
  includeInactive: boolean;
  limit: number;
  offset: number;
}

/** A page of entries, best match first (ts_rank, then use count), with the total. */
export async function searchEntries(db: Queryable, f: SearchFilter) {
  let query = entries(db);
  if (!f.includeInactive) query = query.where('k.active', '=', true);
  if (f.validOn) {
    const day = f.validOn;
    query = query
      .where('k.validFrom', '<=', day)
      .where((eb) => eb.or([eb('k.validTo', 'is', null), eb('k.validTo', '>=', day)]));
  }
  if (f.categoryId !== undefined) {
    const categoryId = f.categoryId;
    // The category and everything below it (full names are paths: 城乡建设/供暖供气/暖气不热).
    query = query.where((eb) =>
      eb.exists(
        eb.selectFrom('categories as f').select(sql`1`.as('one')).where('f.id', '=', categoryId)
          .where((e) => e.or([e('c.fullName', '=', e.ref('f.fullName')), e('c.fullName', 'like', sql<string>`f.full_name || '/%'`)])),
      ),
    );
  }
  if (f.tsquery) query = query.where(sql<boolean>`k.search_text @@ ${f.tsquery}::tsquery`);
  const [{ total }] = await query.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rank = f.tsquery ? sql<number>`ts_rank(k.search_text, ${f.tsquery}::tsquery)` : sql<number>`0`;
  const rows = await query
    .select([...columns, rank.as('rank')])
    .orderBy('rank', 'desc')
    .orderBy('k.useCount', 'desc')
    .orderBy('k.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { total, rows };
}

type Values = Omit<Insertable<KnowledgeEntryTable>, 'id' | 'useCount' | 'version' | 'createdAt' | 'updatedAt'>;

export async function insertEntry(db: Queryable, values: Values): Promise<number> {
  const { searchText, ...rest } = values;
  const row = await db
    .insertInto('knowledgeEntries')
    .values({ ...rest, searchText: sql<string>`${searchText}::tsvector` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Writes a change only if nobody changed the entry since `version` was read.
 * @throws NOT_FOUND when there is no such entry; STALE_VERSION when it moved on.
 */
export async function updateEntry(db: Queryable, id: number, version: number, values: Omit<Values, 'createdBy'>): Promise<void> {
  const { searchText, ...rest } = values;
  const row = await db
    .updateTable('knowledgeEntries')
    .set({ ...rest, searchText: sql<string>`${searchText}::tsvector`, version: version + 1, updatedAt: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  if (row) return;
  await findEntry(db, id);
  throw new DomainError('STALE_VERSION');
}

/** The answer text of an entry, or undefined when there is no such entry. */
export async function findAnswerText(db: Queryable, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('knowledgeEntries').select('answer').where('id', '=', id).executeTakeFirst();
  return row?.answer;
}

export async function countUses(db: Queryable, id: number): Promise<number> {
  const row = await db.selectFrom('caseKnowledgeUses').select((eb) => eb.fn.countAll<number>().as('n')).where('knowledgeId', '=', id).executeTakeFirstOrThrow();
  return row.n;
}

export async function deleteEntry(db: Queryable, id: number): Promise<void> {
  await db.deleteFrom('knowledgeEntries').where('id', '=', id).execute();
}

/**
 * Counts one use of an entry that is active and valid on `validOn`, locking
 * nothing beyond the row it bumps; undefined when no such entry.
 */
export async function bumpUseCount(db: Queryable, id: number, validOn: string) {
  return db
    .updateTable('knowledgeEntries')
    .set((eb) => ({ useCount: eb('useCount', '+', 1) }))
    .where('id', '=', id)
    .where('active', '=', true)
    .where('validFrom', '<=', validOn)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', validOn)]))
    .returning(['id', 'question'])
    .executeTakeFirst();
}

export async function insertUse(db: Queryable, use: { caseId: number; knowledgeId: number; at: Date; userId: number | null }) {
  await db.insertInto('caseKnowledgeUses').values(use).execute();
}

/** The entries used on a case, oldest first. */
export async function usesOfCase(db: Queryable, caseId: number) {
  return db
    .selectFrom('caseKnowledgeUses as u')
    .innerJoin('knowledgeEntries as k', 'k.id', 'u.knowledgeId')
    .select(['u.knowledgeId', 'u.at', 'u.userId', 'k.question'])
    .where('u.caseId', '=', caseId)
    .orderBy('u.id')
    .execute();
}
