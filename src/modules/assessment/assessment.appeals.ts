import { appealKindLabels, type AppealKind } from '../../domain/assessment.ts';
import { DomainError } from '../../domain/errors.ts';
import { hasPermission, type Permission } from '../../domain/roles.ts';
import type { Ctx } from '../../http/context.ts';
import { appendHistory, lockCaseForUpdate } from '../case/case.repository.ts';
import { findBlockingAppeal, lockAppealForUpdate, unitHandledCase } from './assessment.repository.ts';

/**
 * 考核申诉: a unit appeals how one case counts in its assessment; the centre
 * accepts or rejects. Each filing and decision is a row of
 * assessment_appeals and an entry in the case history (append-only), so the
 * history tells the whole story and the scores (assessment.figures.ts) follow
 * the accepted appeals. The statistics ignore these entries: they change no
 * counter (src/modules/stats/stats.facts.ts reads named actions only).
 */
export const appealHistoryActions = {
  filed: 'assessmentAppealFiled',
  accepted: 'assessmentAppealAccepted',
  rejected: 'assessmentAppealRejected',
} as const;

function requirePermission(ctx: Ctx, p: Permission) {
  if (!hasPermission(ctx.actor.roles, p)) throw new DomainError('FORBIDDEN');
}

export interface FileAppeal {
  caseId: number;
  kind: AppealKind;
  reason: string;
}

/**
 * The actor's unit appeals how a case it (or a unit below it) handled counts.
 * @throws FORBIDDEN without `assessment.appeal`; CASE_NOT_FOUND when the case is not visible;
 *   PRECONDITION_FAILED when the unit never handled it; CONFLICT when an appeal of the unit on it is open,
 *   or one of the same kind was already accepted.
 */
export async function fileAppeal(ctx: Ctx, p: FileAppeal) {
  requirePermission(ctx, 'assessment.appeal');
  const c = await lockCaseForUpdate(ctx.trx, ctx.actor, p.caseId);
  if (!(await unitHandledCase(ctx.trx, c.id, ctx.actor.unitPath))) {
    throw new DomainError('PRECONDITION_FAILED', {
      detail: `${ctx.actor.unitName}及其下级单位未办理过工单 ${c.number}，不能就其考核申诉`,
      detail_en: `${ctx.actor.unitName} and the units below it never handled case ${c.number}, so they cannot appeal how it counts`,
    });
  }
  const blocking = await findBlockingAppeal(ctx.trx, c.id, ctx.actor.unitId, p.kind);
  if (blocking) {
    throw new DomainError('CONFLICT', blocking.status === 'filed'
      ? { detail: `本单位对工单 ${c.number} 已有待处理的申诉（#${blocking.id}）`, detail_en: `your unit already has an open appeal (#${blocking.id}) on case ${c.number}` }
      : { detail: `本单位对工单 ${c.number} 的同类申诉已被采纳（#${blocking.id}）`, detail_en: `an appeal of this kind on case ${c.number} was already accepted (#${blocking.id})` });
  }
  const appeal = await ctx.trx.insertInto('assessmentAppeals')
    .values({ caseId: c.id, unitId: ctx.actor.unitId, kind: p.kind, reason: p.reason, filedBy: ctx.actor.userId, filedAt: ctx.now })
    .returning(['id', 'status']).executeTakeFirstOrThrow();
  await appendHistory(ctx.trx, {
    caseId: c.id, at: ctx.now, actorUserId: ctx.actor.userId, actorUnitId: ctx.actor.unitId,
    action: appealHistoryActions.filed, fromState: c.state, toState: c.state, note: p.reason,
    data: { appealId: appeal.id, kind: p.kind, kindLabel: appealKindLabels[p.kind].zh, unitId: ctx.actor.unitId },
  });
  return appeal;
}

export interface DecideAppeal {
  appealId: number;
  decision: 'accept' | 'reject';
  note: string;
}

/**
 * The centre accepts or rejects an open appeal, with a note.
 * @throws FORBIDDEN without `assessment.decide`; NOT_FOUND for no such appeal; CONFLICT when it was already decided.
 */
export async function decideAppeal(ctx: Ctx, p: DecideAppeal) {
  requirePermission(ctx, 'assessment.decide');
  const appeal = await lockAppealForUpdate(ctx.trx, p.appealId);
  if (appeal.status !== 'filed') {
    const was = appeal.status === 'accepted' ? { zh: '采纳', en: 'accepted' } : { zh: '驳回', en: 'rejected' };
    throw new DomainError('CONFLICT', { detail: `申诉 #${appeal.id} 已被${was.zh}，不能再次处理`, detail_en: `appeal #${appeal.id} was already ${was.en}` });
  }
  const status = p.decision === 'accept' ? 'accepted' : 'rejected';
  await ctx.trx.updateTable('assessmentAppeals')
    .set({ status, decidedBy: ctx.actor.userId, decidedAt: ctx.now, decisionNote: p.note })
    .where('id', '=', appeal.id).execute();
  const c = await ctx.trx.selectFrom('cases').select('state').where('id', '=', appeal.caseId).executeTakeFirstOrThrow();
  await appendHistory(ctx.trx, {
    caseId: appeal.caseId, at: ctx.now, actorUserId: ctx.actor.userId, actorUnitId: ctx.actor.unitId,
    action: appealHistoryActions[status], fromState: c.state, toState: c.state, note: p.note,
    data: { appealId: appeal.id, kind: appeal.kind, unitId: appeal.unitId },
  });
  return { id: appeal.id, status };
}
