import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { packageYears, shanghaiDate } from '../../src/domain/calendar.ts';
import { startTestApp, type TestApp } from '../support/http.ts';
import { ok, refused } from '../support/expect.ts';

/** The calendar with admin overrides, the settings and the time-limit table, over HTTP. */
describe('calendar, settings and time limits', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(async () => { await t.close(); });

  type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  const call = async (username: string | null, method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const cookie = username ? await t.cookieOf(username) : undefined;
    return t.app.inject({ method, url, payload: body as object | undefined, headers: { ...(cookie ? { cookie } : {}), ...headers } });
  };
  const preview = (q: Record<string, string | number>) =>
    call('admin', 'GET', `/api/time-limits/preview?${new URLSearchParams(Object.entries(q).map(([k, v]): [string, string] => [k, String(v)]))}`);
  const dueOf = async (q: Record<string, string | number>) => (await ok(preview(q))).due as string;

  it('reports each year\'s state to every staff member, with warnings for unconfirmed current and next years', async () => {
    await refused(call(null, 'GET', '/api/calendar/status'), 401, 'UNAUTHENTICATED');
    const status = await ok(call('ca.h', 'GET', '/api/calendar/status?years=2025,2031'));
    assert.deepEqual(status.years, [
      { year: 2025, confirmed: true, source: 'package' },
      { year: 2031, confirmed: false, source: 'none' },
    ]);
    const current = Number(shanghaiDate(new Date()).slice(0, 4));
    const expected = [current, current + 1].filter((y) => !packageYears().includes(y));
    assert.deepEqual(status.warnings.map((w: { year: number }) => w.year), expected);
    for (const w of status.warnings) {
      assert.equal(w.code, 'CALENDAR_UNCONFIRMED');
      assert.equal(w.message, `${w.year}年的节假日安排尚未确认，请管理员补充日历`);
    }
    const en = await ok(call('admin', 'GET', '/api/calendar/status', undefined, { 'accept-language': 'en' }));
    assert.deepEqual(en.years.map((y: { year: number }) => y.year), [current, current + 1]);
    for (const w of en.warnings) assert.match(w.message, /not confirmed yet/);
    await refused(call('admin', 'GET', '/api/calendar/status?years=20x5'), 400, 'INVALID_INPUT');
  });

  it('a local holiday on a Monday moves working-day deadlines, and removing it moves them back', async () => {
    // An inquiry received on Friday 2026-01-09: 5 working days are 01-12 … 01-16.
    const inquiry = { stage: 'reply', type: 'inquiry', at: '2026-01-09T10:00:00+08:00' };
    assert.equal(await dueOf(inquiry), '2026-01-17T00:00:00+08:00');

    const put = await ok(call('admin', 'PUT', '/api/calendar/overrides/2026-01-12', { kind: 'holiday', name: '地方假日' }));
    assert.equal(put.override.date, '2026-01-12');
    assert.equal(put.override.kind, 'holiday');
    assert.equal(put.override.createdBy, t.org.users['admin']);
    assert.deepEqual(put.day, { date: '2026-01-12', workday: false, name: '地方假日', source: 'override' });
    assert.equal(await dueOf(inquiry), '2026-01-20T00:00:00+08:00');

    const days = await ok(call('ca.h', 'GET', '/api/calendar/days?from=2026-01-10&to=2026-01-13'));
    assert.deepEqual(days.map((d: { workday: boolean; source: string }) => [d.workday, d.source]), [
      [false, 'weekday'], [false, 'weekday'], [false, 'override'], [true, 'weekday'],
    ]);
    const list = await ok(call('ca.h', 'GET', '/api/calendar/overrides?year=2026'));
    assert.deepEqual(list.map((o: { date: string }) => o.date), ['2026-01-12']);

    // Replacing the override: a make-up working Saturday instead.
    const sat = await ok(call('admin', 'PUT', '/api/calendar/overrides/2026-01-10', { kind: 'workday', name: '调休上班' }));
    assert.equal(sat.day.workday, true);
    assert.equal(await dueOf(inquiry), '2026-01-17T00:00:00+08:00'); // 01-10, 01-13 … 01-16

    const removed = await ok(call('admin', 'DELETE', '/api/calendar/overrides/2026-01-12'));
    assert.deepEqual(removed, { override: null, day: { date: '2026-01-12', workday: true, name: null, source: 'weekday' } });
    await ok(call('admin', 'DELETE', '/api/calendar/overrides/2026-01-10'));
    assert.equal(await dueOf(inquiry), '2026-01-17T00:00:00+08:00');
    await refused(call('admin', 'DELETE', '/api/calendar/overrides/2026-01-12'), 404, 'NOT_FOUND');
    await refused(call('admin', 'PUT', '/api/calendar/overrides/2026-02-30', { kind: 'holiday' }), 400, 'INVALID_INPUT');
    await refused(call('admin', 'PUT', '/api/calendar/overrides/2026-03-02', { kind: 'party' }), 400, 'INVALID_INPUT');
  });

  it('an unconfirmed year is refused with 422 CALENDAR_UNCONFIRMED until an admin confirms it', async () => {
    const err = await refused(call('admin', 'GET', '/api/calendar/days?from=2027-01-01&to=2027-01-04'), 422, 'CALENDAR_UNCONFIRMED');
    assert.equal(err.message, '2027年的节假日安排尚未确认，请管理员补充日历');
    const complaint = { stage: 'reply', type: 'complaint', at: '2026-12-24T10:00:00+08:00' };
    await refused(preview(complaint), 422, 'CALENDAR_UNCONFIRMED');

    // The admin enters the notice for 2027 (here only New Year's Day), then confirms the year.
    const entered = await ok(call('admin', 'PUT', '/api/calendar/overrides/2027-01-01', { kind: 'holiday', name: '元旦' }));
    assert.equal(entered.day, null, 'the day is not computable before the year is confirmed');
    await refused(call('admin', 'GET', '/api/calendar/days?from=2027-01-01&to=2027-01-01'), 422, 'CALENDAR_UNCONFIRMED');
    const confirmed = await ok(call('admin', 'POST', '/api/calendar/years/2027/confirm', { note: '国务院办公厅2027年部分节假日安排' }));
    assert.equal(confirmed.year, 2027);
    assert.equal(confirmed.confirmed, true);
    assert.equal(confirmed.source, 'override');
    assert.equal(confirmed.confirmedBy, t.org.users['admin']);
    assert.match(confirmed.confirmedAt, /\+08:00$/);

    const days = await ok(call('ca.h', 'GET', '/api/calendar/days?from=2027-01-01&to=2027-01-04'));
    assert.deepEqual(days.map((d: { workday: boolean }) => d.workday), [false, false, false, true]);
    assert.equal(days[0].name, '元旦');
    // 10 working days after Thursday 2026-12-24: 12-25, 12-28 … 12-31, then 2027-01-04 … 01-08.
    assert.equal(await dueOf(complaint), '2027-01-09T00:00:00+08:00');
    const status = await ok(call('admin', 'GET', '/api/calendar/status?years=2027'));
    assert.deepEqual(status.years, [{ year: 2027, confirmed: true, source: 'override' }]);
    assert.ok(!status.warnings.some((w: { year: number }) => w.year === 2027));
    await ok(call('admin', 'POST', '/api/calendar/years/2027/confirm')); // confirming again is harmless
    await refused(call('admin', 'POST', '/api/calendar/years/1999/confirm', {}), 400, 'INVALID_INPUT');
  });

  it('only administrators change the calendar, the settings and the time limits', async () => {
    const before = await ok(call('admin', 'GET', '/api/calendar/overrides'));
    await refused(call('sup', 'PUT', '/api/calendar/overrides/2026-03-02', { kind: 'holiday' }), 403, 'FORBIDDEN');
    await refused(call('dept.zjj.head', 'DELETE', '/api/calendar/overrides/2027-01-01'), 403, 'FORBIDDEN');
    await refused(call('lead', 'POST', '/api/calendar/years/2028/confirm', {}), 403, 'FORBIDDEN');
    await refused(call('op', 'PUT', '/api/settings/due_soon', { value: { workingHours: 3 } }), 403, 'FORBIDDEN');
    await refused(call('disp', 'POST', '/api/time-limits', { stage: 'reply', amount: 1, unit: 'workdays' }), 403, 'FORBIDDEN');
    await refused(call('disp', 'POST', '/api/time-limits/1/deactivate'), 403, 'FORBIDDEN');
    await refused(call('rev', 'PATCH', '/api/time-limits/1', { amount: 3 }), 403, 'FORBIDDEN');
    assert.deepEqual(await ok(call('admin', 'GET', '/api/calendar/overrides')), before);
    // Reading is open to all staff.
    await ok(call('ca.t1.v1.h', 'GET', '/api/settings'));
    await ok(call('ca.t1.v1.h', 'GET', '/api/time-limits'));
  });

  it('settings: defaults, validated changes, and working hours feeding hour limits', async () => {
    const all = await ok(call('ca.h', 'GET', '/api/settings'));
    assert.deepEqual(Object.fromEntries(all.map((s: { key: string; value: unknown }) => [s.key, s.value])), {
      working_hours: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '17:30' }],
      due_soon: { workingHours: 7 },
      escalation_ladder: [
        { level: 'urge', afterWorkingHours: 0 }, { level: 'supervise', afterWorkingHours: 14 }, { level: 'listed', afterWorkingHours: 35 },
      ],
      duplicate_window_days: 30,
      retention: { outboxDays: 30, notificationDays: 180, smsDays: 90 },
    });
    const urgentSign = { stage: 'sign', type: 'help', urgency: 'urgent', at: '2026-01-05T11:00:00+08:00' };
    assert.equal(await dueOf(urgentSign), '2026-01-05T14:30:00+08:00');

    const summer = [{ start: '08:30', end: '12:00' }, { start: '14:00', end: '18:00' }];
    const saved = await ok(call('admin', 'PUT', '/api/settings/working_hours', { value: summer }));
    assert.deepEqual(saved.value, summer);
    assert.equal(saved.updatedBy, t.org.users['admin']);
    assert.match(saved.updatedAt, /\+08:00$/);
    assert.equal(await dueOf(urgentSign), '2026-01-05T15:00:00+08:00');
    assert.deepEqual((await ok(call('ca.h', 'GET', '/api/settings/working_hours'))).value, summer);

    const bad: [string, unknown][] = [
      ['working_hours', [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }]], // overlapping
      ['working_hours', [{ start: '9:00', end: '12:00' }]],
      ['working_hours', []],
      ['working_hours', 'nine to five'],
      ['due_soon', { workingHours: -1 }],
      ['due_soon', { hours: 7 }],
      ['escalation_ladder', [{ level: 'supervise', afterWorkingHours: 14 }, { level: 'urge', afterWorkingHours: 0 }]],
      ['escalation_ladder', [{ level: 'urge', afterWorkingHours: 0 }, { level: 'supervise', afterWorkingHours: 0 }]],
      ['escalation_ladder', [{ level: 'punish', afterWorkingHours: 1 }]],
      ['sms_gateway', { url: 'x' }],
    ];
    for (const [key, value] of bad) await refused(call('admin', 'PUT', `/api/settings/${key}`, { value }), 400, 'INVALID_INPUT');
    await refused(call('admin', 'PUT', '/api/settings/due_soon', {}), 400, 'INVALID_INPUT');
    const overlap = await refused(call('admin', 'PUT', '/api/settings/working_hours', { value: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }] }), 400, 'INVALID_INPUT');
    assert.match(overlap.message, /重叠/);

    const ladder = [{ level: 'urge', afterWorkingHours: 0 }, { level: 'supervise', afterWorkingHours: 7 }];
    assert.deepEqual((await ok(call('admin', 'PUT', '/api/settings/escalation_ladder', { value: ladder }))).value, ladder);
    assert.deepEqual((await ok(call('admin', 'PUT', '/api/settings/due_soon', { value: { workingHours: 3.5 } }))).value, { workingHours: 3.5 });
    assert.deepEqual((await ok(call('admin', 'PUT', '/api/settings/working_hours', { value: all[0].value }))).value, all[0].value);
  });

  it('time limits: defaults, category over channel, CRUD and the preview', async () => {
    const rows = await ok(call('ca.h', 'GET', '/api/time-limits'));
    assert.equal(rows.length, 21);
    assert.deepEqual(rows.filter((r: { caseType: string | null; urgency: string | null; channel: string | null }) => !r.caseType && !r.urgency && !r.channel)
      .map((r: { stage: string; amount: number; unit: string }) => `${r.stage} ${r.amount} ${r.unit}`),
    ['register 1 workdays', 'sign 1 workdays', 'reply 5 workdays', 'review 1 workdays', 'callback 2 workdays']);

    const at = '2026-01-05T11:45:00+08:00';
    const limit = async (q: Record<string, string | number>) => {
      const p = await ok(preview({ at, ...q }));
      return `${p.applied.amount} ${p.applied.unit}`;
    };
    assert.equal(await limit({ stage: 'reply', type: 'complaint' }), '10 workdays');
    assert.equal(await limit({ stage: 'reply', type: 'complaint', channel: 'board' }), '7 workdays');
    assert.equal(await limit({ stage: 'reply', type: 'complaint', channel: 'board', urgency: 'critical' }), '4 hours');
    assert.equal(await limit({ stage: 'sign', type: 'help', urgency: 'critical' }), '30 minutes');
    const critical = await ok(preview({ stage: 'sign', type: 'help', urgency: 'critical', at }));
    assert.equal(critical.start, at);
    assert.equal(critical.due, '2026-01-05T13:45:00+08:00'); // 15 minutes before lunch, 15 after
    assert.equal(critical.applied.policyId, critical.policy.id);

    // A category row (on the parent of a leaf category) beats the board row.
    const leaf = await t.tdb.db.selectFrom('categories').select(['id', 'parentId']).where('level', '=', 3).orderBy('id').executeTakeFirstOrThrow();
    const parentId = leaf.parentId!;
    const created = await ok(call('admin', 'POST', '/api/time-limits', { stage: 'reply', categoryId: parentId, amount: 3, unit: 'workdays', note: '供水类' }), 201);
    assert.deepEqual(
      { stage: created.stage, categoryId: created.categoryId, channel: created.channel, amount: created.amount, unit: created.unit, active: created.active, updatedBy: created.updatedBy },
      { stage: 'reply', categoryId: parentId, channel: null, amount: 3, unit: 'workdays', active: true, updatedBy: t.org.users['admin'] },
    );
    const byCategory = await ok(preview({ stage: 'reply', type: 'complaint', channel: 'board', categoryId: leaf.id, at }));
    assert.equal(byCategory.policy.id, created.id);
    assert.equal(byCategory.categoryIds[0], leaf.id);
    assert.equal(byCategory.categoryIds[1], parentId);
    assert.equal(byCategory.due, '2026-01-09T00:00:00+08:00');

    await refused(call('admin', 'POST', '/api/time-limits', { stage: 'reply', categoryId: parentId, amount: 4, unit: 'workdays' }), 409, 'CONFLICT');
    await refused(call('admin', 'POST', '/api/time-limits', { stage: 'reply', categoryId: 999999, amount: 4, unit: 'workdays' }), 404, 'CATEGORY_NOT_FOUND');
    await refused(call('admin', 'POST', '/api/time-limits', { stage: 'reply', caseType: 'help', amount: 100, unit: 'workdays' }), 400, 'INVALID_INPUT');
    await refused(call('admin', 'POST', '/api/time-limits', { stage: 'reply', caseType: 'help', amount: 2, unit: 'weeks' }), 400, 'INVALID_INPUT');
    await refused(call('admin', 'POST', '/api/time-limits', { stage: 'handle', amount: 2, unit: 'workdays' }), 400, 'INVALID_INPUT');
    await refused(call('admin', 'POST', '/api/time-limits', { stage: 'reply', channel: 'fax', amount: 2, unit: 'workdays' }), 400, 'INVALID_INPUT');

    const patched = await ok(call('admin', 'PATCH', `/api/time-limits/${created.id}`, { amount: 2, note: '供水类从严' }));
    assert.equal(patched.amount, 2);
    assert.equal(patched.note, '供水类从严');
    assert.equal(await limit({ stage: 'reply', type: 'complaint', channel: 'board', categoryId: leaf.id }), '2 workdays');
    await refused(call('admin', 'PATCH', `/api/time-limits/${created.id}`, { amount: 2000, unit: 'hours' }), 400, 'INVALID_INPUT');
    await refused(call('admin', 'PATCH', `/api/time-limits/${created.id}`, {}), 400, 'INVALID_INPUT');
    await refused(call('admin', 'PATCH', '/api/time-limits/999999', { amount: 2 }), 404, 'NOT_FOUND');

    const off = await ok(call('admin', 'POST', `/api/time-limits/${created.id}/deactivate`));
    assert.equal(off.active, false);
    assert.equal(await limit({ stage: 'reply', type: 'complaint', channel: 'board', categoryId: leaf.id }), '7 workdays');
    assert.ok(!(await ok(call('admin', 'GET', '/api/time-limits?stage=reply'))).some((r: { id: number }) => r.id === created.id));
    assert.ok((await ok(call('admin', 'GET', '/api/time-limits?stage=reply&includeInactive=true'))).some((r: { id: number }) => r.id === created.id));

    // A new row with the same criteria, then reactivating the old one would make two.
    await ok(call('admin', 'POST', '/api/time-limits', { stage: 'reply', categoryId: parentId, amount: 4, unit: 'workdays' }), 201);
    await refused(call('admin', 'PATCH', `/api/time-limits/${created.id}`, { active: true }), 409, 'CONFLICT');

    // The default row of a stage stays: change its limit instead.
    const catchAll = rows.find((r: { stage: string; caseType: null; urgency: null; channel: null }) => r.stage === 'review' && !r.caseType && !r.urgency && !r.channel);
    await refused(call('admin', 'POST', `/api/time-limits/${catchAll.id}/deactivate`), 422, 'PRECONDITION_FAILED');
    const review = await ok(call('admin', 'PATCH', `/api/time-limits/${catchAll.id}`, { amount: 4, unit: 'hours' }));
    assert.equal(`${review.amount} ${review.unit}`, '4 hours');
    assert.equal(await dueOf({ stage: 'review', type: 'help', at }), '2026-01-05T17:15:00+08:00'); // 15 minutes, lunch, 3¾ hours

    await refused(preview({ stage: 'reply', type: 'complaint', at: 'yesterday' }), 400, 'INVALID_INPUT');
    await refused(preview({ stage: 'reply', type: 'complaint', categoryId: 999999 }), 404, 'CATEGORY_NOT_FOUND');
  });
});
