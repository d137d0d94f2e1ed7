import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/database.ts';
import { DomainError, invalidInput } from '../../domain/errors.ts';
import { roles as allRoles, type Role } from '../../domain/roles.ts';
import { hashPassword, verifyPassword } from './password.ts';
import * as users from './user.repository.ts';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Checks a password and opens a session. Only the token's hash is stored, so
 * a leaked sessions table cannot be replayed.
 * @throws INVALID_CREDENTIALS for an unknown user, a wrong password or a deactivated account (one answer for all three).
 */
export async function logIn(db: Queryable, username: string, password: string, ttlSeconds: number) {
  const user = await users.findUserByUsername(db, username);
  // Verify against a dummy hash when the user is unknown, so timing does not reveal which names exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || !user.active) throw new DomainError('INVALID_CREDENTIALS');
  const token = randomBytes(32).toString('base64url');
  await users.insertSession(db, hashToken(token), user.id, new Date(Date.now() + ttlSeconds * 1000));
  return { token, userId: user.id };
}

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export async function logOut(db: Queryable, token: string) {
  await users.deleteSession(db, hashToken(token));
}

export interface NewUser {
  username: string;
  displayName: string;
  unitId: number;
  roles: Role[];
  password?: string;
  /** A precomputed hash (the demo city shares one so seeding stays fast). */
  passwordHash?: string;
}

/** One entry of an account's history (user_history), in the caller's transaction. */
async function recordUserChange(db: Queryable, entry: { userId: number; actorUserId: number | null; action: 'create' | 'change' | 'password'; before?: object; after?: object }) {
  await db.insertInto('userHistory').values({
    userId: entry.userId, actorUserId: entry.actorUserId, action: entry.action,
    before: entry.before ? JSON.stringify(entry.before) : null, after: entry.after ? JSON.stringify(entry.after) : null,
  }).execute();
}

/**
 * Adds a staff account to a unit, with a `create` entry in its history.
 * @param actorUserId the administrator (null from the command line or the demo seed).
 * @throws INVALID_INPUT for an unknown role or a short password; CONFLICT when the user name is taken; UNIT_NOT_FOUND.
 */
export async function createUser(db: Queryable, props: NewUser, actorUserId: number | null = null) {
  const bad = props.roles.filter((r) => !allRoles.includes(r));
  if (bad.length || props.roles.length === 0) {
    throw invalidInput(`角色无效：${bad.join(',') || '至少一个角色'}`, `unknown roles: ${bad.join(',') || 'at least one role'}`);
  }
  if (!props.passwordHash && (props.password ?? '').length < 8) {
    throw invalidInput('密码至少 8 位', 'the password needs at least 8 characters');
  }
  const unit = await db.selectFrom('units').select('id').where('id', '=', props.unitId).executeTakeFirst();
  if (!unit) throw new DomainError('UNIT_NOT_FOUND', { detail: String(props.unitId) });
  const taken = await users.findUserByUsername(db, props.username);
  if (taken) throw new DomainError('CONFLICT', { detail: `用户名 ${props.username} 已存在`, detail_en: `user name ${props.username} is taken` });
  const passwordHash = props.passwordHash ?? (await hashPassword(props.password!));
  const user = await db
    .insertInto('users')
    .values({ username: props.username, displayName: props.displayName, unitId: props.unitId, roles: props.roles, passwordHash })
    .returning(['id', 'username', 'displayName', 'unitId', 'roles'])
    .executeTakeFirstOrThrow();
  await recordUserChange(db, { userId: user.id, actorUserId, action: 'create', after: { ...user, active: true } });
  return user;
}

export interface UserChange {
  displayName?: string;
  unitId?: number;
  roles?: Role[];
  active?: boolean;
}

/** Fields an administrator may see of an account (never the password hash). */
const userView = ['id', 'username', 'displayName', 'unitId', 'roles', 'active'] as const;

/**
 * Changes an account's name, unit, roles or whether it may log in, with a
 * `change` entry (before and after) in its history. A
 * deactivated account's sessions end at once. An administrator cannot lock
 * themself out (deactivate their own account or drop their own admin role).
 * @throws USER_NOT_FOUND; UNIT_NOT_FOUND for a missing or inactive unit; INVALID_INPUT for no or unknown roles; PRECONDITION_FAILED for a self lock-out.
 */
export async function changeUser(db: Queryable, actorUserId: number, userId: number, change: UserChange) {
  const user = await db.selectFrom('users').select(userView).where('id', '=', userId).forUpdate().executeTakeFirst();
  if (!user) throw new DomainError('USER_NOT_FOUND', { detail: String(userId) });
  if (change.roles) {
    const bad = change.roles.filter((r) => !allRoles.includes(r));
    if (bad.length || change.roles.length === 0) {
      throw invalidInput(`角色无效：${bad.join(',') || '至少一个角色'}`, `unknown roles: ${bad.join(',') || 'at least one role'}`);
    }
  }
  if (userId === actorUserId && (change.active === false || (change.roles && !change.roles.includes('admin')))) {
    throw new DomainError('PRECONDITION_FAILED', { detail: '不能停用自己的账号或取消自己的管理员角色', detail_en: 'you cannot deactivate your own account or drop your own admin role' });
  }
  if (change.unitId !== undefined && change.unitId !== user.unitId) {
    const unit = await db.selectFrom('units').select('id').where('id', '=', change.unitId).where('active', '=', true).executeTakeFirst();
    if (!unit) throw new DomainError('UNIT_NOT_FOUND', { detail: String(change.unitId) });
  }
  const updated = await db
    .updateTable('users')
    .set({
      ...(change.displayName !== undefined ? { displayName: change.displayName } : {}),
      ...(change.unitId !== undefined ? { unitId: change.unitId } : {}),
      ...(change.roles ? { roles: change.roles } : {}),
      ...(change.active !== undefined ? { active: change.active } : {}),
    })
    .where('id', '=', userId)
    .returning(userView)
    .executeTakeFirstOrThrow();
  if (change.active === false) await db.deleteFrom('sessions').where('userId', '=', userId).execute();
  await recordUserChange(db, { userId, actorUserId, action: 'change', before: user, after: updated });
  return { before: user, after: updated };
}

/**
 * Sets a new password chosen by an administrator; the account's sessions end,
 * so whoever knew the old one is logged out. The history records who did it
 * and when, never the password.
 * @throws USER_NOT_FOUND; INVALID_INPUT for fewer than 8 characters.
 */
export async function resetPassword(db: Queryable, userId: number, password: string, actorUserId: number | null = null) {
  if (password.length < 8) throw invalidInput('密码至少 8 位', 'the password needs at least 8 characters');
  const passwordHash = await hashPassword(password);
  const row = await db.updateTable('users').set({ passwordHash }).where('id', '=', userId).returning('id').executeTakeFirst();
  if (!row) throw new DomainError('USER_NOT_FOUND', { detail: String(userId) });
  await db.deleteFrom('sessions').where('userId', '=', userId).execute();
  await recordUserChange(db, { userId, actorUserId, action: 'password' });
}
