import type { Db } from '../db/database.ts';
import { DomainError } from '../domain/errors.ts';
import type { Role } from '../domain/roles.ts';
import { findUnitByKey } from '../modules/org/org.repository.ts';
import { createUser } from '../modules/user/user.commands.ts';

export async function addUserCommand(db: Db, p: { username: string; name: string; unitKey: string; roles: string[]; password: string }) {
  const user = await db.transaction().execute(async (trx) => {
    const unit = await findUnitByKey(trx, p.unitKey);
    if (!unit) throw new DomainError('UNIT_NOT_FOUND', { detail: p.unitKey });
    return createUser(trx, { username: p.username, displayName: p.name, unitId: unit.id, roles: p.roles as Role[], password: p.password });
  });
  console.log(`added user ${user.username} (id ${user.id}) to ${p.unitKey} with roles ${user.roles.join(',')}`);
}
