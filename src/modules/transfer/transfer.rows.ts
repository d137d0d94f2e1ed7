import { createHash } from 'node:crypto';
import { invalidInput } from '../../domain/errors.ts';
import {
  caseTypeLabels, caseTypes, channelLabels, channels, urgencies, urgencyLabels, type CaseType, type Channel, type Urgency,
} from '../case/case.vocabulary.ts';
import { importFields, type ImportField, type ImportMapping } from './transfer.mapping.ts';
import type { ProblemCode, RowProblem, Severity } from './transfer.problems.ts';
import { parseFileTime } from './transfer.time.ts';

/**
 * Reads one row of a file into an appeal, or says everything that is wrong
 * with it. Pure: the categories and regions to match against come in as
 * lookups, and the import's clock as `now`. The limits are those of
 * `POST /api/cases`, so a row that passes here is one createCase accepts.
 */

/** What an import hands to createCase for one row. */
export interface ImportedAppeal {
  channel: Channel;
  type: CaseType;
  urgency: Urgency;
  title: string;
  content: string;
  receivedAt: Date;
  categoryId: number | null;
  regionUnitId: number | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  subject: string | null;
  citizenName: string | null;
  citizenPhone: string | null;
  citizenSex: string | null;
  citizenOrg: string | null;
}

export interface Lookups {
  /** Category full name ('A', 'A/B', 'A/B/C') → id, active categories only. */
  categoryByPath: ReadonlyMap<string, number>;
  /** A category's own name (any level) → ids. */
  categoryByName: ReadonlyMap<string, readonly number[]>;
  regionByKey: ReadonlyMap<string, number>;
  regionByName: ReadonlyMap<string, readonly number[]>;
}

/** Which cell of a row holds each mapped field, and the file's name for it. */
export interface BoundColumns {
  index: Partial<Record<ImportField, number>>;
  name: Partial<Record<ImportField, string>>;
  headerLength: number;
}

export interface CheckedRow {
  row: number;
  /** From the id column, or `sha256:…` of the row's mapped values when the file has none. */
  externalId: string;
  appeal: ImportedAppeal | null;
  problems: RowProblem[];
}

/**
 * Finds the mapped columns in the header row.
 * @throws INVALID_INPUT when a required mapped column is missing or a mapped name appears twice.
 */
export function bindColumns(header: readonly string[], mapping: ImportMapping): BoundColumns {
  const positions = new Map<string, number[]>();
  header.forEach((h, i) => {
    const key = h.trim().toLowerCase();
    if (key) positions.set(key, [...(positions.get(key) ?? []), i]);
  });
  const bound: BoundColumns = { index: {}, name: {}, headerLength: header.length };
  const missing: string[] = [];
  for (const field of importFields) {
    const column = mapping.columns[field];
    if (!column) continue;
    const at = positions.get(column.toLowerCase()) ?? [];
    if (at.length > 1) throw invalidInput(`表头中“${column}”出现了 ${at.length} 次`, `the header has "${column}" ${at.length} times`);
    if (at.length === 0) {
      if (!mapping.optional.includes(field)) missing.push(column);
      continue;
    }
    bound.index[field] = at[0];
    bound.name[field] = header[at[0]].trim();
  }
  if (missing.length) {
    throw invalidInput(
      `文件缺少映射中的列：${missing.join('、')}（表头：${header.join(',')}）`,
      `the file lacks mapped columns: ${missing.join(', ')} (header: ${header.join(',')})`,
    );
  }
  return bound;
}

/**
 * Checks rows one after another. Remembers every id it has seen (a few MB
 * for 100,000 rows) to catch a repeat within the file: the later row is the
 * one reported, whether or not the first was valid.
 */
