/**
 * China's working-day calendar (工作日历) in Asia/Shanghai: official holidays
 * and make-up working days (调休) from the `chinese-days` package, corrected
 * and extended by admin-entered overrides. Time limits in working days or
 * working hours are computed here, never with a Monday–Friday guess: a date in
 * a year nobody has confirmed throws `CALENDAR_UNCONFIRMED`.
 *
 * Shanghai has had a fixed UTC+08:00 offset without daylight saving since
 * 1991, so all conversions use that offset and ignore the server's TZ.
 */
import packageDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { DomainError, invalidInput } from './errors.ts';

/** A civil date in Shanghai, 'YYYY-MM-DD'. */
export type IsoDate = string;

/** An admin's correction: a local holiday, or a working day the package lacks. */
export interface CalendarOverride {
  date: IsoDate;
  kind: 'workday' | 'holiday';
  name?: string;
}

/** A daily working period in Shanghai wall-clock time, 'HH:MM' to 'HH:MM'. */
export interface WorkingPeriod {
  start: string;
  end: string;
}

export interface CalendarOptions {
  overrides?: readonly CalendarOverride[];
  /** Years an admin has entered completely, beyond those the package knows. */
  confirmedYears?: readonly number[];
  workingPeriods?: readonly WorkingPeriod[];
}

export interface CalendarStatus {
  year: number;
  confirmed: boolean;
  source: 'package' | 'override' | 'none';
}

export interface DayInfo {
  date: IsoDate;
  workday: boolean;
  /** Holiday or make-up day name, e.g. '国庆节'; null for an ordinary day. */
  name: string | null;
  source: 'override' | 'package' | 'weekday';
}

/** Standard office hours of Chinese government units. */
export const DEFAULT_WORKING_PERIODS: readonly WorkingPeriod[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '17:30' },
];

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

// Values look like "National Day,国庆节,3": English name, Chinese name, length.
const PACKAGE = packageDays as { holidays: Record<string, string>; workdays: Record<string, string> };
const PACKAGE_YEARS: ReadonlySet<number> = new Set(
  [...Object.keys(PACKAGE.holidays), ...Object.keys(PACKAGE.workdays)].map((d) => Number(d.slice(0, 4))),
);

/** The calendar years (Gregorian) whose official arrangement the installed package carries. */
export function packageYears(): number[] {
  return [...PACKAGE_YEARS].sort((a, b) => a - b);
}

/**
 * Working days and working hours for one deployment (one city's overrides
 * and office hours). Immutable; build a new one when the admin table changes.
 */
export class WorkCalendar {
  private readonly overrides = new Map<IsoDate, CalendarOverride>();
  private readonly confirmedYears: ReadonlySet<number>;
  /** Periods as [start, end) offsets in ms from Shanghai midnight, ascending. */
  private readonly periods: readonly (readonly [number, number])[];

  /** @throws DomainError INVALID_INPUT for a malformed override, duplicate date or bad working period. */
  constructor(options: CalendarOptions = {}) {
    for (const o of options.overrides ?? []) {
      parseDate(o.date);
      if (o.kind !== 'workday' && o.kind !== 'holiday') throw invalidInput(`日历覆盖类型无效：${String(o.kind)}`, `Bad override kind: ${String(o.kind)}`);
      if (this.overrides.has(o.date)) throw invalidInput(`日历覆盖日期重复：${o.date}`, `Duplicate override date: ${o.date}`);
      this.overrides.set(o.date, o);
    }
    this.confirmedYears = new Set(options.confirmedYears ?? []);
    this.periods = parsePeriods(options.workingPeriods ?? DEFAULT_WORKING_PERIODS);
  }

  /** Whether a year's holiday arrangement is known, and from where; lets admins see what they must enter. */
  calendarStatus(year: number): CalendarStatus {
    if (PACKAGE_YEARS.has(year)) return { year, confirmed: true, source: 'package' };
    if (this.confirmedYears.has(year)) return { year, confirmed: true, source: 'override' };
    return { year, confirmed: false, source: 'none' };
  }

