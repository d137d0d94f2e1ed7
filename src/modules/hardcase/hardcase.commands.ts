import type { CaseRow } from '../../db/schema.ts';
import { DomainError, invalidInput } from '../../domain/errors.ts';
import {
  closeOutBlocked, decideHardCase, hardCaseActionLabels, hardCaseKinds,
  type HardCaseAction, type HardCaseFacts, type HardCaseKind,
} from '../../domain/hardcase.ts';
import type { CaseState } from '../../domain/lifecycle.ts';
import type { Ctx } from '../../http/context.ts';
import * as cases from '../case/case.repository.ts';
import { requireUnit } from '../org/org.repository.ts';
import { appendEvent } from '../outbox/outbox.ts';
import * as hard from './hardcase.repository.ts';

/**
 * Hard and long-standing cases (疑难、历史遗留; 理旧账): one command per
 * action. Each locks the case, lets domain/hardcase.ts decide, writes its
 * change, one case_history entry (the case's state unchanged) and one outbox
 * event, all in the caller's transaction. The case row itself is not
 * changed, so its version stays: hard-case work never races the case's
 * handling.
 */

export interface MilestoneInput {
  title: string;
  /** 'YYYY-MM-DD', a civil date in Asia/Shanghai: the milestone is due by the end of that day. */
  dueDate: string;
}

export interface OpenHardCase {
  caseId: number;
  kind: HardCaseKind;
  responsibleLeaderId: number;
  plan: string;
  leadUnitId: number;
  memberUnitIds?: number[];
  milestones?: MilestoneInput[];
  note?: string;
}

interface Effect {
  note?: string | null;
  data: Record<string, unknown>;
}

/**
 * The spine of every hard-case command: access check and case lock, the
 * rules' decision, the action's own effect, then history and outbox.
 * @throws CASE_NOT_FOUND, NOT_FOUND, CONFLICT, PRECONDITION_FAILED, ROLE_NOT_PERMITTED, NOT_ASSIGNED, NOT_RESPONSIBLE_LEADER
 */
async function act(
  ctx: Ctx,
  action: HardCaseAction,
  historyAction: string,
  caseId: number,
  apply: (c: CaseRow, hc: HardCaseFacts | undefined) => Promise<Effect>,
): Promise<void> {
  const current = await cases.lockCaseForUpdate(ctx.trx, ctx.actor, caseId);
  const facts = await hard.loadHardCaseFacts(ctx.trx, caseId);
  const decision = decideHardCase(action, ctx.actor, current.state as CaseState, facts);
  if (!decision.ok) {
    const label = hardCaseActionLabels[action];
    const params: Record<string, string> = decision.reason
      ? { detail: decision.reason.zh, detail_en: decision.reason.en }
      : { action: label.zh, action_en: label.en };
    throw new DomainError(decision.code, params, { action });
  }
  const { note = null, data } = await apply(current, facts);
  await cases.appendHistory(ctx.trx, {
    caseId, at: ctx.now, actorUserId: ctx.actor.userId, actorUnitId: ctx.actor.unitId,
    action: historyAction, fromState: current.state, toState: current.state, note, data,
  });
  await appendEvent(ctx.trx, {
    type: historyAction, caseId,
    payload: { number: current.number, state: current.state, actorUserId: ctx.actor.userId, note, ...data },
  });
}

const clean = (s: string | undefined) => s?.trim() || null;

function checkDate(date: string) {
  const d = new Date(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) {
    throw invalidInput(`日期格式应为YYYY-MM-DD：${date}`, `a date must be YYYY-MM-DD: ${date}`);
  }
}

function checkMilestones(milestones: readonly MilestoneInput[]) {
  for (const m of milestones) {
    if (!m.title.trim()) throw invalidInput('节点名称不能为空', 'a milestone needs a title');
    checkDate(m.dueDate);
  }
}

/**
 * Makes a case a hard case (列为疑难事项): names the responsible leader, the
 * task force (one lead unit and members), the plan and its milestones. The
 * task-force units see the case from now on, like assigned units.
 * @throws INVALID_INPUT when the leader is not an active leader, units repeat or the plan is empty; UNIT_NOT_FOUND; CONFLICT when already a hard case
 */
