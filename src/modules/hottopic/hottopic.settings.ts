import { sql } from 'kysely';
import { Type, type Static } from 'typebox';
import type { Queryable } from '../../db/database.ts';
import { defaultHotTopicOptions, defaultSurgeOptions } from '../../domain/hottopics.ts';

/**
 * The clustering and alert settings of hot topics (热点), one row in
 * `hot_topic_settings`, read on every run (no process cache: several
 * processes share the database). docs/hot-topics.md explains each.
 */
export const HotTopicSettings = Type.Object({
  lookbackDays: Type.Integer({ minimum: 1, maximum: 90, description: 'appeals received in the last N days are clustered' }),
  windowDays: Type.Integer({ minimum: 1, maximum: 60, description: 'a topic takes new appeals while its latest is at most N days older' }),
  threshold: Type.Number({ minimum: 0.05, maximum: 0.95, description: 'cosine similarity from which an appeal at a shared place joins a topic' }),
  placelessThreshold: Type.Number({ minimum: 0.05, maximum: 0.95, description: 'the same for appeals without any place word' }),
  minSize: Type.Integer({ minimum: 2, maximum: 100, description: 'appeals a topic needs' }),
  alertMinNew: Type.Integer({ minimum: 1, maximum: 10000, description: 'alert when at least N new appeals in 24 h …' }),
  alertFactor: Type.Number({ minimum: 1, maximum: 100, description: '… and at least this many times the topic’s earlier daily rate' }),
  alertCooldownHours: Type.Integer({ minimum: 1, maximum: 720, description: 'hours before the same topic alerts again' }),
}, { additionalProperties: false });
export type HotTopicSettings = Static<typeof HotTopicSettings>;

export const defaultHotTopicSettings: HotTopicSettings = {
  lookbackDays: 30,
  windowDays: defaultHotTopicOptions.windowDays,
  threshold: defaultHotTopicOptions.threshold,
  placelessThreshold: defaultHotTopicOptions.placelessThreshold,
  minSize: defaultHotTopicOptions.minSize,
  alertMinNew: defaultSurgeOptions.minNew,
  alertFactor: defaultSurgeOptions.factor,
  alertCooldownHours: defaultSurgeOptions.cooldownHours,
};

/** The stored settings over the defaults (a key missing from the row keeps its default). */
export async function getHotTopicSettings(db: Queryable): Promise<HotTopicSettings> {
  const row = await db.selectFrom('hotTopicSettings').select('value').executeTakeFirst();
  return { ...defaultHotTopicSettings, ...((row?.value as Partial<HotTopicSettings> | undefined) ?? {}) };
}

/** Stores the settings (already validated by the route's schema). */
export async function putHotTopicSettings(db: Queryable, value: HotTopicSettings, userId: number): Promise<HotTopicSettings> {
  await db.insertInto('hotTopicSettings')
    .values({ value: JSON.stringify(value), updatedBy: userId })
    .onConflict((oc) => oc.column('singleton').doUpdateSet({ value: JSON.stringify(value), updatedBy: userId, updatedAt: sql<Date>`now()` }))
    .execute();
  return value;
}
