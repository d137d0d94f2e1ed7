import type { Queryable } from '../../db/database.ts';
import type { UnitRow } from '../../db/schema.ts';
import { DomainError, invalidInput } from '../../domain/errors.ts';
import * as units from './org.repository.ts';

/**
 * Changes to the unit tree. Every change writes a history row with the
 * before and after, so "who renamed or moved this unit, when" is answerable.
 */

export type UnitKind = UnitRow['kind'];
export interface NewUnit {
  key: string;
  name: string;
  kind: UnitKind;
  parentId: number | null;
}

/** The level a unit gets under `parent`: regions go one level down; departments and centres sit at their parent's level. */
function levelUnder(parent: UnitRow | undefined, kind: UnitKind): number {
  if (!parent) return 1;
  const level = kind === 'region' ? parent.level + 1 : parent.level;
  if (level > 4) throw invalidInput('行政层级最多四级（市、县、乡、村）', 'at most four administrative levels (city, county, township, village)');
  return level;
}

async function record(db: Queryable, unitId: number, actorUserId: number | null, action: string, before: unknown, after: unknown) {
  await db
    .insertInto('unitHistory')
    .values({ unitId, actorUserId, action, before: before ? JSON.stringify(before) : null, after: after ? JSON.stringify(after) : null })
    .execute();
}

/** @throws CONFLICT for a taken key; UNIT_NOT_FOUND for a missing parent; INVALID_INPUT for a second root or a fifth level. */
export async function createUnit(db: Queryable, actorUserId: number | null, props: NewUnit): Promise<UnitRow> {
  if (await units.findUnitByKey(db, props.key)) {
    throw new DomainError('CONFLICT', { detail: `单位编码 ${props.key} 已存在`, detail_en: `unit key ${props.key} is taken` });
  }
  const parent = props.parentId === null ? undefined : await units.requireUnit(db, props.parentId);
  if (!parent) {
    const root = await db.selectFrom('units').select('id').where('parentId', 'is', null).executeTakeFirst();
    if (root) throw invalidInput('只能有一个市级根单位，请指定上级单位', 'there is one root unit; give a parent');
  }
  const level = levelUnder(parent, props.kind);
  const inserted = await db
    .insertInto('units')
    .values({ key: props.key, name: props.name, kind: props.kind, parentId: parent?.id ?? null, level, path: '' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${parent?.path ?? '/'}${inserted.id}/`;
  const unit = await db.updateTable('units').set({ path }).where('id', '=', inserted.id).returningAll().executeTakeFirstOrThrow();
  await record(db, unit.id, actorUserId, 'create', null, { name: unit.name, parentId: unit.parentId, kind: unit.kind });
  return unit;
}

export async function renameUnit(db: Queryable, actorUserId: number | null, unitId: number, name: string) {
  const unit = await units.requireUnit(db, unitId);
  const updated = await db.updateTable('units').set({ name }).where('id', '=', unitId).returningAll().executeTakeFirstOrThrow();
  await record(db, unitId, actorUserId, 'rename', { name: unit.name }, { name });
  return updated;
}

/**
 * Moves a unit (and its subtree) under another parent.
 * @throws INVALID_INPUT when moving the root, into its own subtree, or past the fourth level.
 */
export async function moveUnit(db: Queryable, actorUserId: number | null, unitId: number, newParentId: number) {
  const unit = await units.requireUnit(db, unitId);
  const parent = await units.requireUnit(db, newParentId);
  if (!unit.parentId) throw invalidInput('不能移动市级根单位', 'the root unit cannot move');
  if (parent.path.startsWith(unit.path)) throw invalidInput('不能移到自己的下级单位之下', 'a unit cannot move under its own subtree');
  const level = levelUnder(parent, unit.kind);
  const deepest = await db
    .selectFrom('units')
    .select((eb) => eb.fn.max('level').as('max'))
    .where('path', 'like', `${unit.path}%`)
    .executeTakeFirstOrThrow();
  const shift = level - unit.level;
  if (Number(deepest.max) + shift > 4) throw invalidInput('移动后超过四级', 'the move would go past the fourth level');
  await units.rewriteSubtreePaths(db, unit.path, `${parent.path}${unit.id}/`);
  if (shift !== 0) {
    await db.updateTable('units').set((eb) => ({ level: eb('level', '+', shift) })).where('path', 'like', `${parent.path}${unit.id}/%`).execute();
  }
  const updated = await db.updateTable('units').set({ parentId: parent.id }).where('id', '=', unitId).returningAll().executeTakeFirstOrThrow();
  await record(db, unitId, actorUserId, 'move', { parentId: unit.parentId }, { parentId: parent.id });
  return updated;
}

/**
 * Deactivates a unit: it stays in the history of past cases but takes no new ones.
 * @throws PRECONDITION_FAILED while it still has active child units.
 */
export async function setUnitActive(db: Queryable, actorUserId: number | null, unitId: number, active: boolean) {
  const unit = await units.requireUnit(db, unitId);
  if (!active && (await units.countActiveChildren(db, unitId)) > 0) {
    throw new DomainError('PRECONDITION_FAILED', { detail: '请先停用其下级单位', detail_en: 'deactivate its child units first' });
  }
  const updated = await db.updateTable('units').set({ active }).where('id', '=', unitId).returningAll().executeTakeFirstOrThrow();
  await record(db, unitId, actorUserId, active ? 'reactivate' : 'deactivate', { active: unit.active }, { active });
  return updated;
}
