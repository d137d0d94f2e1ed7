import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { WorkCalendar, formatShanghai } from './calendar.ts';
import { DomainError, type DomainErrorCode } from './errors.ts';
import {
  appliedPolicy, computeDue, deadlineState, describeDue, extendDue, resumeDue, selectPolicy,
  type PolicyCriteria, type TimeLimitPolicy,
} from './deadlines.ts';

const cal = new WorkCalendar();
/** An instant written in Shanghai wall-clock time, e.g. sh('2026-01-05T10:30'). */
const sh = (local: string) => new Date(`${local}+08:00`);
const iso = formatShanghai;
const HOUR = 3_600_000;

function throwsCode(fn: () => unknown, code: DomainErrorCode) {
  assert.throws(fn, (e: unknown) => e instanceof DomainError && e.code === code);
}

/** The defaults the migration installs (docs/time-limits.md), as rows. */
let nextId = 1;
const row = (stage: TimeLimitPolicy['stage'], amount: number, unit: TimeLimitPolicy['unit'], c: Partial<TimeLimitPolicy> = {}): TimeLimitPolicy => ({
  id: nextId++, stage, amount, unit, caseType: null, urgency: null, channel: null, categoryId: null, active: true, ...c,
});
const defaults: TimeLimitPolicy[] = [
  row('register', 1, 'workdays'), row('register', 2, 'hours', { urgency: 'urgent' }), row('register', 1, 'hours', { urgency: 'critical' }),
  row('sign', 1, 'workdays'), row('sign', 2, 'hours', { urgency: 'urgent' }), row('sign', 30, 'minutes', { urgency: 'critical' }),
  row('reply', 5, 'workdays'),
  ...['inquiry', 'help', 'thanks', 'other'].map((t) => row('reply', 5, 'workdays', { caseType: t })),
  ...['complaint', 'report', 'suggestion'].map((t) => row('reply', 10, 'workdays', { caseType: t })),
  row('reply', 7, 'workdays', { channel: 'board' }),
  row('reply', 1, 'workdays', { urgency: 'urgent' }), row('reply', 4, 'hours', { urgency: 'critical' }),
  row('reply', 1, 'workdays', { channel: 'board', urgency: 'urgent' }), row('reply', 4, 'hours', { channel: 'board', urgency: 'critical' }),
  row('review', 1, 'workdays'), row('callback', 2, 'workdays'),
];
const appeal = (c: Partial<PolicyCriteria> = {}): PolicyCriteria => ({
  stage: 'reply', type: 'complaint', urgency: 'normal', channel: 'hotline', categoryIds: [], ...c,
});
const limitOf = (policies: readonly TimeLimitPolicy[], c: Partial<PolicyCriteria>) => {
  const p = selectPolicy(policies, appeal(c));
  return `${p.amount} ${p.unit}`;
};

