import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  adjustForAppeal, applyAppeals, defaultScheme, scoreFixed, scoreIndicator, scoreUnit, scoreUnits, schemeProblems, type Scheme,
} from '../../src/domain/assessment.ts';
import { ratio, zeroCounts, type Counts } from '../../src/domain/kpi.ts';

const counts = (c: Partial<Counts>): Counts => ({ ...zeroCounts(), ...c });

/** A small scheme, worked by hand below: 40 points over three indicators; 0.5 per overdue case (cap 2), 1 per return; 1 per instruction as a bonus. */
const scheme: Scheme = {
  name: 'test',
  indicators: [
    { kpi: 'closedOnTimeRate', weight: 20, target: 0.9, rule: { kind: 'perPoint', points: 2 } },
    { kpi: 'satisfactionRate', weight: 10, target: 0.8, rule: { kind: 'allOrNothing' } },
    { kpi: 'returnRate', weight: 10, target: 0.1, rule: { kind: 'perPoint', points: 0.5 } },
  ],
  deductions: [{ figure: 'overdue', points: 0.5, cap: 2 }, { figure: 'returned', points: 1 }],
  bonuses: [{ figure: 'instructed', points: 1, cap: 1 }],
  exclusions: { categoryIds: [], channels: [], types: [] },
};

describe('assessment: one indicator', () => {
  const closedOnTime = scheme.indicators[0];
  it('deducts per percentage point short of the target, capped at the weight', () => {
    // 17 of 20 on time = 85 %: 5 points short × 2 = 10 deducted, 10 left.
    const s = scoreIndicator(closedOnTime, ratio(17, 20));
    assert.deepEqual([s.value, s.deduction, s.points, s.reason.code, s.figure], [0.85, 10, 10, 'short', 'closedLate']);
    assert.match(s.reason.zh, /低于目标 90% 5 个百分点/);
    // 12 of 20 = 60 %: 30 points short × 2 = 60, capped at the weight 20.
    const c = scoreIndicator(closedOnTime, ratio(12, 20));
    assert.deepEqual([c.deduction, c.points], [20, 0]);
    assert.match(c.reason.en, /capped/);
    // 1 of 3 is 56.666… points short of 90 %: × 2 = 113.33 (two decimals, from the exact gap).
    assert.equal(scoreIndicator({ ...closedOnTime, weight: 200 }, ratio(1, 3)).deduction, 113.33);
  });

  it('deducts nothing at or beyond the target, and nothing without figures', () => {
    // 9 of 10 is exactly 90 % (0.9 − 0.9 = 0, no 1e-16 leftovers).
    assert.deepEqual([scoreIndicator(closedOnTime, ratio(9, 10)).deduction, scoreIndicator(closedOnTime, ratio(9, 10)).reason.code], [0, 'met']);
    assert.equal(scoreIndicator(closedOnTime, ratio(10, 10)).points, 20);
    const none = scoreIndicator(closedOnTime, ratio(0, 0));
    assert.deepEqual([none.points, none.reason.code, none.value], [20, 'noData', null]);
  });

  it('takes the whole weight of an all-or-nothing indicator when the target is missed', () => {
    const sat = scheme.indicators[1];
    assert.deepEqual([scoreIndicator(sat, ratio(4, 5)).points, scoreIndicator(sat, ratio(3, 5)).points], [10, 0]);
    assert.equal(scoreIndicator(sat, ratio(3, 5)).reason.code, 'missed');
  });

  it('judges a "lower is better" rate against a maximum', () => {
    const ret = scheme.indicators[2];
    // 3 returns of 20 = 15 %: 5 points above the 10 % limit × 0.5 = 2.5.
    const s = scoreIndicator(ret, ratio(3, 20));
    assert.deepEqual([s.deduction, s.points, s.figure], [2.5, 7.5, 'returned']);
    assert.match(s.reason.zh, /高于目标 10%/);
    assert.equal(scoreIndicator(ret, ratio(2, 20)).deduction, 0);
  });

  it('deducts N points per counted case, up to the cap', () => {
    assert.deepEqual(scoreFixed({ figure: 'overdue', points: 0.5, cap: 2 }, counts({ overdue: 3 }), 'deduct').points, 1.5);
    const capped = scoreFixed({ figure: 'overdue', points: 0.5, cap: 2 }, counts({ overdue: 7 }), 'deduct');
    assert.deepEqual([capped.count, capped.points], [7, 2]);
    // Derived figures work too: closedLate = handledClosed − closedOnTime.
    assert.equal(scoreFixed({ figure: 'closedLate', points: 0.1 }, counts({ handledClosed: 10, closedOnTime: 7 }), 'deduct').points, 0.3);
  });
});

