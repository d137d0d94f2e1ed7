import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { shanghaiDate } from '../../src/domain/calendar.ts';
import { createUser } from '../../src/modules/user/user.commands.ts';
import { TEST_PASSWORD } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/http.ts';
import { ok, refused } from '../support/expect.ts';

const DAY_MS = 86_400_000;
const dateFromToday = (days: number) => shanghaiDate(new Date(Date.now() + days * DAY_MS));

/**
 * Hard and long-standing cases (理旧账) over HTTP: a leader, a task force
 * (一案一专班), milestones and reports, close-out (销号) by the responsible
 * leader only, and the ledger (台账) as JSON and XLSX.
 */
describe('hard cases and the ledger', () => {
  let t: TestApp;
  let hardId: number;
  let supervisedId: number;
  let calmId: number;
  let leadId: number;
  let lead2Id: number;
  const pastDue = dateFromToday(-10);
  const futureDue = dateFromToday(30);

  const newCase = async (title: string, leadUnit: string) => {
    const c = await ok(t.call('op', 'POST', '/api/cases', {
      channel: 'hotline', type: 'complaint', title, content: `${title}，多年未解决，群众反复来电。`, register: true,
    }), 201);
    await ok(t.act('disp', c.id, 'dispatch', { leadUnitId: t.org.units[leadUnit] }));
    return c.id as number;
  };
  const hardCaseUrl = (id: number, rest = '') => `/api/cases/${id}/hard-case${rest}`;
  const history = (id: number) =>
    t.tdb.db.selectFrom('caseHistory').select(['action', 'fromState', 'toState', 'note', 'data']).where('caseId', '=', id).orderBy('id').execute();

  before(async () => {
    t = await startTestApp();
    leadId = t.org.users['lead'];
    const second = await createUser(t.tdb.db, {
      username: 'lead2', displayName: 'lead2', unitId: t.org.units['city'], roles: ['leader'], password: TEST_PASSWORD,
    });
    lead2Id = second.id;
    hardId = await newCase('老旧小区排水管网长期堵塞', 'ca');
    supervisedId = await newCase('农贸市场占道经营', 'cb');
    calmId = await newCase('公交站台破损', 'cb');
    await ok(t.act('sup', supervisedId, 'supervise', { note: '列入督办' }));
    await ok(t.act('sup', calmId, 'supervise'));
    // Received 20 days ago; reply deadlines: one passed, the others ahead (as the deadline module would set them).
    await t.tdb.db.updateTable('cases').set({ receivedAt: new Date(Date.now() - 20 * DAY_MS) }).where('id', '=', hardId).execute();
    await t.tdb.db.updateTable('caseAssignments').set({ replyDueAt: sql`now() + interval '5 days'` }).where('caseId', 'in', [hardId, calmId]).execute();
    await t.tdb.db.updateTable('caseAssignments').set({ replyDueAt: sql`now() - interval '1 day'` }).where('caseId', '=', supervisedId).execute();
  });
  after(async () => { await t.close(); });

  it('opens a hard case with a responsible leader, a task force of two units and milestones', async () => {
    const { units } = t.org;
    // Before: the member unit was never assigned and does not see the case.
    await refused(t.call('dept.zjj.h', 'GET', `/api/cases/${hardId}`), 404, 'CASE_NOT_FOUND');
    await refused(t.call('sup', 'GET', hardCaseUrl(hardId)), 404, 'NOT_FOUND');

    const body = {
      kind: 'legacy', responsibleLeaderId: leadId, plan: '住建局牵头摸排管网，甲县负责施工协调，分三步化解。',
      leadUnitId: units['ca'], memberUnitIds: [units['dept.zjj']],
      milestones: [{ title: '摸清管网底数', dueDate: pastDue }, { title: '完成管网改造', dueDate: futureDue }],
      note: '理旧账第一批',
    };
    await refused(t.call('disp', 'POST', hardCaseUrl(hardId), body), 403, 'ROLE_NOT_PERMITTED');
    await refused(t.call('ca.head', 'POST', hardCaseUrl(hardId), body), 403, 'ROLE_NOT_PERMITTED');
    await refused(t.call('sup', 'POST', hardCaseUrl(hardId), { ...body, responsibleLeaderId: t.org.users['sup'] }), 400, 'INVALID_INPUT');
    await refused(t.call('sup', 'POST', hardCaseUrl(hardId), { ...body, memberUnitIds: [units['ca']] }), 400, 'INVALID_INPUT');
    await refused(t.call('sup', 'POST', hardCaseUrl(hardId), { ...body, milestones: [{ title: 'x', dueDate: '2026-02-30' }] }), 400, 'INVALID_INPUT');

    const view = await ok(t.call('sup', 'POST', hardCaseUrl(hardId), body), 201);
    assert.equal(view.kind, 'legacy');
    assert.equal(view.status, 'open');
    assert.deepEqual(view.responsibleLeader, { id: leadId, name: 'lead' });
    assert.deepEqual(view.taskForce.map((u: any) => [u.unitName, u.role]), [['甲县', 'lead'], ['测试市住建局', 'member']]);
    assert.deepEqual(view.milestones.map((m: any) => [m.title, m.dueDate, m.done, m.overdue]), [
      ['摸清管网底数', pastDue, false, true], ['完成管网改造', futureDue, false, false],
    ]);
    assert.deepEqual(view.allowedActions, ['addMilestone', 'completeMilestone'], 'a supervisor keeps the plan but neither reports nor closes out');
    await refused(t.call('lead', 'POST', hardCaseUrl(hardId), body), 409, 'CONFLICT');

    // The member unit now sees the case like an assigned unit: view, list and hard case.
    assert.equal((await ok(t.call('dept.zjj.h', 'GET', `/api/cases/${hardId}`))).id, hardId);
    const list = await ok(t.call('dept.zjj.h', 'GET', '/api/cases'));
    assert.ok(list.items.some((i: { id: number }) => i.id === hardId));
    const asMember = await ok(t.call('dept.zjj.h', 'GET', hardCaseUrl(hardId)));
    assert.deepEqual(asMember.allowedActions, ['addMilestone', 'completeMilestone', 'report']);
    assert.deepEqual((await ok(t.call('lead', 'GET', hardCaseUrl(hardId)))).allowedActions,
      ['addMilestone', 'completeMilestone', 'report', 'closeOut']);
    // The case itself is untouched: same state, same version.
    const row = await t.tdb.db.selectFrom('cases').select(['state', 'version']).where('id', '=', hardId).executeTakeFirstOrThrow();
    assert.equal(row.state, 'dispatched');
  });

  it('refuses rejected cases and keeps units outside the task force out', async () => {
    const c = await ok(t.call('op', 'POST', '/api/cases', { channel: 'web', type: 'inquiry', title: '重复来电', content: '同一问题重复来电。' }), 201);
    await ok(t.act('op', c.id, 'reject', { reasonCode: (await t.tdb.db.selectFrom('rejectReasons').select('code').executeTakeFirstOrThrow()).code }));
    await refused(t.call('lead', 'POST', hardCaseUrl(c.id), {
      kind: 'hard', responsibleLeaderId: leadId, plan: '方案', leadUnitId: t.org.units['ca'],
    }), 422, 'PRECONDITION_FAILED');
    for (const outsider of ['cb.h', 'cb.t1.h', 'ca.t2.h']) {
      await refused(t.call(outsider, 'GET', `/api/cases/${hardId}`), 404, 'CASE_NOT_FOUND');
      await refused(t.call(outsider, 'GET', hardCaseUrl(hardId)), 404, 'CASE_NOT_FOUND');
      await refused(t.call(outsider, 'POST', hardCaseUrl(hardId, '/reports'), { content: '我来报个进展' }), 404, 'CASE_NOT_FOUND');
    }
  });

  it('takes reports from the task force and the leader, and milestones from the task force', async () => {
    await ok(t.call('dept.zjj.h', 'POST', hardCaseUrl(hardId, '/reports'), { content: '已完成东片区管网摸排，共发现堵点12处。' }), 201);
    const mid = (await ok(t.call('lead', 'GET', hardCaseUrl(hardId)))).milestones[1].id;
    const afterLeader = await ok(t.call('lead', 'POST', hardCaseUrl(hardId, '/reports'), { content: '专班会议：月底前完成改造招标。', milestoneId: mid }), 201);
    assert.deepEqual(afterLeader.reports.map((r: any) => [r.unitName, r.authorName, r.milestoneId]), [['测试市住建局', 'dept.zjj.h', null], ['测试市', 'lead', mid]]);
    await refused(t.call('sup', 'POST', hardCaseUrl(hardId, '/reports'), { content: '督办员不报进展' }), 403, 'ROLE_NOT_PERMITTED');
    await refused(t.call('lead2', 'POST', hardCaseUrl(hardId, '/reports'), { content: '另一位领导' }), 403, 'NOT_RESPONSIBLE_LEADER');
    await refused(t.call('dept.zjj.h', 'POST', hardCaseUrl(hardId, '/reports'), { content: '报错节点', milestoneId: 999999 }), 404, 'NOT_FOUND');

    const added = await ok(t.call('dept.zjj.h', 'POST', hardCaseUrl(hardId, '/milestones'), { title: '召开居民协调会', dueDate: futureDue }), 201);
    assert.deepEqual(added.milestones.map((m: any) => m.title), ['摸清管网底数', '完成管网改造', '召开居民协调会']);
    const meeting = added.milestones[2].id;
    const done = await ok(t.call('ca.head', 'POST', hardCaseUrl(hardId, `/milestones/${meeting}/done`), { note: '已开会' }));
    assert.equal(done.milestones[2].done, true);
    assert.equal(done.milestones[2].doneBy.name, 'ca.head');
    await refused(t.call('ca.head', 'POST', hardCaseUrl(hardId, `/milestones/${meeting}/done`), {}), 409, 'CONFLICT');
    // A milestone of another case is not found through this one.
    await refused(t.call('sup', 'POST', hardCaseUrl(hardId, '/milestones/999999/done'), {}), 404, 'NOT_FOUND');
  });

  it('lists hard and supervised cases in the ledger with the next milestone and overdue flags', async () => {
    const ledger = await ok(t.call('sup', 'GET', '/api/ledger'));
    assert.equal(ledger.today, dateFromToday(0));
    const byId = new Map(ledger.items.map((i: any) => [i.caseId, i]));
    assert.deepEqual([...byId.keys()].sort(), [hardId, supervisedId, calmId].sort());
    const hard: any = byId.get(hardId);
    assert.equal(hard.kind, 'hard');
    assert.equal(hard.hardCaseKind, 'legacy');
    assert.equal(hard.kindLabel.zh, '历史遗留');
    assert.deepEqual(hard.responsibleLeader, { id: leadId, name: 'lead' });
    assert.equal(hard.leadUnit.name, '甲县');
    assert.equal(hard.daysSinceReceived, 20);
    assert.equal(hard.daysAsHardCase, 0);
    assert.deepEqual(hard.nextMilestone, { id: hard.nextMilestone.id, title: '摸清管网底数', dueDate: pastDue, overdue: true });
    assert.equal(hard.milestoneOverdue, true);
    assert.equal(hard.replyOverdue, false);
    assert.equal(hard.overdue, true);
    assert.equal(hard.state, 'dispatched');
    const sup: any = byId.get(supervisedId);
    assert.equal(sup.kind, 'supervised');
    assert.equal(sup.responsibleLeader, null);
    assert.equal(sup.leadUnit.name, '乙区');
    assert.equal(sup.nextMilestone, null);
    assert.equal(sup.replyOverdue, true);
    assert.equal(sup.overdue, true);
    const calm: any = byId.get(calmId);
    assert.equal(calm.overdue, false);

    const ids = async (query: string, user = 'sup') => (await ok(t.call(user, 'GET', `/api/ledger${query}`))).items.map((i: any) => i.caseId).sort();
    assert.deepEqual(await ids('?kind=hard'), [hardId]);
    assert.deepEqual(await ids('?kind=supervised'), [supervisedId, calmId].sort());
    assert.deepEqual(await ids('?overdueOnly=true'), [hardId, supervisedId].sort());
    assert.deepEqual(await ids(`?leaderId=${leadId}`), [hardId]);
    assert.deepEqual(await ids(`?leaderId=${lead2Id}`), []);
    await refused(t.call('sup', 'GET', '/api/ledger?kind=everything'), 400, 'INVALID_INPUT');

    // Units see only their cases: the member unit its hard case, the outside unit not it.
    assert.deepEqual(await ids('', 'dept.zjj.h'), [hardId]);
    assert.deepEqual(await ids('', 'cb.h'), [supervisedId, calmId].sort());
    assert.deepEqual(await ids('', 'cb.t1.h'), []);
    assert.deepEqual(await ids('', 'lead'), [hardId, supervisedId, calmId].sort());
  });

  it('exports the ledger as an XLSX workbook that parses back', async () => {
    const res = await t.call('sup', 'GET', '/api/ledger.xlsx');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const today = dateFromToday(0);
    const disposition = String(res.headers['content-disposition']);
    assert.match(disposition, /^attachment;/);
    assert.ok(disposition.includes(`filename*=UTF-8''${encodeURIComponent(`台账-${today}.xlsx`)}`), disposition);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.getWorksheet('台账');
    assert.ok(ws);
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    assert.deepEqual(values(1), ['工单号', '标题', '类型', '责任领导', '牵头单位', '受理天数', '下一节点', '节点期限', '是否逾期', '催办次数', '状态']);
    assert.equal(ws.rowCount, 4);
    assert.deepEqual(ws.views[0], { ...ws.views[0], state: 'frozen', ySplit: 1 });
    const rows = [2, 3, 4].map(values);
    const hardNumber = (await t.tdb.db.selectFrom('cases').select('number').where('id', '=', hardId).executeTakeFirstOrThrow()).number;
    const hardRow = rows.find((r) => r[0] === hardNumber)!;
    assert.deepEqual(hardRow.slice(2), ['历史遗留', 'lead', '甲县', 20, '摸清管网底数', pastDue, '是', 0, '待签收']);
    // Overdue rows are red, the others not.
    for (let n = 2; n <= 4; n++) {
      const fill = ws.getRow(n).getCell(1).fill as { fgColor?: { argb?: string } } | undefined;
      assert.equal(fill?.fgColor?.argb === 'FFFFC7CE', ws.getRow(n).getCell(9).value === '是', `row ${n}`);
    }

    // An outside unit's export lacks the hard case.
    const outside = await t.call('cb.h', 'GET', '/api/ledger.xlsx?kind=hard');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(outside.rawPayload as never);
    assert.equal(wb2.getWorksheet('台账')!.rowCount, 1);
  });

  it('lets only the responsible leader close out, with a note while milestones are open', async () => {
    const before = await ok(t.call('lead', 'GET', hardCaseUrl(hardId)));
    await refused(t.call('sup', 'POST', hardCaseUrl(hardId, '/close-out'), { note: '督办员想销号' }), 403, 'NOT_RESPONSIBLE_LEADER');
    await refused(t.call('lead2', 'POST', hardCaseUrl(hardId, '/close-out'), { note: '别的领导想销号' }), 403, 'NOT_RESPONSIBLE_LEADER');
    await refused(t.call('ca.head', 'POST', hardCaseUrl(hardId, '/close-out'), {}), 403, 'NOT_RESPONSIBLE_LEADER');
    const en = await t.call('lead2', 'POST', hardCaseUrl(hardId, '/close-out'), {}, { 'accept-language': 'en' });
    assert.match(en.json().error.message, /Only the leader responsible/);
    const noNote = await refused(t.call('lead', 'POST', hardCaseUrl(hardId, '/close-out'), {}), 422, 'PRECONDITION_FAILED');
    assert.match(noNote.message, /2个节点未完成/);
    // Nothing changed.
    const unchanged = await ok(t.call('lead', 'GET', hardCaseUrl(hardId)));
    assert.deepEqual(unchanged, before);
    assert.ok(!(await history(hardId)).some((h) => h.action === 'hardcase.closeOut'));

    const closed = await ok(t.call('lead', 'POST', hardCaseUrl(hardId, '/close-out'), { note: '管网改造纳入明年市政计划，群众已认可，予以销号。' }));
    assert.equal(closed.status, 'closed_out');
    assert.equal(closed.closedOut.by.name, 'lead');
    assert.match(closed.closedOut.note, /予以销号/);
    assert.deepEqual(closed.allowedActions, []);
    await refused(t.call('lead', 'POST', hardCaseUrl(hardId, '/close-out'), { note: '再销一次' }), 422, 'PRECONDITION_FAILED');
    await refused(t.call('dept.zjj.h', 'POST', hardCaseUrl(hardId, '/reports'), { content: '销号后再报' }), 422, 'PRECONDITION_FAILED');

    // The ledger keeps the settled account, with nothing overdue in its plan.
    const row = (await ok(t.call('sup', 'GET', '/api/ledger?kind=hard'))).items[0];
    assert.equal(row.hardCaseStatus, 'closed_out');
    assert.equal(row.nextMilestone, null);
    assert.equal(row.overdue, false);
  });

  it('writes every step to the case history and the outbox, leaving the case state alone', async () => {
    const entries = await history(hardId);
    const hardEntries = entries.filter((h) => h.action.startsWith('hardcase.'));
    assert.deepEqual(hardEntries.map((h) => h.action), [
      'hardcase.open', 'hardcase.report', 'hardcase.report', 'hardcase.milestone', 'hardcase.milestoneDone', 'hardcase.closeOut',
    ]);
    for (const h of hardEntries) assert.deepEqual([h.fromState, h.toState], ['dispatched', 'dispatched']);
    const open = hardEntries[0];
    assert.equal(open.note, '理旧账第一批');
    assert.equal((open.data as any).responsibleLeaderId, leadId);
    assert.equal((open.data as any).milestones.length, 2);
    const events = await t.tdb.db.selectFrom('outbox').select('eventType').where('caseId', '=', hardId)
      .where('eventType', 'like', 'hardcase.%').orderBy('id').execute();
    assert.deepEqual(events.map((e) => e.eventType), hardEntries.map((h) => h.action));
  });
});
