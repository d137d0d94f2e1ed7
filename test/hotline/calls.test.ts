import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/http.ts';
import { ok, refused } from '../support/expect.ts';

/** Call records (话务记录), the answer rates worked out by hand, and call-back tasks for missed calls. */
describe('call records and answer rates', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(async () => { await t.close(); });

  const post = (body: Record<string, unknown>, user = 'op') => t.call(user, 'POST', '/api/hotline/calls', body);
  const rate = async (from: string, to: string, user = 'sup') => ok(t.call(user, 'GET', `/api/hotline/answer-rate?from=${from}&to=${to}`));
  const tasksOf = async (callId: string) => t.tdb.db.selectFrom('callbackTasks').selectAll().where('callId', '=', callId).execute();

  /** A call offered at a Shanghai wall-clock time, answered `wait` seconds later (null: not answered). */
  const call = (callId: string, offered: string, wait: number | null, outcome: string, caller: string | null = '13800000001') => {
    const offeredAt = new Date(`${offered}+08:00`);
    const answeredAt = wait === null ? null : new Date(offeredAt.getTime() + wait * 1000).toISOString();
    const endedAt = new Date(offeredAt.getTime() + ((wait ?? 0) + 60) * 1000).toISOString();
    return { callId, caller, offeredAt: offeredAt.toISOString(), answeredAt, endedAt, outcome, agentUserId: wait === null ? null : t.org.users.op };
  };

  // The fixture, by hand. Period 2025-03-02 … 2025-03-03 in Asia/Shanghai.
  const buildFixture = () => [
    call('F1', '2025-03-02T09:00:00', 5, 'answered'), //   in, answered, ≤15 s
    call('F2', '2025-03-02T09:10:00', 15, 'answered'), //  in, answered, exactly 15 s counts as within
    call('F3', '2025-03-02T09:20:00', 16, 'answered'), //  in, answered, too slow
    call('F4', '2025-03-02T10:00:00', 40, 'answered'), //  in, answered, too slow
    call('F5', '2025-03-02T11:00:00', null, 'abandoned', '+86 139-0000-0005'), // in, missed → call-back task
    call('F6', '2025-03-02T11:30:00', null, 'abandoned', null), //                in, missed, number withheld → no task
    call('F7', '2025-03-02T12:00:00', null, 'called_back'), //                    in, missed then called back
    call('F8', '2025-03-02T00:30:00', 3, 'answered'), //  in: 2025-03-01T16:30Z is already 3 March 2 in Shanghai
    call('F9', '2025-03-01T23:59:59', 2, 'answered'), //  out: the day before
    call('F10', '2025-03-03T23:59:59', null, 'abandoned', '13900000010'), // in: last second of the period
    call('F11', '2025-03-04T00:00:00', 1, 'answered'), // out: the day after
  ];

  let fixture: ReturnType<typeof buildFixture> = [];
  before(async () => {
    fixture = buildFixture();
    for (const c of fixture) await ok(post(c), 201);
  });

  it('computes 接通率 and the 15-second rate over the calls offered in the period (Shanghai dates, inclusive)', async () => {
    // In the period: F1–F8 and F10 = 9 offered. Answered: F1 F2 F3 F4 F8 = 5. Within 15 s: F1 F2 F8 = 3.
    // Missed: F5 F6 F10 = 3 abandoned, F7 = 1 called back (not answered).
    const r = await rate('2025-03-02', '2025-03-03');
    assert.deepEqual(
      { offered: r.offered, answered: r.answered, within: r.answeredWithin15s, abandoned: r.abandoned, calledBack: r.calledBack },
      { offered: 9, answered: 5, within: 3, abandoned: 3, calledBack: 1 },
    );
    assert.equal(r.connectionRate, 5 / 9);
    assert.equal(r.answeredWithin15sRate, 3 / 9);
    assert.equal(r.timezone, 'Asia/Shanghai');
    // One day: F1–F8 = 8 offered, 5 answered, 3 within 15 s.
    const day = await rate('2025-03-02', '2025-03-02');
    assert.deepEqual([day.offered, day.answered, day.answeredWithin15s, day.connectionRate, day.answeredWithin15sRate], [8, 5, 3, 5 / 8, 3 / 8]);
    // Nothing offered: no rate rather than 0 % or 100 %.
    const empty = await rate('2024-01-01', '2024-01-31');
    assert.deepEqual([empty.offered, empty.connectionRate, empty.answeredWithin15sRate], [0, null, null]);
  });

  it('gives a missed call with a number exactly one call-back task, due two hours after it ended', async () => {
    const [f5] = await tasksOf('F5');
    assert.equal(f5.status, 'open');
    assert.equal(f5.phone, '13900000005');
    assert.equal(f5.dueAt.toISOString(), new Date(new Date('2025-03-02T11:01:00+08:00').getTime() + 2 * 3600_000).toISOString());
    assert.deepEqual(await tasksOf('F6'), [], 'no number, no call-back');
    assert.deepEqual(await tasksOf('F7'), []);
    assert.deepEqual(await tasksOf('F1'), []);
    const open = await ok(t.call('rev', 'GET', '/api/hotline/callback-tasks?status=open'));
    assert.deepEqual(open.items.map((i: { callId: string }) => i.callId), ['F5', 'F10'], 'soonest due first');
    assert.equal(open.items[0].overdue, true);
    assert.equal(open.items[0].call.outcome, 'abandoned');
  });

  it('updates, never duplicates, when the same callId is posted again — also all at once', async () => {
    const again = await ok(post(fixture[4]), 200);
    assert.equal(again.created, false);
    assert.equal(again.callbackTask.callId, 'F5');
    const results = await Promise.all(Array.from({ length: 6 }, () => post(call('P1', '2025-03-05T08:00:00', null, 'abandoned', '13600000000'))));
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 200, 200, 200, 200, 201]);
    assert.equal((await tasksOf('P1')).length, 1);
    const calls = await t.tdb.db.selectFrom('hotlineCalls').select('callId').where('callId', 'in', ['F5', 'P1']).execute();
    assert.equal(calls.length, 2);
    assert.equal((await t.tdb.db.selectFrom('callbackTasks').select('id').execute()).length, 3, 'F5, F10, P1');
    // A correction replaces the facts: P1 was answered after all, and its open task closes itself.
    const fixed = await ok(post({ ...call('P1', '2025-03-05T08:00:00', 8, 'answered', '13600000000') }), 200);
    assert.equal(fixed.call.outcome, 'answered');
    assert.equal(fixed.call.waitSeconds, 8);
    assert.equal(fixed.callbackTask.status, 'done');
    assert.match(fixed.callbackTask.outcomeNote, /已接听/);
  });

  it('closes a call-back task with what came of it; the call then counts as called back, the rates stay', async () => {
    const [task] = await tasksOf('F5');
    const c = await ok(t.call('op', 'POST', '/api/hotline/cases', {
      type: 'inquiry', title: '回拨后受理：燃气费咨询', content: '回拨来电人，询问燃气费缴纳方式。', citizenPhone: '13900000005', register: true,
    }), 201);
    const done = await ok(t.call('rev', 'POST', `/api/hotline/callback-tasks/${task.id}/done`, { note: '已回拨，来电人咨询燃气费，已登记工单。', caseId: c.id }));
    assert.equal(done.status, 'done');
    assert.equal(done.doneBy.id, t.org.users.rev);
    assert.equal(done.caseId, c.id);
    assert.equal(done.call.outcome, 'called_back');
    await refused(t.call('op', 'POST', `/api/hotline/callback-tasks/${task.id}/done`, { note: '又回拨了一次' }), 409, 'CONFLICT');
    // The phone system re-sending the missed call changes neither the outcome nor the tasks.
    const resent = await ok(post(fixture[4]), 200);
    assert.equal(resent.call.outcome, 'called_back');
    assert.deepEqual(resent.call.caseIds, [c.id]);
    assert.equal((await tasksOf('F5')).length, 1);
    const r = await rate('2025-03-02', '2025-03-03');
    assert.deepEqual([r.offered, r.answered, r.abandoned, r.calledBack, r.connectionRate], [9, 5, 2, 2, 5 / 9]);
    const open = await ok(t.call('op', 'GET', '/api/hotline/callback-tasks'));
    assert.deepEqual(open.items.map((i: { callId: string }) => i.callId), ['F10']);
    const doneList = await ok(t.call('op', 'GET', '/api/hotline/callback-tasks?status=done'));
    assert.deepEqual(doneList.items.map((i: { callId: string }) => i.callId).sort(), ['F5', 'P1']);
    // The caller lookup shows the missed calls and open call-backs of a number.
    const caller = await ok(t.call('op', 'GET', '/api/hotline/callers/13900000010'));
    assert.deepEqual(caller.recentCalls.map((k: { callId: string }) => k.callId), ['F10']);
    assert.deepEqual(caller.openCallbackTasks.map((k: { callId: string }) => k.callId), ['F10']);
  });

  it('lists calls by period and outcome, with the case links', async () => {
    const missed = await ok(t.call('sup', 'GET', '/api/hotline/calls?from=2025-03-02&to=2025-03-03&outcome=abandoned'));
    assert.deepEqual(missed.items.map((i: { callId: string }) => i.callId), ['F10', 'F6']);
    const all = await ok(t.call('lead', 'GET', '/api/hotline/calls?from=2025-03-02&to=2025-03-03&limit=100'));
    assert.equal(all.total, 9);
    const f2 = all.items.find((i: { callId: string }) => i.callId === 'F2');
    assert.deepEqual([f2.waitSeconds, f2.answeredWithin15s, f2.agent.id], [15, true, t.org.users.op]);
    const f3 = all.items.find((i: { callId: string }) => i.callId === 'F3');
    assert.equal(f3.answeredWithin15s, false);
    // A call posted with a case links them; the desk linking first works the same way.
    const c = await ok(t.call('op', 'POST', '/api/hotline/cases', { type: 'help', title: '井盖缺失', content: '路口井盖缺失，很危险。', callId: 'L1' }), 201);
    const linked = await ok(post({ ...call('L1', '2025-03-06T10:00:00', 4, 'answered'), caseId: c.id }), 201);
    assert.deepEqual(linked.call.caseIds, [c.id]);
  });

  it('keeps the desk’s records to the desk and the figures to those who steer it', async () => {
    await refused(post(call('X1', '2025-03-06T10:00:00', 3, 'answered'), 'ca.h'), 403, 'FORBIDDEN');
    await refused(post(call('X1', '2025-03-06T10:00:00', 3, 'answered'), 'sup'), 403, 'FORBIDDEN');
    await refused(t.call('ca.h', 'GET', '/api/hotline/answer-rate?from=2025-03-02&to=2025-03-03'), 403, 'FORBIDDEN');
    await refused(t.call('ca.head', 'GET', '/api/hotline/calls'), 403, 'FORBIDDEN');
    await refused(t.call('sup', 'GET', '/api/hotline/callback-tasks'), 403, 'FORBIDDEN');
    assert.equal((await t.call('admin', 'GET', '/api/hotline/answer-rate?from=2025-03-02&to=2025-03-03')).statusCode, 200);
    assert.equal((await t.tdb.db.selectFrom('hotlineCalls').select('callId').where('callId', '=', 'X1').execute()).length, 0);
  });

  it('refuses bad call records and queries with 400 and a code, and records nothing', async () => {
    const before = await t.tdb.db.selectFrom('hotlineCalls').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const good = call('B1', '2025-03-06T10:00:00', 3, 'answered');
    const bad: Array<[Record<string, unknown>, number, string]> = [
      [{ ...good, answeredAt: null }, 400, 'INVALID_INPUT'], //                     answered without an answer time
      [{ ...good, outcome: 'abandoned' }, 400, 'INVALID_INPUT'], //               missed with an answer time
      [{ ...good, outcome: 'hung_up' }, 400, 'INVALID_INPUT'],
      [{ ...good, offeredAt: '2025-03-06 10:00' }, 400, 'INVALID_INPUT'],
      [{ ...good, offeredAt: '2025-03-06T10:00:00' }, 400, 'INVALID_INPUT'], //   no time zone
      [{ ...good, endedAt: '2025-03-06T01:00:00Z' }, 400, 'INVALID_INPUT'], //    ends before it was offered
      [{ ...good, offeredAt: '2099-01-01T00:00:00Z', answeredAt: '2099-01-01T00:00:05Z', endedAt: null }, 400, 'INVALID_INPUT'],
      [{ ...good, callId: 'with space' }, 400, 'INVALID_INPUT'],
      [{ ...good, callId: '' }, 400, 'INVALID_INPUT'],
      [{ ...good, caller: 'withheld' }, 400, 'INVALID_INPUT'],
      [{ ...good, agentUserId: 999999 }, 400, 'INVALID_INPUT'],
      [{ ...good, extra: 1 }, 400, 'INVALID_INPUT'],
      [{ ...good, caseId: 999999 }, 404, 'CASE_NOT_FOUND'],
    ];
    for (const [body, status, code] of bad) await refused(post(body), status, code);
    const { caller: _caller, ...noCaller } = good;
    await refused(post(noCaller), 400, 'INVALID_INPUT');
    const after = await t.tdb.db.selectFrom('hotlineCalls').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    assert.deepEqual(after, before);

    await refused(t.call('sup', 'GET', '/api/hotline/answer-rate?from=2025-03-03&to=2025-03-02'), 400, 'INVALID_INPUT');
    await refused(t.call('sup', 'GET', '/api/hotline/answer-rate?from=2025-03-02'), 400, 'INVALID_INPUT');
    await refused(t.call('sup', 'GET', '/api/hotline/answer-rate?from=2025-02-30&to=2025-03-02'), 400, 'INVALID_INPUT');
    await refused(t.call('sup', 'GET', '/api/hotline/calls?outcome=lost'), 400, 'INVALID_INPUT');
    await refused(t.call('op', 'GET', '/api/hotline/callback-tasks?status=closed'), 400, 'INVALID_INPUT');
    await refused(t.call('op', 'POST', '/api/hotline/callback-tasks/999999/done', { note: '已回拨' }), 404, 'NOT_FOUND');
    const [open] = await tasksOf('F10');
    await refused(t.call('op', 'POST', `/api/hotline/callback-tasks/${open.id}/done`, { note: '' }), 400, 'INVALID_INPUT');
    await refused(t.call('op', 'POST', `/api/hotline/callback-tasks/${open.id}/done`, { note: '   ' }), 400, 'INVALID_INPUT');
    await refused(t.call('op', 'POST', `/api/hotline/callback-tasks/${open.id}/done`, { note: '已回拨', caseId: 999999 }), 404, 'CASE_NOT_FOUND');
    assert.equal((await tasksOf('F10'))[0].status, 'open');
  });
});
