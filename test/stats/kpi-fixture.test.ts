import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Db } from '../../src/db/database.ts';
import type { CaseRow } from '../../src/db/schema.ts';
import { compositeScore, computeKpis, type Counts, type KpiKey } from '../../src/domain/kpi.ts';
import type { Ctx } from '../../src/http/context.ts';
import { approveReply, draftReply, signOffReply } from '../../src/modules/case/case.reply.ts';
import { closeCase, recordCallback, rehandleCase, superviseCase } from '../../src/modules/case/case.callback.ts';
import { dispatchCase, redispatchCase, returnCase, signCase, submitInput } from '../../src/modules/case/case.dispatch.ts';
import { answerCase, createCase, mergeCase, rejectCase } from '../../src/modules/case/case.intake.ts';
import { approveExtension, requestExtension } from '../../src/modules/deadline/deadline.commands.ts';
import { runSweep } from '../../src/modules/deadline/sweeper.ts';
import { dashboard, naiveDashboard, type DashboardQuery } from '../../src/modules/stats/stats.dashboard.ts';
import { drill } from '../../src/modules/stats/stats.drill.ts';
import { league } from '../../src/modules/stats/stats.league.ts';
import { runProjector } from '../../src/modules/stats/stats.projector.ts';
import { verifyStats } from '../../src/modules/stats/stats.verify.ts';
import { runAs } from '../support/commands.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';
import { buildOrgTree, type OrgTree } from '../support/factories.ts';

/** An instant in Asia/Shanghai. */
const sh = (local: string) => new Date(`${local}+08:00`);

/**
 * Every KPI on a small, hand-built March 2026 (working days Mon–Fri; sign
 * within 1 working day; reply within 10 for complaints, 5 for help and
 * inquiries). The cases, in the order things happen:
 *
 * A  03-02 inquiry, answered at intake (直接办结).
 * B  03-02 a repeat, merged into A (并单).
 * C  03-03 not accepted (不予受理).
 * D  03-02 complaint → ca (lead, signs 03-02: on time) + dept.zjj (assists,
 *    signs 03-05 after its 03-03 deadline: late); reply drafted 03-06 (due
 *    03-16): on time; callback reached, resolved, 满意 → closed.
 * E  03-03 complaint → cb, which returns it unsigned the same day (退单);
 *    re-dispatched 03-04 to ca.t1 (signs 03-04); extension of 3 days
 *    approved 03-05 (延期); reply 03-20 (due 03-20 after the extension): on
 *    time; callback: unresolved, 不满意 → re-handled 03-23 (重办, fresh
 *    deadline); reply 03-25: on time; callback: partly resolved, 基本满意 →
 *    callback review → closed.
 * F  03-05 complaint → ca (signs 03-06); the sweeper urges at expiry on
 *    03-20 (超期); reply 03-25: late; three unreached callbacks → closed.
 * G  03-10 help request (web) → ca.t1, never signed; supervised 03-12; the
 *    sweeper urges its signature 03-20.
 * H  02-27 (February) inquiry, dispatched 03-02 to ca, signed at once, never
 *    answered (due 03-09; the sweeper urges, supervises and lists it on
 *    03-20): its case counts in
 *    February, its assignment in March; open and overdue now.
 */
