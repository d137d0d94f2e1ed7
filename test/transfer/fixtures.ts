import type { Db } from '../../src/db/database.ts';

/**
 * Invented appeals in the board-export shape (id,title,detail,time,label),
 * with the problem rows a real export has: a missing title, a bad date, an
 * unknown label, an id repeated within the file. Rows are numbered as a
 * spreadsheet shows them (the header is row 1).
 */
export const boardCsv = [
  'id,title,detail,time,label',
  '101,小区电梯频繁故障,我们小区3号楼电梯本月已停运四次，老人上下楼非常困难，请尽快维修。,2024-03-05 09:15:00,城乡建设', // row 2
  '102,公交站台缺少遮雨棚,,2024-03-06 18:40:12,交通运输', // row 3: no detail → the title
  '103,,学校门口早晚高峰拥堵严重，希望增派交警疏导。,2024-03-07 07:30:00,教育文体', // row 4: no title
  '104,工地夜间施工噪音扰民,工地每晚十一点后仍在施工，严重影响休息。,2024-13-45 25:00:00,环境保护', // row 5: bad date
  '105,医院挂号排队时间太长,社区医院挂号要排两个小时，希望增加窗口。,2024-03-08 10:00:00,医疗卫生', // row 6: unknown label
  '106,社保卡补办流程咨询,社保卡丢失后想了解补办需要的材料和地点。,,劳动和社会保障', // row 7: no time → the import time
  '101,重复编号的留言,这一行与第一行编号相同，应被报告为重复。,2024-03-09 11:11:11,城乡建设', // row 8: repeats row 2's id
  '107,景区门票价格不透明,"景区售票处没有公示价格，游客反映被多收费，""希望""整改。",2024-03-10 14:20:00,商贸旅游', // row 9
  '108,村卫生室缺少常用药,村卫生室经常缺少降压药，村民需要到镇上购买。,2024-03-11 08:05:00,卫生计生', // row 10: old name of 卫生健康
  '109,人民路北段路灯不亮,"人民路北段路灯已经坏了两周，\n夜间行人很不安全。",2024-03-12T20:00:00+08:00,城乡建设', // row 11
].join('\n') + '\n';

/** [row, column, code] of every problem in boardCsv, in report order. */
export const boardProblems: Array<[number, string, string]> = [
  [4, 'title', 'MISSING_VALUE'],
  [5, 'time', 'BAD_DATE'],
  [6, 'label', 'UNKNOWN_CATEGORY'],
  [8, 'id', 'DUPLICATE_IN_FILE'],
];
export const boardValidIds = ['101', '102', '106', '107', '108', '109'];

/** Row counts of every table an import may write to. */
export async function tableCounts(db: Db) {
  const count = async (table: 'cases' | 'caseHistory' | 'outbox' | 'importKeys' | 'imports' | 'importProblems' | 'counters') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return {
    cases: await count('cases'), caseHistory: await count('caseHistory'), outbox: await count('outbox'),
    importKeys: await count('importKeys'), imports: await count('imports'), importProblems: await count('importProblems'),
    counters: await count('counters'),
  };
}

/** A multipart/form-data body, as a browser would send it. */
export function multipartBody(parts: Array<{ name: string; value: string | Buffer; fileName?: string; type?: string }>) {
  const boundary = `----minsheng${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.fileName ? `; filename="${p.fileName}"` : ''}`;
    const type = p.fileName ? `Content-Type: ${p.type ?? 'application/octet-stream'}\r\n` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`), Buffer.from(p.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
