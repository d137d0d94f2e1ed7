import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { shanghaiDate } from '../../src/domain/kpi.ts';
import { startTestApp, type TestApp } from '../support/http.ts';

/** The statistics API over HTTP: shapes, scoping to the caller's subtree, drill-down, errors. */
describe('statistics API', () => {
  let t: TestApp;
  const today = shanghaiDate(new Date());
  const year = `from=${today.slice(0, 4)}-01-01&to=${today}`;

  before(async () => {
    t = await startTestApp();
    const { units } = t.org;
    const newCase = async (title: string) => {
      const res = await t.call('op', 'POST', '/api/cases', { channel: 'hotline', type: 'complaint', urgency: 'normal', title, content: `${title}。`, register: true });
      assert.equal(res.statusCode, 201, res.body);
      return (res.json() as { id: number }).id;
    };
    const inCa = await newCase('甲县的诉求');
    assert.equal((await t.act('disp', inCa, 'dispatch', { leadUnitId: units.ca })).statusCode, 200);
    assert.equal((await t.act('ca.h', inCa, 'sign')).statusCode, 200);
    const inCb = await newCase('乙区的诉求');
    assert.equal((await t.act('disp', inCb, 'dispatch', { leadUnitId: units.cb })).statusCode, 200);
    const direct = await newCase('咨询');
    assert.equal((await t.act('op', direct, 'answer', { note: '已答复' })).statusCode, 200);
  });
  after(async () => { await t.close(); });

  it('gives citywide staff the whole city, exact before the projector has run', async () => {
    const res = await t.call('lead', 'GET', `/api/stats/dashboard?${year}`);
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json();
    assert.equal(d.counts.accepted, 3);
    assert.equal(d.counts.direct, 1);
    assert.equal(d.tiles.find((x: { key: string }) => x.key === 'directRate').value, 1 / 3);
    assert.equal(d.asOf.projectedThrough, 0);
    assert.ok(d.asOf.tailEntries > 0);
    assert.ok(d.calls, 'citywide staff see the hotline figures');
    assert.equal(d.openNow, 2);
  });

  it('scopes a unit to its subtree and refuses another unit\'s', async () => {
    const mine = await t.call('ca.h', 'GET', `/api/stats/dashboard?${year}`);
    assert.equal(mine.statusCode, 200, mine.body);
    const d = mine.json();
    assert.deepEqual([d.counts.accepted, d.counts.assignments, d.filters.unitId], [1, 1, t.org.units.ca]);
    assert.equal(d.calls, null);
    const other = await t.call('ca.h', 'GET', `/api/stats/dashboard?${year}&unitId=${t.org.units.cb}`);
    assert.equal(other.statusCode, 403);
    const drill = await t.call('ca.h', 'GET', `/api/stats/drill?${year}&metric=accepted`);
    assert.equal(drill.statusCode, 200, drill.body);
    assert.deepEqual(drill.json().cases.map((c: { title: string }) => c.title), ['甲县的诉求']);
  });

  it('drills, ranks, and explains the definitions', async () => {
    const drill = await t.call('lead', 'GET', `/api/stats/drill?${year}&metric=notSignedOnTime`);
    assert.equal(drill.statusCode, 200, drill.body);
    assert.deepEqual([drill.json().total, drill.json().cases[0].title], [1, '乙区的诉求']);
    const league = await t.call('lead', 'GET', `/api/stats/league?${year}&level=county`);
    assert.equal(league.statusCode, 200, league.body);
    assert.deepEqual(league.json().units.map((u: { key: string }) => u.key), ['ca', 'cb']);
    const defs = await t.call('ca.h', 'GET', '/api/stats/definitions');
    assert.equal(defs.statusCode, 200);
    assert.ok(defs.json().kpis.some((k: { zh: string }) => k.zh === '按时办结率'));
  });

  it('refuses a reversed period, an unknown metric, and strangers', async () => {
    assert.equal((await t.call('lead', 'GET', '/api/stats/dashboard?from=2026-05-01&to=2026-04-01')).statusCode, 400);
    assert.equal((await t.call('lead', 'GET', `/api/stats/drill?${year}&metric=nonsense`)).statusCode, 400);
    assert.equal((await t.call(null, 'GET', `/api/stats/dashboard?${year}`)).statusCode, 401);
  });
});
