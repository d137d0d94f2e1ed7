import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Trx } from '../../db/database.ts';

/** The year of an instant in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();
}

/**
 * The next readable case number, e.g. `AL2026-000123`: one counter per year,
 * incremented under the row lock so concurrent intakes never collide.
 */
export async function nextCaseNumber(trx: Trx, prefix: string, receivedAt: Date): Promise<string> {
  const year = shanghaiYear(receivedAt);
  const { value } = await trx
    .insertInto('counters')
    .values({ name: `case:${year}`, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql`counters.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return `${prefix}${year}-${String(value).padStart(6, '0')}`;
}

/** A six-digit code the citizen uses with the number to follow the case. */
export function newQueryCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}
