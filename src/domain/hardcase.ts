/**
 * Hard and long-standing cases (疑难、历史遗留; "clearing old accounts" 理旧账)
 * as data: who may open one, keep its plan, report on it and close it out
 * (销号). A hard case runs beside the case's lifecycle and never moves it.
 *
 * Pure: no I/O. Tested in hardcase.test.ts.
 */
import type { DomainErrorCode } from './errors.ts';
import type { CaseState } from './lifecycle.ts';
import type { Role } from './roles.ts';

export const hardCaseKinds = ['hard', 'legacy'] as const; // 疑难 / 历史遗留
export type HardCaseKind = (typeof hardCaseKinds)[number];
export const hardCaseStatuses = ['open', 'closed_out'] as const; // 推进中 / 已销号
export type HardCaseStatus = (typeof hardCaseStatuses)[number];
export type TaskForceRole = 'lead' | 'member'; // 牵头单位 / 成员单位

export const hardCaseActions = ['open', 'addMilestone', 'completeMilestone', 'report', 'closeOut'] as const;
export type HardCaseAction = (typeof hardCaseActions)[number];

/**
 * The parties who may act:
 * - `supervisor`: any supervisor (督办员);
 * - `anyLeader`: any city leader;
 * - `responsibleLeader`: the leader named on the hard case (责任领导);
 * - `taskForce`: a handler or head of a unit in the task force (专班).
 */
export type Party = 'supervisor' | 'anyLeader' | 'responsibleLeader' | 'taskForce';

export interface HardCaseRule {
  parties: readonly Party[];
  /** Whether the hard case must exist and still be open (not closed out). */
  needsOpenHardCase: boolean;
}

export const hardCaseRules: Record<HardCaseAction, HardCaseRule> = {
  open: { parties: ['supervisor', 'anyLeader'], needsOpenHardCase: false },
  addMilestone: { parties: ['supervisor', 'responsibleLeader', 'taskForce'], needsOpenHardCase: true },
  completeMilestone: { parties: ['supervisor', 'responsibleLeader', 'taskForce'], needsOpenHardCase: true },
  report: { parties: ['responsibleLeader', 'taskForce'], needsOpenHardCase: true },
  closeOut: { parties: ['responsibleLeader'], needsOpenHardCase: true },
};

/** Case states that cannot become hard cases: nothing left to follow up. */
export const statesNeverHard: readonly CaseState[] = ['rejected', 'merged'];

const taskForceRoles: readonly Role[] = ['handler', 'head'];

export interface HardCaseActor {
  userId: number;
  unitId: number;
  roles: readonly Role[];
}

/** What the rules need to know about the hard case (absent before it is opened). */
export interface HardCaseFacts {
  status: HardCaseStatus;
  responsibleLeaderId: number;
  taskForceUnitIds: readonly number[];
}

export type HardCaseDecision =
  | { ok: true }
  | { ok: false; code: DomainErrorCode; reason?: { zh: string; en: string } };

function isParty(party: Party, actor: HardCaseActor, hc: HardCaseFacts | undefined): boolean {
  switch (party) {
    case 'supervisor':
      return actor.roles.includes('supervisor');
    case 'anyLeader':
      return actor.roles.includes('leader');
    case 'responsibleLeader':
      return !!hc && actor.roles.includes('leader') && hc.responsibleLeaderId === actor.userId;
    case 'taskForce':
      return !!hc && hc.taskForceUnitIds.includes(actor.unitId) && actor.roles.some((r) => taskForceRoles.includes(r));
  }
}

/**
 * Whether `actor` may take `action` on the case's hard case now. Checks the
 * case state (open only), whether the hard case exists and is still open,
 * then who acts. A leader who is not the responsible one gets
 * NOT_RESPONSIBLE_LEADER; a close-out by anyone else too, so the refusal
 * names the one person who may; unit staff outside the task force get
 * NOT_ASSIGNED; everyone else ROLE_NOT_PERMITTED.
 */
export function decideHardCase(
  action: HardCaseAction,
  actor: HardCaseActor,
  caseState: CaseState,
  hc: HardCaseFacts | undefined,
): HardCaseDecision {
  const rule = hardCaseRules[action];
  if (action === 'open') {
    if (hc) return { ok: false, code: 'CONFLICT', reason: { zh: '该工单已是疑难事项', en: 'the case is already a hard case' } };
    if (statesNeverHard.includes(caseState)) {
      return {
        ok: false, code: 'PRECONDITION_FAILED',
        reason: { zh: '不予受理或已并单的工单不能列为疑难事项', en: 'a rejected or merged case cannot become a hard case' },
      };
    }
  } else {
    if (!hc) return { ok: false, code: 'NOT_FOUND' };
    if (rule.needsOpenHardCase && hc.status !== 'open') {
      return { ok: false, code: 'PRECONDITION_FAILED', reason: { zh: '该疑难事项已销号', en: 'the hard case has been closed out' } };
    }
  }
  if (rule.parties.some((p) => isParty(p, actor, hc))) return { ok: true };
  if (action === 'closeOut') return { ok: false, code: 'NOT_RESPONSIBLE_LEADER' };
  if (rule.parties.includes('responsibleLeader') && actor.roles.includes('leader')) {
    return { ok: false, code: 'NOT_RESPONSIBLE_LEADER' };
  }
  if (rule.parties.includes('taskForce') && actor.roles.some((r) => taskForceRoles.includes(r))) {
    return { ok: false, code: 'NOT_ASSIGNED' };
  }
  return { ok: false, code: 'ROLE_NOT_PERMITTED' };
}

/** Every hard-case action `actor` may take now (what the UI shows as buttons). */
export function allowedHardCaseActions(actor: HardCaseActor, caseState: CaseState, hc: HardCaseFacts | undefined): HardCaseAction[] {
  return hardCaseActions.filter((a) => decideHardCase(a, actor, caseState, hc).ok);
}

/**
 * Close-out (销号) needs every milestone done, or the leader's note saying
 * why the case is closed out anyway.
 */
export function closeOutBlocked(openMilestones: number, note: string | null): { zh: string; en: string } | undefined {
  if (openMilestones === 0 || note) return undefined;
  return {
    zh: `还有${openMilestones}个节点未完成，销号须写明理由`,
    en: `${openMilestones} milestone(s) are still open; closing out needs a note saying why`,
  };
}

export const hardCaseKindLabels: Record<HardCaseKind, { zh: string; en: string }> = {
  hard: { zh: '疑难', en: 'Hard case' },
  legacy: { zh: '历史遗留', en: 'Long-standing case' },
};

export const hardCaseStatusLabels: Record<HardCaseStatus, { zh: string; en: string }> = {
  open: { zh: '推进中', en: 'In progress' },
  closed_out: { zh: '已销号', en: 'Closed out' },
};

export const hardCaseActionLabels: Record<HardCaseAction, { zh: string; en: string }> = {
  open: { zh: '列为疑难事项', en: 'Open a hard case' },
  addMilestone: { zh: '添加节点', en: 'Add a milestone' },
  completeMilestone: { zh: '完成节点', en: 'Complete a milestone' },
  report: { zh: '报送进展', en: 'Report progress' },
  closeOut: { zh: '销号', en: 'Close out' },
};
