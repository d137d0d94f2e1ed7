import type { CaseRow, CaseUpdate } from '../../db/schema.ts';
import { DomainError, invalidInput } from '../../domain/errors.ts';
import {
  actionLabels, decide, lifecycle, stateLabels,
  type AssignmentSnapshot, type CaseAction, type CaseState, type TransitionInput,
} from '../../domain/lifecycle.ts';
import type { Ctx } from '../../http/context.ts';
import { appendEvent } from '../outbox/outbox.ts';
import { refreshCaseSearch } from '../search/search.repository.ts';
import * as cases from './case.repository.ts';

/** What every case action receives besides its own fields. */
export interface ActionProps {
  caseId: number;
  /** The version the user saw; a different current version means someone else acted first. */
  version: number;
  note?: string;
}

export interface TransitionState {
  current: CaseRow;
  assignment: AssignmentSnapshot | undefined;
  assignments: cases.AssignmentView[];
  to: CaseState;
}

export interface Effect {
  patch?: CaseUpdate;
  /** Extra facts for the history entry and the domain event. */
  data?: Record<string, unknown>;
}

/**
 * The shared spine of every case command: access check and row lock, version
 * check, the lifecycle's decision, the action's own effect, then the new
 * state, one history entry and one outbox event, all in the caller's
 * transaction.
 * @throws CASE_NOT_FOUND, STALE_VERSION, ACTION_NOT_ALLOWED, ROLE_NOT_PERMITTED, NOT_ASSIGNED, PRECONDITION_FAILED, INVALID_INPUT
 */
export async function transition(
  ctx: Ctx,
  action: CaseAction,
  props: ActionProps,
  apply: (t: TransitionState) => Promise<Effect | void> = async () => {},
  input: TransitionInput = {},
): Promise<CaseRow> {
  const current = await cases.lockCaseForUpdate(ctx.trx, ctx.actor, props.caseId);
  if (current.version !== props.version) throw new DomainError('STALE_VERSION');
  const assignments = await cases.loadAssignments(ctx.trx, props.caseId);
  const flags = await cases.loadClockFlags(ctx.trx, props.caseId);
  const decision = decide(cases.toSnapshot(current, assignments, flags), action, ctx.actor, input);
  if (!decision.ok) throw refusal(decision, action, current.state as CaseState);
  const note = props.note?.trim() || null;
  if (lifecycle[action].note === 'required' && !note) {
    throw invalidInput(`“${actionLabels[action].zh}”需要填写说明`, `"${actionLabels[action].en}" needs a note`);
  }
  const effect = (await apply({ current, assignment: decision.assignment, assignments, to: decision.to })) ?? {};
  const updated = await cases.updateCase(ctx.trx, current.id, { ...effect.patch, state: decision.to }, current.version);
  const data = { ...effect.data, ...(decision.assignment ? { assignmentId: decision.assignment.id } : {}) };
  await cases.appendHistory(ctx.trx, {
    caseId: current.id, at: ctx.now, actorUserId: ctx.actor.userId, actorUnitId: ctx.actor.unitId,
    action, fromState: current.state, toState: decision.to, note, data,
  });
  await appendEvent(ctx.trx, {
    type: `case.${action}`, caseId: current.id, at: ctx.now,
    payload: { number: current.number, from: current.state, to: decision.to, actorUserId: ctx.actor.userId, note, ...data },
  });
  // The search document follows each change of searchable text, in this transaction (docs/search.md).
  if (note || effect.patch?.title !== undefined || effect.patch?.content !== undefined || effect.patch?.replyContent !== undefined) {
    await refreshCaseSearch(ctx.trx, current.id);
  }
  return updated;
}

function refusal(decision: Extract<ReturnType<typeof decide>, { ok: false }>, action: CaseAction, state: CaseState) {
  const actionZh = actionLabels[action].zh;
  const actionEn = actionLabels[action].en;
  const details = { action, state, allowedActions: decision.allowed };
  if (decision.code === 'ACTION_NOT_ALLOWED') {
    return new DomainError(
      'ACTION_NOT_ALLOWED',
      {
        state: stateLabels[state].zh, state_en: stateLabels[state].en, action: actionZh, action_en: actionEn,
        allowed: decision.allowed.map((a) => actionLabels[a].zh).join('、') || '无',
        allowed_en: decision.allowed.map((a) => actionLabels[a].en).join(', ') || 'none',
      },
      details,
    );
  }
  if (decision.code === 'PRECONDITION_FAILED' && decision.failure) {
    return new DomainError('PRECONDITION_FAILED', { detail: decision.failure.zh, detail_en: decision.failure.en }, details);
  }
  return new DomainError(decision.code, { action: actionZh, action_en: actionEn }, details);
}
