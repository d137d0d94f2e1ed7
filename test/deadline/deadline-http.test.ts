import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../support/http.ts';

/** What the API shows of deadlines: due instants per unit with their on-time / due-soon / overdue state. */
describe('deadlines in the case view', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    // Tests run on any date: confirm the next years as an administrator would once the notice is out.
    const year = new Date().getFullYear();
    await t.tdb.db.insertInto('calendarYears').values([{ year: year + 1, note: 'test' }, { year: year + 2, note: 'test' }])
      .onConflict((oc) => oc.doNothing()).execute();
  });
  after(async () => { await t.close(); });

  it('shows each unit’s sign and reply deadlines and turns yellow, then red', async () => {
    const created = await t.call('op', 'POST', '/api/cases', {
      channel: 'board', type: 'complaint', title: '公交站台破损', content: '甲一镇公交站台顶棚破损漏雨。', register: true,
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id;
    const dispatched = await t.act('disp', id, 'dispatch', { leadUnitId: t.org.units['ca'] });
    assert.equal(dispatched.statusCode, 200, dispatched.body);
    const lead = dispatched.json().assignments[0];
    assert.equal(lead.signDeadline.state, 'on_time');
    assert.equal(lead.replyDeadline.state, 'on_time');
    // Board messages get 7 working days (shorter than a hotline complaint's 10), recorded with the deadline.
    assert.equal(lead.replyPolicy.amount, 7);
    assert.ok(new Date(lead.replyDeadline.dueAt) > new Date(lead.signDeadline.dueAt));

    const setDue = (interval: string) =>
      sql`UPDATE case_assignments SET reply_due_at = now() + ${interval}::interval WHERE case_id = ${id}`.execute(t.tdb.db);
    await t.act('ca.h', id, 'sign');
    await setDue('-1 hour');
    const overdue = (await t.call('ca.h', 'GET', `/api/cases/${id}`)).json().assignments[0];
    assert.equal(overdue.replyDeadline.state, 'overdue');
    assert.equal(overdue.signDeadline.state, 'done');
    await setDue('30 days');
    assert.equal((await t.call('ca.h', 'GET', `/api/cases/${id}`)).json().assignments[0].replyDeadline.state, 'on_time');
  });

  it('lets the unit ask for an extension and the centre approve it over HTTP, refusing the wrong roles', async () => {
    const c = (await t.call('op', 'POST', '/api/cases', { channel: 'web', type: 'help', title: '低保申请进度', content: '低保申请已两个月无回音。', register: true })).json();
    await t.act('disp', c.id, 'dispatch', { leadUnitId: t.org.units['cb'] });
    await t.act('cb.h', c.id, 'sign');
    const before = (await t.call('cb.h', 'GET', `/api/cases/${c.id}`)).json().assignments[0].replyDeadline.dueAt;
    const asked = await t.act('cb.h', c.id, 'requestExtension', { days: 2, note: '需民政部门复核' });
    assert.equal(asked.statusCode, 200, asked.body);
    assert.ok(asked.json().allowedActions.every((a: string) => a !== 'requestExtension'), 'one request at a time');
    const byUnit = await t.act('cb.h', c.id, 'approveExtension');
    assert.equal(byUnit.json().error.code, 'ROLE_NOT_PERMITTED');
    const approved = await t.act('disp', c.id, 'approveExtension', { note: '同意' });
    assert.equal(approved.statusCode, 200, approved.body);
    const view = approved.json();
    assert.ok(new Date(view.assignments[0].replyDeadline.dueAt) > new Date(before));
    assert.equal(view.flags.extensionCount, 1);
    assert.equal(view.extensions[0].status, 'approved');
    const none = await t.act('disp', c.id, 'approveExtension');
    assert.equal(none.statusCode, 422);
    assert.equal(none.json().error.code, 'PRECONDITION_FAILED');
  });
});
