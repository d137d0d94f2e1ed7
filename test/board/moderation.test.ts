import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PNG, startBoardApp, type BoardTestApp } from './support.ts';

/** The moderation API: edits are redacted too, pictures can be kept off, markup never becomes markup. */
describe('board moderation', () => {
  let t: BoardTestApp;
  before(async () => { t = await startBoardApp(); });
  after(async () => { await t.close(); });

  let n = 0;
  const newPost = async (fields: Record<string, string> = {}, withImage = false) => {
    const res = await t.browser(`203.0.113.${++n}`).write('ca-secretary', { phone: `1350000000${n}`, ...fields },
      withImage ? [{ filename: 'a.png', contentType: 'image/png', data: PNG }] : []);
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    return (await t.tdb.db.selectFrom('boardPosts').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id;
  };

  it('publishes the moderator’s edit, redacted as well, and keeps the original', async () => {
    const id = await newPost({ name: '赵大勇', content: '赵大勇反映：小区门口道路破损严重，已经一个多月没人修。' }, true);
    const res = await t.staff('disp', 'POST', `/api/board/posts/${id}/publish`, {
      title: '小区门口道路破损', content: '小区门口道路破损严重（联系人赵大勇，电话13500000099）。', hideImages: true,
    });
    assert.equal(res.statusCode, 200, res.body);
    const post = res.json();
    assert.equal(post.published.title, '小区门口道路破损');
    assert.equal(post.published.content, '小区门口道路破损严重（联系人赵**，电话【电话已隐去】）。');
    assert.equal(post.original.content, '赵大勇反映：小区门口道路破损严重，已经一个多月没人修。');
    assert.equal(post.hideImages, true);
    const pub = (await t.app.inject({ url: `/api/public/board/posts/${id}` })).json();
    assert.deepEqual(pub.images, [], 'pictures kept off the public pages');
    const staff = (await t.staff('op', 'GET', '/api/board/moderation?status=published')).json();
    assert.equal(staff.items[0].images.length, 1, 'staff still see them');
  });

  it('never turns a citizen’s markup into markup', async () => {
    const id = await newPost({ title: '<b>加粗</b>标题测试', content: '<script>alert(1)</script><img src=x onerror=alert(2)> 路灯坏了很久了' });
    await t.staff('op', 'POST', `/api/board/posts/${id}/publish`, {});
    const page = await t.app.inject({ url: `/board/posts/${id}` });
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /<script>alert|<img src=x|<b>加粗/);
    assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;&lt;img src=x onerror=alert\(2\)&gt;/);
    assert.match(page.body, /<h1>&lt;b&gt;加粗&lt;\/b&gt;标题测试<\/h1>/);
  });

  it('lists the queue by status, refuses bad input and unknown posts', async () => {
    const id = await newPost();
    const pending = (await t.staff('op', 'GET', '/api/board/moderation')).json();
    assert.ok(pending.items.some((p: { id: number }) => p.id === id));
    assert.equal((await t.staff('op', 'POST', `/api/board/posts/${id}/reject`, {})).statusCode, 400);
    assert.equal((await t.staff('op', 'POST', `/api/board/posts/${id}/publish`, { title: '' })).statusCode, 400);
    assert.equal((await t.staff('op', 'POST', '/api/board/posts/99999/publish', {})).statusCode, 404);
    const rejected = await t.staff('op', 'POST', `/api/board/posts/${id}/reject`, { reason: '内容重复' });
    assert.equal(rejected.json().status, 'rejected');
    assert.equal(rejected.json().rejectReason, '内容重复');
    const list = (await t.staff('op', 'GET', '/api/board/moderation?status=rejected')).json();
    assert.deepEqual(list.items.map((p: { id: number }) => p.id), [id]);
    assert.equal((await t.app.inject({ url: '/api/board/moderation' })).statusCode, 401, 'staff only');
    assert.equal((await t.staff('ca.h', 'GET', '/api/board/attachments/1')).statusCode, 404, 'a unit that cannot see the case cannot see its pictures');
  });
});
