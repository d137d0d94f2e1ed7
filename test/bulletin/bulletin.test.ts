import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { runExclusive } from '../../src/jobs/runner.ts';
import { loadConfig } from '../../src/config.ts';
import { BULLETIN_JOB, runBulletinSchedule } from '../../src/modules/bulletin/bulletin.job.ts';
import { startTestApp, type TestApp } from '../support/http.ts';
import { buildSeptember, sh } from './fixture.ts';

/** The figure cells of one headline row of the HTML page: [this period, previous, change, numerator, denominator]. */
function htmlRow(html: string, figure: string, attr = 'data-figure'): string[] {
  const m = new RegExp(`<tr ${attr}="${figure}">(.*?)</tr>`, 's').exec(html);
  assert.ok(m, `no row ${figure}`);
  return [...m[1].matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((x) => x[1]).slice(1);
}

async function readXlsx(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

/** The values after the label of the row of sheet `sheet` whose first cell is `label`. */
function xlsxRow(wb: ExcelJS.Workbook, sheet: string, label: string | number): unknown[] {
  const ws = wb.getWorksheet(sheet);
  assert.ok(ws, `no sheet ${sheet}`);
  let found: unknown[] | undefined;
  ws.eachRow((row) => {
    if (row.getCell(1).value === label) found = (row.values as unknown[]).slice(2);
  });
  assert.ok(found, `no row ${label} in ${sheet}`);
  return found;
}

describe('bulletins (定期通报)', () => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof buildSeptember>>;
  let cityId = 0;
  const post = (user: string, body: unknown) => t.call(user, 'POST', '/api/bulletins', body);
  const count = async () => Number((await t.tdb.db.selectFrom('bulletins').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  before(async () => {
    t = await startTestApp();
    cityId = t.org.units.city;
    f = await buildSeptember(t.tdb.db, t.org);
    // F's title names its citizen and a phone: a bulletin lists titles, masked.
    await t.tdb.db.updateTable('cases').set({ citizenName: '张三丰', title: '张三丰反映13912345678噪声问题' }).where('id', '=', f.ids.F).execute();
  });
  after(async () => t?.close());

  let cityBulletin = 0;
  it('makes the city bulletin of September with the right figures in HTML and XLSX', async () => {
    const res = await post('lead', { period: '2026-09', unitId: cityId });
    assert.equal(res.statusCode, 201, res.body);
    const b = res.json();
    assert.equal(b.created, true);
    assert.equal(b.kind, 'monthly');
    assert.equal(b.period, '2026-09');
    assert.equal(b.accepted, 4);
    assert.equal(b.closureRate, 0.75);
    assert.equal(b.satisfactionRate, 0.5);
    cityBulletin = b.id;

    const html = await t.call('lead', 'GET', `/api/bulletins/${b.id}.html`);
    assert.equal(html.statusCode, 200, html.body);
    assert.match(html.headers['content-type'] as string, /text\/html/);
    assert.match(html.headers['content-security-policy'] as string, /default-src 'none'/);
    const page = html.body;
    assert.deepEqual(htmlRow(page, 'received').slice(0, 3), ['4', '1', '+3 (+300.0%)']);
    assert.deepEqual(htmlRow(page, 'accepted').slice(0, 2), ['4', '1']);
    assert.deepEqual(htmlRow(page, 'closed').slice(0, 2), ['3', '1']);
    assert.deepEqual(htmlRow(page, 'closureRate'), ['75.00%', '100.00%', '-25.00个百分点', '3', '4']);
    assert.deepEqual(htmlRow(page, 'closedOnTimeRate'), ['100.00%', '—', '—', '2', '2']);
    assert.deepEqual(htmlRow(page, 'satisfactionRate'), ['50.00%', '—', '—', '1', '2']);
    assert.deepEqual(htmlRow(page, 'supervised').slice(0, 2), ['1', '0']);
    assert.deepEqual(htmlRow(page, 'supervised', 'data-live'), ['1', '1']); // cases of the period ever supervised; supervised and open now
    assert.deepEqual(htmlRow(page, 'open', 'data-live'), ['1', '1']);
    assert.match(page, /测试市2026年9月12345政务服务便民热线月度通报/);
    // Charts are inline SVG; the page has no script and loads nothing from elsewhere.
    assert.ok((page.match(/<svg /g) ?? []).length >= 3, 'charts as inline SVG');
    assert.doesNotMatch(page, /<script|src="http|href="http|@import|url\(http/i);
    // The league of counties: both ranked, red and black lists present.
    assert.match(page, /data-league="county"/);
    assert.match(page, /甲县/);
    assert.match(page, /乙区/);
    // Notable cases: F is supervised (number and title).
    assert.match(page, new RegExp(`${f.numbers.F}</td><td class="l">张\\*\\*反映【电话已隐去】噪声问题`));
    assert.doesNotMatch(page, /张三丰|13912345678/);
    assert.doesNotMatch(page, new RegExp(f.numbers.E), 'E was neither supervised, instructed nor overdue');

    const en = await t.call('lead', 'GET', `/api/bulletins/${b.id}.html?lang=en`);
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /<html lang="en">/);
    assert.match(en.body, /Monthly bulletin 2026-09/);
    assert.deepEqual(htmlRow(en.body, 'closureRate').slice(0, 3), ['75.00%', '100.00%', '-25.00 pp']);

    const hant = await t.call('lead', 'GET', `/api/bulletins/${b.id}.html?lang=zh-Hant`);
    assert.equal(hant.statusCode, 200);
    assert.match(hant.body, /<html lang="zh-Hant">/);
    assert.deepEqual(htmlRow(hant.body, 'closureRate'), ['75.00%', '100.00%', '-25.00個百分點', '3', '4']);
    assert.doesNotMatch(hant.body, /个百分点|办结/, 'no simplified words left');

    const x = await t.call('lead', 'GET', `/api/bulletins/${b.id}.xlsx`);
    assert.equal(x.statusCode, 200);
    assert.match(x.headers['content-type'] as string, /spreadsheetml/);
    const wb = await readXlsx(x.rawPayload);
    assert.deepEqual(wb.worksheets.map((w) => w.name).slice(0, 5), ['概览', '走势', '分类', '渠道与类型', '地区']);
    assert.deepEqual(xlsxRow(wb, '概览', '受理量').slice(0, 3), [4, 1, 3]);
    assert.deepEqual(xlsxRow(wb, '概览', '办结率').slice(0, 5), [0.75, 1, -0.25, 3, 4]);
    const sat = xlsxRow(wb, '概览', '满意率');
    assert.deepEqual([sat[0], sat[3], sat[4]], [0.5, 1, 2]);
    assert.equal(sat[1] ?? null, null, 'no August rate: an empty cell, not 0');
    assert.equal(wb.getWorksheet('概览')!.getRow(3).getCell(1).value, '指标');
    assert.equal(wb.getWorksheet('概览')!.getRow(3).font?.bold, true);
    // 30 days of September in the trend; 09-02 had one case.
    const trend = wb.getWorksheet('走势')!;
    assert.equal(trend.rowCount, 3 + 30);
    assert.deepEqual(xlsxRow(wb, '走势', '2026-09-02'), [1, 1, 1]);
    assert.deepEqual(xlsxRow(wb, '分类', 1).slice(0, 2), ['环境保护/噪声污染', 2]);
    const notable: unknown[][] = [];
    wb.getWorksheet('重点工单')!.eachRow((r) => notable.push((r.values as unknown[]).slice(1)));
    assert.ok(notable.some((r) => r[1] === f.numbers.F && r[2] === '张**反映【电话已隐去】噪声问题'), JSON.stringify(notable));
    // Places: each county followed by its townships.
    const places: unknown[] = [];
    wb.getWorksheet('地区')!.eachRow((r, i) => { if (i > 3) places.push(String(r.getCell(1).value).trim()); });
    assert.deepEqual(places, ['甲县', '甲一镇', '甲二镇', '乙区', '乙一街道']);
    assert.ok(wb.getWorksheet('县市区排名'), 'a sheet for the county league');
  });

  it('makes a county bulletin from its own subtree, with its townships ranked', async () => {
    const res = await post('ca.head', { period: '2026-09', unitId: t.org.units.ca });
    assert.equal(res.statusCode, 201, res.body);
    const html = (await t.call('ca.head', 'GET', `/api/bulletins/${res.json().id}.html`)).body;
    assert.deepEqual(htmlRow(html, 'accepted').slice(0, 2), ['2', '0']);
    assert.deepEqual(htmlRow(html, 'closureRate').slice(0, 1), ['50.00%']);
    assert.deepEqual(htmlRow(html, 'satisfactionRate').slice(0, 1), ['100.00%']);
    assert.match(html, /data-league="township"/);
    assert.doesNotMatch(html, /data-league="county"/);
  });

  it('does not change a published bulletin when more cases arrive; asking again returns it as it was', async () => {
    await f.intake('G', '2026-09-20T09:00:00', { type: 'inquiry' });
    const again = await post('lead', { period: '2026-09', unitId: cityId });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json().created, false);
    assert.equal(again.json().id, cityBulletin);
    assert.equal(again.json().accepted, 4);
    const page = (await t.call('lead', 'GET', `/api/bulletins/${cityBulletin}.html`)).body;
    assert.deepEqual(htmlRow(page, 'accepted').slice(0, 2), ['4', '1']);
    const wb = await readXlsx((await t.call('lead', 'GET', `/api/bulletins/${cityBulletin}.xlsx`)).rawPayload);
    assert.deepEqual(xlsxRow(wb, '概览', '受理量').slice(0, 2), [4, 1]);
    // A bulletin made now does see G: the quarter holds P (August), A, D, E, F and G.
    const q = await post('lead', { period: '2026-Q3', unitId: cityId });
    assert.equal(q.statusCode, 201, q.body);
    assert.equal(q.json().kind, 'quarterly');
    assert.equal(q.json().accepted, 6);
  });

  it('refuses a bad or unfinished period and a missing unit, storing nothing', async () => {
    const before = await count();
    for (const period of ['2026-13', '2026-00', 'abc', '2026-Q5', '26-09', '2026-12', '2099-01', '']) {
      const res = await post('lead', { period, unitId: cityId });
      assert.equal(res.statusCode, 400, `${period}: ${res.body}`);
      assert.equal(res.json().error.code, 'INVALID_INPUT');
      assert.ok(res.json().error.message.length > 4);
    }
    const en = await t.call('lead', 'POST', '/api/bulletins', { period: '2026-12', unitId: cityId }, { 'accept-language': 'en' });
    assert.match(en.json().error.message, /has not ended yet/);
    assert.equal((await post('lead', { period: '2026-09', unitId: 999999 })).statusCode, 404);
    assert.equal((await post('lead', { period: '2026-09', unitId: 'x' })).statusCode, 400);
    assert.equal(await count(), before);
  });

  it('lets leaders, admins and supervisors make any bulletin, a county head only their county, handlers none', async () => {
    assert.equal((await post('ca.h', { period: '2026-08', unitId: t.org.units.ca })).statusCode, 403);
    assert.equal((await post('op', { period: '2026-08', unitId: cityId })).statusCode, 403);
    const other = await post('ca.head', { period: '2026-08', unitId: t.org.units.cb });
    assert.equal(other.statusCode, 403);
    assert.equal(other.json().error.code, 'FORBIDDEN');
    assert.equal((await post('ca.head', { period: '2026-08', unitId: cityId })).statusCode, 403);
    assert.equal((await post('sup', { period: '2026-08', unitId: t.org.units.cb })).statusCode, 201);
    assert.equal((await post('admin', { period: '2026-07', unitId: cityId })).statusCode, 201);
    assert.equal((await t.call(null, 'POST', '/api/bulletins', { period: '2026-07' })).statusCode, 401);
  });

  it('shows a county’s staff only their county’s bulletins; citywide staff all', async () => {
    const mine = (await t.call('ca.h', 'GET', '/api/bulletins')).json();
    assert.ok(mine.items.length >= 1);
    assert.ok(mine.items.every((b: { unitId: number }) => b.unitId === t.org.units.ca), JSON.stringify(mine.items));
    for (const suffix of ['html', 'xlsx']) {
      const res = await t.call('ca.h', 'GET', `/api/bulletins/${cityBulletin}.${suffix}`);
      assert.equal(res.statusCode, 404, 'another unit’s bulletin reads as not found');
      assert.equal(res.json().error.code, 'NOT_FOUND');
    }
    assert.equal((await t.call('cb.t1.h', 'GET', '/api/bulletins')).json().items.length, 0);
    const all = (await t.call('lead', 'GET', '/api/bulletins?limit=100')).json();
    const units = new Set(all.items.map((b: { unitId: number }) => b.unitId));
    assert.ok(units.has(cityId) && units.has(t.org.units.ca) && units.has(t.org.units.cb));
    // Newest period first by the month it ends with: September, the third quarter (ends in September), July.
    assert.deepEqual(all.items.filter((b: { unitId: number }) => b.unitId === cityId).map((b: { period: string }) => b.period), ['2026-09', '2026-Q3', '2026-07']);
    assert.equal((await t.call('lead', 'GET', '/api/bulletins/999999.html')).statusCode, 404);
    assert.equal((await t.call(null, 'GET', `/api/bulletins/${cityBulletin}.html`)).statusCode, 401);
    assert.equal((await t.call(null, 'GET', '/api/bulletins')).statusCode, 401);
  });

  it('the schedule makes last month’s and last quarter’s city and county bulletins once, however often it runs', async () => {
    const deps = { db: t.tdb.db, config: loadConfig({}) };
    const rows = () => t.tdb.db.selectFrom('bulletins').select(['kind', 'period', 'unitId', 'generatedBy']).where('period', 'in', ['2026-09', '2026-Q3']).execute();
    const before = await rows();
    // Before the first working day of October (National Day holidays), nothing is due.
    const early = await runExclusive(t.tdb.db, BULLETIN_JOB, (trx) => runBulletinSchedule(deps, trx, sh('2026-10-01T09:00:00')));
    assert.deepEqual(early, { skipped: false, result: { created: 0, periods: [] } });
    const now = sh('2026-10-15T09:00:00');
    const [a, b] = await Promise.all([
      runExclusive(t.tdb.db, BULLETIN_JOB, (trx) => runBulletinSchedule(deps, trx, now)),
      runExclusive(t.tdb.db, BULLETIN_JOB, (trx) => runBulletinSchedule(deps, trx, now)),
    ]);
    const third = await runExclusive(t.tdb.db, BULLETIN_JOB, (trx) => runBulletinSchedule(deps, trx, now));
    assert.deepEqual(third, { skipped: false, result: { created: 0, periods: ['2026-09', '2026-Q3'] } });
    const after = await rows();
    // City, 甲县 and 乙区, monthly and quarterly: six, whoever made each.
    assert.equal(after.length, 6, JSON.stringify(after));
    const keys = new Set(after.map((r) => `${r.kind}/${r.period}/${r.unitId}`));
    assert.equal(keys.size, 6);
    for (const u of [cityId, t.org.units.ca, t.org.units.cb]) {
      assert.ok(keys.has(`monthly/2026-09/${u}`) && keys.has(`quarterly/2026-Q3/${u}`));
    }
    const made = [a, b].reduce((s, r) => s + (r.skipped ? 0 : r.result.created), 0);
    assert.equal(made, 6 - before.length, 'the runs together made exactly the missing ones');
    assert.ok(after.filter((r) => r.generatedBy === null).length >= 6 - before.length);
  });
});
