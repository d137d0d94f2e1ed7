import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { lockKeyOf } from '../../src/jobs/runner.ts';
import { OPEN_DATA_SLOTS } from '../../src/modules/opendata/opendata.routes.ts';
import { runProjector } from '../../src/modules/stats/stats.projector.ts';
import { pseudonym } from '../../src/modules/opendata/opendata.rows.ts';
import { runCli } from '../support/cli.ts';
import { startTestApp, type TestApp } from '../support/http.ts';
import { buildSeptember } from '../bulletin/fixture.ts';

/**
 * Every case carries distinctive personal data — a name, a phone, an ID
 * number, an e-mail, an address, coordinates, a title and content naming
 * them — and the place of D is a village. None of it may appear anywhere in
 * the open-data CSV.
 */
const personal = {
  citizenName: '欧阳锋锐',
  citizenPhone: '13987654321',
  citizenOrg: '翡翠物业有限公司',
  address: '幸福路88号翡翠小区5栋',
  lat: 31.234567,
  lng: 121.765432,
  title: '欧阳锋锐 13987654321 反映翡翠小区问题',
  content: '我叫欧阳锋锐，身份证110101199003077777，邮箱ouyang@example.com，住幸福路88号翡翠小区5栋。',
};
const secrets = ['欧阳', '锋锐', '13987654321', '翡翠', '幸福路', '88号', '31.23', '121.76', '110101199003077777', 'ouyang', 'example.com', '反映', '身份证', '工单', '甲一村', '答复内容'];

function parseCsv(text: string): string[][] {
  return text.trimEnd().split('\r\n').map((line) => line.split(','));
}

