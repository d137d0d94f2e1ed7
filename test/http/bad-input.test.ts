import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../support/http.ts';

/**
 * Bad input over HTTP: every refusal answers the right 4xx with a stable code
 * and a message (Chinese by default, English on request), never leaks a stack
 * trace or SQL, and leaves the database exactly as it was (read back).
 */

const CJK = /[\u4e00-\u9fff]/;

/** What the database holds, read back: row counts and every case's state and version. */
async function snapshot(t: TestApp) {
  const db = t.tdb.db;
  const count = async (table: 'cases' | 'caseHistory' | 'caseAssignments' | 'outbox' | 'caseReplies' | 'caseCallbacks' | 'attachments') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return {
    cases: await count('cases'),
    caseHistory: await count('caseHistory'),
    caseAssignments: await count('caseAssignments'),
    outbox: await count('outbox'),
    caseReplies: await count('caseReplies'),
    caseCallbacks: await count('caseCallbacks'),
    attachments: await count('attachments'),
    states: await db.selectFrom('cases').select(['id', 'state', 'version']).orderBy('id').execute(),
  };
}

/** No response body may carry a stack trace, SQL text or file paths. */
function assertNoLeak(res: LightMyRequestResponse) {
  const body = res.body;
  assert.doesNotMatch(body, /\bat\s+\S+\s+\(?[^\s()]*:\d+:\d+/, `stack line in ${body}`);
  assert.doesNotMatch(body, /(\\n|\n)\s+at\s/, `stack line in ${body}`);
  assert.ok(!body.includes('SELECT'), `SQL in ${body}`);
  assert.ok(!body.includes('node_modules'), `path in ${body}`);
  assert.ok(!/"stack"/.test(body), `stack in ${body}`);
}

function assertError(res: LightMyRequestResponse, status: number, code: string, lang: 'zh' | 'en' = 'zh') {
  assert.equal(res.statusCode, status, res.body);
  assertNoLeak(res);
  const { error } = res.json();
  assert.equal(error.code, code, res.body);
  assert.equal(typeof error.message, 'string');
  assert.ok(error.message.length > 0);
  if (lang === 'zh') assert.match(error.message, CJK, `expected a Chinese message: ${error.message}`);
  else assert.doesNotMatch(error.message, CJK, `expected an English message: ${error.message}`);
  return error as { code: string; message: string; details?: Record<string, unknown> };
}

describe('bad input', () => {
  let t: TestApp;
  const ids = { registered: 0, dispatched: 0, handling: 0, callback: 0 };

  const valid = {
    channel: 'hotline', type: 'complaint', title: '楼道堆放杂物', content: '三单元楼道长期堆放杂物，存在消防隐患。',
  };

  const ok = async (p: Promise<LightMyRequestResponse>, status = 200) => {
    const res = await p;
    assert.equal(res.statusCode, status, res.body);
    return res.json();
  };
  const newCase = async () => (await ok(t.call('op', 'POST', '/api/cases', { ...valid, register: true }), 201)).id as number;

  /** Sends a request that must be refused, and checks the database did not move. */
  async function refused(
    send: () => Promise<LightMyRequestResponse>,
    status: number,
    code: string,
    lang: 'zh' | 'en' = 'zh',
  ) {
    const before = await snapshot(t);
    const res = await send();
    const error = assertError(res, status, code, lang);
    assert.deepEqual(await snapshot(t), before, `the database changed after a ${status} ${code}`);
    return error;
  }

  const post = (user: string | null, body: unknown, headers?: Record<string, string>) =>
    () => t.call(user, 'POST', '/api/cases', body, headers);
  const act = (user: string, id: number | string, action: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
    () => t.call(user, 'POST', `/api/cases/${id}/${action}`, body, headers);
  const version = async (id: number) =>
    (await t.tdb.db.selectFrom('cases').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

  before(async () => {
    t = await startTestApp();
    const { units } = t.org;
    ids.registered = await newCase();

    ids.dispatched = await newCase();
    await ok(t.act('disp', ids.dispatched, 'dispatch', { leadUnitId: units['ca'] }));

    ids.handling = await newCase();
    await ok(t.act('disp', ids.handling, 'dispatch', { leadUnitId: units['ca'] }));
    await ok(t.act('ca.h', ids.handling, 'sign'));

    ids.callback = await newCase();
    await ok(t.act('disp', ids.callback, 'dispatch', { leadUnitId: units['ca'] }));
    await ok(t.act('ca.h', ids.callback, 'sign'));
    await ok(t.act('ca.h', ids.callback, 'draftReply', { note: '已清理楼道杂物。' }));
    await ok(t.act('ca.head', ids.callback, 'signOff'));
    assert.equal((await ok(t.act('rev', ids.callback, 'approve'))).state, 'callback');
  });
  after(async () => { await t.close(); });

  describe('POST /api/cases', () => {
    const invalid: Array<[string, Record<string, unknown>, RegExp?]> = [
      ['missing title', { ...valid, title: undefined }, /title/],
      ['missing channel', { ...valid, channel: undefined }, /channel/],
      ['oversized content (5001 characters)', { ...valid, content: '长'.repeat(5001) }, /content/],
      ['oversized title (101 characters)', { ...valid, title: '题'.repeat(101) }, /title/],
      ['too short a title', { ...valid, title: '噪' }, /title/],
      ['type: 123', { ...valid, type: 123 }, /type/],
      ['regionUnitId: "abc"', { ...valid, regionUnitId: 'abc' }, /regionUnitId/],
      ['confidential: "yes"', { ...valid, confidential: 'yes' }, /confidential/],
      ['attachments: "none"', { ...valid, attachments: 'none' }, /attachments/],
      ['a phone number with letters', { ...valid, citizenPhone: 'call-me-maybe' }, /citizenPhone/],
      ['a latitude of 91', { ...valid, lat: 91, lng: 112 }, /lat/],
      ['unknown channel "fax"', { ...valid, channel: 'fax' }, /channel/],
      ['unknown urgency', { ...valid, urgency: 'whenever' }, /urgency/],
      ['unknown extra property', { ...valid, priority: 'high' }, /priority/],
      ['an array instead of an object', [valid] as unknown as Record<string, unknown>],
    ];
    for (const [label, body, field] of invalid) {
      it(`refuses ${label} with 400 INVALID_INPUT`, async () => {
        const error = await refused(post('op', body), 400, 'INVALID_INPUT');
        if (field) assert.match(error.message, field);
      });
    }

    it('refuses unknown category and region ids, and a region that is not a region, with 400', async () => {
      const { units } = t.org;
      const cat = await refused(post('op', { ...valid, categoryId: 999999 }), 400, 'INVALID_INPUT');
      assert.match(cat.message, /999999/);
      const region = await refused(post('op', { ...valid, regionUnitId: 999999 }), 400, 'INVALID_INPUT');
      assert.match(region.message, /999999/);
      await refused(post('op', { ...valid, regionUnitId: units['centre'] }), 400, 'INVALID_INPUT');
      await refused(post('op', { ...valid, regionUnitId: units['dept.zjj'] }), 400, 'INVALID_INPUT');
      await refused(post('op', { ...valid, lat: 36.1 }), 400, 'INVALID_INPUT'); // latitude without longitude
    });

    it('does not coerce JSON types: a number is not a title, "true" is not a boolean', async () => {
      await refused(post('op', { ...valid, title: 12345 }), 400, 'INVALID_INPUT');
      await refused(post('op', { ...valid, confidential: 'true' }), 400, 'INVALID_INPUT');
      await refused(post('op', { ...valid, regionUnitId: String(t.org.units['ca.t1.v1']) }), 400, 'INVALID_INPUT');
      const v = await version(ids.registered);
      await refused(act('disp', ids.registered, 'dispatch', { version: String(v), leadUnitId: t.org.units['ca'] }), 400, 'INVALID_INPUT');
    });

    it('answers a body that is not JSON with 400 and a code, not a parser stack', async () => {
      const cookie = await t.cookieOf('op');
      for (const payload of ['{"title": ', 'title=abc', '{"channel":"web",}']) {
        const before = await snapshot(t);
        const res = await t.app.inject({
          method: 'POST', url: '/api/cases', payload, headers: { cookie, 'content-type': 'application/json' },
        });
        const error = assertError(res, 400, res.json().error.code);
        assert.match(error.code, /^[A-Z][A-Z_]+$/);
        assert.doesNotMatch(error.message, /Unexpected|JSON\.parse|position/);
        assert.deepEqual(await snapshot(t), before);
      }
    });

    it('answers an unsupported content type with a 4xx and a code', async () => {
      const cookie = await t.cookieOf('op');
      const before = await snapshot(t);
      const res = await t.app.inject({
        method: 'POST', url: '/api/cases', payload: '<case/>', headers: { cookie, 'content-type': 'application/xml' },
      });
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, res.body);
      assertNoLeak(res);
      assert.match(res.json().error.code, /^[A-Z][A-Z_]+$/);
      assert.deepEqual(await snapshot(t), before);
    });

    it('answers a body over 1 MiB with 413', async () => {
      const error = await refused(post('op', { ...valid, content: 'x'.repeat(1024 * 1024 + 10) }), 413, 'PAYLOAD_TOO_LARGE');
      assert.equal(error.message, '请求内容过大');
    });

    it('refuses a handler (no case.create permission) with 403', async () => {
      await refused(post('ca.h', valid), 403, 'FORBIDDEN');
    });
  });

  describe('case actions', () => {
    it('answers an unknown case id with 404 CASE_NOT_FOUND', async () => {
      await refused(act('disp', 999999, 'dispatch', { version: 1, leadUnitId: t.org.units['ca'] }), 404, 'CASE_NOT_FOUND');
      await refused(act('disp', 999999, 'register', { version: 1 }), 404, 'CASE_NOT_FOUND');
      const view = await t.call('disp', 'GET', '/api/cases/999999');
      assertError(view, 404, 'CASE_NOT_FOUND');
    });

    it('answers a malformed case id with 400', async () => {
      for (const id of ['abc', '0', '-1', '1.5', '99999999999']) {
        await refused(act('disp', id, 'dispatch', { version: 1, leadUnitId: t.org.units['ca'] }), 400, 'INVALID_INPUT');
      }
      assertError(await t.call('disp', 'GET', '/api/cases/abc'), 400, 'INVALID_INPUT');
    });

    it('refuses a missing, non-integer or extra field with 400', async () => {
      const id = ids.registered;
      const v = await version(id);
      const missing = await refused(act('disp', id, 'dispatch', { leadUnitId: t.org.units['ca'] }), 400, 'INVALID_INPUT');
      assert.match(missing.message, /version/);
      await refused(act('disp', id, 'dispatch', { version: 1.5, leadUnitId: t.org.units['ca'] }), 400, 'INVALID_INPUT');
      await refused(act('disp', id, 'dispatch', { version: v }), 400, 'INVALID_INPUT'); // no lead unit
      await refused(act('disp', id, 'dispatch', { version: v, leadUnitId: t.org.units['ca'], urgent: true }), 400, 'INVALID_INPUT');
      await refused(act('disp', id, 'dispatch', { version: v, leadUnitId: t.org.units['ca'], note: '注'.repeat(5001) }), 400, 'INVALID_INPUT');
    });

    it('answers a stale version with 409 STALE_VERSION', async () => {
      const id = ids.registered;
      const v = await version(id);
      assert.ok(v > 1);
      await refused(act('disp', id, 'dispatch', { version: v - 1, leadUnitId: t.org.units['ca'] }), 409, 'STALE_VERSION');
      await refused(act('disp', id, 'dispatch', { version: v + 1, leadUnitId: t.org.units['ca'] }), 409, 'STALE_VERSION');
    });

    it('answers the wrong state with 409 ACTION_NOT_ALLOWED naming what is allowed', async () => {
      const id = ids.registered;
      const v = await version(id);
      const error = await refused(act('disp', id, 'sign', { version: v }), 409, 'ACTION_NOT_ALLOWED');
      assert.deepEqual(error.details?.allowedActions, ['reject', 'merge', 'dispatch']);
      assert.equal(error.details?.state, 'registered');
      assert.match(error.message, /已登记/);
      assert.match(error.message, /签收/);
      assert.match(error.message, /不予受理、并单、派单/);
      // The same list the case view offers this user.
      const view = await ok(t.call('disp', 'GET', `/api/cases/${id}`));
      assert.deepEqual(view.allowedActions, error.details?.allowedActions);

      const en = await refused(act('disp', id, 'sign', { version: v }, { 'accept-language': 'en' }), 409, 'ACTION_NOT_ALLOWED', 'en');
      assert.match(en.message, /Allowed now: Reject, Merge, Dispatch/);

      // Nothing allowed at all: says so.
      const none = await refused(act('disp', ids.dispatched, 'dispatch', { version: await version(ids.dispatched), leadUnitId: t.org.units['cb'] }), 409, 'ACTION_NOT_ALLOWED');
      assert.deepEqual(none.details?.allowedActions, []);
      assert.match(none.message, /当前可执行：无$/);

      // A closed loop step out of order: approving a case still in handling.
      const early = await refused(act('rev', ids.handling, 'approve', { version: await version(ids.handling) }), 409, 'ACTION_NOT_ALLOWED');
      assert.ok(Array.isArray(early.details?.allowedActions));
    });

    it('answers the wrong role with 403 ROLE_NOT_PERMITTED', async () => {
      const id = ids.registered;
      const v = await version(id);
      const op = await refused(act('op', id, 'dispatch', { version: v, leadUnitId: t.org.units['ca'] }), 403, 'ROLE_NOT_PERMITTED');
      assert.match(op.message, /派单/);
      await refused(act('rev', id, 'dispatch', { version: v, leadUnitId: t.org.units['ca'] }), 403, 'ROLE_NOT_PERMITTED');
      await refused(act('sup', ids.handling, 'instruct', { version: await version(ids.handling), note: '请尽快处理' }), 403, 'ROLE_NOT_PERMITTED');
      await refused(act('ca.h', ids.callback, 'recordCallback', { version: await version(ids.callback), reached: false }), 403, 'ROLE_NOT_PERMITTED');
    });

    it('requires a note to return a case', async () => {
      const id = ids.dispatched;
      const v = await version(id);
      const error = await refused(act('ca.h', id, 'return', { version: v }), 400, 'INVALID_INPUT');
      assert.match(error.message, /退单/);
      await refused(act('ca.h', id, 'return', { version: v, note: '   ' }), 400, 'INVALID_INPUT');
      await refused(act('ca.h', id, 'return', { version: v, note: '' }), 400, 'INVALID_INPUT');
    });

    it('refuses dispatch to an unknown unit, the centre, a lead that also assists', async () => {
      const { units } = t.org;
      const id = ids.registered;
      const v = await version(id);
      const unknown = await refused(act('disp', id, 'dispatch', { version: v, leadUnitId: 999999 }), 400, 'INVALID_INPUT');
      assert.match(unknown.message, /999999/);
      await refused(act('disp', id, 'dispatch', { version: v, leadUnitId: units['centre'] }), 400, 'INVALID_INPUT');
      await refused(act('disp', id, 'dispatch', { version: v, leadUnitId: units['ca'], assistUnitIds: [units['ca']] }), 400, 'INVALID_INPUT');
      await refused(act('disp', id, 'dispatch', { version: v, leadUnitId: units['ca'], assistUnitIds: [units['dept.zjj'], 999999] }), 400, 'INVALID_INPUT');
      await refused(act('disp', id, 'dispatch', { version: v, leadUnitId: units['ca'], assistUnitIds: [units['centre']] }), 400, 'INVALID_INPUT');
    });

    it('refuses to dispatch down to a unit that is not below', async () => {
      const { units } = t.org;
      const id = ids.handling;
      const v = await version(id);
      for (const target of ['cb.t1', 'ca', 'city', 'dept.zjj']) {
        await refused(act('ca.h', id, 'subDispatch', { version: v, unitIds: [units[target]] }), 400, 'INVALID_INPUT');
      }
      await refused(act('ca.h', id, 'subDispatch', { version: v, unitIds: [units['ca.t1'], units['cb.t1']] }), 400, 'INVALID_INPUT');
      await refused(act('ca.h', id, 'subDispatch', { version: v, unitIds: [] }), 400, 'INVALID_INPUT');
    });

    it('refuses a rejection reason that is not on the list', async () => {
      const id = ids.registered;
      const v = await version(id);
      const error = await refused(act('disp', id, 'reject', { version: v, reasonCode: 'too_busy' }), 400, 'INVALID_INPUT');
      assert.match(error.message, /too_busy/);
      await refused(act('disp', id, 'reject', { version: v, reasonCode: '' }), 400, 'INVALID_INPUT');
      await refused(act('disp', id, 'reject', { version: v }), 400, 'INVALID_INPUT');
    });

    it('refuses merging a case into itself or into a case that does not exist', async () => {
      const id = ids.registered;
      const v = await version(id);
      await refused(act('disp', id, 'merge', { version: v, intoCaseId: id }), 400, 'INVALID_INPUT');
      await refused(act('disp', id, 'merge', { version: v, intoCaseId: 999999 }), 400, 'INVALID_INPUT');
    });

    it('refuses a reached callback without resolution or satisfaction', async () => {
      const id = ids.callback;
      const v = await version(id);
      const noSat = await refused(act('rev', id, 'recordCallback', { version: v, reached: true, resolution: 'resolved' }), 400, 'INVALID_INPUT');
      assert.match(noSat.message, /满意/);
      await refused(act('rev', id, 'recordCallback', { version: v, reached: true, satisfaction: 'satisfied' }), 400, 'INVALID_INPUT');
      await refused(act('rev', id, 'recordCallback', { version: v, reached: true }), 400, 'INVALID_INPUT');
      await refused(act('rev', id, 'recordCallback', { version: v, reached: true, resolution: 'resolved', satisfaction: 'meh' }), 400, 'INVALID_INPUT');
      await refused(act('rev', id, 'recordCallback', { version: v }), 400, 'INVALID_INPUT'); // reached missing
    });

    it('the read-back check sees a real change (so it can fail)', async () => {
      const before = await snapshot(t);
      await ok(t.act('disp', ids.registered, 'dispatch', { leadUnitId: t.org.units['ca'] }));
      const afterDispatch = await snapshot(t);
      assert.notDeepEqual(afterDispatch, before);
      assert.equal(afterDispatch.caseHistory, before.caseHistory + 1);
      assert.equal(afterDispatch.caseAssignments, before.caseAssignments + 1);
      assert.equal(afterDispatch.outbox, before.outbox + 1);
      // And a body at the limits is taken in.
      await ok(t.call('op', 'POST', '/api/cases', { ...valid, title: '题'.repeat(100), content: '长'.repeat(5000) }), 201);
      assert.equal((await snapshot(t)).cases, before.cases + 1);
    });
  });

  describe('language and leaks', () => {
    it('speaks Chinese by default and English with Accept-Language: en', async () => {
      const pairs: Array<[() => (h?: Record<string, string>) => Promise<LightMyRequestResponse>, number, string, string, string]> = [
        [() => (h) => t.call('disp', 'GET', '/api/cases/999999', undefined, h), 404, 'CASE_NOT_FOUND', '工单不存在或无权访问', 'Case not found or no access'],
        [() => (h) => t.call(null, 'GET', '/api/cases', undefined, h), 401, 'UNAUTHENTICATED', '请先登录', 'Please log in first'],
        [() => (h) => t.call('ca.h', 'POST', '/api/cases', valid, h), 403, 'FORBIDDEN', '无权进行此操作', 'You may not do this'],
      ];
      for (const [make, status, code, zh, en] of pairs) {
        const send = make();
        assert.equal((await refused(() => send(), status, code)).message, zh);
        assert.equal((await refused(() => send({ 'accept-language': 'en' }), status, code, 'en')).message, en);
        assert.equal((await refused(() => send({ 'accept-language': 'en-GB,en;q=0.9' }), status, code, 'en')).message, en);
        assert.equal((await refused(() => send({ 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' }), status, code)).message, zh);
      }
      const zhInvalid = await refused(post('op', { ...valid, title: undefined }), 400, 'INVALID_INPUT');
      assert.match(zhInvalid.message, /^输入有误/);
      const enInvalid = await refused(post('op', { ...valid, title: undefined }, { 'accept-language': 'en' }), 400, 'INVALID_INPUT', 'en');
      assert.match(enInvalid.message, /^Invalid input/);
      const enReason = await refused(act('disp', ids.registered, 'reject', { version: await version(ids.registered), reasonCode: 'x' }, { 'accept-language': 'en' }), 400, 'INVALID_INPUT', 'en');
      assert.match(enReason.message, /unknown rejection reason: x/);
      const enStale = await refused(act('disp', ids.registered, 'reject', { version: 1, reasonCode: 'repeat' }, { 'accept-language': 'en' }), 409, 'STALE_VERSION', 'en');
      assert.match(enStale.message, /reload/);
      await refused(post('op', { ...valid, content: 'x'.repeat(1024 * 1024 + 10) }, { 'accept-language': 'en' }), 413, 'PAYLOAD_TOO_LARGE', 'en');
    });

    it('an unhandled server error is a bare 500 with no details', async () => {
      // Make the outbox refuse sign events, so the command fails mid-transaction the way a bug would.
      await sql`ALTER TABLE outbox ADD CONSTRAINT test_no_sign_events CHECK (event_type <> 'case.sign') NOT VALID`.execute(t.tdb.db);
      try {
        const before = await snapshot(t);
        const res = await t.act('ca.h', ids.dispatched, 'sign');
        assert.equal(res.statusCode, 500, res.body);
        assertNoLeak(res);
        assert.ok(!res.body.includes('test_no_sign_events'), res.body);
        assert.deepEqual(Object.keys(res.json().error).sort(), ['code', 'message']);
        assert.equal(res.json().error.code, 'INTERNAL');
        assert.deepEqual(await snapshot(t), before, 'the failed transaction left nothing behind');
      } finally {
        await sql`ALTER TABLE outbox DROP CONSTRAINT test_no_sign_events`.execute(t.tdb.db);
      }
    });
  });

  describe('without a session', () => {
    it('answers 401 UNAUTHENTICATED everywhere, before looking at the body', async () => {
      const id = ids.registered;
      const v = await version(id);
      await refused(() => t.call(null, 'GET', '/api/cases'), 401, 'UNAUTHENTICATED');
      await refused(() => t.call(null, 'GET', `/api/cases/${id}`), 401, 'UNAUTHENTICATED');
      await refused(() => t.call(null, 'GET', '/api/me'), 401, 'UNAUTHENTICATED');
      await refused(post(null, valid), 401, 'UNAUTHENTICATED');
      await refused(() => t.call(null, 'POST', `/api/cases/${id}/reject`, { version: v, reasonCode: 'repeat' }), 401, 'UNAUTHENTICATED');
      // Invalid input from someone not logged in is still "log in first", not a validation report.
      await refused(post(null, {}), 401, 'UNAUTHENTICATED');
      await refused(() => t.call(null, 'POST', '/api/cases/abc/sign', {}), 401, 'UNAUTHENTICATED');
      // A made-up or tampered session cookie is no session.
      for (const cookie of ['ms_session=not-a-real-token', 'ms_session=', 'other=1']) {
        await refused(() => t.app.inject({ method: 'POST', url: `/api/cases/${id}/reject`, payload: { version: v, reasonCode: 'repeat' }, headers: { cookie } }), 401, 'UNAUTHENTICATED');
      }
    });
  });
});
