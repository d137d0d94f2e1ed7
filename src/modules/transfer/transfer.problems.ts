/**
 * What can be wrong with one row of an import, with stable codes and
 * messages in zh-Hans and English. Pure data; docs/import-export.md lists
 * the same table for people.
 */

export const problemCodes = [
  'MISSING_VALUE',
  'TOO_SHORT',
  'TOO_LONG',
  'BAD_DATE',
  'FUTURE_DATE',
  'UNKNOWN_VALUE',
  'UNKNOWN_CATEGORY',
  'UNKNOWN_REGION',
  'AMBIGUOUS_REGION',
  'BAD_PHONE',
  'BAD_NUMBER',
  'INCOMPLETE_LOCATION',
  'EXTRA_CELLS',
  'DUPLICATE_IN_FILE',
  'CREATE_FAILED',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

/** `error` keeps the row out; `warning` imports it and says what was dropped. */
export type Severity = 'error' | 'warning';

export interface RowProblem {
  /** The row as a spreadsheet shows it: the header is row 1. */
  row: number;
  /** The file's column name, when one column is at fault. */
  column: string | null;
  /** Our field name (`title`, `receivedAt`…), when one field is at fault. */
  field: string | null;
  code: ProblemCode;
  severity: Severity;
  params: Record<string, string | number>;
}

export const problemMessages: Record<ProblemCode, { zh: string; en: string }> = {
  MISSING_VALUE: { zh: '“{column}”不能为空', en: '"{column}" is empty' },
  TOO_SHORT: { zh: '“{column}”至少 {min} 个字', en: '"{column}" needs at least {min} characters' },
  TOO_LONG: { zh: '“{column}”超过 {max} 个字（{length}）', en: '"{column}" is longer than {max} characters ({length})' },
  BAD_DATE: {
    zh: '“{column}”不是可识别的时间：{value}（应为 YYYY-MM-DD HH:mm:ss）',
    en: '"{column}" is not a time we can read: {value} (expected YYYY-MM-DD HH:mm:ss)',
  },
  FUTURE_DATE: { zh: '“{column}”晚于导入时间：{value}', en: '"{column}" is later than the import: {value}' },
  UNKNOWN_VALUE: { zh: '“{column}”取值无效：{value}（可用：{allowed}）', en: '"{column}" has an unknown value: {value} (allowed: {allowed})' },
  UNKNOWN_CATEGORY: { zh: '分类不存在：{value}', en: 'No such category: {value}' },
  UNKNOWN_REGION: { zh: '区域不存在：{value}', en: 'No such region: {value}' },
  AMBIGUOUS_REGION: { zh: '区域名称“{value}”对应多个区域，请改用区域编码', en: 'Region name "{value}" matches several regions; use the region key' },
  BAD_PHONE: { zh: '“{column}”不是有效的电话号码', en: '"{column}" is not a valid phone number' },
  BAD_NUMBER: { zh: '“{column}”不是 {min} 到 {max} 之间的数：{value}', en: '"{column}" is not a number from {min} to {max}: {value}' },
  INCOMPLETE_LOCATION: { zh: '经纬度须同时提供', en: 'Give both latitude and longitude' },
  EXTRA_CELLS: { zh: '本行有 {count} 个单元格，多于表头的 {header} 列，数据可能错位', en: 'This row has {count} cells, more than the {header} header columns; the data may be shifted' },
  DUPLICATE_IN_FILE: { zh: '编号“{value}”与第 {firstRow} 行重复', en: 'Id "{value}" repeats row {firstRow}' },
  CREATE_FAILED: { zh: '未能建立工单：{detail}', en: 'Could not create the case: {detail}' },
};

/** The message of a problem; a `<name>En` param is the English of `<name>` (camelCase: params live in jsonb, read through the CamelCasePlugin). */
export function renderProblem(p: Pick<RowProblem, 'code' | 'params'>, lang: 'zh' | 'en'): string {
  return problemMessages[p.code][lang].replace(/\{(\w+)\}/g, (_, key: string) =>
    String((lang === 'en' ? p.params[`${key}En`] : undefined) ?? p.params[key] ?? ''));
}
