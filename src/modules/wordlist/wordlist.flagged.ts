import type { Queryable, Trx } from '../../db/database.ts';
import { invalidInput } from '../../domain/errors.ts';
import type { SessionActor } from '../../http/context.ts';
import { findVisibleCase, visibleTo } from '../case/case.repository.ts';

/** Cases flagged for review by a sensitive word, within what the actor may see, newest first. */
export async function listFlaggedCases(db: Queryable, actor: SessionActor, limit: number, offset: number) {
  const base = db.selectFrom('cases').where('reviewFlagged', '=', true).where(visibleTo(actor));
  const [items, count] = await Promise.all([
    base.select(['id', 'number', 'title', 'state', 'urgency', 'channel', 'receivedAt', 'wordHits'])
      .orderBy('receivedAt', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(count.n), items: items.map((c) => ({ ...c, receivedAt: c.receivedAt.toISOString() })) };
}

/**
 * Clears the review flag after a person has looked (复核): the words found
 * stay on the case, with who cleared the flag and when.
 * @throws CASE_NOT_FOUND when the actor may not see the case; INVALID_INPUT when it is not flagged.
 */
export async function clearReviewFlag(trx: Trx, actor: SessionActor, caseId: number, now: Date) {
  const row = await findVisibleCase(trx, actor, caseId);
  if (!row.reviewFlagged) throw invalidInput('该工单没有待复核标记', 'the case is not flagged for review');
  const hits = { ...(row.wordHits ?? {}), cleared: { byUserId: actor.userId, byName: actor.displayName, at: now.toISOString() } };
  await trx.updateTable('cases').set({ reviewFlagged: false, wordHits: JSON.stringify(hits) }).where('id', '=', caseId).execute();
  return { caseId, reviewFlagged: false, hits };
}
