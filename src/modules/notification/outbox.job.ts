import { sql } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import type { Job } from '../../jobs/runner.ts';
import { resolveAudience } from './notification.repository.ts';
import { audiencesFor, citizenSms, smsPhone, type AssignmentFact, type Audience } from './recipients.ts';
import { citizenSmsText, staffMessage, type NotificationFacts } from './templates.ts';

/**
 * The outbox dispatcher: turns committed domain events into in-app
 * notifications and SMS messages.
 *
 * Nothing lost, nothing twice: a batch of outbox rows is claimed with
 * `FOR UPDATE SKIP LOCKED`, and in that same transaction their notifications
 * and SMS rows are inserted (`ON CONFLICT DO NOTHING` on `(outbox_id, user_id)`
 * and `(outbox_id, phone, purpose)`) and the rows get `processed_at`. A crash
 * before commit leaves them unprocessed for the next run; a rerun of an
 * already handled row inserts nothing; concurrent runs claim disjoint rows.
 * An event whose handling fails is rolled back to a savepoint, counted in
 * `outbox.attempts` with `last_error`, and retried on later runs until
 * `maxEventAttempts`; after that it stays unprocessed for an operator to see.
 */
export const OUTBOX_JOB = 'outbox-dispatch';
export const maxEventAttempts = 5;

export interface DispatchResult {
  claimed: number;
  processed: number;
  failed: number;
  notifications: number;
  sms: number;
}

const empty = (): DispatchResult => ({ claimed: 0, processed: 0, failed: 0, notifications: 0, sms: 0 });

interface CaseFacts {
  id: number;
  number: string;
  queryCode: string;
  title: string;
  citizenPhone: string | null;
  leadUnitId: number | null;
}

/** Claims and handles up to `limit` events in the caller's transaction; the caller commits. */
export async function dispatchOutboxBatch(trx: Trx, limit = 200): Promise<DispatchResult> {
  const events = await trx.selectFrom('outbox')
    .select(['id', 'eventType', 'caseId', 'payload'])
    .where('processedAt', 'is', null).where('attempts', '<', maxEventAttempts)
    .orderBy('id').limit(limit).forUpdate().skipLocked().execute();
  const result = { ...empty(), claimed: events.length };
  if (!events.length) return result;

  const caseIdOf = (e: (typeof events)[number]) => e.caseId ?? num((e.payload as Record<string, unknown>)?.caseId);
  const caseIds = [...new Set(events.map(caseIdOf).filter((id): id is number => id !== undefined))];
  const cases = new Map<number, CaseFacts>();
  const assignments = new Map<number, AssignmentFact[]>();
  if (caseIds.length) {
    for (const c of await trx.selectFrom('cases').select(['id', 'number', 'queryCode', 'title', 'citizenPhone', 'leadUnitId']).where('id', 'in', caseIds).execute()) {
      cases.set(c.id, c);
    }
    const rows = await trx.selectFrom('caseAssignments').select(['id', 'caseId', 'unitId', 'role', 'parentId', 'status'])
      .where('caseId', 'in', caseIds).orderBy('id').execute();
    for (const a of rows) assignments.set(a.caseId, [...(assignments.get(a.caseId) ?? []), a]);
  }
  const audienceCache = new Map<string, Promise<number[]>>();
  const usersOf = (a: Audience) => {
    const key = JSON.stringify(a);
    let users = audienceCache.get(key);
    if (!users) {
      users = resolveAudience(trx, a);
      audienceCache.set(key, users);
      users.catch(() => audienceCache.delete(key)); // a failed lookup is retried, not remembered
    }
    return users;
  };

  const done: number[] = [];
  for (const event of events) {
    await sql`SAVEPOINT outbox_event`.execute(trx);
    try {
      const caseId = caseIdOf(event);
      const made = await dispatchEvent(trx, {
        outboxId: event.id, type: event.eventType, payload: (event.payload ?? {}) as Record<string, unknown>,
        case: caseId === undefined ? undefined : cases.get(caseId), assignments: caseId === undefined ? [] : assignments.get(caseId) ?? [],
      }, usersOf);
      await sql`RELEASE SAVEPOINT outbox_event`.execute(trx);
      result.notifications += made.notifications;
      result.sms += made.sms;
      done.push(event.id);
    } catch (err) {
      await sql`ROLLBACK TO SAVEPOINT outbox_event`.execute(trx);
      await trx.updateTable('outbox')
        .set({ attempts: sql`attempts + 1`, lastError: String(err instanceof Error ? err.message : err).slice(0, 1000) })
        .where('id', '=', event.id).execute();
      result.failed += 1;
    }
  }
  if (done.length) await trx.updateTable('outbox').set({ processedAt: sql`now()` }).where('id', 'in', done).execute();
  result.processed = done.length;
  return result;
}

