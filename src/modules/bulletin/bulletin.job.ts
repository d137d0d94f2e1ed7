import type { Trx } from '../../db/database.ts';
import { DomainError } from '../../domain/errors.ts';
import { shanghaiDate } from '../../domain/kpi.ts';
import type { AppDeps } from '../../http/context.ts';
import type { Job } from '../../jobs/runner.ts';
import { loadCalendar } from '../calendar/calendar.repository.ts';
import { generateBulletin } from './bulletin.commands.ts';
import { duePeriods } from './bulletin.period.ts';

export const BULLETIN_JOB = 'bulletin-schedule';

/**
 * The schedule of bulletins: from the first working day of each month, last
 * month's bulletin of the city and of each county; in January, April, July
 * and October also last quarter's. Runs under the job's advisory lock (one
 * process at a time); each bulletin is made once (unique key), so a second
 * run, or a run on a later day, makes nothing new. A year whose holidays are
 * not confirmed falls back to Monday–Friday for "first working day".
 */
export async function runBulletinSchedule(deps: AppDeps, trx: Trx, now: Date): Promise<{ created: number; periods: string[] }> {
  const calendar = await loadCalendar(trx);
  const isWorkday = (d: string) => {
    try {
      return calendar.isWorkday(d);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'CALENDAR_UNCONFIRMED') return ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
      throw err;
    }
  };
  const periods = duePeriods(shanghaiDate(now), isWorkday);
  if (!periods.length) return { created: 0, periods };
  const units = await trx.selectFrom('units').select('id')
    .where((eb) => eb.or([eb('parentId', 'is', null), eb.and([eb('kind', '=', 'region'), eb('level', '=', 2), eb('active', '=', true)])]))
    .orderBy('path').execute();
  let created = 0;
  for (const period of periods) {
    for (const u of units) {
      const r = await generateBulletin(deps.db, trx, null, { period, unitId: u.id }, now);
      if (r.created) created++;
    }
  }
  return { created, periods };
}

export const bulletinScheduleJob: Job = {
  name: BULLETIN_JOB,
  everyMs: 15 * 60_000,
  exclusive: true,
  run: (deps, trx) => runBulletinSchedule(deps, trx!, new Date()),
};
