import { sql } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import { DomainError } from '../../domain/errors.ts';
import type { BulletinData } from './bulletin.data.ts';
import type { BulletinKind } from './bulletin.period.ts';

/** Plain queries over `bulletins`, scoped by a unit path prefix ('/' = the whole city). */

export interface BulletinSummary {
  id: number;
  kind: BulletinKind;
  period: string;
  unitId: number;
  unitName: string;
  generatedAt: Date;
  generatedBy: number | null;
  accepted: number;
  closureRate: number | null;
  satisfactionRate: number | null;
}

const summaryColumns = sql`b.id, b.kind, b.period, b.unit_id AS "unitId", u.name AS "unitName", b.generated_at AS "generatedAt",
  b.generated_by AS "generatedBy", (b.data->'counts'->>'accepted')::int AS accepted,
  (b.data->'rates'->'closureRate'->>'value')::float8 AS "closureRate",
  (b.data->'rates'->'satisfactionRate'->>'value')::float8 AS "satisfactionRate"`;

/** The last month a bulletin covers, for ordering (`2026-Q3` ends with `2026-09`, after `2026-08`). */
const periodEnd = sql`CASE WHEN b.kind = 'monthly' THEN b.period
  ELSE left(b.period, 5) || lpad((right(b.period, 1)::int * 3)::text, 2, '0') END`;

export async function findBulletinId(db: Queryable, kind: BulletinKind, period: string, unitId: number): Promise<number | undefined> {
  const row = await db.selectFrom('bulletins').select('id').where('kind', '=', kind).where('period', '=', period).where('unitId', '=', unitId).executeTakeFirst();
  return row?.id;
}

/** Inserts a bulletin unless one with the same (kind, period, unit) exists; returns the new id or undefined. */
export async function insertBulletin(db: Queryable, b: { kind: BulletinKind; period: string; unitId: number; generatedBy: number | null; generatedAt: Date; data: BulletinData; xlsx: Buffer }) {
  const row = await db.insertInto('bulletins')
    .values({ kind: b.kind, period: b.period, unitId: b.unitId, generatedBy: b.generatedBy, generatedAt: b.generatedAt, data: JSON.stringify(b.data), xlsx: b.xlsx })
    .onConflict((oc) => oc.columns(['kind', 'period', 'unitId']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function listBulletins(db: Queryable, scopePath: string, q: { kind?: BulletinKind; unitId?: number; limit: number; offset: number }) {
  const { rows } = await sql<BulletinSummary>`
    SELECT ${summaryColumns}
      FROM bulletins b JOIN units u ON u.id = b.unit_id
     WHERE u.path LIKE ${`${scopePath}%`}
       ${q.kind ? sql`AND b.kind = ${q.kind}` : sql``}
       ${q.unitId ? sql`AND b.unit_id = ${q.unitId}` : sql``}
     ORDER BY ${periodEnd} DESC, b.kind, u.path, b.id DESC
     LIMIT ${q.limit + 1} OFFSET ${q.offset}`.execute(db);
  return { items: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
}

/**
 * One bulletin inside the scope, with its snapshot (and the XLSX when asked).
 * @throws NOT_FOUND when it does not exist or lies outside the scope (the two are not told apart).
 */
export async function requireBulletin(db: Queryable, scopePath: string, id: number, opts: { xlsx?: boolean } = {}) {
  const { rows: [row] } = await sql<BulletinSummary & { data: BulletinData; xlsx?: Buffer }>`
    SELECT ${summaryColumns}, b.data ${opts.xlsx ? sql`, b.xlsx` : sql``}
      FROM bulletins b JOIN units u ON u.id = b.unit_id
     WHERE b.id = ${id} AND u.path LIKE ${`${scopePath}%`}`.execute(db);
  if (!row) throw new DomainError('NOT_FOUND');
  return row;
}
