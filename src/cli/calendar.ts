import type { Db } from '../db/database.ts';
import { formatShanghai, shanghaiDate, WorkCalendar } from '../domain/calendar.ts';
import { DomainError, invalidInput } from '../domain/errors.ts';
import { loadCalendar } from '../modules/calendar/calendar.repository.ts';

/** Opens the installation's database, runs `fn` on it and closes it again (main.ts's withDatabase). */
export type WithDb = <T>(fn: (db: Db) => Promise<T>) => Promise<T>;

/**
 * `minsheng calendar …`: working-day arithmetic on China's official calendar
 * with the city's admin overrides, confirmed years and office hours from the
 * database. When the database cannot be reached the official calendar alone
 * is used, with a warning on stderr (never a Monday–Friday guess: unconfirmed
 * years still fail).
 * @throws DomainError INVALID_INPUT for bad arguments; CALENDAR_UNCONFIRMED for a date in an unconfirmed year.
 */
export async function calendarCommand(sub: string | undefined, args: string[], withDb: WithDb) {
  const date = (s: string | undefined) => {
    if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) throw invalidInput(`日期格式应为 YYYY-MM-DD：${s ?? ''}`, `a date must be YYYY-MM-DD: ${s ?? ''}`);
    return s;
  };
  const count = (s: string | undefined) => {
    const n = Number(s);
    if (!s || !Number.isInteger(n) || n < 0) throw invalidInput(`天数/小时数应为非负整数：${s ?? ''}`, `N must be a non-negative integer: ${s ?? ''}`);
    return n;
  };
  const year = (s: string | undefined) => {
    if (!s || !/^\d{4}$/.test(s)) throw invalidInput(`年份格式应为 YYYY：${s ?? ''}`, `a year must be YYYY: ${s ?? ''}`);
    return Number(s);
  };
  // Arguments are checked before the database is opened.
  let run: (calendar: WorkCalendar) => string;
  switch (sub) {
    case 'is-workday': {
      const d = date(args[0]);
      run = (c) => String(c.isWorkday(d));
      break;
    }
    case 'add-days': {
      const d = date(args[0]);
      const n = count(args[1]);
      run = (c) => c.addWorkdays(d, n);
      break;
    }
    case 'add-hours': {
      const at = new Date(args[0] ?? '');
      if (!args[0] || Number.isNaN(at.getTime())) throw invalidInput(`时间格式应为 ISO 8601：${args[0] ?? ''}`, `an instant must be ISO 8601: ${args[0] ?? ''}`);
      const n = count(args[1]);
      run = (c) => formatShanghai(c.addWorkingHours(at, n));
      break;
    }
    case 'status': {
      const current = Number(shanghaiDate(new Date()).slice(0, 4));
      const years = args[0] ? [year(args[0])] : [current, current + 1];
      run = (c) => years.map((y) => {
        const s = c.calendarStatus(y);
        return s.confirmed ? `${y}: confirmed (${s.source})` : `${y}: unconfirmed`;
      }).join('\n');
      break;
    }
    default:
      throw invalidInput('用法：calendar is-workday|add-days|add-hours|status', 'usage: calendar is-workday|add-days|add-hours|status');
  }
  console.log(run(await cityCalendar(withDb)));
}

async function cityCalendar(withDb: WithDb): Promise<WorkCalendar> {
  try {
    return await withDb(loadCalendar);
  } catch (err) {
    if (err instanceof DomainError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    console.error(`warning: database unreachable (${reason}); using the official calendar without this city's overrides`);
    return new WorkCalendar();
  }
}
