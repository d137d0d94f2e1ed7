import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startBoardApp, textOf, type BoardTestApp } from './support.ts';

/** The citizen's lookup of any case by number and query code, and the rating once the reply is out. */
describe('case lookup and rating', () => {
  let t: BoardTestApp;
  before(async () => { t = await startBoardApp(); });
  after(async () => { await t.close(); });

  /** A hotline case (not a board post) taken to an approved reply through the staff API. */
  async function repliedHotlineCase() {
    const created = await t.staff('op', 'POST', '/api/cases', {
      channel: 'hotline', type: 'help', title: '路灯不亮', content: '甲一镇主街路灯连续三晚不亮。', citizenName: '王小明', citizenPhone: '13700137000', register: true,
    });
    assert.equal(created.statusCode, 201, created.body);
    const { id, number, queryCode } = created.json();
    const act = async (user: string, action: string, body: Record<string, unknown> = {}) => {
      const { version } = await t.tdb.db.selectFrom('cases').select('version').where('id', '=', id).executeTakeFirstOrThrow();
      const res = await t.staff(user, 'POST', `/api/cases/${id}/${action}`, { version, ...body });
      assert.equal(res.statusCode, 200, res.body);
    };
    return { id, number, queryCode, act };
  }

  it('shows public progress by number and code, the same "not found" for a wrong code and an unknown number', async () => {
    const c = await repliedHotlineCase();
    const b = t.browser('198.51.100.1');
    const form = await b.get('/lookup');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<form class="card" method="post" action="\/lookup">/);
    assert.doesNotMatch(form.body, /<script/i);

    const first = await b.post('/lookup', { number: c.number, code: c.queryCode });
    assert.equal(first.statusCode, 200);
    const text = textOf(first.body);
    assert.match(text, /路灯不亮/);
    assert.match(text, /12345热线/);
    assert.match(text, /已受理/);
    assert.match(text, /尚未答复/);
    assert.doesNotMatch(text, /王小明|13700137000/, 'the lookup shows no personal data');
    assert.doesNotMatch(first.body, /评价办理结果/, 'no rating before the reply');
    assert.match(first.body, /<meta name="robots" content="noindex">/);

    const wrongCode = await b.post('/lookup', { number: c.number, code: c.queryCode === '000000' ? '111111' : '000000' });
    const unknown = await b.post('/lookup', { number: 'TS2099-999999', code: c.queryCode });
    assert.equal(wrongCode.statusCode, 404);
    assert.equal(unknown.statusCode, 404);
    const message = (r: { body: string }) => /<div class="card errors" role="alert">(.*?)<\/div>/s.exec(r.body)![1];
    assert.equal(message(wrongCode), message(unknown));
    assert.match(textOf(wrongCode.body), /未找到该工单，请核对工单号和查询码/);

    // Reply, then rating: once; the milestones have no staff names or notes.
    await c.act('disp', 'dispatch', { leadUnitId: t.org.units['ca.t1'] });
    await c.act('ca.t1.h', 'sign');
    await c.act('ca.t1.h', 'draftReply', { note: '路灯已修复。' });
    await c.act('ca.t1.head', 'signOff');
    await c.act('rev', 'approve', { note: '内部审核意见：答复合格' });
    const replied = await b.post('/lookup', { number: c.number.toLowerCase(), code: c.queryCode });
    assert.equal(replied.statusCode, 200);
    const rtext = textOf(replied.body);
    assert.match(rtext, /路灯已修复/);
    assert.match(rtext, /甲一镇/);
    for (const m of ['已受理', '已交办承办单位', '已答复']) assert.match(rtext, new RegExp(m));
    assert.doesNotMatch(rtext, /内部审核意见|ca\.t1\.h|rev\b/);
    assert.match(replied.body, /评价办理结果/);

    const badMarks = await b.post('/lookup/rate', { number: c.number, code: c.queryCode, resolution: '6', attitude: '1', speed: '1' });
    assert.equal(badMarks.statusCode, 422);
    assert.match(textOf(badMarks.body), /请为三项各选择1–5分/);
    const rated = await b.post('/lookup/rate', { number: c.number, code: c.queryCode, resolution: '4', attitude: '5', speed: '2', comment: '修得慢' });
    assert.equal(rated.statusCode, 200);
    assert.match(textOf(rated.body), /感谢您的评价/);
    assert.match(textOf(rated.body), /办理速度 2 分/);
    const again = await b.post('/lookup/rate', { number: c.number, code: c.queryCode, resolution: '1', attitude: '1', speed: '1' });
    assert.equal(again.statusCode, 409);
    assert.match(textOf(again.body), /该工单已经评价过/);
    const stored = await t.tdb.db.selectFrom('boardRatings').selectAll().where('caseId', '=', c.id).executeTakeFirstOrThrow();
    assert.deepEqual([stored.resolution, stored.attitude, stored.speed, stored.comment], [4, 5, 2, '修得慢']);

    const wrongRate = await b.post('/lookup/rate', { number: c.number, code: '999999', resolution: '1', attitude: '1', speed: '1' });
    assert.equal(wrongRate.statusCode, c.queryCode === '999999' ? 409 : 404);
  });

  it('rates only after the reply', async () => {
    const created = await t.staff('op', 'POST', '/api/cases', { channel: 'web', type: 'inquiry', title: '社保卡补办', content: '社保卡丢了在哪里补办？' });
    const { number, queryCode } = created.json();
    const res = await t.browser('198.51.100.2').post('/lookup/rate', { number, code: queryCode, resolution: '5', attitude: '5', speed: '5' });
    assert.equal(res.statusCode, 422);
    assert.match(textOf(res.body), /答复之后才能评价/);
  });

  it('leads a merged appeal to the case it joined (并单), with that case\'s progress and only with its own code', async () => {
    const make = async (title: string, content: string, citizenPhone: string) => {
      const res = await t.staff('op', 'POST', '/api/cases', { channel: 'hotline', type: 'complaint', title, content, citizenName: '李四', citizenPhone, register: true });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as { id: number; number: string; queryCode: string; version: number };
    };
    const target = await make('小区门口垃圾堆积', '甲一镇幸福小区门口垃圾三天没人清运。', '13700137001');
    const repeat = await make('幸福小区垃圾没人收', '幸福小区门口的垃圾又堆了三天。', '13700137002');
    const third = await make('垃圾清运不及时', '幸福小区垃圾清运不及时，第三次反映。', '13700137003');
    const merge = async (c: { id: number }, intoCaseId: number) => {
      const { version } = await t.tdb.db.selectFrom('cases').select('version').where('id', '=', c.id).executeTakeFirstOrThrow();
      const res = await t.staff('op', 'POST', `/api/cases/${c.id}/merge`, { version, intoCaseId, note: '重复来电' });
      assert.equal(res.statusCode, 200, res.body);
    };
    // A chain: third → repeat → target; the lookup follows it to its end.
    await merge(third, repeat.id);
    await merge(repeat, target.id);

    const b = t.browser('198.51.100.5');
    for (const c of [repeat, third]) {
      const res = await b.post('/lookup', { number: c.number, code: c.queryCode });
      assert.equal(res.statusCode, 200);
      const text = textOf(res.body);
      assert.match(text, new RegExp(target.number), 'the number shown is the case followed');
      assert.match(text, /小区门口垃圾堆积/);
      assert.doesNotMatch(text, /幸福小区垃圾没人收|垃圾清运不及时/, 'not the merged appeal itself');
      assert.doesNotMatch(text, /李四|1370013700/, 'no personal data');
      assert.match(text, new RegExp(`您查询的工单 ${c.number} 与同一问题的工单合并办理`), 'says why another case is shown');
    }
    // Only the merged appeal's own code opens it: the target's code does not, nor does a wrong one.
    assert.equal((await b.post('/lookup', { number: repeat.number, code: target.queryCode })).statusCode, target.queryCode === repeat.queryCode ? 200 : 404);
    assert.equal((await b.post('/lookup', { number: repeat.number, code: repeat.queryCode === '000000' ? '111111' : '000000' })).statusCode, 404);
    // A case that was not merged still shows itself.
    const own = await b.post('/lookup', { number: target.number, code: target.queryCode });
    assert.match(textOf(own.body), /小区门口垃圾堆积/);
    assert.doesNotMatch(textOf(own.body), /合并办理/);
  });

  it('throttles lookups per IP (counted in PostgreSQL), in the reader’s language', async () => {
    const b = t.browser('198.51.100.3', { 'accept-language': 'en-GB,en;q=0.9' });
    for (let i = 0; i < 30; i++) assert.equal((await b.post('/lookup', { number: `TS2099-${i}`, code: '000000' })).statusCode, 404);
    const blocked = await b.post('/lookup', { number: 'TS2099-1', code: '000000' });
    assert.equal(blocked.statusCode, 429);
    assert.match(textOf(blocked.body), /Too many lookups; please try again in an hour/);
    const rows = await t.tdb.db.selectFrom('boardThrottle').select('keyHash').where('kind', '=', 'lookup').execute();
    assert.ok(rows.length >= 30);
    assert.ok(rows.every((r) => !r.keyHash.includes('198.51')), 'the IP is stored only as a hash');
    assert.equal((await t.browser('198.51.100.4').post('/lookup', { number: 'TS2099-1', code: '000000' })).statusCode, 404, 'another IP is not affected');
  });
});
