import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { Db } from '../../src/db/database.ts';
import { dispatchCase, signCase } from '../../src/modules/case/case.dispatch.ts';
import { createCase } from '../../src/modules/case/case.intake.ts';
import {
  approveExtension, approveSuspension, refuseExtension, requestExtension, requestSuspension, resumeCase,
} from '../../src/modules/deadline/deadline.commands.ts';
import { runSweep } from '../../src/modules/deadline/sweeper.ts';
import { buildOrgTree, type OrgTree } from '../support/factories.ts';
import { runAs } from '../support/commands.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';

const run = promisify(execFile);
/** An instant in Asia/Shanghai. */
const sh = (local: string) => new Date(`${local}+08:00`);

/**
 * Deadlines on the working-day calendar, extensions, suspensions and the
 * escalation ladder, with the clock set by hand (all in March 2026:
 * Mon 03-02 is the dispatch day; the default complaint limit is 10 working
 * days, a working day has 7 working hours, the ladder urges at expiry,
 * supervises after 14 and lists after 35 overdue working hours).
 */
describe('deadlines, extensions, suspensions and the sweeper', () => {
  let tdb: TestDatabase;
  let db: Db;
  let org: OrgTree;

  before(async () => {
    tdb = await freshDatabase();
    db = tdb.db;
    org = await buildOrgTree(db);
  });
  after(async () => { await tdb.drop(); });

  /** A complaint received Mon 2026-03-02 09:00, dispatched at 10:00 to `lead`, signed at 11:00. */
  async function signedComplaint(title: string, lead = 'ca') {
    const c = await runAs(db, 'op', sh('2026-03-02T09:00:00'), (ctx) => createCase(ctx, {
      channel: 'hotline', type: 'complaint', urgency: 'normal', title, content: `${title}，请尽快处理。`, register: true, receivedAt: sh('2026-03-02T09:00:00'),
    }));
    const d = await runAs(db, 'disp', sh('2026-03-02T10:00:00'), (ctx) => dispatchCase(ctx, { caseId: c.id, version: c.version, leadUnitId: org.units[lead] }));
    const s = await runAs(db, `${lead}.h`, sh('2026-03-02T11:00:00'), (ctx) => signCase(ctx, { caseId: c.id, version: d.version }));
    return s;
  }
  const leadOf = (caseId: number) =>
    db.selectFrom('caseAssignments').selectAll().where('caseId', '=', caseId).where('role', '=', 'lead').executeTakeFirstOrThrow();
  const caseRow = (caseId: number) => db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
  const historyOf = async (caseId: number) =>
    (await db.selectFrom('caseHistory').select('action').where('caseId', '=', caseId).orderBy('id').execute()).map((h) => h.action);

  it('sets the register, sign and reply deadlines from the policy table, and records the policy', async () => {
    const c = await runAs(db, 'op', sh('2026-03-02T09:00:00'), (ctx) => createCase(ctx, {
      channel: 'hotline', type: 'complaint', urgency: 'normal', title: '楼道堆放杂物', content: '楼道堆放杂物，存在消防隐患。', receivedAt: sh('2026-03-02T09:00:00'),
    }));
    // 1 working day for registration: the end (24:00) of Tue 03-03.
    assert.equal(c.registerDueAt?.toISOString(), sh('2026-03-04T00:00:00').toISOString());
    const withRegister = await runAs(db, 'op', sh('2026-03-02T09:30:00'), async (ctx) => {
      const { registerCase } = await import('../../src/modules/case/case.intake.ts');
      return registerCase(ctx, { caseId: c.id, version: c.version });
    });
    await runAs(db, 'disp', sh('2026-03-02T10:00:00'), (ctx) => dispatchCase(ctx, { caseId: c.id, version: withRegister.version, leadUnitId: org.units['ca'], assistUnitIds: [org.units['dept.zjj']] }));
    const assignments = await db.selectFrom('caseAssignments').selectAll().where('caseId', '=', c.id).orderBy('id').execute();
    assert.equal(assignments.length, 2);
    for (const a of assignments) {
      // Sign within 1 working day; reply within 10 (Mar 3,4,5,6,9,10,11,12,13,16): 24:00 of Mon 03-16.
      assert.equal(a.signDueAt?.toISOString(), sh('2026-03-04T00:00:00').toISOString(), a.role);
      assert.equal(a.replyDueAt?.toISOString(), sh('2026-03-17T00:00:00').toISOString(), a.role);
      assert.deepEqual((a.replyPolicy as { amount: number; unit: string }).amount, 10);
      assert.equal((a.replyPolicy as { unit: string }).unit, 'workdays');
    }
  });

  it('escalates an overdue reply up the ladder exactly once per rung, from two processes at once too', async () => {
    const c = await signedComplaint('小区门口污水外溢');
    const lead = await leadOf(c.id);
    assert.equal(lead.replyDueAt?.toISOString(), sh('2026-03-17T00:00:00').toISOString());

    await runSweep(db, sh('2026-03-16T23:59:00')); // earlier tests' unsigned assignments may fire here
    assert.equal((await caseRow(c.id)).urgeCount, 0, 'not before the deadline');

    const atExpiry = await runSweep(db, sh('2026-03-17T08:00:00'));
    assert.equal(atExpiry.skipped, false);
    assert.ok(!atExpiry.skipped && atExpiry.result.byLevel.urge >= 1);
    assert.equal((await caseRow(c.id)).urgeCount, 1);
    const again = await runSweep(db, sh('2026-03-17T08:00:00'));
    assert.ok(!again.skipped && again.result.fired === 0, 'a second run changes nothing');

    // 14 working hours after 24:00 of 03-16: Tue and Wed, 17:30. Two processes sweep at once.
    const env = { ...process.env, DATABASE_URL: tdb.url, SWEEP_NOW: sh('2026-03-18T18:00:00').toISOString() };
    const outputs = await Promise.all([1, 2].map(() =>
      run(process.execPath, ['--import', 'tsx', 'test/support/sweep-once.ts'], { env, cwd: process.cwd() })));
    const results = outputs.map((o) => JSON.parse(o.stdout) as { skipped: boolean; result?: { byLevel: Record<string, number> } });
    const supervised = results.reduce((n, r) => n + (r.result?.byLevel.supervise ?? 0), 0);
    assert.ok(supervised >= 1);
    const row = await caseRow(c.id);
    assert.equal(row.supervised, true);
    assert.equal(row.listed, false);

    // 35 working hours after: Tue..Fri and Mon 03-23, 17:30.
    await runSweep(db, sh('2026-03-23T17:00:00'));
    assert.equal((await caseRow(c.id)).listed, false);
    await runSweep(db, sh('2026-03-23T17:31:00'));
    assert.equal((await caseRow(c.id)).listed, true);

    const actions = await historyOf(c.id);
    assert.equal(actions.filter((a) => a === 'autoUrge').length, 1);
    assert.equal(actions.filter((a) => a === 'autoSupervise').length, 1);
    assert.equal(actions.filter((a) => a === 'autoListed').length, 1);
    const events = await db.selectFrom('outbox').select('eventType').where('caseId', '=', c.id).where('eventType', 'like', 'deadline.%').orderBy('id').execute();
    assert.deepEqual(events.map((e) => e.eventType), ['deadline.urged', 'deadline.escalated', 'deadline.escalated']);
  });

  it('catches up after downtime: every rung that came due fires in one sweep', async () => {
    const c = await signedComplaint('路面塌陷无人修');
    const res = await runSweep(db, sh('2026-03-30T09:00:00'));
    assert.ok(!res.skipped);
    const actions = await historyOf(c.id);
    assert.deepEqual(actions.filter((a) => a.startsWith('auto')), ['autoUrge', 'autoSupervise', 'autoListed']);
  });

  it('moves the deadline on an approved extension and keeps it on a refused one', async () => {
    const c = await signedComplaint('拆迁补偿款未到位');
    const asked = await runAs(db, 'ca.h', sh('2026-03-10T10:00:00'), (ctx) =>
      requestExtension(ctx, { caseId: c.id, version: c.version, days: 3, note: '需等待评估报告' }));
    const refused = await runAs(db, 'disp', sh('2026-03-10T11:00:00'), (ctx) =>
      refuseExtension(ctx, { caseId: c.id, version: asked.version, note: '时限内可以办结' }));
    assert.equal((await leadOf(c.id)).replyDueAt?.toISOString(), sh('2026-03-17T00:00:00').toISOString());

    const again = await runAs(db, 'ca.h', sh('2026-03-11T10:00:00'), (ctx) =>
      requestExtension(ctx, { caseId: c.id, version: refused.version, days: 3, note: '评估机构出具报告需三个工作日' }));
    const approved = await runAs(db, 'disp', sh('2026-03-11T11:00:00'), (ctx) =>
      approveExtension(ctx, { caseId: c.id, version: again.version }));
    // Three working days after Mon 03-16: Tue, Wed, Thu → 24:00 of Thu 03-19.
    assert.equal((await leadOf(c.id)).replyDueAt?.toISOString(), sh('2026-03-20T00:00:00').toISOString());
    assert.equal(approved.extensionCount, 1);

    // The old deadline's alarms are gone: nothing fires at the old expiry.
    await runSweep(db, sh('2026-03-17T08:00:00'));
    assert.equal((await caseRow(c.id)).urgeCount, 0);
    await runSweep(db, sh('2026-03-20T08:00:00'));
    assert.equal((await caseRow(c.id)).urgeCount, 1);

    const exts = await db.selectFrom('caseExtensions').select(['status', 'days']).where('caseId', '=', c.id).orderBy('id').execute();
    assert.deepEqual(exts, [{ status: 'refused', days: 3 }, { status: 'approved', days: 3 }]);
    const actions = (await historyOf(c.id)).filter((a) => a.includes('Extension'));
    assert.deepEqual(actions, ['requestExtension', 'refuseExtension', 'requestExtension', 'approveExtension']);
  });

  it('refuses an extension asked for after the deadline, and more than 10 days', async () => {
    const c = await signedComplaint('违建未拆除');
    await assert.rejects(
      runAs(db, 'ca.h', sh('2026-03-17T09:00:00'), (ctx) => requestExtension(ctx, { caseId: c.id, version: c.version, days: 2, note: '来不及' })),
      (err: { code?: string }) => err.code === 'PRECONDITION_FAILED',
    );
    await assert.rejects(
      runAs(db, 'ca.h', sh('2026-03-10T09:00:00'), (ctx) => requestExtension(ctx, { caseId: c.id, version: c.version, days: 11, note: '需要时间' })),
      (err: { code?: string }) => err.code === 'INVALID_INPUT',
    );
    assert.equal(await db.selectFrom('caseExtensions').select('id').where('caseId', '=', c.id).executeTakeFirst(), undefined);
  });

  it('stops the clock while suspended and moves the deadline by the working time it lasted', async () => {
    const c = await signedComplaint('土地纠纷待法院判决');
    const asked = await runAs(db, 'ca.h', sh('2026-03-04T10:00:00'), (ctx) =>
      requestSuspension(ctx, { caseId: c.id, version: c.version, note: '等待法院判决' }));
    const approved = await runAs(db, 'disp', sh('2026-03-04T10:00:00'), (ctx) => approveSuspension(ctx, { caseId: c.id, version: asked.version }));
    assert.equal(approved.suspended, true);
    // While suspended nothing fires, even long after the original deadline.
    await runSweep(db, sh('2026-03-18T08:00:00'));
    assert.equal((await caseRow(c.id)).urgeCount, 0);

    await runAs(db, 'disp', sh('2026-03-19T10:00:00'), (ctx) => resumeCase(ctx, { caseId: c.id, version: approved.version }));
    // At the pause 62 working hours were left (Wed 6 h, then 8 days of 7 h);
    // from Thu 03-19 10:00: 6 h that day, then 8 days → the close of Tue 03-31,
    // which stays an end-of-day deadline: 24:00 of 03-31.
    assert.equal((await leadOf(c.id)).replyDueAt?.toISOString(), sh('2026-04-01T00:00:00').toISOString());
    assert.equal((await caseRow(c.id)).suspended, false);
    const s = await db.selectFrom('caseSuspensions').select(['status', 'startedAt', 'endedAt']).where('caseId', '=', c.id).executeTakeFirstOrThrow();
    assert.equal(s.status, 'ended');
  });
});

