import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { createApiKey, revokeApiKey } from '../../src/modules/apikey/apikey.commands.ts';
import { startTestApp, type TestApp } from '../support/http.ts';
import { assertOpen311Error, errorsOf, form, get311, newKey, post311, serviceCode, type Fmt } from './support.ts';

/**
 * Every refusal of the Open311 endpoints, in both formats: the spec's HTTP
 * status (400, 403, 404; 429 over a key's limit) and its error body
 * `[{code, description}]` / `<errors><error>…`. A refused POST creates nothing.
 */
describe('Open311 errors', () => {
  let t: TestApp;
  let key: string;
  let road: string;
  const caseCount = async () => Number((await t.tdb.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  before(async () => {
    t = await startTestApp();
    key = await newKey(t);
    road = await serviceCode(t, '道路破损');
  });
  after(async () => { await t?.close(); });

  for (const fmt of ['json', 'xml'] as Fmt[]) {
    describe(`in ${fmt}`, () => {
      const valid = () => ({ api_key: key, service_code: road, address_string: '人民路 1 号', description: '路面塌陷' });

      it('403 for a missing, unknown or revoked api_key', async () => {
        const before = await caseCount();
        assertOpen311Error(await post311(t, fmt, { ...valid(), api_key: undefined }), fmt, 403, /api_key was not provided/);
        assertOpen311Error(await post311(t, fmt, { ...valid(), api_key: '' }), fmt, 403, /api_key was not provided/);
        assertOpen311Error(await post311(t, fmt, { ...valid(), api_key: 'f'.repeat(40) }), fmt, 403, /api_key is not valid/);
        const revoked = await createApiKey(t.tdb.db, { name: 'soon revoked' });
        assert.equal((await post311(t, fmt, { ...valid(), api_key: revoked.key })).statusCode, 200, 'the key works before it is revoked');
        await revokeApiKey(t.tdb.db, { id: revoked.id });
        assertOpen311Error(await post311(t, fmt, { ...valid(), api_key: revoked.key }), fmt, 403, /revoked/);
        assert.equal(await caseCount(), before + 1, 'only the request made with a live key created a case');
      });

      it('400 for a missing service_code, 404 for an unknown one', async () => {
        assertOpen311Error(await post311(t, fmt, { ...valid(), service_code: undefined }), fmt, 400, /service_code was not provided/);
        assertOpen311Error(await post311(t, fmt, { ...valid(), service_code: '999999' }), fmt, 404, /service_code 999999 was not found/);
        assertOpen311Error(await post311(t, fmt, { ...valid(), service_code: 'pothole' }), fmt, 404, /service_code pothole was not found/);
      });

      it('400 for a missing or half location', async () => {
        assertOpen311Error(await post311(t, fmt, { ...valid(), address_string: undefined }), fmt, 400, /location is required/);
        assertOpen311Error(await post311(t, fmt, { ...valid(), address_string: '   ' }), fmt, 400, /location is required/);
        assertOpen311Error(await post311(t, fmt, { ...valid(), address_string: undefined, lat: '30.1' }), fmt, 400, /lat and long must be given together/);
        assertOpen311Error(await post311(t, fmt, { ...valid(), lat: 'north', long: '120' }), fmt, 400, /lat must be a WGS84 coordinate/);
        assertOpen311Error(await post311(t, fmt, { ...valid(), lat: '95', long: '120' }), fmt, 400, /lat must be a WGS84 coordinate/);
      });

      it('400 listing every problem at once', async () => {
        const res = await post311(t, fmt, { api_key: key, description: 'x'.repeat(4001), media_url: 'javascript:alert(1)' });
        assert.equal(res.statusCode, 400, res.body);
        const descriptions = errorsOf(res, fmt).map((e) => e.description);
        assert.equal(descriptions.length, 4, descriptions.join(' | '));
        for (const pattern of [/service_code was not provided/, /location is required/, /description is longer than 4000/, /media_url must be an http/]) {
          assert.ok(descriptions.some((d) => pattern.test(d)), `${pattern} in ${descriptions.join(' | ')}`);
        }
      });

      it('400 for an attribute value outside its list', async () => {
        assertOpen311Error(await post311(t, fmt, { ...valid(), 'attribute[urgency]': 'yesterday' }), fmt, 400, /attribute\[urgency\]/);
        assertOpen311Error(await post311(t, fmt, { ...valid(), 'attribute[region]': 'atlantis' }), fmt, 400, /attribute\[region\]/);
        assertOpen311Error(await post311(t, fmt, { ...valid(), 'attribute[appeal_type][]': ['help', 'complaint'] }), fmt, 400, /takes one value/);
        assert.equal((await post311(t, fmt, { ...valid(), 'attribute[colour]': 'red' })).statusCode, 200, 'unknown attributes are ignored');
      });

      it('404 for an unknown request id or token', async () => {
        assertOpen311Error(await get311(t, `requests/TS2026-999999.${fmt}`), fmt, 404, /TS2026-999999 was not found/);
        assertOpen311Error(await get311(t, `requests/nothing.${fmt}`), fmt, 404, /was not found/);
        assertOpen311Error(await get311(t, `tokens/${'0'.repeat(32)}.${fmt}`), fmt, 404, /token .* was not found/);
        assertOpen311Error(await get311(t, `tokens/abc.${fmt}`), fmt, 404, /token abc was not found/);
      });

      it('400 for bad dates, a window over 90 days, a bad status or page size', async () => {
        for (const [query, pattern] of [
          ['start_date=yesterday', /start_date is not an ISO 8601 date-time/],
          ['start_date=2026-02-30', /start_date is not an ISO 8601/],
          ['end_date=2026-05-12T09:30:00', /end_date is not an ISO 8601 date-time with a time zone/],
          ['start_date=2026-05-12T25:00:00Z', /start_date is not/],
          ['start_date=2026-01-01T00:00:00Z&end_date=2026-05-01T00:00:00Z', /at most 90 days apart/],
          ['start_date=2026-05-02&end_date=2026-05-01', /end_date is before start_date/],
          ['status=pending', /status must be open or closed/],
          ['page_size=5000', /page_size must be a whole number from 1 to 1000/],
          ['page=0', /page must be a whole number/],
        ] as const) {
          assertOpen311Error(await get311(t, `requests.${fmt}?${query}`), fmt, 400, pattern);
        }
      });

      it('400 for a POST body that is not a form', async () => {
        for (const contentType of ['text/plain', 'application/xml']) {
          const res = await t.app.inject({ method: 'POST', url: `/open311/v2/requests.${fmt}`, payload: 'api_key=x', headers: { 'content-type': contentType } });
          assertOpen311Error(res, fmt, 400, /x-www-form-urlencoded/);
        }
      });
    });
  }

  it('other routes still refuse form bodies (415) and keep their own error format', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/auth/login', payload: form({ username: 'op', password: 'x' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.statusCode, 415, res.body);
    assert.equal(res.json().error.code, 'BAD_REQUEST');
    const unknown = await t.app.inject({ method: 'GET', url: '/api/nothing' });
    assert.equal(unknown.json().error.code, 'ROUTE_NOT_FOUND');
  });

  describe('rate limit', () => {
    /** Runs `fn` within one database minute, retrying once when the minute turned during it. */
    async function withinOneMinute(fn: () => Promise<void>) {
      for (let attempt = 0; ; attempt++) {
        const minute = async () => String((await sql<{ m: Date }>`SELECT date_trunc('minute', now()) AS m`.execute(t.tdb.db)).rows[0].m);
        const start = await minute();
        try {
          await fn();
          return;
        } catch (err) {
          if (attempt > 0 || (await minute()) === start) throw err;
        }
      }
    }

    it('429 with Retry-After once a key is over its per-minute limit; other keys are not affected', async () => {
      await withinOneMinute(async () => {
        const limited = await createApiKey(t.tdb.db, { name: 'small client', rateLimitPerMinute: 3 });
        const fields = { api_key: limited.key, service_code: road, address_string: '人民路 1 号' };
        for (let i = 0; i < 3; i++) assert.equal((await post311(t, 'json', fields)).statusCode, 200);
        for (const fmt of ['json', 'xml'] as Fmt[]) {
          const res = await post311(t, fmt, fields);
          assertOpen311Error(res, fmt, 429, /limit of 3 requests per minute/);
          const retryAfter = Number(res.headers['retry-after']);
          assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${res.headers['retry-after']}`);
        }
        assert.equal((await post311(t, 'json', { ...fields, api_key: key })).statusCode, 200);
        const row = await t.tdb.db.selectFrom('apiKeys').select('lastUsedAt').where('id', '=', limited.id).executeTakeFirstOrThrow();
        assert.ok(row.lastUsedAt, 'last_used_at is recorded');
      });
    });

    it('is counted in PostgreSQL, so two app processes share one limit', async () => {
      const second: FastifyInstance = await buildApp({ db: t.tdb.db, config: { ...loadConfig({}), caseNumberPrefix: 'TS' } });
      try {
        await withinOneMinute(async () => {
          const limited = await createApiKey(t.tdb.db, { name: 'shared client', rateLimitPerMinute: 2 });
          const payload = form({ api_key: limited.key, service_code: road, address_string: '人民路 1 号' });
          const headers = { 'content-type': 'application/x-www-form-urlencoded' };
          const send = (app: FastifyInstance) => app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload, headers });
          assert.equal((await send(t.app)).statusCode, 200);
          assert.equal((await send(second)).statusCode, 200);
          assert.equal((await send(t.app)).statusCode, 429);
          assert.equal((await send(second)).statusCode, 429);
        });
      } finally {
        await second.close();
      }
    });
  });
});
