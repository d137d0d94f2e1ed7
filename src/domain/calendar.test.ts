import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WorkCalendar, formatShanghai, shanghaiDate, packageYears } from './calendar.ts';
import { DomainError, type DomainErrorCode } from './errors.ts';

const cal = new WorkCalendar();
/** An instant written in Shanghai wall-clock time, e.g. sh('2026-01-05T10:30'). */
const sh = (local: string) => new Date(`${local}+08:00`);
const HOUR = 3_600_000;

function throwsCode(fn: () => unknown, code: DomainErrorCode, params?: Record<string, unknown>) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof DomainError, `expected DomainError, got ${String(e)}`);
    assert.equal(e.code, code);
    if (params) for (const [k, v] of Object.entries(params)) assert.equal(e.params[k], v);
    return true;
  });
}

function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

function assertOff(from: string, to: string) {
  for (const d of datesBetween(from, to)) assert.equal(cal.isWorkday(d), false, `${d} should be off`);
}
function assertOn(...dates: string[]) {
  for (const d of dates) assert.equal(cal.isWorkday(d), true, `${d} should be a working day`);
}
function countWorkdays(year: number): number {
  return datesBetween(`${year}-01-01`, `${year}-12-31`).filter((d) => cal.isWorkday(d)).length;
}

describe('State Council arrangement 2025 (国办发明电〔2024〕12号)', () => {
  test('New Year, Spring Festival and its make-up days', () => {
    assertOff('2025-01-01', '2025-01-01');
    assertOn('2025-01-02', '2025-01-26', '2025-01-27', '2025-02-05', '2025-02-08');
    assertOff('2025-01-28', '2025-02-04');
  });
  test('Qingming, Labour Day, Dragon Boat', () => {
    assertOff('2025-04-04', '2025-04-06');
    assertOn('2025-04-27', '2025-04-30', '2025-05-06');
    assertOff('2025-05-01', '2025-05-05');
    assertOff('2025-05-31', '2025-06-02');
    assertOn('2025-06-03');
  });
  test('National Day with Mid-Autumn: 10-01..10-08 off, 09-28 and 10-11 worked', () => {
    assertOff('2025-10-01', '2025-10-08');
    assertOn('2025-09-28', '2025-09-30', '2025-10-09', '2025-10-11');
    assertOff('2025-10-12', '2025-10-12'); // an ordinary Sunday
  });
  test('248 working days in the year (261 weekdays − 18 weekday holidays + 5 make-up days)', () => {
    assert.equal(countWorkdays(2025), 248);
  });
});

describe('State Council arrangement 2026 (国办发明电〔2025〕7号)', () => {
  test('New Year 01-01..01-03 off, Sunday 01-04 worked', () => {
    assertOff('2026-01-01', '2026-01-03');
    assertOn('2026-01-04', '2026-01-05');
  });
  test('Spring Festival 02-15..02-23 off, Saturdays 02-14 and 02-28 worked', () => {
    assertOff('2026-02-15', '2026-02-23');
    assertOn('2026-02-14', '2026-02-24', '2026-02-28');
  });
  test('Qingming, Labour Day, Dragon Boat, Mid-Autumn, National Day', () => {
    assertOff('2026-04-04', '2026-04-06');
    assertOff('2026-05-01', '2026-05-05');
    assertOn('2026-05-09');
    assertOff('2026-06-19', '2026-06-21');
    assertOff('2026-09-25', '2026-09-27');
    assertOff('2026-10-01', '2026-10-07');
    assertOn('2026-09-20', '2026-10-08', '2026-10-10');
  });
  test('248 working days in the year (261 weekdays − 19 weekday holidays + 6 make-up days)', () => {
    assert.equal(countWorkdays(2026), 248);
  });
  test('describeDay names the reason', () => {
    assert.deepEqual(cal.describeDay('2026-02-14'), { date: '2026-02-14', workday: true, name: '春节', source: 'package' });
    assert.deepEqual(cal.describeDay('2026-01-07'), { date: '2026-01-07', workday: true, name: null, source: 'weekday' });
  });
});

