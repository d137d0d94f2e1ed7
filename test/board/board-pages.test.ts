import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startBoardApp, textOf, type BoardTestApp } from './support.ts';

/**
 * The public site as a phone or a search engine sees it: three languages,
 * no script anywhere, titles, descriptions, canonical and alternate links,
 * the sitemap and robots.txt, filters and paging without JavaScript.
 */
describe('the public pages', () => {
  let t: BoardTestApp;
  const ids: Record<string, number> = {};
  before(async () => {
    t = await startBoardApp();
    // Three published posts: a complaint on transport in 甲县 to the mayor, an inquiry on education in 乙区
    // to 乙区区长, and a suggestion to the department; one pending post that must not show.
    let n = 0;
    const publish = async (board: string, fields: Record<string, string>) => {
      const res = await t.browser(`203.0.113.${++n}`).write(board, { phone: `1360000000${n}`, ...fields });
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      const post = await t.tdb.db.selectFrom('boardPosts').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      return post.id;
    };
    ids.transport = await publish('mayor', { type: 'complaint', domain: 'transport', region: 'ca', title: '公交站台被占用严重', content: '甲县汽车站门口的公交站台长期被出租车占用，乘客上下车很危险。' });
    ids.school = await publish('cb-head', { type: 'inquiry', domain: 'education', region: '', title: '小学入学需要哪些材料', content: '孩子明年上小学，请问入学登记需要准备哪些材料？' });
    ids.dept = await publish('dept.zjj', { type: 'suggestion', domain: 'construction', region: 'cb', title: '建议老旧小区加装电梯', content: '乙区很多老旧小区没有电梯，老人上下楼困难，建议加快加装。' });
    ids.pending = await publish('mayor', { type: 'help', domain: 'other', title: '这条留言还没有审核', content: '待审核的留言不应该出现在任何公开页面上。' });
    for (const k of ['transport', 'school', 'dept']) {
      const res = await t.staff('op', 'POST', `/api/board/posts/${ids[k]}/publish`, {});
      assert.equal(res.statusCode, 200, res.body);
    }
    // The transport complaint is dispatched (办理中).
    const { caseId } = await t.tdb.db.selectFrom('boardPosts').select('caseId').where('id', '=', ids.transport).executeTakeFirstOrThrow();
    for (const [user, action, body] of [['op', 'register', {}], ['disp', 'dispatch', { leadUnitId: t.org.units.ca }], ['ca.h', 'sign', {}]] as const) {
      const { version } = await t.tdb.db.selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow();
      assert.equal((await t.staff(user, 'POST', `/api/cases/${caseId}/${action}`, { version, ...body })).statusCode, 200);
    }
  });
  after(async () => { await t.close(); });

  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await t.app.inject({ url, headers });
    assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
    return res;
  };

  it('the landing page links to the board, the lookup, the API docs and the staff login', async () => {
    const res = await get('/');
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
    for (const href of ['/board', '/lookup', '/docs', '/login']) assert.match(res.body, new RegExp(`href="${href}"`));
    assert.match(res.body, /<title>民声 · 测试市群众诉求服务<\/title>/);
    assert.match(res.body, /<meta name="description" content="[^"]+">/);
    assert.match(res.body, /<link rel="canonical" href="http:\/\/localhost(:\d+)?\/">/);
  });

  it('has no script anywhere, one cached stylesheet, and headers that forbid scripts', async () => {
    for (const url of ['/', '/board', '/board/mayor', `/board/posts/${ids.transport}`, '/board/mayor/write', '/lookup']) {
      const res = await get(url);
      assert.doesNotMatch(res.body, /<script|javascript:|\son[a-z]+=/i, url);
      assert.match(String(res.headers['content-security-policy']), /default-src 'none'/, url);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.match(res.body, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
    }
    const css = /<link rel="stylesheet" href="(\/assets\/site\.[0-9a-f]{12}\.css)">/.exec((await get('/')).body)![1];
    const sheet = await get(css);
    assert.equal(sheet.headers['content-type'], 'text/css; charset=utf-8');
    assert.match(String(sheet.headers['cache-control']), /max-age=31536000, immutable/);
    assert.ok(sheet.body.length < 8000, 'one small stylesheet');
  });

  it('speaks zh-Hans by default, zh-Hant and English by ?lang= or Accept-Language', async () => {
    const hans = await get('/board');
    assert.match(hans.body, /<html lang="zh-Hans">/);
    assert.match(hans.body, /领导留言板/);
    assert.match(hans.body, /测试市市长/);

    const hantByQuery = await get('/board?lang=zh-Hant');
    assert.match(hantByQuery.body, /<html lang="zh-Hant">/);
    assert.match(hantByQuery.body, /領導留言板/);
    assert.match(hantByQuery.body, /測試市市長/, 'board titles are converted too');
    assert.match(hantByQuery.body, /href="\/board\/mayor\?lang=zh-Hant"/, 'links keep the chosen language');
    const hantByHeader = await get('/board', { 'accept-language': 'zh-TW,zh;q=0.9,en;q=0.5' });
    assert.match(hantByHeader.body, /<html lang="zh-Hant">/);
    assert.match(String(hantByHeader.headers.vary), /Accept-Language/);

    const en = await get('/board?lang=en');
    assert.match(en.body, /<html lang="en">/);
    assert.match(en.body, /Leader Message Board of 测试市/);
    assert.match(en.body, /Mayor of 测试市/);
    assert.match(en.body, /Awaiting reply|In handling|Handled/);
    assert.match((await get('/lookup', { 'accept-language': 'en-US,en;q=0.8' })).body, /Track a case/);

    // The citizen's text is shown as written in every language.
    const post = await get(`/board/posts/${ids.transport}?lang=zh-Hant`);
    assert.match(post.body, /公交站台被占用严重/);
    assert.match(post.body, /辦理中/);
    const enPost = await get(`/board/posts/${ids.transport}?lang=en`);
    assert.match(enPost.body, /公交站台被占用严重/);
    assert.match(textOf(enPost.body), /State\s+In handling/);
    assert.match(textOf(enPost.body), /Complaint/);

    // The switcher is three links; each page has alternates for search engines.
    for (const l of ['zh-Hans', 'zh-Hant', 'en']) assert.match(hans.body, new RegExp(`<a href="/board\\?lang=${l}" hreflang="${l}"`));
    assert.match(hans.body, /<link rel="alternate" hreflang="en" href="http:\/\/localhost(:\d+)?\/board\?lang=en">/);
    assert.match(hans.body, /<link rel="alternate" hreflang="x-default" href="http:\/\/localhost(:\d+)?\/board">/);
    assert.match(en.body, /<link rel="canonical" href="http:\/\/localhost(:\d+)?\/board\?lang=en">/);
  });

  it('lists boards with figures and filters posts with plain GET forms', async () => {
    const index = await get('/board');
    assert.match(index.body, /<form class="filters card" method="get" action="\/board"/);
    const text = textOf(index.body);
    assert.match(text, /共 3 条/);
    assert.doesNotMatch(text, /这条留言还没有审核/);
    assert.match(text, /留言 1 · 回复 0 · 回复率 0\.0%/);

    const titles = async (url: string) => [...(await get(url)).body.matchAll(/<li>\s*<a href="\/board\/posts\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);
    assert.deepEqual(await titles('/board?type=inquiry'), ['小学入学需要哪些材料']);
    assert.deepEqual(await titles('/board?domain=transport'), ['公交站台被占用严重']);
    assert.deepEqual(await titles('/board?state=handling'), ['公交站台被占用严重']);
    assert.deepEqual((await titles('/board?state=pending')).sort(), ['小学入学需要哪些材料', '建议老旧小区加装电梯'].sort());
    assert.deepEqual(await titles('/board?region=ca'), ['公交站台被占用严重']);
    assert.deepEqual((await titles('/board?region=cb')).sort(), ['小学入学需要哪些材料', '建议老旧小区加装电梯'].sort(), 'a county board files under its county');
    assert.deepEqual(await titles('/board?q=电梯'), ['建议老旧小区加装电梯']);
    assert.deepEqual(await titles('/board?board=dept.zjj'), ['建议老旧小区加装电梯']);
    assert.deepEqual(await titles('/board/mayor'), ['公交站台被占用严重']);
    assert.deepEqual(await titles('/board?type=nonsense&page=abc'), (await titles('/board')), 'unknown filter values are ignored');

    const json = (await get('/api/public/board/posts?state=pending&lang=en')).json();
    assert.equal(json.total, 2);
    assert.equal(json.items[0].stateLabel, 'Awaiting reply');
    assert.equal((await t.app.inject({ url: '/api/public/board/boards/nope/posts' })).statusCode, 404);
    const boards = (await get('/api/public/board/boards')).json();
    const mayor = boards.items.find((b: { key: string }) => b.key === 'mayor');
    assert.equal(mayor.figures.messages, 1);
    assert.equal(mayor.figures.replyRate, 0);
    assert.deepEqual(boards.items.map((b: { key: string }) => b.key).slice(0, 2), ['secretary', 'mayor']);
    assert.ok(boards.items.some((b: { key: string; kind: string }) => b.key === 'dept.zjj' && b.kind === 'department'));
  });

  it('pages a long list with rel=prev/next links', async () => {
    const rows = Array.from({ length: 22 }, (_, i) => i);
    const { caseId } = await t.tdb.db.selectFrom('boardPosts').select('caseId').where('id', '=', ids.school).executeTakeFirstOrThrow();
    const base = await t.tdb.db.selectFrom('boardPosts').selectAll().where('id', '=', ids.school).executeTakeFirstOrThrow();
    // Copies of one case's post are enough to page through (posts are unique per case, so clone the case row too).
    for (const i of rows) {
      const c = await t.tdb.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
      const { id: _id, ...rest } = c;
      const copy = await t.tdb.db.insertInto('cases').values({ ...rest, number: `TS2026-9${String(i).padStart(5, '0')}`, deadlinePolicies: JSON.stringify(c.deadlinePolicies ?? {}) })
        .returning('id').executeTakeFirstOrThrow();
      const { id: _pid, ...post } = base;
      await t.tdb.db.insertInto('boardPosts').values({ ...post, caseId: copy.id, publishedTitle: `分页测试留言${i}` }).execute();
    }
    const page1 = await get('/board/cb-head');
    assert.match(page1.body, /第 1 \/ 2 页/);
    assert.match(page1.body, /<a rel="next" href="\/board\/cb-head\?page=2">/);
    const page2 = await get('/board/cb-head?page=2');
    assert.match(page2.body, /<a rel="prev" href="\/board\/cb-head">/);
    assert.match(page2.body, /<link rel="canonical" href="http:\/\/localhost(:\d+)?\/board\/cb-head\?page=2">/);
    const json = (await get('/api/public/board/boards/cb-head/posts?page=2')).json();
    assert.equal(json.total, 23);
    assert.equal(json.items.length, 3);
  });

  it('robots.txt and sitemap.xml', async () => {
    const robots = await get('/robots.txt');
    assert.match(robots.body, /Disallow: \/api\//);
    assert.match(robots.body, /Sitemap: http:\/\/localhost(:\d+)?\/sitemap\.xml/);
    const sitemap = await get('/sitemap.xml');
    assert.equal(sitemap.headers['content-type'], 'application/xml; charset=utf-8');
    assert.match(sitemap.body, /<loc>http:\/\/localhost(:\d+)?\/board\/mayor<\/loc>/);
    assert.match(sitemap.body, new RegExp(`<loc>http://localhost(:\\d+)?/board/posts/${ids.transport}</loc><lastmod>`));
    assert.match(sitemap.body, /hreflang="zh-Hant" href="http:\/\/localhost(:\d+)?\/board\/mayor\?lang=zh-Hant"/);
    assert.doesNotMatch(sitemap.body, new RegExp(`/board/posts/${ids.pending}<`), 'no unpublished post');
  });

  it('answers unknown posts and boards with a 404 page in the reader’s language', async () => {
    const res = await t.app.inject({ url: `/board/posts/${ids.pending}?lang=en` });
    assert.equal(res.statusCode, 404);
    assert.match(res.body, /This page does not exist or is not public/);
    assert.equal((await t.app.inject({ url: '/board/posts/abc' })).statusCode, 404);
    assert.equal((await t.app.inject({ url: '/board/images/../../etc/passwd' })).statusCode, 404);
    assert.equal((await t.app.inject({ url: '/board/images/0123456789abcdef0123456789abcdef.png' })).statusCode, 404);
  });
});
