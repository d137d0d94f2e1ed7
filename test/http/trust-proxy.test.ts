import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { fastifyTrustProxy, parseTrustProxy, type TrustProxy } from '../../src/http/trust-proxy.ts';
import { seedBoards } from '../../src/modules/board/board.seed.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';
import { buildOrgTree } from '../support/factories.ts';

describe('TRUST_PROXY setting', () => {
  it('reads off, hop counts, address lists and true; refuses garbage', () => {
    for (const off of [undefined, '', ' ', 'false', '0']) assert.equal(parseTrustProxy(off), false);
    assert.equal(parseTrustProxy('true'), true);
    assert.equal(parseTrustProxy('2'), 2);
    assert.deepEqual(parseTrustProxy('127.0.0.1, 10.0.0.0/8,::1'), ['127.0.0.1', '10.0.0.0/8', '::1']);
    assert.deepEqual(parseTrustProxy('loopback'), ['loopback']);
    assert.throws(() => parseTrustProxy('nginx.local'), /TRUST_PROXY: not an address/);
  });

  it('gives Fastify a hop count as the function proxy-addr would make of it', () => {
    const twoHops = fastifyTrustProxy(2) as (address: string, hop: number) => boolean;
    assert.deepEqual([0, 1, 2].map((hop) => twoHops('10.0.0.1', hop)), [true, true, false]);
    assert.equal(fastifyTrustProxy(false), false);
    assert.deepEqual(fastifyTrustProxy(['10.0.0.0/8']), ['10.0.0.0/8']);
  });

  it('is read with the rest of the configuration, so a bad value stops the server at start', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.0/8' }).trustProxy, ['10.0.0.0/8']);
    assert.throws(() => loadConfig({ TRUST_PROXY: 'nginx.local' }), /TRUST_PROXY/);
    assert.equal(loadConfig({}).intakeBatch, 64);
    assert.equal(loadConfig({ MINSHENG_INTAKE_BATCH: '1' }).intakeBatch, 1);
    assert.equal(loadConfig({ MINSHENG_INTAKE_BATCH: 'lots' }).intakeBatch, 64);
  });
});

/**
 * The per-IP lookup limit (30 an hour) counts the client behind the proxy
 * only when the proxy is trusted; otherwise X-Forwarded-For is ignored and
 * every request counts under the socket's address.
 */
describe('per-IP limits behind a reverse proxy', () => {
  let tdb: TestDatabase;
  const apps: FastifyInstance[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-proxy-'));

  before(async () => {
    tdb = await freshDatabase();
    await buildOrgTree(tdb.db);
    await seedBoards(tdb.db);
  });
  after(async () => {
    for (const a of apps) await a.close();
    await tdb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function appWith(trustProxy: TrustProxy) {
    const app = await buildApp({ db: tdb.db, config: { ...loadConfig({}), caseNumberPrefix: 'TS', dataDir } }, { trustProxy });
    apps.push(app);
    return app;
  }

  /** A lookup form post from the proxy at `socket`, for the client `forwardedFor`. */
  async function lookup(app: FastifyInstance, socket: string, forwardedFor: string) {
    const form = await app.inject({ method: 'GET', url: '/lookup', remoteAddress: socket });
    const csrf = form.cookies.find((c) => c.name === 'ms_csrf')!.value;
    const res = await app.inject({
      method: 'POST', url: '/lookup', remoteAddress: socket,
      payload: new URLSearchParams({ _csrf: csrf, number: 'TS2099-000001', code: '000000' }).toString(),
      headers: { cookie: `ms_csrf=${csrf}`, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': forwardedFor },
    });
    return res.statusCode;
  }

  it('a trusted proxy: each client behind it has its own allowance', async () => {
    const app = await appWith(['10.1.2.3']);
    for (let i = 0; i < 30; i++) assert.equal(await lookup(app, '10.1.2.3', '198.51.100.20'), 404);
    assert.equal(await lookup(app, '10.1.2.3', '198.51.100.20'), 429, 'the client used its allowance');
    assert.equal(await lookup(app, '10.1.2.3', '198.51.100.21'), 404, 'another client behind the same proxy is not affected');
  });

  it('off (the default): the header is ignored and everything counts under the socket address', async () => {
    const app = await appWith(false);
    for (let i = 0; i < 30; i++) assert.equal(await lookup(app, '10.9.9.9', `198.51.100.${100 + i}`), 404);
    assert.equal(await lookup(app, '10.9.9.9', '198.51.100.250'), 429, 'a forged X-Forwarded-For does not buy a fresh allowance');
  });

  it('a proxy not on the list is not believed', async () => {
    const app = await appWith(['10.1.2.3']);
    for (let i = 0; i < 30; i++) assert.equal(await lookup(app, '10.7.7.7', `198.51.101.${i}`), 404);
    assert.equal(await lookup(app, '10.7.7.7', '198.51.101.200'), 429);
  });
});