interface EventToDispatch {
  outboxId: number;
  type: string;
  payload: Record<string, unknown>;
  case: CaseFacts | undefined;
  assignments: AssignmentFact[];
}

async function dispatchEvent(trx: Trx, e: EventToDispatch, usersOf: (a: Audience) => Promise<number[]>) {
  const made = { notifications: 0, sms: 0 };
  const c = e.case;
  if (!c) return made; // every event type we notify about concerns a case
  const audiences = audiencesFor({ type: e.type, payload: e.payload, leadUnitId: c.leadUnitId, assignments: e.assignments });
  const actor = num(e.payload.actorUserId);
  const userIds = [...new Set((await Promise.all(audiences.map(usersOf))).flat())].filter((id) => id !== actor);
  if (userIds.length) {
    // What the texts use of the payload, kept with the notification to show it in the reader's language.
    const { note, days, stage, level } = e.payload;
    const facts: NotificationFacts = { case: { type: e.type, number: c.number, caseTitle: c.title, payload: { note, days, stage, level } } };
    const msg = staffMessage(facts.case);
    const res = await trx.insertInto('notifications')
      .values(userIds.map((userId) => ({ userId, caseId: c.id, kind: e.type, title: msg.title, body: msg.body, facts: JSON.stringify(facts), outboxId: e.outboxId })))
      .onConflict((oc) => oc.columns(['outboxId', 'userId']).doNothing())
      .executeTakeFirst();
    made.notifications = Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  // An imported appeal's intake events say notifyCitizen: false — no receipt SMS to a citizen who did not just write.
  const purpose = e.payload.notifyCitizen === false ? undefined : citizenSms[e.type];
  const phone = smsPhone(c.citizenPhone);
  if (purpose && phone) {
    const res = await trx.insertInto('smsMessages')
      .values({ outboxId: e.outboxId, purpose, phone, body: citizenSmsText[purpose](c) })
      .onConflict((oc) => oc.columns(['outboxId', 'phone', 'purpose']).doNothing())
      .executeTakeFirst();
    made.sms = Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return made;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

/**
 * Dispatches batches, each in its own transaction, until the outbox is
 * drained, a batch had a failure, or `maxBatches` ran (the next tick goes on).
 */
export async function runOutboxDispatch(db: Db, opts: { batchSize?: number; maxBatches?: number } = {}): Promise<DispatchResult> {
  const batchSize = opts.batchSize ?? 200;
  const total = empty();
  for (let i = 0; i < (opts.maxBatches ?? 20); i++) {
    const r = await db.transaction().execute((trx) => dispatchOutboxBatch(trx, batchSize));
    for (const k of Object.keys(total) as (keyof DispatchResult)[]) total[k] += r[k];
    if (r.claimed < batchSize || r.failed > 0) break;
  }
  return total;
}

export const outboxDispatchJob: Job = {
  name: OUTBOX_JOB,
  everyMs: 2_000,
  exclusive: false, // shares the work: concurrent runs claim disjoint rows
  run: (deps) => runOutboxDispatch(deps.db),
};
