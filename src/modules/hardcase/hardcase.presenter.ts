import type { Queryable } from '../../db/database.ts';
import type { CaseRow } from '../../db/schema.ts';
import { shanghaiDate } from '../../domain/calendar.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  allowedHardCaseActions, hardCaseKindLabels, hardCaseStatusLabels,
} from '../../domain/hardcase.ts';
import type { CaseState } from '../../domain/lifecycle.ts';
import type { SessionActor } from '../../http/context.ts';
import * as hard from './hardcase.repository.ts';

/**
 * What leaves the server about a hard case: the plan, the task force, the
 * milestones with their overdue flags (past the due date in Shanghai), the
 * reports, and what the caller may do next. Nothing about the citizen.
 * @throws NOT_FOUND when the (visible) case is not a hard case
 */
export async function presentHardCase(db: Queryable, c: CaseRow, actor: SessionActor, now: Date) {
  const h = await hard.findHardCase(db, c.id);
  if (!h) throw new DomainError('NOT_FOUND');
  const [taskForce, milestones, reports] = await Promise.all([
    hard.loadTaskForce(db, c.id), hard.loadMilestones(db, c.id), hard.loadReports(db, c.id),
  ]);
  const today = shanghaiDate(now);
  const facts = { status: h.status, responsibleLeaderId: h.responsibleLeaderId, taskForceUnitIds: taskForce.map((t) => t.unitId) };
  return {
    caseId: c.id,
    number: c.number,
    title: c.title,
    state: c.state,
    kind: h.kind,
    kindLabel: hardCaseKindLabels[h.kind],
    status: h.status,
    statusLabel: hardCaseStatusLabels[h.status],
    plan: h.plan,
    responsibleLeader: { id: h.responsibleLeaderId, name: h.responsibleLeaderName },
    openedAt: h.openedAt,
    openedBy: { id: h.openedBy, name: h.openedByName },
    closedOut: h.closedOutAt
      ? { at: h.closedOutAt, by: { id: h.closedOutBy, name: h.closedOutByName }, note: h.closeOutNote }
      : null,
    taskForce,
    milestones: milestones.map((m) => ({
      id: m.id, title: m.title, dueDate: m.dueDate, done: m.doneAt !== null, doneAt: m.doneAt,
      doneBy: m.doneBy ? { id: m.doneBy, name: m.doneByName } : null,
      overdue: m.doneAt === null && m.dueDate < today,
    })),
    reports,
    allowedActions: allowedHardCaseActions(actor, c.state as CaseState, facts),
  };
}
export type HardCaseView = Awaited<ReturnType<typeof presentHardCase>>;
