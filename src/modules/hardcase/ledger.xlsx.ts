import ExcelJS from 'exceljs';
import type { LedgerRow } from './ledger.ts';

/**
 * The ledger as an Excel workbook (台账.xlsx), the form bulletins and
 * meetings pass around: Chinese headers, the header row frozen, overdue rows
 * in red.
 */

const columns: Array<{ header: string; width: number; value: (r: LedgerRow) => string | number }> = [
  { header: '工单号', width: 18, value: (r) => r.number },
  { header: '标题', width: 40, value: (r) => r.title },
  { header: '类型', width: 10, value: (r) => r.kindLabel.zh },
  { header: '责任领导', width: 12, value: (r) => r.responsibleLeader?.name ?? '' },
  { header: '牵头单位', width: 22, value: (r) => r.leadUnit?.name ?? '' },
  { header: '受理天数', width: 10, value: (r) => r.daysSinceReceived },
  { header: '下一节点', width: 30, value: (r) => r.nextMilestone?.title ?? '' },
  { header: '节点期限', width: 12, value: (r) => r.nextMilestone?.dueDate ?? '' },
  { header: '是否逾期', width: 10, value: (r) => (r.overdue ? '是' : '否') },
  { header: '催办次数', width: 10, value: (r) => r.urgeCount },
  { header: '状态', width: 16, value: (r) => (r.hardCaseStatus === 'closed_out' ? `${r.stateLabel.zh}（已销号）` : r.stateLabel.zh) },
];
export const ledgerHeaders = columns.map((c) => c.header);

const red: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const grey: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };

export async function ledgerWorkbook(rows: readonly LedgerRow[], today: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Minsheng 民声';
  wb.created = new Date();
  const ws = wb.addWorksheet('台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => { cell.fill = grey; });
  for (const r of rows) {
    const row = ws.addRow(columns.map((c) => c.value(r)));
    if (r.overdue) {
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.fill = red;
        cell.font = { color: { argb: 'FF9C0006' } };
      });
    }
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  ws.headerFooter.oddHeader = `&C台账 ${today}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** `attachment` with an ASCII fallback and the Chinese name RFC 5987-encoded: 台账-YYYY-MM-DD.xlsx. */
export function ledgerContentDisposition(today: string): string {
  const name = `台账-${today}.xlsx`;
  return `attachment; filename="ledger-${today}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
