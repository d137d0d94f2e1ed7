import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Queryable } from '../../db/database.ts';
import { formatShanghai } from '../../domain/calendar.ts';
import { invalidInput } from '../../domain/errors.ts';
import { caseStates } from '../../domain/lifecycle.ts';
import { boardExportColumns, minshengCitizenColumns, minshengPublicColumns } from './transfer.mapping.ts';
import { formatBoardTime, parseFileTime } from './transfer.time.ts';

/**
 * Bulk export of cases in the shapes the importer reads: `board-export`
 * (id,title,detail,time,label) and `minsheng` (every public field; the
 * citizen's name, phone, sex and organisation only when asked for). Cases are
 * read in pages and written as they come, so memory stays flat.
 */

export const exportShapes = ['board-export', 'minsheng'] as const;
export type ExportShape = (typeof exportShapes)[number];
export const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export interface ExportRequest {
  shape: ExportShape;
  format: ExportFormat;
  /** receivedAt ≥ from. */
  from?: Date;
  /** receivedAt < to. */
  to?: Date;
  states?: string[];
  /** Adds the citizen columns; the caller has checked the permission. */
  includeCitizen: boolean;
  /** CSV only: start with a UTF-8 BOM so Excel reads the Chinese text (default true). */
  bom?: boolean;
}

const PAGE = 500;

/**
 * Reads the export filters as the CLI and HTTP give them: 'YYYY-MM-DD' (a
 * Shanghai day; `to` includes that day) or a time as the importer reads it.
 * @throws INVALID_INPUT for an unreadable time or an unknown state.
 */
export function exportFilter(raw: { from?: string; to?: string; state?: string }): Pick<ExportRequest, 'from' | 'to' | 'states'> {
  const time = (v: string | undefined, name: string, endOfDay: boolean) => {
    if (!v) return undefined;
    const at = parseFileTime(v);
    if (!at) throw invalidInput(`${name} 不是可识别的日期或时间：${v}`, `${name} is not a date or time: ${v}`);
    return endOfDay && /^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?$/.test(v.trim()) ? new Date(at.getTime() + 86_400_000) : at;
  };
  const states = raw.state?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = states?.filter((s) => !(caseStates as readonly string[]).includes(s)) ?? [];
  if (unknown.length) throw invalidInput(`未知状态：${unknown.join('、')}`, `unknown states: ${unknown.join(', ')}`);
  return { from: time(raw.from, 'from', false), to: time(raw.to, 'to', true), states: states?.length ? states : undefined };
}

/** The header, then one row of text cells per case, oldest id first. */
export async function* exportRows(db: Queryable, req: ExportRequest): AsyncGenerator<string[]> {
  const columns = req.shape === 'board-export'
    ? [...boardExportColumns]
    : [...minshengPublicColumns, ...(req.includeCitizen ? minshengCitizenColumns : [])];
  yield columns;
  let lastId = 0;
  for (;;) {
    let q = db.selectFrom('cases as c')
      .leftJoin('categories as cat', 'cat.id', 'c.categoryId')
      .leftJoin('units as r', 'r.id', 'c.regionUnitId')
      .select([
        'c.id', 'c.number', 'c.title', 'c.content', 'c.receivedAt', 'c.channel', 'c.type', 'c.urgency', 'c.address',
        'c.lat', 'c.lng', 'c.subject', 'c.state', 'c.registeredAt', 'c.closedAt',
        'cat.fullName as category', 'r.key as regionKey', 'r.name as regionName',
      ])
      .where('c.id', '>', lastId)
      .orderBy('c.id')
      .limit(PAGE);
    if (req.from) q = q.where('c.receivedAt', '>=', req.from);
    if (req.to) q = q.where('c.receivedAt', '<', req.to);
    if (req.states) q = q.where('c.state', 'in', req.states);
    const rows = await q.execute();
    if (rows.length === 0) return;
    // Personal data is read only when it is to be written.
    const citizens = req.includeCitizen
      ? new Map((await db.selectFrom('cases').select(['id', 'citizenName', 'citizenPhone', 'citizenSex', 'citizenOrg'])
        .where('id', 'in', rows.map((r) => r.id)).execute()).map((c) => [c.id, c]))
      : undefined;
    for (const r of rows) {
      if (req.shape === 'board-export') {
        yield [r.number, r.title, r.content, formatBoardTime(r.receivedAt), r.category?.split('/')[0] ?? ''];
        continue;
      }
      const c = citizens?.get(r.id);
      yield [
        r.number, formatShanghai(r.receivedAt), r.channel, r.type, r.urgency, r.category ?? '', r.regionKey ?? '', r.regionName ?? '',
        r.address ?? '', r.lat == null ? '' : String(r.lat), r.lng == null ? '' : String(r.lng), r.subject ?? '', r.title, r.content,
        r.state, r.registeredAt ? formatShanghai(r.registeredAt) : '', r.closedAt ? formatShanghai(r.closedAt) : '',
        ...(c ? [c.citizenName ?? '', c.citizenPhone ?? '', c.citizenSex ?? '', c.citizenOrg ?? ''] : []),
      ];
    }
    lastId = rows[rows.length - 1].id;
  }
}

/** Writes the export to `out` and ends it; resolves with the number of cases. */
export async function writeExport(db: Queryable, req: ExportRequest, out: Writable): Promise<number> {
  return req.format === 'xlsx' ? writeXlsx(exportRows(db, req), out) : writeCsv(exportRows(db, req), out, req.bom ?? true);
}

async function writeCsv(rows: AsyncIterable<string[]>, out: Writable, bom: boolean): Promise<number> {
  const csv = stringify({ bom });
  csv.pipe(out);
  let count = -1;
  for await (const row of rows) {
    if (!csv.write(row.map(escapeFormula))) await once(csv, 'drain');
    count++;
  }
  csv.end();
  await once(out, 'finish');
  return count;
}

async function writeXlsx(rows: AsyncIterable<string[]>, out: Writable): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  workbook.creator = 'Minsheng 民声';
  const sheet = workbook.addWorksheet('工单', { views: [{ state: 'frozen', ySplit: 1 }] });
  let count = -1;
  for await (const row of rows) {
    sheet.addRow(row).commit(); // text cells: never read as formulas or numbers
    count++;
  }
  sheet.commit();
  await workbook.commit();
  return count;
}

/**
 * A CSV cell a spreadsheet would run as a formula (= + - @ at the start)
 * gets a leading `'` (OWASP's advice); the importer takes it off again.
 */
export function escapeFormula(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** `attachment` with an ASCII name: cases-<shape>-YYYYMMDD.<format>. */
export function exportFileName(shape: ExportShape, format: ExportFormat, now: Date): string {
  return `cases-${shape}-${formatBoardTime(now).slice(0, 10).replaceAll('-', '')}.${format}`;
}
