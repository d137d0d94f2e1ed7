import { invalidInput } from '../../domain/errors.ts';
import { caseTypes, channels, urgencies, type CaseType, type Channel, type Urgency } from '../case/case.vocabulary.ts';

/**
 * Which column of a file holds which of our fields (the column mapping), the
 * two built-in presets, and how a user's JSON mapping is read and laid over
 * a preset. Pure; docs/import-export.md describes the format for people.
 */

export const importFields = [
  'externalId', 'title', 'content', 'receivedAt', 'channel', 'type', 'urgency', 'category',
  'citizenName', 'citizenPhone', 'citizenSex', 'citizenOrg', 'address', 'regionKey', 'regionName', 'lat', 'lng', 'subject',
] as const;
export type ImportField = (typeof importFields)[number];

/** Names a mapping may use for a field besides its own. */
const fieldAliases: Record<string, ImportField> = { label: 'category', id: 'externalId', detail: 'content', time: 'receivedAt' };

export const presetNames = ['board-export', 'minsheng'] as const;
export type PresetName = (typeof presetNames)[number];

export interface ImportMapping {
  /** Our field → the file's column name (matched trimmed, case-insensitively). */
  columns: Partial<Record<ImportField, string>>;
  /** Mapped fields whose column may be missing from a file (a preset's); every other mapped column must exist. */
  optional: ImportField[];
  /** Values for rows (or files) that do not say. */
  defaults: { channel: Channel; type: CaseType; urgency: Urgency };
  /** An empty content takes the title (board messages without a body). */
  contentFromTitle: boolean;
  /** Category names in the file → ours, applied to the whole value and to its first level. */
  categoryAliases: Record<string, string>;
  /** An unknown category: a row error (`problem`), or imported without a category and a warning (`empty`). */
  unknownCategory: 'problem' | 'empty';
  /** CSV text encoding; detected when absent (BOM, then UTF-8, else GB18030). */
  encoding?: FileEncoding;
}

export const fileEncodings = ['utf-8', 'gb18030', 'utf-16le', 'utf-16be'] as const;
export type FileEncoding = (typeof fileEncodings)[number];

const baseDefaults = { channel: 'import', type: 'other', urgency: 'normal' } as const;

/** The columns of the two file shapes we read and write (export and presets share them). */
export const boardExportColumns = ['id', 'title', 'detail', 'time', 'label'] as const;
export const minshengPublicColumns = [
  'number', 'receivedAt', 'channel', 'type', 'urgency', 'category', 'regionKey', 'region', 'address', 'lat', 'lng',
  'subject', 'title', 'content', 'state', 'registeredAt', 'closedAt',
] as const;
export const minshengCitizenColumns = ['citizenName', 'citizenPhone', 'citizenSex', 'citizenOrg'] as const;

const presets: Record<PresetName, ImportMapping> = {
  /** A message-board export shaped like appeals-labeled.dev.csv: id,title,detail,time,label. */
  'board-export': {
    columns: { externalId: 'id', title: 'title', content: 'detail', receivedAt: 'time', category: 'label' },
    optional: ['externalId', 'content', 'receivedAt', 'category'],
    defaults: { ...baseDefaults },
    contentFromTitle: true,
    // 卫生计生 (health and family planning) became 卫生健康 in the 2018 reorganisation.
    categoryAliases: { 卫生计生: '卫生健康' },
    unknownCategory: 'problem',
  },
  /** Our own export (`--shape minsheng`): read back what we wrote. state and the later times are not imported. */
  minsheng: {
    columns: {
      externalId: 'number', receivedAt: 'receivedAt', channel: 'channel', type: 'type', urgency: 'urgency', category: 'category',
      regionKey: 'regionKey', regionName: 'region', address: 'address', lat: 'lat', lng: 'lng', subject: 'subject',
      title: 'title', content: 'content', citizenName: 'citizenName', citizenPhone: 'citizenPhone', citizenSex: 'citizenSex',
      citizenOrg: 'citizenOrg',
    },
    optional: importFields.filter((f) => f !== 'title' && f !== 'content'),
    defaults: { ...baseDefaults },
    contentFromTitle: false,
    categoryAliases: {},
    unknownCategory: 'problem',
  },
};

export function isPresetName(name: string): name is PresetName {
  return (presetNames as readonly string[]).includes(name);
}

/**
 * The mapping of one import: a preset, a user's mapping laid over it, or a
 * user's mapping alone. The user's JSON is either `{"columns": {...}, ...options}`
 * or a flat `{field: column}` object; a column of `null` unmaps a preset's.
 * @throws INVALID_INPUT for an unknown preset, field, option value, or no title column.
 */