  /**
   * What a date is and why: override first, then the State Council arrangement,
   * then the ordinary week.
   * @throws DomainError CALENDAR_UNCONFIRMED when the date's year is not confirmed; INVALID_INPUT for a malformed date.
   */
  describeDay(date: IsoDate): DayInfo {
    const year = parseDate(date).getUTCFullYear();
    if (!this.calendarStatus(year).confirmed) throw new DomainError('CALENDAR_UNCONFIRMED', { year });
    const override = this.overrides.get(date);
    if (override) return { date, workday: override.kind === 'workday', name: override.name ?? null, source: 'override' };
    const holiday = PACKAGE.holidays[date];
    if (holiday) return { date, workday: false, name: holiday.split(',')[1] ?? holiday, source: 'package' };
    const makeUp = PACKAGE.workdays[date];
    if (makeUp) return { date, workday: true, name: makeUp.split(',')[1] ?? makeUp, source: 'package' };
    const weekday = parseDate(date).getUTCDay();
    return { date, workday: weekday !== 0 && weekday !== 6, name: null, source: 'weekday' };
  }

  /**
   * Whether government units work on this Shanghai date (make-up weekends included).
   * @throws DomainError CALENDAR_UNCONFIRMED when the date's year is not confirmed; INVALID_INPUT for a malformed date.
   */
  isWorkday(date: IsoDate): boolean {
    return this.describeDay(date).workday;
  }

  /**
   * The N-th working day after `date`: a limit of N working days starts counting
   * the day after receipt. n = 0 returns `date` itself (same-day limits).
   * @throws DomainError CALENDAR_UNCONFIRMED when counting reaches an unconfirmed year; INVALID_INPUT for a bad date or n.
   */
  addWorkdays(date: IsoDate, n: number): IsoDate {
    parseDate(date);
    requireCount(n, Number.isInteger(n), '工作日数', 'working days');
    let day = date;
    for (let left = n; left > 0; ) {
      day = addDays(day, 1);
      if (this.isWorkday(day)) left -= 1;
    }
    return day;
  }

  /**
   * The deadline of an N-working-day limit: 24:00 Shanghai (00:00 of the next
   * day) at the end of the N-th working day after the receipt date.
   * @throws DomainError CALENDAR_UNCONFIRMED when counting reaches an unconfirmed year; INVALID_INPUT for a bad instant or n.
   */
  deadlineForWorkdays(receivedAt: Date, n: number): Date {
    const lastDay = this.addWorkdays(shanghaiDate(receivedAt), n);
    return new Date(shanghaiMidnight(addDays(lastDay, 1)));
  }

  /**
   * The instant `hours` working hours after `instant`, counting only working
   * periods of working days (urgent limits such as "sign within 2 hours").
   * From outside working time the count starts at the next period's start.
   * @throws DomainError CALENDAR_UNCONFIRMED when counting reaches an unconfirmed year; INVALID_INPUT for a bad instant or hours.
   */
  addWorkingHours(instant: Date, hours: number): Date {
    requireCount(hours, true, '工作小时数', 'working hours');
    return this.addWorkingMillis(instant, Math.round(hours * 3_600_000));
  }

  /**
   * The instant `ms` milliseconds of working time after `instant`: the exact
   * form of `addWorkingHours`, used to resume a suspended clock with the
   * working time that was left (`workingMillisBetween` gives it) and for
   * limits in minutes. Ends exactly at a period's end rather than at the next start.
   * @throws DomainError CALENDAR_UNCONFIRMED when counting reaches an unconfirmed year; INVALID_INPUT for a bad instant or a negative or fractional ms.
   */
  addWorkingMillis(instant: Date, ms: number): Date {
    requireCount(ms, Number.isInteger(ms), '工作时长（毫秒）', 'working milliseconds');
    let left = ms;
    for (const [start, end] of this.workingIntervals(instantMs(instant))) {
      if (left <= end - start) return new Date(start + left);
      left -= end - start;
    }
    throw new Error('unreachable: working intervals are unbounded');
  }

