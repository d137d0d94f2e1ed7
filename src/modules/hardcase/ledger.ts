import type { Queryable } from '../../db/database.ts';
import { shanghaiDate } from '../../domain/calendar.ts';
import { hardCaseKindLabels, hardCaseStatusLabels } from '../../domain/hardcase.ts';
import { stateLabels, type CaseState } from '../../domain/lifecycle.ts';
import type { SessionActor } from '../../http/context.ts';
import { queryLedger, type LedgerKind, type LedgerRecord } from './ledger.repository.ts';

/**
 * The ledger (台账) of hard and supervised cases, as leaders read it in the
 * periodic bulletins (定期通报): owner, days open, next milestone, overdue
 * flags. Scope is the case scope: citywide staff see every row, a unit the
 * rows of cases it handles or sits on the task force of.
 */

export interface LedgerFilter {
  kind: LedgerKind;
  overdueOnly?: boolean;
  leaderId?: number;
}

const DAY_MS = 86_400_000;

/** Calendar days between two Shanghai dates ('YYYY-MM-DD'). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function present(r: LedgerRecord, today: string) {
  const isHard = r.hardCaseKind !== null;
  // The count stops when the account is settled: at close-out for a hard case, at closing for a supervised one.
  const endedAt = isHard ? r.hardCaseClosedOutAt : r.closedAt;
  const end = endedAt ? shanghaiDate(endedAt) : today;
  // A closed-out (销号) account has no next step and nothing overdue in its plan.
  const settled = r.hardCaseStatus === 'closed_out';
  const milestoneOverdue = !settled && Boolean(r.milestoneOverdue);
  const replyOverdue = Boolean(r.replyOverdue);
  const state = r.state as CaseState;
  return {
    caseId: r.caseId,
    number: r.number,
    title: r.title,
    kind: isHard ? ('hard' as const) : ('supervised' as const),
    hardCaseKind: r.hardCaseKind,
    kindLabel: r.hardCaseKind ? hardCaseKindLabels[r.hardCaseKind] : { zh: '督办', en: 'Supervised' },
    hardCaseStatus: r.hardCaseStatus,
    hardCaseStatusLabel: r.hardCaseStatus ? hardCaseStatusLabels[r.hardCaseStatus] : null,
    responsibleLeader: r.responsibleLeaderId ? { id: r.responsibleLeaderId, name: r.responsibleLeaderName ?? '' } : null,
    leadUnit: r.leadUnitId ? { id: r.leadUnitId, name: r.leadUnitName ?? '' } : null,
    receivedAt: r.receivedAt,
    daysSinceReceived: daysBetween(shanghaiDate(r.receivedAt), end),
    hardCaseOpenedAt: r.hardCaseOpenedAt,
    daysAsHardCase: r.hardCaseOpenedAt ? daysBetween(shanghaiDate(r.hardCaseOpenedAt), end) : null,
    nextMilestone: r.nextMilestoneId && !settled
      ? { id: r.nextMilestoneId, title: r.nextMilestoneTitle ?? '', dueDate: r.nextMilestoneDueDate ?? '', overdue: milestoneOverdue }
      : null,
    milestoneOverdue,
    replyOverdue,
    overdue: milestoneOverdue || replyOverdue,
    urgeCount: r.urgeCount,
    supervised: r.supervised,
    listed: r.listed,
    state,
    stateLabel: stateLabels[state],
  };
}
export type LedgerRow = ReturnType<typeof present>;

/** The ledger's rows for `actor`, newest facts as of `now`. */
export async function buildLedger(db: Queryable, actor: SessionActor, f: LedgerFilter, now: Date) {
  const today = shanghaiDate(now);
  const records = await queryLedger(db, actor, { kind: f.kind, leaderId: f.leaderId }, now, today);
  const items = records.map((r) => present(r, today)).filter((r) => !f.overdueOnly || r.overdue);
  return { today, generatedAt: now, total: items.length, items };
}
