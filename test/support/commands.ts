import type { Db } from '../../src/db/database.ts';
import type { Ctx } from '../../src/http/context.ts';
import { loadActorByUsername } from '../../src/modules/user/user.repository.ts';

/**
 * Runs a command as a factory user at a chosen instant, in its own
 * transaction: for module tests where the clock matters (deadlines).
 */
export async function runAs<T>(db: Db, username: string, now: Date, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const actor = await loadActorByUsername(db, username);
  return db.transaction().execute((trx) => fn({ trx, actor, lang: 'zh', now, casePrefix: 'TS' }));
}
