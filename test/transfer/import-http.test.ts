import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../support/http.ts';
import { boardCsv, boardProblems, multipartBody, tableCounts } from './fixtures.ts';

/**
 * POST /api/imports (multipart upload or JSON), GET /api/imports/:id and the
 * list, through HTTP: who may import, the report, idempotent re-runs.
 */
describe('imports over HTTP', () => {
  let t: TestApp;
  const upload = async (username: string | null, query: string, parts: Parameters<typeof multipartBody>[0]) => {
    const { body, contentType } = multipartBody(parts);
    const cookie = username ? await t.cookieOf(username) : undefined;
    return t.app.inject({ method: 'POST', url: `/api/imports${query}`, payload: body, headers: { 'content-type': contentType, ...(cookie ? { cookie } : {}) } });
  };
  const csvPart = (csv = boardCsv) => ({ name: 'file', value: csv, fileName: '留言导出.csv', type: 'text/csv' });

  before(async () => {
    t = await startTestApp();
  });
  after(async () => t?.close());

  it('only admins and dispatchers may import or read reports', async () => {
    const refused = await upload('op', '?preset=board-export&dryRun=true', [csvPart()]);
    assert.equal(refused.statusCode, 403, refused.body);
    assert.equal(refused.json().error.code, 'FORBIDDEN');
    assert.equal((await upload(null, '?preset=board-export', [csvPart()])).statusCode, 401);
    assert.equal((await t.call('sup', 'GET', '/api/imports')).statusCode, 403);
  });

  it('a multipart dry run answers with the report and writes no case', async () => {
    const before = await tableCounts(t.tdb.db);
    const res = await upload('disp', '?preset=board-export&dryRun=true', [csvPart()]);
    assert.equal(res.statusCode, 201, res.body);
    const report = res.json();
    assert.equal(res.headers.location, `/api/imports/${report.id}`);
    assert.equal(report.fileName, '留言导出.csv');
    assert.deepEqual(report.counts, { rows: 10, imported: 0, wouldImport: 6, skippedExisting: 0, invalid: 4, problems: 4 });
    assert.deepEqual(report.problems.map((p: any) => [p.row, p.column, p.code]), boardProblems);
    assert.equal(report.startedBy.username, 'disp');
    const after = await tableCounts(t.tdb.db);
    assert.deepEqual([after.cases, after.importKeys, after.outbox], [before.cases, before.importKeys, before.outbox]);

    const again = await t.call('disp', 'GET', `/api/imports/${report.id}`);
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual(again.json(), report);
    const page = (await t.call('admin', 'GET', `/api/imports/${report.id}?problemLimit=2&problemOffset=2`)).json();
    assert.deepEqual(page.problems.map((p: any) => p.row), [6, 8]);
    const list = (await t.call('admin', 'GET', '/api/imports')).json();
    assert.equal(list.items[0].id, report.id);
    assert.equal('problems' in list.items[0], false);
  });

  it('a real run imports the valid rows; the same upload again imports nothing', async () => {
    const first = (await upload('admin', '?preset=board-export', [csvPart()])).json();
    assert.deepEqual(first.counts, { rows: 10, imported: 6, wouldImport: 0, skippedExisting: 0, invalid: 4, problems: 4 });
    const second = await upload('admin', '?preset=board-export', [csvPart()]);
    assert.equal(second.statusCode, 201, second.body);
    assert.deepEqual(second.json().counts, { rows: 10, imported: 0, wouldImport: 0, skippedExisting: 6, invalid: 4, problems: 4 });
    const c = (await t.call('admin', 'GET', '/api/cases?channel=import&limit=50')).json();
    assert.equal(c.total, 6);
  });

  it('takes a mapping part (laid over the preset) and a JSON body with the file inline', async () => {
    const csv = '编号,标题,内容,时间,分类\nM1,夜市油烟扰民,夜市烧烤油烟直排进居民楼。,2024-06-01 21:00,环境保护\n';
    const mapping = JSON.stringify({ columns: { externalId: '编号', title: '标题', content: '内容', receivedAt: '时间', category: '分类' }, defaults: { type: 'complaint' } });
    const res = await upload('admin', '?preset=board-export&source=night-market', [{ name: 'mapping', value: mapping }, csvPart(csv)]);
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().counts.imported, 1);
    assert.equal(res.json().source, 'night-market');

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRows([['标题', '内容'], ['楼道堆放杂物', '楼道里堆满了杂物，存在消防隐患。']]);
    const json = await t.call('admin', 'POST', '/api/imports?source=json-xlsx', {
      fileName: 'inline.xlsx', contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'), mapping: { title: '标题', content: '内容' },
    });
    assert.equal(json.statusCode, 201, json.body);
    assert.equal(json.json().format, 'xlsx');
    assert.equal(json.json().counts.imported, 1);
    const text = await t.call('admin', 'POST', '/api/imports?preset=board-export&dryRun=true', { content: boardCsv });
    assert.equal(text.json().counts.skippedExisting, 6);
  });

  it('refuses bad requests with a reason', async () => {
    const expect400 = async (p: Promise<{ statusCode: number; body: string; json(): any }>, pattern: RegExp) => {
      const res = await p;
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.code, 'INVALID_INPUT');
      assert.match(res.json().error.message, pattern);
    };
    const en = { 'accept-language': 'en' };
    await expect400(t.call('admin', 'POST', '/api/imports?preset=nope', { content: boardCsv }, en), /querystring/);
    await expect400(t.call('admin', 'POST', '/api/imports', { content: boardCsv }, en), /give a preset or a column mapping/);
    await expect400(t.call('admin', 'POST', '/api/imports?preset=board-export', {}, en), /either content/);
    await expect400(t.call('admin', 'POST', '/api/imports', { content: 'a,b\n1,2\n', mapping: { title: '标题' } }, en), /lacks mapped columns: 标题/);
    await expect400(upload('admin', '?preset=board-export', [{ name: 'mapping', value: '{not json' }, csvPart()]), /映射不是有效的 JSON/);
    await expect400(upload('admin', '?preset=board-export', [{ name: 'other', value: 'x' }]), /请上传文件/);
    const missing = await t.call('admin', 'GET', '/api/imports/999999');
    assert.equal(missing.statusCode, 404);
  });
});
