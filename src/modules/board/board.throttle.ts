import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { keyHash } from './board.repository.ts';

/**
 * Limits counted in PostgreSQL (so every app process agrees): one row per
 * allowed event in `board_throttle`; an event is refused when `limit` rows of
 * its kind and key lie within the window. Rows older than two days are
 * pruned now and then by the callers' own inserts.
 */
export async function takeToken(
  db: Db, p: { kind: string; ip: string; now: Date; limit: number; windowSeconds: number },
): Promise<boolean> {
  const hash = keyHash('ip', p.ip);
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`board-throttle:${p.kind}:${hash}`}))`.execute(trx);
    const { n } = await trx.selectFrom('boardThrottle').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', p.kind).where('keyHash', '=', hash)
      .where('at', '>', new Date(p.now.getTime() - p.windowSeconds * 1000)).executeTakeFirstOrThrow();
    if (Number(n) >= p.limit) return false;
    await trx.insertInto('boardThrottle').values({ kind: p.kind, keyHash: hash, at: p.now }).execute();
    if (Math.random() < 0.02) {
      await trx.deleteFrom('boardThrottle').where('at', '<', new Date(p.now.getTime() - 2 * 86_400_000)).execute();
    }
    return true;
  });
}