describe('addWorkdays: counting starts the day after', () => {
  test('across National Day 2025', () => {
    assert.equal(cal.addWorkdays('2025-09-28', 5), '2025-10-11');
    assert.equal(cal.addWorkdays('2025-09-30', 1), '2025-10-09');
    assert.equal(cal.addWorkdays('2025-10-03', 1), '2025-10-09'); // received on a holiday
  });
  test('across Spring Festival 2025 and 2026', () => {
    assert.equal(cal.addWorkdays('2025-01-24', 3), '2025-02-05'); // 01-26 (Sun) counts, 01-27, then 02-05
    assert.equal(cal.addWorkdays('2026-02-13', 2), '2026-02-24'); // 02-14 (Sat) counts
  });
  test('across the 2025/2026 year end: Sunday 2026-01-04 is the first working day', () => {
    assert.equal(cal.addWorkdays('2025-12-31', 1), '2026-01-04');
    assert.equal(cal.addWorkdays('2025-12-31', 2), '2026-01-05');
  });
  test('n = 0 is the same day; negative or fractional n is refused', () => {
    assert.equal(cal.addWorkdays('2025-10-03', 0), '2025-10-03');
    throwsCode(() => cal.addWorkdays('2025-10-03', -1), 'INVALID_INPUT');
    throwsCode(() => cal.addWorkdays('2025-10-03', 1.5), 'INVALID_INPUT');
  });
  test('malformed dates are refused', () => {
    throwsCode(() => cal.isWorkday('2025-02-30'), 'INVALID_INPUT');
    throwsCode(() => cal.isWorkday('2025-2-3'), 'INVALID_INPUT');
  });
});

describe('deadlineForWorkdays: 24:00 Shanghai of the N-th working day after receipt', () => {
  test('end of the day, as the next midnight', () => {
    const d = cal.deadlineForWorkdays(sh('2025-12-31T15:00'), 1);
    assert.equal(formatShanghai(d), '2026-01-05T00:00:00+08:00');
    assert.equal(d.toISOString(), '2026-01-04T16:00:00.000Z');
  });
  test('the receipt date is the Shanghai date, not the UTC one', () => {
    // Both are 2025-09-28 in UTC; in Shanghai the second is already 09-29.
    assert.equal(formatShanghai(cal.deadlineForWorkdays(sh('2025-09-28T23:30'), 1)), '2025-09-30T00:00:00+08:00');
    assert.equal(formatShanghai(cal.deadlineForWorkdays(sh('2025-09-29T00:30'), 1)), '2025-10-01T00:00:00+08:00');
    assert.equal(formatShanghai(cal.deadlineForWorkdays(sh('2025-09-29T00:30'), 2)), '2025-10-10T00:00:00+08:00');
  });
});

