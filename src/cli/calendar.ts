import { formatShanghai, WorkCalendar } from '../domain/calendar.ts';
import { invalidInput } from '../domain/errors.ts';

/**
 * `minsheng calendar …`: working-day arithmetic on China's official calendar
 * (the admin override table joins in with the time-limit work).
 */
export function calendarCommand(sub: string | undefined, args: string[]) {
  const calendar = new WorkCalendar();
  const date = (s: string | undefined) => {
    if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) throw invalidInput(`日期格式应为 YYYY-MM-DD：${s ?? ''}`, `a date must be YYYY-MM-DD: ${s ?? ''}`);
    return s;
  };
  const count = (s: string | undefined) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 0) throw invalidInput(`天数/小时数应为非负整数：${s ?? ''}`, `N must be a non-negative integer: ${s ?? ''}`);
    return n;
  };
  switch (sub) {
    case 'is-workday':
      return console.log(String(calendar.isWorkday(date(args[0]))));
    case 'add-days':
      return console.log(calendar.addWorkdays(date(args[0]), count(args[1])));
    case 'add-hours': {
      const at = new Date(args[0] ?? '');
      if (Number.isNaN(at.getTime())) throw invalidInput(`时间格式应为 ISO 8601：${args[0] ?? ''}`, `an instant must be ISO 8601: ${args[0] ?? ''}`);
      return console.log(formatShanghai(calendar.addWorkingHours(at, count(args[1]))));
    }
    default:
      throw invalidInput('用法：calendar is-workday|add-days|add-hours', 'usage: calendar is-workday|add-days|add-hours');
  }
}
