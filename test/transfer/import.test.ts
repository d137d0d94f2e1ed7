import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { DomainError } from '../../src/domain/errors.ts';
import type { SessionActor } from '../../src/http/context.ts';
import { importRequest, runImport, type ImportOptions } from '../../src/modules/transfer/transfer.import.ts';
import { presentImportReport } from '../../src/modules/transfer/transfer.presenter.ts';
import { findImport } from '../../src/modules/transfer/transfer.repository.ts';
import { loadActorByUsername } from '../../src/modules/user/user.repository.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';
import { buildOrgTree, type OrgTree } from '../support/factories.ts';
import { boardCsv, boardProblems, boardValidIds, tableCounts } from './fixtures.ts';

/**
 * Bulk import against a real database: the dry run reports exactly the
 * fixture's problems and writes nothing but its report; the real run makes
 * the valid rows into cases through createCase; a re-run makes nothing new.
 */
describe('bulk import (module)', () => {
  let tdb: TestDatabase;
  let org: OrgTree;
  let admin: SessionActor;
  const now = new Date('2026-03-01T02:00:00Z');

  /** Imports `content` (arriving in pieces when an array, as from a socket). */
  const run = (content: string | Buffer | string[], o: Partial<ImportOptions> & { actor?: SessionActor; batchSize?: number } = {}) =>
    runImport({ db: tdb.db, casePrefix: 'TS', now }, o.actor ?? admin, Readable.from((Array.isArray(content) ? content : [content]).map((c) => Buffer.from(c))), {
      ...importRequest({ fileName: 'board.csv', preset: 'board-export', dryRun: false, ...o }), batchSize: o.batchSize,
    });
  const report = async (id: number) => presentImportReport(tdb.db, await findImport(tdb.db, id), { limit: 1000, offset: 0 });
  const importedCase = (source: string, externalId: string) =>
    tdb.db.selectFrom('importKeys as k').innerJoin('cases as c', 'c.id', 'k.caseId').leftJoin('categories as cat', 'cat.id', 'c.categoryId')
      .selectAll('c').select(['cat.fullName as category', 'cat.level as categoryLevel'])
      .where('k.source', '=', source).where('k.externalId', '=', externalId).executeTakeFirstOrThrow();

  before(async () => {
    tdb = await freshDatabase();
    org = await buildOrgTree(tdb.db);
    admin = await loadActorByUsername(tdb.db, 'admin');
  });
  after(async () => tdb?.drop());

  it('a dry run reports every problem row and writes nothing but its report', async () => {
    const before = await tableCounts(tdb.db);
    const summary = await run(boardCsv, { dryRun: true, batchSize: 3 });
    const afterCounts = await tableCounts(tdb.db);
    assert.deepEqual(summary.counts, { rows: 10, imported: 6, skippedExisting: 0, invalid: 4, problems: 4 });
    assert.deepEqual({ ...afterCounts, imports: before.imports, importProblems: before.importProblems }, before, 'no case, history, outbox, key or counter');
    assert.equal(afterCounts.imports, before.imports + 1);

    const r = await report(summary.id);
    assert.equal(r.dryRun, true);
    assert.equal(r.status, 'done');
    assert.deepEqual(r.counts, { rows: 10, imported: 0, wouldImport: 6, skippedExisting: 0, invalid: 4, problems: 4 });
    assert.deepEqual(r.problems.map((p) => [p.row, p.column, p.code]), boardProblems);
    assert.deepEqual(r.problems.map((p) => p.message), [
      { zh: '“title”不能为空', en: '"title" is empty' },
      { zh: '“time”不是可识别的时间：2024-13-45 25:00:00（应为 YYYY-MM-DD HH:mm:ss）', en: '"time" is not a time we can read: 2024-13-45 25:00:00 (expected YYYY-MM-DD HH:mm:ss)' },
      { zh: '分类不存在：医疗卫生', en: 'No such category: 医疗卫生' },
      { zh: '编号“101”与第 2 行重复', en: 'Id "101" repeats row 2' },
    ]);
    assert.equal(r.startedBy.username, 'admin');
    assert.equal(r.source, 'board-export');
    assert.equal(r.encoding, 'utf-8');
  });

  it('a real run imports the valid rows through createCase, as the importing user', async () => {
    const before = await tableCounts(tdb.db);
    const summary = await run(boardCsv, { batchSize: 4 });
    assert.deepEqual(summary.counts, { rows: 10, imported: 6, skippedExisting: 0, invalid: 4, problems: 4 });
    const afterCounts = await tableCounts(tdb.db);
    assert.equal(afterCounts.cases, before.cases + 6);
    assert.equal(afterCounts.caseHistory, before.caseHistory + 6);
    assert.equal(afterCounts.outbox, before.outbox + 6, 'each case announces itself like any intake');
    assert.equal(afterCounts.importKeys, before.importKeys + 6);

    const first = await importedCase('board-export', '101');
    assert.equal(first.title, '小区电梯频繁故障');
    assert.equal(first.content, '我们小区3号楼电梯本月已停运四次，老人上下楼非常困难，请尽快维修。');
    assert.equal(first.receivedAt.toISOString(), '2024-03-05T01:15:00.000Z', '09:15 in Shanghai');
    assert.equal(first.category, '城乡建设');
    assert.equal(first.categoryLevel, 1);
    assert.deepEqual([first.channel, first.type, first.urgency, first.state], ['import', 'other', 'normal', 'received']);
    assert.equal(first.createdBy, org.users['admin']);
    assert.match(first.number, /^TS2024-\d{6}$/, 'numbered in the year it was received');
    const history = await tdb.db.selectFrom('caseHistory').selectAll().where('caseId', '=', first.id).execute();
    assert.deepEqual(history.map((h) => [h.action, h.toState, h.actorUserId]), [['create', 'received', org.users['admin']]]);

    assert.equal((await importedCase('board-export', '102')).content, '公交站台缺少遮雨棚', 'an empty detail takes the title');
    assert.equal((await importedCase('board-export', '106')).receivedAt.toISOString(), now.toISOString(), 'no time: the import time');
    assert.equal((await importedCase('board-export', '107')).content, '景区售票处没有公示价格，游客反映被多收费，"希望"整改。');
    assert.equal((await importedCase('board-export', '108')).category, '卫生健康', '卫生计生 is the old name');
    const last = await importedCase('board-export', '109');
    assert.equal(last.receivedAt.toISOString(), '2024-03-12T12:00:00.000Z');
    assert.equal(last.content, '人民路北段路灯已经坏了两周，\n夜间行人很不安全。');

    const keys = await tdb.db.selectFrom('importKeys').select('externalId').where('importId', '=', summary.id).orderBy('externalId').execute();
    assert.deepEqual(keys.map((k) => k.externalId), boardValidIds);
    const r = await report(summary.id);
    assert.deepEqual(r.counts, { rows: 10, imported: 6, wouldImport: 0, skippedExisting: 0, invalid: 4, problems: 4 });
  });

  it('importing the same file again creates nothing new', async () => {
    const before = await tableCounts(tdb.db);
    const summary = await run(boardCsv);
    assert.deepEqual(summary.counts, { rows: 10, imported: 0, skippedExisting: 6, invalid: 4, problems: 4 });
    const afterCounts = await tableCounts(tdb.db);
    assert.deepEqual({ ...afterCounts, imports: 0, importProblems: 0 }, { ...before, imports: 0, importProblems: 0 });
    // A dry run says the same.
    assert.deepEqual((await run(boardCsv, { dryRun: true })).counts, summary.counts);
    // Another source is another namespace of ids.
    assert.equal((await run(boardCsv, { source: 'other-board', dryRun: true })).counts.imported, 6);
  });

  it('a file without an id column is keyed by a hash of each row, so it too imports once', async () => {
    const noIds = boardCsv.split('\n').map((line) => line.replace(/^(id|\d+),/, '')).join('\n');
    const first = await run(noIds, { source: 'no-ids' });
    // Row 8 is no repeat now (its id is gone): 7 rows import.
    assert.deepEqual(first.counts, { rows: 10, imported: 7, skippedExisting: 0, invalid: 3, problems: 3 });
    const again = await run(noIds, { source: 'no-ids' });
    assert.deepEqual(again.counts, { rows: 10, imported: 0, skippedExisting: 7, invalid: 3, problems: 3 });
    const keys = await tdb.db.selectFrom('importKeys').select('externalId').where('source', '=', 'no-ids').execute();
    assert.ok(keys.every((k) => /^sha256:[0-9a-f]{40}$/.test(k.externalId)));
  });

  it('imports an XLSX workbook: number ids, date cells, rich text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('留言');
    ws.addRow(['id', 'title', 'detail', 'time', 'label']);
    ws.addRow([201, '小区垃圾清运不及时', '垃圾桶满了两天没人清理，气味很大。', new Date(Date.UTC(2024, 4, 6, 9, 30, 0)), '城乡建设']);
    ws.getCell('D2').numFmt = 'yyyy-mm-dd hh:mm:ss';
    ws.addRow([202, { richText: [{ text: '河道' }, { text: '污染', font: { bold: true } }] }, '工厂向河道排放污水。', '2024-05-07 10:00:00', '环境保护']);
    ws.addRow([203, '咨询公积金提取', '想了解公积金提取的条件。', '2024-05-08 10:00:00', '住房公积金']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());

    const summary = await run(buffer, { fileName: 'board.xlsx', source: 'xlsx-board' });
    assert.deepEqual(summary.counts, { rows: 3, imported: 2, skippedExisting: 0, invalid: 1, problems: 1 });
    const r = await report(summary.id);
    assert.equal(r.format, 'xlsx');
    assert.deepEqual(r.problems.map((p) => [p.row, p.column, p.code]), [[4, 'label', 'UNKNOWN_CATEGORY']]);
    const a = await importedCase('xlsx-board', '201');
    assert.equal(a.receivedAt.toISOString(), '2024-05-06T01:30:00.000Z', 'a date cell shows Shanghai wall-clock time');
    assert.equal((await importedCase('xlsx-board', '202')).title, '河道污染');
  });

  it('with unknownCategory=empty an unknown label imports without a category and a warning', async () => {
    const csv = 'id,title,detail,time,label\n301,医院挂号排队时间太长,社区医院挂号要排两个小时。,2024-03-08 10:00:00,医疗卫生\n';
    const summary = await run(csv, { source: 'lenient', unknownCategory: 'empty' });
    assert.deepEqual(summary.counts, { rows: 1, imported: 1, skippedExisting: 0, invalid: 0, problems: 1 });
    const r = await report(summary.id);
    assert.deepEqual(r.problems.map((p) => [p.code, p.severity]), [['UNKNOWN_CATEGORY', 'warning']]);
    assert.equal((await importedCase('lenient', '301')).categoryId, null);
  });

  it('a custom mapping reads Chinese headers, with defaults for the rows', async () => {
    const csv = '编号,主题,内容,时间,类型,区域\nX1,夜市油烟扰民,夜市烧烤油烟直排进居民楼。,2024/6/1 21:00,投诉,甲县\n';
    const summary = await run(csv, {
      preset: undefined, source: 'custom',
      mapping: { columns: { externalId: '编号', title: '主题', content: '内容', receivedAt: '时间', type: '类型', regionName: '区域' }, defaults: { channel: 'board', urgency: 'urgent' } },
    });
    assert.equal(summary.counts.imported, 1);
    const c = await importedCase('custom', 'X1');
    assert.deepEqual([c.channel, c.type, c.urgency, c.regionUnitId], ['board', 'complaint', 'urgent', org.units['ca']]);
    assert.equal(c.receivedAt.toISOString(), '2024-06-01T13:00:00.000Z');
  });

  it('refuses before starting: missing mapped columns, no permission; nothing is recorded', async () => {
    const before = await tableCounts(tdb.db);
    await assert.rejects(run('标题,内容\n甲,乙\n', { preset: undefined, mapping: { title: 'title' } }),
      (e: unknown) => e instanceof DomainError && e.code === 'INVALID_INPUT' && /lacks mapped columns: title/.test(String(e.params.detail_en)));
    const handler = await loadActorByUsername(tdb.db, 'ca.h');
    await assert.rejects(run(boardCsv, { actor: handler }), (e: unknown) => e instanceof DomainError && e.code === 'FORBIDDEN');
    assert.deepEqual(await tableCounts(tdb.db), before);
  });

  it('a row createCase refuses costs only that row: the batch is redone row by row', async () => {
    // The category of row B is switched off after the import has loaded the categories, so the
    // row passes its check but createCase refuses it. The first chunk is long (a line of spaces,
    // row 3) so the file sniffing does not read on into rows B and C.
    const category = await tdb.db.selectFrom('categories').select(['id']).where('fullName', '=', '环境保护').executeTakeFirstOrThrow();
    async function* file() {
      yield Buffer.from(`id,title,detail,time,label\nA,道路破损坑洼,人民路多处坑洼。,2024-04-01 08:00:00,交通运输\n${' '.repeat(70_000)}\n`);
      for (;;) {
        const started = await tdb.db.selectFrom('imports').select('id').where('source', '=', 'refused').executeTakeFirst();
        if (started) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await tdb.db.updateTable('categories').set({ active: false }).where('id', '=', category.id).execute();
      yield Buffer.from('B,河道发黑发臭,河水发黑。,2024-04-02 08:00:00,环境保护\nC,公交班次太少,等车要半小时。,2024-04-03 08:00:00,交通运输\n');
    }
    try {
      const summary = await runImport({ db: tdb.db, casePrefix: 'TS', now }, admin, Readable.from(file()),
        importRequest({ fileName: 'refused.csv', preset: 'board-export', source: 'refused', dryRun: false }));
      assert.deepEqual(summary.counts, { rows: 3, imported: 2, skippedExisting: 0, invalid: 1, problems: 1 });
      const r = await report(summary.id);
      assert.deepEqual(r.problems.map((p) => [p.row, p.code]), [[4, 'CREATE_FAILED']]);
      assert.match(r.problems[0].message.en, /^Could not create the case: Invalid input: category \d+ does not exist$/);
      const keys = await tdb.db.selectFrom('importKeys').select('externalId').where('source', '=', 'refused').orderBy('externalId').execute();
      assert.deepEqual(keys.map((k) => k.externalId), ['A', 'C']);
    } finally {
      await tdb.db.updateTable('categories').set({ active: true }).where('id', '=', category.id).execute();
    }
  });

  it('a broken file fails the run, recorded as failed; batches already done stay and a re-run goes on', async () => {
    const good = Array.from({ length: 600 }, (_, i) => `${1000 + i},第${i}条留言的标题,内容内容内容,2024-03-05 09:15:00,城乡建设\n`);
    const broken = ['id,title,detail,time,label\n', ...good, '9999,"未闭合的引号,内容,2024-03-05 09:15:00,城乡建设\n'];
    await assert.rejects(run(broken, { source: 'broken', batchSize: 50 }), DomainError);
    const row = await tdb.db.selectFrom('imports').selectAll().where('source', '=', 'broken').executeTakeFirstOrThrow();
    assert.equal(row.status, 'failed');
    assert.match(row.error ?? '', /CSV/);
    const done = row.importedCount;
    assert.ok(done > 0 && done % 50 === 0, `whole batches committed before the parser gave up (${done})`);
    const fixed = ['id,title,detail,time,label\n', ...good];
    assert.deepEqual((await run(fixed, { source: 'broken' })).counts, { rows: 600, imported: 600 - done, skippedExisting: done, invalid: 0, problems: 0 });
  });
});
