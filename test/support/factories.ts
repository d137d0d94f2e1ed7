import type { Db } from '../../src/db/database.ts';
import type { Role } from '../../src/domain/roles.ts';
import { createUnit, type UnitKind } from '../../src/modules/org/org.commands.ts';
import { createUser } from '../../src/modules/user/user.commands.ts';
import { hashPassword } from '../../src/modules/user/password.ts';

export const TEST_PASSWORD = 'test-password-1';
let sharedHash: Promise<string> | undefined;
/** One scrypt hash for every test user: hashing is slow on purpose. */
const passwordHash = () => (sharedHash ??= hashPassword(TEST_PASSWORD));

/**
 * A small city for tests:
 * city ─ centre (12345)
 *      ├ dept.zjj (市住建局)
 *      ├ ca (甲县) ─ ca.t1 (甲一镇) ─ ca.t1.v1 (甲一村)
 *      │           └ ca.t2 (甲二镇)
 *      └ cb (乙区) ─ cb.t1 (乙一街道)
 * Users: op, disp, rev, sup, lead, admin in the centre/city; for every
 * handling unit `<key>.h` (handler) and `<key>.head` (head).
 */
export async function buildOrgTree(db: Db) {
  const units: Record<string, number> = {};
  const add = async (key: string, name: string, kind: UnitKind, parent: string | null) => {
    const u = await createUnit(db, null, { key, name, kind, parentId: parent ? units[parent] : null });
    units[key] = u.id;
  };
  await add('city', '测试市', 'region', null);
  await add('centre', '测试市12345热线中心', 'centre', 'city');
  await add('dept.zjj', '测试市住建局', 'department', 'city');
  await add('ca', '甲县', 'region', 'city');
  await add('ca.t1', '甲一镇', 'region', 'ca');
  await add('ca.t1.v1', '甲一村', 'region', 'ca.t1');
  await add('ca.t2', '甲二镇', 'region', 'ca');
  await add('cb', '乙区', 'region', 'city');
  await add('cb.t1', '乙一街道', 'region', 'cb');

  const hash = await passwordHash();
  const users: Record<string, number> = {};
  const user = async (username: string, unit: string, roles: Role[]) => {
    const u = await createUser(db, { username, displayName: username, unitId: units[unit], roles, passwordHash: hash });
    users[username] = u.id;
  };
  await user('op', 'centre', ['operator']);
  await user('disp', 'centre', ['dispatcher']);
  await user('rev', 'centre', ['reviewer']);
  await user('sup', 'centre', ['supervisor']);
  await user('lead', 'city', ['leader']);
  await user('admin', 'centre', ['admin']);
  for (const key of ['dept.zjj', 'ca', 'ca.t1', 'ca.t1.v1', 'ca.t2', 'cb', 'cb.t1']) {
    await user(`${key}.h`, key, ['handler']);
    await user(`${key}.head`, key, ['head']);
  }
  return { units, users };
}
export type OrgTree = Awaited<ReturnType<typeof buildOrgTree>>;
