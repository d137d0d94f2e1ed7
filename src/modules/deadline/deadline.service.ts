import type { Queryable, Trx } from '../../db/database.ts';
import type { CaseRow } from '../../db/schema.ts';
import type { WorkCalendar } from '../../domain/calendar.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  appliedPolicy, computeDue, deadlineState, selectPolicy,
  type AppliedPolicy, type Stage, type TimeLimitPolicy,
} from '../../domain/deadlines.ts';
import { categoryLineage } from '../calendar/time-limit.repository.ts';
import { configSnapshot, lineageOf, type CategoryFacts } from './config.cache.ts';

/**
 * Deadlines on cases: which policy applies, when each unit's clock runs out,
 * and the escalation rungs the sweeper will fire. Commands call these inside
 * their own transaction; the arithmetic itself is in src/domain/deadlines.ts.
 */

export interface LadderRung {
  level: string;
  afterWorkingHours: number;
}

export interface DeadlineRules {
  calendar: WorkCalendar;
  policies: TimeLimitPolicy[];
  ladder: LadderRung[];
  dueSoonWorkingHours: number;
  /** The category tree, when loaded with the rules: spares `dueFor` a lineage query. */
  categories?: ReadonlyMap<number, CategoryFacts>;
}

/**
 * The calendar, the active policies and the ladder, from the in-process copy
 * checked against `config_version` (one single-row read; a reload only after
 * a change). See config.cache.ts for why every process sees a change at once.
 */
export async function loadDeadlineRules(db: Queryable): Promise<DeadlineRules> {
  return (await configSnapshot(db)).rules;
}

/**
 * Calendar arithmetic that may reach a year whose holidays are not confirmed
 * yet. Such a deadline is not guessed: it stays unset, and the policy record
 * says which year is missing, until an administrator confirms that year.
 */
export function tryCalendar(fn: () => Date): { at: Date | null; unconfirmedYear?: number } {
  try {
    return { at: fn() };
  } catch (err) {
    if (err instanceof DomainError && err.code === 'CALENDAR_UNCONFIRMED') return { at: null, unconfirmedYear: Number(err.params.year) };
    throw err;
  }
}

/** The due instant of `stage` for this case, counted from `start`, with the policy that set it (null when the calendar is unconfirmed). */
export async function dueFor(db: Queryable, rules: DeadlineRules, c: Pick<CaseRow, 'type' | 'urgency' | 'channel' | 'categoryId'>, stage: Stage, start: Date) {
  const categoryIds = c.categoryId == null ? [] : (rules.categories && lineageOf(rules.categories, c.categoryId)) ?? await categoryLineage(db, c.categoryId);
  const policy = selectPolicy(rules.policies, { stage, type: c.type, urgency: c.urgency, channel: c.channel, categoryIds });
  const { at, unconfirmedYear } = tryCalendar(() => computeDue(rules.calendar, start, policy));
  return { due: at, policy: { ...appliedPolicy(policy), ...(unconfirmedYear ? { unconfirmedYear } : {}) } };
}

/**
 * Starts the sign and reply clocks of newly dispatched assignments. A unit
 * dispatched down to (二级派单) gets its deadline within its parent's.
 */
export async function startAssignmentClocks(trx: Trx, rules: DeadlineRules, c: CaseRow, assignmentIds: number[], now: Date) {
  if (assignmentIds.length === 0) return;
  const sign = await dueFor(trx, rules, c, 'sign', now);
  const reply = await dueFor(trx, rules, c, 'reply', now);
  const rows = await trx.selectFrom('caseAssignments as a')
    .leftJoin('caseAssignments as p', 'p.id', 'a.parentId')
    .select(['a.id', 'p.replyDueAt as parentDue'])
    .where('a.id', 'in', assignmentIds).execute();
  const earlier = (a: Date | null, b: Date | null) => (a && b ? (a < b ? a : b) : a ?? b);
  for (const row of rows) {
    const replyDue = earlier(reply.due, row.parentDue);
    const signDue = earlier(sign.due, replyDue);
    await setAssignmentDue(trx, rules, c.id, row.id, { signDue, signPolicy: sign.policy, replyDue, replyPolicy: reply.policy });
  }
}

