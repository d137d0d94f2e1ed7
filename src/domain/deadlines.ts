/**
 * Time limits (限时办结) as data → deadlines and their state. Pure: the
 * policy rows, the calendar and the clock are passed in, nothing is read here.
 *
 * A policy row says "at this stage, for appeals matching these criteria, the
 * limit is N working days / working hours / working minutes". Criteria left
 * null match anything; each stage has a catch-all row (all criteria null),
 * so a matching row always exists unless an administrator broke that rule.
 */
import { formatShanghai, shanghaiDate, type WorkCalendar } from './calendar.ts';
import { DomainError, invalidInput } from './errors.ts';

/** The clocks of an appeal: 登记 register, 签收 sign, 答复 reply, 审核 review, 回访 callback. */
export const stages = ['register', 'sign', 'reply', 'review', 'callback'] as const;
export type Stage = (typeof stages)[number];

/**
 * `workdays` follow the legal counting rule (from the day after, to 24:00 of
 * the N-th working day); `hours` and `minutes` count working time only
 * (office hours of working days), for urgent and critical appeals.
 */
export const limitUnits = ['workdays', 'hours', 'minutes'] as const;
export type LimitUnit = (typeof limitUnits)[number];

export interface TimeLimit {
  amount: number;
  unit: LimitUnit;
}

/** One row of the time-limit table. Null criteria match every appeal. */
export interface TimeLimitPolicy extends TimeLimit {
  id: number;
  stage: Stage;
  caseType: string | null;
  urgency: string | null;
  channel: string | null;
  categoryId: number | null;
  active: boolean;
}

/** What is known about an appeal when a clock starts. */
export interface PolicyCriteria {
  stage: Stage;
  type: string;
  urgency: string;
  channel: string;
  /** The appeal's category and its ancestors, most specific first; empty when uncategorised. */
  categoryIds: readonly number[];
}

/** The policy a deadline was computed from, recorded with the deadline so a later edit of the table does not rewrite history. */
export type AppliedPolicy = { policyId: number; stage: Stage; amount: number; unit: LimitUnit };

export type DeadlineState = 'on_time' | 'due_soon' | 'overdue';

/**
 * The one policy that applies: among the active rows of the stage whose every
 * non-null criterion matches, the most specific. Specificity compares, in
 * this order, and the first difference decides:
 *   1. category: a row for the appeal's own category beats one for its parent,
 *      which beats one for the grandparent, which beats a row without category;
 *   2. channel set beats channel null;
 *   3. urgency set beats urgency null;
 *   4. type set beats type null.
 * So a category row wins over every row without category (whatever its
 * channel, urgency or type), and a channel row over every urgency or type row
 * without category. Rows equal on all four (duplicates the database refuses
 * for active rows) fall back to the lowest id.
 * @throws DomainError PRECONDITION_FAILED when no active row matches (the stage lost its catch-all row).
 */
export function selectPolicy<P extends TimeLimitPolicy>(policies: readonly P[], criteria: PolicyCriteria): P {
  let best: { policy: P; rank: number[] } | undefined;
  for (const policy of policies) {
    const rank = specificity(policy, criteria);
    if (!rank) continue;
    if (!best || compareRanks(rank, best.rank) > 0 || (compareRanks(rank, best.rank) === 0 && policy.id < best.policy.id)) {
      best = { policy, rank };
    }
  }
  if (!best) {
    throw new DomainError('PRECONDITION_FAILED', {
      detail: `没有适用于“${criteria.stage}”环节的办理时限，请管理员补充默认时限`,
      detail_en: `no time limit applies to the "${criteria.stage}" stage; an administrator must add a default row`,
    });
  }
  return best.policy;
}

