import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/database.ts';
import { DomainError, invalidInput } from '../../domain/errors.ts';
import * as keys from './apikey.repository.ts';

/**
 * API keys of Open311 clients (and later other machine clients). A key is 40
 * random hex characters (160 bits from the OS's CSPRNG), shown once when it is
 * made; only its SHA-256 is stored, so a leaked table cannot be replayed. The
 * first 8 characters (`prefix`) name the key in listings and on the command line.
 */

export const DEFAULT_RATE_LIMIT = 60;
export const MAX_RATE_LIMIT = 100_000;
const PREFIX_LENGTH = 8;

export const hashApiKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

export type ApiKeyView = NonNullable<Awaited<ReturnType<typeof keys.findApiKeyById>>>;

/**
 * Makes a key. The plain key is in the result and nowhere else, ever.
 * @throws INVALID_INPUT for an empty or long name or a rate outside 1…100,000 per minute.
 */
export async function createApiKey(
  db: Queryable,
  props: { name: string; rateLimitPerMinute?: number; createdBy?: number | null },
): Promise<ApiKeyView & { key: string }> {
  const name = props.name.trim();
  if (!name || name.length > 100) throw invalidInput('密钥名称须为 1–100 个字符', 'the key name must have 1 to 100 characters');
  const rate = props.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT;
  if (!Number.isInteger(rate) || rate < 1 || rate > MAX_RATE_LIMIT) {
    throw invalidInput(`每分钟请求上限须为 1–${MAX_RATE_LIMIT} 的整数`, `the rate limit must be a whole number from 1 to ${MAX_RATE_LIMIT} per minute`);
  }
  // A prefix is 32 random bits: a clash is rare, and then the next key is drawn.
  for (let attempt = 0; attempt < 5; attempt++) {
    const key = randomBytes(20).toString('hex');
    const row = await keys.insertApiKey(db, {
      name, keyHash: hashApiKey(key), prefix: key.slice(0, PREFIX_LENGTH), rateLimitPerMinute: rate, createdBy: props.createdBy ?? null,
    });
    if (row) return { ...row, key };
  }
  throw new Error('could not draw an API key with an unused prefix');
}

/**
 * Revokes a key by id, or by its prefix on the command line. Revoking twice
 * keeps the first date.
 * @throws NOT_FOUND when no key has that id or prefix.
 */
export async function revokeApiKey(db: Queryable, ref: { id: number } | { idOrPrefix: string }): Promise<ApiKeyView> {
  const found = 'id' in ref ? await keys.findApiKeyById(db, ref.id) : await findByIdOrPrefix(db, ref.idOrPrefix);
  const row = found && (await keys.markRevoked(db, found.id));
  if (!row) throw new DomainError('NOT_FOUND');
  return row;
}

/** An 8-character argument is a prefix when a key has it; otherwise a number is an id. */
async function findByIdOrPrefix(db: Queryable, ref: string) {
  const text = ref.trim();
  if (text.length === PREFIX_LENGTH) {
    const byPrefix = await keys.findApiKeyByPrefix(db, text.toLowerCase());
    if (byPrefix) return byPrefix;
  }
  return /^\d{1,9}$/.test(text) ? keys.findApiKeyById(db, Number(text)) : undefined;
}

export type KeyCheck =
  | { ok: true; key: ApiKeyView }
  | { ok: false; reason: 'missing' | 'unknown' | 'revoked' };

/** Who is calling: the live key matching `presented`, or why there is none. */
export async function checkApiKey(db: Queryable, presented: string | undefined): Promise<KeyCheck> {
  if (!presented) return { ok: false, reason: 'missing' };
  const key = await keys.findApiKeyByHash(db, hashApiKey(presented));
  if (!key) return { ok: false, reason: 'unknown' };
  if (key.revokedAt) return { ok: false, reason: 'revoked' };
  return { ok: true, key };
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  /** Requests counted in this minute, this one included. */
  count: number;
  /** Seconds until the counter starts again (for Retry-After). */
  retryAfterSeconds: number;
}

/**
 * Counts one request of the key against its per-minute limit, in PostgreSQL
 * so that several app processes share one limit. Refused requests count too:
 * a client that keeps hammering stays refused until the minute ends.
 */
export async function useApiKey(db: Queryable, key: Pick<ApiKeyView, 'id' | 'rateLimitPerMinute'>): Promise<RateDecision> {
  const { count, secondsLeft } = await keys.countRequest(db, key.id);
  return { allowed: count <= key.rateLimitPerMinute, limit: key.rateLimitPerMinute, count, retryAfterSeconds: secondsLeft };
}
