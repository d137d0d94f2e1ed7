import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { DomainError } from '../../src/domain/errors.ts';
import { escapeFormula } from '../../src/modules/transfer/transfer.export.ts';
import { resolveMapping } from '../../src/modules/transfer/transfer.mapping.ts';
import { renderProblem } from '../../src/modules/transfer/transfer.problems.ts';
import { detectEncoding, openTable } from '../../src/modules/transfer/transfer.reader.ts';
import { bindColumns, cleanCell, RowChecker, type Lookups } from '../../src/modules/transfer/transfer.rows.ts';
import { formatBoardTime, parseFileTime } from '../../src/modules/transfer/transfer.time.ts';

/** The pure parts of import and export: times, mappings, row checks, encodings. No database. */

const lookups: Lookups = {
  categoryByPath: new Map([['城乡建设', 1], ['城乡建设/物业管理', 2], ['城乡建设/物业管理/物业费收取', 3], ['卫生健康', 4], ['其他/其他事项/其他', 5]]),
  categoryByName: new Map([['城乡建设', [1]], ['物业管理', [2]], ['物业费收取', [3]], ['卫生健康', [4]], ['其他', [5, 6, 7]]]),
  regionByKey: new Map([['ca', 10], ['cb', 11]]),
  regionByName: new Map([['甲县', [10]], ['新村', [12, 13]]]),
};
const now = new Date('2026-03-01T00:00:00Z');

function checker(presetName: string | undefined, header: string[], mapping?: unknown) {
  const m = resolveMapping(presetName, mapping);
  return new RowChecker(bindColumns(header, m), m, lookups, now);
}

describe('times in files', () => {
  it('reads wall-clock times as Asia/Shanghai and honours an explicit offset', () => {
    assert.equal(parseFileTime('2020-01-06 12:09:38')?.toISOString(), '2020-01-06T04:09:38.000Z');
    assert.equal(parseFileTime('2020/1/6 8:05')?.toISOString(), '2020-01-06T00:05:00.000Z');
    assert.equal(parseFileTime('2020-01-06')?.toISOString(), '2020-01-05T16:00:00.000Z');
    assert.equal(parseFileTime('2020年1月6日')?.toISOString(), '2020-01-05T16:00:00.000Z');
    assert.equal(parseFileTime('2020-01-06T12:09:38Z')?.toISOString(), '2020-01-06T12:09:38.000Z');
    assert.equal(parseFileTime('2020-01-06T12:09:38+08:00')?.toISOString(), '2020-01-06T04:09:38.000Z');
    assert.equal(parseFileTime('2020-01-06 12:09:38.250 -0500')?.toISOString(), '2020-01-06T17:09:38.250Z');
  });

  it('refuses what is not a real time', () => {
    for (const bad of ['2020-02-30 10:00:00', '2020-13-01', '2020-01-06 24:00:00', '2020-01-06 12:60', 'yesterday', '43831.5', '']) {
      assert.equal(parseFileTime(bad), null, bad);
    }
  });

  it('writes the board-export time in Shanghai', () => {
    assert.equal(formatBoardTime(new Date('2020-01-06T04:09:38Z')), '2020-01-06 12:09:38');
    assert.equal(formatBoardTime(new Date('2020-12-31T16:30:00Z')), '2021-01-01 00:30:00');
  });
});

