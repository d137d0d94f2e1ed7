import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { TEST_PASSWORD } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/http.ts';

/** Login, sessions, logout, password storage and the role checks on administrative routes. */
describe('authentication and permissions', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(async () => { await t.close(); });

  const login = (username: string, password: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });
  const sessionCookie = (res: LightMyRequestResponse) => {
    const c = res.cookies.find((x) => x.name === 'ms_session');
    assert.ok(c, `no ms_session cookie in ${JSON.stringify(res.headers['set-cookie'])}`);
    return `ms_session=${c.value}`;
  };
  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const sessionsOf = async (username: string) =>
    Number((await t.tdb.db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.userId')
      .select((eb) => eb.fn.countAll().as('n')).where('users.username', '=', username).executeTakeFirstOrThrow()).n);

  it('sets an HttpOnly, SameSite, path-wide session cookie on login and answers with the user', async () => {
    const res = await login('disp', TEST_PASSWORD);
    assert.equal(res.statusCode, 200, res.body);
    const header = res.headers['set-cookie'];
    const raw = (Array.isArray(header) ? header : [header]).find((h) => h?.startsWith('ms_session='));
    assert.ok(raw, 'a Set-Cookie for ms_session');
    const attrs = raw.split(';').map((a) => a.trim().toLowerCase());
    assert.ok(attrs.includes('httponly'), raw);
    assert.ok(attrs.some((a) => a === 'samesite=lax' || a === 'samesite=strict'), raw);
    assert.ok(attrs.includes('path=/'), raw);
    const maxAge = attrs.find((a) => a.startsWith('max-age='));
    assert.ok(maxAge && Number(maxAge.split('=')[1]) > 0, raw);
    const token = raw.split(';')[0].slice('ms_session='.length);
    assert.ok(token.length >= 32, 'a long random token');
    assert.ok(!res.body.includes(token), 'the token is not in the body');
    const me = res.json();
    assert.equal(me.username, 'disp');
    assert.deepEqual(me.roles, ['dispatcher']);
    assert.equal(me.unitId, t.org.units['centre']);
    assert.equal(me.citywide, true);
    assert.equal(me.passwordHash, undefined);
    // Only the token's hash is stored.
    const stored = await t.tdb.db.selectFrom('sessions').select('tokenHash').execute();
    assert.ok(stored.length > 0);
    assert.ok(stored.every((s) => s.tokenHash !== token));
  });

  it('answers a wrong password and an unknown user alike: 401 INVALID_CREDENTIALS, same message, no cookie', async () => {
    const wrong = await login('disp', 'not-the-password');
    const unknown = await login('nobody-here', TEST_PASSWORD);
    for (const res of [wrong, unknown]) {
      assert.equal(res.statusCode, 401, res.body);
      assert.equal(res.json().error.code, 'INVALID_CREDENTIALS');
      assert.equal(res.cookies.find((c) => c.name === 'ms_session'), undefined);
    }
    assert.equal(wrong.json().error.message, unknown.json().error.message);
    assert.equal(wrong.json().error.message, '用户名或密码错误');
    const en = await login('nobody-here', 'x', { 'accept-language': 'en' });
    assert.equal(en.json().error.message, 'Wrong user name or password');
    // Case matters in the password.
    assert.equal((await login('disp', TEST_PASSWORD.toUpperCase())).statusCode, 401);
  });

  it('refuses a login without user name or password with 400', async () => {
    for (const payload of [{}, { username: 'disp' }, { password: TEST_PASSWORD }, { username: '', password: TEST_PASSWORD }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.code, 'INVALID_INPUT');
    }
  });

  it('GET /api/me returns the signed-in user and 401 without a session', async () => {
    const cookie = sessionCookie(await login('ca.t1.h', TEST_PASSWORD));
    const me = await get('/api/me', cookie);
    assert.equal(me.statusCode, 200, me.body);
    assert.equal(me.json().username, 'ca.t1.h');
    assert.equal(me.json().unitId, t.org.units['ca.t1']);
    assert.equal(me.json().unitName, '甲一镇');
    assert.deepEqual(me.json().roles, ['handler']);
    assert.equal(me.json().citywide, false);
    const anon = await get('/api/me');
    assert.equal(anon.statusCode, 401);
    assert.equal(anon.json().error.code, 'UNAUTHENTICATED');
  });

  it('logout ends the session: the same cookie no longer works', async () => {
    const cookie = sessionCookie(await login('rev', TEST_PASSWORD));
    const cookie2 = sessionCookie(await login('rev', TEST_PASSWORD)); // another browser
    assert.equal((await get('/api/me', cookie)).statusCode, 200);
    const before = await sessionsOf('rev');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    assert.equal(out.statusCode, 204, out.body);
    const cleared = out.cookies.find((c) => c.name === 'ms_session');
    assert.ok(cleared, 'the cookie is cleared');
    assert.ok(cleared.value === '' || (cleared.expires && cleared.expires.getTime() < Date.now()) || cleared.maxAge === 0);
    assert.equal(await sessionsOf('rev'), before - 1);
    const after = await get('/api/me', cookie);
    assert.equal(after.statusCode, 401);
    assert.equal(after.json().error.code, 'UNAUTHENTICATED');
    assert.equal((await get('/api/cases', cookie)).statusCode, 401);
    // The other session is untouched.
    assert.equal((await get('/api/me', cookie2)).statusCode, 200);
    // Logging out twice, or without a session, is harmless.
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode, 204);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode, 204);
  });

  it('an expired session is no session', async () => {
    const cookie = sessionCookie(await login('sup', TEST_PASSWORD));
    assert.equal((await get('/api/me', cookie)).statusCode, 200);
    const userId = t.org.users['sup'];
    await t.tdb.db.updateTable('sessions').set({ expiresAt: new Date(Date.now() - 1000) }).where('userId', '=', userId).execute();
    assert.equal((await get('/api/me', cookie)).statusCode, 401);
  });

  it('a deactivated user cannot log in, and their open session stops working', async () => {
    const cookie = sessionCookie(await login('cb.t1.h', TEST_PASSWORD));
    assert.equal((await get('/api/me', cookie)).statusCode, 200);
    await t.tdb.db.updateTable('users').set({ active: false }).where('username', '=', 'cb.t1.h').execute();
    try {
      const res = await login('cb.t1.h', TEST_PASSWORD);
      assert.equal(res.statusCode, 401, res.body);
      assert.equal(res.json().error.code, 'INVALID_CREDENTIALS');
      assert.equal(res.json().error.message, (await login('nobody-here', 'x')).json().error.message, 'does not reveal the account exists');
      assert.equal(res.cookies.find((c) => c.name === 'ms_session'), undefined);
      assert.equal((await get('/api/me', cookie)).statusCode, 401);
    } finally {
      await t.tdb.db.updateTable('users').set({ active: true }).where('username', '=', 'cb.t1.h').execute();
    }
    assert.equal((await login('cb.t1.h', TEST_PASSWORD)).statusCode, 200, 'reactivated, the same password works again');
  });

  it('stores passwords as scrypt hashes, never the password', async () => {
    const rows = await t.tdb.db.selectFrom('users').select(['username', 'passwordHash']).execute();
    assert.ok(rows.length >= 6);
    for (const r of rows) {
      assert.match(r.passwordHash, /^scrypt\$/, r.username);
      assert.notEqual(r.passwordHash, TEST_PASSWORD);
      assert.ok(!r.passwordHash.includes(TEST_PASSWORD), r.username);
      const [, n, , , salt, hash] = r.passwordHash.split('$');
      assert.ok(Number(n) >= 2 ** 14, 'a memory-hard cost');
      assert.ok(Buffer.from(salt, 'base64').length >= 16, 'a salt of 16 bytes or more');
      assert.ok(Buffer.from(hash, 'base64').length >= 32);
    }
  });

  describe('administrative routes', () => {
    const newUser = (username: string, over: Record<string, unknown> = {}) => ({
      username, displayName: '新同事', unitId: t.org.units['ca.t2'], roles: ['handler'], password: 'a-good-password', ...over,
    });

    it('a handler gets 403 FORBIDDEN on POST /api/users and POST /api/units, and nothing is created', async () => {
      const users = await t.tdb.db.selectFrom('users').select('id').execute();
      const units = await t.tdb.db.selectFrom('units').select('id').execute();
      for (const who of ['ca.h', 'ca.head', 'disp', 'op', 'lead']) {
        const u = await t.call(who, 'POST', '/api/users', newUser(`by-${who}`));
        assert.equal(u.statusCode, 403, `${who}: ${u.body}`);
        assert.equal(u.json().error.code, 'FORBIDDEN');
        const n = await t.call(who, 'POST', '/api/units', { key: `x-${who}`, name: '某某社区', kind: 'region', parentId: t.org.units['ca.t2'] });
        assert.equal(n.statusCode, 403, `${who}: ${n.body}`);
        assert.equal(n.json().error.code, 'FORBIDDEN');
        // Even with a broken body: the role check comes first.
        assert.equal((await t.call(who, 'POST', '/api/users', { nonsense: true })).statusCode, 403, who);
        assert.equal((await t.call(who, 'GET', '/api/users')).statusCode, 403, who);
      }
      assert.equal((await t.tdb.db.selectFrom('users').select('id').execute()).length, users.length);
      assert.equal((await t.tdb.db.selectFrom('units').select('id').execute()).length, units.length);
    });

    it('an administrator creates a user, who can then log in with that password only', async () => {
      const res = await t.call('admin', 'POST', '/api/users', newUser('wang.fang', { displayName: '王芳' }));
      assert.equal(res.statusCode, 201, res.body);
      const created = res.json();
      assert.equal(created.username, 'wang.fang');
      assert.deepEqual(created.roles, ['handler']);
      assert.equal(created.password, undefined);
      assert.equal(created.passwordHash, undefined);
      const row = await t.tdb.db.selectFrom('users').selectAll().where('username', '=', 'wang.fang').executeTakeFirstOrThrow();
      assert.match(row.passwordHash, /^scrypt\$/);
      assert.ok(!row.passwordHash.includes('a-good-password'));

      const ok = await login('wang.fang', 'a-good-password');
      assert.equal(ok.statusCode, 200, ok.body);
      const me = await get('/api/me', sessionCookie(ok));
      assert.equal(me.json().displayName, '王芳');
      assert.equal(me.json().unitId, t.org.units['ca.t2']);
      assert.equal((await login('wang.fang', TEST_PASSWORD)).statusCode, 401);

      const list = await t.call('admin', 'GET', '/api/users');
      assert.equal(list.statusCode, 200);
      assert.ok(list.json().some((u: { username: string }) => u.username === 'wang.fang'));
      assert.ok(!list.body.includes('scrypt$'), 'the user list carries no hashes');
    });

    it('refuses a taken user name, a short password, an unknown role or unit', async () => {
      const count = async () => (await t.tdb.db.selectFrom('users').select('id').execute()).length;
      const before = await count();
      const cases: Array<[Record<string, unknown>, number, string]> = [
        [newUser('disp'), 409, 'CONFLICT'],
        [newUser('li.lei', { password: 'short' }), 400, 'INVALID_INPUT'],
        [newUser('li.lei', { roles: ['superuser'] }), 400, 'INVALID_INPUT'],
        [newUser('li.lei', { roles: [] }), 400, 'INVALID_INPUT'],
        [newUser('li.lei', { unitId: 999999 }), 404, 'UNIT_NOT_FOUND'],
        [newUser('has space'), 400, 'INVALID_INPUT'],
        [newUser('li.lei', { isAdmin: true }), 400, 'INVALID_INPUT'],
      ];
      for (const [body, status, code] of cases) {
        const res = await t.call('admin', 'POST', '/api/users', body);
        assert.equal(res.statusCode, status, `${JSON.stringify(body)}: ${res.body}`);
        assert.equal(res.json().error.code, code);
      }
      assert.equal(await count(), before);
    });
  });
});
