import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { runOutboxDispatch } from '../../src/modules/notification/outbox.job.ts';
import { httpDriver } from '../../src/modules/notification/sms.drivers.ts';
import { runSmsSend } from '../../src/modules/notification/sms.job.ts';
import { startTestApp, type TestApp } from '../support/http.ts';

/**
 * 7x24 intake waits on nothing but the database: a hanging or failing SMS
 * gateway, or a failing outbox dispatch, never blocks or loses a submission.
 * Intake writes the case, its history and its outbox event in one statement;
 * SMS rows are made from the outbox and sent by jobs after commit.
 */
describe('intake never waits on SMS', () => {
  let t: TestApp;
  let gateway: FastifyInstance;
  let gatewayUrl: string;
  const hanging = new Set<() => void>();

  before(async () => {
    t = await startTestApp();
    gateway = Fastify();
    // A gateway that accepts the connection and never answers (until the test ends).
    gateway.get('/send', () => new Promise((resolve) => { hanging.add(() => resolve({ ok: false })); }));
    await gateway.listen({ host: '127.0.0.1', port: 0 });
    const address = gateway.server.address();
    assert.ok(address && typeof address === 'object');
    gatewayUrl = `http://127.0.0.1:${address.port}/send?to={phone}&msg={text}&ref={id}`;
  });
  after(async () => {
    for (const release of hanging) release();
    await gateway.close();
    await t.close();
  });

  const intake = async (phone: string) => {
    const t0 = performance.now();
    const res = await t.call('op', 'POST', '/api/cases', {
      channel: 'hotline', type: 'help', urgency: 'normal', title: '小区停水求助', content: '幸福小区从早上开始停水，没有通知，老人孩子用水困难。', citizenPhone: phone,
    });
    return { res, ms: performance.now() - t0 };
  };

  it('answers 201 while the SMS sender is stuck on a gateway that does not answer', async () => {
    const first = await intake('13500000001');
    assert.equal(first.res.statusCode, 201, first.res.body);
    await runOutboxDispatch(t.tdb.db);
    const sms = await t.tdb.db.selectFrom('smsMessages').selectAll().where('phone', '=', '13500000001').executeTakeFirstOrThrow();
    assert.equal(sms.purpose, 'intake_receipt');

    // The sender claims the receipt and waits on the gateway (up to its timeout) …
    const sending = runSmsSend(t.tdb.db, httpDriver({ url: gatewayUrl, method: 'GET', timeoutMs: 3000 }), { maxAttempts: 1 });
    await new Promise((r) => setTimeout(r, 200));
    assert.equal((await t.tdb.db.selectFrom('smsMessages').select('status').where('id', '=', sms.id).executeTakeFirstOrThrow()).status, 'sending');
    // … and intake goes on at database speed meanwhile.
    for (let i = 0; i < 5; i++) {
      const { res, ms } = await intake(`1350000001${i}`);
      assert.equal(res.statusCode, 201, res.body);
      assert.ok(ms < 1000, `intake took ${ms} ms`);
    }
    const result = await sending;
    assert.equal(result.failed, 1, 'the message could not be sent');
    const after = await t.tdb.db.selectFrom('smsMessages').select(['status', 'lastError']).where('id', '=', sms.id).executeTakeFirstOrThrow();
    assert.equal(after.status, 'failed');
    assert.ok(after.lastError);
    // Nothing was lost: every appeal is a case with its outbox event.
    const events = await t.tdb.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('eventType', '=', 'case.created').executeTakeFirstOrThrow();
    assert.equal(Number(events.n), 6);
  });

  it('answers 201 when making SMS rows fails in the outbox dispatcher, and the event waits for a retry', async () => {
    await sql`CREATE FUNCTION refuse_sms() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'sms table unavailable'; END $$`.execute(t.tdb.db);
    await sql`CREATE TRIGGER refuse_sms BEFORE INSERT ON sms_messages FOR EACH ROW EXECUTE FUNCTION refuse_sms()`.execute(t.tdb.db);
    try {
      const { res } = await intake('13500000099');
      assert.equal(res.statusCode, 201, res.body);
      const id = res.json().id as number;
      const dispatch = await runOutboxDispatch(t.tdb.db);
      assert.ok(dispatch.failed >= 1);
      const event = await t.tdb.db.selectFrom('outbox').select(['processedAt', 'attempts', 'lastError']).where('caseId', '=', id).executeTakeFirstOrThrow();
      assert.equal(event.processedAt, null);
      assert.equal(event.attempts, 1);
      assert.match(event.lastError ?? '', /sms table unavailable/);
      const again = await intake('13500000098');
      assert.equal(again.res.statusCode, 201);
    } finally {
      await sql`DROP TRIGGER refuse_sms ON sms_messages; DROP FUNCTION refuse_sms()`.execute(t.tdb.db);
    }
  });
});
