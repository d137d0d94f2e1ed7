import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { formatShanghai } from '../../domain/calendar.ts';
import { requireActor } from '../../http/auth.ts';
import type { AppDeps } from '../../http/context.ts';
import { languageOf } from '../../http/errors.ts';
import type { Trx } from '../../db/database.ts';
import { calendarStatusReport, confirmCalendarYear, listDays, putOverride, removeOverride, type OverrideChange } from './calendar.commands.ts';
import { presentOverride } from './calendar.presenter.ts';
import { listOverrides } from './calendar.repository.ts';
import * as S from './calendar.schemas.ts';

const tags = ['calendar'];
const presentChange = (c: OverrideChange) => ({ override: c.override && presentOverride(c.override), day: c.day });

/** The working calendar: read by all staff; overrides and confirmed years changed by administrators. */
export async function calendarRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tx = <T>(fn: (trx: Trx) => Promise<T>) => deps.db.transaction().execute(fn);

  r.get('/api/calendar/status', {
    schema: {
      tags, summary: 'Whether each year\'s holiday arrangement is confirmed; warnings for the current and next year',
      querystring: S.StatusQuery, response: { 200: S.StatusResponse },
    },
  }, async (request) => {
    const years = request.query.years?.split(',').map(Number);
    return calendarStatusReport(deps.db, years, new Date(), languageOf(request));
  });

  r.get('/api/calendar/days', {
    schema: { tags, summary: 'Each day from `from` to `to` (at most 400): working or not, its name and where that comes from', querystring: S.DaysQuery, response: { 200: S.Type.Array(S.Day) } },
  }, async (request) => listDays(deps.db, request.query.from, request.query.to));

  r.get('/api/calendar/overrides', {
    schema: { tags, summary: 'Admin overrides of the official calendar, optionally of one year', querystring: S.OverridesQuery, response: { 200: S.Type.Array(S.Override) } },
  }, async (request) => (await listOverrides(deps.db, { year: request.query.year })).map(presentOverride));

  r.put('/api/calendar/overrides/:date', {
    config: { permission: 'config.write' },
    schema: { tags, summary: 'Make a date a holiday or a working day (replaces an earlier override)', params: S.DateParams, body: S.OverrideBody, response: { 200: S.OverrideChange } },
  }, async (request) => {
    const actor = requireActor(request);
    return presentChange(await tx((trx) => putOverride(trx, actor.userId, request.params.date, { kind: request.body.kind, name: request.body.name })));
  });

  r.delete('/api/calendar/overrides/:date', {
    config: { permission: 'config.write' },
    schema: { tags, summary: 'Remove a date\'s override: the official arrangement applies again', params: S.DateParams, response: { 200: S.OverrideChange } },
  }, async (request) => presentChange(await tx((trx) => removeOverride(trx, request.params.date))));

  r.post('/api/calendar/years/:year/confirm', {
    config: { permission: 'config.write' },
    schema: { tags, summary: 'Confirm that a year\'s holidays and make-up days are entered', params: S.YearParams, body: S.ConfirmBody, response: { 200: S.ConfirmResponse } },
    // The body (a note) is optional: an empty POST is an empty object.
    preValidation: async (request) => { request.body ??= {}; },
  }, async (request) => {
    const actor = requireActor(request);
    const confirmed = await tx((trx) => confirmCalendarYear(trx, actor.userId, request.params.year, request.body.note ?? null));
    return { ...confirmed, confirmedAt: formatShanghai(confirmed.confirmedAt) };
  });
}