describe('column mappings', () => {
  it('lays a flat user mapping over a preset; a null unmaps a column', () => {
    const m = resolveMapping('board-export', { title: '标题', label: null });
    assert.equal(m.columns.title, '标题');
    assert.equal(m.columns.category, undefined);
    assert.equal(m.columns.content, 'detail');
    assert.ok(!m.optional.includes('title'));
  });

  it('reads the full form with options', () => {
    const m = resolveMapping(undefined, {
      columns: { externalId: '编号', title: '主题', content: '内容', category: '分类' },
      defaults: { channel: 'board', type: 'complaint' },
      unknownCategory: 'empty', categoryAliases: { 卫生计生: '卫生健康' }, encoding: 'GB18030',
    });
    assert.deepEqual(m.defaults, { channel: 'board', type: 'complaint', urgency: 'normal' });
    assert.equal(m.unknownCategory, 'empty');
    assert.equal(m.encoding, 'gb18030');
    assert.deepEqual(m.optional, []);
  });

  it('refuses unknown presets, fields and values, and a mapping without a title', () => {
    const refuses = (fn: () => unknown, pattern: RegExp) =>
      assert.throws(fn, (e: unknown) => e instanceof DomainError && e.code === 'INVALID_INPUT' && pattern.test(String(e.params.detail_en)));
    refuses(() => resolveMapping('nope', undefined), /no preset named "nope"/);
    refuses(() => resolveMapping(undefined, undefined), /give a preset or a column mapping/);
    refuses(() => resolveMapping(undefined, { titel: 'x' }), /unknown field: titel/);
    refuses(() => resolveMapping(undefined, { content: 'x' }), /no column for title/);
    refuses(() => resolveMapping('board-export', { columns: {}, defaults: { channel: 'fax' } }), /defaults.channel must be one of/);
    refuses(() => resolveMapping('board-export', { columns: {}, colour: 'red' }), /unknown mapping options: colour/);
  });

  it('binds columns by name (trimmed, any case) and names the missing ones', () => {
    const m = resolveMapping('board-export', undefined);
    const bound = bindColumns([' ID', 'Title', 'detail', 'time', 'label'], m);
    assert.deepEqual(bound.index, { externalId: 0, title: 1, content: 2, receivedAt: 3, category: 4 });
    // A preset's optional columns may be absent; a user's columns may not.
    assert.deepEqual(bindColumns(['title'], m).index, { title: 0 });
    assert.throws(() => bindColumns(['title'], resolveMapping('board-export', { columns: { receivedAt: '时间' } })), /时间/);
    assert.throws(() => bindColumns(['title', 'title'], m), /2 次/);
  });
});

