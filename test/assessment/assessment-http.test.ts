import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CaseRow } from '../../src/db/schema.ts';
import type { Ctx } from '../../src/http/context.ts';
import { closeCase, recordCallback } from '../../src/modules/case/case.callback.ts';
import { dispatchCase, redispatchCase, returnCase, signCase } from '../../src/modules/case/case.dispatch.ts';
import { createCase } from '../../src/modules/case/case.intake.ts';
import { approveReply, draftReply, signOffReply } from '../../src/modules/case/case.reply.ts';
import { runSweep } from '../../src/modules/deadline/sweeper.ts';
import { createUnit } from '../../src/modules/org/org.commands.ts';
import { createUser } from '../../src/modules/user/user.commands.ts';
import { hashPassword } from '../../src/modules/user/password.ts';
import { runProjector } from '../../src/modules/stats/stats.projector.ts';
import { verifyStats } from '../../src/modules/stats/stats.verify.ts';
import { runCli } from '../support/cli.ts';
import { runAs } from '../support/commands.ts';
import { TEST_PASSWORD } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/http.ts';

/** An instant in Asia/Shanghai. */
const sh = (local: string) => new Date(`${local}+08:00`);

/**
 * A hand-built March 2026 (the KPI fixture's calendar: complaints get 10
 * working days to reply, help requests 5):
 *
 * D  03-02 complaint → ca; signed, replied 03-06 (on time), resolved, 满意 → closed.
 * E  03-03 complaint → cb, which returns it (退单); re-dispatched to dept.zjj,
 *    replied 03-06 on time, 满意 → closed.
 * F  03-05 complaint → ca; signed 03-06; the sweeper finds it overdue 03-20
 *    (due 03-19); replied 03-25 (late); unresolved, 不满意 → closed.
 * G  03-10 help request through the web → cb; signed; overdue at the 03-20 sweep; open.
 *
 * The scheme (worked by hand in each test): 按时办结率 60 points, target 80 %,
 * 1 point per percentage point short; 满意率 40 points, target 90 %, all or
 * nothing; 5 points per case that went overdue, 2 per return; the web channel
 * excluded.
 *
 * County cc (丙县) has no case at all: not rated.
 */
const scheme = {
  indicators: [
    { kpi: 'closedOnTimeRate', weight: 60, target: 0.8, rule: { kind: 'perPoint', points: 1 } },
    { kpi: 'satisfactionRate', weight: 40, target: 0.9, rule: { kind: 'allOrNothing' } },
  ],
  deductions: [{ figure: 'overdue', points: 5 }, { figure: 'returned', points: 2 }],
  exclusions: { channels: ['web'] },
};