  /**
   * Working time in ms between two instants, for clocks that pause (suspended
   * cases) and for "how long did handling take" statistics.
   * @throws DomainError CALENDAR_UNCONFIRMED when the span touches an unconfirmed year; INVALID_INPUT when b is before a.
   */
  workingMillisBetween(a: Date, b: Date): number {
    const from = instantMs(a);
    const to = instantMs(b);
    if (to < from) throw invalidInput('结束时间早于开始时间', 'The end is before the start');
    let total = 0;
    for (const [start, end] of this.workingIntervals(from, shanghaiDate(b))) {
      if (start >= to) break;
      total += Math.min(end, to) - start;
    }
    return total;
  }

  /** Working periods from `fromMs` onward, clipped to start no earlier; stops after `lastDay` if given. */
  private *workingIntervals(fromMs: number, lastDay?: IsoDate): Generator<[number, number]> {
    for (let day = shanghaiDate(new Date(fromMs)); lastDay === undefined || day <= lastDay; day = addDays(day, 1)) {
      if (!this.isWorkday(day)) continue;
      const midnight = shanghaiMidnight(day);
      for (const [startOffset, endOffset] of this.periods) {
        const start = Math.max(midnight + startOffset, fromMs);
        const end = midnight + endOffset;
        if (start < end) yield [start, end];
      }
    }
  }
}

/** The Shanghai civil date of an instant, whatever the server's TZ. @throws DomainError INVALID_INPUT for an invalid Date. */
export function shanghaiDate(instant: Date): IsoDate {
  return new Date(instantMs(instant) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * ISO 8601 with an explicit +08:00 offset, e.g. '2026-01-05T10:30:00+08:00',
 * so deadlines read the same to citizens, staff and logs. Milliseconds appear only when non-zero.
 * @throws DomainError INVALID_INPUT for an invalid Date.
 */
export function formatShanghai(instant: Date): string {
  const local = new Date(instantMs(instant) + SHANGHAI_OFFSET_MS).toISOString();
  return `${local.endsWith('.000Z') ? local.slice(0, 19) : local.slice(0, 23)}+08:00`;
}

function instantMs(instant: Date): number {
  const ms = instant instanceof Date ? instant.getTime() : NaN;
  if (Number.isNaN(ms)) throw invalidInput('时间无效', 'Invalid instant');
  return ms;
}

/**
 * The date itself when it is a real calendar date written 'YYYY-MM-DD'.
 * @throws DomainError INVALID_INPUT otherwise (e.g. '2026-02-30', '2026-2-3').
 */
export function requireIsoDate(date: string): IsoDate {
  parseDate(date);
  return date;
}

function parseDate(date: IsoDate): Date {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    throw invalidInput(`日期格式应为 YYYY-MM-DD：${date}`, `Date must be YYYY-MM-DD: ${date}`);
  }
  return parsed;
}

function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(parseDate(date).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant (ms) of 00:00 Shanghai on a date. */
function shanghaiMidnight(date: IsoDate): number {
  return parseDate(date).getTime() - SHANGHAI_OFFSET_MS;
}

function requireCount(n: number, ok: boolean, zh: string, en: string): void {
  if (!Number.isFinite(n) || n < 0 || !ok) throw invalidInput(`${zh}无效：${n}`, `Invalid number of ${en}: ${n}`);
}

function parsePeriods(periods: readonly WorkingPeriod[]): [number, number][] {
  const toMs = (hhmm: string): number => {
    const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm);
    if (!m || (m[1] === '24' && m[2] !== '00')) throw invalidInput(`时间应为 HH:MM：${hhmm}`, `Time must be HH:MM: ${hhmm}`);
    return (Number(m[1]) * 60 + Number(m[2])) * 60_000;
  };
  const parsed = periods.map((p): [number, number] => [toMs(p.start), toMs(p.end)]).sort((x, y) => x[0] - y[0]);
  const broken = parsed.some(([s, e], i) => e <= s || (i > 0 && s < parsed[i - 1][1]));
  if (parsed.length === 0 || broken) throw invalidInput('工作时段为空、倒置或重叠', 'Working periods are empty, reversed or overlapping');
  return parsed;
}
