import type { CaseRow } from '../../db/schema.ts';
import { DomainError, invalidInput } from '../../domain/errors.ts';
import { hasPermission, type Permission } from '../../domain/roles.ts';
import type { Ctx } from '../../http/context.ts';
import { answerCase, createCase, type NewAppeal } from '../case/case.intake.ts';
import * as cases from '../case/case.repository.ts';
import * as knowledge from '../knowledge/knowledge.repository.ts';
import * as repo from './hotline.repository.ts';
import { callbackDueAt, checkCallTimes } from './hotline.rules.ts';
import type { CallOutcome } from './hotline.table.ts';
import { requirePhone } from './phone.ts';

/**
 * The hotline desk (12345热线坐席): one command per action, each in the
 * caller's transaction. A call record and its call-back task are written
 * together, so a missed call never lacks its task and never gets two.
 */

function requirePermission(ctx: Ctx, permission: Permission) {
  if (!hasPermission(ctx.actor.roles, permission)) throw new DomainError('FORBIDDEN');
}

export interface DeskCase extends Omit<NewAppeal, 'channel' | 'receivedAt'> {
  /** The phone system's id of the call this case came from (links the call record, before or after it arrives). */
  callId?: string;
  /** Answer at once and close (直接办结): from a knowledge entry, with the operator's note or the entry's answer. */
  answer?: { knowledgeId?: number; note?: string };
}

/**
 * Takes in a call as a case in one step: intake on the hotline channel,
 * registration (unless `register: false`), the link to the call record, and
 * optionally the immediate answer that closes it, recording the knowledge
 * entry used. All or nothing.
 * @throws FORBIDDEN without 'case.create'; INVALID_INPUT (bad phone, unknown or unusable entry, answer without entry or note);
 *   ROLE_NOT_PERMITTED when the actor may not answer (only operators do).
 */
export async function createHotlineCase(ctx: Ctx, props: DeskCase): Promise<CaseRow> {
  requirePermission(ctx, 'case.create');
  const { callId, answer, ...appeal } = props;
  const citizenPhone = appeal.citizenPhone ? requirePhone(appeal.citizenPhone) : null;
  let answerNote: string | undefined;
  if (answer) {
    answerNote = answer.note?.trim() || undefined;
    if (answer.knowledgeId === undefined && !answerNote) {
      throw invalidInput('直接办结须选择知识条目或填写答复内容', 'an immediate answer needs a knowledgeId or a note');
    }
    if (!answerNote && answer.knowledgeId !== undefined) {
      answerNote = await knowledge.findAnswerText(ctx.trx, answer.knowledgeId);
      if (!answerNote) throw invalidInput(`知识条目 ${answer.knowledgeId} 不存在`, `knowledge entry ${answer.knowledgeId} does not exist`);
    }
  }
  let row = await createCase(ctx, { ...appeal, channel: 'hotline', citizenPhone, register: appeal.register ?? true });
  if (callId) await repo.linkCallToCase(ctx.trx, { callId, caseId: row.id, linkedAt: ctx.now, linkedBy: ctx.actor.userId });
  if (answer) row = await answerCase(ctx, { caseId: row.id, version: row.version, note: answerNote, knowledgeId: answer.knowledgeId });
  return row;
}

export interface CallRecord {
  callId: string;
  /** The caller's number as the phone system gives it; null when withheld. */
  caller: string | null;
  offeredAt: Date;
  answeredAt?: Date | null;
  endedAt?: Date | null;
  agentUserId?: number | null;
  outcome: CallOutcome;
  caseId?: number | null;
}

/**
 * Records a call (话务记录), or updates it when its callId was recorded
 * before. A missed call (`abandoned`) with a known number gets one call-back
 * task; a call later recorded as answered or called back closes its open task.
 * @throws FORBIDDEN without 'hotline.desk'; INVALID_INPUT (times, phone, agent); CASE_NOT_FOUND for a case the actor cannot see.
 */
export async function recordCall(ctx: Ctx, props: CallRecord) {
  requirePermission(ctx, 'hotline.desk');
  const caller = props.caller ? requirePhone(props.caller) : null;
  const times = { outcome: props.outcome, offeredAt: props.offeredAt, answeredAt: props.answeredAt ?? null, endedAt: props.endedAt ?? null };
  checkCallTimes(times, ctx.now);
  const agentUserId = props.agentUserId ?? null;
  if (agentUserId !== null) {
    const agent = await ctx.trx.selectFrom('users').select('id').where('id', '=', agentUserId).executeTakeFirst();
    if (!agent) throw invalidInput(`坐席用户 ${agentUserId} 不存在`, `agent user ${agentUserId} does not exist`);
  }
  if (props.caseId != null) await cases.findVisibleCase(ctx.trx, ctx.actor, props.caseId);

  const { inserted, ...call } = await repo.upsertCall(ctx.trx, {
    ...times, callId: props.callId, callerPhone: caller, agentUserId, recordedBy: ctx.actor.userId,
  });
  if (props.caseId != null) {
    await repo.linkCallToCase(ctx.trx, { callId: call.callId, caseId: props.caseId, linkedAt: ctx.now, linkedBy: ctx.actor.userId });
  }
  let task = await repo.findTaskByCall(ctx.trx, call.callId);
  if (call.outcome === 'abandoned' && call.callerPhone && !task) {
    task = (await repo.insertTask(ctx.trx, { callId: call.callId, phone: call.callerPhone, createdAt: ctx.now, dueAt: callbackDueAt(call) }))
      ?? (await repo.findTaskByCall(ctx.trx, call.callId));
  } else if (call.outcome !== 'abandoned' && task?.status === 'open') {
    const outcomeNote = call.outcome === 'answered'
      ? '话务记录更正为已接听，无需回拨 (the call record now says answered)'
      : '话务系统记录已回拨 (the phone system recorded the call-back)';
    task = await repo.completeTask(ctx.trx, task.id, { doneBy: ctx.actor.userId, doneAt: ctx.now, outcomeNote });
  }
  return { callId: call.callId, created: inserted, taskId: task?.id ?? null };
}

/**
 * Marks a call-back task done (回拨完成) with what came of it; the call then
 * counts as called back. A case the call-back produced or concerned may be linked.
 * @throws FORBIDDEN; NOT_FOUND for an unknown task; CONFLICT when it is already done; INVALID_INPUT without a note;
 *   CASE_NOT_FOUND for a case the actor cannot see.
 */
export async function completeCallbackTask(ctx: Ctx, props: { taskId: number; note: string; caseId?: number | null }) {
  requirePermission(ctx, 'hotline.desk');
  const note = props.note.trim();
  if (!note) throw invalidInput('请填写回拨结果', 'say what came of the call-back (note)');
  const task = await repo.lockTask(ctx.trx, props.taskId);
  if (task.status === 'done') {
    throw new DomainError('CONFLICT', { detail: '该回拨任务已完成', detail_en: 'this call-back task is already done' });
  }
  const caseId = props.caseId ?? null;
  if (caseId !== null) {
    await cases.findVisibleCase(ctx.trx, ctx.actor, caseId);
    await repo.linkCallToCase(ctx.trx, { callId: task.callId, caseId, linkedAt: ctx.now, linkedBy: ctx.actor.userId });
  }
  await repo.completeTask(ctx.trx, task.id, { doneBy: ctx.actor.userId, doneAt: ctx.now, outcomeNote: note, caseId });
  await repo.markCalledBack(ctx.trx, task.callId);
  return task.id;
}
