import type { Queryable } from '../../db/database.ts';
import type { TextClassifier } from '../classify/model.ts';
import { deserializeModel } from '../classify/persistence.ts';
import { loadModelBytes, newestModelsAndSettings, type ModelKind } from './routing.repository.ts';
import { readRoutingSettings, type RoutingSettings } from './routing.settings.ts';

/**
 * Which models are current and what the routing settings say, held per
 * process for one `config_version` — storing or deleting a model and
 * changing a setting bump that version (triggers), so a process that reads
 * the version learns of a new model at once and loads it from the database
 * (by id, once). Models are immutable rows, so a model cached by id never
 * goes stale; only the newest of each kind is kept in memory.
 */

export interface RoutingState {
  version: number;
  settings: RoutingSettings;
  categoryModelId: number | null;
  unitModelId: number | null;
}

export interface LoadedModel {
  id: number;
  kind: ModelKind;
  trainedAt: Date;
  classifier: TextClassifier;
}

const states = new WeakMap<object, { version: number; state: Promise<RoutingState> }>();
const models = new WeakMap<object, Map<number, Promise<LoadedModel | undefined>>>();
const keyOf = (db: Queryable): object => db.getExecutor().adapter;

/** The routing state as of config version `version` (one query when the version changed). */
export function routingStateAt(db: Queryable, version: number): Promise<RoutingState> {
  const key = keyOf(db);
  const hit = states.get(key);
  if (hit && hit.version === version) return hit.state;
  const state = newestModelsAndSettings(db).then((r) => ({
    version,
    settings: readRoutingSettings(r.settings),
    categoryModelId: r.categoryId === null ? null : Number(r.categoryId),
    unitModelId: r.unitId === null ? null : Number(r.unitId),
  }));
  states.set(key, { version, state });
  state.catch(() => { if (states.get(key)?.state === state) states.delete(key); });
  return state;
}

/** A stored model, deserialised once per process; undefined when it has been deleted meanwhile. */
export function modelById(db: Queryable, id: number): Promise<LoadedModel | undefined> {
  const key = keyOf(db);
  let byId = models.get(key);
  if (!byId) models.set(key, (byId = new Map()));
  const hit = byId.get(id);
  if (hit) return hit;
  const loading = loadModelBytes(db, id).then((row) => row && {
    id: row.id, kind: row.kind, trainedAt: row.trainedAt, classifier: deserializeModel(row.model),
  });
  byId.set(id, loading);
  loading.then(
    (m) => {
      // Keep only the newest model of each kind in memory.
      if (!m) { byId.delete(id); return; }
      for (const [otherId, other] of byId) {
        if (otherId < id) void other.then((o) => { if (o?.kind === m.kind) byId.delete(otherId); }, () => byId.delete(otherId));
      }
    },
    () => byId.delete(id),
  );
  return loading;
}