export function resolveMapping(presetName: string | undefined, user: unknown): ImportMapping {
  if (presetName !== undefined && !isPresetName(presetName)) {
    throw invalidInput(`没有名为“${presetName}”的预设（可用：${presetNames.join('、')}）`, `no preset named "${presetName}" (available: ${presetNames.join(', ')})`);
  }
  if (presetName === undefined && user === undefined) {
    throw invalidInput('请指定预设或列映射', 'give a preset or a column mapping');
  }
  const base: ImportMapping = presetName
    ? structuredClone(presets[presetName])
    : { columns: {}, optional: [], defaults: { ...baseDefaults }, contentFromTitle: false, categoryAliases: {}, unknownCategory: 'problem' };
  const mapping = user === undefined ? base : layer(base, user);
  if (!mapping.columns.title) throw invalidInput('列映射缺少 title（标题）', 'the mapping has no column for title');
  return mapping;
}

function layer(base: ImportMapping, user: unknown): ImportMapping {
  if (!isObject(user)) throw invalidInput('列映射应为 JSON 对象', 'the mapping must be a JSON object');
  const known = new Set(['columns', 'optional', 'defaults', 'contentFromTitle', 'categoryAliases', 'unknownCategory', 'encoding']);
  const flat = !('columns' in user);
  const columnsIn = flat ? user : user.columns;
  if (!isObject(columnsIn)) throw invalidInput('columns 应为对象', '"columns" must be an object');
  if (!flat) {
    const unknown = Object.keys(user).filter((k) => !known.has(k));
    if (unknown.length) throw invalidInput(`未知的映射选项：${unknown.join('、')}`, `unknown mapping options: ${unknown.join(', ')}`);
  }
  const out = structuredClone(base);
  for (const [key, column] of Object.entries(columnsIn)) {
    const field = fieldOf(key);
    if (column === null) {
      delete out.columns[field];
      continue;
    }
    if (typeof column !== 'string' || !column.trim()) throw invalidInput(`字段 ${key} 的列名应为非空文本`, `the column of ${key} must be a non-empty string`);
    out.columns[field] = column.trim();
    out.optional = out.optional.filter((f) => f !== field);
  }
  if (flat) return out;
  if (user.optional !== undefined) {
    if (!Array.isArray(user.optional)) throw invalidInput('optional 应为字段名数组', '"optional" must be an array of field names');
    out.optional = [...new Set([...out.optional, ...user.optional.map((f) => fieldOf(String(f)))])];
  }
  if (user.defaults !== undefined) {
    if (!isObject(user.defaults)) throw invalidInput('defaults 应为对象', '"defaults" must be an object');
    const d = user.defaults;
    out.defaults = {
      channel: oneOf('defaults.channel', d.channel ?? out.defaults.channel, channels),
      type: oneOf('defaults.type', d.type ?? out.defaults.type, caseTypes),
      urgency: oneOf('defaults.urgency', d.urgency ?? out.defaults.urgency, urgencies),
    };
  }
  if (user.contentFromTitle !== undefined) {
    if (typeof user.contentFromTitle !== 'boolean') throw invalidInput('contentFromTitle 应为 true 或 false', '"contentFromTitle" must be true or false');
    out.contentFromTitle = user.contentFromTitle;
  }
  if (user.categoryAliases !== undefined) {
    const a = user.categoryAliases;
    if (!isObject(a) || Object.values(a).some((v) => typeof v !== 'string')) {
      throw invalidInput('categoryAliases 应为“文件中的名称 → 我们的名称”的对象', '"categoryAliases" must map names in the file to ours');
    }
    out.categoryAliases = { ...out.categoryAliases, ...(a as Record<string, string>) };
  }
  if (user.unknownCategory !== undefined) out.unknownCategory = oneOf('unknownCategory', user.unknownCategory, ['problem', 'empty'] as const);
  if (user.encoding !== undefined) out.encoding = oneOf('encoding', String(user.encoding).toLowerCase(), fileEncodings);
  return out;
}

function fieldOf(key: string): ImportField {
  const field = (importFields as readonly string[]).includes(key) ? (key as ImportField) : fieldAliases[key];
  if (!field) throw invalidInput(`未知字段：${key}（可用：${importFields.join('、')}）`, `unknown field: ${key} (available: ${importFields.join(', ')})`);
  return field;
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw invalidInput(`${name} 取值无效：${String(value)}（可用：${allowed.join('、')}）`, `${name} must be one of ${allowed.join(', ')}, not ${String(value)}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
