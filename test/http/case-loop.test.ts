import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/http.ts';
import { ok } from '../support/expect.ts';

/** The whole closed loop over HTTP on a real PostgreSQL, as the issue lists it. */
describe('the closed loop of a complaint', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(async () => { await t.close(); });

  it('goes from intake to archive through return, two-level sub-dispatch, send-back and re-handling', async () => {
    const { units } = t.org;
    const created = await ok(t.call('op', 'POST', '/api/cases', {
      channel: 'hotline', type: 'complaint', urgency: 'normal', title: '小区夜间施工噪音扰民',
      content: '甲一村东侧工地每晚十一点后仍在施工，噪音很大，影响休息。', citizenName: '陈建国', citizenPhone: '13800138000',
      regionUnitId: units['ca.t1.v1'], address: '甲一村东侧工地', register: true,
    }), 201);
    assert.match(created.number, /^TS\d{4}-\d{6}$/);
    assert.match(created.queryCode, /^\d{6}$/);
    assert.equal(created.state, 'registered');
    assert.deepEqual(created.allowedActions, ['reject', 'merge', 'answer'], 'an operator cannot dispatch');
    const id = created.id as number;

    // Wrong unit first: it returns the case, the dispatcher re-dispatches.
    assert.equal((await ok(t.act('disp', id, 'dispatch', { leadUnitId: units['cb'] }))).state, 'dispatched');
    const returned = await ok(t.act('cb.h', id, 'return', { note: '该工地不在本区辖区' }));
    assert.equal(returned.state, 'returned');
    assert.equal(returned.flags.returnCount, 1);
    assert.deepEqual((await ok(t.call('disp', 'GET', `/api/cases/${id}`))).allowedActions, ['redispatch', 'overrule']);
    assert.equal((await ok(t.act('disp', id, 'redispatch', { leadUnitId: units['ca'], assistUnitIds: [units['dept.zjj']] }))).state, 'dispatched');

    // Lead and assisting unit sign; the assisting unit submits its input.
    assert.equal((await ok(t.act('ca.h', id, 'sign'))).state, 'handling');
    await ok(t.act('dept.zjj.h', id, 'sign'));
    const draftTooEarly = await t.act('ca.h', id, 'draftReply', { note: '已处理' });
    assert.equal(draftTooEarly.statusCode, 422);
    assert.equal(draftTooEarly.json().error.code, 'PRECONDITION_FAILED');
    await ok(t.act('dept.zjj.h', id, 'submitInput', { note: '已核查施工许可，夜间施工未经审批。' }));

    // Two-level sub-dispatch: county → township → village, and replies back up.
    await ok(t.act('ca.h', id, 'subDispatch', { unitIds: [units['ca.t1']] }));
    await ok(t.act('ca.t1.h', id, 'sign'));
    await ok(t.act('ca.t1.h', id, 'subDispatch', { unitIds: [units['ca.t1.v1']] }));
    const village = await ok(t.act('ca.t1.v1.h', id, 'sign'));
    assert.deepEqual(village.allowedActions, ['return', 'replyUp', 'requestExtension']);
    const upTooEarly = await t.act('ca.t1.h', id, 'replyUp', { note: '已处理' });
    assert.equal(upTooEarly.json().error.code, 'PRECONDITION_FAILED');
    await ok(t.act('ca.t1.v1.h', id, 'replyUp', { note: '已到现场劝停夜间施工。' }));
    await ok(t.act('ca.t1.h', id, 'replyUp', { note: '镇里已约谈施工方。' }));

    // Reply, sign-off, send-back at review, then approval.
    assert.equal((await ok(t.act('ca.h', id, 'draftReply', { note: '已责令停止夜间施工。' }))).state, 'signoff');
    assert.equal((await ok(t.act('ca.head', id, 'signOff'))).state, 'reviewing');
    assert.equal((await ok(t.act('rev', id, 'sendBack', { note: '答复未说明整改时限' }))).state, 'handling');
    await ok(t.act('ca.h', id, 'draftReply', { note: '已责令施工方即日起22点后停止施工，并由镇执法队每晚巡查，联系电话0359-1234567。' }));
    await ok(t.act('ca.head', id, 'signOff'));
    const approved = await ok(t.act('rev', id, 'approve'));
    assert.equal(approved.state, 'callback');
    assert.match(approved.reply.content, /22点后停止施工/);

    // Dissatisfied callback → review → re-handling → closed on the second round.
    assert.equal((await ok(t.act('rev', id, 'recordCallback', { reached: false }))).state, 'callback');
    const unhappy = await ok(t.act('rev', id, 'recordCallback', { reached: true, resolution: 'unresolved', satisfaction: 'dissatisfied', note: '仍有施工' }));
    assert.equal(unhappy.state, 'callback_review');
    const rehandled = await ok(t.act('rev', id, 'rehandle', { note: '群众反映属实，重办' }));
    assert.equal(rehandled.state, 'handling');
    assert.equal(rehandled.flags.rehandleCount, 1);
    await ok(t.act('ca.h', id, 'draftReply', { note: '已没收夜间施工设备并处罚款。' }));
    await ok(t.act('ca.head', id, 'signOff'));
    await ok(t.act('rev', id, 'approve'));
    const closed = await ok(t.act('rev', id, 'recordCallback', { reached: true, resolution: 'resolved', satisfaction: 'satisfied' }));
    assert.equal(closed.state, 'closed');
    assert.ok(closed.times.closedAt);
    assert.equal((await ok(t.act('rev', id, 'archive'))).state, 'archived');

    // The history has every step, in order, and the outbox one event per step.
    const history = await t.tdb.db.selectFrom('caseHistory').select(['action', 'fromState', 'toState']).where('caseId', '=', id).orderBy('id').execute();
    assert.deepEqual(history.map((h) => h.action), [
      'create', 'register', 'dispatch', 'return', 'redispatch', 'sign', 'sign', 'submitInput',
      'subDispatch', 'sign', 'subDispatch', 'sign', 'replyUp', 'replyUp',
      'draftReply', 'signOff', 'sendBack', 'draftReply', 'signOff', 'approve',
      'recordCallback', 'recordCallback', 'rehandle', 'draftReply', 'signOff', 'approve', 'recordCallback', 'archive',
    ]);
    assert.equal(history.at(-1)!.toState, 'archived');
    const events = await t.tdb.db.selectFrom('outbox').select('eventType').where('caseId', '=', id).execute();
    assert.equal(events.length, history.length);
    assert.equal(events[0].eventType, 'case.created');
  });

  it('keeps a unit out of another branch’s cases', async () => {
    const { units } = t.org;
    const c = await ok(t.call('op', 'POST', '/api/cases', {
      channel: 'web', type: 'help', title: '路灯不亮', content: '甲一镇主街路灯连续三晚不亮。', register: true,
    }), 201);
    await ok(t.act('disp', c.id, 'dispatch', { leadUnitId: units['ca.t1'] }));
    // Sibling township and another county: as if the case did not exist.
    for (const outsider of ['ca.t2.h', 'cb.t1.h', 'cb.h', 'dept.zjj.h']) {
      const view = await t.call(outsider, 'GET', `/api/cases/${c.id}`);
      assert.equal(view.statusCode, 404, outsider);
      assert.equal(view.json().error.code, 'CASE_NOT_FOUND');
      const sign = await t.act(outsider, c.id, 'sign');
      assert.equal(sign.statusCode, 404, outsider);
      const list = await ok(t.call(outsider, 'GET', '/api/cases'));
      assert.ok(!list.items.some((i: { id: number }) => i.id === c.id), outsider);
    }
    // The county above the township sees it, but cannot sign for the township.
    assert.equal((await t.call('ca.h', 'GET', `/api/cases/${c.id}`)).statusCode, 200);
    const foreignSign = await t.act('ca.h', c.id, 'sign');
    assert.equal(foreignSign.statusCode, 403);
    assert.equal(foreignSign.json().error.code, 'NOT_ASSIGNED');
    const row = await t.tdb.db.selectFrom('cases').select(['state', 'version']).where('id', '=', c.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { state: 'dispatched', version: 3 });
  });

  it('gives the loser of two simultaneous actions 409 and changes the case once', async () => {
    const { units } = t.org;
    const c = await ok(t.call('op', 'POST', '/api/cases', {
      channel: 'hotline', type: 'inquiry', title: '社保卡补办', content: '请问社保卡丢了在哪里补办？', register: true,
    }), 201);
    const version = c.version as number;
    const [a, b] = await Promise.all([
      t.act('disp', c.id, 'dispatch', { version, leadUnitId: units['ca'] }),
      t.act('disp', c.id, 'dispatch', { version, leadUnitId: units['cb'] }),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    assert.deepEqual(codes, [200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    assert.equal(loser.json().error.code, 'STALE_VERSION');
    const assignments = await t.tdb.db.selectFrom('caseAssignments').select('unitId').where('caseId', '=', c.id).execute();
    assert.equal(assignments.length, 1);
    const dispatches = await t.tdb.db.selectFrom('caseHistory').select('id').where('caseId', '=', c.id).where('action', '=', 'dispatch').execute();
    assert.equal(dispatches.length, 1);
  });
});
