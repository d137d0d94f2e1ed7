import { sql, type Insertable } from 'kysely';
import type { Queryable, Trx } from '../../db/database.ts';
import { DomainError } from '../../domain/errors.ts';
import { openStates } from '../../domain/lifecycle.ts';
import type { SessionActor } from '../../http/context.ts';
import { visibleTo } from '../case/case.repository.ts';
import { ANSWER_WITHIN_SECONDS, type CallCounts } from './hotline.rules.ts';
import type { CallOutcome, HotlineCallTable } from './hotline.table.ts';
import { phoneKeySql } from './phone.ts';

/** Plain queries of the hotline desk: callers' cases, call records, call-back tasks. No rules here. */

const casePhoneKey = () => phoneKeySql(sql.ref('cases.citizenPhone'));

/** A caller's cases the actor may see (any channel), newest first, with counts and the last name given. */
export async function callerCases(db: Queryable, actor: SessionActor, key: string, limit: number) {
  const base = db.selectFrom('cases').where(casePhoneKey(), '=', key).where(visibleTo(actor));
  const [counts, rows, named] = await Promise.all([
    base.select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.countAll<number>().filterWhere('state', 'in', openStates).as('open'),
    ]).executeTakeFirstOrThrow(),
    base
      .leftJoin('units as lu', 'lu.id', 'cases.leadUnitId')
      .select([
        'cases.id', 'cases.number', 'cases.title', 'cases.state', 'cases.channel', 'cases.type', 'cases.receivedAt',
        'cases.closedAt', 'cases.leadUnitId', 'lu.name as leadUnitName',
      ])
      .orderBy('cases.receivedAt', 'desc')
      .orderBy('cases.id', 'desc')
      .limit(limit)
      .execute(),
    base.select('cases.citizenName').where('cases.citizenName', 'is not', null).where('cases.citizenName', '!=', '')
      .orderBy('cases.receivedAt', 'desc').orderBy('cases.id', 'desc').limit(1).executeTakeFirst(),
  ]);
  return { ...counts, rows, lastName: named?.citizenName ?? null };
}

/** The latest calls from a number and its open call-back tasks, for the desk's caller panel. */
export async function callerCalls(db: Queryable, key: string, limit: number) {
  const [calls, tasks] = await Promise.all([
    db.selectFrom('hotlineCalls').select(['callId', 'offeredAt', 'outcome']).where('callerPhone', '=', key)
      .orderBy('offeredAt', 'desc').limit(limit).execute(),
    db.selectFrom('callbackTasks').select(['id', 'callId', 'dueAt']).where('phone', '=', key).where('status', '=', 'open')
      .orderBy('dueAt').execute(),
  ]);
  return { calls, tasks };
}

type CallValues = Omit<Insertable<HotlineCallTable>, 'createdAt' | 'updatedAt'>;

/**
 * Inserts the call or, when its callId is known, replaces its facts. A call
 * already called back stays `called_back` when the phone system re-sends it
 * as `abandoned`. `inserted` tells the two apart.
 */
export async function upsertCall(trx: Trx, v: CallValues) {
  return trx
    .insertInto('hotlineCalls')
    .values(v)
    .onConflict((oc) => oc.column('callId').doUpdateSet((eb) => ({
      callerPhone: eb.ref('excluded.callerPhone'),
      offeredAt: eb.ref('excluded.offeredAt'),
      answeredAt: eb.ref('excluded.answeredAt'),
      endedAt: eb.ref('excluded.endedAt'),
      agentUserId: eb.ref('excluded.agentUserId'),
      outcome: sql<CallOutcome>`CASE WHEN hotline_calls.outcome = 'called_back' AND excluded.outcome = 'abandoned'
        THEN 'called_back' ELSE excluded.outcome END`,
      recordedBy: eb.ref('excluded.recordedBy'),
      updatedAt: sql<Date>`now()`,
    })))
    .returningAll()
    .returning(sql<boolean>`xmax = 0`.as('inserted'))
    .executeTakeFirstOrThrow();
}

/** Links a call to a case; linking twice changes nothing. */
export async function linkCallToCase(trx: Trx, link: { callId: string; caseId: number; linkedAt: Date; linkedBy: number | null }) {
  await trx.insertInto('hotlineCallCases').values(link).onConflict((oc) => oc.columns(['callId', 'caseId']).doNothing()).execute();
}

export async function markCalledBack(trx: Trx, callId: string) {
  await trx.updateTable('hotlineCalls').set({ outcome: 'called_back', updatedAt: sql<Date>`now()` })
    .where('callId', '=', callId).where('outcome', '=', 'abandoned').execute();
}

export interface CallFilter {
  from?: Date;
  to?: Date;
  outcome?: CallOutcome;
  phone?: string;
  limit: number;
  offset: number;
}

