import { sql } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import { DomainError, invalidInput } from '../../domain/errors.ts';

/**
 * Changes to the three-level category tree (诉求分类). Categories are never
 * deleted — past cases, statistics and time-limit rows point at them — only
 * deactivated, after which no new case can choose them.
 */

export const MAX_CATEGORY_LEVEL = 3;
const view = ['id', 'parentId', 'name', 'level', 'fullName', 'active', 'sort'] as const;

async function requireCategory(db: Queryable, id: number) {
  const row = await db.selectFrom('categories').select(view).where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('CATEGORY_NOT_FOUND', { detail: String(id) });
  return row;
}

/** A name may not hold the `/` that separates the levels of a full name. */
function checkName(name: string): string {
  const trimmed = name.normalize('NFKC').trim();
  if (!trimmed) throw invalidInput('分类名称不能为空', 'the name is empty');
  if (trimmed.includes('/')) throw invalidInput('分类名称不能包含“/”', 'a category name may not contain "/"');
  return trimmed;
}

async function refuseTaken(db: Queryable, fullName: string, exceptId?: number) {
  let q = db.selectFrom('categories').select('id').where('fullName', '=', fullName);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) {
    throw new DomainError('CONFLICT', { detail: `分类“${fullName}”已存在`, detail_en: `the category "${fullName}" exists` });
  }
}

/**
 * Adds a category under an active parent (or a new top level); it sorts last among its siblings.
 * @throws CATEGORY_NOT_FOUND for a missing parent; INVALID_INPUT past the third level, for a bad name or an inactive parent; CONFLICT for a sibling of the same name.
 */
export async function createCategory(db: Queryable, props: { name: string; parentId: number | null }) {
  const name = checkName(props.name);
  const parent = props.parentId === null ? undefined : await requireCategory(db, props.parentId);
  if (parent && !parent.active) throw invalidInput('上级分类已停用', 'the parent category is deactivated');
  const level = (parent?.level ?? 0) + 1;
  if (level > MAX_CATEGORY_LEVEL) throw invalidInput('分类最多三级', 'categories have at most three levels');
  const fullName = parent ? `${parent.fullName}/${name}` : name;
  await refuseTaken(db, fullName);
  const { max } = await db.selectFrom('categories').select((eb) => eb.fn.max('sort').as('max')).executeTakeFirstOrThrow();
  return db
    .insertInto('categories')
    .values({ parentId: parent?.id ?? null, name, level, fullName, sort: Number(max ?? 0) + 1 })
    .returning(view)
    .executeTakeFirstOrThrow();
}

/**
 * Renames and/or (de)activates a category. A rename carries into the full
 * names of the categories below it. Deactivating needs its active children
 * deactivated first; reactivating needs an active parent.
 * @throws CATEGORY_NOT_FOUND; CONFLICT for a sibling of the same name; PRECONDITION_FAILED for the order of (de)activation.
 */
export async function changeCategory(db: Queryable, id: number, change: { name?: string; active?: boolean }) {
  const cat = await requireCategory(db, id);
  if (change.name !== undefined) {
    const name = checkName(change.name);
    const prefix = cat.fullName.slice(0, cat.fullName.length - cat.name.length);
    const fullName = `${prefix}${name}`;
    if (fullName !== cat.fullName) {
      await refuseTaken(db, fullName, id);
      // Descendants first: their full names start with the old full name and a slash.
      await db.updateTable('categories')
        .set({ fullName: sql<string>`${fullName} || substr(full_name, ${cat.fullName.length + 1})` })
        .where(sql<boolean>`left(full_name, ${cat.fullName.length + 1}) = ${`${cat.fullName}/`}`)
        .execute();
      await db.updateTable('categories').set({ name, fullName }).where('id', '=', id).execute();
    }
  }
  if (change.active === false && cat.active) {
    const child = await db.selectFrom('categories').select('id').where('parentId', '=', id).where('active', '=', true).executeTakeFirst();
    if (child) throw new DomainError('PRECONDITION_FAILED', { detail: '请先停用其下级分类', detail_en: 'deactivate its child categories first' });
  }
  if (change.active === true && !cat.active && cat.parentId !== null) {
    const parent = await requireCategory(db, cat.parentId);
    if (!parent.active) throw new DomainError('PRECONDITION_FAILED', { detail: '请先启用其上级分类', detail_en: 'reactivate its parent category first' });
  }
  if (change.active !== undefined && change.active !== cat.active) {
    await db.updateTable('categories').set({ active: change.active }).where('id', '=', id).execute();
  }
  return requireCategory(db, id);
}