describe('KPIs on a hand-built month', () => {
  let tdb: TestDatabase;
  let db: Db;
  let org: OrgTree;
  const ids: Record<string, number> = {};
  let catP = 0; // 城乡建设/物业管理/物业服务质量 (level 3 under 城乡建设)
  let catQ = 0; // 环境保护/噪声污染/社会生活噪声 (level 3 under 环境保护)
  let level1P = 0;
  let level1Q = 0;

  const march = { from: '2026-03-01', to: '2026-03-31' };
  const query = (over: Partial<DashboardQuery> = {}): DashboardQuery => ({
    period: march, filters: {}, bucket: 'week', categoryLevel: 1, top: 5, now: sh('2026-03-31T12:00:00'), calls: true, ...over,
  });

  /** Acts on case `name` as `user` at a Shanghai local time; keeps the version current. */
  const act = async (name: string, user: string, at: string, fn: (ctx: Ctx, p: { caseId: number; version: number }) => Promise<CaseRow>) => {
    const { version } = await db.selectFrom('cases').select('version').where('id', '=', ids[name]).executeTakeFirstOrThrow();
    return runAs(db, user, sh(at), (ctx) => fn(ctx, { caseId: ids[name], version }));
  };
  const intake = async (name: string, at: string, props: Partial<Parameters<typeof createCase>[1]> = {}) => {
    const c = await runAs(db, 'op', sh(at), (ctx) => createCase(ctx, {
      channel: 'hotline', type: 'complaint', urgency: 'normal', title: `工单${name}`, content: `工单${name}的内容`, register: true, receivedAt: sh(at), ...props,
    }));
    ids[name] = c.id;
  };
  const reply = async (name: string, unit: string, at: string) => {
    await act(name, `${unit}.h`, at, (ctx, p) => draftReply(ctx, { ...p, note: '答复内容' }));
    await act(name, `${unit}.head`, at, (ctx, p) => signOffReply(ctx, p));
    await act(name, 'rev', at, (ctx, p) => approveReply(ctx, p));
  };

  before(async () => {
    tdb = await freshDatabase();
    db = tdb.db;
    org = await buildOrgTree(db);
    const cat = async (fullName: string) => (await db.selectFrom('categories').select(['id', 'parentId']).where('fullName', '=', fullName).executeTakeFirstOrThrow()).id;
    catP = await cat('城乡建设/物业管理/物业服务质量');
    catQ = await cat('环境保护/噪声污染/社会生活噪声');
    level1P = await cat('城乡建设');
    level1Q = await cat('环境保护');

    await intake('H', '2026-02-27T10:00:00', { type: 'inquiry', categoryId: catQ });
    await intake('A', '2026-03-02T09:00:00', { type: 'inquiry', register: false });
    await act('A', 'op', '2026-03-02T09:05:00', (ctx, p) => answerCase(ctx, { ...p, note: '已按知识库答复' }));
    await intake('B', '2026-03-02T09:30:00', { type: 'inquiry', register: false });
    await act('B', 'op', '2026-03-02T09:35:00', (ctx, p) => mergeCase(ctx, { ...p, intoCaseId: ids.A }));
    await intake('D', '2026-03-02T09:40:00', { categoryId: catP, regionUnitId: org.units['ca.t1.v1'] });
    await act('D', 'disp', '2026-03-02T10:00:00', (ctx, p) => dispatchCase(ctx, { ...p, leadUnitId: org.units.ca, assistUnitIds: [org.units['dept.zjj']] }));
    await act('H', 'disp', '2026-03-02T10:00:00', (ctx, p) => dispatchCase(ctx, { ...p, leadUnitId: org.units.ca }));
    await act('D', 'ca.h', '2026-03-02T11:00:00', (ctx, p) => signCase(ctx, p));
    await act('H', 'ca.h', '2026-03-02T11:00:00', (ctx, p) => signCase(ctx, p));

    await intake('C', '2026-03-03T09:00:00');
    await act('C', 'op', '2026-03-03T09:10:00', (ctx, p) => rejectCase(ctx, { ...p, reasonCode: 'abusive' }));
    await intake('E', '2026-03-03T09:20:00', { categoryId: catP, regionUnitId: org.units['cb.t1'] });
    await act('E', 'disp', '2026-03-03T10:00:00', (ctx, p) => dispatchCase(ctx, { ...p, leadUnitId: org.units.cb }));
    await act('E', 'cb.h', '2026-03-03T15:00:00', (ctx, p) => returnCase(ctx, { ...p, note: '不属本单位职责' }));
    await act('E', 'disp', '2026-03-04T09:00:00', (ctx, p) => redispatchCase(ctx, { ...p, leadUnitId: org.units['ca.t1'] }));
    await act('E', 'ca.t1.h', '2026-03-04T10:00:00', (ctx, p) => signCase(ctx, p));

    await act('D', 'dept.zjj.h', '2026-03-05T09:00:00', (ctx, p) => signCase(ctx, p));
    await act('D', 'dept.zjj.h', '2026-03-05T10:00:00', (ctx, p) => submitInput(ctx, { ...p, note: '协办意见' }));
    await act('E', 'ca.t1.h', '2026-03-05T10:00:00', (ctx, p) => requestExtension(ctx, { ...p, days: 3, note: '需现场核实' }));
    await act('E', 'disp', '2026-03-05T11:00:00', (ctx, p) => approveExtension(ctx, p));
    await intake('F', '2026-03-05T09:00:00', { categoryId: catQ, regionUnitId: org.units['ca.t2'] });
    await act('F', 'disp', '2026-03-05T10:00:00', (ctx, p) => dispatchCase(ctx, { ...p, leadUnitId: org.units.ca }));
    await act('F', 'ca.h', '2026-03-06T09:00:00', (ctx, p) => signCase(ctx, p));
    await reply('D', 'ca', '2026-03-06T10:00:00');
    await act('D', 'rev', '2026-03-09T10:00:00', (ctx, p) => recordCallback(ctx, { ...p, reached: true, resolution: 'resolved', satisfaction: 'satisfied' }));

    await intake('G', '2026-03-10T09:00:00', { channel: 'web', type: 'help' });
    await act('G', 'disp', '2026-03-10T10:00:00', (ctx, p) => dispatchCase(ctx, { ...p, leadUnitId: org.units['ca.t1'] }));
    await act('G', 'sup', '2026-03-12T10:00:00', (ctx, p) => superviseCase(ctx, p));

    await runSweep(db, sh('2026-03-20T09:00:00'));
    await reply('E', 'ca.t1', '2026-03-20T10:00:00');
    await act('E', 'rev', '2026-03-20T15:00:00', (ctx, p) => recordCallback(ctx, { ...p, reached: true, resolution: 'unresolved', satisfaction: 'dissatisfied' }));
    await act('E', 'rev', '2026-03-23T09:00:00', (ctx, p) => rehandleCase(ctx, { ...p, note: '群众反映属实' }));
    await reply('E', 'ca.t1', '2026-03-25T10:00:00');
    await act('E', 'rev', '2026-03-25T15:00:00', (ctx, p) => recordCallback(ctx, { ...p, reached: true, resolution: 'partly', satisfaction: 'basically_satisfied' }));
    await act('E', 'rev', '2026-03-25T16:00:00', (ctx, p) => closeCase(ctx, { ...p, note: '已尽力' }));
    await reply('F', 'ca', '2026-03-25T11:00:00');
    for (const t of ['09', '10', '11']) {
      await act('F', 'rev', `2026-03-26T${t}:00:00`, (ctx, p) => recordCallback(ctx, { ...p, reached: false }));
    }
    await act('F', 'rev', '2026-03-26T12:00:00', (ctx, p) => closeCase(ctx, { ...p, note: '三次未接通' }));

    // Hotline calls on 03-02: answered after 10 s, after 20 s, and one missed.
    await sql`INSERT INTO hotline_calls (call_id, offered_at, answered_at, outcome) VALUES
      ('c1', '2026-03-02T09:00:00+08', '2026-03-02T09:00:10+08', 'answered'),
      ('c2', '2026-03-02T09:01:00+08', '2026-03-02T09:01:20+08', 'answered'),
      ('c3', '2026-03-02T09:02:00+08', NULL, 'abandoned')`.execute(db);
  });
  after(async () => { await tdb.drop(); });

  // The answers, worked out by hand from the story above.
  const expected: Partial<Counts> = {
    received: 7, merged: 1, rejected: 1, accepted: 5, direct: 1, dispatched: 4, closed: 4, replied: 4,
    handledClosed: 3, closedOnTime: 2, calledBack: 2, rated: 2, resolved: 1, partlyResolved: 1,
    satVery: 0, satOk: 1, satBasic: 1, satNo: 0, satVeryNo: 0, rehandled: 1, overdue: 1, urged: 2, supervised: 1,
    instructed: 0, unreasonable: 0, assignments: 7, signedOnTime: 4, returned: 1, extended: 1,
  };
  const expectedRates: Record<KpiKey, [number, number]> = {
    directRate: [1, 5], signOnTimeRate: [4, 7], closureRate: [4, 5], closedOnTimeRate: [2, 3], replyRate: [4, 5],
    callbackRate: [2, 3], resolutionRate: [1, 2], satisfactionRate: [2, 2], returnRate: [1, 7], rehandleRate: [1, 4], extensionRate: [1, 7],
  };

  const checkMarch = (d: Awaited<ReturnType<typeof dashboard>>) => {
    assert.deepEqual(Object.fromEntries(Object.keys(expected).map((k) => [k, d.counts[k as keyof Counts]])), expected);
    for (const t of d.tiles) {
      const [n, dn] = expectedRates[t.key];
      assert.deepEqual([t.numerator, t.denominator, t.value], [n, dn, n / dn], t.key);
    }
    // Now: G (help, due 03-17, never signed) and H (February's, due 03-09) are open, overdue and supervised.
    assert.deepEqual(d.overdue, { inPeriod: 1, openNow: 2 });
    assert.deepEqual(d.supervised, { inPeriod: 1, openNow: 2 });
    assert.equal(d.openNow, 2);
    assert.equal(d.calls?.offered, 3);
    assert.deepEqual([d.calls?.connectionRate.value, d.calls?.answeredWithin15sRate.value], [2 / 3, 1 / 3]);
  };

  it('computes every KPI exactly, before the projector ran (the tail), after it, and the naive way', async () => {
    const tailOnly = await dashboard(db, query());
    assert.equal(tailOnly.asOf.projectedThrough, 0);
    checkMarch(tailOnly);
    const r = await runProjector(db);
    assert.equal(r.skipped, false);
    const projected = await dashboard(db, query());
    assert.equal(projected.asOf.tailEntries, 0);
    checkMarch(projected);
    checkMarch(await naiveDashboard(db, query()));
    assert.deepEqual({ ...projected, asOf: null }, { ...(await naiveDashboard(db, query())), asOf: null });
    assert.equal((await verifyStats(db)).ok, true);
  });

  it('puts a case in the period it was received in and an assignment in the period it was dispatched in', async () => {
    const feb = await dashboard(db, query({ period: { from: '2026-02-01', to: '2026-02-28' } }));
    assert.deepEqual([feb.counts.received, feb.counts.accepted, feb.counts.dispatched, feb.counts.assignments, feb.counts.overdue, feb.counts.urged, feb.counts.supervised], [1, 1, 1, 0, 1, 1, 1]);
    const week = await dashboard(db, query({ period: { from: '2026-03-02', to: '2026-03-08' }, bucket: 'day' }));
    // A, B, D (03-02), C, E (03-03), F (03-05); G came on 03-10.
    assert.deepEqual(week.trend.points.map((p) => p.received), [3, 2, 0, 1, 0, 0, 0]);
    assert.equal(week.counts.accepted, 4);
  });

  it('slices by unit subtree (lead unit for cases, the assignment\'s unit for assignments), channel and category', async () => {
    const ca = await dashboard(db, query({ filters: { unitPath: (await unitPath('ca')) } }));
    // Cases led by ca or below: D, E (now ca.t1), F, G. Assignments: D, E, F, G, H to ca or ca.t1.
    assert.deepEqual([ca.counts.accepted, ca.counts.closed, ca.counts.assignments, ca.counts.signedOnTime], [4, 3, 5, 4]);
    const cb = await dashboard(db, query({ filters: { unitPath: (await unitPath('cb')) } }));
    assert.deepEqual([cb.counts.accepted, cb.counts.assignments, cb.counts.returned], [0, 1, 1]);
    assert.equal(cb.calls, null, 'calls have no unit');
    const web = await dashboard(db, query({ filters: { channel: 'web' } }));
    assert.deepEqual([web.counts.accepted, web.counts.assignments], [1, 1]);
    const p = await dashboard(db, query({ filters: { categoryId: level1P } }));
    assert.deepEqual([p.counts.accepted, p.counts.closed], [2, 2]); // D and E
  });

  it('ranks categories, rising ones against the previous period, and places on the map', async () => {
    const d = await dashboard(db, query());
    assert.deepEqual(d.topCategories.map((c) => [c.categoryId, c.accepted]), [[0, 2], [level1P, 2], [level1Q, 1]]);
    // February (01-29..02-28) had H in 环境保护: it does not rise; 城乡建设 rose from 0 to 2.
    assert.deepEqual(d.risingCategories.map((c) => [c.categoryId, c.previous, c.accepted]), [[level1P, 0, 2]]);
    const county = (key: string) => d.regions.counties.find((c) => c.key === key);
    assert.deepEqual([county('ca')?.received, county('cb')?.received], [2, 1]); // D, F in 甲县; E in 乙区
    assert.equal(d.regions.townships.find((t) => t.key === 'ca.t1')?.accepted, 1);
    assert.deepEqual(d.regions.unlocated, { received: 4, accepted: 2 }); // A, B, C, G have no place
  });

  it('drills into the cases behind a figure, adding up to it', async () => {
    const late = await drill(db, { figure: 'closedLate', period: march, filters: {}, limit: 10, offset: 0, now: sh('2026-03-31T12:00:00') });
    assert.deepEqual(late.cases.map((c) => c.id), [ids.F]);
    const unsigned = await drill(db, { figure: 'notSignedOnTime', period: march, filters: {}, limit: 10, offset: 0, now: sh('2026-03-31T12:00:00') });
    assert.deepEqual(unsigned.cases.map((c) => c.id).sort(), [ids.D, ids.E, ids.G].sort());
    assert.equal(unsigned.total, 3);
    const page2 = await drill(db, { figure: 'accepted', period: march, filters: {}, limit: 2, offset: 2, now: sh('2026-03-31T12:00:00') });
    assert.deepEqual([page2.total, page2.cases.length, page2.hasMore], [5, 2, true]);
    const page3 = await drill(db, { figure: 'accepted', period: march, filters: {}, limit: 2, offset: 4, now: sh('2026-03-31T12:00:00') });
    assert.deepEqual([page3.cases.length, page3.hasMore], [1, false]);
    const all = [...(await drill(db, { figure: 'accepted', period: march, filters: {}, limit: 10, offset: 0, now: sh('2026-03-31T12:00:00') })).cases];
    assert.deepEqual(all.map((c) => c.id), [ids.G, ids.F, ids.E, ids.D, ids.A].sort((a, b) => b - a));
    const overdue = await drill(db, { figure: 'overdueNow', period: march, filters: {}, limit: 10, offset: 0, now: sh('2026-03-31T12:00:00') });
    assert.deepEqual(overdue.cases.map((c) => c.id), [ids.G, ids.H]);
  });

  it('ranks counties by the composite score, with red and black lists', async () => {
    const t = await league(db, { period: march, level: 'county', scopePath: '/', filters: {}, top: 1, minVolume: 1 });
    // 甲县: sign 4/5, closure 3/4, on time 2/3, resolved 1/2, satisfied 2/2, returns 0/5, re-handled 1/4:
    // (10·0.8 + 15·0.75 + 20·2/3 + 15·0.5 + 25·1 + 10·1 + 5·0.75) / 100 = 78.83.
    // 乙区 has only E's returned assignment: sign 0/1, returns 1/1 → 0.
    assert.deepEqual(t.units.map((u) => [u.key, u.score, u.rank]), [['ca', 78.83, 1], ['cb', 0, 2]]);
    assert.deepEqual([t.red.map((u) => u.name), t.black.map((u) => u.name)], [['甲县'], ['乙区']]);
    assert.equal(compositeScore(computeKpis(t.units[0].counts)), 78.83);
  });

  it('keeps the hotline call figures in step with the call records', async () => {
    await sql`UPDATE hotline_calls SET outcome = 'called_back' WHERE call_id = 'c3'`.execute(db);
    let d = await dashboard(db, query());
    assert.deepEqual([d.calls?.offered, d.calls?.abandoned, d.calls?.calledBack, d.calls?.answered], [3, 0, 1, 2]);
    // A record sent again (upsert, as the hotline desk does) with a corrected answer time, and a new one in April.
    await sql`INSERT INTO hotline_calls (call_id, offered_at, answered_at, outcome) VALUES
      ('c2', '2026-03-02T09:01:00+08', '2026-03-02T09:01:12+08', 'answered'),
      ('c4', '2026-04-01T09:00:00+08', NULL, 'abandoned')
      ON CONFLICT (call_id) DO UPDATE SET answered_at = EXCLUDED.answered_at`.execute(db);
    d = await dashboard(db, query());
    assert.deepEqual([d.calls?.offered, d.calls?.answeredWithin15s], [3, 2]);
    assert.equal((await verifyStats(db)).ok, true);
    await sql`DELETE FROM hotline_calls WHERE call_id = 'c4'`.execute(db);
    assert.equal((await verifyStats(db)).ok, true);
  });

  const unitPath = async (key: string) => (await db.selectFrom('units').select('path').where('key', '=', key).executeTakeFirstOrThrow()).path;
});
