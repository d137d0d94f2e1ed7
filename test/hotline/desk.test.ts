import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/http.ts';
import { ok, refused } from '../support/expect.ts';

/** The hotline desk over HTTP: who called before, and a case taken in (and maybe answered) in one request. */
describe('the hotline desk', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(async () => { await t.close(); });

  const lookup = (user: string, phone: string) => t.call(user, 'GET', `/api/hotline/callers/${encodeURIComponent(phone)}`);
  const count = async (table: 'cases' | 'caseHistory' | 'caseKnowledgeUses' | 'hotlineCallCases') =>
    Number((await t.tdb.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const inquiry = { type: 'inquiry', title: '社保卡补办咨询', content: '来电人询问社保卡丢失后在哪里补办，需要带什么材料。' };

  let cardEntry = 0;
  let expiredEntry = 0;
  before(async () => {
    cardEntry = (await ok(t.call('op', 'POST', '/api/knowledge', {
      question: '社会保障卡丢失如何补办？', answer: '携带身份证到社保卡服务网点或合作银行网点补办，即时制卡网点当场取卡。', keywords: ['社保卡'],
    }), 201)).id;
    expiredEntry = (await ok(t.call('op', 'POST', '/api/knowledge', {
      question: '旧政策：社保卡补办收费标准', answer: '已废止。', validFrom: '2020-01-01', validTo: '2021-12-31',
    }), 201)).id;
  });

  describe('caller lookup', () => {
    const ids: Record<string, number> = {};
    before(async () => {
      ids.web = (await ok(t.call('op', 'POST', '/api/cases', {
        channel: 'web', type: 'complaint', title: '小区门口占道经营', content: '小区门口每天早上有摊贩占道经营。',
        citizenName: '张三', citizenPhone: '138-0013-8000', register: true,
      }), 201)).id;
      await ok(t.act('disp', ids.web, 'dispatch', { leadUnitId: t.org.units['ca'] }));
      ids.board = (await ok(t.call('op', 'POST', '/api/cases', {
        channel: 'board', type: 'suggestion', title: '建议增加公交班次', content: '早高峰公交班次太少，建议加密。',
        citizenName: '张三丰', citizenPhone: '+8613800138000',
      }), 201)).id;
      ids.hotline = (await ok(t.call('op', 'POST', '/api/hotline/cases', {
        ...inquiry, citizenName: '张老师', citizenPhone: '138 0013 8000', answer: { knowledgeId: cardEntry },
      }), 201)).id;
      ids.other = (await ok(t.call('op', 'POST', '/api/cases', {
        channel: 'hotline', type: 'help', title: '路灯不亮', content: '楼下路灯连续三晚不亮。', citizenName: '李四', citizenPhone: '13900000000',
      }), 201)).id;
    });

    it('finds the caller’s cases on every channel whatever way the number is written, newest first', async () => {
      for (const phone of ['13800138000', '+86 138-0013-8000', '0086 138 0013 8000', '138-0013-8000']) {
        const res = await ok(lookup('op', phone));
        assert.equal(res.phone, '13800138000', phone);
        assert.deepEqual(res.cases.map((c: { id: number }) => c.id), [ids.hotline, ids.board, ids.web], phone);
        assert.equal(res.total, 3);
        assert.equal(res.openCount, 2, 'the answered hotline case is closed');
        assert.equal(res.lastName, '张老师');
      }
      const res = await ok(lookup('rev', '13800138000'));
      const [hotline, board, web] = res.cases;
      assert.deepEqual(
        { state: hotline.state, label: hotline.stateLabel.zh, channel: hotline.channel, leadUnit: hotline.leadUnit },
        { state: 'closed', label: '已办结', channel: 'hotline', leadUnit: null },
      );
      assert.equal(board.channel, 'board');
      assert.equal(board.state, 'received');
      assert.deepEqual(web.leadUnit, { id: t.org.units['ca'], name: '甲县' });
      assert.equal(web.stateLabel.zh, '待签收');
      assert.equal(web.number.startsWith('TS'), true);
      assert.ok(web.receivedAt <= board.receivedAt);
    });

    it('stores the desk’s phone numbers in one form', async () => {
      const row = await t.tdb.db.selectFrom('cases').select(['citizenPhone', 'channel']).where('id', '=', ids.hotline).executeTakeFirstOrThrow();
      assert.deepEqual(row, { citizenPhone: '13800138000', channel: 'hotline' });
    });

    it('answers an unknown number with no cases', async () => {
      const res = await ok(lookup('disp', '010-12345678'));
      assert.deepEqual({ total: res.total, openCount: res.openCount, cases: res.cases, lastName: res.lastName },
        { total: 0, openCount: 0, cases: [], lastName: null });
    });

    it('is for operators, dispatchers and reviewers only', async () => {
      for (const user of ['ca.h', 'ca.head', 'sup', 'lead', 'admin']) await refused(lookup(user, '13800138000'), 403, 'FORBIDDEN');
      assert.equal((await lookup('disp', '13800138000')).statusCode, 200);
      await refused(t.call(null, 'GET', '/api/hotline/callers/13800138000'), 401, 'UNAUTHENTICATED');
    });

    it('refuses what is not a phone number with 400', async () => {
      await refused(lookup('op', 'abc'), 400, 'INVALID_INPUT');
      await refused(lookup('op', '12'), 400, 'INVALID_INPUT');
      await refused(lookup('op', '+86'), 400, 'INVALID_INPUT');
    });
  });

  describe('one-request intake', () => {
    it('registers a hotline case and links the call, without answering', async () => {
      const c = await ok(t.call('op', 'POST', '/api/hotline/cases', { ...inquiry, citizenPhone: '+86 139 1111 2222', callId: 'CTI-0001' }), 201);
      assert.equal(c.state, 'registered');
      assert.equal(c.channel, 'hotline');
      assert.equal(c.citizen.phone, '13911112222');
      assert.deepEqual(c.history.map((h: { action: string }) => h.action), ['create', 'register']);
      const link = await t.tdb.db.selectFrom('hotlineCallCases').selectAll().where('caseId', '=', c.id).execute();
      assert.deepEqual(link.map((l) => l.callId), ['CTI-0001']);
      assert.equal((await t.tdb.db.selectFrom('caseKnowledgeUses').select('id').where('caseId', '=', c.id).execute()).length, 0);
      const unregistered = await ok(t.call('op', 'POST', '/api/hotline/cases', { ...inquiry, register: false }), 201);
      assert.equal(unregistered.state, 'received');
    });

    it('answers at once from a knowledge entry and closes (直接办结), recording the entry used', async () => {
      const before = (await ok(t.call('op', 'GET', `/api/knowledge/${cardEntry}`))).useCount;
      const c = await ok(t.call('op', 'POST', '/api/hotline/cases', {
        ...inquiry, citizenName: '王芳', citizenPhone: '13700001111', callId: 'CTI-0002', answer: { knowledgeId: cardEntry },
      }), 201);
      assert.equal(c.state, 'closed');
      assert.ok(c.times.closedAt);
      assert.equal(c.directAnswer, '携带身份证到社保卡服务网点或合作银行网点补办，即时制卡网点当场取卡。', 'the entry’s answer by default');
      assert.deepEqual(c.history.map((h: { action: string }) => h.action), ['create', 'register', 'answer']);
      const answer = c.history.at(-1);
      assert.equal(answer.data.knowledgeId, cardEntry);
      assert.equal(answer.note, c.directAnswer);
      const uses = await t.tdb.db.selectFrom('caseKnowledgeUses').selectAll().where('caseId', '=', c.id).execute();
      assert.equal(uses.length, 1);
      assert.equal(uses[0].knowledgeId, cardEntry);
      assert.equal(uses[0].userId, t.org.users.op);
      assert.equal((await ok(t.call('op', 'GET', `/api/knowledge/${cardEntry}`))).useCount, before + 1);
      const event = await t.tdb.db.selectFrom('outbox').select('payload').where('caseId', '=', c.id).where('eventType', '=', 'case.answer').executeTakeFirstOrThrow();
      assert.equal((event.payload as { knowledgeId: number }).knowledgeId, cardEntry);
    });

    it('keeps the operator’s own words when given, and answers without an entry too', async () => {
      const own = await ok(t.call('op', 'POST', '/api/hotline/cases', {
        ...inquiry, answer: { knowledgeId: cardEntry, note: '已告知来电人到就近合作银行网点补办，带身份证。' },
      }), 201);
      assert.equal(own.directAnswer, '已告知来电人到就近合作银行网点补办，带身份证。');
      assert.equal(own.history.at(-1).data.knowledgeId, cardEntry);
      const plain = await ok(t.call('op', 'POST', '/api/hotline/cases', { ...inquiry, answer: { note: '已答复：请拨打12333咨询。' } }), 201);
      assert.equal(plain.state, 'closed');
      assert.equal(plain.history.at(-1).data.knowledgeId, undefined);
      assert.equal((await t.tdb.db.selectFrom('caseKnowledgeUses').select('id').where('caseId', '=', plain.id).execute()).length, 0);
    });

    it('creates nothing when the answer cannot be given', async () => {
      const snapshot = async () => ({
        cases: await count('cases'), history: await count('caseHistory'), uses: await count('caseKnowledgeUses'), links: await count('hotlineCallCases'),
      });
      const start = await snapshot();
      const bad: Array<[string, unknown, number, string, RegExp?]> = [
        ['no entry and no note', { answer: {} }, 400, 'INVALID_INPUT', /知识条目|答复/],
        ['an expired entry', { answer: { knowledgeId: expiredEntry, note: '按旧政策答复' } }, 400, 'INVALID_INPUT', /有效期/],
        ['an unknown entry', { answer: { knowledgeId: 999999 } }, 400, 'INVALID_INPUT', /999999/],
        ['an unknown entry with a note', { answer: { knowledgeId: 999999, note: '答复' } }, 400, 'INVALID_INPUT', /999999/],
      ];
      for (const [why, extra, status, code, message] of bad) {
        const error = await refused(t.call('op', 'POST', '/api/hotline/cases', { ...inquiry, callId: 'CTI-BAD', ...(extra as object) }), status, code);
        if (message) assert.match(error.message, message, why);
      }
      // A dispatcher may take in a case but not answer it: the whole request is undone.
      await refused(t.call('disp', 'POST', '/api/hotline/cases', { ...inquiry, callId: 'CTI-BAD', answer: { knowledgeId: cardEntry } }), 403, 'ROLE_NOT_PERMITTED');
      assert.deepEqual(await snapshot(), start);
    });

    it('is for those who take in cases, with the same checks as POST /api/cases', async () => {
      for (const user of ['ca.h', 'rev', 'sup', 'admin']) await refused(t.call(user, 'POST', '/api/hotline/cases', inquiry), 403, 'FORBIDDEN');
      assert.equal((await t.call('disp', 'POST', '/api/hotline/cases', inquiry)).statusCode, 201);
      const bad: unknown[] = [
        { ...inquiry, channel: 'web' },
        { ...inquiry, title: undefined },
        { ...inquiry, type: 'gossip' },
        { ...inquiry, citizenPhone: 'call me maybe' },
        { ...inquiry, citizenPhone: '12' },
        { ...inquiry, callId: 'has spaces in it' },
        { ...inquiry, answer: { knowledgeId: 'one' } },
        { ...inquiry, answer: { knowledgeId: cardEntry, extra: true } },
        { ...inquiry, categoryId: 999999 },
      ];
      for (const body of bad) await refused(t.call('op', 'POST', '/api/hotline/cases', body), 400, 'INVALID_INPUT');
    });
  });
});
