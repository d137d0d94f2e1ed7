import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { shanghaiDate } from '../../src/domain/calendar.ts';
import { seedKnowledge } from '../../src/modules/knowledge/knowledge.seed.ts';
import { startTestApp, type TestApp } from '../support/http.ts';
import { ok } from '../support/expect.ts';

/** The knowledge base (知识库) over HTTP: writing, permissions, search ranking, validity, traditional queries. */
describe('the knowledge base', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(async () => { await t.close(); });

  const send = async (user: string, method: 'PATCH' | 'DELETE', url: string, body?: unknown) =>
    t.app.inject({ method, url, payload: body as object | undefined, headers: { cookie: await t.cookieOf(user) } });
  const search = async (query: string, user = 'op') => ok(t.call(user, 'GET', `/api/knowledge?${query}`));
  const categoryId = async (fullName: string) =>
    (await t.tdb.db.selectFrom('categories').select('id').where('fullName', '=', fullName).executeTakeFirstOrThrow()).id;

  const today = shanghaiDate(new Date());
  const daysFromToday = (n: number) => shanghaiDate(new Date(Date.now() + n * 86_400_000));
  const ids: Record<string, number> = {};

  before(async () => {
    const social = await categoryId('劳动和社会保障/社会保险');
    const heating = await categoryId('城乡建设/供暖供气/暖气不热');
    ids.card = (await ok(t.call('op', 'POST', '/api/knowledge', {
      categoryId: social, question: '社会保障卡丢失如何补办？',
      answer: '本人携带居民身份证到社保卡服务网点或合作银行网点申请补办，即时制卡网点当场取卡。',
      keywords: ['社保卡', '补卡'],
    }), 201)).id;
    // Mentions the card only in passing, in the answer: must rank below the entry about it.
    ids.pension = (await ok(t.call('admin', 'POST', '/api/knowledge', {
      categoryId: social, question: '养老金领取资格怎么认证？',
      answer: '可在人社App人脸识别认证，认证时不需要社会保障卡。认证后按月发放养老金。',
    }), 201)).id;
    ids.heating = (await ok(t.call('disp', 'POST', '/api/knowledge', {
      categoryId: heating, question: '暖气不热找谁报修？', answer: '联系所属供热单位客服报修，24小时内上门测温。', keywords: ['暖气', '供暖'],
    }), 201)).id;
    ids.expired = (await ok(t.call('op', 'POST', '/api/knowledge', {
      question: '去年供暖季什么时候停暖？', answer: '上一供暖季于3月15日停暖。', keywords: ['供暖', '停暖'],
      validFrom: daysFromToday(-400), validTo: daysFromToday(-1),
    }), 201)).id;
    ids.future = (await ok(t.call('op', 'POST', '/api/knowledge', {
      question: '明年供暖季什么时候开始？', answer: '新供暖季11月15日开始供暖。', keywords: ['供暖'], validFrom: daysFromToday(30),
    }), 201)).id;
  });

  it('creates entries with their authors, today as the default start and no end', async () => {
    const card = await ok(t.call('rev', 'GET', `/api/knowledge/${ids.card}`));
    assert.equal(card.question, '社会保障卡丢失如何补办？');
    assert.deepEqual(card.keywords, ['社保卡', '补卡']);
    assert.equal(card.validFrom, today);
    assert.equal(card.validTo, null);
    assert.equal(card.usable, true);
    assert.equal(card.createdBy.id, t.org.users.op);
    assert.equal(card.category.name, '劳动和社会保障/社会保险');
    assert.equal(card.version, 1);
    assert.equal((await ok(t.call('op', 'GET', `/api/knowledge/${ids.expired}`))).usable, false);
  });

  it('ranks the entry about the words above one that mentions them in passing, and marks the matches', async () => {
    const res = await search(`q=${encodeURIComponent('社会保障卡补办')}`);
    const order = res.items.map((i: { id: number }) => i.id);
    assert.deepEqual(order.slice(0, 2), [ids.card, ids.pension]);
    assert.ok(res.items[0].rank > res.items[1].rank);
    assert.ok(!order.includes(ids.heating));
    const first = res.items[0];
    const markedQuestion = first.highlight.question.map(([a, b]: [number, number]) => first.question.slice(a, b));
    assert.deepEqual(markedQuestion, ['社会保障卡', '补办']);
    const snip = first.highlight.snippet;
    assert.ok(snip.marks.map(([a, b]: [number, number]) => snip.text.slice(a, b)).includes('补办'));
  });

  it('finds the simplified entry from a traditional query (社會保障卡) and marks the original text', async () => {
    const res = await search(`q=${encodeURIComponent('社會保障卡')}`);
    assert.equal(res.items[0].id, ids.card);
    assert.ok(res.words.includes('社会保障'));
    const [[a, b]] = res.items[0].highlight.question;
    assert.equal(res.items[0].question.slice(a, b), '社会保障卡');
    // And a keyword typed in traditional characters.
    assert.equal((await search(`q=${encodeURIComponent('補卡')}`)).items[0].id, ids.card);
  });

  it('hides entries outside their validity dates unless includeExpired', async () => {
    const shown = (await search(`q=${encodeURIComponent('供暖')}`)).items.map((i: { id: number }) => i.id);
    assert.deepEqual(shown, [ids.heating]);
    const all = (await search(`q=${encodeURIComponent('供暖')}&includeExpired=true`)).items.map((i: { id: number }) => i.id);
    assert.deepEqual([...all].sort((x, y) => x - y), [ids.heating, ids.expired, ids.future].sort((x, y) => x - y));
    const listed = (await search('limit=50')).items.map((i: { id: number }) => i.id);
    assert.ok(!listed.includes(ids.expired) && !listed.includes(ids.future) && listed.includes(ids.card));
  });

  it('filters by a category and the categories below it', async () => {
    const supply = await categoryId('城乡建设/供暖供气');
    const below = (await search(`categoryId=${supply}`)).items.map((i: { id: number }) => i.id);
    assert.deepEqual(below, [ids.heating]);
    const social = await categoryId('劳动和社会保障');
    const inSocial = (await search(`categoryId=${social}&q=${encodeURIComponent('社会保障卡')}`)).items.map((i: { id: number }) => i.id);
    assert.deepEqual(inSocial, [ids.card, ids.pension]);
  });

  it('answers a query of stop words only with nothing, not with everything', async () => {
    const res = await search(`q=${encodeURIComponent('请问怎么办？')}`);
    assert.equal(res.total, 0);
  });

  it('lets admins, operators and dispatchers write, and no one else (403)', async () => {
    const body = { question: '处理人能写吗？', answer: '不能。' };
    for (const user of ['ca.h', 'ca.head', 'rev', 'sup', 'lead']) {
      const res = await t.call(user, 'POST', '/api/knowledge', body);
      assert.equal(res.statusCode, 403, `${user}: ${res.body}`);
      assert.equal(res.json().error.code, 'FORBIDDEN');
      const patch = await send(user, 'PATCH', `/api/knowledge/${ids.card}`, { version: 1, answer: '改掉' });
      assert.equal(patch.statusCode, 403, user);
      assert.equal((await send(user, 'DELETE', `/api/knowledge/${ids.card}`)).statusCode, 403, user);
    }
    // Everyone reads.
    assert.equal((await search(`q=${encodeURIComponent('社保卡')}`, 'ca.h')).items[0].id, ids.card);
    const unchanged = await ok(t.call('op', 'GET', `/api/knowledge/${ids.card}`));
    assert.equal(unchanged.version, 1);
  });

  it('edits with the version read, rebuilding the search words; a stale version is 409', async () => {
    const created = await ok(t.call('op', 'POST', '/api/knowledge', { question: '电动车怎么上牌？', answer: '到交警车管服务站办理。' }), 201);
    const edited = await ok(send('disp', 'PATCH', `/api/knowledge/${created.id}`, {
      version: 1, question: '电动自行车怎么上牌？', keywords: ['上牌', '号牌'],
    }));
    assert.equal(edited.version, 2);
    assert.equal(edited.answer, '到交警车管服务站办理。', 'fields not given stay');
    assert.equal(edited.updatedBy.id, t.org.users.disp);
    assert.equal((await search(`q=${encodeURIComponent('号牌')}`)).items[0].id, created.id);
    const stale = await send('op', 'PATCH', `/api/knowledge/${created.id}`, { version: 1, answer: '旧版本上的修改' });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'STALE_VERSION');
    // Deactivated: out of search, still readable.
    await ok(send('op', 'PATCH', `/api/knowledge/${created.id}`, { version: 2, active: false }));
    assert.equal((await search(`q=${encodeURIComponent('号牌')}`)).total, 0);
    assert.equal((await search(`q=${encodeURIComponent('号牌')}&includeInactive=true`)).items[0].id, created.id);
    await ok(send('admin', 'DELETE', `/api/knowledge/${created.id}`), 204);
    assert.equal((await t.call('op', 'GET', `/api/knowledge/${created.id}`)).statusCode, 404);
  });

  it('refuses bad entries with 400 INVALID_INPUT', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ question: '问', answer: '答案' }, /question/],
      [{ question: '问题在此', answer: '答案', validFrom: '2026-02-30' }, /validFrom|日期/],
      [{ question: '问题在此', answer: '答案', validFrom: '2026-05-01', validTo: '2026-04-01' }, /早于/],
      [{ question: '问题在此', answer: '答案', categoryId: 999999 }, /分类/],
      [{ question: '问题在此', answer: '答案', keywords: 'not a list' }, /keywords/],
      [{ question: '问题在此', answer: '答案', extra: 1 }, /extra/],
    ];
    for (const [body, message] of cases) {
      const res = await t.call('op', 'POST', '/api/knowledge', body);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.code, 'INVALID_INPUT');
      assert.match(res.json().error.message, message);
    }
    const badQuery = await t.call('op', 'GET', '/api/knowledge?limit=500');
    assert.equal(badQuery.statusCode, 400);
    assert.equal((await t.call('op', 'GET', '/api/knowledge/999999')).json().error.code, 'NOT_FOUND');
  });

  it('seeds the demo base: about 30 entries, last season’s heating notice expired, found by traditional queries', async () => {
    // A separate instant-independent check on a second load: seedKnowledge only fills an empty table.
    assert.equal(await seedKnowledge(t.tdb.db), 0, 'the table already has entries');
    await t.tdb.db.deleteFrom('knowledgeEntries').execute();
    const added = await seedKnowledge(t.tdb.db);
    assert.ok(added >= 30, `${added} entries`);
    const card = await search(`q=${encodeURIComponent('社會保障卡丟了怎麼補辦')}`);
    assert.match(card.items[0].question, /社会保障卡/);
    const heating = await search(`q=${encodeURIComponent('供暖季什么时候开始')}&limit=50`);
    const all = await search(`q=${encodeURIComponent('供暖季什么时候开始')}&includeExpired=true&limit=50`);
    assert.equal(all.total - heating.total, 1, 'exactly last season’s notice is hidden');
    for (const q of ['网约车投诉', '公积金提取', '户口迁移', '小学入学材料', '停水', '停电报修']) {
      assert.ok((await search(`q=${encodeURIComponent(q)}`)).total > 0, q);
    }
  });
});
