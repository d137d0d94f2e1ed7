import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toCsv } from '../../web/src/lib/csv.ts';

describe('CSV export of the case list', () => {
  it('quotes commas, quotes and line breaks, starts with a BOM, and defuses formulas', () => {
    const csv = toCsv(['编号', '标题'], [['AL2026-000001', '路灯, "不亮"\n第二行'], ['=1+1', null]]);
    assert.equal(csv, '\uFEFF编号,标题\r\nAL2026-000001,"路灯, ""不亮""\n第二行"\r\n\'=1+1,\r\n');
  });
});
