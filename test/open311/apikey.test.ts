import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, type CliResult } from '../support/cli.ts';
import { startTestApp, type TestApp } from '../support/http.ts';
import { assertOpen311Error, jsonOf, post311, serviceCode } from './support.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * API keys of Open311 clients: made, listed and revoked by administrators
 * over HTTP and on the command line; shown once, stored only as a hash.
 */
describe('API keys', () => {
  let t: TestApp;
  let road: string;
  before(async () => {
    t = await startTestApp();
    road = await serviceCode(t, '道路破损');
  });
  after(async () => { await t?.close(); });

  const postWith = (key: string) => post311(t, 'json', { api_key: key, service_code: road, address_string: '人民路 1 号', description: '路面破损' });
  const keyRow = (id: number) => t.tdb.db.selectFrom('apiKeys').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  describe('admin HTTP API', () => {
    it('makes a key, shows it once, and stores only its SHA-256 and prefix', async () => {
      const res = await t.call('admin', 'POST', '/api/api-keys', { name: 'FixMyStreet 安澜', rateLimitPerMinute: 120 });
      assert.equal(res.statusCode, 201, res.body);
      const made = res.json();
      assert.deepEqual(Object.keys(made).sort(), ['createdAt', 'id', 'key', 'lastUsedAt', 'name', 'prefix', 'rateLimitPerMinute', 'revokedAt']);
      assert.match(made.key, /^[0-9a-f]{40}$/);
      assert.equal(made.prefix, made.key.slice(0, 8));
      assert.equal(made.rateLimitPerMinute, 120);
      assert.equal(made.revokedAt, null);
      const row = await keyRow(made.id);
      assert.equal(row.keyHash, sha256(made.key));
      assert.ok(!JSON.stringify(row).includes(made.key), 'the key itself is stored nowhere');

      const list = await t.call('admin', 'GET', '/api/api-keys');
      assert.equal(list.statusCode, 200, list.body);
      assert.ok(!list.body.includes(made.key) && !list.body.includes(row.keyHash), 'listings show neither the key nor its hash');
      const listed = list.json().find((k: any) => k.id === made.id);
      assert.deepEqual(Object.keys(listed).sort(), ['createdAt', 'id', 'lastUsedAt', 'name', 'prefix', 'rateLimitPerMinute', 'revokedAt']);

      assert.equal((await postWith(made.key)).statusCode, 200);
      assert.ok((await keyRow(made.id)).lastUsedAt, 'use is recorded');
    });

    it('defaults to 60 requests per minute and refuses bad limits', async () => {
      const res = await t.call('admin', 'POST', '/api/api-keys', { name: 'default' });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().rateLimitPerMinute, 60);
      for (const body of [{ name: '' }, { name: 'x', rateLimitPerMinute: 0 }, { name: 'x', rateLimitPerMinute: 1.5 }, { name: 'x', extra: 1 }]) {
        const bad = await t.call('admin', 'POST', '/api/api-keys', body);
        assert.equal(bad.statusCode, 400, `${JSON.stringify(body)}: ${bad.body}`);
      }
    });

    it('revokes a key: its requests are refused with 403 from then on, and revoking again keeps the first date', async () => {
      const made = (await t.call('admin', 'POST', '/api/api-keys', { name: 'to revoke' })).json();
      assert.equal((await postWith(made.key)).statusCode, 200);
      const res = await t.call('admin', 'POST', `/api/api-keys/${made.id}/revoke`, {});
      assert.equal(res.statusCode, 200, res.body);
      const revokedAt = res.json().revokedAt;
      assert.ok(revokedAt);
      assertOpen311Error(await postWith(made.key), 'json', 403, /revoked/);
      const again = await t.call('admin', 'POST', `/api/api-keys/${made.id}/revoke`, {});
      assert.equal(again.json().revokedAt, revokedAt);
      assert.equal((await t.call('admin', 'POST', '/api/api-keys/999999/revoke', {})).statusCode, 404);
    });

    it('is for administrators only', async () => {
      assert.equal((await t.call(null, 'GET', '/api/api-keys')).statusCode, 401);
      assert.equal((await t.call('op', 'GET', '/api/api-keys')).statusCode, 403);
      assert.equal((await t.call('sup', 'POST', '/api/api-keys', { name: 'x' })).statusCode, 403);
      assert.equal((await t.call('disp', 'POST', '/api/api-keys/1/revoke', {})).statusCode, 403);
    });
  });

  describe('command line', () => {
    let env: Record<string, string | undefined>;
    let tmp: string;
    const cli = (...args: string[]) => runCli(args, env);
    const show = (r: CliResult) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

    before(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-apikey-'));
      env = { DATABASE_URL: t.tdb.url, MINSHENG_NO_JOBS: '1', MINSHENG_DATA_DIR: path.join(tmp, 'unused-data') };
    });
    after(() => { if (tmp) fs.rmSync(tmp, { recursive: true, force: true }); });

    it('apikey create prints the new key on its last line, and that key works for POST requests', async () => {
      const r = await cli('apikey', 'create', 'test');
      assert.equal(r.code, 0, show(r));
      const lines = r.stdout.trim().split('\n');
      const key = lines.at(-1)!;
      assert.match(key, /^[0-9a-f]{40}$/, show(r));
      assert.match(r.stdout, /shown only this once/);
      const row = await t.tdb.db.selectFrom('apiKeys').selectAll().where('keyHash', '=', sha256(key)).executeTakeFirstOrThrow();
      assert.equal(row.name, 'test');
      assert.equal(row.rateLimitPerMinute, 60);
      const res = await postWith(key);
      assert.equal(res.statusCode, 200, res.body);
      assert.match(jsonOf(res)[0].service_request_id, /^TS\d{4}-\d{6}$/);
    });

    it('apikey create --rate sets the limit; list shows prefixes, never keys; revoke by prefix or id refuses the key', async () => {
      const made = await cli('apikey', 'create', 'city', 'app', '--rate', '5');
      assert.equal(made.code, 0, show(made));
      const key = made.stdout.trim().split('\n').at(-1)!;
      const row = await t.tdb.db.selectFrom('apiKeys').selectAll().where('keyHash', '=', sha256(key)).executeTakeFirstOrThrow();
      assert.equal(row.name, 'city app');
      assert.equal(row.rateLimitPerMinute, 5);

      const list = await cli('apikey', 'list');
      assert.equal(list.code, 0, show(list));
      assert.match(list.stdout, new RegExp(`^${row.id}\\t${row.prefix}\\t5\\t`, 'm'));
      assert.ok(!list.stdout.includes(key), 'the list never shows a key');

      const revoked = await cli('apikey', 'revoke', row.prefix);
      assert.equal(revoked.code, 0, show(revoked));
      assert.match(revoked.stdout, new RegExp(`revoked API key ${row.id} "city app" \\(prefix ${row.prefix}\\)`));
      assertOpen311Error(await postWith(key), 'json', 403, /revoked/);

      const other = await cli('apikey', 'create', 'other');
      const otherRow = await t.tdb.db.selectFrom('apiKeys').select('id').where('keyHash', '=', sha256(other.stdout.trim().split('\n').at(-1)!)).executeTakeFirstOrThrow();
      const byId = await cli('apikey', 'revoke', String(otherRow.id));
      assert.equal(byId.code, 0, show(byId));
      assert.ok((await keyRow(otherRow.id)).revokedAt);
    });

    it('refuses bad arguments with a message and exit code 1', async () => {
      for (const args of [['apikey', 'create'], ['apikey', 'create', 'x', '--rate', 'lots'], ['apikey', 'revoke', 'nosuchkey'], ['apikey', 'frobnicate']]) {
        const r = await cli(...args);
        assert.equal(r.code, 1, `${args.join(' ')}: ${show(r)}`);
        assert.ok(r.stderr.trim().length > 0, show(r));
      }
    });
  });
});
