import { sql } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import { settingDefinitions, settingKeys, validateSetting, type SettingKey, type SettingValues } from './settings.schemas.ts';

/**
 * Configurable settings, one JSON value per key, read from the database on
 * every use (no process-memory cache: several app processes must agree).
 */

export interface SettingRecord<K extends SettingKey = SettingKey> {
  key: K;
  value: SettingValues[K];
  updatedBy: number | null;
  updatedAt: Date | null;
}

/**
 * The current value of a setting; the built-in default when the row is missing.
 * The type parameter lets callers name the shape they rely on, e.g. `getSetting<LadderRung[]>(db, 'escalation_ladder')`.
 */
export async function getSetting<T = unknown>(db: Queryable, key: SettingKey): Promise<T> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return (row ? row.value : settingDefinitions[key].defaultValue) as T;
}

/** Every known setting with who changed it last (null for an untouched default). */
export async function listSettings(db: Queryable): Promise<SettingRecord[]> {
  const rows = await db.selectFrom('settings').select(['key', 'value', 'updatedBy', 'updatedAt']).execute();
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return settingKeys.map((key) => {
    const row = byKey.get(key);
    return row
      ? { key, value: row.value as SettingValues[typeof key], updatedBy: row.updatedBy, updatedAt: row.updatedAt }
      : { key, value: settingDefinitions[key].defaultValue, updatedBy: null, updatedAt: null };
  });
}

/**
 * Stores a new value after checking it against the key's schema and rules.
 * @throws DomainError INVALID_INPUT for an unknown key or an invalid value.
 */
export async function putSetting<K extends SettingKey>(db: Queryable, key: K, value: unknown, actorUserId: number | null): Promise<SettingRecord<K>> {
  const valid = validateSetting(key, value);
  const row = await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(valid), updatedBy: actorUserId })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(valid), updatedBy: actorUserId, updatedAt: sql<Date>`now()` }))
    .returning(['updatedBy', 'updatedAt'])
    .executeTakeFirstOrThrow();
  return { key, value: valid, updatedBy: row.updatedBy, updatedAt: row.updatedAt };
}
