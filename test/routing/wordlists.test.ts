import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createDb } from '../../src/db/database.ts';
import { takeInAppeal } from '../../src/modules/case/case.create.ts';
import { createCase } from '../../src/modules/case/case.intake.ts';
import { runAs } from '../support/commands.ts';
import { startTestApp, type TestApp } from '../support/http.ts';

/**
 * Sensitive and urgent words at intake over HTTP on a real database: the
 * administrator's lists (CRUD, bad input refused), urgency raised and cases
 * flagged at intake — traditional characters too — and a change seen at
 * once by another process.
 */
describe('sensitive and urgent words at intake', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(async () => { await t.close(); });

  const admin = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, as = 'admin', lang = 'zh') =>
    t.app.inject({ method, url, payload: payload as object | undefined, headers: { cookie: await t.cookieOf(as), 'accept-language': lang } });
  const desk = async (title: string, content: string, urgency = 'normal') => {
    const res = await t.call('op', 'POST', '/api/hotline/cases', { type: 'help', urgency, title, content });
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  };

  it('raises the urgency of a gas leak written in traditional characters, and says why in the case view', async () => {
    const c = await desk('家裡燃氣洩漏', '樓道裡聞到很濃的味道，請馬上派人來');
    assert.equal(c.urgency, 'critical');
    assert.deepEqual(c.wordCheck, { reviewFlagged: false, hits: { urgent: ['燃气泄漏'], sensitive: [], raisedFrom: 'normal' } });
    const stored = await t.tdb.db.selectFrom('cases').select(['urgency', 'reviewFlagged']).where('id', '=', c.id).executeTakeFirstOrThrow();
    assert.deepEqual(stored, { urgency: 'critical', reviewFlagged: false });
  });

  it('checks the intake form too (POST /api/cases), and flags there', async () => {
    const res = await t.call('op', 'POST', '/api/cases', { channel: 'app', type: 'help', urgency: 'urgent', title: '有人要跳樓', content: '說要找媒體曝光' });
    assert.equal(res.statusCode, 201, res.body);
    const c = res.json();
    assert.equal(c.urgency, 'critical');
    assert.deepEqual(c.wordCheck, { reviewFlagged: true, hits: { urgent: ['跳楼'], sensitive: ['媒体曝光'], raisedFrom: 'urgent' } });
    const stored = await t.tdb.db.selectFrom('cases').select(['urgency', 'reviewFlagged']).where('id', '=', c.id).executeTakeFirstOrThrow();
    assert.deepEqual(stored, { urgency: 'critical', reviewFlagged: true });
  });

  it('leaves an ordinary appeal as it was', async () => {
    const c = await desk('路灯不亮', '人民路路灯坏了一个月');
    assert.equal(c.urgency, 'normal');
    assert.deepEqual(c.wordCheck, { reviewFlagged: false, hits: null });
  });

  it('checks a text corrected at registration: new sensitive words flag the case, urgent ones raise urgency unless the registrar set it', async () => {
    // Taken in (not registered at once, unlike the desk), then registered with a corrected text.
    const received = async (title: string, content: string) => {
      const res = await t.call('op', 'POST', '/api/cases', { channel: 'app', type: 'help', urgency: 'normal', title, content });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().state, 'received');
      return res.json();
    };
    const c = await received('工资问题', '公司拖欠三个月工资');
    assert.deepEqual(c.wordCheck, { reviewFlagged: false, hits: null });
    const registered = await t.call('op', 'POST', `/api/cases/${c.id}/register`, { version: c.version, content: '公司拖欠三个月工资，工人说再不给就找媒體曝光；工地有人被困電梯' });
    assert.equal(registered.statusCode, 200, registered.body);
    const view = registered.json();
    assert.equal(view.urgency, 'urgent');
    assert.deepEqual(view.wordCheck, { reviewFlagged: true, hits: { urgent: ['被困电梯'], sensitive: ['媒体曝光'], raisedFrom: 'normal' } });
    assert.ok((await t.call('disp', 'GET', '/api/intake-words/flagged-cases')).json().items.some((i: { id: number }) => i.id === c.id));

    // The registrar's own urgency wins over the words; no sensitive word, no flag.
    const d = await received('电梯异响', '小区电梯异响');
    const set = await t.call('op', 'POST', `/api/cases/${d.id}/register`, { version: d.version, content: '小区电梯异响，上周有人被困电梯，现已修好', urgency: 'normal' });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(set.json().urgency, 'normal');
    assert.deepEqual(set.json().wordCheck, { reviewFlagged: false, hits: { urgent: ['被困电梯'], sensitive: [] } });

    // Registration without a corrected text leaves the check as intake left it.
    const e = await received('路灯不亮', '人民路路灯坏了');
    const plain = await t.call('op', 'POST', `/api/cases/${e.id}/register`, { version: e.version });
    assert.equal(plain.statusCode, 200, plain.body);
    assert.deepEqual(plain.json().wordCheck, { reviewFlagged: false, hits: null });
  });

  it('flags a sensitive appeal for review; the flagged list shows it to those who may see it', async () => {
    const c = await desk('拖欠工资', '再不解决我们就去拉横幅，找媒體曝光');
    assert.equal(c.wordCheck.reviewFlagged, true);
    assert.deepEqual(c.wordCheck.hits.sensitive.sort(), ['媒体曝光', '拉横幅'].sort());
    assert.equal(c.urgency, 'normal');
    const list = await t.call('disp', 'GET', '/api/intake-words/flagged-cases');
    assert.equal(list.statusCode, 200, list.body);
    assert.ok(list.json().items.some((i: { id: number }) => i.id === c.id));
    assert.ok(list.json().items.every((i: { id: number }) => i.id !== undefined));
    const view = await t.call('disp', 'GET', `/api/cases/${c.id}`);
    assert.equal(view.json().wordCheck.reviewFlagged, true);
    // A handling unit sees no case that is not assigned to it.
    const unit = await t.call('dept.zjj.h', 'GET', '/api/intake-words/flagged-cases');
    assert.equal(unit.statusCode, 200);
    assert.equal(unit.json().total, 0);
    // Clearing after a look: only staff who may, only once; the words stay.
    assert.equal((await t.call('dept.zjj.h', 'POST', `/api/intake-words/flagged-cases/${c.id}/clear`)).statusCode, 403);
    const cleared = await t.call('rev', 'POST', `/api/intake-words/flagged-cases/${c.id}/clear`);
    assert.equal(cleared.statusCode, 200, cleared.body);
    const after = (await t.call('disp', 'GET', `/api/cases/${c.id}`)).json().wordCheck;
    assert.equal(after.reviewFlagged, false);
    assert.deepEqual(after.hits.sensitive.sort(), ['媒体曝光', '拉横幅'].sort());
    assert.equal(after.hits.cleared.byName, 'rev');
    assert.ok(!(await t.call('disp', 'GET', '/api/intake-words/flagged-cases')).json().items.some((i: { id: number }) => i.id === c.id));
    const again = await t.call('rev', 'POST', `/api/intake-words/flagged-cases/${c.id}/clear`);
    assert.equal(again.statusCode, 400);
    assert.equal(again.json().error.code, 'INVALID_INPUT');
    assert.equal((await t.call('rev', 'POST', '/api/intake-words/flagged-cases/99999999/clear')).statusCode, 404);
  });

  it('lets administrators list, add, change and remove words; a change applies to the next intake', async () => {
    const listed = await admin('GET', '/api/intake-words?list=urgent');
    assert.equal(listed.statusCode, 200, listed.body);
    assert.ok(listed.json().items.some((w: { word: string }) => w.word === '燃气泄漏'));
    assert.ok(listed.json().items.every((w: { list: string }) => w.list === 'urgent'));

    assert.equal((await desk('树倒了', '大风把树刮倒压住了车')).urgency, 'normal');
    const added = await admin('POST', '/api/intake-words', { list: 'urgent', word: '樹倒壓車', level: 'urgent' });
    assert.equal(added.statusCode, 201, added.body);
    assert.equal(added.json().normalized, '树倒压车');
    assert.equal((await desk('树倒压车', '大风')).urgency, 'urgent');

    const changed = await admin('PUT', `/api/intake-words/${added.json().id}`, { list: 'sensitive', word: '树倒压车' });
    assert.equal(changed.statusCode, 200, changed.body);
    const after = await desk('树倒压车', '大风');
    assert.equal(after.urgency, 'normal');
    assert.equal(after.wordCheck.reviewFlagged, true);

    assert.equal((await admin('DELETE', `/api/intake-words/${added.json().id}`)).statusCode, 204);
    assert.equal((await admin('DELETE', `/api/intake-words/${added.json().id}`)).statusCode, 404);
    assert.deepEqual((await desk('树倒压车', '大风')).wordCheck, { reviewFlagged: false, hits: null });
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const before = (await admin('GET', '/api/intake-words')).json().items.length;
    const cases: Array<[unknown, number, string]> = [
      [{ list: 'urgent', word: '新词' }, 400, 'INVALID_INPUT'],
      [{ list: 'sensitive', word: '新词', level: 'critical' }, 400, 'INVALID_INPUT'],
      [{ list: 'sensitive', word: '！！，，' }, 400, 'INVALID_INPUT'],
      [{ list: 'banned', word: '新词' }, 400, 'INVALID_INPUT'],
      [{ list: 'sensitive', word: '新词', extra: 1 }, 400, 'INVALID_INPUT'],
      [{ list: 'sensitive', word: '' }, 400, 'INVALID_INPUT'],
      [{ list: 'urgent', word: '煤氣洩漏', level: 'urgent' }, 409, 'CONFLICT'],
    ];
    for (const [body, status, code] of cases) {
      const res = await admin('POST', '/api/intake-words', body);
      assert.equal(res.statusCode, status, `${JSON.stringify(body)} → ${res.body}`);
      assert.equal(res.json().error.code, code);
      assert.ok(res.json().error.message.length > 0);
    }
    const english = await admin('POST', '/api/intake-words', { list: 'urgent', word: '新词' }, 'admin', 'en');
    assert.match(english.json().error.message, /level/);
    assert.equal((await admin('POST', '/api/intake-words', { list: 'sensitive', word: '新词' }, 'disp')).statusCode, 403);
    assert.equal((await admin('GET', '/api/intake-words', undefined, 'op')).statusCode, 403);
    const some = (await admin('GET', '/api/intake-words')).json().items[0];
    const clash = await admin('PUT', `/api/intake-words/${some.id}`, { list: 'urgent', word: '燃气泄漏', level: 'critical' });
    assert.ok(some.word === '燃气泄漏' ? clash.statusCode === 200 : clash.statusCode === 409, clash.body);
    assert.equal((await admin('PUT', '/api/intake-words/99999999', { list: 'sensitive', word: '别的词' })).statusCode, 404);
    assert.equal((await admin('GET', '/api/intake-words')).json().items.length, before);
  });

  it('a change made through one process applies at once in another (cache checked against config_version)', async () => {
    const other = createDb(t.tdb.url, 2);
    try {
      const intakeThere = (title: string) => runAs(other, 'op', new Date(), (ctx) => createCase(ctx, {
        channel: 'web', type: 'help', urgency: 'normal', title, content: '请尽快处理',
      }));
      assert.equal((await intakeThere('河堤管涌')).urgency, 'normal');
      assert.equal((await intakeThere('河堤管涌')).urgency, 'normal'); // the other process now holds its copy
      const added = await admin('POST', '/api/intake-words', { list: 'urgent', word: '管涌', level: 'critical' });
      assert.equal(added.statusCode, 201);
      const row = await intakeThere('河堤管涌');
      assert.equal(row.urgency, 'critical');
      assert.equal(row.reviewFlagged, false);
      assert.deepEqual(row.wordHits, { urgent: ['管涌'], sensitive: [], raisedFrom: 'normal' });
    } finally {
      await other.destroy();
    }
  });

  it('adds no statement to an intake where no word matches (nor when auto-dispatch is off)', async () => {
    let statements = 0;
    const counted = t.tdb.db.withPlugin({
      transformQuery: (args) => { statements++; return args.node; },
      transformResult: async (args) => args.result,
    });
    const appeal = { channel: 'web' as const, type: 'help' as const, urgency: 'normal' as const, title: '路灯不亮', content: '人民路路灯坏了', register: true };
    const count = async (fn: Parameters<typeof runAs>[3]) => {
      statements = 0;
      await runAs(counted, 'op', new Date(), fn);
      return statements;
    };
    const bare = () => count((ctx) => takeInAppeal(ctx, appeal));
    const checked = () => count((ctx) => createCase(ctx, appeal));
    await checked(); // warm the caches, as a running process has them
    const [withoutWords, withWords] = [await bare(), await checked()];
    assert.ok(withoutWords > 0);
    assert.equal(withWords, withoutWords);
    // A match costs one statement (writing what was found).
    assert.equal(await count((ctx) => createCase(ctx, { ...appeal, title: '燃气泄漏' })), withoutWords + 1);
  });
});
