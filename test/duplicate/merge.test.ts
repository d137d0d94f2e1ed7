import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { countContactsAndCases, followMerges } from '../../src/modules/duplicate/duplicate.repository.ts';
import { startTestApp, type TestApp } from '../support/http.ts';

/** Merging a repeat (并单): the citizen follows the target, which lists its contacts; figures count contacts and cases apart. */
describe('merging repeats', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(async () => { await t.close(); });

  const ok = async (p: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) => {
    const res = await p;
    assert.equal(res.statusCode, status, res.body);
    return res.json();
  };
  const intake = (body: Record<string, unknown>) => ok(t.call('op', 'POST', '/api/cases', {
    type: 'complaint', urgency: 'normal', title: '小区垃圾无人清运', content: '幸福小区垃圾桶已经一周没人清运，臭味很大，请督促物业处理。', ...body,
  }), 201);

  it('links the merged contact to the target, which lists it; the merged case names where it went', async () => {
    const from = new Date(Date.now() - 1000);
    const target = await intake({ channel: 'board', citizenName: '王芳', citizenPhone: '13800000001' });
    const repeat = await intake({ channel: 'hotline', citizenName: '李强', citizenPhone: '13800000002' });
    assert.ok(repeat.suggestedDuplicates.length === 0 || repeat.suggestedDuplicates.every((d: { caseId: number }) => d.caseId !== repeat.id));

    const merged = await ok(t.act('op', repeat.id, 'merge', { intoCaseId: target.id, note: '同一问题重复反映' }));
    assert.equal(merged.state, 'merged');
    assert.equal(merged.mergedIntoId, target.id);
    assert.equal(merged.mergedIntoNumber, target.number);

    const view = await ok(t.call('op', 'GET', `/api/cases/${target.id}`));
    assert.equal(view.contacts.length, 1);
    assert.deepEqual(view.contacts[0], {
      mergedCaseId: repeat.id, mergedCaseNumber: repeat.number, channel: 'hotline', receivedAt: view.contacts[0].receivedAt,
      citizen: { name: '李强', phone: '13800000002' },
    });
    assert.equal(view.mergedIntoNumber, null);
    const row = await t.tdb.db.selectFrom('caseContacts').selectAll().where('mergedCaseId', '=', repeat.id).executeTakeFirstOrThrow();
    assert.equal(row.caseId, target.id);
    assert.deepEqual(await followMerges(t.tdb.db, repeat.id), { id: target.id, number: target.number });

    // Contacts and cases are counted apart: two appeals received, one case.
    const figures = await countContactsAndCases(t.tdb.db, from, new Date(Date.now() + 1000));
    assert.deepEqual(figures, { contacts: 2, cases: 1 });
    const http = await ok(t.call('sup', 'GET', `/api/figures/contacts?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 1000).toISOString())}`));
    assert.equal(http.contacts, 2);
    assert.equal(http.cases, 1);
  });

  it('moves the contacts along when the target is merged in turn, and hides them where the case hides its citizen', async () => {
    const a = await intake({ channel: 'web', citizenPhone: '13800000011' });
    const b = await intake({ channel: 'app', citizenPhone: '13800000012', confidential: true, citizenName: '赵敏' });
    const c = await intake({ channel: 'hotline', citizenPhone: '13800000013' });
    await ok(t.act('op', b.id, 'merge', { intoCaseId: a.id }));
    await ok(t.act('op', a.id, 'merge', { intoCaseId: c.id }));
    const view = await ok(t.call('op', 'GET', `/api/cases/${c.id}`));
    assert.deepEqual(view.contacts.map((x: { mergedCaseId: number }) => x.mergedCaseId), [a.id, b.id]);
    assert.deepEqual(await followMerges(t.tdb.db, b.id), { id: c.id, number: c.number });
    assert.equal((await ok(t.call('op', 'GET', `/api/cases/${b.id}`))).mergedIntoNumber, a.number);

    // A handling unit sees the confidential contact without name or phone.
    await ok(t.act('op', c.id, 'register'));
    await ok(t.act('disp', c.id, 'dispatch', { leadUnitId: t.org.units['cb'] }));
    const unitView = await ok(t.call('cb.h', 'GET', `/api/cases/${c.id}`));
    const hidden = unitView.contacts.find((x: { mergedCaseId: number }) => x.mergedCaseId === b.id);
    assert.equal(hidden.citizen, null);
    assert.ok(unitView.contacts.find((x: { mergedCaseId: number }) => x.mergedCaseId === a.id).citizen);
  });

  it('refuses a figures range that ends before it starts', async () => {
    const res = await t.call('sup', 'GET', '/api/figures/contacts?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z');
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'INVALID_INPUT');
  });
});
