import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Db } from '../../src/db/database.ts';
import { importRequest, runImport } from '../../src/modules/transfer/transfer.import.ts';
import { loadActorByUsername } from '../../src/modules/user/user.repository.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';
import { buildOrgTree } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/http.ts';
import { boardCsv } from './fixtures.ts';

/**
 * GET /api/exports/cases.csv|.xlsx in both shapes, who may export and what
 * personal data leaves; then the minsheng shape read back into another
 * installation, field by field.
 */
describe('exports, and the minsheng round trip', () => {
  let t: TestApp;
  let target: TestDatabase;
  const phone = '13912345678';

  const csvOf = (body: string) => parse(body.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];
  const get = async (username: string, url: string, status = 200) => {
    const res = await t.call(username, 'GET', url);
    assert.equal(res.statusCode, status, res.body.slice(0, 500));
    return res;
  };
  const xlsxRows = async (bytes: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const rows: string[][] = [];
    const sheet = wb.worksheets[0];
    sheet.eachRow((row) => rows.push(Array.from({ length: sheet.columnCount }, (_, i) => {
      const v = row.getCell(i + 1).value;
      return v == null ? '' : String(v);
    })));
    return rows;
  };

  before(async () => {
    t = await startTestApp();
    target = await freshDatabase();
    await buildOrgTree(target.db);
    const { units } = t.org;
    const category = await t.tdb.db.selectFrom('categories').select('id').where('fullName', '=', '城乡建设/物业管理/物业费收取').executeTakeFirstOrThrow();
    const create = async (body: Record<string, unknown>) => {
      const res = await t.call('op', 'POST', '/api/cases', body);
      assert.equal(res.statusCode, 201, res.body);
    };
    await create({
      channel: 'hotline', type: 'complaint', urgency: 'urgent', title: '物业乱收停车费', content: '物业每月多收停车费，\n还不开发票，"请"核查。',
      categoryId: category.id, regionUnitId: units['ca.t1'], address: '甲一镇人民路 8 号', lat: 30.123456, lng: 114.654321, subject: '某物业公司',
      citizenName: '陈建国', citizenPhone: phone, citizenSex: 'male', citizenOrg: '业主委员会',
    });
    await create({ channel: 'web', type: 'suggestion', title: '=HYPERLINK("x") 建议增设公交线路', content: '-建议增设一条公交线路连接新区。' });
    const admin = await loadActorByUsername(t.tdb.db, 'admin');
    await runImport({ db: t.tdb.db, casePrefix: 'TS' }, admin, Readable.from([Buffer.from(boardCsv)]),
      importRequest({ fileName: 'board.csv', preset: 'board-export', dryRun: false }));
  });
  after(async () => {
    await t?.close();
    await target?.drop();
  });

  it('only citywide export holders may export; personal data needs export.personal and the flag', async () => {
    await get('disp', '/api/exports/cases.csv', 403);
    await get('ca.h', '/api/exports/cases.xlsx', 403);
    await get('sup', '/api/exports/cases.csv?shape=minsheng&citizen=true', 403);
    const withoutFlag = await get('admin', '/api/exports/cases.csv?shape=minsheng');
    assert.ok(!withoutFlag.body.includes(phone) && !withoutFlag.body.includes('陈建国'), 'no personal data by default');
    assert.ok(!csvOf(withoutFlag.body)[0].includes('citizenPhone'));
    const withFlag = await get('admin', '/api/exports/cases.csv?shape=minsheng&citizen=true');
    assert.ok(withFlag.body.includes(phone));
    const refused = await get('admin', '/api/exports/cases.csv?shape=board-export&citizen=true', 400);
    assert.equal(refused.json().error.code, 'INVALID_INPUT');
  });

  it('board-export: id,title,detail,time,label with Shanghai time and the level-1 category', async () => {
    const res = await get('lead', '/api/exports/cases.csv?shape=board-export');
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="cases-board-export-\d{8}\.csv"$/);
    assert.ok(res.body.startsWith('\uFEFF'), 'a BOM for Excel');
    const rows = csvOf(res.body);
    assert.deepEqual(rows[0], ['id', 'title', 'detail', 'time', 'label']);
    assert.equal(rows.length, 1 + 8);
    const first = rows.find((r) => r[1] === '物业乱收停车费')!;
    assert.match(first[0], /^TS\d{4}-\d{6}$/);
    assert.equal(first[4], '城乡建设');
    assert.match(first[3], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const elevator = rows.find((r) => r[1] === '小区电梯频繁故障')!;
    assert.equal(elevator[3], '2024-03-05 09:15:00');
    assert.equal(rows.find((r) => r[1] === '村卫生室缺少常用药')![4], '卫生健康');
    assert.ok(rows.some((r) => r[1] === "'=HYPERLINK(\"x\") 建议增设公交线路"), 'a formula-like cell is escaped in CSV');
    assert.equal(csvOf((await get('lead', '/api/exports/cases.csv?shape=board-export&bom=false')).body)[0][0], 'id');
  });

  it('filters by time and state; XLSX holds the same rows as text', async () => {
    const march = csvOf((await get('sup', '/api/exports/cases.csv?shape=board-export&from=2024-03-06&to=2024-03-11')).body);
    assert.deepEqual(march.slice(1).map((r) => r[3]).sort(), ['2024-03-06 18:40:12', '2024-03-10 14:20:00', '2024-03-11 08:05:00']);
    const none = csvOf((await get('sup', '/api/exports/cases.csv?state=closed,archived')).body);
    assert.equal(none.length, 1, 'only the header');
    const bad = await get('sup', '/api/exports/cases.csv?state=lost', 400);
    assert.match(bad.json().error.message, /lost/);

    const res = await get('admin', '/api/exports/cases.xlsx?shape=minsheng');
    assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const rows = await xlsxRows(res.rawPayload);
    const csv = csvOf((await get('admin', '/api/exports/cases.csv?shape=minsheng')).body);
    assert.deepEqual(rows.map((r) => r.map((c) => c.replace(/^'(?=[=+\-@])/, ''))), csv.map((r) => r.map((c) => c.replace(/^'(?=[=+\-@])/, ''))));
    assert.ok(rows.some((r) => r.includes('=HYPERLINK("x") 建议增设公交线路')), 'XLSX cells are text, not formulas: no escape needed');
  });

  for (const format of ['csv', 'xlsx'] as const) {
    it(`the minsheng shape (${format}) imports into another installation with the same fields`, async () => {
      const res = await get('admin', `/api/exports/cases.${format}?shape=minsheng&citizen=true`);
      const admin = await loadActorByUsername(target.db, 'admin');
      const source = `city-a-${format}`;
      const run = () => runImport({ db: target.db, casePrefix: 'TB' }, admin, Readable.from([res.rawPayload]),
        importRequest({ fileName: `cases.${format}`, preset: 'minsheng', source, dryRun: false }));
      const first = await run();
      assert.deepEqual(first.counts, { rows: 8, imported: 8, skippedExisting: 0, invalid: 0, problems: 0 });
      const [from, to] = [await snapshot(t.tdb.db), await snapshot(target.db, source)];
      assert.deepEqual(to, from);
      assert.deepEqual((await run()).counts, { rows: 8, imported: 0, skippedExisting: 8, invalid: 0, problems: 0 });
    });
  }
});

/** The importable fields of every case, keyed by the case number in the exporting installation. */
async function snapshot(db: Db, source?: string) {
  let q = db.selectFrom('cases as c')
    .leftJoin('categories as cat', 'cat.id', 'c.categoryId')
    .leftJoin('units as r', 'r.id', 'c.regionUnitId')
    .select([
      'c.number', 'c.title', 'c.content', 'c.receivedAt', 'c.channel', 'c.type', 'c.urgency', 'cat.fullName as category', 'r.key as region',
      'c.address', 'c.lat', 'c.lng', 'c.subject', 'c.citizenName', 'c.citizenPhone', 'c.citizenSex', 'c.citizenOrg',
    ]);
  if (source) q = q.innerJoin('importKeys as k', 'k.caseId', 'c.id').where('k.source', '=', source).select('k.externalId');
  const rows = await q.execute();
  return Object.fromEntries(rows.map(({ number, externalId, ...rest }: Record<string, unknown>) => [source ? externalId : number, rest]));
}
