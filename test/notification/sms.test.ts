import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { smsConfigFrom } from '../../src/config.ts';
import { fillTemplate, httpDriver, logDriver, smsDriverFor } from '../../src/modules/notification/sms.drivers.ts';
import { runSmsSend } from '../../src/modules/notification/sms.job.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';

/** The SMS drivers and the sender's retries, against a real local HTTP gateway and a real database. */
interface Hit { method: string; url: string; query: Record<string, string>; body: unknown; key: string | undefined }

describe('SMS delivery', () => {
  let tdb: TestDatabase;
  let gateway: FastifyInstance;
  let base: string;
  let hits: Hit[] = [];
  /** Status the gateway answers with, per call; then 200. */
  let answers: number[] = [];
  let delayMs = 0;

  before(async () => {
    tdb = await freshDatabase();
    gateway = Fastify();
    const handler = async (request: { method: string; url: string; query: unknown; body: unknown; headers: Record<string, unknown> }, reply: { status(n: number): { send(b: unknown): unknown } }) => {
      hits.push({ method: request.method, url: request.url, query: { ...(request.query as Record<string, string>) }, body: request.body, key: request.headers['idempotency-key'] as string | undefined });
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      const status = answers.shift() ?? 200;
      return reply.status(status).send({ ok: status < 300 });
    };
    gateway.get('/send', handler);
    gateway.post('/send', handler);
    await gateway.listen({ host: '127.0.0.1', port: 0 });
    const address = gateway.server.address();
    assert.ok(address && typeof address === 'object');
    base = `http://127.0.0.1:${address.port}`;
  });
  after(async () => {
    await gateway.close();
    await tdb.drop();
  });
  beforeEach(async () => {
    hits = [];
    answers = [];
    delayMs = 0;
    await tdb.db.deleteFrom('smsMessages').execute();
  });

  const addMessage = async (phone = '13800138000', body = '【12345】您的诉求已受理，工单号AL2026-000001，查询码123456。') =>
    (await tdb.db.insertInto('smsMessages').values({ purpose: 'intake_receipt', phone, body }).returning('id').executeTakeFirstOrThrow()).id;

  it('fills the URL template with encoded values, so a text cannot add or change parameters', () => {
    const url = fillTemplate('https://gw.example/send?to={phone}&msg={text}&ref={id}', { id: 42, phone: '+86 138', body: '受理&sign=x #1?' });
    assert.equal(url, 'https://gw.example/send?to=%2B86%20138&msg=%E5%8F%97%E7%90%86%26sign%3Dx%20%231%3F&ref=42');
  });

  it('GETs the template through the http driver, with the id as idempotency key', async () => {
    const driver = httpDriver({ url: `${base}/send?to={phone}&msg={text}&ref={id}`, method: 'GET', timeoutMs: 2000 });
    await driver.send({ id: 7, phone: '+8613800138000', body: '您的诉求已受理，工单号AL2026-000007 & more=1' });
    assert.equal(hits.length, 1);
    assert.deepEqual(hits[0].query, { to: '+8613800138000', msg: '您的诉求已受理，工单号AL2026-000007 & more=1', ref: '7' });
    assert.equal(hits[0].key, '7');
  });

  it('POSTs JSON {id, phone, text} when so configured', async () => {
    const driver = smsDriverFor(smsConfigFrom({ MINSHENG_SMS_URL: `${base}/send?ref={id}`, MINSHENG_SMS_METHOD: 'post' }, os.tmpdir()));
    assert.equal(driver.name, 'http');
    await driver.send({ id: 8, phone: '13800138000', body: '已办理答复' });
    assert.equal(hits[0].method, 'POST');
    assert.deepEqual(hits[0].body, { id: '8', phone: '13800138000', text: '已办理答复' });
    assert.deepEqual(hits[0].query, { ref: '8' });
  });

  it('treats a non-2xx answer or a slow gateway as an error', async () => {
    const driver = httpDriver({ url: `${base}/send?to={phone}`, method: 'GET', timeoutMs: 150 });
    answers = [503];
    await assert.rejects(driver.send({ id: 1, phone: '1', body: 'x' }), /answered 503/);
    delayMs = 600;
    await assert.rejects(driver.send({ id: 1, phone: '1', body: 'x' }), /did not answer within 150 ms/);
    const dead = httpDriver({ url: 'http://127.0.0.1:9/send', method: 'GET', timeoutMs: 500 });
    await assert.rejects(dead.send({ id: 1, phone: '1', body: 'x' }), /unreachable|did not answer/);
  });

  it('retries after a gateway error with the same id, and records the error meanwhile', async () => {
    const id = await addMessage();
    const driver = httpDriver({ url: `${base}/send?to={phone}&ref={id}`, method: 'GET', timeoutMs: 2000 });
    answers = [500];
    const first = await runSmsSend(tdb.db, driver, { retryDelaySeconds: () => 0 });
    assert.deepEqual(first, { claimed: 1, sent: 0, retried: 1, failed: 0 });
    const waiting = await tdb.db.selectFrom('smsMessages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(waiting.status, 'pending');
    assert.equal(waiting.attempts, 1);
    assert.match(waiting.lastError ?? '', /answered 500/);
    const second = await runSmsSend(tdb.db, driver, { retryDelaySeconds: () => 0 });
    assert.deepEqual(second, { claimed: 1, sent: 1, retried: 0, failed: 0 });
    assert.deepEqual(hits.map((h) => h.query.ref), [String(id), String(id)]);
    const sent = await tdb.db.selectFrom('smsMessages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(sent.status, 'sent');
    assert.equal(sent.attempts, 2);
    assert.equal(sent.lastError, null);
    assert.ok(sent.sentAt);
  });

  it('waits before retrying, and gives up after the last attempt', async () => {
    const id = await addMessage();
    const driver = httpDriver({ url: `${base}/send`, method: 'GET', timeoutMs: 2000 });
    answers = [500, 500, 500];
    assert.equal((await runSmsSend(tdb.db, driver, { maxAttempts: 2 })).retried, 1);
    assert.equal((await runSmsSend(tdb.db, driver, { maxAttempts: 2 })).claimed, 0, 'not before the retry delay');
    await tdb.db.updateTable('smsMessages').set({ leaseUntil: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
    assert.equal((await runSmsSend(tdb.db, driver, { maxAttempts: 2 })).failed, 1);
    const row = await tdb.db.selectFrom('smsMessages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual([row.status, row.attempts], ['failed', 2]);
    assert.equal((await runSmsSend(tdb.db, driver, { maxAttempts: 2 })).claimed, 0, 'a failed message stays failed');
  });

  it('logs each message once per id with the log driver, across driver instances (restarts)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-smslog-'));
    try {
      const file = path.join(dir, 'sub', 'sms.log');
      const a = logDriver({ file });
      await a.send({ id: 1, phone: '13800138000', body: '甲' });
      await a.send({ id: 1, phone: '13800138000', body: '甲' });
      await logDriver({ file }).send({ id: 1, phone: '13800138000', body: '甲' });
      await logDriver({ file }).send({ id: 2, phone: '13800138001', body: '乙' });
      await a.send({ id: 2, phone: '13800138001', body: '乙' }); // written by another instance since a last looked
      const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      assert.deepEqual(lines.map((l) => [l.id, l.phone, l.text]), [[1, '13800138000', '甲'], [2, '13800138001', '乙']]);

      const printed: string[] = [];
      const toLogger = logDriver({ log: (l) => printed.push(l) });
      await toLogger.send({ id: 3, phone: '13800138000', body: '丙' });
      await toLogger.send({ id: 3, phone: '13800138000', body: '丙' });
      assert.equal(printed.length, 1);
      assert.equal(JSON.parse(printed[0]).id, 3);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads its configuration from the environment and refuses a half-configured gateway', () => {
    const dataDir = path.join(os.tmpdir(), 'ms-data');
    assert.deepEqual(smsConfigFrom({}, dataDir), {
      driver: 'log', url: undefined, method: 'GET', logFile: path.join(dataDir, 'sms.log'), timeoutMs: 10_000, maxAttempts: 5,
    });
    assert.equal(smsConfigFrom({ MINSHENG_SMS_LOG: '-' }, dataDir).logFile, '-');
    assert.equal(smsConfigFrom({ MINSHENG_SMS_URL: 'http://gw/{phone}' }, dataDir).driver, 'http');
    assert.throws(() => smsConfigFrom({ MINSHENG_SMS_DRIVER: 'http' }, dataDir), /MINSHENG_SMS_URL/);
    assert.throws(() => smsConfigFrom({ MINSHENG_SMS_DRIVER: 'carrier-pigeon' }, dataDir), /log or http/);
    assert.throws(() => smsConfigFrom({ MINSHENG_SMS_URL: 'http://gw/', MINSHENG_SMS_METHOD: 'PUT' }, dataDir), /GET or POST/);
  });
});