export class RowChecker {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly bound: BoundColumns,
    private readonly mapping: ImportMapping,
    private readonly lookups: Lookups,
    /** The import's start: the time of rows without one, and the limit for future times. */
    private readonly now: Date,
  ) {}

  check(rowNumber: number, cells: readonly unknown[]): CheckedRow {
    const problems: RowProblem[] = [];
    const { bound, mapping } = this;
    const raw = (f: ImportField) => (bound.index[f] === undefined ? '' : cleanCell(cells[bound.index[f]!]));
    const columnOf = (f: ImportField) => bound.name[f] ?? mapping.columns[f] ?? f;
    const add = (field: ImportField | null, code: ProblemCode, params: Record<string, string | number> = {}, severity: Severity = 'error') =>
      problems.push({ row: rowNumber, column: field ? columnOf(field) : null, field, code, severity, params: { ...(field ? { column: columnOf(field) } : {}), ...params } });
    const text = (f: ImportField, max: number, min = 0, required = false): string | null => {
      const v = raw(f);
      if (!v) {
        if (required) add(f, 'MISSING_VALUE');
        return null;
      }
      const length = [...v].length;
      if (length > max) add(f, 'TOO_LONG', { max, length });
      else if (length < min) add(f, 'TOO_SHORT', { min });
      return v;
    };

    if (cells.length > bound.headerLength && cells.slice(bound.headerLength).some((c) => cleanCell(c) !== '')) {
      add(null, 'EXTRA_CELLS', { count: cells.length, header: bound.headerLength });
    }

    const externalId = this.externalIdOf(rowNumber, raw, add);
    const title = text('title', 100, 2, true);
    let content = raw('content');
    if (!content && mapping.contentFromTitle) content = title ?? '';
    else content = text('content', 5000, 2, true) ?? '';
    const receivedAt = this.timeOf(raw('receivedAt'), (code, value) => add('receivedAt', code, { value }));
    const channel = vocabulary('channel', raw('channel'), mapping.defaults.channel, (value, allowed) => add('channel', 'UNKNOWN_VALUE', { value, allowed }));
    const type = vocabulary('type', raw('type'), mapping.defaults.type, (value, allowed) => add('type', 'UNKNOWN_VALUE', { value, allowed }));
    const urgency = vocabulary('urgency', raw('urgency'), mapping.defaults.urgency, (value, allowed) => add('urgency', 'UNKNOWN_VALUE', { value, allowed }));
    const categoryId = this.categoryOf(raw('category'), (value) =>
      add('category', 'UNKNOWN_CATEGORY', { value }, mapping.unknownCategory === 'empty' ? 'warning' : 'error'));
    const regionUnitId = this.regionOf(raw('regionKey'), raw('regionName'), add);
    const phone = raw('citizenPhone').replace(/\s+/g, '');
    if (phone && !/^[0-9+-]{5,20}$/.test(phone)) add('citizenPhone', 'BAD_PHONE');
    const sexRaw = raw('citizenSex');
    const sex = sexRaw ? sexes[sexRaw.toLowerCase()] : null;
    if (sex === undefined) add('citizenSex', 'UNKNOWN_VALUE', { value: short(sexRaw), allowed: 'male, female, unknown, 男, 女' });
    const lat = this.numberOf('lat', raw('lat'), -90, 90, add);
    const lng = this.numberOf('lng', raw('lng'), -180, 180, add);
    if ((lat == null) !== (lng == null) && !problems.some((p) => p.field === 'lat' || p.field === 'lng')) add(null, 'INCOMPLETE_LOCATION');

    const appeal: ImportedAppeal = {
      channel: channel ?? mapping.defaults.channel, type: type ?? mapping.defaults.type, urgency: urgency ?? mapping.defaults.urgency,
      title: title ?? '', content, receivedAt: receivedAt ?? this.now, categoryId, regionUnitId,
      address: text('address', 200), subject: text('subject', 200), lat, lng,
      citizenName: text('citizenName', 50), citizenPhone: phone || null, citizenSex: sex ?? null, citizenOrg: text('citizenOrg', 100),
    };
    const ok = !problems.some((p) => p.severity === 'error');
    return { row: rowNumber, externalId, appeal: ok ? appeal : null, problems };
  }

  private externalIdOf(rowNumber: number, raw: (f: ImportField) => string, add: (f: ImportField, c: ProblemCode, p?: Record<string, string | number>) => void) {
    let id: string;
    if (this.bound.index.externalId === undefined) {
      id = rowHash(importFields.filter((f) => f !== 'externalId' && this.bound.index[f] !== undefined).map((f) => [f, raw(f)]));
    } else {
      id = raw('externalId');
      if (!id) {
        add('externalId', 'MISSING_VALUE');
        return '';
      }
      if ([...id].length > 200) {
        add('externalId', 'TOO_LONG', { max: 200, length: [...id].length });
        return '';
      }
    }
    const first = this.seen.get(id);
    if (first !== undefined) add('externalId', 'DUPLICATE_IN_FILE', { value: short(id), firstRow: first });
    else this.seen.set(id, rowNumber);
    return id;
  }

  private timeOf(v: string, fail: (code: ProblemCode, value: string) => void): Date | null {
    if (!v) return null;
    const at = parseFileTime(v);
    if (!at) fail('BAD_DATE', short(v));
    else if (at.getTime() > this.now.getTime() + 60_000) fail('FUTURE_DATE', short(v));
    return at;
  }

  private categoryOf(v: string, unknown: (value: string) => void): number | null {
    if (!v) return null;
    const aliases = this.mapping.categoryAliases;
    let path = v.replace(/\s*[/／>＞]\s*/g, '/').replace(/^\/+|\/+$/g, '');
    if (aliases[path] !== undefined) path = aliases[path];
    else {
      const [first, ...rest] = path.split('/');
      if (aliases[first] !== undefined) path = [aliases[first], ...rest].join('/');
    }
    const id = this.lookups.categoryByPath.get(path) ?? (path.includes('/') ? undefined : only(this.lookups.categoryByName.get(path)));
    if (id === undefined) unknown(short(v));
    return id ?? null;
  }

  private regionOf(key: string, name: string, add: (f: ImportField, c: ProblemCode, p?: Record<string, string | number>) => void): number | null {
    if (key) {
      const id = this.lookups.regionByKey.get(key);
      if (id === undefined) add('regionKey', 'UNKNOWN_REGION', { value: short(key) });
      return id ?? null;
    }
    if (!name) return null;
    const ids = this.lookups.regionByName.get(name) ?? [];
    if (ids.length === 0) add('regionName', 'UNKNOWN_REGION', { value: short(name) });
    if (ids.length > 1) add('regionName', 'AMBIGUOUS_REGION', { value: short(name) });
    return ids.length === 1 ? ids[0] : null;
  }

  private numberOf(f: 'lat' | 'lng', v: string, min: number, max: number, add: (f: ImportField, c: ProblemCode, p?: Record<string, string | number>) => void) {
    if (!v) return null;
    const n = Number(v);
    if (!/^[+-]?\d+(\.\d+)?$/.test(v) || n < min || n > max) {
      add(f, 'BAD_NUMBER', { value: short(v), min, max });
      return null;
    }
    return n;
  }
}