describe('selectPolicy', () => {
  test('reply limits by type, with the catch-all for anything else', () => {
    assert.equal(limitOf(defaults, { type: 'complaint' }), '10 workdays');
    assert.equal(limitOf(defaults, { type: 'suggestion' }), '10 workdays');
    assert.equal(limitOf(defaults, { type: 'inquiry' }), '5 workdays');
    assert.equal(limitOf(defaults, { type: 'thanks' }), '5 workdays');
    assert.equal(selectPolicy(defaults, appeal({ type: 'praise-of-the-future' })).caseType, null);
  });
  test('board messages are shorter than hotline complaints: the channel beats the type', () => {
    assert.equal(limitOf(defaults, { channel: 'board', type: 'complaint' }), '7 workdays');
    assert.equal(limitOf(defaults, { channel: 'board', type: 'inquiry' }), '7 workdays');
  });
  test('urgent appeals in hours and minutes; board urgency rows beat the plain board row', () => {
    assert.equal(limitOf(defaults, { stage: 'sign', urgency: 'urgent' }), '2 hours');
    assert.equal(limitOf(defaults, { stage: 'sign', urgency: 'critical' }), '30 minutes');
    assert.equal(limitOf(defaults, { stage: 'register', urgency: 'critical' }), '1 hours');
    assert.equal(limitOf(defaults, { urgency: 'urgent', type: 'complaint' }), '1 workdays'); // urgency beats type
    assert.equal(limitOf(defaults, { urgency: 'critical' }), '4 hours');
    assert.equal(limitOf(defaults, { channel: 'board', urgency: 'critical' }), '4 hours');
    assert.equal(limitOf(defaults, { channel: 'board', urgency: 'urgent' }), '1 workdays');
    assert.equal(limitOf(defaults, { stage: 'sign', urgency: 'normal' }), '1 workdays');
  });
  test('a category row beats channel rows; the own category beats its parent', () => {
    // 供水 (id 10) under 城建 (id 1); 停水 (id 11) under 供水.
    const table = [...defaults, row('reply', 4, 'workdays', { categoryId: 1 }), row('reply', 3, 'workdays', { categoryId: 10 })];
    assert.equal(limitOf(table, { channel: 'board', categoryIds: [11, 10, 1] }), '3 workdays');
    assert.equal(limitOf(table, { channel: 'board', categoryIds: [12, 1] }), '4 workdays');
    assert.equal(limitOf(table, { channel: 'board', categoryIds: [20, 2] }), '7 workdays'); // another branch
    assert.equal(limitOf(table, { channel: 'board', categoryIds: [] }), '7 workdays');
    // Category beats urgency too: a category row applies to critical appeals unless a category+urgency row exists.
    assert.equal(limitOf(table, { urgency: 'critical', categoryIds: [10, 1] }), '3 workdays');
    const withUrgent = [...table, row('reply', 2, 'hours', { categoryId: 1, urgency: 'critical' })];
    assert.equal(limitOf(withUrgent, { urgency: 'critical', categoryIds: [10, 1] }), '3 workdays'); // own category still first
    assert.equal(limitOf(withUrgent, { urgency: 'critical', categoryIds: [12, 1] }), '2 hours');
  });
  test('inactive rows and other stages are ignored; equal rows fall back to the lowest id', () => {
    const table = [row('reply', 9, 'workdays', { caseType: 'complaint', active: false }), ...defaults];
    assert.equal(limitOf(table, {}), '10 workdays');
    const twins = [row('review', 3, 'workdays'), row('review', 4, 'workdays')];
    assert.equal(selectPolicy([...twins].reverse(), appeal({ stage: 'review' })).amount, 3);
    assert.equal(limitOf(defaults, { stage: 'callback' }), '2 workdays');
  });
  test('no matching row is a precondition failure, not a guess', () => {
    throwsCode(() => selectPolicy(defaults.filter((p) => p.stage !== 'review'), appeal({ stage: 'review' })), 'PRECONDITION_FAILED');
    throwsCode(() => selectPolicy([row('reply', 10, 'workdays', { caseType: 'complaint' })], appeal({ type: 'help' })), 'PRECONDITION_FAILED');
  });
  test('appliedPolicy records the row and the limit it said', () => {
    const p = selectPolicy(defaults, appeal({ stage: 'sign', urgency: 'critical' }));
    assert.deepEqual(appliedPolicy(p), { policyId: p.id, stage: 'sign', amount: 30, unit: 'minutes' });
  });
});

describe('computeDue', () => {
  test('working days: from the day after, to 24:00 of the N-th working day (National Day 2025)', () => {
    const due = computeDue(cal, sh('2025-09-28T10:00'), { amount: 5, unit: 'workdays' });
    assert.equal(iso(due), '2025-10-12T00:00:00+08:00'); // the 5th working day is the make-up Saturday 10-11
    assert.deepEqual(describeDue(due), { due: '2025-10-12T00:00:00+08:00', dueDate: '2025-10-11' });
    assert.equal(iso(computeDue(cal, sh('2025-12-31T16:00'), { amount: 1, unit: 'workdays' })), '2026-01-05T00:00:00+08:00');
  });
  test('hours across lunch, nights and holidays', () => {
    assert.equal(iso(computeDue(cal, sh('2026-01-05T11:00'), { amount: 2, unit: 'hours' })), '2026-01-05T14:30:00+08:00');
    assert.equal(iso(computeDue(cal, sh('2026-01-05T17:00'), { amount: 2, unit: 'hours' })), '2026-01-06T10:30:00+08:00');
    assert.equal(iso(computeDue(cal, sh('2026-01-05T22:00'), { amount: 1, unit: 'hours' })), '2026-01-06T10:00:00+08:00');
    assert.equal(iso(computeDue(cal, sh('2025-09-30T16:00'), { amount: 4, unit: 'hours' })), '2025-10-09T11:30:00+08:00');
  });
  test('minutes: 30 working minutes over a weekend', () => {
    assert.equal(iso(computeDue(cal, sh('2026-01-09T17:15'), { amount: 30, unit: 'minutes' })), '2026-01-12T09:15:00+08:00');
  });
  test('bad limits are refused', () => {
    throwsCode(() => computeDue(cal, sh('2026-01-05T09:00'), { amount: 0, unit: 'workdays' }), 'INVALID_INPUT');
    throwsCode(() => computeDue(cal, sh('2026-01-05T09:00'), { amount: 1, unit: 'weeks' as never }), 'INVALID_INPUT');
  });
  test('counting into an unconfirmed year throws CALENDAR_UNCONFIRMED', () => {
    throwsCode(() => computeDue(cal, sh('2026-12-24T10:00'), { amount: 10, unit: 'workdays' }), 'CALENDAR_UNCONFIRMED');
  });
});