describe('counts for bulletins', () => {
  let tdb: TestDatabase;
  before(async () => { tdb = await freshDatabase(); });
  after(async () => { await tdb.drop(); });

  it('counts per unit and period from the history: overdue, urged, supervised, extended, suspended, returned', async () => {
    const db = tdb.db;
    const org = await buildOrgTree(db);
    const { deadlineCounts } = await import('../../src/modules/deadline/deadline.counts.ts');
    const { returnCase } = await import('../../src/modules/case/case.dispatch.ts');
    const { urgeCase } = await import('../../src/modules/case/case.callback.ts');
    const newCase = (title: string) => runAs(db, 'op', sh('2026-03-02T09:00:00'), (ctx) => createCase(ctx, {
      channel: 'web', type: 'complaint', urgency: 'normal', title, content: `${title}。`, register: true, receivedAt: sh('2026-03-02T09:00:00'),
    }));
    const dispatch = (c: { id: number; version: number }, unit: string) =>
      runAs(db, 'disp', sh('2026-03-02T10:00:00'), (ctx) => dispatchCase(ctx, { caseId: c.id, version: c.version, leadUnitId: org.units[unit] }));
    // Case A: 甲县 signs, is urged by hand, goes overdue (automatic urging, then supervision), gets an extension.
    let a = await dispatch(await newCase('甲案'), 'ca');
    a = await runAs(db, 'ca.h', sh('2026-03-02T11:00:00'), (ctx) => signCase(ctx, { caseId: a.id, version: a.version }));
    a = await runAs(db, 'sup', sh('2026-03-05T09:00:00'), (ctx) => urgeCase(ctx, { caseId: a.id, version: a.version }));
    a = await runAs(db, 'ca.h', sh('2026-03-06T09:00:00'), (ctx) => requestExtension(ctx, { caseId: a.id, version: a.version, days: 1, note: '需现场复核' }));
    a = await runAs(db, 'disp', sh('2026-03-06T10:00:00'), (ctx) => approveExtension(ctx, { caseId: a.id, version: a.version }));
    // Case B: 乙区 returns it; case C: 乙区 signs and suspends.
    const b = await dispatch(await newCase('乙案'), 'cb');
    await runAs(db, 'cb.h', sh('2026-03-03T09:00:00'), (ctx) => returnCase(ctx, { caseId: b.id, version: b.version, note: '不属本区' }));
    let c = await dispatch(await newCase('丙案'), 'cb');
    c = await runAs(db, 'cb.h', sh('2026-03-02T11:00:00'), (ctx) => signCase(ctx, { caseId: c.id, version: c.version }));
    c = await runAs(db, 'cb.h', sh('2026-03-04T09:00:00'), (ctx) => requestSuspension(ctx, { caseId: c.id, version: c.version, note: '等待诉讼结果' }));
    await runAs(db, 'disp', sh('2026-03-04T10:00:00'), (ctx) => approveSuspension(ctx, { caseId: c.id, version: c.version }));
    // A's deadline: 10 working days + 1 → 24:00 of Tue 03-17; supervision 14 working hours later (Thu 03-19 17:30).
    await runSweep(db, sh('2026-03-20T09:00:00'));

    const march = await deadlineCounts(db, { from: '2026-03-01', to: '2026-03-31' });
    const byName = Object.fromEntries(march.map((u) => [u.unitName, u]));
    assert.deepEqual(
      { ...byName['甲县'], unitId: undefined },
      { unitId: undefined, unitName: '甲县', overdue: 1, urged: 2, supervised: 1, extended: 1, suspended: 0, returned: 0 },
    );
    assert.deepEqual(
      { ...byName['乙区'], unitId: undefined },
      { unitId: undefined, unitName: '乙区', overdue: 0, urged: 0, supervised: 0, extended: 0, suspended: 1, returned: 1 },
    );
    // A period before the sweep's day has no overdue; a subtree sees only itself.
    const early = await deadlineCounts(db, { from: '2026-03-01', to: '2026-03-10' });
    assert.equal(early.find((u) => u.unitName === '甲县')?.overdue, 0);
    const onlyB = await deadlineCounts(db, { from: '2026-03-01', to: '2026-03-31', unitPath: (await db.selectFrom('units').select('path').where('id', '=', org.units['cb']).executeTakeFirstOrThrow()).path });
    assert.deepEqual(onlyB.map((u) => u.unitName), ['乙区']);
  });
});
