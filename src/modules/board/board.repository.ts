import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Queryable, Trx } from '../../db/database.ts';
import { DomainError } from '../../domain/errors.ts';

/**
 * Plain queries over boards, posts and banned words for the staff side and
 * the intake. What the public reads is in public.repository.ts, which never
 * selects a personal column.
 */

/** A pseudonymous key for counting (IP addresses, phone numbers); never shown anywhere. */
export function keyHash(kind: 'ip' | 'phone', value: string): string {
  return createHash('sha256').update(`minsheng-board:${kind}:${value}`).digest('hex');
}

export async function listBoards(db: Queryable, opts: { activeOnly?: boolean } = {}) {
  let q = db.selectFrom('boards as b').innerJoin('units as u', 'u.id', 'b.unitId')
    .select(['b.id', 'b.key', 'b.titleZh', 'b.titleEn', 'b.kind', 'b.active', 'b.sort', 'b.unitId', 'u.level as unitLevel', 'u.kind as unitKind', 'u.path as unitPath']);
  if (opts.activeOnly) q = q.where('b.active', '=', true);
  return q.orderBy('b.sort').orderBy('b.id').execute();
}
export type BoardRow = Awaited<ReturnType<typeof listBoards>>[number];

export async function findBoardByKey(db: Queryable, key: string): Promise<BoardRow | undefined> {
  return (await db.selectFrom('boards as b').innerJoin('units as u', 'u.id', 'b.unitId')
    .select(['b.id', 'b.key', 'b.titleZh', 'b.titleEn', 'b.kind', 'b.active', 'b.sort', 'b.unitId', 'u.level as unitLevel', 'u.kind as unitKind', 'u.path as unitPath'])
    .where('b.key', '=', key).executeTakeFirst());
}

/** County-level regions (level 2), the areas a post can be filed under. */
export async function listRegions(db: Queryable) {
  return db.selectFrom('units').select(['id', 'key', 'name', 'path'])
    .where('kind', '=', 'region').where('level', '=', 2).where('active', '=', true)
    .orderBy('key').execute();
}

/** The root region's name (the city), or a neutral one on an empty database. */
export async function cityName(db: Queryable): Promise<string> {
  const row = await db.selectFrom('units').select('name').where('parentId', 'is', null).where('kind', '=', 'region').executeTakeFirst();
  return row?.name ?? '本市';
}

/** Posts written from this phone number since `since` (any status: refusals create nothing). */
export async function countPostsByPhone(db: Queryable, phone: string, since: Date): Promise<number> {
  const row = await db.selectFrom('boardPosts as p').innerJoin('cases as c', 'c.id', 'p.caseId')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.citizenPhone', '=', phone).where('p.submittedAt', '>', since).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countPostsByIp(db: Queryable, ipHash: string, since: Date): Promise<number> {
  const row = await db.selectFrom('boardPosts').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ipHash', '=', ipHash).where('submittedAt', '>', since).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Serialises posting per phone and per IP for the rest of the transaction (limits are then exact). */
export async function lockPosting(trx: Trx, phoneHash: string, ipHash: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`board-post:${phoneHash}`}))`.execute(trx);
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`board-post:${ipHash}`}))`.execute(trx);
}

export async function listBannedWords(db: Queryable) {
  return db.selectFrom('boardBannedWords').select(['id', 'word', 'createdAt']).orderBy('word').execute();
}

/** @throws CONFLICT when the word is listed already. */
export async function addBannedWord(db: Queryable, word: string, userId: number) {
  const row = await db.insertInto('boardBannedWords').values({ word, createdBy: userId })
    .onConflict((oc) => oc.column('word').doNothing())
    .returning(['id', 'word', 'createdAt']).executeTakeFirst();
  if (!row) throw new DomainError('CONFLICT', { detail: `“${word}”已在列表中`, detail_en: `"${word}" is listed already` });
  return row;
}

/** @throws NOT_FOUND when there is no such word. */
export async function removeBannedWord(db: Queryable, id: number) {
  const res = await db.deleteFrom('boardBannedWords').where('id', '=', id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw new DomainError('NOT_FOUND');
}

const staffPostColumns = [
  'p.id', 'p.caseId', 'p.domain', 'p.displayName', 'p.originalTitle', 'p.originalContent', 'p.hiddenRemark',
  'p.publishedTitle', 'p.publishedContent', 'p.hideImages', 'p.status', 'p.rejectReason', 'p.submittedAt',
  'p.moderatedAt', 'p.publishedAt', 'b.key as boardKey', 'b.titleZh as boardTitle',
  'c.number as caseNumber', 'c.type', 'c.state as caseState', 'c.citizenName', 'c.citizenPhone',
] as const;

/** The moderation queue (staff only: it holds the real name, phone and hidden remark). */
export async function listPostsForModeration(db: Queryable, f: { status: string; limit: number; offset: number }) {
  const base = db.selectFrom('boardPosts as p').where('p.status', '=', f.status as 'pending');
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await base.innerJoin('boards as b', 'b.id', 'p.boardId').innerJoin('cases as c', 'c.id', 'p.caseId')
    .select([...staffPostColumns]).orderBy('p.id', f.status === 'pending' ? 'asc' : 'desc').limit(f.limit).offset(f.offset).execute();
  return { total: Number(total), rows };
}
export type StaffPostRow = Awaited<ReturnType<typeof listPostsForModeration>>['rows'][number];

/** @throws NOT_FOUND when there is no such post. */
export async function findPostForStaff(db: Queryable, id: number, opts: { lock?: boolean } = {}): Promise<StaffPostRow> {
  let q = db.selectFrom('boardPosts as p').innerJoin('boards as b', 'b.id', 'p.boardId').innerJoin('cases as c', 'c.id', 'p.caseId')
    .select([...staffPostColumns]).where('p.id', '=', id);
  if (opts.lock) q = q.forUpdate('p');
  const row = await q.executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND');
  return row;
}

export async function imagesOfPosts(db: Queryable, postIds: number[]) {
  if (!postIds.length) return [];
  return db.selectFrom('boardPostImages as i').innerJoin('attachments as a', 'a.id', 'i.attachmentId')
    .select(['i.postId', 'i.attachmentId', 'i.storageName', 'i.position', 'a.mimeType', 'a.sizeBytes', 'a.caseId'])
    .where('i.postId', 'in', postIds).orderBy('i.postId').orderBy('i.position').execute();
}

export async function findImageForStaff(db: Queryable, attachmentId: number) {
  return db.selectFrom('boardPostImages as i').innerJoin('attachments as a', 'a.id', 'i.attachmentId')
    .select(['i.storageName', 'a.mimeType', 'a.caseId']).where('i.attachmentId', '=', attachmentId).executeTakeFirst();
}