describe('deadlineState', () => {
  // Due at 24:00 on Saturday 2025-10-11 (a make-up working day); yellow below one 7-hour working day.
  const due = sh('2025-10-12T00:00');
  const at = (local: string) => deadlineState(due, sh(local), cal, 7);
  test('on time until exactly one working day is left, due soon after', () => {
    assert.deepEqual(at('2025-10-10T12:00'), { state: 'on_time', remainingWorkingMs: 11 * HOUR });
    assert.deepEqual(at('2025-10-10T20:00'), { state: 'on_time', remainingWorkingMs: 7 * HOUR });
    assert.deepEqual(at('2025-10-11T09:00'), { state: 'on_time', remainingWorkingMs: 7 * HOUR });
    assert.deepEqual(at('2025-10-11T09:00:00.001'), { state: 'due_soon', remainingWorkingMs: 7 * HOUR - 1 });
    assert.deepEqual(at('2025-10-11T17:30'), { state: 'due_soon', remainingWorkingMs: 0 });
  });
  test('at the deadline itself still in time; overdue strictly after, counting overdue working time', () => {
    assert.deepEqual(at('2025-10-12T00:00'), { state: 'due_soon', remainingWorkingMs: 0 });
    assert.deepEqual(at('2025-10-12T00:00:00.001'), { state: 'overdue', remainingWorkingMs: 0 });
    assert.deepEqual(at('2025-10-12T15:00'), { state: 'overdue', remainingWorkingMs: 0 }); // Sunday: no working time passes
    assert.deepEqual(at('2025-10-13T10:00'), { state: 'overdue', remainingWorkingMs: -1 * HOUR });
    assert.deepEqual(at('2025-10-14T17:30'), { state: 'overdue', remainingWorkingMs: -14 * HOUR }); // two working days late
  });
});

describe('extendDue', () => {
  test('N working days from the old deadline, over the National Day holiday', () => {
    // Old deadline 24:00 on 09-29; 09-30 is the 1st working day after it, 10-09 the 2nd.
    assert.equal(iso(extendDue(cal, sh('2025-09-30T00:00'), 1)), '2025-10-01T00:00:00+08:00');
    assert.equal(iso(extendDue(cal, sh('2025-09-30T00:00'), 2)), '2025-10-10T00:00:00+08:00');
    assert.equal(iso(extendDue(cal, sh('2025-09-30T15:00'), 1)), '2025-10-10T00:00:00+08:00'); // an hours deadline moves to an end of day
    assert.equal(iso(extendDue(cal, sh('2025-10-01T00:00'), 10)), '2025-10-22T00:00:00+08:00'); // 10-09, 10-10, 10-11 (Sat), 10-13 … 10-17, 10-20, 10-21
  });
  test('zero, negative or fractional extensions are refused', () => {
    throwsCode(() => extendDue(cal, sh('2025-09-30T00:00'), 0), 'INVALID_INPUT');
    throwsCode(() => extendDue(cal, sh('2025-09-30T00:00'), 1.5), 'INVALID_INPUT');
  });
});

describe('resumeDue', () => {
  // Due 24:00 Monday 2026-01-12: at Friday 16:30 one hour of Friday and Monday's seven are left.
  const due = sh('2026-01-13T00:00');
  test('the working time left at the pause counts again from the resumption, across a weekend', () => {
    assert.equal(cal.workingMillisBetween(sh('2026-01-09T16:30'), due), 8 * HOUR);
    assert.equal(iso(resumeDue(cal, due, sh('2026-01-09T16:30'), sh('2026-01-12T10:00'))), '2026-01-13T11:00:00+08:00');
    assert.equal(iso(resumeDue(cal, due, sh('2026-01-09T16:30'), sh('2026-01-16T09:00'))), '2026-01-19T10:00:00+08:00');
  });
  test('an end-of-day deadline stays end-of-day: unchanged over a weekend alone, moved by the working days lost', () => {
    assert.equal(iso(resumeDue(cal, due, sh('2026-01-10T10:00'), sh('2026-01-11T15:00'))), '2026-01-13T00:00:00+08:00');
    // From Friday evening to Tuesday evening: Monday and Tuesday were lost, so the end of Wednesday.
    assert.equal(iso(resumeDue(cal, due, sh('2026-01-09T18:00'), sh('2026-01-13T18:00'))), '2026-01-15T00:00:00+08:00');
  });
  test('paused with nothing left, after office hours of the last day: due at the end of the resumption day', () => {
    assert.equal(iso(resumeDue(cal, due, sh('2026-01-12T18:00'), sh('2026-01-14T19:00'))), '2026-01-15T00:00:00+08:00');
  });
  test('an hours deadline keeps its working-time position', () => {
    const hoursDue = sh('2026-01-09T15:00'); // Friday
    assert.equal(iso(resumeDue(cal, hoursDue, sh('2026-01-09T14:00'), sh('2026-01-12T09:00'))), '2026-01-12T10:00:00+08:00');
  });
  test('a suspension after the deadline does not revive it; resuming before pausing is refused', () => {
    assert.equal(iso(resumeDue(cal, due, sh('2026-01-13T10:00'), sh('2026-01-20T10:00'))), '2026-01-13T00:00:00+08:00');
    throwsCode(() => resumeDue(cal, due, sh('2026-01-09T10:00'), sh('2026-01-08T10:00')), 'INVALID_INPUT');
  });
});
