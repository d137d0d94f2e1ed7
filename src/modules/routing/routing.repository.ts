import { sql } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import type { TrainingRow } from '../classify/model.ts';

/** Plain queries behind routing: training examples and stored models. */

export type ModelKind = 'category' | 'unit';

/** States after a dispatch whose lead unit kept the case (a return means the decision was wrong). */
const decidedStates = ['dispatched', 'handling', 'signoff', 'reviewing', 'callback', 'callback_review', 'closed', 'archived'];

/**
 * Category examples: the newest cases that have an active category, label =
 * category id, and one example per active category from the catalogue (its
 * name and full path) so a new installation has something to learn from.
 * The caller decides which catalogue examples to use (routing.training.ts).
 */
export async function categoryExamples(db: Queryable, limit: number): Promise<{ history: TrainingRow[]; catalogue: TrainingRow[] }> {
  const [history, catalogue] = await Promise.all([
    db.selectFrom('cases as c')
      .innerJoin('categories as cat', 'cat.id', 'c.categoryId')
      .select(['c.title', 'c.content', 'c.categoryId'])
      .where('cat.active', '=', true)
      .where('c.state', 'not in', ['rejected'])
      .orderBy('c.receivedAt', 'desc').orderBy('c.id', 'desc')
      .limit(limit)
      .execute(),
    db.selectFrom('categories').select(['id', 'name', 'fullName']).where('active', '=', true).orderBy('id').execute(),
  ]);
  return {
    history: history.map((r) => ({ title: r.title, detail: r.content, label: String(r.categoryId) })),
    catalogue: catalogue.map((c) => ({ title: c.name, detail: c.fullName.split('/').join(' '), label: String(c.id) })),
  };
}

/**
 * Unit examples: past dispatch decisions that stood — the final lead unit of
 * cases dispatched and not returned (still active, not the centre), newest first.
 */
export async function unitExamples(db: Queryable, limit: number): Promise<TrainingRow[]> {
  const rows = await db.selectFrom('cases as c')
    .innerJoin('units as u', 'u.id', 'c.leadUnitId')
    .select(['c.title', 'c.content', 'c.leadUnitId'])
    .where('c.state', 'in', decidedStates)
    .where('u.active', '=', true)
    .where('u.kind', '<>', 'centre')
    .orderBy('c.dispatchedAt', 'desc').orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ title: r.title, detail: r.content, label: String(r.leadUnitId) }));
}

export interface StoredModelFacts {
  id: number;
  kind: ModelKind;
  trainedAt: Date;
  samples: number;
  labels: number;
  metrics: unknown;
  sizeBytes: number;
}

/** Stores a model and deletes all but the newest `keep` of its kind. */
export async function storeModel(db: Queryable, m: { kind: ModelKind; trainedAt: Date; samples: number; labels: number; metrics: object; model: Buffer; createdBy: number | null }, keep: number): Promise<StoredModelFacts> {
  const row = await db.insertInto('classifierModels')
    .values({ ...m, metrics: JSON.stringify(m.metrics), sizeBytes: m.model.length })
    .returning(['id', 'kind', 'trainedAt', 'samples', 'labels', 'metrics', 'sizeBytes'])
    .executeTakeFirstOrThrow();
  await db.deleteFrom('classifierModels').where('kind', '=', m.kind)
    .where('id', 'not in', db.selectFrom('classifierModels').select('id').where('kind', '=', m.kind).orderBy('id', 'desc').limit(keep))
    .execute();
  return row;
}

/** The stored models, newest first, without their bytes. */
export async function listModels(db: Queryable): Promise<StoredModelFacts[]> {
  return db.selectFrom('classifierModels')
    .select(['id', 'kind', 'trainedAt', 'samples', 'labels', 'metrics', 'sizeBytes'])
    .orderBy('id', 'desc').execute();
}

/** The newest model id of each kind (null when none) and the routing setting, in one query. */
export async function newestModelsAndSettings(db: Queryable) {
  const { rows } = await sql<{ categoryId: number | null; unitId: number | null; settings: unknown }>`
    SELECT (SELECT max(id) FROM classifier_models WHERE kind = 'category') AS category_id,
           (SELECT max(id) FROM classifier_models WHERE kind = 'unit') AS unit_id,
           (SELECT value FROM settings WHERE key = 'routing') AS settings`.execute(db);
  return rows[0];
}

export async function loadModelBytes(db: Queryable, id: number) {
  return db.selectFrom('classifierModels').select(['id', 'kind', 'trainedAt', 'model']).where('id', '=', id).executeTakeFirst();
}

/** Active handling units (not the centre) among `ids`, with their names. */
export async function handlingUnits(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('units').select(['id', 'name'])
    .where('id', 'in', ids).where('active', '=', true).where('kind', '<>', 'centre').execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
