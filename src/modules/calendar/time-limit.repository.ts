import { sql, type Selectable } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import type { TimeLimitPolicyTable } from '../../db/schema.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Stage } from '../../domain/deadlines.ts';

/** Plain queries over the time-limit table (办理时限). Rules live in time-limit.commands.ts and src/domain/deadlines.ts. */

export type PolicyRow = Selectable<TimeLimitPolicyTable>;
export interface PolicyCriteriaColumns {
  stage: Stage;
  caseType: string | null;
  urgency: string | null;
  channel: string | null;
  categoryId: number | null;
}

export async function listPolicies(db: Queryable, opts: { stage?: Stage; includeInactive?: boolean } = {}): Promise<PolicyRow[]> {
  let q = db.selectFrom('timeLimitPolicies').selectAll();
  if (opts.stage) q = q.where('stage', '=', opts.stage);
  if (!opts.includeInactive) q = q.where('active', '=', true);
  const order = sql`array_position(array['register','sign','reply','review','callback'], stage)`;
  return q.orderBy(order).orderBy('id').execute();
}

/** @throws DomainError NOT_FOUND */
export async function requirePolicy(db: Queryable, id: number): Promise<PolicyRow> {
  const row = await db.selectFrom('timeLimitPolicies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND');
  return row;
}

/** The active row with exactly these criteria (nulls equal), other than `exceptId`. */
export async function findActiveTwin(db: Queryable, c: PolicyCriteriaColumns, exceptId?: number): Promise<PolicyRow | undefined> {
  let q = db.selectFrom('timeLimitPolicies').selectAll()
    .where('active', '=', true)
    .where('stage', '=', c.stage)
    .where(sql<boolean>`case_type IS NOT DISTINCT FROM ${c.caseType}`)
    .where(sql<boolean>`urgency IS NOT DISTINCT FROM ${c.urgency}`)
    .where(sql<boolean>`channel IS NOT DISTINCT FROM ${c.channel}`)
    .where(sql<boolean>`category_id IS NOT DISTINCT FROM ${c.categoryId}::integer`);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

/** Active catch-all rows (no criteria) of a stage. */
export async function countActiveCatchAll(db: Queryable, stage: Stage): Promise<number> {
  const { n } = await db.selectFrom('timeLimitPolicies')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('stage', '=', stage).where('active', '=', true)
    .where('caseType', 'is', null).where('urgency', 'is', null).where('channel', 'is', null).where('categoryId', 'is', null)
    .executeTakeFirstOrThrow();
  return n;
}

export async function insertPolicy(
  db: Queryable,
  row: PolicyCriteriaColumns & Pick<PolicyRow, 'amount' | 'unit' | 'note'>,
  actorUserId: number | null,
): Promise<PolicyRow> {
  return db.insertInto('timeLimitPolicies').values({ ...row, updatedBy: actorUserId }).returningAll().executeTakeFirstOrThrow();
}

export async function updatePolicy(
  db: Queryable,
  id: number,
  patch: Partial<Pick<PolicyRow, 'amount' | 'unit' | 'note' | 'active'>>,
  actorUserId: number | null,
): Promise<PolicyRow> {
  return db.updateTable('timeLimitPolicies')
    .set({ ...patch, updatedBy: actorUserId, updatedAt: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A category and its ancestors, most specific first (what `selectPolicy` needs).
 * @throws DomainError CATEGORY_NOT_FOUND
 */
export async function categoryLineage(db: Queryable, categoryId: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    WITH RECURSIVE chain AS (
      SELECT id, parent_id, 0 AS depth FROM categories WHERE id = ${categoryId}
      UNION ALL
      SELECT c.id, c.parent_id, chain.depth + 1 FROM categories c JOIN chain ON c.id = chain.parent_id WHERE chain.depth < 10
    )
    SELECT id FROM chain ORDER BY depth`.execute(db);
  if (rows.length === 0) throw new DomainError('CATEGORY_NOT_FOUND', { detail: String(categoryId) });
  return rows.map((r) => r.id);
}
