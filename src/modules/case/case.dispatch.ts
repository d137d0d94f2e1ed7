import type { Trx } from '../../db/database.ts';
import { DomainError, invalidInput } from '../../domain/errors.ts';
import type { Ctx } from '../../http/context.ts';
import { requireUnit } from '../org/org.repository.ts';
import { transition, type ActionProps } from './case.transition.ts';
import type { CaseRow } from '../../db/schema.ts';
import { loadDeadlineRules, startAssignmentClocks, stopSignClock } from '../deadline/deadline.service.ts';

/** Dispatch (派单) to units, signing (签收), returns (退单) and work inside the handling units. */

export interface DispatchProps extends ActionProps {
  leadUnitId: number;
  assistUnitIds?: number[];
}

/** A unit that may receive cases: active, and not the centre itself. */
async function requireHandlingUnit(trx: Trx, unitId: number) {
  const unit = await trx.selectFrom('units').selectAll().where('id', '=', unitId).executeTakeFirst();
  if (!unit || !unit.active || unit.kind === 'centre') {
    throw invalidInput(`单位 ${unitId} 不存在或不能承办`, `unit ${unitId} does not exist or cannot handle cases`);
  }
  return unit;
}

async function checkUnits(trx: Trx, props: DispatchProps) {
  const assists = [...new Set(props.assistUnitIds ?? [])];
  if (assists.includes(props.leadUnitId)) throw invalidInput('主办单位不能同时为协办单位', 'the lead unit cannot also assist');
  for (const id of [props.leadUnitId, ...assists]) await requireHandlingUnit(trx, id);
  return assists;
}

/** New assignments, with their sign and reply clocks started. */
async function insertAssignments(ctx: Ctx, c: CaseRow, leadUnitId: number, assists: number[], round: number) {
  const base = { caseId: c.id, status: 'pending', dispatchedAt: ctx.now, dispatchedBy: ctx.actor.userId, round, parentId: null };
  const rows = await ctx.trx
    .insertInto('caseAssignments')
    .values([{ ...base, unitId: leadUnitId, role: 'lead' as const }, ...assists.map((unitId) => ({ ...base, unitId, role: 'assist' as const }))])
    .returning('id')
    .execute();
  await startAssignmentClocks(ctx.trx, await loadDeadlineRules(ctx.trx), c, rows.map((r) => r.id), ctx.now);
}

/** The centre dispatches a registered case to one lead unit and any assisting units. */
export async function dispatchCase(ctx: Ctx, props: DispatchProps) {
  const assists = await checkUnits(ctx.trx, props);
  return transition(ctx, 'dispatch', props, async ({ current }) => {
    await insertAssignments(ctx, current, props.leadUnitId, assists, 1);
    return { patch: { leadUnitId: props.leadUnitId, dispatchedAt: ctx.now }, data: { leadUnitId: props.leadUnitId, assistUnitIds: assists } };
  });
}

/** After a return, the centre sends the case elsewhere (改派); live assignments are withdrawn. */
export async function redispatchCase(ctx: Ctx, props: DispatchProps) {
  const assists = await checkUnits(ctx.trx, props);
  return transition(ctx, 'redispatch', props, async ({ current, assignments }) => {
    await ctx.trx.updateTable('caseAssignments').set({ status: 'withdrawn' })
      .where('caseId', '=', current.id).where('status', 'in', ['pending', 'signed']).execute();
    const round = Math.max(1, ...assignments.map((a) => a.round)) + 1;
    await insertAssignments(ctx, current, props.leadUnitId, assists, round);
    return { patch: { leadUnitId: props.leadUnitId, dispatchedAt: ctx.now }, data: { leadUnitId: props.leadUnitId, assistUnitIds: assists } };
  });
}

/** The centre rules that the return was unfounded: the same lead unit must sign for it again. */
export async function overruleReturn(ctx: Ctx, props: ActionProps) {
  return transition(ctx, 'overrule', props, async ({ current, assignments }) => {
    const returned = assignments.filter((a) => a.role === 'lead' && a.status === 'returned').at(-1);
    if (!returned) throw new DomainError('PRECONDITION_FAILED', { detail: '没有可驳回的退单', detail_en: 'no return to overrule' });
    await ctx.trx.updateTable('caseAssignments').set({ status: 'pending', dispatchedAt: ctx.now })
      .where('id', '=', returned.id).execute();
    await startAssignmentClocks(ctx.trx, await loadDeadlineRules(ctx.trx), current, [returned.id], ctx.now);
    return { data: { overruledAssignmentId: returned.id, unitId: returned.unitId } };
  });
}

