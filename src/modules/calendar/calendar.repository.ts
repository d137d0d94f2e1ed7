import { sql } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import { WorkCalendar, type CalendarOverride, type IsoDate, type WorkingPeriod } from '../../domain/calendar.ts';
import { DomainError } from '../../domain/errors.ts';
import { getSetting } from './settings.repository.ts';

/**
 * The city's calendar corrections: overrides of single days and the years an
 * administrator confirmed. `date` is always read as 'YYYY-MM-DD' text: node-pg
 * would turn a `date` into a Date at local midnight of the server's TZ.
 */

export interface OverrideRow {
  date: IsoDate;
  kind: CalendarOverride['kind'];
  name: string | null;
  createdBy: number | null;
  createdAt: Date;
}

export interface ConfirmedYearRow {
  year: number;
  note: string | null;
  confirmedBy: number | null;
  confirmedAt: Date;
}

const overrideColumns = [
  sql<string>`to_char(date, 'YYYY-MM-DD')`.as('date'),
  'kind', 'name', 'createdBy', 'createdAt',
] as const;

/**
 * The working calendar as the city has it now: the official arrangement,
 * the overrides, the confirmed years and the office hours. Read fresh on each
 * call (three small queries), never cached, so every process sees an edit at once.
 * @throws DomainError INVALID_INPUT if a stored override or the working hours are malformed.
 */
export async function loadCalendar(db: Queryable): Promise<WorkCalendar> {
  const [overrides, years, workingPeriods] = await Promise.all([
    listOverrides(db),
    db.selectFrom('calendarYears').select('year').execute(),
    getSetting<WorkingPeriod[]>(db, 'working_hours'),
  ]);
  return new WorkCalendar({
    overrides: overrides.map((o) => ({ date: o.date, kind: o.kind, name: o.name ?? undefined })),
    confirmedYears: years.map((y) => y.year), workingPeriods });
}

/** Overrides in date order, optionally of one year. */
export async function listOverrides(db: Queryable, opts: { year?: number } = {}): Promise<OverrideRow[]> {
  let q = db.selectFrom('calendarOverrides').select(overrideColumns);
  if (opts.year !== undefined) q = q.where('date', '>=', `${opts.year}-01-01`).where('date', '<=', `${opts.year}-12-31`);
  return q.orderBy('calendarOverrides.date').execute();
}

/** Creates or replaces the override of one date. */
export async function upsertOverride(db: Queryable, override: Pick<OverrideRow, 'date' | 'kind' | 'name'>, actorUserId: number | null): Promise<OverrideRow> {
  const values = { kind: override.kind, name: override.name, createdBy: actorUserId };
  return db
    .insertInto('calendarOverrides')
    .values({ date: override.date, ...values })
    .onConflict((oc) => oc.column('date').doUpdateSet({ ...values, createdAt: sql<Date>`now()` }))
    .returning(overrideColumns)
    .executeTakeFirstOrThrow();
}

/** @throws DomainError NOT_FOUND when the date has no override. */
export async function deleteOverride(db: Queryable, date: IsoDate): Promise<OverrideRow> {
  const row = await db.deleteFrom('calendarOverrides').where('date', '=', date).returning(overrideColumns).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND');
  return row;
}

export async function listConfirmedYears(db: Queryable): Promise<ConfirmedYearRow[]> {
  return db.selectFrom('calendarYears').selectAll().orderBy('year').execute();
}

/** Marks a year as entered completely; confirming again replaces the note. */
export async function confirmYear(db: Queryable, year: number, note: string | null, actorUserId: number | null): Promise<ConfirmedYearRow> {
  return db
    .insertInto('calendarYears')
    .values({ year, note, confirmedBy: actorUserId })
    .onConflict((oc) => oc.column('year').doUpdateSet({ note, confirmedBy: actorUserId, confirmedAt: sql<Date>`now()` }))
    .returningAll()
    .executeTakeFirstOrThrow();
}
