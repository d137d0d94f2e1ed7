import { sql } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import type { UnitRow } from '../../db/schema.ts';
import { DomainError } from '../../domain/errors.ts';

/** Plain queries over the unit tree. `path` is `/1/5/23/`: a subtree is a prefix. */

export async function findUnit(db: Queryable, id: number): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

/** @throws UNIT_NOT_FOUND */
export async function requireUnit(db: Queryable, id: number): Promise<UnitRow> {
  const unit = await findUnit(db, id);
  if (!unit) throw new DomainError('UNIT_NOT_FOUND', { detail: String(id) });
  return unit;
}

export async function findUnitByKey(db: Queryable, key: string) {
  return db.selectFrom('units').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function listUnits(db: Queryable, opts: { includeInactive?: boolean } = {}) {
  let q = db.selectFrom('units').select(['id', 'parentId', 'key', 'name', 'kind', 'level', 'active']);
  if (!opts.includeInactive) q = q.where('active', '=', true);
  return q.orderBy('path').execute();
}

export async function unitHistory(db: Queryable, unitId: number) {
  return db.selectFrom('unitHistory').selectAll().where('unitId', '=', unitId).orderBy('id').execute();
}

/** Rewrites the paths of a moved subtree in one statement. */
export async function rewriteSubtreePaths(db: Queryable, oldPrefix: string, newPrefix: string) {
  await db
    .updateTable('units')
    .set({ path: sql`${newPrefix} || substr(path, ${oldPrefix.length + 1})`, updatedAt: sql`now()` })
    .where('path', 'like', `${oldPrefix}%`)
    .execute();
}

export async function countActiveChildren(db: Queryable, unitId: number) {
  const { n } = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parentId', '=', unitId)
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  return n;
}
