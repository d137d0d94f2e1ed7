import type { Job } from '../../jobs/runner.ts';
import { drainPendingBatch } from './search.repository.ts';

/**
 * Builds the search documents still queued (all cases right after the
 * search migration, or after `minsheng search reindex`): a few batches per
 * tick, so a large backlog fills in over minutes without holding the
 * machine. Not exclusive: processes share the queue (SKIP LOCKED).
 */
export const searchBackfillJob: Job = {
  name: 'search.backfill',
  everyMs: 20_000,
  exclusive: false,
  async run(deps) {
    let done = 0;
    for (let i = 0; i < 4; i++) {
      const n = await drainPendingBatch(deps.db, 500);
      done += n;
      if (!n) break;
    }
    return done;
  },
};
