import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import type { Queryable } from '../../db/database.ts';
import { invalidInput } from '../../domain/errors.ts';

/**
 * The administrator's routing settings, one JSON value under the key
 * `routing` of the `settings` table (so a change bumps `config_version`
 * and every process sees it at once; routing.cache.ts).
 */

export const ROUTING_SETTING_KEY = 'routing';

export const RoutingSettings = Type.Object({
  autoDispatch: Type.Object({
    /** Off by default: suggestions are only shown to people. */
    enabled: Type.Boolean(),
    /** Dispatch automatically only when the top unit's confidence is at least this. */
    threshold: Type.Number({ minimum: 0.5, maximum: 1 }),
  }, { additionalProperties: false }),
  retrain: Type.Object({
    /** The scheduled retraining (the job); `npx minsheng classify retrain` works either way. */
    enabled: Type.Boolean(),
    /** Hour of the day (Asia/Shanghai) after which the day's retraining runs. */
    hour: Type.Integer({ minimum: 0, maximum: 23 }),
    /** Models kept per kind (older ones are deleted). */
    keep: Type.Integer({ minimum: 1, maximum: 20 }),
    /** Train on at most this many of the newest cases per model. */
    maxSamples: Type.Integer({ minimum: 100, maximum: 200_000 }),
    /** No unit model below this many past dispatch decisions. */
    minUnitSamples: Type.Integer({ minimum: 2, maximum: 100_000 }),
  }, { additionalProperties: false }),
}, { additionalProperties: false });
export type RoutingSettings = Static<typeof RoutingSettings>;

export const defaultRoutingSettings: RoutingSettings = {
  autoDispatch: { enabled: false, threshold: 0.9 },
  retrain: { enabled: true, hour: 2, keep: 5, maxSamples: 50_000, minUnitSamples: 20 },
};

/**
 * The settings from a stored value (defaults for what is missing).
 * A stored value that no longer fits falls back to the defaults: never
 * auto-dispatch on a value nobody can read.
 */
export function readRoutingSettings(stored: unknown): RoutingSettings {
  if (stored == null || typeof stored !== 'object') return defaultRoutingSettings;
  const s = stored as Partial<RoutingSettings>;
  const merged = {
    autoDispatch: { ...defaultRoutingSettings.autoDispatch, ...s.autoDispatch },
    retrain: { ...defaultRoutingSettings.retrain, ...s.retrain },
  };
  return Value.Check(RoutingSettings, merged) ? merged : defaultRoutingSettings;
}

/**
 * A complete, valid settings value from a partial change.
 * @throws DomainError INVALID_INPUT naming the first offending field.
 */
export function mergeRoutingSettings(current: RoutingSettings, change: unknown): RoutingSettings {
  if (change == null || typeof change !== 'object' || Array.isArray(change)) throw invalidInput('设置应为对象', 'the settings must be an object');
  const c = change as Record<string, unknown>;
  for (const key of Object.keys(c)) {
    if (key !== 'autoDispatch' && key !== 'retrain') throw invalidInput(`没有这个设置项：${key}`, `no such setting: ${key}`);
    if (c[key] == null || typeof c[key] !== 'object' || Array.isArray(c[key])) throw invalidInput(`设置 ${key} 应为对象`, `setting ${key} must be an object`);
  }
  const next = {
    autoDispatch: { ...current.autoDispatch, ...(c.autoDispatch as object | undefined) },
    retrain: { ...current.retrain, ...(c.retrain as object | undefined) },
  };
  if (!Value.Check(RoutingSettings, next)) {
    const error = Value.Errors(RoutingSettings, next).find((e) => e.keyword !== 'boolean');
    const where = error?.instancePath || '/';
    throw invalidInput(`路由设置 ${where} 不符合要求：${error?.message ?? ''}`, `routing setting ${where} ${error?.message ?? 'is invalid'}`);
  }
  return next;
}

export async function loadRoutingSettings(db: Queryable): Promise<RoutingSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', ROUTING_SETTING_KEY).executeTakeFirst();
  return readRoutingSettings(row?.value);
}

export async function saveRoutingSettings(db: Queryable, value: RoutingSettings, userId: number): Promise<void> {
  await db.insertInto('settings')
    .values({ key: ROUTING_SETTING_KEY, value: JSON.stringify(value), updatedBy: userId })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updatedBy: userId, updatedAt: new Date() }))
    .execute();
}
