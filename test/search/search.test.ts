import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { draftReply } from '../../src/modules/case/case.reply.ts';
import { searchDocument } from '../../src/modules/search/search.document.ts';
import { drainPending, queueReindex } from '../../src/modules/search/search.repository.ts';
import { runAs } from '../support/commands.ts';
import { startTestApp, type TestApp } from '../support/http.ts';

/** Full-text search through GET /api/cases?q=…: real PostgreSQL, real HTTP. */

interface Item { id: number; number: string; title: string; channel: string; highlight?: { title: string; snippet: string } }
interface List { total: number; totalCapped?: boolean; items: Item[] }

describe('full-text search over cases', () => {
  let t: TestApp;
  const ids: Record<string, number> = {};

  const make = async (key: string, title: string, content: string, channel = 'hotline') => {
    const res = await t.call('op', 'POST', '/api/cases', { channel, type: 'complaint', title, content, register: true });
    assert.equal(res.statusCode, 201, res.body);
    ids[key] = res.json().id;
  };
  const search = async (user: string, q: string, extra = ''): Promise<List> => {
    const res = await t.call(user, 'GET', `/api/cases?q=${encodeURIComponent(q)}${extra}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as List;
  };
  const idsOf = (l: List) => l.items.map((i) => i.id).sort((a, b) => a - b);
  const docOf = async (caseId: number, db = t.tdb.db) =>
    (await sql<{ doc: string }>`SELECT doc::text AS doc FROM case_search WHERE case_id = ${caseId}`.execute(db)).rows[0]?.doc ?? '';

  before(async () => {
    t = await startTestApp();
    await make('yuncheng', '運城網約車司機繞路', '乘客反映網約車司機故意繞路多收費。');
    await make('titleHit', '物业费上涨', '小区今年的收费标准变了，业主不满。');
    await make('contentHit', '小区管理问题', '物业公司擅自提高物业费，还不公示账目。');
    await make('heating', '供暖不热', '集中供暖温度只有十五度。', 'web');
    await make('xss', '<img src=x onerror=alert(1)>路灯不亮', '<script>alert("路灯")</script>小区路灯坏了');
    await make('other', '道路破损', '路面有大坑。');
  });
  after(async () => { await t.close(); });

  it('indexes each case at intake, in the statement that writes it', async () => {
    const { rows: [{ n }] } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases c JOIN case_search s ON s.case_id = c.id`.execute(t.tdb.db);
    assert.equal(n, Object.keys(ids).length);
    assert.match(await docOf(ids.yuncheng), /'网约车':\d+A/);
  });

  it('traditional and simplified characters find the same cases (運城 ↔ 运城)', async () => {
    assert.deepEqual(idsOf(await search('disp', '运城')), [ids.yuncheng]);
    assert.deepEqual(idsOf(await search('disp', '運城')), [ids.yuncheng]);
    assert.deepEqual(idsOf(await search('disp', '网约车 绕路')), [ids.yuncheng]);
    const [item] = (await search('disp', '运城')).items;
    assert.equal(item.highlight!.title, '<mark>運城</mark>網約車司機繞路', 'the original text, the simplified query marked in it');
  });

  it('ranks a title hit above a content hit; the snippet shows the hit in context', async () => {
    const list = await search('disp', '物业费');
    assert.deepEqual(list.items.map((i) => i.id), [ids.titleHit, ids.contentHit]);
    assert.equal(list.total, 2);
    assert.equal(list.totalCapped, false);
    assert.match(list.items[1].highlight!.snippet, /<mark>物业费<\/mark>/);
    assert.equal(list.items[0].highlight!.title, '<mark>物业费</mark>上涨');
  });

  it('combines q with the usual filters, paging and the caller’s scope', async () => {
    assert.deepEqual(idsOf(await search('disp', '供暖', '&channel=web')), [ids.heating]);
    assert.deepEqual(idsOf(await search('disp', '供暖', '&channel=hotline')), []);
    assert.deepEqual(idsOf(await search('disp', '物业费', '&limit=1&offset=1')), [ids.contentHit]);
    // A township sees only what was dispatched to it.
    assert.equal((await t.act('disp', ids.contentHit, 'dispatch', { leadUnitId: t.org.units['cb.t1'] })).statusCode, 200);
    assert.deepEqual(idsOf(await search('cb.t1.h', '物业费')), [ids.contentHit]);
    assert.deepEqual(idsOf(await search('ca.h', '物业费')), []);
    assert.equal((await search('ca.h', '物业费')).total, 0);
  });

  it('finds a case by part of its number (trigram index) and ranks that hit first', async () => {
    const { rows: [ext] } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'pg_trgm'`.execute(t.tdb.db);
    assert.equal(ext.n, 1, 'pg_trgm is installed on this server');
    const number = (await t.tdb.db.selectFrom('cases').select('number').where('id', '=', ids.other).executeTakeFirstOrThrow()).number;
    const list = await search('disp', number.slice(-8).toLowerCase());
    assert.equal(list.items[0].id, ids.other, `${number} first`);
  });

  it('escapes HTML in titles and snippets', async () => {
    const [item] = (await search('disp', '路灯')).items;
    assert.equal(item.id, ids.xss);
    assert.equal(item.highlight!.title, '&lt;img src=x onerror=alert(1)&gt;<mark>路灯</mark>不亮');
    assert.ok(!item.highlight!.snippet.includes('<script'), item.highlight!.snippet);
    assert.match(item.highlight!.snippet, /&lt;script&gt;alert\(&quot;<mark>路灯<\/mark>&quot;\)/);
  });

  it('without q the list is as before: every case, newest first, exact total', async () => {
    const res = await t.call('disp', 'GET', '/api/cases?limit=3');
    const list = res.json() as List & Record<string, unknown>;
    assert.equal(list.total, Object.keys(ids).length);
    assert.equal('totalCapped' in list, false);
    assert.equal(list.items.length, 3);
    assert.equal(list.items[0].highlight, undefined);
    assert.ok(list.items[0].id > list.items[1].id);
  });

  it('a search with no words finds nothing; a too long one is refused', async () => {
    assert.deepEqual(await search('disp', '，。！'), { total: 0, totalCapped: false, items: [] });
    const res = await t.call('disp', 'GET', `/api/cases?q=${'字'.repeat(101)}`);
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'INVALID_INPUT');
  });

  it('a reply updates the document in its own transaction, and a rollback takes it back', async () => {
    const caseId = ids.heating;
    assert.equal((await t.act('disp', caseId, 'dispatch', { leadUnitId: t.org.units.ca })).statusCode, 200);
    assert.equal((await t.act('ca.h', caseId, 'sign')).statusCode, 200);
    const version = async () => (await t.tdb.db.selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow()).version;

    // Rolled back: the reply and its words are gone together.
    await assert.rejects(runAs(t.tdb.db, 'ca.h', new Date(), async (ctx) => {
      await draftReply(ctx, { caseId, version: await version(), note: '已联系热力公司检修换热站' });
      assert.match(await docOf(caseId, ctx.trx), /'换热站':\d+C/, 'visible inside the transaction');
      throw new Error('roll back');
    }), /roll back/);
    assert.doesNotMatch(await docOf(caseId), /换热站/);
    assert.deepEqual(idsOf(await search('disp', '换热站')), []);

    // Committed: found by the reply's words at once.
    assert.equal((await t.act('ca.h', caseId, 'draftReply', { note: '已联系热力公司检修换热站' })).statusCode, 200);
    assert.deepEqual(idsOf(await search('disp', '换热站')), [caseId]);
    assert.match((await search('disp', '换热站')).items[0].highlight!.snippet, /<mark>换热站<\/mark>/);
  });

  it('reindex rebuilds every document from the texts (and casts quotes and backslashes)', async () => {
    await sql`DELETE FROM case_search WHERE case_id = ${ids.titleHit}`.execute(t.tdb.db);
    assert.deepEqual(idsOf(await search('disp', '上涨')), []);
    assert.equal(await queueReindex(t.tdb.db), Object.keys(ids).length);
    assert.equal(await drainPending(t.tdb.db, { batch: 2 }), Object.keys(ids).length);
    assert.deepEqual(idsOf(await search('disp', '上涨')), [ids.titleHit]);
    const { rows: [{ n }] } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_search_pending`.execute(t.tdb.db);
    assert.equal(n, 0);
    const odd = searchDocument({ title: "O'Brien 路\\灯 'x'", content: "it''s \\\\ ok" });
    const { rows: [cast] } = await sql<{ doc: string }>`SELECT ${odd}::tsvector::text AS doc`.execute(t.tdb.db);
    assert.match(cast.doc, /'路'/);
  });
});
