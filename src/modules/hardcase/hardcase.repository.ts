import { sql } from 'kysely';
import type { Queryable, Trx } from '../../db/database.ts';
import type { HardCaseFacts, HardCaseKind, TaskForceRole } from '../../domain/hardcase.ts';

/**
 * Plain queries over hard cases, their task forces, milestones and reports.
 * No rules and no access checks here: callers reach a hard case only
 * through a case the actor may see (case.repository's `visibleTo`).
 */

/** A milestone's due date as 'YYYY-MM-DD' text: a civil date must not pass through a JS Date. */
const dueDateText = sql<string>`to_char(m.due_date, 'YYYY-MM-DD')`;

export async function findHardCase(db: Queryable, caseId: number) {
  return db
    .selectFrom('hardCases as h')
    .innerJoin('users as l', 'l.id', 'h.responsibleLeaderId')
    .leftJoin('users as o', 'o.id', 'h.openedBy')
    .leftJoin('users as c', 'c.id', 'h.closedOutBy')
    .select([
      'h.caseId', 'h.kind', 'h.plan', 'h.status', 'h.responsibleLeaderId', 'l.displayName as responsibleLeaderName',
      'h.openedAt', 'h.openedBy', 'o.displayName as openedByName',
      'h.closedOutAt', 'h.closedOutBy', 'c.displayName as closedOutByName', 'h.closeOutNote',
    ])
    .where('h.caseId', '=', caseId)
    .executeTakeFirst();
}

export async function loadTaskForce(db: Queryable, caseId: number) {
  return db
    .selectFrom('hardCaseUnits as t')
    .innerJoin('units as u', 'u.id', 't.unitId')
    .select(['t.unitId', 'u.name as unitName', 't.role'])
    .where('t.caseId', '=', caseId)
    .orderBy(sql`t.role = 'lead'`, 'desc')
    .orderBy('u.path')
    .execute();
}

/** The facts the rules in domain/hardcase.ts decide on; undefined when the case is not a hard case. */
export async function loadHardCaseFacts(db: Queryable, caseId: number): Promise<HardCaseFacts | undefined> {
  const row = await db
    .selectFrom('hardCases')
    .select(['status', 'responsibleLeaderId'])
    .where('caseId', '=', caseId)
    .executeTakeFirst();
  if (!row) return undefined;
  const units = await db.selectFrom('hardCaseUnits').select('unitId').where('caseId', '=', caseId).execute();
  return { status: row.status, responsibleLeaderId: row.responsibleLeaderId, taskForceUnitIds: units.map((u) => u.unitId) };
}

export async function loadMilestones(db: Queryable, caseId: number) {
  return db
    .selectFrom('hardCaseMilestones as m')
    .leftJoin('users as d', 'd.id', 'm.doneBy')
    .select(['m.id', 'm.title', dueDateText.as('dueDate'), 'm.doneAt', 'm.doneBy', 'd.displayName as doneByName', 'm.sort'])
    .where('m.caseId', '=', caseId)
    .orderBy('m.sort')
    .orderBy('m.id')
    .execute();
}

export async function findMilestone(db: Queryable, caseId: number, milestoneId: number) {
  return db
    .selectFrom('hardCaseMilestones as m')
    .select(['m.id', 'm.title', dueDateText.as('dueDate'), 'm.doneAt'])
    .where('m.caseId', '=', caseId)
    .where('m.id', '=', milestoneId)
    .executeTakeFirst();
}

export async function countOpenMilestones(db: Queryable, caseId: number): Promise<number> {
  const { n } = await db
    .selectFrom('hardCaseMilestones')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('caseId', '=', caseId)
    .where('doneAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function loadReports(db: Queryable, caseId: number) {
  return db
    .selectFrom('hardCaseReports as r')
    .innerJoin('users as a', 'a.id', 'r.authorId')
    .innerJoin('units as u', 'u.id', 'r.unitId')
    .select(['r.id', 'r.at', 'r.content', 'r.milestoneId', 'r.authorId', 'a.displayName as authorName', 'r.unitId', 'u.name as unitName'])
    .where('r.caseId', '=', caseId)
    .orderBy('r.id')
    .execute();
}

export interface NewHardCase {
  caseId: number;
  kind: HardCaseKind;
  responsibleLeaderId: number;
  plan: string;
  openedBy: number;
  openedAt: Date;
  taskForce: ReadonlyArray<{ unitId: number; role: TaskForceRole }>;
}

export async function insertHardCase(trx: Trx, h: NewHardCase) {
  const { taskForce, ...row } = h;
  await trx.insertInto('hardCases').values(row).execute();
  await trx.insertInto('hardCaseUnits').values(taskForce.map((t) => ({ caseId: h.caseId, ...t }))).execute();
}

/** Appends milestones after the existing ones, in the order given. */
export async function insertMilestones(trx: Trx, caseId: number, milestones: ReadonlyArray<{ title: string; dueDate: string }>) {
  if (milestones.length === 0) return [];
  const { last } = await trx
    .selectFrom('hardCaseMilestones')
    .select((eb) => eb.fn.coalesce(eb.fn.max('sort'), sql<number>`-1`).as('last'))
    .where('caseId', '=', caseId)
    .executeTakeFirstOrThrow();
  return trx
    .insertInto('hardCaseMilestones')
    .values(milestones.map((m, i) => ({ caseId, title: m.title, dueDate: m.dueDate, sort: Number(last) + 1 + i })))
    .returning(['id', 'title', sql<string>`to_char(due_date, 'YYYY-MM-DD')`.as('dueDate')])
    .execute();
}

export async function markMilestoneDone(trx: Trx, milestoneId: number, userId: number, at: Date) {
  await trx.updateTable('hardCaseMilestones').set({ doneAt: at, doneBy: userId }).where('id', '=', milestoneId).execute();
}

export async function insertReport(
  trx: Trx,
  r: { caseId: number; at: Date; authorId: number; unitId: number; content: string; milestoneId: number | null },
) {
  return trx.insertInto('hardCaseReports').values(r).returning('id').executeTakeFirstOrThrow();
}

export async function closeOut(trx: Trx, caseId: number, userId: number, at: Date, note: string | null) {
  await trx
    .updateTable('hardCases')
    .set({ status: 'closed_out', closedOutAt: at, closedOutBy: userId, closeOutNote: note })
    .where('caseId', '=', caseId)
    .execute();
}

export type HardCaseRow = NonNullable<Awaited<ReturnType<typeof findHardCase>>>;
