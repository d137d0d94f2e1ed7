import { stateLabels, type CaseState } from '../../domain/lifecycle.ts';
import { channelLabels, type Channel } from '../case/case.vocabulary.ts';
import type { CallListRow, TaskListRow } from './hotline.repository.ts';
import * as repo from './hotline.repository.ts';
import { ANSWER_WITHIN_SECONDS, outcomeLabels, waitSeconds } from './hotline.rules.ts';

/** What leaves the server about callers, calls and call-back tasks (desk staff only). */

type CallerCases = Awaited<ReturnType<typeof repo.callerCases>>;
type CallerCalls = Awaited<ReturnType<typeof repo.callerCalls>>;

export function presentCaller(phone: string, c: CallerCases, calls: CallerCalls) {
  return {
    phone,
    lastName: c.lastName,
    total: c.total,
    openCount: c.open,
    cases: c.rows.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      state: r.state,
      stateLabel: stateLabels[r.state as CaseState],
      channel: r.channel,
      channelLabel: channelLabels[r.channel as Channel],
      type: r.type,
      receivedAt: r.receivedAt,
      closedAt: r.closedAt,
      leadUnit: r.leadUnitId !== null ? { id: r.leadUnitId, name: r.leadUnitName ?? '' } : null,
    })),
    recentCalls: calls.calls.map((k) => ({ callId: k.callId, offeredAt: k.offeredAt, outcome: k.outcome, outcomeLabel: outcomeLabels[k.outcome] })),
    openCallbackTasks: calls.tasks.map((t) => ({ id: t.id, callId: t.callId, dueAt: t.dueAt })),
  };
}

export function presentCall(r: CallListRow) {
  const wait = waitSeconds(r);
  return {
    callId: r.callId,
    caller: r.callerPhone,
    offeredAt: r.offeredAt,
    answeredAt: r.answeredAt,
    endedAt: r.endedAt,
    outcome: r.outcome,
    outcomeLabel: outcomeLabels[r.outcome],
    waitSeconds: wait,
    answeredWithin15s: wait !== null && wait <= ANSWER_WITHIN_SECONDS,
    agent: r.agentUserId !== null ? { id: r.agentUserId, name: r.agentName ?? '' } : null,
    caseIds: r.caseIds,
    callbackTask: r.taskId !== null ? { id: r.taskId, status: r.taskStatus, dueAt: r.taskDueAt } : null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function presentTask(r: TaskListRow, now: Date) {
  return {
    id: r.id,
    callId: r.callId,
    phone: r.phone,
    createdAt: r.createdAt,
    dueAt: r.dueAt,
    overdue: r.status === 'open' && r.dueAt.getTime() < now.getTime(),
    status: r.status,
    call: { offeredAt: r.offeredAt, endedAt: r.endedAt, outcome: r.outcome, outcomeLabel: outcomeLabels[r.outcome] },
    doneBy: r.doneBy !== null ? { id: r.doneBy, name: r.doneByName ?? '' } : null,
    doneAt: r.doneAt,
    outcomeNote: r.outcomeNote,
    caseId: r.caseId,
  };
}
