import { sql } from 'kysely';
import type { Queryable } from '../../db/database.ts';

/** Plain queries over API keys and their per-minute counters; no rules here. */

/** The columns of a key that may be shown (never the hash). */
const publicColumns = ['id', 'name', 'prefix', 'rateLimitPerMinute', 'createdAt', 'revokedAt', 'lastUsedAt'] as const;

export async function insertApiKey(
  db: Queryable,
  values: { name: string; keyHash: string; prefix: string; rateLimitPerMinute: number; createdBy: number | null },
) {
  return db
    .insertInto('apiKeys')
    .values(values)
    .onConflict((oc) => oc.column('prefix').doNothing())
    .returning(publicColumns)
    .executeTakeFirst();
}

export async function listApiKeys(db: Queryable) {
  return db.selectFrom('apiKeys').select(publicColumns).orderBy('id').execute();
}

export async function findApiKeyByHash(db: Queryable, keyHash: string) {
  return db.selectFrom('apiKeys').select([...publicColumns]).where('keyHash', '=', keyHash).executeTakeFirst();
}

export async function findApiKeyById(db: Queryable, id: number) {
  return db.selectFrom('apiKeys').select(publicColumns).where('id', '=', id).executeTakeFirst();
}

export async function findApiKeyByPrefix(db: Queryable, prefix: string) {
  return db.selectFrom('apiKeys').select(publicColumns).where('prefix', '=', prefix).executeTakeFirst();
}

/** Sets `revoked_at` once; a key revoked earlier keeps its first date. */
export async function markRevoked(db: Queryable, id: number) {
  return db
    .updateTable('apiKeys')
    .set({ revokedAt: sql`coalesce(revoked_at, now())` })
    .where('id', '=', id)
    .returning(publicColumns)
    .executeTakeFirst();
}

/**
 * Counts one request of the key in the current minute (database time, so
 * every app process counts on the same clock) and records its use. Returns
 * the count so far in this minute and the seconds until the next one.
 */
export async function countRequest(db: Queryable, apiKeyId: number): Promise<{ count: number; secondsLeft: number }> {
  const { rows } = await sql<{ count: number; secondsLeft: number }>`
    WITH hit AS (
      INSERT INTO api_key_usage (api_key_id, minute, count)
      VALUES (${apiKeyId}, date_trunc('minute', now()), 1)
      ON CONFLICT (api_key_id, minute) DO UPDATE SET count = api_key_usage.count + 1
      RETURNING count, minute
    ), used AS (
      UPDATE api_keys SET last_used_at = now() WHERE id = ${apiKeyId}
    )
    SELECT count, ceil(extract(epoch FROM minute + interval '1 minute' - now()))::int AS seconds_left FROM hit
  `.execute(db);
  const row = rows[0];
  if (row.count === 1) {
    // The first request of a minute sweeps counters older than a day, so the table stays small.
    await db.deleteFrom('apiKeyUsage').where('minute', '<', sql<Date>`now() - interval '1 day'`).execute();
  }
  return { count: row.count, secondsLeft: Math.max(1, row.secondsLeft) };
}