describe('open data: anonymised cases as CSV', () => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof buildSeptember>>;
  let secret = '';

  before(async () => {
    t = await startTestApp();
    f = await buildSeptember(t.tdb.db, t.org, personal);
    await f.intake('S', '2026-09-10T09:00:00', { confidential: true, type: 'report', title: '保密举报件' });
    await runProjector(t.tdb.db);
    secret = (await t.tdb.db.selectFrom('openDataKey').select('secret').executeTakeFirstOrThrow()).secret;
  });
  after(async () => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.call(null, 'GET', url, undefined, headers);

  it('is public and has one row per non-confidential case of the period, with the documented columns', async () => {
    const res = await get('/api/open-data/cases.csv?from=2026-09-01&to=2026-09-30');
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.headers['content-type'] as string, /^text\/csv/);
    const rows = parseCsv(res.body);
    assert.deepEqual(rows[0], ['id', 'received_date', 'channel', 'type', 'category', 'county', 'township', 'state', 'closed_date', 'on_time', 'resolution', 'satisfaction']);
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    assert.equal(byId.size, 4, 'A, D, E, F; not the confidential S, not August P');
    const row = (name: string) => byId.get(pseudonym(secret, f.numbers[name]))!;
    assert.deepEqual(row('D'), [pseudonym(secret, f.numbers.D), '2026-09-02', 'hotline', 'complaint', '城乡建设/物业管理/物业服务质量', '甲县', '甲一镇', 'closed', '2026-09-04', '1', 'resolved', 'satisfied']);
    assert.deepEqual(row('E').slice(5), ['乙区', '乙一街道', 'closed', '2026-09-07', '1', 'unresolved', 'dissatisfied']);
    assert.deepEqual(row('F').slice(5), ['甲县', '甲二镇', 'handling', '', '', '', '']);
    assert.deepEqual(row('A').slice(1, 4), ['2026-09-01', 'hotline', 'inquiry']);
    assert.deepEqual(row('A').slice(7), ['closed', '2026-09-01', '', '', '']);
  });

  it('contains no names, phones, IDs, addresses, coordinates, free text, case numbers or places below township', async () => {
    const res = await get('/api/open-data/cases.csv?from=2026-01-01&to=2026-12-31');
    assert.equal(res.statusCode, 200);
    assert.equal(parseCsv(res.body).length, 1 + 5, 'P, A, D, E, F');
    // The data really is in the database, so the check below can fail.
    const stored = await t.tdb.db.selectFrom('cases').select(['citizenName', 'address', 'title', 'number']).where('id', '=', f.ids.D).executeTakeFirstOrThrow();
    assert.equal(stored.citizenName, personal.citizenName);
    for (const s of [...secrets, ...Object.values(f.numbers), 'TS2026']) {
      assert.ok(!res.body.includes(s), `the CSV must not contain ${s}`);
    }
  });

  it('streams every case exactly once across pages, in the order received, also when many share an instant', async () => {
    // 2,500 copies of D received at the same microsecond (the export reads 1,000 cases a page).
    await sql`INSERT INTO cases
      SELECT (jsonb_populate_record(NULL::cases, to_jsonb(c) || jsonb_build_object(
        'id', nextval(pg_get_serial_sequence('cases', 'id')), 'number', 'BULK-' || g, 'query_code', 'Q' || g,
        'received_at', '2026-11-15 10:00:00.123456+08'))).*
        FROM cases c, generate_series(1, 2500) g WHERE c.id = ${f.ids.D}`.execute(t.tdb.db);
    await sql`INSERT INTO cases
      SELECT (jsonb_populate_record(NULL::cases, to_jsonb(c) || jsonb_build_object(
        'id', nextval(pg_get_serial_sequence('cases', 'id')), 'number', 'EARLY-1', 'query_code', 'QE1',
        'received_at', '2026-11-15 10:00:00.123455+08'))).*
        FROM cases c WHERE c.id = ${f.ids.D}`.execute(t.tdb.db);
    const res = await get('/api/open-data/cases.csv?from=2026-11-15&to=2026-11-15');
    const rows = parseCsv(res.body).slice(1);
    assert.equal(rows.length, 2501);
    assert.equal(new Set(rows.map((r) => r[0])).size, 2501, 'no case twice');
    assert.equal(rows[0][0], pseudonym(secret, 'EARLY-1'), 'the earlier instant first');
  });

  it('refuses bad periods with a clear message', async () => {
    for (const [q, re] of [
      ['', /from/], ['?from=2026-09-01', /to/], ['?from=2026-9-1&to=2026-09-30', /YYYY-MM-DD/], ['?from=2026-02-30&to=2026-03-01', /YYYY-MM-DD/],
      ['?from=2026-09-30&to=2026-09-01', /after/], ['?from=2024-01-01&to=2026-09-30', /366/],
    ] as const) {
      const res = await get(`/api/open-data/cases.csv${q}`, { 'accept-language': 'en' });
      assert.equal(res.statusCode, 400, q);
      assert.equal(res.json().error.code, 'INVALID_INPUT');
      assert.match(res.json().error.message, re);
    }
  });

  it('runs at most two exports at a time city-wide; a third caller is told to retry', async () => {
    // Two other exports hold both slots (their advisory locks) until released.
    let release!: () => void;
    const released = new Promise<void>((r) => { release = r; });
    const held: Array<Promise<void>> = [];
    let taken = 0;
    const allTaken = new Promise<void>((resolve) => {
      for (let i = 0; i < OPEN_DATA_SLOTS; i++) {
        held.push(t.tdb.db.transaction().execute(async (trx) => {
          await sql`SELECT pg_advisory_xact_lock(${lockKeyOf(`open-data:${i}`)})`.execute(trx);
          if (++taken === OPEN_DATA_SLOTS) resolve();
          await released;
        }));
      }
    });
    await allTaken;
    try {
      const busy = await get('/api/open-data/cases.csv?from=2026-09-01&to=2026-09-30');
      assert.equal(busy.statusCode, 429);
      assert.equal(busy.json().error.code, 'TOO_MANY_REQUESTS');
      assert.equal(busy.headers['retry-after'], '30');
    } finally {
      release();
      await Promise.all(held);
    }
    assert.equal((await get('/api/open-data/cases.csv?from=2026-09-01&to=2026-09-30')).statusCode, 200);
  });

  it('exports the same rows from the command line', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-opendata-'));
    try {
      const r = await runCli(['open-data', 'export', '--from', '2026-09-01', '--to', '2026-09-30'],
        { DATABASE_URL: t.tdb.url, MINSHENG_NO_JOBS: '1', MINSHENG_DATA_DIR: path.join(tmp, 'unused') });
      assert.equal(r.code, 0, r.stderr);
      const http = await get('/api/open-data/cases.csv?from=2026-09-01&to=2026-09-30');
      assert.equal(r.stdout, http.body);
      assert.match(r.stderr, /4 cases/);
      const bad = await runCli(['open-data', 'export', '--from', '2026-09-31', '--to', '2026-10-01'], { DATABASE_URL: t.tdb.url, MINSHENG_NO_JOBS: '1', MINSHENG_DATA_DIR: path.join(tmp, 'unused') });
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /INVALID_INPUT/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
