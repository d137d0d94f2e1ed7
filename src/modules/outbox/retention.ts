import { sql, type RawBuilder } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import type { Job } from '../../jobs/runner.ts';
import { getSetting } from '../calendar/settings.repository.ts';
import type { SettingValues } from '../calendar/settings.schemas.ts';

/**
 * Retention (setting `retention`): delivered messages are not kept for ever.
 * Processed outbox events, read in-app notifications and SMS that were sent
 * or finally failed are deleted once older than their number of days; SMS
 * rows hold citizens' phone numbers and query codes, so they go first.
 * Nothing unprocessed, unread or still to be sent is ever deleted, and the
 * case history (the record of what happened) is never touched.
 *
 * Deleting is safe for delivery: notifications and SMS are made from an
 * outbox event only while it is unprocessed, so removing processed events
 * (and later their messages) cannot make anything be sent again.
 * At most `batch` rows per table per run, so one run never holds locks long.
 */
export interface RetentionResult { outbox: number; notifications: number; sms: number }

export async function applyRetention(db: Queryable, now: Date, batch = 5_000): Promise<RetentionResult> {
  const days = await getSetting<SettingValues['retention']>(db, 'retention');
  const before = (n: number) => new Date(now.getTime() - n * 86_400_000);
  /** Deletes up to `batch` rows of `table` matching `where`, oldest ids first; how many went. */
  const prune = async (table: 'sms_messages' | 'notifications' | 'outbox', where: RawBuilder<unknown>) =>
    (await sql`DELETE FROM ${sql.table(table)} WHERE id IN (
                 SELECT id FROM ${sql.table(table)} WHERE ${where} ORDER BY id LIMIT ${batch})
               RETURNING id`.execute(db)).rows.length;

  const sms = await prune('sms_messages', sql`status IN ('sent', 'failed') AND created_at < ${before(days.smsDays)}`);
  const notifications = await prune('notifications', sql`read_at IS NOT NULL AND read_at < ${before(days.notificationDays)}`);
  const outbox = await prune('outbox', sql`processed_at IS NOT NULL AND processed_at < ${before(days.outboxDays)}`);
  return { outbox, notifications, sms };
}

/** Hourly, in one process at a time (advisory lock). */
export const retentionJob: Job = {
  name: 'retention',
  everyMs: 60 * 60_000,
  exclusive: true,
  run: (deps, trx) => applyRetention(trx ?? deps.db, new Date()),
};
