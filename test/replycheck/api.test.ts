import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/http.ts';

/** Reply checks over HTTP: who may run them, on which case, and bad input. */
describe('reply checks: API', () => {
  let t: TestApp;
  let caseId: number;
  const concrete = '经镇执法队11月12日现场核查，已责令搅拌站即日起22时后停止生产，并处以罚款；执法队每晚巡查至12月31日，监督电话0359-1234567。';

  before(async () => {
    t = await startTestApp();
    const created = await t.call('op', 'POST', '/api/cases', {
      channel: 'hotline', type: 'complaint', urgency: 'normal', register: true,
      title: '甲一村搅拌站夜间噪音扰民', content: '甲一村东侧搅拌站每晚生产到凌晨，噪音粉尘很大，无法休息。',
      citizenName: '陈建国', citizenPhone: '13800138000', regionUnitId: t.org.units['ca.t1.v1'],
    });
    assert.equal(created.statusCode, 201, created.body);
    caseId = created.json().id;
    assert.equal((await t.act('disp', caseId, 'dispatch', { leadUnitId: t.org.units.ca })).statusCode, 200);
    assert.equal((await t.act('ca.h', caseId, 'sign')).statusCode, 200);
  });
  after(async () => { await t.close(); });

  it('answers null before any reply, then checks the current draft for the head and the reviewer', async () => {
    const none = await t.call('ca.head', 'GET', `/api/cases/${caseId}/reply-check`);
    assert.equal(none.statusCode, 200, none.body);
    assert.deepEqual(none.json(), { caseId, replyId: null, status: null, check: null });

    assert.equal((await t.act('ca.h', caseId, 'draftReply', { note: '已收悉，陈建国请留意，电话13800138000。' })).statusCode, 200);
    const draft = await t.call('ca.head', 'GET', `/api/cases/${caseId}/reply-check`);
    assert.equal(draft.statusCode, 200, draft.body);
    const body = draft.json();
    assert.equal(body.status, 'draft');
    const codes = body.check.reasons.map((r: { code: string }) => r.code);
    assert.ok(codes.includes('personal_data') && codes.includes('too_short'), codes.join(','));
    assert.ok(body.check.score <= 35);
    assert.doesNotMatch(JSON.stringify(body.check), /13800138000|陈建国/, 'the check names no personal data itself');

    const reviewer = await t.call('rev', 'GET', `/api/cases/${caseId}/reply-check`, undefined, { 'accept-language': 'en' });
    assert.equal(reviewer.statusCode, 200);
  });

  it('checks a draft being written, for the handler', async () => {
    const res = await t.call('ca.h', 'POST', '/api/reply-check', { caseId, reply: concrete });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().check.reasons, []);
    assert.equal(res.json().check.score, 100);
  });

  it('calls a draft boilerplate when three stored replies of other cases are nearly the same', async () => {
    const others: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.call('op', 'POST', '/api/cases', { channel: 'web', type: 'complaint', urgency: 'normal', title: `乙一街道路灯不亮${i}`, content: '路灯坏了很久。' });
      others.push(res.json().id);
    }
    const stored = (i: number) => concrete.replace('11月12日', `11月${13 + i}日`);
    const check = async () => (await t.call('ca.h', 'POST', '/api/reply-check', { caseId, reply: concrete })).json().check;
    await t.tdb.db.insertInto('caseReplies').values(others.slice(0, 2).map((id, i) => ({ caseId: id, unitId: t.org.units.cb, content: stored(i), status: 'approved', draftedAt: new Date() }))).execute();
    assert.equal((await check()).facts.nearDuplicates, 2);
    assert.deepEqual((await check()).reasons, [], 'two are not many');
    await t.tdb.db.insertInto('caseReplies').values({ caseId: others[2], unitId: t.org.units.cb, content: stored(2), status: 'approved', draftedAt: new Date() }).execute();
    const third = await check();
    assert.equal(third.facts.nearDuplicates, 3);
    assert.deepEqual(third.reasons.map((r: { code: string }) => r.code), ['boilerplate']);
    await t.tdb.db.deleteFrom('caseReplies').where('caseId', 'in', others).execute();
  });

  it('refuses roles that do not write or review replies, and units that cannot see the case', async () => {
    for (const user of ['op', 'disp', 'lead']) {
      const res = await t.call(user, 'POST', '/api/reply-check', { caseId, reply: concrete });
      assert.equal(res.statusCode, 403, user);
      assert.equal(res.json().error.code, 'FORBIDDEN');
      assert.equal((await t.call(user, 'GET', `/api/cases/${caseId}/reply-check`)).statusCode, 403, user);
    }
    for (const user of ['cb.h', 'ca.t2.head']) {
      const res = await t.call(user, 'GET', `/api/cases/${caseId}/reply-check`);
      assert.equal(res.statusCode, 404, user);
      assert.equal(res.json().error.code, 'CASE_NOT_FOUND');
      assert.equal((await t.call(user, 'POST', '/api/reply-check', { caseId, reply: concrete })).statusCode, 404);
    }
    assert.equal((await t.call(null, 'POST', '/api/reply-check', { caseId, reply: concrete })).statusCode, 401);
  });

  it('refuses bad input with a clear error', async () => {
    const bad: unknown[] = [{ caseId, reply: '' }, { caseId }, { reply: concrete }, { caseId: 'x', reply: concrete }, { caseId, reply: 'x'.repeat(20001) }, { caseId, reply: concrete, extra: 1 }];
    for (const body of bad) {
      const res = await t.call('ca.h', 'POST', '/api/reply-check', body);
      assert.equal(res.statusCode, 400, JSON.stringify(body).slice(0, 80));
      assert.equal(res.json().error.code, 'INVALID_INPUT');
    }
    assert.equal((await t.call('ca.h', 'POST', '/api/reply-check', { caseId: 999999, reply: concrete })).statusCode, 404);
    assert.equal((await t.call('ca.h', 'GET', '/api/cases/0/reply-check')).statusCode, 400);
  });
});