describe('addWorkingHours', () => {
  const plus = (local: string, hours: number, c = cal) => formatShanghai(c.addWorkingHours(sh(local), hours));
  test('within a period, and ending exactly at noon rather than after lunch', () => {
    assert.equal(plus('2026-01-05T09:00', 0.25), '2026-01-05T09:15:00+08:00');
    assert.equal(plus('2026-01-05T09:00', 3), '2026-01-05T12:00:00+08:00');
    assert.equal(plus('2026-01-05T09:00', 7), '2026-01-05T17:30:00+08:00');
  });
  test('across lunch', () => {
    assert.equal(plus('2026-01-05T10:30', 2), '2026-01-05T14:00:00+08:00');
    assert.equal(plus('2026-01-05T12:30', 1), '2026-01-05T14:30:00+08:00'); // starts at 13:30
    assert.equal(plus('2026-01-05T12:30', 0), '2026-01-05T13:30:00+08:00');
  });
  test('across nights and weekends', () => {
    assert.equal(plus('2026-01-05T17:00', 1), '2026-01-06T09:30:00+08:00');
    assert.equal(plus('2026-01-05T09:00', 8), '2026-01-06T10:00:00+08:00');
    assert.equal(plus('2026-01-09T17:00', 1), '2026-01-12T09:30:00+08:00'); // Fri → Mon
    assert.equal(plus('2026-01-11T03:00', 2), '2026-01-12T11:00:00+08:00'); // Sunday night → Mon
  });
  test('across holidays and onto make-up Saturdays', () => {
    assert.equal(plus('2025-09-30T17:00', 1), '2025-10-09T09:30:00+08:00');
    assert.equal(plus('2025-10-10T17:00', 1), '2025-10-11T09:30:00+08:00');
    assert.equal(plus('2025-12-31T17:00', 1), '2026-01-04T09:30:00+08:00');
  });
  test('custom working periods', () => {
    const summer = new WorkCalendar({ workingPeriods: [{ start: '14:00', end: '18:00' }, { start: '08:30', end: '12:00' }] });
    assert.equal(plus('2026-01-05T11:00', 2, summer), '2026-01-05T15:00:00+08:00');
    assert.equal(plus('2026-01-05T07:00', 4, summer), '2026-01-05T14:30:00+08:00');
    throwsCode(() => new WorkCalendar({ workingPeriods: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }] }), 'INVALID_INPUT');
    throwsCode(() => new WorkCalendar({ workingPeriods: [{ start: '12:00', end: '09:00' }] }), 'INVALID_INPUT');
    throwsCode(() => new WorkCalendar({ workingPeriods: [] }), 'INVALID_INPUT');
  });
  test('negative hours and invalid instants are refused', () => {
    throwsCode(() => cal.addWorkingHours(sh('2026-01-05T09:00'), -1), 'INVALID_INPUT');
    throwsCode(() => cal.addWorkingHours(new Date('nonsense'), 1), 'INVALID_INPUT');
  });
});

describe('addWorkingMillis', () => {
  const plusMs = (local: string, ms: number) => formatShanghai(cal.addWorkingMillis(sh(local), ms));
  test('minutes within a period, across lunch and over a weekend', () => {
    assert.equal(plusMs('2026-01-05T09:00', 30 * 60_000), '2026-01-05T09:30:00+08:00');
    assert.equal(plusMs('2026-01-05T11:45', 30 * 60_000), '2026-01-05T13:45:00+08:00');
    assert.equal(plusMs('2026-01-09T17:15', 30 * 60_000), '2026-01-12T09:15:00+08:00'); // Fri → Mon
  });
  test('keeps millisecond precision and agrees with addWorkingHours', () => {
    assert.equal(plusMs('2026-01-05T09:00', 1), '2026-01-05T09:00:00.001+08:00');
    assert.equal(cal.addWorkingMillis(sh('2025-09-30T16:00'), 5 * HOUR).getTime(), cal.addWorkingHours(sh('2025-09-30T16:00'), 5).getTime());
  });
  test('inverts workingMillisBetween, across the National Day holiday', () => {
    const start = sh('2025-09-30T10:17');
    const left = cal.workingMillisBetween(start, sh('2025-10-10T15:42'));
    assert.equal(formatShanghai(cal.addWorkingMillis(start, left)), '2025-10-10T15:42:00+08:00');
  });
  test('negative or fractional milliseconds are refused', () => {
    throwsCode(() => cal.addWorkingMillis(sh('2026-01-05T09:00'), -1), 'INVALID_INPUT');
    throwsCode(() => cal.addWorkingMillis(sh('2026-01-05T09:00'), 0.5), 'INVALID_INPUT');
  });
});