/**
 * A cell as text: trimmed, and without the `'` that exports put before a
 * leading = + - @ so spreadsheets do not run it as a formula.
 */
export function cleanCell(cell: unknown): string {
  const v = cell == null ? '' : String(cell).trim();
  return /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v;
}

/**
 * The id of a row without one: a hash of its mapped values, whitespace
 * collapsed, so the same row in a re-exported file gets the same id.
 */
export function rowHash(values: ReadonlyArray<readonly [string, string]>): string {
  const canonical = values.map(([f, v]) => `${f}=${v.normalize('NFC').replace(/\s+/g, ' ')}`).join('\n');
  return `sha256:${createHash('sha256').update(canonical).digest('hex').slice(0, 40)}`;
}

const sexes: Record<string, string> = { male: 'male', female: 'female', unknown: 'unknown', 男: 'male', 女: 'female', 未知: 'unknown' };

type VocabularyField = 'channel' | 'type' | 'urgency';
const synonyms: Record<VocabularyField, Record<string, string>> = {
  channel: { 热线: 'hotline', '12345': 'hotline', 留言板: 'board', 网站: 'web', 网络: 'web', 导入: 'import' },
  type: { 建言: 'suggestion', 意见建议: 'suggestion', 表扬: 'thanks', 其它: 'other' },
  urgency: { 普通: 'normal', 加急: 'urgent' },
};
const vocabularies: Record<VocabularyField, { codes: readonly string[]; labels: Record<string, { zh: string; en: string }> }> = {
  channel: { codes: channels, labels: channelLabels },
  type: { codes: caseTypes, labels: caseTypeLabels },
  urgency: { codes: urgencies, labels: urgencyLabels },
};
const vocabularyIndex = Object.fromEntries(
  Object.entries(vocabularies).map(([field, { codes, labels }]) => {
    const index = new Map<string, string>();
    for (const code of codes) {
      index.set(code, code);
      index.set(labels[code].zh, code);
      index.set(labels[code].en.toLowerCase(), code);
    }
    for (const [word, code] of Object.entries(synonyms[field as VocabularyField])) index.set(word, code);
    return [field, index];
  }),
) as Record<VocabularyField, Map<string, string>>;

/** A code, our zh or en label, or a common synonym → the code; `fallback` for an empty cell. */
function vocabulary<T extends string>(field: VocabularyField, v: string, fallback: T, unknown: (value: string, allowed: string) => void): T | null {
  if (!v) return fallback;
  const code = vocabularyIndex[field].get(v.toLowerCase()) ?? vocabularyIndex[field].get(v);
  if (code === undefined) unknown(short(v), vocabularies[field].codes.join(', '));
  return (code as T | undefined) ?? null;
}

function only(ids: readonly number[] | undefined): number | undefined {
  return ids && ids.length === 1 ? ids[0] : undefined;
}

function short(v: string): string {
  return [...v].length > 60 ? `${[...v].slice(0, 60).join('')}…` : v;
}
