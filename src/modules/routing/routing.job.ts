import type { Queryable } from '../../db/database.ts';
import type { Job } from '../../jobs/runner.ts';
import { retrainModels, type TrainOutcome } from './routing.training.ts';
import { loadRoutingSettings } from './routing.settings.ts';

/**
 * The scheduled retraining (定时重新训练): checked every 10 minutes under an
 * advisory lock (one process city-wide); it trains once a day, after the
 * configured hour (Asia/Shanghai), when the newest model is older than that
 * instant — so after downtime it catches up at once, and a new installation
 * with no model trains on the next check. All state is in the database.
 */

export const RETRAIN_JOB = 'classifier-retrain';
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The latest scheduled instant at or before `now`: today's (Shanghai) `hour`:00, or yesterday's. */
export function lastScheduledAt(now: Date, hour: number): Date {
  const local = now.getTime() + SHANGHAI_OFFSET_MS;
  let at = Math.floor(local / DAY_MS) * DAY_MS + hour * 3_600_000;
  if (at > local) at -= DAY_MS;
  return new Date(at - SHANGHAI_OFFSET_MS);
}

/** Retrains when due (see above); `{ due: false }` otherwise. */
export async function retrainIfDue(db: Queryable, now: Date): Promise<{ due: false } | { due: true; outcomes: TrainOutcome[] }> {
  const settings = await loadRoutingSettings(db);
  if (!settings.retrain.enabled) return { due: false };
  const newest = await db.selectFrom('classifierModels').select((eb) => eb.fn.max('trainedAt').as('at')).executeTakeFirst();
  const lastAt = newest?.at ? new Date(newest.at as Date) : null;
  if (lastAt && lastAt >= lastScheduledAt(now, settings.retrain.hour)) return { due: false };
  return { due: true, outcomes: await retrainModels(db) };
}

export const retrainJob: Job = {
  name: RETRAIN_JOB,
  everyMs: 10 * 60_000,
  exclusive: true,
  run: (_deps, trx) => retrainIfDue(trx!, new Date()),
};