/** The actor's unit signs for (签收) its pending assignment; the lead's signature starts handling. */
export async function signCase(ctx: Ctx, props: ActionProps) {
  return transition(ctx, 'sign', props, async ({ assignment }) => {
    await ctx.trx.updateTable('caseAssignments').set({ status: 'signed', signedAt: ctx.now }).where('id', '=', assignment!.id).execute();
    await stopSignClock(ctx.trx, assignment!.id);
  });
}

/**
 * The actor's unit returns its assignment (退单) with a reason: a lead's
 * return goes to the centre, an assisting unit's drops out, a sub-dispatched
 * unit's goes back to the unit above.
 */
export async function returnCase(ctx: Ctx, props: ActionProps) {
  return transition(ctx, 'return', props, async ({ assignment, current }) => {
    await ctx.trx.updateTable('caseAssignments').set({ status: 'returned', returnedAt: ctx.now, returnReason: props.note!.trim() })
      .where('id', '=', assignment!.id).execute();
    const isLead = assignment!.role === 'lead';
    return { patch: isLead ? { returnCount: current.returnCount + 1 } : {}, data: { role: assignment!.role, unitId: assignment!.unitId } };
  });
}

/**
 * A handling unit dispatches down (二级派单) to units below it, which then
 * sign, return or reply up to it.
 * @throws INVALID_INPUT when a target is not strictly below the actor's unit.
 */
export async function subDispatchCase(ctx: Ctx, props: ActionProps & { unitIds: number[] }) {
  const targets = [...new Set(props.unitIds)];
  if (targets.length === 0) throw invalidInput('请选择下派单位', 'choose at least one unit');
  const own = await requireUnit(ctx.trx, ctx.actor.unitId);
  for (const id of targets) {
    const unit = await requireHandlingUnit(ctx.trx, id);
    if (unit.id === own.id || !unit.path.startsWith(own.path)) {
      throw invalidInput(`${unit.name}不是本单位的下级单位`, `${unit.name} is not below your unit`);
    }
  }
  return transition(ctx, 'subDispatch', props, async ({ current, assignment, assignments }) => {
    const busy = assignments.filter((a) => a.parentId === assignment!.id && targets.includes(a.unitId) && ['pending', 'signed'].includes(a.status));
    if (busy.length) throw invalidInput('该单位已在办理此工单', 'that unit is already working on this case');
    const rows = await ctx.trx.insertInto('caseAssignments').values(targets.map((unitId) => ({
      caseId: current.id, unitId, role: 'sub' as const, parentId: assignment!.id, status: 'pending',
      dispatchedAt: ctx.now, dispatchedBy: ctx.actor.userId, round: 1,
    }))).returning('id').execute();
    await startAssignmentClocks(ctx.trx, await loadDeadlineRules(ctx.trx), current, rows.map((r) => r.id), ctx.now);
    return { data: { unitIds: targets } };
  });
}

/** An assisting unit submits its input (协办意见) for the lead unit's reply. */
export async function submitInput(ctx: Ctx, props: ActionProps) {
  return transition(ctx, 'submitInput', props, async ({ assignment }) => {
    await ctx.trx.updateTable('caseAssignments').set({ status: 'input_submitted', inputContent: props.note!.trim(), inputAt: ctx.now })
      .where('id', '=', assignment!.id).execute();
  });
}

/** A sub-dispatched unit reports its result to the unit above it. */
export async function replyUp(ctx: Ctx, props: ActionProps) {
  return transition(ctx, 'replyUp', props, async ({ assignment }) => {
    await ctx.trx.updateTable('caseAssignments').set({ status: 'replied', inputContent: props.note!.trim(), inputAt: ctx.now })
      .where('id', '=', assignment!.id).execute();
  });
}
