import { DomainError, invalidInput } from '../../domain/errors.ts';
import { extendDue, resumeDue } from '../../domain/deadlines.ts';
import type { Ctx } from '../../http/context.ts';
import { transition, type ActionProps } from '../case/case.transition.ts';
import { loadDeadlineRules, setAssignmentDue, tryCalendar } from './deadline.service.ts';

/**
 * Extensions (延期) and suspensions (挂起): the unit asks before its
 * deadline, the centre decides; every step is a case action in the history.
 */

/** The most working days one extension may add (DOMAIN.md: "at most about 10"). */
export const MAX_EXTENSION_DAYS = 10;

/**
 * The unit applies for more working days, with a reason, before its deadline.
 * @throws INVALID_INPUT for days outside 1..10; PRECONDITION_FAILED once the deadline has passed.
 */
export async function requestExtension(ctx: Ctx, props: ActionProps & { days: number }) {
  if (!Number.isInteger(props.days) || props.days < 1 || props.days > MAX_EXTENSION_DAYS) {
    throw invalidInput(`延期天数应为 1 至 ${MAX_EXTENSION_DAYS} 个工作日`, `an extension is 1 to ${MAX_EXTENSION_DAYS} working days`);
  }
  return transition(ctx, 'requestExtension', props, async ({ current, assignment }) => {
    const row = await ctx.trx.selectFrom('caseAssignments').select('replyDueAt').where('id', '=', assignment!.id).executeTakeFirstOrThrow();
    if (row.replyDueAt && row.replyDueAt < ctx.now) {
      throw new DomainError('PRECONDITION_FAILED', { detail: '办理期限已过，不能再申请延期', detail_en: 'the deadline has passed; apply before it expires' });
    }
    const ext = await ctx.trx.insertInto('caseExtensions').values({
      caseId: current.id, assignmentId: assignment!.id, days: props.days, reason: props.note!.trim(), status: 'requested',
      requestedBy: ctx.actor.userId, requestedAt: ctx.now, oldDueAt: row.replyDueAt,
    }).returning('id').executeTakeFirstOrThrow();
    return { data: { extensionId: ext.id, days: props.days, unitId: assignment!.unitId } };
  });
}

async function pendingExtension(ctx: Ctx, caseId: number) {
  return ctx.trx.selectFrom('caseExtensions').selectAll().where('caseId', '=', caseId).where('status', '=', 'requested')
    .orderBy('id').limit(1).executeTakeFirstOrThrow();
}

/** The centre approves: the unit's deadline moves by the days asked, counted on the working-day calendar. */
export async function approveExtension(ctx: Ctx, props: ActionProps) {
  const rules = await loadDeadlineRules(ctx.trx);
  return transition(ctx, 'approveExtension', props, async ({ current }) => {
    const ext = await pendingExtension(ctx, current.id);
    const a = await ctx.trx.selectFrom('caseAssignments').select(['id', 'unitId', 'replyDueAt', 'extensionCount']).where('id', '=', ext.assignmentId).executeTakeFirstOrThrow();
    const newDue = a.replyDueAt ? tryCalendar(() => extendDue(rules.calendar, a.replyDueAt!, ext.days)).at : null;
    await setAssignmentDue(ctx.trx, rules, current.id, a.id, { replyDue: newDue ?? a.replyDueAt });
    await ctx.trx.updateTable('caseAssignments').set({ extensionCount: a.extensionCount + 1 }).where('id', '=', a.id).execute();
    await ctx.trx.updateTable('caseExtensions').set({
      status: 'approved', decidedBy: ctx.actor.userId, decidedAt: ctx.now, decisionNote: props.note ?? null, newDueAt: newDue,
    }).where('id', '=', ext.id).execute();
    return { patch: { extensionCount: current.extensionCount + 1 }, data: { extensionId: ext.id, assignmentId: ext.assignmentId, unitId: a.unitId, days: ext.days, newDueAt: newDue } };
  });
}

