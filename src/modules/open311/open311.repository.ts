import { sql } from 'kysely';
import type { Queryable, Trx } from '../../db/database.ts';
import { openStates } from '../../domain/lifecycle.ts';
import type { SessionActor } from '../../http/context.ts';

/**
 * Plain queries behind the Open311 endpoints. The public reads select a
 * fixed list of columns that holds no personal data: no citizen name, phone,
 * e-mail, device or account id, and the description as redacted at intake.
 */

export const SYSTEM_USERNAME = 'system.open311';

/**
 * The staff account that Open311 intake acts as (one per installation, made
 * on first use in the 12345 centre). It is inactive and has no usable
 * password, so nobody can log in as it; it only signs the cases' history.
 * @throws Error when the installation has no unit yet to attach it to.
 */
export async function open311Actor(trx: Trx): Promise<SessionActor> {
  const find = () => trx
    .selectFrom('users as u')
    .innerJoin('units as n', 'n.id', 'u.unitId')
    .select(['u.id', 'u.username', 'u.displayName', 'n.id as unitId', 'n.path', 'n.kind', 'n.name'])
    .where('u.username', '=', SYSTEM_USERNAME)
    .executeTakeFirst();
  let row = await find();
  if (!row) {
    await sql`
      INSERT INTO users (username, display_name, unit_id, roles, password_hash, active)
      SELECT ${SYSTEM_USERNAME}, 'Open311接口', u.id, ARRAY['operator'], '!no-login', false
      FROM units u WHERE u.active
      ORDER BY (u.kind = 'centre') DESC, u.level, u.id LIMIT 1
      ON CONFLICT (username) DO NOTHING
    `.execute(trx);
    row = await find();
  }
  if (!row) throw new Error('no unit exists yet to attach the Open311 account to');
  return {
    userId: row.id, username: row.username, displayName: row.displayName, unitId: row.unitId, unitPath: row.path,
    unitKind: row.kind, unitName: row.name, roles: ['operator'], citywide: true, hasSubUnits: false,
  };
}

export async function insertOpen311Request(trx: Trx, values: {
  caseId: number; apiKeyId: number; token: string; categoryId: number; publicDescription: string | null;
  addressString: string | null; addressId: string | null; lat: number | null; lng: number | null; mediaUrl: string | null;
  email: string | null; deviceId: string | null; accountId: string | null; attributes: Record<string, unknown>;
}) {
  await trx.insertInto('open311Requests').values({ ...values, attributes: JSON.stringify(values.attributes) }).execute();
}

/** Open311 requests with the public columns only; confidential cases (保密) are never listed. */
function publicRequests(db: Queryable) {
  return db
    .selectFrom('open311Requests as o')
    .innerJoin('cases as c', 'c.id', 'o.caseId')
    .innerJoin('categories as cat', 'cat.id', 'o.categoryId')
    .leftJoin('units as lead', 'lead.id', 'c.leadUnitId')
    .leftJoin('rejectReasons as rr', 'rr.code', 'c.rejectReasonCode')
    .select((eb) => [
      'c.number', 'c.state', 'c.receivedAt', 'c.updatedAt', 'c.closedAt', 'c.replyContent', 'c.directAnswer',
      'o.categoryId', 'cat.name as serviceName', 'o.publicDescription', 'o.addressString', 'o.addressId',
      'o.lat', 'o.lng', 'o.mediaUrl', 'lead.name as leadUnitName', 'rr.labelZh as rejectReason',
      eb.selectFrom('caseAssignments as a').select('a.replyDueAt')
        .whereRef('a.caseId', '=', 'c.id').where('a.role', '=', 'lead').where('a.status', 'not in', ['returned', 'withdrawn'])
        .orderBy('a.id', 'desc').limit(1)
        .as('leadReplyDueAt'),
    ])
    .where('c.confidential', '=', false);
}
export type PublicRequestRow = Awaited<ReturnType<ReturnType<typeof publicRequests>['execute']>>[number];

/** The requests with these case numbers, newest first. */
export async function findPublicRequests(db: Queryable, numbers: string[]): Promise<PublicRequestRow[]> {
  if (numbers.length === 0) return [];
  return publicRequests(db).where('c.number', 'in', numbers).orderBy('c.receivedAt', 'desc').orderBy('c.id', 'desc').execute();
}

export interface RequestSearch {
  serviceCodes?: string[];
  statuses?: ('open' | 'closed')[];
  start: Date;
  end: Date;
  limit: number;
  offset: number;
}

/** Requests received between `start` and `end` (inclusive), newest first, one page. */
export async function searchPublicRequests(db: Queryable, f: RequestSearch): Promise<PublicRequestRow[]> {
  let q = publicRequests(db).where('c.receivedAt', '>=', f.start).where('c.receivedAt', '<=', f.end);
  if (f.serviceCodes) {
    const ids = f.serviceCodes.filter((c) => /^\d{1,9}$/.test(c)).map(Number);
    if (ids.length === 0) return [];
    q = q.where('o.categoryId', 'in', ids);
  }
  const statuses = new Set(f.statuses ?? []);
  if (statuses.size === 1) q = q.where('c.state', statuses.has('open') ? 'in' : 'not in', [...openStates]);
  return q.orderBy('c.receivedAt', 'desc').orderBy('c.id', 'desc').limit(f.limit).offset(f.offset).execute();
}

/** The case number a token stands for. */
export async function findNumberByToken(db: Queryable, token: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('open311Requests as o')
    .innerJoin('cases as c', 'c.id', 'o.caseId')
    .select('c.number')
    .where('o.token', '=', token)
    .executeTakeFirst();
  return row?.number;
}
