import { invalidInput } from '../../domain/errors.ts';
import { resolutions, satisfactionLevels, type Resolution, type Satisfaction } from '../../domain/lifecycle.ts';
import type { Ctx } from '../../http/context.ts';
import { transition, type ActionProps } from './case.transition.ts';
import { dueFor, loadDeadlineRules, setAssignmentDue } from '../deadline/deadline.service.ts';

/** Callback (回访), re-handling (重办), closing (办结) and archiving (归档). */

export interface CallbackProps extends ActionProps {
  reached: boolean;
  resolution?: Resolution;
  satisfaction?: Satisfaction;
}

/**
 * Records one callback attempt. Reached: the citizen says whether it is
 * resolved and how satisfied they are; resolved and satisfied closes the
 * case, anything else goes to the reviewer (回访复核). Not reached: the
 * attempt is counted and the case waits for the next try.
 * @throws INVALID_INPUT when a reached callback lacks resolution or satisfaction.
 */
export async function recordCallback(ctx: Ctx, props: CallbackProps) {
  if (props.reached) {
    if (!props.resolution || !resolutions.includes(props.resolution)) {
      throw invalidInput('已接通的回访须记录解决情况', 'a reached callback needs the resolution');
    }
    if (!props.satisfaction || !satisfactionLevels.includes(props.satisfaction)) {
      throw invalidInput('已接通的回访须记录满意度', 'a reached callback needs the satisfaction');
    }
  }
  const input = { reached: props.reached, resolution: props.resolution, satisfaction: props.satisfaction };
  return transition(ctx, 'recordCallback', props, async ({ current, to }) => {
    await ctx.trx.insertInto('caseCallbacks').values({
      caseId: current.id, at: ctx.now, agentId: ctx.actor.userId, reached: props.reached,
      resolution: props.reached ? props.resolution! : null, satisfaction: props.reached ? props.satisfaction! : null, note: props.note ?? null,
    }).execute();
    return {
      patch: {
        callbackAttempts: current.callbackAttempts + 1,
        ...(props.reached ? { resolution: props.resolution, satisfaction: props.satisfaction } : {}),
        ...(to === 'closed' ? { closedAt: ctx.now } : {}),
      },
      data: input,
    };
  }, input);
}

/** The reviewer agrees the citizen has a point: the lead unit handles it again (重办). */
export async function rehandleCase(ctx: Ctx, props: ActionProps) {
  const rules = await loadDeadlineRules(ctx.trx);
  return transition(ctx, 'rehandle', props, async ({ current, assignments }) => {
    // Re-handling gives the lead unit a fresh reply deadline from today.
    const lead = assignments.find((a) => a.role === 'lead' && a.status === 'signed');
    if (lead) {
      const reply = await dueFor(ctx.trx, rules, current, 'reply', ctx.now);
      await setAssignmentDue(ctx.trx, rules, current.id, lead.id, { replyDue: reply.due, replyPolicy: reply.policy });
    }
    return { patch: { rehandleCount: current.rehandleCount + 1, callbackAttempts: 0, resolution: null, satisfaction: null } };
  });
}

/** The reviewer closes the case (after callback review, or after repeated unreached callbacks). */
export async function closeCase(ctx: Ctx, props: ActionProps) {
  return transition(ctx, 'close', props, async () => ({ patch: { closedAt: ctx.now } }));
}

/** A closed case goes to the archive (归档); its file is complete. */
export async function archiveCase(ctx: Ctx, props: ActionProps) {
  return transition(ctx, 'archive', props, async () => ({ patch: { archivedAt: ctx.now } }));
}

/** Urging (催办): counted, and the handling units are notified through the outbox event. */
export async function urgeCase(ctx: Ctx, props: ActionProps) {
  return transition(ctx, 'urge', props, async ({ current }) => ({ patch: { urgeCount: current.urgeCount + 1 } }));
}

/** Supervision (督办) marks the case for follow-up by the supervisors. */
export async function superviseCase(ctx: Ctx, props: ActionProps) {
  return transition(ctx, 'supervise', props, async () => ({ patch: { supervised: true } }));
}

/** A leader's instruction (领导批示): a note that marks the case and reaches the unit. */
export async function instructCase(ctx: Ctx, props: ActionProps) {
  return transition(ctx, 'instruct', props, async () => ({ patch: { instructed: true } }));
}