describe('checking rows', () => {
  const header = ['id', 'title', 'detail', 'time', 'label'];

  it('turns a good board row into an appeal', () => {
    const r = checker('board-export', header).check(2, ['7', ' 电梯故障 ', '电梯停运四次。', '2024-03-05 09:15:00', '城乡建设']);
    assert.deepEqual(r.problems, []);
    assert.equal(r.externalId, '7');
    assert.equal(r.appeal?.title, '电梯故障');
    assert.equal(r.appeal?.receivedAt.toISOString(), '2024-03-05T01:15:00.000Z');
    assert.equal(r.appeal?.categoryId, 1);
    assert.deepEqual([r.appeal?.channel, r.appeal?.type, r.appeal?.urgency], ['import', 'other', 'normal']);
  });

  it('fills content from the title, and a missing time with the import time', () => {
    const r = checker('board-export', header).check(2, ['8', '公交站台缺少遮雨棚', '', '', '']);
    assert.equal(r.appeal?.content, '公交站台缺少遮雨棚');
    assert.equal(r.appeal?.receivedAt.getTime(), now.getTime());
    assert.equal(r.appeal?.categoryId, null);
  });

  it('matches categories by path, level-1 name, unique name and alias', () => {
    const c = checker('board-export', header);
    const cat = (label: string, id: string) => c.check(2, [id, '标题标题', '内容内容', '', label]);
    assert.equal(cat('城乡建设 / 物业管理 / 物业费收取', 'a').appeal?.categoryId, 3);
    assert.equal(cat('城乡建设＞物业管理', 'b').appeal?.categoryId, 2);
    assert.equal(cat('物业费收取', 'c').appeal?.categoryId, 3);
    assert.equal(cat('卫生计生', 'd').appeal?.categoryId, 4);
    const unknown = cat('其他', 'e'); // '其他' names three categories at once, and is no level-1 name here
    assert.equal(unknown.appeal, null);
    assert.equal(unknown.problems[0].code, 'UNKNOWN_CATEGORY');
  });

  it('reports every problem of a row, with its column', () => {
    const c = checker('board-export', header);
    const r = c.check(5, ['9', '', '', '2024-13-45 25:00:00', '医疗卫生']);
    assert.equal(r.appeal, null);
    assert.deepEqual(r.problems.map((p) => [p.row, p.column, p.code, p.severity]), [
      [5, 'title', 'MISSING_VALUE', 'error'],
      [5, 'time', 'BAD_DATE', 'error'],
      [5, 'label', 'UNKNOWN_CATEGORY', 'error'],
    ]);
    assert.equal(renderProblem(r.problems[1], 'zh'), '“time”不是可识别的时间：2024-13-45 25:00:00（应为 YYYY-MM-DD HH:mm:ss）');
    assert.equal(renderProblem(r.problems[2], 'en'), 'No such category: 医疗卫生');
  });

  it('an unknown category is only a warning when the mapping says empty', () => {
    const r = checker('board-export', header, { columns: {}, unknownCategory: 'empty' }).check(3, ['1', '标题标题', '内容内容', '', '医疗卫生']);
    assert.equal(r.appeal?.categoryId, null);
    assert.deepEqual(r.problems.map((p) => [p.code, p.severity]), [['UNKNOWN_CATEGORY', 'warning']]);
  });

  it('reports a repeated id on the later row, naming the first', () => {
    const c = checker('board-export', header);
    c.check(2, ['101', '第一条留言', '内容内容', '', '']);
    const r = c.check(8, ['101', '第二条留言', '内容内容', '', '']);
    assert.deepEqual(r.problems.map((p) => [p.column, p.code, p.params.firstRow]), [['id', 'DUPLICATE_IN_FILE', 2]]);
  });

  it('derives a stable id from the row when the file has no id column, and catches identical rows', () => {
    const row = ['同一条留言', '内容  内容', '2024-03-05 09:15:00', '城乡建设'];
    const a = checker('board-export', ['title', 'detail', 'time', 'label']).check(2, row);
    const b = checker('board-export', ['title', 'detail', 'time', 'label']).check(2, ['同一条留言', '内容 内容', '2024-03-05 09:15:00', '城乡建设']);
    assert.match(a.externalId, /^sha256:[0-9a-f]{40}$/);
    assert.equal(a.externalId, b.externalId, 'whitespace does not change the id');
    const c = checker('board-export', ['title', 'detail', 'time', 'label']);
    c.check(2, row);
    assert.equal(c.check(3, row).problems[0].code, 'DUPLICATE_IN_FILE');
  });

  it('checks the minsheng fields: vocabulary, region, phone, sex, location, lengths, future times', () => {
    const h = ['number', 'title', 'content', 'type', 'urgency', 'channel', 'regionKey', 'region', 'citizenPhone', 'citizenSex', 'lat', 'lng', 'receivedAt'];
    const c = checker('minsheng', h);
    const good = c.check(2, ['AL1', '标题标题', '内容内容', '投诉', '紧急', '12345热线', 'ca', '', '138 0013 8000', '女', '30.5', '114.3', '2026-01-01T08:00:00+08:00']);
    assert.deepEqual(good.problems, []);
    assert.deepEqual(
      [good.appeal?.type, good.appeal?.urgency, good.appeal?.channel, good.appeal?.regionUnitId, good.appeal?.citizenPhone, good.appeal?.citizenSex, good.appeal?.lat],
      ['complaint', 'urgent', 'hotline', 10, '13800138000', 'female', 30.5],
    );
    const bad = c.check(3, ['AL2', '标', 'x'.repeat(5001), 'gripe', '', 'fax', '', '新村', '12ab', '?', '91', '', '2026-03-02 00:00:00']);
    assert.deepEqual(bad.problems.map((p) => [p.column, p.code]), [
      ['title', 'TOO_SHORT'], ['content', 'TOO_LONG'], ['receivedAt', 'FUTURE_DATE'], ['channel', 'UNKNOWN_VALUE'], ['type', 'UNKNOWN_VALUE'],
      ['region', 'AMBIGUOUS_REGION'], ['citizenPhone', 'BAD_PHONE'], ['citizenSex', 'UNKNOWN_VALUE'], ['lat', 'BAD_NUMBER'],
    ]);
    assert.equal(c.check(4, ['AL3', '标题标题', '内容内容', '', '', '', 'zz', '', '', '', '30', '', '']).problems.map((p) => p.code).join(),
      'UNKNOWN_REGION,INCOMPLETE_LOCATION');
  });

  it('flags a row with more filled cells than the header (shifted data)', () => {
    const r = checker('board-export', header).check(4, ['1', '标题标题', '内容', '内容续', '2024-03-05 09:15:00', '城乡建设']);
    assert.ok(r.problems.some((p) => p.code === 'EXTRA_CELLS' && p.column === null));
    assert.deepEqual(checker('board-export', header).check(4, ['1', '标题标题', '内容内容', '', '', '', '']).problems, []);
  });
});

