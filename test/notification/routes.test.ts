import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runOutboxDispatch } from '../../src/modules/notification/outbox.job.ts';
import { startTestApp, type TestApp } from '../support/http.ts';

/** Staff read their own notifications over HTTP, and only their own. */
describe('notification routes', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    for (const title of ['井盖缺失', '路灯不亮', '噪音扰民']) {
      const c = await t.call('op', 'POST', '/api/cases', { channel: 'web', type: 'help', title, content: `${title}，请处理。`, register: true });
      assert.equal(c.statusCode, 201, c.body);
      const d = await t.act('disp', c.json().id, 'dispatch', { leadUnitId: t.org.units['ca'] });
      assert.equal(d.statusCode, 200, d.body);
    }
    await runOutboxDispatch(t.tdb.db);
  });
  after(async () => { await t.close(); });

  const list = async (user: string, query = '') => {
    const res = await t.call(user, 'GET', `/api/notifications${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { total: number; unread: number; items: Array<{ id: number; title: string; body: string; kind: string; caseId: number; readAt: string | null; createdAt: string }> };
  };

  it('speaks the reader’s language: English made again from the stored facts, traditional characters converted, simplified as stored', async () => {
    const inLang = async (lang: string) => {
      const res = await t.app.inject({ method: 'GET', url: '/api/notifications?limit=1', headers: { cookie: await t.cookieOf('ca.h'), 'accept-language': lang } });
      assert.equal(res.statusCode, 200, res.body);
      return res.json().items[0] as { title: string; body: string; id: number };
    };
    const zh = await inLang('zh-CN');
    assert.match(zh.title, /^新派工单 /);
    assert.equal(zh.body, '工单“噪音扰民”已派至本单位，请及时签收。');
    const en = await inLang('en');
    assert.equal(en.id, zh.id);
    assert.equal(en.title, zh.title.replace('新派工单', 'New case'));
    assert.equal(en.body, 'Case “噪音扰民” was dispatched to your unit; please sign for it.');
    const hant = await inLang('zh-TW');
    assert.equal(hant.body, '工單“噪音擾民”已派至本單位，請及時簽收。');
    // A row from before the facts were kept stays as it was written (Chinese), in every language.
    await t.tdb.db.updateTable('notifications').set({ facts: null }).where('id', '=', zh.id).execute();
    assert.equal((await inLang('en')).body, zh.body);
  });

  it('lists my notifications newest first with the unread count, and pages', async () => {
    const mine = await list('ca.h');
    assert.equal(mine.total, 3);
    assert.equal(mine.unread, 3);
    assert.deepEqual(mine.items.map((n) => n.body.match(/“(.+)”/)![1]), ['噪音扰民', '路灯不亮', '井盖缺失']);
    assert.ok(mine.items.every((n) => n.kind === 'case.dispatch' && n.readAt === null && !Number.isNaN(Date.parse(n.createdAt))));
    const page = await list('ca.h', '?limit=1&offset=1');
    assert.deepEqual(page.items.map((n) => n.id), [mine.items[1].id]);
    assert.equal(page.total, 3);
    assert.equal((await list('cb.h')).total, 0, 'another unit’s staff got none');
    const bad = await t.call('ca.h', 'GET', '/api/notifications?limit=0');
    assert.equal(bad.statusCode, 400);
  });

  it('marks one read, and answers 404 for someone else’s', async () => {
    const mine = await list('ca.h');
    const theirs = await list('ca.head');
    const foreign = await t.call('ca.h', 'POST', `/api/notifications/${theirs.items[0].id}/read`);
    assert.equal(foreign.statusCode, 404);
    assert.equal(foreign.json().error.code, 'NOT_FOUND');
    assert.equal((await list('ca.head')).unread, 3, 'untouched');
    assert.equal((await t.call('ca.h', 'POST', '/api/notifications/999999999/read')).statusCode, 404);

    const res = await t.call('ca.h', 'POST', `/api/notifications/${mine.items[0].id}/read`);
    assert.equal(res.statusCode, 200, res.body);
    const readAt = res.json().readAt;
    assert.ok(readAt);
    const again = await t.call('ca.h', 'POST', `/api/notifications/${mine.items[0].id}/read`);
    assert.equal(again.json().readAt, readAt, 'the first read time stays');
    const after = await list('ca.h');
    assert.equal(after.unread, 2);
    const unread = await list('ca.h', '?unread=true');
    assert.equal(unread.total, 2);
    assert.ok(!unread.items.some((n) => n.id === mine.items[0].id));
  });

  it('marks all mine read, nobody else’s', async () => {
    const res = await t.call('ca.h', 'POST', '/api/notifications/read-all');
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { updated: 2 });
    assert.equal((await list('ca.h')).unread, 0);
    assert.equal((await list('ca.h', '?unread=true')).items.length, 0);
    assert.equal((await list('ca.head')).unread, 3);
  });

  it('requires a login', async () => {
    for (const [method, url] of [['GET', '/api/notifications'], ['POST', '/api/notifications/1/read'], ['POST', '/api/notifications/read-all']] as const) {
      const res = await t.call(null, method, url);
      assert.equal(res.statusCode, 401, url);
    }
  });
});
