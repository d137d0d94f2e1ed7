import { sql } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import { DomainError } from '../../domain/errors.ts';
import { checkReply, countNearDuplicates, replyFingerprint, type ReplyCheckResult } from '../../domain/replycheck.ts';
import type { Role } from '../../domain/roles.ts';
import type { SessionActor } from '../../http/context.ts';
import { findVisibleCase } from '../case/case.repository.ts';

/**
 * Reply checks (答复质量检查) for one case: loads what src/domain/replycheck.ts
 * needs — the appeal, the citizen's name and phone (only to look for them in
 * the reply; never returned) and the recent stored replies (this
 * installation's own frequency table for boilerplate) — and returns its verdict.
 */

/** Who may run the check: those who draft, sign off and review replies, and those who oversee them. */
export const replyCheckRoles: readonly Role[] = ['handler', 'head', 'reviewer', 'supervisor', 'admin'];

/** How many recent replies of other cases the near-duplicate count looks at. */
export const comparedReplies = 2000;

/** @throws FORBIDDEN when none of the actor's roles may run reply checks. */
export function requireReplyCheckRole(actor: SessionActor) {
  if (!actor.roles.some((r) => replyCheckRoles.includes(r))) throw new DomainError('FORBIDDEN');
}

async function nearDuplicatesOf(db: Queryable, caseId: number, reply: string): Promise<number> {
  // The fingerprint is the first 300 letters and digits: 600 characters of text hold them.
  const others = await db.selectFrom('caseReplies').select(sql<string>`left(content, 600)`.as('content'))
    .where('caseId', '<>', caseId)
    .orderBy('id', 'desc').limit(comparedReplies)
    .execute();
  return countNearDuplicates(reply, others.map((o) => replyFingerprint(o.content)));
}

/**
 * Checks `reply` as the reply to case `caseId`.
 * @throws CASE_NOT_FOUND when the case does not exist or the actor may not see it.
 */
export async function checkReplyForCase(db: Queryable, actor: SessionActor, caseId: number, reply: string): Promise<ReplyCheckResult> {
  requireReplyCheckRole(actor);
  const c = await findVisibleCase(db, actor, caseId);
  return checkReply({
    appealTitle: c.title, appealContent: c.content, reply,
    citizenName: c.citizenName, citizenPhone: c.citizenPhone,
    nearDuplicates: await nearDuplicatesOf(db, caseId, reply),
  });
}

/**
 * Checks the case's current reply (the latest drafted, whatever its status).
 * @throws CASE_NOT_FOUND as {@link checkReplyForCase}.
 */
export async function checkCurrentReply(db: Queryable, actor: SessionActor, caseId: number) {
  requireReplyCheckRole(actor);
  await findVisibleCase(db, actor, caseId);
  const current = await db.selectFrom('caseReplies').select(['id', 'status', 'content'])
    .where('caseId', '=', caseId).orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!current) return { replyId: null, status: null, check: null };
  return { replyId: current.id, status: current.status, check: await checkReplyForCase(db, actor, caseId, current.content) };
}
