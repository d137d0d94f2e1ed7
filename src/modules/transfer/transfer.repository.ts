import { sql } from 'kysely';
import type { Queryable, Trx } from '../../db/database.ts';
import { DomainError } from '../../domain/errors.ts';
import type { RowProblem } from './transfer.problems.ts';
import type { Lookups } from './transfer.rows.ts';

/** Plain queries over imports, their problems and keys; no rules here. */

export interface ImportCounts {
  rows: number;
  /** Cases created; in a dry run, the rows that would be imported. */
  imported: number;
  skippedExisting: number;
  invalid: number;
  problems: number;
}

export async function insertImport(db: Queryable, values: {
  source: string; fileName: string; format: 'csv' | 'xlsx'; encoding: string | null; preset: string | null;
  mapping: unknown; dryRun: boolean; startedBy: number; startedAt: Date;
}): Promise<number> {
  const { id } = await db.insertInto('imports')
    .values({ ...values, mapping: JSON.stringify(values.mapping) })
    .returning('id').executeTakeFirstOrThrow();
  return id;
}

const countColumns = (c: ImportCounts) => ({
  rowCount: c.rows, importedCount: c.imported, skippedExistingCount: c.skippedExisting, invalidCount: c.invalid, problemCount: c.problems,
});

export async function saveProgress(db: Queryable, importId: number, counts: ImportCounts) {
  await db.updateTable('imports').set(countColumns(counts)).where('id', '=', importId).execute();
}

export async function finishImport(db: Queryable, importId: number, counts: ImportCounts, at: Date, error?: string) {
  await db.updateTable('imports')
    .set({ ...countColumns(counts), status: error ? 'failed' : 'done', finishedAt: at, error: error ?? null })
    .where('id', '=', importId).execute();
}

export async function insertProblems(trx: Trx, importId: number, problems: readonly RowProblem[]) {
  if (problems.length === 0) return;
  await trx.insertInto('importProblems').values(problems.map((p) => ({
    importId, rowNumber: p.row, columnName: p.column, field: p.field, code: p.code, severity: p.severity, params: JSON.stringify(p.params),
  }))).execute();
}

/** Which of `externalIds` an earlier import of `source` already made into cases. */
export async function existingKeys(db: Queryable, source: string, externalIds: readonly string[]): Promise<Set<string>> {
  if (externalIds.length === 0) return new Set();
  const rows = await db.selectFrom('importKeys').select('externalId')
    .where('source', '=', source).where('externalId', 'in', externalIds).execute();
  return new Set(rows.map((r) => r.externalId));
}

/**
 * Serialises the batches of imports of one source until the transaction
 * ends, so the existing-key check and the key inserts cannot race.
 */
export async function lockSource(trx: Trx, source: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`minsheng.import:${source}`}))`.execute(trx);
}

export interface ImportKey {
  source: string;
  externalId: string;
  caseId: number;
  importId: number;
}

/** Records which case each row became. */
export async function insertKeys(trx: Trx, keys: readonly ImportKey[]) {
  if (keys.length) await trx.insertInto('importKeys').values([...keys]).execute();
}

/** The active categories and regions an import matches names against. */
export async function loadLookups(db: Queryable): Promise<Lookups> {
  const [categories, regions] = await Promise.all([
    db.selectFrom('categories').select(['id', 'name', 'fullName']).where('active', '=', true).execute(),
    db.selectFrom('units').select(['id', 'key', 'name']).where('kind', '=', 'region').where('active', '=', true).execute(),
  ]);
  const group = (pairs: Array<[string, number]>) => {
    const m = new Map<string, number[]>();
    for (const [k, id] of pairs) m.set(k, [...(m.get(k) ?? []), id]);
    return m;
  };
  return {
    categoryByPath: new Map(categories.map((c) => [c.fullName, c.id])),
    categoryByName: group(categories.map((c) => [c.name, c.id])),
    regionByKey: new Map(regions.map((r) => [r.key, r.id])),
    regionByName: group(regions.map((r) => [r.name, r.id])),
  };
}

/** @throws NOT_FOUND when there is no such import. */
export async function findImport(db: Queryable, id: number) {
  const row = await db.selectFrom('imports as i')
    .innerJoin('users as u', 'u.id', 'i.startedBy')
    .selectAll('i')
    .select(['u.username as startedByUsername', 'u.displayName as startedByName'])
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND');
  return row;
}
export type ImportRow = Awaited<ReturnType<typeof findImport>>;

export async function listProblems(db: Queryable, importId: number, limit: number, offset = 0) {
  return db.selectFrom('importProblems')
    .select(['rowNumber', 'columnName', 'field', 'code', 'severity', 'params'])
    .where('importId', '=', importId)
    .orderBy('rowNumber').orderBy('id')
    .limit(limit).offset(offset)
    .execute();
}

export async function listImports(db: Queryable, limit: number, offset = 0) {
  return db.selectFrom('imports as i')
    .innerJoin('users as u', 'u.id', 'i.startedBy')
    .selectAll('i')
    .select(['u.username as startedByUsername', 'u.displayName as startedByName'])
    .orderBy('i.startedAt', 'desc').orderBy('i.id', 'desc')
    .limit(limit).offset(offset)
    .execute();
}
