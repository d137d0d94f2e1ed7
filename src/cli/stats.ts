import type { Db } from '../db/database.ts';
import { runProjector } from '../modules/stats/stats.projector.ts';
import { verifyStats } from '../modules/stats/stats.verify.ts';

/**
 * `minsheng stats verify|project|rebuild`: check the aggregates against a
 * recomputation from the case histories (exit 1 on any difference), catch
 * the projector up now, or rebuild every aggregate from scratch.
 */
export async function statsCommand(sub: string | undefined, withDb: <T>(fn: (db: Db) => Promise<T>) => Promise<T>) {
  switch (sub) {
    case 'verify':
      return withDb(async (db) => {
        const r = await verifyStats(db);
        const checked = Object.entries(r.checked).map(([t, n]) => `${t} ${n}`).join(', ');
        console.log(`checked: ${checked}`);
        console.log(`projected through history id ${r.projectedThrough}; ${r.tailEntries} newer entries recomputed on the fly`);
        for (const d of r.differences) console.log(`DIFFERENCE ${d.table} (${d.kind === 'expected' ? 'recomputed row missing or different' : 'aggregate row not recomputed'}): ${JSON.stringify(d.row)}`);
        if (r.ok) console.log('stats verify: OK, every aggregate equals the recomputation');
        else {
          console.log(`stats verify: ${r.differenceCount} rows differ`);
          process.exitCode = 1;
        }
      });
    case 'project':
    case 'rebuild':
      return withDb(async (db) => {
        const r = await runProjector(db, { rebuild: sub === 'rebuild' });
        console.log(r.skipped ? 'another process is projecting right now; nothing done' : JSON.stringify(r));
      });
    default:
      throw new Error('usage: minsheng stats verify | stats project | stats rebuild');
  }
}
