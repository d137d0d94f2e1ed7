import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Job } from '../../jobs/runner.ts';
import { smsDriverFor, type SmsDriver } from './sms.drivers.ts';

/**
 * The SMS sender: delivers rows of `sms_messages` through the driver, after
 * the transaction that created them has committed (an intake never waits on
 * a gateway).
 *
 * Each message goes through three short steps:
 * 1. claim: `pending` rows that are due, or `sending` rows whose lease has
 *    expired, are taken with `FOR UPDATE SKIP LOCKED`, set to `sending` with
 *    a lease and `attempts + 1`, and committed at once;
 * 2. send: the driver is called with the row's id as the idempotency key;
 * 3. record: `sent` with `sent_at`; or, on an error, back to `pending` with
 *    `last_error` and a retry time (in `lease_until`), `failed` once
 *    `attempts` reaches the maximum. The error update only applies while this
 *    run still holds the claim (same status and attempt number).
 *
 * The guarantee: a message is handed to the gateway at least once and always
 * under the same id. A process killed between the gateway's acceptance and
 * step 3's commit leaves the row `sending`; when the lease expires a sender
 * claims it again and calls the gateway again with the SAME id, which the
 * gateway's idempotency key (and the log driver's own record) turns into no
 * second SMS. No path ever creates a second row, or a second id, for one
 * message: rows are made once per (outbox event, phone, purpose).
 * Against a gateway without idempotency, that kill window — one UPDATE —
 * is the only place a duplicate can come from.
 */
export const SMS_JOB = 'sms-send';

export interface SendOptions {
  batchSize?: number;
  /** How long a claim lasts; must exceed the time a batch may take to send. */
  leaseSeconds?: number;
  maxAttempts?: number;
  /** Messages of a batch sent at the same time. */
  concurrency?: number;
  /** Seconds before the next try after `attempts` failed tries. */
  retryDelaySeconds?: (attempts: number) => number;
}

export interface SendResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

interface Claimed {
  id: number;
  phone: string;
  body: string;
  attempts: number;
}

/** 30 s, 1 min, 2 min, … up to an hour. */
export const defaultRetryDelay = (attempts: number) => Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));

/** Step 1: takes up to `limit` due messages and commits the claim. */
export async function claimDueSms(db: Db, limit: number, leaseSeconds: number): Promise<Claimed[]> {
  const { rows } = await sql<Claimed>`
    WITH due AS (
      SELECT id FROM sms_messages
       WHERE (status = 'pending' AND (lease_until IS NULL OR lease_until <= now()))
          OR (status = 'sending' AND lease_until <= now())
       ORDER BY id
       LIMIT ${limit}
       FOR UPDATE SKIP LOCKED
    )
    UPDATE sms_messages s
       SET status = 'sending', attempts = s.attempts + 1,
           lease_until = now() + make_interval(secs => ${leaseSeconds}::double precision)
      FROM due
     WHERE s.id = due.id
    RETURNING s.id, s.phone, s.body, s.attempts`.execute(db);
  return rows.sort((a, b) => a.id - b.id);
}

/** Step 3, success: whoever gets here first records it; a later success changes nothing. */
export async function markSent(db: Db, id: number) {
  await db.updateTable('smsMessages')
    .set({ status: 'sent', sentAt: sql`now()`, leaseUntil: null, lastError: null })
    .where('id', '=', id).where('status', '<>', 'sent').execute();
}

async function markFailedTry(db: Db, m: Claimed, err: unknown, maxAttempts: number, delaySeconds: number) {
  const giveUp = m.attempts >= maxAttempts;
  const res = await db.updateTable('smsMessages')
    .set({
      status: giveUp ? 'failed' : 'pending',
      leaseUntil: giveUp ? null : sql`now() + make_interval(secs => ${delaySeconds}::double precision)`,
      lastError: (err instanceof Error ? err.message : String(err)).slice(0, 1000),
    })
    .where('id', '=', m.id).where('status', '=', 'sending').where('attempts', '=', m.attempts)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 0 ? 'lost' : giveUp ? 'failed' : 'retried';
}

/** Claims one batch and delivers it through `driver`. */
export async function sendSmsBatch(db: Db, driver: SmsDriver, opts: SendOptions = {}): Promise<SendResult> {
  const { batchSize = 20, leaseSeconds = 120, maxAttempts = 5, concurrency = 5, retryDelaySeconds = defaultRetryDelay } = opts;
  const claimed = await claimDueSms(db, batchSize, leaseSeconds);
  const result: SendResult = { claimed: claimed.length, sent: 0, retried: 0, failed: 0 };
  const queue = [...claimed];
  const worker = async () => {
    for (let m = queue.shift(); m; m = queue.shift()) {
      try {
        await driver.send({ id: m.id, phone: m.phone, body: m.body });
      } catch (err) {
        const outcome = await markFailedTry(db, m, err, maxAttempts, retryDelaySeconds(m.attempts));
        if (outcome !== 'lost') result[outcome] += 1;
        continue;
      }
      await markSent(db, m.id);
      result.sent += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, worker));
  return result;
}

/** Sends batches until none is due or `maxBatches` ran. */
export async function runSmsSend(db: Db, driver: SmsDriver, opts: SendOptions & { maxBatches?: number } = {}): Promise<SendResult> {
  const total: SendResult = { claimed: 0, sent: 0, retried: 0, failed: 0 };
  const batchSize = opts.batchSize ?? 20;
  for (let i = 0; i < (opts.maxBatches ?? 10); i++) {
    const r = await sendSmsBatch(db, driver, { ...opts, batchSize });
    for (const k of Object.keys(total) as (keyof SendResult)[]) total[k] += r[k];
    if (r.claimed < batchSize) break;
  }
  return total;
}

export const smsSendJob: Job = {
  name: SMS_JOB,
  everyMs: 5_000,
  exclusive: false, // shares the work: concurrent senders claim disjoint rows
  run: ({ db, config }) => {
    const batchSize = 20;
    const concurrency = 5;
    // A claim outlives the slowest batch: every message of it timing out, in turn.
    const leaseSeconds = Math.ceil(config.sms.timeoutMs / 1000) * Math.ceil(batchSize / concurrency) + 60;
    return runSmsSend(db, smsDriverFor(config.sms), { batchSize, concurrency, leaseSeconds, maxAttempts: config.sms.maxAttempts });
  },
};
