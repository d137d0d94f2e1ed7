import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { runOutboxDispatch } from '../../src/modules/notification/outbox.job.ts';
import { startTestApp, type TestApp } from '../support/http.ts';
import { ok } from '../support/expect.ts';

/** The outbox dispatcher on a real database: the right people, once. */
describe('the outbox dispatcher', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(async () => { await t.close(); });

  const newCase = async (title: string, phone: string | null = '13800138000') =>
    (await ok(t.call('op', 'POST', '/api/cases', {
      channel: 'hotline', type: 'complaint', title, content: `${title}，请尽快处理。`, citizenName: '陈建国', citizenPhone: phone, register: true,
    }), 201)) as { id: number; number: string; queryCode: string };

  /** Who was notified of `kind` on the case, by username. */
  const notified = async (caseId: number, kind: string) =>
    (await t.tdb.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.userId')
      .select('u.username').where('n.caseId', '=', caseId).where('n.kind', '=', kind).orderBy('u.username').execute()).map((r) => r.username);
  const counts = async () => {
    const n = await t.tdb.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const s = await t.tdb.db.selectFrom('smsMessages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { notifications: Number(n.n), sms: Number(s.n) };
  };

  it('takes an intake without any SMS work, then sends the receipt with number and query code from the case', async () => {
    const c = await newCase('小区垃圾清运不及时');
    assert.deepEqual(await counts(), { notifications: 0, sms: 0 }, 'the intake only wrote the outbox');
    const payload = await t.tdb.db.selectFrom('outbox').select('payload').where('caseId', '=', c.id).where('eventType', '=', 'case.created').executeTakeFirstOrThrow();
    assert.doesNotMatch(JSON.stringify(payload), new RegExp(`13800138000|${c.queryCode}`), 'the event carries no phone and no query code');

    const r = await runOutboxDispatch(t.tdb.db);
    assert.equal(r.failed, 0);
    const sms = await t.tdb.db.selectFrom('smsMessages').selectAll().execute();
    assert.equal(sms.length, 1);
    assert.equal(sms[0].purpose, 'intake_receipt');
    assert.equal(sms[0].phone, '13800138000');
    assert.equal(sms[0].status, 'pending');
    assert.ok(sms[0].body.includes(`工单号${c.number}`) && sms[0].body.includes(`查询码${c.queryCode}`), sms[0].body);
    assert.match(sms[0].body, /您的诉求已受理/);
    assert.equal(await t.tdb.db.selectFrom('outbox').select('id').where('processedAt', 'is', null).executeTakeFirst(), undefined);

    const landline = await newCase('路灯不亮', '0359-1234567');
    const none = await newCase('噪音扰民', null);
    await runOutboxDispatch(t.tdb.db);
    const phones = await t.tdb.db.selectFrom('smsMessages as s').innerJoin('outbox as o', 'o.id', 's.outboxId')
      .select('o.caseId').where('o.caseId', 'in', [landline.id, none.id]).execute();
    assert.deepEqual(phones, [], 'no SMS without a mobile number');
  });

  it('notifies exactly the right staff along a case’s way, never the actor', async () => {
    const { units } = t.org;
    const c = await newCase('工地夜间施工扰民');
    await ok(t.act('disp', c.id, 'dispatch', { leadUnitId: units['ca'], assistUnitIds: [units['dept.zjj']] }));
    await runOutboxDispatch(t.tdb.db);
    assert.deepEqual(await notified(c.id, 'case.dispatch'), ['ca.h', 'ca.head', 'dept.zjj.h', 'dept.zjj.head']);
    assert.deepEqual(await notified(c.id, 'case.created'), []);
    const n = await t.tdb.db.selectFrom('notifications').selectAll().where('caseId', '=', c.id).where('kind', '=', 'case.dispatch').executeTakeFirstOrThrow();
    assert.equal(n.title, `新派工单 ${c.number}`);
    assert.match(n.body, /工地夜间施工扰民/);

    await ok(t.act('ca.h', c.id, 'sign'));
    await ok(t.act('dept.zjj.h', c.id, 'sign'));
    await ok(t.act('ca.h', c.id, 'subDispatch', { unitIds: [units['ca.t1']] }));
    await ok(t.act('ca.t1.h', c.id, 'sign'));
    await ok(t.act('ca.t1.h', c.id, 'return', { note: '不属于本镇' }));
    await ok(t.act('sup', c.id, 'urge', { note: '群众多次来电' }));
    await runOutboxDispatch(t.tdb.db);
    assert.deepEqual(await notified(c.id, 'case.urge'), ['ca.h', 'ca.head', 'dept.zjj.h', 'dept.zjj.head'], 'lead and assisting unit; the township had returned');
    await t.tdb.db.deleteFrom('notifications').where('caseId', '=', c.id).where('kind', '=', 'case.urge').execute();
    await sql`UPDATE outbox SET processed_at = NULL WHERE case_id = ${c.id} AND event_type = 'case.urge'`.execute(t.tdb.db);
    await ok(t.act('lead', c.id, 'instruct', { note: '请住建局牵头尽快解决' }));
    await ok(t.act('dept.zjj.h', c.id, 'submitInput', { note: '已核查' }));
    await ok(t.act('ca.head', c.id, 'draftReply', { note: '已责令停工' })); // the head drafts: no note to herself
    await ok(t.act('ca.head', c.id, 'signOff'));
    await ok(t.act('rev', c.id, 'sendBack', { note: '请写明整改时限' }));
    await ok(t.act('ca.h', c.id, 'draftReply', { note: '已责令停工，22点后禁止施工' }));
    await ok(t.act('ca.head', c.id, 'signOff'));
    await ok(t.act('rev', c.id, 'approve'));
    await runOutboxDispatch(t.tdb.db);

    assert.deepEqual(await notified(c.id, 'case.subDispatch'), ['ca.t1.h', 'ca.t1.head']);
    assert.deepEqual(await notified(c.id, 'case.return'), ['ca.h', 'ca.head', 'disp'], 'a sub unit’s return: dispatchers and the unit above');
    // Urging reaches the units working on the case when the dispatcher runs: by then the
    // assisting unit had submitted its input and the township had returned, so only the lead.
    assert.deepEqual(await notified(c.id, 'case.urge'), ['ca.h', 'ca.head'], 'units still working on it');
    assert.deepEqual(await notified(c.id, 'case.instruct'), ['ca.h', 'ca.head']);
    assert.match((await t.tdb.db.selectFrom('notifications').select('body').where('caseId', '=', c.id).where('kind', '=', 'case.instruct').executeTakeFirstOrThrow()).body, /批示：请住建局牵头尽快解决/);
    assert.deepEqual(await notified(c.id, 'case.draftReply'), ['ca.head'], 'only the second draft, by the handler, reached the head');
    assert.deepEqual(await notified(c.id, 'case.signOff'), ['rev', 'rev']);
    assert.deepEqual(await notified(c.id, 'case.sendBack'), ['ca.h']);
    assert.deepEqual(await notified(c.id, 'case.approve'), []);
    for (const quiet of ['case.sign', 'case.submitInput', 'case.register']) assert.deepEqual(await notified(c.id, quiet), [], quiet);

    const sms = await t.tdb.db.selectFrom('smsMessages as s').innerJoin('outbox as o', 'o.id', 's.outboxId')
      .select(['s.purpose', 's.body']).where('o.caseId', '=', c.id).orderBy('s.id').execute();
    assert.deepEqual(sms.map((s) => s.purpose), ['intake_receipt', 'reply_sent']);
    assert.match(sms[1].body, new RegExp(`您反映的问题（工单号${c.number}）已办理答复.*可凭工单号和查询码查询`));
  });

  it('sends a lead unit’s return to the dispatchers only, and re-dispatch and overrule to the units', async () => {
    const { units } = t.org;
    const c = await newCase('道路坑洼');
    await ok(t.act('disp', c.id, 'dispatch', { leadUnitId: units['cb'] }));
    await ok(t.act('cb.h', c.id, 'return', { note: '非本区' }));
    await ok(t.act('disp', c.id, 'overrule', { note: '属于本区' }));
    await ok(t.act('cb.head', c.id, 'return', { note: '确非本区' }));
    await ok(t.act('disp', c.id, 'redispatch', { leadUnitId: units['cb.t1'] }));
    await runOutboxDispatch(t.tdb.db);
    assert.deepEqual(await notified(c.id, 'case.return'), ['disp', 'disp']);
    assert.deepEqual(await notified(c.id, 'case.overrule'), ['cb.h', 'cb.head']);
    assert.deepEqual(await notified(c.id, 'case.redispatch'), ['cb.t1.h', 'cb.t1.head']);
  });

  it('turns the sweeper’s deadline events into urging and escalation notices', async () => {
    const { units } = t.org;
    const c = await newCase('供暖不热');
    await ok(t.act('disp', c.id, 'dispatch', { leadUnitId: units['ca.t1'] }));
    const base = { caseId: c.id, number: c.number, assignmentId: 1, unitId: units['ca.t1'], stage: 'reply' };
    await t.tdb.db.insertInto('outbox').values([
      { eventType: 'deadline.urged', caseId: c.id, payload: JSON.stringify({ ...base, level: 'urge' }) },
      { eventType: 'deadline.escalated', caseId: c.id, payload: JSON.stringify({ ...base, level: 'supervise' }) },
      { eventType: 'deadline.escalated', caseId: c.id, payload: JSON.stringify({ ...base, level: 'listed' }) },
    ]).execute();
    await runOutboxDispatch(t.tdb.db);
    assert.deepEqual(await notified(c.id, 'deadline.urged'), ['ca.t1.h', 'ca.t1.head']);
    const escalations = await t.tdb.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.userId')
      .select(['u.username', 'n.title', 'n.outboxId']).where('n.caseId', '=', c.id).where('n.kind', '=', 'deadline.escalated')
      .orderBy('n.outboxId').orderBy('u.username').execute();
    const [first, second] = [...new Set(escalations.map((e) => e.outboxId))];
    assert.deepEqual(escalations.filter((e) => e.outboxId === first).map((e) => e.username), ['ca.head', 'ca.t1.head', 'sup']);
    assert.deepEqual(escalations.filter((e) => e.outboxId === second).map((e) => e.username), ['ca.head', 'ca.t1.head', 'lead', 'sup']);
    assert.match(escalations.find((e) => e.outboxId === second)!.title, /^挂牌督办/);
  });

  it('creates nothing twice: a second run, a replay of processed events, and two runs at once', async () => {
    const { units } = t.org;
    for (let i = 0; i < 6; i++) {
      const c = await newCase(`重复测试${i}`, `1390000000${i}`);
      await ok(t.act('disp', c.id, 'dispatch', { leadUnitId: units['ca'], assistUnitIds: [units['cb']] }));
    }
    const before = await counts();
    const [a, b] = await Promise.all([
      runOutboxDispatch(t.tdb.db, { batchSize: 2 }),
      runOutboxDispatch(t.tdb.db, { batchSize: 2 }),
    ]);
    assert.equal(a.claimed + b.claimed, 12 + 6, 'each event claimed by exactly one run (intake, registration, dispatch ×6)');
    const made = await counts();
    assert.deepEqual(made, { notifications: before.notifications + 6 * 4, sms: before.sms + 6 });

    assert.equal((await runOutboxDispatch(t.tdb.db)).claimed, 0, 'a second run finds nothing');
    // A replay: every event unprocessed again (as after a restore), handled by two runs at once.
    await sql`UPDATE outbox SET processed_at = NULL`.execute(t.tdb.db);
    const replay = await Promise.all([runOutboxDispatch(t.tdb.db, { batchSize: 7 }), runOutboxDispatch(t.tdb.db, { batchSize: 7 })]);
    assert.ok(replay[0].claimed + replay[1].claimed > 0);
    assert.deepEqual(replay.map((r) => r.notifications + r.sms), [0, 0]);
    assert.deepEqual(await counts(), made);
    const dupes = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT outbox_id, user_id FROM notifications GROUP BY 1, 2 HAVING count(*) > 1) d`.execute(t.tdb.db);
    assert.equal(dupes.rows[0].n, 0);
  });

  it('keeps a failing event for later without holding up the others', async () => {
    const { units } = t.org;
    // A constraint the first case's notice breaks stands in for any error while handling one event.
    await sql`ALTER TABLE notifications ADD CONSTRAINT test_refuse CHECK (body NOT LIKE '%拒收%')`.execute(t.tdb.db);
    const bad = await newCase('拒收测试');
    const good = await newCase('正常工单');
    await ok(t.act('disp', bad.id, 'dispatch', { leadUnitId: units['ca'] }));
    await ok(t.act('disp', good.id, 'dispatch', { leadUnitId: units['ca'] }));
    const r = await runOutboxDispatch(t.tdb.db);
    assert.equal(r.failed, 1);
    assert.deepEqual(await notified(good.id, 'case.dispatch'), ['ca.h', 'ca.head']);
    assert.deepEqual(await notified(bad.id, 'case.dispatch'), []);
    const stuck = await t.tdb.db.selectFrom('outbox').selectAll().where('caseId', '=', bad.id).where('eventType', '=', 'case.dispatch').executeTakeFirstOrThrow();
    assert.equal(stuck.processedAt, null);
    assert.equal(stuck.attempts, 1);
    assert.match(stuck.lastError ?? '', /test_refuse/);
    const badSms = await t.tdb.db.selectFrom('smsMessages as s').innerJoin('outbox as o', 'o.id', 's.outboxId').select('s.id').where('o.caseId', '=', bad.id).execute();
    assert.equal(badSms.length, 1, 'the same case’s intake event went through');

    await sql`ALTER TABLE notifications DROP CONSTRAINT test_refuse`.execute(t.tdb.db);
    assert.equal((await runOutboxDispatch(t.tdb.db)).failed, 0);
    assert.deepEqual(await notified(bad.id, 'case.dispatch'), ['ca.h', 'ca.head']);
  });
});
