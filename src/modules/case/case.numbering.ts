import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Trx } from '../../db/database.ts';

/** The year of an instant in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();
}

/**
 * The next readable case number, e.g. `AL2026-000123`: one sequence per year
 * (`next_case_serial`, created on first use), so concurrent intakes never
 * collide and never wait for each other. Numbers rise within a year; an
 * intake rolled back after taking its number leaves a gap (a sequence is not
 * transactional — the price of not queueing every intake on one row lock).
 */
export async function nextCaseNumber(trx: Trx, prefix: string, receivedAt: Date): Promise<string> {
  const year = shanghaiYear(receivedAt);
  const { rows } = await sql<{ number: string }>`SELECT ${caseNumberSql(prefix, year)} AS number`.execute(trx);
  return rows[0].number;
}

/** The SQL expression that takes the next number of `year` (for an INSERT that numbers the case itself). */
export function caseNumberSql(prefix: string, year: number) {
  return sql<string>`${`${prefix}${year}-`}::text || (SELECT lpad(s::text, greatest(6, length(s::text)), '0') FROM next_case_serial(${year}::int) AS s)`;
}

/** A six-digit code the citizen uses with the number to follow the case. */
export function newQueryCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}
