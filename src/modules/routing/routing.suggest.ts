import type { Queryable } from '../../db/database.ts';
import { configSnapshot, readConfigVersion } from '../deadline/config.cache.ts';
import { handlingUnits } from './routing.repository.ts';
import { modelById, routingStateAt } from './routing.cache.ts';

/**
 * Suggestions (分类建议、派单建议) for one message: the top 3 categories and
 * the top 3 handling units with confidences, from the newest stored models.
 * Labels the catalogue no longer offers (an inactive category, a closed
 * unit) are skipped. No model yet → empty lists, not an error.
 */

export interface Suggestions {
  categories: Array<{ categoryId: number; name: string; confidence: number }>;
  units: Array<{ unitId: number; name: string; confidence: number }>;
  model: { categoryTrainedAt: string | null; unitTrainedAt: string | null };
}

/** Labels looked at before filtering, so that a few retired ones cannot leave the list short. */
const LOOK_AT = 10;
const round = (x: number) => Math.round(x * 10_000) / 10_000;

export async function suggestFor(db: Queryable, message: { title: string; content: string }, k = 3, version?: number): Promise<Suggestions> {
  const v = version ?? (await readConfigVersion(db));
  const [state, config] = await Promise.all([routingStateAt(db, v), configSnapshot(db, v)]);
  const [categoryModel, unitModel] = await Promise.all([
    state.categoryModelId === null ? undefined : modelById(db, state.categoryModelId),
    state.unitModelId === null ? undefined : modelById(db, state.unitModelId),
  ]);
  const text = { title: message.title, detail: message.content };

  const categories: Suggestions['categories'] = [];
  for (const p of categoryModel?.classifier.predictTop(text, LOOK_AT) ?? []) {
    const id = Number(p.label);
    const cat = config.categories.get(id);
    if (cat?.active) categories.push({ categoryId: id, name: cat.fullName, confidence: round(p.confidence) });
    if (categories.length === k) break;
  }

  const unitPredictions = unitModel?.classifier.predictTop(text, LOOK_AT) ?? [];
  const names = await handlingUnits(db, unitPredictions.map((p) => Number(p.label)));
  const units = unitPredictions
    .filter((p) => names.has(Number(p.label)))
    .slice(0, k)
    .map((p) => ({ unitId: Number(p.label), name: names.get(Number(p.label))!, confidence: round(p.confidence) }));

  return {
    categories,
    units,
    model: {
      categoryTrainedAt: categoryModel ? categoryModel.trainedAt.toISOString() : null,
      unitTrainedAt: unitModel ? unitModel.trainedAt.toISOString() : null,
    },
  };
}
