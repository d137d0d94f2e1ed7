import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { SessionActor } from '../../src/http/context.ts';
import { createCase } from '../../src/modules/case/case.intake.ts';
import { runOutboxDispatch } from '../../src/modules/notification/outbox.job.ts';
import { importRequest, runImport } from '../../src/modules/transfer/transfer.import.ts';
import { loadActorByUsername } from '../../src/modules/user/user.repository.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';
import { buildOrgTree } from '../support/factories.ts';

/**
 * Imported citizens get no SMS: an import's intake events carry
 * `notifyCitizen: false`, and the outbox job makes no receipt SMS from them,
 * while a live intake with a phone still gets its receipt.
 */
describe('imports do not text imported citizens', () => {
  let tdb: TestDatabase;
  let admin: SessionActor;
  const now = new Date('2026-03-01T02:00:00Z');

  before(async () => {
    tdb = await freshDatabase();
    await buildOrgTree(tdb.db);
    admin = await loadActorByUsername(tdb.db, 'admin');
  });
  after(async () => tdb?.drop());

  it('an imported appeal with a mobile number makes no SMS; a live one does', async () => {
    const csv = '编号,主题,内容,时间,电话\nN1,楼道灯坏了,三单元楼道灯坏了一个月。,2024/6/1 21:00,13912340001\nN2,井盖缺失,人民路井盖缺失很危险。,2024/6/2 09:00,13912340002\n';
    const summary = await runImport({ db: tdb.db, casePrefix: 'TS', now }, admin, Readable.from([Buffer.from(csv)]), importRequest({
      fileName: 'phones.csv', source: 'phones', dryRun: false,
      mapping: { columns: { externalId: '编号', title: '主题', content: '内容', receivedAt: '时间', citizenPhone: '电话' }, defaults: { channel: 'hotline', type: 'complaint' } },
    }));
    assert.equal(summary.counts.imported, 2);
    const imported = await tdb.db.selectFrom('importKeys as k').innerJoin('cases as c', 'c.id', 'k.caseId')
      .select(['c.id', 'c.citizenPhone']).where('k.source', '=', 'phones').orderBy('k.externalId').execute();
    assert.deepEqual(imported.map((c) => c.citizenPhone), ['13912340001', '13912340002']);
    const events = await tdb.db.selectFrom('outbox').select(['eventType', 'payload']).where('caseId', 'in', imported.map((c) => c.id)).execute();
    assert.equal(events.length, 2);
    for (const e of events) assert.equal((e.payload as Record<string, unknown>).notifyCitizen, false, `${e.eventType} says not to text the citizen`);

    const live = await tdb.db.transaction().execute((trx) => createCase({ trx, actor: admin, lang: 'zh', now, casePrefix: 'TS' }, {
      channel: 'hotline', type: 'complaint', urgency: 'normal', title: '楼道灯坏了', content: '五单元楼道灯坏了。', citizenPhone: '13912340003',
    }));
    const liveEvent = await tdb.db.selectFrom('outbox').select('payload').where('caseId', '=', live.id).executeTakeFirstOrThrow();
    assert.equal((liveEvent.payload as Record<string, unknown>).notifyCitizen, true);

    const dispatched = await runOutboxDispatch(tdb.db);
    assert.equal(dispatched.failed, 0);
    const sms = await tdb.db.selectFrom('smsMessages').select(['phone', 'purpose']).where('phone', 'like', '1391234000%').execute();
    assert.deepEqual(sms, [{ phone: '13912340003', purpose: 'intake_receipt' }], 'only the live appeal gets its receipt');
    const unprocessed = await tdb.db.selectFrom('outbox').select('id').where('caseId', 'in', imported.map((c) => c.id)).where('processedAt', 'is', null).execute();
    assert.equal(unprocessed.length, 0, 'the imported events are handled (not left waiting), just without an SMS');
  });
});