function callsQuery(db: Queryable) {
  return db
    .selectFrom('hotlineCalls as c')
    .leftJoin('users as a', 'a.id', 'c.agentUserId')
    .leftJoin('callbackTasks as t', 't.callId', 'c.callId')
    .select([
      'c.callId', 'c.callerPhone', 'c.offeredAt', 'c.answeredAt', 'c.endedAt', 'c.agentUserId', 'c.outcome',
      'c.createdAt', 'c.updatedAt', 'a.displayName as agentName', 't.id as taskId', 't.status as taskStatus', 't.dueAt as taskDueAt',
      sql<number[]>`array(SELECT l.case_id FROM hotline_call_cases l WHERE l.call_id = c.call_id ORDER BY l.case_id)`.as('caseIds'),
    ]);
}
export type CallListRow = Awaited<ReturnType<ReturnType<typeof callsQuery>['executeTakeFirstOrThrow']>>;

/** Calls offered in [from, to), newest first, with the total. */
export async function listCalls(db: Queryable, f: CallFilter) {
  let query = callsQuery(db);
  if (f.from) query = query.where('c.offeredAt', '>=', f.from);
  if (f.to) query = query.where('c.offeredAt', '<', f.to);
  if (f.outcome) query = query.where('c.outcome', '=', f.outcome);
  if (f.phone) query = query.where('c.callerPhone', '=', f.phone);
  const [{ total }] = await query.clearSelect().select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await query.orderBy('c.offeredAt', 'desc').orderBy('c.callId').limit(f.limit).offset(f.offset).execute();
  return { total, rows };
}

/** @throws NOT_FOUND when there is no call with this id. */
export async function findCall(db: Queryable, callId: string): Promise<CallListRow> {
  const row = await callsQuery(db).where('c.callId', '=', callId).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND');
  return row;
}

/** What the answer rates are made of, for calls offered in [from, to). */
export async function countCalls(db: Queryable, from: Date, to: Date): Promise<CallCounts> {
  return db
    .selectFrom('hotlineCalls')
    .select((eb) => [
      eb.fn.countAll<number>().as('offered'),
      eb.fn.countAll<number>().filterWhere('outcome', '=', 'answered').as('answered'),
      eb.fn.countAll<number>().filterWhere((w) => w.and([
        w('outcome', '=', 'answered'),
        w('answeredAt', '<=', sql<Date>`offered_at + make_interval(secs => ${ANSWER_WITHIN_SECONDS})`),
      ])).as('answeredWithin15s'),
      eb.fn.countAll<number>().filterWhere('outcome', '=', 'abandoned').as('abandoned'),
      eb.fn.countAll<number>().filterWhere('outcome', '=', 'called_back').as('calledBack'),
    ])
    .where('offeredAt', '>=', from)
    .where('offeredAt', '<', to)
    .executeTakeFirstOrThrow();
}

export async function findTaskByCall(trx: Trx, callId: string) {
  return trx.selectFrom('callbackTasks').selectAll().where('callId', '=', callId).executeTakeFirst();
}

/** Creates the call's task unless it has one (one task per call, ever); undefined when it had. */
export async function insertTask(trx: Trx, task: { callId: string; phone: string; createdAt: Date; dueAt: Date }) {
  return trx.insertInto('callbackTasks').values(task).onConflict((oc) => oc.column('callId').doNothing())
    .returningAll().executeTakeFirst();
}

/** @throws NOT_FOUND when there is no such task. */
export async function lockTask(trx: Trx, id: number) {
  const row = await trx.selectFrom('callbackTasks').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND');
  return row;
}

export async function completeTask(trx: Trx, id: number, done: { doneBy: number | null; doneAt: Date; outcomeNote: string; caseId?: number | null }) {
  return trx.updateTable('callbackTasks').set({ ...done, status: 'done' }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

function tasksQuery(db: Queryable) {
  return db
    .selectFrom('callbackTasks as t')
    .innerJoin('hotlineCalls as c', 'c.callId', 't.callId')
    .leftJoin('users as d', 'd.id', 't.doneBy')
    .select([
      't.id', 't.callId', 't.phone', 't.createdAt', 't.dueAt', 't.status', 't.doneBy', 't.doneAt', 't.outcomeNote', 't.caseId',
      'd.displayName as doneByName', 'c.offeredAt', 'c.endedAt', 'c.outcome',
    ]);
}
export type TaskListRow = Awaited<ReturnType<ReturnType<typeof tasksQuery>['executeTakeFirstOrThrow']>>;

/** Open tasks soonest due first; done tasks most recently done first. */
export async function listTasks(db: Queryable, f: { status: 'open' | 'done'; limit: number; offset: number }) {
  const query = tasksQuery(db).where('t.status', '=', f.status);
  const [{ total }] = await query.clearSelect().select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const ordered = f.status === 'open' ? query.orderBy('t.dueAt').orderBy('t.id') : query.orderBy('t.doneAt', 'desc').orderBy('t.id', 'desc');
  return { total, rows: await ordered.limit(f.limit).offset(f.offset).execute() };
}

/** @throws NOT_FOUND when there is no such task. */
export async function findTask(db: Queryable, id: number): Promise<TaskListRow> {
  const row = await tasksQuery(db).where('t.id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND');
  return row;
}