describe('cells and encodings', () => {
  it('takes off the formula escape an export puts on, and only that', () => {
    assert.equal(cleanCell("'=SUM(A1)"), '=SUM(A1)');
    assert.equal(cleanCell("'+8613800138000"), '+8613800138000');
    assert.equal(cleanCell("'quoted'"), "'quoted'");
    assert.equal(escapeFormula('=1+1'), "'=1+1");
    assert.equal(escapeFormula('-5'), "'-5");
    assert.equal(escapeFormula('普通文字'), '普通文字');
  });

  it('detects UTF-8 (with or without BOM), UTF-16 and GB18030', () => {
    assert.equal(detectEncoding(Buffer.from('id,标题\n', 'utf8')), 'utf-8');
    assert.equal(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id\n')])), 'utf-8');
    assert.equal(detectEncoding(Buffer.from([0xff, 0xfe, 0x69, 0x00])), 'utf-16le');
    assert.equal(detectEncoding(Buffer.from('c4e3bac3', 'hex')), 'gb18030'); // 你好
    // A multi-byte character cut at the end of the sniffed bytes is still UTF-8.
    assert.equal(detectEncoding(Buffer.from('标题', 'utf8').subarray(0, 4)), 'utf-8');
  });

  it('reads a GB18030 CSV and a BOM-prefixed tab-separated UTF-8 file', async () => {
    // "id,title,detail,time,label\n1,小区供暖不热,…" encoded in GB18030
    const gb = Buffer.from('69642c7469746c652c64657461696c2c74696d652c6c6162656c0a312cd0a1c7f8b9a9c5afb2bbc8c82cbcd2c0efc5afc6f8cec2b6c8d6bbd3d0caaeb6feb6c8a3acc0cfc8cbbaa2d7d3cadcb2bbc1cba1a32c323032342d30312d31302030383a30303a30302cb3c7cfe7bda8c9e80a', 'hex');
    const t = await openTable(Readable.from([gb]));
    assert.equal(t.encoding, 'gb18030');
    const rows = [];
    for await (const r of t.rows) rows.push(r);
    assert.deepEqual(rows[0].cells, ['1', '小区供暖不热', '家里暖气温度只有十二度，老人孩子受不了。', '2024-01-10 08:00:00', '城乡建设']);

    const tsv = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id\ttitle\n1\t标题, 带逗号\n\n2\t第二行\n', 'utf8')]);
    const t2 = await openTable(Readable.from([tsv]));
    assert.deepEqual(t2.header, ['id', 'title']);
    const rows2 = [];
    for await (const r of t2.rows) rows2.push([r.row, ...r.cells]);
    assert.deepEqual(rows2, [[2, '1', '标题, 带逗号'], [4, '2', '第二行']], 'a blank line keeps its row number');
  });

  it('refuses an empty file and a file that stops being UTF-8', async () => {
    await assert.rejects(openTable(Readable.from([Buffer.alloc(0)])), /empty|空/);
    const head = Buffer.from(`id,title\n${'1,标题\n'.repeat(8000)}`, 'utf8');
    await assert.rejects(async () => {
      const t = await openTable(Readable.from([head, Buffer.from([0x31, 0x2c, 0xc4, 0xe3, 0x0a])]));
      for await (const _ of t.rows) { /* read on */ }
    }, (e: unknown) => e instanceof DomainError && /not valid UTF-8/.test(String(e.params.detail_en)));
  });
});
