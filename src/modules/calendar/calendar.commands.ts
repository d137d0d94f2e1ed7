import type { Queryable } from '../../db/database.ts';
import { packageYears, requireIsoDate, shanghaiDate, type CalendarStatus, type DayInfo, type IsoDate } from '../../domain/calendar.ts';
import { invalidInput, renderMessage, type Language } from '../../domain/errors.ts';
import * as repo from './calendar.repository.ts';

/**
 * Administrators' changes to the working calendar. Each answers with the
 * new state of the day or year, as the calendar now computes it.
 */

export interface OverrideChange {
  override: repo.OverrideRow | null;
  /** The day as the calendar now sees it; null while its year is unconfirmed. */
  day: DayInfo | null;
}

/** Years the calendar accepts for overrides and confirmation. */
const YEAR_MIN = 2000;
const YEAR_MAX = 2100;

/** @throws DomainError INVALID_INPUT for a malformed date or one outside 2000–2100. */
function requireDate(date: string): IsoDate {
  requireIsoDate(date);
  const year = Number(date.slice(0, 4));
  if (year < YEAR_MIN || year > YEAR_MAX) throw invalidInput(`年份应在 ${YEAR_MIN}–${YEAR_MAX} 之间`, `the year must be within ${YEAR_MIN}–${YEAR_MAX}`);
  return date;
}

async function dayNow(db: Queryable, date: IsoDate): Promise<DayInfo | null> {
  const calendar = await repo.loadCalendar(db);
  return calendar.calendarStatus(Number(date.slice(0, 4))).confirmed ? calendar.describeDay(date) : null;
}

/**
 * Declares a date a holiday (a local holiday, a day of the State Council
 * notice) or a working day (a make-up day), replacing any earlier override.
 * @throws DomainError INVALID_INPUT for a malformed date.
 */
export async function putOverride(db: Queryable, actorUserId: number, date: string, props: { kind: 'workday' | 'holiday'; name?: string | null }): Promise<OverrideChange> {
  const override = await repo.upsertOverride(db, { date: requireDate(date), kind: props.kind, name: props.name?.trim() || null }, actorUserId);
  return { override, day: await dayNow(db, date) };
}

/**
 * Removes a date's override: the official arrangement applies again.
 * @throws DomainError NOT_FOUND when the date has no override; INVALID_INPUT for a malformed date.
 */
export async function removeOverride(db: Queryable, date: string): Promise<OverrideChange> {
  await repo.deleteOverride(db, requireDate(date));
  return { override: null, day: await dayNow(db, date) };
}

/**
 * Confirms that a year's holidays and make-up days are entered (for a year
 * the installed `chinese-days` package does not know), so deadlines may be
 * computed into it.
 * @throws DomainError INVALID_INPUT for a year outside 2000–2100.
 */
export async function confirmCalendarYear(db: Queryable, actorUserId: number, year: number, note: string | null) {
  if (!Number.isInteger(year) || year < YEAR_MIN || year > YEAR_MAX) throw invalidInput(`年份应在 ${YEAR_MIN}–${YEAR_MAX} 之间`, `the year must be within ${YEAR_MIN}–${YEAR_MAX}`);
  const row = await repo.confirmYear(db, year, note?.trim() || null, actorUserId);
  const status = (await repo.loadCalendar(db)).calendarStatus(year);
  return { ...status, note: row.note, confirmedBy: row.confirmedBy, confirmedAt: row.confirmedAt };
}

export interface CalendarWarning {
  year: number;
  code: 'CALENDAR_UNCONFIRMED';
  message: string;
}

/**
 * Each asked year's state, and a warning for the current and the next year
 * (Shanghai) when unconfirmed: what an administrator must enter before
 * deadlines reach into them.
 */
export async function calendarStatusReport(db: Queryable, years: readonly number[] | undefined, now: Date, lang: Language) {
  const calendar = await repo.loadCalendar(db);
  const current = Number(shanghaiDate(now).slice(0, 4));
  const watched = [current, current + 1];
  const warnings: CalendarWarning[] = watched
    .filter((year) => !calendar.calendarStatus(year).confirmed)
    .map((year) => ({ year, code: 'CALENDAR_UNCONFIRMED', message: renderMessage('CALENDAR_UNCONFIRMED', { year }, lang) }));
  const statuses: CalendarStatus[] = (years?.length ? [...new Set(years)] : watched).map((y) => calendar.calendarStatus(y));
  const known = packageYears();
  return { years: statuses, packageYears: { from: known[0], to: known[known.length - 1] }, warnings };
}

/**
 * What each day from `from` to `to` (inclusive, at most 400 days) is and why.
 * @throws DomainError CALENDAR_UNCONFIRMED when the range reaches an unconfirmed year; INVALID_INPUT for bad dates or range.
 */
export async function listDays(db: Queryable, from: string, to: string): Promise<DayInfo[]> {
  requireDate(from);
  requireDate(to);
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days < 1 || days > 400) throw invalidInput('日期范围应为 1–400 天，且起始不晚于结束', 'the range must be 1–400 days, from not after to');
  const calendar = await repo.loadCalendar(db);
  const out: DayInfo[] = [];
  for (let i = 0; i < days; i++) {
    out.push(calendar.describeDay(new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10)));
  }
  return out;
}
