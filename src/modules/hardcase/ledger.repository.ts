import { sql } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import type { HardCaseKind, HardCaseStatus } from '../../domain/hardcase.ts';
import type { SessionActor } from '../../http/context.ts';
import { visibleTo } from '../case/case.repository.ts';

/**
 * The ledger's rows (台账): every hard case and every supervised case the
 * actor may see, with the facts the ledger shows. Flags that depend on
 * "today" are computed against `today` (a Shanghai civil date) and `now`.
 */

export const ledgerKinds = ['all', 'hard', 'supervised'] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

export interface LedgerQuery {
  kind: LedgerKind;
  leaderId?: number;
}

/**
 * Cases at a stage where the units still owe the reply: once the lead unit has
 * drafted it (审签 and later) the reply deadline is met, though the lead
 * assignment stays `signed`.
 */
const replyOwedStates = ['dispatched', 'returned', 'handling'];

export async function queryLedger(db: Queryable, actor: SessionActor, q: LedgerQuery, now: Date, today: string) {
  let query = db
    .selectFrom('cases')
    .where(visibleTo(actor))
    .leftJoin('hardCases as h', 'h.caseId', 'cases.id')
    .leftJoin('users as l', 'l.id', 'h.responsibleLeaderId')
    .leftJoin('hardCaseUnits as tl', (join) => join.onRef('tl.caseId', '=', 'cases.id').on('tl.role', '=', 'lead'))
    .leftJoin('units as tu', 'tu.id', 'tl.unitId')
    .leftJoin('units as cu', 'cu.id', 'cases.leadUnitId')
    // The next open milestone: the earliest due among those not done.
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('hardCaseMilestones as m')
          .select(['m.id', 'm.title', sql<string>`to_char(m.due_date, 'YYYY-MM-DD')`.as('dueDate')])
          .whereRef('m.caseId', '=', 'cases.id')
          .where('m.doneAt', 'is', null)
          .orderBy('m.dueDate')
          .orderBy('m.sort')
          .orderBy('m.id')
          .limit(1)
          .as('nm'),
      (join) => join.onTrue(),
    );
  if (q.kind === 'hard') query = query.where('h.caseId', 'is not', null);
  else if (q.kind === 'supervised') query = query.where('h.caseId', 'is', null).where('cases.supervised', '=', true);
  else query = query.where((eb) => eb.or([eb('h.caseId', 'is not', null), eb('cases.supervised', '=', true)]));
  if (q.leaderId !== undefined) query = query.where('h.responsibleLeaderId', '=', q.leaderId);

  return query
    .select((eb) => [
      'cases.id as caseId', 'cases.number', 'cases.title', 'cases.state', 'cases.supervised', 'cases.listed',
      'cases.urgeCount', 'cases.receivedAt', 'cases.closedAt',
      sql<HardCaseKind | null>`h.kind`.as('hardCaseKind'),
      sql<HardCaseStatus | null>`h.status`.as('hardCaseStatus'),
      'h.openedAt as hardCaseOpenedAt', 'h.closedOutAt as hardCaseClosedOutAt',
      'h.responsibleLeaderId', 'l.displayName as responsibleLeaderName',
      eb.fn.coalesce('tu.id', 'cu.id').as('leadUnitId'),
      eb.fn.coalesce('tu.name', 'cu.name').as('leadUnitName'),
      'nm.id as nextMilestoneId', 'nm.title as nextMilestoneTitle', 'nm.dueDate as nextMilestoneDueDate',
      sql<boolean>`coalesce(nm.due_date::date < ${today}::date, false)`.as('milestoneOverdue'),
      eb.and([
        eb('cases.state', 'in', replyOwedStates),
        eb.exists(
          eb
            .selectFrom('caseAssignments as ra')
            .whereRef('ra.caseId', '=', 'cases.id')
            .where('ra.status', 'in', ['pending', 'signed'])
            .where('ra.pausedAt', 'is', null)
            .where('ra.replyDueAt', '<', now)
            .select(sql`1`.as('one')),
        ),
      ]).as('replyOverdue'),
    ])
    .orderBy(sql`h.case_id IS NULL`)
    .orderBy('cases.receivedAt')
    .orderBy('cases.id')
    .execute();
}
export type LedgerRecord = Awaited<ReturnType<typeof queryLedger>>[number];