describe('workingMillisBetween', () => {
  test('a full day, a weekend and a holiday week', () => {
    assert.equal(cal.workingMillisBetween(sh('2026-01-05T09:00'), sh('2026-01-05T17:30')), 7 * HOUR);
    assert.equal(cal.workingMillisBetween(sh('2026-01-05T08:00'), sh('2026-01-05T13:00')), 3 * HOUR);
    assert.equal(cal.workingMillisBetween(sh('2026-01-09T16:30'), sh('2026-01-12T10:00')), 2 * HOUR);
    assert.equal(cal.workingMillisBetween(sh('2025-09-30T12:00'), sh('2025-10-09T12:00')), 7 * HOUR);
    assert.equal(cal.workingMillisBetween(sh('2025-10-04T10:00'), sh('2025-10-04T11:00')), 0);
  });
  test('inverts addWorkingHours', () => {
    for (const [start, hours] of [['2025-09-30T10:15', 9.5], ['2026-02-13T16:00', 3], ['2026-01-05T12:45', 20]] as const) {
      const end = cal.addWorkingHours(sh(start), hours);
      assert.equal(cal.workingMillisBetween(sh(start), end), hours * HOUR);
    }
  });
  test('does not look past the end into an unconfirmed year', () => {
    const last = Math.max(...packageYears());
    assert.equal(cal.workingMillisBetween(sh(`${last}-12-31T10:00`), sh(`${last}-12-31T16:00`)), 4.5 * HOUR);
  });
  test('an end before the start is refused', () => {
    throwsCode(() => cal.workingMillisBetween(sh('2026-01-05T10:00'), sh('2026-01-05T09:00')), 'INVALID_INPUT');
  });
});

describe('overrides', () => {
  test('a local holiday on a Monday', () => {
    const c = new WorkCalendar({ overrides: [{ date: '2026-01-12', kind: 'holiday', name: '地方假日' }] });
    assert.equal(c.isWorkday('2026-01-12'), false);
    assert.equal(c.addWorkdays('2026-01-09', 1), '2026-01-13');
    assert.equal(formatShanghai(c.addWorkingHours(sh('2026-01-09T17:00'), 1)), '2026-01-13T09:30:00+08:00');
    assert.deepEqual(c.describeDay('2026-01-12'), { date: '2026-01-12', workday: false, name: '地方假日', source: 'override' });
    assert.equal(cal.isWorkday('2026-01-12'), true); // other calendars unaffected
  });
  test('a working Saturday', () => {
    const c = new WorkCalendar({ overrides: [{ date: '2026-01-10', kind: 'workday' }] });
    assert.equal(c.isWorkday('2026-01-10'), true);
    assert.equal(c.addWorkdays('2026-01-09', 1), '2026-01-10');
    assert.equal(c.describeDay('2026-01-10').name, null);
  });
  test('overrides win over the package data', () => {
    const c = new WorkCalendar({
      overrides: [{ date: '2025-10-08', kind: 'workday' }, { date: '2025-09-28', kind: 'holiday' }],
    });
    assert.equal(c.isWorkday('2025-10-08'), true);
    assert.equal(c.isWorkday('2025-09-28'), false);
    assert.equal(c.addWorkdays('2025-09-30', 1), '2025-10-08');
  });
  test('malformed or duplicate overrides are refused', () => {
    throwsCode(() => new WorkCalendar({ overrides: [{ date: '2026-13-01', kind: 'holiday' }] }), 'INVALID_INPUT');
    const twice = [{ date: '2026-01-12', kind: 'holiday' }, { date: '2026-01-12', kind: 'workday' }] as const;
    throwsCode(() => new WorkCalendar({ overrides: twice }), 'INVALID_INPUT');
  });
});