export async function openHardCase(ctx: Ctx, props: OpenHardCase) {
  const members = [...new Set(props.memberUnitIds ?? [])];
  const milestones = props.milestones ?? [];
  if (!hardCaseKinds.includes(props.kind)) throw invalidInput(`类型应为 ${hardCaseKinds.join('、')}`);
  if (!props.plan.trim()) throw invalidInput('须填写化解方案', 'the plan must not be empty');
  if (members.includes(props.leadUnitId)) {
    throw invalidInput('牵头单位不能同时是成员单位', 'the lead unit cannot also be a member unit');
  }
  checkMilestones(milestones);
  await act(ctx, 'open', 'hardcase.open', props.caseId, async () => {
    const leader = await ctx.trx.selectFrom('users').select(['id', 'roles', 'active', 'displayName'])
      .where('id', '=', props.responsibleLeaderId).executeTakeFirst();
    if (!leader || !leader.active || !leader.roles.includes('leader')) {
      throw invalidInput('责任领导须为在职的领导账号', 'the responsible leader must be an active user with the leader role');
    }
    for (const unitId of [props.leadUnitId, ...members]) {
      const unit = await requireUnit(ctx.trx, unitId);
      if (!unit.active) throw new DomainError('UNIT_NOT_FOUND', { detail: String(unitId) });
    }
    await hard.insertHardCase(ctx.trx, {
      caseId: props.caseId, kind: props.kind, responsibleLeaderId: leader.id, plan: props.plan.trim(),
      openedBy: ctx.actor.userId, openedAt: ctx.now,
      taskForce: [{ unitId: props.leadUnitId, role: 'lead' }, ...members.map((unitId) => ({ unitId, role: 'member' as const }))],
    });
    const added = await hard.insertMilestones(ctx.trx, props.caseId, milestones.map((m) => ({ title: m.title.trim(), dueDate: m.dueDate })));
    return {
      note: clean(props.note),
      data: {
        kind: props.kind, responsibleLeaderId: leader.id, responsibleLeaderName: leader.displayName,
        leadUnitId: props.leadUnitId, memberUnitIds: members, milestones: added,
      },
    };
  });
}

/** Adds milestones to the plan (e.g. after a task-force meeting). */
export async function addMilestone(ctx: Ctx, props: { caseId: number; title: string; dueDate: string; note?: string }) {
  checkMilestones([props]);
  let milestoneId = 0;
  await act(ctx, 'addMilestone', 'hardcase.milestone', props.caseId, async () => {
    const [m] = await hard.insertMilestones(ctx.trx, props.caseId, [{ title: props.title.trim(), dueDate: props.dueDate }]);
    milestoneId = m.id;
    return { note: clean(props.note), data: { milestoneId: m.id, title: m.title, dueDate: m.dueDate } };
  });
  return { milestoneId };
}

/**
 * Marks a milestone done.
 * @throws NOT_FOUND when the milestone is not this case's; CONFLICT when it is already done
 */
export async function completeMilestone(ctx: Ctx, props: { caseId: number; milestoneId: number; note?: string }) {
  await act(ctx, 'completeMilestone', 'hardcase.milestoneDone', props.caseId, async () => {
    const m = await hard.findMilestone(ctx.trx, props.caseId, props.milestoneId);
    if (!m) throw new DomainError('NOT_FOUND');
    if (m.doneAt) throw new DomainError('CONFLICT', { detail: `节点“${m.title}”已完成`, detail_en: `milestone "${m.title}" is already done` });
    await hard.markMilestoneDone(ctx.trx, m.id, ctx.actor.userId, ctx.now);
    return { note: clean(props.note), data: { milestoneId: m.id, title: m.title, dueDate: m.dueDate } };
  });
}

/**
 * A progress report (进展报告) from a task-force unit or the responsible
 * leader, optionally about one milestone.
 * @throws NOT_FOUND when the milestone is not this case's
 */
export async function reportProgress(ctx: Ctx, props: { caseId: number; content: string; milestoneId?: number }) {
  const content = props.content.trim();
  if (!content) throw invalidInput('进展内容不能为空', 'the report must not be empty');
  let reportId = 0;
  await act(ctx, 'report', 'hardcase.report', props.caseId, async () => {
    if (props.milestoneId !== undefined && !(await hard.findMilestone(ctx.trx, props.caseId, props.milestoneId))) {
      throw new DomainError('NOT_FOUND');
    }
    const r = await hard.insertReport(ctx.trx, {
      caseId: props.caseId, at: ctx.now, authorId: ctx.actor.userId, unitId: ctx.actor.unitId,
      content, milestoneId: props.milestoneId ?? null,
    });
    reportId = r.id;
    return { note: content, data: { reportId: r.id, unitId: ctx.actor.unitId, milestoneId: props.milestoneId ?? null } };
  });
  return { reportId };
}

/**
 * Close-out (销号) by the responsible leader, and only by them: every
 * milestone done, or a note saying why it is closed out anyway.
 * @throws NOT_RESPONSIBLE_LEADER for anyone else; PRECONDITION_FAILED while milestones are open and there is no note
 */
export async function closeOutHardCase(ctx: Ctx, props: { caseId: number; note?: string }) {
  const note = clean(props.note);
  await act(ctx, 'closeOut', 'hardcase.closeOut', props.caseId, async () => {
    const open = await hard.countOpenMilestones(ctx.trx, props.caseId);
    const blocked = closeOutBlocked(open, note);
    if (blocked) throw new DomainError('PRECONDITION_FAILED', { detail: blocked.zh, detail_en: blocked.en }, { openMilestones: open });
    await hard.closeOut(ctx.trx, props.caseId, ctx.actor.userId, ctx.now, note);
    return { note, data: { openMilestones: open } };
  });
}
