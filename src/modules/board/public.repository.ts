import { sql } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import { caseStatesIn, type PublicState } from './board.vocabulary.ts';

/**
 * What the public pages and the public JSON read. Every query here names its
 * columns: no citizen name, phone, hidden remark, original (unpublished) text,
 * query code, internal note or staff name is ever selected. The reply's
 * mention of the writer's real name is replaced by the masked name inside
 * PostgreSQL, so not even that reaches the application.
 */

export interface PublicPostFilter {
  boardKey?: string;
  regionPath?: string;
  type?: string;
  domain?: string;
  state?: PublicState;
  q?: string;
  limit: number;
  offset: number;
}

function publishedPosts(db: Queryable) {
  return db.selectFrom('boardPosts as p')
    .innerJoin('boards as b', 'b.id', 'p.boardId')
    .innerJoin('cases as c', 'c.id', 'p.caseId')
    .where('p.status', '=', 'published')
    .where('b.active', '=', true);
}

const publicColumns = (q: ReturnType<typeof publishedPosts>) =>
  q.leftJoin('units as ru', 'ru.id', 'c.regionUnitId')
    .leftJoin('units as rc', (j) => j.on(sql<boolean>`rc.kind = 'region' AND rc.level = 2 AND ru.path LIKE rc.path || '%'`))
    .leftJoin('units as rep', 'rep.id', 'c.replyUnitId')
    .leftJoin('boardRatings as r', 'r.caseId', 'c.id')
    .select([
      'p.id', 'p.domain', 'p.displayName', 'p.publishedTitle as title', 'p.publishedContent as content', 'p.hideImages',
      'p.submittedAt', 'p.publishedAt', 'b.key as boardKey', 'b.titleZh as boardTitleZh', 'b.titleEn as boardTitleEn',
      'c.type', 'c.state', 'c.repliedAt', 'rep.name as replyUnitName', 'rc.key as regionKey', 'rc.name as regionName',
      'r.resolution', 'r.attitude', 'r.speed',
      sql<string | null>`CASE WHEN length(c.citizen_name) >= 2 THEN replace(c.reply_content, c.citizen_name, p.display_name) ELSE c.reply_content END`.as('replyContent'),
    ]);

export type PublicPostRow = Awaited<ReturnType<ReturnType<typeof publicColumns>['executeTakeFirstOrThrow']>>;

/** A page of published posts, newest first, with the total. */
export async function listPublicPosts(db: Queryable, f: PublicPostFilter) {
  let q = publishedPosts(db);
  if (f.boardKey) q = q.where('b.key', '=', f.boardKey);
  if (f.type) q = q.where('c.type', '=', f.type);
  if (f.domain) q = q.where('p.domain', '=', f.domain);
  if (f.state) q = q.where('c.state', 'in', caseStatesIn(f.state));
  if (f.regionPath) {
    const prefix = `${f.regionPath}%`;
    q = q.where((eb) => eb.exists(eb.selectFrom('units as fu').select(sql`1`.as('one')).whereRef('fu.id', '=', 'c.regionUnitId').where('fu.path', 'like', prefix)));
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    q = q.where((eb) => eb.or([eb('p.publishedTitle', 'ilike', like), eb('p.publishedContent', 'ilike', like)]));
  }
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await publicColumns(q).orderBy('p.publishedAt', 'desc').orderBy('p.id', 'desc').limit(f.limit).offset(f.offset).execute();
  return { total: Number(total), rows };
}

export async function findPublicPost(db: Queryable, id: number): Promise<PublicPostRow | undefined> {
  return publicColumns(publishedPosts(db).where('p.id', '=', id)).executeTakeFirst();
}

/** Images of published posts that show them, by post. */
export async function publicImages(db: Queryable, postIds: number[]) {
  if (!postIds.length) return [];
  return db.selectFrom('boardPostImages as i').innerJoin('boardPosts as p', 'p.id', 'i.postId').innerJoin('attachments as a', 'a.id', 'i.attachmentId')
    .select(['i.postId', 'i.storageName', 'a.mimeType'])
    .where('i.postId', 'in', postIds).where('p.status', '=', 'published').where('p.hideImages', '=', false)
    .orderBy('i.postId').orderBy('i.position').execute();
}

/** One image by its random name, only while its post is published and shows images. */
export async function findPublicImage(db: Queryable, storageName: string) {
  return db.selectFrom('boardPostImages as i').innerJoin('boardPosts as p', 'p.id', 'i.postId').innerJoin('attachments as a', 'a.id', 'i.attachmentId')
    .select(['i.storageName', 'a.mimeType'])
    .where('i.storageName', '=', storageName).where('p.status', '=', 'published').where('p.hideImages', '=', false)
    .executeTakeFirst();
}

/**
 * Per-board figures over published posts: messages, replies (an approved
 * reply exists), ratings and average marks; satisfied = the mean of the three
 * marks is at least 3 (基本满意 or better).
 */
export async function boardFigures(db: Queryable) {
  const rows = await db.selectFrom('boards as b')
    .leftJoin('boardPosts as p', (j) => j.onRef('p.boardId', '=', 'b.id').on('p.status', '=', 'published'))
    .leftJoin('cases as c', 'c.id', 'p.caseId')
    .leftJoin('boardRatings as r', 'r.caseId', 'p.caseId')
    .select((eb) => [
      'b.key',
      eb.fn.count<number>('p.id').as('messages'),
      eb.fn.count<number>('p.id').filterWhere('c.replyContent', 'is not', null).as('replies'),
      eb.fn.count<number>('r.caseId').as('rated'),
      eb.fn.count<number>('r.caseId').filterWhere(sql<number>`r.resolution + r.attitude + r.speed`, '>=', 9).as('satisfied'),
      sql<string | null>`round(avg(r.resolution)::numeric, 2)`.as('resolution'),
      sql<string | null>`round(avg(r.attitude)::numeric, 2)`.as('attitude'),
      sql<string | null>`round(avg(r.speed)::numeric, 2)`.as('speed'),
    ])
    .where('b.active', '=', true)
    .groupBy('b.key')
    .execute();
  return new Map(rows.map((r) => [r.key, {
    messages: Number(r.messages), replies: Number(r.replies), rated: Number(r.rated), satisfied: Number(r.satisfied),
    resolution: r.resolution === null ? null : Number(r.resolution),
    attitude: r.attitude === null ? null : Number(r.attitude),
    speed: r.speed === null ? null : Number(r.speed),
  }]));
}
export type BoardFigures = NonNullable<ReturnType<Awaited<ReturnType<typeof boardFigures>>['get']>>;

/** Addresses for the sitemap: published posts with their last change. */
export async function sitemapPosts(db: Queryable, limit = 45_000) {
  return publishedPosts(db).select(['p.id', sql<Date>`greatest(p.published_at, c.replied_at)`.as('lastmod')])
    .orderBy('p.id', 'desc').limit(limit).execute();
}