/** Higher is more specific, compared element by element; undefined when the row does not match. */
function specificity(p: TimeLimitPolicy, c: PolicyCriteria): number[] | undefined {
  if (!p.active || p.stage !== c.stage) return undefined;
  if (p.caseType !== null && p.caseType !== c.type) return undefined;
  if (p.urgency !== null && p.urgency !== c.urgency) return undefined;
  if (p.channel !== null && p.channel !== c.channel) return undefined;
  let category = 0;
  if (p.categoryId !== null) {
    const depth = c.categoryIds.indexOf(p.categoryId);
    if (depth < 0) return undefined;
    category = c.categoryIds.length - depth;
  }
  return [category, p.channel === null ? 0 : 1, p.urgency === null ? 0 : 1, p.caseType === null ? 0 : 1];
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** The record kept with a deadline: which row, and the limit it said at the time. */
export function appliedPolicy(policy: TimeLimitPolicy): AppliedPolicy {
  return { policyId: policy.id, stage: policy.stage, amount: policy.amount, unit: policy.unit };
}

/**
 * When a clock started at `start` runs out. Working days: counting starts the
 * day after `start` and the deadline is 24:00 Shanghai of the N-th working
 * day (returned as 00:00 of the next day). Hours and minutes: that much
 * working time after `start` (from outside office hours, counting starts at
 * the next period).
 * @throws DomainError CALENDAR_UNCONFIRMED when counting reaches an unconfirmed year; INVALID_INPUT for a bad amount or unit.
 */
export function computeDue(calendar: WorkCalendar, start: Date, limit: TimeLimit): Date {
  if (!Number.isInteger(limit.amount) || limit.amount <= 0) {
    throw invalidInput(`时限数值应为正整数：${limit.amount}`, `a time limit must be a positive integer: ${limit.amount}`);
  }
  switch (limit.unit) {
    case 'workdays':
      return calendar.deadlineForWorkdays(start, limit.amount);
    case 'hours':
      return calendar.addWorkingMillis(start, limit.amount * 3_600_000);
    case 'minutes':
      return calendar.addWorkingMillis(start, limit.amount * 60_000);
    default:
      throw invalidInput(`时限单位无效：${String(limit.unit)}`, `bad time-limit unit: ${String(limit.unit)}`);
  }
}

/**
 * Traffic light of a deadline at `now`. `remainingWorkingMs` is the working
 * time left (positive), or minus the working time overdue (negative), which is
 * what the escalation ladder counts. Finishing exactly at `due` is on time, so
 * a deadline is overdue only strictly after it. Due soon (yellow) when less
 * than `dueSoonWorkingHours` of working time is left.
 * @throws DomainError CALENDAR_UNCONFIRMED when the span touches an unconfirmed year.
 */
export function deadlineState(
  due: Date,
  now: Date,
  calendar: WorkCalendar,
  dueSoonWorkingHours: number,
): { state: DeadlineState; remainingWorkingMs: number } {
  if (now.getTime() > due.getTime()) {
    return { state: 'overdue', remainingWorkingMs: 0 - calendar.workingMillisBetween(due, now) };
  }
  const remainingWorkingMs = calendar.workingMillisBetween(now, due);
  return { state: remainingWorkingMs < dueSoonWorkingHours * 3_600_000 ? 'due_soon' : 'on_time', remainingWorkingMs };
}

/**
 * An approved extension (延期): the deadline moves to 24:00 of the N-th
 * working day after the day of the old deadline (for a 24:00 deadline, the
 * day that ends at it), so holidays in between do not count.
 * @throws DomainError INVALID_INPUT unless workdays is a positive integer; CALENDAR_UNCONFIRMED past the known years.
 */
export function extendDue(calendar: WorkCalendar, due: Date, workdays: number): Date {
  if (!Number.isInteger(workdays) || workdays <= 0) {
    throw invalidInput(`延期天数应为正整数：${workdays}`, `extension days must be a positive integer: ${workdays}`);
  }
  // The instant just before the deadline lies in the deadline's own day, also for 24:00 deadlines.
  return calendar.deadlineForWorkdays(new Date(due.getTime() - 1), workdays);
}

/**
 * A suspension (挂起) ends: the clock stood still from `pausedAt` to
 * `resumedAt`, so the working time that was left at the pause is counted
 * again from the resumption (newDue = resumedAt + workingMillisBetween(pausedAt, due)
 * in working time). An end-of-day (24:00) deadline stays end-of-day when the
 * new one falls after the last office hour of its day, so a suspension over a
 * weekend alone changes nothing. A suspension that began after the deadline
 * had passed does not revive it: the deadline stays as it was.
 * @throws DomainError INVALID_INPUT when resumedAt is before pausedAt; CALENDAR_UNCONFIRMED past the known years.
 */
export function resumeDue(calendar: WorkCalendar, due: Date, pausedAt: Date, resumedAt: Date): Date {
  if (resumedAt.getTime() < pausedAt.getTime()) {
    throw invalidInput('恢复时间早于挂起时间', 'the resumption is before the suspension');
  }
  if (pausedAt.getTime() >= due.getTime()) return due;
  const left = calendar.workingMillisBetween(pausedAt, due);
  // With nothing left the clock is where it stopped; addWorkingMillis(…, 0) would jump to the next office hour.
  const next = left === 0 ? resumedAt : calendar.addWorkingMillis(resumedAt, left);
  if (!isShanghaiMidnight(due)) return next;
  const midnight = new Date(Date.parse(`${shanghaiDate(next)}T00:00:00+08:00`) + DAY_MS);
  return calendar.workingMillisBetween(next, midnight) === 0 ? midnight : next;
}

const DAY_MS = 86_400_000;
const isShanghaiMidnight = (instant: Date) => (instant.getTime() + 8 * 3_600_000) % DAY_MS === 0;

/** A deadline as it leaves the server: the instant in Shanghai time and its Shanghai date. */
export function describeDue(due: Date): { due: string; dueDate: string } {
  return { due: formatShanghai(due), dueDate: shanghaiDate(new Date(due.getTime() - 1)) };
}
