import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { freshDatabase, type TestDatabase } from '../support/db.ts';
import { buildOrgTree } from '../support/factories.ts';
import { runCli, type CliResult } from '../support/cli.ts';
import { boardCsv, tableCounts } from './fixtures.ts';

/** `minsheng import` and `minsheng export-cases` as a user runs them, on a fresh database (DATABASE_URL). */
describe('import and export-cases on the command line', () => {
  let tdb: TestDatabase;
  let tmp: string;
  let env: Record<string, string | undefined>;
  const cli = (...args: string[]) => runCli(args, env);
  const show = (r: CliResult) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
  const file = (name: string, content: string | Buffer) => {
    const p = path.join(tmp, name);
    fs.writeFileSync(p, content);
    return p;
  };

  before(async () => {
    tdb = await freshDatabase();
    await buildOrgTree(tdb.db);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-transfer-cli-'));
    env = { DATABASE_URL: tdb.url, MINSHENG_NO_JOBS: '1', MINSHENG_DATA_DIR: path.join(tmp, 'unused-data'), MINSHENG_CASE_PREFIX: 'CL' };
  });
  after(async () => {
    await tdb?.drop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a dry run prints the summary and every problem, exits 0 and writes no case', async () => {
    const csv = file('board.csv', boardCsv);
    const before = await tableCounts(tdb.db);
    const r = await cli('import', csv, '--preset', 'board-export', '--dry-run');
    assert.equal(r.code, 0, show(r));
    assert.match(r.stdout, /^dry run #\d+ of board\.csv \(csv, utf-8; preset board-export; source board-export; as admin\)$/m);
    assert.match(r.stdout, /^rows 10: would import 6, already imported 0, refused 4 \(4 problems\)$/m);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('  row '));
    assert.deepEqual(lines.map((l) => l.split('\t').slice(0, 3).join(' ')), [
      '  row 4 title MISSING_VALUE', '  row 5 time BAD_DATE', '  row 6 label UNKNOWN_CATEGORY', '  row 8 id DUPLICATE_IN_FILE',
    ]);
    assert.match(lines[3], /编号“101”与第 2 行重复/);
    const after = await tableCounts(tdb.db);
    assert.deepEqual([after.cases, after.importKeys, after.imports], [before.cases, before.importKeys, before.imports + 1]);
    const strict = await cli('import', csv, '--preset', 'board-export', '--dry-run', '--strict', '--lang', 'en');
    assert.equal(strict.code, 3, show(strict));
    assert.match(strict.stdout, /Id "101" repeats row 2/);
  });

  it('imports once; the second run imports nothing', async () => {
    const csv = file('board.csv', boardCsv);
    const first = await cli('import', csv, '--preset', 'board-export', '--as', 'disp');
    assert.equal(first.code, 0, show(first));
    assert.match(first.stdout, /^rows 10: imported 6, already imported 0, refused 4 \(4 problems\)$/m);
    const cases = await tdb.db.selectFrom('cases').select(['number', 'createdBy']).execute();
    assert.equal(cases.length, 6);
    assert.equal(cases.filter((c) => /^CL2024-\d{6}$/.test(c.number)).length, 5, 'the row without a time is numbered in the import year');
    const disp = await tdb.db.selectFrom('users').select('id').where('username', '=', 'disp').executeTakeFirstOrThrow();
    assert.ok(cases.every((c) => c.createdBy === disp.id && /^CL\d{4}-\d{6}$/.test(c.number)), 'made as the --as user');
    const second = await cli('import', csv, '--preset', 'board-export');
    assert.equal(second.code, 0, show(second));
    assert.match(second.stdout, /^rows 10: imported 0, already imported 6, refused 4 \(4 problems\)$/m);
  });

  it('exits 1 on fatal errors: a bad mapping, missing columns, a missing file, a user who may not import', async () => {
    const csv = file('board.csv', boardCsv);
    const bad = await cli('import', csv, '--mapping', file('bad.json', '{"columns": {"title": "标题"}}'));
    assert.equal(bad.code, 1, show(bad));
    assert.match(bad.stderr, /INVALID_INPUT: .*文件缺少映射中的列：标题/);
    assert.equal((await cli('import', path.join(tmp, 'nope.csv'), '--preset', 'board-export')).code, 1);
    const handler = await cli('import', csv, '--preset', 'board-export', '--as', 'ca.h');
    assert.equal(handler.code, 1, show(handler));
    assert.match(handler.stderr, /FORBIDDEN/);
  });

  it('export-cases writes both shapes as CSV or XLSX, to a file or stdout', async () => {
    const out = path.join(tmp, 'board-out.csv');
    const r = await cli('export-cases', '--format', 'csv', '--shape', 'board-export', '--out', out, '--no-bom');
    assert.equal(r.code, 0, show(r));
    assert.match(r.stderr, /exported 6 cases \(board-export, csv\)/);
    const text = fs.readFileSync(out, 'utf8');
    assert.ok(text.startsWith('id,title,detail,time,label\n'), text.slice(0, 100));
    assert.match(text, /^CL2024-\d{6},小区电梯频繁故障,我们小区3号楼电梯本月已停运四次，老人上下楼非常困难，请尽快维修。,2024-03-05 09:15:00,城乡建设$/m);

    const stdout = await cli('export-cases', '--shape', 'minsheng', '--state', 'received');
    assert.equal(stdout.code, 0, show(stdout));
    assert.ok(stdout.stdout.startsWith('\uFEFFnumber,receivedAt,channel,type,urgency,category,'), stdout.stdout.slice(0, 80));
    assert.equal(stdout.stdout.trim().split('\n').length, 1 + 6 + 1, 'one record spans two lines (a line break in the content)');

    const xlsx = path.join(tmp, 'cases.xlsx');
    const x = await cli('export-cases', '--out', xlsx, '--with-citizen');
    assert.equal(x.code, 0, show(x));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const header = (wb.worksheets[0].getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(header.slice(-4), ['citizenName', 'citizenPhone', 'citizenSex', 'citizenOrg']);
    assert.equal(wb.worksheets[0].rowCount, 7);

    const wrong = await cli('export-cases', '--shape', 'board-export', '--with-citizen');
    assert.equal(wrong.code, 1, show(wrong));
  });
});
