import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { duePeriods, firstWorkdayOfMonth, parseBulletinPeriod } from '../../src/modules/bulletin/bulletin.period.ts';
import { DomainError } from '../../src/domain/errors.ts';

const now = new Date('2026-11-27T06:00:00Z');
const weekdays = (d: string) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());

describe('bulletin periods', () => {
  it('reads months and quarters with their previous period', () => {
    assert.deepEqual(parseBulletinPeriod('2026-10', now), {
      kind: 'monthly', code: '2026-10', range: { from: '2026-10-01', to: '2026-10-31' },
      previous: { code: '2026-09', range: { from: '2026-09-01', to: '2026-09-30' } },
    });
    assert.deepEqual(parseBulletinPeriod('2026-01', now).previous, { code: '2025-12', range: { from: '2025-12-01', to: '2025-12-31' } });
    assert.deepEqual(parseBulletinPeriod('2024-02', now).range, { from: '2024-02-01', to: '2024-02-29' });
    assert.deepEqual(parseBulletinPeriod('2026q3', now), {
      kind: 'quarterly', code: '2026-Q3', range: { from: '2026-07-01', to: '2026-09-30' },
      previous: { code: '2026-Q2', range: { from: '2026-04-01', to: '2026-06-30' } },
    });
    assert.deepEqual(parseBulletinPeriod('2026-Q1', now).previous.code, '2025-Q4');
  });

  it('refuses malformed and unfinished periods', () => {
    for (const bad of ['2026-13', '2026-1', '2026-Q0', '2026-Q5', 'Q3', '', '1999-12', '2026-11', '2026-Q4']) {
      assert.throws(() => parseBulletinPeriod(bad, now), (e: unknown) => e instanceof DomainError && e.code === 'INVALID_INPUT', bad);
    }
    // October ended on the 31st (Asia/Shanghai): on 11-01 08:00 Shanghai it may be made.
    assert.equal(parseBulletinPeriod('2026-10', new Date('2026-11-01T00:00:00Z')).code, '2026-10');
    assert.throws(() => parseBulletinPeriod('2026-10', new Date('2026-10-31T15:59:00Z')));
  });

  it('is due from the first working day of a month: last month, and after a quarter the quarter', () => {
    assert.equal(firstWorkdayOfMonth('2026-08-20', weekdays), '2026-08-03');
    assert.deepEqual(duePeriods('2026-08-01', weekdays), []);
    assert.deepEqual(duePeriods('2026-08-03', weekdays), ['2026-07']);
    assert.deepEqual(duePeriods('2026-08-31', weekdays), ['2026-07']);
    assert.deepEqual(duePeriods('2026-10-01', weekdays), ['2026-09', '2026-Q3']);
    assert.deepEqual(duePeriods('2027-01-01', weekdays), ['2026-12', '2026-Q4']);
    assert.deepEqual(duePeriods('2026-04-08', (d) => d >= '2026-04-08'), ['2026-03', '2026-Q1']);
    assert.deepEqual(duePeriods('2026-04-07', (d) => d >= '2026-04-08'), []);
  });
});
