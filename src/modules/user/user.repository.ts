import { sql } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Role } from '../../domain/roles.ts';
import { seesWholeCity } from '../../domain/roles.ts';
import type { SessionActor } from '../../http/context.ts';

/** Plain queries over users and sessions; no rules here. */

export async function findUserByUsername(db: Queryable, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

/** Loads the acting user with the unit facts that scope what they see. */
export async function loadActor(db: Queryable, userId: number): Promise<SessionActor | undefined> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('units as n', 'n.id', 'u.unitId')
    .select([
      'u.id', 'u.username', 'u.displayName', 'u.roles', 'u.active',
      'n.id as unitId', 'n.path as unitPath', 'n.kind as unitKind', 'n.name as unitName',
      (eb) => eb.exists(eb.selectFrom('units as c').select('c.id').whereRef('c.parentId', '=', 'n.id').where('c.active', '=', true)).as('hasSubUnits'),
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row || !row.active) return undefined;
  const roles = row.roles as Role[];
  return {
    userId: row.id,
    username: row.username,
    displayName: row.displayName,
    unitId: row.unitId,
    unitPath: row.unitPath,
    unitKind: row.unitKind,
    unitName: row.unitName,
    roles,
    citywide: seesWholeCity(roles, row.unitKind),
    hasSubUnits: Boolean(row.hasSubUnits),
  };
}

/** How stale a session's expiry may get before a request slides it forward: at most one write a minute per session. */
export const sessionSlideSeconds = 60;

/**
 * The acting user of a live session, in one statement: the session, the user
 * and the unit facts of {@link loadActor}. The expiry slides forward (to now +
 * ttl) only when it is more than {@link sessionSlideSeconds} (a tenth of a
 * short ttl) behind, so most
 * requests only read — a session still ends `ttlSeconds` (± a minute) after
 * its last use.
 */
export async function loadSessionActor(db: Queryable, tokenHash: string, ttlSeconds: number): Promise<SessionActor | undefined> {
  const { rows } = await sql<{
    id: number; username: string; displayName: string; roles: string[]; active: boolean;
    unitId: number; unitPath: string; unitKind: string; unitName: string; hasSubUnits: boolean;
  }>`
    -- live: the session if still valid; slid: its expiry moved forward when due (see above).
    WITH live AS (
      SELECT user_id FROM sessions WHERE token_hash = ${tokenHash} AND expires_at > now()
    ), slid AS (
      UPDATE sessions SET expires_at = now() + make_interval(secs => ${ttlSeconds})
       WHERE token_hash = ${tokenHash} AND expires_at > now()
         AND expires_at < now() + make_interval(secs => ${ttlSeconds - Math.min(sessionSlideSeconds, Math.floor(ttlSeconds / 10))})
    )
    SELECT u.id, u.username, u.display_name, u.roles, u.active,
           n.id AS unit_id, n.path AS unit_path, n.kind AS unit_kind, n.name AS unit_name,
           EXISTS (SELECT 1 FROM units c WHERE c.parent_id = n.id AND c.active) AS has_sub_units
      FROM live JOIN users u ON u.id = live.user_id JOIN units n ON n.id = u.unit_id`.execute(db);
  const row = rows[0];
  if (!row || !row.active) return undefined;
  const roles = row.roles as Role[];
  return {
    userId: row.id, username: row.username, displayName: row.displayName, unitId: row.unitId, unitPath: row.unitPath,
    unitKind: row.unitKind, unitName: row.unitName, roles, citywide: seesWholeCity(roles, row.unitKind), hasSubUnits: Boolean(row.hasSubUnits),
  };
}

export async function loadActorByUsername(db: Queryable, username: string): Promise<SessionActor> {
  const user = await findUserByUsername(db, username);
  const actor = user && (await loadActor(db, user.id));
  if (!actor) throw new DomainError('USER_NOT_FOUND', { detail: username });
  return actor;
}

export async function insertSession(db: Queryable, tokenHash: string, userId: number, expiresAt: Date) {
  await db.insertInto('sessions').values({ tokenHash, userId, expiresAt }).execute();
}

/** The user of a live session, sliding its expiry forward. */
export async function touchSession(db: Queryable, tokenHash: string, ttlSeconds: number) {
  const row = await db
    .updateTable('sessions')
    .set({ expiresAt: sql`now() + make_interval(secs => ${ttlSeconds})` })
    .where('tokenHash', '=', tokenHash)
    .where('expiresAt', '>', sql<Date>`now()`)
    .returning('userId')
    .executeTakeFirst();
  return row?.userId;
}

export async function deleteSession(db: Queryable, tokenHash: string) {
  await db.deleteFrom('sessions').where('tokenHash', '=', tokenHash).execute();
}

export async function listUsers(db: Queryable) {
  return db
    .selectFrom('users as u')
    .innerJoin('units as n', 'n.id', 'u.unitId')
    .select(['u.id', 'u.username', 'u.displayName', 'u.roles', 'u.active', 'u.unitId', 'n.name as unitName'])
    .orderBy('u.id')
    .execute();
}

/**
 * An account's history, oldest first, with who acted (null from the command line).
 * @throws USER_NOT_FOUND for an unknown account.
 */
export async function userHistory(db: Queryable, userId: number) {
  const user = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (!user) throw new DomainError('USER_NOT_FOUND', { detail: String(userId) });
  const rows = await db.selectFrom('userHistory as h')
    .leftJoin('users as a', 'a.id', 'h.actorUserId')
    .select(['h.id', 'h.at', 'h.action', 'h.actorUserId', 'a.displayName as actorName', 'h.before', 'h.after'])
    .where('h.userId', '=', userId)
    .orderBy('h.id')
    .execute();
  return rows.map((r) => ({ ...r, at: r.at.toISOString(), before: r.before as object | null, after: r.after as object | null }));
}
