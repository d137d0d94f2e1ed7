import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { applyRetention } from '../../src/modules/outbox/retention.ts';
import { putSetting } from '../../src/modules/calendar/settings.repository.ts';
import { buildOrgTree } from '../support/factories.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';

/**
 * Retention deletes delivered messages past their days and nothing else:
 * unprocessed events, unread notifications and SMS still to send stay
 * whatever their age.
 */
describe('retention of delivered messages', () => {
  let tdb: TestDatabase;
  let userId: number;
  const now = new Date('2026-11-27T00:00:00Z');
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

  before(async () => {
    tdb = await freshDatabase();
    const org = await buildOrgTree(tdb.db);
    userId = org.users.admin;
  });
  after(async () => { await tdb.drop(); });

  async function seed() {
    const db = tdb.db;
    await sql`TRUNCATE outbox, notifications, sms_messages`.execute(db);
    const event = async (tag: string, processedAt: Date | null, createdAt: Date) =>
      (await db.insertInto('outbox').values({ eventType: tag, payload: JSON.stringify({ tag }), processedAt, createdAt }).returning('id').executeTakeFirstOrThrow()).id;
    const oldDone = await event('old-done', daysAgo(40), daysAgo(41));
    await event('old-pending', null, daysAgo(400));
    await event('new-done', daysAgo(5), daysAgo(5));
    let outboxId = oldDone;
    const note = (title: string, readAt: Date | null, createdAt: Date) =>
      db.insertInto('notifications').values({ userId, kind: 'test', title, body: '', readAt, createdAt, outboxId: outboxId++ }).execute();
    await note('old-read', daysAgo(200), daysAgo(201));
    await note('old-unread', null, daysAgo(500));
    await note('new-read', daysAgo(3), daysAgo(3));
    const sms = (phone: string, status: 'pending' | 'sent' | 'failed', createdAt: Date) =>
      db.insertInto('smsMessages').values({ outboxId: oldDone, purpose: phone, phone, body: 'x', status, createdAt }).execute();
    await sms('13800000001', 'sent', daysAgo(100));
    await sms('13800000002', 'failed', daysAgo(100));
    await sms('13800000003', 'pending', daysAgo(100));
    await sms('13800000004', 'sent', daysAgo(10));
  }

  const left = async () => ({
    outbox: (await tdb.db.selectFrom('outbox').select('eventType').orderBy('id').execute()).map((r) => r.eventType),
    notifications: (await tdb.db.selectFrom('notifications').select('title').orderBy('id').execute()).map((r) => r.title),
    sms: (await tdb.db.selectFrom('smsMessages').select('phone').orderBy('id').execute()).map((r) => r.phone),
  });

  it('deletes only delivered rows older than the default days (30 / 180 / 90)', async () => {
    await seed();
    assert.deepEqual(await applyRetention(tdb.db, now), { outbox: 1, notifications: 1, sms: 2 });
    assert.deepEqual(await left(), {
      outbox: ['old-pending', 'new-done'],
      notifications: ['old-unread', 'new-read'],
      sms: ['13800000003', '13800000004'],
    });
    assert.deepEqual(await applyRetention(tdb.db, now), { outbox: 0, notifications: 0, sms: 0 }, 'a second run finds nothing');
  });

  it('follows the setting, in batches', async () => {
    await seed();
    await putSetting(tdb.db, 'retention', { outboxDays: 1, notificationDays: 1, smsDays: 1 }, null);
    assert.deepEqual(await applyRetention(tdb.db, now, 1), { outbox: 1, notifications: 1, sms: 1 });
    assert.deepEqual(await applyRetention(tdb.db, now, 1), { outbox: 1, notifications: 1, sms: 1 });
    assert.deepEqual(await applyRetention(tdb.db, now, 1), { outbox: 0, notifications: 0, sms: 1 });
    assert.deepEqual(await left(), { outbox: ['old-pending'], notifications: ['old-unread'], sms: ['13800000003'] });
  });
});