describe('unconfirmed years', () => {
  test('the package covers 2004..2026 without gaps', () => {
    const years = packageYears();
    assert.equal(years[0], 2004);
    assert.ok(years.includes(2026));
    assert.equal(years.length, years[years.length - 1] - 2004 + 1);
  });
  test('a year nobody confirmed throws instead of guessing Monday–Friday', () => {
    throwsCode(() => cal.isWorkday('2031-05-05'), 'CALENDAR_UNCONFIRMED', { year: 2031 });
    throwsCode(() => cal.isWorkday('2003-05-05'), 'CALENDAR_UNCONFIRMED', { year: 2003 });
    assert.deepEqual(cal.calendarStatus(2031), { year: 2031, confirmed: false, source: 'none' });
    assert.deepEqual(cal.calendarStatus(2025), { year: 2025, confirmed: true, source: 'package' });
  });
  test('counting into an unconfirmed year throws with that year', () => {
    const last = Math.max(...packageYears());
    throwsCode(() => cal.addWorkdays(`${last}-12-20`, 30), 'CALENDAR_UNCONFIRMED', { year: last + 1 });
    throwsCode(() => cal.addWorkingHours(sh(`${last}-12-31T17:00`), 8), 'CALENDAR_UNCONFIRMED', { year: last + 1 });
    throwsCode(() => cal.deadlineForWorkdays(sh(`${last}-12-31T10:00`), 10), 'CALENDAR_UNCONFIRMED', { year: last + 1 });
  });
  test('overrides alone do not confirm a year; confirmedYears does', () => {
    const overrides = [{ date: '2031-05-01', kind: 'holiday' as const, name: '劳动节' }];
    throwsCode(() => new WorkCalendar({ overrides }).isWorkday('2031-05-01'), 'CALENDAR_UNCONFIRMED', { year: 2031 });
    const c = new WorkCalendar({ overrides, confirmedYears: [2031] });
    assert.deepEqual(c.calendarStatus(2031), { year: 2031, confirmed: true, source: 'override' });
    assert.equal(c.isWorkday('2031-05-01'), false); // a Thursday, overridden
    assert.equal(c.isWorkday('2031-05-02'), true); // a Friday
    assert.equal(c.isWorkday('2031-05-03'), false); // a Saturday
    throwsCode(() => c.isWorkday('2030-05-03'), 'CALENDAR_UNCONFIRMED', { year: 2030 });
  });
});

describe('Shanghai time, whatever the server TZ', () => {
  test('formatShanghai and shanghaiDate', () => {
    assert.equal(formatShanghai(new Date('2026-01-05T02:30:00Z')), '2026-01-05T10:30:00+08:00');
    assert.equal(formatShanghai(new Date('2026-01-05T02:30:00.250Z')), '2026-01-05T10:30:00.250+08:00');
    assert.equal(formatShanghai(new Date('2025-12-31T16:00:00Z')), '2026-01-01T00:00:00+08:00');
    assert.equal(shanghaiDate(new Date('2025-12-31T15:59:59Z')), '2025-12-31');
    assert.equal(shanghaiDate(new Date('2025-12-31T16:00:00Z')), '2026-01-01');
  });
  test('same answers after switching process TZ at run time', () => {
    const saved = process.env.TZ;
    const offsets = new Set<number>();
    try {
      for (const tz of ['UTC', 'America/New_York', 'Pacific/Kiritimati', 'Asia/Shanghai']) {
        process.env.TZ = tz;
        offsets.add(new Date('2025-10-01T00:00:00Z').getTimezoneOffset());
        assert.equal(cal.addWorkdays('2025-09-28', 5), '2025-10-11', tz);
        assert.equal(cal.isWorkday('2025-10-11'), true, tz);
        assert.equal(formatShanghai(cal.deadlineForWorkdays(sh('2025-09-29T00:30'), 1)), '2025-10-01T00:00:00+08:00', tz);
        assert.equal(formatShanghai(cal.addWorkingHours(sh('2025-10-10T17:00'), 1)), '2025-10-11T09:30:00+08:00', tz);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    assert.equal(offsets.size, 4, 'the TZ switch must really change local time');
  });
  test('the whole suite passes under TZ=UTC and TZ=America/New_York', { skip: process.env.CALENDAR_TZ_CHILD === '1' }, () => {
    const file = fileURLToPath(import.meta.url);
    for (const tz of ['UTC', 'America/New_York']) {
      const env: NodeJS.ProcessEnv = { ...process.env, TZ: tz, CALENDAR_TZ_CHILD: '1' };
      delete env.NODE_TEST_CONTEXT;
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', file], { env, encoding: 'utf8' });
      assert.equal(run.status, 0, `TZ=${tz}:\n${run.stdout}\n${run.stderr}`);
    }
  });
});
