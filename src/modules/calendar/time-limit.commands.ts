import type { Queryable } from '../../db/database.ts';
import { appliedPolicy, computeDue, selectPolicy, type AppliedPolicy, type LimitUnit, type Stage } from '../../domain/deadlines.ts';
import { DomainError, invalidInput } from '../../domain/errors.ts';
import { caseTypes, channels, urgencies } from '../case/case.vocabulary.ts';
import { loadCalendar } from './calendar.repository.ts';
import * as repo from './time-limit.repository.ts';

/**
 * Administrators' edits of the time-limit table, and the preview "which limit
 * applies to such an appeal, and when is it due". Rows are never deleted:
 * deadlines record the row they came from (AppliedPolicy), so a row is
 * deactivated instead, and the catch-all row of a stage cannot be.
 */

/** Largest limit per unit: beyond these a typo is likelier than a policy. */
export const maxAmount: Record<LimitUnit, number> = { workdays: 60, hours: 240, minutes: 1440 };

export interface NewTimeLimit {
  stage: Stage;
  caseType?: string | null;
  urgency?: string | null;
  channel?: string | null;
  categoryId?: number | null;
  amount: number;
  unit: LimitUnit;
  note?: string | null;
}

export interface TimeLimitPatch {
  amount?: number;
  unit?: LimitUnit;
  note?: string | null;
  active?: boolean;
}

function requireLimit(amount: number, unit: LimitUnit) {
  if (!Number.isInteger(amount) || amount < 1 || amount > maxAmount[unit]) {
    throw invalidInput(`时限应为 1–${maxAmount[unit]} 之间的整数（${unit}）`, `the limit must be an integer from 1 to ${maxAmount[unit]} ${unit}`);
  }
}

function requireIn(value: string | null, allowed: readonly string[], what: string) {
  if (value !== null && !allowed.includes(value)) throw invalidInput(`${what}无效：${value}`, `unknown ${what}: ${value}`);
}

async function refuseTwin(db: Queryable, criteria: repo.PolicyCriteriaColumns, exceptId?: number) {
  const twin = await repo.findActiveTwin(db, criteria, exceptId);
  if (twin) {
    throw new DomainError('CONFLICT', {
      detail: `已有相同条件的有效时限（#${twin.id}），请修改或停用它`,
      detail_en: `an active row with the same criteria exists (#${twin.id}); change or deactivate it`,
    });
  }
}

/**
 * Adds a row to the table.
 * @throws DomainError INVALID_INPUT for an unknown type, urgency or channel or an out-of-range limit;
 *   CATEGORY_NOT_FOUND for an unknown category; CONFLICT when an active row has the same criteria.
 */
export async function createTimeLimit(db: Queryable, actorUserId: number, props: NewTimeLimit): Promise<repo.PolicyRow> {
  const criteria: repo.PolicyCriteriaColumns = {
    stage: props.stage,
    caseType: props.caseType ?? null,
    urgency: props.urgency ?? null,
    channel: props.channel ?? null,
    categoryId: props.categoryId ?? null,
  };
  requireIn(criteria.caseType, caseTypes, '诉求类型');
  requireIn(criteria.urgency, urgencies, '紧急程度');
  requireIn(criteria.channel, channels, '渠道');
  requireLimit(props.amount, props.unit);
  if (criteria.categoryId !== null) await repo.categoryLineage(db, criteria.categoryId);
  await refuseTwin(db, criteria);
  return repo.insertPolicy(db, { ...criteria, amount: props.amount, unit: props.unit, note: props.note?.trim() || null }, actorUserId);
}

/**
 * Changes a row's limit or note, or (de)activates it. The criteria of a row
 * do not change: add a row and deactivate the old one instead.
 * @throws DomainError NOT_FOUND; INVALID_INPUT for an out-of-range limit; CONFLICT when reactivating a row
 *   whose criteria another active row has; PRECONDITION_FAILED when deactivating a stage's catch-all row.
 */
export async function changeTimeLimit(db: Queryable, actorUserId: number, id: number, patch: TimeLimitPatch): Promise<repo.PolicyRow> {
  const row = await repo.requirePolicy(db, id);
  requireLimit(patch.amount ?? row.amount, patch.unit ?? row.unit);
  if (patch.active === true && !row.active) await refuseTwin(db, row, row.id);
  const isCatchAll = row.caseType === null && row.urgency === null && row.channel === null && row.categoryId === null;
  if (patch.active === false && row.active && isCatchAll) {
    throw new DomainError('PRECONDITION_FAILED', {
      detail: `“${row.stage}”环节的默认时限不能停用，可修改其时限`,
      detail_en: `the default row of the "${row.stage}" stage cannot be deactivated; change its limit instead`,
    });
  }
  const note = patch.note === undefined ? undefined : patch.note?.trim() || null;
  return repo.updatePolicy(db, id, { amount: patch.amount, unit: patch.unit, note, active: patch.active }, actorUserId);
}

/** @throws as changeTimeLimit */
export function deactivateTimeLimit(db: Queryable, actorUserId: number, id: number): Promise<repo.PolicyRow> {
  return changeTimeLimit(db, actorUserId, id, { active: false });
}

export interface PreviewQuery {
  stage: Stage;
  type: string;
  urgency: string;
  channel: string;
  categoryId?: number | null;
  /** When the clock starts. */
  at: Date;
}

/**
 * The row that applies to such an appeal and the deadline it gives, exactly
 * as case deadlines are computed (same selection, same calendar).
 * @throws DomainError CATEGORY_NOT_FOUND; PRECONDITION_FAILED when no row matches; CALENDAR_UNCONFIRMED past the known years.
 */
export async function previewTimeLimit(db: Queryable, q: PreviewQuery): Promise<{ policy: repo.PolicyRow; applied: AppliedPolicy; categoryIds: number[]; due: Date }> {
  const [policies, calendar, categoryIds] = await Promise.all([
    repo.listPolicies(db),
    loadCalendar(db),
    q.categoryId ? repo.categoryLineage(db, q.categoryId) : Promise.resolve([]),
  ]);
  const policy = selectPolicy(policies, { stage: q.stage, type: q.type, urgency: q.urgency, channel: q.channel, categoryIds });
  return { policy, applied: appliedPolicy(policy), categoryIds, due: computeDue(calendar, q.at, policy) };
}
