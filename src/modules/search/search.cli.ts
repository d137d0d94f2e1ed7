import type { Db } from '../../db/database.ts';
import { drainPending, queueReindex } from './search.repository.ts';

/**
 * `minsheng search reindex`: rebuilds every case's search document (after
 * an upgrade, or when the user dictionary changed). Safe while the server
 * runs: cases changed meanwhile are rebuilt in their own transactions.
 */
export async function searchCommand(sub: string | undefined, withDb: <T>(fn: (db: Db) => Promise<T>) => Promise<T>): Promise<void> {
  if (sub !== 'reindex') throw new Error('usage: minsheng search reindex');
  await withDb(async (db) => {
    const queued = await queueReindex(db);
    console.log(`rebuilding the search documents of ${queued} cases`);
    const t0 = performance.now();
    let last = 0;
    const done = await drainPending(db, {
      batch: 1000,
      onBatch: (n) => {
        if (n - last >= 20_000) { console.log(`  ${n} / ${queued}`); last = n; }
      },
    });
    console.log(`indexed ${done} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  });
}
