import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Db } from '../../src/db/database.ts';
import { runOutboxDispatch } from '../../src/modules/notification/outbox.job.ts';
import { runSmsSend } from '../../src/modules/notification/sms.job.ts';
import { startTestApp, type TestApp } from '../support/http.ts';
import { readIds, recordingGateway } from './gateway.ts';

/**
 * The outbox after a kill (issue 3): a process SIGKILLed at the worst moment
 * loses nothing, and no message ever gets a second id.
 */
const child = path.join(import.meta.dirname, 'kill-child.ts');

/** Starts the child and resolves with it and the first line it prints starting with `prefix`. */
function spawnUntil(args: string[], prefix: string): Promise<{ proc: ChildProcess; line: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => { proc.kill('SIGKILL'); reject(new Error(`child timed out; stderr: ${err}`)); }, 30_000);
    proc.stderr!.on('data', (d) => { err += d; });
    proc.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith(prefix));
      if (line) { clearTimeout(timer); resolve({ proc, line }); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`child exited (${code}) early; stderr: ${err}`)); });
  });
}

async function kill(proc: ChildProcess) {
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGKILL');
  await exited;
}

/** Waits until PostgreSQL has noticed the dead client and rolled its transaction back. */
async function waitForOtherSessionsToEnd(db: Db) {
  for (let i = 0; i < 200; i++) {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'`.execute(db);
    if (rows[0].n === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the killed session never ended');
}

describe('the outbox after a kill', () => {
  let t: TestApp;
  let dir: string;
  before(async () => {
    t = await startTestApp();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-sms-'));
  });
  after(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const intake = async (i: number) => {
    const res = await t.call('op', 'POST', '/api/cases', {
      channel: 'hotline', type: 'complaint', title: `停水第${i}天`, content: '小区停水，无人通知。', citizenPhone: `1370000000${i}`, register: true,
    });
    assert.equal(res.statusCode, 201, res.body);
    const c = res.json();
    const dispatched = await t.act('disp', c.id, 'dispatch', { leadUnitId: t.org.units['ca'] });
    assert.equal(dispatched.statusCode, 200, dispatched.body);
  };
  const count = async (table: 'notifications' | 'smsMessages') =>
    Number((await t.tdb.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('loses nothing when the dispatcher is killed before its commit', async () => {
    for (let i = 0; i < 3; i++) await intake(i);
    const { proc, line } = await spawnUntil(['outbox', t.tdb.url], 'READY ');
    const inChild = JSON.parse(line.slice('READY '.length));
    assert.equal(inChild.claimed, 9, 'the child claimed every event (intake, registration, dispatch ×3)');
    assert.equal(inChild.notifications, 6);
    assert.equal(inChild.sms, 3);
    // Written but not committed: invisible here, and the claimed rows are skipped, not taken twice.
    assert.equal(await count('notifications'), 0);
    assert.equal((await runOutboxDispatch(t.tdb.db)).claimed, 0);

    await kill(proc);
    await waitForOtherSessionsToEnd(t.tdb.db);
    const unprocessed = await t.tdb.db.selectFrom('outbox').select('id').where('processedAt', 'is', null).execute();
    assert.equal(unprocessed.length, 9, 'every event is still there to process');
    assert.equal(await count('notifications'), 0);
    assert.equal(await count('smsMessages'), 0);

    const r = await runOutboxDispatch(t.tdb.db);
    assert.deepEqual({ claimed: r.claimed, notifications: r.notifications, sms: r.sms }, { claimed: 9, notifications: 6, sms: 3 });
  });

  it('sends each SMS under one id when the sender is killed after the gateway accepted it and before it was marked sent', async () => {
    const messages = await t.tdb.db.selectFrom('smsMessages').select(['id', 'status']).orderBy('id').execute();
    assert.equal(messages.length, 3);
    assert.ok(messages.every((m) => m.status === 'pending'));

    const { proc, line } = await spawnUntil(['sms', t.tdb.url, dir], 'SENT ');
    const killedId = Number(line.slice('SENT '.length));
    await kill(proc);
    assert.equal(killedId, messages[0].id);
    const left = await t.tdb.db.selectFrom('smsMessages').select(['id', 'status', 'attempts']).orderBy('id').execute();
    assert.deepEqual(left.map((m) => m.status), ['sending', 'sending', 'sending'], 'the child claimed the batch; nothing marked sent');
    assert.deepEqual(readIds(path.join(dir, 'calls.log')), [killedId]);

    // A fresh sender (a restarted process) waits out the child's lease, then finishes the work.
    let r = await runSmsSend(t.tdb.db, recordingGateway(dir), { leaseSeconds: 60 });
    assert.equal(r.claimed, 0, 'nothing is taken while the lease holds');
    for (let i = 0; i < 200; i++) {
      const held = await t.tdb.db.selectFrom('smsMessages').select('id').where('leaseUntil', '>', sql<Date>`now()`).executeTakeFirst();
      if (!held) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    r = await runSmsSend(t.tdb.db, recordingGateway(dir), { leaseSeconds: 60 });
    assert.deepEqual(r, { claimed: 3, sent: 3, retried: 0, failed: 0 });

    const ids = messages.map((m) => m.id);
    const calls = readIds(path.join(dir, 'calls.log'));
    // The gateway saw only our ids, the killed one twice and the others once: a resend repeats the id, never invents one.
    assert.deepEqual([...new Set(calls)].sort((a, b) => a - b), ids);
    assert.deepEqual(calls.filter((id) => id === killedId).length, 2);
    assert.ok(ids.filter((id) => id !== killedId).every((id) => calls.filter((c) => c === id).length === 1));
    // What was delivered (the idempotent log driver as the gateway): each id exactly once.
    const delivered = readIds(path.join(dir, 'sms.log'));
    assert.deepEqual([...delivered].sort((a, b) => a - b), ids);
    const done = await t.tdb.db.selectFrom('smsMessages').select(['status', 'attempts', 'sentAt']).orderBy('id').execute();
    assert.deepEqual(done.map((m) => [m.status, m.attempts]), [['sent', 2], ['sent', 2], ['sent', 2]]);
    assert.equal(await count('smsMessages'), 3, 'no message row was added');

    assert.equal((await runSmsSend(t.tdb.db, recordingGateway(dir))).claimed, 0, 'a sent message is not sent again');
  });
});
