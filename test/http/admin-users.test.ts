import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_PASSWORD } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/http.ts';

/** Administrators change staff accounts (PATCH /api/users/:id) and reset passwords; everyone else is refused and nothing changes. */
describe('administering staff accounts', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(async () => { await t.close(); });

  const send = async (username: string | null, method: 'PATCH' | 'POST', url: string, payload?: unknown) => {
    const cookie = username ? await t.cookieOf(username) : undefined;
    return t.app.inject({ method, url, payload: payload as object, headers: cookie ? { cookie } : {} });
  };
  const userRow = (id: number) => t.tdb.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const allUsers = () => t.tdb.db.selectFrom('users').selectAll().orderBy('id').execute();
  const login = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const expectError = (res: { statusCode: number; body: string; json(): any }, status: number, code: string) => {
    assert.equal(res.statusCode, status, res.body);
    assert.equal(res.json().error.code, code, res.body);
    assert.ok(res.json().error.message, 'a message for people');
  };

  it('changes roles, unit and name; the user list shows it', async () => {
    const id = t.org.users['ca.t2.h'];
    const res = await send('admin', 'PATCH', `/api/users/${id}`, { roles: ['handler', 'head'], unitId: t.org.units['ca.t1'], displayName: '张三' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { id, username: 'ca.t2.h', displayName: '张三', unitId: t.org.units['ca.t1'], roles: ['handler', 'head'], active: true });
    const row = await userRow(id);
    assert.deepEqual(row.roles, ['handler', 'head']);
    assert.equal(row.unitId, t.org.units['ca.t1']);
    const list = (await t.call('admin', 'GET', '/api/users')).json() as Array<{ id: number; unitName: string }>;
    assert.equal(list.find((u) => u.id === id)?.unitName, '甲一镇');
    const me = (await t.call('ca.t2.h', 'GET', '/api/me')).json();
    assert.equal(me.unitName, '甲一镇', 'the user’s own session sees the new unit');
  });

  it('deactivating ends the account’s sessions and refuses its login; reactivating lets it in again', async () => {
    const id = t.org.users['cb.t1.h'];
    const cookie = await t.cookieOf('cb.t1.h');
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode, 200);
    const res = await send('admin', 'PATCH', `/api/users/${id}`, { active: false });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().active, false);
    expectError(await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } }), 401, 'UNAUTHENTICATED');
    expectError(await login('cb.t1.h', TEST_PASSWORD), 401, 'INVALID_CREDENTIALS');
    assert.equal((await send('admin', 'PATCH', `/api/users/${id}`, { active: true })).statusCode, 200);
    assert.equal((await login('cb.t1.h', TEST_PASSWORD)).statusCode, 200);
  });

  it('resets a password: the old one stops working, the new one works, old sessions end', async () => {
    const id = t.org.users['cb.t1.head'];
    const cookie = await t.cookieOf('cb.t1.head');
    const res = await send('admin', 'POST', `/api/users/${id}/password`, { password: 'a-new-password-9' });
    assert.equal(res.statusCode, 204, res.body);
    expectError(await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } }), 401, 'UNAUTHENTICATED');
    expectError(await login('cb.t1.head', TEST_PASSWORD), 401, 'INVALID_CREDENTIALS');
    assert.equal((await login('cb.t1.head', 'a-new-password-9')).statusCode, 200);
  });

  it('keeps each account’s history: who created it, changed it (before and after) and set its password — never the password', async () => {
    const created = await send('admin', 'POST', '/api/users', { username: 'hist.user', displayName: '历史', unitId: t.org.units['ca'], roles: ['handler'], password: 'first-password-1' });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id as number;
    assert.equal((await send('admin', 'PATCH', `/api/users/${id}`, { roles: ['handler', 'head'] })).statusCode, 200);
    assert.equal((await send('admin', 'PATCH', `/api/users/${id}`, { active: false })).statusCode, 200);
    assert.equal((await send('admin', 'POST', `/api/users/${id}/password`, { password: 'second-password-2' })).statusCode, 204);
    const countBefore = Number((await t.tdb.db.selectFrom('userHistory').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    // Refused changes leave no entry.
    expectError(await send('op', 'PATCH', `/api/users/${id}`, { roles: ['admin'] }), 403, 'FORBIDDEN');
    expectError(await send('admin', 'PATCH', `/api/users/${id}`, { roles: ['wizard'] }), 400, 'INVALID_INPUT');
    expectError(await send('admin', 'POST', `/api/users/${id}/password`, { password: 'short' }), 400, 'INVALID_INPUT');
    assert.equal(Number((await t.tdb.db.selectFrom('userHistory').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), countBefore);

    const res = await t.call('admin', 'GET', `/api/users/${id}/history`);
    assert.equal(res.statusCode, 200, res.body);
    const entries = res.json() as Array<{ action: string; actorUserId: number | null; actorName: string | null; before: any; after: any; at: string }>;
    assert.deepEqual(entries.map((e) => e.action), ['create', 'change', 'change', 'password']);
    assert.ok(entries.every((e) => e.actorUserId === t.org.users['admin'] && e.actorName && !Number.isNaN(Date.parse(e.at))));
    assert.deepEqual(entries[0].after, { id, username: 'hist.user', displayName: '历史', unitId: t.org.units['ca'], roles: ['handler'], active: true });
    assert.deepEqual([entries[1].before.roles, entries[1].after.roles], [['handler'], ['handler', 'head']]);
    assert.deepEqual([entries[2].before.active, entries[2].after.active], [true, false]);
    assert.deepEqual([entries[3].before, entries[3].after], [null, null]);
    assert.ok(!res.body.includes('password-') && !res.body.includes('scrypt'), 'no password or hash in the history');

    expectError(await t.call('ca.head', 'GET', `/api/users/${id}/history`), 403, 'FORBIDDEN');
    expectError(await t.call('admin', 'GET', '/api/users/99999999/history'), 404, 'USER_NOT_FOUND');
    // Append-only, whoever asks.
    await assert.rejects(t.tdb.db.updateTable('userHistory').set({ action: 'create' }).where('userId', '=', id).execute(), /append-only/);
    await assert.rejects(t.tdb.db.deleteFrom('userHistory').where('userId', '=', id).execute(), /append-only/);
  });

  it('refuses everyone but administrators, and changes nothing', async () => {
    const before = await allUsers();
    const id = t.org.users['ca.h'];
    for (const who of ['op', 'disp', 'lead', 'sup', 'ca.head']) {
      expectError(await send(who, 'PATCH', `/api/users/${id}`, { roles: ['admin'] }), 403, 'FORBIDDEN');
      expectError(await send(who, 'POST', `/api/users/${id}/password`, { password: 'hijacked-password' }), 403, 'FORBIDDEN');
    }
    expectError(await send(null, 'PATCH', `/api/users/${id}`, { active: false }), 401, 'UNAUTHENTICATED');
    expectError(await send(null, 'POST', `/api/users/${id}/password`, { password: 'hijacked-password' }), 401, 'UNAUTHENTICATED');
    expectError(await t.call('ca.head', 'GET', '/api/users'), 403, 'FORBIDDEN');
    assert.deepEqual(await allUsers(), before);
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const before = await allUsers();
    const id = t.org.users['ca.h'];
    const cases: Array<[unknown, number, string, string?]> = [
      [{}, 400, 'INVALID_INPUT'],
      [{ roles: [] }, 400, 'INVALID_INPUT'],
      [{ roles: ['superuser'] }, 400, 'INVALID_INPUT'],
      [{ unitId: 999999 }, 404, 'UNIT_NOT_FOUND'],
      [{ displayName: '' }, 400, 'INVALID_INPUT'],
      [{ active: 'no' }, 400, 'INVALID_INPUT'],
      [{ passwordHash: 'x' }, 400, 'INVALID_INPUT'],
    ];
    for (const [body, status, code] of cases) expectError(await send('admin', 'PATCH', `/api/users/${id}`, body), status, code);
    expectError(await send('admin', 'PATCH', '/api/users/999999', { active: false }), 404, 'USER_NOT_FOUND');
    expectError(await send('admin', 'POST', `/api/users/${id}/password`, { password: 'short' }), 400, 'INVALID_INPUT');
    expectError(await send('admin', 'POST', '/api/users/999999/password', { password: 'long-enough-1' }), 404, 'USER_NOT_FOUND');
    // An administrator cannot lock themself out.
    const self = t.org.users['admin'];
    expectError(await send('admin', 'PATCH', `/api/users/${self}`, { active: false }), 422, 'PRECONDITION_FAILED');
    const err = await send('admin', 'PATCH', `/api/users/${self}`, { roles: ['operator'] });
    expectError(err, 422, 'PRECONDITION_FAILED');
    assert.match(err.json().error.message, /管理员/);
    // A deactivated unit takes no users.
    const unit = t.org.units['ca.t1.v1'];
    const setActive = (active: boolean) => t.tdb.db.updateTable('units').set({ active }).where('id', '=', unit).execute();
    await setActive(false);
    try {
      expectError(await send('admin', 'PATCH', `/api/users/${id}`, { unitId: unit }), 404, 'UNIT_NOT_FOUND');
    } finally {
      await setActive(true);
    }
    assert.deepEqual(await allUsers(), before);
  });

  it('answers in English when asked', async () => {
    const cookie = await t.cookieOf('admin');
    const res = await t.app.inject({ method: 'PATCH', url: `/api/users/${t.org.users['admin']}`, payload: { active: false }, headers: { cookie, 'accept-language': 'en' } });
    expectError(res, 422, 'PRECONDITION_FAILED');
    assert.match(res.json().error.message, /own account/);
  });
});