/** The centre refuses, with a reason; the deadline stands. */
export async function refuseExtension(ctx: Ctx, props: ActionProps) {
  return transition(ctx, 'refuseExtension', props, async ({ current }) => {
    const ext = await pendingExtension(ctx, current.id);
    await ctx.trx.updateTable('caseExtensions').set({ status: 'refused', decidedBy: ctx.actor.userId, decidedAt: ctx.now, decisionNote: props.note!.trim() })
      .where('id', '=', ext.id).execute();
    const a = await ctx.trx.selectFrom('caseAssignments').select('unitId').where('id', '=', ext.assignmentId).executeTakeFirstOrThrow();
    return { data: { extensionId: ext.id, assignmentId: ext.assignmentId, unitId: a.unitId } };
  });
}

/** The lead unit asks to stop the clock (e.g. waiting on a court), with a reason. */
export async function requestSuspension(ctx: Ctx, props: ActionProps) {
  return transition(ctx, 'requestSuspension', props, async ({ current }) => {
    const s = await ctx.trx.insertInto('caseSuspensions').values({
      caseId: current.id, reason: props.note!.trim(), status: 'requested', requestedBy: ctx.actor.userId, requestedAt: ctx.now,
    }).returning('id').executeTakeFirstOrThrow();
    return { data: { suspensionId: s.id } };
  });
}

async function suspensionIn(ctx: Ctx, caseId: number, status: 'requested' | 'active') {
  return ctx.trx.selectFrom('caseSuspensions').selectAll().where('caseId', '=', caseId).where('status', '=', status).executeTakeFirstOrThrow();
}

/** The centre approves: every live unit's clock stops now. */
export async function approveSuspension(ctx: Ctx, props: ActionProps) {
  return transition(ctx, 'approveSuspension', props, async ({ current }) => {
    const s = await suspensionIn(ctx, current.id, 'requested');
    await ctx.trx.updateTable('caseSuspensions').set({ status: 'active', decidedBy: ctx.actor.userId, decidedAt: ctx.now, startedAt: ctx.now })
      .where('id', '=', s.id).execute();
    await ctx.trx.updateTable('caseAssignments').set({ pausedAt: ctx.now })
      .where('caseId', '=', current.id).where('status', 'in', ['pending', 'signed']).execute();
    return { patch: { suspended: true }, data: { suspensionId: s.id } };
  });
}

export async function refuseSuspension(ctx: Ctx, props: ActionProps) {
  return transition(ctx, 'refuseSuspension', props, async ({ current }) => {
    const s = await suspensionIn(ctx, current.id, 'requested');
    await ctx.trx.updateTable('caseSuspensions').set({ status: 'refused', decidedBy: ctx.actor.userId, decidedAt: ctx.now })
      .where('id', '=', s.id).execute();
    return { data: { suspensionId: s.id } };
  });
}

/** The clock runs again: each paused deadline moves by the working time the suspension lasted. */
export async function resumeCase(ctx: Ctx, props: ActionProps) {
  const rules = await loadDeadlineRules(ctx.trx);
  return transition(ctx, 'resume', props, async ({ current }) => {
    const s = await suspensionIn(ctx, current.id, 'active');
    const paused = await ctx.trx.selectFrom('caseAssignments').select(['id', 'replyDueAt', 'signDueAt', 'pausedAt', 'status'])
      .where('caseId', '=', current.id).where('pausedAt', 'is not', null).execute();
    for (const a of paused) {
      const shift = (due: Date | null) => (due ? tryCalendar(() => resumeDue(rules.calendar, due, a.pausedAt!, ctx.now)).at ?? due : null);
      await setAssignmentDue(ctx.trx, rules, current.id, a.id, {
        ...(a.status === 'pending' ? { signDue: shift(a.signDueAt) } : {}),
        replyDue: shift(a.replyDueAt),
      });
    }
    await ctx.trx.updateTable('caseAssignments').set({ pausedAt: null }).where('caseId', '=', current.id).execute();
    await ctx.trx.updateTable('caseSuspensions').set({ status: 'ended', endedAt: ctx.now, endedBy: ctx.actor.userId }).where('id', '=', s.id).execute();
    return { patch: { suspended: false }, data: { suspensionId: s.id } };
  });
}
