import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifyPassword } from '../../src/modules/user/password.ts';
import { runCli, type CliResult } from '../support/cli.ts';
import { startTestApp, type TestApp } from '../support/http.ts';
import { ok } from '../support/expect.ts';

/**
 * The `minsheng` command as a user runs it (`node bin/minsheng.js …`), on an
 * external PostgreSQL given by DATABASE_URL: a fresh test database that the
 * HTTP test app fills with a small city and a few cases.
 */
describe('the minsheng command line (DATABASE_URL)', () => {
  let t: TestApp;
  let env: Record<string, string | undefined>;
  let tmp: string;
  const cli = (...args: string[]) => runCli(args, env);
  const show = (r: CliResult) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

  /** Two cases: one taken to handling (4 history entries), one just received (1 entry). */
  let handled: { id: number; number: string };
  let received: { id: number; number: string };

  before(async () => {
    t = await startTestApp();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-cli-'));
    env = { DATABASE_URL: t.tdb.url, MINSHENG_NO_JOBS: '1', MINSHENG_DATA_DIR: path.join(tmp, 'unused-data') };
    const { units } = t.org;
    const base = {
      channel: 'hotline', type: 'complaint', urgency: 'normal', citizenName: '陈建国', citizenPhone: '13800138000',
      regionUnitId: units['ca.t1'], address: '甲一镇人民路 8 号',
    };
    const a = await ok(t.call('op', 'POST', '/api/cases', {
      ...base, title: '小区夜间施工噪音扰民', content: '工地每晚十一点后仍在施工，噪音很大，影响休息。', register: true,
    }), 201);
    await ok(t.act('disp', a.id, 'dispatch', { leadUnitId: units['ca'], note: '请甲县核查' }));
    await ok(t.act('ca.h', a.id, 'sign'));
    handled = { id: a.id, number: a.number };
    const b = await ok(t.call('op', 'POST', '/api/cases', {
      ...base, type: 'inquiry', title: '咨询社保卡补办流程', content: '社保卡丢失，想问在哪里补办，需要带什么材料。',
    }), 201);
    received = { id: b.id, number: b.number };
  });
  after(async () => {
    await t?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('migrate says the schema is up to date', async () => {
    const r = await cli('migrate');
    assert.equal(r.code, 0, show(r));
    assert.match(r.stdout, /schema is up to date/);
    assert.ok(!fs.existsSync(path.join(tmp, 'unused-data')), 'with DATABASE_URL no embedded data directory is made');
  });

  describe('user add', () => {
    const userRow = (username: string) =>
      t.tdb.db.selectFrom('users').select(['id', 'username', 'displayName', 'unitId', 'roles', 'passwordHash', 'active']).where('username', '=', username).executeTakeFirst();
    const userCount = async () => Number((await t.tdb.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    it('adds a user with an scrypt hash and the given roles, who can then log in', async () => {
      const r = await cli('user', 'add', '--username', 'wang', '--name', '王芳', '--unit', 'ca', '--roles', 'handler,head', '--password', 'wang-password-1');
      assert.equal(r.code, 0, show(r));
      assert.match(r.stdout, /added user wang/);
      const u = await userRow('wang');
      assert.ok(u, 'the user exists');
      assert.equal(u.displayName, '王芳');
      assert.equal(u.unitId, t.org.units['ca']);
      assert.deepEqual([...u.roles].sort(), ['handler', 'head']);
      assert.equal(u.active, true);
      assert.match(u.passwordHash, /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
      assert.ok(!u.passwordHash.includes('wang-password-1'));
      assert.equal(await verifyPassword('wang-password-1', u.passwordHash), true);
      assert.equal(await verifyPassword('wrong-password', u.passwordHash), false);
      const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'wang', password: 'wang-password-1' } });
      assert.equal(login.statusCode, 200, login.body);
    });

    const refusals: { name: string; args: string[]; code: string; mentions: string }[] = [
      { name: 'an unknown role', args: ['--username', 'li', '--unit', 'ca', '--roles', 'handler,wizard', '--password', 'li-password-1'], code: 'INVALID_INPUT', mentions: 'wizard' },
      { name: 'an unknown unit', args: ['--username', 'li', '--unit', 'no.such.unit', '--roles', 'handler', '--password', 'li-password-1'], code: 'UNIT_NOT_FOUND', mentions: 'no.such.unit' },
      { name: 'a taken user name', args: ['--username', 'ca.h', '--unit', 'cb', '--roles', 'head', '--password', 'li-password-1'], code: 'CONFLICT', mentions: 'ca.h' },
      { name: 'a short password', args: ['--username', 'li', '--unit', 'ca', '--roles', 'handler', '--password', 'short'], code: 'INVALID_INPUT', mentions: '8' },
    ];
    for (const c of refusals) {
      it(`refuses ${c.name}: exit 1, ${c.code} on stderr, nothing created`, async () => {
        const before = await userCount();
        const existing = await userRow('ca.h');
        const r = await cli('user', 'add', ...c.args);
        assert.equal(r.code, 1, show(r));
        assert.match(r.stderr, new RegExp(`^${c.code}: `, 'm'), show(r));
        assert.ok(r.stderr.includes(c.mentions), `stderr names ${c.mentions}: ${show(r)}`);
        assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
        assert.equal(r.stdout, '', 'nothing reported as added');
        assert.equal(await userCount(), before, 'no user created');
        assert.equal(await userRow('li'), undefined);
        assert.deepEqual(await userRow('ca.h'), existing, 'the existing user is untouched');
      });
    }

    it('refuses missing options with exit 1 and says which are needed', async () => {
      const before = await userCount();
      const r = await cli('user', 'add', '--username', 'li', '--unit', 'ca');
      assert.equal(r.code, 1, show(r));
      assert.match(r.stderr, /--roles/);
      assert.match(r.stderr, /--password/);
      assert.equal(await userCount(), before);
    });
  });

  describe('case show', () => {
    it('prints the number, the state and one history line per entry in Shanghai time', async () => {
      const r = await cli('case', 'show', handled.number);
      assert.equal(r.code, 0, show(r));
      const lines = r.stdout.split('\n');
      assert.ok(lines[0].startsWith(handled.number), show(r));
      assert.match(lines[0], /小区夜间施工噪音扰民/);
      assert.match(r.stdout, /^state: handling \(/m);
      const rows = await t.tdb.db.selectFrom('caseHistory').select(['at', 'action', 'toState', 'note']).where('caseId', '=', handled.id).orderBy('id').execute();
      assert.deepEqual(rows.map((h) => h.action), ['create', 'register', 'dispatch', 'sign']);
      const historyLines = lines.filter((l) => /^\s+\d{4}-\d\d-\d\dT/.test(l));
      assert.equal(historyLines.length, rows.length, show(r));
      rows.forEach((h, i) => {
        const line = historyLines[i];
        const time = /^\s+(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{3})?\+08:00)\s/.exec(line)?.[1];
        assert.ok(time, `a Shanghai time (+08:00) starts: ${line}`);
        assert.equal(new Date(time).getTime(), h.at.getTime(), `the entry's own time: ${line}`);
        const shanghaiWallClock = new Date(h.at.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
        assert.ok(time.startsWith(shanghaiWallClock), `${time} is Shanghai wall-clock time ${shanghaiWallClock}`);
        assert.ok(line.includes(` ${h.action} `), `names the action ${h.action}: ${line}`);
        assert.ok(line.includes(`→ ${h.toState}`), `names the new state ${h.toState}: ${line}`);
        if (h.note) assert.ok(line.includes(h.note), `shows the note: ${line}`);
      });
      assert.match(historyLines[2], /请甲县核查/);
    });

    it('shows a just-received case with its single entry', async () => {
      const r = await cli('case', 'show', received.number);
      assert.equal(r.code, 0, show(r));
      assert.match(r.stdout, /^state: received \(/m);
      assert.equal(r.stdout.split('\n').filter((l) => /^\s+\d{4}-\d\d-\d\dT[^ ]+\+08:00 /.test(l)).length, 1, show(r));
    });

    it('exits 1 with CASE_NOT_FOUND for an unknown number', async () => {
      const r = await cli('case', 'show', 'NOPE');
      assert.equal(r.code, 1, show(r));
      assert.match(r.stderr, /^CASE_NOT_FOUND: /m);
      assert.equal(r.stdout, '');
    });

    it('exits 1 with a usage line when the number is missing', async () => {
      const r = await cli('case', 'show');
      assert.equal(r.code, 1, show(r));
      assert.match(r.stderr, /case show <number>/);
    });
  });

  describe('export', () => {
    const historyCounts = async () => {
      const rows = await t.tdb.db.selectFrom('caseHistory').select(['caseId', (eb) => eb.fn.countAll().as('n')]).groupBy('caseId').execute();
      return new Map(rows.map((r) => [r.caseId, Number(r.n)]));
    };
    const checkLines = async (text: string) => {
      assert.ok(text.endsWith('\n'), 'JSON lines end with a newline');
      const records = text.trimEnd().split('\n').map((l) => JSON.parse(l));
      const cases = await t.tdb.db.selectFrom('cases').select(['id', 'number', 'state']).orderBy('id').execute();
      assert.equal(records.length, cases.length, 'one line per case');
      assert.deepEqual(records.map((r) => r.number), cases.map((c) => c.number));
      const counts = await historyCounts();
      for (const rec of records) {
        assert.ok(Array.isArray(rec.history), `${rec.number} has a history array`);
        assert.equal(rec.history.length, counts.get(rec.id), `${rec.number}: history has every case_history row`);
        assert.equal(rec.history[0].action, 'create');
        assert.equal(rec.history.at(-1).toState, rec.state);
        assert.ok(Array.isArray(rec.assignments));
      }
      const h = records.find((r) => r.number === handled.number);
      assert.equal(h.history.length, 4);
      assert.equal(h.state, 'handling');
      assert.ok(h.assignments.some((a: { unitId: number }) => a.unitId === t.org.units['ca']), 'the lead assignment is exported');
      return records;
    };

    it('prints every case with its history as JSON lines on stdout', async () => {
      const r = await cli('export');
      assert.equal(r.code, 0, show(r));
      const records = await checkLines(r.stdout);
      assert.equal(records.length, 2);
    });

    it('writes the same lines to --out FILE and reports the count on stderr', async () => {
      const file = path.join(tmp, 'cases.jsonl');
      const r = await cli('export', '--out', file);
      assert.equal(r.code, 0, show(r));
      assert.equal(r.stdout, '', 'nothing on stdout');
      assert.match(r.stderr, /exported 2 cases/);
      const records = await checkLines(fs.readFileSync(file, 'utf8'));
      const stdout = await cli('export');
      assert.deepEqual(records, stdout.stdout.trimEnd().split('\n').map((l) => JSON.parse(l)));
    });
  });

  describe('help', () => {
    for (const args of [[], ['help'], ['--help']]) {
      it(`\`minsheng ${args.join(' ')}\` prints the usage and exits 0`, async () => {
        const r = await cli(...args);
        assert.equal(r.code, 0, show(r));
        assert.match(r.stdout, /^Usage: minsheng <command>/);
        for (const cmd of ['serve', 'migrate', 'seed --demo', 'user add', 'case show', 'export']) assert.ok(r.stdout.includes(cmd), `usage names ${cmd}`);
      });
    }

    it('an unknown command prints the usage and exits 2', async () => {
      const r = await cli('frobnicate');
      assert.equal(r.code, 2, show(r));
      assert.match(r.stdout + r.stderr, /Usage: minsheng <command>/);
    });
  });
});
