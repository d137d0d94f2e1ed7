import { sql } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Audience } from './recipients.ts';

/** Plain queries over notifications, and the one place audiences become user ids. */

/** The active accounts an audience describes, by id. */
export async function resolveAudience(db: Queryable, a: Audience): Promise<number[]> {
  let q = db.selectFrom('users as u').innerJoin('units as n', 'n.id', 'u.unitId').select('u.id').where('u.active', '=', true);
  const roles = a.roles;
  if (roles) q = q.where(sql<boolean>`u.roles && ${sql.val([...roles])}::text[]`);
  switch (a.kind) {
    case 'unit':
      q = q.where('u.unitId', '=', a.unitId);
      break;
    case 'parentUnit':
      q = q.where('u.unitId', '=', (eb) => eb.selectFrom('units').select('parentId').where('id', '=', a.unitId));
      break;
    case 'centre':
      q = q.where('n.kind', '=', 'centre');
      break;
    case 'anywhere':
      break;
    case 'above':
      q = q.where((eb) =>
        eb.exists(eb.selectFrom('units as t').select(sql`1`.as('one')).where('t.id', '=', a.unitId)
          .where(sql<boolean>`t.path LIKE n.path || '%'`)),
      );
      break;
  }
  return (await q.orderBy('u.id').execute()).map((r) => r.id);
}

export interface NotificationPage {
  total: number;
  unread: number;
  items: Array<{ id: number; caseId: number | null; kind: string; title: string; body: string; facts: unknown; createdAt: Date; readAt: Date | null }>;
}

/** The user's own notifications, newest first, with how many are unread in all. */
export async function listForUser(
  db: Queryable, userId: number, opts: { unreadOnly: boolean; limit: number; offset: number },
): Promise<NotificationPage> {
  let base = db.selectFrom('notifications').where('userId', '=', userId);
  if (opts.unreadOnly) base = base.where('readAt', 'is', null);
  const [items, counts] = await Promise.all([
    base.select(['id', 'caseId', 'kind', 'title', 'body', 'facts', 'createdAt', 'readAt'])
      .orderBy('id', 'desc').limit(opts.limit).offset(opts.offset).execute(),
    db.selectFrom('notifications').where('userId', '=', userId)
      .select((eb) => [
        eb.fn.countAll<number>().as('all'),
        eb.fn.countAll<number>().filterWhere('readAt', 'is', null).as('unread'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return { total: opts.unreadOnly ? Number(counts.unread) : Number(counts.all), unread: Number(counts.unread), items };
}

/**
 * Marks one of the user's notifications read (keeping the first read time).
 * @throws NOT_FOUND when it does not exist or belongs to someone else (one answer for both).
 */
export async function markRead(db: Queryable, userId: number, id: number) {
  const row = await db.updateTable('notifications')
    .set({ readAt: sql`coalesce(read_at, now())` })
    .where('id', '=', id).where('userId', '=', userId)
    .returning(['id', 'caseId', 'kind', 'title', 'body', 'facts', 'createdAt', 'readAt'])
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND');
  return row;
}

/** Marks every unread notification of the user read; returns how many changed. */
export async function markAllRead(db: Queryable, userId: number): Promise<number> {
  const res = await db.updateTable('notifications').set({ readAt: sql`now()` })
    .where('userId', '=', userId).where('readAt', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows);
}