/**
 * Writes an assignment's deadlines and replaces its unfired alarms: signing
 * has one rung (urge at expiry); replying has the whole ladder.
 */
export async function setAssignmentDue(
  trx: Trx, rules: DeadlineRules, caseId: number, assignmentId: number,
  d: { signDue?: Date | null; signPolicy?: AppliedPolicy; replyDue: Date | null; replyPolicy?: AppliedPolicy },
) {
  const withSign = d.signDue !== undefined;
  await trx.updateTable('caseAssignments').set({
    ...(withSign ? { signDueAt: d.signDue, signPolicy: JSON.stringify(d.signPolicy) } : {}),
    replyDueAt: d.replyDue,
    ...(d.replyPolicy ? { replyPolicy: JSON.stringify(d.replyPolicy) } : {}),
  }).where('id', '=', assignmentId).execute();
  await trx.deleteFrom('deadlineAlarms').where('assignmentId', '=', assignmentId).where('firedAt', 'is', null)
    .where('stage', 'in', withSign ? ['sign', 'reply'] : ['reply']).execute();
  const replyDue = d.replyDue;
  const alarms = [
    ...(d.signDue ? [{ stage: 'sign' as const, level: 'urge', dueAt: d.signDue, fireAt: d.signDue }] : []),
    ...(replyDue ? rules.ladder.map((r) => ({
      stage: 'reply' as const, level: r.level, dueAt: replyDue,
      fireAt: tryCalendar(() => (r.afterWorkingHours > 0 ? rules.calendar.addWorkingHours(replyDue, r.afterWorkingHours) : replyDue)).at,
    })) : []),
  ].filter((a): a is typeof a & { fireAt: Date } => a.fireAt !== null);
  if (alarms.length === 0) return;
  await trx.insertInto('deadlineAlarms')
    .values(alarms.map((a) => ({ ...a, caseId, assignmentId })))
    .onConflict((oc) => oc.columns(['assignmentId', 'stage', 'level', 'dueAt']).doNothing())
    .execute();
}

/** A drafted reply stops the lead unit's reply clock (the centre's review has its own). */
export async function stopReplyClock(trx: Trx, assignmentId: number) {
  await trx.deleteFrom('deadlineAlarms').where('assignmentId', '=', assignmentId).where('stage', '=', 'reply').where('firedAt', 'is', null).execute();
}

/** A reply sent back for revision puts the lead unit's clock back on its standing deadline. */
export async function restartReplyClock(trx: Trx, caseId: number, assignmentId: number) {
  const a = await trx.selectFrom('caseAssignments').select('replyDueAt').where('id', '=', assignmentId).executeTakeFirstOrThrow();
  if (a.replyDueAt) await setAssignmentDue(trx, await loadDeadlineRules(trx), caseId, assignmentId, { replyDue: a.replyDueAt });
}

/** Signing stops the signing clock: its unfired alarm is dropped. */
export async function stopSignClock(trx: Trx, assignmentId: number) {
  await trx.deleteFrom('deadlineAlarms').where('assignmentId', '=', assignmentId).where('stage', '=', 'sign').where('firedAt', 'is', null).execute();
}

/** The deadline view of one assignment for the API: due instants and their yellow/red state now. */
export function presentDeadline(rules: DeadlineRules, due: Date | null, done: boolean, now: Date, paused: boolean, policy?: unknown) {
  const unconfirmedYear = (policy as { unconfirmedYear?: number } | null)?.unconfirmedYear;
  if (!due) return unconfirmedYear ? { dueAt: null, state: 'calendar_unconfirmed' as const, unconfirmedYear } : null;
  if (done) return { dueAt: due, state: 'done' as const };
  if (paused) return { dueAt: due, state: 'paused' as const };
  try {
    const s = deadlineState(due, now, rules.calendar, rules.dueSoonWorkingHours);
    return { dueAt: due, state: s.state, remainingWorkingHours: Math.round((s.remainingWorkingMs / 3_600_000) * 10) / 10 };
  } catch {
    return { dueAt: due, state: 'unknown' as const };
  }
}
