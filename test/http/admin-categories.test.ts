import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/http.ts';

interface Cat { id: number; parentId: number | null; name: string; level: number; fullName: string; active: boolean }

/** Administrators add, rename and (de)activate categories; categories are never deleted; others are refused. */
describe('administering categories', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(async () => { await t.close(); });

  const send = async (username: string | null, method: 'PATCH' | 'POST' | 'DELETE', url: string, payload?: unknown) => {
    const cookie = username ? await t.cookieOf(username) : undefined;
    return t.app.inject({ method, url, payload: payload as object, headers: cookie ? { cookie } : {} });
  };
  const all = () => t.tdb.db.selectFrom('categories').selectAll().orderBy('id').execute();
  const expectError = (res: { statusCode: number; body: string; json(): any }, status: number, code: string) => {
    assert.equal(res.statusCode, status, res.body);
    assert.equal(res.json().error.code, code, res.body);
    assert.ok(res.json().error.message);
  };
  const create = async (name: string, parentId: number | null) => {
    const res = await send('admin', 'POST', '/api/categories', { name, parentId });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as Cat;
  };
  const listed = async (includeInactive = false) => (await t.call('ca.h', 'GET', `/api/categories${includeInactive ? '?includeInactive=true' : ''}`)).json() as Cat[];

  it('creates a three-level branch that every staff member then sees', async () => {
    const top = await create('测试大类', null);
    assert.deepEqual({ ...top, id: 0 }, { id: 0, parentId: null, name: '测试大类', level: 1, fullName: '测试大类', active: true });
    const mid = await create('中类', top.id);
    const leaf = await create('小类', mid.id);
    assert.equal(leaf.level, 3);
    assert.equal(leaf.fullName, '测试大类/中类/小类');
    const list = await listed();
    assert.ok(list.some((c) => c.id === leaf.id && c.parentId === mid.id));
  });

  it('renames a category and the full names below it follow', async () => {
    const top = await create('旧名称', null);
    const mid = await create('子类', top.id);
    const leaf = await create('孙类', mid.id);
    const res = await send('admin', 'PATCH', `/api/categories/${top.id}`, { name: '新名称' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().fullName, '新名称');
    const rows = new Map((await all()).map((c) => [c.id, c]));
    assert.equal(rows.get(mid.id)!.fullName, '新名称/子类');
    assert.equal(rows.get(leaf.id)!.fullName, '新名称/子类/孙类');
  });

  it('deactivates bottom-up (it disappears from the default list, stays for cases that used it) and reactivates top-down', async () => {
    const top = await create('停用测试', null);
    const leaf = await create('叶子', top.id);
    const kase = await t.call('op', 'POST', '/api/cases', { channel: 'hotline', type: 'report', title: '分类停用测试', content: '用于检验停用的分类仍被旧工单引用。', categoryId: leaf.id });
    assert.equal(kase.statusCode, 201, kase.body);

    expectError(await send('admin', 'PATCH', `/api/categories/${top.id}`, { active: false }), 422, 'PRECONDITION_FAILED');
    assert.equal((await send('admin', 'PATCH', `/api/categories/${leaf.id}`, { active: false })).statusCode, 200);
    assert.equal((await send('admin', 'PATCH', `/api/categories/${top.id}`, { active: false })).statusCode, 200);
    assert.ok(!(await listed()).some((c) => c.id === leaf.id), 'gone from the list forms use');
    assert.equal((await listed(true)).find((c) => c.id === leaf.id)?.active, false, 'still listed for administrators');
    const view = (await t.call('op', 'GET', `/api/cases/${kase.json().id}`)).json();
    assert.equal(view.category.id, leaf.id, 'the case keeps its category');

    expectError(await send('admin', 'PATCH', `/api/categories/${leaf.id}`, { active: true }), 422, 'PRECONDITION_FAILED');
    assert.equal((await send('admin', 'PATCH', `/api/categories/${top.id}`, { active: true })).json().active, true);
    assert.equal((await send('admin', 'PATCH', `/api/categories/${leaf.id}`, { active: true })).json().active, true);
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const top = await create('校验大类', null);
    const mid = await create('校验中类', top.id);
    const leaf = await create('校验小类', mid.id);
    await create('同级', top.id);
    const before = await all();
    const bad: Array<[unknown, number, string]> = [
      [{ name: '第四级', parentId: leaf.id }, 400, 'INVALID_INPUT'],
      [{ name: '校验中类', parentId: top.id }, 409, 'CONFLICT'],
      [{ name: '无上级', parentId: 999999 }, 404, 'CATEGORY_NOT_FOUND'],
      [{ name: 'a/b', parentId: top.id }, 400, 'INVALID_INPUT'],
      [{ name: '   ', parentId: top.id }, 400, 'INVALID_INPUT'],
      [{ name: '' , parentId: null }, 400, 'INVALID_INPUT'],
      [{ name: '缺上级' }, 400, 'INVALID_INPUT'],
      [{ name: '多字段', parentId: null, sort: 1 }, 400, 'INVALID_INPUT'],
    ];
    for (const [body, status, code] of bad) expectError(await send('admin', 'POST', '/api/categories', body), status, code);
    expectError(await send('admin', 'PATCH', `/api/categories/${mid.id}`, { name: '同级' }), 409, 'CONFLICT');
    expectError(await send('admin', 'PATCH', `/api/categories/${mid.id}`, {}), 400, 'INVALID_INPUT');
    expectError(await send('admin', 'PATCH', `/api/categories/${mid.id}`, { level: 1 }), 400, 'INVALID_INPUT');
    expectError(await send('admin', 'PATCH', '/api/categories/999999', { name: '不存在' }), 404, 'CATEGORY_NOT_FOUND');
    // Deactivated parents take no new children.
    const lone = await create('孤立大类', null);
    await send('admin', 'PATCH', `/api/categories/${lone.id}`, { active: false });
    const snapshot = await all();
    expectError(await send('admin', 'POST', '/api/categories', { name: '新子类', parentId: lone.id }), 400, 'INVALID_INPUT');
    // There is no delete.
    expectError(await send('admin', 'DELETE', `/api/categories/${leaf.id}`), 404, 'ROUTE_NOT_FOUND');
    assert.deepEqual(await all(), snapshot);
    assert.deepEqual(snapshot.filter((c) => c.id !== lone.id), before);
  });

  it('refuses everyone but administrators, and changes nothing', async () => {
    const before = await all();
    const some = before[0];
    for (const who of ['op', 'disp', 'lead', 'sup', 'ca.head']) {
      expectError(await send(who, 'POST', '/api/categories', { name: '越权分类', parentId: null }), 403, 'FORBIDDEN');
      expectError(await send(who, 'PATCH', `/api/categories/${some.id}`, { name: '越权改名' }), 403, 'FORBIDDEN');
    }
    expectError(await send(null, 'POST', '/api/categories', { name: '匿名分类', parentId: null }), 401, 'UNAUTHENTICATED');
    assert.deepEqual(await all(), before);
  });
});