describe('assessment: units and ranks', () => {
  // Unit 1: 20 closed after handling, 17 on time (85 %); 10 rated, 7 satisfied (70 %); 20 assignments, 3 returned (15 %);
  //   3 overdue; one leader instruction.
  //   closedOnTime 20 − 10 = 10; satisfaction 0 (missed 80 %); returns 10 − 2.5 = 7.5 → 17.5
  //   − overdue 1.5 − returned 3 + bonus 1 = 14.
  const u1 = counts({
    accepted: 20, handledClosed: 20, closedOnTime: 17, rated: 10, satOk: 7, satNo: 3, assignments: 20, returned: 3, overdue: 3, instructed: 1,
  });
  // Unit 2: everything on target, nothing overdue: 40.
  const u2 = counts({ accepted: 10, handledClosed: 10, closedOnTime: 10, rated: 5, satVery: 5, assignments: 10 });
  // Unit 3: same figures as unit 2: ties with it.
  const u3 = { ...u2 };
  // Unit 4: nothing in the period: not rated (not 40).
  const u4 = zeroCounts();
  // Unit 5: 6 overdue cases, no other figures: 40 − min(3, 2) = 38 (no figures = no indicator deduction).
  const u5 = counts({ accepted: 6, overdue: 6 });

  it('adds indicator points, subtracts fixed deductions and adds bonuses, with the reasons', () => {
    const s = scoreUnit(scheme, 1, u1);
    assert.deepEqual(s.indicators.map((i) => i.points), [10, 0, 7.5]);
    assert.deepEqual(s.deductions.map((d) => [d.figure, d.count, d.points]), [['overdue', 3, 1.5], ['returned', 3, 3]]);
    assert.deepEqual(s.bonuses.map((b) => b.points), [1]);
    assert.deepEqual([s.total, s.maxPoints, s.rated], [14, 40, true]);
  });

  it('never goes below zero', () => {
    const s = scoreUnit({ ...scheme, deductions: [{ figure: 'overdue', points: 10 }] }, 9, counts({ accepted: 10, overdue: 10 }));
    assert.equal(s.total, 0);
  });

  it('ranks best first; ties share a rank and the next rank skips; units without cases are not rated', () => {
    const ranked = scoreUnits(scheme, [
      { unitId: 1, counts: u1 }, { unitId: 4, counts: u4 }, { unitId: 3, counts: u3 }, { unitId: 2, counts: u2 }, { unitId: 5, counts: u5 },
    ]);
    assert.deepEqual(ranked.map((r) => [r.unitId, r.total, r.rank]), [[2, 40, 1], [3, 40, 1], [5, 38, 3], [1, 14, 4], [4, null, null]]);
    assert.equal(ranked[4].rated, false);
  });

  it('the default scheme is worth 100 points and is valid', () => {
    assert.deepEqual(schemeProblems(defaultScheme), []);
    assert.equal(scoreUnit(defaultScheme, 1, counts({ accepted: 1 })).maxPoints, 100);
    // A unit whose one case was received and closed on time, called back and satisfied scores 100.
    const perfect = counts({ accepted: 1, closed: 1, handledClosed: 1, closedOnTime: 1, calledBack: 1, rated: 1, resolved: 1, satOk: 1, assignments: 1, signedOnTime: 1 });
    assert.equal(scoreUnit(defaultScheme, 1, perfect).total, 100);
  });

  it('finds what the JSON schema cannot: repeated KPIs and figures, no points at all', () => {
    const bad: Scheme = {
      ...scheme,
      indicators: [{ ...scheme.indicators[0], weight: 0 }, { ...scheme.indicators[0], weight: 0 }],
      deductions: [{ figure: 'overdue', points: 1 }, { figure: 'overdue', points: 2 }],
    };
    assert.deepEqual(schemeProblems(bad).map((p) => p.path), ['/indicators/1/kpi', '/indicators', '/deductions/1/figure']);
  });
});

describe('assessment: appeals change how a case counts', () => {
  // One case of unit 1 above: closed late, rated dissatisfied, overdue, one assignment returned.
  const fact = counts({ accepted: 1, handledClosed: 1, closedOnTime: 0, rated: 1, satNo: 1, overdue: 1, assignments: 1, signedOnTime: 0, returned: 1 });

  it('not our responsibility: the case leaves every figure', () => {
    assert.deepEqual(adjustForAppeal('notResponsible', fact), zeroCounts());
  });
  it('unreasonable: the case is no longer rated', () => {
    const a = adjustForAppeal('unreasonable', fact);
    assert.deepEqual([a.rated, a.satNo, a.unreasonable, a.handledClosed, a.overdue], [0, 0, 1, 1, 1]);
  });
  it('force majeure: the delay is forgiven', () => {
    const a = adjustForAppeal('forceMajeure', fact);
    assert.deepEqual([a.overdue, a.closedOnTime, a.signedOnTime, a.returned, a.satNo], [0, 1, 1, 1, 1]);
  });

  it('applies accepted appeals to a unit\'s figures and so to its score', () => {
    const u1 = counts({
      accepted: 20, handledClosed: 20, closedOnTime: 17, rated: 10, satOk: 7, satNo: 3, assignments: 20, returned: 3, overdue: 3, instructed: 1,
    });
    // Force majeure on the late, overdue case: 18 of 20 on time (90 %, full 20 points), 2 overdue (1 point): 14 + 10 + 0.5 = 24.5.
    const fm = applyAppeals(u1, [{ counts: fact, kinds: ['forceMajeure'] }]);
    assert.deepEqual([fm.closedOnTime, fm.overdue, fm.signedOnTime], [18, 2, 1]);
    assert.equal(scoreUnit(scheme, 1, fm).total, 24.5);
    // Not responsible for it: 17 of 19 on time (89.47 %: 0.53 × 2 = 1.05 deducted → 18.95), 7 of 9 satisfied (77.8 %, still missed),
    // returns 2 of 19 (10.53 %: 0.53 × 0.5 = 0.26 → 9.74); overdue 2 (1), returned 2 (2), bonus 1: 18.95 + 0 + 9.74 − 1 − 2 + 1 = 26.69.
    const nr = applyAppeals(u1, [{ counts: fact, kinds: ['notResponsible'] }]);
    assert.deepEqual([nr.accepted, nr.handledClosed, nr.assignments, nr.returned], [19, 19, 19, 2]);
    const s = scoreUnit(scheme, 1, nr);
    assert.deepEqual(s.indicators.map((i) => i.points), [18.95, 0, 9.74]);
    assert.equal(s.total, 26.69);
    // Both kinds on one case compose; nothing accepted changes nothing.
    assert.deepEqual(applyAppeals(u1, [{ counts: fact, kinds: ['forceMajeure', 'notResponsible'] }]), nr);
    assert.deepEqual(applyAppeals(u1, []), u1);
  });
});
