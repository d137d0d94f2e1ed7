import { sql } from 'kysely';
import type { Queryable, Trx } from '../../db/database.ts';
import { defaultScheme, type AppealKind, type Scheme } from '../../domain/assessment.ts';
import { DomainError } from '../../domain/errors.ts';

/** Plain queries over assessment_schemes and assessment_appeals: no rules here. */

export interface StoredScheme {
  year: number;
  /** Null for the built-in default. */
  id: number | null;
  name: string;
  source: 'stored' | 'default';
  createdAt: Date | null;
  scheme: Scheme;
}

/** The scheme as the domain wants it: optional lists filled in. */
export function toScheme(name: string, config: unknown): Scheme {
  const c = config as Partial<Scheme> & { exclusions?: Partial<Scheme['exclusions']> };
  return {
    name,
    indicators: c.indicators ?? [],
    deductions: c.deductions ?? [],
    bonuses: c.bonuses ?? [],
    exclusions: { categoryIds: c.exclusions?.categoryIds ?? [], channels: c.exclusions?.channels ?? [], types: c.exclusions?.types ?? [] },
  };
}

/** The active scheme of `year`, or the built-in default when none is stored. */
export async function activeScheme(db: Queryable, year: number): Promise<StoredScheme> {
  const row = await db.selectFrom('assessmentSchemes').select(['id', 'name', 'config', 'createdAt'])
    .where('year', '=', year).where('active', '=', true).executeTakeFirst();
  if (!row) return { year, id: null, name: defaultScheme.name, source: 'default', createdAt: null, scheme: defaultScheme };
  return { year, id: row.id, name: row.name, source: 'stored', createdAt: row.createdAt, scheme: toScheme(row.name, row.config) };
}

/** Makes `config` the year's active scheme; the previous one stays, inactive. Serialised per year by the lock. */
export async function replaceScheme(trx: Trx, year: number, name: string, config: unknown, userId: number): Promise<StoredScheme> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('assessment_scheme'), ${year})`.execute(trx);
  await trx.updateTable('assessmentSchemes').set({ active: false }).where('year', '=', year).where('active', '=', true).execute();
  const row = await trx.insertInto('assessmentSchemes')
    .values({ year, name, config: JSON.stringify(config), createdBy: userId })
    .returning(['id', 'createdAt']).executeTakeFirstOrThrow();
  return { year, id: row.id, name, source: 'stored', createdAt: row.createdAt, scheme: toScheme(name, config) };
}

export async function existingCategoryIds(db: Queryable, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('categories').select('id').where('id', 'in', [...ids]).execute();
  return new Set(rows.map((r) => r.id));
}

export interface AppealRow {
  id: number;
  caseId: number;
  unitId: number;
  kind: AppealKind;
  status: 'filed' | 'accepted' | 'rejected';
}

/**
 * Locks an appeal for a decision.
 * @throws NOT_FOUND when there is no such appeal.
 */
export async function lockAppealForUpdate(trx: Trx, id: number): Promise<AppealRow> {
  const row = await trx.selectFrom('assessmentAppeals').select(['id', 'caseId', 'unitId', 'kind', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND');
  return row as AppealRow;
}

/** An open appeal of the unit about the case, or an accepted one of the same kind. */
export async function findBlockingAppeal(trx: Trx, caseId: number, unitId: number, kind: AppealKind) {
  return trx.selectFrom('assessmentAppeals').select(['id', 'status'])
    .where('caseId', '=', caseId).where('unitId', '=', unitId)
    .where((eb) => eb.or([eb('status', '=', 'filed'), eb.and([eb('status', '=', 'accepted'), eb('kind', '=', kind)])]))
    .executeTakeFirst();
}

/** Whether the case was ever dispatched to the unit or a unit below it. */
export async function unitHandledCase(db: Queryable, caseId: number, unitPath: string): Promise<boolean> {
  const row = await db.selectFrom('caseAssignments as a').innerJoin('units as u', 'u.id', 'a.unitId')
    .select('a.id').where('a.caseId', '=', caseId).where('u.path', 'like', `${unitPath}%`).limit(1).executeTakeFirst();
  return Boolean(row);
}

export interface AppealFilter {
  status?: string;
  caseId?: number;
  appealId?: number;
  /** Only appeals of units in this subtree. */
  unitPath?: string;
  limit: number;
}

export async function listAppeals(db: Queryable, f: AppealFilter) {
  let q = db.selectFrom('assessmentAppeals as p')
    .innerJoin('cases as c', 'c.id', 'p.caseId')
    .innerJoin('units as u', 'u.id', 'p.unitId')
    .innerJoin('users as fu', 'fu.id', 'p.filedBy')
    .leftJoin('users as du', 'du.id', 'p.decidedBy')
    .select([
      'p.id', 'p.caseId', 'c.number as caseNumber', 'c.title as caseTitle', 'p.unitId', 'u.name as unitName', 'p.kind', 'p.reason', 'p.status',
      'fu.displayName as filedBy', 'p.filedAt', 'du.displayName as decidedBy', 'p.decidedAt', 'p.decisionNote',
    ]);
  if (f.status) q = q.where('p.status', '=', f.status as 'filed');
  if (f.caseId) q = q.where('p.caseId', '=', f.caseId);
  if (f.appealId) q = q.where('p.id', '=', f.appealId);
  if (f.unitPath && f.unitPath !== '/') q = q.where('u.path', 'like', `${f.unitPath}%`);
  return q.orderBy('p.id', 'desc').limit(f.limit).execute();
}
