import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  bucketStart, compositeScore, computeKpis, counterColumn, counterKeys, counters, daysIn, evalExpr, figureExpr, figureNames,
  kpis, previousPeriod, ratio, shanghaiDate, splitPeriod, zeroCounts,
} from './kpi.ts';

describe('KPI definitions', () => {
  it('defines every counter once, and every KPI from counters or figures made of them', () => {
    assert.deepEqual(counters.map((c) => c.key), [...counterKeys]);
    for (const k of kpis) {
      assert.ok(figureNames.includes(k.numerator), k.key);
      assert.ok(figureNames.includes(k.denominator), k.key);
    }
    assert.equal(counterColumn('satVeryNo'), 'sat_very_no');
    assert.equal(counterColumn('handledClosed'), 'handled_closed');
  });

  it('divides only when there is something to divide by', () => {
    assert.deepEqual(ratio(0, 0), { numerator: 0, denominator: 0, value: null });
    const c = { ...zeroCounts(), accepted: 8, direct: 2, rated: 4, satVery: 1, satOk: 1, satBasic: 1, satNo: 1 };
    const r = computeKpis(c);
    assert.equal(r.directRate.value, 0.25);
    assert.deepEqual(r.satisfactionRate, { numerator: 3, denominator: 4, value: 0.75 });
    assert.equal(r.signOnTimeRate.value, null);
    assert.equal(evalExpr(figureExpr('open'), { ...c, closed: 5 }), 3);
  });

  it('scores units on the weighted rates they have, counting "lower is better" rates inverted', () => {
    const none = computeKpis(zeroCounts());
    assert.equal(compositeScore(none), null);
    // Only signing and returns have figures: (10 · 0.5 + 10 · (1 − 0.25)) / 20 = 62.5.
    const some = computeKpis({ ...zeroCounts(), assignments: 4, signedOnTime: 2, returned: 1 });
    assert.equal(compositeScore(some), 62.5);
    assert.equal(compositeScore(some, { signOnTimeRate: 1 }), 50);
  });
});

describe('periods', () => {
  it('splits a period into whole years, whole months and the days left over', () => {
    assert.deepEqual(splitPeriod({ from: '2026-01-01', to: '2026-12-31' }), { years: [{ from: '2026-01-01', to: '2026-12-31' }], months: [], days: [] });
    assert.deepEqual(splitPeriod({ from: '2026-01-01', to: '2026-12-31' }, 'month'), { years: [], months: [{ from: '2026-01-01', to: '2026-12-31' }], days: [] });
    assert.deepEqual(splitPeriod({ from: '2026-01-15', to: '2026-03-20' }), {
      years: [], months: [{ from: '2026-02-01', to: '2026-02-28' }],
      days: [{ from: '2026-01-15', to: '2026-01-31' }, { from: '2026-03-01', to: '2026-03-20' }],
    });
    assert.deepEqual(splitPeriod({ from: '2026-03-02', to: '2026-03-31' }), { years: [], months: [], days: [{ from: '2026-03-02', to: '2026-03-31' }] });
    assert.deepEqual(splitPeriod({ from: '2024-02-01', to: '2024-02-29' }), { years: [], months: [{ from: '2024-02-01', to: '2024-02-29' }], days: [] });
    assert.deepEqual(splitPeriod({ from: '2024-11-20', to: '2026-02-03' }), {
      years: [{ from: '2025-01-01', to: '2025-12-31' }],
      months: [{ from: '2024-12-01', to: '2024-12-31' }, { from: '2026-01-01', to: '2026-01-31' }],
      days: [{ from: '2024-11-20', to: '2024-11-30' }, { from: '2026-02-01', to: '2026-02-03' }],
    });
    assert.deepEqual(splitPeriod({ from: '2026-01-15', to: '2026-03-20' }, 'day'), { years: [], months: [], days: [{ from: '2026-01-15', to: '2026-03-20' }] });
  });

  it('compares with the equal-length period just before', () => {
    assert.deepEqual(previousPeriod({ from: '2026-03-01', to: '2026-03-31' }), { from: '2026-01-29', to: '2026-02-28' });
    assert.deepEqual(previousPeriod({ from: '2026-01-01', to: '2026-12-31' }), { from: '2025-01-01', to: '2025-12-31' });
    assert.equal(daysIn({ from: '2024-01-01', to: '2024-12-31' }), 366);
  });

  it('buckets by day, ISO week (Monday) and month, on Shanghai dates', () => {
    assert.equal(bucketStart('2026-03-05', 'week'), '2026-03-02');
    assert.equal(bucketStart('2026-03-01', 'week'), '2026-02-23');
    assert.equal(bucketStart('2026-03-05', 'month'), '2026-03-01');
    assert.equal(shanghaiDate(new Date('2026-03-01T16:30:00Z')), '2026-03-02');
    assert.equal(shanghaiDate(new Date('2026-03-01T15:59:59Z')), '2026-03-01');
  });
});
