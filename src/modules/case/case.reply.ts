import { DomainError } from '../../domain/errors.ts';
import type { Ctx } from '../../http/context.ts';
import * as cases from './case.repository.ts';
import type { CaseRow } from '../../db/schema.ts';
import { dueFor, loadDeadlineRules, restartReplyClock, stopReplyClock } from '../deadline/deadline.service.ts';

const policiesOf = (c: CaseRow) => (c.deadlinePolicies ?? {}) as Record<string, unknown>;
import { transition, type ActionProps } from './case.transition.ts';

/** The reply: drafted by the lead unit, signed off by its head (审签), reviewed by the centre (审核). */

const noDraft = () => new DomainError('PRECONDITION_FAILED', { detail: '没有待处理的答复稿', detail_en: 'there is no reply draft to act on' });

/** The lead unit drafts the reply (the note is the reply text). */
export async function draftReply(ctx: Ctx, props: ActionProps) {
  return transition(ctx, 'draftReply', props, async ({ current, assignment }) => {
    await stopReplyClock(ctx.trx, assignment!.id);
    const reply = await ctx.trx.insertInto('caseReplies').values({
      caseId: current.id, unitId: ctx.actor.unitId, content: props.note!.trim(), status: 'draft',
      draftedBy: ctx.actor.userId, draftedAt: ctx.now,
    }).returning('id').executeTakeFirstOrThrow();
    return { data: { replyId: reply.id } };
  });
}

/** The lead unit's head signs the draft off; it goes to the centre for review. */
export async function signOffReply(ctx: Ctx, props: ActionProps) {
  return transition(ctx, 'signOff', props, async ({ current }) => {
    const draft = await cases.latestReply(ctx.trx, current.id, 'draft');
    if (!draft) throw noDraft();
    await ctx.trx.updateTable('caseReplies').set({ status: 'signed_off', signedOffBy: ctx.actor.userId, signedOffAt: ctx.now })
      .where('id', '=', draft.id).execute();
    const review = await dueFor(ctx.trx, await loadDeadlineRules(ctx.trx), current, 'review', ctx.now);
    return { patch: { reviewDueAt: review.due, deadlinePolicies: JSON.stringify({ ...policiesOf(current), review: review.policy }) }, data: { replyId: draft.id } };
  });
}

/** The head sends the draft back to the handler for revision. */
export async function rejectDraft(ctx: Ctx, props: ActionProps) {
  return transition(ctx, 'rejectDraft', props, async ({ current, assignment }) => {
    await restartReplyClock(ctx.trx, current.id, assignment!.id);
    const draft = await cases.latestReply(ctx.trx, current.id, 'draft');
    if (!draft) throw noDraft();
    await ctx.trx.updateTable('caseReplies').set({ status: 'revise', reviewNote: props.note!.trim() }).where('id', '=', draft.id).execute();
    return { data: { replyId: draft.id } };
  });
}

/** The centre approves the reply: it becomes the case's reply and goes to the citizen. */
export async function approveReply(ctx: Ctx, props: ActionProps) {
  return transition(ctx, 'approve', props, async ({ current }) => {
    const reply = await cases.latestReply(ctx.trx, current.id, 'signed_off');
    if (!reply) throw noDraft();
    await ctx.trx.updateTable('caseReplies').set({ status: 'approved', reviewedBy: ctx.actor.userId, reviewedAt: ctx.now, reviewNote: props.note ?? null })
      .where('id', '=', reply.id).execute();
    const callback = await dueFor(ctx.trx, await loadDeadlineRules(ctx.trx), current, 'callback', ctx.now);
    return {
      patch: {
        replyContent: reply.content, replyUnitId: reply.unitId, repliedAt: ctx.now,
        callbackDueAt: callback.due, deadlinePolicies: JSON.stringify({ ...policiesOf(current), callback: callback.policy }),
      },
      data: { replyId: reply.id, replyUnitId: reply.unitId },
    };
  });
}

/** The centre sends a poor reply back to the lead unit with a reason. */
export async function sendBackReply(ctx: Ctx, props: ActionProps) {
  return transition(ctx, 'sendBack', props, async ({ current, assignments }) => {
    const lead = assignments.find((a) => a.role === 'lead' && a.status === 'signed');
    if (lead) await restartReplyClock(ctx.trx, current.id, lead.id);
    const reply = await cases.latestReply(ctx.trx, current.id, 'signed_off');
    if (!reply) throw noDraft();
    await ctx.trx.updateTable('caseReplies').set({ status: 'sent_back', reviewedBy: ctx.actor.userId, reviewedAt: ctx.now, reviewNote: props.note!.trim() })
      .where('id', '=', reply.id).execute();
    return { data: { replyId: reply.id } };
  });
}