describe('assessment over HTTP', () => {
  let t: TestApp;
  const ids: Record<string, number> = {};
  let units: Record<string, number>;

  const act = async (name: string, user: string, at: string, fn: (ctx: Ctx, p: { caseId: number; version: number }) => Promise<CaseRow>) => {
    const { version } = await t.tdb.db.selectFrom('cases').select('version').where('id', '=', ids[name]).executeTakeFirstOrThrow();
    return runAs(t.tdb.db, user, sh(at), (ctx) => fn(ctx, { caseId: ids[name], version }));
  };
  const intake = async (name: string, at: string, props: Partial<Parameters<typeof createCase>[1]> = {}) => {
    const c = await runAs(t.tdb.db, 'op', sh(at), (ctx) => createCase(ctx, {
      channel: 'hotline', type: 'complaint', urgency: 'normal', title: `工单${name}`, content: `工单${name}的内容`, register: true, receivedAt: sh(at), ...props,
    }));
    ids[name] = c.id;
  };
  const reply = async (name: string, unit: string, at: string) => {
    await act(name, `${unit}.h`, at, (ctx, p) => draftReply(ctx, { ...p, note: '答复内容' }));
    await act(name, `${unit}.head`, at, (ctx, p) => signOffReply(ctx, p));
    await act(name, 'rev', at, (ctx, p) => approveReply(ctx, p));
  };
  const get = async (user: string, url: string) => {
    const res = await t.call(user, 'GET', url);
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const scores = async (q = 'year=2026&month=3') => {
    const body = await get('lead', `/api/assessment/scores?${q}`);
    return Object.fromEntries(body.units.map((u: { key: string; total: number | null; rank: number | null }) => [u.key, [u.total, u.rank]]));
  };
  const put = async (user: string, year: number, body: unknown, lang = 'en') => t.app.inject({
    method: 'PUT', url: `/api/assessment/schemes/${year}`, payload: body as object, headers: { cookie: await t.cookieOf(user), 'accept-language': lang },
  });

  before(async () => {
    t = await startTestApp();
    units = t.org.units;
    const db = t.tdb.db;
    units.cc = (await createUnit(db, null, { key: 'cc', name: '丙县', kind: 'region', parentId: units.city })).id;
    await createUser(db, { username: 'centre.head', displayName: '中心负责人', unitId: units.centre, roles: ['head'], passwordHash: await hashPassword(TEST_PASSWORD) });

    await intake('D', '2026-03-02T09:40:00');
    await act('D', 'disp', '2026-03-02T10:00:00', (ctx, p) => dispatchCase(ctx, { ...p, leadUnitId: units.ca }));
    await act('D', 'ca.h', '2026-03-02T11:00:00', (ctx, p) => signCase(ctx, p));
    await intake('E', '2026-03-03T09:20:00');
    await act('E', 'disp', '2026-03-03T10:00:00', (ctx, p) => dispatchCase(ctx, { ...p, leadUnitId: units.cb }));
    await act('E', 'cb.h', '2026-03-03T15:00:00', (ctx, p) => returnCase(ctx, { ...p, note: '不属本单位职责' }));
    await act('E', 'disp', '2026-03-04T09:00:00', (ctx, p) => redispatchCase(ctx, { ...p, leadUnitId: units['dept.zjj'] }));
    await act('E', 'dept.zjj.h', '2026-03-04T10:00:00', (ctx, p) => signCase(ctx, p));
    await intake('F', '2026-03-05T09:00:00');
    await act('F', 'disp', '2026-03-05T10:00:00', (ctx, p) => dispatchCase(ctx, { ...p, leadUnitId: units.ca }));
    await act('F', 'ca.h', '2026-03-06T09:00:00', (ctx, p) => signCase(ctx, p));
    await reply('D', 'ca', '2026-03-06T10:00:00');
    await reply('E', 'dept.zjj', '2026-03-06T11:00:00');
    await act('D', 'rev', '2026-03-09T10:00:00', (ctx, p) => recordCallback(ctx, { ...p, reached: true, resolution: 'resolved', satisfaction: 'satisfied' }));
    await act('E', 'rev', '2026-03-09T11:00:00', (ctx, p) => recordCallback(ctx, { ...p, reached: true, resolution: 'resolved', satisfaction: 'satisfied' }));
    await intake('G', '2026-03-10T09:00:00', { channel: 'web', type: 'help' });
    await act('G', 'disp', '2026-03-10T10:00:00', (ctx, p) => dispatchCase(ctx, { ...p, leadUnitId: units.cb }));
    await act('G', 'cb.h', '2026-03-10T11:00:00', (ctx, p) => signCase(ctx, p));
    await runSweep(db, sh('2026-03-20T09:00:00'));
    await reply('F', 'ca', '2026-03-25T11:00:00');
    await act('F', 'rev', '2026-03-26T10:00:00', (ctx, p) => recordCallback(ctx, { ...p, reached: true, resolution: 'unresolved', satisfaction: 'dissatisfied' }));
    await act('F', 'rev', '2026-03-26T12:00:00', (ctx, p) => closeCase(ctx, { ...p, note: '已尽力' }));
    const closed = await db.selectFrom('cases').select('id').where('state', '=', 'closed').orderBy('id').execute();
    assert.deepEqual(closed.map((c) => c.id), [ids.D, ids.E, ids.F]);
  });
  after(async () => { await t.close(); });

  it('uses the built-in default scheme for a year without one, and leaves units without cases unrated', async () => {
    const s = await get('ca.h', '/api/assessment/schemes/2026');
    assert.deepEqual([s.source, s.id, s.config.indicators.length], ['default', null, 7]);
    const body = await get('ca.h', '/api/assessment/scores?year=2026&month=3');
    assert.equal(body.scheme.source, 'default');
    const cc = body.units.find((u: { key: string }) => u.key === 'cc');
    assert.deepEqual([cc.rated, cc.total, cc.rank], [false, null, null]);
    assert.deepEqual(body.units.map((u: { key: string }) => u.key).sort(), ['ca', 'cb', 'cc']);
    assert.deepEqual(body.units.map((u: { rank: number | null }) => u.rank), [1, 2, null]);
  });

  it('refuses a bad scheme with a clear error and changes nothing; only administrators may replace it', async () => {
    const bad = async (config: unknown, pattern: RegExp, lang = 'en') => {
      const res = await put('admin', 2026, { name: 'bad', config }, lang);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.code, 'INVALID_INPUT');
      assert.match(res.json().error.message, pattern);
    };
    await bad({ ...scheme, indicators: [{ ...scheme.indicators[0], kpi: 'happinessRate' }] }, /indicators\/0\/kpi/);
    await bad({ ...scheme, indicators: [{ ...scheme.indicators[0], target: 80 }] }, /target/);
    await bad({ ...scheme, indicators: [scheme.indicators[0], scheme.indicators[0]] }, /closedOnTimeRate appears twice/);
    await bad({ ...scheme, indicators: [{ ...scheme.indicators[0], rule: { kind: 'perPoint' } }] }, /points per percentage point/);
    await bad({ ...scheme, exclusions: { categoryIds: [999999] } }, /no category 999999/);
    await bad({ ...scheme, surprise: true }, /不允许的字段 surprise/, 'zh-CN');
    const sup = await put('sup', 2026, { name: 'x', config: scheme });
    assert.equal(sup.statusCode, 403);
    assert.equal((await get('lead', '/api/assessment/schemes/2026')).source, 'default');
  });

  it('scores and ranks the counties on the stored scheme, month by month and for the year', async () => {
    // Without the web exclusion first: cb carries G's overdue (−5) and E's return (−2): 93.
    const v1 = await put('admin', 2026, { name: '2026 方案（草案）', config: { ...scheme, exclusions: {} } });
    assert.equal(v1.statusCode, 200, v1.body);
    assert.equal((await scores()).cb[0], 93);
    const v2 = await put('admin', 2026, { name: '2026 方案', config: scheme });
    assert.equal(v2.statusCode, 200, v2.body);
    assert.deepEqual([v2.json().source, v2.json().name], ['stored', '2026 方案']);
    assert.equal((await t.tdb.db.selectFrom('assessmentSchemes').select('id').where('year', '=', 2026).where('active', '=', true).execute()).length, 1);

    // ca: D on time, F late → 50 % on time, 30 points short of 80 % → 30; 1 of 2 satisfied < 90 % → 0; F overdue −5: 25.
    // cb: G excluded (web); no case of its own left → no indicator figures, full 100; E returned −2: 98.
    assert.deepEqual(await scores(), { cb: [98, 1], ca: [25, 2], cc: [null, null] });
    assert.deepEqual(await scores('year=2026'), { cb: [98, 1], ca: [25, 2], cc: [null, null] });
    assert.deepEqual(await scores('year=2026&month=4'), { ca: [null, null], cb: [null, null], cc: [null, null] });
    // Departments: dept.zjj closed E on time, satisfied: 100.
    assert.deepEqual(await scores('year=2026&month=3&level=department'), { 'dept.zjj': [100, 1] });
    // Townships of ca only (parent): none handled anything.
    assert.deepEqual(await scores(`year=2026&month=3&level=township&parent=${units.ca}`), { 'ca.t1': [null, null], 'ca.t2': [null, null] });

    const body = await get('lead', '/api/assessment/scores?year=2026&month=3');
    const ca = body.units.find((u: { key: string }) => u.key === 'ca');
    assert.deepEqual(ca.indicators.map((i: { numerator: number; denominator: number; points: number; reason: { code: string } }) => [i.numerator, i.denominator, i.points, i.reason.code]),
      [[1, 2, 30, 'short'], [1, 2, 0, 'missed']]);
    assert.deepEqual(ca.deductions.map((d: { figure: string; count: number; points: number }) => [d.figure, d.count, d.points]), [['overdue', 1, 5], ['returned', 0, 0]]);
  });

  it('drills from a deduction to the cases behind it, within what the caller may see', async () => {
    const b = await get('ca.head', `/api/assessment/units/${units.ca}/breakdown?year=2026&month=3`);
    assert.equal(b.unit.total, 25);
    assert.deepEqual(b.causes.map((c: { figure: string; total: number; cases: Array<{ id: number }> }) => [c.figure, c.total, c.cases.map((x) => x.id)]),
      [['closedLate', 1, [ids.F]], ['dissatisfied', 1, [ids.F]], ['overdue', 1, [ids.F]]]);
    const cb = await get('lead', `/api/assessment/units/${units.cb}/breakdown?year=2026&month=3`);
    assert.deepEqual(cb.causes.map((c: { figure: string; cases: Array<{ id: number }> }) => [c.figure, c.cases.map((x) => x.id)]), [['returned', [ids.E]]]);
    const res = await t.call('cb.head', 'GET', `/api/assessment/units/${units.ca}/breakdown?year=2026&month=3`);
    assert.equal(res.statusCode, 403);
  });

  it('refuses appeals that cannot be filed, with clear errors', async () => {
    const file = (user: string, body: unknown) => t.call(user, 'POST', '/api/assessment/appeals', body, { 'accept-language': 'en' });
    // A handler may not file (the unit head does).
    assert.equal((await file('ca.h', { caseId: ids.F, kind: 'forceMajeure', reason: '暴雨' })).statusCode, 403);
    // cb never saw D: not found or no access.
    const notVisible = await file('cb.head', { caseId: ids.D, kind: 'notResponsible', reason: '非本单位' });
    assert.deepEqual([notVisible.statusCode, notVisible.json().error.code], [404, 'CASE_NOT_FOUND']);
    // The centre sees every case but handled none.
    const never = await file('centre.head', { caseId: ids.D, kind: 'notResponsible', reason: '非本单位' });
    assert.deepEqual([never.statusCode, never.json().error.code], [422, 'PRECONDITION_FAILED']);
    assert.match(never.json().error.message, /never handled/);
    const badKind = await file('ca.head', { caseId: ids.F, kind: 'becauseWeSaySo', reason: 'x' });
    assert.equal(badKind.statusCode, 400);
    const noReason = await file('ca.head', { caseId: ids.F, kind: 'forceMajeure', reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.equal((await t.tdb.db.selectFrom('assessmentAppeals').select('id').execute()).length, 0);
  });

  it('an accepted appeal changes the score and is in the case history; a rejected one does not; decided twice is refused', async () => {
    const db = t.tdb.db;
    const filed = await t.call('ca.head', 'POST', '/api/assessment/appeals', { caseId: ids.F, kind: 'forceMajeure', reason: '3月中旬持续暴雨，现场无法施工' });
    assert.equal(filed.statusCode, 201, filed.body);
    assert.deepEqual([filed.json().status, filed.json().unitName, filed.json().caseNumber.length > 0], ['filed', '甲县', true]);
    const again = await t.call('ca.head', 'POST', '/api/assessment/appeals', { caseId: ids.F, kind: 'unreasonable', reason: '重复' }, { 'accept-language': 'en' });
    assert.deepEqual([again.statusCode, again.json().error.code], [409, 'CONFLICT']);
    assert.match(again.json().error.message, /open appeal/);
    // Filing alone changes nothing.
    assert.equal((await scores()).ca[0], 25);

    // Only the centre decides; a note is required; the appeal must exist.
    const id = filed.json().id;
    const decide = (user: string, appealId: number, body: unknown) => t.call(user, 'POST', `/api/assessment/appeals/${appealId}/decision`, body, { 'accept-language': 'en' });
    assert.equal((await decide('ca.head', id, { decision: 'accept', note: '自己批准' })).statusCode, 403);
    assert.equal((await decide('rev', id, { decision: 'accept', note: '同意' })).statusCode, 403);
    assert.equal((await decide('sup', id, { decision: 'accept', note: '' })).statusCode, 400);
    assert.equal((await decide('sup', 999999, { decision: 'accept', note: '同意' })).statusCode, 404);

    const ok = await decide('sup', id, { decision: 'accept', note: '经核实，气象部门发布暴雨预警' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual([ok.json().status, ok.json().decidedBy, ok.json().decisionNote], ['accepted', 'sup', '经核实，气象部门发布暴雨预警']);
    const twice = await decide('admin', id, { decision: 'reject', note: '改主意' });
    assert.deepEqual([twice.statusCode, twice.json().error.code], [409, 'CONFLICT']);
    assert.match(twice.json().error.message, /already accepted/);

    // F is forgiven its delay: 2 of 2 on time → 60; satisfaction still 1 of 2 → 0; no overdue: 60.
    const s = await scores();
    assert.deepEqual([s.ca, s.cb], [[60, 2], [98, 1]]);
    const b = await get('ca.head', `/api/assessment/units/${units.ca}/breakdown?year=2026&month=3`);
    assert.deepEqual([b.unit.total, b.unit.appealsAccepted], [60, 1]);
    assert.deepEqual(b.causes.map((c: { figure: string; cases: Array<{ id: number; appealed: boolean }> }) => [c.figure, c.cases.map((x) => [x.id, x.appealed])]),
      [['dissatisfied', [[ids.F, true]]]]);

    // The same kind again is refused; another kind, rejected, changes nothing.
    const same = await t.call('ca.head', 'POST', '/api/assessment/appeals', { caseId: ids.F, kind: 'forceMajeure', reason: '再次' });
    assert.equal(same.statusCode, 409);
    const second = await t.call('ca.head', 'POST', '/api/assessment/appeals', { caseId: ids.F, kind: 'unreasonable', reason: '诉求人要求超出政策范围' });
    assert.equal(second.statusCode, 201, second.body);
    const rejected = await decide('admin', second.json().id, { decision: 'reject', note: '诉求合理，不予采纳' });
    assert.deepEqual([rejected.statusCode, rejected.json().status], [200, 'rejected']);
    assert.equal((await scores()).ca[0], 60);

    // Every filing and decision is in F's history, in order.
    const history = await db.selectFrom('caseHistory').select(['action', 'note', 'actorUserId']).where('caseId', '=', ids.F)
      .where('action', 'like', 'assessmentAppeal%').orderBy('id').execute();
    assert.deepEqual(history.map((h) => h.action), ['assessmentAppealFiled', 'assessmentAppealAccepted', 'assessmentAppealFiled', 'assessmentAppealRejected']);
    assert.equal(history[1].note, '经核实，气象部门发布暴雨预警');
    const detail = await get('ca.head', `/api/cases/${ids.F}`);
    assert.ok(detail.history.some((h: { action: string }) => h.action === 'assessmentAppealAccepted'));

    // Appeals lists: the unit sees its own, the centre all, other units none of ca's.
    assert.equal((await get('ca.head', '/api/assessment/appeals')).appeals.length, 2);
    assert.equal((await get('sup', '/api/assessment/appeals?status=accepted')).appeals.length, 1);
    assert.equal((await get('cb.head', '/api/assessment/appeals')).appeals.length, 0);

    // The statistics are untouched by these history entries and still equal their recomputation.
    await runProjector(db);
    assert.equal((await verifyStats(db)).ok, true);
    assert.equal((await scores()).ca[0], 60);
  });

  it('prints the ranked table from the command line', async () => {
    const r = await runCli(['assessment', 'scores', '--year', '2026', '--month', '3'], { DATABASE_URL: t.tdb.url, MINSHENG_NO_JOBS: '1' });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /2026-03 county · scheme: 2026 方案 \(stored\)/);
    assert.match(lines[1], /^rank\s+key\s+unit\s+total\s+closedOnTimeRate\s+satisfactionRate\s+deducted$/);
    assert.match(lines[2], /^1\s+cb\s+乙区\s+98\.00\s+60\.00\s+40\.00\s+2\.00$/);
    assert.match(lines[3], /^2\s+ca\s+甲县\s+60\.00\s+60\.00\s+0\.00\s+0\.00$/);
    assert.match(lines[4], /^-\s+cc\s+丙县\s+不参评 not rated/);
  });
});
